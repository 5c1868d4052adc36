/**
 * Held-out set 17: hand-labeled texts plus hard negatives, written blind (without looking at the detector, at the
 * scorer or at the other evaluation sets; only markup.ts and heldout16.ts's header comment and export were read, to
 * copy the file's shape). No detector, eval or test was run on these texts before this set's first scoring.
 * Its emphasis is on genres that earlier sets covered thinly: (1) what an LLM application actually sends — multi-turn
 * histories pasted as role-tagged turns ("user:", "assistant:", "tool:"), function-call arguments as JSON, tool
 * results with nested customer / order objects, RAG context chunks mixing KB articles with CRM notes and customer
 * records, and system prompts that embed the current customer's profile; (2) OCR'd or copy-pasted documents —
 * shipping labels, invoices, utility bills, bank statements, boarding passes, prescriptions (no diagnoses), delivery
 * notes, insurance cards, rental agreements — with broken line breaks, column layouts flattened into one line, ALL
 * CAPS blocks and odd spacing; (3) messaging exports — WhatsApp / Telegram group exports ("[12/03/25, 09:14] Name:
 * message"), Slack threads with @mentions and display names, SMS threads, social-media DMs with emojis and hashtags;
 * (4) names, formats and texts from cultures under-represented in typical test data: Icelandic patronymics,
 * Hungarian (family name first), Greek, Georgian, Armenian, Amharic, Swahili, Yoruba, Igbo, Zulu, Tamil (initials
 * first), Telugu, Bengali, Sinhala, Burmese (no surname), Khmer, Mongolian, Kazakh, Uzbek, Azerbaijani, Ukrainian,
 * Serbian (Cyrillic and Latin), Czech, Slovak, Lithuanian, Latvian, Estonian, Maltese, Filipino, Malay (bin /
 * binti), Maori, Hawaiian, Hispanic double surnames, Portuguese de / da / dos particles and Dutch van der — about a
 * third of the texts are written in those languages (IS, HU, EL, KA, HY, AM, SW, YO, ZU, TA, BN, SI, MY, KM, MN, KK,
 * UZ, AZ, UK, SR, CS, SK, LT, LV, ET, MT, TL, MS, MI, ES, PT, NL) with their national phone and address formats;
 * (5) US-heavy forms — Apt / Suite / Unit / # addresses, PO boxes, rural routes, military PSC / APO addresses, SSNs
 * written several ways, phone numbers with extensions and birth dates in many writings; (6) secrets and technical
 * text — OpenAI, Stripe, AWS, GitHub, Slack, Google and SendGrid keys, passwords in connection strings and .env
 * files, JWTs, PEM private-key blocks, and users' public IPv4 / IPv6 addresses in logs. National ID numbers other
 * than US SSNs (kennitala, personal codes, PINFL, IIN, NIC) have no type in this label set and are left unlabeled.
 * The hard negatives are texts of the same genres with no personal data: bot and agent messages with only order /
 * ticket / tracking numbers, catalogs, release notes, company invoices with no person, templates with placeholders
 * ({{first_name}}, <NAME>), API docs with example.com-style placeholders, changelogs, timetables, price lists, error
 * logs without user data, copy full of words that are also names (Will, May, Grace, Hope, Joy, Bill, Mark, Rose,
 * Sunny, June, Summer, Chase, Hunter, Faith, Destiny) used as words, product names containing person-like words,
 * dates that are not birth dates and long numbers that are not cards or phones (SKUs, ISBNs, tracking and invoice
 * numbers); they contain no IP addresses, no street addresses (not even companies'), no place names and no e-mail
 * addresses of persons.
 * Conventions (as in earlier sets): titles and honorifics (Mr., Mrs, Dr., Herr, Frau, Sra., Encik, Hanım, Bro.,
 * Sis., Daw, U, Ato, W/ro, Mama, Κος, пан) and "'s" are outside PERSON spans; a full name is one PERSON span
 * ("Reyes, Angelica" in a CSV cell too); a first name or surname alone is a PERSON span; given name and surname in
 * separate fields or columns are two spans; phone extensions are outside PHONE; a street address span runs from the
 * house number / flat (or the street name where it comes first, or the postcode / city where the national format
 * starts with it) to the postcode and city (and state / province / region written right after it); a street line
 * given alone in a split JSON / form address is a STREET_ADDRESS and the separate city field a LOCATION (postcode
 * and country-code fields unlabeled); city / region / country / neighbourhood names outside an address span are
 * LOCATION (birthplaces and country columns too); country codes, airport codes and time-zone names are not labeled;
 * a URL carrying personal values (e-mail, phone, name, profile slug) is one URL span with nothing labeled inside it;
 * plain public URLs are not labeled; for `password: value` only the value is SECRET; provider keys are SECRET, a
 * full private-key block is one SECRET span and a JWT is one SECRET span (nothing labeled inside them);
 * DATE_OF_BIRTH only where the context says it is a birth date, other dates are not labeled; partial numbers ("card
 * ending 3318") are not labeled; organizations (also when named after people), role mailboxes (support@, billing@,
 * no-reply@), the support bot's persona name, order / tracking / policy / case / booking numbers, usernames and
 * handles (@mentions are usernames unless they are plainly a person's name written as a name), vehicle models and
 * BICs are not labeled. Cards are Luhn-valid, IBANs mod-97-valid with their country's length, SSNs valid by SSA
 * rules and all IP addresses public.
 */
import { parseMarkup, type LabeledDoc } from './markup.js';

