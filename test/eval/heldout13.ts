/**
 * Held-out set 13: 113 hand-labeled texts plus 30 hard negatives, written blind (without looking at the detector or
 * at the other evaluation sets; only markup.ts and heldout9.ts's header / export were read). Its emphasis is a GENRE
 * MIX of what an LLM customer-support app sends to a model: insurance claims and healthcare-admin support
 * (appointment changes, prior authorizations, claim disputes and appeals, beneficiary changes, pet and travel
 * insurance; member / policy / claim ids are not labeled), banking and fintech support chats (disputes,
 * chargebacks, SEPA / Pix / remittance problems, lost cards, joint accounts), travel and airline support (name
 * corrections, delayed baggage, refunds, group manifests, hotel and rail; booking references are not labeled),
 * telecom and utilities (moves, porting, outages, meter readings, bill disputes; account and meter numbers are not
 * labeled), HR / IT helpdesk tickets (onboarding, payroll, benefits, lockouts, leaked passwords, cloud keys, tokens,
 * private keys, VPN and allowlist IPs; internal hostnames are not labeled), e-commerce returns in EN, DE, FR, ES, PT,
 * IT, NL, PL, JA, ZH, KO, AR and HI, agent notes and CRM exports (CSV, pipe-separated, JSON, YAML, key: value
 * blocks, markdown tables, activity histories, handovers), and very informal lower-case chat and voice / IVR
 * transcripts. People of many cultures, including names that are also ordinary words (Rose, Hunter, Summer, Young,
 * Bill, Grace, Faith, Will, June, Dawn, Sky, Amber, Pearl, Mark, Frank, Precious, Blessing, Sterling, Jade), while
 * the same words appear as ordinary words (rose gold, hunter green, summer sale, young adult, the bill, grace
 * period, faith, will) elsewhere, and pets named like people (not labeled). The hard negatives are notices, FAQs in
 * several languages, catalogs, release notes, runbooks, logs, configs with masked values, invoices, policy wording,
 * claim line details, schedules, macro templates with placeholders and chats with bots (personas "Aria", "Nova",
 * "Wren", "Pixel", "Ollie") that carry order numbers, SKUs, tracking numbers, booking references, prices,
 * timestamps, version numbers and a non-Luhn gift card number, but no personal data.
 * Conventions (as in heldout9): titles (Mr., Dr., Ms, Herr, pan, dott.) and "'s" are outside PERSON spans; a full
 * name is one PERSON span (also "SURNAME/GIVEN"), a first name or surname alone is a PERSON span, also in separate
 * CSV cells; pet names are not persons; phone extensions are outside PHONE; a street address span runs from the
 * house number / flat (or the street name where it comes first, or the postcode where the national format starts
 * with it) to the postcode and city (and state / province abbreviation) written right after it; city / region /
 * country names outside an address span are LOCATION; a URL carrying personal values or credentials is one URL span
 * (nothing labeled inside it); for `password: value` only the value is SECRET; a full private-key block is one
 * SECRET span; DATE_OF_BIRTH only where the context says it is a birth date; partial numbers ("card ending 4417",
 * "last 4") are not labeled; organizations, role mailboxes, the support bots' personas and plain public URLs are not
 * labeled. Only public IPs appear (no private / loopback / documentation ranges), each labeled IP_ADDRESS. Cards are
 * Luhn-valid, IBANs mod-97-valid with the right country length, SSNs valid by SSA rules.
 */
import { parseMarkup, type LabeledDoc } from './markup.js';

