/**
 * Held-out set 6: ~128 hand-labeled texts (98 positives, 30 hard negatives) written blind (without looking at the
 * detector or at the other evaluation sets; only markup.ts and heldout5.ts's doc comment and first entries were read),
 * meant to probe generalization to shapes the detector is unlikely to have been tuned on: Slack / Teams / WhatsApp /
 * KakaoTalk / LINE / Discord exports with timestamps and display names (including an unsaved contact shown as a phone
 * number), voice-call and WebVTT transcripts with speaker labels, agent handoff notes, CRM timelines, an incident
 * bridge, LLM tool-call arguments, REST / GraphQL payloads, SQL INSERT rows, nginx / JSON / debug logs, HAR, CSV with
 * Portuguese / Turkish headers, Markdown tables, HTML, vCard / iCalendar, git logs, .env / AWS / Kubernetes /
 * docker-compose / service-account config, PEM and OpenSSH keys, an airline PNR and other all-caps text, all-lowercase
 * chat and e-mail, and code-switched text (Taglish, Hinglish, Spanglish, Denglisch, Banglish). Names from Yoruba, Igbo,
 * Hausa, Ethiopian, Vietnamese, Thai, Indonesian (Balinese), Filipino, Pakistani, Bangladeshi, Iranian, Turkish, Greek,
 * Hungarian (surname first), Czech, Ukrainian, Brazilian, Mexican, Chilean (incl. Mapuche), Māori, Samoan, Hawaiian,
 * Korean, Japanese and Chinese backgrounds, lowercase first names, nicknames, multi-part surnames and names that are
 * also words (Hope, Joy, Faith, Summer, Hunter, Mercy, Sunny, Precious, Blessing, Bill); IN / AU / CA / ZA / BR / MX /
 * JP / KR / VN / TH / PH / PK / BD / TR / GR / HU / CZ / UA / CL / NZ / NG / US / UK address and phone formats.
 * Conventions (as heldout5): titles and honorifics (Mr, Ms, Dr, Dra., Sra., Engr., Bpk., Hajiya, Baba, Mummy, Tía,
 * Whaea, MS / MSTR in a PNR) and "'s" are outside PERSON spans; a full name is one PERSON span (also "SURNAME/GIVEN"
 * and a name with a quoted nickname inside it); a first name or surname alone, a lowercase name, a romanised or kana
 * reading of a name and a chat display name that is a person's name are PERSON spans; phone extensions are outside
 * PHONE; a phone number or SSN spelled out in words in a call transcript is one PHONE / US_SSN span; a street address
 * span runs from the house number / flat (or the street name where it comes first, or the postcode where the national
 * format starts with it) to the postcode and city written right after it; where an address is split over structured
 * fields (GraphQL input, CSV columns) the street line is STREET_ADDRESS, a city / region field is LOCATION and a bare
 * postcode field is not labeled; city / region / country names outside an address span are LOCATION; a URL carrying
 * personal values or credentials (including database URLs with a password) is one URL span with nothing labeled inside
 * it, while plain URLs without personal data are not labeled; for `password: value` / `PASSWORD=value` only the value
 * is SECRET; an API token, access key id, secret key, JWT or base64-encoded password is SECRET (a base64 username is
 * not); a PEM / OpenSSH private key is one SECRET span from its BEGIN line to its END line inclusive; DATE_OF_BIRTH
 * only where the context says it is a birth date (a `dob` / `birth_date` column, BDAY, a PNR SSR DOCS birth field or
 * CHD date), other dates are not labeled; organizations, role mailboxes, products and the support bot ("Juniper") are
 * not labeled; masked / last-4 card numbers, placeholder values, and national ids or account numbers that are not one
 * of the types (CPF, RFC, RUT, CNIC, NHS number, passport number, NUBAN, PNR nationality codes) are not labeled.
 * Cards are Luhn-valid, IBANs mod-97-valid with the right country length, SSNs valid by SSA rules, labeled IPs public
 * (private, loopback and documentation ranges appear only unlabeled / in negatives).
 */
import { parseMarkup, type LabeledDoc } from './markup.js';