const POSITIVES: string[] = [
  // 1. multi-turn history pasted as role-tagged turns (Georgian customer, EN)
  `user: hi, my parcel never arrived. order GE-440912
assistant: I'm sorry to hear that! Could you confirm the full name and phone number on the order?
user: [[PERSON:Nino Beridze]], [[PHONE:+995 555 31 72 08]]
tool: {"order_id":"GE-440912","status":"returned_to_sender","ship_to":"[[STREET_ADDRESS:14 Ilia Chavchavadze Ave, apt 9, Tbilisi 0179]]","attempts":2}
assistant: Thanks [[PERSON:Nino]]. The courier tried twice and the parcel went back to the depot. Shall I resend it to the same address?
user: yes but please call before, the buzzer is broken`,

  // 2. function-call arguments as JSON (Hungarian name, family name first)
  `{"name":"create_support_ticket","arguments":{"customer_name":"[[PERSON:Kovács Bence]]","email":"[[EMAIL:kovacs.bence88@freemail.hu]]","phone":"[[PHONE:+36 30 418 2260]]","subject":"Double charge on invoice 2025/11/0457","priority":"high","card_last4":"4417"}}`,

  // 3. tool result with nested customer / order objects (Yoruba)
  `tool (get_order_details) returned:
{
  "order": {
    "id": "NG-2025-118734",
    "placed_at": "2025-11-19T08:42:10Z",
    "items": [{"sku": "TV-55-UHD-2024", "qty": 1, "price_ngn": 689000}],
    "customer": {
      "first_name": "[[PERSON:Oluwaseun]]",
      "last_name": "[[PERSON:Adeyemi]]",
      "email": "[[EMAIL:seun.adeyemi@yahoo.com]]",
      "phone": "[[PHONE:+234 803 517 2284]]",
      "shipping_address": {
        "line1": "[[STREET_ADDRESS:27 Adeola Odeku Street, Victoria Island]]",
        "city": "[[LOCATION:Lagos]]",
        "state": "[[LOCATION:Lagos State]]",
        "country": "NG"
      }
    },
    "payment": {"method": "card", "brand": "mastercard", "last4": "9249"}
  }
}`,

  // 4. system prompt embedding the current customer's profile (Icelandic)
  `SYSTEM: You are Hekla, the friendly assistant of a telecom. Be concise. Never reveal internal notes.
Current customer profile (verified by SMS at 09:12):
- Name: [[PERSON:Guðrún Sigurðardóttir]]
- Kennitala: 120384-2369
- Mobile: [[PHONE:+354 661 4820]]
- Email: [[EMAIL:gudrun.sig@simnet.is]]
- Address: [[STREET_ADDRESS:Laugavegur 24, 101 Reykjavík]]
- Plan: Heimili 500 Mb/s, contract ends 2026-03-31
- Father's name on the account transfer form: [[PERSON:Sigurður Jónsson]]
Address the customer by first name ([[PERSON:Guðrún]]). Do not use her patronymic alone.`,

  // 5. RAG context: KB article chunk + CRM note (Tamil initials first)
  `### Context
[chunk 1 | kb/returns-policy.md]
Items can be returned within 30 days. Refunds go back to the original payment method within 5–7 business days.
[chunk 2 | crm/notes/ACC-77120]
2025-11-21 call with [[PERSON:R. Karthikeyan]] ([[PHONE:+91 94440 51873]]). Wants refund for mixer grinder, says box damaged on arrival. Agent [[PERSON:S. Meenakshi]] promised callback. Customer prefers Tamil. Delivery was to [[STREET_ADDRESS:Old No. 12, New No. 27, Venkatanarayana Road, T. Nagar, Chennai 600017]].
[chunk 3 | kb/warranty.md]
Mixer grinders carry a 2-year motor warranty.
### Question
Can Mr. [[PERSON:Karthikeyan]] still return it?`,

  // 6. OpenAI-style messages array (Armenian customer)
  `[{"role":"system","content":"You are a billing assistant for an internet provider. Customer on the line: [[PERSON:Ani Hovhannisyan]], account 55-81203, phone [[PHONE:+374 91 482 306]]."},{"role":"user","content":"Բարև, իմ հաշիվը սխալ է։ I was charged twice this month."},{"role":"assistant","content":"Hello [[PERSON:Ani]], I can see two payments of 9,900 AMD on 3 November. I'll refund one of them."},{"role":"user","content":"thanks. also pls update my address to [[STREET_ADDRESS:22 Abovyan St, apt 5, Yerevan 0001]]"}]`,

  // 7. assistant function call with split address (Slovak)
  `assistant → tool_call update_shipping_address
{"order_id":"SO-8841-27","recipient":"[[PERSON:Zuzana Horváthová]]","address_line1":"[[STREET_ADDRESS:Obchodná 14]]","city":"[[LOCATION:Bratislava]]","postal_code":"811 06","country_code":"SK","phone":"[[PHONE:+421 905 318 442]]"}`,

  // 8. RAG chunks mixing FAQ and customer records (Swahili)
  `<context>
<doc id="faq-mpesa-07">Malipo kwa M-Pesa huchukua hadi dakika 10 kuthibitishwa. Ikiwa pesa imekatwa lakini oda haijathibitishwa, subiri kisha wasiliana nasi.</doc>
<doc id="crm-TZ-30921">Mteja: [[PERSON:Zawadi Mwakalinga]] | Simu: [[PHONE:+255 754 281 390]] | Barua pepe: [[EMAIL:zawadi.mwakalinga@gmail.com]] | Anwani: [[STREET_ADDRESS:Mtaa wa Samora, Nyumba Na. 18, Dar es Salaam]] | Maelezo: alilipa TSh 45,000 tarehe 20/11, oda bado "pending".</doc>
<doc id="crm-TZ-30921-b">Mume wake [[PERSON:Juma Mwinyi]] alipiga simu kutoka [[PHONE:+255 713 904 655]] kuuliza hali ya oda.</doc>
</context>`,

  // 9. system prompt with Filipino customer and card on file
  `You are "Tala", the virtual agent of an online grocery. The logged-in customer is [[PERSON:Maria Lourdes Dela Cruz]] (mobile [[PHONE:0917 842 3316]], email [[EMAIL:malou.delacruz@outlook.ph]]). Default delivery: [[STREET_ADDRESS:Blk 5 Lot 12, Mabuhay St., Brgy. San Isidro, Antipolo City, Rizal 1870]]. Saved card: [[CREDIT_CARD:4233 1083 9284 8778]] (exp 08/28). Her husband [[PERSON:Jose Miguel Dela Cruz]] is an authorized receiver. Reply in Taglish if she writes in Taglish.`,

  // 10. multi-turn with tool lookup (Uzbek)
  `user: Assalomu alaykum, kartamdan pul yechildi lekin buyurtma yo'q
assistant: Salom! Buyurtma raqamingiz yoki telefon raqamingizni yozing, iltimos.
user: [[PHONE:+998 90 417 22 63]] bu [[PERSON:Dilnoza Karimova]] nomida
tool: lookup_customer(phone="[[PHONE:+998904172263]]") -> {"customer_id": 88213, "full_name": "[[PERSON:Karimova Dilnoza Rustamovna]]", "pinfl": "41507925430018", "city": "[[LOCATION:Toshkent]]", "orders": []}
assistant: [[PERSON:Dilnoza]] opa, sizning nomingizda buyurtma topilmadi. To'lov cheki rasmini yuboring.`,

  // 11. OCR shipping label, ALL CAPS, US apartment
  `FROM: ACME OUTDOOR SUPPLY   RETURN DEPT
SHIP TO:
[[PERSON:DESHAWN MCALLISTER]]
[[STREET_ADDRESS:4417 BIRCHWOOD LN APT 3B
TULSA OK 74135-2208]]
PH [[PHONE:(918) 622-4071]]
USPS PRIORITY MAIL 2-DAY   WT 3 LB 4 OZ
TRACKING # 9405 5036 9930 0412 7781 63
REF: PO 55120`,

  // 12. OCR invoice, columns flattened into one line (Dutch)
  `FACTUUR  Factuurnr. 2025-00871  Datum 14-11-2025  Klant: [[PERSON:Pieter van der Berg]]  [[STREET_ADDRESS:Keizersgracht 118-II, 1015 CW Amsterdam]]  Tel. [[PHONE:06 41 27 83 09]]  Omschrijving Aantal Prijs  Schilderwerk woonkamer 1 € 1.240,00  Materiaal 1 € 186,50  BTW 21% € 299,47  Totaal € 1.725,97  Gelieve te betalen binnen 14 dagen o.v.v. factuurnummer.  Betaald door klant van rekening [[IBAN:NL86 INGB 2819 1058 83]] op 20-11-2025.`,

  // 13. utility bill, OCR with broken lines (UK)
  `Your electricity bill
Account no. 8820 1146 73      Bill date 03 Nov 2025
Mr [[PERSON:Kwabena Asante-
Mensah]]
[[STREET_ADDRESS:Flat 4, 19 Cranbrook
Road, Ilford IG1 4PU]]
Supply address as above
Amount due £87.41 by Direct Debit on or
about 18 Nov 2025 from account [[IBAN:GB85 BARC 2000 0042 9733 27]]`,

  // 14. bank statement, Czech, flattened columns
  `VÝPIS Z ÚČTU č. 11/2025   Majitel účtu: [[PERSON:Tereza Dvořáková]]   [[STREET_ADDRESS:Vinohradská 1234/56, 120 00 Praha 2]]   IBAN: [[IBAN:CZ21 0800 0819 2374 9510 6933]]   Období: 01.11.2025 – 30.11.2025
Datum  Popis  Částka
03.11. Platba kartou ALBERT 1123  -412,50
05.11. Příchozí platba od [[PERSON:Jiří Novotný]] [[IBAN:CZ96 0100 9458 0730 2157 3681]] nájem listopad  +9 800,00
12.11. Trvalý příkaz ČEZ Prodej  -1 640,00
Konečný zůstatek 24 117,32 CZK`,

  // 15. boarding pass OCR (Mongolian)
  `BOARDING PASS   ECONOMY
NAME OF PASSENGER  [[PERSON:BAT-ERDENE/GANTULGA]] MR
FROM [[LOCATION:ULAANBAATAR]] UBN   TO [[LOCATION:SEOUL]] ICN
FLIGHT OM301   DATE 28NOV   GATE 4   SEAT 23C
BOARDING 07:10   SEQ 087
ETKT 0712104455871
FQTV OM 10238841`,

  // 16. prescription label (no diagnosis), US, DOB
  `RX# 4410982-05722   FILLED 11/18/2025
[[PERSON:LEILANI AKANA]]   DOB [[DATE_OF_BIRTH:07/19/1961]]
[[STREET_ADDRESS:94-1021 WAIPAHU ST UNIT 210, WAIPAHU HI 96797]]
ATORVASTATIN 20 MG TAB   QTY 90   REFILLS 3
TAKE 1 TABLET BY MOUTH AT BEDTIME
PRESCRIBER: DR [[PERSON:K. NAKAMURA]]`,

  // 17. delivery note, Lithuanian
  `PREKIŲ PRISTATYMO LAPAS Nr. PL-2025-3391
Gavėjas: [[PERSON:Rūta Kazlauskienė]]
Adresas: [[STREET_ADDRESS:Gedimino pr. 9-14, LT-01103 Vilnius]]
Tel.: [[PHONE:+370 612 47 305]]
Prekės: Skalbimo mašina WM-8 (1 vnt.), montavimo rinkinys (1 vnt.)
Pristatė: [[PERSON:Mantas Petrauskas]]        Priėmė: ____________
Data: 2025-11-24`,

  // 18. insurance card OCR, US, name in "LAST, FIRST" form
  `BLUE RIDGE HEALTH PLAN       PPO
Member: [[PERSON:ORTIZ-VELASQUEZ, CAMILA]]
Member ID: XRP 448 209 117 01
Group No: 77140   Rx BIN 610014  Rx PCN MEDDPRIME
Effective 01/01/2025
DOB [[DATE_OF_BIRTH:02-11-1994]]
Dependents: [[PERSON:MATEO ORTIZ]]  [[PERSON:SOFIA ORTIZ]]`,

  // 19. rental agreement, Latvian
  `ĪRES LĪGUMS Nr. 17/2025
2025. gada 1. novembrī
Izīrētājs: [[PERSON:Jānis Kalniņš]], personas kods 150876-10321, tālr. [[PHONE:+371 2914 6620]]
Īrnieks: [[PERSON:Ilze Bērziņa]], dzimusi [[DATE_OF_BIRTH:1993. gada 4. martā]], e-pasts [[EMAIL:ilze.berzina@inbox.lv]]
Īres objekts: dzīvoklis [[STREET_ADDRESS:Brīvības iela 77-12, Rīga, LV-1001]]
Īres maksa EUR 520 mēnesī, maksājama uz kontu [[IBAN:LV65 HABA 7623 8956 8667 7]] līdz katra mēneša 5. datumam.`,

  // 20. WhatsApp group export (Kenya, Swahili/English)
  `[12/11/25, 09:14] [[PERSON:Wanjiru Kamau]]: Habari za asubuhi wote 🌞 the landlord says water will be off till 2pm
[12/11/25, 09:15] [[PERSON:Otieno]]: Aki no. Who has the plumber's number?
[12/11/25, 09:17] [[PERSON:Wanjiru Kamau]]: [[PERSON:Baraka]] fundi – [[PHONE:0722 418 903]]
[12/11/25, 09:20] [[PERSON:Achieng' Odhiambo]]: Asante! Also rent this month goes to the new paybill, not to Mama [[PERSON:Njeri]]'s line
[12/11/25, 09:21] [[PERSON:Otieno]]: 👍🏾
[12/11/25, 09:40] [[PERSON:Achieng' Odhiambo]]: <Media omitted>`,

  // 21. Telegram export, Ukrainian
  `[[PERSON:Олена Коваленко]], [24.11.2025 18:02]
Привіт! Нова пошта не віддає посилку без паспорта 😩

[[PERSON:Тарас Шевчук]], [24.11.2025 18:05]
Скинь мені номер ТТН, я подивлюсь. Мій новий номер [[PHONE:+380 67 482 19 55]]

[[PERSON:Олена Коваленко]], [24.11.2025 18:07]
20450871234567. Отримувач — я, адреса [[STREET_ADDRESS:вул. Хрещатик, 15, кв. 8, Київ, 01001]]`,

  // 22. Slack thread with @mentions and display names
  `#cx-escalations
[[PERSON:Priya Raman]]  10:42 AM
@marco.b can you look at ticket 88123? Customer [[PERSON:Femke van den Heuvel]] was charged for two seats after downgrading. Her billing email is [[EMAIL:femke@heuvel-design.nl]]
[[PERSON:Marco Bianchi]]  10:44 AM
on it. @priya.raman the card on file is [[CREDIT_CARD:5178 6427 5158 3901]] per the admin screenshot she sent — please delete that screenshot from the ticket 🙏
[[PERSON:Priya Raman]]  10:45 AM
done, redacted. Will refund €24 now.`,

  // 23. SMS thread
  `SMS with [[PHONE:+1 (312) 847-2096]]
Mon 4:12 PM  Hi this is [[PERSON:Tamika]] from Lakeside Dental, confirming your cleaning tmrw 10:30. Reply C to confirm
Mon 4:20 PM  C. Also can u update my email to [[EMAIL:dre.washington1988@gmail.com]]
Mon 4:22 PM  Updated! See you tomorrow [[PERSON:Andre]] 😊`,

  // 24. Instagram DM with emojis and hashtags (Maori)
  `📩 DM from @aroha.creates
Kia ora! 🌿 loved the harakeke earrings, can you post 2 pairs to [[STREET_ADDRESS:14 Tainui Street, Rotorua 3010]]? Name for the parcel: [[PERSON:Aroha Ngata]]. I'll pay by bank transfer, ph [[PHONE:021 438 9072]] if the courier needs it 💚 #supportlocal #koha`,

  // 25. Hawaiian + US PO box form
  `CHANGE OF MAILING ADDRESS
Account holder: [[PERSON:Keoni Kahananui]]
Old address: [[STREET_ADDRESS:73-4120 Ahikawa St, Kailua-Kona, HI 96740]]
New mailing address: [[STREET_ADDRESS:PO Box 1187, Kealakekua, HI 96750]]
Daytime phone: [[PHONE:808-322-7719]] ext. 4
Date of birth: [[DATE_OF_BIRTH:Sept. 2, 1979]]
Signature: [[PERSON:K. Kahananui]]   Date: 11/20/2025`,

  // 26. military address (APO) and SSNs, US benefits form
  `DEPENDENT ENROLLMENT – PAGE 2 OF 3
Sponsor: SSG [[PERSON:Marcus T. Holloway]]   SSN [[US_SSN:414-49-3279]]
Mailing: [[STREET_ADDRESS:Unit 29351 Box 447, APO AE 09096]]
Spouse: [[PERSON:Yesenia Holloway]]   SSN [[US_SSN:614 23 3773]]   DOB [[DATE_OF_BIRTH:1991-06-08]]
Child: [[PERSON:Elijah Holloway]]   SSN [[US_SSN:255181419]]   DOB [[DATE_OF_BIRTH:03/30/2019]]
Stateside contact: [[PHONE:(254) 553-8120]]`,

  // 27. rural route + PSC
  `Tax document mailing list (2025 1099-NEC)
1) [[PERSON:Harlan Pettibone]] — [[STREET_ADDRESS:RR 2 Box 118, Shell Knob, MO 65747]] — TIN [[US_SSN:258-94-6277]]
2) [[PERSON:Trinh, Kimberly]] — [[STREET_ADDRESS:PSC 473 Box 1205, FPO AP 96349]] — TIN [[US_SSN:544-88-8825]]
3) Ridgeline Fence LLC — EIN 84-2291077 (business, no personal TIN)`,

  // 28. phone with extension, US email signature
  `Thanks again for the quick turnaround.

[[PERSON:Brianna Kowalczyk]]
Senior Account Manager | Prairie Logistics
O: [[PHONE:(402) 391-6650]] x204
M: [[PHONE:402.730.1182]]
[[STREET_ADDRESS:1120 Harney St, Suite 400, Omaha, NE 68102]]`,

  // 29. JSON form submission, Hispanic double surnames
  `POST /api/v2/applicants 201
{"applicants":[
 {"name":"[[PERSON:José Luis Ramírez de la Peña]]","dob":"[[DATE_OF_BIRTH:1984-12-03]]","ssn":"[[US_SSN:092-80-8017]]","phone":"[[PHONE:+1 915 204 3381]]"},
 {"name":"[[PERSON:María Fernanda Gutiérrez Salazar]]","dob":"[[DATE_OF_BIRTH:21 Feb 1987]]","ssn":"[[US_SSN:205549641]]","phone":"[[PHONE:915-204-3390]]"}
],"address":"[[STREET_ADDRESS:8825 Dyer St #14, El Paso, TX 79904]]","submitted_at":"2025-11-22T17:03:51Z"}`,

  // 30. .env file with secrets
  `# .env.production — DO NOT COMMIT
NODE_ENV=production
DATABASE_URL=postgres://app_rw:[[SECRET:dsaANN!bWyc0N38G]]@db-prod-01.internal:5432/shop
OPENAI_API_KEY=[[SECRET:sk-proj-38AibNyyurlGFb0EkjKWREhbiGjlvhkTp3SKQOo6Cd6rvau5T3BlbkFJkHvRwMzzuVtYkwMJFrCfZ4U2EqkNk6sEr6f4gUy0BQ8DEoFo]]
STRIPE_SECRET_KEY=[[SECRET: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]]
SENDGRID_API_KEY=[[SECRET: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]]
LOG_LEVEL=info`,

  // 31. AWS credentials pasted in a chat
  `user: why does boto3 say AccessDenied?? here is my ~/.aws/credentials
[default]
aws_access_key_id = [[SECRET:AKIATY3LQIB7CV5ZKIJU]]
aws_secret_access_key = [[SECRET: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]]
region = eu-central-1
assistant: Please rotate these keys right away — they are now exposed in this conversation. Then check the IAM policy attached to the user.`,

  // 32. access log with user IPs
  `[[IP_ADDRESS:102.89.34.117]] - - [25/Nov/2025:07:41:12 +0000] "POST /login HTTP/1.1" 401 512 "-" "Mozilla/5.0 (Linux; Android 14)"
[[IP_ADDRESS:102.89.34.117]] - - [25/Nov/2025:07:41:19 +0000] "POST /login HTTP/1.1" 200 1893 "-" "Mozilla/5.0 (Linux; Android 14)"
[[IP_ADDRESS:2a02:c7f:7e2c:1e00:8d4a:5b1:c2e9:3f10]] - - [25/Nov/2025:07:42:03 +0000] "GET /account/orders HTTP/2.0" 200 7731 "-" "Safari/605.1.15"
[[IP_ADDRESS:41.90.64.12]] - - [25/Nov/2025:07:42:30 +0000] "GET /password-reset/sent HTTP/1.1" 200 930 "[[URL:https://www.kilimoshop.co.ke/reset?email=peter.mutua%40gmail.com]]" "Mozilla/5.0 (Windows NT 10.0)"`,

  // 33. GitHub token and Slack bot token in a CI log
  `Run actions/checkout@v4
  with:
    token: [[SECRET:ghp_g14TIcpoDo3JD61rztPeHmI1g6pD96mjTwnx]]
Run ./scripts/notify.sh
+ curl -s -X POST https://slack.com/api/chat.postMessage -H 'Authorization: Bearer [[SECRET:xoxb-849059125739-7467191404866-9XrTPtx9HE0mVICYRV7g0Xdz]]' -d channel=C04RELEASES -d text='v2.14.0 deployed'
{"ok":true,"channel":"C04RELEASES"}`,

  // 34. JWT in a bug report
  `Bug: /me returns 500 for some users. Repro with this token (copied from the browser of the affected customer):
Authorization: Bearer [[SECRET:eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjdXNfODgxMiIsIm5hbWUiOiJOb212dWxhIERsYW1pbmkiLCJlbWFpbCI6Im5vbXZ1bGEuZGxhbWluaUB3ZWJtYWlsLmNvLnphIiwiaWF0IjoxNzY0MDUxMjAwLCJleHAiOjE3NjQwNTQ4MDB9.IhiCGVflXhuJM1vsg8ycSGpxO2XJ2yJsrdRp4xsba2A]]
Customer is [[PERSON:Nomvula Dlamini]], she logs in from [[IP_ADDRESS:197.245.13.88]].`,

  // 35. PEM block in a support message (Estonian sender)
  `hey, our SFTP upload broke after the key rotation. this is the key the job uses, can you check it matches what you have on your side?
[[SECRET:-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIBeFAkXW/EvIWaKsKXWuzfXDmblpL1gXdWFKOyMGSsusoAoGCCqGSM49
AwEHoUQDQgAEVAZFWGWmXr0PKLGRh4JDAbAMnEmB2v/b4Z6rr7EeMceSCSPUmX3O
1xNYjNSqEZAWhBhvepq8fx2l/bHoDXN4HQ==
-----END EC PRIVATE KEY-----]]
— [[PERSON:Mart Saar]], IT, [[PHONE:+372 5124 8803]]`,

  // 36. Greek customer email
  `Θέμα: Αλλαγή διεύθυνσης αποστολής
Καλησπέρα σας,
ονομάζομαι [[PERSON:Ελένη Παπαδοπούλου]] και η παραγγελία μου 7781-GR δεν έχει φύγει ακόμα. Παρακαλώ στείλτε τη στη νέα μου διεύθυνση: [[STREET_ADDRESS:Ερμού 45, 105 63 Αθήνα]]. Κινητό: [[PHONE:694 123 8807]].
Ευχαριστώ,
[[PERSON:Ελένη]]`,

  // 37. Amharic name in an English call note
  `Call note 2025-11-23 — caller: Ato [[PERSON:Abebe Kebede]] (wrote his name as [[PERSON:አበበ ከበደ]] on the form), phone [[PHONE:+251 911 43 7290]], lives in [[LOCATION:Bole]], [[LOCATION:Addis Ababa]]. Asked to move the installation date. His daughter W/ro [[PERSON:Tigist Abebe]] will be home instead.`,

  // 38. Sinhala
  `පාරිභෝගික විස්තර: නම [[PERSON:දිලානි විජේසිංහ]] ([[PERSON:Dilani Wijesinghe]]), දුරකථන [[PHONE:077 482 3190]], ලිපිනය [[STREET_ADDRESS:42/3, Galle Road, Dehiwala 10350]]. ඇණවුම් අංකය LK-55120 තවම ලැබී නැත.`,

  // 39. Burmese (no surname)
  `Delivery escalation — [[LOCATION:Yangon]] hub
Recipient: Daw [[PERSON:Khin Myat Noe]]
Phone: [[PHONE:09 790 412 336]]
Address: [[STREET_ADDRESS:No. 48, Bo Gyoke Road, 3rd floor, Pabedan Township, Yangon]]
Courier U [[PERSON:Aung Kyaw Moe]] says nobody answered. Customer's sister [[PERSON:Thandar Hlaing]] can receive, same phone.`,

  // 40. Khmer
  `សួស្តី! ខ្ញុំឈ្មោះ [[PERSON:សុខ ចាន់ណារី]] ([[PERSON:Sok Channary]])។ លេខទូរស័ព្ទ [[PHONE:012 845 307]]។ សូមដឹកជញ្ជូនទៅ [[LOCATION:ភ្នំពេញ]]។ Order KH-22190.`,

  // 41. Hungarian order confirmation pasted by a customer (address starts with postcode + city)
  `Rendelés visszaigazolás – #HU-771204
Vevő: [[PERSON:Nagy Zsófia]]
Szállítási cím: [[STREET_ADDRESS:1052 Budapest, Váci utca 12. 3/7]]
Telefon: [[PHONE:06 20 583 1147]]
E-mail: [[EMAIL:nagy.zsofia@citromail.hu]]
Fizetés: átutalás, számlaszám [[IBAN:HU32 1170 5783 0862 7149 7094 0094]]
Születési dátum (hűségprogram): [[DATE_OF_BIRTH:1990. 05. 17.]]`,

  // 42. Serbian Cyrillic + Latin
  `Поштовани, пакет за [[PERSON:Милош Јовановић]] није уручен. Молимо позовите [[PHONE:064 318 2207]].
Adresa za ponovnu dostavu: [[STREET_ADDRESS:Knez Mihailova 12, stan 4, 11000 Beograd]]. Ako nije kod kuće, paket može preuzeti [[PERSON:Jelena Petrović]] (supruga).
Uplata pouzećem ili na račun [[IBAN:RS13 1604 8546 6133 5677 90]].`,

  // 43. Azerbaijani
  `Salam! Mən [[PERSON:Leyla Məmmədova]]. Sifariş AZ-90312 hələ çatmayıb. Ünvan: [[STREET_ADDRESS:Nizami küçəsi 88, mənzil 14, Bakı AZ1000]]. Əlaqə: [[PHONE:+994 50 418 27 63]]. Geri ödəniş üçün hesabım: [[IBAN:AZ34 PAHA 9767 1723 6739 7093 4711]].`,

  // 44. Kazakh / Russian mixed
  `Клиент: [[PERSON:Жақсылықова Айгерім Нұрланқызы]], ИИН 920315450215, тел. [[PHONE:+7 701 418 55 20]]
Мекенжай: [[STREET_ADDRESS:Абай даңғылы 52, 17 пәтер, Алматы 050008]]
Возврат на счёт [[IBAN:KZ84 722S 3776 5793 5057]] (Kaspi). Менеджер: [[PERSON:Ерлан Беков]].`,

  // 45. Estonian
  `Tere! Tellimus nr EE-50218 tuli katkise pakendiga. Saaja: [[PERSON:Kadri Tamm]], [[STREET_ADDRESS:Narva mnt 7-15, 10117 Tallinn]], tel [[PHONE:5381 2207]]. Palun kandke raha tagasi kontole [[IBAN:EE87 2267 5909 1510 5906]]. Aitäh!`,

  // 46. Maltese
  `Bonġu, jien [[PERSON:Marija Camilleri]]. Il-pakkett tiegħi ma wasalx. L-indirizz: [[STREET_ADDRESS:12, Triq il-Kbira, Żebbuġ ZBG 1304]]. Mobile [[PHONE:7912 4083]]. Jekk m'inix id-dar, ħallih għand [[PERSON:Ġorġ Borg]] li joqgħod ħdejja. Refund fuq [[IBAN:MT45 VALL 9782 6286 8459 2388 2745 069]].`,

  // 47. Malay (bin / binti)
  `Assalamualaikum tuan/puan, saya [[PERSON:Nurul Aisyah binti Ahmad]]. Parcel atas nama suami saya Encik [[PERSON:Muhammad Hafiz bin Razak]] belum sampai. Alamat: [[STREET_ADDRESS:No. 23, Jalan SS 2/64, 47300 Petaling Jaya, Selangor]]. No tel [[PHONE:012-418 3306]]. Terima kasih 🙏`,

  // 48. Portuguese particles (Brazil), PIX support chat
  `cliente: oi, fiz um pix errado ontem
atendente: Olá! Me informe seu nome completo e CPF, por favor.
cliente: [[PERSON:João Pedro dos Santos Almeida]], CPF 418.205.337-00, celular [[PHONE:(11) 98742-5530]]
atendente: Obrigado, [[PERSON:João Pedro]]. Para quem foi o pix?
cliente: era pra [[PERSON:Ana Beatriz da Silva]] mas caiu na conta de outra pessoa. o e-mail dela é [[EMAIL:anabeatriz.dasilva@gmail.com]]`,

  // 49. Yoruba / Igbo WhatsApp group (Nigeria)
  `[03/11/25, 19:02] [[PERSON:Folake Akinola]]: E kaaale o! Who is bringing the chairs for Saturday? 🎉
[03/11/25, 19:05] [[PERSON:Chinonso Okeke]]: I go carry 20 chairs. Send the venue abeg
[03/11/25, 19:06] [[PERSON:Folake Akinola]]: [[STREET_ADDRESS:15 Awolowo Road, Ikoyi, Lagos]]. Call [[PERSON:Ngozi]] when you reach: [[PHONE:0809 441 2736]]
[03/11/25, 19:10] [[PERSON:Chukwuemeka Eze]]: Make una send account for contributions
[03/11/25, 19:11] [[PERSON:Folake Akinola]]: GTBank 0148822375 – [[PERSON:Akinola Folake O.]]`,

  // 50. Zulu / South Africa
  `Sawubona! Ngicela ukushintsha ikheli lokulethwa kwe-oda ZA-661209. Igama: [[PERSON:Sipho Ndlovu]]. Ikheli elisha: [[STREET_ADDRESS:32 Vilakazi Street, Orlando West, Soweto, 1804]]. Inombolo: [[PHONE:082 417 6630]]. Umkami [[PERSON:Thandeka]] uzobe ekhaya.`,

  // 51. Telugu name in a KYC tool result
  `tool: kyc.fetch(customer_id=5521907)
{"status":"verified","name":"[[PERSON:Venkata Sai Krishna Reddy]]","father_name":"[[PERSON:Gorantla Subba Reddy]]","dob":"[[DATE_OF_BIRTH:14-08-1992]]","mobile":"[[PHONE:+91 98490 27713]]","address":"[[STREET_ADDRESS:Plot 44, Road No. 12, Banjara Hills, Hyderabad, Telangana 500034]]","pan_last4":"7Q2F"}`,

  // 52. Bengali
  `অর্ডার নম্বর BD-30915 এখনো পাইনি। আমার নাম [[PERSON:শারমিন আক্তার]], ফোন [[PHONE:01712-345987]]। ঠিকানা: [[STREET_ADDRESS:বাড়ি ১৪, রোড ৭, ধানমন্ডি, ঢাকা ১২০৫]]। আমার ভাই [[PERSON:তানভীর হোসেন]] পার্সেল নিতে পারবে।`,

  // 53. Mongolian
  `Сайн байна уу? Би [[PERSON:Ганбаатарын Оюунчимэг]] байна. Захиалга MN-2281 ирээгүй. Утас: [[PHONE:9911 4827]]. Хаяг: [[STREET_ADDRESS:Сүхбаатар дүүрэг, 1-р хороо, Бага тойруу 14, 12 тоот, Улаанбаатар]]. Буцаалтыг [[IBAN:MN25 0015 7236 2730 9655]] данс руу хийнэ үү.`,

  // 54. Icelandic e-mail
  `Sæl,
ég heiti [[PERSON:Sigríður Þórsdóttir]] og er að flytja. Nýtt heimilisfang frá 1. desember: [[STREET_ADDRESS:Hringbraut 63, 107 Reykjavík]]. Sonur minn, [[PERSON:Kári Einarsson]], tekur við reikningnum; netfang hans er [[EMAIL:kari.einarsson@gmail.com]] og sími [[PHONE:772 3108]].
Kveðja,
[[PERSON:Sigríður]]`,

  // 55. Georgian script
  `გამარჯობა, ჩემი სახელია [[PERSON:გიორგი კაპანაძე]]. შეკვეთა GE-55213 ჯერ არ მიმიღია. მისამართი: [[STREET_ADDRESS:რუსთაველის გამზ. 12, ბინა 7, თბილისი 0108]]. ტელ: [[PHONE:599 41 82 07]].`,

  // 56. Armenian script
  `Բարև Ձեզ, ես [[PERSON:Արմեն Պետրոսյան]] եմ։ Պատվերս դեռ չի հասել։ Հասցե՝ [[STREET_ADDRESS:Տիգրան Մեծի 31, բն. 12, Երևան 0018]]։ Հեռ.՝ [[PHONE:+374 77 508 214]]։`,
];