const POSITIVES: readonly string[] = [
  // ---------------------------------------------------------------- insurance / healthcare admin
  // scheduling bot, MRI reschedule
  `Aria (Brightwell Health virtual assistant): Hi, I'm Aria. I can help with appointments, referrals and claims. What do you need today?
Member: hi i need to move my MRI, it's booked for May 14 at 8:40am at the Eastgate imaging center but I'll be travelling for work
Aria: I can help with that. To verify your identity, please give me your full name and date of birth.
Member: [[PERSON:Oluwaseun Adebayo-Carter]], [[DATE_OF_BIRTH:09/23/1981]]
Aria: Thank you, [[PERSON:Oluwaseun]]. I found member ID BWH-4471-0923-01 on the Silver PPO plan. The next openings are May 21 at 7:20am or May 22 at 4:10pm.
Member: 21st please. and can you text the confirmation to my cell [[PHONE:(646) 318-2207]], not my husband's
Aria: Done. Your MRI is now May 21 at 7:20am. A confirmation text is on its way. Referral REF-88213 stays valid until June 30.`,

  // US claim appeal with SSN
  `Subject: Appeal - claim 2025-CL-0048817 denied as "out of network"

To the Appeals Unit,

I am writing to appeal the denial of claim 2025-CL-0048817 for my daughter's emergency appendectomy on January 6. Your EOB says the surgeon was out of network, but she was taken by ambulance to the nearest ER and we had no choice of surgeon.

Patient: [[PERSON:Maya Castellanos-Reyes]] (dependent), date of birth [[DATE_OF_BIRTH:June 2, 2011]]
Subscriber: [[PERSON:Ignacio Castellanos]]
Subscriber SSN (requested on your appeal form): [[US_SSN:412-58-7739]]
Group number: 77120-B
Mailing address: [[STREET_ADDRESS:3318 Paseo del Norte NE, Albuquerque, NM 87113]]
Daytime phone: [[PHONE:505-884-1392]]

Under the No Surprises Act, emergency services must be covered at in-network cost sharing. Please reprocess the claim and send the corrected EOB to [[EMAIL:icastellanos.abq@gmail.com]].

Sincerely,
[[PERSON:Ignacio Castellanos]]`,

  // Canadian dental claim, voicemail transcript
  `Voicemail (transcribed): Hi there, I'm calling about a dental claim for my mother, [[PERSON:Priya Raghunathan]]. She had two crowns done at a clinic in [[LOCATION:Mississauga]] in February and the plan only paid fifty percent of one of them. Her certificate number is 0093318207 and she's on my plan as a dependent parent. Her date of birth is [[DATE_OF_BIRTH:1952-11-04]]. The dentist's office says they resubmitted with the x-rays on March 3 but nothing has changed on the portal. Can someone call me back at [[PHONE:905-276-4418]]? I'm [[PERSON:Anand Raghunathan]], the plan member. Thanks.`,

  // claim dispute web form
  `--- Claim Dispute Intake (web form) ---
Submitted: 2025-04-02 14:17 CST
Member name: [[PERSON:Tran Thi Ngoc Anh]]
Member ID: QHP-0038-2271
Date of birth: [[DATE_OF_BIRTH:03/30/1990]]
SSN (last 4 only): 6204
Address: [[STREET_ADDRESS:1207 Bellaire Blvd, Unit 14, Houston, TX 77036]]
Phone: [[PHONE:713-981-0186]]
Email: [[EMAIL:ngocanh.tran90@yahoo.com]]
Provider: Gulfcoast Pediatric & Family Clinic
Date of service: 02/19/2025
Amount billed: $1,284.00   Amount paid: $0.00
Reason for dispute: Denied as "duplicate claim" but it is a different visit. My son [[PERSON:Minh]] and I were both seen the same day, so it is the same date but two patients.`,

  // German Krankenkasse: appointment + reimbursement
  `Betreff: Terminverschiebung Physiotherapie und Erstattung Rechnung

Sehr geehrte Damen und Herren,

ich muss meinen Termin zur Krankengymnastik am 17.04. leider verschieben, da ich an diesem Tag eine Prüfung habe. Wäre der 24.04. am Nachmittag möglich?

Außerdem bitte ich um Erstattung der beigefügten Privatrechnung über 186,40 EUR (Osteopathie, 3 Sitzungen). Bitte überweisen Sie den Betrag auf mein Konto:
Kontoinhaberin: [[PERSON:Friederike Schäfer-Yılmaz]]
IBAN: [[IBAN:DE85280795800936720445]]

Versichertennummer: K482913307
Geburtsdatum: [[DATE_OF_BIRTH:12.08.1996]]
Anschrift: [[STREET_ADDRESS:Wilhelmshöher Allee 211, 34121 Kassel]]

Mit freundlichen Grüßen
[[PERSON:Friederike Schäfer-Yılmaz]]
Tel. [[PHONE:0561 7392841]]`,

  // pet insurance, dogs named Hunter and Bill (pets are not persons)
  `Claim note - PetSure policy PS-2290-7714

Policyholder [[PERSON:Aoife Ní Bhriain]] called re: claims for her two dogs. Hunter (springer spaniel, 6 yrs) had a cruciate ligament repair on 8 March, vet invoice EUR 2,940. Bill (the older lurcher) had a dental; she knows dental is excluded and is only asking about the anaesthetic portion. Advised that Hunter's claim is with assessor [[PERSON:Declan Fitzgerald]] and should be decided within 10 working days. She asked for payment to a new account since she switched banks: [[IBAN:IE36AIBK73843259403272]]. Updated and flagged for a verification callback to [[PHONE:087 214 6630]] per policy. Customer has moved to [[LOCATION:Galway]]; postal address update pending proof.`,

  // prior authorization call notes
  `Call notes - prior authorization follow-up (PA-558102)
Caller: Dr. [[PERSON:Folasade Ogunleye]], prescriber, from the clinic line [[PHONE:(404) 617-3350]] ext. 12
Patient: [[PERSON:Hamza Siddiqui]], DOB [[DATE_OF_BIRTH:7/14/1978]]
Drug: semaglutide 1 mg pen, 4 pens / 28 days
Status: pended for missing A1C result. Dr. [[PERSON:Ogunleye]] faxed labs dated 03/28/2025 during the call; attached to case. Reviewer [[PERSON:Grace Lindqvist]] will decide within 72 hours. Told caller the pharmacy can run a 7-day bridge supply if the patient pays cash. Patient's callback number on file: [[PHONE:470-229-8813]].`,

  // UK travel insurance claim, settlement IBAN
  `Hello,

I'm following up on my travel insurance claim TRV/25/118430 for the cancelled trip to [[LOCATION:Madeira]]. My partner [[PERSON:Callum Hunter]] was admitted to hospital two days before departure (letter from the consultant attached) so we had to cancel the whole package.

You asked for bank details for the settlement. Please pay into our joint account:
Name: [[PERSON:Callum Hunter]] & [[PERSON:Nisha Patel-Hunter]]
IBAN: [[IBAN:GB08NWBK56873532114196]]

The total claimed is £2,316.50 (flights, hotel and the non-refundable excursions). Our address hasn't changed: [[STREET_ADDRESS:Flat 2, 19 Marchmont Crescent, Edinburgh EH9 1HN]].

Kind regards,
[[PERSON:Nisha]]`,

  // physio SMS thread
  `SMS thread export - Riverside Physio inbox
[09:02] Clinic: Hi, this is Riverside Physio. Reminder: appointment with [[PERSON:Tomasz]] on Thu 10 Apr at 11:30. Reply C to confirm or R to reschedule.
[09:47] Patient: R please, cant do thursday. any chance of friday morning?
[09:49] Clinic: Fri 11 Apr 9:15 with [[PERSON:Summer Achterberg]] ([[PERSON:Tomasz]] is off on Fridays). OK?
[09:52] Patient: yes thats fine. also please use [[PHONE:07842 116 905]] from now on, the 0791 one is dead
[09:53] Clinic: Updated, thanks [[PERSON:Amara]]. See you Friday!`,

  // member portal reset link with email + token
  `Hi, I keep getting "link expired" when I try to reset my password on the member portal. This is the link from your email, copied straight from it:
[[URL:https://members.brightwellhealth.com/account/reset?uid=88120447&email=kwame.asante.mensah%40gmail.com&token=HVhJnQ4I8xkfwY02CjQ52gLGwoEAGH0f]]
I clicked it within 5 minutes. I'm using Safari on an iPad. Can you reset it from your side? My name is [[PERSON:Kwame Asante-Mensah]], registered email [[EMAIL:kwame.asante.mensah@gmail.com]].`,

  // French mutuelle reimbursement
  `Objet : Remboursement dépassement d'honoraires – dossier 2025-04417

Bonjour,

Je vous contacte au sujet du remboursement de ma consultation chez le cardiologue du 4 mars. La Sécurité sociale a bien remboursé sa part, mais je n'ai toujours rien reçu de la mutuelle (reste à charge : 65 €).

Mes coordonnées :
[[PERSON:Marie-Hélène Dubois-Nguyen]]
née le [[DATE_OF_BIRTH:17 février 1968]]
[[STREET_ADDRESS:8 rue Sainte-Catherine, 33000 Bordeaux]]
[[PHONE:06 71 48 23 90]]

Merci de verser le remboursement sur mon nouveau compte : [[IBAN:FR1381291075856561380243534]] (l'ancien compte est clôturé).

Cordialement,
[[PERSON:M.-H. Dubois-Nguyen]]`,

  // Spanish appointment change for a parent
  `Hola, buenas tardes. Escribo para cambiar la cita de mi padre con el traumatólogo. La tiene el martes 22 a las 10:30 en la clínica de la calle Princesa, pero ese día no puedo acompañarle. Se llama [[PERSON:Julián Herrero Campos]], nacido el [[DATE_OF_BIRTH:3 de octubre de 1949]], número de póliza 00-7731-2284. ¿Habría hueco el jueves 24 por la mañana? Podéis llamarme a mí, soy su hija [[PERSON:Lucía Herrero]], al [[PHONE:655 382 147]]. Gracias.`,

  // home insurance adjuster notes
  `Claim #HO-2025-331907 - adjuster field notes
Insured: [[PERSON:Beatriz Sandoval]] and [[PERSON:Leon Sandoval]]
Risk address: [[STREET_ADDRESS:4410 Magnolia Ridge Dr, Tallahassee, FL 32309]]
Date of loss: 03/15/2025 (wind/hail)
Adjuster: [[PERSON:Summer Nakashima]], field ID ADJ-7720
Inspection 03/21: shingles missing on north slope (approx. 6 squares), gutter detached, water staining on primary bedroom ceiling. Contractor Brightline Roofing estimate $14,870. Insured's cell [[PHONE:850-443-9027]]. Mrs. [[PERSON:Sandoval]] asked that all correspondence go to [[EMAIL:bea.sandoval@icloud.com]]. Mortgagee: Coastal Federal Credit Union, loan ending 3381.`,

  // life insurance beneficiary change
  `Beneficiary change request - policy L-00938841

Owner / insured: [[PERSON:Gideon Mwangi-Harlow]]
SSN: [[US_SSN:219-04-6612]]
DOB: [[DATE_OF_BIRTH:01/19/1975]]

Revoke: [[PERSON:Patricia Harlow]] (former spouse), 100% primary
New primary beneficiaries:
  1. [[PERSON:Faith Wanjiru Mwangi]] (spouse), 60%, DOB [[DATE_OF_BIRTH:08/02/1979]], SSN [[US_SSN:538-71-2290]]
  2. [[PERSON:Joy Mwangi-Harlow]] (daughter), 40%, DOB [[DATE_OF_BIRTH:04/11/2006]]
Contingent: estate of the insured

Signed electronically 04/08/2025 14:03 ET from [[IP_ADDRESS:73.142.88.19]]`,

  // ---------------------------------------------------------------- banking / fintech
  // card dispute chat, full card pasted
  `Nova (Helix Bank assistant): Hi, I'm Nova. What can I help with?
Customer: there's a charge of $389.99 from "SKYWARD ELEC*MKTPLC" on my debit card that i didn't make
Nova: I'm sorry to hear that. I'll connect you with a disputes specialist.
Agent [[PERSON:Darnell Okafor]]: Hi, this is [[PERSON:Darnell]] from Disputes. Can you confirm the card the charge posted to?
Customer: [[CREDIT_CARD:4963 9544 8855 2279]]
Agent [[PERSON:Darnell Okafor]]: Thanks. For your security please don't share the full number in chat next time, the last four is enough. I've blocked that card and opened dispute DSP-3310928. A replacement card will go to the address on file. Is that still [[STREET_ADDRESS:915 Lakeshore Ave, Apt 6, Oakland, CA 94606]]?
Customer: yes. my name's [[PERSON:Rosalind Achebe]] btw`,

  // German SEPA return to an Austrian IBAN
  `Guten Tag,

meine SEPA-Überweisung vom 02.04. über 1.250,00 EUR an meinen Vermieter ist zurückgekommen mit dem Grund "AC01 – IBAN fehlerhaft". Ich habe die IBAN nochmal aus dem Mietvertrag abgeschrieben:

Empfänger: [[PERSON:Jürgen Oberhauser]]
IBAN: [[IBAN:AT540613792498036095]]
Verwendungszweck: Miete April Top 7

Ist das eine österreichische IBAN und geht das überhaupt mit meinem Konto? Mein Konto: [[IBAN:DE56496670446532371647]], Inhaberin [[PERSON:Sevda Karagöz]].

Danke und viele Grüße
[[PERSON:Sevda Karagöz]]`,

  // Nigerian fintech chat (NUBAN account number is not labeled)
  `User: good afternoon. abeg i sent 85,000 naira to my brother [[PERSON:Chukwuemeka Eze]] since morning and the app is still showing pending
Agent: Good afternoon, sorry about that. Kindly share the transaction reference and the recipient account details.
User: ref is TRF20250407113902221. his account is 0123345678 with the green bank. my number is [[PHONE:0803 412 7790]]
Agent: Thank you. The transfer was delayed by the recipient bank's switch and has now been completed. [[PERSON:Emeka]] should get an alert within 30 minutes.
User: ok thank you. my name is [[PERSON:Blessing Nwachukwu]] in case u need it
Agent: Noted, Ms [[PERSON:Nwachukwu]]. Is there anything else I can help with?`,

  // chargeback form
  `CHARGEBACK / DISPUTE FORM (card-not-present)
Cardholder name: [[PERSON:Yusuf Al-Haddad]]
Card number: [[CREDIT_CARD:5180495584221835]]
Expiry: 11/28
Billing address: [[STREET_ADDRESS:77 Kingsland Road, London E2 8AG]]
Contact email: [[EMAIL:y.alhaddad@protonmail.com]]
Contact phone: [[PHONE:+44 7911 284 630]]
Merchant: FLYNEXT TRAVEL LTD
Transaction date: 2025-03-19   Amount: GBP 612.40
Reason: Services not provided (flight cancelled by merchant, refund promised 21/03, not received)
Previous contact with merchant: e-mails of 21/03 and 28/03 to refunds@flynext-travel.co.uk, no reply`,

  // Polish express transfer not received
  `Dzień dobry,

zleciłam wczoraj przelew ekspresowy na kwotę 3 400 zł na konto [[IBAN:PL62405883555065732760751170]] (odbiorca: [[PERSON:Krzysztof Wróblewski]], tytuł: zaliczka za remont). Pieniądze zniknęły z mojego konta, ale pan [[PERSON:Krzysztof]] twierdzi, że nic nie dostał. Czy mogą Państwo sprawdzić, co się stało?

Moje dane: [[PERSON:Agnieszka Zielińska-Mazur]], tel. [[PHONE:512 384 906]], adres [[STREET_ADDRESS:ul. Piotrkowska 148/12, 90-063 Łódź]].

Pozdrawiam`,

  // Dutch payment request to the wrong IBAN
  `Hoi, ik heb een betaalverzoek gestuurd naar mijn huisgenoot maar het geld is op een verkeerde rekening terechtgekomen. Ik had [[IBAN:NL11ABNA9578185434]] ingevuld, dat is de rekening van [[PERSON:Sanne Bakker]], maar het bedrag is gestort op [[IBAN:NL84ABNA9175008276]]. Kunnen jullie dit terugdraaien? Het gaat om € 47,50 voor de energierekening van maart. Mijn naam is [[PERSON:Daan van der Berg]], je kunt me bellen op [[PHONE:06-41829377]].`,

  // mortgage co-borrower details
  `Hi [[PERSON:Maribel]],

Thanks for walking me through the pre-approval on the phone. As you asked, here is the info for my co-borrower so you can run the credit check:

Co-borrower: [[PERSON:Bartholomew Lindgren]] (goes by [[PERSON:Bart]])
SSN: [[US_SSN:301-62-8845]]
DOB: [[DATE_OF_BIRTH:May 30, 1987]]
Current address: [[STREET_ADDRESS:2150 W 14th St, Apt 304, Cleveland, OH 44113]]
Employer: Lakeview Logistics, 6 years

My own details are already in the portal. We're hoping to close before the end of June if the house on our shortlist works out.

Best,
[[PERSON:Hana Lindgren-Sato]]
[[PHONE:216-870-3342]]`,

  // crypto exchange unrecognized login
  `Subject: Re: Unrecognized login - please confirm

Hi support,

No, that wasn't me. Your alert says there was a sign-in from [[IP_ADDRESS:185.220.101.47]] ([[LOCATION:Frankfurt]]) at 03:12 UTC. I live in [[LOCATION:Porto]] and was asleep. My usual IP is [[IP_ADDRESS:89.153.72.204]].

The "confirm new device" link in your email was this, I did NOT click it:
[[URL:https://app.coinharbor.io/security/confirm-device?email=ines.carvalho.pt%40gmail.com&code=mhHQ7AcO0CTlZtgbkssYMFwnVfAlWxtZ]]

I've changed my password and turned on the hardware key. Please freeze withdrawals on my account until I confirm. Account email: [[EMAIL:ines.carvalho.pt@gmail.com]], name [[PERSON:Inês Carvalho]], phone [[PHONE:+351 912 448 036]].`,

  // remittance UAE -> Philippines, Taglish
  `Hi po, I want to send AED 2,000 to my mother in [[LOCATION:Iloilo]] but the app keeps saying "beneficiary name mismatch". Her name in the bank is [[PERSON:Remedios Dela Cruz Villanueva]] but I typed [[PERSON:Remy Villanueva]], that's what we call her. Can I edit the beneficiary or do I need to add again? My account IBAN is [[IBAN:AE606433433148827751159]], registered mobile [[PHONE:+971 55 318 2740]]. I'm [[PERSON:Jerome Villanueva]]. Salamat po!`,

  // lost Amex, "bill" as a word
  `Lost card report - phone call summary
Caller identified as [[PERSON:Bill Harrington-Osei]] (verified via security questions + one-time code to [[PHONE:(917) 402-6618]]).
Card reported lost at approx. 18:00 yesterday, last used at a restaurant in [[LOCATION:Brooklyn]].
Card: [[CREDIT_CARD:3433 059544 90743]] (Amex)
Card cancelled; replacement ordered by express to [[STREET_ADDRESS:480 Clinton Ave, Apt 5C, Brooklyn, NY 11238]]. No pending fraud. Customer asked whether the bill for March can be paid with the new card - told yes, autopay moves over automatically.`,

  // joint account, NZ
  `Hi, I'd like to add my wife as a joint holder on our savings account (ending 0412). Her details:
Name: [[PERSON:Rose Tanaka]]
Date of birth: [[DATE_OF_BIRTH:21 July 1991]]
Email: [[EMAIL:rose.tanaka.kiwi@gmail.com]]
Mobile: [[PHONE:021 448 3902]]
We both live at [[STREET_ADDRESS:23 Cuba Street, Te Aro, Wellington 6011]].
What documents does she need to bring into the branch? Thanks, [[PERSON:Kenji Tanaka]]`,

  // Italian wrong-digit transfer
  `Buongiorno,
ho effettuato un bonifico di 780 € il 28 marzo a favore del mio commercialista, ma ho sbagliato una cifra dell'IBAN. L'IBAN corretto è [[IBAN:IT47M9882227996302107533912]], intestato al dott. [[PERSON:Marco Benedetti]]. È possibile richiamare il bonifico? Il mio conto è [[IBAN:IT73I6312120478398676289607]]. Potete contattarmi al [[PHONE:347 218 5590]] oppure scrivermi a [[EMAIL:giulia.esposito.na@libero.it]].
Grazie,
[[PERSON:Giulia Esposito]]`,

  // Brazilian Pix to the wrong key
  `Oi, boa noite! Fiz um Pix de R$ 1.150,00 para a chave errada. Era pra ir pro meu cunhado, [[PERSON:Thiago Nascimento]], a chave dele é o e-mail [[EMAIL:thiago.nasc88@gmail.com]], mas eu digitei thiago.nasc86 e foi pra outra pessoa, uma tal de [[PERSON:Vitória A. Souza]]. Já abri o MED no app (protocolo 2025040812345). Meu nome é [[PERSON:Rafaela Nascimento Pires]], celular [[PHONE:(21) 99873-4412]]. Tem como recuperar?`,

  // Swiss rent deposit payment
  `Grüezi

Ich habe heute eine Zahlung von CHF 2'480.– für die Mietkaution an [[PERSON:Reto Brunner]] ausgelöst, IBAN [[IBAN:CH0980794532645854435]]. Im E-Banking steht jetzt "in Prüfung". Wie lange dauert das? Mietbeginn ist am 1. Mai in [[LOCATION:Winterthur]], ich ziehe dort ein.

Freundliche Grüsse
[[PERSON:Ayşe Demir]]
[[PHONE:079 412 83 55]]`,

  // ---------------------------------------------------------------- travel / airline
  // name correction chat (booking reference not labeled)
  `Wren (SkyHarbor Airways assistant): Hello! I'm Wren. How can I help with your trip?
Customer: hi, booking 6JQ4TX, my husband's first name is misspelled. it's showing [[PERSON:Mohamed Rahimi]] and it should be [[PERSON:Mohammad Rahimi]]
Wren: I can help with minor name corrections. For security, please confirm the lead passenger's last name and the email on the booking.
Customer: [[PERSON:Rahimi]], [[EMAIL:shirin.rahimi@outlook.de]]
Wren: Thank you. I've corrected the name to [[PERSON:MOHAMMAD RAHIMI]] at no charge. Flights SH 417 on 12 June and SH 418 on 26 June are unchanged, and an updated itinerary is on its way.
Customer: perfect thanks. also can i add a seat for [[PERSON:Dariush]], he's 14, next to me
Wren: Seats 23A and 23B are now assigned to [[PERSON:Shirin Rahimi]] and [[PERSON:Dariush Rahimi]].`,

  // delayed baggage report
  `DELAYED BAGGAGE REPORT
File reference: LISSH18842
Passenger: [[PERSON:KOWALCZYK/MAGDALENA]] MS
Flight: SH 2210 [[LOCATION:Warsaw]]-[[LOCATION:Lisbon]], 06 APR
Bag tag: SH 482913, black spinner, red strap
Delivery address (until 13 APR): [[STREET_ADDRESS:Rua da Rosa 57, 2º Esq, 1200-384 Lisboa]]
Permanent address: [[STREET_ADDRESS:ul. Mokotowska 24 m. 9, 00-561 Warszawa]]
Phone: [[PHONE:+48 601 238 774]]
Email: [[EMAIL:magda.kowalczyk@wp.pl]]
Contents: clothes, laptop charger, medication (priority requested).`,

  // add infant to booking
  `Hello, we booked flights for our family for August (ref P8ZKMW) and I forgot to add our baby. He was born on [[DATE_OF_BIRTH:14 February 2025]] so he will be a lap infant on both flights. Name: [[PERSON:Arjun Venkataraman]]. Parents on the booking are [[PERSON:Lakshmi Venkataraman]] and [[PERSON:Hari Venkataraman]]. Also, can we request a bassinet seat on the long flight from [[LOCATION:Singapore]] to [[LOCATION:Chennai]]? Contact: [[PHONE:+65 9123 4870]]. Thank you.`,

  // Spanish hotel booking change
  `Hola, tengo una reserva en el Hotel Mirador del Puerto del 2 al 6 de julio (localizador 88-HMP-40217) a nombre de [[PERSON:Alejandro Fuentes Ibarra]]. Quería añadir una cama supletoria para mi sobrina, [[PERSON:Valentina]], que viene con nosotros. Llegamos desde [[LOCATION:Monterrey]] y el vuelo aterriza tarde, sobre las 23:30. ¿Hay problema con el check-in a esa hora? Mi correo es [[EMAIL:alex.fuentes.ib@hotmail.com]] y mi WhatsApp [[PHONE:+52 81 1934 2207]]. Saludos.`,

  // refund for cancelled flight to card
  `Subject: Refund for cancelled flight SH 903 - booking 2RWX9L

Hello,
Flight SH 903 on 3 March was cancelled and I chose a refund rather than rebooking. Your confirmation (case 40092281) said 7 business days. It has been 4 weeks. The original payment was made with my Mastercard [[CREDIT_CARD:5428 8731 1666 6408]], which is still active. Please do not issue a voucher.

Passengers: [[PERSON:Amadou Diallo]], [[PERSON:Fatoumata Diallo]]
Amount: EUR 742.18

[[PERSON:Amadou Diallo]]
[[PHONE:+33 6 28 41 77 03]]`,

  // Japanese ryokan dinner time change
  `お世話になっております。5月3日から2泊で予約している[[PERSON:山田 花子]]です（予約番号：RK-240503-118）。
到着が遅れそうなので、夕食の時間を19時から20時に変更できますでしょうか。また、同行者の[[PERSON:佐藤 美咲]]は甲殻類アレルギーがありますので、ご配慮いただけると助かります。
当日の連絡先は[[PHONE:090-4821-3376]]です。
よろしくお願いいたします。`,

  // group manifest CSV
  `Group booking 7TGH2K - passenger list (please reissue tickets with these spellings)
last_name,first_name,title,date_of_birth,email
[[PERSON:Mahlangu]],[[PERSON:Thabo]],MR,[[DATE_OF_BIRTH:1985-03-12]],[[EMAIL:thabo.mahlangu@gmail.com]]
[[PERSON:Naidoo]],[[PERSON:Kershnee]],MS,[[DATE_OF_BIRTH:1990-07-28]],[[EMAIL:kershnee.naidoo@outlook.com]]
[[PERSON:Van Wyk]],[[PERSON:Pieter]],MR,[[DATE_OF_BIRTH:1978-01-09]],[[EMAIL:pvanwyk@telkomsa.net]]
[[PERSON:Kim]],[[PERSON:Young-soo]],MR,[[DATE_OF_BIRTH:1988-10-30]],[[EMAIL:youngsoo.kim@gmail.com]]
[[PERSON:Ndlovu]],[[PERSON:Precious]],MS,[[DATE_OF_BIRTH:1995-05-17]],[[EMAIL:precious.ndlovu@yahoo.com]]`,

  // loyalty account merge
  `Hi, I have two loyalty accounts by mistake and I'd like to merge the miles. Account 1: SH-FF 220481193 under [[EMAIL:mustafa.yilmaz@gmail.com]], account 2: SH-FF 220917745 under my work email [[EMAIL:m.yilmaz@ozturkmakina.com.tr]]. Both are in the name [[PERSON:Mustafa Yılmaz]]. I'm flying out of [[LOCATION:Istanbul]] next week and want the status match before then. Thanks, [[PERSON:Mustafa]]`,

  // German rail delay compensation
  `Hallo,
mein ICE 597 von [[LOCATION:Hamburg]] nach [[LOCATION:München]] am 30.03. hatte 94 Minuten Verspätung. Ich möchte die Entschädigung (25 %) beantragen. Auftragsnummer: 4K7Q2M, Preis 119,90 €. Das Online-Formular bricht immer ab. Bitte überweisen an [[PERSON:Lennart Hoffmann]], IBAN [[IBAN:DE57453331478932880407]]. Bei Rückfragen: [[EMAIL:lennart.hoffmann@gmx.de]].
Danke!`,

  // car rental damage dispute
  `Re: Damage charge on rental agreement RA-7730192

I returned the car at the airport in [[LOCATION:Calgary]] on March 9 at 6:40am. The lot was unattended, so I took photos of every side (attached). Two weeks later a $640 charge appeared on my card for a "rear bumper scratch". The scratch is visible in the photo your counter agent [[PERSON:Hunter Blackwood]] took at pickup. I'm disputing this charge.

Renter: [[PERSON:Ngozi Obi-Lawrence]]
Address: [[STREET_ADDRESS:56 Elbow Park Lane SW, Calgary, AB T2S 2M4]]
Phone: [[PHONE:403-619-2274]]`,

  // Korean wheelchair assistance
  `안녕하세요. 다음 달 [[LOCATION:제주]]행 항공편(예약번호 K3PZQ8)을 예약한 [[PERSON:김서연]]입니다. 함께 가는 어머니 [[PERSON:박영숙]] 님의 휠체어 서비스를 신청하고 싶습니다. 출발은 5월 9일 오전 8시 10분 편입니다. 연락처는 [[PHONE:010-3847-2261]]이고, 이메일은 [[EMAIL:seoyeon.kim92@naver.com]]입니다. 감사합니다.`,

  // Arabic hotel room change
  `مرحباً، لدي حجز في فندق لؤلؤة الخليج من ١٥ إلى ١٨ مايو باسم [[PERSON:خالد عبد الله المنصوري]]. أرجو تغيير نوع الغرفة إلى غرفة عائلية لأن زوجتي [[PERSON:مريم]] والأطفال سيأتون معي. رقم الحجز: GPH-55190. رقم هاتفي [[PHONE:+966 50 418 2297]] والبريد الإلكتروني [[EMAIL:k.almansouri@gmail.com]]. شكراً.`,

  // tour amendment, "June" as a name
  `Tour booking amendment - Highland Rail & Lochs, departs 18 September
Lead traveller: [[PERSON:June Abernethy]]
Added traveller: [[PERSON:Ifeoma Abernethy]] (daughter-in-law)
Change: single room -> twin share. Price difference £340 refunded to card ending 8832.
Dietary: [[PERSON:June]] is coeliac; [[PERSON:Ifeoma]] is vegetarian.
Contact: [[PHONE:01224 583 019]] (home, [[LOCATION:Aberdeen]]), [[EMAIL:june.abernethy@btinternet.com]]`,

  // denied boarding, "Sterling" as a name
  `I was denied boarding on SH 77 from [[LOCATION:Nairobi]] last night even though I was at the gate 40 minutes early. The gate agent, [[PERSON:Sterling]] something, said the flight was oversold. I want the compensation in cash, not vouchers. Booking RTY8QK, name [[PERSON:Wambui Kariuki]], email [[EMAIL:wambui.kariuki@gmail.com]], phone [[PHONE:+254 722 418 906]].`,

  // ---------------------------------------------------------------- telecom / utilities
  // home move chat (account number not labeled)
  `Customer: moving house on the 28th, need to move my broadband and the electricity
Pixel (Lumen Mobile & Home assistant): Happy to help! Please confirm the account number and the new address.
Customer: account 6620-118-4471. new address [[STREET_ADDRESS:14 Birchfield Close, Harrogate HG2 9LT]], old one is [[STREET_ADDRESS:Flat 9, 201 Kirkstall Road, Leeds LS4 2AX]]
Pixel: Thanks. Is the account holder [[PERSON:Oisín Mac Aodha]]?
Customer: yes that's me
Pixel: The fibre line at Birchfield Close can be live from 28 April and no engineer visit is needed. Shall I book it?`,

  // port-in ticket
  `Ticket #TEL-880421 - port-in request stuck
Customer: [[PERSON:Lê Anh Thư]]
Number to port: [[PHONE:(503) 662-1840]]
Temporary number: [[PHONE:(971) 330-2258]]
Losing carrier account no.: 39911820457
Service address on losing carrier: [[STREET_ADDRESS:8821 SE Division St, Portland, OR 97266]]
Notes: Port rejected twice for "address mismatch". Customer says the old carrier has her apartment number wrong. Asked her to get the customer service record from the old carrier. Callback preferred after 5pm PT.`,

  // Irish electricity bill dispute + direct debit
  `Hi, my last electricity bill (bill date 03/04/2025, €412.66) is based on an estimated reading which is way off. Actual meter reading today: 48213 (day) / 19775 (night), photo attached. MPRN 10006482913. I also want to set up a direct debit from [[IBAN:IE67BOFI08884974898131]] in the name of [[PERSON:Siobhán Ó Murchú]]. Supply address: [[STREET_ADDRESS:12 Rosemount Terrace, Ballincollig, Co. Cork P31 KD92]]. Phone [[PHONE:086 419 2273]].`,

  // broadband drops, public IPs
  `hi, my internet drops every evening between 8 and 11. router is the grey hub 4, firmware 3.21.7. speed test shows my public ip as [[IP_ADDRESS:86.143.52.219]] and sometimes it changes to [[IP_ADDRESS:81.156.20.88]] after a drop. i've already rebooted, swapped the cable and tried the test socket. account holder is my dad [[PERSON:Rajesh Kumar Pillai]] but i'm [[PERSON:Meera]] and i'm on the account as an authorised user. call me on [[PHONE:07456 218 903]]`,

  // French fibre move
  `Bonjour, je déménage le 15 mai et je voudrais transférer mon abonnement fibre (contrat n° 0048213377) vers ma nouvelle adresse : [[STREET_ADDRESS:23 avenue Jean Jaurès, Bât. B, 69007 Lyon]]. L'ancienne adresse est [[STREET_ADDRESS:5 impasse des Lilas, 38100 Grenoble]]. Je suis [[PERSON:Yannick Le Goff]], joignable au [[PHONE:07 82 14 56 39]]. Est-ce que je dois renvoyer la box ou je peux la garder ?`,

  // Italian gas bill, "Rosa" as a name
  `Salve, ho ricevuto una bolletta del gas di 389,20 € per febbraio, ma avevo comunicato l'autolettura il 2 marzo (matricola contatore 55829177, lettura 02184). Il contratto è intestato a mia madre, [[PERSON:Rosa Ferraro]], che ha 84 anni, ma lo gestisco io, [[PERSON:Vincenzo Ferraro]]. Indirizzo di fornitura: [[STREET_ADDRESS:Via San Biagio dei Librai 39, 80138 Napoli]]. Cellulare [[PHONE:338 471 2290]]. Grazie.`,

  // Kenyan water hardship, "faith" as a word and a name
  `Hello, my name is [[PERSON:Faith Achieng Otieno]]. I'm requesting a payment plan for my water account 44-0918-227 because I was out of work for two months. The balance is KES 18,460 and I can pay 3,000 per month. The house is in [[LOCATION:Kisumu]], a plot near the market (no street number, sorry). My phone is [[PHONE:0712 884 391]] (also M-Pesa). Kindly don't disconnect, I have faith we can sort this out.`,

  // Hinglish roaming complaint
  `hello team, mera roaming pack activate nahi hua. I recharged ₹2,999 international pack yesterday for my [[LOCATION:Dubai]] trip, abhi [[LOCATION:Dubai]] mein hoon and no data. Number hai [[PHONE:+91 98201 44739]]. Name [[PERSON:Kavya Iyer]]. Please jaldi fix karo, office ka kaam hai. Email [[EMAIL:kavya.iyer.mum@gmail.com]]`,

  // SIM swap fraud report
  `URGENT - I think someone did a SIM swap on my number. My phone lost signal at 2pm and then I got emails about password resets at my bank. The number is [[PHONE:(832) 417-0938]], account holder [[PERSON:Precious Okonjo-Baptiste]], date of birth [[DATE_OF_BIRTH:12/09/1988]]. I'm writing from my coworker's laptop. Please lock the line and tell me which store the SIM was issued from. My email is [[EMAIL:p.okonjobaptiste@gmail.com]]; please only contact me there or at [[PHONE:(281) 506-3374]] (work).`,

  // Polish contract renewal
  `Dzień dobry, chciałbym przedłużyć umowę na abonament (nr klienta 77281044), ale z nowym telefonem. Obecnie mam numer [[PHONE:+48 693 112 470]]. Umowa jest na mnie, [[PERSON:Paweł Grabowski]], adres [[STREET_ADDRESS:ul. Słowackiego 8/3, 31-159 Kraków]]. Czy mogę odebrać telefon w salonie zamiast przez kuriera?`,

  // Dutch meter readings on moving
  `Beste klantenservice,

Hierbij mijn meterstanden bij de verhuizing op 1 april:
Stroom T1: 018422, T2: 021907
Gas: 04418,223
Oud adres: [[STREET_ADDRESS:Oudegracht 142-bis, 3511 AZ Utrecht]]
Nieuw adres: [[STREET_ADDRESS:Burgemeester Reigerstraat 61, 3581 KN Utrecht]]
Klantnummer: 2004471883

Met vriendelijke groet,
[[PERSON:Femke Jansen-Oosterhuis]]
[[EMAIL:femke.jansen@ziggo.nl]]`,

  // Australian solar install
  `Hi team, following up on the solar + battery install quote Q-22817. The installer, [[PERSON:Brodie]], came out on Tuesday and said our switchboard needs an upgrade first. Can you send the revised quote to my wife [[PERSON:Mele Taufa]] at [[EMAIL:mele.taufa@bigpond.com]]? Install address is [[STREET_ADDRESS:7 Banksia Court, Logan Central QLD 4114]]. Best number is [[PHONE:0413 628 907]]. Cheers, [[PERSON:Sione Taufa]]`,

  // Chinese plan change for a parent
  `您好，我想咨询一下套餐变更的问题。我父亲现在用的是每月128元的套餐，想换成每月88元的。手机号是[[PHONE:138 1024 7765]]，机主是[[PERSON:王建国]]。我是他女儿[[PERSON:王丽娜]]，帮他办理。我们住在[[STREET_ADDRESS:上海市徐汇区漕溪北路398号5栋1203室]]。请问需要本人到营业厅吗？`,

  // Hindi electricity bill
  `नमस्ते, मेरा बिजली का बिल इस महीने ₹6,480 आया है जबकि आम तौर पर ₹1,800 के आसपास आता है। उपभोक्ता संख्या 2104-7781-33 है। कनेक्शन मेरे पति [[PERSON:सुरेश यादव]] के नाम पर है। पता: [[STREET_ADDRESS:मकान नं. 47, गली नं. 3, शास्त्री नगर, जयपुर 302016]]। कृपया मीटर की जाँच करवाएँ। मेरा मोबाइल नंबर [[PHONE:98290 61427]] है। - [[PERSON:अनीता यादव]]`,

  // ---------------------------------------------------------------- HR / IT helpdesk
  // lockout ticket with a pasted password
  `Ticket INC-0048821 | Category: Access / Account lockout | Priority: P3
Requester: [[PERSON:Ewa Nowicka-Barnes]] (Finance)
Description:
Hi IT, I'm locked out of the expense system again after the password change. I tried the new one a few times. To save time, this is what I set it to this morning:
password: [[SECRET:Sk4mander!Rain2025]]
Username: enowicka
Could you check whether it synced to the finance app? Desk phone ext. 4471, mobile [[PHONE:+44 7723 508 116]].
--
Agent note ([[PERSON:Ravi Shankar]]): Asked the user to reset again via self-service since the password was exposed in the ticket. Requested ticket redaction.`,

  // leaked AWS key triage
  `SECURITY ALERT - triage notes (sec-oncall)
2025-04-03 09:14 UTC: secret scanner flagged a public commit in repo acme-logistics/route-planner by [[PERSON:Tobias Lindqvist]] ([[EMAIL:tobias.lindqvist@acmelogistics.io]]).
File: deploy/.env.production
  AWS_ACCESS_KEY_ID=[[SECRET:AKIA443I4MYNZHPZJ34R]]
  AWS_SECRET_ACCESS_KEY=[[SECRET: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]]
  AWS_REGION=eu-west-1
Actions: key deactivated 09:21, CloudTrail reviewed, 3 GetObject calls from [[IP_ADDRESS:45.148.10.92]] (not ours) at 09:02-09:05. Incident owner: [[PERSON:Adaeze Nnamdi]]. Repo made private, history rewrite scheduled.`,

  // VPN problem from home
  `Hi helpdesk, the GlobalConnect VPN won't connect from home since Monday. Error: "gateway rejected client certificate". My home connection shows [[IP_ADDRESS:2a02:c7c:1d2f:8a00:5d1e:77b2:41c9:e08a]] on IPv6 and [[IP_ADDRESS:92.40.187.11]] on IPv4. Laptop asset tag LT-22918, Windows 11 23H2. I'm working remotely from [[LOCATION:Leicester]] this month.
- [[PERSON:Kwabena Owusu]], Procurement`,

  // new hire packet with SSN
  `New hire packet - HR ops checklist
Employee: [[PERSON:Ximena Quispe Mamani]]
Start date: 05/05/2025  |  Dept: Customer Success  |  Manager: [[PERSON:Hunter Olsen]]
Personal email: [[EMAIL:ximena.quispe.m@gmail.com]]
Mobile: [[PHONE:(720) 384-1190]]
Home address: [[STREET_ADDRESS:1629 Emerson St, Unit 2, Denver, CO 80218]]
SSN (for I-9 / W-4): [[US_SSN:627-19-4403]]
Date of birth: [[DATE_OF_BIRTH:10/27/1994]]
Emergency contact: [[PERSON:Rosa Mamani]] (mother), [[PHONE:+51 984 221 706]]
Laptop: ship to home, MacBook Air M3
Accounts to create: Google Workspace, Zendesk (agent), Slack`,

  // payroll account change, Spanish
  `Hola equipo de nóminas:
Por favor, cambiad mi cuenta para el ingreso de la nómina a partir de abril. Nueva cuenta: [[IBAN:ES0218218802123383911322]] (titular: [[PERSON:Ainhoa Etxeberria Goikoetxea]]). Adjunto el certificado de titularidad del banco. Mi número de empleado es 10482.
Gracias,
[[PERSON:Ainhoa]]`,

  // Slack bot token pasted in a channel
  `#it-help (Slack export)
[10:41] [[PERSON:Lior Ben-David]]: my bot stopped posting to #deploys after the workspace migration, here's the token it's using, is it revoked? [[SECRET:xoxb-304110796603-5768383121563-g1cMpfhzTcqymA2YoAblWFry]]
[10:43] [[PERSON:Marguerite Okoye]]: please don't paste tokens in channels :) I'll rotate it anyway.
[10:43] [[PERSON:Marguerite Okoye]]: it was revoked in the migration, you need to reinstall the app in the new workspace. I'll DM you the steps.
[10:44] [[PERSON:Lior Ben-David]]: thanks [[PERSON:Marguerite]] 🙏`,

  // bug report with a JWT
  `Bug report: /api/v2/orders returns 401 after token refresh

Steps:
1. Log in as my own customer test account
2. Wait for the access token refresh (15 min)
3. Call GET /api/v2/orders with header
   Authorization: Bearer [[SECRET:eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1XzQ4MjEzIiwiZW1haWwiOiJrLm9rYWZvckBnbWFpbC5jb20iLCJpYXQiOjE3NDEyNTAwMDAsImV4cCI6MTc0MTI1MzYwMH0.rGQsGOGRuHtNKiOBuLQGU43tD9u1ZUlSC2ZEZOE1j0K]]
Expected: 200. Actual: 401 "token signature invalid".
The token decodes to my own account ([[EMAIL:k.okafor@gmail.com]]), so I'm fairly sure it's the signing key rotation from release 7.4.0. Reported by [[PERSON:Kelechi Okafor]], QA.`,

  // CI token, "Dawn" as a name
  `Hey [[PERSON:Dawn]], can you check why CI can't clone the private submodule? I set GIT_TOKEN in the pipeline settings to [[SECRET:ghp_JrMfP4VRFArthVgIAs4nUlzFop9dJUtM98o5]] yesterday but it still says 403. The runner is the new one in the build pool. Thanks, [[PERSON:Mateus]]`,

  // leave request, "Will" as a name and a verb
  `Subject: Leave request - [[PERSON:Will Ashdown]] - 19 to 30 May

Hi [[PERSON:Priyanka]],

I will be on annual leave from 19 to 30 May (8 working days). [[PERSON:Zainab Hussain]] will cover my queue and the weekly QA review. I'll have my phone if anything urgent comes up: [[PHONE:07981 442 307]].

Thanks,
[[PERSON:Will]]`,

  // hardware request for a remote employee
  `IT Hardware Request #HW-3318
Requested for: [[PERSON:Beatriz Gonçalves]] (remote, based in [[LOCATION:Portugal]])
Item: Dell Latitude 7450 + dock
Shipping address: [[STREET_ADDRESS:Rua Júlio Dinis 880, 4.º Dto, 4050-327 Porto]]
Recipient phone for courier: [[PHONE:+351 936 201 448]]
Approver: [[PERSON:Jonas Becker]]
Notes: employee will return the old ThinkPad (asset LT-17742) in the same box.`,

  // SFTP help with a private key and a credential URL
  `Hi, I'm trying to get the SFTP upload to the payroll vendor working from the new job server. Here's the key I generated, what am I doing wrong? It says "invalid format".

[[SECRET:-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACB7tsIwANmkQpuhKBwDChpxLlUT7bmmp0VC+qLbKzg3BAAAAIiNqu9Ajarv
QAAAAAtzc2gtZWQyNTUxOQAAACB7tsIwANmkQpuhKBwDChpxLlUT7bmmp0VC+qLbKzg3BA
AAAEDDrxAHjU+TQWwxD24gG0ts5LcS3JN4kNrmtCNkFvNE83u2wjAA2aRCm6EoHAMKGnEu
VRPtuaanRUL6otsrODcEAAAAAAECAwQF
-----END OPENSSH PRIVATE KEY-----]]

The vendor's contact, [[PERSON:Suda Chaiyaporn]], says they added the public key on their side. Before that they had us upload through [[URL:https://payroll_upload:Qw7vR2pLm99@files.vendorpay.net/inbound/]] which still works.
- [[PERSON:Jae-won Shin]]`,

  // postmortem with a live Stripe key
  `Postmortem draft - checkout failures 2025-03-27 (SEV-2)
Impact: 14:05-14:58 UTC, ~1,900 failed checkouts.
Root cause: config drift after the secrets migration; production pods picked up the staging key.
Timeline:
- 14:05 alerts fire on payment error rate
- 14:21 [[PERSON:Anneke de Graaf]] identifies the wrong key; while debugging she pasted the live secret key into the incident channel: [[SECRET:sk_live_SMaPEvkB2wU0f1m5Qc6SzScZ]]
- 14:58 correct key deployed, error rate back to baseline
- 15:02 exposed key rolled by [[PERSON:Oyelaran Adeyemi]]
Action items: block secret patterns in chat (owner: security), add config checksum to deploy gate (owner: platform).`,

  // benefits enrollment, "Young" as surname, "Summer" as given name
  `Open enrollment - dependent verification
Employee: [[PERSON:Terrence Young]] (ID 40918)
Dependents:
- Spouse: [[PERSON:Mei-Ling Young]], DOB [[DATE_OF_BIRTH:02/14/1986]], SSN [[US_SSN:145-88-2071]]
- Child: [[PERSON:Summer Young]], DOB [[DATE_OF_BIRTH:07/01/2015]], SSN [[US_SSN:509-33-6718]]
- Child: [[PERSON:Elijah Young]], DOB [[DATE_OF_BIRTH:11/22/2019]], SSN pending
Plan elections: Medical PPO family, Dental family, Vision employee + spouse
Effective: 01/01/2026`,

  // allowlist request with a public IPv6
  `Access request AR-7712
Requester: [[PERSON:Olamide Bakare]]
System: reporting DB (rpt-db-02.corp.internal), read-only
Justification: monthly churn report
Source IP for allowlist: [[IP_ADDRESS:2600:1700:7e31:4d20:9c4:3bff:fe21:8a17]] (home fibre)
Approved by: [[PERSON:Charlotte Brennan]]
Expires: 2025-07-01`,

  // developer support ticket with pasted API keys
  `Ticket DEV-22910 - integration returns 401 from your webhook relay
Hi, our support-bot integration stopped working last night. We call your relay with our LLM key in the header; the log shows the key we send is [[SECRET:sk-proj-Ad255UAG05hjVLOirW9rFS2vG7XZV3pVFREihQfVw9vAkXF1]] and the maps lookup uses [[SECRET:AIzay2L76sIA7-5z4nEHtjNXmbiAQdNCv2yUCyb]]. Both work with curl from my machine. Our relay config version is 2.8.1. Could it be the new IP allowlist? Our egress is [[IP_ADDRESS:34.89.120.17]].
[[PERSON:Tomás Ferreyra]], CTO - reply to [[EMAIL:tomas@quillbyte.dev]]`,

  // ---------------------------------------------------------------- e-commerce returns, many languages
  // EN, "rose gold" as a word and Rose as a name
  `Ollie (Marlowe & Finch assistant): Hi! I'm Ollie. Want to start a return?
Customer: yes, the rose gold pendant from order MF-2201873. the chain is shorter than the listing said
Ollie: Sorry about that! Returns are free within 30 days. Please confirm the name and email on the order.
Customer: [[PERSON:Rose Okeke]], [[EMAIL:roseokeke@yahoo.co.uk]]
Ollie: Thanks, [[PERSON:Rose]]. I've created return RMA-55021. Print the label or show the QR code at any drop-off point.`,

  // DE return, card refund
  `Hallo,
ich möchte die Winterjacke (Bestellnr. 302-7781944, Artikel JK-4418-M, Farbe Waldgrün) zurückschicken, sie ist zu groß. Das Rücksendeetikett fehlte im Paket. Können Sie mir eins an [[EMAIL:m.gruenewald@web.de]] schicken? Lieferadresse war [[STREET_ADDRESS:Kastanienallee 18, 10435 Berlin]]. Die Erstattung bitte auf die Kreditkarte [[CREDIT_CARD:2221 4045 6890 6237]].
Viele Grüße
[[PERSON:Mathilde Grünewald]]`,

  // FR (BE) damaged parcel
  `Bonjour,
Le colis de ma commande FR-88120 est arrivé abîmé (la théière est cassée). Je souhaite un remboursement et non un échange. Je suis [[PERSON:Nadia Benali]], [[STREET_ADDRESS:Rue de la Loi 62, 1040 Etterbeek]], [[PHONE:+32 471 28 45 90]]. Vous pouvez me rembourser sur mon compte [[IBAN:BE23370291676096]] si c'est plus simple que la carte.
Merci d'avance.`,

  // ES size exchange
  `Buenas, quiero devolver las zapatillas del pedido ES-4478120 (talla 42, modelo Vento Run). Me quedan pequeñas. ¿Puedo cambiarlas por la 43 en vez de devolverlas? Dirección de envío: [[STREET_ADDRESS:Calle de Alcalá 118, 3º B, 28009 Madrid]]. A nombre de [[PERSON:Íñigo Martínez Soler]]. Teléfono [[PHONE:612 839 407]].`,

  // PT (PT) wrong size
  `Olá, recebi a encomenda PT-220918 mas veio o tamanho errado (pedi M, veio XL). Como faço a devolução? Prefiro deixar num ponto de recolha perto de casa, em [[LOCATION:Coimbra]]. Os meus dados: [[PERSON:João Pedro Almeida]], [[EMAIL:jpalmeida@sapo.pt]], [[PHONE:918 442 307]]. Obrigado.`,

  // IT pickup for a faulty vacuum
  `Buonasera, vorrei restituire l'aspirapolvere Turbo X9 (ordine IT-7712038) perché fa un rumore strano dopo una settimana. Il ritiro può essere fatto presso [[STREET_ADDRESS:Corso Vittorio Emanuele II 214, 10139 Torino]] dal lunedì al venerdì dopo le 17. Sul citofono c'è scritto [[PERSON:Bianchi]] - [[PERSON:Okonkwo]]. Cellulare [[PHONE:331 204 8876]].
[[PERSON:Chiara Bianchi]]`,

  // NL duplicate order
  `Hallo, ik heb twee keer dezelfde bestelling ontvangen (NL-330912 en NL-330914), waarschijnlijk omdat de betaling eerst mislukte. Ik wil de tweede terugsturen en het geld terug op [[IBAN:NL18RABO2386255118]]. Naam: [[PERSON:Joris Hendriks]], adres [[STREET_ADDRESS:Vondelstraat 87-III, 1054 GM Amsterdam]]. Alvast bedankt!`,

  // PL return
  `Dzień dobry, chcę zwrócić odkurzacz z zamówienia PL/2025/118832 - nie działa ładowarka. Zwrot pieniędzy proszę na konto [[IBAN:PL20123653094456005507968126]]. [[PERSON:Katarzyna Lewandowska]], tel. [[PHONE:601 447 239]].`,

  // JA defective coffee maker
  `ご担当者様
注文番号 JP-5512093 で購入したコーヒーメーカーが初期不良のため、返品・返金をお願いしたいです。電源を入れても水が出ません。
氏名：[[PERSON:鈴木 一郎]]
住所：[[STREET_ADDRESS:〒530-0001 大阪府大阪市北区梅田3-1-3]]
電話：[[PHONE:06-6341-8820]]
メール：[[EMAIL:ichiro.suzuki.osk@gmail.com]]
集荷は平日の午後を希望します。`,

  // ZH earphone return
  `你好，我在你们店买的蓝牙耳机（订单号 CN20250318-77412）右耳没有声音，想申请退货退款。收货人：[[PERSON:陈思雨]]，电话 [[PHONE:159 2207 4483]]，地址 [[STREET_ADDRESS:广东省深圳市南山区高新南七道18号]]。快递单号 SF1402877761203 是原来发货的单号。请问退货运费谁承担？`,

  // KO cardigan return
  `안녕하세요. 주문번호 KR-20250402-3381 니트 가디건 반품 요청드립니다. 색상이 사진과 많이 달라요. 수거 주소는 [[STREET_ADDRESS:서울특별시 마포구 월드컵북로 396, 1204호]]이고 받는 사람은 [[PERSON:이지은]]입니다. 연락처 [[PHONE:010-5521-8804]]. 환불은 원래 결제 수단으로 부탁드립니다.`,

  // AR broken blender
  `السلام عليكم، أريد إرجاع الخلاط الكهربائي (رقم الطلب AE-99120471) لأنه وصل مكسوراً. الاسم: [[PERSON:فاطمة الزهراء بن علي]]. العنوان: [[STREET_ADDRESS:شارع الشيخ زايد، برج الياسمين، شقة 1407، دبي]]. رقم الجوال: [[PHONE:+971 50 662 1849]]. البريد: [[EMAIL:fatimazahra.benali@hotmail.com]]. شكراً لكم.`,

  // HI kurta exchange
  `नमस्ते, मैंने ऑर्डर IN-4408217 में एक कुर्ता मंगवाया था लेकिन साइज़ गलत आया है (L की जगह XXL)। मुझे इसे बदलना है। मेरा नाम [[PERSON:रोहित मल्होत्रा]] है, फ़ोन [[PHONE:+91 99110 38472]], पता [[STREET_ADDRESS:B-42, लाजपत नगर II, नई दिल्ली 110024]]। पिकअप कल सुबह करवा दीजिए।`,

  // EN gift exchange, Amber as a name and a colour, Pearl as a name
  `Hi, I bought a cashmere scarf (order MF-2207719) as a birthday gift for my friend [[PERSON:Amber Whitfield]] and had it shipped straight to her at [[STREET_ADDRESS:2 Lark Rise, Cirencester GL7 1XP]]. She'd like to exchange it for the sky blue one instead of the amber colour. Can you send her a return label at [[EMAIL:amber.whitfield@gmail.com]]? Please don't mention the price :) Thanks, [[PERSON:Pearl Osei]]`,

  // ---------------------------------------------------------------- agent notes / CRM exports
  // CSV customer export
  `customer_id,full_name,email,phone,city,last_order,ltv_eur
C-10482,[[PERSON:Astrid Halvorsen]],[[EMAIL:astrid.halvorsen@online.no]],[[PHONE:+47 912 44 873]],[[LOCATION:Bergen]],2025-03-28,1840.50
C-10483,[[PERSON:Mehmet Öztürk]],[[EMAIL:mehmet.ozturk77@gmail.com]],[[PHONE:+49 1522 4418390]],[[LOCATION:Köln]],2025-02-11,312.00
C-10484,[[PERSON:Zsófia Kovács]],[[EMAIL:zsofi.kovacs@freemail.hu]],[[PHONE:+36 30 218 4471]],[[LOCATION:Debrecen]],2025-04-01,95.90
C-10485,[[PERSON:Hope Mbatha]],[[EMAIL:hope.mbatha@icloud.com]],[[PHONE:+27 82 447 1903]],[[LOCATION:Durban]],2024-12-19,2210.00`,

  // JSON ticket export
  `{
  "ticket_id": 772019,
  "status": "pending",
  "channel": "email",
  "created_at": "2025-04-06T08:14:22Z",
  "requester": {
    "name": "[[PERSON:Dmitri Volkov]]",
    "email": "[[EMAIL:dvolkov.home@gmail.com]]",
    "phone": "[[PHONE:+1 416 839 2274]]"
  },
  "subject": "Card charged twice for order 88-1120",
  "custom_fields": {
    "order_id": "88-1120",
    "card_last4": "2201",
    "shipping_address": "[[STREET_ADDRESS:55 Harbour Sq, Suite 1904, Toronto, ON M5J 2L1]]"
  },
  "tags": ["billing", "duplicate_charge", "vip"],
  "assignee": "[[PERSON:Yasmin Haddad]]"
}`,

  // key: value profile export
  `=== Customer profile (exported 2025-04-09 11:02) ===
Name: [[PERSON:Eitan Shapiro]]
Preferred name: [[PERSON:Eti]]
Email: [[EMAIL:eitan.shapiro@fastmail.com]]
Phone (mobile): [[PHONE:+972 52-418-3307]]
Billing address: [[STREET_ADDRESS:Dizengoff St 142, Apt 8, Tel Aviv 6433117]]
Date of birth: [[DATE_OF_BIRTH:1983-09-05]]
Segment: Loyalty Gold
Account number: 00481-229-7
Marketing consent: email yes / sms no
Last login IP: [[IP_ADDRESS:77.125.41.208]]
Notes: prefers English, sometimes writes in Hebrew. Standing complaint about delivery windows.`,

  // case activity history, "HUNTER" as a signer's name
  `Case 00918273 - activity history
2025-02-03 10:22 [[PERSON:Ngaire Te Wheoro]] (agent): Customer [[PERSON:Stanisław Dąbrowski]] called about a missing parcel (tracking 1Z8V4E210398455127). Carrier shows delivered to a neighbour. Asked him to check with neighbours.
2025-02-05 16:40 [[PERSON:Ngaire Te Wheoro]] (agent): Customer says the neighbour at no. 14 didn't receive anything. Opened carrier trace.
2025-02-12 09:05 system: Carrier trace closed - "delivered, signed by [[PERSON:HUNTER]]".
2025-02-12 11:31 [[PERSON:Jamal Whitaker]] (team lead): Customer says nobody called [[PERSON:Hunter]] lives at the address. Approved replacement. Reship to [[STREET_ADDRESS:16 Rowan Walk, Milton Keynes MK14 6JF]].
2025-02-13 08:00 system: Replacement order RPL-220193 created.`,

  // YAML lead record
  `lead:
  id: L-448213
  source: webinar
  contact:
    name: [[PERSON:Graciela Paredes]]
    title: Operations Manager
    company: Andes Freight SAC
    email: [[EMAIL:gparedes@andesfreight.pe]]
    phone: "[[PHONE:+51 1 421 8830]]"
  notes: >
    Asked about API rate limits and SSO. Based in [[LOCATION:Lima]], wants a call after 15:00 local time.
  owner: [[PERSON:Kofi Boateng]]`,

  // macro applied + internal footer
  `Macro applied: "Refund issued - card"
---
Hi [[PERSON:Salma]],

Thanks for your patience. We've issued a full refund of $64.20 for order ZX-55810 to the card ending 4417. Depending on your bank it may take 5-10 business days to appear.

If you have any questions, just reply to this email.

Best,
[[PERSON:Connor]] | Support Team
---
Internal: requester [[PERSON:Salma Rahman]] <[[EMAIL:salma.rahman.bd@gmail.com]]>, macro used by [[PERSON:Connor Ashby]], 2025-04-04 13:22`,

  // pipe-separated loan applications with SSNs
  `app_id|applicant|ssn|dob|product|status
LA-20931|[[PERSON:Marcus Delacroix]]|[[US_SSN:772-40-1955]]|[[DATE_OF_BIRTH:1979-12-03]]|auto|approved
LA-20932|[[PERSON:Keisha Monroe-Battle]]|[[US_SSN:233-91-0487]]|[[DATE_OF_BIRTH:1992-06-17]]|personal|pending docs
LA-20933|[[PERSON:Nguyen Thi Hoa]]|[[US_SSN:655-20-3381]]|[[DATE_OF_BIRTH:1968-02-29]]|personal|declined`,

  // payment webhook JSON (one line)
  `{"event":"payment.failed","ts":"2025-04-07T22:41:09Z","customer":{"id":"cus_8821","name":"[[PERSON:Aditi Banerjee]]","email":"[[EMAIL:aditi.banerjee@outlook.com]]"},"payment_method":{"type":"card","number":"[[CREDIT_CARD:4314456774828187]]","exp":"09/27"},"billing_address":"[[STREET_ADDRESS:1100 Congress Ave, Apt 12B, Austin, TX 78701]]","client_ip":"[[IP_ADDRESS:99.88.112.45]]","decline_code":"insufficient_funds"}`,

  // shift handover
  `Shift handover - Tier 2 billing, late shift -> early shift
1) [[PERSON:Ruth Abebe]] (acct ending 7710) - waiting on finance to approve a goodwill credit of $45; promised someone would ring her at [[PHONE:(206) 448-9021]] before 11.
2) Duplicate charge - Mr. [[PERSON:Tunde Oyelaran]]: refund done, just needs the confirmation email to [[EMAIL:tunde.oyelaran@gmail.com]].
3) Possible account takeover on the [[PERSON:Baker]] account (the customer in [[LOCATION:Spokane]]) - login from [[IP_ADDRESS:104.28.212.66]] at 02:10; password reset forced, customer not yet reached.
4) Queue was otherwise quiet. Happy summer solstice, everyone. - [[PERSON:Ines]]`,

  // escalation summary for legal, "Mark" as a name
  `ESCALATION SUMMARY for Legal
Customer: [[PERSON:Giovanni Russo-Mbeki]]
Issue: claims our courier damaged his front gate on 02/03/2025 while delivering order 44-8810. Demanding €1,200.
Customer address: [[STREET_ADDRESS:Via dei Mille 17, 40121 Bologna]]
Contacted: phone [[PHONE:+39 051 644 2190]], email [[EMAIL:g.russombeki@gmail.com]]
Evidence: two photos and a quote from a local blacksmith. Courier (SpeedLine) denies.
Recommendation: forward to SpeedLine claims; offer €150 goodwill without admission.
Prepared by [[PERSON:Mark Oduya]]`,

  // quoted CSV contacts export, "Sky" as a name
  `"Contact ID","First Name","Last Name","Email","Mobile","Last Login IP","Created"
"003Hs00002Kq1","[[PERSON:Leilani]]","[[PERSON:Kahananui]]","[[EMAIL:leilani.k@hawaii.rr.com]]","[[PHONE:(808) 371-2290]]","[[IP_ADDRESS:66.75.112.203]]","2024-11-02"
"003Hs00002Kq2","[[PERSON:Bodhi]]","[[PERSON:Nakamura-Reyes]]","[[EMAIL:bodhi.nr@gmail.com]]","[[PHONE:(808) 554-0917]]","[[IP_ADDRESS:2603:800c:2a40:1b00:4c1:ee72:9a0:13f]]","2025-01-15"
"003Hs00002Kq3","[[PERSON:Sky]]","[[PERSON:Alapaʻi]]","[[EMAIL:sky.alapai@yahoo.com]]","","[[IP_ADDRESS:72.234.11.88]]","2025-03-30"`,

  // fraud review
  `Fraud review FR-22018 - outcome: confirmed fraud
Order 7781-3320 placed 2025-04-05 03:12 with card [[CREDIT_CARD:6011 0924 8002 5791]] (Discover), billing name [[PERSON:Harold Mensah]], ship-to [[STREET_ADDRESS:7815 NW 54th St, Doral, FL 33166]] (freight forwarder).
Cardholder reached at [[PHONE:(614) 229-4471]]: confirms he did not place the order and has been at home in [[LOCATION:Columbus]] all week. Device IP [[IP_ADDRESS:102.89.33.14]]. Email on the order: [[EMAIL:haroldmensah.1@gmail.com]] (cardholder says not his). Order cancelled, card blocked by issuer.`,

  // markdown table of open cases, "Jade" and "Frank" as agents' names
  `Open cases - returns pod (Mon)
| # | Customer | Contact | Issue | Owner |
|---|----------|---------|-------|-------|
| 1 | [[PERSON:Ilse Vermeulen]] | [[EMAIL:ilse.vermeulen@telenet.be]] | wrong size, exchange | [[PERSON:Jade]] |
| 2 | [[PERSON:Abdirahman Warsame]] | [[PHONE:+252 61 552 7718]] | refund not received | [[PERSON:Jade]] |
| 3 | [[PERSON:Carmen Olvera]] | [[PHONE:+52 55 4418 9023]] | damaged item | [[PERSON:Frank]] |
| 4 | [[PERSON:Tevita Fifita]] | [[EMAIL:tevita.fifita@outlook.com]] | address change before dispatch | [[PERSON:Frank]] |`,

  // agent note with an invoice link carrying email + signature
  `Agent note: customer [[PERSON:Noor Al-Sayegh]] could not open the invoice link and forwarded it to us:
[[URL:https://billing.paystream.io/invoice/view?inv=INV-22841&customer_email=noor.alsayegh%40gmail.com&sig=gGYMnVwPVPpyKrrkE8tZqOEYemu56SBF]]
Link had expired (valid 72 h). Regenerated and sent to [[EMAIL:noor.alsayegh@gmail.com]]. Pointed her to the general help page https://paystream.io/help/invoices for next time.`,

  // ---------------------------------------------------------------- informal lower-case chat and voice transcripts
  // lower-case parcel chat, "summer" as a name, tracking link with email
  `hii so my parcel says delivered but its not here?? order 55-77120. im [[PERSON:summer]] btw, [[PERSON:summer okafor]]. address is [[STREET_ADDRESS:41 alder st apt 2, portland me 04101]] if ur checking. the tracking link u sent is [[URL:https://track.parcelhop.com/t?ref=PH88120447&email=summer.okafor%40gmail.com]] and it just says "left at front door". can u resend it, its a present for my sis`,

  // voice transcript, car insurance
  `[Call transcript - auto-generated, may contain errors]
AGENT: Thank you for calling Meridian Insurance, this is [[PERSON:Andile]], can I have your policy number please?
CALLER: Yeah it's uh M A seven seven... sorry, MA77 4120 9.
AGENT: Thank you. And your full name?
CALLER: [[PERSON:Grace Mokoena]]. [[PERSON:Grace]] with a G.
AGENT: And your date of birth, Ms [[PERSON:Mokoena]]?
CALLER: [[DATE_OF_BIRTH:fourteen March nineteen eighty-nine]].
AGENT: Thanks. How can I help?
CALLER: Someone reversed into my car at the mall in [[LOCATION:Sandton]], and they gave me their details but now the number doesn't work. Their name was [[PERSON:Pieter]] something and the number was [[PHONE:082 519 4407]].
AGENT: Okay, I'll open a third-party claim and we'll try to trace the driver through the registration.`,

  // lower-case bank chat, full card pasted
  `me: hey my card got declined at the petrol station but i have money
Nova: I can help! Is this about your debit card?
me: ya. its [[CREDIT_CARD:4035474109351799]]
Nova: For your security, please don't share full card numbers here. I can see a temporary block placed after a transaction in another country. Was that you?
me: oh yeah i was in [[LOCATION:lagos]] last week lol. its fine. unblock pls
Nova: Done! The block is removed. You can try the payment again now.`,

  // lower-case landline complaint, "frank" as a name
  `hey its [[PERSON:bilal]] again, the guy from yesterday with the dead landline. still dead. number is [[PHONE:020 8452 7713]]. the engineer, a guy called [[PERSON:frank]], said hed be back tmrw 8-12 but nobody came. im at [[STREET_ADDRESS:22b cricklewood lane, london nw2 1hp]]. pls just send someone, my nan relies on that phone`,

  // phone transcript, airline cancellation
  `Speaker 1 (agent): SkyHarbor reservations, you're speaking with [[PERSON:Marisol]]. How can I help?
Speaker 2: Hi, yeah, I need to cancel my return flight, the booking code is Q as in Quebec, 7, R, M, 4, P.
Speaker 1: Q7RM4P. And the name on the booking?
Speaker 2: [[PERSON:Teodor Ionescu]]. T-E-O-D-O-R.
Speaker 1: Thank you, Mr. [[PERSON:Ionescu]]. I see you flying back from [[LOCATION:Bucharest]] on the 20th.
Speaker 2: Yeah, my mum's in hospital so I'm staying longer.
Speaker 1: I'm sorry to hear that. I can refund the taxes and the rest goes to travel credit. Shall I send the confirmation to the email on file, [[EMAIL:teo.ionescu@gmail.com]]?
Speaker 2: Yep, that's fine.`,

  // lower-case IT chat with a password
  `hey [[PERSON:sam]] can u reset my okta, its saying locked out. tried like 5 times. fyi the one i set on monday was
password: [[SECRET:Mango$treet44]]
im on my phone rn, laptop is at home in [[LOCATION:jersey city]]. - [[PERSON:deepa]]`,

  // lower-case double order, "bill" as a word
  `ok so i ordered the air fryer twice by accident, order 10-44812 and 10-44813. pls cancel one. paid w my mastercard [[CREDIT_CARD:5575039802333866]] both times. also the bill says 2 x $129 which is wrong. thx, [[PERSON:nikhil]]`,

  // lower-case late fee, "grace young" as a name and "grace period" as a phrase
  `hi the account is under my moms name [[PERSON:grace young]], shes 78 and doesnt do computers so im helping. she got charged a late fee but she paid on time, isnt there a grace period?? her phone is [[PHONE:604 418 2277]] and im [[PERSON:daniel]] her son. we're in [[LOCATION:richmond]] if that matters`,

  // IVR + agent transcript, power outage
  `IVR transcript (speech-to-text), call 2025-04-02 17:44
System: Please say or enter your account number.
Caller: 4 4 0 1 9 2 2 8 7
System: Thank you. Please say your full name.
Caller: [[PERSON:Oksana Kovalenko]]
System: I heard [[PERSON:Oksana Kovalenko]]. Is that correct?
Caller: yes
System: How can we help you today?
Caller: my power is out since this morning at [[STREET_ADDRESS:1184 Birch Hollow Road, Hendersonville, NC 28792]] and i have a medical device
System: I'm transferring you to an agent.
Agent: Hi [[PERSON:Oksana]], this is [[PERSON:Ty]]. I'm putting your address on the priority restoration list. What's the best number to reach you?
Caller: [[PHONE:828-692-4410]]`,

  // lower-case Spanish chat, missing shelf
  `hola buenas, me llego el pedido pero falta una pieza del mueble (la balda de abajo). pedido MX-208817. soy [[PERSON:lupita hernández]], mi cel es [[PHONE:33 1928 4470]], vivo en [[LOCATION:guadalajara]]. me la pueden mandar sin devolver todo?`,

  // lower-case game launcher ban, username is not a name label
  `yo the game launcher keeps saying my ip is banned?? i didnt do anything. my ip is [[IP_ADDRESS:174.51.208.93]] if that helps. username is xX_rose_Xx (thats not my name lol, im [[PERSON:rosalía]]). pls unban`,

  // lower-case German parcel locker
  `hallo, mein paket liegt seit 5 tagen in der packstation und ich hab den abholcode nicht bekommen. sendungsnummer 00340434161094021876. bin [[PERSON:jannik weiß]], handy [[PHONE:0176 38810472]]. wohn in [[LOCATION:leipzig]]. danke`,

  // Indian English telecom call transcript
  `Agent: Good evening, thank you for calling, my name is [[PERSON:Sneha]]. May I know whom I'm speaking with?
Customer: Yes, this is [[PERSON:Venkatesh Subramanian]] speaking.
Agent: Thank you sir. Could you please confirm your registered mobile number?
Customer: [[PHONE:98450 22718]].
Agent: And your date of birth for verification?
Customer: [[DATE_OF_BIRTH:5th August 1972]].
Agent: Thank you. How may I help you?
Customer: My broadband bill shows a charge of 1,180 rupees for an OTT pack I never subscribed to.
Agent: I understand, sir. I'm raising a reversal, reference SR-88120447; you will get an SMS. Is the installation address still [[STREET_ADDRESS:No. 14, 3rd Main Road, Jayanagar 4th Block, Bengaluru 560011]]?
Customer: Yes, same.`,

  // lower-case chat, "hunter" as a child's name, partial card only
  `ugh. so my son [[PERSON:hunter]] used my card on some game, like 6 charges of $49.99. i did not approve that. card is the visa ending 2019. can i get it back?? also how do i stop him lol. - [[PERSON:kayla]]`,
];

