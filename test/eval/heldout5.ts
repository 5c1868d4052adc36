/**
 * Held-out set 5: ~100 hand-labeled customer-support texts written blind (without looking at the detector or at
 * the other evaluation sets; only heldout3.ts's labeling conventions were read). E-commerce, bank, airline,
 * telecom, SaaS / developer support, hospital billing, school, utility, government portal, gig-economy app,
 * insurance, rental and marketplace scenarios; chat transcripts, e-mail threads with signatures and quoted replies,
 * tickets, CRM notes, CSV / JSON / YAML / XML / .env, logs, stack traces, forms, SMS and voicemail transcripts;
 * English plus DE, FR, ES, IT, PT-BR, NL, PL, SV, TR, ID, SW, romanised HI, and JA / ZH / KO / AR in their own
 * scripts; plus hard negatives with no personal data at all.
 * Conventions: titles (Mr., Dr., Frau, Mme, Sr.) and "'s" are outside PERSON spans; a full name is one PERSON
 * span (also "SURNAME/GIVEN"), a first name or surname alone is a PERSON span; phone extensions are outside PHONE;
 * a street address span runs from the house number / flat (or the street name where it comes first, or the
 * postcode where the national format starts with it) to the postcode and city written right after it; city /
 * region / country names outside an address span are LOCATION; a URL carrying personal values or credentials is
 * one URL span (nothing labeled inside it); for `password: value` only the value is SECRET; DATE_OF_BIRTH only
 * where the context says it is a birth date; organizations, role mailboxes and the support bot ("Nimbus") are not
 * labeled. Cards are Luhn-valid, IBANs mod-97-valid with the right country length, SSNs valid by SSA rules, IPs
 * public (private, loopback and documentation ranges appear only unlabeled / in negatives).
 */
import { parseMarkup, type LabeledDoc } from './markup.js';

