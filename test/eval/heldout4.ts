/**
 * Held-out set 4: hand-labeled customer-support texts written blind (without looking at the detector or at the
 * other evaluation sets; only heldout3.ts's labeling conventions and markup.ts were read). Utility / pharmacy /
 * admissions / visa / pet-insurance / car-rental / ticketing / crypto-KYC / food-delivery / SaaS-takeover /
 * wedding / moving / real-estate / charity / hospital-billing (admin) / library / tax-intake / telecom threads in
 * chat, e-mail, SMS, voicemail, form, CSV, JSON, YAML, XML, .env, log and stack-trace shapes; EN plus ES, FR, DE,
 * IT, PT, NL, PL, TR, EL (Greek script and Greeklish), RO, CS, SV, DA, FI, romanised HI/UR, TL, VI, ID and
 * romanised Arabic; plus hard negatives with no personal data at all.
 * Conventions: titles and "'s" outside PERSON; a full name is one PERSON span; phone extensions outside PHONE;
 * a street address runs from the house number / flat (or street name where it comes first) to the postcode and
 * city right after it; cities / regions / countries outside an address are LOCATION; URLs carrying personal values
 * or credentials are one URL span; for `password: value` only the value is SECRET; DATE_OF_BIRTH only where the
 * context says so; organizations, role mailboxes and the bot persona ("Pixel") are not labeled.
 */
import { parseMarkup, type LabeledDoc } from './markup.js';