const NEGATIVES: string[] = [
  // bot message with only an order and a tracking number
  `assistant: Your order #SO-552018 has shipped! 📦 Tracking number: 1Z 999 AA1 01 2345 6784. Estimated delivery: Thursday. Reply STOP to opt out of updates.`,

  // function call with template placeholders
  `{"name":"send_email","arguments":{"to":"{{customer.email}}","template":"welcome_v3","variables":{"first_name":"{{first_name}}","last_name":"{{last_name}}","plan":"Pro","trial_days":14}}}`,

  // release notes
  `Release 4.12.0 (2025-11-18)
- Added: bulk export of invoices as CSV.
- Fixed: the "Mark as read" button did nothing on tablets.
- Fixed: crash when a product name contained an emoji.
- Changed: session timeout raised from 15 to 30 minutes.
Thanks to everyone who filed reports!`,

  // multi-turn with only ticket numbers
  `user: any update on ticket 448120?
assistant: Yes! Ticket 448120 was escalated to our billing team on 21 November. You will get an answer within 2 business days.
user: ok and the refund for order 90-77812-4?
assistant: The refund of 34.99 was issued on 22 November; it usually shows up in 3–5 business days.
tool: {"ticket":448120,"state":"escalated","queue":"billing-l2","sla_hours":48}`,

  // tool result with no person
  `tool (inventory.check) → {"sku":"KB-MECH-87-BRN","name":"Hunter TKL Mechanical Keyboard (brown switches)","warehouse":"WH-03","on_hand":412,"reserved":37,"reorder_point":150,"next_po":"PO-2025-11902","eta":"2025-12-04"}`,

  // system prompt without customer data
  `SYSTEM: You are a shopping assistant. Answer only questions about products, orders and returns. If the user asks for account changes, call the tool "handoff_to_agent" with the ticket number. Never invent order numbers. Use the customer's first name only if the profile provides one; otherwise greet with "Hi there". Respond in the language of the user.`,

  // RAG context: KB articles only
  `[chunk 1 | kb/shipping-times.md]
Standard shipping takes 3–5 business days. Express orders placed before 14:00 ship the same day.
[chunk 2 | kb/gift-cards.md]
Gift cards never expire. A gift card number has 16 digits and a 4-digit PIN; it cannot be used to buy other gift cards.
[chunk 3 | kb/price-match.md]
We match the price of an identical item sold by an authorised retailer within 14 days of purchase.`,

  // OCR company invoice with no person (no address)
  `INVOICE NO. INV-2025-004417     DATE 11/14/2025     DUE NET 30
BILL TO: ACCOUNTS PAYABLE DEPT     CUSTOMER NO. C-88120
QTY  ITEM                      UNIT     TOTAL
12   SKU 7731-220 SAFETY GLOVES L   4.50   54.00
 4   SKU 7731-980 HI-VIS VEST XL   11.25   45.00
SUBTOTAL 99.00   TAX 8.17   TOTAL 107.17
REMIT BY ACH. REFERENCE THE INVOICE NUMBER ON YOUR PAYMENT.`,

  // Slack thread, bots and handles only, word-names as words
  `#release-train
deploy-bot  9:02 AM
:rocket: v2.14.0 is live on 100% of traffic. Error rate 0.02%.
@oncall-primary  9:05 AM
Grace period for the old API ends in June; we will mark the v1 endpoints as deprecated in May.
deploy-bot  9:06 AM
Next train: Monday. Hope nothing breaks over the weekend 🤞`,

  // WhatsApp-style business broadcast with no person
  `[14/11/25, 10:00] Store Updates: 🎄 Holiday hours: we close at 16:00 on 24/12 and reopen on 02/01. Order numbers starting with XM are gift orders and ship free.
[14/11/25, 10:01] Store Updates: Reply 1 for the catalog, 2 for order status, 3 to talk to an agent.`,

  // price list
  `PRICE LIST 2026 (EUR, excl. VAT)
Summer Breeze fan, 40 cm ........ 39.90
Sunny Side egg pan, 24 cm ....... 24.50
Rose Gold kettle 1.7 l ........... 59.00
Destiny scented candle, 3 wicks .. 18.00
Hunter green throw, 130x170 ...... 44.00
Prices valid from 01.01.2026 until further notice.`,

  // error log without user data
  `2025-11-25T06:14:02.118Z ERROR payment-worker job=settle-batch batch_id=7f3c9a12 attempt=3 err="upstream timeout after 30000ms"
2025-11-25T06:14:02.120Z WARN  payment-worker retrying in 120s (backoff=exponential, max_attempts=5)
2025-11-25T06:16:02.402Z INFO  payment-worker batch_id=7f3c9a12 settled count=1842 amount_total=91822.40 currency=EUR`,

  // template with angle-bracket placeholders
  `Dear <NAME>,
your booking <BOOKING_REF> for <DATE> is confirmed. Please arrive 15 minutes early and bring the confirmation e-mail. If you need to change the booking, reply to this message or call <PHONE>.
Kind regards,
<AGENT_NAME>`,

  // API docs with example.com placeholders
  `POST /v1/contacts
Creates a contact. Example request:
curl https://api.example.com/v1/contacts -H "Authorization: Bearer $API_KEY" -d '{"email":"user@example.com","name":"<full name>","phone":"+1-555-0100"}'
Fields: email (required), name (optional), phone (optional, E.164). Returns 201 with the contact id.`,

  // changelog with ISBN and SKUs
  `Catalog changelog — week 47
+ ISBN 978-0-14-044913-6 re-stocked (paperback)
+ ISBN 978-1-4028-9462-6 new edition
~ SKU 4006381333931 price 12.99 → 11.49
- SKU 5901234123457 discontinued
Invoice numbering now uses the prefix 2025-INV- followed by 6 digits.`,

  // words that are also names
  `Will the new plan cover roaming? Mark the box below if you want a paper bill. We hope the change brings you joy and a bit more faith in your provider — grace periods still apply, and the bill will arrive in May as usual. Chase any missing refund with the help centre.`,

  // timetable
  `TIMETABLE — LINE 7 (weekdays)
Dep 05:40  06:10  06:40  07:05  07:25  07:45  08:10
Arr 06:22  06:52  07:22  07:49  08:09  08:29  08:52
No service on public holidays. Summer timetable from 15 June to 31 August.`,
];

export function heldout17(): LabeledDoc[] {
  return [
    ...POSITIVES.map((src, i) => parseMarkup(`h17-p${i + 1}`, 'heldout17', src)),
    ...NEGATIVES.map((src, i) => parseMarkup(`h17-n${i + 1}`, 'heldout17-negative', src, true)),
  ];
}