const POSITIVES: readonly string[] = [
  // e-commerce chat
  `[10:02] Nimbus: Hi, I'm Nimbus, the Brightcart assistant. How can I help today?
[10:02] Customer: hi my parcel never arrived, order BC-448120. the name on the order is [[PERSON:Tamsin Okafor-Reid]]
[10:03] Nimbus: Sorry to hear that, [[PERSON:Tamsin]]. Can you confirm the delivery address?
[10:03] Customer: [[STREET_ADDRESS:1843 N Wolcott Ave, Apt 2R, Chicago, IL 60622]]
[10:04] Nimbus: Thanks. The carrier marked it delivered on Friday. I've opened a trace (ref TR-90412) and we'll email you within 48 hours.`,

  // German bank e-mail with signature
  `Betreff: Rücklastschrift trotz Deckung

Sehr geehrte Damen und Herren,

die Lastschrift Ihrer Versicherung vom 03.06. wurde zurückgegeben, obwohl mein Konto gedeckt war.
Bitte buchen Sie den Betrag erneut von folgendem Konto ab:
IBAN: [[IBAN:DE95 3704 0044 8846 2965 00]]
Kontoinhaber: [[PERSON:Jörg Hausmann-Beyer]]

Mit freundlichen Grüßen
[[PERSON:Jörg Hausmann-Beyer]]
[[STREET_ADDRESS:Lindenstraße 14a, 50674 Köln]]
Tel. [[PHONE:0221 48 93 017]]`,

  // Spanish airline name correction
  `Asunto: Corrección de nombre en la reserva XK7P2Q

Hola,
En la reserva mi nombre aparece como "[[PERSON:GARCIA/MARIA]]", pero mi nombre completo es [[PERSON:María José García Villalobos]], tal como figura en el pasaporte.
Vuelo de [[LOCATION:Madrid]] a [[LOCATION:Bogotá]] el 14 de agosto. Mi fecha de nacimiento es el [[DATE_OF_BIRTH:22/03/1987]], por si la necesitan para verificar.
Pueden llamarme al [[PHONE:+34 612 48 93 07]].
Gracias,
[[PERSON:María José]]`,

  // telecom SMS
  `From: [[PHONE:+44 7911 482607]]
Received: 18/09 07:41
hi its [[PERSON:Dev]] again, still no signal at [[STREET_ADDRESS:Flat 3, 27 Holloway Road, London N7 8JG]] since tues. router lights all green. can someone ring me back on this number pls`,

  // SaaS ticket with .env paste
  `Ticket #88213 — Webhooks failing after key rotation
Reporter: [[PERSON:Aleksandra Wiśniewska]] <[[EMAIL:ola.wisniewska@fastmail.com]]>
Priority: High

Hi, after rotating keys yesterday all webhook deliveries return 401. Here's the staging .env, in case it helps:

NODE_ENV=staging
STRIPE_SECRET_KEY=[[SECRET:sk_live_51V7cIgTX1KO2KepmUrLDUM6RIOPzWNvbUB4N8QMkgeRJy0SkdMkwsX1VeFi26]]
DATABASE_URL=[[URL:postgres://app_user:Tr0ub4dor-88@db.acme-shop.io:5432/shop]]
LOG_LEVEL=debug
PORT=8080

Thanks, [[PERSON:Ola]]`,

  // hospital billing voicemail
  `Voicemail transcript — Patient Billing line — 09:14, Tue
"Hi, this is [[PERSON:Rosalind Achterberg]], I'm calling about a statement for my father, [[PERSON:Hendrik Achterberg]], his date of birth is [[DATE_OF_BIRTH:May 2nd, 1941]]. He was seen in cardiology in March and it looks like the echo was billed twice, once to Medicare and once to us. The statement number is 30071-882. You can reach me at [[PHONE:617-442-9018]], I'm usually free after three. Thanks, bye."`,

  // French school e-mail
  `Objet : Absence de ma fille jeudi et vendredi

Bonjour Madame [[PERSON:Lefèvre]],

Ma fille [[PERSON:Inès Benali]] (CM2 B) sera absente jeudi et vendredi : nous devons nous rendre à [[LOCATION:Marseille]] pour un enterrement.
Pourriez-vous lui transmettre les devoirs par l'ENT ?

Cordialement,
[[PERSON:Karim Benali]]
[[PHONE:06 71 28 44 90]]`,

  // CRM CSV export
  `customer_id,full_name,email,phone,city,country,signup_ip
C-10021,[[PERSON:Nguyễn Thị Thu Hà]],[[EMAIL:thuha.nguyen92@yahoo.com.vn]],[[PHONE:+84 912 345 678]],[[LOCATION:Hà Nội]],[[LOCATION:Vietnam]],[[IP_ADDRESS:113.161.72.14]]
C-10022,[[PERSON:Oluwaseun Adeyemi]],[[EMAIL:seun.adeyemi@outlook.com]],[[PHONE:+234 803 417 2290]],[[LOCATION:Lagos]],[[LOCATION:Nigeria]],[[IP_ADDRESS:102.89.34.11]]
C-10023,[[PERSON:Sigríður Jónsdóttir]],[[EMAIL:siggaj@simnet.is]],[[PHONE:+354 861 2047]],[[LOCATION:Reykjavík]],[[LOCATION:Iceland]],[[IP_ADDRESS:157.157.21.88]]`,

  // JSON API log with JWT
  `2024-06-10T09:45:51.204Z INFO  api.gateway request
{"method":"GET","path":"/v2/account/orders","status":200,"latency_ms":87,"client_ip":"[[IP_ADDRESS:81.2.69.160]]","headers":{"authorization":"Bearer [[SECRET:eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c3JfNTgyMTMiLCJlbWFpbCI6Imsub3NlaUBnbWFpbC5jb20iLCJpYXQiOjE3MTgwMTIzNDUsImV4cCI6MTcxODAxNTk0NX0.QSbinr-nnQtZD4uO8wbEHuEN11ciz_xLTnzATzGX7wS]]","user-agent":"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)"},"user":{"id":"usr_58213","email":"[[EMAIL:k.osei@gmail.com]]"}}`,

  // Brazilian gig-economy driver chat
  `Motorista: Boa noite, aqui é o [[PERSON:Anderson Luiz de Souza]], motorista parceiro. Meu repasse da semana não caiu.
Nimbus: Olá! Sou o Nimbus. Pode confirmar a chave Pix cadastrada?
Motorista: é o meu celular, [[PHONE:(11) 98437-2216]]
Nimbus: Obrigado. Vi que a chave foi alterada no dia 02/07. Foi você?
Motorista: não!! eu não mudei nada. alguém entrou na minha conta, eu moro em [[LOCATION:Guarulhos]] e tem login de [[LOCATION:Recife]]
Nimbus: Entendi. Bloqueei os repasses por segurança e encaminhei para a equipe antifraude.`,

  // US utility web form
  `--- Start/Stop Service Request ---
Request type: Transfer service
Account holder: [[PERSON:Denise Whitfield-Moore]]
Current service address: [[STREET_ADDRESS:412 Magnolia Ct, Raleigh, NC 27609]]
New service address: [[STREET_ADDRESS:88 Old Stage Rd, Apt 14, Garner, NC 27529]]
Move date: 08/01/2024
Best phone: [[PHONE:(919) 307-5582]]
Email: [[EMAIL:dwmoore.nc@gmail.com]]
Last 4 of SSN: 4471
Comments: please do not disconnect before noon, movers arrive at 1.`,

  // government portal form with SSN
  `Benefits Portal — Identity Verification (submitted 2024-03-11 16:02 ET)
Legal name: [[PERSON:Marcus Anthony Delgado]]
Date of birth: [[DATE_OF_BIRTH:11/29/1978]]
Social Security number: [[US_SSN:529-41-7732]]
Mailing address: [[STREET_ADDRESS:2710 W Camelback Rd, Unit 118, Phoenix, AZ 85017]]
Phone: [[PHONE:602.418.3397]]
Reason for contact: My online account is locked after the password reset. I need access to download my 1099-G.`,

  // stack trace
  `Unhandled exception in worker billing-sync-3
java.lang.IllegalStateException: Duplicate customer record for email=[[EMAIL:priya.raghunathan@protonmail.com]]
    at com.example.billing.CustomerMerger.merge(CustomerMerger.java:214)
    at com.example.billing.SyncJob.run(SyncJob.java:88)
    at java.base/java.lang.Thread.run(Thread.java:1583)
Context: tenant=eu-west-2 request_from=[[IP_ADDRESS:185.220.101.44]] customer_name="[[PERSON:Priya Raghunathan]]"`,

  // YAML config with password
  `# deploy/values-prod.yaml (pasted by customer in ticket #4410)
replicaCount: 3
smtp:
  host: smtp.mailgun.org
  port: 587
  username: postmaster@mg.lumenhealth.app
  password: [[SECRET:Qv8#rLm2!zTe9wKd]]
aws:
  accessKeyId: [[SECRET:AKIAUG84J02AEAOIVP92]]
  secretAccessKey: [[SECRET:+3SjGYN1NlY07uMuVly78bQAYNxyhbtCtss20Yyp]]
  region: eu-central-1`,

  // XML order
  `<?xml version="1.0" encoding="UTF-8"?>
<order id="SO-771902" currency="EUR">
  <customer>
    <name>[[PERSON:Giulia Romano]]</name>
    <email>[[EMAIL:giulia.romano84@libero.it]]</email>
    <phone>[[PHONE:+39 347 218 6650]]</phone>
  </customer>
  <shipping>
    <address>[[STREET_ADDRESS:Via Giuseppe Garibaldi 18, 10122 Torino]]</address>
  </shipping>
  <payment method="card" last4="9112" brand="mastercard"/>
</order>`,

  // card dispute chat
  `Nimbus: Welcome to Harbor Credit Union chat. I'm Nimbus. What's going on?
Member: there's a charge for $612.40 from some electronics store I've never heard of
Nimbus: I can help dispute that. Please confirm the card number the charge was made on.
Member: [[CREDIT_CARD:4598 9578 2934 5611]]
Nimbus: Thanks. For your security, please don't share full card numbers in chat in future. I've frozen the card and opened dispute D-20931.
Member: ok sorry. my name is [[PERSON:Kwame Asante]] btw`,

  // Polish telecom e-mail
  `Temat: Reklamacja faktury za czerwiec

Dzień dobry,
na fakturze FV/06/2024/118293 naliczono roaming, chociaż przez cały miesiąc byłam w [[LOCATION:Polsce]].
Numer telefonu na umowie: [[PHONE:+48 601 284 937]].
Proszę o korektę i zwrot na konto [[IBAN:PL72 1090 1014 8607 9350 3139 9445]].

Pozdrawiam
[[PERSON:Małgorzata Zielińska-Kowal]]
[[STREET_ADDRESS:ul. Długa 22/5, 80-831 Gdańsk]]`,

  // Japanese delivery address change
  `件名：配送先住所の変更について

ご担当者様

注文番号 JP-220914 の配送先を変更させてください。
新しい住所：[[STREET_ADDRESS:〒231-0023 神奈川県横浜市中区山下町2-14-7]]
氏名：[[PERSON:山田 花子]]
電話番号：[[PHONE:090-4821-7736]]

よろしくお願いいたします。`,

  // Chinese refund chat
  `客户：你好，我上周买的耳机有质量问题，想退款。
Nimbus：您好，我是 Nimbus。请提供订单号和收件人信息。
客户：订单号 CN88301245，收件人[[PERSON:王晓明]]，手机[[PHONE:139 2841 7705]]，我现在在[[LOCATION:深圳]]。
Nimbus：好的，已为您提交退款申请，预计 3-5 个工作日到账。`,

  // Korean account recovery
  `안녕하세요, [[PERSON:김민준]]입니다.
휴대폰을 바꾸면서 2단계 인증 앱이 사라져서 로그인을 못 하고 있습니다.
가입 이메일은 [[EMAIL:minjun.kim0412@naver.com]] 이고, 연락처는 [[PHONE:010-4827-1930]] 입니다.
생년월일은 [[DATE_OF_BIRTH:1993년 4월 12일]]입니다. 확인 부탁드립니다.`,

  // Swahili M-Pesa complaint
  `Habari, jina langu ni [[PERSON:Wanjiru Kamau]]. Nilituma pesa kwa nambari isiyo sahihi jana saa tatu usiku, KSh 4,500.
Nambari yangu ni [[PHONE:0712 845 306]] na nambari niliyokusudia ni [[PHONE:0722 190 448]].
Naomba msaada kurudisha pesa. Niko [[LOCATION:Nakuru]].`,

  // Arabic e-mail about booking
  `الموضوع: تعديل الحجز رقم 55810

مرحباً،
أرجو تعديل تاريخ الحجز إلى الأسبوع القادم. الاسم على الحجز: [[PERSON:أحمد الفارسي]].
رقم الهاتف: [[PHONE:+971 50 418 2739]]
البريد الإلكتروني: [[EMAIL:ahmed.alfarsi@gmail.com]]
شكراً لكم`,

  // Hinglish chat
  `Customer: bhai mera refund abhi tak nahi aaya, 12 din ho gaye
Nimbus: Sorry for the delay! Order ID bata dijiye please.
Customer: ORD-58842. naam [[PERSON:Rohit Saxena]], UPI wala number [[PHONE:+91 98114 27350]]
Customer: address bhi change karna hai next order ke liye: [[STREET_ADDRESS:Flat 402, Sai Krupa Apartments, 14th Cross, Indiranagar, Bengaluru 560038]]
Nimbus: Done, refund re-initiated. 2-3 working days mein aa jayega.`,

  // email thread with quoted reply
  `From: [[PERSON:Helena Sørensen]] <[[EMAIL:helena.sorensen@mail.dk]]>
To: support@flyvane.com
Subject: Re: Your refund request FV-33017

Hi again — it's been three weeks. Can you please give me an update?

[[PERSON:Helena]]

> On 2 May 2024, at 14:10, Flyvane Support <support@flyvane.com> wrote:
> Dear Ms [[PERSON:Sørensen]],
> Thank you for contacting us about your cancelled flight from [[LOCATION:Copenhagen]] to [[LOCATION:Nice]].
> Your refund request has been passed to our finance team.
> Kind regards,
> [[PERSON:Tobias]] | Flyvane Customer Care`,

  // Dutch rental deposit
  `Onderwerp: Borg nog niet terugontvangen

Beste verhuurder,

Ik heb op 30 april de sleutels van [[STREET_ADDRESS:Prinsengracht 263-2, 1016 GV Amsterdam]] ingeleverd, maar de borg van € 1.850 is nog niet teruggestort.
Mijn rekeningnummer: [[IBAN:NL16 ABNA 0436 4718 51]] t.n.v. [[PERSON:S. de Wit]].
Bereikbaar via [[PHONE:06-41839275]].

Met vriendelijke groet,
[[PERSON:Sanne de Wit]]`,

  // Italian insurance claim
  `Oggetto: Denuncia sinistro polizza AUTO-4471209

Buongiorno,
vi scrivo per denunciare un sinistro avvenuto il 18/05 a [[LOCATION:Bologna]]. L'altro conducente è il Sig. [[PERSON:Franco Bellini]], tel. [[PHONE:333 904 1187]].
Io sono [[PERSON:Chiara Esposito]], nata il [[DATE_OF_BIRTH:7 settembre 1990]], residente in [[STREET_ADDRESS:Via San Vitale 56, 40125 Bologna]].
Per il rimborso: IBAN [[IBAN:IT20X0542811101000000142412]].
Cordiali saluti`,

  // Turkish e-commerce
  `Konu: Yanlış ürün gönderildi

Merhaba,
Sipariş no TR-1190243 ile mavi mont sipariş ettim, siyah geldi. Değişim istiyorum.
Ad Soyad: [[PERSON:Elif Yıldırım]]
Adres: [[STREET_ADDRESS:Bağdat Cad. No: 312 D: 7, 34728 Kadıköy/İstanbul]]
Telefon: [[PHONE:0532 418 27 96]]
İade için hesap: [[IBAN:TR87 0006 1041 6394 2697 2671 00]]
Teşekkürler`,

  // Indonesian chat
  `Pelanggan: Halo kak, paket saya statusnya "gagal kirim" padahal saya ada di rumah
Nimbus: Halo! Saya Nimbus. Boleh minta nomor resi dan alamat lengkap?
Pelanggan: resi JNT00918274412. alamat [[STREET_ADDRESS:Jl. Kaliurang Km 5,5 No. 17, Sleman, Yogyakarta 55281]], a.n. [[PERSON:Dewi Lestari Putri]], hp [[PHONE:0812-2938-4471]]
Nimbus: Terima kasih kak [[PERSON:Dewi]], saya ajukan pengiriman ulang besok ya.`,

  // Swedish utility
  `Ämne: Fel mätarställning på fakturan

Hej!
Fakturan för maj visar 4 812 kWh men mätaren visade 3 190 kWh när jag fotade den 31/5.
Anläggnings-id: 735999100012345678
Kund: [[PERSON:Björn Lindqvist]], [[STREET_ADDRESS:Sveavägen 44, 111 34 Stockholm]]
Telefon: [[PHONE:070-582 19 43]]
Återbetalning till [[IBAN:SE30 5009 8464 2894 8144 7787]] tack.

Mvh [[PERSON:Björn]]`,

  // SaaS GitHub token leak ticket
  `Subject: URGENT - accidentally pasted token in public issue

Hi Nimbus team,
One of our devs ([[PERSON:Chidi Okonkwo]]) pasted this into a public GitHub issue on your SDK repo an hour ago:

  export GITHUB_TOKEN=[[SECRET:ghp_zjJDI1IHikL6iEE61pDUuNeP9vmvW2SYlQdz]]

We've revoked it on our side but could you please delete the issue comment? His profile is [[URL:https://www.linkedin.com/in/chidi-okonkwo-4b1a22]] if you need to verify he's with us.

— [[PERSON:Ngozi Eze]], Engineering Manager
[[EMAIL:ngozi.eze@paystackers.ng]]`,

  // airline chat with DOB and passport name
  `Passenger: I need to add my infant to my booking, ref QW8L2M
Nimbus: Of course! Please provide the infant's full name and date of birth.
Passenger: [[PERSON:Amara Chinwe Obi]], born [[DATE_OF_BIRTH:14 January 2024]]
Nimbus: Thank you. And the travelling adult on whose lap the infant will sit?
Passenger: me, [[PERSON:Ifeoma Obi]]. we fly [[LOCATION:Abuja]] to [[LOCATION:London]] on the 3rd`,

  // Mexican telecom
  `Asunto: Portabilidad no completada

Buenas tardes,
Solicité la portabilidad de mi número [[PHONE:+52 55 3914 2287]] hace 10 días y sigue sin completarse.
Titular: [[PERSON:José Luis Hernández Ramírez]]
Domicilio: [[STREET_ADDRESS:Av. Insurgentes Sur 1602, Col. Crédito Constructor, 03940 Ciudad de México]]
CURP y NIP ya fueron enviados por el portal.
Saludos`,

  // HR/payroll SaaS CSV import error
  `Import failed: 2 rows rejected (payroll_upload_2024-07.csv)
row,employee,ssn,dob,error
14,[[PERSON:Latoya Simmons]],[[US_SSN:301-22-5846]],[[DATE_OF_BIRTH:1985-06-30]],"duplicate SSN in tenant"
27,[[PERSON:Brandon Kowalczyk]],[[US_SSN:412-68-3097]],[[DATE_OF_BIRTH:1991-12-04]],"bank routing number failed checksum"`,

  // password reset URL paste
  `hey, the reset link you sent doesn't work, it just says expired. this is the link:
[[URL:https://accounts.shoplane.com/reset?uid=7781203&email=marta.kaczmarek%40gmail.com&token=9f1c2e7ab44d0e6f]]
can you send another to the same email? thanks, [[PERSON:Marta]]`,

  // hospital billing CRM note
  `CRM note — 2024-04-22 — agent [[PERSON:Yusuf Demir]]
Spoke with pt guarantor [[PERSON:Linda Castellanos]] (mother). Pt: [[PERSON:Mateo Castellanos]], DOB [[DATE_OF_BIRTH:02/17/2012]]. Disputes ER facility charge from 3/9. Insurance primary was termed 2/29; new plan card will be faxed. Set account on 30-day hold. Callback [[PHONE:(305) 218-7764]] ext. 12 after 5pm.`,

  // card in payment log (masked + full)
  `[payments] 2024-05-02 11:18:04 WARN  tokenization fallback used
  merchant=acct_1Nx9 amount=149.00 currency=GBP
  pan=[[CREDIT_CARD:5190395186219112]] exp=09/27 holder="[[PERSON:Owen Pritchard]]"
  billing_country=GB remote_addr=[[IP_ADDRESS:86.159.47.203]]`,

  // school enrollment form (US)
  `Student Enrollment — Lincoln Park Elementary (2024-25)
Student name: [[PERSON:Zoe Nakamura-Bell]]
Date of birth: [[DATE_OF_BIRTH:March 3, 2017]]
Grade: 2
Parent/Guardian 1: [[PERSON:Keiko Nakamura]] — [[PHONE:(503) 881-2049]] — [[EMAIL:keiko.nakamura@comcast.net]]
Parent/Guardian 2: [[PERSON:Adrian Bell]] — [[PHONE:(503) 881-7730]]
Home address: [[STREET_ADDRESS:5521 SE Woodstock Blvd, Portland, OR 97206]]
Allergies: tree nuts`,

  // Amex on phone call transcript
  `Call transcript (auto) — Concierge Travel — agent [[PERSON:Priscilla]]
Agent: ...and which card would you like to use for the hotel deposit?
Caller: the Amex, it's [[CREDIT_CARD:3448 772503 05923]].
Agent: Thank you, Mr. [[PERSON:Whitaker]]. And the name exactly as it appears on the card?
Caller: [[PERSON:Jonathan R. Whitaker]].
Agent: Perfect. You're confirmed at the hotel in [[LOCATION:Lisbon]] from the 9th to the 12th.`,

  // Slack token in bug report
  `**Bug**: bot stops posting to channel after ~1h
**Steps**: run \`node bot.js\` with the config below
\`\`\`
SLACK_BOT_TOKEN=[[SECRET:xoxb-085327969194-9871127718835-ZmtDLauGXE7RnN4YAc7LOtKI]]
CHANNEL=C04QF7M2A
\`\`\`
**Env**: Node 20.11, Ubuntu 22.04
Reported by [[EMAIL:f.haddad@mailbox.org]]`,

  // private key paste
  `Hi Nimbus support, our SFTP integration stopped working. I've attached the key we use so you can check it on your side:

[[SECRET:-----BEGIN RSA PRIVATE KEY-----
MIIEowIBAAKCAQEAZyF/+phrPIIkSXOxgg98SzUGgvCz2EH7FVZu8jP0KOFog3iJ
n4jU33cKUryA0nnk1RmugFg9domGyViqYSaL1qKHbrTsKEH7bGW/FT1xw1t16YwX
k2WpN8XYa4mqcEtV8Pj0KBIxZ8uMYnJTFfbmkUmdHTlJ/LAB5SZ/yRGY39lIdrCZ
F/S2CMLisvEhXXAzz2D/Bv+sQFHXrnrlSNaSSNSTfi3tXuprU//rTW7eNCZYr6A9
7rKWwDi7Wp2nTMBcSNCISzcaD1m/gq/nrh5TxWTfi8AtUbvRxKi2m9Mr5r89gz9h
4Jpo3WeJAc5Fko/vQyEfDyzRKB7gHtFm9yLWARa5Y/FGH8+oPLo2zeDSi5OkcTPo
x8G6G4SALNRSs88VR78XElexgajQD6X9wltyO3Rs==
-----END RSA PRIVATE KEY-----]]

Server is sftp.partner-logistics.eu, user "intake". Thanks, [[PERSON:Radu Ionescu]]`,

  // Australian e-commerce
  `G'day, my order #AU-66102 says delivered but it's not here. I'm at [[STREET_ADDRESS:Unit 5, 88 Beach Road, Bondi NSW 2026]]. Could the driver have left it at the wrong unit? My mobile is [[PHONE:0412 738 905]] if they need to call. Cheers, [[PERSON:Liam O'Sullivan]]`,

  // Canadian bank (French)
  `Objet : Virement Interac non reçu

Bonjour,
Ma sœur m'a envoyé un virement de 350 $ hier soir et je ne l'ai toujours pas reçu. Son courriel : [[EMAIL:genevieve.tremblay@videotron.ca]].
Mon adresse : [[STREET_ADDRESS:2207-1155 rue Metcalfe, Montréal, QC H3B 2V6]]
Tél. : [[PHONE:514 982-4471]]
Merci,
[[PERSON:Mathieu Tremblay]]`,

  // South African utility SMS thread
  `SMS thread — Prepaid Electricity
[[PHONE:082 614 9023]]: hi my token for R300 didnt load, meter 04271938452
Nimbus: Hi! Please reply with the account holder's name and address.
[[PHONE:082 614 9023]]: [[PERSON:Thandiwe Mokoena]], [[STREET_ADDRESS:14 Kloof Street, Gardens, Cape Town, 8001]]
Nimbus: Thanks [[PERSON:Thandiwe]] — a replacement token has been sent by SMS.`,

  // IBAN GB and card in support email
  `Subject: Refund to a different account please

Hello,
My card ending 5538 was cancelled after it was stolen so the refund for order 22-71840 can't go back to it. Please send it by bank transfer instead:
Name: [[PERSON:Aisha Rahman]]
IBAN: [[IBAN:GB63 NWBK 6016 1328 2420 50]]

Old card number in case you need it: [[CREDIT_CARD:5517 9045 8659 5538]]

Thanks,
[[PERSON:Aisha]]
[[PHONE:07700 183 442]]`,

  // JSON webhook payload (marketplace)
  `POST /webhooks/marketplace HTTP/1.1
Content-Type: application/json

{
  "event": "seller.payout_failed",
  "seller": {
    "id": "sl_99021",
    "display_name": "[[PERSON:Camille Dubois]]",
    "email": "[[EMAIL:camille.dubois.ateliers@gmail.com]]",
    "payout_iban": "[[IBAN:FR7630006000011234567890189]]",
    "country": "FR"
  },
  "reason": "account_closed"
}`,

  // German telecom chat informal
  `Kunde: hallo, mein Internet ist seit gestern weg
Nimbus: Hallo! Das tut mir leid. Für welche Anschlussadresse?
Kunde: [[STREET_ADDRESS:Karl-Marx-Allee 93, 10243 Berlin]]
Nimbus: Danke. Unter welchem Namen läuft der Vertrag?
Kunde: [[PERSON:Hanna Kowalski]]
Nimbus: Es gibt eine Störung in Ihrem Gebiet. Soll ich Sie per SMS informieren, wenn sie behoben ist?
Kunde: ja bitte, [[PHONE:0176 3928 4410]]`,

  // OpenAI key in Discord-style message
  `[[PERSON:jamie]]: hey so your integration keeps saying "invalid api key" but it works in curl??
[[PERSON:jamie]]: here's what I put in the settings page: [[SECRET:sk-proj-Q6gbmS834f14SC8o39qvRZT3JVVfaRm4zFxKwQOwQYkNkkkR]]
Nimbus: Thanks [[PERSON:Jamie]] — please rotate that key right away, since it's now visible in this chat. The issue is a trailing space in the field; we trim it in the next release.`,

  // Anthropic key + Google key in ticket
  `Support ticket #55102 — Integration health check failing
Org: Quillmark Ltd
Submitted by: [[PERSON:Rhiannon Price]] ([[EMAIL:rhiannon.price@quillmark.co.uk]])

Health check output:
  anthropic: ERROR 401 (key [[SECRET:sk-ant-api03-hueJryRmOxHngWXkDZGttgKuROgFTNoLMSD0KZHhwe032OWAhgyqvjpHau2AHWqj_HdbU3IfVqWwV0W4RpKNLwPhIIDWuAA]])
  google_maps: OK (key [[SECRET:AIzaQSjLuDABtesa3jXd1eJaUdUy7nOk_A8-EJU]])
  sendgrid: OK`,

  // gig app rider complaint with location
  `Ride ID 7H2-99K1 — Lost item report
Rider: [[PERSON:Sofía Castro Medina]]
Phone: [[PHONE:+57 310 482 7719]]
Pickup: [[STREET_ADDRESS:Calle 93B # 13-47, Bogotá]]
Drop-off: [[STREET_ADDRESS:Carrera 7 # 71-21, Bogotá]]
Item: black backpack with a laptop. Driver [[PERSON:Julián]] isn't answering the in-app call.`,

  // bank KYC email with DOB and address (UK)
  `Dear Nimbus Bank onboarding team,

As requested, here are my details again for the ID check:
Full name: [[PERSON:Olumide Babatunde Ogunleye]]
Date of birth: [[DATE_OF_BIRTH:04/11/1982]]
Address: [[STREET_ADDRESS:47 Stanhope Gardens, Flat B, London SW7 5RF]]
Previous address (less than 3 years): [[STREET_ADDRESS:12 Wellington Street, Leeds LS1 4LT]]

Kind regards,
[[PERSON:Olumide]]`,

  // Portuguese (Portugal) hospital billing
  `Assunto: Fatura em duplicado — consulta de 12/02

Boa tarde,
Recebi duas faturas (FT 2024/1882 e FT 2024/1883) pela mesma consulta de ortopedia.
Utente: [[PERSON:Beatriz Almeida Santos]], nascida a [[DATE_OF_BIRTH:19-08-1969]].
Já paguei a primeira por transferência a partir da conta [[IBAN:PT38 0002 0123 9810 0596 4839 2]].
Contacto: [[PHONE:912 847 301]]
Obrigada`,

  // Irish utility
  `Hi there,
I moved into [[STREET_ADDRESS:19 Cowper Road, Rathmines, Dublin 6, D06 X2Y8]] on 1 June and I'm still getting bills in the previous tenant's name ([[PERSON:Declan Murphy]]). Please switch the account to me, [[PERSON:Aoife Brennan]]. Direct debit from [[IBAN:IE13 AIBK 9311 5272 8508 80]].
Mobile [[PHONE:087 294 1183]].
Thanks`,

  // Austrian government portal
  `Anfrage über das Serviceportal — Kategorie: Meldezettel

Name: Mag. [[PERSON:Theresa Gruber]]
Geburtsdatum: [[DATE_OF_BIRTH:23.05.1976]]
Hauptwohnsitz: [[STREET_ADDRESS:Mariahilfer Straße 101/2/14, 1060 Wien]]
E-Mail: [[EMAIL:theresa.gruber@aon.at]]
Nachricht: Mein Meldezettel zeigt noch die alte Adresse in [[LOCATION:Graz]]. Bitte korrigieren.`,

  // Swiss payout
  `From: [[EMAIL:luca.bernasconi@bluewin.ch]]
Subject: Auszahlung Provision Juni

Hallo zusammen,
bitte zahlt meine Provision auf das neue Konto aus: [[IBAN:CH13 0076 2871 8139 8007 7]].
Danke und Gruss
[[PERSON:Luca Bernasconi]]
[[LOCATION:Lugano]]`,

  // Belgian SaaS invoice question
  `Bonjour,
Notre facture INV-2024-0612 a été débitée deux fois de notre compte [[IBAN:BE62 6130 5490 2257]]. Pouvez-vous rembourser le doublon ?
[[PERSON:Pieter Vandenbroucke]] — comptabilité
[[PHONE:+32 476 21 88 04]]`,

  // Austrian IBAN + DE in CSV for refunds
  `refund_batch_2024-08-05.csv
ticket,name,iban,amount_eur
T-8812,[[PERSON:Lukas Hofer]],[[IBAN:AT33 1904 3410 2196 5286]],49.90
T-8819,[[PERSON:Anna-Lena Schäfer]],[[IBAN:DE86 5001 0517 7029 4418 86]],12.50
T-8830,[[PERSON:Emre Aydın]],[[IBAN:NL70 INGB 0733 0142 77]],103.00`,

  // ES IBAN + card in chat (Spain)
  `Cliente: hola, quiero cambiar el método de pago de mi suscripción
Nimbus: ¡Claro! ¿Prefiere tarjeta o domiciliación bancaria?
Cliente: domiciliación. mi IBAN es [[IBAN:ES60 2100 0418 9122 2500 8153]]
Cliente: y borrad la tarjeta antigua por favor, la [[CREDIT_CARD:4823 5842 5889 5820]]
Nimbus: Hecho. ¿A nombre de quién está la cuenta?
Cliente: [[PERSON:Lucía Fernández Ortega]]`,

  // security alert log with IPs
  `SECURITY ALERT — suspicious login
user: [[EMAIL:t.vanderberg@ziggo.nl]]
time: 2024-07-19 03:12:44 UTC
ip: [[IP_ADDRESS:5.188.206.14]] (geo: [[LOCATION:Saint Petersburg]], [[LOCATION:Russia]])
previous ip: [[IP_ADDRESS:84.241.197.62]] (geo: [[LOCATION:Utrecht]], [[LOCATION:Netherlands]])
action: session revoked, password reset forced`,

  // IPv6 in ticket
  `Our customer [[PERSON:Reza Tehrani]] can't reach the dashboard from home. Traceroute dies after the ISP hop. His public address is [[IP_ADDRESS:2a01:4f8:c17:b3e::1]] and from the office [[IP_ADDRESS:62.210.16.49]] it works fine. Can you check if he's on a blocklist?`,

  // Discover card in form + DOB
  `Online Application — Store Credit Card
First name: [[PERSON:Shanice]]
Last name: [[PERSON:Broussard]]
DOB (mm/dd/yyyy): [[DATE_OF_BIRTH:07/09/1995]]
SSN: [[US_SSN:438-19-6602]]
Existing card to link for autopay: [[CREDIT_CARD:6011 4452 3062 9439]]
Home: [[STREET_ADDRESS:3308 Bienville St, New Orleans, LA 70119]]`,

  // JCB card Japanese chat
  `お客様：クレジットカードの二重請求について問い合わせです。
Nimbus：ご不便をおかけして申し訳ございません。カード番号をお知らせいただけますか。
お客様：[[CREDIT_CARD:3564 6583 1784 6878]] です。名義は[[PERSON:佐藤 健一]]です。
Nimbus：確認いたしました。返金手続きを開始します。`,

  // Mastercard 2-series in email + address
  `Subject: Wrong billing address on my account

Hi,
Your system keeps declining my card [[CREDIT_CARD:2221 7905 5221 5852]] because the billing address is old. It should be:
[[STREET_ADDRESS:901 Pine Street, Apt 6C, Seattle, WA 98101]]
Thanks,
[[PERSON:Marisol Vega]]
Sent from my iPhone`,

  // gitlab token and password in docker-compose
  `version: "3.9"
services:
  runner:
    image: gitlab/gitlab-runner:latest
    environment:
      - CI_SERVER_TOKEN=[[SECRET:glpat-SpdOG7gMEz541xUy8Ybh]]
  db:
    image: postgres:16
    environment:
      POSTGRES_USER: app
      POSTGRES_PASSWORD: [[SECRET:hunter2-Blue-Falcon]]
# ^ from customer [[PERSON:Ibrahim Kaba]]'s ticket, asking why the runner can't register`,

  // password in plain chat
  `Customer: i cant log in to the parent portal
Nimbus: I'm sorry! What's the username on the account?
Customer: its [[EMAIL:nadia.petrova77@mail.ru]] and password: [[SECRET:Sunflower!2019]]
Nimbus: Please never share your password with anyone, including me. I've sent a reset link to your email instead.`,

  // voicemail with address and DOB (pharmacy billing)
  `Voicemail — Pharmacy Billing — 4:52 PM
"Yes hello, my name is [[PERSON:Gloria Mendoza]], birthday [[DATE_OF_BIRTH:October 14, 1958]]. I got a bill for my inhaler that should have been covered. My address is [[STREET_ADDRESS:7720 Bellaire Blvd, Houston, TX 77036]]. Please call me back at [[PHONE:713-774-0148]]. Gracias."`,

  // CRM note telecom with multiple people
  `Account 88-1204-77 | Note by [[PERSON:K. Mbeki]] (Tier 2) | 2024-02-14
Customer [[PERSON:Fatima Zahra El Idrissi]] called re: SIM swap she did not request. Verified via security question. Fraudster used a store in [[LOCATION:Casablanca]]; customer is currently in [[LOCATION:Rabat]]. Reversed swap, new SIM mailed. Added note: only account holder or her husband [[PERSON:Youssef El Idrissi]] may request changes. Contact: [[PHONE:+212 661 48 20 93]].`,

  // email signature heavy
  `Thanks for the quick fix!

--
Dr. [[PERSON:Samuel Adebayo-Wright]]
Clinical Lead, Physiotherapy
Riverside Community Health
M: [[PHONE:+44 7456 209 318]]
E: [[EMAIL:samuel.adebayowright@nhs.net]]`,

  // NPM token, twilio in log
  `2024-08-01 12:00:03 [ci] Publishing @acme/ui@4.2.0
2024-08-01 12:00:03 [ci] //registry.npmjs.org/:_authToken=[[SECRET:npm_hhkMVKO2NKXNlVH5DNLj1HVhzMPKoQ9bZdTM]]
2024-08-01 12:00:05 [ci] npm ERR! 403 Forbidden
2024-08-01 12:00:05 [ci] triggered by [[EMAIL:oskar.lindgren@gmail.com]]`,

  // Chinese address + name in form (pinyin)
  `Shipping Form
Recipient: [[PERSON:Zhang Wei]]
Phone: [[PHONE:+86 138 1047 2293]]
Address: [[STREET_ADDRESS:Room 1203, Building 5, 88 Zhongshan North Road, Jing'an District, Shanghai 200070]]
Note: please call before delivery, the building gate code changes weekly.`,

  // Shopify token + store owner
  `Hi, I'm [[PERSON:Priyanka Menon]], owner of a small candle shop. Your app stopped syncing inventory. Your docs said to paste the admin API access token here so: [[SECRET: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]]. My shop is in [[LOCATION:Kochi]], [[LOCATION:Kerala]] if timezone matters.`,

  // insurance claim letter with Visa + location
  `Claim form — Travel Insurance
Policyholder: [[PERSON:Henrik Olsen]]
Date of birth: [[DATE_OF_BIRTH:1972-02-28]]
Incident: luggage lost on connection in [[LOCATION:Frankfurt]]
Reimbursement card: [[CREDIT_CARD:4915 1937 6554 0587]]
Email: [[EMAIL:henrik.olsen@online.no]]`,

  // Kenyan school fees
  `Dear Bursar,
I paid Term 2 fees for my son [[PERSON:Brian Otieno]] (Form 3 East) via M-Pesa on 5 May but the portal still shows a balance. Transaction code SED4KX81QZ. My number is [[PHONE:+254 722 814 305]].
Regards,
[[PERSON:Grace Achieng Otieno]]`,

  // JWT in URL + cookie
  `GET [[URL:https://portal.civicservices.gov.example/verify?session=eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImsxIn0.eyJzdWIiOiI4ODQxMjA3IiwibmFtZSI6Ikx1Y2lhIEZlcnJlaXJhIiwicm9sZSI6ImRyaXZlciIsImlhdCI6MTcyMTkwMDAwMH0.aY5VFqhsRL28jYLtzgCBKmYFeBjz9QXeLT_jXm9X9Lf_u4LXQ1QtQ3FYUYcW2H9Euys7-ajEo-e-fl-TRNeCHP]] 302
Referer: https://portal.civicservices.gov.example/login
Reported by user [[PERSON:Lucia Ferreira]] after the redirect loop.`,
];