const POSITIVES: readonly string[] = [
  // Slack export, Nigerian fintech escalation channel
  `#cx-escalations — exported 2024-08-02
[09:02] Juniper (bot): Daily digest: 14 open escalations, 3 breached SLA, oldest 41h. Top category: "transfer pending" (6).
[09:05] [[PERSON:tomasz]]: morning all. reminder the NIP switch maintenance is tonight 23:00–01:00 WAT, expect failed transfers + a spike in tickets tomorrow
[09:11] [[PERSON:Adaeze Okonkwo]]: ack. can we pin the status page link in here? https://status.example-pay.ng
[09:12] Juniper (bot): 📌 pinned a message.
[09:14] [[PERSON:Adaeze Okonkwo]]: @channel escalating ticket 58812, customer says she was debited twice for the same transfer
[09:15] [[PERSON:tomasz]]: which customer?
[09:15] [[PERSON:Adaeze Okonkwo]]: [[PERSON:Folasade Adebayo-Williams]], [[EMAIL:folasade.aw@gmail.com]], she's in [[LOCATION:Ibadan]]
[09:16] [[PERSON:tomasz]]: card on file ends 4417? if so refund the second one, it's the known switch timeout from tuesday
[09:17] Juniper (bot): Refund RF-20931 created for 12,500.00 NGN. ETA 24h.
[09:18] [[PERSON:Adaeze Okonkwo]]: thx. she also asked us to call her on [[PHONE:0805 319 7742]] once it lands :pray:
[09:20] [[PERSON:tomasz]]: on it. also FYI 58790 was a duplicate of 58788, closing
[09:21] Juniper (bot): Ticket 58790 closed (duplicate of 58788).
[09:33] [[PERSON:Adaeze Okonkwo]]: lunch order goes in at 12, jollof or shawarma? :eyes:
[09:34] [[PERSON:tomasz]]: shawarma. always shawarma`,

  // Microsoft Teams copy-paste, Australian furniture retailer
  `[[PERSON:Liam Fitzgerald]]  9:02 AM
morning - got a walk-in complaint from the flagship store, customer wants a callback
[[PERSON:Liam Fitzgerald]]  9:03 AM
name is [[PERSON:Hunter Nguyen-Clarke]], mob [[PHONE:0412 786 305]], he bought the Oslo desk on 14/05 and both legs snapped
[[PERSON:Mercy Adjei]]  9:05 AM
I'll take it. Delivery address on the order is [[STREET_ADDRESS:Unit 7, 42 Beach Road, Bondi NSW 2026]] - courier there or to the store?
[[PERSON:Liam Fitzgerald]]  9:06 AM
home pls. he's not in on Thursdays
[[PERSON:Mercy Adjei]]  9:06 AM
👍 booked for Fri AM, ref RTN-3390`,

  // WhatsApp export, Vietnamese flower shop order
  `12/03/2024, 21:47 - [[PERSON:Minh Nguyễn]]: chị ơi, em gửi thông tin giao hàng nhé
12/03/2024, 21:47 - [[PERSON:Minh Nguyễn]]: Người nhận: [[PERSON:Trần Thị Bích Ngọc]]
12/03/2024, 21:48 - [[PERSON:Minh Nguyễn]]: SĐT: [[PHONE:0903 482 115]]
12/03/2024, 21:48 - [[PERSON:Minh Nguyễn]]: Địa chỉ: [[STREET_ADDRESS:Số 18 Ngõ 52 Tô Ngọc Vân, Quảng An, Tây Hồ, Hà Nội]]
12/03/2024, 21:50 - Hoa Sen Florist: Dạ em nhận rồi ạ, đơn HS-2291 giao sáng thứ 5 nhé, 450.000đ
12/03/2024, 21:51 - [[PERSON:Minh Nguyễn]]: <Media omitted>
12/03/2024, 21:51 - [[PERSON:Minh Nguyễn]]: thanks chị 🌸`,

  // voice-call transcript, South African ISP, number spelled out
  `CALL 7731-0042 | queue: faults | duration 04:12
[00:00:03] AGENT ([[PERSON:Precious]]): Thank you for calling Vumanet, you're speaking to [[PERSON:Precious]], how can I help?
[00:00:07] CALLER: Hi [[PERSON:Precious]], my fibre's been down since Sunday. The account is under [[PERSON:Sipho Dlamini]].
[00:00:15] AGENT ([[PERSON:Precious]]): Thanks Mr [[PERSON:Dlamini]]. Can you confirm the installation address?
[00:00:19] CALLER: [[STREET_ADDRESS:17 Jan Smuts Avenue, Rosebank, Johannesburg, 2196]].
[00:00:31] AGENT ([[PERSON:Precious]]): And a number to reach you on if the line drops?
[00:00:34] CALLER: [[PHONE:zero eight two, four four one, nine zero three seven]]... so [[PHONE:082 441 9037]].
[00:00:41] AGENT ([[PERSON:Precious]]): Thank you. While I check the line, have you restarted the router? Unplug it for thirty seconds, then plug it back in.
[00:00:44] CALLER: Yes, twice. The red light on the little box on the wall, the ONT, stays on.
[00:00:49] AGENT ([[PERSON:Precious]]): A red LOS light usually means the fibre signal isn't reaching you, so it's not something you can fix on your side. There's also planned work on the [[LOCATION:Rosebank]] node this week, which may be related.
[00:00:52] AGENT ([[PERSON:Precious]]): Lovely. I've logged fault FLT-77120, a technician will contact you within 24 hours. Is there anything else I can help with?
[00:01:01] CALLER: No, that's all, thanks.
[00:01:03] AGENT ([[PERSON:Precious]]): Thank you for calling Vumanet, enjoy the rest of your day.`,

  // bank agent handoff note, Pakistan
  `HANDOFF → Tier 2 (fraud)
Customer: [[PERSON:Muhammad Hamza Qureshi]] | CNIC on file (verified) | mobile [[PHONE:0300-4718826]]
Summary: 3 unrecognised debits on 21 Jul (PKR 48,000 total) at an online merchant. Card blocked by me at 14:05.
He admits he shared an OTP with a caller claiming to be from the bank, calling from [[PHONE:+92 21 3456 0192]] — please add that number to the scam list.
Refund payout account: [[IBAN:PK12 MEZN 9757 9021 8762 8604]]
Chargeback forms e-mailed to [[EMAIL:hamza.qureshi88@hotmail.com]]
— [[PERSON:Ayesha]] (T1, [[LOCATION:Lahore]])`,

  // CRM timeline, Brazilian insurance lead
  `Linha do tempo — Cliente #BR-40218
2024-05-02 10:14  Lead criado via formulário (origem: Instagram)
2024-05-02 10:15  Nome: [[PERSON:Letícia Gonçalves dos Santos]] · e-mail: [[EMAIL:leticia.gsantos@uol.com.br]]
2024-05-03 16:40  Ligação de [[PERSON:Rafael]] (SDR) para [[PHONE:+55 21 99876-3140]] — sem resposta
2024-05-06 09:02  Proposta enviada. Endereço de cobrança: [[STREET_ADDRESS:Rua das Laranjeiras, 318, apto 502, Laranjeiras, Rio de Janeiro - RJ, 22240-003]]
2024-05-09 11:30  Contrato assinado. Data de nascimento confirmada: [[DATE_OF_BIRTH:25/12/1982]]
2024-05-10 08:00  Onboarding agendado para 2024-05-14
2024-05-14 15:20  Onboarding concluído (vídeo, 22 min). Cliente pediu boleto em vez de cartão
2024-05-20 10:05  Primeiro boleto gerado, vencimento 2024-06-05, valor R$ 189,90
2024-06-06 08:00  Pagamento confirmado
2024-07-01 09:30  NPS respondido: 9 — "atendimento rápido, só o app que trava às vezes"
2024-07-15 16:10  Ticket #77120 aberto: dúvida sobre franquia em caso de roubo
2024-07-15 16:45  Ticket resolvido por [[PERSON:Camila]] (N1): enviado PDF das condições gerais, cláusula 9.2
2024-08-02 11:00  Renovação automática ativada`,

  // LLM tool-call arguments, Thai hotel booking
  `{"id":"chatcmpl-9x2Lm","choices":[{"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_7QmZ1","type":"function","function":{"name":"create_reservation","arguments":"{\\"guest_name\\":\\"[[PERSON:Kittipong Srisuwan]]\\",\\"guest_phone\\":\\"[[PHONE:+66 81 937 2264]]\\",\\"guest_email\\":\\"[[EMAIL:kittipong.s@gmail.com]]\\",\\"check_in\\":\\"2024-11-02\\",\\"nights\\":3,\\"room_type\\":\\"deluxe_king\\",\\"city\\":\\"[[LOCATION:Chiang Mai]]\\"}"}}]},"finish_reason":"tool_calls"}]}`,

  // REST payload, Mexican e-commerce
  `POST /api/v2/clientes HTTP/1.1
Host: api.tiendita-azul.mx
Content-Type: application/json
Authorization: Bearer [[SECRET:sk_live_51VrTsLcGocoXGP2VQFmD1a4Q4d61dapbGJquS2SpG]]

{
  "nombre": "[[PERSON:José Guadalupe Hernández Ríos]]",
  "correo": "[[EMAIL:lupe.hernandez.rios@prodigy.net.mx]]",
  "telefono": "[[PHONE:+52 55 4172 8839]]",
  "direccion": "[[STREET_ADDRESS:Av. Insurgentes Sur 1602, Col. Crédito Constructor, 03940 Ciudad de México, CDMX]]",
  "rfc": "HERJ850312AB1",
  "acepta_marketing": false
}`,

  // GraphQL mutation, Indonesian marketplace, split address
  `mutation UpdateShipping {
  updateShippingAddress(orderId: "ORD-88120-ID", input: {
    recipient: "[[PERSON:Dewi Anggraini Wibowo]]"
    phone: "[[PHONE:+62 812-3390-4471]]"
    line1: "[[STREET_ADDRESS:Jl. Kemang Raya No. 27, RT 05/RW 02]]"
    city: "[[LOCATION:Jakarta Selatan]]"
    postalCode: "12730"
    note: "titip ke satpam kalau tidak ada orang"
  }) { id status updatedAt }
}`,

  // SQL INSERT seed rows
  `-- seed for staging, copied from prod by mistake?? check with data team
INSERT INTO customers (id, first_name, last_name, dob, created_at) VALUES
  (1001, '[[PERSON:Chukwuemeka]]', '[[PERSON:Obi]]', '[[DATE_OF_BIRTH:1984-07-09]]', '2023-01-17 08:22:10'),
  (1002, '[[PERSON:Selamawit]]', '[[PERSON:Tesfaye]]', '[[DATE_OF_BIRTH:1991-02-17]]', '2023-02-03 19:05:44');`,

  // nginx access log with a referrer URL carrying an email
  `[[IP_ADDRESS:41.190.14.207]] - - [02/Aug/2024:14:22:09 +0000] "POST /api/login HTTP/1.1" 200 512 "https://app.contafacil.com.br/login" "Mozilla/5.0 (Linux; Android 13; SM-A536E)"
10.0.3.17 - - [02/Aug/2024:14:22:10 +0000] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.29"
[[IP_ADDRESS:177.33.201.94]] - - [02/Aug/2024:14:22:15 +0000] "GET /static/app.3f9a1c.js HTTP/1.1" 200 48211 "[[URL:https://app.contafacil.com.br/conta/recuperar?email=rodrigo.alves%40bol.com.br&nome=Rodrigo+Alves]]" "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X)"
127.0.0.1 - - [02/Aug/2024:14:22:16 +0000] "GET /metrics HTTP/1.1" 200 9120 "-" "Prometheus/2.51.0"`,

  // JSON log lines, Vietnamese user, IPv4 + IPv6
  `{"ts":"2024-09-18T07:12:44.902Z","level":"warn","svc":"auth","msg":"login failed","user":"[[EMAIL:ha.linh.pham@gmail.com]]","ip":"[[IP_ADDRESS:1.53.118.42]]","attempt":3}
{"ts":"2024-09-18T07:12:51.117Z","level":"warn","svc":"auth","msg":"login failed","user":"[[EMAIL:ha.linh.pham@gmail.com]]","ip":"[[IP_ADDRESS:2a09:bac5:d46d:18c8::279:5e]]","attempt":4}
{"ts":"2024-09-18T07:13:02.660Z","level":"info","svc":"auth","msg":"account locked; sms sent","user_id":"u_88120","sms_to":"[[PHONE:+84 90 318 4472]]","template":"lock_v2"}`,

  // CSV with Portuguese headers (CPF unlabeled)
  `nome_completo;cpf;email;celular;cidade;uf;data_cadastro
[[PERSON:Thiago Henrique Moreira]];318.402.776-09;[[EMAIL:thiago.hmoreira@gmail.com]];[[PHONE:(31) 99214-6087]];[[LOCATION:Belo Horizonte]];[[LOCATION:MG]];2024-03-11`,

  // CSV with Turkish headers, IBAN column
  `ad_soyad,telefon,dogum_tarihi,il,iban,not
[[PERSON:Elif Nur Yıldırım]],[[PHONE:0532 418 27 90]],[[DATE_OF_BIRTH:17.09.1991]],[[LOCATION:İzmir]],[[IBAN:TR77 0011 1000 0000 4718 2219 06]],iade onaylandı`,

  // Markdown table, Filipino event RSVP
  `### Team outing RSVP ([[LOCATION:Tagaytay]], Sat 14 Sept)

| # | Name | Mobile | Email | Dietary |
|---|------|--------|-------|---------|
| 1 | [[PERSON:Maria Luningning "Ning" Dela Cruz-Bautista]] | [[PHONE:0917 482 3306]] | [[EMAIL:ning.dcbautista@gmail.com]] | no pork |
| 2 | [[PERSON:Faith Mangubat]] | [[PHONE:0928 661 0093]] | (same as HR list) | vegetarian |

Bus leaves from the office 6:30 AM sharp. Pay 850.00 to admin by Wed.`,

  // HTML order-confirmation fragment, Korean
  `<h2>주문이 완료되었습니다</h2>
<p>주문번호: <strong>20240917-000381</strong></p>
<table class="ship">
  <tr><th>받는 분</th><td>[[PERSON:김민준]]</td></tr>
  <tr><th>연락처</th><td>[[PHONE:010-4827-3916]]</td></tr>
  <tr><th>배송지</th><td>[[STREET_ADDRESS:(03925) 서울특별시 마포구 월드컵북로 396, 101동 1203호]]</td></tr>
  <tr><th>결제</th><td>신용카드 (****-****-****-2291) 48,900원</td></tr>
</table>
<p>문의: <a href="mailto:help@gongbang-mall.kr">help@gongbang-mall.kr</a></p>`,

  // Japanese membership form
  `【会員登録内容のご確認】
氏名：[[PERSON:佐藤 美咲]]（[[PERSON:サトウ ミサキ]]）
生年月日：[[DATE_OF_BIRTH:1988年4月21日]]
住所：[[STREET_ADDRESS:〒150-0001 東京都渋谷区神宮前3-14-7 メゾン神宮前 402]]
電話番号：[[PHONE:090-3318-4726]]
メール：[[EMAIL:misaki.sato0421@docomo.ne.jp]]
登録日：2024年6月2日
※ 内容に誤りがある場合は、マイページから修正してください。`,

  // .env pasted in a ticket, New Zealand startup
  `# staging — DO NOT COMMIT
APP_URL=https://staging.tukutuku.co.nz
DATABASE_URL=[[URL:postgres://tk_admin:wh4kapapa-Rangi92@db-staging.tukutuku.co.nz:5432/tk]]
REDIS_URL=redis://127.0.0.1:6379/0
STRIPE_SECRET_KEY=[[SECRET: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]]
SLACK_BOT_TOKEN=[[SECRET:xoxb-863620453464-9582185965984-Yf3A73oTVJH3SQkdDaliKehu]]
SUPPORT_INBOX=kiaora@tukutuku.co.nz
ADMIN_EMAIL=[[EMAIL:aroha.walker@tukutuku.co.nz]]
ADMIN_PASSWORD=[[SECRET:Kumara!Patch2024]]
FEATURE_FLAGS=new_checkout,dark_mode`,

  // OpenSSH private key pasted into a support chat
  `hey can someone check why the deploy job fails with "permission denied (publickey)"? here's the key the runner uses (sorry i know i shouldn't paste it here, will rotate after)

[[SECRET:-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
R2/R5CDE2KIDhhy6fte9PeH5fm1U4Augkerg2VwgcbbV1y0BRFgW42ufw0Z7GldC+PEDnS
dJG2EC6ajMb8Y0E3WgF3BEyhE8oeaersWeoOAhnV2f+shD6mDlj031v6WrheXsORNW1wBc
y6f0btwDni/ipi7mzeRstUh6HSJc2B/KFfuSkMUa4a6IlB98YcqpFtZ6z1ZpxOwza4yF8p
K1i/cg538lKrUqXcTMJLqz+C=
-----END OPENSSH PRIVATE KEY-----]]

— [[PERSON:ravi]]`,

  // long incident-bridge transcript, low density
  `Incident INC-20417 bridge — transcript (auto-generated, may contain errors)

[[PERSON:Farida Haruna]] 14:02
Okay, we're recording. Current status: checkout error rate at 7%, mostly 502s from the payments edge in eu-west-1. Started around 13:41 UTC.

SRE on-call 14:03
Confirmed. The canary for api 4.12.0 went to 100% at 13:38, so that's the prime suspect. Rolling back now, ETA eight minutes.

[[PERSON:Farida Haruna]] 14:05
Thanks. Comms, can we get a status page update out? Keep it generic, no ETA yet.

Comms 14:06
Drafted: "We're investigating elevated errors at checkout. Orders already placed are not affected." Publishing now.

SRE on-call 14:11
Rollback done. Error rate dropping, 2.1% now. There's still one noisy client hammering the retry endpoint, about 900 requests a minute from a single address, [[IP_ADDRESS:81.174.22.139]]. Looks like a merchant integration stuck in a loop, not an attack. Internal LB is 10.40.2.8, ignore that one in the graphs.

[[PERSON:Farida Haruna]] 14:13
Can we rate-limit that client without blocking it entirely?

SRE on-call 14:14
Yes, applying 60 rpm on that API key. Done.

[[PERSON:Farida Haruna]] 14:20
Error rate back at baseline, 0.03%. I'll keep the incident open for thirty minutes of observation. Postmortem owner is me, due Friday. Thanks everyone.`,

  // GitHub issue comment with a classic PAT in a curl command
  `**Steps to reproduce**

\`\`\`
curl -s -H "Authorization: token [[SECRET:ghp_H7oEtC0hxeh1dS990vLsSPDwXCwEZ3d2osTE]]" \\
  https://api.github.com/repos/lumen-labs/ingest/actions/runs?per_page=5
\`\`\`

returns 403 since yesterday. The token has \`repo\` and \`workflow\` scopes. Running on v2.14.1 of the CLI.

cc @[[PERSON:Tavita Leiataua]] since you set up the runners`,

  // AWS credentials file
  `$ cat ~/.aws/credentials
[default]
aws_access_key_id = [[SECRET:AKIADFUMGS4OEEXG36EH]]
aws_secret_access_key = [[SECRET: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]]
region = ap-southeast-1

[billing-ro]
aws_access_key_id = [[SECRET:AKIACTPZGBWOMZFR1EAV]]
aws_secret_access_key = [[SECRET:5GMdwlUT61b8YBKn6r4qe9gAHSt8q9IKkxlF7jYg]]
region = eu-west-1`,

  // Google Maps API key in frontend code, with author comment
  `// maps.js — store locator
// author: [[PERSON:Nguyễn Hoàng Long]] <[[EMAIL:long.nguyen.hoang@proton.me]]>
const loader = new Loader({
  apiKey: "[[SECRET:AIzaO9XjYaUbK74bB877GdQoLkTS1NGRbJ40QKK]]",
  version: "weekly",
  libraries: ["places"],
});
const DEFAULT_CENTER = { lat: 10.7769, lng: 106.7009 };`,

  // OpenAI key in a notebook cell
  `In [3]:
import os
from openai import OpenAI
client = OpenAI(api_key="[[SECRET:sk-proj-5a4-5WZ1TzraECTfoOwNWy3eepVWJKou7dy90MRjOnlP35e-mUu2pYKxInAOAkZ5T3BlbkFJMyIbETFK5H1NgeQlUHItB_9myqHbrD20C2JU7Cm6bEYJsqiNx_8SoMpqHD3cGBAs]]")
resp = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "Summarise ticket 4471"}])

Out[3]: RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota'}}`,

  // airline PNR, all caps, SURNAME/GIVEN and DOCS birth dates
  `RP/LOS1A0980/LOS1A0980            AA/SU  14JUL24/0912Z   7KQ2LM
  1.[[PERSON:OLANIYAN/TEMITOPE]] MS   2.[[PERSON:OLANIYAN/AYOMIDE]] MSTR(CHD/[[DATE_OF_BIRTH:12MAR15]])
  3  KL 588 Y 22AUG 4 LOSAMS HK2  2250 0555+1 *1A/E*
  4 APE [[EMAIL:TEMI.OLANIYAN@GMAIL.COM]]
  5 APM [[PHONE:+2348034417729]]
  6 SSR DOCS KL HK1 P/NGA/A09384721/NGA/[[DATE_OF_BIRTH:21JUN88]]/F/14FEB29/[[PERSON:OLANIYAN/TEMITOPE]]/P1
  7 TK OK14JUL/LOS1A0980//ETKL`,

  // all-lowercase Indian customer chat
  `hi this is [[PERSON:priya]] from [[LOCATION:pune]]. my cooler was supposed to come yesterday but no one came. order no 402-7781920-33. the delivery guy called from [[PHONE:98220 41637]] and said address not found?? it is [[STREET_ADDRESS:flat 11, sai prasad society, lane 7, koregaon park, pune 411001]] — it's right next to the big temple. pls call me on [[PHONE:+91 99233 10846]] before 6 pm, after that my husband [[PERSON:akash]] will be home`,

  // Hinglish WhatsApp chat
  `[18/06/24, 8:02:11 PM] [[PERSON:Rohan Mehra-Iyer]]: bhai landlord ka number bhej de, rent ka receipt chahiye
[18/06/24, 8:03:40 PM] [[PERSON:Anjali]]: [[PERSON:Gupta]] uncle ka? [[PHONE:+91 98110 27463]]
[18/06/24, 8:03:52 PM] [[PERSON:Anjali]]: aur email bhi - [[EMAIL:rk.gupta1961@rediffmail.com]]
[18/06/24, 8:05:02 PM] [[PERSON:Rohan Mehra-Iyer]]: thanks yaar. flat ka address bhi confirm kar de HR ke liye
[18/06/24, 8:06:17 PM] [[PERSON:Anjali]]: [[STREET_ADDRESS:B-204, Shivalik Apartments, Sector 62, Noida 201309]]
[18/06/24, 8:06:30 PM] [[PERSON:Anjali]]: ‎This message was deleted`,

  // Iranian customer, English e-mail with Persian sign-off
  `Subject: Refund to my card not received (order IR-55102)

Dear support team,

I returned the headphones on 3 May and was told the refund would take 5–7 working days. It is now three weeks later. Because of sanctions my Iranian card could not be used, so I paid with my sister's card; the refund should go back to her Visa, [[CREDIT_CARD:4176 7897 4045 3855]], name on card [[PERSON:Shirin Rahimi-Farahani]].

Please reply to me at [[EMAIL:parisa.rahimi.f@gmail.com]] or WhatsApp [[PHONE:+98 912 418 3306]].

با تشکر
[[PERSON:Parisa Rahimi-Farahani]]
[[LOCATION:Tehran]]`,

  // Turkish support e-mail with IBAN and doğum tarihi
  `Konu: Aidat iadesi hk.

Merhaba,

Spor salonu üyeliğimi 01.07.2024 itibarıyla iptal ettim ancak Temmuz aidatı yine de çekildi. İadenin aşağıdaki hesaba yapılmasını rica ederim:

Ad Soyad: [[PERSON:Mehmet Can Aydoğan]]
IBAN: [[IBAN:TR77 0011 1000 0000 4718 2219 06]]
Doğum tarihi: [[DATE_OF_BIRTH:29.02.1996]] (üye kaydında bu şekilde geçiyor)
Telefon: [[PHONE:0 (533) 702 18 44]]

Saygılarımla,
[[PERSON:Mehmet Can]]`,

  // Greek e-mail, Athens address, GR IBAN
  `Θέμα: Αλλαγή στοιχείων λογαριασμού

Καλησπέρα σας,

Παρακαλώ ενημερώστε τα στοιχεία μου:
Ονοματεπώνυμο: [[PERSON:Κωνσταντίνα Παπαδοπούλου-Λιάκου]]
Νέα διεύθυνση: [[STREET_ADDRESS:Ερμού 45, 105 63 Αθήνα]]
Κινητό: [[PHONE:694 418 2270]]
IBAN για επιστροφές: [[IBAN:GR58 9988 5942 4956 9314 6349 869]]

Ευχαριστώ,
[[PERSON:Ντίνα]]

(English: please update my details — new address above, refunds to the IBAN above. Thanks, [[PERSON:Dina]])`,

  // Hungarian web form, surname-first name order
  `Online ügyfélszolgálati űrlap — beküldve: 2024.10.03. 18:42
Név: [[PERSON:Szabó Eszter Réka]]
Születési dátum: [[DATE_OF_BIRTH:1975. 03. 08.]]
Lakcím: [[STREET_ADDRESS:1133 Budapest, Váci út 76. 4/12]]
Telefon: [[PHONE:+36 30 481 7723]]
E-mail: [[EMAIL:szabo.eszter.reka@freemail.hu]]
Üzenet: A 2024. szeptemberi számlán kétszer szerepel a kiszállási díj. Kérem a különbözet jóváírását a [[IBAN:HU86 1519 6845 9189 2431 9225 3713]] számlára.`,

  // Czech e-shop complaint with quoted reply
  `Dobrý den,

reklamace č. RK-2024-0917 stále není vyřízena. Zboží jsem odeslala 12. 8. z [[LOCATION:Brna]].

S pozdravem
[[PERSON:Kateřina Dvořáková]]
[[STREET_ADDRESS:Vinohradská 1511/230, 100 00 Praha 10]]
tel. [[PHONE:+420 602 318 447]]

> Dne 20. 8. 2024 v 9:14 napsal(a) reklamace@elektro-hvezda.cz:
> Dobrý den, paní [[PERSON:Dvořáková]], Vaši reklamaci evidujeme a vyřídíme do 30 dnů.
> Tým Elektro Hvězda`,

  // Ukrainian (Latin transliteration) housing request, mixed EN/UK
  `Hello, I am writing on behalf of my mother [[PERSON:Halyna Kovalenko]] (date of birth [[DATE_OF_BIRTH:14.06.1958]]). We left [[LOCATION:Kharkiv]] in March. Her previous address was [[STREET_ADDRESS:vul. Sumska 72, kv. 19, Kharkiv 61002]] — the bank needs it for the account transfer.

My details: [[PERSON:Oleksandr Kovalenko]], [[PHONE:+380 67 314 2290]] (Viber).
IBAN for the transfer: [[IBAN:UA60 0366 7998 3833 4510 6472 6986 0]]

Dyakuyu! / Дякую!`,

  // Chilean rental application (RUT unlabeled)
  `Postulación arriendo — Depto 34B
Nombre: [[PERSON:Catalina Fernanda Muñoz Araya]]
RUT: 17.482.305-K
Fecha de nacimiento: [[DATE_OF_BIRTH:9 de octubre de 1989]]
Dirección actual: [[STREET_ADDRESS:Av. Providencia 1208, depto 34, Providencia, Santiago]]
Celular: [[PHONE:+56 9 8741 2036]]
Aval: [[PERSON:Jorge Muñoz Pizarro]] (padre), [[PHONE:+56 9 6120 4479]]
Fecha de postulación: 02/09/2024 · Visita: 05/09/2024 17:30`,

  // NZ school note, Māori names
  `Kia ora Whaea [[PERSON:Mere]],

Just letting you know [[PERSON:Tama Ngata-Walker]] (Room 9) will be picked up early on Thursday by his koro, [[PERSON:Hemi Ngata]], for a tangi. [[PERSON:Hemi]]'s number is [[PHONE:027 441 8390]] if you need to check anything.

Ngā mihi,
[[PERSON:Aroha Walker]]`,

  // Samoan remittance chat
  `Remit chat #RC-11842
Customer: talofa, i sent $400 to my aunty in [[LOCATION:Apia]] on monday but she says it's not there
Juniper: Talofa lava! Can you tell me the receiver's full name as entered?
Customer: [[PERSON:Fa'amoana Tuilagi Leota]]
Juniper: Thanks. And the sender name and phone?
Customer: [[PERSON:Sina Leota-Faleolo]], [[PHONE:+64 22 761 4092]]
Juniper: I can see the transfer is on hold for a name check. I'm passing you to a colleague.
Agent [[PERSON:Lusia]]: Hi [[PERSON:Sina]], the receiver's ID says "[[PERSON:Faamoana Tuilagi Leota]]" without the apostrophe — I've approved it, she can collect at the [[LOCATION:Vaitele]] branch from 2pm.`,

  // Hawaiian customer, HI address, card
  `Aloha, I'd like to update the card on my CSA box subscription. New card: [[CREDIT_CARD:5322-4292-6404-5338]], exp 11/27. Delivery is still to [[STREET_ADDRESS:94-1020 Kahuanani St, Waipahu, HI 96797]]. If the driver can't find it, call my partner [[PERSON:Keoni]] at [[PHONE:(808) 293-4417]]. Mahalo nui,
[[PERSON:Leilani Kahananui-Cruz]]`,

  // Bangladeshi mobile-wallet dispute
  `Complaint ID: BK-24-771903
Name: [[PERSON:Tanvir Hasan Chowdhury]]
Wallet no: [[PHONE:01712-408836]]
Wrong recipient: sent 5,000 BDT to [[PHONE:01819-377402]] instead of [[PHONE:01819-377420]] on 11-Jul-2024 10:42
Address: [[STREET_ADDRESS:House 42, Road 11, Banani, Dhaka 1213]]
Customer note: "amar bhai [[PERSON:Rakib]] er number e pathate chaisilam, ekta digit vul hoyeche. please ferot den."`,

  // Hausa / northern Nigeria loan application
  `LOAN APPLICATION SUMMARY (agent-assisted, [[LOCATION:Kano]] branch)
Applicant: [[PERSON:Abubakar Sani Danjuma]]
Phone: [[PHONE:0703 218 4455]]
Date of birth: [[DATE_OF_BIRTH:04/11/1979]]
Business: grain trading at the central market
Guarantor: Hajiya [[PERSON:Zainab Musa]] — [[PHONE:0806 117 3092]]
Disbursement account (NUBAN): 0123847729
Notes: Applicant prefers calls in Hausa after Asr prayer. Follow-up visit 15/08.`,

  // Igbo name, e-mail thread with signature
  `From: [[PERSON:Chiamaka Nwachukwu]] <[[EMAIL:chiamaka.nwachukwu@gmail.com]]>
To: admissions@brightfield-college.ac.uk
Subject: Re: Offer conditions — applicant 2024-88174

Good afternoon,

Please find attached my WAEC result. My uncle, Engr. [[PERSON:Obinna Nwachukwu]], will be paying the deposit from his account; he can be reached on [[PHONE:+234 809 552 0714]].

Regards,
[[PERSON:Chiamaka]]
[[STREET_ADDRESS:14 Ogui Road, Enugu 400001]]`,

  // Yoruba names, church welfare group WhatsApp
  `[07/04/2024, 19:02] Mummy [[PERSON:Bisi]]: Good evening all 🙏 reminder that the welfare visit is Saturday
[07/04/2024, 19:03] [[PERSON:Oluwadamilare]]: Noted ma. Which address again?
[07/04/2024, 19:05] Mummy [[PERSON:Bisi]]: Baba [[PERSON:Adewale Ogunleye]]'s house, [[STREET_ADDRESS:22 Bode Thomas Street, Surulere, Lagos]]
[07/04/2024, 19:05] Mummy [[PERSON:Bisi]]: contact [[PERSON:Iyabo]] [[PHONE:08023394716]] if you get lost
[07/04/2024, 19:08] [[PERSON:Blessing]]: I will come with [[PERSON:Mercy]] and [[PERSON:Joy]] 🙌
[07/04/2024, 19:09] [[PERSON:Oluwadamilare]]: God bless you all. We hope the rain will hold off`,

  // Filipino Taglish support chat with card
  `Juniper: Hi! I'm Juniper 🌿 How can I help po?
Customer: hello po, na-double charge ako sa order ko kahapon
Juniper: Sorry po! Kindly share the order number.
Customer: LZD-5518820. card ko po is [[CREDIT_CARD:5154 2429 1570 8540]], yung una lang dapat
Juniper: I'll pass this to an agent po.
Agent [[PERSON:Jhun-Jhun]]: Hi Ma'am! Ako po si [[PERSON:Jhun-Jhun]]. Pwede po ba ma-confirm ang full name at mobile?
Customer: [[PERSON:Rosario "Chayong" Magbanua]], [[PHONE:0919 441 2087]]
Agent [[PERSON:Jhun-Jhun]]: Salamat po. Na-reverse na po yung second charge, 3-5 banking days.`,

  // KakaoTalk export, Korean
  `--------------- 2024년 9월 3일 화요일 ---------------
[[[PERSON:이서연]]] [오후 2:11] 택배 아직 안 왔어요 ㅠㅠ
[[[PERSON:이서연]]] [오후 2:11] 송장번호 6849-2207-3318 맞나요?
[공방몰 고객센터] [오후 2:14] 네 고객님, 확인해보니 주소가 잘못 입력되어 반송 중입니다.
[[[PERSON:이서연]]] [오후 2:15] 아 죄송해요. 맞는 주소는 [[STREET_ADDRESS:부산광역시 해운대구 센텀중앙로 79, 1502호]] 이에요
[[[PERSON:이서연]]] [오후 2:15] 연락처는 [[PHONE:010-7291-4408]] 입니다`,

  // Vietnamese all-lowercase chat
  `anh ơi em là [[PERSON:thảo]], em đặt tour [[LOCATION:đà lạt]] 3 ngày 2 đêm mà chưa nhận được email xác nhận. email em là [[EMAIL:thaovy.le97@gmail.com]], sđt [[PHONE:0938 274 105]]. em đi cùng chồng là [[PERSON:lê minh quân]], ngày sinh anh ấy [[DATE_OF_BIRTH:12/08/1995]] nếu cần khai báo lưu trú ạ`,

  // long e-mail thread with quoted replies, Hungarian customer, Georgia the country
  `Subject: RE: RE: Roaming charges on last bill (case 00419977)

Hi,

Thanks for the quick reply, but the explanation doesn't match what happened. I was in [[LOCATION:Georgia]] (the country, not the US state) from 2 to 9 September, and I bought the 7-day "Travel Pass Plus" before leaving, exactly as your app suggested. The receipt in the app says it was active from 2 Sept 08:14 to 9 Sept 08:14. Despite that, the bill shows 1.8 GB of data charged at the pay-as-you-go rate, plus 23 outgoing calls.

I never made 23 calls; I used WhatsApp for everything. Could you please double-check the call records?

Best regards,
[[PERSON:Eszter Kovács-Baranyi]]

> On 24 Sept 2024, at 10:02, Billing Support <billing@example-telco.eu> wrote:
>
> Dear customer,
>
> Thank you for contacting us. We have reviewed your invoice dated 18 September 2024. The charges listed under "Roaming — Zone 3" relate to usage outside the validity of your add-on. Roaming add-ons are valid in Zone 1 and Zone 2 countries only; Zone 3 usage is billed at standard rates as per section 7.4 of our price list.
>
> If you believe this is incorrect, please reply with your dates of travel.
>
> Kind regards,
> Billing Support
>
>> On 20 Sept 2024, at 21:47, [[PERSON:Eszter Kovács-Baranyi]] wrote:
>> My last bill is 86 euros higher than usual because of roaming. I had a travel pass. Please check. My number is [[PHONE:+36 70 318 2264]].`,

  // Indonesian WhatsApp, Bpk. title
  `[10.15, 22/5/2024] [[PERSON:Putu Ayu Pradnyani]]: Selamat pagi, saya mau konfirmasi jadwal servis AC
[10.16, 22/5/2024] Teknisi Sejuk Abadi: Pagi bu, alamatnya di mana?
[10.17, 22/5/2024] [[PERSON:Putu Ayu Pradnyani]]: [[STREET_ADDRESS:Jl. Tukad Badung No. 18X, Renon, Denpasar 80226]]
[10.17, 22/5/2024] [[PERSON:Putu Ayu Pradnyani]]: nanti yang di rumah suami saya Bpk. [[PERSON:I Made Suryawan]], nomor [[PHONE:0812-3871-6604]]
[10.20, 22/5/2024] Teknisi Sejuk Abadi: Siap bu, jam 13.00 ya`,

  // Spanglish text thread, US
  `Mami: mija ya le mandaste el pago al landlord?
[[PERSON:Yesenia]]: si ama, por Zelle a [[EMAIL:r.delgado.properties@gmail.com]]
Mami: y el seguro del carro? te llamaron?
[[PERSON:Yesenia]]: si, una señora Mrs. [[PERSON:Thompson]] from the agency, dijo que llame al [[PHONE:(915) 842-3307]] ext. 112
Mami: ok. y no le des tu social a nadie por teléfono eh
[[PERSON:Yesenia]]: lol ya se ama, solo se lo di a Tía [[PERSON:Lupe]] pa'l taxes 🙄`,

  // US HR onboarding with SSN and DOB
  `New hire packet — checklist (HR use only)
Employee: [[PERSON:Summer Okonjo-Reyes]]
Start date: 09/16/2024     Position: Warehouse Associate II
SSN: [[US_SSN:348-21-5067]]
DOB: [[DATE_OF_BIRTH:1998-01-23]]
Home address: [[STREET_ADDRESS:2214 E Speedway Blvd, Apt 3, Tucson, AZ 85719]]
Emergency contact: [[PERSON:Hunter Reyes]] (brother) [[PHONE:520-318-4470]]
I-9 reviewed on 09/16/2024
Direct deposit form: pending`,

  // tax-prep chat, all lowercase, SSN
  `client: hey is it ok to send my son's social here for the dependent credit
preparer: yes this chat is encrypted, go ahead
client: ok its [[US_SSN:671-40-2283]], name [[PERSON:mateo ruiz-castillo]], born [[DATE_OF_BIRTH:march 2 2016]]
client: and mine u already have right
preparer: yep. i'll file tonight, you should get a confirmation from the irs in 24-48 hrs
client: thx [[PERSON:deb]]`,

  // benefits CSV, SSN without dashes
  `emp_id,last,first,ssn,birth_date,plan,coverage_start
E-4410,[[PERSON:Kahale]],[[PERSON:Makoa]],[[US_SSN:505621934]],[[DATE_OF_BIRTH:1986-05-30]],PPO-2,2024-07-01`,

  // voice transcript, SSN and Amex spoken in groups
  `[Speaker 1 - Agent [[PERSON:Darnell]]]: For verification, can I get the last four of your social?
[Speaker 2 - Caller]: Actually I'll just give you the whole thing, it's [[US_SSN:six one zero, one five, seven seven two three]].
[Speaker 1 - Agent [[PERSON:Darnell]]]: Thank you, Ms. [[PERSON:Park-Hughes]]. And the card you'd like to use today?
[Speaker 2 - Caller]: American Express, [[CREDIT_CARD:3494 087928 44388]], expiry oh-four twenty-eight.
[Speaker 1 - Agent [[PERSON:Darnell]]]: Got it. Your payment of $218.40 is scheduled for the 15th.`,

  // insurance claim with "born on the 3rd of May 1990" and other dates
  `Claim note 2024-07-22 — motor, not at fault
Policyholder [[PERSON:Faith Adeyemi-Brooks]], born on the [[DATE_OF_BIRTH:3rd of May 1990]], reports a rear-end collision on 19 July 2024 at approx. 17:40 on the A4 near [[LOCATION:Reading]]. Policy renewed 1 March 2024. Third-party details exchanged at the scene. Vehicle (Ford Puma, reg withheld) taken to approved repairer on 20/07. Policyholder reachable on [[PHONE:+44 7441 902 318]] or [[EMAIL:faith.ab@btinternet.com]].`,

  // UK clinic intake, NHS number unlabeled, d.o.b with 2-digit year
  `Intake — walk-in physio
name: [[PERSON:Grzegorz "Greg" Wójcik]]
d.o.b: [[DATE_OF_BIRTH:09/07/84]]
NHS no: 485 777 3456
GP: Dr [[PERSON:Anand]], Riverside Surgery
contact: [[PHONE:07923 448 106]]
complaint: L knee pain since 5k race on 02/06/24
seen by: [[PERSON:Hope Mbatha]] (Band 6)`,

  // Spanish medical appointment with fecha de nacimiento
  `Solicitud de cita — Medicina general
Paciente: [[PERSON:Ximena Alejandra Treviño Garza]]
Fecha de nacimiento: [[DATE_OF_BIRTH:14 de febrero de 1979]]
Fecha preferida de cita: 14 de noviembre de 2024, por la mañana
Teléfono: [[PHONE:81 1543 2087]]
Correo: [[EMAIL:ximena.trevino.g@hotmail.com]]
Motivo: seguimiento de tiroides; última consulta el 03/05/2024.`,

  // Denglisch e-mail with Geburtsdatum and DE IBAN
  `Hi [[PERSON:Sunny]],

kannst du bitte für den neuen Werkstudenten den Payroll-Case anlegen? Alles, was wir haben:
Name: [[PERSON:Tobias Ngozi Hartmann]]
Geburtsdatum: [[DATE_OF_BIRTH:02.11.2001]]
IBAN: [[IBAN:DE97 6896 1233 7855 5059 97]]
Start: 01.10.2024, 20h/Woche, Team Data Platform
Steuer-ID liegt im Onboarding-Ordner.

Danke & cheers,
[[PERSON:Jana]]`,

  // Canadian address with phone extension
  `Hi there — please send the replacement modem to our new office address:
[[PERSON:Marie-Ève Tremblay-Singh]]
[[STREET_ADDRESS:1108-455 Granville St, Vancouver, BC V6C 1T1]]
Best number is [[PHONE:+1 (604) 817-2290]] ext. 214 (front desk will transfer). We moved from [[LOCATION:Montréal]] last month, so the old account under my name can be closed.
Merci!`,

  // South African municipal account e-mail, ZA phone formats
  `Good day,

My municipal account 5521870034 shows an estimated reading again. The meter is accessible at [[STREET_ADDRESS:31 Pretorius Street, Hatfield, Pretoria, 0083]]. Actual reading today: 04417 kl.

Please contact me on [[PHONE:+27 82 619 4430]] or my husband [[PERSON:Thabo]] on [[PHONE:072 088 3315]].

Kind regards
[[PERSON:Nomvula Mokoena-Khumalo]]`,

  // gig driver handoff, Mexico City
  `[Handoff bot→humano] Conductor [[PERSON:Luis Ángel Ramírez]] (ID DRV-30917) reporta que un pasajero olvidó un celular en el auto. Viaje del 14/09 22:51.
Tel. del conductor: [[PHONE:55 3102 7748]]
Pasajero: [[PERSON:Sofía Montserrat Lozano]], tel. [[PHONE:+52 1 55 6043 1189]]
Conductor propone entregarlo en [[STREET_ADDRESS:Calle Presidente Masaryk 340, Polanco, 11560 Ciudad de México]] mañana a las 10:00.
Acción: coordinar entrega; NO compartir el número del pasajero con el conductor.`,

  // WebVTT meeting transcript
  `WEBVTT

00:00:01.200 --> 00:00:05.800
<v [[PERSON:Nadia Rahman]]>OK let's start, [[PERSON:Kwabena]] are you on?

00:00:06.100 --> 00:00:09.400
<v [[PERSON:Kwabena Asante]]>Yes, dialing in from [[LOCATION:Accra]], sorry for the echo.

00:00:10.000 --> 00:00:17.250
<v [[PERSON:Nadia Rahman]]>No worries. First item, the vendor in [[LOCATION:Nairobi]] needs a contact, I gave them my mobile, [[PHONE:+44 7520 661 094]].

00:00:17.900 --> 00:00:21.000
<v [[PERSON:Kwabena Asante]]>Great, I'll cc [[PERSON:Hope]] from finance.

00:00:21.500 --> 00:00:33.000
<v [[PERSON:Nadia Rahman]]>Second item is the Q4 forecast. We're tracking about four percent under plan, mostly because the October shipment slipped by two weeks.

00:00:33.400 --> 00:00:41.900
<v [[PERSON:Kwabena Asante]]>Right, and the container is now booked for the twenty-eighth, so it should land before the holiday peak.

00:00:42.300 --> 00:00:47.000
<v [[PERSON:Nadia Rahman]]>Good. Let's pick this up again next Tuesday, same time.`,

  // ALL CAPS elderly customer message
  `HELLO MY NAME IS [[PERSON:DOROTHY WAINWRIGHT]] AND I AM 81 YEARS OLD. I DO NOT UNDERSTAND THE NEW APP. PLEASE HAVE SOMEONE CALL ME AT [[PHONE:(417) 862-0193]]. MY CARD NUMBER IS [[CREDIT_CARD:4106 3007 8219 0317]] AND IT WAS CHARGED TWICE FOR THE SAME PRESCRIPTION ON AUGUST 3. I LIVE AT [[STREET_ADDRESS:1407 S NATIONAL AVE, SPRINGFIELD, MO 65804]]. MY GRANDSON [[PERSON:BILL]] USUALLY HELPS ME BUT HE IS AWAY. THANK YOU.`,

  // all-lowercase e-mail, no punctuation
  `hi there i booked the airport shuttle for my dad [[PERSON:bogdan petrenko]] his flight lands 23 oct 18 40 he doesnt speak english so pls call me instead [[PHONE:0487 220 613]] or email [[EMAIL:olena.petrenko.au@outlook.com]] he will be staying with me at [[STREET_ADDRESS:9 harris st pyrmont nsw 2009]] thanks [[PERSON:olena]]`,

  // vCard
  `BEGIN:VCARD
VERSION:3.0
N:[[PERSON:Phan]];[[PERSON:Thanh Tâm]];;;
FN:[[PERSON:Phan Thanh Tâm]]
ORG:Saigon Coffee Roasters
TEL;TYPE=CELL:[[PHONE:+84 909 113 572]]
EMAIL;TYPE=INTERNET:[[EMAIL:tam.phan@saigonroasters.vn]]
BDAY:[[DATE_OF_BIRTH:1990-06-18]]
NOTE:met at [[LOCATION:HCMC]] trade fair 2024
END:VCARD`,

  // iCalendar invite with a home address
  `BEGIN:VCALENDAR
BEGIN:VEVENT
DTSTART:20241012T140000Z
DTEND:20241012T150000Z
SUMMARY:Home visit — boiler service
LOCATION:[[STREET_ADDRESS:Flat 2, 61 Mafeking Road, Cardiff CF23 5DQ]]
ORGANIZER;CN=Dispatch:mailto:dispatch@warmhomes.co.uk
ATTENDEE;CN=[[PERSON:Rhys Ap Gwilym]]:mailto:[[EMAIL:rhys.apgwilym@gmail.com]]
DESCRIPTION:Customer mobile [[PHONE:07812 554 019]]. Dog in garden.
END:VEVENT
END:VCALENDAR`,

  // git log
  `commit 9f3c2a1e7b4d8806c15e2f9a0d3b7c1e4f6a2b90
Author: [[PERSON:Wanjiru Kamau]] <[[EMAIL:wanjiru.kamau@gmail.com]]>
Date:   Tue Aug 27 16:41:09 2024 +0300

    fix(billing): round VAT per line instead of per invoice

commit 4be81d0c93a2f5e7d6b1c0a9f8e7d6c5b4a39281
Author: [[PERSON:Dương Quốc Bảo]] <[[EMAIL:bao.duong@fastmail.com]]>
Date:   Mon Aug 26 10:02:55 2024 +0700

    chore: bump axios to 1.7.4`,

  // Python test fixture with real-looking data
  `# tests/fixtures/users.py  -- TODO replace with faker before open-sourcing!!
USERS = [
    {"name": "[[PERSON:Ayşe Kaya]]", "email": "[[EMAIL:ayse.kaya.85@gmail.com]]", "phone": "[[PHONE:+90 532 604 17 38]]"},
    {"name": "test user", "email": "test@example.com", "phone": "+1 555 0100"},
]`,

  // Stripe-like webhook log with a raw PAN (should never be there)
  `2024-10-01T11:04:27.331Z ERROR payments.webhook invalid payload; dumping for debug
{"type":"charge.failed","data":{"object":{"id":"ch_3PqL2x","amount":7599,"currency":"usd","billing_details":{"name":"[[PERSON:Hope Castellanos]]","email":"[[EMAIL:hcastellanos@icloud.com]]","phone":"[[PHONE:+1 213 447 9021]]"},"payment_method_details":{"card":{"number":"[[CREDIT_CARD:4033566540098350]]","exp_month":3,"exp_year":2027,"last4":"8350"}},"failure_code":"card_declined"}}}`,

  // Discover card in JSON order export
  `{"order":{"id":"SO-55120","placed":"2024-10-05T18:32:00-05:00","customer":{"name":"[[PERSON:Precious Ogbonna]]","email":"[[EMAIL:precious.ogbonna@aol.com]]"},"payment":{"brand":"discover","pan":"[[CREDIT_CARD:6011791849206444]]","cvv_present":true},"ship_to":"[[STREET_ADDRESS:8810 Bellaire Blvd, Unit 14, Houston, TX 77036]]","items":[{"sku":"JOY-MUG-12","qty":2,"price":14.5}]}}`,

  // JCB card, Japanese phone order memo
  `電話注文メモ（10/08 15:20 受付：[[PERSON:田中]]）
お客様：[[PERSON:高橋 健太]] 様
お届け先：[[STREET_ADDRESS:〒530-0001 大阪府大阪市北区梅田2-4-9 ブリーゼタワー 15F]]
電話：[[PHONE:06-6344-8172]]
カード：JCB [[CREDIT_CARD:3589 2587 5766 7057]] 有効期限 09/28
商品：特選煎茶 3袋（SKU SEN-300）`,

  // Diners card in lowercase chat
  `customer: hi can i pay the rest of the deposit by card over chat
agent [[PERSON:mia]]: sure, our form is secure, or you can paste here and i'll delete it after
customer: ok diners [[CREDIT_CARD:3642 310741 9386]], name [[PERSON:rashid al-mansoori]], 05/26
agent [[PERSON:mia]]: thank you mr [[PERSON:al-mansoori]], payment of 2,400.00 AED received. your villa check-in is 20 dec`,

  // long WhatsApp residents' group, unsaved contact shown as a phone number
  `[02/10/2024, 07:58] [[PHONE:+27 83 410 2297]]: Morning neighbours, water is off again in block C 😩
[02/10/2024, 08:01] [[PERSON:Lindiwe]]: Same in B. Municipality notice says planned maintenance until 14:00
[02/10/2024, 08:02] [[PHONE:+27 83 410 2297]]: planned? nobody told us
[02/10/2024, 08:04] Body Corporate Notices: Dear residents, please note the planned water interruption today from 08:00 to 14:00 (ref WTR-5521). Please store water for essential use. Regards, the Trustees
[02/10/2024, 08:05] [[PERSON:Lindiwe]]: There it is 🙄 would've been nice to know yesterday
[02/10/2024, 08:11] [[PERSON:Yusuf]]: Anyone know if the gym is open? Lift also out since last night
[02/10/2024, 08:12] [[PERSON:Lindiwe]]: gym is open, lift technician coming at 10
[02/10/2024, 08:30] [[PHONE:+27 83 410 2297]]: while we're at it, someone keeps parking in visitors bay 4 overnight, silver Polo. pls sort it out
[02/10/2024, 08:31] [[PERSON:Yusuf]]: not me 😂 mine is the white bakkie
[02/10/2024, 09:15] Body Corporate Notices: Reminder: levies for October are due on the 7th. Late payments incur a 2% admin fee.
[02/10/2024, 11:47] [[PERSON:Lindiwe]]: water back in B 🎉
[02/10/2024, 11:49] [[PHONE:+27 83 410 2297]]: C still dry
[02/10/2024, 13:58] [[PHONE:+27 83 410 2297]]: ok back now. thanks all`,

  // UnionPay card and Chinese-English booking note
  `预订备注 / Booking note
客人：[[PERSON:陈嘉怡]] ([[PERSON:Chen Jiayi]])
手机：[[PHONE:+86 138 0571 4426]]
银联卡：[[CREDIT_CARD:6250 9902 0560 5633]]
入住 2024-12-20，退房 2024-12-23，来自[[LOCATION:杭州]]
备注：需要婴儿床`,

  // Mastercard in Mexican SMS-style chat
  `Sra. [[PERSON:Guadalupe "Lupita" Villaseñor]]: buenas, quiero pagar la colegiatura de mi hijo [[PERSON:Emiliano]] con tarjeta
Colegio: claro señora, nos comparte el número?
Sra. [[PERSON:Guadalupe "Lupita" Villaseñor]]: [[CREDIT_CARD:2223048900217510]] vence 08/27
Colegio: listo, pago de $4,850 MXN aplicado a septiembre. Recibo a [[EMAIL:lupita.villasenor@gmail.com]]`,

  // fraud ticket with mixed public / private IPs
  `FRAUD-RISK-3318 — suspicious logins on account of [[PERSON:Beatriz Carvalho Lima]]
Known device IP (home, [[LOCATION:Porto]]): [[IP_ADDRESS:94.62.201.117]]
New logins (last 24h):
  - [[IP_ADDRESS:185.220.101.47]] (Tor exit) 03:12 UTC
  - [[IP_ADDRESS:45.146.164.110]] 03:15 UTC
Internal hops in headers: 10.12.0.4, 172.20.8.19 (ignore)
Action: forced password reset, SMS to [[PHONE:+351 912 604 883]] sent 03:20 UTC.`,

  // Slack message with leaked Slack user token and a Teams-style reply
  `[[PERSON:Keanu Kahale]]  11:48
ugh the notifier is broken again, i just used my own token to test, it's [[SECRET:xoxp-643368801579-421479758046-7519658928230-46aa093c9834b9d398e55ec48737c2bd]]
[[PERSON:Seo-yeon Park]]  11:51
[[PERSON:keanu]] pls revoke that now, tokens in public channels get scraped. use the bot token from vault
[[PERSON:Keanu Kahale]]  11:52
done, revoked 🙈`,

  // HAR snippet with JWT cookie and client IP
  `"request": {
  "method": "GET",
  "url": "https://portal.mediclinic-plus.co.za/api/me",
  "headers": [
    {"name": "Cookie", "value": "session=[[SECRET:eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1XzQwOTEyIiwibmFtZSI6IkNoaWRpbm1hIEV6ZSIsImlhdCI6MTcyMjQ3MDQwMCwiZXhwIjoxNzIyNDc0MDAwfQ.bKicQ88cmPSMUelWYJzDHCZ3pLKv4I1wsiGIKS98hMZAaEfE11i3QvWkWIoFUWMjoI8ezxjsz_fBQ-jz6vsZww]]; theme=dark"},
    {"name": "X-Forwarded-For", "value": "[[IP_ADDRESS:2c0f:f4c0:1100:8b3::4a]]"}
  ]
},
"response": {"status": 200, "content": {"text": "{\\"name\\":\\"[[PERSON:Chidinma Eze]]\\",\\"member_no\\":\\"MP-771203\\"}"}}`,

  // docker-compose with mysql credentials URL
  `services:
  api:
    image: registry.internal/loja-api:3.8.2
    environment:
      - DB_URL=[[URL:mysql://loja:Caju%402024segredo@mysql.loja-prod.com.br:3306/loja]]
  mysql:
    image: mysql:8.0
    environment:
      MYSQL_ROOT_PASSWORD: [[SECRET:Pitanga#Root77]]`,

  // Kubernetes secret with base64 values
  `apiVersion: v1
kind: Secret
metadata:
  name: luau-payments-db
  namespace: prod
type: Opaque
data:
  username: bHBfYWRtaW4=
  password: [[SECRET:TWFoYWxvLUthaTIwMjMh]]
---
# owner: [[PERSON:Kai Akana]] ([[EMAIL:kai.akana@gmail.com]]) — ping before rotating`,

  // password reset link and login credentials in a help-desk reply
  `Hi [[PERSON:Nomsa]],

I've reset your access. Use this link within 24 hours: [[URL:https://id.brightpath.io/reset?token=8c1f0e7a9b2d4c6e8f0a1b3c5d7e9f21&user=nomsa.zulu%40gmail.com]]

If the link doesn't work, your temporary password is: [[SECRET:Ubuntu-Sunrise-4471]]

IT Service Desk (servicedesk@brightpath.io)`,

  // basic-auth credentials in a CI URL
  `Build #1882 failed: could not fetch artifacts from [[URL:https://deploy:Kx7%21vQ2m@nexus.korolenko-soft.ua/repository/releases/]] (HTTP 401). Last successful build #1879 by [[PERSON:Yuliia Shevchuk]]. Retry scheduled for 02:00 EET.`,

  // LinkedIn-style profile URL in a recruiter CRM note
  `Candidate: [[PERSON:Oluwaseyi Bankole]] — Senior Data Engineer, currently in [[LOCATION:Lagos]], open to relocating
Profile: [[URL:https://www.linkedin.com/in/oluwaseyi-bankole-5b8a21]]
Email: [[EMAIL:seyi.bankole@gmail.com]]
Spoke 04/10: expects €75–85k, notice 1 month. Next: tech screen.`,

  // Calendly-style link with name and email prefilled
  `Thanks for chatting! Book your follow-up here: [[URL:https://calendly.com/clinic-north/followup?name=Tran%20Quoc%20Anh&email=quocanh.tran88%40gmail.com&a1=%2B61%20412%20805%20337]] — pick any slot after 10 Oct.`,

  // Ethiopian remittance form with ET phone
  `Sender: [[PERSON:Meron Alemayehu Tadesse]] — [[PHONE:(301) 582-4417]]
Receiver: [[PERSON:Tsion Bekele]], [[LOCATION:Addis Ababa]] — [[PHONE:+251 911 374 206]]
Amount: 300.00 USD → 17,250.00 ETB (rate 57.50)
Payout: cash pickup, branch 12
Reference: ET-RM-0094412`,

  // Thai LINE chat with Thai-script name
  `[[PERSON:พลอย]]: สวัสดีค่ะ ขอเปลี่ยนที่อยู่จัดส่งนะคะ
ร้าน: ได้เลยค่ะ แจ้งชื่อและที่อยู่ใหม่ได้เลย
[[PERSON:พลอย]]: [[PERSON:ณัฐธิดา วงศ์สวัสดิ์]] [[STREET_ADDRESS:99/45 ซอยสุขุมวิท 39 แขวงคลองตันเหนือ เขตวัฒนา กรุงเทพฯ 10110]]
[[PERSON:พลอย]]: เบอร์ [[PHONE:089-417-2263]] ค่ะ
ร้าน: รับทราบค่ะ จัดส่งภายใน 2 วัน`,

  // Italian / Swiss / Polish IBAN change tickets in one dump
  `[T-7712] IT  — [[PERSON:Giulia Bianchi-Ferrante]]: nuovo IBAN [[IBAN:IT27 X796 5346 6364 0141 4306 154]]
[T-7713] CH  — [[PERSON:Luca Meier]]: neue IBAN [[IBAN:CH55 2712 5225 2637 5644 9]]
[T-7715] PL  — [[PERSON:Tomasz Zieliński]]: nowy IBAN [[IBAN:PL09 8774 0117 9790 5258 5823 1824]]
status: all pending 4-eyes check`,

  // Indian .env-ish config with multiple key types and a developer e-mail
  `# config/prod.yaml — maintained by [[PERSON:Arjun Venkataraman]] ([[EMAIL:arjun.v@zohomail.in]])
sendgrid:
  api_key: "[[SECRET: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]]"
github:
  token: "[[SECRET: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]]"
npm:
  token: "[[SECRET:npm_f05qVqQxTgskO8sZ9rDzJOEv4WV0CsQgjpEO]]"
gitlab:
  token: "[[SECRET:glpat-G-DIc90hZMyqhuGw3cFF]]"
cdn_base: "https://cdn.example-bazaar.in/assets"`,

  // RSA private key in a JSON service-account blob
  `{
  "type": "service_account",
  "project_id": "kopi-analytics-prod",
  "private_key_id": "5c2e9a7f0b1d3e4c6a8f9e0d1c2b3a4f5e6d7c8b",
  "private_key": "[[SECRET:-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEACZoh8UkC4uwpbBphWN/wy6J/gVd38yenLlY4JSNnXQwVECqr\\nKzHAo+xyKGmB/PjovaAzJlayOymwa1LQQBaWGniXhb0tkji6WIjqfY+L6CfNXxxM\\nzQccvMtrKVOwELg9IlZ/oMzd2t+xoOkqrSR6bbNNPJJT8OwcOpHErCXmXbyZWHZ0\\nsG9Be3q9L/AtG1TeBiAPs2NnP4QfXDVIdJ/zli0U==\\n-----END RSA PRIVATE KEY-----]]\\n",
  "client_email": "etl-runner@kopi-analytics-prod.iam.gserviceaccount.com",
  "client_id": "104882193746251180934"
}
(sent by [[PERSON:Nur Aisyah binti Kamarudin]] on Teams, 10:41)`,

  // Anthropic / Shopify keys in a Discord-style chat
  `[[PERSON:hunter]] — Today at 3:12 PM
bro my bot stopped replying. here's my setup
ANTHROPIC_API_KEY=[[SECRET:sk-ant-api03-4n36QKG0KQ989r8DyLTOkqKu3gKVqhW2Ri0tzGbRkh7qeMUE-_CSvLShV-I9QQF-BgzrbW6MB-GB-4uGEOJLZYIieRV3qAA]]
SHOPIFY_TOKEN=[[SECRET: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]]
[[PERSON:maru]] — Today at 3:14 PM
delete that msg rn lol. and rotate both`,

  // Second Google key + restricted Stripe key in a Jira comment
  `[[PERSON:Đỗ Thùy Linh]] added a comment — 11/Oct/24 9:05 AM
Found the cause: the Android build still ships the old key [[SECRET:AIzaFpPRb2K_zoVawjITBIM1APXp92alGusQ387]] in res/values/keys.xml, and the backend uses a restricted key [[SECRET:rk_live_511bQZHg20cBPrJek4X0FriPbWmQWgM3zwKVIhwFSOo1ecMLEPNrF6IQgZVWx8]] that was revoked on 2024-10-09. Will rotate both and move them to the secrets manager.`,

  // plaintext password leaked into a debug log (only the value is SECRET)
  `2024-09-30 22:17:03,118 DEBUG auth.views login attempt username=[[EMAIL:joy.ekpenyong@yahoo.com]] password=[[SECRET:Calabar#Kitchen2024]] remote=[[IP_ADDRESS:102.89.47.153]]
2024-09-30 22:17:03,241 INFO  auth.views login ok user_id=40882 session=9d1c7a0e
2024-09-30 22:17:03,242 WARN  security: DEBUG logging of credentials is enabled in production!`,

  // Chilean-Mapuche name, short SMS
  `Hola [[PERSON:Millaray Huenchumil]], su hora con la Dra. [[PERSON:Antileo]] es el martes 12/11 a las 09:30 en CESFAM [[LOCATION:Temuco]]. Confirme respondiendo SI. Consultas: [[PHONE:+56 45 296 1180]].`,

  // Korean bank counseling memo, mixed KR/EN
  `상담 메모 (2024-10-02)
고객명: [[PERSON:박성호]] ([[PERSON:Park Seong-ho]])
생년월일: [[DATE_OF_BIRTH:1983.07.15]]
연락처: [[PHONE:+82 10-6624-3819]]
주소: [[STREET_ADDRESS:경기도 성남시 분당구 판교역로 166, 802호]]
내용: 해외송금 한도 상향 요청. Wire for son's tuition, 25,000 CAD.`,

  // short line: name that is a word + email
  `Per [[PERSON:Hope]]: forward the signed lease to [[EMAIL:hope.ashworth@protonmail.com]], not the office inbox.`,

  // short: informal lowercase name and phone
  `ask for [[PERSON:tomasz]] at the loading dock, he'll sign for it. his cell is [[PHONE:+48 601 337 920]]`,

  // very short note with a name that is also a word
  `call me back on [[PHONE:0412 553 907]] — [[PERSON:tui]]`,

  // short chat line, name that is a word
  `[[PERSON:Sunny]] here 👋 running 10 min late, start the standup without me`,

  // German note, birth date next to another date
  `Geburtsdatum: [[DATE_OF_BIRTH:30.06.1971]] — bitte im Formular nachtragen. Vertragsbeginn bleibt 01.01.2025.`,

  // WAF alert with a single public IP
  `WAF alert: rule 942100 (SQL injection) triggered 14 times in 2 min from [[IP_ADDRESS:197.210.54.33]]; source blocked for 1h. Origin 10.8.0.12 unaffected.`,

  // all-caps payroll fax line with a single SSN
  `ATTN PAYROLL: EMPLOYEE SSN [[US_SSN:412-67-3390]] — W-2 REISSUE REQUESTED, ORIGINAL RETURNED AS UNDELIVERABLE 01/15/2025. PLEASE MAIL TO ADDRESS ON FILE.`,
];