const POSITIVES: readonly string[] = [
  // p1 utility meter dispute, chat with timestamps
  `[09:14:02] Pixel: Hi, I'm Pixel, the Northgrid Energy assistant. How can I help today?
[09:14:30] Customer: my meter reading is wrong, the bill says 48,211 kWh which is impossible for a 2-bed flat
[09:14:51] Pixel: Sorry about that! Could I have the account holder's name and the supply address?
[09:15:22] Customer: [[PERSON:Oluwaseun Adeyemi-Clarke]], [[STREET_ADDRESS:Flat 3, 27 Harrowgate Road, Leeds LS7 4NQ]]
[09:15:40] Pixel: Thanks. And a contact number in case an engineer needs access to the meter cupboard?
[09:16:05] Customer: [[PHONE:07700 912 384]]. if I don't answer try my partner [[PERSON:Dami]] on [[PHONE:+44 7911 123456]]
[09:16:31] Pixel: Noted. I've raised dispute MD-2024-55812 and a meter read request. You'll hear back within 5 working days.`,

  // p2 pharmacy order mix-up, Spanish, quoted reply
  `Asunto: RE: Pedido equivocado #FAR-220931

Hola [[PERSON:Rocío]]:

Lamentamos mucho la confusión. Hemos comprobado que el paquete dirigido a [[STREET_ADDRESS:Calle de Ayala 84, 3º B, 28001 Madrid]] salió del almacén con la etiqueta de otro pedido. Un mensajero pasará a recogerlo mañana entre las 10:00 y las 14:00 y le entregará el suyo en el mismo momento.

Un saludo,
Atención al Cliente — Farmacia Central Online
atencion@farmaciacentral.es

> El 12 mar 2024, a las 19:02, [[PERSON:Rocío Benítez Ordóñez]] <[[EMAIL:rocio.benitez.o@gmail.com]]> escribió:
> Buenas tardes, he recibido un pedido a nombre de [[PERSON:Joaquín Sáez Ruiz]] en lugar del mío. Mi número de cliente es 4471902 y mi móvil es el [[PHONE:612 48 93 07]]. No he abierto las cajas.`,

  // p3 university admissions query
  `From: [[PERSON:Priya Venkataraman]] <[[EMAIL:priya.venkat2006@outlook.com]]>
To: admissions@westbrook.ac.uk
Subject: Application UA-2024-118305 - transcript still "missing"

Dear Admissions Office,

I submitted my application on 3 January but the portal still shows my school transcript as missing. My details, in case they help:

Full name: [[PERSON:VENKATARAMAN, Priya Lakshmi]]
Date of birth: [[DATE_OF_BIRTH:19/08/2006]]
Applicant phone: [[PHONE:+91 98450 23817]]
Home address: [[STREET_ADDRESS:No. 14, 2nd Cross, Jayanagar 4th Block, Bengaluru 560011]]

My school counsellor, Mrs. [[PERSON:Farah D'Souza]], uploaded it on my behalf from [[EMAIL:fdsouza@stjosephs-blr.edu.in]] on 9 January.

Kind regards,
[[PERSON:Priya]]`,

  // p4 visa appointment, French
  `Objet : Rendez-vous biométrie — dossier VFS/PAR/2024/00871

Bonjour,

Je souhaite déplacer le rendez-vous de mon époux, M. [[PERSON:Karim Benali-Haddad]], prévu le 14 mai à 9h30 au centre de [[LOCATION:Lyon]]. Il est né le [[DATE_OF_BIRTH:02/11/1984]] à [[LOCATION:Oran]] et le formulaire en ligne refuse la date, je ne comprends pas pourquoi.
Vous pouvez me joindre au [[PHONE:06 71 23 48 90]] ou par e-mail : [[EMAIL:nadia.benali@laposte.net]].
Notre adresse : [[STREET_ADDRESS:17 rue Paul Bert, 69003 Lyon]].

Cordialement,
[[PERSON:Nadia Benali]]`,

  // p5 pet insurance claim form
  `PET INSURANCE CLAIM FORM — Part A (Policyholder)
Policy no.: PAW-AU-7730194
Policyholder: Mr [[PERSON:Liam O'Connor-Tui]]
Postal address: [[STREET_ADDRESS:Unit 5/112 Beach Road, Coogee NSW 2034]]
Mobile: [[PHONE:0412 558 903]]
Email: [[EMAIL:liam.oconnortui@bigpond.com]]
Pet name: Biscuit      Species/breed: Dog / Cavoodle
Treating clinic: Coogee Beach Vet Hospital   Invoice: INV-20931
Amount claimed: $1,482.50
Preferred refund: card on file ending 0372
Declaration signed: [[PERSON:L. O'Connor-Tui]]      Date: 04/06/2024`,

  // p6 car rental damage dispute, Italian
  `Gentile Servizio Clienti,

sono [[PERSON:Giulia Marchetti]] e vi scrivo per contestare l'addebito di 680,00 € per il graffio sulla portiera della Fiat 500 (contratto RA-IT-559204), ritirata all'aeroporto di [[LOCATION:Bologna]] il 2 agosto e riconsegnata a [[LOCATION:Firenze]] il 6. Il danno era già presente al ritiro e l'ho fotografato davanti al vostro addetto, il sig. [[PERSON:Lorenzo Pinna]].
L'addebito è stato fatto sulla mia carta [[CREDIT_CARD:5425 2334 3010 9101]]: chiedo lo storno entro 14 giorni, altrimenti aprirò una contestazione con la banca.

Recapiti: cell. [[PHONE:347 812 6690]], [[EMAIL:giulia.marchetti84@libero.it]]
Residenza: [[STREET_ADDRESS:Via San Vitale 41, 40125 Bologna]]

Distinti saluti
[[PERSON:G. Marchetti]]`,

  // p7 concert ticket transfer, SMS
  `[SMS] From: [[PHONE:+1 415-867-2291]]  Tue 18:42
hey it's [[PERSON:Marcus]]!! did the tix come thru? I transferred 2 GA passes for the Aug 9 show to [[EMAIL:jenna.w.park@icloud.com]]
[SMS] To: [[PHONE:+1 415-867-2291]]  Tue 18:47
nope nothing yet :( can u resend to my other one [[EMAIL:jpark.music@gmail.com]]
[SMS] From: TIXLY  Tue 19:03
Your transfer TRF-88-4410-2931 to [[PERSON:Jenna Park]] was accepted. Questions? Reply HELP. Stop? Reply STOP.`,

  // p8 crypto KYC escalation, JSON
  `Escalation L2 -> Compliance | ticket KYC-33109
Reason: selfie / ID mismatch, manual review requested by agent [[PERSON:Tomás Ferreyra]].

{
  "user_id": "usr_9f31c2",
  "full_name": "[[PERSON:Nguyen Thi Thu Ha]]",
  "dob": "[[DATE_OF_BIRTH:1993-08-17]]",
  "nationality": "VN",
  "email": "[[EMAIL:thuha.nguyen93@yahoo.com]]",
  "phone": "[[PHONE:+84 912 345 678]]",
  "residential_address": "[[STREET_ADDRESS:Số 12 Ngõ 55 Huỳnh Thúc Kháng, Đống Đa, Hà Nội 100000]]",
  "last_login_ip": "[[IP_ADDRESS:113.161.72.19]]",
  "withdrawal_iban": "[[IBAN:DE62370400440532013001]]",
  "risk_score": 0.71
}
Note: customer says she moved to [[LOCATION:Berlin]] in March; proof of address pending.`,

  // p9 food delivery complaint, Turkish chat
  `Müşteri: Merhaba, siparişim 1 saattir gelmedi. Sipariş no: YS-7781204
Pixel: Merhaba, ben Pixel! Teslimat adresinizi doğrulayabilir misiniz?
Müşteri: [[STREET_ADDRESS:Bağdat Caddesi No: 214 Daire 7, 34728 Kadıköy/İstanbul]]. Adım [[PERSON:Elif Nur Yıldırım]], telefonum [[PHONE:0532 418 27 63]]
Pixel: Teşekkürler [[PERSON:Elif]] Hanım. Kuryemiz [[PERSON:Mehmet]] şu anda yolda görünüyor, tahmini varış 12 dakika.
Müşteri: 40 dakikadır "yolda" yazıyor. İptal edip para iadesi istiyorum.
Pixel: Anlıyorum. İade talebinizi oluşturdum (IADE-55120), 3-5 iş günü içinde kartınıza yansır.`,

  // p10 SaaS account takeover with audit log
  `Subject: URGENT - someone logged into my workspace

Hi, I'm the owner of the "brightfold-design" workspace. I got a "new sign-in" email at 3am while I was asleep. Audit log export below:

2024-05-21T02:58:11Z login.success user=[[EMAIL:a.kowalczyk@brightfold.design]] ip=[[IP_ADDRESS:185.220.101.47]] ua="Mozilla/5.0 (X11; Linux x86_64)" geo=[[LOCATION:Frankfurt]]
2024-05-21T03:01:40Z apikey.create user=[[EMAIL:a.kowalczyk@brightfold.design]] ip=[[IP_ADDRESS:185.220.101.47]] key_id=key_7Hc2
2024-05-21T03:02:05Z export.start user=[[EMAIL:a.kowalczyk@brightfold.design]] ip=[[IP_ADDRESS:185.220.101.47]] scope=all_projects
2024-05-21T07:45:19Z login.success user=[[EMAIL:a.kowalczyk@brightfold.design]] ip=[[IP_ADDRESS:83.24.156.201]] geo=[[LOCATION:Kraków]]

The last line is me. Please kill every session, revoke key_7Hc2 and tell me what was exported. Callback number: [[PHONE:+48 601 234 987]].

[[PERSON:Agnieszka Kowalczyk]]
Founder, Brightfold Design`,

  // p11 wedding venue booking, German (Austria)
  `Betreff: Hochzeit am 14.09.2025 – verbindliche Buchung Gartensaal

Sehr geehrte Damen und Herren,

wir ([[PERSON:Jonas Weißenberger]] und [[PERSON:Lea-Marie Kühn]]) möchten den Gartensaal für unsere Hochzeit verbindlich buchen. Die Anzahlung von 2.500 € überweisen wir heute von folgendem Konto:

Kontoinhaber: [[PERSON:Jonas Weißenberger]]
IBAN: [[IBAN:AT34 1904 3002 3457 3202]]
Rechnungsanschrift: [[STREET_ADDRESS:Mariahilfer Straße 88/3/12, 1070 Wien]]
Telefon: [[PHONE:+43 664 123 45 67]]

Die Trauzeugin, Frau [[PERSON:Katharina Pölzl]], meldet sich wegen der Tischordnung separat.

Mit freundlichen Grüßen
[[PERSON:Lea-Marie Kühn]]`,

  // p12 moving company quote, markdown table
  `Quote request #MV-40921 — summary for crew lead

| Field | Value |
|---|---|
| Customer | Dr. [[PERSON:Hannah Osei-Bonsu]] |
| From | [[STREET_ADDRESS:88 Larkspur Lane, Apt 4C, Evanston, IL 60201]] |
| To | [[STREET_ADDRESS:1520 Pearl Street, Boulder, CO 80302]] |
| Phone | [[PHONE:(847) 328-4410]] |
| Email | [[EMAIL:hannah.ob@northwestern-alumni.org]] |
| Alt contact | brother [[PERSON:Kwame]], [[PHONE:(720) 394-1187]] |
| Move date | 06/28/2024 |
| Volume | ~1,150 cu ft, piano (upright), 3rd floor walk-up |

Estimate: $4,870 incl. packing. Deposit 15% due on signing.`,

  // p13 real-estate viewing, Dutch
  `[10-04-2024 11:02] Van Dijk Wonen: Goedemiddag, de bezichtiging van [[STREET_ADDRESS:Keizersgracht 311-II, 1016 EE Amsterdam]] is bevestigd voor donderdag om 14:00.
[10-04-2024 11:05] [[PERSON:Sanne de Vries-Bakker]]: Top! Mijn partner [[PERSON:Thijs van den Berg]] komt ook mee. Kunt u hem bellen op [[PHONE:06-41 27 89 30]] als er iets verandert? Ik zit de hele dag in vergaderingen.
[10-04-2024 11:06] Van Dijk Wonen: Zeker. Mag ik nog uw e-mailadres voor de brochure en het biedingsformulier?
[10-04-2024 11:07] [[PERSON:Sanne de Vries-Bakker]]: [[EMAIL:s.devriesbakker@ziggo.nl]]
[10-04-2024 11:07] Van Dijk Wonen: Dank u, tot donderdag!`,

  // p14 charity donation receipt
  `THANK YOU FOR YOUR GIFT
Receipt no: DON-2024-0081723          Date: 2 April 2024
Donor: Mrs [[PERSON:Margaret Ellsworth-Hughes]] ("[[PERSON:Peggy]]")
Address: [[STREET_ADDRESS:4 Church Close, Great Shelford, Cambridge CB22 5EL]]
Email: [[EMAIL:peggy.eh@btinternet.com]]
Amount: £250.00     Method: Visa ending 6418     Gift Aid: Yes
Your gift funds two weeks of our riverside clean-up programme.
Questions about this receipt? Write to supporter.care@riverstrust.org.uk`,

  // p15 hospital billing voicemail
  `Voicemail transcript — Patient Billing Office line, 14 Feb 2024 4:12 PM (auto-transcribed)
"Hi, this is [[PERSON:Darnell Washington]], calling about statement number 00482-2291 for my mother, [[PERSON:Loretta Washington]], date of birth [[DATE_OF_BIRTH:April 3rd, 1951]]. We got charged twice for the January visit, same amount, two days apart. You can call me back at [[PHONE:404-873-2210]], that's [[PHONE:four oh four, eight seven three, twenty-two ten]]. Or my wife [[PERSON:Keisha]] at [[PHONE:678-290-4415]]. Thank you."`,

  // p16 library account, Swedish
  `Hej!

Jag har fått en påminnelse om försenade böcker men jag lämnade tillbaka alla tre i bokinkastet förra tisdagen (kvitto saknas tyvärr). Lånekort: SSB-448812.

Namn: [[PERSON:Oskar Lindqvist]]
Adress: [[STREET_ADDRESS:Sveavägen 44, 113 59 Stockholm]]
Telefon: [[PHONE:070-123 45 67]]
E-post: [[EMAIL:oskar.lindqvist@telia.com]]

Kan ni ta bort förseningsavgiften på 60 kr?
Mvh [[PERSON:Oskar]]`,

  // p17 tax preparer intake form
  `CLIENT INTAKE — 2023 Tax Year (Form 1040)
Taxpayer: [[PERSON:Rodriguez, Alejandro M.]]     SSN: [[US_SSN:412-67-3098]]     DOB: [[DATE_OF_BIRTH:11/02/1979]]
Spouse:   [[PERSON:Rodriguez, Carmen I.]]         SSN: [[US_SSN:529-31-4470]]     DOB: [[DATE_OF_BIRTH:07/25/1981]]
Dependents:
  1. [[PERSON:Sofia Rodriguez]]   DOB [[DATE_OF_BIRTH:03/09/2012]]   SSN [[US_SSN:231-08-5562]]
  2. [[PERSON:Mateo Rodriguez]]   DOB [[DATE_OF_BIRTH:12/14/2015]]   SSN pending
Address: [[STREET_ADDRESS:2207 W Alabama St, Houston, TX 77098]]
Phone: [[PHONE:713.482.9916]]     Email: [[EMAIL:alex.rodriguez79@gmail.com]]
Filing status: MFJ   Prior-year AGI: $96,410   Preparer: [[PERSON:Denise Hargrove]], EA`,

  // p18 telecom roaming complaint, Portuguese (BR)
  `Olá, meu nome é [[PERSON:Ana Beatriz Conceição dos Santos]] e fui cobrada R$ 1.240,00 de roaming durante uma viagem a [[LOCATION:Lisboa]] e ao [[LOCATION:Porto]], mesmo com o pacote internacional ativado antes do embarque.
Linha: [[PHONE:(11) 98765-4321]]
E-mail: [[EMAIL:anabia.santos@uol.com.br]]
Endereço de cobrança: [[STREET_ADDRESS:Rua Augusta, 1508, apto 62, Consolação, São Paulo - SP, 01304-001]]
Data de nascimento (para confirmar a titularidade): [[DATE_OF_BIRTH:22/04/1990]]
Protocolo anterior: 2024031588121. Quero o estorno integral, por favor.`,

  // p19 dev support, .env pasted
  `hey support, our deploy keeps failing with "SignatureDoesNotMatch" since this morning. here's the .env from the box (i know, i know, rotating after):

AWS_ACCESS_KEY_ID=[[SECRET:AKIAD3WE9KIWDMC43OSZ]]
AWS_SECRET_ACCESS_KEY=[[SECRET:riQkIfldtE5xEBZ5l0ODMSdyzuXXnKGLfc3c7S88]]
AWS_REGION=eu-west-1
DATABASE_URL=[[URL:postgres://app_rw:Tr0ub4dor-Ketchup-91@db.prod.shopline-internal.net:5432/orders]]
STRIPE_SECRET_KEY=[[SECRET:sk_live_hyKjSRmO150lFuEgaflD3VTA]]
LOG_LEVEL=debug
FEATURE_FLAGS=checkout_v2,new_tax

thanks — [[PERSON:Ravi]]`,
  // p20 parcel locker redirect, Polish
  `Dzień dobry,

paczka nr 6200 4411 8820 1937 5501 miała trafić do paczkomatu WAW22M, ale status pokazuje "zwrot do nadawcy". Proszę o przekierowanie na adres domowy:

[[PERSON:Małgorzata Wiśniewska-Nowak]]
[[STREET_ADDRESS:ul. Marszałkowska 115 m. 24, 00-102 Warszawa]]
tel. [[PHONE:+48 512 340 776]]

Jeśli kurier nie zastanie mnie w domu, proszę zostawić u sąsiada, pana [[PERSON:Zbigniewa Mroczka]] (mieszkanie 23).
Pozdrawiam
[[PERSON:M. Wiśniewska-Nowak]]`,

  // p21 ferry refund, Greek script
  `Θέμα: Ακύρωση εισιτηρίων πλοίου — κράτηση FRY-55821

Καλησπέρα σας,

λόγω απαγορευτικού απόπλου ακυρώθηκε το δρομολόγιο [[LOCATION:Πειραιάς]] – [[LOCATION:Νάξος]] της 18ης Αυγούστου. Ζητώ επιστροφή χρημάτων για δύο επιβάτες: [[PERSON:Γιώργος Παπαδόπουλος]] και [[PERSON:Ελένη Παπαδοπούλου]].
Τηλέφωνο επικοινωνίας: [[PHONE:694 512 3380]]
Email: [[EMAIL:g.papadopoulos@otenet.gr]]
Διεύθυνση: [[STREET_ADDRESS:Οδός Ερμού 56, 105 63 Αθήνα]]
IBAN για την επιστροφή: [[IBAN:GR56 0110 1250 0000 0001 2300 69]]

Ευχαριστώ,
[[PERSON:Γ. Παπαδόπουλος]]`,

  // p22 card blocked, Romanian chat
  `[14:02] Client: Bună ziua, cardul meu a fost blocat după o plată online de 89 lei.
[14:02] Pixel: Bună! Sunt Pixel, asistentul virtual. Îmi puteți spune numele titularului?
[14:03] Client: [[PERSON:Andreea-Ioana Dumitrescu]]. Numărul cardului e [[CREDIT_CARD:4716 2209 8812 3452]]
[14:03] Pixel: Vă rog să nu trimiteți numărul complet al cardului în chat. Vă transfer către un coleg.
[14:05] Operator [[PERSON:Radu]]: Bună ziua, doamna [[PERSON:Dumitrescu]]. Pentru verificare, data nașterii?
[14:05] Client: [[DATE_OF_BIRTH:09.10.1991]]. Și telefonul e [[PHONE:0722 314 659]]
[14:07] Operator [[PERSON:Radu]]: Mulțumesc. Cardul a fost deblocat; tranzacția a fost marcată ca suspectă de sistemul antifraudă.`,

  // p23 e-shop return, Czech
  `Dobrý den,

chtěla bych vrátit kabát (objednávka 2024-118742, velikost M), protože neodpovídá popisu. Zpětnou zásilku jsem odeslala z pobočky Zásilkovny v [[LOCATION:Brně]].
Peníze prosím vraťte na účet [[IBAN:CZ65 0800 0000 1920 0014 5399]].

Jméno: [[PERSON:Tereza Dvořáková]]
Datum narození: [[DATE_OF_BIRTH:3. 5. 1977]] (vyžaduje váš formulář, nevím proč)
Adresa: [[STREET_ADDRESS:Údolní 53, 602 00 Brno]]
Telefon: [[PHONE:+420 603 218 447]]

S pozdravem
[[PERSON:Tereza Dvořáková]]`,

  // p24 dental clinic admin, Danish
  `Hej,

Jeg vil gerne flytte min søns tid til tandrensning fra onsdag d. 12. juni til en dag i næste uge efter kl. 15. Han hedder [[PERSON:Magnus Østergaard]] og er født [[DATE_OF_BIRTH:11-12-2014]].
Ring gerne på [[PHONE:+45 21 43 65 87]] eller skriv til [[EMAIL:mette.ostergaard@mail.dk]].
Vi er flyttet til [[STREET_ADDRESS:Nørrebrogade 142, 3. tv., 2200 København N]], så adressen i jeres system er forkert.

Venlig hilsen
[[PERSON:Mette Østergaard]]`,

  // p25 electricity contract switch, Finnish
  `Hei,

haluan vaihtaa sähkösopimukseni kiinteähintaiseen 1.7. alkaen. Tiedot:
Nimi: [[PERSON:Aino-Kaisa Järvinen]]
Syntymäaika: [[DATE_OF_BIRTH:28.2.1969]]
Käyttöpaikan osoite: [[STREET_ADDRESS:Hämeenkatu 21 B 14, 33200 Tampere]]
Puhelin: [[PHONE:040 718 2236]]
Sähköposti: [[EMAIL:ainokaisa.jarvinen@elisanet.fi]]
Laskut e-laskuna tilille [[IBAN:FI91 1234 5600 0007 86]].

Kiitos!`,

  // p26 mobile recharge failed, romanised Hindi
  `Namaste sir, maine kal raat 11 baje apne number [[PHONE:98110 45372]] pe ₹599 ka recharge kiya tha, paisa account se kat gaya par recharge nahi hua. Transaction ID T2406051123349812.
Mera naam [[PERSON:Rajesh Kumar Yadav]] hai, [[LOCATION:Lucknow]] se. Meri beti [[PERSON:Anjali]] ka number [[PHONE:+91 87654 09231]] bhi isi account se linked hai, uska bhi check kar lijiye.
Email: [[EMAIL:rajesh.yadav.lko@rediffmail.com]]
Jaldi refund kijiye please, 3 din ho gaye.`,

  // p27 remittance not received, Tagalog
  `Magandang araw po! Nagpadala po ako ng pera noong Lunes (reference RMT-PH-0091772) pero hindi pa rin natatanggap ng nanay ko.
Sender: [[PERSON:Maricel dela Cruz]], nasa [[LOCATION:Dubai]] po ako ngayon, [[PHONE:+971 50 381 2294]]
Receiver: [[PERSON:Erlinda dela Cruz]], [[STREET_ADDRESS:Blk 7 Lot 12 Sampaguita St., Brgy. San Isidro, Antipolo City 1870]]
Cellphone ng receiver: [[PHONE:0917 823 4410]]
Petsa ng kapanganakan ng receiver (kailangan daw sa pickup): [[DATE_OF_BIRTH:Hunyo 12, 1958]]
Salamat po!`,

  // p28 airline name correction, Vietnamese
  `Kính gửi bộ phận chăm sóc khách hàng,

Tôi đặt vé mã đặt chỗ QH7KZP cho chuyến [[LOCATION:Hà Nội]] – [[LOCATION:Đà Nẵng]] ngày 20/07 nhưng tên hành khách bị sai chính tả. Tên đúng trên hộ chiếu là [[PERSON:TRAN MINH KHOA]] (trên vé ghi TRAN MINH KHOAA).
Ngày sinh: [[DATE_OF_BIRTH:05/01/1996]]
Số điện thoại: [[PHONE:0903 456 218]]
Email: [[EMAIL:khoa.tranminh96@gmail.com]]

Xin cảm ơn,
[[PERSON:Trần Minh Khoa]]`,

  // p29 e-commerce refund, Indonesian
  `Halo kak, pesanan saya INV/20240611/MPL/3991827644 belum sampai padahal status "terkirim". Kurirnya bilang sudah dititip ke satpam, tapi satpam tidak terima apa-apa.
Nama penerima: [[PERSON:Dewi Anggraini Putri]]
Alamat: [[STREET_ADDRESS:Jl. Kaliurang KM 5,6 No. 18, Sleman, Yogyakarta 55281]]
No HP: [[PHONE:0812-2719-4405]]
Tolong dibantu refund ya kak. Saldo dikembalikan ke rekening atas nama [[PERSON:Budi Santoso]] (suami saya) juga boleh.`,

  // p30 hotel booking, romanised Arabic
  `Salam alaykum, ana [[PERSON:Youssef El-Amrani]], 3andi réservation f l'hôtel (booking HTL-448190) men 12 l 15 juillet. Bghit nbeddel la chambre l twin 7it ghadi tji m3aya khti [[PERSON:Salma]].
Tareekh el milad dyali: [[DATE_OF_BIRTH:02/03/1988]] (kaytlbouh f check-in).
Raqm telephone: [[PHONE:+212 661 23 45 78]]
Email: [[EMAIL:youssef.elamrani88@hotmail.fr]]
Shukran bezzaf.`,

  // p31 Java stack trace with user data
  `Ticket #81934 — checkout 500 error, customer pasted this from the browser console / our Sentry:

com.payflow.checkout.PaymentDeclinedException: Card declined for customer_email=[[EMAIL:b.okafor@proton.me]] last4=4108
    at com.payflow.checkout.CardService.authorize(CardService.java:212)
    at com.payflow.checkout.CheckoutController.submit(CheckoutController.java:88)
    at jdk.internal.reflect.GeneratedMethodAccessor41.invoke(Unknown Source)
Caused by: com.payflow.gateway.GatewayException: AVS mismatch billing_address="[[STREET_ADDRESS:19 Kingsway Crescent, Edmonton, AB T5G 0X5]]" client_ip=[[IP_ADDRESS:142.59.44.118]]
    at com.payflow.gateway.AdyenClient.call(AdyenClient.java:140)
    ... 42 more

Customer ([[PERSON:Blessing Okafor]]) says the card works everywhere else. Escalating to payments team.`,

  // p32 CSV export
  `customer_id,first_name,last_name,email,phone,city,signup_date
C-10021,[[PERSON:Hope]],[[PERSON:Carpenter]],[[EMAIL:hope.carpenter@fastmail.com]],[[PHONE:+1 503 288 1742]],[[LOCATION:Portland]],2023-11-02
C-10022,[[PERSON:Will]],[[PERSON:Bishop]],[[EMAIL:willbishop1990@gmail.com]],[[PHONE:(916) 442-0815]],[[LOCATION:Sacramento]],2023-11-02
C-10023,[[PERSON:Mei-Ling]],[[PERSON:Tsai]],[[EMAIL:meiling.tsai@outlook.com]],[[PHONE:+886 912 345 678]],[[LOCATION:Taipei]],2023-11-03
C-10024,[[PERSON:Ngozi]],[[PERSON:Eze-Okonkwo]],[[EMAIL:ngozi.eze@yahoo.co.uk]],[[PHONE:+44 20 7946 1188]],[[LOCATION:London]],2023-11-04`,

  // p33 YAML CI config with GitHub token
  `Hi Pixel team, our GitHub Action suddenly can't push tags. Here's the workflow snippet, maybe you see it:

jobs:
  release:
    runs-on: ubuntu-latest
    env:
      GH_TOKEN: [[SECRET:ghp_mwa5Sm5WdjtrcbCQKvleR1a3q9HtCTccj8vT]]
      NPM_TOKEN: [[SECRET:npm_zqRoGACcmRiQUbUaNXaRrzCvDVi4aWJF8InS]]
      NODE_VERSION: "20.11.1"
    steps:
      - uses: actions/checkout@v4
      - run: npm ci && npm run release

Error: "Resource not accessible by integration (403)". Repo is private. — [[PERSON:Lukas Brandstätter]]`,

  // p34 XML customer record
  `Pasted from the legacy CRM export (record flagged for GDPR erasure request ER-2024-0412):

<customer id="88213">
  <name>[[PERSON:Kofi Mensah Osei]]</name>
  <email>[[EMAIL:k.osei@gmx.net]]</email>
  <phone type="mobile">[[PHONE:+233 24 412 7789]]</phone>
  <address>[[STREET_ADDRESS:Hauptstraße 4, 53111 Bonn]]</address>
  <birthDate>[[DATE_OF_BIRTH:1985-12-30]]</birthDate>
  <card last4="7741" brand="VISA"/>
  <created>2017-03-14T09:21:00Z</created>
</customer>`,

  // p35 password reset URL and JWT in bug report
  `Bug report: password reset link logs me in as someone else?!

Steps: clicked the reset e-mail, got redirected to
[[URL:https://app.tallyboard.io/reset?token=8f2c91ab77e04c1d&email=c.mbeki%40icloud.com]]
and the dashboard shows the name "[[PERSON:Thabo Nkosi]]", not me. My Authorization header was:
Bearer [[SECRET:eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1Xzg4MjEzIiwiZW1haWwiOiJrLm9zZWlAZ21haWx4LmNvbSIsImlhdCI6MTcxODAwMDAwMH0.eHeIMj25lcgyk7Y3dKhCWPBJsJQivjJsaWrVpHAzlcQ]]

Please look into this, it's scary. — [[PERSON:Candice Mbeki]], [[EMAIL:c.mbeki@icloud.com]]`,

  // p36 private key accidentally pasted
  `Support, our SFTP integration to your warehouse endpoint stopped working after you rotated host keys. Here is the key we use (it's the deploy key, I'll regenerate it after):

[[SECRET:-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIK+/hYy+HeC8gEYbpmQFmytrkNnXKrkBXtXjcHCnFVsmoAoGCCqGSM49
AwEHoUQDQgAEQZMvhYxWZOl26KGD1P6FAv2Jd7wPZzltuUqmRqbrHAMd5lqekXq/
9UnaCwiKP/CzAWrRoO5j7z7kS1F7oNy3RQ==
-----END EC PRIVATE KEY-----]]

We connect from [[IP_ADDRESS:52.28.114.9]]. Contact: [[PERSON:Fatima Zahra Benjelloun]], [[PHONE:+33 7 81 22 90 14]].`,

  // p37 airline lost baggage with PNR-style names
  `PIR: LHRBA44817   Date: 23JUN24
Pax: [[PERSON:OYELARAN/TEMITOPE MS]]   PNR: K7XQ2M   Flight BA0075 LOS-LHR
Bag tag: BA 612844   Colour/type: BK 22
Delivery address: Premier Inn, [[STREET_ADDRESS:1 Bath Road, Hounslow TW6 2AA]] until 28 JUN, then [[STREET_ADDRESS:12 Adeola Odeku Street, Victoria Island, Lagos 101241]]
Contact: [[PHONE:+234 803 441 2087]] / [[EMAIL:tope.oyelaran@gmail.com]]
Remarks: Pax travelling with son [[PERSON:OYELARAN/DAMILOLA MSTR]]; contains school uniforms.`,

  // p38 gaming account recovery
  `hi my account got hacked and they changed the email!! my username is xXShadowKoiXx, original email was [[EMAIL:leo.fontaine2009@gmail.com]] and now it says something like d4rkm***@yandex.ru. i bought the battle pass with my mums card, she is [[PERSON:Isabelle Fontaine]], last 4 digits 9424. the hacker logged in from [[IP_ADDRESS:95.142.46.35]] it says in the security page. im [[PERSON:Léo]] btw. pls help i had 3 years of skins`,

  // p39 forwarded thread, English/Spanish
  `---------- Forwarded message ---------
From: [[PERSON:Carlos Ibáñez]] <[[EMAIL:cibanez@ibanez-asesores.es]]>
Date: Mon, 3 Jun 2024 at 17:21
Subject: Fwd: Factura duplicada
To: billing@cloudnest.io

Hi team, forwarding my client's complaint below. Please advise.

> De: [[PERSON:Lucía Fernández-Prieto]] <[[EMAIL:lucia.fprieto@telefonica.net]]>
> Para: [[EMAIL:cibanez@ibanez-asesores.es]]
> [[PERSON:Carlos]], me han cobrado dos veces la factura CN-2024-05-4410 (49,00 €) en la tarjeta [[CREDIT_CARD:4532 0177 6622 0191]]. ¿Puedes reclamarlo? Mi teléfono es [[PHONE:+34 699 12 84 30]].`,

  // p40 parking fine appeal
  `Re: Penalty Charge Notice WK81234567 — formal representation

I am the registered keeper of vehicle LD19 XKE. The vehicle was parked outside [[STREET_ADDRESS:33 Gloucester Avenue, London NW1 7BA]] with a valid blue badge displayed (badge holder: my father, [[PERSON:Harold Pemberton-Smythe]], born [[DATE_OF_BIRTH:2 October 1942]]).

Please send correspondence to me at the address above or by email to [[EMAIL:jpemberton.smythe@gmail.com]].

Yours faithfully,
[[PERSON:Julian Pemberton-Smythe]]
[[PHONE:020 7485 3390]]`,
  // p41 nginx/app log lines with IPs and emails
  `Customer says they were rate-limited during signup. Relevant lines from api-gw (times UTC):

[2024-06-02 14:11:03] WARN  ratelimit key=signup client=[[IP_ADDRESS:81.2.69.160]] email=[[EMAIL:rosa.gardner@btopenworld.com]] attempts=6
[2024-06-02 14:11:09] WARN  ratelimit key=signup client=[[IP_ADDRESS:81.2.69.160]] email=[[EMAIL:rosa.gardner@btopenworld.com]] attempts=7
[2024-06-02 14:13:44] INFO  signup.ok client=[[IP_ADDRESS:2a02:c7c:5d2a:9f00:1c4e:8b2f:3a10:77d1]] email=[[EMAIL:rosa.gardner@btopenworld.com]] plan=free

So [[PERSON:Rosa]] eventually got in over IPv6 from her phone. Closing as expected behaviour.`,

  // p42 school trip permission, English with word-names
  `Hi Mrs. [[PERSON:Grace Ndlovu]],

Thanks for the reminder about the museum trip on Friday. [[PERSON:Summer]] (Year 5, class Oak) has permission to go. Please note she has a new emergency contact: her grandfather [[PERSON:Bill Chase]], [[PHONE:0161 496 2278]] — he lives at [[STREET_ADDRESS:21 Moss Lane, Sale M33 6GA]] and can collect her if needed.

Best wishes,
[[PERSON:Amber Chase]] ([[PERSON:Summer]]'s mum)
[[PHONE:07823 418 559]]`,

  // p43 solar installer, Spanish (Mexico)
  `Buen día, les escribo porque los paneles que instalaron el 5 de marzo en mi casa dejaron de generar desde hace una semana. La app marca "inversor desconectado".

Titular del contrato: [[PERSON:José Guadalupe Hernández Treviño]]
Domicilio de instalación: [[STREET_ADDRESS:Av. Constitución 2150, Col. Obispado, 64060 Monterrey, N.L.]]
Celular: [[PHONE:81 1234 5678]]
Correo: [[EMAIL:jg.hdz.trevino@prodigy.net.mx]]

Mi esposa, la Sra. [[PERSON:Verónica Salinas]], estará en casa el martes y jueves por la mañana para recibir al técnico.`,

  // p44 subscription box cancellation, chat with timestamps, Pixel not introducing
  `12:01:44 user: cancel my subscription
12:01:45 bot: I can help with that. Which email is the account under?
12:02:10 user: [[EMAIL:rich.young.84@aol.com]]
12:02:12 bot: Thanks. I found a Snackbox Monthly plan renewing on 1 July. Cancel at the end of the period?
12:02:30 user: yes and refund june, i never got the box. shipping to [[STREET_ADDRESS:455 Elm St Apt 2, Burlington, VT 05401]]
12:02:31 bot: I've cancelled the plan. For the refund I've created case SB-77104; an agent will reply within 24h.
12:40:09 agent [[PERSON:Chidi]]: Hi [[PERSON:Rich]], refund of $34.99 issued to the card ending 5028.`,

  // p45 home insurance water leak, German
  `Schadenmeldung – Leitungswasserschaden

Versicherungsnehmer: Dr. [[PERSON:Friedrich-Wilhelm von Ahlen]]
Versicherungsnummer: HV-4471-0092-18
Schadenort: [[STREET_ADDRESS:Lindenallee 7, 50968 Köln]]
Schadentag: 03.02.2024
Geburtsdatum VN: [[DATE_OF_BIRTH:17.06.1958]]
Telefon tagsüber: [[PHONE:0221 93 47 118]] (Durchwahl -22 im Büro)
Beschreibung: Rohrbruch im Bad des Obergeschosses, Wasser in Decke und Küche. Der Nachbar, Herr [[PERSON:Yusuf Demir]], hat den Haupthahn abgedreht.
Auszahlung bitte auf [[IBAN:DE44 5001 0517 5407 3249 31]].`,

  // p46 pension address update, Dutch letter
  `Geachte heer/mevrouw,

Hierbij geef ik mijn adreswijziging door voor mijn pensioenuitkering (deelnemersnummer 7712-0093).
Naam: [[PERSON:Hendrik Jan Verhoeven]] (roepnaam [[PERSON:Henk]])
Geboortedatum: [[DATE_OF_BIRTH:14 januari 1951]]
Oud adres: [[STREET_ADDRESS:Dorpsstraat 18, 5261 BK Vught]]
Nieuw adres per 1 juni: [[STREET_ADDRESS:Zonnehof 4, 5211 HJ 's-Hertogenbosch]]
Rekeningnummer blijft [[IBAN:NL44 RABO 0123 4567 89]].

Met vriendelijke groet,
[[PERSON:H.J. Verhoeven]]`,

  // p47 dating app report
  `Report #DR-55019 (category: harassment)
Reporter: [[PERSON:Chiara]] (user 99120442)
Reported profile: "[[PERSON:Max]], 34"
Reporter's statement: "He got my number [[PHONE:+39 328 771 0452]] after our second chat and now texts me from different numbers, last one was [[PHONE:+39 351 208 6613]]. He also found my Instagram and my workplace in [[LOCATION:Torino]]. Please ban him."
Moderator note ([[PERSON:Ines]]): account suspended pending review.`,

  // p48 freelance payout, IBAN & Portuguese (PT)
  `Olá equipa,

Os meus pagamentos de maio ainda não chegaram. Atualizei os dados bancários no dia 2, talvez seja isso.
Nome: [[PERSON:Inês Carvalho Magalhães]]
NIF: (enviado por formulário seguro)
IBAN: [[IBAN:PT23 0002 0123 1234 5678 9015 5]]
Morada: [[STREET_ADDRESS:Rua de Santa Catarina 312, 2.º Esq., 4000-447 Porto]]
Telemóvel: [[PHONE:+351 912 345 887]]

Obrigada,
[[PERSON:Inês]]`,

  // p49 coworking membership, English email with signature
  `Hi there,

I'd like to pause my hot-desk membership for August and September while I'm in [[LOCATION:Cape Town]]. My teammate [[PERSON:Joy Achterberg]] will keep her dedicated desk. Please bill the remaining months to the company card as before.

Also, can you update my phone on file to [[PHONE:+27 82 555 3190]]? The old US number won't work abroad.

Cheers,
[[PERSON:Hunter Walsh]]
Product Designer | Lumen & Co.
[[EMAIL:hunter.walsh@lumenandco.com]] | [[PHONE:+1 (646) 201-7735]]`,

  // p50 bike share overcharge
  `Hello,
I rented bike #40917 on 2 May at 17:40 from the dock near the river and returned it at 18:05, but the app says the ride is still active and I was charged £42. Account email: [[EMAIL:tobi.akande@gmail.com]], phone [[PHONE:+44 7458 221 093]]. The charge went to my Mastercard [[CREDIT_CARD:5168 7340 1299 3813]].
Thanks, [[PERSON:Tobi Akande]]`,

  // p51 photography studio, French (Belgium)
  `Bonjour [[PERSON:Mélanie]],

Merci pour la séance photo de samedi ! Pourriez-vous envoyer la galerie privée à mon adresse [[EMAIL:aurelien.vandenbroeck@skynet.be]] plutôt qu'à celle de mon mari ?
Pour le solde (180 €), voici mon compte : [[IBAN:BE33 0682 4993 4571]].
Adresse de facturation : [[STREET_ADDRESS:Avenue Louise 231, boîte 5, 1050 Ixelles]].
Tél. : [[PHONE:0475 12 34 56]]

Belle journée,
[[PERSON:Aurélien Vandenbroeck]]`,

  // p52 Slack bot token in GitHub issue
  `### Bug: bot posts to wrong channel after upgrade to 3.2.0

**Environment**: Node 20, @ourbot/core 3.2.0, self-hosted on a VPS ([[IP_ADDRESS:164.90.211.38]])

**Config** (redacted? oops, not redacted):
SLACK_BOT_TOKEN=[[SECRET:xoxb-011815739385-9341903775594-GNf4lUgb90Rlfy6etVhjOCss]]
SLACK_CHANNEL=C05QX7M2K8A
OPENAI_API_KEY=[[SECRET:sk-proj-WmvQTiLQhmJWFz3PU2vmK7m6vH0fqabp1PHPpoJ4lznTgMjS]]

Reported by [[PERSON:Danielle Okoro]]. Steps to reproduce below.`,

  // p53 utility meter dispute (water), Italian chat
  `[08:55] Cliente: buongiorno, la bolletta dell'acqua di aprile è di 1.380 € per un bilocale, c'è un errore sulla lettura del contatore
[08:55] Pixel: Buongiorno! Sono Pixel. Mi indica il codice cliente?
[08:56] Cliente: 0045-882193, intestato a [[PERSON:Salvatore Esposito]], [[STREET_ADDRESS:Via Toledo 256, 80134 Napoli]]
[08:57] Pixel: Grazie. Risulta una lettura stimata di 2.314 m³. Può inviare una foto del contatore?
[08:59] Cliente: fatto. se serve chiamatemi al [[PHONE:333 190 4477]] oppure mia figlia [[PERSON:Annalisa]] [[PHONE:+39 340 655 2190]]`,

  // p54 hospital billing office, email (admin)
  `Subject: Payment plan request — account 7730012

Hello Billing Office,

I'm writing on behalf of my husband, Mr. [[PERSON:Tran]] — sorry, [[PERSON:Quang Tran]] — for the balance of $3,418.22 from his March stay. We can pay $250/month. Guarantor is me, [[PERSON:Linh Pham-Tran]], [[STREET_ADDRESS:6120 Bellaire Blvd, Houston, TX 77081]], [[PHONE:(832) 407-1193]]. His date of birth is [[DATE_OF_BIRTH:9/30/1962]] if you need it to find the account.

Thank you,
[[PERSON:Linh]]`,

  // p55 concert ticket transfer email, Spanish (Argentina)
  `Hola, compré 4 entradas para el recital del 18 de noviembre (orden TK-AR-8812041) y necesito transferir dos a mi hermano [[PERSON:Federico Gómez Laborde]] ([[EMAIL:fede.gomezlaborde@hotmail.com]], DNI en el formulario). El sistema me pide verificar el titular: la tarjeta es una Amex [[CREDIT_CARD:3714 496353 98431]] a nombre de [[PERSON:María Florencia Gómez Laborde]].
Mi celular: [[PHONE:+54 9 11 4523-8890]]
Gracias!`,

  // p56 car rental, English chat with Pixel, LOCATION
  `Pixel: Welcome back! I'm Pixel. What can I do for you?
You: I returned the SUV to the [[LOCATION:Denver]] airport lot last night but I'm being charged a late fee. Reservation ZR-119034.
Pixel: I see the return scan at 23:14. Your rental ended at 22:00. Can I confirm the driver's name?
You: [[PERSON:Marisol Quintanilla-Reyes]]. I was stuck behind an accident on I-70 coming from [[LOCATION:Vail]], I can send the police incident number.
Pixel: Thanks, [[PERSON:Marisol]]. I've sent this to our claims team. They'll email [[EMAIL:mquintanilla.reyes@yahoo.com]] within 2 business days.`,

  // p57 crypto exchange KYC, email thread with SSN
  `Subject: Re: Re: Verification stuck at "Tier 2"

> On Jun 4, [[PERSON:Derek Olufemi-Haynes]] wrote:
> I uploaded my license twice. Name [[PERSON:Derek Olufemi-Haynes]], DOB [[DATE_OF_BIRTH:1990-02-11]], SSN [[US_SSN:687-22-1049]], address [[STREET_ADDRESS:3300 Peachtree Rd NE, Unit 1207, Atlanta, GA 30326]].

Hi [[PERSON:Derek]],

Thanks for your patience. Please don't send your SSN by email — our compliance team will request it through the secure form. The mismatch was on the ZIP code; it's now corrected.

Best,
[[PERSON:Priyanka]] — Compliance Operations`,

  // p58 telecom roaming, German chat
  `[19:32] Kunde: Hallo, ich war eine Woche in der [[LOCATION:Schweiz]] und habe jetzt 312 € Roaming auf der Rechnung. Die [[LOCATION:Schweiz]] ist doch EU?
[19:33] Pixel: Hallo! Die [[LOCATION:Schweiz]] gehört leider nicht zur EU-Roamingzone. Darf ich Ihre Rufnummer erfahren?
[19:33] Kunde: [[PHONE:0176 82 44 19 03]], Vertrag läuft auf meine Frau [[PERSON:Sabine Hofmann-Ertl]]
[19:34] Pixel: Danke. Zur Verifizierung brauche ich das Geburtsdatum der Vertragsinhaberin.
[19:34] Kunde: [[DATE_OF_BIRTH:24.11.1976]]
[19:35] Pixel: Vielen Dank. Ich gebe den Fall an einen Kollegen weiter (Fall-ID RO-2024-66190).`,

  // p59 library account, English, ALL CAPS name
  `LIBRARY ACCOUNT UPDATE FORM
Patron name (BLOCK CAPITALS): [[PERSON:AMARA CHUKWUEMEKA-WILLIAMS]]
Card no.: 21982 004471 3309
Date of birth: [[DATE_OF_BIRTH:22 Mar 2009]] (patrons under 16 need a guardian)
Guardian: [[PERSON:NKECHI CHUKWUEMEKA]]
Address: [[STREET_ADDRESS:Flat 12, Rosewood House, 40 Market Street, Bristol BS1 3DL]]
Guardian phone: [[PHONE:0117 496 0852]]
Email for notices: [[EMAIL:nkechi.cw@gmail.com]]`,

  // p60 tax preparer intake, chat
  `[Tue 10:15] Preparer ([[PERSON:Marco]]): hi! before Thursday I need your W-2s and last year's return
[Tue 10:22] Client: uploading now. also my new address is [[STREET_ADDRESS:915 N Kenmore Ave #3, Los Angeles, CA 90029]]
[Tue 10:23] Client: and for the dependent care credit, the nanny is [[PERSON:Rosa Elena Cifuentes]], her SSN is [[US_SSN:603-41-7725]]
[Tue 10:25] Preparer ([[PERSON:Marco]]): got it. please don't text SSNs next time, use the portal 🙏
[Tue 10:26] Client: sorry! — [[PERSON:Jordan]]`,
  // p61 moving quote, Greeklish
  `Kalispera sas, tha ithela prosfora gia metakomisi apo [[LOCATION:Thessaloniki]] se [[LOCATION:Athina]] stis 15 Septemvriou. Diamerisma 85 tm, 3os orofos xoris asanser.
Onoma: [[PERSON:Dimitris Karagiannis]]
Tilefono: [[PHONE:697 444 1290]]
Dieuthinsi paralavis: [[STREET_ADDRESS:Tsimiski 104, 546 22 Thessaloniki]]
Email: [[EMAIL:dkaragiannis@yahoo.gr]]
Efxaristo!`,

  // p62 visa appointment, romanised Urdu
  `Assalam o alaikum, mera visa appointment 12 July ko tha lekin system ne cancel kar diya. Application no. VA-ISB-2024-77312.
Applicant ka naam: [[PERSON:Muhammad Hamza Siddiqui]]
Tareekh-e-paidaish: [[DATE_OF_BIRTH:14-08-1997]]
Mobile: [[PHONE:0300 4512896]]
Ghar ka pata: [[STREET_ADDRESS:House 27, Street 9, F-7/2, Islamabad 44000]]
Mere walid [[PERSON:Tariq Siddiqui]] sahab bhi saath travel karenge, unka appointment bhi check kar dijiye.
Shukriya`,

  // p63 pharmacy mix-up, English chat
  `Chat transcript — started 2024-04-08 16:20 (customer initiated)
Pixel: Hi! I'm Pixel 👋 How can I help with your order?
Customer: you sent me someone else's bag. the label says [[PERSON:Gwendolyn Achebe]], [[STREET_ADDRESS:7 Orchard Row, Dundee DD2 1QP]]. I'm [[PERSON:Callum Reid]] at [[STREET_ADDRESS:9 Orchard Row, Dundee DD2 1QP]]
Pixel: I'm so sorry about that. Please don't open it. A courier will swap the parcels today between 6 and 8 pm.
Customer: ok. text me on [[PHONE:07384 661 920]] when they're close
Pixel: Will do. Reference PX-MIX-44120.`,

  // p64 university admissions, German
  `Sehr geehrte Damen und Herren,

ich habe mich für den Masterstudiengang Informatik zum Wintersemester beworben (Bewerbernummer 2024-MI-04418). Leider wurde mein Bachelorzeugnis aus [[LOCATION:Ankara]] als "nicht beglaubigt" markiert.

Name: [[PERSON:Can Özdemir]]
Geburtsdatum: [[DATE_OF_BIRTH:08.03.2000]]
Anschrift: [[STREET_ADDRESS:Kaiserstraße 92, 76133 Karlsruhe]]
E-Mail: [[EMAIL:can.oezdemir@web.de]]
Telefon: [[PHONE:+49 1522 3984410]]

Mit freundlichen Grüßen
[[PERSON:Can Özdemir]]`,

  // p65 wedding venue, English email with quoted reply
  `Subject: Re: Saturday 12 October — final numbers

Hi [[PERSON:Bea]],

Final headcount is 96 adults + 8 children. The florist ([[PERSON:June Marlowe]], [[PHONE:01632 960 415]]... sorry, that's her old number, new one is [[PHONE:07412 003 871]]) will arrive at 10am.
Balance paid by card [[CREDIT_CARD:4008 3772 0011 5521]] this morning.

Thanks!
[[PERSON:Olivia]] & [[PERSON:Sebastian Hartley-Moore]]

> On 2 Sep, [[PERSON:Beatrice Lowe]] <[[EMAIL:beatrice@hollowmereweddings.co.uk]]> wrote:
> Hi [[PERSON:Olivia]], could you confirm final numbers by Friday? Many thanks, [[PERSON:Bea]]`,

  // p66 real-estate viewing, English, landlord
  `Hi, I'm interested in the 2-bed at [[STREET_ADDRESS:58 Marine Parade, Brighton BN2 1PH]]. Could I view it Saturday morning? I work at the hospital so weekdays are hard.
I'm [[PERSON:Santiago Ruiz-Zafón]], currently renting in [[LOCATION:Hove]]; my current landlord Mr. [[PERSON:Patel]] can give a reference.
Best number: [[PHONE:+44 7700 148 992]]`,

  // p67 charity donation receipt, Spanish
  `RECIBO DE DONATIVO — Ejercicio 2023
Nº de recibo: 2023/ES/004821
Donante: [[PERSON:Begoña Etxeberria Arrieta]]
Domicilio: [[STREET_ADDRESS:Calle Licenciado Poza 31, 4º izda., 48011 Bilbao]]
Importe total: 360,00 € (12 cuotas de 30,00 €)
Cuenta de cargo: [[IBAN:ES60 0049 1500 0512 3456 7892]]
Este recibo le permite deducir su donativo en el IRPF.`,

  // p68 telecom roaming, French
  `Bonjour,

Je conteste la facture de juin : 214,80 € de hors-forfait pour des données consommées au [[LOCATION:Maroc]], alors que mon téléphone était en mode avion sauf à l'hôtel en wifi.
Ligne concernée : [[PHONE:07 82 45 91 36]]
Titulaire : [[PERSON:Chloé Lefèvre-Dufour]]
Adresse : [[STREET_ADDRESS:42 boulevard de la Liberté, 59000 Lille]]
Je joins les captures d'écran de la consommation.

[[PERSON:Chloé]]`,

  // p69 SaaS takeover with JSON audit events
  `Hi security team, this is [[PERSON:Wei Zhang]] (workspace owner, acme-ops). Somebody added an admin yesterday. Here's what your API returned:

[
  {"ts":"2024-03-11T22:14:08Z","event":"member.invite","actor":"[[EMAIL:wei.zhang@acme-ops.com]]","target":"[[EMAIL:helpdesk.acme.ops@protonmail.com]]","ip":"[[IP_ADDRESS:45.137.21.9]]"},
  {"ts":"2024-03-11T22:14:51Z","event":"role.change","actor":"[[EMAIL:wei.zhang@acme-ops.com]]","role":"admin","ip":"[[IP_ADDRESS:45.137.21.9]]"},
  {"ts":"2024-03-12T08:03:27Z","event":"login","actor":"[[EMAIL:wei.zhang@acme-ops.com]]","ip":"[[IP_ADDRESS:71.198.33.120]]","mfa":true}
]

Only the last event is mine (home IP in [[LOCATION:Oakland]]). I never had MFA prompts for the first two — my password was [[SECRET:Sunflower!2019]] and I've already changed it.`,

  // p70 food delivery, English email
  `Subject: Order #DD-55-210938 — wrong items and rude driver

Hello,
My order tonight arrived 50 minutes late with someone else's food (the bag said "[[PERSON:Ahmed]]"). When I called the driver he hung up. I paid $61.40 with my card ending 1006.
Delivery address: [[STREET_ADDRESS:2114 Bancroft Way, Apt 5, Berkeley, CA 94704]]
Phone: [[PHONE:510-642-8830]]
I want a full refund.
— [[PERSON:Patience Boateng]]`,

  // p71 password: value in YAML config pasted
  `Our connector can't reach your SFTP since Monday. Config we use:

sftp:
  host: files.partner-gateway.com
  port: 22
  username: exports_nordlicht
  password: [[SECRET:vN7#qLx2!pRe9wZt]]
  remote_dir: /inbound/daily
smtp:
  user: reports@nordlicht-logistik.de
  password: [[SECRET:Hafen-Blau-2024$]]

Thanks, [[PERSON:Birgit Sørensen]] (IT, Nordlicht Logistik)`,

  // p72 Google & SendGrid keys in support chat
  `[11:41] dev: maps stopped loading on our store locator, console says "API key not valid"
[11:41] dev: key is [[SECRET:AIzafXjIbqxHUpNPRZrfSK_UAoorzYLZVv7EjWL]]
[11:42] Pixel: Please don't paste keys in chat — I'd recommend rotating it. Is the key restricted to your domain?
[11:43] dev: yes to our domain. also the email widget uses [[SECRET: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]] if that matters
[11:44] Pixel: Thanks. I've escalated to a human engineer ([[PERSON:Noor]]), who will reply by email.`,

  // p73 pet insurance, Dutch
  `Beste,

Hierbij dien ik een declaratie in voor de operatie van onze kat Pluis (polisnummer DV-2209-8812).
Polishouder: [[PERSON:Femke Oosterhuis]]
Adres: [[STREET_ADDRESS:Oudegracht 201bis, 3511 NH Utrecht]]
Telefoon: [[PHONE:+31 6 2874 1193]]
Uitbetaling op rekening: [[IBAN:NL64 ABNA 0417 1643 01]] t.n.v. [[PERSON:F. Oosterhuis]]
De factuur van de dierenkliniek is bijgevoegd.

Groet,
[[PERSON:Femke]]`,

  // p74 car rental damage, Swedish
  `Hej,
Jag hyrde en Volvo XC40 (bokning SE-RNT-30214) i [[LOCATION:Göteborg]] och lämnade tillbaka den i [[LOCATION:Malmö]]. Nu har ni dragit 4 500 kr för en stenskottsskada som redan fanns.
Förare: [[PERSON:Karin Åberg Lindholm]], född [[DATE_OF_BIRTH:1986-08-25]]
Adress: [[STREET_ADDRESS:Linnégatan 12, 413 04 Göteborg]]
Mobil: [[PHONE:073-988 21 45]]
Återbetalning till konto [[IBAN:SE18 5000 0000 0583 9825 7467]].
/Karin`,

  // p75 concert ticket, Turkish email
  `Merhaba,
20 Temmuz konseri için aldığım 2 bileti (sipariş BLT-2024-55190) arkadaşım [[PERSON:Zeynep Aksoy]]'a devretmek istiyorum. E-postası [[EMAIL:zeynep.aksoy@hotmail.com]], telefonu [[PHONE:+90 535 714 22 08]].
Ödeme [[CREDIT_CARD:5191 7730 2298 1179]] numaralı kartla yapılmıştı.
Saygılarımla,
[[PERSON:Burak Çelik]]
[[STREET_ADDRESS:Atatürk Bulvarı No: 45/12, 06420 Çankaya/Ankara]]`,

  // p76 hospital billing, CSV admin export
  `account,guarantor,guarantor_phone,guarantor_email,balance,status
A-558120,"[[PERSON:Moreno, Esperanza]]",[[PHONE:(305) 442-9018]],[[EMAIL:esperanza.moreno@bellsouth.net]],412.50,payment_plan
A-558121,"[[PERSON:Kowalski, Jan]]",[[PHONE:(773) 581-2260]],[[EMAIL:jkowalski.chi@comcast.net]],1980.00,collections_hold
A-558122,"[[PERSON:Nakamura, Kenji]]",[[PHONE:(808) 395-1147]],[[EMAIL:kenji.nakamura@hawaiiantel.net]],0.00,closed`,

  // p77 telecom SIM swap fraud, English
  `I'm reporting a SIM swap. At 02:10 this morning my phone lost service and then I got an email saying my number [[PHONE:+61 423 918 044]] was moved to a new eSIM. I did NOT request this. My bank then texted a 2FA code I never asked for. The account holder is me, [[PERSON:Siobhan Ní Bhriain]], DOB [[DATE_OF_BIRTH:30/07/1988]], at [[STREET_ADDRESS:14 Kent Street, Newtown NSW 2042]]. Please freeze the line and call my partner's phone, [[PHONE:0438 220 915]] ([[PERSON:Aidan]]).`,

  // p78 library fines, Spanish (Chile) chat
  `[17:03] Usuario: hola, tengo una multa de $3.200 por un libro que devolví
[17:03] Pixel: Hola, soy Pixel. ¿Me indicas tu RUT o correo registrado?
[17:04] Usuario: el correo es [[EMAIL:catalina.munoz.v@gmail.com]]
[17:04] Pixel: Gracias, [[PERSON:Catalina]]. Veo el préstamo de "Cien años de soledad" devuelto el 14/05 en la sucursal Central.
[17:05] Usuario: exacto, y me siguen cobrando. mi número por si acaso es [[PHONE:+56 9 8765 4321]]
[17:05] Pixel: Eliminé la multa. ¡Que tengas buena tarde!`,

  // p79 tax intake, YAML
  `# intake.yaml — exported from client portal
client:
  name: "[[PERSON:Abebe Girma]]"
  ssn: "[[US_SSN:318-52-6094]]"
  date_of_birth: "[[DATE_OF_BIRTH:1974-05-09]]"
  phone: "[[PHONE:+1 612-870-3341]]"
  email: "[[EMAIL:abebe.girma@outlook.com]]"
  address: "[[STREET_ADDRESS:2630 Chicago Ave, Minneapolis, MN 55407]]"
spouse:
  name: "[[PERSON:Tigist Alemu]]"
  ssn: "[[US_SSN:318-52-7120]]"
  date_of_birth: "[[DATE_OF_BIRTH:1979-10-21]]"
filing_status: married_joint
documents_received: [w2, 1099-int, 1098]`,

  // p80 GitLab token in support ticket
  `Ticket: CI runner registration fails (self-managed)
From: [[PERSON:Aleksander Nowicki]] <[[EMAIL:a.nowicki@kodeks-soft.pl]]>

Runner logs:
2024-06-12 09:12:44 ERROR: Registering runner... failed  runner=glrt-xxxx status=403 Forbidden
2024-06-12 09:12:44 using token [[SECRET:glpat-DdVBe55in1Dmt59M49Ub]] from env
2024-06-12 09:12:45 dial tcp [[IP_ADDRESS:34.89.177.62]]:443: connection established

Can you tell me if the token scope is wrong? Sorry for pasting it, it's a test project.`,

  // p81 Shopify / Stripe restricted keys in email
  `Hi, our shop stopped syncing orders after I rotated keys. Current values in the app settings:
Admin API access token: [[SECRET: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]]
Stripe restricted key: [[SECRET:rk_live_9H0ypqjoTavvpBR1PuYE2uiD]]
Store owner: [[PERSON:Rukhsana Begum]], [[PHONE:+44 121 496 7730]]
Many thanks`,

  // p82 ed25519 private key in SFTP ticket + IBAN (Irish)
  `Hi, uploading the SFTP key again as you asked (I know it's not ideal):

[[SECRET:-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIDek0ay22Xw5t3Ai+88Cy6IE0vMuqT35gDWpU6R2udvb
-----END PRIVATE KEY-----]]

Also please update our payout account to [[IBAN:IE02 AIBK 9311 5212 3456 79]]. Contact me at [[EMAIL:ciaran.obrien@brightwaterbrewing.ie]] or [[PHONE:+353 87 219 4406]].
[[PERSON:Ciarán O'Brien]]`,
  // p83 real-estate tenant screening, URL with personal values
  `Hi, the tenant screening link you sent me doesn't load, it just spins:
[[URL:https://screening.keyhaven-rentals.com/apply?applicant=Amelia%20Ortiz&dob=1991-04-02&phone=%2B13125550147&unit=4B]]
Can you re-send it? I'm [[PERSON:Amelia Ortiz]], applying for unit 4B at [[STREET_ADDRESS:1840 W Division St, Chicago, IL 60622]]. My cell is [[PHONE:312-894-0271]].`,

  // p84 newsletter unsubscribe / magic link with email, food delivery card
  `I keep getting your promo emails even after clicking unsubscribe 5 times. This is the link from the footer:
[[URL:https://mail.munchbox.app/u/unsubscribe?e=lars.eriksen%40outlook.dk&uid=448120&sig=9c2f7a1e]]
and the "log in without password" link also still works, which is worrying:
[[URL:https://munchbox.app/magic?token=mbx_5f1d93c0a7e84b2d&user=lars.eriksen@outlook.dk]]
Please delete my account and the card on file ([[CREDIT_CARD:6011 0009 9013 9424]]).
[[PERSON:Lars Eriksen]]`,

  // p85 food delivery, romanised Egyptian Arabic
  `Ahlan, el order beta3i (#TLB-903318) wesel nā2es el 3aish wel salata, we el delivery [[PERSON:Mahmoud]] 2al en el mata3m nesi. Ana dafa3t bel card [[CREDIT_CARD:4539 1488 0343 6418]].
Esmi [[PERSON:Nourhan Abdelrahman]], el 3enwan: [[STREET_ADDRESS:15 Shar3 Gamal Abdel Nasser, El Mohandessin, Giza 12411]]
Raqam el mobile: [[PHONE:+20 100 482 7761]]
3ayza refund law samaht.`,

  // p86 hotel group booking, payment JSON dump with IP
  `Payment failed for the rehearsal-dinner room block, gateway response attached:
{
  "booking": "GRP-77120",
  "cardholder": "[[PERSON:Thomas J. Whitfield III]]",
  "pan": "[[CREDIT_CARD:3782 822463 10005]]",
  "billing_zip": "02116",
  "client_ip": "[[IP_ADDRESS:73.114.28.201]]",
  "result": "DECLINED", "reason": "do_not_honor"
}
Guest contact: [[EMAIL:tj.whitfield@me.com]], [[PHONE:617-266-3054]] ext. 12`,
];

