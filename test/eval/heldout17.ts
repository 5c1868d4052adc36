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
 * third of the texts are written in those languages (IS, HU, EL, KA, HY, AM, SW, YO, IG, ZU, TA, TE, BN, SI, MY, KM,
 * MN, KK, RU, UZ, AZ, UK, SR, CS, SK, LT, LV, ET, MT, TL, MS, ES, PT, NL, DE; 36 languages with English) with their
 * national phone and address formats;
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
 * Sis., Dra., Herrn, Daw, U, Ato, W/ro, Bw., Mama, Tita, Kuya, opa, military ranks, MR / MRS on tickets) and "'s"
 * are outside PERSON spans; a full name is one PERSON span ("Reyes, Angelica" in a CSV cell too, and also when OCR
 * broke it across a line or doubled its spaces — the same holds for addresses); a first name or surname alone is a
 * PERSON span; given name and surname in separate fields or columns are two spans; phone extensions are outside PHONE; a street address span runs from the
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
 * BICs are not labeled, nor are bank account numbers that are not IBANs, passport, tax and health-insurance
 * numbers. Cards are Luhn-valid, IBANs mod-97-valid with their country's length, SSNs valid by SSA
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

  // 57. multi-turn: customer types a full card number into the chat
  `user: my card keeps getting declined at checkout
assistant: Sorry about that! Which card are you trying to use? Please don't share the full number.
user: its [[CREDIT_CARD:6011 4844 7309 7103]] exp 04/27 under [[PERSON:Rahel Tesfaye]]
assistant: Thank you — for your security I've removed the card number from our records of this chat. The decline came from your bank; please call the number on the back of your card.
user: ok. my number is [[PHONE:(571) 338-2094]] if you need to call me`,

  // 58. function-call arguments: book an appointment (Czech)
  `{"tool":"book_appointment","args":{"patient_name":"[[PERSON:Jiří Novotný]]","date_of_birth":"[[DATE_OF_BIRTH:1978-02-23]]","phone":"[[PHONE:+420 603 418 277]]","email":"[[EMAIL:jiri.novotny@seznam.cz]]","clinic":"Poliklinika Vinohrady","slot":"2025-12-02T08:30:00+01:00","reason":"preventivní prohlídka"}}`,

  // 59. tool result: CRM search with several records (Portugal)
  `tool: crm.search(query="Almeida") → 3 results
[
  {"id":"C-10291","name":"[[PERSON:Maria da Conceição Almeida]]","nif":"218443099","phone":"[[PHONE:+351 912 447 308]]","city":"[[LOCATION:Braga]]","iban":"[[IBAN:PT93 0007 3236 4056 2241 5499 0]]"},
  {"id":"C-11873","name":"[[PERSON:Rui Almeida dos Reis]]","nif":"245118306","phone":"[[PHONE:+351 936 120 584]]","city":"[[LOCATION:Coimbra]]","iban":null},
  {"id":"C-12004","name":"Almeida & Filhos, Lda.","nif":"509887120","phone":null,"city":null,"iban":null}
]`,

  // 60. system prompt of an insurance assistant (Mexico, double surnames)
  `### System
Eres "Aurora", asistente de una aseguradora. Responde siempre en español de México y con respeto.
Asegurado actual: [[PERSON:Guadalupe Hernández Villaseñor]] | Póliza AUT-4471092 | Vehículo: Nissan Versa 2021
Teléfono: [[PHONE:+52 55 4127 8830]] | Correo: [[EMAIL:lupita.hdz.v@hotmail.com]]
Domicilio: [[STREET_ADDRESS:Calle Durango 218, Int. 5, Col. Roma Norte, Cuauhtémoc, 06700 Ciudad de México, CDMX]]
Fecha de nacimiento: [[DATE_OF_BIRTH:09/10/1983]]
Beneficiario: [[PERSON:Emiliano Hernández Ruiz]] (hijo)
No compartas el número de póliza completo con terceros.`,

  // 61. RAG context with CRM note (Ukrainian customer, English)
  `Context documents:
(1) KB-1182 "How to change the tariff": Tariffs can be changed once per billing cycle in the app under Profile → Tariff.
(2) CRM note 2025-11-20, agent dkovalenko: Customer [[PERSON:Oksana Melnyk]] called from [[PHONE:+380 50 417 26 93]]. She moved to [[STREET_ADDRESS:vul. Sumska 41, apt. 17, Kharkiv 61022]] and wants the home internet moved there. Her husband [[PERSON:Andrii]] is the contract holder; needs his consent.
(3) KB-0907 "Moving service": Relocation is free once every 12 months.
Answer the user's question using only the documents above.`,

  // 62. LangChain-style trace (Dutch)
  `Human: Kun je mijn verzendadres wijzigen? Ik ben verhuisd.
AI: Natuurlijk! Wat is het nieuwe adres?
Human: [[STREET_ADDRESS:Van der Helststraat 82-3, 1072 NX Amsterdam]]. En zet de bezorgnaam op [[PERSON:Sanne de Vries]] in plaats van [[PERSON:S. de Vries-Bakker]].
AI: [calling tool update_profile]
Tool: {"ok":true,"customer":"[[PERSON:Sanne de Vries]]","address_changed":true,"ref":"CHG-20251125-0412"}
AI: Gelukt, [[PERSON:Sanne]]! Je volgende bestelling gaat naar het nieuwe adres.`,

  // 63. conversation-memory summary JSON
  `{"memory_summary":"User is [[PERSON:Chidinma Nwosu]], a returning customer who lives in [[LOCATION:Enugu]]. She asked twice about a delayed fridge delivery (order NG-99120) and prefers WhatsApp on [[PHONE:+234 806 224 7715]]. She mentioned her birthday is [[DATE_OF_BIRTH:12 March 1995]] when asking about the birthday coupon.","entities":{"person":"[[PERSON:Chidinma Nwosu]]","email":"[[EMAIL:chidinma.nwosu95@gmail.com]]"},"turns_summarized":14}`,

  // 64. function call: refund to IBAN (Spain)
  `assistant called refund_to_bank_account with {"order":"ES-2025-77410","amount_eur":129.95,"account_holder":"[[PERSON:Carmen Ruiz Ortega]]","iban":"[[IBAN:ES43 2100 2997 2200 3322 4538]]","bic":"CAIXESBBXXX","notify_email":"[[EMAIL:carmenruizortega@gmail.com]]"}
tool returned {"status":"queued","eta_days":3}`,

  // 65. tool result: flight booking with passengers (Greek, Georgian)
  `tool: get_booking("QX7R2M") →
{"pnr":"QX7R2M","route":"ATH-TBS","date":"2025-12-19","passengers":[
  {"title":"MRS","first":"[[PERSON:Eleni]]","last":"[[PERSON:Konstantinidou]]","dob":"[[DATE_OF_BIRTH:1986-04-30]]","passport":"AN4417201"},
  {"title":"MR","first":"[[PERSON:Levan]]","last":"[[PERSON:Tsiklauri]]","dob":"[[DATE_OF_BIRTH:1984-09-12]]","passport":"14AB90773"},
  {"title":"CHD","first":"[[PERSON:Nikoloz]]","last":"[[PERSON:Tsiklauri]]","dob":"[[DATE_OF_BIRTH:2017-01-05]]","passport":"14AC22081"}],
 "contact":{"email":"[[EMAIL:levan.tsiklauri@gmail.com]]","phone":"[[PHONE:+995 577 20 44 18]]"}}`,

  // 66. ReAct trace with Kazakh customer
  `Thought: The user wants to know why the refund has not arrived. I should look up the order.
Action: orders.lookup
Action Input: {"email": "[[EMAIL:aigerim.sadykova@mail.kz]]"}
Observation: [{"order": "KZ-30017", "name": "[[PERSON:Aigerim Sadykova]]", "refund_status": "sent", "refund_to": "[[IBAN:KZ24 601A 4061 3589 5254]]", "sent_at": "2025-11-21"}]
Thought: The refund was sent on 21 November. Bank transfers in [[LOCATION:Kazakhstan]] take up to 3 days.
Final Answer: [[PERSON:Айгерим]], возврат отправлен 21 ноября, деньги поступят в течение 3 рабочих дней.`,

  // 67. OCR bank statement, US (bank name is an organization)
  `CHASE  TOTAL CHECKING        November 1, 2025 through November 28, 2025
[[PERSON:TYRONE A. WHITFIELD]]          Account Number: 000000482019557
[[STREET_ADDRESS:2250 N CLARK ST APT 1204
CHICAGO IL 60614-4511]]
CHECKING SUMMARY  Beginning Balance $3,118.42  Deposits and Additions 4,250.00  Electronic Withdrawals -2,087.16
11/03 Zelle Payment From [[PERSON:Keisha Whitfield]] 250.00
11/14 Zelle Payment To [[PERSON:Marcus Oyelaran]] -120.00`,

  // 68. OCR water bill, Philippines, ALL CAPS
  `STATEMENT OF ACCOUNT   BILLING PERIOD OCT 10 - NOV 09 2025
CONTRACT ACCT NO 6120 4471 88
ACCOUNT NAME: [[PERSON:BAUTISTA, JOSE MIGUEL R.]]
SERVICE ADDRESS: [[STREET_ADDRESS:UNIT 7B TOWER 2 SUNTRUST PARKVIEW, 1010 TAYUMAN ST, STA. CRUZ, MANILA 1003]]
PRESENT READING 1482   PREVIOUS 1461   CONSUMPTION 21 CU.M.
TOTAL AMOUNT DUE PHP 612.35   DUE DATE NOV 24 2025`,

  // 69. OCR German invoice to a private customer, broken columns
  `Rechnung Nr. R-2025-11-0392            Datum: 21.11.2025
Herrn
[[PERSON:Lukas Oberhuber]]
[[STREET_ADDRESS:Schönbrunner Str. 118/2/14
1050 Wien]]
Pos Menge Bezeichnung            Einzelpreis   Gesamt
1   1     Service Therme          149,00        149,00
2   1     Anfahrt                  35,00         35,00
Summe netto 184,00 USt 20% 36,80 Gesamt EUR 220,80
Bezahlt per SEPA-Lastschrift von Konto [[IBAN:AT70 2011 1833 4705 2188]]`,

  // 70. boarding pass, Hispanic double surname, flattened
  `PASE DE ABORDAR / BOARDING PASS   [[PERSON:RAMIREZ DE LA PENA/JOSE LUIS]]   DE/FROM [[LOCATION:EL PASO]] ELP   A/TO [[LOCATION:GUADALAJARA]] GDL   VUELO Y4 927   FECHA 14DEC   ASIENTO 17A   GRUPO 3   PNR LK8V2C`,

  // 71. prescription, Spain (no diagnosis)
  `RECETA MÉDICA
Paciente: [[PERSON:Nerea Etxeberria Garmendia]]   Fecha de nacimiento: [[DATE_OF_BIRTH:03/07/1969]]
Nº tarjeta sanitaria: BBBB 0123 4567 8910
Medicamento: Omeprazol 20 mg cápsulas duras, 28 cápsulas
Posología: 1 cápsula cada 24 h en ayunas. Duración: 28 días
Médico prescriptor: Dra. [[PERSON:Ainhoa Zubizarreta]]   Nº colegiado 20/4471
Fecha de prescripción: 19/11/2025`,

  // 72. delivery note, Portugal, OCR spacing
  `GUIA   DE   REMESSA   Nº   GR 2025/8812
Destinatário :  [[PERSON:Ana  Beatriz  de  Sousa  Ferreira]]
Morada :  [[STREET_ADDRESS:Rua  de  Cedofeita  214 ,  3º  Esq.,  4050-174  Porto]]
Contacto :  [[PHONE:912  305  418]]
Artigos :  Sofá  3  lugares  (1)   Mesa  de  centro  (1)
Data  de  carga :  24/11/2025`,

  // 73. insurance card, Czech, OCR
  `PRŮKAZ POJIŠTĚNCE   VŠEOBECNÁ ZDRAVOTNÍ POJIŠŤOVNA
Příjmení: [[PERSON:HORÁKOVÁ]]   Jméno: [[PERSON:PETRA]]
Datum narození: [[DATE_OF_BIRTH:11.06.1988]]
Číslo pojištěnce: 8856114476
Platnost do: 31.12.2029`,

  // 74. US rental application, OCR
  `RESIDENTIAL RENTAL APPLICATION          Unit applied for: 3C
Applicant: [[PERSON:Destiny Okafor]]      D.O.B. [[DATE_OF_BIRTH:7/4/93]]      SSN [[US_SSN:222-48-6359]]
Current address: [[STREET_ADDRESS:5120 Lemmon Ave #318, Dallas, TX 75209]]      How long: 2 yrs
Cell [[PHONE:469-387-2210]]   Email [[EMAIL:destiny.okafor93@icloud.com]]
Employer: Baylor Scott & White   Supervisor phone [[PHONE:214-820-3177]] ext. 12
Emergency contact: [[PERSON:Grace Okafor]] (mother) [[PHONE:713-644-0918]]`,

  // 75. international shipping label to Uzbekistan
  `CN22 CUSTOMS DECLARATION   GIFT
TO: [[PERSON:SHERZOD TOSHMATOV]]
[[STREET_ADDRESS:AMIR TEMUR KOʻCHASI 107B, 45-XONADON, TOSHKENT 100084]]
[[LOCATION:UZBEKISTAN]]
TEL [[PHONE:+998 93 512 40 77]]
CONTENTS: BOOKS (2), TEA (1)   VALUE USD 38
SENDER SIGNATURE: [[PERSON:M. TOSHMATOVA]]`,

  // 76. bank transfer receipt, Azerbaijani
  `ÖDƏNİŞ QƏBZİ № 0048812
Tarix: 22.11.2025 14:37
Göndərən: [[PERSON:Elvin Hüseynov]]
Göndərənin hesabı: [[IBAN:AZ98 IBAZ 6907 0293 1375 8584 7195]]
Alan: [[PERSON:Günel Əliyeva]]
Alanın hesabı: [[IBAN:AZ88 NABZ 0716 2021 8322 0023 8786]]
Məbləğ: 350.00 AZN   Təyinat: kirayə haqqı, noyabr`,

  // 77. WhatsApp family group, Taglish, GCash numbers
  `[22/11/25, 8:03 PM] Tita [[PERSON:Baby]]: Sino may GCash dito? Pambayad sa kuryente ni Lola 🙏
[22/11/25, 8:05 PM] Kuya [[PERSON:Jun]]: Send ko na lang sa [[PHONE:0917 523 8841]] yan, kay [[PERSON:Marites]] naka-register
[22/11/25, 8:06 PM] [[PERSON:Marites Bautista]]: Yes po, [[PERSON:Marites B.]] lalabas na name
[22/11/25, 8:10 PM] Tita [[PERSON:Baby]]: Salamat!! Ingat kayo sa biyahe pauwi ng [[LOCATION:Batangas]] 🚌`,

  // 78. WhatsApp export, Malay, iOS format with seconds
  `[05/11/2025, 21:14:33] [[PERSON:Hafiz Razak]]: Kak, barang dah sampai ke belum?
[05/11/2025, 21:15:02] [[PERSON:Siti Nurhaliza binti Osman]]: Belum lagi. Tracking kata dah ada kat [[LOCATION:Shah Alam]]
[05/11/2025, 21:15:40] [[PERSON:Hafiz Razak]]: Nanti abang call courier. Nombor dia [[PHONE:011-2741 8830]]
[05/11/2025, 21:16:05] [[PERSON:Siti Nurhaliza binti Osman]]: ok, alamat [[STREET_ADDRESS:Lot 5, Jalan Kenanga 3/2, Taman Kenanga, 40400 Shah Alam, Selangor]] ya`,

  // 79. Telegram export, Serbian Latin
  `[[PERSON:Nikola Stanković]], [19.11.2025 11:20]
Ćao, jel stigao račun za struju? Meni piše da dugujemo 4.380 din.

[[PERSON:Ivana Stanković]], [19.11.2025 11:24]
Jeste. Platila sam sa mog računa. Pošalji mi ti pola na [[IBAN:RS14 2058 1454 2124 7201 98]] 😅

[[PERSON:Nikola Stanković]], [19.11.2025 11:25]
Važi, večeras.`,

  // 80. Slack incident thread with a user's IP and e-mail
  `#inc-2291-login-loop
[[PERSON:Hannah Okonkwo-Reid]]  2:14 PM
affected user: [[EMAIL:t.lindqvist@gmail.com]], session from [[IP_ADDRESS:2405:201:5c0c:e0b1:4d2:9a1b:77c3:e8f2]] and [[IP_ADDRESS:89.135.22.91]] within 3 min — VPN?
[[PERSON:Dmitri Volkov]]  2:16 PM
probably. @hannah.or I whitelisted the second one for 24h. Ping [[PERSON:Tove Lindqvist]] when it works.
incident-bot  2:17 PM
Status changed to Monitoring.`,

  // 81. SMS thread with a delivery driver (US)
  `[[PHONE:(414) 902-6637]]: Hi it's [[PERSON:Luis]] w/ your furniture delivery, I'm 10 min out. Is the gate code still 4417#?
Me: yes! building B, [[STREET_ADDRESS:3300 S 27th St Apt 212, Milwaukee, WI 53215]]
[[PHONE:(414) 902-6637]]: 👍 see u soon
Me: if nobody answers call my husband [[PERSON:Dwayne]] [[PHONE:414-771-3052]]`,

  // 82. Instagram/X DM, Spanish (Colombia), emojis and hashtags
  `💬 @valentinaglowup: Holaaa 😍 quiero 2 kits de la #rutinaglow 💖 envío a nombre de [[PERSON:Valentina Ospina Restrepo]], [[STREET_ADDRESS:Carrera 43A # 18 Sur-135, Apto 1204, Medellín, Antioquia]], cel [[PHONE:310 457 2281]] 📦 pago por Nequi ✨ #envíosacolombia`,

  // 83. Facebook Marketplace DM, Hungarian
  `Szia! Még megvan a bababicikli? 🚲 Holnap délután el tudnám hozni. [[PERSON:Szabó Réka]] vagyok, a számom [[PHONE:+36 70 318 4402]]. Ha postán küldenéd: [[STREET_ADDRESS:6720 Szeged, Kárász utca 9. 2. em. 4.]] Előre utalnék a [[IBAN:HU31 1049 5145 4752 7720 4056 0865]] számláról.`,

  // 84. Discord support thread
  `#support-tickets › Ticket #0412
PixelForge Bot: New ticket opened by oakenshield_77.
oakenshield_77: my license key stopped working after I changed email. old one was [[EMAIL:jakub.wisniewski@onet.pl]], new one [[EMAIL:kuba.wis@proton.me]]
Mod | [[PERSON:Ellie]]: Thanks! I merged both accounts. Can you confirm your full name for the invoice?
oakenshield_77: [[PERSON:Jakub Wiśniewski]]`,

  // 85. Tamil script
  `வணக்கம், என் பெயர் [[PERSON:க. அருணாசலம்]]. எனது ஆர்டர் TN-88213 இன்னும் வரவில்லை. முகவரி: [[STREET_ADDRESS:14, பாரதியார் தெரு, அண்ணா நகர், மதுரை 625020]]. கைபேசி: [[PHONE:98410 37726]]. நன்றி.`,

  // 86. Telugu script
  `నమస్తే, నా పేరు [[PERSON:లక్ష్మీ ప్రసన్న గోరంట్ల]]. నా పార్సెల్ ఇంకా రాలేదు. చిరునామా: [[STREET_ADDRESS:ఇంటి నం. 8-3-214, శ్రీనగర్ కాలనీ, హైదరాబాద్ 500073]]. ఫోన్: [[PHONE:+91 90004 81726]].`,

  // 87. Burmese script
  `မင်္ဂလာပါ။ ကျွန်မ [[PERSON:သန္တာလှိုင်]] ပါ။ အော်ဒါ MM-4410 မရောက်သေးပါ။ ဖုန်း [[PHONE:09 450 118 327]]။ လိပ်စာ - [[STREET_ADDRESS:အမှတ် ၂၇၊ ဗိုလ်ချုပ်လမ်း၊ ဗဟန်းမြို့နယ်၊ ရန်ကုန်]]။`,

  // 88. Swahili SMS
  `Habari Bw. [[PERSON:Mwinyi]], mzigo wako wa oda TZ-7781 umefika ofisini kwetu [[LOCATION:Arusha]]. Tafadhali njoo na kitambulisho. Ukishindwa, mpe [[PERSON:Rehema Mushi]] ([[PHONE:0762 418 390]]) barua ya idhini.`,

  // 89. Yoruba
  `Ẹ kú àárọ̀. Orúkọ mi ni [[PERSON:Adebayo Ogunleye]]. Ẹrù mi kò tíì dé láti ọjọ́ Ajé. Àdírẹ́sì mi ni [[STREET_ADDRESS:No. 9, Oke-Ado Road, Ibadan]]. Ẹ pè mí sí [[PHONE:0805 317 2294]]. O ṣé o.`,

  // 90. Igbo
  `Ndewo. Aha m bụ [[PERSON:Ngozi Nwachukwu]]. Ngwongwo m zụrụ n'ọnwa gara aga erubeghị. Adreesị m bụ [[STREET_ADDRESS:22 Ogui Road, Enugu]]. Kpọọ m na [[PHONE:0703 882 4156]] ma ọ bụ zitere m ozi na [[EMAIL:ngozi.nwachukwu@yahoo.com]]. Daalụ.`,

  // 91. Amharic script
  `ሰላም፣ ስሜ [[PERSON:ትግስት አለሙ]] ነው። ትዕዛዝ ቁጥር ET-3391 እስካሁን አልደረሰኝም። ስልክ ቁጥሬ [[PHONE:0911 647 208]] ነው። አድራሻ፦ [[LOCATION:አዲስ አበባ]]፣ [[LOCATION:ቦሌ]]።`,

  // 92. Ukrainian form with DOB
  `ЗАЯВА на повернення коштів
ПІБ: [[PERSON:Шевчук Тарас Миколайович]]
Дата народження: [[DATE_OF_BIRTH:17.09.1989]]
Телефон: [[PHONE:050 417 26 93]]
Рахунок для повернення (IBAN): [[IBAN:UA50 3220 0148 8851 5904 5847 4452 9]]
Номер замовлення: UA-2025-11-4471
Підпис ____________   25.11.2025`,

  // 93. Slovak letter
  `Dobrý deň,
v prílohe posielam reklamačný protokol k objednávke 2025-SK-0913. Tovar prosím vyzdvihnite na adrese [[STREET_ADDRESS:Hlavná 45, 040 01 Košice]] u mňa alebo u môjho kolegu [[PERSON:Mareka Kováča]]. Peniaze vráťte na účet [[IBAN:SK63 1100 3059 0900 0977 8100]].
S pozdravom
[[PERSON:Zuzana Horváthová]]
[[PHONE:0905 318 442]]`,

  // 94. Lithuanian e-mail
  `Sveiki,
esu [[PERSON:Rūta Kazlauskienė]]. Norėčiau pakeisti pristatymo adresą į [[STREET_ADDRESS:Laisvės al. 53-8, LT-44309 Kaunas]]. Jei manęs nebus, siuntinį gali paimti mano vyras [[PERSON:Tomas Kazlauskas]], tel. [[PHONE:8 686 21 449]]. Grąžinimą prašau pervesti į [[IBAN:LT69 7300 0434 9595 5103]].
Ačiū!`,

  // 95. Estonian form
  `TAGASTUSVORM
Nimi: [[PERSON:Mart Saar]]
Isikukood: 38807120217
Sünniaeg: [[DATE_OF_BIRTH:12.07.1988]]
E-post: [[EMAIL:mart.saar@hot.ee]]
Arvelduskonto: [[IBAN:EE38 1060 3954 7620 0753]]
Põhjus: vale suurus`,

  // 96. Colombian double surname, support e-mail
  `Buenas tardes,
les escribe [[PERSON:Andrés Felipe Cárdenas Moreno]]. El pedido CO-55108 llegó incompleto. Pueden llamarme al [[PHONE:+57 315 882 0417]] o escribirle a mi esposa, [[PERSON:Laura Cárdenas]], a [[EMAIL:laura.cardenas.m@gmail.com]]. Dirección: [[STREET_ADDRESS:Calle 72 # 10-34, Apto 502, Bogotá]].
Gracias,
[[PERSON:Andrés F. Cárdenas]]`,

  // 97. Portugal, de/da/dos particles, e-mail
  `Exmos. Senhores,
venho por este meio solicitar a alteração do titular do contrato de eletricidade nº 4471882. O novo titular será o meu filho, [[PERSON:Tiago dos Santos Pereira]], nascido em [[DATE_OF_BIRTH:18 de agosto de 1998]], NIF 256114099, telemóvel [[PHONE:936 120 584]]. Morada: [[STREET_ADDRESS:Avenida da Liberdade 190, 4.º Dto., 1250-147 Lisboa]].
Com os melhores cumprimentos,
[[PERSON:Fernanda da Conceição Santos]]`,

  // 98. Dutch van der, tenant message
  `Beste verhuurder, de cv-ketel in [[STREET_ADDRESS:Oudegracht 212-bis, 3511 NS Utrecht]] doet het weer niet. Kunt u monteur [[PERSON:Willem van der Meer]] sturen? Ik ben bereikbaar op [[PHONE:+31 6 4127 8830]]. Groet, [[PERSON:Femke van den Heuvel]]`,

  // 99. Tagalog
  `Magandang araw po! Ako po si [[PERSON:Jerome Villanueva Santos]]. Hindi pa po dumarating ang order ko na PH-77410. Address: [[STREET_ADDRESS:123 Rizal Avenue, Brgy. 45, Caloocan City 1400]]. Contact: [[PHONE:+63 918 204 7736]]. Salamat po!`,

  // 100. US W-9 style, SSN written with spaces and hash
  `Form W-9 (Rev. March 2024) — Request for Taxpayer Identification Number
1 Name: [[PERSON:Kalani Makoa-Reyes]]
3 Federal tax classification: Individual/sole proprietor
5 Address (number, street, and apt. or suite no.): [[STREET_ADDRESS:1450 Ala Moana Blvd Ste 2240]]
6 City, state, and ZIP code: [[LOCATION:Honolulu]], HI 96814
Part I  SSN# [[US_SSN:156 60 2933]]
Signature of U.S. person: [[PERSON:K. Makoa-Reyes]]   Date: 11/19/2025`,

  // 101. US lease renewal, DOB and phone with extension
  `Lease renewal — [[STREET_ADDRESS:789 Peachtree St NE, Unit 1507, Atlanta, GA 30308]]
Tenant: [[PERSON:Jamal Prescott]], born [[DATE_OF_BIRTH:January 9th, 1990]]
Co-tenant: [[PERSON:Summer Prescott]] (DOB [[DATE_OF_BIRTH:1992.11.27]])
Tenant phone: [[PHONE:+1 404-592-7718]]`,

  // 102. US support ticket JSON with split address, Apt #, SSN last digits only
  `{"ticket":"ZD-558120","requester":{"name":"[[PERSON:Ramona Yazzie]]","email":"[[EMAIL:ramona.yazzie@gmail.com]]","phone":"[[PHONE:928-871-4410]]"},"address":{"street":"[[STREET_ADDRESS:PO Box 2218]]","city":"[[LOCATION:Window Rock]]","state":"AZ","zip":"86515"},"note":"verified with last 4 of SSN (3484) and DOB [[DATE_OF_BIRTH:04/02/1976]]"}`,

  // 103. Google API key in a front-end snippet and AWS keys in Terraform
  `<script>
  // TODO move to server side
  const MAPS_KEY = "[[SECRET:AIzaT0uRcm0EA6Gk8htj-wf0gZpc5RIpGuK0Q-Y]]";
</script>
---
provider "aws" {
  region     = "us-east-1"
  access_key = "[[SECRET:AKIA5MTQRN33TAPR3H64]]"
  secret_key = "[[SECRET: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]]"
}`,

  // 104. connection strings with passwords
  `config/production.yaml
mongo:
  uri: "mongodb+srv://orders_svc:[[SECRET:Vt7#qLm29!xRw4pE]]@cluster0.k8f2q.mongodb.net/orders?retryWrites=true"
redis:
  url: "rediss://default:[[SECRET:rK3uX9zQ2mW7yT5v]]@cache-prod.internal:6380/0"
smtp:
  user: apikey
  password: [[SECRET: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]]`,

  // 105. PKCS#8 key in a JSON config
  `{"sftp":{"host":"files.partner-exchange.net","port":22,"username":"acme_upload","private_key":"[[SECRET:-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgMXd094xR5SGaKMhK
o57nfkEhQarKp2m+o4Cr3aH7S/ehRANCAAQ1jnqr12wJfn3dV/05DJSJGxJygcn8
giFJjdhOqvh8uLM45RZO4W8FU/5oIjNKHM03EGZI9iCe81hrp2G3BeEW
-----END PRIVATE KEY-----]]"}}`,

  // 106. JWT and user IPs in a JSON log line
  `{"ts":"2025-11-25T09:31:44.207Z","level":"warn","msg":"token refresh failed","user_id":4471902,"client_ip":"[[IP_ADDRESS:2600:1700:3e40:4b10::1c]]","forwarded_for":"[[IP_ADDRESS:73.158.22.190]]","authorization":"Bearer [[SECRET:eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0NDcxOTAyIiwicm9sZSI6ImFnZW50IiwiaWF0IjoxNzY0MDQwMDAwLCJleHAiOjE3NjQwNDM2MDB9.SgucCzT6ING8ZrTpwI0LplJWNzyTeNOnglSIFh9742A]]"}`,

  // 107. Python traceback with a user dict
  `Traceback (most recent call last):
  File "/app/billing/charge.py", line 88, in charge_customer
    resp = stripe.PaymentIntent.create(amount=amount, currency="usd", customer=cust["stripe_id"])
stripe.error.CardError: Request req_8Kx2: Your card was declined.
During handling, locals: cust={'name': '[[PERSON:Wiremu Tāwhiri]]', 'email': '[[EMAIL:wiremu.tawhiri@xtra.co.nz]]', 'stripe_id': 'cus_R4xT81mQ', 'ip': '[[IP_ADDRESS:125.239.77.14]]'}, api_key='[[SECRET:rk_live_51AmSJ2km14IKCzi2Eg3h0p54qGzTYdX]]'`,

  // 108. GitHub fine-grained token and Twilio auth token in .env, with a user phone for a test SMS
  `GITHUB_TOKEN=[[SECRET: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]]
TWILIO_AUTH_TOKEN=[[SECRET:891fca76a9e28becdcb820372c310f04]]
# my own phone for test SMS — remove before merging
TEST_SMS_TO=[[PHONE:+64 21 438 9072]]`,

  // 109. OpenAI key and a customer record in a notebook cell
  `In [3]:
import openai
client = openai.OpenAI(api_key="[[SECRET: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]]")
record = {"name": "[[PERSON:Dilnoza Karimova]]", "phone": "[[PHONE:+998 90 417 22 63]]", "complaint": "refund not received"}
client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": str(record)}])`,

  // 110. Google key 2 + firewall log with public IPs
  `fw01 2025-11-25 03:12:44 DENY TCP [[IP_ADDRESS:185.31.160.44]]:51544 -> 443 flags=S rule=geo-block
fw01 2025-11-25 03:12:45 ALLOW TCP [[IP_ADDRESS:151.24.87.63]]:60211 -> 443 user=[[EMAIL:giulia.ferrante@libero.it]]
app  2025-11-25 03:12:46 GET /maps/embed?key=[[SECRET:AIzae6UamnabfIoGCo16wEn4XR2ayVcLCrR9QCr]] 200`,

  // 111. Icelandic bank transfer in a tool result (IS IBAN, kennitala unlabeled)
  `tool: bank.transfer_status(id="TRF-99120") → {"from":{"name":"[[PERSON:Jón Ólafsson]]","iban":"[[IBAN:IS89 0515 2629 2612 6520 6427 92]]"},"to":{"name":"[[PERSON:Guðrún Sigurðardóttir]]","iban":"[[IBAN:IS15 0133 8621 7973 6123 3531 13]]"},"amount_isk":185000,"status":"completed","reference":"leiga desember"}`,

  // 112. Greek, insurance claim chat
  `Πελάτης: Καλημέρα, θέλω να δηλώσω ζημιά στο αυτοκίνητο. Είμαι ο [[PERSON:Γιώργος Κωνσταντινίδης]], ΑΦΜ 128447390.
Εκπρόσωπος: Καλημέρα κύριε [[PERSON:Κωνσταντινίδη]]. Σε ποιο τηλέφωνο να σας καλέσει ο πραγματογνώμονας;
Πελάτης: [[PHONE:697 418 2205]]. Η αποζημίωση να πάει στο [[IBAN:GR58 0172 8775 7447 6216 8275 217]].`,

  // 113. legacy POS export pasted by a developer (CSV, "Last, First" cells)
  `dev: the migration script chokes on these rows from the old POS export, any idea why? (yes I know we shouldn't have full PANs, deleting after this)
customer,card_number,exp,zip
"[[PERSON:Reyes, Angelica]]",[[CREDIT_CARD:371837977452792]],09/27,78205
"[[PERSON:Nakamura, Hiroshi]]",[[CREDIT_CARD:3589 1048 6076 8194]],01/26,96815
"[[PERSON:O'Connell, Siobhan]]",[[CREDIT_CARD:5453-5801-9122-8362]],12/28,02127
assistant: Row 2 fails because the card number contains spaces; normalise the column before parsing. And please purge this file and rotate any exports that contain full card numbers.`,

  // 114. hotel registration card, OCR (Philippines)
  `GUEST REGISTRATION CARD        ROOM 1412     ARR 24-NOV-25  DEP 27-NOV-25
SURNAME  [[PERSON:DELA CRUZ]]        FIRST NAME  [[PERSON:MARIA LOURDES]]
DATE OF BIRTH  [[DATE_OF_BIRTH:15-APR-1985]]     NATIONALITY  PHL
HOME ADDRESS  [[STREET_ADDRESS:BLK 5 LOT 12 MABUHAY ST BRGY SAN ISIDRO ANTIPOLO CITY RIZAL 1870]]
MOBILE  [[PHONE:+63 917 842 3316]]    E-MAIL  [[EMAIL:MALOU.DELACRUZ@OUTLOOK.PH]]
GUARANTEE  VISA  [[CREDIT_CARD:4189 7934 9321 1986]]  EXP 08/28
GUEST SIGNATURE ______________`,

  // 115. recruiter Slack message with profile URLs
  `[[PERSON:Aylin Demir]]  11:03 AM
shortlist for the backend role 👇
• [[PERSON:Nodir Yusupov]] — [[URL:https://www.linkedin.com/in/nodir-yusupov-4417b2]] — strong Go, available Jan
• [[PERSON:Tsetsegmaa Batbayar]] — [[URL:https://github.com/tsetsegmaa-b]] — ex-fintech, based in [[LOCATION:Ulaanbaatar]], open to remote
• [[PERSON:Kwame Boateng]] — book a call via [[URL:https://calendly.com/kwame-boateng/30min]]
@hiring-team please review by Friday`,

  // 116. system prompt with CRM deep links carrying personal values
  `SYSTEM
You are the internal copilot for retention agents. The agent is viewing this customer:
name: [[PERSON:Oyelaran Marcus]] (family name first as entered)
crm_link: [[URL:https://crm.northwind-internal.com/customers/search?email=marcus.oyelaran%40gmail.com]]
whatsapp_link: [[URL:https://wa.me/14045927718]]
churn_risk: 0.71
Suggest at most two retention offers. Never paste the links into customer-facing replies.`,

  // 117. social DM reply with profile URL and hashtags (Hawaiian)
  `🌺 Aloha! Mahalo for the order 🤙 I shipped it today. Tag me when it arrives! My page: [[URL:https://www.instagram.com/leilani.akana.designs/]] #lei #handmadehawaii — [[PERSON:Leilani]]`,

  // 118. multi-turn tax-prep chat, SSNs written several ways
  `user: hey can you fill the dependents section? my social is [[US_SSN:871 73 5552]] and my daughter's is [[US_SSN:085–92–8663]]
assistant: I can help, but please avoid sending full Social Security numbers in chat. I'll use them only for this form. What are the names and dates of birth?
user: me [[PERSON:Rosa Linda Cabrera]] born [[DATE_OF_BIRTH:6/14/1981]], daughter [[PERSON:Joy Cabrera]] born [[DATE_OF_BIRTH:Feb 3 2012]]. we live at [[STREET_ADDRESS:4021 W Indian School Rd Lot 88, Phoenix, AZ 85019]]`,

  // 119. invoice e-mail with a card charged and phone with extension
  `From: billing@brightdesk.io
To: [[EMAIL:hung.tran@tranlaw.com]]
Subject: Receipt for your payment — INV-2025-11-3307
Hi [[PERSON:Hung]],
we charged US$ 480.00 to the Mastercard [[CREDIT_CARD:2223 0882 1858 9796]] that your colleague [[PERSON:Ngoc Anh Pham]] entered on 20 November (she typed the full number into the notes field, so it appears here — we have removed it from your account notes).
Questions? Reply to this e-mail or call your account manager [[PERSON:Sam Ortega]] at [[PHONE:(503) 224-8830]] ext. 118.`,

  // 120. Telegram bot conversation with a card and an Uzbek address
  `/start
Bot: Assalomu alaykum! Yetkazib berish manzilini yuboring.
[[PERSON:Sherzod]]: [[STREET_ADDRESS:Chilonzor 9-kvartal, 14-uy, 22-xonadon, Toshkent]]
Bot: Rahmat! To'lov uchun karta raqamini kiriting.
[[PERSON:Sherzod]]: [[CREDIT_CARD:4341 2861 2268 5899]] 11/27
Bot: ⚠️ Karta raqamini chatga yozmang. To'lov havolasi orqali to'lang.`,
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

  // OCR'd shop receipt, masked card, no address
  `*** CUSTOMER COPY ***
TERMINAL 0031   TRANS 004417   25/11/2025 12:41
2X  OAT MILK 1L            3.98
1X  SOURDOUGH LOAF         4.20
1X  EARL GREY TEA 50 BAGS  5.49
TOTAL EUR                 13.67
VISA CONTACTLESS  ************4417
AUTH CODE 882130   AID A0000000031010
THANK YOU — KEEP THIS RECEIPT FOR RETURNS (30 DAYS)`,

  // function-call arguments with only ids
  `{"name":"create_return","arguments":{"order_id":"ORD-2025-448120","line_items":[{"sku":"SHOE-RUN-CHASE2-42","qty":1}],"reason":"wrong_size","refund_method":"original_payment","label_type":"qr"}}`,

  // tool result: tracking events with facility codes only
  `tool: track_parcel("JD014600004417882130") → {"status":"in_transit","events":[{"ts":"2025-11-22T18:04Z","code":"PU","desc":"Picked up"},{"ts":"2025-11-23T02:40Z","code":"AF","desc":"Arrived at facility HUB-07"},{"ts":"2025-11-23T21:15Z","code":"DF","desc":"Departed facility HUB-07"},{"ts":"2025-11-24T06:02Z","code":"OD","desc":"Out for delivery"}],"eta":"2025-11-24"}`,

  // RAG chunk: data-retention policy mentioning personal data only generically
  `[chunk 4 | policies/data-retention.md]
We keep a customer's name, e-mail address, phone number and delivery address for as long as the account is active and for 24 months after the last order. Card numbers are never stored; only the last four digits and the expiry month are kept for display. Chat transcripts are deleted after 180 days unless a case is still open.`,

  // system prompt with a persona name only
  `SYSTEM: You are Grace, the virtual assistant of an online pharmacy. Never give medical advice; for questions about dosage, tell the user to ask their pharmacist. You may check order status with the tool get_order(order_id). Sign off with "— Grace 💊". Today's date is 2025-11-25.`,

  // API docs with placeholder keys
  `Authentication
Send your secret key in the Authorization header:
  Authorization: Bearer <YOUR_SECRET_KEY>
Test keys start with sk_test_ and live keys with sk_live_; never embed either in client-side code. Example:
  curl https://api.example.com/v1/charges -u "$SECRET_KEY:" -d amount=2000 -d currency=usd -d source=tok_visa`,

  // .env.example with placeholders
  `# .env.example — copy to .env and fill in
OPENAI_API_KEY=
STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx
AWS_ACCESS_KEY_ID=<your-access-key-id>
AWS_SECRET_ACCESS_KEY=<your-secret-access-key>
DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/DBNAME
SENTRY_DSN=`,

  // CI log with commit SHAs and build numbers
  `build #8812 passed in 6m41s
commit 3f9e21b7c04d58a6e1f2b39d7c8a4e05b71c2d90 "fix: null check in invoice totals"
artifact sha256:9b1c44e0a7d2f3e8c6b5a4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3
docker push registry.internal/shop-api:2.14.0 … digest sha256:0aa4e1f2c3b4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0
deploy #3301 to staging: ok`,

  // WhatsApp system messages only
  `[01/11/25, 08:00] Messages and calls are end-to-end encrypted. Only people in this chat can read, listen to, or share them.
[01/11/25, 08:00] You created group "Order updates 🛒"
[01/11/25, 08:01] You changed the group description
[01/11/25, 08:02] You: Order 55120 ✅ packed
[01/11/25, 08:40] You: Order 55121 ✅ packed, 55122 waiting for stock`,

  // Telegram channel promo with codes
  `📢 FLASH SALE 📢
Today only: code SUMMER10 for 10% off, JUNE25 for 25% off selected summer items, and free shipping on orders over 50 with code SUNNYDAYS.
Hurry — stock of the Rose Garden candle set is limited! 🌹
#sale #summer #homedecor`,

  // bank OTP SMS
  `Your verification code is 448120. It expires in 5 minutes. Never share this code — our staff will never ask for it. If you did not request a code, ignore this message. Ref TX-20251125-7781`,

  // gym class schedule with word-names
  `CLASS SCHEDULE — WEEK 48
Mon 07:00 Sunrise Flow (yoga)     Mon 18:30 Power Hour (HIIT)
Tue 07:00 Core & More              Tue 19:00 Summer Shred
Wed 12:15 Express Spin             Wed 18:30 Hunter's Circuit
Thu 07:00 Grace & Balance (pilates) Fri 17:30 Friday Faith Run Club
Bookings open 48 hours before each class.`,

  // catalog with product names containing person-like words
  `NEW IN — KITCHEN
• Granny Smith apple peeler — 12.90
• Earl Grey loose-leaf tea, 250 g — 8.50
• Big Bertha cast-iron pot, 6 l — 89.00
• Lazy Susan turntable, bamboo — 24.00
• Sloppy Joe seasoning mix — 2.30
• Peeping Tom kitchen timer — 9.99`,

  // JSON schema with field names but no values
  `{"$schema":"https://json-schema.org/draft/2020-12/schema","title":"Customer","type":"object","required":["customer_name","email"],"properties":{"customer_name":{"type":"string","maxLength":120},"email":{"type":"string","format":"email"},"phone":{"type":"string","pattern":"^\\\\+[1-9][0-9]{7,14}$"},"date_of_birth":{"type":"string","format":"date"},"iban":{"type":"string"}}}`,

  // blank insurance card template
  `MEMBER ID CARD — SAMPLE
Member: ____________________
Member ID: XXX 000 000 000 00
Group No: 00000   Rx BIN 000000
Effective: MM/DD/YYYY
This is a sample card. Your card will arrive within 10 business days after enrollment.`,

  // dates that are not birth dates
  `Contract timeline: signed on 04/02/2024, effective from 01/03/2024, first review on 15/09/2025, renewal notice due by 31/12/2025. The company was founded on 12 March 1995 and this is the 30th anniversary edition of the agreement template.`,

  // long numbers that are not cards or phones
  `Shipment summary: tracking 420 12345 9405 5036 9930 0412 7781 63, invoice 2025004471882130, SKU 4006381333931, batch 20251124-0031-7781, container MSKU 441788-2, HS code 8516.60.10, PO 4500887120.`,

  // company-to-company invoice, no address, no person
  `INVOICE 2025-INV-004471
Supplier: Bluefin Analytics Ltd — VAT GB 441 7882 13
Customer: Northwind Traders Ltd — customer no. 88120
Description: Annual data platform licence (Dec 2025 – Nov 2026)   1   12,000.00
VAT 20%   2,400.00
TOTAL GBP 14,400.00 — payment terms 30 days, quote the invoice number as reference.`,

  // words that are also names, chat-style
  `assistant: Happy to help! Will you be picking the order up yourself? If so, mark "collect" and we'll bill you only after pickup. Sunny days are forecast, so the June delivery slots are filling fast — I hope that's okay. Faith in our couriers is well placed: 98% on time this summer.
user: yes, will pick up. joy 🙌`,

  // gate-change announcement without place names
  `Gate change: flight XY 221 now departs from gate B14 at 17:35. Boarding starts at 17:05, group 1 first. Passengers with connecting flights please check the screens. Seat map and upgrades: see the app under "My trips", booking reference required.`,

  // pharmacy leaflet without names
  `How to take this medicine: swallow the tablet whole with a glass of water, at the same time each day. Do not take two doses to make up for a missed one. Keep out of the sight and reach of children. Store below 25 °C. Leaflet revised 2025-06.`,

  // Slack bots only, no people
  `#alerts-payments
pagerbot  3:02 AM
:red_circle: [FIRING] PaymentsErrorRate > 2% for 5m (service=checkout, region=primary)
pagerbot  3:09 AM
:large_green_circle: [RESOLVED] PaymentsErrorRate back to 0.3%
statusbot  3:10 AM
Incident INC-2291 auto-closed. Postmortem template created: PM-2291.`,

  // Hungarian/Czech hard negative (service text, no PII)
  `Tájékoztatjuk, hogy a 2025/11 számlázási időszak számlája elérhető az alkalmazásban. Fizetési határidő: 2025. 12. 10. — Informujeme vás, že faktura za období 11/2025 je dostupná v aplikaci. Číslo faktury: 2025110044.`,

  // Swahili bot message with order and tracking numbers only
  `Bot: Habari! Oda yako namba TZ-2025-88120 imesafirishwa leo. Namba ya ufuatiliaji: 7781 4412 0091. Tarajia kupokea ndani ya siku 2–3 za kazi. Jibu 1 kuona hali ya oda, 2 kuongea na wakala.`,

  // Serbian / Ukrainian templates with placeholders
  `Poštovani/a {{ime}} {{prezime}}, Vaša porudžbina {{broj_porudžbine}} je spremna za preuzimanje. — Шановний(а) {{first_name}}, ваше замовлення {{order_id}} передано до служби доставки. Код отримання: {{pickup_code}}.`,
];

export function heldout17(): LabeledDoc[] {
  return [
    ...POSITIVES.map((src, i) => parseMarkup(`h17-p${i + 1}`, 'heldout17', src)),
    ...NEGATIVES.map((src, i) => parseMarkup(`h17-n${i + 1}`, 'heldout17-negative', src, true)),
  ];
}
