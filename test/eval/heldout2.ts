/**
 * Held-out set 2: ~120 hand-labeled customer-support texts written without looking at the detector or at the
 * other evaluation sets (only heldout.ts's labeling conventions were read). Chats, e-mail threads with quoted
 * replies and signatures (EN, DE, FR, ES, IT, NL, PL, PT, TR), tickets / CRM notes, call transcripts, pasted
 * CSV / JSON / YAML / logs / stack traces, SMS, handover notes and forms, plus hard negatives.
 * Conventions (same as heldout.ts): titles (Mr., Dr.) and "'s" are outside PERSON spans; a full name is one
 * PERSON span (also "SURNAME, Given"), a first name alone is a PERSON span; phone extensions are outside PHONE
 * spans; a street address span runs from the house number / flat to the postcode and city written right after
 * it; city / region / country names outside an address span are LOCATION; a URL carrying personal values or
 * credentials is one URL span; for `password: value` only the value is SECRET; DATE_OF_BIRTH only where the
 * context says it is a birth date; organizations, role mailboxes (support@, noreply@) and the support bot's
 * persona ("Aria") are not labeled. Card numbers are Luhn-valid, IBANs mod-97-valid, SSNs valid by SSA rules.
 */
import { parseMarkup, type LabeledDoc } from './markup.js';

