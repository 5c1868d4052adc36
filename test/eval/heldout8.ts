/**
 * Held-out set 8: ~120 hand-labeled customer-support texts plus 30 hard negatives, written blind (without looking at
 * the detector or at the other evaluation sets; only markup.ts, score.ts and heldout7.ts's header / export were
 * read). Aimed at industries and formats the earlier sets cover less: travel and hospitality (hotel bookings, rooming
 * lists, airline rebooking, unaccompanied minors, car rental damage and toll disputes), telecom (SIM swaps, number
 * porting, eSIM webhooks, roaming bills), banking and fintech (KYC, chargebacks, wire recalls, payouts), insurance
 * claims (travel, motor, home, health, pet, life), utilities (meter readings, move-in / move-out, smart-meter logs),
 * education (student records, transcripts, fee lists), real estate / property management, marketplaces (buyer vs
 * seller disputes, seller payouts, flagged reviews) and logistics (customs forms and holds, delivery exceptions).
 * Formats: CRM ticket exports as CSV (comma and semicolon) with a header line, Markdown tables, e-mails with HTML
 * remnants (<br>, &nbsp;, <p>), voice-call ASR transcripts (lower case, no punctuation, numbers and dates spelled
 * out, "uh"), threads with three or more people and quoted replies, "Field: value" form submissions, webhook JSON,
 * YAML and .env files, stack traces (Java, Python, Node, Go) with user data in them, curl, SMS and WhatsApp exports,
 * and OCR'd screenshots / scans (0 vs O, 1 vs l, broken line wraps). People and places from West and East Africa,
 * South and Southeast Asia, Latin America, Eastern Europe, the Nordics, the Middle East and the Pacific, in
 * English-desk order and in native order (surname first, "SURNAME/GIVEN", "Surname, Given"), with nicknames,
 * hyphenated and particle names (van der, de la, dos, bin / binti, al-, ibn, Ní, Mc, O'), single names and initials;
 * phones of ~25 countries in local and international writing, addresses of ~25 countries in their national order,
 * IBANs of ~20 countries, Luhn-valid cards of several schemes (Visa, Mastercard incl. 2-series, Amex, UnionPay,
 * JCB, Mir, Troy), provider API keys in their real formats, JWTs, a private key block, URLs carrying personal values,
 * and dates of birth written in many ways and languages (incl. spelled out, Japanese era and Hijri dates). About a
 * third is in other languages in their own scripts or diacritics: ES (Spain, Mexico, Argentina, Chile, Colombia),
 * PT (BR, PT), FR (France, Québec), DE (DE, CH), IT, NL (NL, BE), PL, SV, DA, FI, TR, RU, UK, AR, HE, HI, BN, TH,
 * VI, ID, JA, KO, ZH and SW, plus romanised Hinglish.
 * Conventions: titles (Mr., Dr., Ms, Herr, Frau) and "'s" are outside PERSON spans; a full name is one PERSON span
 * (also "SURNAME/GIVEN"), a first name or surname alone is a PERSON span; pet names are not persons; phone
 * extensions are outside PHONE; a street address span runs from the house number / flat (or the street name where it
 * comes first, or the postcode where the national format starts with it) to the postcode and city (and state /
 * province abbreviation) written right after it; city / region / country names outside an address span are
 * LOCATION; a URL carrying personal values or credentials is one URL span (nothing labeled inside it); for
 * `password: value` only the value is SECRET; a full private-key block is one SECRET span; DATE_OF_BIRTH only where
 * the context says it is a birth date; partial numbers ("card ending 6140") are not labeled; organizations (also
 * when named after people), role mailboxes, the support bot "Sol", private / loopback / documentation IPs and plain
 * public URLs are not labeled. Cards are Luhn-valid, IBANs mod-97-valid with the right country length, SSNs valid by
 * SSA rules, labeled IPs public.
 * Set-specific applications of the conventions: honorifics in other languages (Sra., Mme, sig., don, Bey, Encik,
 * Ratu, 님) and the 〒 mark before a Japanese postcode are outside the spans, like English titles; a country named
 * after an address's city is a separate LOCATION; a value spelled out in an ASR transcript ("nine eight two zero ...",
 * "fourteenth of february nineteen ninety", "p dot kariuki at gmail dot com") gets the type its written form would
 * get, over the whole spoken run; a value damaged by OCR noise is still labeled; an address span may run over a line
 * break; a first name and a last name in separate fields are two PERSON spans; carrier-grade NAT addresses
 * (100.64.0.0/10) count as private.
 */
import { parseMarkup, type LabeledDoc } from './markup.js';