const NEGATIVES: readonly string[] = [
  // n1 order tracking, phone-like numbers
  `Your order is on its way!
Order number: 415-867-0042-77
Tracking: 1Z 4A7 910 03 8841 2290
Return authorization (if needed): RMA 800-4412-0093
Estimated delivery: Thu 13 Jun, between 09:00 and 13:00
Items: 2 × Aurora desk lamp (SKU 900-12-4471), 1 × USB-C cable 2 m
Subtotal $84.97 · Shipping $0.00 · Tax $6.91 · Total $91.88
Questions? Reply to this email or write to orders@lumenhaus.com.`,

  // n2 invoice with card-like invoice number
  `INVOICE
Invoice no.: 4000 1234 5678 9011
Customer ref.: CUST-000-88-1412
Issue date: 2024-05-31      Due date: 2024-06-30
Description                       Qty   Unit      Amount
Pro plan (annual)                  1    1,188.00  1,188.00
Additional seats                   4      120.00    480.00
VAT 21%                                           350.28
TOTAL EUR                                        2,018.28
Payment terms: 30 days. Late payments incur 1.5% monthly interest.
Remittance: billing@cloudnest.io`,

  // n3 release notes with version numbers
  `Release notes — Desktop client 10.4.12.1 (build 20240611.3)

- Fixed a crash when resuming from sleep on macOS 14.5
- Upgraded bundled OpenSSL to 3.0.13 and SQLite to 3.45.2
- The sync engine now retries after 2, 4, 8 and 16 seconds (max 5 attempts)
- Deprecated: API v1.2 endpoints will be removed in 11.0.0
Known issue: on Windows 10 22H2 the tray icon may appear twice. Workaround: restart the app.`,

  // n4 nginx config with loopback and documentation IPs
  `Our reverse proxy config, in case it helps debugging the 502s:

upstream app {
    server 127.0.0.1:8080 max_fails=3;
    server 192.0.2.10:8080 backup;
}
server {
    listen 80;
    listen [::1]:80;
    set_real_ip_from 198.51.100.0/24;
    set_real_ip_from 203.0.113.5;
    allow 10.0.0.0/8;
    deny all;
    location /healthz { return 200 "ok"; }
}
Error log shows "upstream timed out (110: Connection timed out)" roughly every 15 minutes.`,

  // n5 template .env with placeholders
  `# .env.example — copy to .env and fill in your own values
APP_ENV=production
APP_URL=https://your-domain.example
DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/DBNAME
REDIS_URL=redis://localhost:6379/0
STRIPE_SECRET_KEY=sk_live_your_key_here
AWS_ACCESS_KEY_ID=<your-access-key-id>
AWS_SECRET_ACCESS_KEY=<your-secret-access-key>
SMTP_PASSWORD=changeme
JWT_SECRET=replace-with-a-long-random-string
SENTRY_DSN=`,

  // n6 company birthday / founding date
  `🎉 It's our birthday! 🎉
Ten years ago, on 12 March 2014, three engineers shipped the first version of Tallyboard from a borrowed office. To celebrate our 10th birthday, every workspace gets 10% off annual plans until 31 March 2024 with code TEN4TALLY.
Anniversary webinar: Tuesday 19 March, 16:00 CET. Thank you for being with us!`,

  // n7 Pixel intro + FAQ
  `Pixel: Hi there! I'm Pixel, your virtual assistant. I can help with orders, returns and account settings.
User: how long do refunds take
Pixel: Refunds are issued to the original payment method within 5–10 business days after we receive the return. Store credit is instant.
User: ok and can i return sale items
Pixel: Yes, sale items can be returned within 14 days. Final-sale items (marked with a red tag) can't be returned.
User: thanks
Pixel: You're welcome! Anything else?`,

  // n8 product catalog with name-like products
  `New arrivals — Living room collection
| Product | Finish | Price |
|---|---|---|
| Florence floor lamp | brass | €249 |
| Victoria 3-seat sofa | velvet, olive | €1,390 |
| Austin side table | oak | €179 |
| Georgia armchair | bouclé, cream | €620 |
| Jordan rug 200×300 | wool | €455 |
| Chelsea boot bench | walnut | €310 |
Free delivery on orders over €500. Assembly service available for €49.`,

  // n9 opening hours multi-language
  `Service hours / Horario / Öffnungszeiten / Horaires
EN: Monday–Friday 08:00–20:00, Saturday 09:00–14:00, closed Sunday.
ES: lunes a viernes 08:00–20:00, sábado 09:00–14:00, domingo cerrado.
DE: Montag bis Freitag 08:00–20:00, Samstag 09:00–14:00, Sonntag geschlossen.
FR: du lundi au vendredi 08h00–20h00, samedi 09h00–14h00, fermé le dimanche.
IT: dal lunedì al venerdì 08:00–20:00, sabato 09:00–14:00.
PL: od poniedziałku do piątku 8:00–20:00, w sobotę 9:00–14:00.
Holiday closures: 25 December, 1 January, and the first Monday of May.`,

  // n10 logs with UUIDs and hashes
  `2024-06-05T10:22:41.118Z INFO  request_id=3f9c1e2a-7b44-4d8e-9a1f-0c2b5e6d7a81 route=/v2/orders status=200 dur_ms=84
2024-06-05T10:22:41.902Z WARN  request_id=a0d4b6f2-19c3-4e7a-b8d5-62f0e1c9a3b7 route=/v2/orders/export status=429 retry_after=30
2024-06-05T10:22:43.017Z INFO  artifact sha256=9b74c9897bac770ffc029102a200c5de1f2d3c4b5a697887d6e5f4c3b2a19080 size=18234112
2024-06-05T10:22:43.020Z INFO  commit=4e1d2c7 build=8812 cache_hit_ratio=0.93`,

  // n11 role mailboxes only
  `Who to contact:
- Billing questions and invoices: billing@harbourcloud.io
- Technical problems: support@harbourcloud.io (24/7)
- Data protection requests: privacy@harbourcloud.io
- Security disclosures: security@harbourcloud.io
- Press: press@harbourcloud.io
Automated messages come from noreply@harbourcloud.io — please don't reply to those.`,

  // n12 ticket export CSV, no PII
  `ticket_id,created_at,channel,category,priority,status,first_response_min,csat
T-2024-061101,2024-06-11T08:14:22Z,chat,billing,normal,solved,3,5
T-2024-061102,2024-06-11T08:19:05Z,email,shipping,high,open,41,
T-2024-061103,2024-06-11T08:30:47Z,phone,returns,normal,pending,0,4
T-2024-061104,2024-06-11T09:02:13Z,chat,account,low,solved,2,5`,

  // n13 flight status
  `Flight update: LH 1234 is delayed by 45 minutes. New departure 14:55, gate B44 (previously B38). Boarding starts 14:20. Booking reference XK7Q2M remains valid; seat 23C unchanged. Connecting passengers on flight LH 2090 will be rebooked automatically if the connection is missed.`,

  // n14 stack trace, no PII
  `TypeError: Cannot read properties of undefined (reading 'total')
    at computeCartTotals (webpack-internal:///./src/cart/totals.ts:41:27)
    at CartSummary (webpack-internal:///./src/components/CartSummary.tsx:18:15)
    at renderWithHooks (react-dom.development.js:16305:18)
    at mountIndeterminateComponent (react-dom.development.js:20074:13)
Reproduces only when the cart contains a bundle product with 0 variants. Version 5.18.2, Chrome 125.`,

  // n15 CI output with hashes
  `Run npm ci
added 1287 packages, and audited 1288 packages in 41s
found 0 vulnerabilities
Run npm test
 PASS  test/unit/price.test.ts (2.113 s)
 FAIL  test/unit/tax.test.ts
  ● rounds half-even for 0.125 → expected 0.12, received 0.13
Tests: 1 failed, 214 passed, 215 total
Commit 8c3f01ab9d7e4f22c1a6b5d093e8f7a2c4b1d6e0 on branch release/2024.06`,

  // n16 pricing table
  `| Plan | Monthly | Annual | Seats | Storage |
|---|---|---|---|---|
| Starter | $12 | $120 | 1 | 50 GB |
| Team | $39 | $390 | up to 10 | 1 TB |
| Business | $99 | $990 | up to 50 | 5 TB |
| Enterprise | custom | custom | unlimited | unlimited |
All prices exclude VAT. Annual plans are billed upfront and renew on the same date each year.`,

  // n17 privacy policy snippet, generic
  `What we collect: when you create an account we ask for your name, email address and, for age verification, your date of birth. If you buy a paid plan our payment processor stores your card number; we only keep the last four digits and the expiry month. We log IP addresses for security for 30 days. You can request deletion at any time from Settings → Privacy.`,

  // n18 Spanish refund status
  `Estado de su reembolso
Referencia de devolución: DEV-2024-0611-8841
Pedido original: 71-0042-553-19
Importe: 129,95 €
Fecha de recepción en almacén: 10/06/2024
Fecha prevista de abono: entre el 13/06/2024 y el 17/06/2024
El abono se realizará al mismo método de pago utilizado en la compra. Si tiene dudas, responda a este correo.`,

  // n19 German maintenance notice
  `Wartungsankündigung
Am Sonntag, den 23. Juni 2024, führen wir zwischen 02:00 und 05:00 Uhr (MESZ) Wartungsarbeiten an unserer Zahlungsplattform durch. In diesem Zeitraum sind Kartenzahlungen und SEPA-Lastschriften nicht möglich. Bereits geplante Abbuchungen werden am Montag, den 24. Juni, ab 08:00 Uhr nachgeholt. Ticket-Referenz: CHG-2024-0623-01.`,

  // n20 French delivery conditions
  `Conditions de livraison
Les commandes passées avant 14h du lundi au vendredi sont expédiées le jour même. La livraison standard prend 2 à 4 jours ouvrés ; la livraison express (9,90 €) est garantie en 24h hors week-end et jours fériés. Pendant les soldes de janvier et de juillet, les délais peuvent être allongés d'un à deux jours. Numéro de suivi communiqué par e-mail dès l'expédition.`,

  // n21 Polish promo
  `Black Friday w naszym sklepie! Od piątku 29 listopada do poniedziałku 2 grudnia wszystkie słuchawki tańsze o 30%. Kod rabatowy: CZARNY30 (ważny na jedno zamówienie, min. 199 zł). Zamówienia złożone w weekend wysyłamy we wtorek. Regulamin promocji dostępny na stronie w zakładce "Promocje".`,

  // n22 Dutch invoice reminder generic
  `Herinnering: factuur 2024-00412 van 1 mei staat nog open (€ 84,70). Betaal binnen 14 dagen via de betaallink in uw account, of neem contact op met onze klantenservice via facturen@groenstroomcoop.nl. Heeft u al betaald? Dan kunt u deze herinnering als niet verzonden beschouwen.`,

  // n23 Turkish shipping info
  `Kargo bilgilendirmesi: Siparişiniz (No: 2024061188410) kargoya verildi. Takip numarası: 7312 4419 0055 83. Teslimat süresi 1-3 iş günüdür. Pazar günleri dağıtım yapılmamaktadır. Ürün iadesi için 14 gün içinde "Siparişlerim" sayfasından talep oluşturabilirsiniz.`,

  // n24 chat with word-names as ordinary words
  `User: hi, my bill summary shows a charge I don't recognise
Agent: Hope you're well! That's the grace period fee from last month's late payment.
User: oh ok. can you mark it as resolved and waive it this time?
Agent: Will do. I've applied a one-time credit of $15.00; it will show on your next bill.
User: great, thanks. also is the amber warning light on the router normal?
Agent: Amber means it's updating firmware. It should turn green within 10 minutes.`,

  // n25 timestamps, cron, durations
  `Scheduled jobs (UTC):
0 3 * * *   nightly-backup      avg 00:41:12
*/15 * * * * sync-inventory     avg 00:00:38
30 6 * * 1  weekly-report       last run 2024-06-10T06:30:04Z (ok)
0 0 1 * *   monthly-invoices    last run 2024-06-01T00:00:02Z (ok, 18,412 invoices)
Retention: backups kept 35 days; logs kept 14 days.`,

  // n26 coupon codes and gift cards
  `Your rewards:
- SUMMER-ROSE-2024: 20% off garden furniture (expires 31/08/2024)
- WELCOME-JASMINE: free shipping on your next order
- Gift card balance: €35.00 (card ending 0093, valid until 12/2026)
Points: 2,440 (2,500 needed for the next reward tier). Birthday bonus: add your birthday in your profile to receive double points that month.`,

  // n27 Pixel not introducing, generic troubleshooting
  `Step 1: Unplug the router for 30 seconds.
Step 2: Plug it back in and wait until the power light is solid white (about 2 minutes).
Step 3: If the internet light is red, check that the cable in the port labelled WAN is firmly connected.
Step 4: Still not working? Reply "TECH" and Pixel will book a callback slot for you. Average wait today: 12 minutes.`,

  // n28 API docs with placeholder values
  `POST /v1/customers
Request body:
{
  "name": "<string>",
  "email": "<string>",
  "phone": "<E.164 string>",
  "metadata": { "source": "checkout" }
}
Response 201:
{ "id": "cus_000000000000", "created": 1718000000, "livemode": false }
Errors: 400 invalid_request, 409 duplicate_email, 429 rate_limited.`,

  // n29 Italian calendar words, no PII
  `Gentile cliente, la informiamo che a causa delle festività di agosto il nostro magazzino resterà chiuso da lunedì 12 a venerdì 16 agosto. Gli ordini effettuati in quei giorni saranno spediti a partire da lunedì 19. Il servizio clienti via chat resterà attivo dalle 9:00 alle 13:00. Buone vacanze!`,

  // n30 wedding anniversary package, non-birth dates near "birthday"
  `Celebration packages
Anniversary dinner (for couples celebrating on a date like 14/02 or your wedding day): 3 courses, €89 per person.
Birthday party room: up to 20 guests, Saturdays 12:00–16:00, €250 hire. Cake can be ordered 72 hours in advance.
Corporate events: minimum 40 guests. Our venue first opened on 01.05.1998 — ask about our anniversary discounts in May.`,

  // n31 Portuguese negative
  `Aviso: a partir de 1 de julho, as faturas passam a ser enviadas apenas em formato digital. Para continuar a receber em papel, altere a preferência na área de cliente até 30 de junho. O valor da mensalidade mantém-se em 24,99 €. Obrigado pela preferência.`,

  // n32 Swedish/Finnish calendar words and order numbers
  `Leveransinformation: Beställning 5566-2024-0419 skickas på onsdag. Leveranstid 2–4 vardagar. / Toimitustiedot: tilaus 5566-2024-0419 lähetetään keskiviikkona, toimitusaika 2–4 arkipäivää. Palautukset 30 päivän sisällä.`,
];

export function heldout4(): LabeledDoc[] {
  return [
    ...POSITIVES.map((s, i) => parseMarkup(`h4-p${i + 1}`, 'heldout4', s)),
    ...NEGATIVES.map((s, i) => parseMarkup(`h4-n${i + 1}`, 'heldout4-negative', s, true)),
  ];
}
