/**
 * Held-out set 3: ~110 hand-labeled customer-support texts written blind (without looking at the detector or at
 * the other evaluation sets; only heldout2.ts's labeling conventions were read). Refund / booking / telecom /
 * insurance / healthcare-admin / school / bank-fraud / marketplace / gym / ride-share / rental threads, developer
 * support with pasted .env / YAML / JSON / logs / stack traces, CRM CSV exports, mixed-language e-mails (EN with
 * DE, FR, ES, IT, PT, NL, PL, SV, TR, romanised JA, ID, romanised HI), informal chat, SMS, voicemail transcripts
 * and forms, plus hard negatives with no personal data at all.
 * Conventions (same as heldout2.ts): titles (Mr., Dr., Frau, Mag.) and "'s" are outside PERSON spans; a full name
 * is one PERSON span (also "SURNAME, Given" and "SURNAME/GIVEN"), a first name alone is a PERSON span; honorific
 * suffixes such as "-san" are outside; phone extensions are outside PHONE spans; a street address span runs from
 * the house number / flat (or the street name, where it comes first) to the postcode and city written right after
 * it; city / region / country names outside an address span are LOCATION; a URL carrying personal values or
 * credentials is one URL span; for `password: value` only the value is SECRET; DATE_OF_BIRTH only where the
 * context says it is a birth date; organizations, role mailboxes (support@, billing@, noreply@, postmaster@) and
 * the support bot's persona ("Juniper") are not labeled. Card numbers are Luhn-valid, IBANs mod-97-valid, SSNs
 * valid by SSA rules; IPs are public (loopback and documentation ranges appear only in negatives).
 */
import { parseMarkup, type LabeledDoc } from './markup.js';