const POSITIVE: readonly string[] = [
  // ---- chat, sloppy / lower-case ----
  `hii my name is [[PERSON:chidinma okonkwo]] i ordered 2 pairs of the trail runners n got the wrong size 😩 can u call me back on [[PHONE:0803 417 2290]] pls`,
  `hello, [[PERSON:Rahul]] here again. the refund went to my old card, can you put it on the new one instead? its [[CREDIT_CARD:4539 9101 1127 6210]] exp 09/27`,
  `helo i cant acess my acount since yesterday, the email on it is [[EMAIL:fernando.gomes1987@hotmail.com]] and my name [[PERSON:fernando gomes]]. pls help urgnt!!!`,
  `hi my korean name is [[PERSON:Kim Ji-woo]] but the account is under [[PERSON:Jiwoo Kim]], phone [[PHONE:010-2948-7716]]. im in [[LOCATION:Seoul]] so pls mind the time difference 🙏`,
  `Good pm po! This is [[PERSON:Maria Cristina Dela Cruz]], yung order ko po from last week di pa dumating. Pakicheck naman po, my number is [[PHONE:0917 462 8830]] 🙏🙏`,
  `i pasted my token into the CI settings but it still says 401 unauthorized: [[SECRET:ghp_bhctedPxwR90f8ZXJZfXjAffvVq2D4Ayp5sF]] what am i doing wrong??`,
  `ok so my husband [[PERSON:bill]] will call you tomorrow, he has the receipt. his cell is [[PHONE:(614) 382-9057]]`,
  `hey its [[PERSON:aoife]] 👋 the courier says he left it with a neighbour but nobody at [[STREET_ADDRESS:12 Griffith Avenue, Drumcondra, Dublin 9]] has it`,
  `thx [[PERSON:Sven]]! btw can u also change the email to [[EMAIL:lena.vogel+shop@gmx.de]], the old one is dead`,
  `me again lol. [[PERSON:dimitra]] from the chat this morning. the promo code still doesnt work on my account ([[EMAIL:dimitra.k92@yahoo.gr]])`,
  `Aria: Hi! I'm Aria, the virtual assistant. Who am I speaking with?
User: [[PERSON:Deepika Nair]]
Aria: Thanks [[PERSON:Deepika]]! Could you share the e-mail address on the account?
User: [[EMAIL:deepika.nair@rediffmail.com]]`,
  `my ip is [[IP_ADDRESS:86.142.17.203]] can you whitelist it? working from home in [[LOCATION:Leeds]] this week`,
  `yes the acc is in my mums name, [[PERSON:Eleanor Whitfield]], she's 84 and doesnt do computers 😅 her landline is [[PHONE:01632 960 418]]`,
  `can u send the invoice to kwame? [[EMAIL:kwame.asante at gmail dot com]] (sorry typing from my phone)`,

  // ---- SMS ----
  `hi its [[PERSON:Marisol]] from the 3pm appt, running 10 min late sorry!! txt me at [[PHONE:(305) 847-1162]] if thats a prob`,
  `Your driver [[PERSON:Kofi]] is 5 minutes away. Questions? Reply to this SMS or call him on [[PHONE:07456 219 804]].`,
  `Hola [[PERSON:Lucía]], tu cita es mañana a las 10:00. Si no puedes venir llama al [[PHONE:+34 612 48 90 37]]. Responde STOP para darte de baja.`,
  `Mum its [[PERSON:Tariq]], new number!! save it: [[PHONE:+44 7911 204 683]]. the old one got nicked in [[LOCATION:Manchester]]`,

  // ---- e-mail threads, several languages ----
  `Sehr geehrte Damen und Herren,

leider ist meine Lieferung noch immer nicht angekommen. Bitte senden Sie sie an meine neue Adresse:
[[STREET_ADDRESS:Kastanienallee 47, 10435 Berlin]]

Mit freundlichen Grüßen
[[PERSON:Jürgen Hoffmann]]
Tel. [[PHONE:+49 30 44 67 21 90]]

> Am 03.06.2024 schrieb Kundenservice <service@moebelhaus-nord.de>:
> Vielen Dank für Ihre Bestellung Nr. 4410-2291. Die Lieferung erfolgt in 5-7 Werktagen.`,
  `Bonjour,

Je m'appelle [[PERSON:Camille Lefèvre]], née le [[DATE_OF_BIRTH:14/02/1988]] à [[LOCATION:Lyon]]. Je souhaite modifier l'adresse de livraison : [[STREET_ADDRESS:18 rue des Capucins, 69001 Lyon]].
Pour le remboursement, voici mon IBAN : [[IBAN:FR31 5537 0800 0408 4814 7069 747]]

Cordialement,
[[PERSON:C. Lefèvre]]
[[PHONE:06 71 42 88 19]]`,
  `Hola equipo:

Soy [[PERSON:María José Fernández Ruiz]] y vivo en [[STREET_ADDRESS:Calle de Alcalá 214, 3º B, 28028 Madrid]]. Me habéis cobrado dos veces el pedido 88-1132. Os dejo mi IBAN para la devolución: [[IBAN:ES64 6129 2393 6520 5217 9384]]

Un saludo,
[[PERSON:María José]]

-----Mensaje original-----
De: Atención al Cliente <clientes@tiendaelectro.es>
Enviado el: lunes, 10 de junio de 2024 9:12
Asunto: RE: Cobro duplicado`,
  `Buongiorno,
sono [[PERSON:Giuseppe Russo]], nato il [[DATE_OF_BIRTH:3 marzo 1975]] a [[LOCATION:Napoli]]. Vorrei sapere perché il reso non è stato ancora accreditato sul conto [[IBAN:IT64 X865 8007 9882 8607 5263 259]].
Il mio cellulare è [[PHONE:347 812 9034]], email [[EMAIL:g.russo75@libero.it]].
Grazie,
[[PERSON:Giuseppe]]`,
  `Hoi,

Mijn pakket is naar mijn oude adres gestuurd. Het moet naar [[STREET_ADDRESS:Prinsengracht 263-1, 1016 GV Amsterdam]]. Graag de verzendkosten terugstorten op [[IBAN:NL25 RABO 5241 3645 35]].
Bel gerust: [[PHONE:06-41872239]]

Groetjes,
[[PERSON:Sanne de Vries]]`,
  `Dzień dobry,

nazywam się [[PERSON:Tomasz Wiśniewski]], ur. [[DATE_OF_BIRTH:22.07.1990]]. Proszę o zwrot pieniędzy na konto [[IBAN:PL57 4784 4960 6110 8196 7133 0498]].
Tel. [[PHONE:+48 601 338 472]]

Pozdrawiam,
[[PERSON:Tomasz]]`,
  `Olá,

o meu nome é [[PERSON:João Pedro Carvalho]] e moro na [[STREET_ADDRESS:Rua Augusta 120, 1100-053 Lisboa]]. A encomenda chegou danificada. Podem devolver o valor para o IBAN [[IBAN:PT52 6258 1882 2355 7622 2673 3]]?

Obrigado,
[[PERSON:João Carvalho]]
[[PHONE:+351 912 407 385]]`,
  `Merhaba,

Ben [[PERSON:Elif Yıldız]]. Siparişim hâlâ gelmedi. Telefon: [[PHONE:0532 418 27 90]]
Adres: [[STREET_ADDRESS:Bağdat Caddesi No: 145 D: 8, 34728 Kadıköy/İstanbul]]
İade için IBAN: [[IBAN:TR94 0803 7047 9390 0202 5250 08]]

Saygılarımla`,
  `Hi [[PERSON:Tom]],

Thanks for getting back to me so quickly. Yes, the address on file is old, it should be [[STREET_ADDRESS:Flat 3, 27 Albert Road, Southsea PO5 2SE]]. Mobile is [[PHONE:07700 914 382]] if the driver needs it.

Best,
[[PERSON:Grace]]

On Tue, 11 Jun 2024 at 16:02, [[PERSON:Tom Bradley]] <[[EMAIL:tom.bradley@homeflex.co.uk]]> wrote:
> Hi [[PERSON:Grace]],
> Could you confirm the delivery address and a contact number?
> [[PERSON:Tom Bradley]] | Customer Care | HomeFlex Ltd
> Direct: [[PHONE:023 9287 4410]] ext 31`,
  `From: [[PERSON:Yael Ben-David]] <[[EMAIL:yael.bendavid@walla.co.il]]>
Subject: Charged twice

Hi, my card [[CREDIT_CARD:5425-1873-4496-3807]] was charged twice for order 771203. I'm in [[LOCATION:Tel Aviv]] until the 20th, after that back in [[LOCATION:Haifa]].
Thanks, [[PERSON:Yael]]`,
  `Bonjour Mme [[PERSON:Dubois]],

Suite à notre échange téléphonique, je vous confirme que le technicien passera le 18 juin.

Bien à vous,
[[PERSON:Karim Benali]]
Conseiller clientèle – ÉnergiePlus
Ligne directe : [[PHONE:+33 1 84 88 27 15]] poste 204

> Le 12 juin 2024 à 10:41, [[PERSON:Hélène Dubois]] <[[EMAIL:helene.dubois@orange.fr]]> a écrit :
> Mon compteur est au [[STREET_ADDRESS:7 allée des Tilleuls, 33600 Pessac]], merci de prévenir avant de venir.`,
  `Olá, boa tarde!
Meu pedido não chegou ainda. Seguem meus dados para contato.

Att.,
[[PERSON:Rafael Souza]]
[[PHONE:+55 11 98765-4321]]
[[LOCATION:São Paulo]]`,
  `Hallo,

ik ben [[PERSON:pieter van der berg]] en ik wil mijn abonnement opzeggen. Mijn klantnummer staat hieronder.

Met vriendelijke groet,
[[PERSON:P. van der Berg]]
[[STREET_ADDRESS:Oudegracht 112, 3511 AX Utrecht]]`,
  `Dear Sir/Madam,

My name is [[PERSON:Abdullah Al-Qahtani]] and I live in [[LOCATION:Riyadh]]. The order number is SA-44812 and it was marked delivered but I never got it. Please contact me on [[PHONE:+966 55 374 2918]] or [[EMAIL:a.alqahtani@outlook.com]].

Best regards`,
  `Hi Team,

I am [[PERSON:Priya Raman]] from [[LOCATION:Bengaluru]]. Kindly do the needful and refund the amount to my account at the earliest.
Contact: [[PHONE:+91 98450 21736]]

Regards,
[[PERSON:Priya]]
Sent from my iPhone`,
  `Guten Tag Herr [[PERSON:Yilmaz]],

anbei die Rechnung. Bitte überweisen Sie den offenen Betrag bis 30.06.

Viele Grüße
[[PERSON:Katrin Becker]]
Buchhaltung
[[EMAIL:k.becker@schreinerei-holzmann.de]] | [[PHONE:0711 2486 5530]]`,
  `---------- Forwarded message ---------
From: [[PERSON:Oluwadamilare Bankole]] <[[EMAIL:dami.bankole@gmail.com]]>
Date: Mon, Jun 10, 2024 at 7:55 PM
Subject: Re: your claim
To: claims@assurewell.com

Please find my details below. I was born on [[DATE_OF_BIRTH:17 October 1984]] and my policy address is [[STREET_ADDRESS:45 Admiralty Way, Lekki Phase 1, Lagos]].`,
  `Ciao,
scrivo per conto di mia madre, [[PERSON:Rosa Esposito]], che non usa la posta elettronica. L'indirizzo per la consegna è [[STREET_ADDRESS:Via Giuseppe Garibaldi 18, 20121 Milano MI]], citofono [[PERSON:Esposito]].
Il suo numero fisso: [[PHONE:02 8736 4410]].
[[PERSON:Francesca]]`,

  // ---- tickets, CRM notes, handover ----
  `CRM note 11/06 — spoke w/ [[PERSON:Venkatesh Subramanian]] (acct 7781-220). He's relocating from [[LOCATION:Chennai]] to [[LOCATION:Toronto]] next month and wants billing moved to [[STREET_ADDRESS:88 Harbour Street, Unit 2104, Toronto, ON M5J 0B1]]. New mobile [[PHONE:+1 647 883 2051]]. Follow up 18/06.`,
  `Handover → night shift
- [[PERSON:OYELARAN, Babatunde]] (VIP) still waiting on the replacement router. Promised callback before 9am on [[PHONE:+44 7911 482 306]].
- #55120: lady from [[LOCATION:Cork]] ([[PERSON:Niamh]]) wants a paper invoice posted to [[STREET_ADDRESS:14 Wellington Road, Cork T12 X2F7]].
- Escalated [[PERSON:Arjun]]'s chargeback to billing, nothing else needed.`,
  `Ticket #30219 – customer [[PERSON:Konstantinos Papadakis]] ([[EMAIL:kpapadakis@gmail.com]]) reports the courier left the parcel at [[STREET_ADDRESS:Ermou 54, 105 63 Athens]] instead of his office. Asked for photo proof.`,
  `Customer [[PERSON:WANG Xiuying]] called from [[LOCATION:Shenzhen]] re: warranty on the X2 vacuum. Mobile [[PHONE:+86 138 2651 0473]]. Prefers contact via [[EMAIL:xiuying.wang@163.com]].`,
  `Case 88412 | Priority: High | Requester: [[PERSON:Ngozi Eze]] | Phone: [[PHONE:+234 809 412 7730]] | Summary: customer locked out after SIM swap, suspects fraud on card [[CREDIT_CARD:4916017373977064]].`,
  `Note from [[PERSON:Liesbeth]] (L2): verified identity via DOB [[DATE_OF_BIRTH:1971-08-03]] + postcode. Customer is [[PERSON:Henrik Andersen]], lives in [[LOCATION:Aarhus]]. Reset MFA, told him to expect a call from [[PHONE:+45 20 48 61 93]] — no wait that's his own number, ignore.`,
  `Escalation: Mr. [[PERSON:Mustafa Çelik]]'s complaint about the damaged sofa. He sent photos from [[EMAIL:mcelik@turk.net]]. Wants a technician at [[STREET_ADDRESS:Atatürk Bulvarı No: 88/4, 06680 Çankaya/Ankara]].`,
  `Internal: [[PERSON:Hana Yoshida]] (she/her) asked us to stop calling her old number. Updated to [[PHONE:090-7721-3348]]. She is moving to [[LOCATION:Fukuoka]] in July.`,
  `Assigned to: [[PERSON:Carlos Mendoza]]
Reporter: [[PERSON:Sarah O'Brien]] <[[EMAIL:sobrien@ucd.ie]]>
Description: The exported PDF shows my home address ([[STREET_ADDRESS:22 Rathgar Road, Dublin 6]]) on the public profile page. Please remove ASAP.`,
  `Ticket 77012 – reopened. Customer [[PERSON:Małgorzata Kowalczyk]] says refund still not received. Bank details confirmed: [[IBAN:DE52 0481 8158 4282 3594 11]] (German account, she lives in [[LOCATION:Frankfurt]] now).`,
  `Agent notes: cust [[PERSON:Le Van Thanh]] (goes by [[PERSON:Tony]]) called about the late delivery to [[STREET_ADDRESS:4517 Bellaire Blvd, Houston, TX 77401]]. Gave 15% coupon. cb # [[PHONE:832-555-7719]].`,

  // ---- call transcripts ----
  `[00:01:12] AGENT: Thanks for calling, can I get your full name please?
[00:01:15] CALLER: yeah it's, uh, [[PERSON:Siobhán Ní Bhriain]]... [[PERSON:S-I-O-B-H-A-N]]
[00:01:24] AGENT: And your date of birth?
[00:01:26] CALLER: [[DATE_OF_BIRTH:ninth of November, eighty-three]]
[00:01:31] AGENT: Lovely, and the best number to reach you?
[00:01:33] CALLER: [[PHONE:087 214 6630]]`,
  `Call summary: caller said her name is [[PERSON:Adaeze Nwosu]], DOB [[DATE_OF_BIRTH:30/04/1979]], calling from [[LOCATION:Lagos]] about a double charge. Verified last 4 of card. Callback on [[PHONE:+234 803 712 0192]].`,
  `Speaker 1 (agent): ...so for security, can you confirm the address we have?
Speaker 2: sure, [[STREET_ADDRESS:1420 Maple Avenue, Apt 3, Springfield, IL 62704]].
Speaker 1: and the last four of your social?
Speaker 2: I can give you the whole thing, it's [[US_SSN:623-41-8890]].
Speaker 1: oh, no need, last four is fine! Thank you Mrs. [[PERSON:Kowalski]].`,
  `Voicemail transcription: "Hi this is [[PERSON:Brendan]] calling about order 5512, please call me back at [[PHONE:four one five, eight two three, six six zero one]], thanks."`,
  `Transcript (auto): hello yes my name is [[PERSON:ahmed hassan]] a h m e d, i'm calling from [[LOCATION:Cairo]] on my cousin's phone, the number is [[PHONE:+20 100 482 7731]]`,
  `Call 14:02 – Mrs. [[PERSON:Tanaka]] phoned, very upset. Her son [[PERSON:Kenji]] ordered on her card without asking. She wants the card [[CREDIT_CARD:3714 963421 23594]] removed from his account.`,

  // ---- forms ----
  `Name: [[PERSON:NGUYEN, Minh Khoa]]
DOB: [[DATE_OF_BIRTH:05/19/1996]]
SSN: [[US_SSN:512-48-3076]]
Address: [[STREET_ADDRESS:2817 Lakeview Dr, Apt 204, Garland, TX 75044]]
Phone: [[PHONE:(972) 418-5530]]
Email: [[EMAIL:minhkhoa.nguyen96@yahoo.com]]`,
  `Cust: [[PERSON:MARTINEZ, Ana]] / DOB [[DATE_OF_BIRTH:03-22-1985]] / SSN last 4 only (7731) / cb [[PHONE:(213) 594-0087]]`,
  `Antragsteller: [[PERSON:Schneider, Klaus-Dieter]]
geb. [[DATE_OF_BIRTH:12.09.1969]] in [[LOCATION:Dortmund]]
Anschrift: [[STREET_ADDRESS:Lindenstraße 5a, 44137 Dortmund]]
IBAN: [[IBAN:DE78455806294851086304]]`,
  `Nom : [[PERSON:BERNARD]]
Prénom : [[PERSON:Théo]]
Né le : [[DATE_OF_BIRTH:2 avril 1961]]
Adresse : [[STREET_ADDRESS:54 boulevard Haussmann, 75009 Paris]]
Tél. : [[PHONE:01 42 68 53 00]]`,
  `Nombre: [[PERSON:José Luis García-Márquez]]
Fecha de nacimiento: [[DATE_OF_BIRTH:17/08/1993]]
Teléfono: [[PHONE:+34 654 201 338]]
Correo: [[EMAIL:jlgarcia.marquez@telefonica.net]]`,
  `Guest registration
Full name: [[PERSON:Ingrid Haugen]]
Date of birth: [[DATE_OF_BIRTH:1988-12-01]]
Home city: [[LOCATION:Oslo]], [[LOCATION:Norway]]
Passport / ID: (seen at desk)
Email: [[EMAIL:ingrid.haugen@online.no]]`,
  `Applicant: Dr. [[PERSON:Oluwaseun Adeyemi]]
Born: [[DATE_OF_BIRTH:4th July 1992]]
SSN: [[US_SSN:301725519]]
Current address: [[STREET_ADDRESS:350 W 42nd St, Apt 18C, New York, NY 10036]]`,
  `Shipping to: [[PERSON:Sato Yuki]]
[[STREET_ADDRESS:3-14-2 Jingumae, Shibuya-ku, Tokyo 150-0001]]
Tel: [[PHONE:03-5468-2231]]`,
  `Deliver to: [[PERSON:Liam O'Connor]], [[STREET_ADDRESS:Unit 5, 42 Bondi Road, Bondi NSW 2026]]. Ph [[PHONE:0412 339 781]]. Leave at door.`,
  `Bill to: [[PERSON:Geneviève Tremblay]]
[[STREET_ADDRESS:1184 Rue Saint-Denis, Montréal, QC H2X 3J6]]
[[PHONE:514-872-3390]] ext. 12`,
  `Contact form submission
name=[[PERSON:Gaurav Mehta]]
email=[[EMAIL:GAURAV.MEHTA@OUTLOOK.COM]]
phone=[[PHONE:+61 2 9374 4000]]
message=Please call me re: the corporate plan. I'm based in [[LOCATION:Sydney]].`,

  // ---- pasted data: CSV / JSON / YAML / logs / traces ----
  `customer_id,first_name,last_name,email,phone,city
C-20931,[[PERSON:Hiroshi]],[[PERSON:Tanaka]],[[EMAIL:hiroshi.tanaka@docomo.ne.jp]],[[PHONE:090-3312-4478]],[[LOCATION:Osaka]]
C-20932,[[PERSON:Min-jun]],[[PERSON:Park]],[[EMAIL:mjpark88@naver.com]],[[PHONE:010-4827-1193]],[[LOCATION:Busan]]
C-20933,[[PERSON:Thi Hoa]],[[PERSON:Tran]],[[EMAIL:tranthihoa.hcm@gmail.com]],[[PHONE:+84 908 221 347]],[[LOCATION:Ho Chi Minh City]]`,
  `"order_id";"name";"address";"iban"
"DE-55102";"[[PERSON:Anneliese Krüger]]";"[[STREET_ADDRESS:Hauptstraße 17, 79098 Freiburg]]";"[[IBAN:DE30 9166 7992 0627 0879 95]]"
"DE-55103";"[[PERSON:Krüger, Heinz]]";"[[STREET_ADDRESS:Hauptstraße 17, 79098 Freiburg]]";""`,
  `{"event":"profile.updated","user":{"id":88213,"name":"[[PERSON:Fatima Al-Zahra]]","email":"[[EMAIL:fatima.alzahra@hotmail.com]]","phone":"[[PHONE:+971 50 123 4567]]","dob":"[[DATE_OF_BIRTH:1992-11-08]]","address":{"line1":"[[STREET_ADDRESS:Villa 12, Street 23, Al Barsha 2]]","city":"[[LOCATION:Dubai]]"}},"ts":"2024-06-11T09:14:22Z"}`,
  `here is what the webhook sent us, the payment failed:
{
  "type": "payment_intent.payment_failed",
  "billing_details": {
    "name": "[[PERSON:Baraka Mwangi]]",
    "email": "[[EMAIL:baraka.mwangi@gmail.com]]",
    "address": { "line1": "[[STREET_ADDRESS:Ngong Road 221, Kilimani]]", "city": "[[LOCATION:Nairobi]]" }
  },
  "card": { "number": "[[CREDIT_CARD:6011356584936322]]", "exp": "11/26" }
}`,
  `# staging config - DO NOT COMMIT
database:
  host: db-staging.internal
  user: app_rw
  password: [[SECRET:Tr0ub4dor&3-stg]]
aws:
  access_key_id: [[SECRET:AKIAR2YLGZ5JQKX3UJ3L]]
  secret_access_key: [[SECRET: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]]
owner: [[EMAIL:priya.raman@finlytics.in]]`,
  `2024-06-12T08:41:07.332Z WARN  auth: failed login attempt user=[[EMAIL:k.mwangi@safaricom.co.ke]] ip=[[IP_ADDRESS:197.248.14.62]] attempts=5
2024-06-12T08:41:09.118Z INFO  auth: lockout applied user=[[EMAIL:k.mwangi@safaricom.co.ke]] ip=[[IP_ADDRESS:197.248.14.62]] duration=900s`,
  `Traceback (most recent call last):
  File "/srv/app/billing/tasks.py", line 212, in send_invoice
    smtp.sendmail(FROM_ADDR, [customer.email], msg.as_string())
  File "/usr/lib/python3.11/smtplib.py", line 901, in sendmail
    raise SMTPRecipientsRefused(senderrs)
smtplib.SMTPRecipientsRefused: {'[[EMAIL:dimitris.k@otenet.gr]]': (550, b'5.1.1 <[[EMAIL:dimitris.k@otenet.gr]]>: Recipient address rejected: User unknown')}`,
  `org.springframework.dao.DataIntegrityViolationException: could not execute statement; SQL [n/a]; constraint [uk_users_email]
Caused by: org.postgresql.util.PSQLException: ERROR: duplicate key value violates unique constraint "uk_users_email"
  Detail: Key (email)=([[EMAIL:ingrid.haugen@online.no]]) already exists.
	at org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2713)
	at org.postgresql.core.v3.QueryExecutorImpl.processResults(QueryExecutorImpl.java:2401)`,
  `[[IP_ADDRESS:81.2.69.160]] - - [12/Jun/2024:10:22:31 +0000] "GET /api/v1/users/lookup?email=[[EMAIL:h.schmidt@t-online.de]] HTTP/1.1" 200 512 "-" "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"`,
  `Jun 12 09:15:44 edge-fw-02 sshd[22817]: Failed password for invalid user admin from [[IP_ADDRESS:2a02:8108:1d40:5e00:b1c4:3f2e:91aa:7c10]] port 51422 ssh2
Jun 12 09:15:47 edge-fw-02 sshd[22817]: Connection closed by [[IP_ADDRESS:2a02:8108:1d40:5e00:b1c4:3f2e:91aa:7c10]] port 51422 [preauth]`,
  `Error: Invalid recipient "[[EMAIL:marta.nowak@wp.pl]]"
    at Mailer.validate (/app/node_modules/mailer-lite/lib/index.js:88:11)
    at async sendReceipt (/app/src/jobs/receipt.ts:41:5)
    at async Worker.run (/app/src/worker.ts:112:7)`,
  `this is our test fixture, the test that uses it fails on CI:

const users = [
  { name: "[[PERSON:Maria Gonzalez]]", email: "[[EMAIL:maria.gonzalez@example.com]]", role: "admin" },
  { name: "QA Bot", email: "noreply@example.com", role: "system" },
];`,
  `SELECT * FROM customers WHERE email = '[[EMAIL:j.okafor@yahoo.co.uk]]';
-- returns 2 rows, both "[[PERSON:Jude Okafor]]", one with phone [[PHONE:+44 20 7946 0321]] and one with [[PHONE:020 7946 0321]]`,
  `guests:
  - name: [[PERSON:Yasmin Haddad]]
    room: 412
    phone: "[[PHONE:+961 3 845 221]]"
  - name: [[PERSON:Omar Haddad]]
    room: 412
    notes: arriving from [[LOCATION:Beirut]], late check-in`,

  // ---- secrets pasted into support ----
  `curl -H "Authorization: Bearer [[SECRET:eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0ODIxOTc3IiwiZW1haWwiOiJyLm9rYWZvckBnbWFpbC5jb20iLCJpYXQiOjE3MTgyMDM5MTF9.bPjt_C3g7LW7Y2zjwSfJy6gulJSOU2bfpDYfGupke1o]]" https://api.acme-billing.com/v2/invoices?limit=10
returns 403, why?`,
  `const stripe = require('stripe')('[[SECRET:sk_live_TePw4N8Zt1Jn5fL1Ai4gvFf8]]');
// ^ this worked yesterday, today every charge fails with "card_declined"`,
  `here's the deploy key from the box, can you check it matches the one you have on file?

[[SECRET:-----BEGIN RSA PRIVATE KEY-----
KDciDYg/7PG9cOBDSARWs2CnjjJgTpj9+EKRfZrKGGIjDaUGBE6p7c4MzUG26W38
/CXK2FczgMGqanrLLiZejiQ0WTzpDcwg7eg7RKei3YNBi3Eq5zuSGyQC0i3wcwc/
mr0QM8sIK2YgHSDa9xr+DKm0IJITwjtaDJZhF8T44etv9WjSGAw84jJhLSmVWl4x
yghCQ55cc20l3SwripK/fGz168EkbAXmWY1xRULkqmg0bWmaYuIi1zCVpmiePdNl
uS0PfalLhlAYeKB9EYwo0gqwRP2aw5k/VJG1f1R2wZnhd+XPpZJbiTxUoVtbNIl1
xwjRWNiQzI4cnae8Y+AxMjKL9FTsZnWeUDhCy62PZJmGfky02+wm+qNGWCeo2R8Z
nDheKFX0+UaRBKkwj8rmDbecH3eUJ18kPsXP9cvxE4wMtg5vh+4=
-----END RSA PRIVATE KEY-----]]`,
  `.env on the prod box:
NODE_ENV=production
SLACK_BOT_TOKEN=[[SECRET:xoxb-125166920394-0935228154220-QZZvmCETqiILBAKyG1yVYbBE]]
SENDGRID_API_KEY=[[SECRET: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]]
LOG_LEVEL=info`,
  `the map widget is blank on our store page. key is [[SECRET:AIza8KMt-F1k25PZPrSUM3IteyeA0WlHpv5O27X]], restricted to our domain. any idea?`,
  `import OpenAI from "openai";
const client = new OpenAI({ apiKey: "[[SECRET:sk-proj-KPi3Q3nzlGm3DrYTAxFWUkHTIQ6dhyVRd_V7oWwivnpWyrtO]]" });`,
  `I can't log in on the app. login: [[EMAIL:t.mueller84@web.de]] password: [[SECRET:Sommer2024!Kiel]] — I'm sure it's right.`,
  `git clone fails with "HTTP Basic: Access denied". I used my token [[SECRET:glpat-OFj_xklLwJlJ3UKFCs2q]] as the password (username oauth2). what else should I try?`,
  `Authorization header we received from the customer's integration: Bearer [[SECRET:eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c3JfNzcxMjAiLCJuYW1lIjoiTGVuYSBWb2dlbCIsImV4cCI6MTczNTY4OTYwMH0.G90bsZAPuBd2KYFimLwOeC1DxTcFYuaA_ajQkwxLORabqA3SN-AveKGyVQPBFkXGVFsRhvuDzv88NCHocpFdYw]]`,

  // ---- URLs with personal values ----
  `the link in your email doesn't work: [[URL:https://account.streamly.tv/reset?email=lucia.bianchi%40gmail.com&token=8f2a9c1e77b4]] it just says expired`,
  `Please upload the proofs to [[URL:ftp://jkowalski:Wr0claw!88@files.printhouse.pl/upload]] — that's the account [[PERSON:Jan]] set up for me.`,
  `Candidate for the support lead role: [[PERSON:Aoife O'Sullivan]], profile [[URL:https://www.linkedin.com/in/aoife-osullivan-7b21a9]], currently in [[LOCATION:Galway]].`,
  `Tracking page keeps showing someone else's details?? [[URL:https://track.parcelgo.eu/s?name=Pieter+Janssens&phone=%2B32475118203&zip=2000]]`,

  // ---- mixed / misc ----
  `Hi, this is [[PERSON:Hope Adebayo]]. My sister [[PERSON:June]] will pick up the parcel on Saturday, she'll bring her ID. Thanks!`,
  `Wire the deposit to [[PERSON:Thomas Clarke]], [[IBAN:GB37 NWBK 2176 6593 8202 77]], reference BOOKING-5512. He'll confirm by email from [[EMAIL:tclarke.lettings@btinternet.com]].`,
  `Refund account holder: [[PERSON:Lotte Peeters]] – [[IBAN:BE82 7054 9296 2700]] – [[LOCATION:Antwerpen]]`,
  `Please charge the remaining balance to [[CREDIT_CARD:2221 8157 6746 9331]], name on card [[PERSON:KOFI MENSAH]].`,
  `pls use this card instead: [[CREDIT_CARD:5191728186503961]] (the visa ending 4738 is blocked)`,
  `My daughter [[PERSON:Zeynep]] (born [[DATE_OF_BIRTH:14 May 2011]]) needs her own profile on the family plan. We're in [[LOCATION:Izmir]].`,
  `I'm [[PERSON:D'Angelo Washington]], account holder. My wife [[PERSON:Keisha]] is authorized. Our address: [[STREET_ADDRESS:6120 Pinecrest Ct, Charlotte, NC 28277]].`,
  `[[PERSON:Yamamoto]]-san asked for the invoice in English. Please send to [[EMAIL:t.yamamoto@kddi-global.jp]] and cc [[PERSON:Suzuki Haruto]].`,
  `Meeting notes (Zoom)
[[PERSON:Emeka Obi]]: the customer is on the line now
[[PERSON:Ruth Goldberg]]: ok, put him through, I'll take it
[[PERSON:Emeka Obi]]: his number if we drop is [[PHONE:+1 (718) 204-3369]]`,
  `Verification: name [[PERSON:Giannis Antonopoulos]], SSN [[US_SSN:145-62-0931]], DOB [[DATE_OF_BIRTH:Feb 2, 1978]]. Matched ✅`,
  `Hello, my name is [[PERSON:Jakub Dvořák]], I moved from [[LOCATION:Prague]] to [[LOCATION:Vienna]] and now the app shows prices in CZK. Can you switch my region to [[LOCATION:Austria]]?`,
  `Note: [[PERSON:Nomvula Dlamini]] asked that we only contact her by email ([[EMAIL:nomvula.d@webmail.co.za]]), never by phone. She is deaf.`,
];