const NEGATIVES: readonly string[] = [
  // shipping confirmation: order number, SKUs, prices, tracking
  `Order update: your order 302-5518827 has shipped!
Items:
  1 x Rose Gold Minimalist Watch (SKU RG-WT-0042) - $89.00
  2 x Summer Linen Throw, sand (SKU SL-TH-118-S) - $39.50 each
Subtotal $168.00 | Shipping $0.00 | Tax $13.86 | Total $181.86
Carrier: UPS, tracking 1Z4A77E80392018846
Estimated delivery: Thursday, April 17, between 9:00 and 20:00.
Need to change something? Reply to this email or chat with Ollie, our virtual assistant, at https://www.marloweandfinch.com/help.`,

  // bot chat about hunter green boots and the summer sale
  `Ollie (virtual assistant): Hi there! I'm Ollie, the Marlowe & Finch shopping assistant. I can track orders, start returns and answer sizing questions.
Customer: do you still have the hunter green rain boots in size 9?
Ollie: Yes! The Classic Rain Boot in Hunter Green (SKU HG-RB-09) is back in stock in sizes 6-11, $79.
Customer: and will they arrive before the summer sale ends?
Ollie: The Summer Sale runs until June 30. Standard delivery takes 3-5 business days, so yes!
Customer: great, thanks ollie`,

  // airline schedule change notice
  `SCHEDULE CHANGE NOTICE
Booking reference: K7QZ2P
Your flight SH 482 on 22 May has been retimed. New departure 07:15 (was 06:40), new arrival 10:05. Seats 14C and 14D are unchanged. Baggage allowance: 1 x 23 kg checked, 1 x 8 kg cabin.
If the new time does not work for you, you may rebook free of charge within 14 days or request a refund to the original form of payment. Manage your booking at https://www.skyharbor.com/manage. Wren, our virtual assistant, is available 24/7 in the app.`,

  // telecom bill explanation, "grace period"
  `Your bill explained - account 8842-1190-33, bill period 01 Mar - 31 Mar 2025
Unlimited Plus 5G plan .......... $65.00
Device payment (14 of 36) ....... $27.77
Roaming day pass x 3 ............ $36.00
AutoPay discount ................ -$5.00
Taxes & surcharges .............. $9.42
Total due 04/21/2025 ............ $133.19
Your bill is higher than last month because of the roaming day passes. The grace period for late payments is 10 days. Questions? Ask Pixel in the Lumen app.`,

  // release notes with version numbers
  `Support Console 4.12.3 - release notes (2025-04-08)
- Fixed: macro "Refund issued - card" inserted the wrong currency symbol on CAD tickets.
- Fixed: CSV export of tickets dropped the "tags" column when more than 50 tags existed.
- Improved: the Pixel and Nova bots now hand off to a human after 2 failed intents (was 3).
- Changed: session timeout raised from 30 to 45 minutes.
- Deprecated: API v1 /tickets/search will be removed in 5.0.0 (planned for Q3).
Upgrade with: npm install @supportconsole/cli@4.12.3`,

  // insurance policy wording
  `Section 7 - Claims
7.1 You must tell us about any claim as soon as reasonably possible and in any case within 30 days. We will not pay for any loss caused by wear and tear, gradual deterioration, vermin or frost.
7.2 A grace period of 14 days applies to monthly premiums. If a premium remains unpaid after the grace period, cover will end and we will write to the policyholder at the last known address.
7.3 Where a claim is paid, the excess shown in your schedule (normally £250, or £1,000 for escape of water) will be deducted.
7.4 We may appoint a loss adjuster to inspect the damage. You must keep damaged items until we have inspected them.`,

  // bank FAQ on disputes, "bill pay"
  `How do card disputes work?
If you see a transaction you don't recognise, first check the merchant name in the app - many merchants bill under a parent company name. A dispute must normally be raised within 120 days of the transaction date. We'll give you a temporary credit within 10 business days while the merchant responds. For bill pay and direct debits, use the "Stop a payment" option instead. Nova, our in-app assistant, can start a dispute for you: just type "dispute".`,

  // product catalog CSV with name-like words
  `sku,name,colour,price_eur,stock
HG-RB-07,Classic Rain Boot,Hunter Green,79.00,142
SB-FAN-2,Summer Breeze Desk Fan,White,34.90,58
YA-BK-1129,"The Long Way Home (Young Adult, paperback)",-,12.99,311
RS-CAN-L,Wild Rose Scented Candle (large),Blush,22.50,77
PRL-EAR-02,Freshwater Pearl Studs,Pearl White,45.00,19
JD-PL-30,Jade Plant in Ceramic Pot 30cm,Jade,18.00,64
IVY-WP-5,Ivy Trail Wallpaper (5 m roll),Sage,39.00,23`,

  // HR holiday policy
  `Public holidays and office closures 2025
The office will be closed on 1 January, 18 and 21 April (Easter), 5 May, 26 May, 25 August and 25-26 December. Employees who work on a closure day for on-call duty receive a day in lieu, to be taken within 3 months. Summer hours (Fridays finishing at 15:00) run from 2 June to 29 August. Annual leave requests must be submitted in the HR portal at least 2 weeks in advance and approved by your line manager. Up to 5 days of unused leave may be carried over to 2026.`,

  // runbook with internal hostnames
  `Runbook: restart the ticket-ingest workers
1. SSH to the bastion: ssh bastion-01.corp.internal
2. Check queue depth: kubectl -n support get hpa ticket-ingest
3. If depth > 5000 for more than 10 minutes, roll the deployment: kubectl -n support rollout restart deploy/ticket-ingest
4. Watch logs: kubectl -n support logs -f deploy/ticket-ingest --since=5m
5. Confirm the "Ingest lag" dashboard panel returns below 30 s.
Last reviewed: 2025-03-14 (v2.3). Owner: Platform team. Escalate in the #platform-oncall channel.`,

  // German return policy
  `Rückgabe und Umtausch
Sie können Artikel innerhalb von 30 Tagen nach Erhalt kostenlos zurücksenden. Bitte legen Sie den Rücksendeschein bei und verwenden Sie das beiliegende Etikett. Die Erstattung erfolgt innerhalb von 14 Tagen nach Eingang der Ware auf das ursprüngliche Zahlungsmittel. Ausgenommen sind Unterwäsche, Kosmetik mit geöffnetem Siegel und individuell angefertigte Produkte. Für Fragen steht Ihnen unser digitaler Assistent Ollie rund um die Uhr zur Verfügung.`,

  // French shipping info
  `Livraison : les commandes passées avant 14 h sont expédiées le jour même (du lundi au vendredi). Délai standard : 2 à 4 jours ouvrés, 4,90 € (offert dès 60 € d'achat). Livraison express en 24 h : 9,90 €. Le numéro de suivi (format 6A12345678901) est envoyé par e-mail dès l'expédition. Les soldes d'été commencent le 25 juin et se terminent le 22 juillet.`,

  // Spanish billing FAQ
  `Preguntas frecuentes - Facturación
¿Cuándo se emite la factura? El día 1 de cada mes.
¿Puedo cambiar la forma de pago? Sí, desde el área de cliente, en "Mis pagos".
¿Qué pasa si no pago a tiempo? Tienes un periodo de gracia de 10 días; después se aplica un recargo de 5 €.
Tarifa Fibra 600 Mb: 35,90 €/mes con IVA. Versión del documento 3.2, actualizado el 12/02/2025.`,

  // Japanese product description
  `【商品説明】ローズゴールドのステンレス製腕時計（品番：RG-WT-0042）。防水：5気圧。電池寿命：約3年。価格：12,800円（税込）。ご注文から2〜4営業日で発送いたします。返品は商品到着後30日以内にお手続きください。`,

  // order JSON without customer fields
  `{
  "order_id": "MF-2209184",
  "created_at": "2025-04-10T15:32:07Z",
  "status": "fulfilled",
  "items": [
    {"sku": "RS-CAN-L", "name": "Wild Rose Scented Candle (large)", "qty": 2, "unit_price": 22.50},
    {"sku": "PRL-EAR-02", "name": "Freshwater Pearl Studs", "qty": 1, "unit_price": 45.00}
  ],
  "shipping": {"carrier": "DHL", "service": "Express", "tracking": "JD014600006281930244"},
  "totals": {"subtotal": 90.00, "shipping": 0, "tax": 17.10, "currency": "EUR"},
  "channel": "web",
  "app_version": "7.4.1"
}`,

  // digital gift card (number is not Luhn-valid and not a payment card)
  `Thanks for your purchase! Your digital gift card is ready.
Value: $50.00
Gift card number: 6006 4913 2287 0452
Claim code: GXQ4-77TR-M2PA
Valid until: 2030-04-11
Redeem at checkout on the website or in the app. This gift card cannot be exchanged for cash. Check your balance any time by asking Ollie, our virtual assistant.`,

  // log excerpt without IPs
  `2025-04-09T02:14:07.381Z INFO  ticket-ingest[4] consumed batch size=250 lag_ms=812
2025-04-09T02:14:07.902Z WARN  ticket-ingest[4] retrying webhook delivery id=whk_8f21c0 attempt=2 status=503
2025-04-09T02:14:09.115Z INFO  ticket-ingest[2] request_id=4b1e9c7a-22d1-4f0e-9a31-7c0d5b2e8f14 route=/v2/tickets method=POST status=201 dur_ms=47
2025-04-09T02:14:11.004Z ERROR classifier-svc model=intent-v3.8.2 timeout after 3000ms, falling back to rules
2025-04-09T02:14:12.556Z INFO  ticket-ingest[2] consumed batch size=250 lag_ms=640`,

  // macro template with placeholders
  `Macro: "Return label sent"
Hi {{ticket.requester.first_name}},

Thanks for getting in touch about order {{ticket.custom_fields.order_id}}. Your prepaid return label is attached. Please drop the parcel off within 14 days. Once it reaches our warehouse, the refund is usually processed within 3-5 business days.

Kind regards,
{{current_user.first_name}}
Marlowe & Finch Customer Care`,

  // plant shop chat, "Summer Song" is a rose variety
  `Customer: hi, do you ship rose bushes in winter or do they wait until spring?
Ollie: Great question! Bare-root roses ship from November to March while they're dormant. Potted roses ship all year.
Customer: ok. and the "Summer Song" rose, is it fragrant?
Ollie: Yes, Summer Song has a strong tea fragrance and grows to about 1 m. It's £14.99, or 3 for £39.
Customer: perfect, will order tonight`,

  // planned maintenance notice
  `PLANNED MAINTENANCE NOTICE
Reference: PM-2025-0418
Water supply will be interrupted on Tuesday 22 April from 09:00 to 15:00 while we replace a section of main (work order WO-771203). Affected: grid sectors 14B and 14C. Bottled water will be available at the depot by the industrial estate entrance. Please keep taps closed during the works and run the cold tap for two minutes when supply returns. We apologise for the inconvenience.`,

  // NL / IT / PL return text
  `NL: Gratis retourneren binnen 30 dagen. Terugbetaling binnen 5 werkdagen na ontvangst.
IT: Reso gratuito entro 30 giorni. Rimborso entro 5 giorni lavorativi dal ricevimento.
PL: Darmowy zwrot w ciągu 30 dni. Zwrot pieniędzy w ciągu 5 dni roboczych od otrzymania.
Art. nr / Cod. art. / Nr art.: JD-PL-30 - Jadeplant / Pianta di giada / Grubosz jajowaty, 18,00 €`,

  // ZH / KO FAQ
  `常见问题：订单发货后，我们会通过短信发送快递单号。退货需在签收后7天内申请，商品需保持完好。运费：满199元包邮。
자주 묻는 질문: 주문 후 1~2일 이내에 발송됩니다. 반품은 수령 후 7일 이내에 신청해 주세요. 무료 배송은 5만 원 이상 구매 시 적용됩니다.`,

  // AR / HI FAQ
  `الأسئلة الشائعة: يمكنك إرجاع المنتجات خلال 14 يوماً من تاريخ الاستلام. يتم استرداد المبلغ خلال 5 أيام عمل إلى وسيلة الدفع الأصلية.
अक्सर पूछे जाने वाले प्रश्न: आप डिलीवरी के 7 दिनों के भीतर उत्पाद वापस कर सकते हैं। रिफंड 5-7 कार्य दिवसों में आपके मूल भुगतान माध्यम में आ जाएगा।`,

  // supplier invoice between companies
  `INVOICE INV-2025-0412
From: Brightline Roofing Ltd (VAT GB 294 1180 37)
To: Meridian Insurance plc - Claims Supplier Account SUP-00871
Date: 2025-04-12   Due: 2025-05-12
Claim ref: HO-2025-331907
  Roof repair, 6 squares, architectural shingle ....... £4,120.00
  Gutter refit (12 m) .................................. £380.00
  Scaffold hire, 5 days ................................ £650.00
Subtotal £5,150.00   VAT 20% £1,030.00   Total £6,180.00
Payment terms: 30 days. Please quote the invoice number on remittance.`,

  // meeting notes with teams and products only
  `Weekly CX sync - notes
Attendees: Billing, Returns, Bot team, QA
- Project Dawn (new returns portal) slipped to sprint 19; the blocker is the label API.
- Nova containment rate 61% (target 65%). Top failing intent: "change payment date".
- Pixel: roll out Spanish intents to 100% next Monday.
- Summer staffing: request 12 seasonal agents for the July peak.
- Action: Returns to draft the "will-call" pickup FAQ.
Next sync: Thursday 10:00.`,

  // lower-case order chat with no personal data
  `hey wheres my order?? its #A-55812, was supposed to come tuesday
Ollie: Hi! Order A-55812 is with the carrier and is now due tomorrow (Friday) by 6pm. Tracking: 9400 1118 9922 3847 1029 33.
ok cool. can i add a gift note or is it too late
Ollie: It's already packed, so I can't add a note, sorry! You can print a gift message from your account page though.
nah its fine. thx`,

  // IVR prompt script
  `IVR prompt script v5 (English)
"Thank you for calling Lumen Mobile and Home. Calls may be recorded for training and quality. For billing, press or say 1. For technical support, press or say 2. To report an outage, press or say 3. To hear these options again, press star. Did you know you can chat with Pixel, our virtual assistant, in the Lumen app? The average wait time is currently 4 minutes."`,

  // flight timetable
  `Flight  Dep    Arr    Aircraft  Days      Fare from
SH 101  06:40  08:55  A320neo   Mon-Fri   €59
SH 105  12:15  14:30  A320neo   Daily     €74
SH 109  19:50  22:05  A321LR    Daily     €89
SH 117  23:10  06:35  B787-9    Tue, Sat  €329
Fares are one-way incl. taxes, cabin bag only. Booking references have 6 characters (e.g. K7QZ2P). Schedule valid 30 Mar - 25 Oct 2025.`,

  // claim line detail with procedure and diagnosis codes
  `Claim 2025-CL-0091274 - line detail
Line 1: CPT 99214 (office visit, est. patient), DOS 03/12/2025, billed $185.00, allowed $122.40, paid $97.92
Line 2: CPT 80053 (comprehensive metabolic panel), billed $64.00, allowed $14.39, paid $14.39
Line 3: CPT 85025 (CBC w/ diff), billed $38.00, allowed $10.65, paid $10.65
Dx: E11.9, I10
Adjustment reason: CO-45 (charge exceeds fee schedule). Patient responsibility: $24.48 (coinsurance).`,

  // bot config with masked / indirect secrets
  `# support-bot config (values injected at deploy time)
bot:
  persona: "Aria"
  locale: en-US
  handoff_after_failed_intents: 2
database:
  host: db.internal.svc
  user: support_bot
  password: "********"
llm:
  model: "gpt-4o-mini"
  api_key: "<set via vault: kv/support-bot/llm>"
  temperature: 0.2`,
];

export function heldout13(): LabeledDoc[] {
  return [
    ...POSITIVES.map((src, i) => parseMarkup(`h13-p${i + 1}`, 'heldout13', src)),
    ...NEGATIVES.map((src, i) => parseMarkup(`h13-n${i + 1}`, 'heldout13-negative', src, true)),
  ];
}