const POSITIVES: readonly string[] = [
  // p1 refund dispute thread, three people
  `From: [[PERSON:Rose Whitfield]] <[[EMAIL:rose.whitfield@outlook.com]]>
To: support@lumenhome.com
Cc: [[PERSON:Darnell Price]] <[[EMAIL:d.price@pricefamilylaw.com]]>
Subject: Re: Re: Refund for order LH-88213 still not received

Hi,

Forwarding my lawyer's note below. I returned the Aurora floor lamp on 2 May and the refund to the card ending 4471 still hasn't arrived. [[PERSON:Bill]] (my husband, [[PERSON:Bill Whitfield]]) spoke to someone on 9 May who promised five business days.

[[PERSON:Rose]]
[[PHONE:07912 448305]]

> On 14 May, [[PERSON:Darnell Price]] wrote:
> Ms. [[PERSON:Whitfield]]'s refund of $412.99 is now 21 days overdue. Please treat this as a formal demand.
> [[PERSON:Darnell Price]] | Price Family Law LLP | [[PHONE:+1 617-902-4418]]`,

  // p2 hotel booking change
  `Hello, this is about booking HX-4471902 at your harbour hotel. Guest name: Mr. [[PERSON:Tomasz Wiśniewski]], arriving 14 September, 3 nights. Could you change the room to twin beds and add my colleague [[PERSON:Agnieszka Dąbrowska-Nowak]] as the second guest? Her mobile is [[PHONE:+48 601 223 874]]. Please send the updated confirmation to [[EMAIL:tomasz.wisniewski@wp.pl]] rather than the company address. We fly in from [[LOCATION:Kraków]] via [[LOCATION:Amsterdam]] and land around 22:40.`,

  // p3 telecom call-centre transcript with spelled-out account number
  `[00:00:04] AGENT ([[PERSON:Priya]]): Thanks for calling Telvio, you're through to [[PERSON:Priya]]. Can I take the account holder's name?
[00:00:09] CALLER: Yeah it's [[PERSON:Hunter]], [[PERSON:Hunter McAllister]].
[00:00:12] AGENT: Thanks [[PERSON:Hunter]]. And the account number?
[00:00:15] CALLER: It's four, four, seven, one... two, two, nine, oh... six, six.
[00:00:24] AGENT: Lovely. For security, your date of birth please?
[00:00:27] CALLER: [[DATE_OF_BIRTH:the twelfth of March 1986]].
[00:00:31] AGENT: And the first line of the address with the postcode?
[00:00:34] CALLER: [[STREET_ADDRESS:22 Cranbrook Avenue, Sheffield S11 8TD]].
[00:00:41] AGENT: Perfect, you're verified. What can I do for you today?
[00:00:44] CALLER: My mum's line keeps dropping, she's on [[PHONE:0114 268 3390]], it's under my account.`,

  // p4 insurance claim form
  `CLAIM FORM - Motor (Section B)
Policyholder: [[PERSON:OKAFOR, Chinedu J.]]
Policy no.: MTR-00-4471-2290
Date of birth: [[DATE_OF_BIRTH:17/06/1981]]
Address: [[STREET_ADDRESS:9 Bramble Close, Milton Keynes MK4 2FG]]
Phone (day): [[PHONE:01908 663 214]]   (evening): [[PHONE:07388 520 117]]
Email: [[EMAIL:chinedu.okafor@btinternet.com]]
Date of incident: 03/02/2025
Location of incident: A5 southbound near [[LOCATION:Towcester]]
Third party driver: Mrs [[PERSON:Gwen Ellery-Pugh]], tel [[PHONE:07441 902 385]]
Settlement account: IBAN [[IBAN:GB07 BARC 0563 5728 2559 81]]
Signed: [[PERSON:C. J. Okafor]]`,

  // p5 healthcare appointment reschedule
  `Hi there, I need to move my mum's appointment please. Patient: [[PERSON:Summer Nakamura-Ellis]], DOB [[DATE_OF_BIRTH:04/11/1952]]. She's currently booked for Tuesday 10:40 with Dr [[PERSON:Hale]] at the Riverside clinic - could we do Thursday afternoon instead? Her carer [[PERSON:Will Osei]] will bring her, so call him on [[PHONE:07720 318 446]] if anything changes. Thanks, [[PERSON:Joanne]]`,

  // p6 school / parent message
  `Dear Ms [[PERSON:Kowalski]],
[[PERSON:Freya]] won't be in on Friday - we're travelling to [[LOCATION:Galway]] for her grandad's 80th. Her brother [[PERSON:Finn]] (Year 4, Mr [[PERSON:Adeyemi]]'s class) will be off as well. If you need me, my number is [[PHONE:087 314 5592]], or my husband [[PERSON:Cathal]] on [[PHONE:086 227 9014]].
Many thanks,
[[PERSON:Niamh Ó Súilleabháin]]`,

  // p7 bank fraud report
  `FRAUD REPORT #FR-2025-0617-0042
Customer: [[PERSON:Gabriela Sánchez de la Fuente]]
Card: [[CREDIT_CARD:4284 9160 1767 1245]] (blocked 06:12 UTC)
Disputed: 3 x EUR 249.00 "ELECTRO-MAX ONLINE", 1 x EUR 1,180.00 "AIRTKT*VY"
Customer states the card never left her possession in [[LOCATION:Valencia]]; the online orders came from IP [[IP_ADDRESS:185.220.101.47]].
Callback: [[PHONE:+34 612 345 987]]
Refund account: [[IBAN:ES23 9895 6498 2886 8088 6735]]
Handled by: [[PERSON:Lorena Quiroga]] (Fraud Ops, shift B)`,

  // p8 marketplace seller chat, informal
  `buyer: hi is the bike still available?? 🚲
seller: yes! collection only tho, [[LOCATION:Leith]]
buyer: omg great. im [[PERSON:kate]] btw. can i come sat morning
seller: sure, its [[STREET_ADDRESS:3F2 14 Iona Street, Edinburgh EH6 8SG]], buzz "[[PERSON:Mcleod]]". text me when ur outside [[PHONE:07845 116 209]]
buyer: perfect 👍 will bring cash £180
seller: cool see u then x`,

  // p9 gym membership cancellation
  `To whom it may concern,
I wish to cancel my membership (member ID 00418837) with effect from the end of this month. Name: [[PERSON:Ali Hassan bin Othman]]. The direct debit is taken from [[IBAN:GB67 NWBK 8123 2626 1544 20]] - please stop collecting after the final payment on the 28th. My new address from June is [[STREET_ADDRESS:88 Kingsland Road, London E2 8DP]] in case you need to send anything. Phone [[PHONE:07412 665 190]].
Regards,
[[PERSON:A. H. bin Othman]]`,

  // p10 ride-share lost item report
  `Lost item report
Rider: [[PERSON:Will Tremblay]]
Trip: Sat 7 June, 23:48, from [[LOCATION:Gastown]] to [[STREET_ADDRESS:1187 Commercial Drive, Vancouver, BC V5L 3X2]]
Driver: [[PERSON:Harpreet S.]]
Item: black e-reader in a green fabric case, left on the back seat
Contact: [[EMAIL:will.tremblay@shaw.ca]] / [[PHONE:(604) 872-4410]]
Notes: rider will be away from Tuesday, please leave it with the concierge.`,

  // p11 developer support, pasted .env
  `Our deploy has been failing with 401s from Stripe since this morning. Here's the staging .env (yes I know, I'll rotate everything after):

DATABASE_URL=[[URL:postgres://app_rw:Hx7qLm29vPz@db-staging.acme-logi.com:5432/orders]]
STRIPE_SECRET_KEY=[[SECRET:sk_live_bzzcFYrkVCjOwLOSFPgirErT]]
SENDGRID_API_KEY=[[SECRET: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]]
LOG_LEVEL=debug
PORT=8080

- [[PERSON:Marco Bellini]], platform team`,

  // p12 stack trace with customer email and IP
  `Receipts stopped going out for some customers, trace from the worker:

Error: Failed to send receipt
    at Mailer.send (/srv/app/dist/mailer.js:88:13)
    at async OrderService.complete (/srv/app/dist/orders.js:212:5)
  cause: SMTPError: 550 5.1.1 <[[EMAIL:ines.carvalho77@sapo.pt]]>: Recipient address rejected
  context: { orderId: 'ORD-2291-0043', userId: 55120, ip: '[[IP_ADDRESS:89.153.44.201]]' }

Is this on our side or the mail provider?`,

  // p13 JSON webhook payload
  `The customer.updated webhook fails validation on our end, payload below:
{
  "event": "customer.updated",
  "data": {
    "id": "cus_Q8w1ZtK2nM",
    "name": "[[PERSON:Sipho Ndlovu]]",
    "email": "[[EMAIL:sipho.ndlovu@webmail.co.za]]",
    "phone": "[[PHONE:+27 82 415 3390]]",
    "address": "[[STREET_ADDRESS:14 Kloof Nek Road, Tamboerskloof, Cape Town, 8001]]",
    "created": 1718093022
  }
}`,

  // p14 YAML with credentials
  `Helm upgrade fails on the mail step, here's our values file (please don't judge):

smtp:
  host: smtp.mailgun.org
  port: 587
  user: postmaster@mg.kittlewake.io
  password: "[[SECRET:Tr0ub4dor&3-kw]]"
admin:
  name: [[PERSON:Eleanor Vance]]
  email: [[EMAIL:eleanor.vance@kittlewake.io]]
github:
  token: [[SECRET:ghp_xDJv11eHj29yu1mxlLDBLUZFJSfa0cQNUPLy]]
replicas: 2`,

  // p15 CRM CSV export
  `Here's the export that failed to import (3 rows):

id,first_name,last_name,email,phone,city,country,signup
1042,[[PERSON:Yuki]],[[PERSON:Matsumoto]],[[EMAIL:yuki.matsumoto@icloud.com]],[[PHONE:+81 90-4412-8837]],[[LOCATION:Osaka]],[[LOCATION:Japan]],2024-03-11
1043,[[PERSON:Oluwaseun]],[[PERSON:Adeyemi-Cole]],[[EMAIL:seun.ac@yahoo.co.uk]],[[PHONE:07388 520 118]],[[LOCATION:Manchester]],[[LOCATION:UK]],2024-03-11
1044,[[PERSON:Lucía]],[[PERSON:Fernández Ortega]],[[EMAIL:luciafo@gmail.com]],[[PHONE:+34 655 108 223]],[[LOCATION:Sevilla]],[[LOCATION:Spain]],2024-03-12`,

  // p16 German e-mail with English note
  `Sehr geehrte Damen und Herren,

hiermit widerrufe ich meinen Vertrag (Kundennummer 7730-22814). Bitte erstatten Sie den Betrag auf mein Konto: IBAN [[IBAN:DE92 3506 8760 6838 6942 72]], Kontoinhaber [[PERSON:Jürgen Oberländer]].
Meine neue Anschrift lautet [[STREET_ADDRESS:Kastanienallee 58, 10119 Berlin]].

Mit freundlichen Grüßen
[[PERSON:Jürgen Oberländer]]
Tel. [[PHONE:0171 4839207]]

-- internal note ([[PERSON:Sam]]): customer withdraws within 14 days, refund to German account, no return label needed.`,

  // p17 French + English
  `Bonjour,
Je m'appelle [[PERSON:Anne-Sophie Lefèvre-Martin]], née le [[DATE_OF_BIRTH:5 juin 1984]]. Je n'arrive plus à me connecter à mon espace client depuis que j'ai changé de numéro : l'ancien était le [[PHONE:06 12 48 93 70]], le nouveau est le [[PHONE:+33 6 72 18 44 05]]. Mon adresse : [[STREET_ADDRESS:17 rue des Trois-Frères, 75018 Paris]].
Could you also reply in English please, my husband [[PERSON:Will]] usually handles the account.
Cordialement,
[[PERSON:A.-S. Lefèvre-Martin]]`,

  // p18 Spanish (MX)
  `Hola, buenas tardes. Soy [[PERSON:Carlos Eduardo Ramírez Villalobos]], fecha de nacimiento: [[DATE_OF_BIRTH:23/09/1975]]. Tengo un problema con la tarjeta [[CREDIT_CARD:5120 7066 1040 1263]]: me cobraron dos veces la misma compra en [[LOCATION:Guadalajara]]. Pueden llamarme al [[PHONE:+52 55 4123 8890]]. Mi dirección es [[STREET_ADDRESS:Av. Álvaro Obregón 182, Int. 3, Col. Roma Norte, 06700 Ciudad de México]]. Gracias.`,

  // p19 Italian
  `Buongiorno,
scrivo per conto di mia madre, [[PERSON:Maria Grazia De Luca]] (data di nascita [[DATE_OF_BIRTH:14/02/1949]]), che non riceve più il codice SMS sul cellulare [[PHONE:347 128 5590]]. L'indirizzo registrato è [[STREET_ADDRESS:Via dei Serpenti 62, 00184 Roma]].
Grazie mille,
[[PERSON:Francesco De Luca]] - [[EMAIL:francesco.deluca@libero.it]]`,

  // p20 Portuguese (BR), WhatsApp-style
  `Oi! Meu pedido #BR-99120 não chegou ainda 😕 Nome: [[PERSON:Thiago Henrique dos Santos]]. Endereço: [[STREET_ADDRESS:Rua Augusta 1508, apto 62, Consolação, São Paulo - SP, 01304-001]]. Meu WhatsApp é [[PHONE:(11) 98765-4321]] e o email [[EMAIL:thiagohs@uol.com.br]]. Valeu!`,

  // p21 Portuguese (PT)
  `Boa tarde,
Venho pedir o reembolso da encomenda 55-0912 para a conta [[IBAN:PT09 4879 9930 3344 7903 7370 9]], titular [[PERSON:Inês Carvalho]]. Para confirmação de identidade: data de nascimento [[DATE_OF_BIRTH:30/01/1995]], morada [[STREET_ADDRESS:Rua da Bica de Duarte Belo 41, 2.º Esq., 1200-057 Lisboa]], telemóvel [[PHONE:+351 912 845 330]].
Obrigada,
[[PERSON:Inês]]`,

  // p22 Dutch
  `Goedemiddag,
Mijn naam is [[PERSON:Pieter van der Berg]]. Ik ben verhuisd naar [[STREET_ADDRESS:Prinsengracht 263-2, 1016 GV Amsterdam]] en wil graag mijn adres laten aanpassen. Geboortedatum: [[DATE_OF_BIRTH:7-6-1969]]. Telefoon [[PHONE:06-38291745]]. Het rekeningnummer blijft [[IBAN:NL20 RABO 0876 5096 40]].
Groeten, [[PERSON:Pieter]]`,

  // p23 Polish
  `Dzień dobry,
nazywam się [[PERSON:Magdalena Kowalczyk]] (w dowodzie: [[PERSON:KOWALCZYK MAGDALENA]]), data urodzenia [[DATE_OF_BIRTH:15.10.1988]]. Proszę o zmianę adresu dostawy na [[STREET_ADDRESS:ul. Mokotowska 48 m. 7, 00-543 Warszawa]]. Telefon: [[PHONE:512-448-903]]. Konto do zwrotu: [[IBAN:PL67 1400 5852 7740 2587 0793 2978]].
Pozdrawiam`,

  // p24 Swedish
  `Hej!
Jag heter [[PERSON:Elin Lindqvist]] och har fortfarande inte fått tillbaka pengarna för min retur (order 88-1204). Födelsedatum [[DATE_OF_BIRTH:1991-04-22]]. Adress: [[STREET_ADDRESS:Götgatan 41 lgh 1102, 118 26 Stockholm]]. Ring gärna [[PHONE:070-123 45 67]]. Konto för återbetalning: [[IBAN:SE65 1965 3599 2525 3171 4240]].
Mvh [[PERSON:Elin]]`,

  // p25 Turkish
  `Merhaba, ben [[PERSON:Emre Yıldırım]]. Siparişim (No: TR-55-81920) hâlâ gelmedi. Teslimat adresi: [[STREET_ADDRESS:Moda Caddesi No: 84 Daire 5, 34710 Kadıköy/İstanbul]]. Doğum tarihim [[DATE_OF_BIRTH:09.12.1993]] (hesap doğrulaması için istemiştiniz). Cep: [[PHONE:+90 532 418 27 63]]. İade için IBAN: [[IBAN:TR93 7821 3081 1841 4584 3525 09]]
Teşekkürler`,

  // p26 Japanese (romanised)
  `Osewa ni natte orimasu. [[PERSON:Tanaka Haruto]] to moushimasu. Chuumon bangou 2024-0815-3321 no ken desu ga, haisou-saki wo [[STREET_ADDRESS:3-14-2 Jingumae, Shibuya-ku, Tokyo 150-0001]] ni henkou shitai desu. Denwa: [[PHONE:080-3391-5527]]. Honnin kakunin no tame, seinengappi wa [[DATE_OF_BIRTH:1990-06-18]] desu. Yoroshiku onegai shimasu.`,

  // p27 Indonesian
  `Selamat siang, nama saya [[PERSON:Dewi Lestari Putri]]. Saya mau komplain, paket saya belum sampai sudah 9 hari. Alamat: [[STREET_ADDRESS:Jl. Kemang Raya No. 12B, Bangka, Mampang Prapatan, Jakarta Selatan 12730]]. No HP [[PHONE:0812-8834-5521]]. Tanggal lahir [[DATE_OF_BIRTH:17 Agustus 1989]] (untuk verifikasi akun). Terima kasih.`,

  // p28 Hindi (romanised) + English
  `Namaste, mera naam [[PERSON:Priya Sharma]] hai. Mere account se do baar Rs 4,999 kat gaye hain. Mera number [[PHONE:+91 98200 41376]] hai aur email [[EMAIL:priya.sharma1990@gmail.com]]. Delivery address: [[STREET_ADDRESS:Flat 702, Sai Krupa Apartments, 14th Cross, Indiranagar, Bengaluru 560038]]. Please jaldi refund kar dijiye, mere pati [[PERSON:Rohit]] bhi call karenge.`,

  // p29 voicemail transcript
  `Voicemail - received 14:22, duration 0:47 - transcription (automatic, may contain errors):
"hi this is uh [[PERSON:Grace Oyelaran]] calling about the washing machine repair, the engineer was meant to come today between eight and twelve and nobody showed up. um my number's [[PHONE:07956 331 408]], the address is [[STREET_ADDRESS:41 Wellington Park, Belfast BT9 6DL]]. if I don't pick up you can try my son [[PERSON:Hunter]] on [[PHONE:07523 889 140]]. thanks, bye"`,

  // p30 informal chat with bot, lowercase + emoji
  `hey juniper 😩 my acount got locked again?? its under [[EMAIL:summer.reyes.92@gmail.com]] … my bday is [[DATE_OF_BIRTH:2/29/1992]] if u need it lol. also i moved to [[LOCATION:austin]] so pls update, new place is [[STREET_ADDRESS:5100 burnet rd apt 212, austin tx 78756]] 🙏 thx - [[PERSON:summer]]`,

  // p31 SMS thread
  `[SMS from [[PHONE:+61 412 345 678]]] Hi its [[PERSON:Mei Ling]], running 10 min late for the 2pm viewing at [[STREET_ADDRESS:Unit 5, 22 Bondi Road, Bondi Junction NSW 2022]]. Can u let the agent know? Thx
[SMS to [[PHONE:+61 412 345 678]]] No worries [[PERSON:Mei Ling]], I've told [[PERSON:Jack]]. See you soon.`,

  // p32 NZ, family member calling
  `Kia ora, I'm writing on behalf of my koro, [[PERSON:Hemi Te Rangi]], whose power was disconnected by mistake at [[STREET_ADDRESS:Flat 3, 41 Ponsonby Road, Grey Lynn, Auckland 1021]]. He doesn't use email so please ring me ([[PERSON:Aroha]]) on [[PHONE:021 445 8893]]. The account holder's date of birth is [[DATE_OF_BIRTH:02/08/1944]] if you need it to verify. Ngā mihi.`,

  // p33 Austria
  `Servus,
bitte um Rückruf wegen der letzten Stromrechnung, die ist doppelt so hoch wie sonst. Name: Mag. [[PERSON:Stefan Gruber]], [[STREET_ADDRESS:Mariahilfer Straße 88/2/14, 1070 Wien]]. Handy [[PHONE:+43 664 123 4587]]. Am besten nach 17 Uhr.
Danke!`,

  // p34 Switzerland
  `Grüezi mitenand
Ich heisse [[PERSON:Lara Bühlmann]] und wohne neu an der [[STREET_ADDRESS:Badenerstrasse 142, 8004 Zürich]]. Bitte passen Sie die Lieferadresse für das Abo an. Meine Nummer: [[PHONE:+41 79 412 55 38]]. Die Rückerstattung bitte auf [[IBAN:CH51 9272 8475 8563 4682 5]].
Liebe Grüsse, [[PERSON:Lara]]`,

  // p35 Belgium, bilingual
  `Bonjour / Goedendag,
Ik ben [[PERSON:Wouter De Smet]], klant sinds 2019. Mijn adres: [[STREET_ADDRESS:Kortrijksesteenweg 412, 9000 Gent]]. GSM [[PHONE:0470/55.21.90]]. Gelieve de terugbetaling te storten op [[IBAN:BE79 4449 3113 8379]].
Merci en groetjes`,

  // p36 US contractor onboarding form with SSN
  `Contractor onboarding - tax details
Legal name: [[PERSON:Marcus T. Greenberg]]
SSN: [[US_SSN:512-66-0934]]
Date of birth: [[DATE_OF_BIRTH:11/03/1978]]
Address: [[STREET_ADDRESS:2211 W Belmont Ave, Apt 4R, Chicago, IL 60618]]
Phone: [[PHONE:312-847-2290]]
Email: [[EMAIL:mtgreenberg@protonmail.com]]
Payment method: ACH (bank details on file)`,

  // p37 identity verification chat, SSN pasted
  `Chat transcript - customer: [[PERSON:Raymond Abernathy]]
Agent ([[PERSON:Dana]]): For security, can you confirm the last four of your Social?
Customer: 8806. actually here's the whole thing so we're done with this: [[US_SSN:231-47-8806]], and DOB is [[DATE_OF_BIRTH:July 4, 1979]]
Agent ([[PERSON:Dana]]): Thank you Mr. [[PERSON:Abernathy]]. Please don't share the full number in chat going forward, I've asked for it to be masked on our side.
Customer: sure. can you just fix the double charge`,

  // p38 AWS credentials in CI config
  `Hi team, CI started failing after I rotated keys. Error:

botocore.exceptions.ClientError: An error occurred (InvalidAccessKeyId) when calling the PutObject operation: The AWS Access Key Id you provided does not exist in our records.

~/.aws/credentials on the runner:
[default]
aws_access_key_id = [[SECRET:AKIALTDPXR5IMG3S9NAO]]
aws_secret_access_key = [[SECRET:ZSsJvn9VA9UwW3vIXKefjKgLxuys00b+g+HkElOx]]
region = eu-west-1

Thanks, [[PERSON:Ngozi]]`,

  // p39 private key pasted in a ticket
  `Our SFTP feed stopped working overnight. This is the key we're using (it's only the staging one):

[[SECRET:-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIBAthWAofO8JjwUCMNnM2FUyWpx4i6vTwboAg4lBOFC3oAoGCCqGSM49
AwEHoUQDQgAExu/v/UwbmtWIlx+0h8E7Hyc5TVFiJUHFNLuLHEzgsBunkBq0FYNC
BpSRIqQ1wSVQi8yEtgjlHJ2/NeYyafRm0Q==
-----END EC PRIVATE KEY-----]]

Server sftp.partner-feeds.net, user trellis_feed. Reach me at [[EMAIL:j.kowalski@trellisfoods.com]] or [[PHONE:+1 416 902 3381]] ext. 2204.
[[PERSON:Jan Kowalski]]`,

  // p40 JWT in curl
  `Getting 403 on the orders endpoint even with a fresh token:

curl -s https://api.shopwell.io/v2/orders?limit=20 -H "Authorization: Bearer [[SECRET:eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI4ODEyMDM0IiwibmFtZSI6Ik95ZWxhcmFuIEFkZWJheW8iLCJlbWFpbCI6InQuYWRlYmF5b0BnbWFpbC5jb20iLCJpYXQiOjE3MTc0MzA0MDAsImV4cCI6MTcxNzUxNjgwMH0.8KfM45AURJQX3Ngu-6uZtuabCSoT82OvpIPg9IBugP0]]"
{"error":"forbidden","request_id":"req_7Hq2LmN90x"}

Account owner is [[PERSON:Tunde Adebayo]] if you need to check scopes.`,

  // p41 Slack token and user in logs
  `2025-06-03T09:14:22.118Z WARN  slack-notifier retrying with token [[SECRET:xoxb-169271745120-6942239934656-KxvXeY3WmHs7WzwqCE8bVPZd]] channel=C04QX7ZLM2B attempt=2/5
2025-06-03T09:14:22.530Z ERROR slack-notifier invalid_auth
2025-06-03T09:14:23.004Z INFO  export requested by [[EMAIL:rafael.mendes@gmail.com]] from [[IP_ADDRESS:177.38.120.9]]
Can someone tell me why the notifier keeps failing? The export still ran.`,

  // p42 password reset URL with personal values
  `Hi, the reset link you sent me doesn't work: [[URL:https://account.brightbank.com/reset?email=joy.achterberg%40gmail.com&token=8f2c1e9a77b04d3e]] - it says "expired" the moment I open it. Tried three times.
[[PERSON:Joy Achterberg]]`,

  // p43 basic-auth credentials in a URL
  `Our webhook target is configured as [[URL:https://ops:Wint3rIsC0ming@hooks.fernhill-analytics.io/ingest]] and the vendor says they only get 401s since Friday. Nothing changed on our side as far as I know. - [[PERSON:Beatriz Moreno]], Fernhill`,

  // p44 suspicious login report with IPv4 + IPv6
  `I got an email saying someone logged into my account from [[IP_ADDRESS:84.17.52.118]] at 03:11. That wasn't me, I'm in [[LOCATION:Lisbon]] and was asleep. There's also an IPv6 address in the activity list I don't recognise: [[IP_ADDRESS:2a02:8109:9c40:1a00:5d1e:3f2:c0a8:71]]. Please lock the account.
- [[PERSON:Duarte Figueiredo]], [[EMAIL:duarte.fig@gmail.com]]`,

  // p45 car rental damage dispute, Ireland
  `Rental agreement RA-77120455
Renter: [[PERSON:Siobhán Mac Giolla Phádraig]], licence address [[STREET_ADDRESS:14 Ashfield Park, Terenure, Dublin 6W, D6W Y2K7]]
Mobile: [[PHONE:+353 87 902 4418]]
Renter disputes the EUR 650 charge for a rear bumper scratch; says it was photographed at pick-up in [[LOCATION:Shannon]] and is on the check-out sheet. Photos attached by the renter. Please review before the charge settles on card ending 1190.`,

  // p46 airline PNR style
  `PNR K7QZ4M
1. [[PERSON:ADEBAYO/OLUWATOSIN]] MS
2. [[PERSON:ADEBAYO/TEMI]] MSTR (child, DOB [[DATE_OF_BIRTH:12MAR15]])
Segments: WB 1204 (0840) / WB 0977 (1750)
CTCM [[PHONE:+234 803 412 7789]]
CTCE [[EMAIL:tosin.adebayo@yahoo.com]]
Customer asks to move both segments one day later, same cabin.`,

  // p47 recruiting support with LinkedIn profile URL
  `Hello, the candidate portal won't accept my profile link, it says "invalid URL". The link is [[URL:https://www.linkedin.com/in/ana-lucia-moreira-7b2a91/]] - I copied it straight from the browser. Could someone attach it to my application manually? Application ref APP-2025-3381.
Thanks,
[[PERSON:Ana Lúcia Moreira]]
[[PHONE:+351 936 221 047]]`,

  // p48 card pasted in chat (Amex)
  `Customer: i tried paying 3 times and it keeps saying declined. card is [[CREDIT_CARD:3465 016915 74925]] exp 09/27
Agent: Please don't send full card numbers in chat, Mr [[PERSON:Ito]]... sorry, [[PERSON:Ito]]-san. I've removed it from the view. Could you try the payment page again?
Customer: ok. name on card is [[PERSON:KENJI ITO]]`,

  // p49 Monterrey voicemail, Spanish
  `Buzón de voz 09:12 - transcripción:
"Hola, habla [[PERSON:Ximena Garza]], les llamo porque el técnico no vino ayer. Mi número es [[PHONE:81 8345 2210]], vivo en [[STREET_ADDRESS:Calle Padre Mier 1420, Col. Obispado, 64060 Monterrey]]. Por favor devuélvanme la llamada, gracias."`,

  // p50 tenant/property message with Will as name and verb
  `Hi, it's [[PERSON:Will]] from flat 4. Will someone be able to look at the boiler this week? It's been cold since Sunday. [[PERSON:Hope]] in flat 2 said hers is fine so it must be just ours. Best number is [[PHONE:07981 204 557]].`,

  // p51 medical practice: DOB in words, no diagnosis
  `Hello, Dr [[PERSON:Mehta]]'s secretary asked me to email my details for the referral letter.
Full name: [[PERSON:Rohan Anil Mehta]]
Born: [[DATE_OF_BIRTH:2 October 1985]]
Address: [[STREET_ADDRESS:Flat 12, Ashdown Court, 9 Newland Road, Worthing BN11 1JR]]
Mobile: [[PHONE:07700 181 342]]
Thank you.`,

  // p52 payments log leaking a card number
  `{"level":"error","ts":"2025-05-19T22:01:44Z","msg":"charge failed","gateway":"adyen","card_number":"[[CREDIT_CARD:6011058223074768]]","amount":12999,"currency":"USD","customer_email":"[[EMAIL:dwight.okonkwo@hotmail.com]]"}
^ this is from our prod log, how do we stop the SDK from logging the PAN?`,

  // p53 Quebec
  `Bonjour, je vous écris au sujet de mon abonnement. Nom : [[PERSON:Marie-Ève Gagnon-Tremblay]]. Adresse : [[STREET_ADDRESS:4520 rue Saint-Denis, Montréal (Québec) H2J 2L3]]. Téléphone : [[PHONE:514 288-4491]]. Je voudrais payer avec une autre carte, la [[CREDIT_CARD:4043 8260 2837 1408]]. Merci!`,

  // p54 internal escalation note, "Last, First"
  `ESCALATION - priority 2
Customer: [[PERSON:NGUYEN, Thi Minh Anh]]
Callback: [[PHONE:0423 118 904]] (after 3pm AEST)
Summary: second failed delivery to her workplace in [[LOCATION:Parramatta]]; courier marked "business closed" at 11:02 on a weekday. Customer requests redelivery to home address instead: [[STREET_ADDRESS:7 Tallowwood Avenue, Cherrybrook NSW 2126]].
Owner: [[PERSON:Brendan]] (Tier 2)`,

  // p55 HR payroll with SSN and hyphenated name
  `Hi Payroll, my W-2 shows the wrong Social Security number. It should be [[US_SSN:455-03-1967]], not the one ending 1976 - looks like two digits got swapped. Name: [[PERSON:D'Angelo Brooks-Whitaker]], employee #40871. Home address [[STREET_ADDRESS:830 Magnolia St, Unit B, Savannah, GA 31401]].
Thanks, [[PERSON:D'Angelo]]`,

  // p56 school trip permission slip
  `TRIP CONSENT FORM - Year 6 residential
Child's name: [[PERSON:Amara Nwosu]]
Child's date of birth: [[DATE_OF_BIRTH:12 March 2014]]
Parent/guardian: [[PERSON:Chidi Nwosu]]
Emergency contact: [[PERSON:Blessing Nwosu]], [[PHONE:07539 442 801]]
Home address: [[STREET_ADDRESS:61 Gorse Hill Road, Swindon SN2 1HT]]
Dietary notes: vegetarian
Signed: [[PERSON:C. Nwosu]]   Date: 04/05/2025`,

  // p57 e-mail signature with extension
  `Thanks for the quick turnaround on the renewal quote. We'll sign off on Monday.

Best regards,
Dr. [[PERSON:Amara Nwosu-Bakare]]
Head of Procurement, Northgate Health Trust
T: [[PHONE:+44 113 243 8871]] ext. 4410 | M: [[PHONE:+44 7911 305 662]]
[[EMAIL:amara.nwosu-bakare@northgate-health.org]]`,

  // p58 wedding venue booking
  `Hi! We'd like to confirm the date for our wedding reception - 21 June next year. Names for the contract: [[PERSON:Summer Holloway]] and [[PERSON:Bill Castellano]]. Our planner [[PERSON:Crystal]] will send the deposit. Please email both of us: [[EMAIL:summer.holloway@gmail.com]] and [[EMAIL:bcastellano@me.com]]. Thanks so much!! 💍`,

  // p59 marketplace payment dispute
  `Seller message: I shipped the camera on the 3rd with tracking 9400 1118 9922 3385 7110 45. The buyer, [[PERSON:Rosalind Kemp]] ([[EMAIL:roz.kemp@btinternet.com]]), says it arrived broken but sent me photos of a different model. I've kept the receipt from the post office in [[LOCATION:Norwich]]. Please don't refund until you've seen it. My PayPal is [[EMAIL:greg.antoniou@gmail.com]]. - [[PERSON:Greg]]`,

  // p60 chatbot conversation, bot persona not labeled
  `Juniper: Hi! I'm Juniper, your virtual assistant. What can I help you with?
User: change my phone number on the account
Juniper: Sure. What's the new number?
User: [[PHONE:+49 152 2837 4410]]
Juniper: And your date of birth, for verification?
User: [[DATE_OF_BIRTH:03.03.1990]]
Juniper: Thanks, [[PERSON:Lukas]]! Your number has been updated.`,

  // p61 telecom port-out
  `Hi, I'm switching provider and need the porting code for [[PHONE:0412 887 306]]. The account is in my name, [[PERSON:Ravindra Pillai]], and the billing address is [[STREET_ADDRESS:3/18 Station Street, Fairfield VIC 3078]]. I've already paid the final bill ($64.20). Cheers`,

  // p62 git log / commit author in a support ticket
  `After upgrading to 3.2.0 the build breaks. git log of the offending commit:

commit 9b1e0c4f7a2d8e63b5c1f0a9d7e4b2c68a3f1e50
Author: [[PERSON:Kwabena Mensah]] <[[EMAIL:kwabena.mensah@gmail.com]]>
Date:   Tue Jun 10 16:42:08 2025 +0100

    fix: pin esbuild to 0.21

Could you look at why the lockfile resolves differently on your registry mirror?`,

  // p63 docker-compose with password values and a Google key
  `Maps stopped rendering after we moved to compose. Our file:

services:
  db:
    image: postgres:16
    environment:
      POSTGRES_USER: app
      POSTGRES_PASSWORD: [[SECRET:pg-Str0ng-2291!]]
  web:
    build: .
    environment:
      MAPS_API_KEY: [[SECRET:AIzamf3YfJQ6qtL-9g_JuaWPC_wRVWk3BqjR1q3]]
      ADMIN_EMAIL: [[EMAIL:h.sato@kumo-logistics.jp]]`,

  // p64 Python traceback with locals
  `Traceback (most recent call last):
  File "/app/billing/invoice.py", line 141, in render
    pdf = template.render(customer=customer)
KeyError: 'vat_number'
Locals at frame:
  customer = {'name': '[[PERSON:Zeynep Aksoy]]', 'email': '[[EMAIL:zeynep.aksoy@outlook.com.tr]]', 'phone': '[[PHONE:+90 216 418 22 90]]'}
  invoice_id = 'INV-2025-07712'
Happens only for Turkish customers, I think.`,

  // p65 OpenAI + npm tokens in code
  `Not sure if this is your SDK or us, but the client hangs forever:

from openai import OpenAI
client = OpenAI(api_key="[[SECRET:sk-proj-7_xa4GTABZQDTfgmK_wsjMK0sjJDEOehFmJe1wHWqUSYQdw7]]", timeout=30)

and our .npmrc for the JS side:
//registry.npmjs.org/:_authToken=[[SECRET:npm_Vj8d7S4lDyHZVmtcwF0dhBeM4xjvvhzOugDA]]`,

  // p66 GitLab CI log with token
  `$ export GITLAB_TOKEN=[[SECRET:glpat-L4DCFaOzsmWKBEl-iKck]]
$ git clone https://gitlab.com/fernhill/etl.git
Cloning into 'etl'...
remote: HTTP Basic: Access denied
fatal: Authentication failed
Job failed: exit code 128
Token belongs to [[PERSON:Olga Petrenko]], she's on leave - can you tell me if it was revoked?`,

  // p67 short SMS-style callback request
  `pls call me back on [[PHONE:0660 8123456]] re the broken router, been waiting since tuesday. [[PERSON:Aylin]]`,

  // p68 Bill as name and verb
  `[[PERSON:Bill]] here again. You bill me twice every month since March and nobody fixes it. Account email [[EMAIL:bill.nakagawa@comcast.net]]. I'm done being patient, refund the duplicates or I cancel.`,

  // p69 meter reading, Spain
  `Buenos días, les envío la lectura del contador: 048213 kWh. Titular: [[PERSON:Rocío Martín-Peña]], suministro en [[STREET_ADDRESS:Calle de Argumosa 23, 3º izq., 28012 Madrid]]. Para cualquier duda, [[PHONE:91 542 33 18]].`,

  // p70 Anthropic key in a GitHub issue-like ticket
  `Bug: the proxy prints the upstream key on startup.

Steps: run with DEBUG=1
Output:
  [proxy] upstream=anthropic key=[[SECRET:sk-ant-api03-bbolBIx-tzC4dvPCMLi63BA2qTYBRtR7Utd5zwc-T3aGCN4f9i8oR-1yzt8kKa_Ogm5KDBZvZRIzxZWUg5CnlyzNQk9DLAA]]
  [proxy] listening on :8787

Expected: key masked. Reported by [[PERSON:Iris van Dijk]].`,

  // p71 NDJSON access log with users
  `{"t":"2025-06-11T07:02:13Z","path":"/login","status":200,"user":"[[EMAIL:h.nakashima@rakuten.jp]]","ip":"[[IP_ADDRESS:133.242.18.77]]"}
{"t":"2025-06-11T07:02:19Z","path":"/login","status":401,"user":"[[EMAIL:m.oconnell@eircom.net]]","ip":"[[IP_ADDRESS:2001:bb6:4a2c:9e00:1c8a:77ff:fe21:d3b0]]"}
{"t":"2025-06-11T07:02:20Z","path":"/healthz","status":200}
Why is the second user getting 401 with the right password?`,

  // p72 GitHub fine-grained PAT + stripe restricted key in chat
  `dev1: the sync job uses [[SECRET: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]] right?
dev2: yeah and the reporting one uses [[SECRET:rk_live_7roq4LGNQ4sc8HxACcQG9h5o]]
dev1: ok, pasting both into the support form so they can debug 🤦
support: please revoke both immediately - these are live credentials.`,

  // p73 pet insurance claim
  `Pet claim - policy PET-3390-118
Owner: [[PERSON:Hunter Blackwood]]
Pet: Biscuit (beagle, 6 yrs)
Vet: Greenway Veterinary Centre, [[LOCATION:Harrogate]]
Invoice total: £486.50
Pay claim to: [[IBAN:GB39 LOYD 3096 3318 2744 05]]
Contact: [[EMAIL:hblackwood@icloud.com]], [[PHONE:07846 502 911]]`,

  // p74 German form with DOB in words
  `Antragsformular Kundenkarte
Name, Vorname: [[PERSON:Schäfer-Yilmaz, Hatice]]
Geburtsdatum: [[DATE_OF_BIRTH:3. März 1979]]
Anschrift: [[STREET_ADDRESS:Eichendorffweg 7, 70565 Stuttgart]]
Telefon: [[PHONE:0711 / 78 22 904]]
E-Mail: [[EMAIL:hatice.sy@gmx.de]]
Zahlungsart: Lastschrift, IBAN [[IBAN:DE86 8688 5103 6054 5799 37]]`,

  // p75 Italian business e-mail with Mastercard (2-series)
  `Gentile servizio clienti,
vi scrivo perché la carta aziendale [[CREDIT_CARD:2221-1516-8119-9147]] intestata a [[PERSON:Lorenzo Bassi]] risulta addebitata due volte per la fattura 2025/0418. Potete contattarmi al [[PHONE:02 8645 3321]] in orario d'ufficio a [[LOCATION:Milano]].
Cordiali saluti,
[[PERSON:Chiara Ferri]], amministrazione`,

  // p76 JCB card from Japanese traveller, EN
  `Hello, I am [[PERSON:Sakura Yamamoto]] staying in [[LOCATION:Edinburgh]] until Sunday. Your machine charged my card [[CREDIT_CARD:3530 6460 2573 6839]] but no ticket came out. Please refund. My phone in the UK is [[PHONE:07393 620 114]], in Japan [[PHONE:+81 3-5412-7789]].`,

  // p77 Diners card in insurance phone note
  `Call note 16:05 - caller [[PERSON:Frank DeLuca]] wants to pay the premium arrears by card over the phone. Card read out: [[CREDIT_CARD:3665 199377 7984]]. Payment taken, receipt to [[EMAIL:fdelucajr@aol.com]]. Caller also asked to update his date of birth on file to [[DATE_OF_BIRTH:08/14/1961]] (was keyed as 08/41/1961).`,

  // p78 ZA + hyphen apartment, hotel guest complaint
  `Dear Guest Relations,
During my stay (room 1412, 2-5 May) my wallet was taken from the room safe. My details for the police report: [[PERSON:Thandiwe Mokoena-Dlamini]], [[STREET_ADDRESS:Unit 9, 55 Jan Smuts Avenue, Rosebank, Johannesburg 2196]], cell [[PHONE:+27 72 880 1943]]. The card in the wallet was [[CREDIT_CARD:5367 4567 2355 0455]], which I have since cancelled.
Regards`,

  // p79 Dutch informal with Instagram-style chat
  `heyy, ik heb mn bestelling nog steeds niet 😭 naam is [[PERSON:Sanne de Vries]], postcode en huisnummer: [[STREET_ADDRESS:Oudegracht 118-bis, 3511 AZ Utrecht]]. bel me maar op [[PHONE:+31 6 2418 7730]] als de bezorger het niet vindt x`,

  // p80 Swedish/English B2B support with IP allowlist
  `Hi! Please add our office IP [[IP_ADDRESS:81.226.140.53]] to the allowlist for the SFTP account. Our backup connection goes out via [[IP_ADDRESS:213.115.92.4]] from [[LOCATION:Göteborg]].
Tack!
[[PERSON:Johan Ek]]
[[PHONE:+46 8 123 456 78]]`,

  // p81 US mail with "Last, First" and SSN spaced
  `Re: benefits enrollment - the form rejected my SSN because of the spaces, I typed [[US_SSN:609 18 2274]]. Name on file is [[PERSON:Alvarez, Maria José]]. My cell is [[PHONE:(505) 331-7720]]. I live at [[STREET_ADDRESS:1409 Calle del Sol, Santa Fe, NM 87505]].`,

  // p82 gym freeze request, Polish English mix
  `Hi, can I freeze my membership for 2 months? I'm going back to [[LOCATION:Gdańsk]] for the summer. Name: [[PERSON:Bartłomiej Zieliński]], phone [[PHONE:+48 691 302 447]]. Dzięki!`,

  // p83 French voicemail
  `Messagerie vocale - 11h47 :
« Oui bonjour, c'est Mme [[PERSON:Roussel]]... non pardon, [[PERSON:Hélène Roussel]], j'appelle pour la livraison du canapé qui devait arriver ce matin. Je suis au [[STREET_ADDRESS:8 allée des Tilleuls, 69003 Lyon]], rappelez-moi au [[PHONE:04 78 62 19 33]]. Merci. »`,

  // p84 Indian B2B address + GST not labeled
  `Please update the ship-to for PO 4500219871: [[STREET_ADDRESS:Plot 42, Sector 18, Udyog Vihar, Gurugram, Haryana 122015]]. Receiving contact is Mr. [[PERSON:S. Venkataraman]]... sorry, [[PERSON:Srinivas Venkataraman]], mobile [[PHONE:098450 12873]].`,
];