const NEGATIVE: readonly string[] = [
  `Hi there! I'm Aria, your virtual assistant 🤖 I can help with orders, returns and billing. What can I do for you today?`,
  `Aria: I've reset your session. Is there anything else I can help with?
Aria: Great! Have a lovely day, and remember you can always reach me from the Help menu.`,
  `Your order #A-99812-UK has shipped! Tracking number: 1Z999AA10123456784. Estimated delivery: 12/03/2024 between 8:00 and 12:00.`,
  `The Pro plan is $49.99/month or $479.88 billed annually. "Bill me later" is available for invoices over $500; the grace period is 14 days after the due date.`,
  `Hope this helps! If the issue persists after the June release (v4.12.0), reopen the ticket and we'll take another look. You can click "Mark as read" to dismiss the banner.`,
  `Does the Echo Dot work with Alexa routines? I want to say "Alexa, turn off the lights" and have the lamp react. Siri on my iPhone does this fine.`,
  `The KAREN-200 replacement filter (SKU KRN-200-BLK) is out of stock; the compatible part is KAREN-210. Restock expected in week 27.`,
  `request_id=9de4f4fc-d798-4205-a765-8a1a10ab4a3b commit=17f08e8c4910b941afdc014b5bb2e4ea7a25e828 build=2024.06.11-rc2 status=200 latency_ms=182`,
  `Firmware version 1.2.3.4 fixes the Wi-Fi drop issue. To check your firmware version go to Settings > About; if it shows version 1.2.2.9 or lower, please update.`,
  `Please do not reply to this email. This mailbox (noreply@shipfast.io) is not monitored. For help, write to support@shipfast.io or billing@shipfast.io.`,
  `Delivered on 12/03/2024 at 14:32, signed for at reception. The return window closes on 2024-04-11.`,
  `Will the May update include dark mode? Also, may I ask whether the Sandy Beach towel set comes in navy?`,
  `We are moving from Salesforce to HubSpot next quarter; Johnson & Johnson and Morgan Stanley are already on the enterprise tier, so the migration path is well tested.`,
  `Invoice INV-2024-00817 | Net 30 | Subtotal 1,240.00 EUR | VAT (19%) 235.60 EUR | Total 1,475.60 EUR | PO 4500123987`,
  `Error: connect ECONNREFUSED 127.0.0.1:6379
    at TCPConnectWrapper.afterConnect [as oncomplete] (node:net:1555:16)`,
  `Shipment references: DHL 00340434161094042557, Royal Mail JX123456789GB, USPS 9400 1000 0000 0000 0000 00. Order number 4410 2291 1234 5678 (not a card number!).`,
  `Rose Gold and Ruby Red are back in stock; Amber, Olive and Hazel usually sell out within a day.`,
  `Upgrading from 2.14.3 to 3.0.0-beta.2 breaks the webhook signature check. Pin to 2.14.x until 3.0.1 ships.`,
  `Job finished at 2024-06-12 03:14:07 UTC (duration 00:41:22). Next run scheduled for 2024-06-13 03:00 UTC.`,
  `Send the header X-Request-Id: 36be35ef-08ed-46c4-992c-bbf92552e3d5 and verify the download against sha256 068a265a8c7d7480c47d76036a89f6d976af370071d2372ce29d203cc9a646bf.`,
  `SKU JD-4471-XL / EAN 4006381333931 / ASIN B08N5WRWNW / MPN 88-210-3C`,
  `Template (do not edit):
Name: {{customer.first_name}} {{customer.last_name}}
Email: <customer email>
Phone: [phone number]
DOB: __/__/____`,
  `database:
  host: \${DB_HOST}
  password: \${DB_PASSWORD}
  pool: 10`,
  `Dear customer, thank you for contacting us. Your case number is 04418227. An agent will respond within 2 business days.
Kind regards,
The Support Team`,
  `Ihre Bestellung 302-4417789-2210 wurde am 04.06.2024 versandt. Sendungsnummer: 00340434161094042557. Bei Fragen wenden Sie sich bitte an kundenservice@versandhaus-online.de.`,
  `Votre colis sera livré le 15 juin entre 8h et 13h. Référence : FR-778102. Merci de votre confiance !`,
  `El reembolso de 39,90 € se procesará en 5-7 días hábiles. Número de incidencia: INC-558120.`,
  `TypeError: Cannot read properties of undefined (reading 'email')
    at normalizeUser (/app/src/users/normalize.js:41:23)
    at Array.map (<anonymous>)
    at handler (/app/src/routes/users.js:17:30)`,
  `The Bose QuietComfort and the Sony WH-1000XM5 both pair fine, but Siri reads every notification twice. Tried resetting, no luck.`,
  `Status page: API latency degraded 09:12–09:47 UTC. Root cause: a misconfigured cache node (cache-eu-3). Mitigated by failover; post-mortem due Friday.`,
  `Tip: press Ctrl+Shift+R to hard-refresh. If that doesn't work, clear cookies for app.ourstore.com and sign in again.`,
];

export function heldout2(): LabeledDoc[] {
  return [
    ...POSITIVE.map((s, i) => parseMarkup(`h2-p${i + 1}`, 'heldout2', s)),
    ...NEGATIVE.map((s, i) => parseMarkup(`h2-n${i + 1}`, 'heldout2-negative', s, true)),
  ];
}