const POSITIVES: readonly string[] = [
  // hotel CRM ticket export, CSV with header line
  `ticket_id,created_at,channel,customer_name,email,phone,subject,status
HB-40211,2025-03-02 08:14,email,[[PERSON:Oluwaseun Adeyemi]],[[EMAIL:seun.adeyemi@yahoo.com]],[[PHONE:+234 803 417 2259]],Early check-in request,open
HB-40212,2025-03-02 08:31,chat,[[PERSON:Tran Minh Chau]],[[EMAIL:minhchau.tran@outlook.com]],[[PHONE:+84 90 318 4471]],Invoice needs company VAT no.,pending
HB-40213,2025-03-02 09:02,phone,"[[PERSON:Solberg-Hauge, Ingrid]]",[[EMAIL:ingrid.sh@online.no]],[[PHONE:+47 412 83 560]],Cancel 2nd night,closed
HB-40214,2025-03-02 09:17,email,[[PERSON:Rahim]],[[EMAIL:rahim.dhaka88@gmail.com]],,Airport pickup time?,open`,

  // airline rebooking e-mail with HTML remnants
  `Subject: Important: your trip ZK4P9T has changed
<p>Dear Mr&nbsp;[[PERSON:Karim Haddad]],</p><p>Because flight SV&nbsp;1023 on 18 March has been cancelled, we have rebooked you on SV&nbsp;1027 departing at 14:10 the same day.<br>Passenger: [[PERSON:HADDAD/KARIM]] MR<br>Seat: 31A&nbsp;&nbsp;Baggage: 2PC</p><p>We will send any further changes to [[EMAIL:k.haddad77@gmail.com]] and by SMS to [[PHONE:+966 55 318 2740]].</p><p>If the new time does not suit you, you can request a full refund here: <a href="[[URL:https://manage.falconskies.com/trip?pnr=ZK4P9T&last=HADDAD]]">manage booking</a></p><p>Kind regards,<br>[[PERSON:Reem]]<br>Guest Care</p>`,

  // car rental damage dispute, ASR transcript with spelled-out numbers and date of birth
  `[ASR transcript - call 7c1e - auto-generated, not reviewed]
agent thank you for calling drivewell rentals this is [[PERSON:tomasz]] how can i help
caller yeah hi uh i rented a car at [[LOCATION:lisbon]] airport last week and you charged me two hundred and forty euros for a scratch that was already there
agent i'm sorry to hear that can i have the name on the reservation please
caller it's [[PERSON:peter mwangi kariuki]]
agent thank you mister [[PERSON:kariuki]] and a contact number
caller uh [[PHONE:plus three five one nine one two four four seven three zero eight]] i'm still in [[LOCATION:portugal]] for work
agent okay and for security your date of birth
caller [[DATE_OF_BIRTH:fourteenth of february nineteen ninety]]
agent thanks i can see the check-out photos i'll open a damage dispute and email you at [[EMAIL:p dot kariuki at gmail dot com]]
caller uh yeah that's the one`,

  // group booking web form
  `New enquiry - Group bookings form
Full name: [[PERSON:Aroha Te Whata]]
Organisation: Te Ara Rowing Club
Email: [[EMAIL:aroha.tewhata@xtra.co.nz]]
Mobile: [[PHONE:021 884 3107]]
Postal address: [[STREET_ADDRESS:14 Kowhai Street, Gonville, Whanganui 4501]]
Arrival: 12/09/2025
Departure: 15/09/2025
Rooms: 8 x twin
Notes: Two of our rowers use wheelchairs - ground floor please. Invoice to the club, not to me.`,

  // Japanese hotel booking change e-mail
  `件名：予約変更のお願い（予約番号 RK-558203）

ご担当者様

いつもお世話になっております。3月21日から2泊で予約している[[PERSON:佐々木 美穂]]（[[PERSON:ササキ ミホ]]）です。
チェックイン日を3月22日に変更し、1泊にしていただけますでしょうか。
領収書の宛名は「株式会社ミナト企画」でお願いいたします。

連絡先：[[PHONE:090-4418-2736]]
メール：[[EMAIL:miho.sasaki@docomo.ne.jp]]`,

  // conference rooming list, Markdown table
  `Rooming list - fintech summit block in [[LOCATION:Kigali]] (arr. 4 Nov, dep. 7 Nov)

| Room | Guest | Mobile | Dietary |
|------|-------|--------|---------|
| 412 | [[PERSON:Kwame Asante-Boateng]] | [[PHONE:+233 24 417 9036]] | halal |
| 413 | [[PERSON:Nurul Huda binti Abdullah]] | [[PHONE:+60 12-771 4380]] | halal |
| 415 | [[PERSON:Dagny Lindqvist]] | [[PHONE:+46 70 318 24 65]] | vegan |
| 416 | [[PERSON:Uwimana]] | [[PHONE:+250 788 412 907]] | - |
| 418 | Ratu [[PERSON:Epeli Naivalu]] | [[PHONE:+679 992 4418]] | no pork |

Please add late checkout for Ms [[PERSON:Lindqvist]] on the 7th.`,

  // airline SMS with a manage-booking link carrying the surname
  `FlyKwezi: Hi [[PERSON:Bongani]], flight KW 342 to [[LOCATION:Johannesburg]] on 22 May now departs 18:40. Seat 23C kept. Manage: [[URL:https://m.flykwezi.co.za/mb?pnr=QW7T2K&ln=NDLOVU]] Reply STOP to opt out`,

  // Spanish hotel thread, three people, quoted replies
  `De: [[PERSON:Lucía Fernández de la Vega]] <[[EMAIL:lucia.fdelavega@gmail.com]]>
Para: reservas@hotelbrisamar.es
CC: [[PERSON:Andrés Fernández Ruiz]] <[[EMAIL:andres.fdz@icloud.com]]>
Asunto: RE: RE: Reserva 88120 - cuna y traslado

Perfecto, muchas gracias. Mi marido llega el viernes en el vuelo de las 23:05, así que el traslado sería solo para él. Yo llego el sábado con la niña.

Un saludo,
[[PERSON:Lucía]]

> El 3 mar 2025, a las 11:02, Recepción Hotel Brisamar <reservas@hotelbrisamar.es> escribió:
> Estimada Sra. [[PERSON:Fernández de la Vega]]: hemos añadido la cuna a la habitación 214. ¿Desea que el traslado sea para las dos personas?
> Atentamente, [[PERSON:Nerea]] (recepción)
>
>> El 2 mar 2025, [[PERSON:Andrés Fernández Ruiz]] <[[EMAIL:andres.fdz@icloud.com]]> escribió:
>> Buenos días, ¿podrían organizar un traslado desde el aeropuerto de [[LOCATION:Málaga]]? Mi móvil es [[PHONE:+34 655 213 908]].`,

  // car rental damage case, YAML export
  `# damage-dispute export, case DD-2025-0192
rental_agreement: RA-77-330128
renter:
  name: "[[PERSON:Dmytro Kovalenko]]"
  phone: "[[PHONE:+380 67 214 5580]]"
  email: [[EMAIL:d.kovalenko@ukr.net]]
  date_of_birth: [[DATE_OF_BIRTH:1989-06-03]]
  licence_address: "[[STREET_ADDRESS:вул. Шевченка, 14, кв. 31, Львів, 79005]]"
pickup:
  branch_code: KRK-01
  at: 2025-02-11T09:40:00+01:00
return:
  at: 2025-02-15T18:05:00+01:00
  damage: "rear bumper scuff, 12 cm"
  charge_eur: 420.00
payment:
  card: "**** **** **** 4417"
  status: disputed`,

  // French special-assistance request
  `Bonjour,

Je voyage le 14 avril avec ma mère, Mme [[PERSON:Aïcha Diallo]], née le [[DATE_OF_BIRTH:2 janvier 1951]], qui a besoin d'un fauteuil roulant jusqu'à la porte d'embarquement. Notre référence de réservation est 7HXK2P.
Pouvez-vous confirmer que l'assistance est bien enregistrée ? Vous pouvez me joindre au [[PHONE:06 71 28 44 19]].

Merci d'avance,
[[PERSON:Mariam Diallo-Traoré]]`,

  // booking webhook JSON
  `{"event":"booking.created","id":"evt_01HV7K3Q","data":{"booking_id":"bk_9Q2LZ7","property_id":"prop_2217","guest":{"first_name":"[[PERSON:Youssef]]","last_name":"[[PERSON:El Amrani]]","email":"[[EMAIL:youssef.elamrani@gmail.com]]","phone":"[[PHONE:+212 661-482937]]"},"stay":{"checkin":"2025-05-09","checkout":"2025-05-12","adults":2,"children":1},"total":{"amount":"5400.00","currency":"MAD"},"client_ip":"[[IP_ADDRESS:105.158.22.71]]"}}`,

  // Brazilian car rental complaint (PT-BR)
  `Oi, boa tarde! Aqui é a [[PERSON:Thaís]]. Aluguei um carro na loja de [[LOCATION:Florianópolis]] (contrato 55-20931) e vocês cobraram R$ 1.280,00 a mais no meu cartão [[CREDIT_CARD:5420 5163 3611 4521]] dizendo que devolvi sem combustível, mas devolvi com o tanque cheio e tenho a nota do posto.
Meu nome completo é [[PERSON:Thaís Cristina dos Santos Oliveira]] e meu celular é [[PHONE:(48) 99147-3382]]. Podem estornar?`,

  // airline reissue stack trace with passenger data
  `2025-02-17T03:12:44.511Z ERROR [rebook-svc] [req=9f1c2a] Unhandled exception while reissuing ticket
com.aerolink.rebook.FareMismatchException: fare basis YLOWKE not valid for pax [[PERSON:OKAFOR/CHIAMAKA]] MS (pnr=H2ZR8D, contact=[[EMAIL:chiamaka.okafor@gmail.com]], tel=[[PHONE:+2348092271536]])
    at com.aerolink.rebook.Reissuer.reprice(Reissuer.java:218)
    at com.aerolink.rebook.Reissuer.run(Reissuer.java:97)
    at java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1144)
Caused by: com.aerolink.payments.FopDeclined: form of payment [[CREDIT_CARD:4326277381725350]] exp 11/24 declined
    at com.aerolink.payments.FopValidator.check(FopValidator.java:61)
    ... 3 more
client_ip=[[IP_ADDRESS:41.90.64.213]] ua="Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X)"`,

  // frequent-flyer profile merge, Markdown table, two spellings of one person
  `Merge request FF-MRG-2207 - please check before merging

| Field | Profile A | Profile B |
|---|---|---|
| Member no. | 4410 2291 08 | 4410 5538 71 |
| Name | [[PERSON:AKOSUA MENSAH]] | [[PERSON:Mensah Akosua Serwaa]] |
| Email | [[EMAIL:akosua.mensah@gmail.com]] | [[EMAIL:a.s.mensah@ug.edu.gh]] |
| Phone | [[PHONE:+233 20 815 4472]] | [[PHONE:020 815 4472]] |
| DOB | [[DATE_OF_BIRTH:1992-10-05]] | [[DATE_OF_BIRTH:05 OCT 1992]] |

Agent note: same person per passport copy; middle name [[PERSON:Serwaa]] missing on A. Tier status to keep: Gold (B).`,

  // unaccompanied minor handling advice (Pacific)
  `UNACCOMPANIED MINOR - handling advice
Child: [[PERSON:Losa Faleolo]], age 11, DOB [[DATE_OF_BIRTH:19/02/2014]]
Route: [[LOCATION:Apia]] to [[LOCATION:Auckland]], flight PA 731 on 14 Jul
Parent at departure: [[PERSON:Tavita Faleolo]], tel [[PHONE:+685 721 8440]]
Meeting adult at arrival: [[PERSON:Mere Faleolo-Tane]] (aunt), tel [[PHONE:+64 21 447 9302]], [[STREET_ADDRESS:8 Bader Drive, Māngere, Auckland 2022]]
Escort: cabin crew, seat 3C; child has a peanut allergy.`,

  // hotel registration card, OCR'd scan with noise and a broken wrap
  `--- pasted from scanner, OCR ---
GUEST REGISTRATI0N CARD                Room: 1O14
Surname: [[PERSON:ØSTERGAARD]]          First name(s): [[PERSON:Mikkel Bo]]
Date of birth: [[DATE_OF_BIRTH:O3-11-1978]]
Home address: [[STREET_ADDRESS:Nørrebrogade 52, 3. tv,
2200 København N]]
Mobile: [[PHONE:+45 20 41 86 53]]
E-mail: [[EMAIL:mikkel.ostergaard@mail.dk]]
Arrival: 1O/O3/2025     Departure: 13/03/2025
Signature: ______________`,

  // hotel's public reply to a guest review
  `Response from the property:
Dear [[PERSON:Gulnara]], thank you for staying with us and for the kind words about our breakfast team, especially [[PERSON:Ayumi]]. We are sorry about the noise from the bar terrace on Saturday night; from April the terrace will close at 22:00.
We hope to welcome you back.
- [[PERSON:Zsófia Varga]], Guest Relations Manager`,

  // car rental toll / penalty notice forwarded to renter
  `Hello,

We received a penalty notice (ref. PV-2025-118204) for the vehicle you rented (plate GH-482-KP) on 02/03/2025. As set out in clause 9 of the rental agreement, we have passed your details to the issuing authority:

Driver: [[PERSON:Eoghan McCarthy]]
Address: [[STREET_ADDRESS:Apt 9, The Maltings, Bishop Street, Dublin 8, D08 X2Y3]]

An admin fee of EUR 35.00 has been charged to the card ending 7702. If you were not the driver, reply within 14 days with the driver's name and address.

Rentals Back Office`,

  // Argentine car rental double charge (ES-AR)
  `Hola, soy [[PERSON:Martín Ezequiel Bustos]]. Reservé un auto para retirar en [[LOCATION:Bariloche]] el 20/07 y me cobraron dos veces en la tarjeta [[CREDIT_CARD:4439 9358 3727 2111]]. Mi celu es [[PHONE:+54 9 294 461-8832]]. Dirección de facturación: [[STREET_ADDRESS:Av. Corrientes 1234, piso 5 depto B, C1043AAZ CABA]]. Espero respuesta, gracias.`,

  // Omani traveller, call note with ibn / al- name
  `Call note 03/04 11:20 - roaming bill dispute
Customer [[PERSON:Yusuf ibn Rashid al-Balushi]] called from [[LOCATION:Muscat]] about OMR 86.400 in data roaming charged while he was in [[LOCATION:Istanbul]]. He says the roaming pack was active. Callback on [[PHONE:+968 9214 7730]] after 4pm, or e-mail [[EMAIL:yusuf.albalushi@omantel.net.om]]. Credit of 50% approved by [[PERSON:Noor]] (TL).`,
  // SIM-swap fraud live chat (Kenya)
  `Chat started 22/01/2025 19:03
Customer: someone did a sim swap on my line yesterday night, i can't access my mobile money
Agent ([[PERSON:Faith]]): Pole sana for that. Kindly confirm the line number and your full names as they appear on your ID.
Customer: [[PHONE:0722 418 306]], [[PERSON:Otieno Samuel Ochieng]]
Agent ([[PERSON:Faith]]): Asante. I can see a replacement SIM was issued at our [[LOCATION:Kisumu]] shop at 16:52 yesterday. Was that you?
Customer: no!! i have been in [[LOCATION:Mombasa]] the whole week
Agent ([[PERSON:Faith]]): I have blocked the new SIM and escalated to the fraud team. They will email you at the address on file.
Customer: pls use [[EMAIL:sam.ochieng@gmail.com]] the other one is hacked`,

  // UK port-in form
  `Port-in request
Account holder: [[PERSON:Siobhán Ní Bhriain]]
Number to port: [[PHONE:07823 416 590]]
PAC: KXF382917
Preferred port date: 04/04/2025
Date of birth: [[DATE_OF_BIRTH:23/11/1994]]
Billing address: [[STREET_ADDRESS:Flat 3, 58 Clarence Road, Southsea PO5 2LQ]]
Alternative contact: [[PHONE:+353 87 214 6630]] (my brother [[PERSON:Cathal]])`,

  // Dutch number porting e-mail
  `Goedemiddag,

Ik wil mijn nummer [[PHONE:06-41837290]] meenemen naar jullie (nummerbehoud). Mijn huidige contract loopt tot 1 juni.
Naam: [[PERSON:Joost van der Meulen]]
Adres: [[STREET_ADDRESS:Oudegracht 211-bis, 3511 NR Utrecht]]
Geboortedatum: [[DATE_OF_BIRTH:30-08-1979]]
IBAN voor de automatische incasso: [[IBAN:NL05 TRIO 4994 6891 25]]

Met vriendelijke groet,
[[PERSON:Joost]]`,

  // Indian-English porting call, ASR with spelled-out number and address
  `[call transcript - speech-to-text, unreviewed]
agent good evening this is [[PERSON:rahul]] from the connect mobile helpdesk how may i help you
caller hello yes i want to port my number to your network
agent sure sir which number
caller [[PHONE:nine eight two zero one four seven seven three six]]
agent [[PHONE:nine eight two zero one four seven seven three six]] okay and the name on the connection
caller [[PERSON:r k venkataraman]] uh [[PERSON:venkat]] is fine
agent thank you mister [[PERSON:venkataraman]] and the billing address
caller [[STREET_ADDRESS:twelve b second avenue anna nagar east chennai six zero zero one zero two]]
agent got it you will get the upc code by sms within uh five minutes`,

  // Turkish SIM-change SMS
  `Sayın [[PERSON:Mehmet Yıldırım]], [[PHONE:0532 418 73 26]] numaralı hattınız için 14.03.2025 21:47'de SIM kart değişikliği talebi alındı. Bu işlemi siz yapmadıysanız hemen müşteri hizmetlerimizi arayın. Ref: SW-771204`,

  // South African roaming bill dispute, e-mail with HTML remnants
  `<p>Hi&nbsp;[[PERSON:Thandeka]],</p><p>Thanks for the callback earlier. As discussed, I was billed R1&nbsp;499 for roaming in [[LOCATION:Mozambique]] but I have not left [[LOCATION:KwaZulu-Natal]] since December.<br>Account: 88102274<br>Cell: [[PHONE:082 417 3590]]<br>Postal: [[STREET_ADDRESS:41 Musgrave Road, Berea, Durban, 4001]]</p><p>Please reverse the charge before the debit order runs on the 1st.</p><p>Kind regards,<br>[[PERSON:Sipho Dlamini]]</p><p>&nbsp;</p>`,

  // Korean number-porting form
  `[번호이동 신청서]
고객명: [[PERSON:이서연]]
생년월일: [[DATE_OF_BIRTH:1993년 7월 14일]]
이동할 번호: [[PHONE:010-3847-2915]]
주소: [[STREET_ADDRESS:서울특별시 마포구 월드컵북로 396, 1203호 (03925)]]
요금제: 5G 슬림
메모: [[PERSON:이서연]] 님이 유심 택배 배송을 원하심. 평일 오후에 연락 요망.`,

  // eSIM activation webhook with bearer JWT and IPv6
  `POST /v1/hooks/esim-activated HTTP/1.1
Host: api.mobilink-partner.com
Authorization: Bearer [[SECRET:eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1aWQiOiJ1XzQ0MTAiLCJwaG9uZSI6Iis5MDUzMjE4NzQ0NjIiLCJpYXQiOjE3NDcwMzEyMDAsImV4cCI6MTc0NzAzNDgwMH0.EC5p71Q_VWQgpFVJK8qn2NmkyzEArq5YUU9SMKD1vCE]]
Content-Type: application/json

{"order":"ES-88213","msisdn":"[[PHONE:+905321874462]]","subscriber":{"name":"[[PERSON:Ayşe Nur Demirtaş]]","email":"[[EMAIL:aysenur.demirtas@hotmail.com]]"},"device":{"model":"SM-S921B","ip":"[[IP_ADDRESS:2a02:e0:3f1c:8d00:5c41:a2ff:fe19:7b30]]"},"activated_at":"2025-05-12T06:41:09Z"}`,

  // SIM-swap escalation ticket with portal logs
  `Ticket #TS-55410 - Suspected SIM-swap fraud - priority P1
Customer: [[PERSON:Nomvula Khumalo]] | MSISDN [[PHONE:+27 82 555 0143]]
Timeline (self-care portal logs):
2025-04-02 22:41:17 login ok user=[[EMAIL:nomvula.k@icloud.com]] ip=[[IP_ADDRESS:2c0f:f4c0:1184:72a1:35e:9bd2:a1f0:4c7e]]
2025-04-02 22:43:09 sim_replace requested channel=web ip=[[IP_ADDRESS:197.184.176.22]]
2025-04-02 22:43:11 otp sent, verified 22:43:40
2025-04-03 06:05:52 customer called from alternate number [[PHONE:011 482 7719]] (landline)
Action: SIM blocked, old ICC restored, case handed to fraud (owner: [[PERSON:Pieter van Wyk]]).`,

  // Hindi (Devanagari) complaint about a disconnected line
  `नमस्ते, मेरा नाम [[PERSON:सुनीता यादव]] है। मेरा मोबाइल नंबर [[PHONE:+91 70214 86390]] पिछले तीन दिन से बंद है, जबकि मैंने 349 रुपये का रिचार्ज किया था। जन्म तिथि [[DATE_OF_BIRTH:05/11/1986]] है, केवाईसी में यही दर्ज है। पता: [[STREET_ADDRESS:मकान नं. 27, सेक्टर 15, रोहिणी, दिल्ली 110089]]। कृपया जल्दी चालू करें।`,

  // Finnish porting request
  `Hei! Haluaisin siirtää liittymäni [[PHONE:040 718 2294]] teille. Liittymän omistaja: [[PERSON:Juha-Pekka Nieminen]], syntymäaika [[DATE_OF_BIRTH:12.4.1985]]. Laskutusosoite: [[STREET_ADDRESS:Linnankatu 17 C 31, 20100 Turku]]. Nykyinen sopimus päättyy 30.4. Kiitos!`,

  // Swedish invoice complaint
  `Hej, jag heter [[PERSON:Linnea Åkesson]] och har fått en faktura på 1 249 kr för ett abonnemang som jag sa upp i januari (ärende 20250114-0037). Mitt nummer är [[PHONE:076-221 58 43]]. Kan ni kreditera fakturan? Mvh [[PERSON:Linnea]]`,

  // telecom SMS gateway ticket with a pasted Twilio auth token
  `Subject: OTP SMS not arriving for some customers

Our gateway config below. Failing example: OTP to [[PHONE:+63 917 482 0316]] (customer [[PERSON:Maria Lourdes Dizon-Santos]]) never delivered, error 30008.

SMS_PROVIDER=twilio
TWILIO_SENDER_ID=TALINHAW
TWILIO_AUTH_TOKEN=[[SECRET:287b2d62b3244d487f10c8ed39367452]]
RETRY=3

- [[PERSON:Joel Mabini]], Backend, Talinhaw Telecom`,

  // Ukrainian complaint with IBAN for refund
  `Добрий день! Я, [[PERSON:Олена Петрівна Коваль]], прошу повернути кошти за помилково списану абонплату за березень (рахунок 40077-118). Реквізити для повернення: IBAN [[IBAN:UA56 4146 6384 3004 9012 6011 2373 8]]. Адреса: [[STREET_ADDRESS:вул. Хрещатик, 22, кв. 8, Київ, 01001]]. Телефон: [[PHONE:+380 50 417 2236]].`,
  // Nigerian KYC rejection e-mail
  `Subject: Your account upgrade could not be completed

Dear [[PERSON:Chukwuemeka]],

We could not verify your identity for Tier 3. The name on your BVN record ([[PERSON:OKONKWO Chukwuemeka Ifeanyi]]) does not match the name on your utility bill ([[PERSON:Emeka Okonkwo]]), and the date of birth you entered ([[DATE_OF_BIRTH:07-03-1991]]) differs from the one on the record.
Please upload a bill in your full name for [[STREET_ADDRESS:Plot 14, Adebayo Doherty Road, Lekki Phase 1, Lagos 106104]] or visit any of our branches.

Regards,
KYC Team`,

  // chargeback dispute export, CSV
  `dispute_id,opened,cardholder,card_number,amount,currency,reason_code,merchant
DSP-70331,2025-01-08,[[PERSON:Hoang Thi Thu Trang]],[[CREDIT_CARD:4068415979827319]],129.00,EUR,13.1,Nordhaus Living GmbH
DSP-70332,2025-01-08,[[PERSON:Rafael Mendoza Quispe]],[[CREDIT_CARD:376385708604062]],2450.00,USD,10.4,Cóndor Trek Tours SAC
DSP-70333,2025-01-09,[[PERSON:Zeynep Aksoy]],[[CREDIT_CARD:9792568511800103]],899.90,TRY,13.3,Mavi Elektronik A.Ş.`,

  // German wire recall request
  `Sehr geehrte Damen und Herren,

am 12.02.2025 habe ich irrtümlich 3.450,00 EUR an eine falsche IBAN überwiesen. Richtig wäre [[IBAN:DE46 7602 6000 3555 6303 07]] (Empfängerin: [[PERSON:Katarzyna Wiśniewska]]) gewesen, überwiesen wurde jedoch an [[IBAN:DE23100700249992596724]]. Bitte leiten Sie einen Rückruf der Überweisung ein.

Mit freundlichen Grüßen
[[PERSON:Jörg Brinkmann-Özdemir]]
[[STREET_ADDRESS:Friedrich-Ebert-Straße 87, 90439 Nürnberg]]
Tel. [[PHONE:0911 2847 391]]`,

  // payout worker Python traceback with live key and customer data
  `Traceback (most recent call last):
  File "/srv/payouts/worker.py", line 142, in run
    resp = stripe.Payout.create(amount=amt, currency="gbp", destination=acct, api_key="[[SECRET:sk_live_xCPsUiCW8Wp4wyFXp0IOYlar]]")
  File "/srv/payouts/.venv/lib/python3.11/site-packages/stripe/_api_requestor.py", line 201, in request
    raise err
stripe._error.InvalidRequestError: Request req_8Zt2LqW: No external account matches iban=[[IBAN:GB71LOYD86066907784495]] for customer [[EMAIL:ama.owusu.ansah@proton.me]]`,

  // Mexican bank SMS with a link carrying the e-mail
  `BancaNova: [[PERSON:Guadalupe]], se realizó un cargo por $3,250.00 MXN en tu tarjeta con terminación 8831 el 09/03 a las 22:14. Si no lo reconoces responde NO o entra a [[URL:https://bancanova.mx/a?c=8831&u=guadalupe.rios%40gmail.com]]`,

  // Pakistani wallet KYC form
  `KYC Level 2 upgrade - submitted 18/02/2025 14:07
Full legal name: [[PERSON:Muhammad Usman Qureshi]]
Father's name: [[PERSON:Abdul Rauf Qureshi]]
Date of birth: [[DATE_OF_BIRTH:15 Aug 1988]]
Mobile: [[PHONE:0300 4812736]]
Residential address: [[STREET_ADDRESS:House 27, Street 9, F-7/2, Islamabad 44000]]
Source of funds: salary
Selfie check: passed / liveness 0.97`,

  // wire recall tracker, Markdown table (Nordic and Italian names, surname-first)
  `Wire recalls - week 9

| Recall ID | Originator | Beneficiary | Beneficiary IBAN | Amount | Status |
|---|---|---|---|---|---|
| RCL-2291 | [[PERSON:Aino Mäkelä]] | [[PERSON:Lasse Heikkinen]] | [[IBAN:FI86 6868 5360 7155 49]] | €1 200,00 | funds returned |
| RCL-2292 | [[PERSON:Bjørn Aas]] | [[PERSON:Kristiansen, Eirik]] | [[IBAN:NO3835194471720]] | NOK 8 450 | beneficiary refused |
| RCL-2293 | [[PERSON:Giulia De Santis]] | [[PERSON:Marco Lo Presti]] | [[IBAN:IT70C0200812272456137442758]] | €640,00 | pending |`,

  // crypto exchange account recovery with bot Sol, sign-in IPs
  `Sol: Hi, I'm Sol - I can help you get back into your account. What's the e-mail on the account?
User: [[EMAIL:dinh.quang.huy@gmail.com]]
Sol: Thanks. I see two recent sign-ins: 11 Mar 02:14 UTC from [[IP_ADDRESS:185.220.101.47]] and 11 Mar 09:30 UTC from [[IP_ADDRESS:113.161.74.208]]. Do you recognise both?
User: only the second one, that's me in [[LOCATION:Đà Nẵng]]. the first is not me!!
Sol: Understood. I've paused withdrawals and passed this to a human agent.
Agent ([[PERSON:Kateryna]]): Hi [[PERSON:Huy]], I've ended all sessions. Please set a new password and re-enrol 2FA before withdrawals are re-enabled.`,

  // Polish bank complaint
  `Dzień dobry, nazywam się [[PERSON:Paweł Wójcik]]. W dniu 3 marca zleciłem przelew na rachunek [[IBAN:PL25 8184 4361 9644 0467 9924 6856]], ale środki do dziś nie dotarły do odbiorcy. Mój adres: [[STREET_ADDRESS:ul. Piotrkowska 148/12, 90-063 Łódź]]. Proszę o kontakt pod numerem [[PHONE:+48 601 382 947]].`,

  // Russian card block request (Mir card)
  `Здравствуйте! Меня зовут [[PERSON:Анна Сергеевна Кузнецова]]. Прошу срочно заблокировать карту [[CREDIT_CARD:2200 4489 4319 6415]], её украли сегодня утром в метро. Телефон для связи: [[PHONE:+7 916 482-37-19]]. Дата рождения: [[DATE_OF_BIRTH:19.06.1983]].`,

  // Arabic bank details update, Hijri date of birth
  `السلام عليكم، أنا [[PERSON:عبدالله بن سعيد الغامدي]]. أرغب في تحديث بياناتي: رقم الجوال الجديد [[PHONE:055 128 4739]] والبريد الإلكتروني [[EMAIL:a.alghamdi@outlook.sa]]. رقم الآيبان لاستلام الحوالات: [[IBAN:SA05 6198 8799 1180 4795 3055]]. تاريخ الميلاد: [[DATE_OF_BIRTH:1410/03/22]] هـ. شكراً لكم.`,

  // Brazilian payout webhook (PIX key is an e-mail)
  `{"type":"payout.failed","created":1739872211,"data":{"payout_id":"po_3KxQ81","recipient":{"nome":"[[PERSON:Ana Beatriz Ferreira Lima]]","chave_pix":"[[EMAIL:anabia.lima@gmail.com]]","iban":"[[IBAN:BR9089730032750828851124043C1]]"},"valor":"1.850,00","moeda":"BRL","motivo":"conta encerrada"}}`,

  // Chinese real-name verification failure
  `实名认证失败通知
尊敬的用户[[PERSON:欧阳晓雯]]：
您提交的身份信息与银行预留信息不一致，请核对以下内容后重新提交：
出生日期：[[DATE_OF_BIRTH:1988年12月1日]]
预留手机号：[[PHONE:+86 186 2107 4358]]
银行卡号：[[CREDIT_CARD:6233 6304 4836 4653]]
如有疑问，请直接回复本邮件。`,

  // merchant's chargeback response letter
  `Chargeback response - case CB-0931-22 (reason 13.1, merchandise not received)

To whom it may concern,
The cardholder, [[PERSON:Bogdan Ionescu]], ordered two pairs of running shoes on 14 January 2025 (order 10-77214), paid with the card ending 4564. AVS matched the billing address [[STREET_ADDRESS:Str. Mihai Eminescu nr. 42, ap. 7, sector 1, București 010514]].
The parcel was delivered on 17 January and signed for by "[[PERSON:I. Popa]]" (POD attached). The order was placed from [[IP_ADDRESS:86.124.77.19]], the same IP as the cardholder's three previous orders.
Regards,
[[PERSON:Hanna Lindgren]], Disputes`,

  // stuck international transfer, Markdown key-value table
  `Transfer TR-88412 is still "processing" after 5 days. Details:

| | |
|---|---|
| From | [[PERSON:Léa Dubois-Mertens]] |
| From IBAN | [[IBAN:BE18 8316 0086 9934]] |
| To | [[PERSON:Nikola Jovanović]] |
| To IBAN | [[IBAN:CH82 2799 9767 4877 0786 6]] |
| Amount | 2 400,00 EUR to CHF |
| Reference | Loyer mars |

Can you tell me what is blocking it? My phone: [[PHONE:+32 478 21 66 09]]`,

  // Irish direct debit mandate
  `SEPA Direct Debit Mandate - Broadband
Debtor name: [[PERSON:Aoife Ní Dhomhnaill]]
Debtor address: [[STREET_ADDRESS:12 Oakpark Avenue, Tralee, Co. Kerry V92 K8D3]]
IBAN: [[IBAN:IE10AIBK67365326808617]]
BIC: AIBKIE2D
Mandate reference: BB-772019-01
Signed: [[PERSON:A. Ní Dhomhnaill]]    Date: 03/02/2025`,

  // fintech .env pasted into a ticket
  `thanks for looking into the failed exports. our .env (minus the db stuff):

AWS_REGION=eu-north-1
AWS_ACCESS_KEY_ID=[[SECRET:AKIAPVAXPBGF4LOYJ7XF]]
AWS_SECRET_ACCESS_KEY=[[SECRET: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]]
SLACK_BOT_TOKEN=[[SECRET:xoxb-214944848395-6545621958533-fX1chMf41VCSlJqqPIPSLFsJ]]
EXPORT_BUCKET=kyc-exports-prod
ALERT_EMAIL=[[EMAIL:signe.kjaergaard@fintrio.dk]]

-- [[PERSON:Signe Kjærgaard]], platform lead`,

  // refund request with Lithuanian IBAN
  `Hello, the refund for booking 55-LT-0412 was sent to the wrong account. Please refund to [[IBAN:LT04 3853 1101 3065 3722]], account holder [[PERSON:Rūta Kazlauskienė]]. You can reach me on [[PHONE:+370 612 48 307]]. Thank you, [[PERSON:Rūta]]`,

  // Malaysian customer, call summary with bin name and honorific
  `Call summary (agent [[PERSON:Siti]]): Encik [[PERSON:Ahmad Faizal bin Mohd Yusof]] disputes RM 1,180.00 charged twice for the same hotel stay. Card ending 0932. Merchant contacted, refund of one charge promised within 7 working days. Customer prefers WhatsApp: [[PHONE:+60 19-338 2047]]. Home address updated to [[STREET_ADDRESS:No. 12, Jalan SS 2/24, 47300 Petaling Jaya, Selangor]].`,
  // travel insurance first notice of loss, form
  `Claim type: Medical expenses abroad
Insured person: [[PERSON:Nguyễn Văn Hùng]]
Date of birth: [[DATE_OF_BIRTH:08/05/1976]]
Policy: TRV-24-0098812 (family plan)
What happened: slipped on a trail near [[LOCATION:Chiang Mai]] on 2 Feb, wrist fracture, treated as outpatient
Phone while abroad: [[PHONE:+66 81 427 3095]]
Home address: [[STREET_ADDRESS:Số 25 Ngõ 68 Cầu Giấy, Quận Cầu Giấy, Hà Nội]]
Reimburse to card: [[CREDIT_CARD:4847 1223 3962 9298]]
Travelling with: [[PERSON:Lê Thị Mai]] (spouse), [[PERSON:Nguyễn Lê Minh Khoa]] (son, 9)`,

  // Australian motor claim, ASR with spelled-out phones and date of birth
  `[motor claims line - automatic transcript]
agent you're speaking with [[PERSON:mele]] can i get your name please
caller yeah it's [[PERSON:jarrah mcgregor]]
agent thanks [[PERSON:jarrah]] what happened
caller so uh i was stopped at the lights in [[LOCATION:leichhardt]] and a ute went into the back of me the other driver's name is [[PERSON:nikolaos papadakis]] he gave me his number [[PHONE:oh four three one two two eight nine six five]]
agent okay and the best number for you
caller uh mobile [[PHONE:oh four one two three eight seven five five zero]]
agent and your date of birth
caller [[DATE_OF_BIRTH:third of the sixth eighty seven]]
agent lovely i've lodged that claim number is m c four four one nine`,

  // Italian home insurance claim
  `Buongiorno, sono [[PERSON:Francesca Lo Bianco]], titolare della polizza casa n. 7731-CA-0092. Il 18 gennaio si è verificata un'infiltrazione d'acqua dall'appartamento del piano di sopra (sig. [[PERSON:Russo]]), con danni al soffitto della cucina.
Indirizzo dell'immobile: [[STREET_ADDRESS:Via dei Mille 42, scala B, int. 7, 80121 Napoli NA]]
IBAN per il rimborso: [[IBAN:IT43 M050 3461 0917 9144 3570 988]]
Cell. [[PHONE:347 218 4906]]
Allego foto e preventivo dell'imbianchino.`,

  // insurance thread: claimant, broker and adjuster, quoted replies
  `From: [[PERSON:Kofi Mensah-Bonsu]] <[[EMAIL:kofi.mb@btinternet.com]]>
To: claims@harbourline-insurance.co.uk
Cc: [[PERSON:Marieke Achterberg]] <[[EMAIL:m.achterberg@achterberg-brokers.co.uk]]>
Subject: RE: Claim HL-556201 - escape of water

Hi [[PERSON:Ravi]],
Attached are the plumber's invoice and the photos of the ceiling. The drying company starts Monday.
[[PERSON:Kofi]]

> On 14 Feb 2025, at 09:41, [[PERSON:Ravi Chandrasekhar]] (Harbourline Claims) wrote:
> Dear Mr [[PERSON:Mensah-Bonsu]], to progress the claim please send the plumber's invoice and confirm the property address.
>
>> On 13 Feb 2025, [[PERSON:Marieke Achterberg]] wrote:
>> [[PERSON:Ravi]] - my client's address is [[STREET_ADDRESS:27 Cranbrook Road, Ilford IG1 4PU]] and his mobile is [[PHONE:07946 318 204]].`,

  // US health claim JSON with SSN
  `{"claimId":"CLM-88-20417","status":"pended","pendReason":"MEMBER_ID_MISMATCH","member":{"name":"[[PERSON:Tupou Fifita]]","ssn":"[[US_SSN:512-48-3097]]","dob":"[[DATE_OF_BIRTH:1984-11-02]]","address":"[[STREET_ADDRESS:3318 W 182nd St, Torrance, CA 90504]]"},"provider":"Bayside Urgent Care","amountBilled":412.50}`,

  // Swedish bicycle theft claim
  `Hej! Jag heter [[PERSON:Elin Bergström]] och vill anmäla att min cykel stals utanför [[STREET_ADDRESS:Vasagatan 7, 411 24 Göteborg]] natten till den 9 mars. Polisanmälan är gjord (K-2025-118). Försäkringsnummer: 4410-998271. Ersättningen kan betalas till [[IBAN:SE22 7659 9602 7540 3261 8804]]. Ring mig gärna på [[PHONE:073-614 82 09]].`,

  // Japanese insurance claim with Japanese-era date of birth
  `【保険金請求書（入力内容）】
被保険者氏名：[[PERSON:高橋 健太]]
フリガナ：[[PERSON:タカハシ ケンタ]]
生年月日：[[DATE_OF_BIRTH:昭和62年5月3日]]
住所：〒[[STREET_ADDRESS:154-0024 東京都世田谷区三軒茶屋1-32-6-402]]
電話番号：[[PHONE:03-5432-8817]]
事故日：2025年1月18日
事故内容：自転車で転倒し、右手首を骨折`,

  // pet insurance claim; pet names are not persons
  `Hi, I'm claiming for our dog Biscuit's vet bill (policy PET-20-44981). He swallowed a sock on Sunday and needed surgery, total £1,870.40. Our other dog, Maximus, is on the same policy but this claim is only for Biscuit.
Policyholder: [[PERSON:Tendai Moyo]], [[PHONE:07722 318 450]]. Please pay into the account ending 0931 as before.`,

  // Danish life insurance beneficiary change
  `Kære kundeservice

Jeg vil gerne ændre begunstiget på min livsforsikring (police 88-120-447) til min datter [[PERSON:Freja Holm Andersen]], født [[DATE_OF_BIRTH:14. juni 2001]]. Eventuel udbetaling skal ske til hendes konto [[IBAN:DK90 9809 7166 5701 58]].

Venlig hilsen
[[PERSON:Birgitte Holm]]
[[STREET_ADDRESS:Søndergade 41, 1. th., 8000 Aarhus C]]
[[PHONE:+45 28 73 19 04]]`,

  // Colombian motor claim (ES-CO)
  `Buenas tardes, les escribo por el siniestro del carro (póliza AU-5531-20). Mi nombre es [[PERSON:Juan Camilo Restrepo Uribe]], el choque fue el sábado en la autopista, saliendo del peaje. Dirección para notificaciones: [[STREET_ADDRESS:Calle 93 # 11A-28, apto 401, Bogotá]]. Celular [[PHONE:315 208 6641]]. Quedo atento.`,

  // UK meter reading SMS
  `Hi it's [[PERSON:Adaeze Nwosu]] at [[STREET_ADDRESS:41 Ashgrove Road, Bristol BS6 5LY]], elec reading today 38712, gas 05561. pls confirm you got them, last bill was estimated again`,

  // German move-out / move-in form (Ummeldung)
  `Ummeldung Strom - Online-Formular
Name: [[PERSON:Milena Petrović]]
Geburtsdatum: [[DATE_OF_BIRTH:04.09.1992]]
Auszug aus: [[STREET_ADDRESS:Kastanienallee 12, 10435 Berlin]] - Zählerstand 48213 kWh am 31.03.2025
Einzug in: [[STREET_ADDRESS:Glockengießerwall 4, 20095 Hamburg]] - Zählernummer 1ESY1160428811
E-Mail: [[EMAIL:milena.petrovic@web.de]]
Zahlungsweise: SEPA-Lastschrift, IBAN [[IBAN:DE27 1203 0000 6209 6654 28]]`,

  // Nigerian prepaid meter call, ASR
  `agent good afternoon you are welcome to the customer care line my name is [[PERSON:ifeoma]]
caller good afternoon my name is [[PERSON:bisola]] uh [[PERSON:bisola adeyemi-cole]] i bought a token since morning and it has not loaded
agent sorry about that ma what is the meter number
caller zero four one seven two two nine three one eight eight five
agent and the address where the meter is
caller [[STREET_ADDRESS:twenty two olowu street ikeja]]
agent okay and your phone number
caller [[PHONE:zero eight zero three five five two one seven four four]]
agent thank you i will resend the token now please enter it within thirty minutes`,

  // Finnish meter reading export, semicolon CSV, surname first
  `asiakasnro;nimi;osoite;mittari;lukema;pvm
100482;[[PERSON:Virtanen Aleksi]];[[STREET_ADDRESS:Hämeenkatu 21 A 5, 33200 Tampere]];M-558210;18344;28.02.2025
100483;[[PERSON:Korhonen Saara]];[[STREET_ADDRESS:Puistokatu 3 B 12, 40100 Jyväskylä]];M-558214;9021;28.02.2025
100490;[[PERSON:Ahonen-Laakso Pirjo]];[[STREET_ADDRESS:Kauppakatu 9, 70100 Kuopio]];M-558301;23107;28.02.2025`,

  // French move-out e-mail with HTML remnants
  `<p>Bonjour,</p><p>Je déménage le 30 avril. Merci de résilier le contrat d'électricité du logement situé au [[STREET_ADDRESS:14 rue des Lilas, 69003 Lyon]].<br>Relevé du compteur au 30/04 : 12&nbsp;884 kWh.<br>Nouvelle adresse pour la facture de clôture : [[STREET_ADDRESS:3 allée des Tilleuls, 44300 Nantes]]</p><p>Cordialement,<br>[[PERSON:Hélène Ngo-Bassong]]<br>[[PHONE:07&nbsp;68&nbsp;13&nbsp;52&nbsp;40]]</p>`,

  // OCR'd water bill screenshot (India) with noise and a broken wrap
  `[screenshot text - OCR]
CONSUMER NAME : [[PERSON:SUBRAMANYA K. HEGDE]]
ADDRESS : [[STREET_ADDRESS:No. 48, 3rd Cr0ss, Ma11eswaram,
Bengaluru 560003]]
RR N0 : W-44O18          BILL DATE : O5/02/2025
DUE DATE : 2O/02/2025    AMOUNT : Rs. 1,284.0O
M0BILE : [[PHONE:98450 31729]]
customer wrote: this bill is in the previous tenant's name, i moved in on 1 feb. pls change name to [[PERSON:Deepa Raghunath]]`,

  // Turkish gas subscription closure
  `Merhaba, [[STREET_ADDRESS:Bağdat Cad. No: 214 D: 7, 34728 Kadıköy/İstanbul]] adresindeki doğalgaz aboneliğimi kapatmak istiyorum. Son endeks: 3.418 m³. Güvence bedeli iadesi için IBAN: [[IBAN:TR86 5177 0072 5760 6168 9161 49]]. Ad Soyad: [[PERSON:Elif Şahin Karaca]], Tel: [[PHONE:0541 372 90 18]]`,

  // smart-meter gateway log line (JSON)
  `{"level":"warn","ts":"2025-03-09T06:00:12.903Z","msg":"meter push rejected: clock skew","meter_id":"E0051004172293","customer":{"id":"C-228104","email":"[[EMAIL:willemijn.bakker@ziggo.nl]]"},"gateway_ip":"[[IP_ADDRESS:84.105.31.247]]","skew_s":412}`,

  // Australian solar feed-in credit question
  `Hi there, we had solar panels installed at [[STREET_ADDRESS:6/41 Campbell Parade, Bondi Beach NSW 2026]] on 3 March but the feed-in credit isn't showing on my bill. NMI 4103 8820 114. Account holder is [[PERSON:Mahsa Karimi]]. Please call [[PHONE:0411 932 607]] after 3pm.`,

  // Portuguese water contract move-in
  `Boa tarde, mudei-me para a [[STREET_ADDRESS:Rua de Santa Catarina 512, 3.º Dto., 4000-446 Porto]] no dia 1 de março e preciso de passar o contrato da água para o meu nome: [[PERSON:Inês Carvalho Baptista]]. Telemóvel [[PHONE:912 604 338]]. A leitura do contador hoje é 00481 m³. Obrigada!`,

  // Polish utility: password reset link carrying the e-mail
  `Dzień dobry, link do resetu hasła nie działa: [[URL:https://moje.voltaris-energia.pl/reset?email=ewa.nowak-grabowska%40wp.pl&token=8f3b2c91d7e04a6f5c11]]
Konto jest na nazwisko [[PERSON:Ewa Nowak-Grabowska]], numer klienta 5520-1184. Proszę o pomoc.`,
  // US transcript request with a name change
  `Hello Registrar's Office,

I need an official transcript sent for a graduate application. My name at the time was [[PERSON:Ngozi Eze]]; it is now [[PERSON:Ngozi Eze-Whitfield]]. Student ID 00481327, attended 2008-2012, date of birth [[DATE_OF_BIRTH:March 3, 1990]]. Last four of my SSN are 4410 if you need them.
Please mail the paper copy to [[STREET_ADDRESS:1127 Larkin St Apt 5, San Francisco, CA 94109]].

Thank you,
[[PERSON:Ngozi]]`,

  // Kenyan school fee follow-up, Markdown table
  `Fee balance follow-up - Form 2 East (term 1)

| Adm No | Student | Parent / Guardian | Phone | Balance (KES) |
|---|---|---|---|---|
| 4417 | [[PERSON:Achieng Atieno]] | [[PERSON:Pamela Akinyi Odhiambo]] | [[PHONE:0712 604 318]] | 12,500 |
| 4420 | [[PERSON:Kiprono Kiplagat]] | Mr [[PERSON:Joseph Kiplagat Rotich]] | [[PHONE:+254 733 918 204]] | 4,000 |
| 4431 | [[PERSON:Halima Abdi Hussein]] | [[PERSON:Abdi Hussein Farah]] | [[PHONE:0722 551 093]] | 0 |

Bursar: please call the first two before Friday.`,

  // student information system JSON (India)
  `{"student_id":"STU-2023-0872","name":"[[PERSON:Ananya Chattopadhyay]]","dob":"[[DATE_OF_BIRTH:2007-01-29]]","class":"XII-B","guardian":{"name":"[[PERSON:Sourav Chattopadhyay]]","relation":"father","mobile":"[[PHONE:+91 98310 47265]]","email":"[[EMAIL:sourav.chatt@rediffmail.com]]"},"address":"[[STREET_ADDRESS:Flat 3C, 17/2 Gariahat Road, Kolkata 700019]]","fees_due":0}`,

  // Bangla student request with Bengali digits
  `আমার নাম [[PERSON:তানভীর হাসান]], আমি কম্পিউটার বিজ্ঞান বিভাগের শিক্ষার্থী, আইডি 2019-1-60-044। আমার সনদে জন্ম তারিখ ভুল এসেছে; সঠিক জন্ম তারিখ [[DATE_OF_BIRTH:১২ মার্চ ২০০১]]। সংশোধনের জন্য কী কী কাগজ লাগবে জানাবেন। মোবাইল: [[PHONE:০১৭১৮-৪৯২৩০৬]]`,

  // Vietnamese transcript request
  `Kính gửi Phòng Đào tạo,
Em là [[PERSON:Phạm Thị Ngọc Ánh]], sinh ngày [[DATE_OF_BIRTH:15/08/2003]], mã sinh viên 20211847. Em muốn xin bảng điểm tiếng Anh để nộp hồ sơ du học. Nhờ thầy cô gửi bản scan về email [[EMAIL:ngocanh.pham03@gmail.com]]. SĐT của em: [[PHONE:0903 418 275]].
Em cảm ơn ạ.`,

  // Node stack trace with student data
  `TypeError: Cannot read properties of undefined (reading 'gpa')
    at renderTranscript (/app/dist/transcripts/render.js:88:31)
    at async /app/dist/routes/students.js:142:5
  student: { id: 'S2291047', name: '[[PERSON:Ólafur Þór Gunnarsson]]', email: '[[EMAIL:olafurthor@hi.is]]', dob: '[[DATE_OF_BIRTH:2001-10-17]]' }
  request: GET /students/S2291047/transcript?format=pdf from [[IP_ADDRESS:130.208.165.41]]`,

  // Indonesian parent message to a school
  `Selamat siang Bu, saya [[PERSON:Sri Wahyuningsih]], orang tua dari [[PERSON:Raka]] kelas 5B. Di rapor tanggal lahir anak saya tertulis salah, seharusnya [[DATE_OF_BIRTH:17 Agustus 2012]]. Alamat kami juga sudah pindah ke [[STREET_ADDRESS:Jl. Kemang Raya No. 8, Bangka, Mampang Prapatan, Jakarta Selatan 12730]]. WA saya [[PHONE:0812-1947-3306]]. Terima kasih.`,

  // Ghanaian scholarship application status
  `Scholarship application - reference letter received
Applicant: [[PERSON:Yaw Boakye Darko]]
Applicant DOB: [[DATE_OF_BIRTH:21 Sept 2003]]
Applicant address: [[STREET_ADDRESS:Hse No. 12, Nii Sowah Street, Osu, Accra]]
Referee: Prof. [[PERSON:E. K. Agyei-Mensah]], Department of Physics
Referee email: [[EMAIL:ekagyei@knust.edu.gh]]
Status: complete, forwarded to panel 2.`,

  // LDAP bind failure with a password in the log
  `[2025-09-02 07:31:55,118] ERROR sis_sync: LDAP bind failed
Traceback (most recent call last):
  File "/opt/sis/sync.py", line 77, in bind
    conn = Connection(server, user="cn=[[PERSON:Tomasz Kowalczyk]],ou=students,dc=uni,dc=local", password="[[SECRET:Zaq12wsx!Kasia2004]]", auto_bind=True)
ldap3.core.exceptions.LDAPBindError: automatic bind not successful - invalidCredentials`,

  // Polish student ID duplicate request
  `Szanowni Państwo,
proszę o wydanie duplikatu legitymacji studenckiej (zgubiona 2 marca). Dane: [[PERSON:Zuzanna Krawczyk-Lis]], nr albumu 318842, data urodzenia [[DATE_OF_BIRTH:7 października 2002]] r., adres do korespondencji [[STREET_ADDRESS:ul. Długa 15/4, 80-827 Gdańsk]], e-mail [[EMAIL:zuzia.krawczyk@student.pg.edu.pl]].
Z poważaniem,
[[PERSON:Zuzanna Krawczyk-Lis]]`,

  // German school office e-mail
  `Sehr geehrte Frau [[PERSON:Demir]],

mein Sohn [[PERSON:Yannick Okafor-Schulz]] (geb. [[DATE_OF_BIRTH:03.05.2009]], Klasse 9c) wechselt zum Halbjahr an eine andere Schule. Bitte schicken Sie das Abgangszeugnis an unsere neue Adresse: [[STREET_ADDRESS:Lindenstraße 42, 10969 Berlin]].

Mit freundlichen Grüßen
[[PERSON:Chinwe Okafor-Schulz]]`,

  // property maintenance tickets, Markdown table
  `### Open maintenance tickets - Block C
| # | Unit | Tenant | Contact | Issue | Access |
|---|---|---|---|---|---|
| 1182 | C-204 | [[PERSON:Oyelaran, Temitope]] | [[PHONE:07404 219 886]] | boiler pressure drops | key in lockbox |
| 1185 | C-311 | [[PERSON:Mateusz Zieliński]] | [[EMAIL:m.zielinski@o2.pl]] | mould in bathroom | call first |
| 1190 | C-108 | [[PERSON:Park Ha-eun]] | [[PHONE:07911 604 257]] | intercom broken | weekdays after 5 |`,

  // tenant portal chat with a pasted session JWT
  `Tenant ([[PERSON:Dawit Bekele]]): the portal keeps logging me out. the help article said to send you the token from the browser so here: [[SECRET:eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI3NzMxMDI5Iiwicm9sZSI6InRlbmFudCIsInVuaXQiOiJCLTE0IiwiaWF0IjoxNzUwMTEyNDAwfQ.0p_k2gogPr70-r66rlT-BpamFY8xSFLb4009VqKwurg]]
Agent ([[PERSON:Priyanka]]): Thanks - please don't share tokens, I've ended that session. Can you confirm the unit address?
Tenant ([[PERSON:Dawit Bekele]]): [[STREET_ADDRESS:Unit 1407, 39 Lower Simcoe Street, Toronto ON M5J 3A6]]
Agent ([[PERSON:Priyanka]]): Got it. Clear your cookies and log in again; I've raised a bug for the logouts.`,

  // Québec rental application (FR-CA)
  `Demande de location - logement 4 1/2
Nom : [[PERSON:Marie-Ève Tremblay-Nkemelu]]
Adresse actuelle : [[STREET_ADDRESS:2150, rue Sherbrooke Est, app. 4, Montréal (Québec) H2K 1C3]]
Date de naissance : [[DATE_OF_BIRTH:1995-02-11]]
Téléphone : [[PHONE:514 663-2087]]
Employeur : Groupe Vireo inc.
Animaux : un chat`,

  // Dubai villa maintenance, WhatsApp export
  `[16/04/25, 10:12:44] [[PERSON:Fatima Al-Mansoori]]: Hi, the AC in the villa has been off for 3 days
[16/04/25, 10:13:02] [[PERSON:Fatima Al-Mansoori]]: [[STREET_ADDRESS:Villa 23, Street 14, Al Barsha 2, Dubai]] - tenancy contract TC-55120
[16/04/25, 10:20:31] [[PERSON:Rizwan]] (Maintenance): Salam madam, technician [[PERSON:Joel]] will come today 3-5pm. His number [[PHONE:+971 55 214 8839]]
[16/04/25, 10:21:10] [[PERSON:Fatima Al-Mansoori]]: ok. if nobody is home call my husband [[PERSON:Khalid]] on [[PHONE:050 418 2276]]`,

  // Hebrew deposit return request
  `שלום, שמי [[PERSON:נועה לוי-אברהם]] ואני שוכרת את הדירה בכתובת [[STREET_ADDRESS:רחוב הרצל 15, דירה 4, תל אביב-יפו]] עד סוף החודש. אבקש להחזיר את הפיקדון לחשבון [[IBAN:IL40 6812 4235 0587 6914 508]]. אפשר להשיג אותי בטלפון [[PHONE:052-7318406]]. תודה!`,

  // Portuguese property listing import, YAML
  `listing:
  ref: LX-2025-0418
  type: apartment
  bedrooms: 2
  price_eur: 289000
  address: "[[STREET_ADDRESS:Rua da Boavista 312, 2.º Esq., 1200-066 Lisboa]]"
owner:
  name: "[[PERSON:João Pedro Marques da Silva]]"
  phone: "[[PHONE:+351 936 214 880]]"
  email: "[[EMAIL:jp.marquesdasilva@sapo.pt]]"
  payout_iban: "[[IBAN:PT55 7943 7595 6836 3864 1732 7]]"
visits: weekdays after 18:00`,

  // landlord / tenant SMS thread about a deposit
  `From [[PERSON:Kwabena Osei]] (landlord), 11 Mar 18:02:
Hi [[PERSON:Malak]], the inspection found damage to the kitchen worktop. I'll deduct £240 from the deposit.
From [[PERSON:Malak Nassar]], 11 Mar 18:40:
That burn mark was there when I moved in - it's on page 4 of the check-in inventory. Please return the full £1,150 to [[IBAN:GB42 BARC 6654 2598 7471 74]].
From [[PERSON:Kwabena Osei]], 11 Mar 19:05:
I'll check with the letting agent ([[PERSON:Chloé O'Reilly]] at Parkside Lettings) and come back to you.`,

  // Belgian (Flemish) deposit return
  `Beste, ik verlaat op 31 mei het appartement aan de [[STREET_ADDRESS:Meir 78 bus 3, 2000 Antwerpen]]. Gelieve de huurwaarborg terug te storten op [[IBAN:BE91 2153 7362 8458]] op naam van [[PERSON:Wouter De Smedt]]. Mijn gsm: [[PHONE:0486 71 39 25]]. Groeten, [[PERSON:Wouter]]`,

  // real-estate site support: pasted Google Maps key
  `Hola, el mapa de nuestra web de alquileres dejó de cargar desde ayer. Esta es la clave que usamos: [[SECRET:AIzaSyE8mWKH_L54PX3efZ_VaQU_6XmjZpQlRRX]]. ¿Está bloqueada? Cualquier cosa me escriben a [[EMAIL:nicolas.arancibia@inmoaustral.cl]] o al [[PHONE:+56 9 7730 1594]]. Saludos, [[PERSON:Nicolás]]`,
  // marketplace dispute, buyer / seller / mediator with a quoted line
  `Case MK-330781 · Item not as described · opened 2 Mar
Buyer ([[PERSON:Marisol Quintero]]): The leather jacket arrived with a torn lining and smells of smoke. The listing said "like new". I want a full refund.
Seller ([[PERSON:Dariusz Kamiński]]): It was perfect when I posted it from [[LOCATION:Wrocław]]. The buyer is trying to get a free jacket.
Mediator ([[PERSON:Annika Sjöberg]]): Thank you both. [[PERSON:Dariusz]], can you share the photos you took before posting?
Seller ([[PERSON:Dariusz Kamiński]]): > The listing said "like new"
It IS like new. I can send the photos to you if you write to [[EMAIL:dariusz.kaminski84@interia.pl]]
Mediator ([[PERSON:Annika Sjöberg]]): Please upload them to the case instead. [[PERSON:Marisol]], please send the item back with the prepaid label; the refund is released on the first carrier scan.`,

  // Chinese marketplace dispute
  `买家：[[PERSON:陈志强]]
收货地址：[[STREET_ADDRESS:上海市浦东新区世纪大道100号2栋1803室]]
联系电话：[[PHONE:138 1742 6093]]
问题描述：卖家称已于3月5日发货，但物流信息一直显示“待揽收”。已联系卖家[[PERSON:刘婷]]两次无回复，申请平台介入，退款金额 ¥1,299.00。`,

  // seller payout export, CSV with a quoted surname-first name
  `seller_id,legal_name,payout_iban,payout_status,last_error
S-10482,[[PERSON:Mehdi Benali]],[[IBAN:FR4730004387104927689216415]],failed,account_closed
S-10497,[[PERSON:Ana Kovačević]],[[IBAN:AT77 5550 6798 4268 3933]],paid,
S-10503,[[PERSON:Tiago Ferreira Lopes]],[[IBAN:PT89947647822111214630746]],failed,name_mismatch
S-10511,"[[PERSON:de Vries, Sanne]]",[[IBAN:NL90TRIO8775593171]],paid,`,

  // Swahili scam report to a marketplace
  `Habari, naitwa [[PERSON:Neema Mwakyusa]]. Nilinunua simu kwa muuzaji anayejiita [[PERSON:Baraka]] kwenye tovuti yenu, nikalipa TSh 450,000 lakini simu haijafika hadi leo. Alinipa namba [[PHONE:0754 318 227]] lakini sasa haipatikani. Mimi niko [[LOCATION:Dar es Salaam]], namba yangu ni [[PHONE:+255 713 604 981]]. Naomba msaada.`,

  // OCR'd shipping label screenshot
  `customer sent a photo of the label, OCR below - parcel returned "addressee unknown"
SHIP T0:
[[PERSON:AMARA K0NATÉ]]
[[STREET_ADDRESS:Rue 12 x 15, Médina
Dakar 10200]]
TEL: [[PHONE:+221 77 418 2093]]
WEIGHT: 2.4 KG   REF: SN-O0418821`,

  // marketplace seller verification JSON
  `{"object":"seller_verification","seller":"sl_99281","status":"requires_input","individual":{"full_name":"[[PERSON:Sione Taufa]]","dob":"[[DATE_OF_BIRTH:1990-04-17]]","address":"[[STREET_ADDRESS:27 Mahunga Drive, Mangere Bridge, Auckland 2022]]","phone":"[[PHONE:+64 27 318 5520]]"},"requirements":{"currently_due":["individual.verification.document"]}}`,

  // flagged review with doxxing, moderator note
  `[Flagged review - contains personal info]
★☆☆☆☆ "Seller never refunded me. Her name is [[PERSON:Oksana Melnyk]], she lives at [[STREET_ADDRESS:вул. Городоцька 120, кв. 5, Львів]] and her number is [[PHONE:+380 93 412 7765]]. DON'T BUY."
Moderator note: review hidden under policy 4.2 (personal information). Reviewer warned. Handled by [[PERSON:Chiara Esposito]].`,

  // Italian marketplace complaint
  `Buongiorno, ho comprato una bici usata dal venditore [[PERSON:Gianluca D'Amico]] (ordine 2025-IT-88120) ma non è mai arrivata. Lui dice di averla spedita al mio indirizzo, [[STREET_ADDRESS:Via Giuseppe Garibaldi 18, 10122 Torino TO]], ma il codice di tracciamento non risulta. Il mio numero è [[PHONE:+39 347 812 0596]]. Grazie, [[PERSON:Chiara]]`,

  // CN23 customs declaration, form
  `CN23 - Customs declaration
Sender: [[PERSON:Haruto Kobayashi]], [[STREET_ADDRESS:3-1-3 Umeda, Kita-ku, Osaka 530-0001]], [[LOCATION:Japan]]
Sender tel: [[PHONE:+81 90-4471-2093]]
Addressee: [[PERSON:Camila Restrepo Gómez]], [[STREET_ADDRESS:Carrera 43A # 1 Sur-100, Apto 1502, Medellín, Antioquia 050021]], [[LOCATION:Colombia]]
Addressee tel: [[PHONE:+57 310 482 7719]]
Contents: ceramic tea set (gift), HS 6912.00, 1 pc, 1.8 kg, value JPY 12,000
Category: gift`,

  // Swiss customs hold e-mail (DE-CH) with upload link carrying the name
  `Grüezi Herr [[PERSON:Baumgartner]]

Ihre Sendung 99.40.441022.91834011 liegt beim Zoll. Für die Verzollung benötigen wir die Rechnung der Ware. Empfänger: [[PERSON:Reto Baumgartner]], [[STREET_ADDRESS:Seefeldstrasse 118, 8008 Zürich]].
Bitte laden Sie die Rechnung hier hoch: [[URL:https://zoll-upload.swisslink-parcel.ch/u/7Qm2xK?name=Reto+Baumgartner&plz=8008]]

Freundliche Grüsse
[[PERSON:Nadia]], Kundendienst`,

  // delivery exception webhook (Egypt)
  `{"event":"delivery_exception","awb":"7741 2093 5518","attempt":2,"recipient":{"name":"[[PERSON:Ahmed Farouk El-Sayed]]","phone":"[[PHONE:+20 100 417 3382]]","address":"[[STREET_ADDRESS:12 Shehab St, Mohandessin, Giza 12411]]"},"reason":"ADDRESS_INCOMPLETE","driver_note":"no flat number, customer not answering"}`,

  // Thai delivery complaint
  `เรียนฝ่ายบริการลูกค้า ดิฉัน[[PERSON:พิมพ์ชนก ศรีสุวรรณ]] สั่งสินค้าเลขที่ TH-4471-2093 แต่พัสดุถูกส่งกลับเพราะ "ไม่พบผู้รับ" ที่อยู่ที่ถูกต้องคือ [[STREET_ADDRESS:99/12 ซอยสุขุมวิท 31 แขวงคลองตันเหนือ เขตวัฒนา กรุงเทพฯ 10110]] เบอร์โทร [[PHONE:089-612-4478]] ขอบคุณค่ะ`,

  // Chilean customs call, ASR in Spanish
  `agente buenas tardes habla [[PERSON:camila]] en qué le puedo ayudar
cliente hola eh mire tengo un paquete retenido en aduana hace dos semanas
agente me indica el número de seguimiento
cliente ce ele cuatro cuatro uno ocho dos dos nueve
agente ya y a nombre de quién viene
cliente [[PERSON:josé ignacio valenzuela]] con zeta
agente perfecto don [[PERSON:josé ignacio]] un número de contacto
cliente [[PHONE:nueve seis dos cuatro uno ocho siete tres cero]]
agente listo le va a llegar un correo para pagar los impuestos`,

  // freight forwarder e-mail with HTML remnants (Kenya)
  `<div>Dear [[PERSON:Wairimu]],</div><div><br></div><div>Your consignment (HAWB 55219, 3 cartons, 48.5 kg) has arrived and is awaiting customs entry. Please send the PIN certificate and the commercial invoice for the consignee below:</div><div>[[PERSON:Wairimu Njoroge]]<br>[[STREET_ADDRESS:Riverside Gardens, Apt 5B, Riverside Drive, Nairobi]]<br>Tel: [[PHONE:+254 712 930 418]]</div><div><br></div><div>Storage charges apply from 12 June.<br>Regards,<br>[[PERSON:Ahmed Abdirahman]]<br>Import Desk</div>`,

  // customs declarations export, CSV with quoted addresses
  `decl_no,consignee,consignee_phone,consignee_address,hs_code,value,currency
CD-7701,[[PERSON:Park Ji-hoon]],[[PHONE:+82 10-4471-2093]],"[[STREET_ADDRESS:서울특별시 강남구 테헤란로 152, 12층]]",8517.13,899.00,USD
CD-7702,[[PERSON:Gabriela Ruiz-Tagle]],[[PHONE:+56 9 8412 3306]],"[[STREET_ADDRESS:Av. Providencia 1208, depto 502, Providencia, Santiago]]",6403.99,140.00,USD
CD-7703,[[PERSON:Bilal Hussain]],[[PHONE:+44 7700 318 224]],"[[STREET_ADDRESS:88 Stratford Road, Sparkhill, Birmingham B11 1AR]]",9503.00,62.50,GBP`,

  // parcel SMS with a reschedule link carrying the phone number
  `Hallo [[PERSON:Anh]], Ihr Paket 7741209355 wird heute zwischen 14:00 und 16:00 zugestellt. Termin ändern: [[URL:https://trk.swiftpost.de/r/7741209355?tel=%2B4917642218836]]`,

  // SFTP onboarding chat with a pasted private key and egress IPs
  `[[PERSON:Arash Rahimi]] 14:02
hey, can you whitelist our key for the customs SFTP drop? here it is

[[SECRET:-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIDkI7wccXsWqdfinDItpbGNdrYukTowvTXMML27k+nzjoAoGCCqGSM49
AwEHoUQDQgAEoxJ2gej7NFOWVQb83DaQNDDOix++YKr9+s0isn6Fn4qnPhEZvjWT
dJ2OtrZRku0d7aoPio1MQEqLgeGMberQCA==
-----END EC PRIVATE KEY-----]]

our egress IPs are [[IP_ADDRESS:34.107.152.201]] and [[IP_ADDRESS:2600:1900:4120:9e3::1a]]

[[PERSON:Lerato]] 14:09
That's a private key - please never send those. I've deleted the message on our side; please generate a new key pair and send only the .pub file. The IPs are whitelisted.`,

  // curl with a GitHub token, logistics integration
  `Our customs-forms sync broke after we rotated tokens. This is the exact call that returns 401:

curl -s -H "Authorization: token [[SECRET:ghp_Uk1NTpK5Gi74XKYYF0aZo46jWyN46W85G67Q]]" https://api.github.com/repos/cargolane/customs-forms/contents/templates

Any idea? - [[PERSON:Sigrún Jónsdóttir]] ([[EMAIL:sigrun@cargolane.is]])`,

  // Go panic with guest data (Kazakhstan)
  `panic: runtime error: invalid memory address or nil pointer dereference
[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x6b2f1a]

goroutine 8812 [running]:
main.(*ReservationHandler).notify(0xc0001a2000, {0xc000412180, 0x1c})
        /build/cmd/reservations/notify.go:64 +0x1ba
main.(*ReservationHandler).ServeHTTP(0xc0001a2000, {0x9a1e40, 0xc0003f2000}, 0xc000418000)
        /build/cmd/reservations/handler.go:131 +0x4f5
last request: POST /v2/reservations guest="[[PERSON:Bolat Nurlanuly]]" email="[[EMAIL:bolat.nurlan@mail.kz]]" phone="[[PHONE:+7 701 418 2290]]"`,

  // travel agency config pasted into a ticket: webhook secret, SMTP password, DB URL
  `Hi team, our booking widget stopped sending confirmations after the deploy. Here's our config (ticket T-99120):

booking_engine:
  api_base: https://api.tripnest.io/v2
  partner_id: TN-4471
  webhook_secret: [[SECRET:whsec_Zqumpm08hsE8JNpjJOQGa2rb19FlY0mG]]
smtp:
  host: smtp.sendgrid.net
  port: 587
  user: apikey
  password: [[SECRET: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]]
database:
  url: [[URL:postgres://tripnest_admin:Kx8vR2pqL0@db-prod.tripnest.io:5432/bookings]]
notify: [[EMAIL:kenji.watanabe@tripnest.io]]`,

  // school chatbot error with an OpenAI key in the log
  `2025-10-06 08:02:17 ERROR tutor-bot: upstream 401 Unauthorized
  request_id=req_5f1c0e model=gpt-4o-mini
  headers={"Authorization": "Bearer [[SECRET:sk-proj-TNB1Y-wqEtsRlEuNGKgrK0XdttJPggjfsxExlTDjkBMbDKOP3l5Jaf1u77SgJJzMQOLW]]"}
  user_context={"student":"[[PERSON:Amani Njeri Kamau]]","grade":8,"parent_email":"[[EMAIL:njeri.kamau@gmail.com]]"}`,

  // marketplace seller thread, three people, quoted replies (Eastern Europe / Middle East)
  `From: [[PERSON:Tomáš Dvořák]] <[[EMAIL:tomas.dvorak@seznam.cz]]>
To: sellers@craftbazaar.example
Cc: [[PERSON:Layla Haddadin]] <[[EMAIL:layla.haddadin@gmail.com]]>
Subject: Re: Order 55-9921 - missing item

[[PERSON:Layla]] is right, the second vase was not in the box. I'll ship it tomorrow, no extra cost.
[[PERSON:Tomáš]]

> On Tue, 4 Mar 2025 at 20:11, [[PERSON:Layla Haddadin]] wrote:
> Only one vase arrived. My address again: [[STREET_ADDRESS:Rainbow Street 34, Jabal Amman, Amman 11183]]. Phone [[PHONE:+962 79 541 2287]].
>
>> On Tue, 4 Mar 2025 at 09:02, Seller Support wrote:
>> Hi [[PERSON:Tomáš]], the buyer reports a missing item. Please reply within 48h.`,

  // Hinglish WhatsApp-style chat about a flight refund
  `[[PERSON:Rohit]]: bhai refund abhi tak nahi aaya, PNR 6K2LQX, 9 din ho gaye
Agent [[PERSON:Sana]]: Sir please apna registered email share karein
[[PERSON:Rohit]]: [[EMAIL:rohit.bhardwaj1993@gmail.com]], phone [[PHONE:+91 99103 48276]]
Agent [[PERSON:Sana]]: Thank you [[PERSON:Rohit]] ji, refund INR 8,412 initiated hai, 5-7 working days mein aa jayega`,

  // Jordanian / Palestinian guest: Arabic-English hotel upgrade request
  `Dear front office, this is [[PERSON:Rania Abu-Khalil]] from room 508. My mother, Mrs [[PERSON:Samira Abu-Khalil]], arrives tomorrow on the late flight from [[LOCATION:Amman]]; she was born on [[DATE_OF_BIRTH:30 June 1956]] so the senior rate should apply to her room. Please call me on [[PHONE:+962 77 840 1356]] if anything is missing. شكراً`,
  // US financial aid verification form with two SSNs
  `Financial aid verification - missing items
Student: [[PERSON:Marisela Ochoa-Bautista]]
SSN: [[US_SSN:402-71-5583]]
Date of birth: [[DATE_OF_BIRTH:11/23/2005]]
Parent 1: [[PERSON:Rogelio Ochoa]], SSN [[US_SSN:231 74 6012]]
Mailing address: [[STREET_ADDRESS:2207 E Alvarado St, Fallbrook, CA 92028]]
Missing: 2024 tax return transcript, signed verification worksheet`,

  // marketplace seller tax form intake (W-9), Field: value
  `W-9 intake - seller account sl_44821 - TIN match failed, please review
Name (as shown on your income tax return): [[PERSON:Nguyen, Bao Tran]]
Business name: Lotus Nail Supply
Address: [[STREET_ADDRESS:1450 Bellaire Blvd Apt 210, Houston, TX 77036]]
SSN: [[US_SSN:619204418]]
Signature date: 01/27/2025
Agent comment: ask the seller to confirm which of the names is the surname.`,

  // US insurance call, ASR with a spelled-out SSN
  `agent thanks for holding this is [[PERSON:dominique]] with member services can i get the member's name
caller yeah it's for my dad [[PERSON:teodoro villanueva]]
agent and his social or member id
caller his social is [[US_SSN:five one nine four eight three two zero seven]]
agent thank you and his date of birth
caller [[DATE_OF_BIRTH:april second nineteen fifty one]]
agent okay i see the claim from the imaging center it was denied for no prior authorization i'll send the appeal form to the address on file`,

  // Japanese hotel card guarantee form (English)
  `Credit card guarantee - reservation 2025-0311-KYT
Cardholder name: [[PERSON:YAMAMOTO AOI]]
Card number: [[CREDIT_CARD:3546 5283 8048 1890]]
Expiry: 08/27
Billing e-mail: [[EMAIL:aoi.yamamoto@icloud.com]]
I authorise the hotel to charge one night in case of no-show.`,
];