const NEGATIVES: readonly string[] = [
  // order status template
  `Hi there,

Your order #BC-448120 has shipped! Tracking number: 1Z 999 AA1 01 2345 6784.
Estimated delivery: 3–5 business days.
Questions? Reply to this email or chat with Nimbus in the app.

— The Brightcart team`,

  // log with private/loopback/documentation IPs and version strings
  `2024-06-10T09:45:51Z INFO  healthcheck ok upstream=10.0.4.17:8080 latency=12ms
2024-06-10T09:45:52Z INFO  sidecar listening on 127.0.0.1:15000
2024-06-10T09:45:52Z WARN  retrying 192.168.1.254 (gateway) attempt=2
2024-06-10T09:45:53Z DEBUG docs example host 203.0.113.10 skipped
2024-06-10T09:45:53Z INFO  firmware=3.14.159.26 build=2024.06.1-rc4`,

  // placeholder secrets in docs snippet
  `To configure the integration, add these to your .env file:

STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx
SLACK_BOT_TOKEN=xoxb-your-token-here
DB_PASSWORD=<your database password>

Never commit real values. Nimbus will prompt you for them on first run.`,

  // masked card receipt
  `RECEIPT
Store #0442  Terminal 07
VISA ************4417
AUTH CODE 08831C
SUBTOTAL  54.20
TAX        4.34
TOTAL     58.54
Thank you for shopping with us!`,

  // invalid card-like number (fails Luhn) in product listing
  `SKU 4111 2222 3333 4444 — Replacement filter cartridge, pack of 4
SKU 5500 0000 0000 0001 — Mounting bracket (stainless)
Both ship from the regional warehouse within 2 days.`,

  // product names that look like names
  `Bestsellers this week:
1. Victoria Sponge Cake Mix (500 g)
2. Earl Grey Tea, loose leaf
3. Margherita Pizza Stone
4. Charlotte Tote Bag — canvas
Restocks arrive Tuesday.`,

  // SaaS release notes
  `Release 7.12.0 (2024-07-02)
- Fixed: webhook retries now use exponential backoff (max 6 attempts)
- Added: SCIM provisioning for groups
- Changed: API rate limit raised to 600 req/min per token
- Deprecated: /v1/exports endpoint, removal planned for 8.0
Upgrade notes: run migrations 2024_06_28_001 through 2024_06_30_004.`,

  // stack trace without personal data
  `TypeError: Cannot read properties of undefined (reading 'id')
    at resolveCart (/app/dist/cart/resolve.js:41:23)
    at async Promise.all (index 2)
    at async handler (/app/dist/routes/checkout.js:118:17)
Request-Id: 7f3c9a2e-4b1d-4e8a-9c0f-2d6b5e1a8f44
Build: 9e1b4c7`,

  // policy text with role mailboxes
  `Refund policy
Items can be returned within 30 days of delivery in their original packaging. Refunds are issued to the original payment method within 5–10 business days.
For damaged items, email support@brightcart.com with your order number and a photo. Billing questions: billing@brightcart.com.`,

  // dates that aren't birth dates, with account numbers
  `Statement period: 01/05/2024 – 31/05/2024
Opening balance: 1,204.55
Direct debit collected: 15/05/2024
Next statement: 30/06/2024
Reference: STMT-2024-05-000918`,

  // YAML without secrets
  `# values.yaml
replicaCount: 2
image:
  repository: registry.internal/checkout
  tag: "2.8.4"
resources:
  limits:
    cpu: 500m
    memory: 512Mi
auth:
  password: ""
  existingSecret: checkout-db-credentials`,

  // bot FAQ answer about phone formats
  `Nimbus: To update your phone number, go to Settings → Profile → Contact details and enter the number in international format (country code first, no spaces). We'll send a 6-digit code to confirm it. The code expires after 10 minutes.`,

  // hash / UUIDs / checksums
  `Artifact verification
sha256: 3b7e2f0c9d4a1e8b6f5c2a7d9e0b1c4f8a6d3e2b7c9f0a1d4e8b2c6f9a0d3e7b
md5: cf7c71f262ea9cf6473409f8d97e5952
upload_id: 0d9c4e2a-77b1-4f3e-a8c2-5b6d1e9f0a3c
size: 48,211,904 bytes`,

  // Spanish generic outage notice
  `Aviso de mantenimiento
El próximo domingo entre las 02:00 y las 05:00 (hora local) realizaremos tareas de mantenimiento en la banca en línea. Durante ese periodo no será posible realizar transferencias. Disculpe las molestias.`,

  // German generic reply
  `Vielen Dank für Ihre Nachricht. Ihre Anfrage wurde unter der Vorgangsnummer 2024-0718-4471 erfasst. Unsere Bearbeitungszeit beträgt derzeit etwa fünf Werktage. Bitte antworten Sie nicht auf diese automatisch erzeugte E-Mail.`,

  // JSON config with non-personal numeric fields
  `{
  "plan": "business",
  "seats": 25,
  "billing_cycle": "annual",
  "invoice_prefix": "INV-2024-",
  "tax_id_required": true,
  "retry_schedule_hours": [24, 72, 168],
  "support_tier": "priority",
  "feature_flags": {"sso": true, "audit_log": true, "ip_allowlist": false}
}`,

  // IBAN-like but invalid, in bank FAQ
  `FAQ: What does an IBAN look like?
An IBAN starts with a two-letter country code, followed by two check digits and the domestic account number. For example, the format for our accounts is CCkk BBBB NNNN NNNN NNNN NN — the letters stand for your own check digits, bank code and account number. Never send your IBAN over chat.`,

  // airline ops message
  `OPS NOTICE — Flight NV 482 delayed 95 min due to late inbound aircraft. New ETD 14:35. Gate change B12 → B17. Crew rest requirements satisfied. Catering reload confirmed. Next update 13:45.`,

  // JWT-shaped example but clearly truncated placeholder
  `Authentication
Send the access token in the Authorization header:

  Authorization: Bearer <ACCESS_TOKEN>

Tokens expire after 3600 seconds. Use the refresh endpoint POST /oauth/token with grant_type=refresh_token to obtain a new one.`,

  // Japanese generic notice
  `【システムメンテナンスのお知らせ】
7月20日（土）午前1時から午前4時まで、システムメンテナンスを実施いたします。
メンテナンス中はログインおよびご注文ができません。ご迷惑をおかけしますが、ご理解のほどよろしくお願いいたします。`,

  // CSV of SKUs and stock
  `sku,description,qty,warehouse,reorder_point
HX-2201,USB-C cable 2m,418,WH-3,100
HX-2202,USB-C cable 1m,1022,WH-3,150
PB-9100,Power bank 20000mAh,87,WH-1,40
RT-4410,Wi-Fi 6 router,12,WH-2,20`,

  // telecom plan comparison with numbers
  `Plan comparison
Basic — 10 GB, 300 minutes, 9.99/month
Plus — 50 GB, unlimited minutes, 19.99/month
Max — unlimited data, unlimited minutes, 100 min international, 34.99/month
Activation fee waived until 31.08. Contract term 24 months.`,

  // redacted ticket
  `Ticket #90211 (redacted for QA review)
Customer: [REDACTED]
Email: [REDACTED]
Issue: charged twice for annual plan
Resolution: duplicate charge refunded, customer notified
CSAT: 5/5`,

  // hospital generic billing info
  `Understanding your statement
The "Amount Due" line shows what you owe after insurance adjustments. If you have questions about a specific charge, call the number on the back of your insurance card first, as most disputes are resolved by the insurer. Payment plans of up to 12 months are available with no interest.`,

  // school newsletter no names
  `Weekly update for families
- Picture day is moved to next Thursday.
- The library needs volunteers for the book fair (sign-up sheet at the front office).
- Reminder: early dismissal on Friday at 12:30.
- Lost and found will be donated at the end of the month.`,

  // government portal generic
  `Service Portal — Help
To renew a permit, sign in, open "My Applications", choose the permit and select "Renew". Upload documents as PDF (max 10 MB each). Processing takes up to 15 working days. You will receive a notification when a decision has been made.`,

  // git log / commit message
  `commit 9e1b4c7a2f38d01e6b5c4a7f9d2e8b3c1a0f6d5e
Merge: 4a1c2e9 7d3f0b8
Date:   Tue Jul 2 10:14:07 2024 +0000

    fix(payments): handle 3DS challenge timeout

    Previously a timed-out challenge left the order in PENDING forever.
    Now it moves to FAILED after 15 minutes and the cart is restored.`,

  // Python traceback no data
  `Traceback (most recent call last):
  File "/srv/app/jobs/reconcile.py", line 77, in run
    batch = fetch_batch(cursor, size=500)
  File "/srv/app/db/queries.py", line 212, in fetch_batch
    raise TimeoutError("statement timeout after 30000 ms")
TimeoutError: statement timeout after 30000 ms`,

  // gig app generic incentive message
  `Weekend boost is live! Complete 25 trips between Friday 18:00 and Sunday 23:59 to earn an extra 40.00. Trips cancelled by riders still count if you arrived at the pickup point. Check the Earnings tab for your progress.`,

  // French utility generic
  `Votre facture est disponible dans votre espace client. Montant : 84,37 € — prélèvement prévu le 12 du mois. Pour modifier votre mode de paiement, rendez-vous dans la rubrique « Mes paiements ». Référence contrat : EL-00482-1193.`,
];

export function heldout5(): LabeledDoc[] {
  return [
    ...POSITIVES.map((src, i) => parseMarkup(`h5-p${i + 1}`, 'heldout5', src)),
    ...NEGATIVES.map((src, i) => parseMarkup(`h5-n${i + 1}`, 'heldout5-negative', src, true)),
  ];
}
