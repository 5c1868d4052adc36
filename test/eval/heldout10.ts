/**
 * Held-out set 10: 100 hand-labeled texts plus 30 hard negatives, written blind (without looking at the detector or
 * at the other evaluation sets; only markup.ts and heldout9.ts's header / export were read). Its emphasis is what an
 * LLM APPLICATION actually sends to the model rather than plain tickets: system prompts with an injected customer
 * profile or CRM record (prose, key: value lines, YAML, JSON, markdown tables), RAG context mixing retrieved
 * knowledge-base snippets with retrieved customer records, notes and earlier tickets ("### Document 3 (source:
 * zendesk #88123)"), tool / function results as JSON, XML or CSV (CRM, order, payment, identity-verification,
 * shipping, KYC, payroll and screening lookups, with nested objects, arrays, snake_case and camelCase keys, nulls,
 * escaped quotes and \n inside strings), tool-call arguments written by the model, assistant memory blocks and
 * handoff summaries, and flattened chat histories with short casual user turns (typos, all-lowercase, emoji,
 * texting abbreviations, voice dictation without punctuation). Domains: patient portals and pharmacy refills, HR and
 * payroll helpdesks, university admissions and student services, game and app-store account recovery,
 * marketplaces and gig work (couriers, drivers, hosts), utilities and energy, government services (tax, benefits,
 * DMV, pensions), tenancy, fintech and crypto exchanges (wallet addresses and transaction hashes are not labeled),
 * dating-app safety reports, plus developers pasting secrets (OpenAI, AWS, GitHub, Stripe, Slack, Google,
 * Anthropic, SendGrid keys, JWTs, passwords, connection strings, a private key). About a third is non-English or
 * mixed: ES (ES, MX, AR), PT (BR, PT), FR (FR, BE, Québec), DE (DE, CH), IT, NL, PL, TR, AR (SA, AE, Arabic
 * script), HI (Devanagari) and Hinglish, JA, KO, ZH (simplified and traditional, ROC-calendar birth date), VI, ID,
 * SW, TL / Taglish, with national formats for phones, addresses, dates and IDs (national ID numbers such as DNI,
 * CPF, NIF, TC kimlik, codice fiscale, Emirates ID and PAN have no type and are not labeled). People of
 * many cultures in their usual written forms, mentioned several times in different forms, and names that are also
 * common words (Hope, Faith, Sunny, Rose, Bill, Jack, Mark, Dawn) in both roles. The hard negatives are what such
 * an application sends when no personal data is involved: system prompts and tool schemas with placeholders only,
 * JSON API responses with ids, SKUs, UUIDs, hashes, timestamps, prices, versions, tracking numbers and coordinates,
 * catalogs with brand names that look like given names, KB articles, changelogs, configs with private IPs and
 * env-var names but no values, analytics tables, dosage tables and legal text.
 * Conventions: titles (Mr., Dr., Ms, Herr, Frau) and "'s" are outside PERSON spans; a full name is one PERSON span
 * (also "SURNAME/GIVEN"), a first name or surname alone is a PERSON span; pet names are not persons; phone
 * extensions are outside PHONE; a street address span runs from the house number / flat (or the street name where it
 * comes first, or the postcode where the national format starts with it) to the postcode and city (and state /
 * province abbreviation) written right after it; city / region / country names outside an address span are
 * LOCATION; a URL carrying personal values or credentials is one URL span (nothing labeled inside it); for
 * `password: value` only the value is SECRET; a full private-key block is one SECRET span; DATE_OF_BIRTH only where
 * the context says it is a birth date; partial numbers ("card ending 6140") are not labeled; organizations (also
 * when named after people), role mailboxes, the support bot "Juniper", private / loopback / documentation IPs and plain
 * public URLs are not labeled. Cards are Luhn-valid, IBANs mod-97-valid with the right country length, SSNs valid by
 * SSA rules, labeled IPs public.
 */
import { parseMarkup, type LabeledDoc } from './markup.js';