const NEGATIVES: readonly string[] = [
  // order confirmation, no customer data
  `Thanks for your order! Order #A-2024-118840 (3 items) has shipped via DHL Express, tracking 1Z 999 AA1 01 2345 6784. Estimated delivery: Tue 15 Oct between 09:00 and 13:00. Items: Rose Gold watch strap (SKU RG-STRAP-20), Grace tote bag (SKU GR-TOTE-BLK), Victoria sponge baking tin 20 cm. Subtotal 84.97, shipping 0.00.`,

  // support bot persona greeting and generic FAQ
  `Juniper: Hi, I'm Juniper, your virtual assistant 🌿 I can help with returns, refunds and delivery questions. Tip: you can find your order number in the confirmation email, it starts with JP- and has 8 digits. For anything else write to support@juniper-home.com or call our hotline during business hours (Mon–Fri 8:00–18:00).`,

  // release notes with versions and hashes
  `## v4.12.0 (2024-09-30)
- Bump openssl to 3.0.15 (CVE-2024-5535)
- Fix: \`--dry-run\` ignored when \`--profile=prod\` was set (#2291)
- Perf: cache warm-up 38% faster on arm64
Commit: 3f9a1c7e2b8d4f60a1e5c9b7d3f2a8e6c4b1d097
SHA-256 (linux-x64.tar.gz): 9b1e0c4f7a2d8e63b5c1f9a07d4e2b8c6a3f1e0d9c8b7a6f5e4d3c2b1a0f9e8d`,

  // network config with private / loopback / documentation IPs
  `interface eth0
  address 10.20.30.4/24
  gateway 10.20.30.1
dns-nameservers 127.0.0.53 192.168.1.1
# examples in docs use 192.0.2.10, 198.51.100.7 and 203.0.113.25
# IPv6 doc prefix: 2001:db8::/32, link-local fe80::1
allow from 172.16.0.0/12`,

  // placeholder keys in docs
  `## Authentication
Set your key before running the examples:

export OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxx
export STRIPE_SECRET_KEY=sk_test_XXXXXXXXXXXXXXXXXXXXXXXX
curl -H "Authorization: Bearer <YOUR_API_KEY>" https://api.example.com/v1/ping

Never commit real keys; use a secrets manager such as Vault or AWS Secrets Manager.`,

  // .env template with empty / placeholder values
  `# .env.example — copy to .env and fill in
DATABASE_URL=postgres://USER:PASSWORD@localhost:5432/app_dev
REDIS_URL=redis://localhost:6379
JWT_SECRET=change-me
SMTP_PASSWORD=
GITHUB_TOKEN=ghp_your_token_here
AWS_ACCESS_KEY_ID=<your-access-key-id>`,

  // changelog with UUIDs and timestamps
  `2024-10-01T08:15:22.019Z job=nightly-export id=7c9e6679-7425-40de-944b-e07fc1f90ae7 status=started
2024-10-01T08:19:47.773Z job=nightly-export id=7c9e6679-7425-40de-944b-e07fc1f90ae7 rows=1204882 status=done duration_ms=265754
2024-10-01T08:19:47.801Z job=compact id=f47ac10b-58cc-4372-a567-0e02b2c3d479 status=queued`,

  // product catalogue with first-name / city product names
  `Spring collection 2025
- "Florence" linen shirt, sizes S–XXL, 59.00
- "Will" canvas sneakers, white/navy, 74.00
- "May" floral dress, midi length, 89.00
- "Bill" leather wallet, 8 card slots, 35.00
- "Tahoe" insulated bottle 750 ml, 24.00
- "Oslo" desk lamp, warm LED, 42.00
Free returns within 30 days.`,

  // sentences with words that are names
  `We hope the new release will bring more joy to your workflow. May updates are rolling out gradually; if you're still on the old plan, there is a 14-day grace period before the price change. Faith in the roadmap matters, so we'll publish a summer preview and a precious few beta seats. Hunter mode (aggressive caching) stays off by default.`,

  // tracking numbers and SKUs in a warehouse log
  `PICK LIST 2024-10-14 / WAVE 3
LOC A-12-03  SKU 4006381333931  QTY 12
LOC B-07-11  SKU 0885909950805  QTY 4
LOC C-01-02  SKU RG-STRAP-20    QTY 30
Carrier manifest: 9405 5112 0620 1234 5678 90, 1Z 4E8 05A 03 0012 3412, JD014600004123456789`,

  // invoice from company to company, no personal data
  `INVOICE INV-2024-00931
From: Kestrel Logistics Ltd (registered office on file)
To: Lumen Labs GmbH — accounts payable
Terms: net 30, due 2024-11-15
Line 1: Freight consolidation (Q3) ........ 4,250.00 EUR
Line 2: Customs brokerage ................. 620.00 EUR
VAT 19% ................................... 925.30 EUR
Total ..................................... 5,795.30 EUR
Payment reference: KES-931-Q3`,

  // role mailboxes only
  `For billing questions contact billing@kestrel-logistics.com, for returns use returns@brightcart.shop, and for security reports security@lumen-labs.dev (PGP key on our website). Press enquiries: press@lumen-labs.dev. Please do not reply to noreply@notifications.brightcart.shop.`,

  // Python traceback with hex addresses and paths
  `Traceback (most recent call last):
  File "/opt/app/workers/sync.py", line 142, in <module>
    main()
  File "/opt/app/workers/sync.py", line 88, in main
    client = Client(timeout=30, retries=3)
ValueError: invalid literal for int() with base 10: '0x7f3a9c2e1b40'
<Worker pid=48211 at 0x7f3a9c2e1b40>`,

  // SQL schema with column names but no data
  `CREATE TABLE customers (
  id BIGSERIAL PRIMARY KEY,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  email TEXT UNIQUE,
  phone TEXT,
  dob DATE,
  iban TEXT,
  created_at TIMESTAMPTZ DEFAULT now()
);
CREATE INDEX customers_email_idx ON customers (email);`,

  // JSON schema example with fake placeholder values
  `{
  "type": "object",
  "properties": {
    "name": {"type": "string", "example": "<full name>"},
    "email": {"type": "string", "format": "email", "example": "user@example.com"},
    "phone": {"type": "string", "pattern": "^\\\\+?[0-9 ()-]{7,20}$"},
    "card_number": {"type": "string", "description": "PAN, 13-19 digits, never logged"}
  },
  "required": ["name", "email"]
}`,

  // pricing and dates, no birth dates
  `Price change notice: from 1 January 2025 the Pro plan moves from 12.99 to 14.99 per month (annual: 139.00). Customers who joined before 15 March 2019 keep legacy pricing until 31 December 2025. The next maintenance window is 2024-11-09 02:00–04:00 UTC.`,

  // Slack bot channel with only bots and automated messages
  `#deploys
[10:02] Juniper CI: ✅ build 1882 passed (main @ 3f9a1c7) in 6m12s
[10:03] Juniper CI: 🚀 deploying api:4.12.0 to eu-central-1 (canary 10%)
[10:09] Juniper CI: canary healthy: p95 212ms, error rate 0.02%
[10:10] Juniper CI: promoted to 100%`,

  // Markdown table of HTTP status codes and versions
  `| Endpoint | Method | Status | Since |
|----------|--------|--------|-------|
| /v1/orders | GET | 200 | 2.3.0 |
| /v1/orders/{id} | DELETE | 204 | 3.0.0 |
| /v1/refunds | POST | 201 | 3.4.1 |
| /v2/health | GET | 200 | 4.0.0 |`,

  // HTML with generic company info
  `<footer>
  <p>© 2024 Brightcart Retail Pty Ltd · ABN 51 824 753 556</p>
  <p>Customer care: <a href="mailto:care@brightcart.shop">care@brightcart.shop</a> · 1300 000 000</p>
  <p><a href="https://brightcart.shop/privacy">Privacy</a> · <a href="https://brightcart.shop/terms">Terms</a></p>
</footer>`,

  // test card numbers documented as such (placeholders, masked)
  `Testing payments: use card **** **** **** 4242 with any future expiry and any 3-digit CVC in the sandbox. Declines can be simulated with amounts ending in .02. Do not use real card numbers in staging; masked values such as 5xxx-xxxx-xxxx-1234 appear in logs.`,

  // SMS notification template
  `Your verification code is 481 902. It expires in 10 minutes. If you didn't request this, ignore this message. Ref: OTP-7781-KX`,

  // agenda with holidays and non-birth dates
  `Q4 planning: kickoff Mon 7 Oct, design review 21/10, code freeze 2024-11-29, holiday closure 24 Dec – 2 Jan. Anniversary sale (company founded 12 May 2009) runs 12–19 May next year.`,

  // kubernetes manifest without secrets
  `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: api
          image: registry.internal/api:4.12.0
          env:
            - name: LOG_LEVEL
              value: info
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: {name: api-db, key: password}`,

  // nginx log with only internal / loopback IPs
  `127.0.0.1 - - [14/Oct/2024:06:00:01 +0000] "GET /healthz HTTP/1.1" 200 2 "-" "curl/8.5.0"
10.42.7.19 - - [14/Oct/2024:06:00:02 +0000] "GET /metrics HTTP/1.1" 200 18412 "-" "Prometheus/2.51.0"
192.168.0.12 - - [14/Oct/2024:06:00:05 +0000] "POST /internal/reindex HTTP/1.1" 202 0 "-" "python-requests/2.32.3"`,

  // weather / travel text mentioning no places? product named after person
  `The Galaxy Tab S9 FE and the Pixel 8a both support Wi-Fi 6E. Compatibility matrix updated 2024-08-19; firmware 2.1.7 fixes the Bluetooth pairing bug reported in ticket #40912.`,

  // all caps system notice
  `SYSTEM NOTICE: SCHEDULED MAINTENANCE ON SATURDAY 19 OCT FROM 01:00 TO 03:00 UTC. PAYMENTS, TRANSFERS AND CARD TOP-UPS WILL BE UNAVAILABLE. REF MNT-2024-1019. WE APOLOGISE FOR THE INCONVENIENCE.`,

  // all lowercase dev chat without personal data
  `[14:02] ci-bot: nightly e2e failed on firefox 131, 3 specs flaky
[14:05] ci-bot: retry passed (run 88412)
[14:06] release-bot: tagging v4.12.1-rc.1 from commit a1b2c3d4e5f6`,

  // GraphQL schema snippet, no data
  `type Customer {
  id: ID!
  fullName: String!
  email: String
  phone: String
  dateOfBirth: Date
  addresses: [Address!]!
}
input AddressInput { line1: String!, city: String!, postalCode: String!, countryCode: String! }`,

  // currency, ISBN, IBAN-like but invalid/explanatory text
  `IBAN format reminder: two letters (country), two check digits, then the BBAN — e.g. the pattern CCkk BBBB ... used in our docs. ISBN of the style guide: 978-3-16-148410-0. Exchange rate on 2024-10-10: 1 EUR = 1.0937 USD.`,

  // CSV of SKUs with Spanish headers
  `sku;descripcion;precio;existencias;fecha_actualizacion
MAY-CAM-001;Camisa "Mayo" manga larga;499,00;32;2024-09-30
ROS-TAZ-014;Taza "Rosa" 350 ml;129,00;210;2024-09-30
VIC-SAR-220;Sartén "Victoria" 28 cm;849,00;12;2024-10-01`,
];

export function heldout6(): LabeledDoc[] {
  return [
    ...POSITIVES.map((src, i) => parseMarkup(`h6-p${i + 1}`, 'heldout6', src)),
    ...NEGATIVES.map((src, i) => parseMarkup(`h6-n${i + 1}`, 'heldout6-negative', src, true)),
  ];
}