const NEGATIVES: readonly string[] = [
  // n1 order confirmation, phone-like and card-like numbers
  `Thanks for your order! Order no. 114-2207-3391 · Invoice INV-2025-004471 · Total $1,234.56 (incl. $98.40 tax).
Estimated delivery: Thursday 12 June, 08:00-12:00. Tracking: 1Z999AA10123456784. Your parcel will be handed over to the courier once it leaves the warehouse.`,

  // n2 config with loopback / documentation IPs
  `# proxy.yaml
listen: 127.0.0.1:8080
admin_listen: "[::1]:9901"
upstreams:
  - name: primary
    address: 192.0.2.10:443
  - name: canary
    address: 198.51.100.23:443
trusted_proxies: [203.0.113.0/24, 127.0.0.0/8]
health_url: http://localhost:8080/healthz
database:
  host: localhost
  password_file: /run/secrets/db_password`,

  // n3 release notes with versions, hashes, UUIDs
  `Release 4.12.0 (build 20250612.3)
- Fixed a crash when importing CSV files larger than 2 GB (#8812)
- Upgraded openssl to 3.0.14 and node to 20.18.1
- Deprecated the v1 export endpoint; it will be removed in 5.0.0
Checksums:
  sha256  1c32d727b02925dc5bbb9b2d0095724f69bdb3001c6f31ada5dc8dafd9f1dc5c  app-4.12.0.tar.gz
  commit  5615e53666a3a487f7b24a8ada9fd5c4213d0dcb
Migration id: 050c803a-3f32-4734-a1fa-1c5b5dea409a`,

  // n4 products named after places and people-like brands
  `Our bestsellers this week: the Denver model recliner in hunter green, the Oslo sofa bed, the Florence pendant lamp and Chelsea boots from our own label. The Austin desk is back in stock in rose gold. Dr. Martens and Jack Wolfskin items ship separately from the brand warehouses.`,

  // n5 grace period / may / will / hope / mark as read
  `You will have a 14-day grace period after the renewal date. During that time you may still access all features. We hope this helps! Tip: you can mark as read any notification older than 30 days, or use "Mark all as read" in the top bar. Summer sale prices apply until the end of August.`,

  // n6 role mailboxes only
  `For billing questions write to billing@northwind-cloud.com, for data-protection requests to privacy@northwind-cloud.com. Please don't reply to this message, it was sent from noreply@northwind-cloud.com. Urgent outages are announced on status.northwind-cloud.com and by support@northwind-cloud.com.`,

  // n7 bot persona greeting
  `Juniper: Hi, I'm Juniper 🌿, the virtual assistant. I can help with orders, returns and delivery questions. Type "agent" at any time to reach the support team. What would you like to do today?`,

  // n8 log lines with request IDs, latencies, loopback
  `2025-06-11T07:02:13.441Z INFO  req=8965d493-39fd-4bea-99d6-e726af9eb50b GET /api/v2/orders 200 41ms
2025-06-11T07:02:13.902Z WARN  req=0f9c2a1e-77b4-4d3e-9a51-2c6e1b8f0d47 upstream 127.0.0.1:5432 slow query 1840ms
2025-06-11T07:02:14.017Z INFO  pool size=20 idle=17 waiting=0
2025-06-11T07:02:15.230Z ERROR job=reindex-catalog attempt=3/5 exit=137 (OOMKilled)`,

  // n9 stack trace, no personal data
  `TypeError: Cannot read properties of undefined (reading 'currency')
    at formatPrice (/srv/app/dist/lib/money.js:27:19)
    at CartSummary.render (/srv/app/dist/components/CartSummary.js:88:11)
    at renderWithHooks (/srv/app/node_modules/react-dom/cjs/react-dom.production.min.js:5:2178)
Node v20.18.1, react-dom 18.3.1. Reproduces only with an empty cart.`,

  // n10 ticket statuses with weekdays and months
  `Status update: the May release slipped to early June. Monday's maintenance window (02:00-04:00 UTC) is confirmed; Friday's is cancelled. Tickets INC-2025-118842 and INC-2025-118851 are resolved, CHG-0091 is pending approval in August.`,

  // n11 invoice with reference that looks like a card
  `Payment received. Amount: EUR 1.299,00. Payment reference: 4000 1234 5678 9010. Invoice date 30/06/2025, due date 14/07/2025. Contract term 01/04/2024 - 31/03/2026. Thank you for your business.`,

  // n12 company birthday, non-birth date cues
  `Happy 25th birthday to us! Lumen Home was founded on 3 May 2000 with one shop and a van. To celebrate, every order placed before 31 May gets free delivery. Date of manufacture and batch number are printed on the base of each lamp (e.g. 2024-11-07 / B-22841).`,

  // n13 IBAN format explanation, template not a value
  `To pay by bank transfer, enter the IBAN of the account you are paying from in the format CCkk BBBB BBBB BBBB BBBB BB, where CC is the country code and kk the check digits. We never ask for your online-banking password by email or phone.`,

  // n14 German shipping notice
  `Guten Tag,
Ihre Bestellung 302-4471902-8834113 wurde heute versandt. Sendungsnummer: 00340434161094012345. Voraussichtliche Zustellung: Mittwoch, 18.06.2025. Bei Fragen antworten Sie bitte nicht auf diese E-Mail, sondern nutzen Sie das Kontaktformular.
Ihr Kundenservice`,

  // n15 French delivery slots
  `Bonjour,
Votre créneau de livraison est confirmé : samedi entre 9 h et 13 h. Référence de commande : FR-2025-33-0917. Montant restant à payer : 149,90 €. Si le créneau ne vous convient plus, vous pouvez le modifier jusqu'à 48 h avant.
Le service client`,

  // n16 code: email regex and placeholders
  `We validate addresses with this pattern before saving:
const EMAIL_RE = /^[^@]+@[^@]+[.][a-z]{2,}$/i;
and the template uses {customer_name} and {customer_email} placeholders, which are filled in at send time. The unit test fixture is fixtures/contacts.empty.json.`,

  // n17 git log with bots only
  `Recent commits on main:
a41f9c2 chore(deps): bump axios from 1.6.8 to 1.7.2 (dependabot[bot])
77e0b1d chore(deps): update dependency typescript to v5.4.5 (renovate[bot])
c903aa7 ci: cache pnpm store between jobs (github-actions[bot])
The failing check is "lint / node 20" on commit c903aa7.`,

  // n18 Japanese romanised, policy
  `Itsumo go-riyou itadaki arigatou gozaimasu. Henpin uketsuke kikan wa shouhin tochaku-go 30-nichi ikan desu. Chuumon bangou 2025-0611-7720 no henpin raberu wa mai peeji kara insatsu dekimasu. Yoroshiku onegai itashimasu.`,

  // n19 colour and product words that are names
  `Available colours: Rose, Summer Sky, Hunter, Grace White and Ivory. The Bill-Fold wallet comes in all five. Will it fit a passport? Yes, the inner pocket is 14 x 10 cm.`,

  // n20 error codes that look like numbers
  `If the installer stops with 0x80070005 or E-4471-2290-118, run it again as administrator. Error 1603 means a previous version is still installed; remove version 2.3.14 first. Part numbers: 555-0199-A (power adapter), 07912-448-B (cable).`,

  // n21 ISBN / EAN / tracking formats
  `Books in this bundle: ISBN 978-0-306-40615-7 and ISBN 978-3-16-148410-0. Bundle EAN 4006381333931. Royal Mail tracking JD014600004163289631 and AB123456785GB. Weight 1.8 kg.`,

  // n22 hard negative: Denver / Paris / Sydney product lines, pricing
  `Compare the Paris, Sydney and Denver lines: Paris has a solid oak frame (from $899), Sydney adds a storage drawer ($1,049) and Denver is the modular one ($1,299 for 3 seats). All three ship flat-packed within 5-7 working days.`,

  // n23 Spanish policy text with "Rosa" colour and "Mayo"
  `Hola, gracias por escribirnos. Las devoluciones se aceptan durante 30 días. El modelo en color rosa está agotado hasta mayo; el azul marino sigue disponible. El número de incidencia es ES-INC-00812. Un saludo, el equipo de atención al cliente.`,

  // n24 docker/k8s digest & UUID
  `Pull the fixed image with:
docker pull ghcr.io/northwind/api@sha256:1c32d727b02925dc5bbb9b2d0095724f69bdb3001c6f31ada5dc8dafd9f1dc5c
kubectl rollout restart deployment/api -n prod
Rollout id: 7f3e2b90-1c4d-4a8e-b6f1-0d9e8c7a5b21, revision 42.`,

  // n25 maths of a refund with percentages and timestamps
  `Refund calculation: annual plan €240.00, used 137 of 365 days → unused share 62.47% → refund €149.92 minus €5.00 fee = €144.92. Processed 2025-06-10 14:03:27 UTC; expect it within 3-5 banking days.`,

  // n26 generic ride-share policy with "Jack" as tool and "Bill" as invoice
  `Flat tyre? Every vehicle carries a jack and a spare. If you were charged a cleaning fee, the bill will show it as a separate line. We may waive the fee once per year; you can mark the trip as disputed in the app.`,

  // n27 .env with placeholder values only
  `# .env.example - copy to .env and fill in
DATABASE_URL=postgres://USER:PASSWORD@localhost:5432/app
STRIPE_SECRET_KEY=sk_test_replace_me
SENDGRID_API_KEY=
JWT_SECRET=change-this-in-production
API_BASE=http://127.0.0.1:3000`,

  // n28 Turkish shipping notice
  `Merhaba,
Siparişiniz (No: 7720-1188-4432) kargoya verildi. Kargo takip numarası: 4471902883. Tahmini teslim tarihi: 14 Haziran Cuma. Ürün değişimi için 14 gün içinde başvurabilirsiniz.
Müşteri Hizmetleri`,

  // n29 meeting agenda with no names
  `Agenda - support ops weekly
1. Backlog: 312 open tickets (-8% week on week)
2. SLA breaches: 4, all in the overnight queue
3. Proposal: auto-close "awaiting customer" tickets after 10 days
4. AOB: Q3 holiday coverage rota to be posted by Wednesday`,

  // n30 Portuguese FAQ
  `Perguntas frequentes: O prazo de entrega é de 3 a 5 dias úteis. Pode acompanhar a encomenda com o código CTT RR123456785PT. As devoluções são gratuitas nos primeiros 30 dias. Obrigado pela preferência!`,

  // n31 Hindi romanised, generic
  `Namaste! Aapka order 4471-2290-66 dispatch ho gaya hai. Delivery 2-3 din mein ho jayegi. Agar koi samasya ho to app mein "Help" par click karein. Dhanyavaad!`,

  // n32 JSON API error with test fixture IDs
  `{"error":{"type":"invalid_request_error","code":"parameter_missing","param":"customer","doc_url":"https://docs.payments-api.dev/errors#parameter_missing","request_log_url":"https://dashboard.payments-api.dev/logs/req_2Hk9QmZ71p"}}`,
];

export function heldout3(): LabeledDoc[] {
  return [
    ...POSITIVES.map((src, i) => parseMarkup(`h3-p${i + 1}`, 'heldout3', src)),
    ...NEGATIVES.map((src, i) => parseMarkup(`h3-n${i + 1}`, 'heldout3-negative', src, true)),
  ];
}