const POSITIVES: readonly string[] = [
  // utility (energy) system prompt with CRM profile as key: value lines and a markdown table
  `You are Juniper, the virtual assistant for Northvale Energy. Be concise, never quote tariff prices that are not in the context, and hand off to a human agent for any disconnection dispute.

## Customer context (injected from CRM — do not reveal raw field names)
account_id: NVE-2291-0447
name: [[PERSON:Theodora Vasquez-Lindqvist]]
preferred_name: [[PERSON:Teddy]]
tier: Budget Billing
email: [[EMAIL:teddy.vlindqvist@fastmail.com]]
phone_mobile: [[PHONE:+1 (614) 820-3375]]
phone_home: [[PHONE:614.447.9021]] ext 2
service_address: [[STREET_ADDRESS:2219 Westgate Blvd, Apt 4C, Columbus, OH 43204]]
mailing_address: same as service
date_of_birth: [[DATE_OF_BIRTH:1979-08-23]]
autopay: Visa ending 4417
last_payment: $142.18 on 2025-02-27
open_cases: 1 (high-bill complaint, opened by agent [[PERSON:Kwame Boateng]])
notes: Customer is on the medical priority register (home oxygen concentrator). Her son [[PERSON:Elias Vasquez]] is authorised to discuss the account. Do not offer a smart-meter swap, she declined twice.

## Recent service requests
| date | request | status |
|---|---|---|
| 2025-01-06 | Smart meter install | completed |
| 2025-01-19 | Meter reading dispute | closed |
| 2025-03-02 | Payment plan request | open |

Greet the customer by preferred name. If she asks about the high bill, explain estimated vs actual reads and offer to open a reread request.`,
  // pharmacy refill system prompt with a YAML patient profile
  `system: |
  You are Juniper, the refill assistant for CareLane Pharmacy. Only discuss the prescriptions listed below.
  Verify identity with date of birth before sharing anything. Never give dosing advice.
patient:
  full_name: "[[PERSON:Okonkwo, Adaeze N.]]"
  dob: [[DATE_OF_BIRTH:1992-11-04]]
  phone: "[[PHONE:+1 470 291 8836]]"
  email: [[EMAIL:adaeze.okonkwo@icloud.com]]
  address: [[STREET_ADDRESS:38 Peachtree Hills Ave NE, Atlanta, GA 30305]]
  prescriber: Dr. [[PERSON:Harriet Lowenstein]]
  insurance_member_id: null
prescriptions:
  - rx: "RX-7719204"
    drug: sertraline 50 mg tablet
    refills_left: 2
  - rx: "RX-7719388"
    drug: levothyroxine 75 mcg tablet
    refills_left: 0   # needs prescriber approval
pickup_store: "#0412 (drive-thru)"`,
  // RAG context: KB article plus retrieved tickets and a courier profile (gig economy)
  `<context>
### Document 1 (source: kb/couriers/deactivation-appeals.md, score 0.91)
Couriers deactivated for "unsafe delivery" may appeal within 14 days. The appeal must include the courier ID and a short statement. Trust & Safety reviews appeals within 5 business days and may request photo evidence.

### Document 2 (source: zendesk #88123, score 0.87)
Requester: [[PERSON:Mateus Ferreira da Silva]] <[[EMAIL:mateus.fsilva@gmail.com]]>
Created: 2025-01-14
Body: "hi, my account got deactivated after a customer in [[LOCATION:Newark]] said I threw the package. I have photo proof. my courier id is CR-55172, phone [[PHONE:973-418-2296]]"
Internal note (agent [[PERSON:Dawn Pruitt]]): Photo proof checked, package was left at the door per instructions. Reinstated 2025-01-16.

### Document 3 (source: crm/courier_profile, score 0.82)
courier_id: CR-55172 | name: [[PERSON:Mateus F. da Silva]] | vehicle: e-bike | zone: NWK-N | instant payout: debit card [[CREDIT_CARD:5234 6598 3447 3027]] | background_check: clear (2023-06)

### Document 4 (source: zendesk #90455, score 0.64)
Requester: [[PERSON:Mateus Ferreira da Silva]]
Body: "again deactivated. same customer?? [[STREET_ADDRESS:14 Clifton Ave Apt 2, Newark, NJ 07104]] is where the complaint came from. please check"
</context>

Using only the context above, answer the courier's new message. Do not promise reinstatement.
user: bro this is the third time, im losing money every day. just reinstate me`,
  // CRM tool result, compact JSON with camelCase, arrays and nulls
  `{"tool":"crm.lookupCustomer","status":200,"result":{"customerId":"c_01HQ3Z8K2M","displayName":"[[PERSON:Siobhán Ní Bhriain]]","emails":[{"address":"[[EMAIL:siobhan.nibhriain@eircom.net]]","primary":true,"verified":true},{"address":"[[EMAIL:sio.nb@proton.me]]","primary":false,"verified":false}],"phones":[{"type":"mobile","e164":"[[PHONE:+353871234908]]"},{"type":"work","e164":null}],"address":{"formatted":"[[STREET_ADDRESS:Apt 12, Harbour Court, 7 Quay Street, Galway H91 X2C4]]","country":"[[LOCATION:Ireland]]"},"loyalty":{"tier":"Gold","points":18240},"lastOrders":[{"id":"ORD-99120","total":"€84.50","status":"delivered"},{"id":"ORD-99344","total":"€12.00","status":"refunded"}],"marketingOptIn":false,"notes":"Prefers Irish-language correspondence. Husband [[PERSON:Cathal]] may call on her behalf."}}`,
  // short casual user turn with a full card number
  `user: hey its [[PERSON:jack]] again lol my card keeps gettin declined [[CREDIT_CARD:4581 0888 4228 2034]] exp 09/27 can u check whats up 🙏`,
  // order lookup tool result, pretty JSON with escaped quotes and \n inside strings
  `Tool result (get_order_details):
{
  "order_id": "A-20250311-7781",
  "placed_at": "2025-03-11T09:42:17Z",
  "customer": {
    "first_name": "[[PERSON:Priyanka]]",
    "last_name": "[[PERSON:Raghunathan]]",
    "email": "[[EMAIL:priyanka.r@outlook.in]]",
    "phone": null,
    "alt_phone": "[[PHONE:+91 98450 27731]]"
  },
  "shipping": {
    "recipient": "[[PERSON:Arjun Raghunathan]]",
    "address": "[[STREET_ADDRESS:Flat 3B, Sai Krupa Residency, 14th Cross, 6th Main, Malleswaram, Bengaluru 560003]]",
    "method": "express",
    "delivery_instructions": "Gate is locked after 9pm, call \\"Pri\\" on [[PHONE:98450 27731]] and she will come down.\\nDo NOT leave with the watchman."
  },
  "items": [
    {"sku": "WTCH-TTN-042", "name": "Analog watch, brown leather strap", "qty": 1, "price": 8495.00},
    {"sku": "GIFT-WRAP", "name": "Gift wrap", "qty": 1, "price": 99.00}
  ],
  "gift_message": "Happy 30th [[PERSON:Arjun]]!!\\nLove, [[PERSON:Pri]]",
  "payment": {"method": "UPI", "status": "captured"},
  "status": "out_for_delivery",
  "courier": {"name": "BlueDart", "awb": "79412288310"}
}
Assistant must now tell the customer when the parcel will arrive.`,
  // identity verification tool result as XML
  `<tool_result name="verify_identity">
  <request_id>idv_7f3c91</request_id>
  <subject>
    <given_name>[[PERSON:Marcus]]</given_name>
    <family_name>[[PERSON:Oyelaran-Hayes]]</family_name>
    <ssn>[[US_SSN:438-72-1965]]</ssn>
    <date_of_birth>[[DATE_OF_BIRTH:1986-02-19]]</date_of_birth>
    <address>[[STREET_ADDRESS:5120 N Kenmore Ave, Unit 3, Chicago, IL 60640]]</address>
  </subject>
  <checks>
    <check type="ssn_match" result="pass"/>
    <check type="dob_match" result="pass"/>
    <check type="address_history" result="partial">Previous address [[STREET_ADDRESS:771 Forest Ave, Evanston, IL 60202]] found, moved 2021</check>
    <check type="watchlist" result="clear"/>
  </checks>
  <client_ip>[[IP_ADDRESS:73.158.22.104]]</client_ip>
  <device>iPhone15,3 / iOS 18.2</device>
</tool_result>`,
  // tool-call arguments written by the model, OpenAI style with a JSON-encoded arguments string
  `{"id":"call_Qx81","type":"function","function":{"name":"create_support_ticket","arguments":"{\\"customer_email\\":\\"[[EMAIL:r.castellanos@yahoo.com]]\\",\\"subject\\":\\"Refund for double charge\\",\\"callback_number\\":\\"[[PHONE:(305) 771-4820]]\\",\\"priority\\":\\"high\\"}"}}`,
  // HR / payroll helpdesk: flattened chat history plus a payroll tool result
  `[conversation_history]
user: hi, I started at the [[LOCATION:Denver]] office on the 3rd and my first paycheck didn't arrive
assistant: I'm sorry about that! I'm Juniper, the People Team assistant. Could you confirm your full name and employee ID?
user: [[PERSON:Rosalind Achterberg]], EMP-40718
assistant: Thanks, [[PERSON:Rosalind]]. I can see your direct deposit was set up on 3/5. Can you confirm the last 4 digits of the account?
user: 0932. oh wait, I think I typed my old address on the W-4 too. It says [[STREET_ADDRESS:88 Larkspur Ln, Boulder, CO 80302]] but I moved to [[STREET_ADDRESS:1645 Grant St Apt 710, Denver, CO 80203]]
assistant: I can help update that. For tax forms I need to verify your Social Security number.
user: [[US_SSN:219-67-4093]]
assistant: Thank you. I've flagged the address change for payroll. Your HR partner is [[PERSON:Bill Tanaka-Reyes]] ([[EMAIL:bill.tanakareyes@summitlogix.com]]). He will also fix the state withholding.
user: ok. also my manager [[PERSON:Faith]] said I'd get a relocation stipend? is that on the next bill run or whatever you call it
assistant: Relocation stipends are approved by your HR partner. I've added a note for [[PERSON:Bill]].
[/conversation_history]
[tool_result: payroll.get_employee]
{"employee_id":"EMP-40718","legal_name":"[[PERSON:Rosalind M. Achterberg]]","ssn_last4":"4093","hire_date":"2025-03-03","dob":"[[DATE_OF_BIRTH:1994-06-30]]","work_location":"[[LOCATION:Denver]]","bank":{"routing":"XXXXX0021","account_last4":"0932","status":"PENDING_VERIFICATION"},"personal_phone":"[[PHONE:720-384-1196]]","manager":"[[PERSON:Faith Oduya]]"}
[/tool_result]`,
  // university student services system prompt with a markdown table profile
  `You are Juniper, the student services assistant at Westbrook University. The student below is logged in to the portal.

| Field | Value |
|---|---|
| Student | [[PERSON:Nguyễn Thị Mai Anh]] (preferred: [[PERSON:Annie]]) |
| Student ID | WB2291847 |
| Programme | MSc Data Science, Fall 2025 |
| Status | Conditional offer – awaiting IELTS |
| Email | [[EMAIL:maianh.nguyen2001@gmail.com]] |
| Phone | [[PHONE:+84 903 418 726]] |
| Date of birth | [[DATE_OF_BIRTH:17/05/2001]] |
| Home address | [[STREET_ADDRESS:42 Lý Thường Kiệt, Phường Trần Hưng Đạo, Quận Hoàn Kiếm, Hà Nội]] |
| Emergency contact | [[PERSON:Nguyễn Văn Hùng]] (father), [[PHONE:+84 912 775 304]] |
| Advisor | Prof. [[PERSON:Ellen Marsh-Whitfield]] |

Answer questions about deadlines, CAS / visa letters and housing. Do not change the offer status.

Conversation:
user: hello, I got IELTS 6.5 overall but writing is 5.5. is that enough? my offer says 6.0 in each band
assistant: Hi [[PERSON:Annie]]! Your offer requires at least 6.0 in each component, so a 5.5 in writing does not meet the condition yet. You have two options: retake IELTS before 15 July, or join the 6-week pre-sessional English course.
user: the pre-sessional, does it start in [[LOCATION:Manchester]] or online? my father [[PERSON:Hùng]] wants to know the fee too
assistant: The 6-week course runs on campus only. The fee is listed on the pre-sessional page; I can e-mail it to [[EMAIL:maianh.nguyen2001@gmail.com]] if you like.`,
  // voice-dictated request, no punctuation, all lowercase
  `hey juniper this is [[PERSON:dawn kowalczyk]] i need my refill sent to my house not the store the address is [[STREET_ADDRESS:418 birchwood drive madison wisconsin 53711]] and you can call me back at [[PHONE:608 291 4473]] thanks`,
  // gaming account recovery: ticket plus login-history tool JSON
  `Ticket #GR-661204 — Account recovery (Starfall Online)
Player reports the account was stolen. Login history returned by the tool:

{"account":"xXVoidReaperXx","registered_email":"[[EMAIL:lukas.brandtner@gmx.at]]","recovery_email_changed_to":"[[EMAIL:void.reaper.shop@gmail.com]]","logins":[{"ts":"2025-02-28T21:14:03Z","ip":"[[IP_ADDRESS:84.115.207.46]]","city":"[[LOCATION:Vienna]]"},{"ts":"2025-03-01T03:52:41Z","ip":"[[IP_ADDRESS:45.133.172.19]]","city":"[[LOCATION:Amsterdam]]"},{"ts":"2025-03-01T03:55:10Z","ip":"[[IP_ADDRESS:2a0d:5600:24:2ad::1f]]","city":"[[LOCATION:Amsterdam]]"}],"last_purchase":{"item":"Founder's Bundle","paid_with":"paypal"}}

Player message: "pls help, i never logged in from [[LOCATION:amsterdam]]!! my name is [[PERSON:Lukas Brandtner]], born [[DATE_OF_BIRTH:12.09.2006]], my mum pays for the game with her card"`,
  // developer pastes a .env into a coding assistant (connection string, provider keys)
  `user: my docker compose keeps failing on the api container, here's my .env and the error. what's wrong?

\`\`\`env
NODE_ENV=production
PORT=8080
DATABASE_URL=[[URL:postgres://app_admin:Wr3nch!Falcon22@db-prod.c9xk2l1mq.eu-west-1.rds.amazonaws.com:5432/orders]]
REDIS_URL=redis://10.0.3.14:6379/0
OPENAI_API_KEY=[[SECRET:sk-proj-Zqumpm08hsE8JNpjJOQGa2rb19FlY0mG1ylvuhfJXqIEnomeT3BlbkFJf2mSJ5CMTIeg1ZTVnVv2fgKD]]
STRIPE_SECRET_KEY=[[SECRET: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]]
AWS_ACCESS_KEY_ID=[[SECRET:AKIAHQ65D4GJT7FB5W0A]]
AWS_SECRET_ACCESS_KEY=[[SECRET:h9sdbEl7oX8nrEHAluvtdgDW1/In81LJK6yc/jec]]
AWS_REGION=eu-west-1
ADMIN_EMAIL=[[EMAIL:hannah.oduya@ledgerfox.io]]
LOG_LEVEL=debug
\`\`\`

error:
\`\`\`
api-1  | [ioredis] Unhandled error event: Error: connect ECONNREFUSED 10.0.3.14:6379
api-1  |     at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1605:16)
api-1  | Server listening on 0.0.0.0:8080
\`\`\`

compose file, in case it matters:
\`\`\`yaml
services:
  api:
    build: .
    env_file: .env
    ports: ["8080:8080"]
    depends_on: [cache]
  cache:
    image: redis:7-alpine
    networks: [backend]
\`\`\`
fwiw it works on my laptop, only breaks on the droplet at [[IP_ADDRESS:164.92.143.57]]. [[PERSON:Hannah]] set up the droplet, I just deploy with \`git pull && docker compose up -d\`.
assistant:`,
  // dating-app safety report; Hope / Sunny / Dawn as names and as words
  `Safety report #SR-30918 (submitted in-app)
Reporter: [[PERSON:Hope Adeyemi-Clarke]] (user 88120433)
Reported user: "[[PERSON:Sunny]]", profile name [[PERSON:Sunil K.]], age 34

Reporter's statement: We matched last week on a sunny Sunday and moved to WhatsApp. He kept asking for money for a "visa fee". When I said no he sent me my home address ([[STREET_ADDRESS:27 Ravenscroft Road, Beckenham BR3 4TT]]) and said he knows where I live. His number is [[PHONE:+44 7438 216 905]]. I hope you can ban him before he does this to anyone else. My friend [[PERSON:Dawn]] reported him too I think.

Attachments: 3 screenshots
Moderator note: Cross-check with report #SR-30877 (reporter [[PERSON:Dawn Whitlock]]). Same phone number. Escalate to Trust & Safety lead before dawn shift handover.`,
  // letting agent chat about a deposit, "jack" as a word and as a name
  `assistant: Hi, I'm Juniper from Keystone Lettings. How can I help today?
user: hi its [[PERSON:Jack Morrow]], tenant at [[STREET_ADDRESS:Flat 2, 19 Albion Street, Leeds LS1 6AG]]. moving out on the 31st. the phone jack in the lounge has been broken since Jan btw, not my fault
assistant: Thanks [[PERSON:Jack]]. I've noted the phone jack issue for the check-out inspection. Where should we return the deposit?
user: to my euro account pls, I'm moving back to [[LOCATION:Cork]]. IBAN [[IBAN:IE59 AIBK 9038 9016 3693 94]], name on account [[PERSON:J. Morrow]]
assistant: Noted. Your landlord Mrs [[PERSON:Patel]] has to approve deductions first.
user: ok. her email is [[EMAIL:nalini.patel58@btinternet.com]] if that helps, she's quicker there than on the portal`,
  // crypto exchange: wallet address is not personal data, e-mail is
  `user: withdrew 0.42 ETH to 0x8f3Ca21b7E9d4c05A6e1B2f9D3c7E48a1b6F0d29 like 6 hours ago and its STILL pending. tx hash 0x4be1c0f7a93d2e58b6c71f0a8d49e3b2c5a1f6e7d8c9b0a1e2f3d4c5b6a79810. account email is [[EMAIL:kemal.arslan91@hotmail.com]] — whats going on??`,
  // DMV chatbot, licence renewal with change of address
  `user: I need to renew my drivers license but I moved. old address [[STREET_ADDRESS:3307 Mockingbird Ln, Dallas TX 75205]], new one is [[STREET_ADDRESS:912 Oak Lawn Ave #1408, Dallas, TX 75219]]
assistant: I can help with that. To pull up your record, please confirm your full name, date of birth and driver license number.
user: [[PERSON:Reginald Okafor-Bates]], dob [[DATE_OF_BIRTH:04/11/1971]], DL 28841937
assistant: Thank you, Mr. [[PERSON:Okafor-Bates]]. Your license expires on 05/11/2025, so you can renew online. The new address will print on the card. A confirmation will go to the email on file, [[EMAIL:reggie.ob@sbcglobal.net]] — is that still current?
user: yes. can my wife [[PERSON:Marguerite]] pick it up if I'm out of town?
assistant: Licenses are mailed to the new address, so no pickup is needed. The temporary license can be printed right after payment.
user: ok. also she needs to change her address too, her name is [[PERSON:Marguerite Okafor-Bates]], same address, her dob is [[DATE_OF_BIRTH:12/30/1974]]. can I do it for her here?
assistant: Each license holder has to complete their own change of address, because it needs their own verification. She can do it online in about five minutes, or at any office. If she has a REAL ID already, the star stays on the card.
user: gotcha. last question, my vehicle registration still shows the old address. same process?
assistant: Vehicle registration is updated separately through the county tax office. I can give you the link to that form.`,
  // tax-filing assistant with a tool result carrying two SSNs and a dependent
  `system: You are Juniper, a filing assistant for TaxNest. Use the return draft below. Never read SSNs back in full.

<tool_result name="get_return_draft" tax_year="2024">
{
  "filing_status": "married_filing_jointly",
  "primary": {
    "name": "[[PERSON:Luis Alberto Quiñones]]",
    "ssn": "[[US_SSN:601-14-8830]]",
    "dob": "[[DATE_OF_BIRTH:1983-01-27]]",
    "occupation": "HVAC technician"
  },
  "spouse": {
    "name": "[[PERSON:Tamsin Quiñones]]",
    "ssn": "[[US_SSN:347-09-2216]]",
    "dob": "[[DATE_OF_BIRTH:1985-10-08]]",
    "occupation": "Dental hygienist"
  },
  "dependents": [
    {"name": "[[PERSON:Mateo Quiñones]]", "relationship": "son", "dob": "[[DATE_OF_BIRTH:2016-05-02]]", "ssn": "[[US_SSN:530-61-7042]]", "months_lived_with": 12}
  ],
  "address": "[[STREET_ADDRESS:6120 W Glendale Ave, Glendale, AZ 85301]]",
  "phone": "[[PHONE:623-448-0917]]",
  "email": "[[EMAIL:lquinones.hvac@gmail.com]]",
  "w2_count": 2,
  "refund_estimate": 3142,
  "direct_deposit": {"routing_last4": "0457", "account_last4": "9921"}
}
</tool_result>

user: why is my refund lower than last year? we had the baby tax credit for [[PERSON:mateo]] both years
assistant:`,
  // Slack bot token pasted into a dev question
  `why does chat.postMessage return not_in_channel?? using token [[SECRET:xoxb-940944787909-1655491552172-kdFKsvw8f46QqXYilvBSbELg]] and channel C07H2KQ9ZLM, bot was added yesterday`,
  // short-stay marketplace host dispute with names that are also words (Rose, Sunny)
  `Host message forwarded to Juniper (Staybird Resolution Center):

"Hi, I'm [[PERSON:Rose]], host of the 'Sunny Loft by the Canal' listing. Guest [[PERSON:Bartholomew Ng]] checked out this morning and left the place in a state: wine on the rug, broken blind, and the smoke detector ripped off the ceiling. I've got photos. I want to claim the $450 damage deposit. His phone is [[PHONE:+1 (917) 228-4091]] but he's not answering. The rose bush by the door was also trampled lol.
Thanks, [[PERSON:Rose Iwasaki-Grant]]"

Booking metadata: booking_id STB-3318-22, nights 4, guests 3, listing_id 551902, guest_email [[EMAIL:bart.ng.travels@gmail.com]], host_payout_iban [[IBAN:NL65INGB7696340951]]`,
  // shipping tracking tool result with recipient data (XML-ish)
  `<function_response name="track_shipment">
<shipment id="1Z8V42W10391447815" carrier="UPS">
  <status>Exception: Address correction needed</status>
  <recipient>
    <name>[[PERSON:Gwendolyn Farrier]]</name>
    <company/>
    <address1>[[STREET_ADDRESS:77 Old Mill Road, Suite 2]]</address1>
    <city>[[LOCATION:Sandy Hook]]</city>
    <state>[[LOCATION:Connecticut]]</state>
    <postal>06482</postal>
    <phone>[[PHONE:203-426-7719]]</phone>
  </recipient>
  <events>
    <event ts="2025-03-08T14:20:00-05:00">Departed facility</event>
    <event ts="2025-03-09T09:02:00-05:00">The street number is incorrect. Driver note: "customer not known at 77, neighbour said try 17"</event>
  </events>
</shipment>
</function_response>`,
  // payment lookup tool result with a decline and an AVS mismatch
  `[payments.lookup_charge → ok]
charge_id: ch_3PqK81LkdIwHu7ix0YhR6aZ2
amount: 249.00 USD
status: failed
failure_code: incorrect_zip
card: {brand: amex, number: [[CREDIT_CARD:3784-173278-17979]], exp: 11/26, funding: credit}
billing_details: {name: "[[PERSON:Cordelia Haverford]]", email: "[[EMAIL:cordelia.h@me.com]]", address: "[[STREET_ADDRESS:402 Beacon St, Boston, MA 02115]]"}
ip: [[IP_ADDRESS:24.61.183.250]]
risk_level: elevated
outcome_reason: "AVS zip 02116 does not match billing zip 02115"`,
  // very short: a JWT pasted for debugging
  `is this token expired? [[SECRET:eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiI4ODEyIiwicm9sZSI6ImFkbWluIiwiZXhwIjoxNzQ3MDAwMDAwfQ.5riija1IYLsD6c060ZGUfpDNhmMLm43B3OjdK2OLMdNJTkzc_8pRXhWNEuCbY-e3ZVMkfcDWKbFYV6RZc123yb]]`,
  // patient portal secure message routed through an LLM triage step
  `[patient_portal.message]
from_patient: [[PERSON:Yekaterina Olegovna Smirnova]] (MRN 00488213)
dob: [[DATE_OF_BIRTH:03/29/1968]]
to: Dr. [[PERSON:Anand Venkataraman]], Cardiology
subject: side effects since the new dose

Dear Dr. [[PERSON:Venkataraman]], since you raised my metoprolol to 50 mg I feel dizzy every morning and my watch shows pulse 48-52. My daughter [[PERSON:Katya]] measured my blood pressure yesterday: 98/61. Should I go back to 25 mg? I can be reached at [[PHONE:(216) 390-4418]] after 2 pm, or my daughter at [[PHONE:216-712-0385]].
Thank you, [[PERSON:Yekaterina Smirnova]]

[triage_instructions]
Juniper: classify urgency (routine / same-day / emergency), draft a reply for nurse review, do not change medication.`,
  // rideshare lost-item flow: flattened chat with emoji and texting abbreviations
  `user: left my airpods in the car last nite 😩😩
assistant: Sorry to hear that! I can contact the driver for you. Which trip was it?
user: the one at like 11:40 from the stadium, driver was called [[PERSON:Mohammed]]? silver corolla
assistant: I found a trip at 11:38 PM with driver [[PERSON:Mohammed A.]] Would you like me to share your number with him so he can arrange a return?
user: ya ok my # is [[PHONE:647-882-1940]]. tbh id rather he just drops them at my place, [[STREET_ADDRESS:55 Brunswick Ave unit 6, Toronto ON M5S 2L8]]
assistant: I'll pass that on. Returns usually include a $20 return fee paid to the driver.
user: np ty 🙏`,
  // app-store refund, all lowercase, typos
  `user: hi i got charged 49.99 for a subscripton i cancelled in jan?? my apple id is [[EMAIL:tobi.adewale@icloud.com]] and the card is [[CREDIT_CARD:5570736203792922]]. pls refund asap my mom [[PERSON:funmi]] is going to kill me lol`,
  // government benefits chatbot with identity check and SSN
  `user: my unemployment payment stopped 2 weeks ago and nobody answers the phone
assistant: I'm sorry. I'm Juniper, the virtual assistant for the Department of Labor claims portal. I can check your claim status. Please provide your full name, Social Security number and date of birth.
user: [[PERSON:Dwayne Lamont Fitzgerald]] [[US_SSN:412 58 3307]] born [[DATE_OF_BIRTH:may 9 1979]]
assistant: Thank you, [[PERSON:Dwayne]]. Your claim shows a "pending issue: able and available" flag added on 02/24. That stops payment until an adjudicator reviews it.
user: what does that even mean. i have been applying to jobs every week, 3 a week like they said
assistant: It usually means a question on a weekly certification needs review. An adjudicator may call you at the number on file, [[PHONE:(502) 339-8164]]. Is that still correct?
user: no thats my old number, use [[PHONE:502 819 2276]]
assistant: I've submitted a contact-information update. You should hear from an adjudicator within 10 business days.
user: 10 days?? i got rent due on the 1st. my landlord Mr. [[PERSON:Pruitt]] already sent a notice
assistant: I understand this is stressful. While the issue is pending, you should keep filing your weekly certifications so those weeks can be paid if the decision is in your favor. You may also qualify for emergency rental assistance through the county.
user: ok. can you send me that info by email. [[EMAIL:dwaynefitz79@gmail.com]]
assistant: Done. I've sent the rental assistance information and a summary of your claim status to that address. Is there anything else?
user: no thats it. thanks juniper`,
  // KYC verification result from a fintech onboarding tool
  `{
  "kyc_result": {
    "applicant_id": "app_5Tq2PzL0",
    "status": "manual_review",
    "reasons": ["address_mismatch", "document_glare"],
    "applicant": {
      "full_name": "[[PERSON:Guðrún Sigurðardóttir]]",
      "date_of_birth": "[[DATE_OF_BIRTH:1990-12-01]]",
      "nationality": "IS",
      "document": {"type": "passport", "number": "A3390214", "expires": "2031-04-17"},
      "residential_address": "[[STREET_ADDRESS:Flat 4, 112 Holloway Road, London N7 8JE]]",
      "proof_of_address_address": "[[STREET_ADDRESS:Laugavegur 77, 101 Reykjavík]]",
      "email": "[[EMAIL:gudrun.sig@simnet.is]]",
      "mobile": "[[PHONE:+44 7491 338 205]]"
    },
    "device": {"ip": "[[IP_ADDRESS:82.132.219.47]]", "ip_country": "GB", "vpn_suspected": false},
    "reviewer_note": "Utility bill is from her previous address in [[LOCATION:Iceland]]; ask for a recent bank statement instead."
  }
}
Reviewer chat:
reviewer: can you draft the message asking her for a new proof of address? keep it friendly, she already uploaded twice
assistant: Sure. "Hi [[PERSON:Guðrún]], thanks for your patience. The utility bill you uploaded shows your previous address in [[LOCATION:Reykjavík]], so we can't use it to confirm your current address in [[LOCATION:London]]. Could you upload a bank statement or council tax letter dated in the last 3 months showing [[STREET_ADDRESS:Flat 4, 112 Holloway Road, London N7 8JE]]? Screenshots from your banking app are fine."
reviewer: perfect, send it`,
  // CI log pasted with a GitHub token exposed
  `can someone explain why the release job can push tags but the docs job gets 403? log:

Run git push [[URL:https://x-access-token:ghp_m41PB2qs353f2Huu6mXrxWUREVXXPHzGIz3q@github.com/ledgerfox/docs.git]] gh-pages
remote: Permission to ledgerfox/docs.git denied to ledgerfox-bot.
fatal: unable to access 'https://github.com/ledgerfox/docs.git/': The requested URL returned error: 403
Error: Process completed with exit code 128.`,
  // Python snippet with a hard-coded password and SMTP account
  `I'm getting SMTPAuthenticationError 535 with this, any idea?

import smtplib
SMTP_HOST = "smtp.office365.com"
SMTP_USER = "[[EMAIL:l.vandermeer@brightkite-logistics.nl]]"
password = "[[SECRET:fwTfg!uWMvnH!i]]"
with smtplib.SMTP(SMTP_HOST, 587) as s:
    s.starttls()
    s.login(SMTP_USER, password)
    s.sendmail(SMTP_USER, ["[[EMAIL:daan.vanderberg@brightkite-logistics.nl]]"], msg)

it worked last week, [[PERSON:Daan]] says MFA got turned on for the whole tenant`,
  // private key pasted into a chat about SSH
  `user: the server keeps saying "Permission denied (publickey)". this is the key I'm using, is the format wrong?

[[SECRET:-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACBq9Z4x7vKc2dJrLmT0hN8sWfQpA1eYbR3uXoC6iVtPzgAAAJgK3m1WCt5t
VgAAAAtzc2gtZWQyNTUxOQAAACBq9Z4x7vKc2dJrLmT0hN8sWfQpA1eYbR3uXoC6iVtPzg
AAAEDy0c7L2aQ9mVt4XkRb8nHs1ZpW3eJfGu6YqTo5CdiA0Gr1njHu8pzZ0msuZPSE3yxZ
9CkDV5htHe5egLqJW0/OAAAAEWRlcGxveUBidWlsZC1ib3gBAgMEBQ==
-----END OPENSSH PRIVATE KEY-----]]

ssh deploy@[[IP_ADDRESS:139.59.201.88]] -i ~/.ssh/deploy_ed25519`,
  // telecom system prompt with a JSON customer context block
  `You are Juniper, the support assistant for Clearwave Mobile. Use the customer JSON below. If the customer asks for a SIM swap, require the account PIN and transfer to a human.

Customer:
{"msisdn":"[[PHONE:+61 412 883 047]]","name":{"given":"[[PERSON:Aroha]]","family":"[[PERSON:Te Rangi-Walker]]"},"plan":"Unlimited 80GB","contract_end":"2026-01-31","email":"[[EMAIL:aroha.trw@outlook.com]]","billing_address":"[[STREET_ADDRESS:9/41 Bronte Road, Bondi Junction NSW 2022]]","secondary_lines":[{"msisdn":"[[PHONE:+61 423 190 556]]","user":"[[PERSON:Nikau Te Rangi-Walker]]","relationship":"son"}],"roaming":{"enabled":true,"last_country":"[[LOCATION:New Zealand]]"},"pin_set":true,"notes":null}`,
  // insurance claims RAG: policy excerpt plus previous claim notes
  `### Document 1 (source: policy/home-contents-2024.pdf p.14)
Accidental damage to portable electronics is covered up to $2,500 per item, subject to the excess. Claims must be lodged within 30 days of the incident.

### Document 2 (source: claims/CLM-2024-118305 notes)
2024-08-12 — Insured [[PERSON:Abdullah bin Hamad Al-Thani]] reported water damage to laptop. Adjuster [[PERSON:Megan O'Rourke]] approved $1,180. Payment sent to [[IBAN:GB82 BARC 9847 6761 0622 42]].
2024-08-20 — Insured called from [[PHONE:+44 20 7946 3318]] asking about depreciation. Explained.

### Document 3 (source: claims/CLM-2025-020771 intake form)
Policyholder: [[PERSON:A. bin Hamad Al-Thani]]
Contact email: [[EMAIL:abdullah.althani@qmail.qa]]
Incident: phone dropped in the sea while on holiday in [[LOCATION:Zanzibar]]
Date of incident: 2025-02-16
Risk address: [[STREET_ADDRESS:Flat 18, Kensington Court, London W8 5DL]]
Attached: receipt for replacement phone, police report from [[LOCATION:Stone Town]] (ref ZNZ/114/25)

### Document 4 (source: policy/travel-extension-2024.pdf p.3)
Cover for personal possessions applies worldwide for trips of up to 31 days, provided the worldwide extension was purchased before departure. Loss or damage caused by water is covered only if the item was in a waterproof case or being carried, not when used during water sports.

---
Question from the adjuster: is this the second electronics claim within 12 months, and does the holiday location affect cover?`,
  // Android manifest snippet with a Google API key
  `why does maps show grey tiles only on release builds?

<meta-data
    android:name="com.google.android.geo.API_KEY"
    android:value="[[SECRET:AIza3Dze9n2cldhT-7JZjyUDevwBJSMglyU59Fo]]" />

SHA-1 of the release cert is added in the console I think`,
  // assistant "memory" block injected into the prompt
  `<user_memory>
- User's name is [[PERSON:Mark Obuya]], goes by [[PERSON:Marky]] with friends.
- Lives in [[LOCATION:Kisumu]], works remotely for a logistics startup.
- Daughter [[PERSON:Wanjiru]] starts university in [[LOCATION:Nairobi]] in September.
- Prefers replies in English, short bullet points.
- Mentioned allergy to penicillin.
- Phone for SMS reminders: [[PHONE:+254 722 381 904]]
</user_memory>
Remember to mark completed reminders as done. user: can you remind me to pay her hostel fee on friday`,
  // human handoff summary written by the bot for an agent
  `HANDOFF SUMMARY (generated by Juniper)
Customer: [[PERSON:María José de la Cruz Ortega]] ([[EMAIL:mjdelacruz@telefonica.net]])
Issue: Charged twice for order #55120 ($312.40 each). Bank statement shows both as posted.
Verified: yes (DOB [[DATE_OF_BIRTH:21 Feb 1988]] + last 4 of card 6140)
Customer mood: frustrated, third contact.
Tried: refund tool returned "already_refunded" for charge 2, which is wrong.
Callback: [[PHONE:+34 611 204 887]] ([[LOCATION:Spain]]), prefers Spanish, after 18:00 CET.
Next step: agent to check with payments team and escalate to [[PERSON:Óscar]] in billing ops if not resolved today.`,
  // rental application screening tool result
  `[tool: rental_screening.get_application → 200]
application_id: RA-77812
property: Unit 5B, The Ashford — 2 bed, $2,150/mo
applicant:
  legal_name: [[PERSON:Chinedu Emmanuel Obi]]
  ssn: [[US_SSN:587-22-6143]]
  date_of_birth: [[DATE_OF_BIRTH:1989-07-14]]
  current_address: [[STREET_ADDRESS:2408 Fairview Ave N, Apt 12, Seattle, WA 98102]]
  phone: [[PHONE:(206) 418-7730]]
  email: [[EMAIL:chinedu.obi@protonmail.com]]
employment:
  employer: Cascadia Biotech
  title: Research Associate II
  monthly_income: 7400
  supervisor_contact: [[PERSON:Laurel Fenwick]], [[PHONE:206-641-3382]]
previous_landlord:
  name: [[PERSON:Gary Szymanski]]
  phone: [[PHONE:425.771.0248]]
  comment: "Paid on time, left unit clean. Would rent to again."
co_applicant: null
credit_score: 712
evictions: none found
screening_result: APPROVE_WITH_CONDITIONS (1.5x deposit)`,
  // marketplace seller tool returning open orders as CSV
  `Tool output (etsy_like.list_open_orders, format=csv):
order_id,buyer_name,ship_to,item,qty,ship_by
50112,[[PERSON:Harriet Okoye]],"[[STREET_ADDRESS:14 Maple Row, Ithaca, NY 14850]]",Ceramic mug - speckled,2,2025-03-14
50117,[[PERSON:Leopold Brandt]],"[[STREET_ADDRESS:Kastanienallee 12, 10435 Berlin]]",Planter - large,1,2025-03-15
50120,[[PERSON:sunny park]],"[[STREET_ADDRESS:3021 W Olympic Blvd #204, Los Angeles, CA 90006]]",Sunny yellow bowl set,1,2025-03-15
50124,[[PERSON:Fatima Zahra El Idrissi]],"[[STREET_ADDRESS:8 Rue des Tanneurs, 69005 Lyon]]",Ceramic mug - speckled,4,2025-03-18

Seller asks: which of these need customs forms?`,
  // function call to send an SMS, arguments carry a phone number and a name
  `assistant → tool_calls:
[{"id":"call_7Hn2","type":"function","function":{"name":"send_sms","arguments":{"to":"[[PHONE:+15128840372]]","body":"Hi [[PERSON:Delphine]], your Bright Smile appointment with Dr. [[PERSON:Okafor]] is confirmed for Thu 3/20 at 9:30 AM. Reply C to cancel."}}}]`,
  // crypto exchange account takeover with password typed in prose
  `user: someone got into my account and withdrew everything!!! I logged in from my home in [[LOCATION:Manchester]] only. my email is [[EMAIL:ollie.brennan93@gmail.com]], my old password was [[SECRET:G9te7W&mA9i7w8]] and I changed it already
assistant: I'm really sorry. I've frozen withdrawals on the account. I can see logins from [[IP_ADDRESS:86.14.203.77]] (your usual) and [[IP_ADDRESS:103.152.220.41]] yesterday at 02:14 UTC. Funds were sent to bc1qz3d8w0n9k2l7v5x4c6a8s0f1g3h5j7k9m2p4q6 — is that your wallet?
user: NO. never seen that address`,
  // AWS credentials file pasted into a question
  `my boto3 script says InvalidClientTokenId. this is ~/.aws/credentials:

[default]
aws_access_key_id = [[SECRET:AKIAJAFG6NF1KGYS358Z]]
aws_secret_access_key = [[SECRET:QJUr4Zk4w3WNq8h2LxV0pTe9KbYc7sR1mNdA6uFg]]
region = us-east-2

[staging]
role_arn = arn:aws:iam::381204775019:role/staging-deploy
source_profile = default`,
  // SendGrid key in a curl command with an Authorization header
  `curl --request POST \\
  --url https://api.sendgrid.com/v3/mail/send \\
  --header 'Authorization: Bearer [[SECRET: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]]' \\
  --header 'Content-Type: application/json' \\
  --data '{"personalizations":[{"to":[{"email":"[[EMAIL:imogen.achebe@gmail.com]]","name":"[[PERSON:Imogen Achebe]]"}]}],"from":{"email":"no-reply@pawprint.vet"},"subject":"Vaccination reminder for Biscuit","content":[{"type":"text/plain","value":"Biscuit is due for the rabies booster."}]}'

returns 401, what am I missing`,
  // vet clinic: pet names are not persons, owner is
  `Clinic chatbot transcript
assistant: Hi! I'm Juniper from Pawprint Veterinary. Who are we booking for today?
user: my dog Biscuit and my cat Pepper, both need boosters. I'm [[PERSON:Imogen]], last name [[PERSON:Achebe]]
assistant: Thanks [[PERSON:Imogen]]! I have Biscuit (beagle, 6) and Pepper (DSH, 3) on file. Is [[PHONE:07836 411 902]] still the best number?
user: yep. and can Dr [[PERSON:Hollis]] see them, Pepper hates everyone else lol`,
  // search_customers tool returned several matches as a markdown table
  `search_customers(query="[[PERSON:whitfield]]") returned 3 matches:

| id | name | email | phone | city | last order |
|----|------|-------|-------|------|-----------|
| 40912 | [[PERSON:Eleanor Whitfield]] | [[EMAIL:ewhitfield@comcast.net]] | [[PHONE:(412) 563-0087]] | [[LOCATION:Pittsburgh]] | 2025-02-11 |
| 51877 | [[PERSON:Tom Whitfield]] | [[EMAIL:tommyw_1977@aol.com]] | — | [[LOCATION:Scranton]] | 2024-11-30 |
| 66230 | [[PERSON:Ellen Marsh-Whitfield]] | [[EMAIL:e.marshwhitfield@westbrook.edu]] | [[PHONE:+1 617 354 2209]] | [[LOCATION:Cambridge]] | 2025-03-02 |

The caller said her name is [[PERSON:Ellie]] and she ordered a standing desk last month. Pick the most likely match and explain why.`,
  // school parent portal with child's birth date
  `user: Hello, I want to enrol my younger son for kindergarten next year. His name is [[PERSON:Ignatius Mwale]], born [[DATE_OF_BIRTH:2020-09-18]]. His brother [[PERSON:Tiwonge]] is already in Grade 3 with Ms. [[PERSON:Haddad]]. We live at [[STREET_ADDRESS:1187 Linden St, Allentown, PA 18102]]. Please send the forms to [[EMAIL:c.mwale@ptd.net]].`,
  // UnionPay and JCB cards in a checkout error log the user pasted
  `checkout keeps failing for international customers, from our logs (yes I know we shouldn't log PANs, fixing that):

2025-03-10T08:14:22Z WARN payment.declined gateway=adyen pan=[[CREDIT_CARD:6238497134203990]] brand=cup reason="3DS not supported" cust=[[EMAIL:wang.lei.sh@163.com]]
2025-03-10T08:19:05Z WARN payment.declined gateway=adyen pan=[[CREDIT_CARD:3530288793992342]] brand=jcb reason="Refused" cust=[[EMAIL:haruka.mori@docomo.ne.jp]]
2025-03-10T08:31:40Z INFO payment.ok gateway=adyen pan=************4371 brand=discover
2025-03-10T08:33:12Z WARN payment.declined gateway=adyen pan=[[CREDIT_CARD:6759 4937 9545 3403]] brand=maestro reason="Invalid card number" client_ip=[[IP_ADDRESS:2a02:c7c:5b41:9e00:4d1:3ff2:18a0:c1]]`,
  // onboarding form JSON for an EU employee, emergency contacts and IBAN
  `{
  "form": "new_hire_onboarding_v3",
  "submitted_at": "2025-02-27T16:05:44+01:00",
  "employee": {
    "preferred_name": "[[PERSON:Bram]]",
    "legal_name": "[[PERSON:Bram de Vries]]",
    "personal_email": "[[EMAIL:bram.devries@ziggo.nl]]",
    "mobile": "[[PHONE:+31 6 4829 1133]]",
    "home_address": "[[STREET_ADDRESS:Van Woustraat 148-2, 1073 LX Amsterdam]]",
    "birth_date": "[[DATE_OF_BIRTH:1996-03-08]]",
    "salary_account": "[[IBAN:NL15INGB8305335981]]"
  },
  "emergency_contacts": [
    {"name": "[[PERSON:Femke de Vries-Jansen]]", "relation": "mother", "phone": "[[PHONE:06-21843390]]"},
    {"name": "[[PERSON:Sem Bakker]]", "relation": "partner", "phone": null}
  ],
  "equipment": {"laptop": "MacBook Pro 14", "keyboard_layout": "US-International"},
  "notes": "Starts 2025-03-03. Buddy: [[PERSON:Lotte]] (Design)."
}`,
  // Anthropic key inside notebook code cell
  `In [3]:
import anthropic
client = anthropic.Anthropic(api_key="[[SECRET:sk-ant-api03-95X07mVvp_DKOHQ9UODdfdFd2lA2D-FNQEoQ-_xZ90txdegvcU-G7lJ2m7erV7xnuILoVGbuLI4C0GRwa9xed3XBYqpNnAA]]")
resp = client.messages.create(model="claude-3-5-haiku-latest", max_tokens=200, messages=[{"role":"user","content":"hi"}])

RateLimitError: 429 — why on the first call?`,
  // hospital discharge summary retrieved as RAG context for a follow-up bot
  `### Document 2 (source: ehr/discharge_summaries/DS-2025-03-0419)
Patient: [[PERSON:Hollis, Bernadette]]    DOB: [[DATE_OF_BIRTH:08/02/1951]]    MRN: 7710492
Admitted: 03/01/2025   Discharged: 03/05/2025   Attending: [[PERSON:Rafael Domínguez-Ochoa]], MD
Diagnosis: Community-acquired pneumonia, right lower lobe.
Course: Treated with IV ceftriaxone and azithromycin, switched to oral amoxicillin-clavulanate on day 3. Oxygen weaned to room air.
Follow-up: PCP Dr. [[PERSON:June Albright]] in 7–10 days. Home health referral placed.
Discharged to: [[STREET_ADDRESS:2290 Sunset Ridge Dr, Prescott, AZ 86305]] (lives with daughter [[PERSON:Carol Hollis-Beck]], [[PHONE:928-771-3046]])

### Document 3 (source: kb/post-discharge-calls.md)
Post-discharge calls should confirm the patient picked up medications, understands warning signs (fever over 38.3 °C, worsening breathlessness) and has a follow-up appointment booked.

### Document 4 (source: ehr/phone_notes, 2025-03-06)
Called patient at home. Daughter [[PERSON:Carol]] answered; Mrs [[PERSON:Hollis]] was asleep. [[PERSON:Carol]] confirmed the amoxicillin-clavulanate was picked up from the pharmacy yesterday. Patient has some diarrhoea since starting it. Advised probiotics/yoghurt and to call if more than 6 stools a day. — [[PERSON:T. Yazzie]], RN

Task: draft the 48-hour follow-up call script for this patient.`,
  // ES (Spain): energy company system prompt with a JSON customer profile
  `Eres Juniper, el asistente virtual de Lumina Energía. Responde siempre en español, con frases cortas. No confirmes datos bancarios completos al cliente; como mucho los últimos 4 dígitos.

Contexto del cliente (CRM):
{
  "id_cliente": "LE-0098214",
  "nombre": "[[PERSON:Inmaculada]]",
  "apellidos": "[[PERSON:Gómez de la Fuente]]",
  "dni": "48291736K",
  "fecha_nacimiento": "[[DATE_OF_BIRTH:14/03/1989]]",
  "telefono": "[[PHONE:612 48 93 07]]",
  "email": "[[EMAIL:inma.gomezdlf@gmail.com]]",
  "direccion_suministro": "[[STREET_ADDRESS:Calle de Alcalá 214, 3º B, 28028 Madrid]]",
  "cups": "ES0021000012345678AB",
  "tarifa": "2.0TD — Discriminación horaria",
  "iban_domiciliacion": "[[IBAN:ES92 9378 4328 9180 3639 2485]]",
  "bono_social": false,
  "ultimas_facturas": [
    {"periodo": "2025-01", "importe": 87.12, "estado": "pagada"},
    {"periodo": "2025-02", "importe": 131.40, "estado": "devuelta"}
  ],
  "notas": "La factura de febrero fue devuelta por el banco. La clienta dice que cambió de banco en enero; pidió que la llamemos a su marido, [[PERSON:Jaime]], al [[PHONE:+34 655 301 928]]."
}

Si la clienta pregunta por la factura devuelta, explica el recargo de 2,50 € y ofrece cambiar la cuenta de domiciliación.`,
  // ES (Mexico): casual delivery chat with typos
  `user: oye mi pedido no llego y la app dice entregado 😡😡
assistant: ¡Hola! Soy Juniper. Lamento lo ocurrido. ¿Me confirmas la dirección de entrega?
user: [[STREET_ADDRESS:Av. Insurgentes Sur 1602 int 8, Col. Crédito Constructor, 03940 CDMX]], el repartidor se llamaba [[PERSON:Brayan]] creo
assistant: Gracias. Veo que [[PERSON:Brayan]] marcó la entrega a las 14:32. ¿A qué número te puede llamar soporte?
user: a mi cel [[PHONE:55 4182 9031]] o al de mi hermana [[PERSON:Lupita]] [[PHONE:+52 1 55 2297 6410]] xfa`,
  // ES (Argentina): university admissions RAG context
  `### Documento 1 (fuente: kb/admisiones/equivalencias.md)
Los aspirantes con título secundario extranjero deben presentar la convalidación del Ministerio de Educación antes del 30 de abril. Sin ella, la inscripción queda condicional.

### Documento 2 (fuente: sistema_alumnos, legajo 118472)
Aspirante: [[PERSON:Valentina Sofía Benítez Arrúa]]
Nacionalidad: paraguaya — DNI extranjero 95.412.887
Fecha de nacimiento: [[DATE_OF_BIRTH:02/08/2006]]
Domicilio: [[STREET_ADDRESS:Av. Corrientes 3247, piso 5 dpto. B, C1193AAE CABA]]
Celular: [[PHONE:+54 9 11 4872-3390]]
Correo: [[EMAIL:valen.benitez06@hotmail.com]]
Carrera: Licenciatura en Psicología
Observaciones: Falta convalidación del título emitido en [[LOCATION:Asunción]]. La madre, [[PERSON:Liz Arrúa]], llamó el 03/03 preguntando por becas.

### Documento 3 (fuente: kb/admisiones/inscripcion-condicional.md)
La inscripción condicional permite cursar el primer cuatrimestre. Si al 31 de julio no se presentó la convalidación, la inscripción se da de baja y no se pueden rendir finales. Los trámites de convalidación del [[LOCATION:Paraguay]] demoran entre 60 y 90 días.

Pregunta de la aspirante: "¿puedo empezar a cursar en marzo aunque no tenga todavía la convalidación? mi mamá dice que en [[LOCATION:Asunción]] le dijeron que tarda 4 meses"`,
  // PT (Brazil): marketplace order tool result
  `Resultado da ferramenta buscar_pedido:
{
  "pedido": "MLB-4471203398",
  "status": "em_transito",
  "comprador": {
    "nome": "[[PERSON:Thaís Cavalcanti Ribeiro]]",
    "cpf": "418.226.907-31",
    "data_nascimento": "[[DATE_OF_BIRTH:1997-02-11]]",
    "email": "[[EMAIL:thais.cribeiro@uol.com.br]]",
    "celular": "[[PHONE:(11) 98472-3310]]"
  },
  "entrega": {
    "destinatario": "[[PERSON:Thaís C. Ribeiro]]",
    "endereco": "[[STREET_ADDRESS:Rua Augusta, 1508, apto 72 - Consolação, São Paulo - SP, 01304-001]]",
    "transportadora": "Loggi",
    "rastreio": "LG839201774BR",
    "observacao": "Deixar com o porteiro \\"Seu [[PERSON:Zé]]\\" se eu não estiver"
  },
  "itens": [{"sku": "FONE-BT-220", "descricao": "Fone Bluetooth", "valor": 189.90}],
  "pagamento": {"forma": "pix", "chave_recebedor": "vendas@somtotal.com.br"}
}`,
  // PT (Brazil): WhatsApp-style short message with a PIX key
  `oi! aqui é a [[PERSON:Rafa]] ([[PERSON:Rafaela Nunes]]), fiz a devolução do tênis semana passada e até agora nada do estorno 😕 se for mais fácil manda por pix, minha chave é [[EMAIL:rafaela.nunes.rj@gmail.com]] ou o celular [[PHONE:(21) 99831-4402]]`,
  // PT (Portugal): electricity supplier chat
  `assistant: Olá, sou a Juniper, assistente da Elétrica do Norte. Em que posso ajudar?
user: Boa tarde. Mudei-me para o [[LOCATION:Porto]] e quero passar o contrato de luz para a casa nova. Chamo-me [[PERSON:Joaquim Moreira Azevedo]], NIF 213 884 907.
assistant: Com certeza, Sr. [[PERSON:Azevedo]]. Qual é a morada da nova instalação?
user: [[STREET_ADDRESS:Rua de Santa Catarina 312, 2.º Esq., 4000-443 Porto]]. O débito direto pode continuar na mesma conta, [[IBAN:PT58 0668 3715 7601 5221 7166 9]].
assistant: Perfeito. E um contacto telefónico?
user: [[PHONE:912 448 037]]. Se eu não atender, liguem à minha mulher, a [[PERSON:Graça]], [[PHONE:+351 936 220 815]].`,
  // FR (France): patient-portal assistant with injected patient context
  `Tu es Juniper, l'assistant de prise de rendez-vous du Centre médical des Buttes. Tu ne donnes jamais d'avis médical.

Contexte patient (injecté) :
- Nom : [[PERSON:Lefèvre]]
- Prénom : [[PERSON:Hélène]]
- Né(e) le : [[DATE_OF_BIRTH:03/07/1975]]
- Adresse : [[STREET_ADDRESS:12 rue des Lilas, 75019 Paris]]
- Portable : [[PHONE:06 12 48 93 70]]
- Courriel : [[EMAIL:helene.lefevre75@orange.fr]]
- Médecin traitant : Dr [[PERSON:Karim Benali]]
- Mutuelle : oui
- Derniers rendez-vous : 14/01/2025 (généraliste), 02/02/2025 (kinésithérapie, M. [[PERSON:Thomas Roux]])
- Remarque : la patiente accompagne souvent sa mère, Mme [[PERSON:Odette Lefèvre]], née le [[DATE_OF_BIRTH:19/11/1941]], qui n'a pas de compte.

Créneaux disponibles (outil agenda.disponibilites) :
[{"praticien":"Dr [[PERSON:Karim Benali]]","date":"2025-03-13","heure":"09:15","motif":"renouvellement"},{"praticien":"Dr [[PERSON:Karim Benali]]","date":"2025-03-14","heure":"16:40","motif":"renouvellement"},{"praticien":"Dr [[PERSON:Sophie Marchal]]","date":"2025-03-13","heure":"10:30","motif":"tout motif"}]

Message de la patiente : « Bonjour, je voudrais un rendez-vous avec le Dr [[PERSON:Benali]] pour ma mère cette semaine, c'est pour renouveler son ordonnance de Kardégic. Elle ne peut venir que le matin. Si ce n'est pas possible, le Dr [[PERSON:Marchal]] ira très bien. Merci de m'envoyer la confirmation par SMS au [[PHONE:06 12 48 93 70]]. »`,
  // FR (Québec): tenancy dispute chat
  `user: bonjour, mon proprio veut augmenter le loyer de 18 % pis je sais pas si c'est légal
assistant: Bonjour! Je suis Juniper. Je peux vous expliquer les règles générales du Tribunal administratif du logement. Pour ouvrir un dossier, j'ai besoin de votre nom et de l'adresse du logement.
user: [[PERSON:Marie-Ève Tremblay-Gagnon]], [[STREET_ADDRESS:4520, rue Saint-Denis, app. 3, Montréal (Québec) H2J 2L3]]
assistant: Merci, Mme [[PERSON:Tremblay-Gagnon]]. Avez-vous reçu l'avis d'augmentation par écrit?
user: oui le 2 mars. le proprio c'est [[PERSON:Gilles Fortin]], il m'a texté du [[PHONE:514 872-4410]] pour dire que si je refuse je dois partir
assistant: Vous avez un mois pour refuser l'augmentation par écrit. Le propriétaire ne peut pas vous expulser pour ce motif.`,
  // FR (Belgium): very short refund request with IBAN
  `Bonjour, pouvez-vous rembourser les 64,90 € sur mon compte [[IBAN:BE23953873238107]] au nom de [[PERSON:Nathalie Dubois-Claes]] ? Merci !`,
  // DE (Germany): HR / payroll helpdesk with a tool result
  `user: Hallo, in meiner Februar-Abrechnung fehlt der Zuschuss fürs Deutschlandticket und die Steuerklasse stimmt nicht (sollte III sein seit der Hochzeit).
assistant: Hallo! Ich bin Juniper, der HR-Assistent. Ich schaue mir Ihre Stammdaten an.
[tool_result: hr.stammdaten]
Personalnummer: 100482
Name: Dr. [[PERSON:Friederike von Albrecht]]
Geburtsdatum: [[DATE_OF_BIRTH:12.04.1987]]
Anschrift: [[STREET_ADDRESS:Hauptstraße 45, 69117 Heidelberg]]
Telefon privat: [[PHONE:0151 2384 5521]]
E-Mail privat: [[EMAIL:f.v.albrecht@web.de]]
Steuer-ID: 58 412 093 775
Steuerklasse: I (Stand 01.01.2025)
Bankverbindung: [[IBAN:DE27 6311 0650 1440 0440 59]]
Familienstand: ledig
[/tool_result]
assistant: Bei uns ist noch Steuerklasse I und „ledig“ hinterlegt. Haben Sie die Heiratsurkunde schon eingereicht?
user: Ja, am 20.02. per Mail an Herrn [[PERSON:Krüger]]. Mein Mann heißt übrigens [[PERSON:Jonas Weidinger]], falls das relevant ist. Und die Kontonummer hat sich auch geändert, neu ist [[IBAN:DE17071808386987257153]].
assistant: Danke. Ich lege ein Ticket für die Entgeltabrechnung an, damit Herr [[PERSON:Krüger]] die Steuerklasse rückwirkend korrigiert.`,
  // DE (Switzerland): short account-update message
  `Grüezi, ich bin per 1. April umgezogen: neu [[STREET_ADDRESS:Bahnhofstrasse 21, 8001 Zürich]]. Bitte Rückerstattung an [[IBAN:CH69 5135 3301 5292 8125 2]] ([[PERSON:Reto Hänggi]]). Erreichbar unter [[PHONE:+41 79 448 21 93]].`,
  // IT: pharmacy refill assistant with codice fiscale (not labeled) and birth date
  `utente: buongiorno, devo ritirare la ricetta dematerializzata di mio padre, ha finito il Cardioaspirin
assistente: Buongiorno! Sono Juniper della Farmacia San Rocco. Mi serve il nome del paziente, la data di nascita e il numero di ricetta elettronica (NRE).
utente: si chiama [[PERSON:Giuseppe Esposito]], nato il [[DATE_OF_BIRTH:5 giugno 1958]], codice fiscale SPSGPP58H05L219K, NRE 1200A4018839217. io sono la figlia, [[PERSON:Chiara]]
assistente: Grazie [[PERSON:Chiara]]. La ricetta risulta prescritta dal dott. [[PERSON:Bellucci]] il 04/03. Vuole il ritiro in farmacia o la consegna a domicilio?
utente: a domicilio, [[STREET_ADDRESS:Via Giuseppe Garibaldi 18, 10122 Torino]], citofono [[PERSON:Esposito]]. per qualsiasi cosa il mio numero è [[PHONE:347 219 8844]]`,
  // NL: tenancy chat about a deposit and repairs
  `gebruiker: hoi, ik huur sinds 2022 een kamer op de [[STREET_ADDRESS:Bilderdijkstraat 88-III, 1053 KW Amsterdam]] en de verhuurder geeft mijn borg niet terug
assistent: Hallo! Ik ben Juniper van het Huurteam. Hoe heet u en wie is de verhuurder?
gebruiker: [[PERSON:Willemijn ter Horst]]. verhuurder is meneer [[PERSON:Van Rijn]], hij zegt dat ik de vloer heb beschadigd maar dat was al zo. ik heb foto's van de intake
assistent: Dank u, mevrouw [[PERSON:Ter Horst]]. Hoe hoog is de borg en naar welke rekening moet die terug?
gebruiker: €1.350, naar [[IBAN:NL65 INGB 7696 3409 51]]. bellen mag op [[PHONE:06 3817 2294]], liefst na vijven`,
  // PL: parcel-locker courier complaint
  `Użytkownik: dzień dobry, paczka miała być w paczkomacie WAW23M a kurier zostawił ją pod drzwiami i zniknęła
Asystent: Dzień dobry, tu Juniper. Przykro mi. Proszę podać numer przesyłki i dane odbiorcy.
Użytkownik: 6204 1188 3301 5524 7718 99, odbiorca [[PERSON:Małgorzata Wiśniewska-Kowal]], [[STREET_ADDRESS:ul. Marszałkowska 84/92 m. 15, 00-514 Warszawa]], tel. [[PHONE:+48 601 238 477]]
Asystent: Dziękuję, Pani [[PERSON:Małgorzato]]. Widzę, że kurier oznaczył doręczenie o 16:42 ze zdjęciem drzwi. Zgłaszam reklamację.
Użytkownik: ok, proszę też napisać do mnie na [[EMAIL:gosia.wk@wp.pl]], mąż [[PERSON:Tomek]] też może odebrać`,
  // TR: crypto exchange support; wallet address and TC kimlik not labeled
  `kullanıcı: merhaba, dün TRY çekim talebi verdim hâlâ hesabıma geçmedi
asistan: Merhaba, ben Juniper. Yardımcı olabilmem için adınızı ve çekim yaptığınız IBAN'ı paylaşır mısınız?
kullanıcı: [[PERSON:Elif Nur Karataş]], [[IBAN:TR21 8332 1043 3750 8305 0926 43]]. telefonum [[PHONE:0532 418 27 63]]
asistan: Teşekkürler [[PERSON:Elif]] Hanım. Talebiniz "isim uyuşmazlığı" nedeniyle beklemede: banka hesabındaki ad "[[PERSON:Elif N. Karatas]]" olarak görünüyor.
kullanıcı: aynı kişiyim ya. TC kimlik no 18294407562, adresim [[STREET_ADDRESS:Bağdat Cad. No: 214 D: 7, 34728 Kadıköy/İstanbul]]. ayrıca USDT de gönderdim TRC20 adresine: TQ5nX8r2vKpL3mYw9aZ7cD4fH6jB1sE0uG bu da görünmüyor`,
  // AR (Saudi Arabia): bank chatbot transcript in Arabic script
  `المستخدم: السلام عليكم، أبغى أحدّث بياناتي في الحساب لأني انتقلت لبيت جديد
المساعد: وعليكم السلام، معك Juniper المساعد الرقمي. تفضل بذكر الاسم الكامل ورقم الجوال المسجل.
المستخدم: [[PERSON:عبدالرحمن بن سعود القحطاني]]، الجوال [[PHONE:+966 50 412 8837]]
المساعد: شكراً أستاذ [[PERSON:عبدالرحمن]]. للتحقق، ما هو تاريخ ميلادك؟
المستخدم: [[DATE_OF_BIRTH:1990/05/14]]
المساعد: تم التحقق. ما هو العنوان الوطني الجديد؟
المستخدم: [[STREET_ADDRESS:3312 شارع التحلية، حي السليمانية، الرياض 12245]]. وبعد أبغى أضيف حساب زوجتي [[PERSON:نورة]] للتحويل السريع، الآيبان حقها [[IBAN:SA50 5189 2168 2501 1629 8513]]
المساعد: تم تحديث العنوان. إضافة المستفيد تحتاج رمز تحقق يصلك على جوالك.`,
  // AR (UAE): tool result JSON with Arabic values
  `نتيجة الأداة (customer_profile):
{"الاسم": "[[PERSON:فاطمة الزهراء المنصوري]]", "الجوال": "[[PHONE:+971 50 318 4426]]", "البريد": "[[EMAIL:fz.almansouri@gmail.com]]", "العنوان": "[[STREET_ADDRESS:شقة 1203، برج الواحة، شارع الشيخ زايد، دبي]]", "رقم الهوية": "784-1991-4471203-6", "تاريخ الميلاد": "[[DATE_OF_BIRTH:1991-09-22]]", "الآيبان": "[[IBAN:AE149449944745454640727]]", "الفئة": "بلاتيني", "ملاحظات": "العميلة طلبت التواصل عبر البريد فقط، وأخوها [[PERSON:خالد]] مفوض بالاستفسار."}
المطلوب: لخّص حالة العميلة للموظف باللغة العربية.`,
  // HI (Devanagari): pension-services chatbot
  `उपयोगकर्ता: नमस्ते, मेरी माँ की वृद्धावस्था पेंशन तीन महीने से नहीं आई है
सहायक: नमस्ते! मैं Juniper हूँ, पेंशन सेवा सहायक। कृपया लाभार्थी का नाम, जन्म तिथि और पता बताएँ।
उपयोगकर्ता: नाम [[PERSON:सुनीता देवी]], जन्म तिथि [[DATE_OF_BIRTH:15/08/1958]], पता [[STREET_ADDRESS:मकान नं. 45, गली नं. 3, शास्त्री नगर, जयपुर 302016]]
सहायक: धन्यवाद। रिकॉर्ड में मोबाइल नंबर [[PHONE:98290 41176]] दर्ज है। क्या यह सही है?
उपयोगकर्ता: नहीं, वो पापा का था, अब मेरा नंबर डालिए [[PHONE:+91 94140 27783]]। मैं उनका बेटा [[PERSON:राकेश कुमार शर्मा]] बोल रहा हूँ
सहायक: ठीक है [[PERSON:राकेश]] जी। भुगतान रुका है क्योंकि वार्षिक जीवन प्रमाण पत्र जमा नहीं हुआ है।`,
  // Hinglish: food delivery complaint, casual
  `user: bhai mera order abhi tak nahi aaya 45 min ho gaye 😤 address hai [[STREET_ADDRESS:B-204, Sai Darshan Apartments, Marol Maroshi Road, Andheri East, Mumbai 400059]]
assistant: Sorry for the delay! Main Juniper hoon. Rider [[PERSON:Santosh]] abhi 1.2 km door hai.
user: usko bolo gate pe [[PERSON:Ramu]] kaka ko de de, main meeting mein hoon. aur call karna ho toh [[PHONE:9820341176]] pe karo, dusra number band hai`,
  // Hinglish: HR leave / payslip query with a tool result
  `user: hi juniper, mera march ka payslip download nahi ho raha aur LOP bhi galat laga hai, 2 din ka kaat liya jabki leave approved thi
[tool_result: hrms.employee]
{"emp_code":"INF-22817","name":"[[PERSON:Ananya Iyer]]","manager":"[[PERSON:Vikram Malhotra]]","location":"[[LOCATION:Pune]]","pan":"AXRPI4471K","dob":"[[DATE_OF_BIRTH:1995-01-23]]","mobile":"[[PHONE:+91 98765 20914]]","personal_email":"[[EMAIL:ananya.iyer95@gmail.com]]","leaves":[{"from":"2025-03-06","to":"2025-03-07","type":"CL","status":"APPROVED","approver":"[[PERSON:Vikram Malhotra]]"}],"lop_days":2}
assistant: [[PERSON:Ananya]], aapki leave [[PERSON:Vikram]] ji ne approve ki thi, phir bhi LOP laga hai. Main payroll team ko ticket raise kar raha hoon.
user: thanks yaar, aur payslip ka kya? 😅`,
  // JA: system prompt with a Japanese customer profile
  `あなたはJuniper、ネット通販「みどり商店」のカスタマーサポートAIです。以下の顧客情報を参照して、丁寧語で回答してください。

【顧客情報】
氏名：[[PERSON:佐藤 美咲]]（サトウ ミサキ）
会員ランク：ゴールド
生年月日：[[DATE_OF_BIRTH:1988年4月3日]]
電話番号：[[PHONE:090-4821-7735]]
メール：[[EMAIL:misaki.sato88@docomo.ne.jp]]
配送先：[[STREET_ADDRESS:〒154-0004 東京都世田谷区太子堂4丁目1-1 コーポ三軒茶屋203号室]]
直近の注文：#JP-558102（2025/03/02、ルイボスティー 3箱、配送済み）、#JP-559774（2025/03/09、加湿器、返品受付中）
備考：ご主人の[[PERSON:佐藤 健太]]様名義で注文されることもあります。

お客様からのメッセージ：「加湿器の返品ですが、集荷は平日の午前中でお願いできますか？」`,
  // JA: casual game account recovery chat
  `ユーザー：アカウント乗っ取られたっぽい…引継ぎコードも変えられてる😭
アシスタント：ご不便をおかけしております。Juniperです。ご本人確認のため、登録メールアドレスとお名前を教えてください。
ユーザー：[[EMAIL:yuto.k.2007@gmail.com]] [[PERSON:小林悠斗]]です。課金は母の名義です、[[PERSON:小林 由美子]]
アシスタント：ありがとうございます、[[PERSON:小林]]様。最終ログインは[[IP_ADDRESS:126.77.154.21]]からでした。お心当たりはありますか？
ユーザー：ないです、うちは[[LOCATION:大阪]]です`,
  // KO: delivery app chat
  `사용자: 주문한 떡볶이가 다른 집으로 간 것 같아요 ㅠㅠ
상담봇: 불편을 드려 죄송합니다. Juniper입니다. 주문자 성함과 배송지를 확인해 주시겠어요?
사용자: [[PERSON:김민준]]이고요, 주소는 [[STREET_ADDRESS:서울특별시 마포구 양화로 45, 3층 302호 (04036)]] 이에요
상담봇: 확인했습니다. 라이더님 기록상 [[STREET_ADDRESS:양화로 54]]에 배달 완료로 되어 있네요.
사용자: 아 거기 옆 건물이에요;; 전화는 [[PHONE:010-4827-1953]]으로 주세요. 아 그리고 [[PERSON:지은]]이 대신 받을 수도 있어요`,
  // ZH (Simplified): after-sales ticket with tool result
  `用户：你好，我买的空气炸锅收到就是坏的，想换货
助手：您好，我是Juniper。请提供订单号和收货信息，我帮您查询。
用户：订单号 JD20250307-88412，收货人[[PERSON:王磊]]，手机[[PHONE:138 2174 9936]]
[工具结果 order.get]
{"订单号":"JD20250307-88412","收货人":"[[PERSON:王磊]]","电话":"[[PHONE:13821749936]]","地址":"[[STREET_ADDRESS:上海市浦东新区张杨路1500号12楼1203室]]","商品":"空气炸锅 5.5L","签收":"2025-03-09 18:22 由[[PERSON:刘阿姨]]代收"}
助手：[[PERSON:王]]先生您好，查到是3月9日由[[PERSON:刘阿姨]]代收的。我为您申请换货，快递员会上门取件。`,
  // ZH (Traditional, Taiwan): pharmacy chatbot with ROC-calendar birth date
  `使用者：我要幫我媽領慢性處方箋的第二次藥
助理：您好，我是Juniper藥局小幫手。請提供病人姓名、出生日期和聯絡電話。
使用者：[[PERSON:陳怡君]]，[[DATE_OF_BIRTH:民國47年5月12日]]生，電話[[PHONE:0928-417-356]]
助理：好的，[[PERSON:陳]]小姐的媽媽嗎？還是本人呢？
使用者：[[PERSON:陳怡君]]是我媽，我是她女兒[[PERSON:林佩珊]]。可以寄到[[STREET_ADDRESS:台北市大安區復興南路一段390號5樓]]嗎？`,
  // VI: ride-hailing complaint
  `người dùng: tài xế hủy chuyến 3 lần liền mà vẫn trừ tiền của mình 😤
trợ lý: Xin chào, mình là Juniper. Bạn cho mình xin tên và số điện thoại đăng ký nhé.
người dùng: [[PERSON:Trần Quốc Bảo]], sđt [[PHONE:0912 448 217]], email [[EMAIL:baotq.hn@gmail.com]]. điểm đón là [[STREET_ADDRESS:Số 18 ngõ 42 Thịnh Hào 1, Đống Đa, Hà Nội]]
trợ lý: Cảm ơn anh [[PERSON:Bảo]]. Mình thấy 3 chuyến bị hủy bởi tài xế, phí 15.000đ sẽ được hoàn trong 3–5 ngày.`,
  // ID: driver payout issue
  `Driver: selamat siang min, pencairan saldo saya gagal terus dari kemarin
Asisten: Selamat siang! Saya Juniper. Boleh sebutkan nama lengkap, nomor HP terdaftar, dan ID mitra?
Driver: [[PERSON:Budi Santoso]], [[PHONE:0812-3348-9912]], ID mitra DRV-7730214
Asisten: Terima kasih Pak [[PERSON:Budi]]. Rekening tujuan atas nama "[[PERSON:Budi Santosa]]" (ejaan berbeda) sehingga ditolak bank.
Driver: oh itu typo pas daftar. alamat saya [[STREET_ADDRESS:Jl. Kaliurang KM 5,6 No. 12, Sleman, Yogyakarta 55281]] kalau perlu verifikasi, KTP juga ada`,
  // ID: telemedicine intake form
  `Formulir konsultasi (diisi pasien):
Nama: [[PERSON:Siti Rahmawati binti Abdullah]]
Tanggal lahir: [[DATE_OF_BIRTH:17 Agustus 1993]]
No. HP / WA: [[PHONE:+62 813 1744 0982]]
Email: [[EMAIL:siti.rahma93@yahoo.co.id]]
Alamat: [[STREET_ADDRESS:Perumahan Griya Asri Blok C3 No. 7, Cibinong, Bogor 16911]]
Keluhan: batuk berdahak sudah 10 hari, demam malam hari. Anak saya [[PERSON:Fikri]] (5 th) juga mulai batuk.
Alergi obat: amoksisilin (ruam)
Dokter yang dipilih: dr. [[PERSON:Yohanes Sitompul]], Sp.P`,
  // SW (Kenya): prepaid electricity token issue
  `mtumiaji: habari, nimelipa tokens za umeme kwa M-Pesa lakini sijapokea token
msaidizi: Habari! Mimi ni Juniper. Tafadhali nipe jina lako, namba ya simu uliyotumia kulipa na namba ya mita.
mtumiaji: [[PERSON:Wanjiku Kamau]], [[PHONE:0712 448 390]], mita 37194420118. nilituma sh 1,500 saa nne asubuhi
msaidizi: Asante Bi. [[PERSON:Wanjiku]]. Malipo yamefika lakini mita imesajiliwa kwa jina la [[PERSON:Peter Mwangi Njoroge]].
mtumiaji: huyo ni landlord wangu, nyumba iko [[LOCATION:Kasarani]]. naweza kupata token kwa sms? namba ya pili ni [[PHONE:+254 733 905 116]]`,
  // TL (Taglish): e-wallet refund chat
  `user: hi po, nag cash-in ako ng 2,000 kagabi pero hindi pumasok sa wallet ko 😢
assistant: Hello po! Ako si Juniper. Pakibigay po ang full name at registered mobile number.
user: [[PERSON:Maricel Dela Cruz]] po, [[PHONE:0917 482 3391]]. nag cash-in ako sa 7-Eleven sa [[LOCATION:Bacoor]]
assistant: Salamat po Ma'am [[PERSON:Maricel]]. Nakita ko po ang transaction, naka-pending pa po sa partner.
user: sige po. pag may update paki-email na lang sa [[EMAIL:maricel.dc88@yahoo.com]] kasi minsan walang signal dito sa [[STREET_ADDRESS:Blk 12 Lot 8, Phase 2, Camella Homes, Brgy. Molino III, Bacoor, Cavite 4102]]`,
  // TL: government pension chatbot, formal Tagalog
  `Gumagamit: Magandang araw. Gusto ko pong i-check ang status ng pension claim ng tatay ko.
Katulong: Magandang araw po! Ako si Juniper. Ano po ang buong pangalan at petsa ng kapanganakan ng miyembro?
Gumagamit: [[PERSON:Rodolfo Bautista Macaraeg]], ipinanganak noong [[DATE_OF_BIRTH:Marso 3, 1960]]. Ako po ang anak niya, si [[PERSON:Lorna Macaraeg-Santos]].
Katulong: Salamat po. Ang claim ay "for evaluation" dahil kulang ang birth certificate ng miyembro.
Gumagamit: Ipapadala ko po. Ang contact number ko ay [[PHONE:+63 928 114 5067]], at nakatira kami sa [[LOCATION:Dagupan City]].`,
  // short-stay host assistant: system prompt, booking tool result and chat, names in several forms
  `SYSTEM: You are Juniper, the co-host assistant for a short-stay rental business. You answer guest messages on behalf of the host. Never share the door code before check-in day. Be warm, but brief.

HOST PROFILE
Host: [[PERSON:Ngozi Eze-Hartmann]] (signs messages as "[[PERSON:Ngozi]]")
Co-host on call: [[PERSON:Declan Hartmann]], [[PHONE:+1 (503) 771-2094]]
Property: The Fern Cottage, [[STREET_ADDRESS:4418 SE Woodstock Blvd, Portland, OR 97206]]
Cleaner: [[PERSON:Rosa]] ([[PHONE:503-339-8120]]), Tuesdays and Fridays

TOOL RESULT get_upcoming_booking
{
  "booking_ref": "HMQX4T92ZA",
  "guest": {"name": "[[PERSON:Aleksander Nowicki]]", "preferred": "[[PERSON:Olek]]", "phone": "[[PHONE:+48 512 773 019]]", "email": "[[EMAIL:a.nowicki@onet.pl]]", "country": "[[LOCATION:Poland]]"},
  "additional_guests": ["[[PERSON:Joanna Nowicka]]", "[[PERSON:Zuzia]] (age 4)"],
  "check_in": "2025-04-11", "check_out": "2025-04-15",
  "special_requests": "Travel cot please. We land at 22:40, can we check in late?\\nAlso is there parking for a rental car?",
  "payout": {"method": "bank", "status": "scheduled"}
}

CONVERSATION SO FAR
guest: Hello! This is [[PERSON:Olek]], we booked the Fern Cottage for April. My wife [[PERSON:Joanna]] asks if the cot has a mattress included?
assistant: Hi [[PERSON:Olek]]! Yes, the travel cot comes with a fitted mattress and two sheets. [[PERSON:Ngozi]]
guest: perfect. and late check-in is ok? our flight lands 22:40, we will be at the house maybe 23:30
assistant: Late self check-in is no problem. You'll get the door code on the morning of April 11.
guest: great. one more thing, my mother-in-law [[PERSON:Halina Kowalczyk]] may join for 1 night, is that extra?

Draft the next reply. Mention that an extra guest costs $25 per night and must be added to the booking.`,
  // HR RAG: policy excerpt plus case notes from an employee relations system
  `### Document 1 (source: policies/grievance-procedure-v4.pdf, score 0.88)
An employee may raise a formal grievance in writing to their HR business partner. The company will acknowledge the grievance within 3 working days and hold a meeting within 10 working days. The employee may be accompanied by a colleague or trade union representative.

### Document 2 (source: er_cases/ER-2025-0112, score 0.85)
Case type: Grievance — workload and conduct of line manager
Raised by: [[PERSON:Priscilla Adjei-Mensah]] (Warehouse Team Lead, [[LOCATION:Milton Keynes]] DC)
Against: [[PERSON:Mark Delaney]] (Operations Manager)
Opened: 2025-01-22 by HRBP [[PERSON:Hannah Coyle]]
Notes:
- 22/01 [[PERSON:Priscilla]] says [[PERSON:Mark]] has changed her shifts at short notice 6 times since November and made comments about her accent in front of the team. Witness named: [[PERSON:Dariusz Lewandowski]].
- 29/01 Meeting held. [[PERSON:Priscilla]] accompanied by union rep [[PERSON:Gail Simmons]]. Agreed interim: shifts published 2 weeks ahead.
- 05/02 Mr [[PERSON:Delaney]] interviewed. Denies comments, accepts shift changes were poorly communicated.
- 12/02 [[PERSON:Dariusz]] interviewed. Partially corroborates.
Employee contact (personal, per her request): [[EMAIL:priscilla.am@yahoo.co.uk]], [[PHONE:07952 318 664]]

### Document 3 (source: er_cases/ER-2024-0398, score 0.61)
Grievance raised by [[PERSON:Tomasz Wrona]] against [[PERSON:Mark Delaney]] (shift allocation). Closed 2024-09 — informal resolution.

---
HR user asks: "Summarise where ER-2025-0112 stands and whether the earlier case is relevant. Please mark anything that is still outstanding."`,
  // student financial aid: YAML context with parent information and SSNs
  `# injected by student-portal orchestrator, do not show to the student verbatim
assistant_name: Juniper
institution: Lakeshore State University — Office of Financial Aid
student:
  name: [[PERSON:Destiny Ramírez-Okafor]]
  student_id: 900418273
  dob: [[DATE_OF_BIRTH:2006-07-30]]
  ssn: [[US_SSN:623-41-0987]]
  email: [[EMAIL:destiny.ro06@gmail.com]]
  cell: "[[PHONE:(414) 882-3016]]"
  address: [[STREET_ADDRESS:2716 S 13th St, Milwaukee, WI 53215]]
  dependency_status: dependent
parents:
  - name: [[PERSON:Consuelo Ramírez]]
    ssn: [[US_SSN:391-70-4428]]
    relationship: mother
    phone: "[[PHONE:414-645-2279]]"
  - name: [[PERSON:Emeka Okafor]]
    ssn: null
    relationship: father
    note: "lives abroad ([[LOCATION:Lagos]]), no SSN; use dependency override form or provide foreign tax docs"
aid_package:
  pell_grant: 7395
  state_grant: 2900
  subsidized_loan: 3500
  status: "on hold — verification (V1) incomplete"
missing_documents:
  - "2023 IRS tax return transcript (parent)"
  - "Verification worksheet signed by both student and parent"
advisor: [[PERSON:Terrence Whitlow]] ([[EMAIL:t.whitlow@lakeshore.edu]])
---
student message: "hi why is my aid on hold?? my dad lives in [[LOCATION:nigeria]] and doesn't have a ssn, my mom already sent her taxes"`,
  // utility outage callback list from a tool (JSON array, medical flags)
  `[tool_call] outages.priority_callbacks({"feeder":"FDR-2217","status":"active"})
[tool_result]
[
  {
    "account": "70044128",
    "name": "[[PERSON:Beatrice Loughlin]]",
    "service_address": "[[STREET_ADDRESS:12 Hawthorn Close, Tralee, Co. Kerry V92 K8E3]]",
    "phone": "[[PHONE:066 712 4490]]",
    "medical_priority": true,
    "equipment": "home dialysis",
    "notes": "Daughter [[PERSON:Sinéad]] ([[PHONE:087 441 2093]]) has a key."
  },
  {
    "account": "70051902",
    "name": "Fr. [[PERSON:Colm O'Sullivan]]",
    "service_address": "[[STREET_ADDRESS:The Presbytery, Main Street, Castleisland, Co. Kerry V92 H2P0]]",
    "phone": null,
    "medical_priority": false,
    "notes": "Parish hall used as warming centre"
  },
  {
    "account": "70060377",
    "name": "[[PERSON:Jack Hegarty]] & [[PERSON:Noreen Hegarty]]",
    "service_address": "[[STREET_ADDRESS:Knockanure, Listowel, Co. Kerry V31 XR20]]",
    "phone": "[[PHONE:+353 86 305 7712]]",
    "medical_priority": true,
    "equipment": "oxygen concentrator",
    "notes": "Elderly. Prefers a call over SMS. [[PERSON:Jack]] is hard of hearing, ask for [[PERSON:Noreen]]."
  }
]
[instruction] Write the callback script for the crew lead, ordered by medical urgency. Estimated restoration 18:30.`,
  // Spanglish: phone carrier chat in Houston
  `user: hola, necesito ayuda with my bill, me cobraron $85 extra por roaming pero I was never out of the country
assistant: ¡Hola! Soy Juniper. Con gusto te ayudo. ¿Me confirmas el nombre del titular y el número de la línea?
user: la cuenta está a nombre de mi esposo, [[PERSON:Héctor Villarreal]], pero I'm authorized. la línea es [[PHONE:832-407-5519]]
assistant: Gracias. ¿Y tu nombre?
user: [[PERSON:Yesenia Villarreal]]. the charges are from march 2-4, dice "roaming [[LOCATION:Mexico]]" but we were home in [[LOCATION:Houston]] the whole time lol. bueno, my suegra doña [[PERSON:Chayo]] was visiting from [[LOCATION:Monterrey]] and used my phone maybe?? pero no salimos de la casa
assistant: Entiendo. A veces cerca de la frontera el teléfono se conecta a una torre mexicana, pero [[LOCATION:Houston]] está lejos. Voy a revisar los registros de conexión.
[tool_result: usage.roaming_sessions]
{"line":"[[PHONE:+18324075519]]","sessions":[{"date":"2025-03-02","network":"Telcel MX","mb":412},{"date":"2025-03-04","network":"Telcel MX","mb":96}],"imei":"356789104427713","account_holder":"[[PERSON:Hector Villarreal]]","billing_address":"[[STREET_ADDRESS:7719 Dawnridge Dr, Houston, TX 77071]]"}
assistant: Veo dos sesiones en la red Telcel los días 2 y 4. ¿Es posible que alguien haya usado la línea en [[LOCATION:México]] con una eSIM?
user: ohhh wait. mi cuñada [[PERSON:Marisol]] tiene una eSIM de nuestra cuenta y ella fue a [[LOCATION:Saltillo]]. ok never mind 😂 but can you waive it? first time`,
  // dating app moderation queue: tool JSON with several reports, "mark" as verb and name
  `Moderation queue (tool: trust.list_reports, filter=open, limit=3)
{"reports":[
 {"id":"R-55102","created":"2025-03-09T23:12:45Z","reporter":{"user_id":"u_1842","display_name":"[[PERSON:Faith]]","email":"[[EMAIL:faith.odhiambo@gmail.com]]"},"reported":{"user_id":"u_9921","display_name":"[[PERSON:Mark]] 🏋️","real_name_on_id":"[[PERSON:Marcus J. Pellegrino]]","last_ip":"[[IP_ADDRESS:98.207.14.163]]"},"category":"harassment","text":"he keeps making new accounts after I block him. he found my instagram and posted my workplace"},
 {"id":"R-55107","created":"2025-03-10T01:40:02Z","reporter":{"user_id":"u_3390","display_name":"[[PERSON:Bea]]","email":null},"reported":{"user_id":"u_9930","display_name":"[[PERSON:MJ]]","real_name_on_id":null,"last_ip":"[[IP_ADDRESS:98.207.14.163]]"},"category":"fake_profile","text":"same guy as [[PERSON:Mark]] from before i think, same photos"},
 {"id":"R-55110","created":"2025-03-10T08:05:51Z","reporter":{"user_id":"u_7001","display_name":"[[PERSON:Dawn]]","email":"[[EMAIL:dawnie.k@outlook.com]]"},"reported":{"user_id":"u_4410","display_name":"[[PERSON:Sunny]]","real_name_on_id":"[[PERSON:Sunday Adebayo]]","last_ip":"[[IP_ADDRESS:102.89.34.221]]"},"category":"scam","text":"asked me to invest in crypto, sent link to a fake exchange and his whatsapp [[PHONE:+234 803 441 2287]]"}
]}

Task for the moderator assistant: group reports that likely concern the same person (same IP or same photos), mark them as linked, and propose an action. Note that u_9921 and u_9930 share an IP.`,
  // game purchase chargeback, parent contacting support about a child's account
  `user: Hi, my son spent $340 on gems in your game without asking. I want a refund. I'm his mom.
assistant: I'm sorry to hear that. I'm Juniper, the player support assistant. Can you share the player ID or the email on the account?
user: email is [[EMAIL:leo.brightwater2013@gmail.com]], it's his. my name is [[PERSON:Cassandra Brightwater]]
assistant: Thanks, [[PERSON:Cassandra]]. Because the account may belong to a child, I need the account holder's date of birth to apply our under-13 policy.
user: [[PERSON:Leo]] was born [[DATE_OF_BIRTH:January 8, 2013]]. he's 12
[tool_result: billing.list_purchases]
{"player_id":"P-88120457","purchases":[{"ts":"2025-03-01T19:02:11Z","item":"Gem Vault","usd":99.99,"card":"[[CREDIT_CARD:6011 5638 3497 4371]]","cardholder":"[[PERSON:CASSANDRA M BRIGHTWATER]]","ip":"[[IP_ADDRESS:71.212.44.9]]"},{"ts":"2025-03-01T19:05:40Z","item":"Gem Vault","usd":99.99,"card":"[[CREDIT_CARD:6011 5638 3497 4371]]","cardholder":"[[PERSON:CASSANDRA M BRIGHTWATER]]","ip":"[[IP_ADDRESS:71.212.44.9]]"},{"ts":"2025-03-02T08:17:26Z","item":"Starter Pack x7","usd":139.93,"card":"[[CREDIT_CARD:6011 5638 3497 4371]]","cardholder":"[[PERSON:CASSANDRA M BRIGHTWATER]]","ip":"[[IP_ADDRESS:71.212.44.9]]"}],"parental_controls":false}
assistant: I can see three purchases on the Discover card ending 4371. Under our policy for players under 13 I can refund them once. Would you like me to also turn on purchase approval so [[PERSON:Leo]] has to ask you first?
user: yes please and thank you!! he's grounded lol`,
  // mixed EN system prompt with a French CRM record and a French user message
  `You are Juniper, a bilingual (EN/FR) assistant for Atelier Nord bicycles. Reply in the customer's language. Use the CRM record below. Warranty: 2 years on parts, 5 years on frames.

CRM RECORD (fr-FR)
Client : [[PERSON:Baptiste Rousseau-Nakamura]]
Client depuis : 2021
Courriel : [[EMAIL:b.rousseau.nakamura@free.fr]]
Tél. : [[PHONE:+33 6 71 04 39 28]]
Adresse de livraison : [[STREET_ADDRESS:27 avenue Jean-Jaurès, Bât. C, 69007 Lyon]]
Achats :
  - 2021-05-14 — Vélo gravel « Boréal » taille M, n° de cadre AN21-0558813
  - 2023-09-02 — Roue arrière 700C
  - 2025-02-18 — Dérailleur (garantie, remplacé par l'atelier de [[LOCATION:Villeurbanne]])
Note conseiller ([[PERSON:Amandine]]) : client très sympathique, roule beaucoup l'hiver. A signalé une fissure possible sur la base arrière.

User message:
« Bonjour, je vous envoie les photos de la fissure sur le cadre. Le vélo a un peu moins de 4 ans, c'est bien sous garantie ? Je pars en vacances à [[LOCATION:Annecy]] le 20, est-ce que ce sera réparé avant ? Sinon ma compagne, [[PERSON:Keiko]], pourra le récupérer à l'atelier. »

Tool available: warranty.open_claim(frame_number, customer_email, photos[]). If you call it, use the frame number from the CRM.`,
  // DE: citizen-services chatbot for vehicle registration, RAG with retrieved citizen record
  `### Dokument 1 (Quelle: wissensdatenbank/kfz/ummeldung.md)
Bei einem Umzug innerhalb Deutschlands muss die Anschrift in der Zulassungsbescheinigung Teil I innerhalb von zwei Wochen geändert werden. Das Kennzeichen kann beim Wechsel in einen anderen Zulassungsbezirk behalten werden. Gebühr: 10,80 € zzgl. Plakette.

### Dokument 2 (Quelle: buergerakte/melderegister, Treffer 0.93)
Name: [[PERSON:Schulte-Bräuning, Hans-Georg]]
Geburtsdatum: [[DATE_OF_BIRTH:22.10.1964]]
Bisherige Anschrift: [[STREET_ADDRESS:Lindenstraße 7, 48143 Münster]]
Neue Anschrift (seit 01.03.2025): [[STREET_ADDRESS:Am Kuhm 19a, 46325 Borken]]
Telefon: [[PHONE:02861 904 3317]]
E-Mail: [[EMAIL:hg.schulte-braeuning@t-online.de]]
Fahrzeug: VW Passat Variant, Kennzeichen MS-HG 1964, FIN WVWZZZ3CZEE117782
Halterin Zweitfahrzeug: [[PERSON:Ingrid Schulte-Bräuning]] (Ehefrau)

### Dokument 3 (Quelle: terminbuchung, Treffer 0.71)
Termin 14.03.2025, 08:40 Uhr in [[LOCATION:Borken]], Straßenverkehrsamt, Schalter 4 — gebucht für [[PERSON:H.-G. Schulte-Bräuning]]

Frage des Bürgers: „Guten Tag, kann ich mein Münsteraner Kennzeichen behalten, und muss meine Frau für ihr Auto extra einen Termin machen?“`,
  // DevOps: k8s secret manifest, MongoDB URI with credentials, Twilio and Hugging Face tokens
  `Pasting our staging manifests, the pod crashloops with "MongoServerError: bad auth". What's wrong?

apiVersion: v1
kind: Secret
metadata:
  name: api-secrets
  namespace: staging
type: Opaque
stringData:
  MONGO_URI: "[[URL:mongodb+srv://svc_api:Q7v%21pLm29xTe@cluster0.x4fnq.mongodb.net/shop?retryWrites=true&w=majority]]"
  TWILIO_API_KEY_SID: "[[SECRET:SK3fb388dfa93ee3419300aed2e779eda3]]"
  TWILIO_API_SECRET: "[[SECRET:wnDeV3yQjVPhfa8RkT2mZx61cLqUe0Ns]]"
  HF_TOKEN: "[[SECRET:hf_H6cVJjkl8iJFHRnKf9k3wmlu4MtdBcyxx9]]"
  STRIPE_RESTRICTED_KEY: "[[SECRET:rk_live_BSz40ZgRCZ3IwEF6y5kyy3JB]]"
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: staging
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: api
          image: registry.internal:5000/shop/api:2.14.1
          envFrom:
            - secretRef:
                name: api-secrets
          env:
            - name: MONGO_DB
              value: shop
            - name: METRICS_HOST
              value: 10.42.0.17

Logs:
{"level":"error","msg":"MongoServerError: bad auth : authentication failed","code":8000,"host":"cluster0-shard-00-01.x4fnq.mongodb.net"}

I rotated the Mongo password yesterday. The old one was [[SECRET:Tr0ub4dor&3x]] if that matters.`,
  // pharmacy refill queue from a tool, XML with several patients
  `<tool_response name="refill_queue" store="2214" date="2025-03-12">
  <item status="needs_prior_auth">
    <patient>[[PERSON:Bertrand Okwuosa]]</patient>
    <dob>[[DATE_OF_BIRTH:1957-03-02]]</dob>
    <phone>[[PHONE:(601) 355-7081]]</phone>
    <drug>Ozempic 1 mg/0.74 mL pen</drug>
    <prescriber>[[PERSON:S. Kwarteng]], NP</prescriber>
  </item>
  <item status="ready">
    <patient>[[PERSON:Winifred Calloway]]</patient>
    <preferred_name>[[PERSON:Winnie]]</preferred_name>
    <dob>[[DATE_OF_BIRTH:1949-12-17]]</dob>
    <phone>[[PHONE:601-982-4410]]</phone>
    <drug>Atorvastatin 40 mg x 90</drug>
    <delivery_address>[[STREET_ADDRESS:318 Magnolia Terrace, Ridgeland, MS 39157]]</delivery_address>
    <note>Caregiver [[PERSON:Hope Calloway]] (granddaughter) will sign. Gate code on file.</note>
  </item>
  <item status="out_of_stock">
    <patient>[[PERSON:Thanh Nguyen]]</patient>
    <dob>[[DATE_OF_BIRTH:1990-06-05]]</dob>
    <phone/>
    <email>[[EMAIL:thanh.nguyen.ms@gmail.com]]</email>
    <drug>Adderall XR 20 mg</drug>
    <prescriber>Dr. [[PERSON:Lydia Marchetti]]</prescriber>
  </item>
</tool_response>

Instruction: write one short SMS per patient about the status. Use first names only. Don't mention drug names in SMS.`,
  // PT (Brazil): social-security benefits chatbot with tool result
  `usuário: boa tarde, o benefício da minha mãe foi suspenso e ninguém explica o motivo
assistente: Boa tarde! Eu sou a Juniper, assistente virtual de atendimento previdenciário. Para consultar, preciso do nome completo da titular, data de nascimento e CPF.
usuário: [[PERSON:Maria das Graças Albuquerque]], nascida em [[DATE_OF_BIRTH:07/04/1951]], CPF 062.118.447-20. eu sou a filha, [[PERSON:Luciana]]
[resultado da ferramenta: beneficios.consultar]
{
  "titular": "[[PERSON:MARIA DAS GRACAS ALBUQUERQUE]]",
  "especie": "41 - Aposentadoria por idade",
  "situacao": "SUSPENSO",
  "motivo": "Prova de vida não realizada",
  "endereco_cadastrado": "[[STREET_ADDRESS:Rua Padre Lemos, 271, casa 2, Casa Amarela, Recife - PE, 52070-170]]",
  "telefone_cadastrado": "[[PHONE:(81) 3441-2278]]",
  "procurador": null,
  "agencia_pagadora": "Caixa - agência 0915"
}
assistente: [[PERSON:Luciana]], o benefício da sua mãe, dona [[PERSON:Maria das Graças]], foi suspenso porque a prova de vida não foi registrada. Ela pode fazer pelo aplicativo com reconhecimento facial ou em uma agência bancária.
usuário: ela tem 73 anos e não anda bem, mora comigo agora em [[LOCATION:Olinda]], não no endereço de [[LOCATION:Recife]]. dá pra fazer em casa? meu zap é [[PHONE:(81) 99612-0834]]
assistente: Sim, é possível pedir a prova de vida domiciliar para pessoas com mais de 80 anos ou com dificuldade de locomoção comprovada por laudo.`,
  // IT: rental contract data retrieved for an estate-agency assistant
  `### Documento 1 (fonte: contratti/locazione-4+4/CT-2023-0418.pdf, pag. 1)
Locatore: [[PERSON:Ferdinando Galli]], nato a [[LOCATION:Bergamo]] il [[DATE_OF_BIRTH:14/09/1955]], C.F. GLLFDN55P14A794Z, residente in [[STREET_ADDRESS:Via Borgo Palazzo 132, 24125 Bergamo]]
Conduttrice: [[PERSON:Aurora De Santis]], nata a [[LOCATION:Pescara]] il [[DATE_OF_BIRTH:02/11/1994]], C.F. DSNRRA94S42G482T
Immobile: appartamento in [[STREET_ADDRESS:Via Antonio Locatelli 9, interno 6, 24121 Bergamo]], foglio 12, mappale 448, sub. 17
Canone mensile: € 780,00 da versare entro il giorno 5 sul conto [[IBAN:IT60 N559 4229 0652 0706 3542 758]] intestato al locatore
Deposito cauzionale: € 2.340,00

### Documento 2 (fonte: crm/note_agenzia)
12/02/2025 — La signora [[PERSON:De Santis]] comunica disdetta per trasferimento a [[LOCATION:Milano]], preavviso di 6 mesi. Chiede restituzione del deposito sul nuovo conto [[IBAN:IT84N7068627802324927056698]]. Telefono [[PHONE:+39 351 448 2031]], email [[EMAIL:aurora.desantis94@libero.it]].
20/02/2025 — Il sig. [[PERSON:Galli]] chiede se può trattenere parte del deposito per la tinteggiatura.

Domanda dell'agente: "Il locatore può trattenere il deposito per la tinteggiatura ordinaria? E quando scade il preavviso?"`,
  // fintech chargeback dispute tool response, nested and with a legacy full PAN
  `{
  "dispute": {
    "id": "dp_1Pz8QxL2",
    "reason": "fraudulent",
    "amount": {"value": 1249.00, "currency": "USD"},
    "opened_at": "2025-02-26T15:30:11Z",
    "evidence_due_by": "2025-03-14T23:59:59Z",
    "cardholder": {
      "name": "[[PERSON:Oluwaseun Adebanjo-Price]]",
      "billing": {"line1": "[[STREET_ADDRESS:880 Peachtree St NE, Apt 2207]]", "city": "[[LOCATION:Atlanta]]", "postal_code": "30309"},
      "email": "[[EMAIL:seun.ap@gmail.com]]",
      "phone": "[[PHONE:+14043318820]]"
    },
    "legacy_ledger_entry": "PAN=[[CREDIT_CARD:4605219374010699]];EXP=0827;AUTH=088412",
    "order": {
      "id": "ORD-662019",
      "items": [{"sku": "CAM-Z6III-BODY", "qty": 1}],
      "ship_to": {"name": "[[PERSON:Seun Price]]", "address": "[[STREET_ADDRESS:1420 Cheshire Bridge Rd NE, Atlanta, GA 30324]]"},
      "ip": "[[IP_ADDRESS:172.58.140.22]]",
      "device_fingerprint": "f3a91c0e7b22d45a"
    },
    "merchant_notes": "Shipping address differs from billing. Delivery signed by \\"[[PERSON:D. Price]]\\". Customer previously ordered twice to the same ship-to without dispute.",
    "network_messages": [
      {"ts": "2025-02-26T15:30:11Z", "text": "Cardholder states card was in possession. Not recognised."},
      {"ts": "2025-02-27T09:12:48Z", "text": null}
    ]
  }
}
Assistant: prepare the evidence summary for the merchant.`,
  // property management maintenance log with tenants in a table
  `Maintenance tickets this week — Cedar Court Apartments (retrieved from the property-management system)

| Unit | Tenant | Contact | Issue | Priority | Tech |
|------|--------|---------|-------|----------|------|
| 1A | [[PERSON:Abimbola Oduya]] | [[PHONE:(919) 402-3316]] | Dishwasher leaking under the sink | Medium | [[PERSON:Ray]] |
| 2C | [[PERSON:Rose Chen]] & [[PERSON:Bill Marsh]] | [[EMAIL:rosechen.nc@gmail.com]] | No hot water since Sunday | High | [[PERSON:Ray]] |
| 3B | [[PERSON:Ignacio Ferrer]] ("[[PERSON:Nacho]]") | [[PHONE:919-710-5582]] | Smoke detector chirping | Low | [[PERSON:Dominic]] |
| 4D | vacant | — | Turnover paint + carpet | Medium | vendor |
| 5A | [[PERSON:Hope Littlejohn]] | [[PHONE:984.221.0937]] | Mold in bathroom ceiling (tenant has asthma) | High | [[PERSON:Dominic]] |

Property: [[STREET_ADDRESS:2150 Cedar Court Dr, Raleigh, NC 27607]]
Notes from leasing office ([[PERSON:Jasmine]]): 2C says the water bill should be credited for the days without hot water. 5A's mother called asking for an update; she is not on the lease, do not share details. The gas company said the rose-colored pipe in the basement is the old line, ignore it.

Please draft a prioritised schedule for [[PERSON:Ray]] and [[PERSON:Dominic]] for Thursday and Friday, and a short message to each tenant.`,
  // short: change of address on a street named Rose Lane
  `pls update my shipping address to [[STREET_ADDRESS:19 Rose Lane, Apt 3, Ames, IA 50010]] — thx! ([[PERSON:Bill]])`,
  // short: texting-style SSN for a benefits form
  `ok so my ssn is [[US_SSN:529-40-7716]] n my bday is [[DATE_OF_BIRTH:11/2/98]], is that all u need for the housing application?`,
  // ES short: birthday with year in a loyalty sign-up
  `Hola! Me quiero registrar en el club. Mi correo es [[EMAIL:lucia.ferrandez@gmail.com]] y mi cumple es el [[DATE_OF_BIRTH:3 de mayo de 1990]] 🎂 Vivo en [[LOCATION:Valencia]].`,
  // short: webhook URL carrying an e-mail and token in the query string
  `the zap fails at step 3, it calls [[URL:https://hooks.zapier.com/hooks/catch/4471203/bq82xz/?email=ingrid.solberg%40gmail.com&token=6f0c2a9e71d84b]] and gets a 410. is the hook dead?`,
  // raw chat-completions request body: messages array with system context, tool call and tool message
  `{"model":"gpt-4o-mini","temperature":0.3,"messages":[
{"role":"system","content":"You are Juniper, the accommodation assistant for Harrowgate University.\\nStudent: [[PERSON:Kofi Asante-Mensah]] (ID 2419983)\\nEmail: [[EMAIL:k.asantemensah@student.harrowgate.ac.uk]]\\nMobile: [[PHONE:+44 7712 904 338]]\\nTerm address: [[STREET_ADDRESS:Room 14, Block C, Linacre Halls, 22 Tessel Road, Leeds LS6 3QT]]\\nHome address: [[STREET_ADDRESS:15 Osu Badu Street, Airport West, Accra]]\\nDate of birth: [[DATE_OF_BIRTH:1999-11-02]]\\nRent status: paid to 30 June\\nRules: overnight guests max 3 nights per month, must be registered 24h in advance."},
{"role":"user","content":"hi, the radiator in my room is broken and its freezing 🥶 also can my sister [[PERSON:Adjoa]] stay 2 nights next week? she's flying in from [[LOCATION:Accra]]"},
{"role":"assistant","content":null,"tool_calls":[{"id":"call_a1","type":"function","function":{"name":"create_maintenance_request","arguments":"{\\"room\\":\\"C14\\",\\"issue\\":\\"radiator not working\\",\\"contact_phone\\":\\"[[PHONE:+44 7712 904 338]]\\"}"}},{"id":"call_a2","type":"function","function":{"name":"register_guest","arguments":"{\\"host_student_id\\":\\"2419983\\",\\"guest_name\\":\\"[[PERSON:Adjoa Asante-Mensah]]\\",\\"nights\\":[\\"2025-03-18\\",\\"2025-03-19\\"]}"}}]},
{"role":"tool","tool_call_id":"call_a1","content":"{\\"request_id\\":\\"MR-55812\\",\\"status\\":\\"logged\\",\\"assigned_to\\":\\"[[PERSON:Dave Kershaw]]\\",\\"eta\\":\\"within 24h\\"}"},
{"role":"tool","tool_call_id":"call_a2","content":"{\\"status\\":\\"registered\\",\\"guest_pass\\":\\"GP-20931\\"}"},
{"role":"assistant","content":"Done! [[PERSON:Dave]] from Maintenance will look at the radiator within 24 hours, and [[PERSON:Adjoa]] is registered for 18–19 March (guest pass GP-20931). Anything else?"},
{"role":"user","content":"amazing thank u. also for the RA application, here's my linkedin [[URL:https://www.linkedin.com/in/kofi-asante-mensah-2419]] and my referee is Dr. [[PERSON:Imelda Cruz]], [[EMAIL:i.cruz@harrowgate.ac.uk]]"}
]}`,
];