const NEGATIVES: readonly string[] = [
  // hotel confirmation without guest data
  `Reservation ZK4P9T confirmed. Deluxe King, non-smoking, floor 14 (room 1412). Check-in from 15:00, check-out by 11:00. Rate EUR 189.00 per night incl. breakfast; local tourist tax of EUR 3.50 per person per night is payable at the property.`,

  // bot flight status message
  `Sol: Flight KQ 310 is delayed by 45 minutes. New departure 21:35 from gate B14. Your seat 23C is unchanged and your connection on KQ 1502 is protected. Reply MENU for more options.`,

  // order export CSV with SKUs and timestamps
  `order_id,sku,description,qty,unit_price,currency,status,updated_at
ORD-2025-118204,SKU-TS-0042-BLK-M,Crew tee black M,2,19.90,EUR,shipped,2025-03-02T08:14:11Z
ORD-2025-118205,SKU-HD-1100-GRY-L,Hoodie grey L,1,49.00,EUR,backordered,2025-03-02T08:15:40Z
ORD-2025-118206,SKU-CP-7731-NVY,Cap navy,3,14.50,EUR,delivered,2025-03-02T08:16:02Z`,

  // gift card number that fails Luhn
  `Your gift card 4129 3149 4530 3937 has a balance of €25.00 and expires on 31/12/2026. Gift cards cannot be used to pay for other gift cards. Promo code SPRING-25 gives 10% off orders over €60.`,

  // QA checklist with checksum-failing IBAN and card
  `QA checklist, payment form v3 - the form must reject each of these inputs with the inline error "check digits invalid":
- IBAN field: DE28 5001 0517 1955 3765 10
- IBAN field: DE92760260002569374026
- Card field: 4936 0153 6585 3102
- Card field: 4626760972338238
Expected: the submit button stays disabled and no request is sent.`,

  // release notes with version numbers shaped like IPs
  `Release 4.12.3 (build 2025.03.14-0211): fixes seat map rendering on Android 14, upgrades OpenSSL to 3.0.13 and moves the kiosk printer firmware from 2.14.0.7 to 2.14.1.0. Deployed 2025-03-14T02:11:09Z; rollback window until 2025-03-21.`,

  // energy tariff notice
  `From 1 April your unit rate changes to 24.50p/kWh and the standing charge to 53.35p/day. Submit a meter reading between 25 and 31 March so that your final bill on the old tariff is accurate. Direct debit amounts are reviewed every 6 months.`,

  // room-service menu with dishes named after people
  `In-room dining (served 11:00-23:00): Caesar salad 14.00 · Margherita pizza 16.50 · Eggs Benedict 12.00 · Beef Stroganoff 24.00 · Peach Melba 9.50 · Earl Grey or sencha tea 4.50. Please dial 7 from your room phone. A 10% service charge applies.`,

  // role mailboxes only
  `Where to write: invoices and refunds to billing@vireo-travel.com, insurance claims to claims@vireo-travel.com, press to press@vireo-travel.com. Messages sent to noreply@vireo-travel.com are not read. Our support team answers within 24 hours on working days.`,

  // public documentation URLs
  `For the list of dispute reason codes see https://docs.stripe.com/disputes/categories and for the SEPA rulebooks see https://www.europeanpaymentscouncil.eu/what-we-do/epc-payment-schemes. The e-mail address syntax we accept follows https://www.rfc-editor.org/rfc/rfc5322.`,

  // network troubleshooting with private / loopback / documentation IPs
  `Router check: LAN gateway 192.168.1.1, printer at 192.168.1.45, VPN tunnel 10.8.0.1, local DNS stub 127.0.0.53, link-local fe80::1c2b:3aff:fe4d:5e6f, carrier-grade NAT address 100.72.14.9. The example server in our guide is 203.0.113.10 / 2001:db8::10. Reboot the router if the WAN light stays orange.`,

  // the bot persona introducing itself
  `Hi, I'm Sol, your virtual assistant. I can change seats, add bags, rebook cancelled flights and send you invoices. For anything else, type AGENT and a member of our team will join the chat. Sol is available 24/7.`,

  // air waybill customs data
  `AWB 176-44120931 · 3 pcs · gross 12.4 kg · chargeable 14.0 kg · HS 8471.30.0100 · incoterm DAP · declared value USD 1,240.00 · customs status: released 2025-02-19 10:42 · duty paid: USD 0.00 (below threshold).`,

  // marketplace fee policy
  `Seller fees from 1 July: 8% commission on the item price (min. €0.50), payment processing 1.9% + €0.25, and a €15.00 fee for each chargeback lost. Payouts run every Tuesday for balances above €20.00. Listings stay active for 60 days.`,

  // webhook JSON with opaque ids only
  `{"id":"evt_1QzX8mLk2aB7","type":"invoice.paid","created":1741170011,"data":{"object":{"id":"in_1QzX7wLk2aB7","customer":"cus_RtY88aQ","amount_paid":4200,"currency":"eur","lines":[{"price":"price_pro_monthly","quantity":1}],"status":"paid"}}}`,

  // YAML config with placeholders only
  `smtp:
  host: smtp.example.org
  port: 587
  user: \${SMTP_USER}
  password: \${SMTP_PASSWORD}
payments:
  api_key: YOUR_API_KEY_HERE
  mode: test
logging:
  level: info`,

  // stack trace without user data
  `java.lang.NullPointerException: Cannot invoke "SeatMap.getCabin()" because "map" is null
    at com.aerolink.seats.SeatService.assign(SeatService.java:142)
    at com.aerolink.seats.SeatController.post(SeatController.java:58)
    at org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)
request_id=7e1c9a2f flight=KQ1502 date=2025-03-18 seat=31A`,

  // German delivery notice
  `Ihre Sendung 00340434161094042557 wird heute zwischen 10:00 und 14:00 Uhr zugestellt. Gewicht: 2,4 kg. Falls Sie nicht zu Hause sind, legen wir das Paket in die nächste Packstation. Sendungsstatus: in Zustellung (Stand 08:12 Uhr).`,

  // IVR menu, ASR style
  `thank you for calling please listen carefully as our menu options have changed press one for new bookings press two for changes to an existing booking press three for baggage press four for refunds your call may be recorded for training purposes the current wait time is approximately seven minutes`,

  // room inventory Markdown table
  `| Room | Type | Floor | Status | Rate (EUR) |
|---|---|---|---|---|
| 1412 | Deluxe King | 14 | occupied | 189.00 |
| 1414 | Deluxe Twin | 14 | vacant clean | 179.00 |
| 1501 | Junior Suite | 15 | out of order (AC) | 289.00 |`,

  // telecom plans with USSD and short codes
  `Dial *100# to check your balance or *544# to buy bundles. 5G Unlimited: 45 GB high speed, then 2 Mbps, KES 1,000 per 30 days. eSIM is available on supported phones. Call 456 from your line for customer care, free of charge.`,

  // FX rates and cut-off times
  `Indicative rates at 09:00 CET: EUR/USD 1.0842, EUR/GBP 0.8539, EUR/CHF 0.9581, USD/JPY 149.62. SEPA Instant transfers up to €100,000 settle within 10 seconds; SWIFT transfers submitted after 15:30 CET are processed the next business day.`,

  // course catalogue entry
  `CS-201 Data Structures - Mon/Wed 10:15-11:45, room B-204, 6 ECTS. Prerequisite: CS-101. Enrolment closes 15 September; the written exam is on 3 February 2026 and the resit on 14 April 2026.`,

  // insurance policy wording
  `Section 4.2 - We will not pay claims for illness that first shows symptoms within 14 days of the policy start date. The excess is £250 per claim. Claims must be reported within 30 days of the incident using form C-7.`,

  // property listing without an address
  `2-bed flat, 68 m², 3rd floor with lift, EPC rating C. Service charge £1,450 per year, ground rent £250 per year, 112 years left on the lease, chain free. Viewings on Tuesdays and Thursdays from 17:00.`,

  // OCR'd receipt with noise
  `[receipt photo - OCR]
SUBT0TAL      1,068.40
VAT 2O%         213.68
T0TAL         1,282.08
CARD ****4417  AUTH 0O8821
TERMINAL 0O3   TXN 55120  14/03/2025 19:42
THANK Y0U - NO REFUNDS WITHOUT RECEIPT`,

  // Japanese order confirmation
  `ご注文ありがとうございます。
ご注文番号：JP-20250318-4471
商品：ワイヤレスイヤホン（ブラック）× 1
合計：¥12,800（税込）
発送予定日：3月20日
お問い合わせは support@tsukimi-shop.jp までお願いいたします。`,

  // Arabic order notice
  `شكراً لطلبك. رقم الطلب 55120-AE، موعد التوصيل المتوقع 15 مارس بين الساعة 10 و14. المبلغ الإجمالي 249 درهم شاملاً ضريبة القيمة المضافة. لتتبع الشحنة استخدم الرقم 7741209355.`,

  // warranty with non-birth dates and serials
  `Purchased 12/03/2024, warranty valid until 12/03/2026. Serial SN-4410-8821-QX, firmware 3.2.1, model K7-PRO. To claim, keep the original packaging and the invoice number INV-2024-00917.`,

  // brand names that are also people's names
  `This season's outlet brands include Hugo Boss, Ralph Lauren, Calvin Klein and Tommy Hilfiger, plus sneakers from Adidas and New Balance. Shipping by DHL Express or FedEx; returns free within 30 days.`,
];

export function heldout8(): LabeledDoc[] {
  return [
    ...POSITIVES.map((src, i) => parseMarkup(`h8-p${i + 1}`, 'heldout8', src)),
    ...NEGATIVES.map((src, i) => parseMarkup(`h8-n${i + 1}`, 'heldout8-negative', src, true)),
  ];
}