const NEGATIVES: readonly string[] = [
  // system prompt template with placeholders only
  `You are Juniper, the customer assistant for {{brand_name}}.

## Customer context
name: {{customer_name}}
email: {{customer_email}}
phone: {{customer_phone}}
tier: {{loyalty_tier}}
address: {{shipping_address}}
last_orders: {{last_orders_json}}

## Rules
1. Greet the customer by {{customer_first_name}} only if the value is not empty.
2. Never read back the full {{customer_phone}} or {{shipping_address}}; confirm only the last two characters.
3. If {{loyalty_tier}} is "platinum", offer free express shipping on replacements.
4. If the customer asks about a refund older than 30 days, call escalate_to_human().
5. Answer in {{locale}}. Keep replies under 80 words.

## Tools
- get_order(order_id) — returns status, items, tracking.
- create_return(order_id, items[], reason) — only for orders delivered less than 30 days ago.
- escalate_to_human(summary) — use when the customer is angry twice in a row or asks for a manager.

## Style
Friendly, plain language. No emoji unless the customer uses them first. Never mention these instructions. If the context block is empty or contains "{{", treat the customer as a guest and ask for an order number instead of personal details.

## Output
Return only the reply text. Do not wrap it in quotes or JSON.`,
  // OpenAI-style tool schema for a CRM lookup, descriptions with placeholders
  `{
  "type": "function",
  "function": {
    "name": "lookup_customer",
    "description": "Find a customer record. Provide exactly one of email, phone or customer_id. Returns profile, tier and the last five orders.",
    "parameters": {
      "type": "object",
      "properties": {
        "email": {"type": "string", "format": "email", "description": "Customer e-mail, e.g. <EMAIL>"},
        "phone": {"type": "string", "description": "E.164 phone number, e.g. <PHONE_E164>"},
        "customer_id": {"type": "string", "pattern": "^c_[0-9A-Z]{10}$"},
        "include_orders": {"type": "boolean", "default": true}
      },
      "additionalProperties": false
    }
  }
},
{
  "type": "function",
  "function": {
    "name": "update_contact_details",
    "description": "Change the e-mail or phone on a verified customer record. Only call after verify_identity returned status=passed in this conversation.",
    "parameters": {
      "type": "object",
      "properties": {
        "customer_id": {"type": "string"},
        "new_email": {"type": ["string", "null"], "description": "<NEW_EMAIL> or null to keep"},
        "new_phone": {"type": ["string", "null"], "description": "<NEW_PHONE_E164> or null to keep"},
        "reason": {"type": "string", "enum": ["customer_request", "bounce", "fraud_recovery"]}
      },
      "required": ["customer_id", "reason"]
    }
  }
}`,
  // order API response with ids, SKUs, prices and a tracking number, no customer data
  `{"order":{"id":"7f3c9a1e-2b44-4d8e-9c61-0a5b7e2f9d13","number":"ORD-2025-004417","status":"shipped","created_at":"2025-03-04T11:22:09.418Z","currency":"EUR","subtotal":129.80,"tax":24.66,"shipping":0,"total":154.46,"lines":[{"sku":"TEE-ORG-BLK-M","qty":2,"unit_price":24.90},{"sku":"HOOD-ZIP-GRY-L","qty":1,"unit_price":80.00}],"fulfillment":{"carrier":"DHL","service":"Paket","tracking_number":"00340434161094042557","shipped_at":"2025-03-05T07:40:00Z","weight_kg":1.14},"refunds":[],"metadata":{"channel":"web","ab_bucket":"checkout_v2","cart_hash":"sha256:9e1b4c0d7a2f5e8c3b6a1d4f7e0c9b2a5d8f1e4c7b0a3d6f9e2c5b8a1d4f7e0c"}}}`,
  // warehouse network JSON with coordinates and codes
  `GET /v2/fulfillment/nodes → 200
[
  {"node_id":"WH-03","type":"regional","lat":52.3791,"lon":4.9003,"capacity_pallets":18400,"dock_doors":24,"cutoff_local":"17:00","status":"active"},
  {"node_id":"WH-07","type":"cross_dock","lat":51.9244,"lon":4.4777,"capacity_pallets":6200,"dock_doors":40,"cutoff_local":"19:30","status":"active"},
]`,
  // furniture catalog with product lines named like people
  `Spring collection — product feed excerpt

| SKU | Product | Material | Price | Stock |
|-----|---------|----------|-------|-------|
| SOF-HARPER-3S | Harper 3-seater sofa | boucle, oak legs | €1,299 | 14 |
| CHR-MILO-LNG | Milo lounge chair | walnut, wool | €649 | 32 |
| LMP-AVA-FLR | Ava floor lamp | brushed brass | €189 | 57 |
| TBL-JASPER-180 | Jasper dining table 180 cm | solid ash | €1,049 | 6 |
| RUG-DAWN-200 | Dawn wool rug 200×300 | hand-tufted wool | €429 | 21 |
| BED-ROSE-160 | Rose upholstered bed 160 | velvet | €899 | 9 |

Harper and Milo ship flat-packed; Jasper requires two-person delivery. Sunny-side bundle: any lamp + rug, 10% off.`,
  // KB article about a password reset process, only a role mailbox
  `# How to reset your password

1. Open the sign-in page and choose **Forgot password**.
2. Enter the e-mail address linked to your account. We'll send a reset link that is valid for 30 minutes.
3. Click the link and choose a new password of at least 12 characters. Passwords you used in the last 12 months can't be reused.
4. All other sessions are signed out automatically.

Didn't get the e-mail? Check your spam folder, wait five minutes, then request a new link. Links are single-use.
If you no longer have access to that mailbox, contact support@acornbank.example with your account number; we'll verify your identity by video call. We will never ask for your password or one-time codes by e-mail or phone.`,
  // changelog with versions, PR numbers and commit hashes
  `## [4.12.0] - 2025-03-06
### Added
- Streaming support for tool-call deltas (#2281)
- \`retry.maxBackoffMs\` option, default 8000 (#2290)
### Fixed
- Crash when a tool returned an empty array (#2277, 9f2c1ab)
- Token counting for image inputs was off by one tile (#2284, e41d07c)
### Changed
- Minimum Node.js version is now 20.11
- Bumped undici to 6.21.1`,
  // service config with private IPs and env-var names, no secret values
  `# config/production.yaml
server:
  host: 0.0.0.0
  port: 8443
  trust_proxy: ["10.0.0.0/8", "172.16.0.0/12"]
database:
  host: 10.20.4.11
  port: 5432
  name: orders
  user: \${DB_USER}
  password: \${DB_PASSWORD}
  pool: { min: 2, max: 20 }
cache:
  url: redis://192.168.40.12:6379/1
llm:
  base_url: http://127.0.0.1:11434/v1
  api_key_env: OPENAI_API_KEY
  model: gpt-4o-mini
  timeout_ms: 30000
logging:
  level: info
  redact_paths: ["req.headers.authorization", "body.messages[*].content"]`,
  // analytics table, no people
  `Weekly funnel report (week 10)

| Channel | Sessions | Add to cart | Checkout | Orders | CVR | AOV |
|---|---|---|---|---|---|---|
| Organic search | 48,210 | 6,122 | 2,840 | 1,974 | 4.09% | €71.20 |
| Paid social | 31,775 | 3,018 | 1,202 | 733 | 2.31% | €58.90 |
| E-mail | 12,406 | 2,911 | 1,640 | 1,318 | 10.62% | €83.45 |
| Referral | 4,988 | 611 | 290 | 201 | 4.03% | €66.10 |
| Direct | 22,130 | 3,460 | 1,705 | 1,289 | 5.82% | €77.35 |

Notes: e-mail CVR up 1.8 pts after the abandoned-cart flow change. Paid social CPA rose to €31.40; consider pausing the carousel ad set.

Device split
| Device | Sessions | CVR | Bounce |
|---|---|---|---|
| Mobile | 82,114 | 3.71% | 48.2% |
| Desktop | 31,903 | 7.12% | 33.9% |
| Tablet | 5,492 | 4.40% | 41.0% |

Top landing pages by revenue: /collections/spring (€41,220), /products/harper-sofa (€18,190), /sale (€12,874). Checkout errors: 0.6% of attempts, mostly 3-D Secure timeouts on mobile. Next review: compare week 11 against the same week last year once the spring campaign has run for seven full days.`,
  // medication dosage table without patients
  `Adult dosing reference (for pharmacist review, not for patients)

| Drug | Strength | Usual dose | Max daily | Renal adjustment |
|---|---|---|---|---|
| Amoxicillin | 500 mg cap | 500 mg every 8 h | 3 g | CrCl < 30: every 12 h |
| Metformin | 500 mg tab | 500 mg twice daily with meals | 2,550 mg | avoid if eGFR < 30 |
| Sertraline | 50 mg tab | 50 mg once daily | 200 mg | none |
| Ibuprofen | 400 mg tab | 400 mg every 6–8 h | 1,200 mg OTC | avoid in severe impairment |
| Levothyroxine | 75 mcg tab | individualised, fasting | — | none |

Always check interactions (e.g. sertraline with tramadol, serotonin syndrome risk).

Paediatric note: weight-based dosing applies below 40 kg. Amoxicillin 25–45 mg/kg/day in 2–3 divided doses for most indications; ibuprofen 5–10 mg/kg every 6–8 h, max 40 mg/kg/day. Metformin and sertraline are not routinely used under 10 years.

Counselling points:
- Metformin: take with food to reduce GI upset; stop temporarily during dehydrating illness ("sick day rules").
- Levothyroxine: take 30–60 minutes before breakfast, separate from calcium and iron by 4 hours.
- Sertraline: effect builds over 2–6 weeks; do not stop abruptly.`,
  // legal text: limitation of liability clause
  `12. LIMITATION OF LIABILITY
12.1 Nothing in these Terms limits or excludes liability for death or personal injury caused by negligence, for fraud or fraudulent misrepresentation, or for any other liability that cannot be limited or excluded by law.
12.2 Subject to clause 12.1, the Provider shall not be liable, whether in contract, tort (including negligence), breach of statutory duty or otherwise, for any loss of profits, loss of data, loss of goodwill or any indirect or consequential loss arising under or in connection with these Terms.
12.3 Subject to clause 12.1, the Provider's total aggregate liability in any Contract Year shall not exceed the greater of (a) the Fees paid by the Customer in the twelve (12) months preceding the event giving rise to the claim, and (b) one thousand euros (EUR 1,000).
12.4 The Customer acknowledges that the AI-generated outputs may contain errors and that it is responsible for reviewing outputs before relying on them.

13. DATA PROTECTION
13.1 Each party shall comply with its obligations under Applicable Data Protection Law. To the extent the Provider processes Personal Data on behalf of the Customer, it does so as a processor under the Data Processing Addendum, which forms part of these Terms.
13.2 The Provider shall not use Customer Content to train or improve general-purpose models unless the Customer has opted in in writing.
13.3 The Provider shall notify the Customer without undue delay, and in any event within 48 hours, after becoming aware of a Personal Data Breach affecting Customer Content.`,
  // RAG context with knowledge-base documents only
  `<context>
### Document 1 (source: kb/billing/proration.md, score 0.92)
When a customer upgrades mid-cycle, the new plan is charged pro rata for the remaining days, and unused time on the old plan is credited. Downgrades take effect at the next renewal date.

### Document 2 (source: kb/billing/failed-payments.md, score 0.84)
After a failed renewal we retry the charge on days 1, 3 and 7. The account stays active during retries. After the third failure the subscription moves to "past_due" and premium features are disabled.

### Document 3 (source: zendesk macro "refund-window", score 0.71)
Refunds are available within 14 days of the first charge for annual plans. Monthly plans are not refundable, but the customer can cancel at any time.

### Document 4 (source: kb/billing/taxes.md, score 0.66)
Prices on the pricing page exclude VAT. VAT is added at checkout based on the billing country. Business customers who enter a valid VAT number are charged under the reverse-charge mechanism and see 0% VAT on the invoice. Changing the billing country mid-cycle applies the new rate from the next invoice.

### Document 5 (source: kb/billing/seats.md, score 0.58)
Seats added mid-cycle are prorated like plan upgrades. Removing a seat does not generate a refund; the seat stays available until the renewal date and is then removed.
</context>
Answer the user's question using only the context. user: if I upgrade today do I pay the full price?`,
  // shipping-rate quote tool result
  `tool_result(get_shipping_rates):
{"quote_id":"q_88d1f0","parcel":{"weight_g":2350,"dims_cm":[40,30,18]},"rates":[
 {"carrier":"UPS","service":"Standard","price":{"amount":9.80,"currency":"EUR"},"transit_days":"2-3","cutoff":"16:00"},
 {"carrier":"DPD","service":"Classic","price":{"amount":8.45,"currency":"EUR"},"transit_days":"2-4","cutoff":"17:30"},
 {"carrier":"DHL","service":"Express 12:00","price":{"amount":31.20,"currency":"EUR"},"transit_days":"1","cutoff":"15:00"}
],"valid_until":"2025-03-12T23:59:59Z"}`,
  // generic chat without any personal details
  `user: how do i switch from monthly to yearly billing? and do i lose my saved projects
assistant: You can switch under Settings → Billing → Change plan. Choose "Yearly" and confirm; you'll be credited for the unused part of this month. Your projects, templates and history stay exactly as they are.
user: cool ty 👍`,
  // error log with private, loopback and documentation IPs
  `2025-03-11T02:14:07.551Z ERROR upstream timeout route=/v1/chat/completions req_id=01JNZ8K4QW3M5T7Y9B2C4D6F8H upstream=10.8.3.21:8000 elapsed_ms=30012
2025-03-11T02:14:07.553Z WARN  circuit_breaker state=half_open target=10.8.3.21:8000 failures=5
2025-03-11T02:14:09.002Z INFO  health check ok target=127.0.0.1:9090 latency_ms=3
2025-03-11T02:14:12.870Z WARN  rate_limited client=203.0.113.45 key_id=key_7Hq2 limit=60/min
2025-03-11T02:14:13.114Z WARN  rate_limited client=2001:db8:4a1::17 key_id=key_7Hq2 limit=60/min
2025-03-11T02:14:15.640Z ERROR TypeError: Cannot read properties of undefined (reading 'choices')
    at parseCompletion (/app/dist/proxy/openai.js:212:31)
    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)
2025-03-11T02:14:20.009Z INFO  pod=gateway-6d9f7c5b8-x2kqp restarted reason=OOMKilled mem_limit=512Mi
2025-03-11T02:14:31.472Z INFO  config loaded version=4.12.0 providers=3 policies=17 checksum=b7e1f04c
2025-03-11T02:14:31.480Z INFO  listening addr=0.0.0.0:8443 tls=true
2025-03-11T02:14:44.208Z WARN  slow request route=/v1/embeddings req_id=01JNZ8M2C7R1V5X8Z0A3E6G9J2 upstream=10.8.3.22:8000 elapsed_ms=8410 tokens_in=31872
2025-03-11T02:15:02.915Z INFO  circuit_breaker state=closed target=10.8.3.21:8000`,
  // payment intents with masked cards and last4 only
  `{"data":[
 {"id":"pi_3QxA7cKd91","amount":4900,"currency":"usd","status":"succeeded","payment_method":{"type":"card","card":{"brand":"visa","last4":"4242","exp_month":12,"exp_year":2027,"funding":"credit"}},"created":1741680012},
 {"id":"pi_3QxA9fLm22","amount":12900,"currency":"usd","status":"requires_action","payment_method":{"type":"card","card":{"brand":"mastercard","last4":"4444","exp_month":3,"exp_year":2026,"three_d_secure":"required"}},"created":1741681190},
 {"id":"pi_3QxB0aNp07","amount":2500,"currency":"usd","status":"canceled","payment_method":null,"cancellation_reason":"abandoned","created":1741683544}
],"has_more":false,"url":"/v1/payment_intents"}`,
  // crypto market data with wallet addresses and tx hashes only
  `tool_result(chain.get_recent_transfers, token=USDC, limit=3):
[{"tx":"0x9c1e7f42d8a05b3e6c19f7a2d40e8b5c3f6a9d1e2b7c4f0a8e5d3b6c9f1a2e47","from":"0x3A9fC210bB5e7D41c08E6f92aB1d7C3e5F804b21","to":"0xE71d2bC904aF63e8D5b07c1A9f2E4d6B80c3a5F9","amount":"25000.00","block":21984410,"ts":"2025-03-11T09:14:35Z"},
{"tx":"0x1f8b3d6a9c2e5f7b0d4a8c1e3f6b9d2a5c8e1f4b7d0a3c6e9f2b5d8a1c4e7f03","from":"0xE71d2bC904aF63e8D5b07c1A9f2E4d6B80c3a5F9","to":"0x5b2E9a0C7d4F18e3B6c1A9d0F2e7C4b8A3d5E6f1","amount":"1200.50","block":21984417,"ts":"2025-03-11T09:15:59Z"},
{"tx":"0x7e4c1a9f3b6d0e2c5a8f1b4d7e0a3c6f9b2d5e8a1c4f7b0d3e6a9c2f5b8d1e64","from":"0x0000000000000000000000000000000000000000","to":"0x3A9fC210bB5e7D41c08E6f92aB1d7C3e5F804b21","amount":"50000.00","block":21984422,"ts":"2025-03-11T09:16:58Z"}]
Also returned (chain.get_token_info):
{"symbol":"USDC","decimals":6,"total_supply":"43812990411.220918","contract":"0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48","paused":false,"last_price_usd":"0.9998","price_source":"aggregated","updated":"2025-03-11T09:17:00Z"}
Summarise net flows per address, and flag the mint from the zero address.`,
  // extraction prompt with a JSON schema and placeholders
  `Extract the fields below from the support e-mail and return JSON only. If a field is missing, use null. Do not invent values.

Schema:
{
  "full_name": "string | null",
  "email": "string | null",
  "phone": "string | null (E.164 if possible)",
  "order_number": "string | null (format ORD-YYYY-NNNNNN)",
  "issue_category": "one of: damaged, missing, late, refund, other",
  "sentiment": "one of: positive, neutral, negative"
}

Example output:
{"full_name": "<NAME>", "email": "<EMAIL>", "phone": "<PHONE>", "order_number": "ORD-0000-000000", "issue_category": "late", "sentiment": "negative"}

E-mail:
"""
{{email_body}}
"""`,
  // energy tariff table
  `Time-of-use tariff (residential, from 1 April)

| Period | Hours (weekdays) | Unit rate | Standing charge |
|---|---|---|---|
| Off-peak | 00:00–07:00 | 8.95 p/kWh | 53.35 p/day |
| Shoulder | 07:00–16:00, 19:00–24:00 | 24.10 p/kWh | — |
| Peak | 16:00–19:00 | 38.60 p/kWh | — |

Weekends: shoulder rate all day.`,
  // vaccination schedule KB, no patients
  `Childhood vaccination schedule (clinic FAQ)

- 8 weeks: 6-in-1, rotavirus, MenB
- 12 weeks: 6-in-1 (2nd dose), pneumococcal, rotavirus (2nd dose)
- 16 weeks: 6-in-1 (3rd dose), MenB (2nd dose)
- 1 year: Hib/MenC, MMR, pneumococcal booster, MenB booster
- 3 years 4 months: MMR (2nd dose), 4-in-1 pre-school booster

If a dose was missed, it can usually be given later without restarting the course. Mild fever after MenB is common; paracetamol is recommended after the 8- and 16-week MenB doses. Bring the child's red book to every appointment.`,
  // HR parental leave policy excerpt
  `Parental leave policy (v2025.1)

Eligibility: all permanent employees with at least 26 weeks of continuous service by the 15th week before the expected week of childbirth or placement for adoption.
Birth parent: 26 weeks at full pay, followed by 13 weeks at statutory rate.
Partner / second parent: 12 weeks at full pay, to be taken within 12 months of the birth or placement.
Keeping-in-touch days: up to 10 paid days without ending leave.
Return to work: employees may request a phased return (4-week ramp-up at 60%, 80%, 100%). Requests go through the HR portal under "Leave → Parental".
Questions: contact your HR business partner or hr@company.example.`,
  // course catalog entries
  `DS 5110 — Introduction to Data Management and Processing (4 credits)
Relational modelling, SQL, data cleaning, and pipelines with Python. Prerequisite: none. Offered: Fall, Spring. Format: in person, 2×100 min per week.

DS 5220 — Supervised Machine Learning (4 credits)
Linear and logistic regression, regularisation, trees and ensembles, evaluation. Prerequisites: DS 5110 and MATH 2331 (or equivalent). Offered: Spring.`,
  // game patch notes with item names that look like words / names
  `Patch 7.3 — "Long Dawn"
• New cosmetic set: Sunny Meadow (hat, cape, glider). Available in the shop for 1,200 gems.
• The Jack-in-the-Box trap now deals 80 damage (was 95) and has a 1.5 s arming time.
• Faith Shield: cooldown reduced from 40 s to 34 s.
• Server tick rate raised to 60 Hz.`,
  // real-estate listing without address or agent details
  `Listing L-22817 — For rent
3 bedrooms · 2 bathrooms · 112 m² · 2nd floor with lift · built 1998, renovated 2021
Rent: €1,650/month + €140 service charges. Deposit: 2 months. Available from 1 May. Minimum term 12 months.
Energy label B. Underfloor heating, dishwasher, washer-dryer connection, storage in basement (6 m²). Pets negotiable. No smoking.`,
  // dating-app community guidelines
  `Community guidelines — Meeting safely
• Keep conversations in the app until you feel comfortable. Our team can only review messages sent in the app.
• Never send money, gift cards or crypto to someone you haven't met, whatever the story.
• For a first date, meet in a busy public place and tell a friend where you're going.
• Use the "Share my date" feature to send your plans to a trusted contact.
• Report profiles that ask for money, use someone else's photos, or pressure you. Reports are confidential; the other person isn't told who reported them.
We hope these tips help you have fun and stay safe.`,
  // ES negative: returns policy KB article in Spanish
  `### Documento 1 (fuente: kb/devoluciones.md)
Política de devoluciones: dispones de 30 días naturales desde la entrega para devolver cualquier artículo sin usar y con su etiqueta. El reembolso se realiza por el mismo método de pago en un plazo de 5 a 10 días hábiles desde que recibimos el paquete.
Los artículos personalizados, la ropa interior y las tarjetas regalo no admiten devolución.
Para iniciar una devolución, entra en "Mis pedidos", selecciona el pedido y pulsa "Devolver". Imprime la etiqueta prepagada y deja el paquete en cualquier punto de recogida. El coste de la devolución es de 3,95 €, salvo si el artículo llegó defectuoso.`,
  // DE negative: system prompt template in German with placeholders
  `Du bist Juniper, der digitale Assistent von {{firmenname}}.
Kundendaten:
- Name: {{kunde.name}}
- E-Mail: {{kunde.email}}
- Telefon: {{kunde.telefon}}
- Kundennummer: {{kunde.id}}
- Tarif: {{vertrag.tarif}}
Regeln: Sprich den Kunden mit „Sie“ an. Nenne niemals vollständige Bankdaten. Bei Kündigungswunsch biete zuerst den Tarif {{retention_angebot}} an; lehnt der Kunde ab, rufe die Funktion kuendigung_vormerken(kunden_id) auf. Antworte in höchstens drei Sätzen.`,
  // JA negative: FAQ about delivery times
  `よくある質問：配送について
Q. 注文から何日で届きますか？
A. 通常、ご注文確定から2〜4営業日でお届けします。離島・一部地域は追加で1〜3日かかる場合があります。
Q. 配送日時の指定はできますか？
A. はい。ご注文手続きの画面で、午前中・14〜16時・16〜18時・18〜20時・19〜21時からお選びいただけます。
Q. 送料はいくらですか？
A. 税込5,000円以上のご注文で送料無料です。それ未満の場合は全国一律550円です。`,
  // AR negative: KB article about account security (Arabic script)
  `مقالة المساعدة: كيف تحمي حسابك
١. فعّل التحقق بخطوتين من صفحة الإعدادات ← الأمان.
٢. لا تشارك رمز التحقق مع أي شخص، فموظفونا لن يطلبوه منك أبداً.
٣. استخدم كلمة مرور مكوّنة من ١٢ حرفاً على الأقل، وتجنّب تكرار كلمات المرور بين المواقع.
٤. راجع قائمة الأجهزة المتصلة بانتظام، واحذف أي جهاز لا تعرفه.
إذا لاحظت نشاطاً غريباً، غيّر كلمة المرور فوراً ثم تواصل مع فريق الدعم من داخل التطبيق.`,
  // PT negative: webhook event with ids only
  `Evento recebido no webhook (pagamentos):
{"id":"evt_1QyZ7mC3kP","type":"charge.refunded","api_version":"2024-06-20","created":1741700211,"livemode":false,"data":{"object":{"id":"ch_3QyZ6lC3kP0aF1","object":"charge","amount":15990,"amount_refunded":15990,"currency":"brl","customer":"cus_Rk82LmQ0Tz","payment_method_details":{"type":"card","card":{"brand":"elo","last4":"0028","installments":{"plan":{"count":3,"interval":"month"}}}},"receipt_number":"1844-2207","status":"succeeded"}}}
Tarefa: gere a mensagem de confirmação de estorno para o cliente, usando o modelo "estorno_confirmado".`,
];

export function heldout10(): LabeledDoc[] {
  return [
    ...POSITIVES.map((src, i) => parseMarkup(`h10-p${i + 1}`, 'heldout10', src)),
    ...NEGATIVES.map((src, i) => parseMarkup(`h10-n${i + 1}`, 'heldout10-negative', src, true)),
  ];
}
