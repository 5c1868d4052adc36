/**
 * Held-out set 18: hand-labeled texts plus hard negatives, written blind (without looking at the detector, at the
 * scorer or at the other evaluation sets; only markup.ts and the first and last lines of heldout16.ts were read, to
 * copy the file's shape). No detector, eval or test was run on these texts before this set's first scoring. Its
 * emphasis is on what people ask an LLM assistant to do with text that holds personal data: (1) summarize /
 * rewrite / translate / classify / extract-as-JSON / draft-a-reply requests with the pasted material below them
 * (complaint e-mails, letters, chat logs, voicemail transcripts, WhatsApp messages); (2) recruiting and HR — CVs and
 * résumés (US and European, with date and place of birth), cover letters, reference letters, interview notes,
 * onboarding forms, payroll queries, leave requests; (3) sales and CRM — call summaries, lead lists in CSV and
 * Markdown tables, meeting notes with attendees, follow-up e-mails with signatures; (4) finance and legal —
 * debt-collection letters, dispute letters, invoices to private persons, bank-transfer details, card disputes,
 * tenancy agreements, powers of attorney, court claims, visa forms; (5) developer material — SQL INSERT / UPDATE
 * statements with user rows, application logs with user e-mails and client IPs, tracebacks with request payloads,
 * curl commands with bearer tokens and API keys, YAML / JSON fixtures, .env files, Python and JS test data.
 * Languages: English (US, UK, AU, NG, IN) plus about 40% other languages — Spanish (ES, MX, AR, CO), Portuguese (BR,
 * PT), French (FR, CA, BE), German (DE, AT, CH), Italian, Dutch, Polish, Turkish, Arabic (AE, SA), Hindi, Japanese,
 * Chinese, Korean, Vietnamese, Thai, Indonesian, Russian and Ukrainian, with their national phone, address,
 * postcode and ID formats. Many given names are also ordinary words (Will, May, Grace, Hope, Joy, Bill, Mark, Rose,
 * Sunny, June, Summer, Chase, Hunter, Faith, Destiny, Precious, Blessing) and the same words appear nearby as
 * ordinary words (and June as a month), unlabeled. The hard negatives are texts of the same genres with no personal
 * data: job descriptions, HR policy text, CV templates with placeholders, anonymized case studies ("Customer A",
 * "the tenant"), SQL schemas and migrations without rows, service logs without user data, API docs with
 * example.com placeholders, invoices between companies, marketing copy full of word-names, product names that
 * contain person-like words, identifiers that are not cards or phones (SKUs, ISBNs, order, tracking and invoice
 * numbers, version strings) and dates that are not birth dates; they contain no IP addresses, no street addresses
 * (not even companies'), no place names and no e-mails of persons.
 * Conventions (as in the earlier sets): titles and honorifics (Mr., Mrs, Ms, Dr., Dra., Dott., Herr, Frau, Mag.,
 * Sra., Sig.ra, sig., M., Mme, Pan, Pani, Bey, Hanım, أستاذ, السيدة, さん, 様, 先生, 씨, 님, जी, chị, anh) and "'s" are
 * outside PERSON spans; a full name is one PERSON span ("Reyes, Angelica" in a CSV cell too), a first name or surname alone is a PERSON span, and given
 * name and surname in separate fields or columns are two spans; a kana reading of a name is its own PERSON span;
 * phone extensions are outside PHONE; a street address span runs from the house number / flat (or the street name
 * where it comes first, or the postcode / city where the national format starts with it, e.g. RU, or JA after the
 * 〒 mark) to the postcode and city (and state / province / region written right after it); street addresses in
 * signatures and letterheads are labeled too; a street line given alone in a split JSON / YAML / SQL / form address
 * is a STREET_ADDRESS and the separate city field a LOCATION (postcode, state-code and country-code fields
 * unlabeled); city / region / country / neighbourhood names outside an address span are LOCATION (also birthplaces
 * and places of origin); nationality adjectives, country codes, airport codes and time-zone names are not labeled;
 * a URL carrying personal values (e-mail, phone, name, profile slug) is one URL span with nothing labeled inside it,
 * and a URL with a password in it (postgres://user:pass@host) is one URL span; plain public URLs are not labeled;
 * for `password: value` only the value is SECRET; a full private-key block is one SECRET span and a JWT is one
 * SECRET span; provider API keys, session secrets and bearer tokens are SECRET; IBANs are labeled whoever holds the
 * account; DATE_OF_BIRTH only where the context says it is a birth date, other dates are not labeled; partial
 * numbers ("card ending 3318", card_last4) are not labeled; organizations (also when named after people), role
 * mailboxes (support@, hr@, billing@, no-reply@), the assistant's persona name, order / tracking / policy / case /
 * claim / employee numbers, usernames and handles, vehicle models, BICs and CVCs are not labeled; national ID
 * numbers that have no type in the label set (DNI, CPF, CURP, codice fiscale, C.C., AHV, passport numbers) are left
 * unlabeled.
 */
import { type LabeledDoc, parseMarkup } from './markup.js';

const POSITIVES: string[] = [
  // summarize a complaint e-mail (EN, UK); Will as a name and as a word
  `Summarize this complaint in three bullet points for the team lead:

"""
From: [[PERSON:Grace Whitmore]] <[[EMAIL:grace.whitmore71@btinternet.com]]>
Subject: Still no refund!!

Hello, I have now called you four times. On 2 October I returned the sofa (order 88-41977) and your driver, a man called [[PERSON:Will]], signed for it. I was promised the refund within 10 days. It has been a month. I will not give up and I will go to the ombudsman if I have to. You can reach me on [[PHONE:07700 914382]] after 5pm or write to me at [[STREET_ADDRESS:14 Larkspur Close, Didcot OX11 7GH]].

[[PERSON:Grace Whitmore]]
"""`,
  // translate a tenancy letter into French (request in EN)
  `Translate this letter into French, keep the formal tone:

Dear Mr [[PERSON:Okonkwo]],
Thank you for your application for the tenancy of Flat 3. We are pleased to confirm that your reference from Mrs [[PERSON:Hope Adeyemi]] has been received. Please transfer the deposit of £1,450 to the account below and send proof of payment to [[EMAIL:lettings.nwalker@gmail.com]].
Account holder: [[PERSON:Nathan Walker]]
IBAN: [[IBAN:GB71NWBK12740039459500]]
Kind regards,
[[PERSON:Nathan Walker]]`,
  // extract fields as JSON from a voicemail transcript (EN, US); extension outside PHONE
  `Extract the caller's name, callback number and reason as JSON from this voicemail transcript:

[00:00] Hi, yes, this is [[PERSON:Bill Carraway]] calling about the boiler service. [00:04] The engineer was supposed to come Tuesday and nobody showed. [00:09] My office is [[PHONE:(614) 808-2291]] ext. 22 but that's no good, so use the cell, [[PHONE:614-329-7741]]. [00:17] The house is [[STREET_ADDRESS:2280 Brookhaven Drive, Columbus, OH 43229]]. Thanks, bye.`,
  // draft a reply (ES, Spain); card dispute
  `Redacta una respuesta amable a este correo, en español:

---
Hola, me llamo [[PERSON:Lucía Ferrández Ortega]] y les escribo porque me han cobrado dos veces la cuota de octubre en la tarjeta [[CREDIT_CARD:4094 2116 8400 2209]]. Vivo en [[STREET_ADDRESS:Calle de Alcalá 148, 3º B, 28009 Madrid]] y mi móvil es el [[PHONE:+34 612 48 93 07]]. Por favor, devuélvanme el importe duplicado a mi cuenta [[IBAN:ES95 5003 9367 1428 8051 3297]].
Un saludo,
[[PERSON:Lucía]]
---`,
  // classify a chat log (EN); Joy and May as names and words
  `Classify this chat as BILLING, TECHNICAL or ACCOUNT and give a one-line reason.

[09:14] customer: hi my name is [[PERSON:Joy Mbeki]], I can't log in since the update, such joy
[09:15] agent: Sorry to hear that! Can you confirm the email on the account?
[09:15] customer: [[EMAIL:joy.mbeki@outlook.com]]
[09:16] customer: or it may be under my sister [[PERSON:May]]'s address, [[EMAIL:maymbeki88@yahoo.co.za]]
[09:17] agent: Found it under [[PERSON:May Mbeki]]. I'll send a reset link.`,
  // CV (EN, US)
  `Can you tighten this résumé and make the bullets more results-oriented?

[[PERSON:HUNTER ELLISON]]
[[STREET_ADDRESS:418 Maple Ridge Ct, Apt 2B, Raleigh, NC 27607]] · [[PHONE:(919) 402-5518]] · [[EMAIL:hunter.ellison.dev@gmail.com]]
[[URL:linkedin.com/in/hunter-ellison-4b21a9]] · [[URL:github.com/hellison]]

EXPERIENCE
Senior Data Engineer, Quillfeather Analytics — 2021–present
- Built ingestion pipelines for 40+ sources
- Was in charge of hunting down flaky jobs in Airflow
Data Engineer, Brightline Freight — 2018–2021
- Migrated warehouse from Redshift to Snowflake

EDUCATION
B.S. Computer Science, NC State University, 2018`,
  // European CV (DE) with date and place of birth
  `Bitte übersetze diesen Lebenslauf ins Englische:

LEBENSLAUF
Name: [[PERSON:Johanna Katharina Brückner]]
Anschrift: [[STREET_ADDRESS:Schillerstraße 27, 04109 Leipzig]]
Telefon: [[PHONE:+49 176 3382 9014]]
E-Mail: [[EMAIL:j.brueckner@posteo.de]]
Geburtsdatum: [[DATE_OF_BIRTH:14.03.1994]]
Geburtsort: [[LOCATION:Zwickau]]
Staatsangehörigkeit: deutsch
Familienstand: ledig

BERUFSERFAHRUNG
04/2020 – heute   Projektleiterin, Elbtal Bau GmbH, [[LOCATION:Dresden]]
09/2017 – 03/2020 Bauingenieurin, Krämer & Voss AG, [[LOCATION:Chemnitz]]`,
  // European CV (FR)
  `Peux-tu reformuler la rubrique « Expériences » de ce CV ?

[[PERSON:Camille Dufresne-Moreau]]
[[STREET_ADDRESS:12 rue des Tanneurs, 67000 Strasbourg]]
[[PHONE:06 48 21 93 57]] — [[EMAIL:camille.dufresnemoreau@free.fr]]
Née le [[DATE_OF_BIRTH:22 juillet 1991]] à [[LOCATION:Mulhouse]]
Permis B

EXPÉRIENCES
2019 – aujourd'hui : Chargée de communication, Maison Lefort ([[LOCATION:Colmar]])
2015 – 2019 : Assistante marketing, Rhin Digital`,
  // reference letter (EN); Faith as a name and as a word
  `Please proofread this reference letter:

To whom it may concern,

I have had the pleasure of supervising [[PERSON:Faith Nakamura-Ortiz]] for three years at Harborview Dental Group. I have complete faith in her judgment with patients and staff alike. Ms [[PERSON:Nakamura-Ortiz]] ran our front desk and trained four new receptionists.

Please feel free to contact me directly at [[PHONE:206-744-1093]] or [[EMAIL:dr.pmahoney@harborviewdental.com]].

Dr. [[PERSON:Patrick Mahoney]], DDS`,
  // interview notes (EN), several candidates
  `Turn these interview notes into a short comparison table (strengths / concerns / recommendation):

Panel: [[PERSON:Priya Raman]] (hiring manager), [[PERSON:Tomasz Wójcik]], [[PERSON:Chase Holloway]]
Candidate 1 — [[PERSON:Destiny Okafor]]: strong SQL, a bit nervous, wants to relocate from [[LOCATION:Houston]]. [[PERSON:Chase]] thought she was the best fit.
Candidate 2 — [[PERSON:Mark Lindqvist]]: great portfolio, left a mark on the team; asked twice about remote work.
Candidate 3 — [[PERSON:Ana Beatriz Soares]]: currently in [[LOCATION:Lisbon]], needs visa sponsorship.`,
  // onboarding form (EN, US) with SSN and DOB
  `Check this new-hire onboarding form for missing fields and list them:

NEW HIRE INFORMATION
Legal name: [[PERSON:Marisol Quintanilla]]
Preferred name: [[PERSON:Mari]]
Date of birth: [[DATE_OF_BIRTH:08/19/1989]]
SSN: [[US_SSN:529-14-8826]]
Home address: [[STREET_ADDRESS:7712 Sandpiper Lane, El Paso, TX 79912]]
Personal email: [[EMAIL:mquintanilla89@icloud.com]]
Mobile: [[PHONE:915-262-4470]]
Emergency contact: [[PERSON:Rogelio Quintanilla]] (father) [[PHONE:915-833-0916]]
Start date: 12/01/2025
Department: Accounts Payable
Direct deposit: (to be provided)`,
  // payroll query (EN) to HR
  `Rewrite this payroll query so it sounds less angry:

hi HR, this is [[PERSON:Sunny Park]] from the [[LOCATION:Glendale]] warehouse (employee #40418). my paycheck on friday was short 12 hours AGAIN. it's not sunny in my bank account right now lol. my SSN on file ends in 4471 but the stub shows the old address [[STREET_ADDRESS:901 W Colorado St Apt 14, Glendale, CA 91204]] — i moved to [[STREET_ADDRESS:3350 Foothill Blvd #7, La Crescenta, CA 91214]] in august. pls fix both. my cell is [[PHONE:818-491-2035]]`,
  // leave request (NL)
  `Kun je dit verlofverzoek formeler maken?

Hoi [[PERSON:Marieke]],
Ik wil graag ouderschapsverlof aanvragen van 3 februari t/m 28 maart. Mijn dochter [[PERSON:Roos]] wordt op 14 januari geboren (uitgerekende datum). Tijdens mijn verlof neemt [[PERSON:Daan Verhoeven]] mijn klanten over. Ik ben bereikbaar op [[PHONE:06-41872263]] voor dringende zaken.
Groetjes,
[[PERSON:Sanne de Graaf]]`,
  // CRM call summary (EN), word-names as words
  `Summarize this call note for the CRM "Next steps" field:

Call with [[PERSON:Rose Delacroix]] (VP Ops, Bellwether Logistics) — 35 min. She wants the Enterprise tier but procurement will push back on price. Mentioned her colleague [[PERSON:Hunter Blaine]] is the technical evaluator; his direct line is [[PHONE:+1 312 555 0148]] and email [[EMAIL:hunter.blaine@bellwetherlogistics.com]]. [[PERSON:Rose]]'s mobile [[PHONE:(312) 709-6624]]. Follow up with the security questionnaire before the 14th. Prices rose 4% this year so expect pushback.`,
  // lead list CSV (EN, US)
  `Dedupe this lead list and normalise the phone numbers to E.164:

name,email,phone,company,city
"[[PERSON:Reyes, Angelica]]",[[EMAIL:angelica.reyes@cedarpointhvac.com]],[[PHONE:(480) 771-3025]],Cedar Point HVAC,[[LOCATION:Phoenix]]
"[[PERSON:Reyes, Angelica]]",[[EMAIL:a.reyes@cedarpointhvac.com]],[[PHONE:480.771.3025]],Cedar Point HVAC,[[LOCATION:Phoenix]]
"[[PERSON:Tran, Minh]]",[[EMAIL:minh.tran@lotusnails.biz]],[[PHONE:+1 714 902 4418]],Lotus Nails & Spa,[[LOCATION:Garden Grove]]
"[[PERSON:O'Neill, Grace]]",[[EMAIL:gracie.oneill@gmail.com]],[[PHONE:617-448-2091]],,[[LOCATION:Somerville]]`,
  // lead list Markdown table (EN/DE), first and last name columns
  `Sort this table by "Last contact" and add a column with the country:

| First name | Last name | Email | Phone | Last contact |
|---|---|---|---|---|
| [[PERSON:Jürgen]] | [[PERSON:Hofbauer]] | [[EMAIL:j.hofbauer@hofbauer-metall.at]] | [[PHONE:+43 664 218 3390]] | 2025-10-02 |
| [[PERSON:Summer]] | [[PERSON:Castellano]] | [[EMAIL:summer.castellano@gmail.com]] | [[PHONE:+1 305 882 1946]] | 2025-09-18 |
| [[PERSON:Lars]] | [[PERSON:Østergaard]] | [[EMAIL:lars@oestergaard.dk]] | [[PHONE:+45 21 44 87 90]] | 2025-10-11 |
| [[PERSON:Ayşe]] | [[PERSON:Demirtaş]] | [[EMAIL:ayse.demirtas@hotmail.com]] | [[PHONE:+90 532 417 26 83]] | 2025-08-30 |`,
  // meeting notes with attendees (EN)
  `Write action items with owners from these meeting notes:

Weekly pipeline review — Thu
Attendees: [[PERSON:Kofi Asante]], [[PERSON:June Albright]], [[PERSON:Rahul Deshpande]], [[PERSON:Precious Dlamini]]
- [[PERSON:Kofi]]: Meridian Foods renewal slipping to June; their CFO wants a 3-year term.
- [[PERSON:June]] to send the revised quote to [[PERSON:Olga Petrenko]] at Nordhaven ([[EMAIL:o.petrenko@nordhaven.no]]).
- [[PERSON:Rahul]]: demo for Cobalt Dental moved; contact is Dr. [[PERSON:Ines Carvalho]], [[PHONE:+351 912 340 587]].
- [[PERSON:Precious]]: chase the signed MSA.`,
  // follow-up e-mail with signature (EN, AU)
  `Make this follow-up email shorter, same content:

Hi [[PERSON:Blessing]],

Great to chat yesterday — what a blessing that the rain held off for the site visit! As promised, I've attached the fit-out proposal for the [[LOCATION:Parramatta]] office. Happy to walk your facilities lead, [[PERSON:Callum Fitzgerald]], through the floor plans whenever suits.

Cheers,
[[PERSON:Tegan Marsh]]
Senior Account Executive | Ironbark Interiors
M [[PHONE:0412 771 038]] | D [[PHONE:(02) 8073 5521]]
[[EMAIL:tegan.marsh@ironbarkinteriors.com.au]]
[[STREET_ADDRESS:Level 4, 60 Martin Place, Sydney NSW 2000]]`,
  // debt-collection letter (DE)
  `Fasse dieses Mahnschreiben in zwei Sätzen zusammen:

Inkasso Südwest GmbH · Forderungsmanagement

Herrn
[[PERSON:Mehmet Yıldırım]]
[[STREET_ADDRESS:Neckarstraße 112, 70190 Stuttgart]]

Forderung Az. IS-2025-118734
Sehr geehrter Herr [[PERSON:Yıldırım]],
trotz Zahlungserinnerung ist der Betrag von 482,17 EUR aus der Rechnung Nr. 7734019 vom 03.07.2025 weiterhin offen. Bitte überweisen Sie den Gesamtbetrag bis zum 10.12.2025 auf unser Konto [[IBAN:DE78 7355 8381 6415 5643 63]].
Mit freundlichen Grüßen
Inkasso Südwest GmbH`,
  // dispute letter (EN, US) with card number
  `Fix the grammar in this card dispute letter:

[[PERSON:Denise Hargrove]]
[[STREET_ADDRESS:55 Orchard Hill Rd, Danbury, CT 06811]]
[[PHONE:203-517-8864]]

Re: Dispute of charge — card number [[CREDIT_CARD:5245 3331 4789 3282]]

To the Disputes Department,
I am writing to dispute a charge of $639.00 from "TRVL*SKYDEALS" posted on 10/17. I never made this purchase and I was home in [[LOCATION:Danbury]] on that day. I have already cancel the card with customer service.
Sincerely,
[[PERSON:Denise Hargrove]]`,
  // invoice to a private person (IT)
  `Estrai i dati della fattura in JSON (cliente, indirizzo, importo, IBAN):

FATTURA N. 2025/0412 del 18/11/2025
Studio Tecnico Ferraresi — P.IVA 03917480364
Cliente: Sig.ra [[PERSON:Giulia Bellandi]]
[[STREET_ADDRESS:Via Emilia Est 214, 41121 Modena MO]]
Codice fiscale: BLLGLI85M52F257X
Descrizione: pratica CILA e sopralluogo — € 1.220,00 + IVA 22%
Pagamento a 30 gg tramite bonifico su IBAN [[IBAN:IT31 X933 0448 8099 8129 7367 226]]
Per info: [[PHONE:059 218 4471]]`,
  // bank-transfer details (PL)
  `Przetłumacz na angielski:

Dzień dobry Pani [[PERSON:Agnieszko]],
w załączeniu przesyłam dane do przelewu za wynajem mieszkania przy [[STREET_ADDRESS:ul. Słowackiego 18/4, 30-018 Kraków]]:
Odbiorca: [[PERSON:Krzysztof Zieliński]]
Nr konta: [[IBAN:PL90 3267 5668 6182 1914 8666 8107]]
Tytułem: czynsz grudzień 2025
W razie pytań proszę dzwonić: [[PHONE:+48 601 723 418]].
Pozdrawiam,
[[PERSON:Krzysztof Zieliński]]`,
  // card dispute chat (PT-BR)
  `Resuma esta conversa com o cliente em uma frase:

Cliente: Oi, sou a [[PERSON:Thaís Nogueira]], meu cartão [[CREDIT_CARD:5480 4072 3862 5516]] foi cobrado duas vezes na Netshoes.
Atendente: Olá [[PERSON:Thaís]]! Pode confirmar seu CPF e telefone?
Cliente: CPF 318.442.906-71, celular [[PHONE:(11) 98472-3315]]
Cliente: moro na [[STREET_ADDRESS:Rua Harmonia, 455, apto 62 - Vila Madalena, São Paulo - SP, 05435-000]]
Atendente: Obrigado, abri a contestação 0088412.`,
  // tenancy agreement excerpt (FR)
  `Résume les obligations du locataire dans ce bail :

CONTRAT DE LOCATION — LOCAUX VIDES À USAGE D'HABITATION
Entre les soussignés :
Le bailleur : M. [[PERSON:Bernard Lacombe]], demeurant [[STREET_ADDRESS:8 avenue Jean-Jaurès, 69007 Lyon]], tél. [[PHONE:04 78 62 19 40]]
Et le locataire : Mme [[PERSON:Yasmina Benali]], née le [[DATE_OF_BIRTH:3 mai 1996]] à [[LOCATION:Oran]] ([[LOCATION:Algérie]]), courriel [[EMAIL:yasmina.benali@laposte.net]]
Objet : logement situé [[STREET_ADDRESS:41 rue Chevreul, 2e étage gauche, 69007 Lyon]]
Loyer mensuel : 780 € charges comprises, payable le 5 de chaque mois.
Dépôt de garantie : 720 €.
Le locataire s'engage à user paisiblement des locaux et à souscrire une assurance habitation.`,
  // power of attorney (ES, Mexico)
  `Revisa la redacción de esta carta poder:

CARTA PODER
[[LOCATION:Guadalajara]], [[LOCATION:Jalisco]], a 20 de noviembre de 2025

Yo, [[PERSON:María Guadalupe Reyes Arellano]], con domicilio en [[STREET_ADDRESS:Av. Chapultepec Sur 327, Col. Americana, 44160 Guadalajara, Jal.]], otorgo poder amplio y suficiente a [[PERSON:José Antonio Villaseñor Ruiz]] para que en mi nombre y representación realice los trámites de cambio de titular del servicio de agua ante el SIAPA.
CURP del otorgante: REAG790612MJCYRD04
Teléfono: [[PHONE:33 3615 2284]]

Otorgante: [[PERSON:María Guadalupe Reyes Arellano]]
Apoderado: [[PERSON:José Antonio Villaseñor Ruiz]]
Testigos: [[PERSON:Rocío Medina]] y [[PERSON:Esperanza Lugo]]`,
  // county court claim letter (EN, UK)
  `Explain in plain English what this letter is asking me to do:

IN THE COUNTY COURT BUSINESS CENTRE
Claim No. K3QZ71F2
Claimant: Harcourt Finance Ltd
Defendant: Mr [[PERSON:Dylan Rhys Pritchard]], [[STREET_ADDRESS:29 Heol y Nant, Whitchurch, Cardiff CF14 1JZ]]
Date of birth (for identification): [[DATE_OF_BIRTH:11/02/1987]]
The Claimant claims £2,184.56 being monies due under a fixed-sum credit agreement. If you do not respond within 14 days of service, judgment may be entered against you.`,
  // visa application form (EN, Indian applicant)
  `Check this visa form for inconsistencies:

SCHENGEN VISA APPLICATION — Section 1
1. Surname: [[PERSON:Venkataraman]]
3. First name(s): [[PERSON:Lakshmi Priya]]
4. Date of birth: [[DATE_OF_BIRTH:1990-06-27]]
5. Place of birth: [[LOCATION:Coimbatore]]
6. Country of birth: [[LOCATION:India]]
7. Current nationality: Indian
13. Passport number: T4418827
17. Home address: [[STREET_ADDRESS:Flat 5C, Prestige Lakeside Habitat, Varthur Road, Bengaluru, Karnataka 560087]]
    Email: [[EMAIL:lakshmipriya.v@rediffmail.com]]   Phone: [[PHONE:+91 98450 62318]]
19. Current occupation: Software Architect
21. Main purpose of journey: Tourism
Note: applicant says born in [[LOCATION:Coimbatore]] but the passport copy says [[LOCATION:Chennai]].`,
  // SQL INSERT with user rows (EN)
  `Why does this insert fail with "duplicate key value violates unique constraint users_email_key"?

INSERT INTO users (id, first_name, last_name, email, phone, birth_date, created_at) VALUES
  (1041, '[[PERSON:Chioma]]', '[[PERSON:Eze]]', '[[EMAIL:chioma.eze@gmail.com]]', '[[PHONE:+234 803 412 7765]]', '[[DATE_OF_BIRTH:1993-09-14]]', now()),
  (1042, '[[PERSON:Mateo]]', '[[PERSON:Gutiérrez]]', '[[EMAIL:mateo.gtz@hotmail.com]]', '[[PHONE:+54 9 11 4327-8810]]', '[[DATE_OF_BIRTH:1988-01-30]]', now()),
  (1043, '[[PERSON:Chioma]]', '[[PERSON:Eze]]', '[[EMAIL:chioma.eze@gmail.com]]', NULL, NULL, now());`,
  // SQL UPDATE (EN)
  `Is this UPDATE safe to run in prod? It should only touch one customer.

UPDATE customers
SET address_line1 = '[[STREET_ADDRESS:1187 Willow Creek Rd]]',
    city = '[[LOCATION:Boise]]',
    postal_code = '83706',
    phone = '[[PHONE:208-631-0193]]'
WHERE email = '[[EMAIL:hope.castillo@protonmail.com]]';`,
  // application log with user e-mails and client IPs
  `Find the root cause in this log excerpt:

2025-11-24T08:41:02.118Z INFO  auth  login_attempt user=[[EMAIL:svetlana.orlova@yandex.ru]] ip=[[IP_ADDRESS:95.214.33.170]] ua="Mozilla/5.0 (Windows NT 10.0)"
2025-11-24T08:41:02.391Z WARN  auth  mfa_timeout user=[[EMAIL:svetlana.orlova@yandex.ru]] ip=[[IP_ADDRESS:95.214.33.170]]
2025-11-24T08:41:07.004Z INFO  auth  login_attempt user=[[EMAIL:d.kaminski@onet.pl]] ip=[[IP_ADDRESS:2a02:8108:1c3f:4e00:9d2c:71ab:3f04:12e6]]
2025-11-24T08:41:07.220Z ERROR auth  mfa_provider_unreachable provider=sms-gw timeout_ms=5000
2025-11-24T08:41:09.877Z WARN  auth  mfa_timeout user=[[EMAIL:d.kaminski@onet.pl]] ip=[[IP_ADDRESS:2a02:8108:1c3f:4e00:9d2c:71ab:3f04:12e6]]`,
  // stack trace with request payload (Python)
  `Help me fix this traceback:

Traceback (most recent call last):
  File "/app/api/views.py", line 88, in create_booking
    booking = Booking.objects.create(**payload)
  File "/usr/local/lib/python3.11/site-packages/django/db/models/manager.py", line 87, in manager_method
    return getattr(self.get_queryset(), name)(*args, **kwargs)
TypeError: Booking() got unexpected keyword arguments: 'guest_phone'
Request payload: {"guest_name": "[[PERSON:Nguyễn Thị Thu Hà]]", "guest_email": "[[EMAIL:thuha.nguyen92@gmail.com]]", "guest_phone": "[[PHONE:+84 903 418 275]]", "checkin": "2025-12-20", "nights": 3, "card_last4": "5516"}
Client: [[IP_ADDRESS:113.161.72.45]]`,
  // curl with bearer token and API key
  `This curl returns 401, what am I doing wrong?

curl -X POST https://api.stripe.com/v1/customers \\
  -u [[SECRET:sk_live_38AibNyyurlGFb0EkjKWREhb]]: \\
  -d email="[[EMAIL:lina.haddad@gmail.com]]" \\
  -d name="[[PERSON:Lina Haddad]]" \\
  -d phone="[[PHONE:+961 3 482 917]]"

and the internal one:
curl -H "Authorization: Bearer [[SECRET:eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1XzQ4MjEzIiwiZW1haWwiOiJzYW5kcmEua293YWxjenlrQHdwLnBsIiwiaWF0IjoxNzY0MDY5MDAwfQ.GRi4C93rW1oN5ZLf1q-2uuCrWEf0rRGbqe9n8Tvc34E]]" https://internal.tallyhq.io/v2/me`,
  // YAML fixture (EN/DE)
  `Convert this YAML fixture to JSON:

users:
  - id: 7
    name: [[PERSON:Sandra Kowalczyk]]
    email: [[EMAIL:sandra.kowalczyk@wp.pl]]
    address:
      street: [[STREET_ADDRESS:ul. Piotrkowska 87 m. 12]]
      city: [[LOCATION:Łódź]]
      zip: "90-423"
      country: PL
  - id: 8
    name: [[PERSON:Florian Gruber]]
    email: [[EMAIL:florian.gruber@gmx.at]]
    phone: "[[PHONE:+43 699 1928 4470]]"
    address:
      street: [[STREET_ADDRESS:Mariahilfer Straße 54/3/11]]
      city: [[LOCATION:Wien]]
      zip: "1070"
      country: AT`,
  // .env file
  `My app can't connect to the db, here's my .env:

NODE_ENV=production
DATABASE_URL=[[URL:postgres://appuser:Tr0ub4dor-77!@db.internal.quokka.dev:5432/quokka]]
OPENAI_API_KEY=[[SECRET:sk-proj-i8ju6BRoQowFgsH9R1YpX4nVrRtdVlC1fDBUiTue7fiPgpoi]]
SENDGRID_API_KEY=[[SECRET: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]]
ADMIN_EMAIL=[[EMAIL:raj.malhotra@quokka.dev]]
SESSION_SECRET=[[SECRET:0af0dc481ee214e69886dd9078d3fe0a]]
LOG_LEVEL=info`,
  // Python snippet with hard-coded test users
  `Refactor this into a pytest fixture:

def seed():
    users = [
        User(name="[[PERSON:Grace Oyelaran]]", email="[[EMAIL:grace.oyelaran@yahoo.com]]", ssn="[[US_SSN:412-67-3381]]"),
        User(name="[[PERSON:Will Thornbury]]", email="[[EMAIL:wthornbury@comcast.net]]", ssn="[[US_SSN:231-58-4097]]"),
    ]
    for u in users:
        db.session.add(u)  # will fail if the row already exists
    db.session.commit()`,
  // JS test data with card and address
  `Why does this Jest test time out?

const customer = {
  firstName: '[[PERSON:Dawit]]',
  lastName: '[[PERSON:Bekele]]',
  email: '[[EMAIL:dawit.bekele@gmail.com]]',
  card: { number: '[[CREDIT_CARD:4061229612610579]]', exp: '09/28', cvc: '412' },
  billing: { line1: '[[STREET_ADDRESS:3120 Pleasant Valley Rd]]', city: '[[LOCATION:Silver Spring]]', state: 'MD', zip: '20904' },
};
test('charges the customer', async () => {
  await expect(checkout(customer)).resolves.toMatchObject({ status: 'paid' });
});`,
  // JSON extraction request: several people in an e-mail thread (EN)
  `Extract every person mentioned as JSON {name, role, contact}:

From: [[PERSON:Esther Abiodun]] <[[EMAIL:esther@abiodunlaw.ng]]>
To: [[PERSON:Gbenga Fashola]] <[[EMAIL:gbenga.fashola@gmail.com]]>
Cc: [[PERSON:Chidinma Obi]] <[[EMAIL:c.obi@abiodunlaw.ng]]>

Dear [[PERSON:Gbenga]],
As discussed, the hearing on your land matter is adjourned. Your cousin [[PERSON:Tunde]] called our office on [[PHONE:0803 771 2904]] asking for an update; we did not share details. Please confirm he may be copied going forward.
Regards,
[[PERSON:Esther Abiodun]]
Principal Partner
[[STREET_ADDRESS:14 Adeola Odeku Street, Victoria Island, Lagos]]`,
  // ES (Argentina): summarize a WhatsApp complaint
  `Resumí este mensaje de un cliente para el equipo de cobranzas:

"Buenas, soy [[PERSON:Facundo Ibarra]], el DNI es 32.118.904. Me llegó una carta diciendo que debo $184.000 de una tarjeta que di de baja en 2022. Vivo en [[STREET_ADDRESS:Av. Corrientes 4312, piso 7 depto C, C1195AAS CABA]]. Mi celu es [[PHONE:+54 9 11 5823-4471]]. Por favor no me llamen más al laburo."`,
  // ES (Colombia): CV
  `Mejora el perfil profesional de esta hoja de vida:

HOJA DE VIDA
[[PERSON:Valentina Ospina Restrepo]]
C.C. 1.037.612.448 de [[LOCATION:Medellín]]
Fecha de nacimiento: [[DATE_OF_BIRTH:9 de febrero de 1997]]
Dirección: [[STREET_ADDRESS:Carrera 43A # 18 Sur - 135, Apto 1204, Medellín, Antioquia]]
Celular: [[PHONE:+57 314 782 9056]]
Correo: [[EMAIL:vale.ospina.r@gmail.com]]
PERFIL: Contadora pública con 5 años de experiencia en auditoría y NIIF.`,
  // PT (Portugal): leave request
  `Traduz para inglês este pedido de férias:

Exma. Sra. Dra. [[PERSON:Helena Magalhães]],
Venho por este meio solicitar o gozo de 10 dias úteis de férias entre 22 de dezembro e 5 de janeiro. Durante a minha ausência, o colega [[PERSON:Rui Pereira]] ([[PHONE:912 447 305]]) ficará responsável pelos processos em curso.
Com os melhores cumprimentos,
[[PERSON:Inês Tavares Moura]]
N.º de colaborador 2291`,
  // FR (Canada): reply to a landlord
  `Rédige une réponse polie à ce courriel de mon propriétaire :

Bonjour [[PERSON:Étienne]],
Je vous rappelle que le renouvellement du bail pour le [[STREET_ADDRESS:4521, rue Saint-Denis, app. 3, Montréal (Québec) H2J 2L4]] doit être signé avant le 31 décembre. La hausse proposée est de 4,5 %. Vous pouvez me joindre au [[PHONE:514 872-3390]].
[[PERSON:Gisèle Tremblay]]`,
  // FR (Belgium): payroll question
  `Peux-tu classer ce message (PAIE, CONGÉ, AUTRE) ?

Bonjour le service RH, c'est [[PERSON:Maxime Vandenberghe]] (matricule 55102). Sur ma fiche de paie de novembre, l'adresse est encore l'ancienne. La nouvelle est [[STREET_ADDRESS:Rue de la Loi 88 bte 4, 1040 Etterbeek]]. Mon compte pour le salaire reste [[IBAN:BE27 3923 8190 8362]]. Merci !`,
  // DE (Austria): application cover letter
  `Kürze dieses Bewerbungsschreiben auf eine halbe Seite:

[[PERSON:Lukas Pichler]]
[[STREET_ADDRESS:Herrengasse 9/2, 8010 Graz]]
[[PHONE:+43 660 481 2279]] | [[EMAIL:lukas.pichler@aon.at]]

Sehr geehrte Frau Mag. [[PERSON:Steiner]],
mit großem Interesse habe ich Ihre Ausschreibung für die Stelle als Junior Controller gelesen. Nach meinem Studium an der Karl-Franzens-Universität in [[LOCATION:Graz]] sammelte ich erste Erfahrungen bei einer Steuerberatungskanzlei in [[LOCATION:Leoben]].
Mit freundlichen Grüßen
[[PERSON:Lukas Pichler]]`,
  // DE (Switzerland): onboarding form
  `Fülle die fehlenden Felder nicht aus, sondern liste sie nur auf:

PERSONALBLATT
Name, Vorname: [[PERSON:Bühler, Reto]]
Geburtsdatum: [[DATE_OF_BIRTH:02.11.1985]]
Heimatort: [[LOCATION:Appenzell]]
Adresse: [[STREET_ADDRESS:Seefeldstrasse 152, 8008 Zürich]]
Mobile: [[PHONE:079 418 22 63]]
AHV-Nr.: 756.3047.5009.62
IBAN Lohnkonto: [[IBAN:CH54 7497 4467 2560 9072 6]]
Zivilstand: verheiratet
Eintritt: 01.01.2026`,
  // IT: reference letter / chat with HR
  `Riassumi questa lettera di referenze in due righe:

Gentile Dott. [[PERSON:Colombo]],
le scrivo per raccomandare la Sig.ra [[PERSON:Chiara Esposito]], che ha lavorato presso il nostro ristorante di [[LOCATION:Napoli]] come capo sala dal 2019 al 2024. Persona affidabile e precisa. Per ulteriori informazioni può contattarmi al [[PHONE:+39 335 712 4486]] o a [[EMAIL:salvatore.russo.chef@libero.it]].
Cordiali saluti,
[[PERSON:Salvatore Russo]]`,
  // NL: CRM call summary
  `Vat dit gespreksverslag samen in drie punten:

Gesprek met [[PERSON:Bram Janssen]] (inkoper) op dinsdag. Hij wil eerst een proefperiode van twee maanden. Zijn collega [[PERSON:Fleur van Dijk]] beslist over het budget; haar mobiel is [[PHONE:+31 6 2847 1930]]. Factuuradres is [[STREET_ADDRESS:Oudegracht 231, 3511 NK Utrecht]]. Volgende afspraak in [[LOCATION:Amersfoort]] na de kerst.`,
  // TR: complaint to translate
  `Bu şikâyeti İngilizceye çevirir misin?

Merhaba, ben [[PERSON:Emre Kılıç]]. 14 Kasım'da sipariş ettiğim buzdolabı hâlâ gelmedi. Adresim: [[STREET_ADDRESS:Bağdat Caddesi No: 312 Daire 9, Caddebostan, 34728 Kadıköy/İstanbul]]. Telefonum [[PHONE:0532 418 77 36]]. Eşim [[PERSON:Zeynep]] Hanım evde olacak, kargo görevlisi onu arayabilir: [[PHONE:0541 226 90 14]].
İade için IBAN: [[IBAN:TR91 8527 2083 2334 8793 8810 89]]`,
  // TR: HR leave form
  `Bu izin talebini kontrol et, eksik bir şey var mı?

İZİN TALEP FORMU
Ad Soyad: [[PERSON:Hatice Aydın]]
Sicil No: 10374
Doğum Tarihi: [[DATE_OF_BIRTH:17.04.1992]]
İzin türü: Yıllık izin, 5 gün
Yöneticisi: [[PERSON:Serkan]] Bey
İzinde ulaşılacak telefon: [[PHONE:+90 505 331 48 27]]`,
  // AR (UAE): translate a bank-transfer request
  `ترجم هذه الرسالة إلى الإنجليزية من فضلك:

السلام عليكم أستاذ [[PERSON:خالد]]،
أرجو تحويل مبلغ الإيجار لشهر ديسمبر إلى حساب السيدة [[PERSON:مريم عبد الله الكعبي]]، رقم الآيبان: [[IBAN:AE71 5093 5559 8663 3443 959]].
عنوان الشقة: [[STREET_ADDRESS:شقة 1204، برج الواحة، شارع الشيخ زايد، دبي]]
للتواصل: [[PHONE:+971 50 318 4427]]
مع الشكر،
[[PERSON:يوسف الحمادي]]`,
  // AR (Saudi): classify an HR request
  `صنّف هذا الطلب (إجازة / راتب / أخرى):

الاسم: [[PERSON:نورة بنت سعد القحطاني]]
الرقم الوظيفي: 88213
تاريخ الميلاد: [[DATE_OF_BIRTH:1995/03/12]]
الجوال: [[PHONE:0551 847 392]]
البريد: [[EMAIL:noura.alqahtani@hotmail.com]]
الطلب: أرجو تعديل رقم الآيبان لتحويل الراتب إلى [[IBAN:SA04 4881 6577 4646 9990 5581]] ابتداءً من الشهر القادم.`,
  // HI: summarize a complaint (Devanagari)
  `इस शिकायत का सारांश अंग्रेज़ी में दो वाक्यों में लिखो:

नमस्ते, मेरा नाम [[PERSON:सुनीता शर्मा]] है। मैंने 2 नवंबर को वॉशिंग मशीन ऑर्डर की थी (ऑर्डर नं. 40-771283), लेकिन अभी तक इंस्टॉलेशन नहीं हुआ। मेरा पता है: [[STREET_ADDRESS:मकान नं. 42, सेक्टर 15, रोहिणी, नई दिल्ली 110089]]। मेरा मोबाइल नंबर [[PHONE:+91 98110 47263]] है। मेरे पति [[PERSON:राजेश]] जी शाम को घर पर रहते हैं।`,
  // JA: reply draft for a customer inquiry
  `次の問い合わせへの返信文を作成してください。

件名：請求書の宛名変更について
いつもお世話になっております。[[PERSON:佐藤 美咲]]と申します。
先月分の請求書の宛名を、夫の[[PERSON:佐藤 健一]]から私の名前に変更していただけますでしょうか。
送付先：〒[[STREET_ADDRESS:150-0042 東京都渋谷区宇田川町21-1 パークハイツ503]]
電話：[[PHONE:090-4821-7736]]
メール：[[EMAIL:misaki.sato0815@docomo.ne.jp]]
よろしくお願いいたします。`,
  // JA: CV (履歴書) fields
  `この履歴書の内容を英語の職務経歴書に変換してください。

氏名：[[PERSON:高橋 翔太]]（[[PERSON:たかはし しょうた]]）
生年月日：[[DATE_OF_BIRTH:1993年7月4日]]生（満32歳）
現住所：〒[[STREET_ADDRESS:530-0001 大阪府大阪市北区梅田3丁目4-5 梅田レジデンス1207号]]
携帯電話：[[PHONE:080-3347-1902]]
E-mail：[[EMAIL:shota.takahashi.93@gmail.com]]
学歴：2016年3月 大阪大学 工学部 卒業`,
  // ZH: extract fields as JSON from a delivery complaint
  `请把下面这段话里的客户信息提取成JSON：

您好，我是[[PERSON:王丽娟]]，订单号 SF1048873321 的快递一直显示派送中。收货地址是[[STREET_ADDRESS:上海市浦东新区张杨路1088弄12号602室]]，手机[[PHONE:138 1762 4903]]。如果我不在家，可以交给我女儿[[PERSON:陈思雨]]，她的电话是[[PHONE:159 2108 6637]]。`,
  // ZH: interview notes
  `把这份面试记录整理成评估表：

候选人：[[PERSON:刘浩然]]
出生日期：[[DATE_OF_BIRTH:1996年11月23日]]
籍贯：[[LOCATION:湖南长沙]]
面试官：[[PERSON:张伟]]、[[PERSON:李静]]
记录：候选人有三年Java后端经验，沟通清楚。期望薪资25K。目前住在[[LOCATION:深圳]]，可以接受出差。`,
  // KO: summarize a tenant's message
  `다음 메시지를 한 줄로 요약해 주세요.

안녕하세요, [[STREET_ADDRESS:서울특별시 마포구 월드컵북로 396, 1203호]]에 사는 [[PERSON:김지현]]입니다. 보일러가 또 고장 났어요. 관리인 [[PERSON:박성민]] 님께 여러 번 연락했는데 답이 없습니다. 제 번호는 [[PHONE:010-4827-3391]]이에요. 보증금 반환 계좌는 나중에 알려 드릴게요.`,
  // KO: onboarding record
  `이 입사 서류에서 빠진 항목이 있는지 확인해 줘.

성명: [[PERSON:이수민]]
생년월일: [[DATE_OF_BIRTH:1998. 5. 21.]]
주소: [[STREET_ADDRESS:경기도 성남시 분당구 판교역로 166, 302동 1504호]]
휴대전화: [[PHONE:010-3391-7720]]
이메일: [[EMAIL:sumin.lee98@naver.com]]
비상연락처: [[PERSON:이정훈]] (부) [[PHONE:010-5512-0846]]`,
  // VI: draft a reply to a customer
  `Viết giúp tôi thư trả lời khách hàng này:

Chào shop, tôi là [[PERSON:Trần Minh Khoa]]. Tôi đặt 2 đôi giày hôm 15/11 nhưng nhận được sai size. Địa chỉ nhận hàng: [[STREET_ADDRESS:Số 18 ngõ 42 phố Thái Hà, Đống Đa, Hà Nội]]. SĐT: [[PHONE:0912 438 775]]. Nếu cần hoàn tiền thì chuyển vào tài khoản Vietcombank đứng tên [[PERSON:Trần Minh Khoa]].`,
  // TH: classify a bank chat
  `ช่วยจัดหมวดหมู่ข้อความนี้ (บัตรเครดิต / เงินกู้ / อื่นๆ):

สวัสดีค่ะ ดิฉัน[[PERSON:สมใจ วงศ์สวัสดิ์]] บัตรเครดิตหมายเลข [[CREDIT_CARD:4981 1351 1971 8145]] ถูกตัดเงินซ้ำสองครั้งค่ะ ที่อยู่ตามบัตรคือ [[STREET_ADDRESS:55/12 ซอยสุขุมวิท 31 แขวงคลองเตยเหนือ เขตวัฒนา กรุงเทพมหานคร 10110]] เบอร์ติดต่อ [[PHONE:081 472 9935]] ค่ะ`,
  // ID: CV summary
  `Tolong ringkas CV ini jadi satu paragraf:

Nama: [[PERSON:Dewi Kartika Sari]]
Tempat, tanggal lahir: [[LOCATION:Yogyakarta]], [[DATE_OF_BIRTH:12 Agustus 1995]]
Alamat: [[STREET_ADDRESS:Jl. Kemang Raya No. 27, Bangka, Mampang Prapatan, Jakarta Selatan 12730]]
HP/WA: [[PHONE:0812-8834-2190]]
Email: [[EMAIL:dewi.kartikasari@yahoo.co.id]]
LinkedIn: [[URL:https://www.linkedin.com/in/dewi-kartika-sari-95/]]
Pengalaman: 4 tahun sebagai UI/UX Designer di startup fintech.`,
  // RU: debt-collection letter, summarize
  `Кратко перескажи, что требуют в этом письме:

Уважаемый [[PERSON:Андрей Викторович]]!
По договору займа № 44-118/2024 у Вас образовалась просроченная задолженность в размере 37 840 руб. Просим погасить её до 15.12.2025.
Адрес регистрации: [[STREET_ADDRESS:191040, г. Санкт-Петербург, ул. Марата, д. 14, кв. 23]]
Контактный телефон: [[PHONE:+7 921 448-17-32]]
Должник: [[PERSON:Смирнов Андрей Викторович]], дата рождения [[DATE_OF_BIRTH:04.09.1983]]`,
  // UK (Ukrainian): power of attorney fields to English
  `Переклади англійською:

ДОВІРЕНІСТЬ
Я, [[PERSON:Коваленко Олена Петрівна]], [[DATE_OF_BIRTH:23.06.1979]] року народження, зареєстрована за адресою: [[STREET_ADDRESS:вул. Хрещатик, 22, кв. 41, м. Київ, 01001]], уповноважую [[PERSON:Бондаренка Ігоря Миколайовича]] представляти мої інтереси в ЦНАП.
Телефон для зв'язку: [[PHONE:+380 67 418 2259]]`,
  // RU: developer log question in Russian
  `Почему в логе два разных IP для одного пользователя?

[2025-11-23 19:02:11] user_login email=[[EMAIL:ivan.petrov84@mail.ru]] ip=[[IP_ADDRESS:178.176.42.19]] result=ok
[2025-11-23 19:02:45] payment_start email=[[EMAIL:ivan.petrov84@mail.ru]] ip=[[IP_ADDRESS:31.173.84.201]] amount=1290.00 RUB`,
  // deploy script with AWS keys and a private key block
  `Can you tell me why this deploy script can't ssh into the box?

export AWS_ACCESS_KEY_ID=[[SECRET:AKIAKW95R2F4QKKS4RFG]]
export AWS_SECRET_ACCESS_KEY=[[SECRET:W378D+Cn511CFUBWkNhBm2bd2AG2/B2TFu2aWo/C]]
cat > ~/.ssh/deploy_key <<'KEY'
[[SECRET:-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACDq3Jx0Ufq9v8mRkLw1Ff1oZb5T8aXq2kKcN0H7Yv3NwAAAAJhE2n1MRNp9
TAAAAAtzc2gtZWQyNTUxOQAAACDq3Jx0Ufq9v8mRkLw1Ff1oZb5T8aXq2kKcN0H7Yv3NwA
AAAEBt0C4pX9m3JvQy2nYt6Lr8kD1sWq0aZ7uF4bH3cE9gXOrcnHRR+r2/yZGQvDUV/Whl
vlPxperaQpw3QftiL7iw3AAAAEWRlcGxveUBjaS1ydW5uZXIBAgMEBQ==
-----END OPENSSH PRIVATE KEY-----]]
KEY
chmod 600 ~/.ssh/deploy_key
ssh -i ~/.ssh/deploy_key deploy@[[IP_ADDRESS:81.17.42.203]] 'sudo systemctl restart app'`,
  // GitHub Actions / Slack webhook config
  `Clean up this CI step, the notify part never posts:

- name: Notify
  env:
    GITHUB_TOKEN: [[SECRET:ghp_iGjlvhkTp3SKQOo6Cd6rvau5kHvRwMzzuVtY]]
    SLACK_BOT_TOKEN: [[SECRET:xoxb-754188200208-7233552513779-b5srpS9wg1QlRRLiiRejeKx0]]
  run: |
    curl -s -X POST https://slack.com/api/chat.postMessage \\
      -H "Authorization: Bearer $SLACK_BOT_TOKEN" \\
      -d channel=C04RELEASES -d text="Deployed by [[PERSON:Marcus Oyelowo]]"`,
  // JSON fixture with nested user + password
  `Write a zod schema for this object:

{
  "id": "usr_29Qk81",
  "profile": {
    "firstName": "[[PERSON:Precious]]",
    "lastName": "[[PERSON:Mahlangu]]",
    "dob": "[[DATE_OF_BIRTH:2001-12-03]]",
    "avatar": "[[URL:https://cdn.brightpath.app/avatars/precious-mahlangu-2001.png]]"
  },
  "contact": { "email": "[[EMAIL:precious.mahlangu@gmail.com]]", "phone": "[[PHONE:+27 82 447 1936]]" },
  "credentials": { "username": "precious_m", "password": "[[SECRET:Sunflower#2001!]]" },
  "lastLoginIp": "[[IP_ADDRESS:41.203.77.18]]"
}`,
  // nginx access log with client IPs and query strings carrying e-mail
  `Which of these requests look like credential stuffing?

[[IP_ADDRESS:185.220.101.44]] - - [24/Nov/2025:10:12:01 +0000] "POST /login HTTP/1.1" 401 312 "-" "python-requests/2.31"
[[IP_ADDRESS:185.220.101.44]] - - [24/Nov/2025:10:12:01 +0000] "POST /login HTTP/1.1" 401 312 "-" "python-requests/2.31"
[[IP_ADDRESS:73.158.62.9]] - - [24/Nov/2025:10:12:07 +0000] "GET /unsubscribe/confirm HTTP/1.1" 200 1804 "[[URL:https://news.brightpath.app/prefs?email=rachel.goldberg%40gmail.com]]" "Mozilla/5.0"
[[IP_ADDRESS:185.220.101.44]] - - [24/Nov/2025:10:12:02 +0000] "POST /login HTTP/1.1" 429 88 "-" "python-requests/2.31"`,
  // SQL with SSN and card (US healthcare billing), explain query
  `Explain what this query returns and whether the index is used:

SELECT * FROM patients_billing WHERE ssn = '[[US_SSN:604-22-7719]]';
-- returns:
-- id | full_name          | ssn         | card_on_file        | billing_zip
-- 88 | [[PERSON:Hope Vanderbilt]]   | [[US_SSN:604-22-7719]] | [[CREDIT_CARD:371143418994231]]     | 37203`,
  // voicemail transcript (EN, CA), summarize
  `Summarize this voicemail for my assistant:

"Hey, it's [[PERSON:Destiny Clarke]] from the Riverside Co-op board. Just confirming the walkthrough of unit 4B for Thursday. If Thursday doesn't work, call me at [[PHONE:416-902-3318]] or text my partner [[PERSON:Jordan]] at [[PHONE:647-255-0914]]. The buzzer is broken at [[STREET_ADDRESS:88 Dovercourt Road, Toronto, ON M6J 3C4]], so knock on the side door. [[PERSON:Destiny]] is, uh, running late today so sorry if this is rushed."`,
  // cover letter (EN, IN)
  `Make this cover letter more confident:

[[PERSON:Aarav Mehta]]
[[STREET_ADDRESS:B-704, Lodha Splendora, Ghodbunder Road, Thane West, Maharashtra 400615]]
[[PHONE:+91 99207 31845]] | [[EMAIL:aarav.mehta.ca@gmail.com]] | [[URL:https://github.com/aaravmehta-ds]]

Dear Hiring Manager,
I am applying for the Data Analyst role advertised on Naukri. I completed my B.Com from [[LOCATION:Pune]] and have two years of experience in MIS reporting at a [[LOCATION:Mumbai]]-based NBFC. I hope to bring the same rigour to your analytics team.
Yours sincerely,
[[PERSON:Aarav Mehta]]`,
  // reference check notes (EN)
  `Turn these reference-check notes into a summary paragraph:

Candidate: [[PERSON:June Okoro]]
Referee: [[PERSON:Bill Haverford]], former line manager, [[PHONE:+44 20 7946 1182]]
- Worked together Jan 2021 – June 2023 at a [[LOCATION:Leeds]] fintech.
- "[[PERSON:June]] is the person you call when a release is on fire."
- Would rehire: yes. Areas to grow: delegating.
Second referee ([[PERSON:Mark]], peer) did not respond.`,
  // insurance claim e-mail, extract JSON (EN, US)
  `Extract policyholder, vehicle, incident date and contacts as JSON:

Hi, my name is [[PERSON:Chase Whitaker]], policy AUT-7731904. On Nov 18 my 2019 Honda Civic was rear-ended on I-35 near [[LOCATION:Round Rock]]. The other driver was [[PERSON:Melody Sandoval]], her phone is [[PHONE:512-468-2207]] and her insurer is Lone Star Mutual. I'm at [[STREET_ADDRESS:1409 Chisholm Trail Rd, Round Rock, TX 78681]], cell [[PHONE:737-201-5549]], email [[EMAIL:chase.whitaker@yahoo.com]]. I don't want to chase this for months, please call me.`,
  // credit-bureau dispute letter with SSN and DOB
  `Format this as a proper letter:

to whom it may concern at the credit bureau
my name is [[PERSON:Tamika Rochelle Banks]], date of birth [[DATE_OF_BIRTH:April 9, 1984]], social security number [[US_SSN:318-40-7762]]. current address [[STREET_ADDRESS:2417 Peachtree Pkwy Apt 310, Suwanee, GA 30024]]. there is a collection account from Meridian Recovery on my report that is not mine, account number ending 0093. please remove it. previous address [[STREET_ADDRESS:66 Magnolia Ct, Macon, GA 31210]].`,
  // small-claims letter to a contractor (EN, UK)
  `Tighten this letter before action:

Dear Mr [[PERSON:Kavanagh]],
Re: Kitchen refit at [[STREET_ADDRESS:7 Birchwood Avenue, Harrogate HG2 0PL]]
You were paid £6,800 on 3 June for a refit to be completed by 31 July. The work remains unfinished. Unless the works are completed or £3,400 is refunded within 14 days to my account (sort code 30-96-33, IBAN [[IBAN:GB25LOYD30963348127765]]), I will issue a claim in the County Court without further notice.
Yours sincerely,
[[PERSON:Rosalind Achterberg]]
[[PHONE:07911 238 604]]`,
  // Sales follow-up in a thread with quoted reply (EN)
  `Draft a reply to the last message in this thread:

On Tue, 18 Nov 2025 at 14:02, [[PERSON:Hunter Kingsley]] <[[EMAIL:hunter@kingsleyfarms.co.nz]]> wrote:
> Thanks for the quote. We'll need pricing for 40 sensors, not 25.
> Can you call me on [[PHONE:+64 27 418 3390]] tomorrow morning NZ time?
>
> [[PERSON:Hunter]]
>
> On Mon, 17 Nov 2025, [[PERSON:Sophie Langford]] <[[EMAIL:sophie.langford@agrisense.io]]> wrote:
>> Hi [[PERSON:Hunter]], please find the quote attached.`,
  // immigration: sponsor letter (EN, CA)
  `Proofread this invitation letter for a visitor visa:

I, [[PERSON:Gurpreet Kaur Sandhu]], a Canadian citizen residing at [[STREET_ADDRESS:14 Saddlebrook Way, Brampton, ON L6R 3K2]], invite my mother, [[PERSON:Harjinder Kaur]] (born [[DATE_OF_BIRTH:15 January 1958]] in [[LOCATION:Ludhiana]], [[LOCATION:Punjab]]), to visit me from 1 March to 31 May 2026. She will stay with me and my husband, [[PERSON:Amandeep Sandhu]]. I can be reached at [[PHONE:905-791-4426]] or [[EMAIL:gurpreet.sandhu@rogers.com]].`,
  // one-liners
  `Is this a valid email address: [[EMAIL:mark.o'brien+billing@eircom.net]]?`,
  `Translate to Spanish: "Please call Mrs. [[PERSON:Rose Gallagher]] back on [[PHONE:087 219 4433]] about the deposit."`,
  `Format this phone number for a US letterhead: [[PHONE:2129640741]] — it's for Dr. [[PERSON:Naomi Feld]]'s office.`,
  // PT-BR: CV with LinkedIn and birthplace
  `Melhore o resumo profissional deste currículo:

[[PERSON:Rafael Augusto Lima Cavalcanti]]
Brasileiro, solteiro, 29 anos — natural de [[LOCATION:Recife]]/PE
[[STREET_ADDRESS:Rua Domingos Ferreira, 1840, apto 502, Boa Viagem, Recife - PE, 51111-020]]
Celular/WhatsApp: [[PHONE:(81) 99634-2718]]
E-mail: [[EMAIL:rafael.cavalcanti.dev@gmail.com]]
LinkedIn: [[URL:https://www.linkedin.com/in/rafaelcavalcanti-dev]]
RESUMO: Desenvolvedor full-stack com 6 anos de experiência em React e Node.js.`,
  // FR (France): invoice to a private person, extract JSON
  `Extrais les informations du client de cette facture au format JSON :

FACTURE N° F-2025-0931 — Plomberie Garnier SARL
Client : M. [[PERSON:Thierry Vasseur]]
Adresse d'intervention : [[STREET_ADDRESS:27 bis, allée des Peupliers, 44300 Nantes]]
Tél. : [[PHONE:06 72 18 44 09]]
Remplacement chauffe-eau 200 L — 1 340,00 € TTC
Règlement par virement — merci d'indiquer le numéro de facture.
Payé le 19/11/2025 par carte.`,
  // DE: objection letter (Widerspruch) with IBAN and DOB
  `Formuliere diesen Widerspruch höflicher:

[[PERSON:Sabine Hoffmann-Erdem]]
[[STREET_ADDRESS:Am Lindenhof 6, 50859 Köln]]
geb. [[DATE_OF_BIRTH:30.01.1977]]
Versicherungsnummer: 7712-KV-448190

Widerspruch gegen Ihren Bescheid vom 12.11.2025
hiermit lege ich Widerspruch ein. Die Lastschrift von meinem Konto [[IBAN:DE11 3322 5159 0849 4916 07]] erfolgte ohne gültiges Mandat. Ich bitte um Rückerstattung. Telefonisch erreichbar unter [[PHONE:0221 9847 3310]].`,
  // IT: tenancy agreement clause
  `Spiegami in parole semplici questa clausola del contratto:

CONTRATTO DI LOCAZIONE AD USO ABITATIVO
Il sig. [[PERSON:Alessandro Marchetti]], nato a [[LOCATION:Bologna]] il [[DATE_OF_BIRTH:14/05/1969]], residente in [[STREET_ADDRESS:Via Saragozza 88, 40123 Bologna]] (locatore), concede in locazione alla sig.ra [[PERSON:Francesca Greco]], nata a [[LOCATION:Lecce]] il [[DATE_OF_BIRTH:02/10/1998]] (conduttrice), l'immobile sito in [[STREET_ADDRESS:Via del Pratello 31, int. 4, 40122 Bologna]]. Il canone annuo è di € 9.600, da versare in rate mensili anticipate.`,
  // PL: CV (PESEL unlabeled)
  `Przetłumacz to CV na angielski:

[[PERSON:Katarzyna Nowicka]]
Data urodzenia: [[DATE_OF_BIRTH:19.08.1990]]
PESEL: 90081904527
Adres: [[STREET_ADDRESS:ul. Grunwaldzka 211/7, 80-266 Gdańsk]]
Tel.: [[PHONE:+48 512 337 904]]
E-mail: [[EMAIL:k.nowicka90@o2.pl]]
Doświadczenie: 2018–obecnie — specjalistka ds. kadr i płac, Bałtyk Logistics sp. z o.o., [[LOCATION:Gdynia]]`,
  // NL: debt-collection letter
  `Wat moet ik doen volgens deze brief? Leg het simpel uit.

Geachte heer [[PERSON:El Amrani]],
Ondanks eerdere herinneringen hebben wij de betaling van € 312,40 (dossier 2025-88412) nog niet ontvangen. Wij verzoeken u dit bedrag binnen 14 dagen over te maken onder vermelding van het dossiernummer. Uw gegevens bij ons: [[PERSON:Youssef El Amrani]], [[STREET_ADDRESS:Wijnhaven 17-C, 3011 WH Rotterdam]], [[PHONE:06 19 48 27 73]].`,
  // TR: CRM meeting notes
  `Bu toplantı notlarından aksiyon listesi çıkar:

Katılımcılar: [[PERSON:Burak Şahin]], [[PERSON:Elif Yılmaz]], [[PERSON:Can Öztürk]]
- Müşteri tarafında karar verici [[PERSON:Murat]] Bey; cep telefonu [[PHONE:0533 712 48 09]].
- [[PERSON:Elif]] Hanım teklifin revize halini cuma günü gönderecek.
- Demo [[LOCATION:Ankara]] ofisinde yapılacak.`,
  // JA: sales meeting memo with 様
  `この商談メモを社内報告用に整えてください。

日時：11月20日 14:00〜15:00
先方：[[PERSON:中村]]様（購買部長）、[[PERSON:山田 花子]]様
当方：[[PERSON:鈴木]]、[[PERSON:小林]]
内容：年間契約の更新について。[[PERSON:中村]]様より値引きの要望あり。次回は[[LOCATION:名古屋]]本社にて。
連絡先：[[PERSON:山田]]様 直通 [[PHONE:052-218-4470]]`,
  // KO: CRM note with 님
  `이 통화 메모를 CRM에 넣을 수 있게 정리해 줘.

[[PERSON:최유나]] 님과 통화 (20분). 다음 달 계약 갱신 의향 있음. 담당자 변경: [[PERSON:정우성]] 님 → [[PERSON:한소희]] 님. 새 담당자 이메일 [[EMAIL:sohee.han@daelimtrade.co.kr]], 휴대폰 [[PHONE:010-2284-7731]]. [[LOCATION:부산]] 지사 방문 일정은 추후 확정.`,
  // ZH: tenancy dispute, summarize
  `帮我总结一下这封邮件的主要诉求：

房东[[PERSON:赵]]先生您好，
我是[[STREET_ADDRESS:北京市朝阳区建国路88号SOHO现代城3号楼1706室]]的租客[[PERSON:孙晓雯]]。合同已于11月30日到期，我已按约定搬出，但押金6000元至今未退还。请尽快转账至我的招商银行账户，户名[[PERSON:孙晓雯]]。我的手机是[[PHONE:186 0117 4382]]。`,
  // VI: leave request to English
  `Dịch đơn xin nghỉ phép này sang tiếng Anh:

Kính gửi chị [[PERSON:Phạm Thu Trang]] – Trưởng phòng Nhân sự,
Em tên là [[PERSON:Lê Văn Hùng]], mã nhân viên NV-0472, xin nghỉ phép từ ngày 22/12 đến 26/12 để về quê ở [[LOCATION:Quảng Ngãi]] dự đám cưới em gái. Trong thời gian nghỉ, anh [[PERSON:Đỗ Quang Huy]] sẽ hỗ trợ công việc. Số điện thoại liên hệ: [[PHONE:0978 214 336]].`,
  // ID: bank transfer complaint, classify
  `Klasifikasikan keluhan ini (TRANSFER / KARTU / LAINNYA):

Selamat siang, saya [[PERSON:Rizky Pratama Nugroho]]. Kemarin saya transfer Rp 2.500.000 ke rekening a.n. [[PERSON:Siti Rahmawati]] tapi saldonya terpotong dua kali. Alamat saya [[STREET_ADDRESS:Jl. Dago No. 114, Coblong, Bandung 40135]], no HP [[PHONE:+62 812-2047-8831]]. Mohon dibantu, terima kasih.`,
  // RU: CV to English
  `Переведи резюме на английский:

[[PERSON:Екатерина Сергеевна Волкова]]
Дата рождения: [[DATE_OF_BIRTH:11 марта 1992 г.]]
Город: [[LOCATION:Новосибирск]]
Телефон: [[PHONE:+7 913 744-20-58]]
Email: [[EMAIL:e.volkova92@gmail.com]]
Telegram: @katya_volkova
Опыт работы: 2019–н.в. — бизнес-аналитик, ООО «СибТехСофт»`,
  // ES (Spain): support log in Spanish with IP
  `¿Por qué este usuario no recibe el correo de verificación?

2025-11-22 10:14:03 [mailer] enqueue to=[[EMAIL:jorge.almansa@telefonica.net]] template=verify lang=es
2025-11-22 10:14:04 [mailer] smtp 550 5.1.1 recipient rejected to=[[EMAIL:jorge.almansa@telefonica.net]]
2025-11-22 10:15:40 [api] resend_verification user_id=55812 ip=[[IP_ADDRESS:88.27.139.61]]`,
  // ES (Mexico): lead list to clean
  `Limpia esta lista de prospectos y quita duplicados:

Nombre;Apellido;Correo;Teléfono;Ciudad
[[PERSON:Ximena]];[[PERSON:Castañeda]];[[EMAIL:ximena.castaneda@ferreteriaelsol.mx]];[[PHONE:55 4172 9938]];[[LOCATION:Ciudad de México]]
[[PERSON:Joaquín]];[[PERSON:Treviño]];[[EMAIL:jtrevino@grupotrevino.com.mx]];[[PHONE:81 8340 2271]];[[LOCATION:Monterrey]]
[[PERSON:Ximena]];[[PERSON:Castañeda]];[[EMAIL:ximena.castaneda@ferreteriaelsol.mx]];[[PHONE:+52 55 4172 9938]];[[LOCATION:CDMX]]`,
  // PT (Portugal): invoice dispute with IBAN
  `Ajuda-me a responder a este cliente:

Boa tarde, o meu nome é [[PERSON:Gonçalo Rebelo]] e recebi a fatura FT 2025/3318 com o NIF errado. A morada correta é [[STREET_ADDRESS:Rua de Cedofeita 412, 3.º Esq., 4050-174 Porto]]. Já paguei por transferência a partir do IBAN [[IBAN:PT85 9955 0332 4852 8760 5148 2]]. Contacto: [[PHONE:+351 936 218 047]].`,
  // AR: CV (Egypt) to English
  `ترجم هذه السيرة الذاتية إلى الإنجليزية:

الاسم: [[PERSON:أحمد محمود عبد الرحمن]]
تاريخ الميلاد: [[DATE_OF_BIRTH:5 أكتوبر 1994]]
محل الميلاد: [[LOCATION:الإسكندرية]]
العنوان: [[STREET_ADDRESS:12 شارع مصطفى النحاس، مدينة نصر، القاهرة]]
الهاتف: [[PHONE:+20 100 482 7716]]
البريد الإلكتروني: [[EMAIL:ahmed.m.abdelrahman@gmail.com]]
الخبرة: مهندس شبكات في شركة اتصالات لمدة 5 سنوات.`,
  // Hinglish HR message
  `Isko professional English mein rewrite karo:

hi ma'am, main [[PERSON:Rohit Kulkarni]] bol raha hu, emp id 20931. mera october ka salary slip abhi tak nahi aaya aur PF bhi kam kata hai. mera naya address hai [[STREET_ADDRESS:Flat 302, Sai Krupa Apartments, Karve Nagar, Pune 411052]], please HRMS mein update kar dijiye. contact [[PHONE:98220 41573]]. thanks, [[PERSON:Rohit]]`,
  // EN: payroll spreadsheet paste
  `Which employees are missing a bank account? (pasted from Excel)

Employee	Start date	Bank account	Tax code
[[PERSON:Grace Liang]]	03/03/2025	[[IBAN:GB40BARC20040130442915]]	1257L
[[PERSON:Will Ashworth]]	14/04/2025		1257L
[[PERSON:Precious Nwosu]]	01/09/2025	[[IBAN:GB59NWBK60161377120034]]	BR
[[PERSON:Sunny Rahman]]	06/10/2025		1257L`,
  // EN: UK onboarding e-mail with NI (unlabeled) and DOB
  `Draft a welcome email to this new starter using their details:

New starter: [[PERSON:Faith Adebayo-Clarke]]
Personal email: [[EMAIL:faith.ac@gmail.com]]
DOB: [[DATE_OF_BIRTH:21/11/1999]]
NI number: QQ 12 34 56 C
Home: [[STREET_ADDRESS:Flat 9, 41 Stoke Newington Church Street, London N16 0NX]]
Mobile: [[PHONE:07456 218 903]]
Manager: [[PERSON:Ravi Chandran]]`,
  // chargeback spreadsheet (EN) with several cards
  `Group these chargebacks by reason code:

case_id,cardholder,card_number,amount,reason
CB-20931,[[PERSON:Kenji Watanabe]],[[CREDIT_CARD:3527349427404693]],18400 JPY,fraud
CB-20932,[[PERSON:Maya Goldstein]],[[CREDIT_CARD:6011179338778547]],212.40 USD,not_received
CB-20933,[[PERSON:Olumide Bankole]],[[CREDIT_CARD:2221 0894 0168 1558]],89.99 USD,duplicate
CB-20934,[[PERSON:Hélène Roux]],[[CREDIT_CARD:3662 630050 6482]],450.00 EUR,fraud`,
  // phone order transcript (EN) with card read out
  `Clean up this call transcript for the order record:

AGENT: Thanks for calling Lakeside Florists, this is [[PERSON:Ava]]. Who am I speaking with?
CALLER: It's [[PERSON:Grace]], [[PERSON:Grace Pemberton]]. I'd like a dozen roses delivered to my mum, [[PERSON:Rose Pemberton]], at [[STREET_ADDRESS:19 Kingfisher Way, Bicester OX26 6YH]].
AGENT: Lovely. And the card?
CALLER: Visa, [[CREDIT_CARD:4180 7582 4845 9817]], expiry 07/27.
AGENT: And a number in case the driver can't find it?
CALLER: [[PHONE:07823 415 770]]. Oh, and say "with love and hope for a quick recovery".`,
  // Calendly-style links carrying names and e-mails (EN)
  `Which of these links is the one for the Thursday interview?

1. [[URL:https://calendly.com/sunny-oduya/30min?email=sunny.oduya%40gmail.com&name=Sunny%20Oduya]]
2. [[URL:https://meet.example-hr.com/join/8841-2207?guest=destiny.ramos@outlook.com]]
3. https://www.bamboohr.com/careers
Interviewer: [[PERSON:Faith Morales]]; candidate: [[PERSON:Sunny Oduya]].`,
];

// Hard negatives: same genres, no personal data.
const NEGATIVES: string[] = [
  // job description, word-names as words
  `Rewrite this job ad to sound friendlier:

Senior Backend Engineer (Remote-first)
We are looking for someone who will own our billing service end to end. You bring grace under pressure, joy in clean code and the faith that good tests save weekends. Hunter-gatherer instincts for bugs are a plus. Salary band: Level 4 (see the internal ladder). Start date: flexible, ideally before June. Apply through the careers page; applications by e-mail are not accepted.`,
  // HR policy text
  `Summarize this policy for the employee handbook FAQ:

4.2 Parental leave. Employees with at least six months of service are entitled to 16 weeks of paid parental leave. Leave may be taken in up to three blocks within the first year after the birth or adoption. The employee must notify their manager and the HR team at least eight weeks in advance using form HR-17. Payroll will continue contributions to the pension plan during leave. Questions go to the HR helpdesk ticket queue.`,
  // CV template with placeholders
  `Fill in this CV template structure for me, but keep the placeholders:

[FULL NAME]
[Street, Number] · [Postcode City] · [Phone] · [Email]
[LinkedIn URL]

PROFILE
[Two or three sentences about your strengths.]

EXPERIENCE
[Job title], [Company] — [MM/YYYY]–[MM/YYYY]
- [Achievement with a number]

EDUCATION
[Degree], [University], [Year]`,
  // anonymized case study
  `Turn this case study into a LinkedIn post:

Customer A, a mid-sized logistics firm, came to us with 40% of invoices paid late. The finance lead ("the controller") and two clerks were chasing payments manually. After rolling out automated reminders, days-sales-outstanding fell from 61 to 38 within two quarters. The tenant of their main warehouse, Customer B, adopted the same workflow a month later.`,
  // SQL schema / migration with no rows
  `Review this migration:

CREATE TABLE employees (
  id            BIGSERIAL PRIMARY KEY,
  first_name    TEXT NOT NULL,
  last_name     TEXT NOT NULL,
  email         CITEXT UNIQUE NOT NULL,
  phone         TEXT,
  date_of_birth DATE,
  iban          VARCHAR(34),
  created_at    TIMESTAMPTZ DEFAULT now()
);
ALTER TABLE employees ADD COLUMN manager_id BIGINT REFERENCES employees(id);
CREATE INDEX employees_last_name_idx ON employees (last_name);`,
  // service log with no user data, no IPs
  `What is causing these restarts?

2025-11-24T03:00:01Z INFO  scheduler  job=nightly-reconcile started run_id=8841
2025-11-24T03:00:14Z INFO  worker-3   batch 1/12 processed rows=50000 dur_ms=12844
2025-11-24T03:02:40Z WARN  worker-3   heap usage 91% (limit 2048Mi)
2025-11-24T03:02:41Z ERROR worker-3   OOMKilled exit_code=137
2025-11-24T03:02:55Z INFO  supervisor restarting worker-3 attempt=2 backoff_s=10
2025-11-24T03:05:12Z INFO  scheduler  job=nightly-reconcile finished status=partial`,
  // API docs with example.com placeholders
  `Explain this endpoint to a junior developer:

POST /v2/contacts
Body:
{
  "email": "user@example.com",
  "name": "Example User",
  "phone": "+1-000-000-0000"
}
Headers: Authorization: Bearer <YOUR_API_TOKEN>
Response 201: { "id": "ct_123", "status": "created" }
Errors: 409 if a contact with the same email exists; 422 if the phone is not E.164.`,
  // B2B invoice, no person
  `Extract the line items as CSV:

INVOICE INV-2025-11873 — Issued 2025-11-20, due 2025-12-20
From: Northwind Components Ltd (VAT GB 284 1192 07)
To: Halvorsen Marine AS (Org.nr 998 114 207)
1 × Hydraulic pump HP-220, SKU HP220-B — 4,180.00
3 × Seal kit SK-44 — 3 × 62.50 = 187.50
Freight — 240.00
Total (excl. VAT): 4,607.50 GBP
Payment reference: INV-2025-11873`,
  // marketing copy with word-names
  `Proofread this newsletter intro:

Summer is over, but the Sunny Days sale is not! Chase away the grey with our new Rose & Hope candle collection, hand-poured in small batches. Every order this week comes with a free Joy mini-diffuser. Mark your calendars: the Faith & Grace limited edition drops on 1 December. Will it sell out? Probably. Our bill of materials stays 100% plant-based.`,
  // product names containing person-like words
  `Compare these two products in a table:

- Johnnie Walker Black Label 12 Year Old, 70 cl — 29.99
- Jack Daniel's Honey, 70 cl — 24.50
- Dr. Martens 1460 Smooth boots, size 42 — 169.00
- Ben & Jerry's Cookie Dough 465 ml — 5.49`,
  // numbers that are not cards or phones
  `Which of these identifiers is the tracking number?

ISBN 978-3-16-148410-0
Order no. 4020-1187-3394-2210
SKU 88-41977-BLK-XL
Tracking 1Z 999 AA1 01 2345 6784
Invoice 2025/00412
Version 4.12.3-rc.2 (build 20251124.7)`,
  // non-birth dates
  `Turn this into a calendar summary:

Q1 planning kickoff: 12 January 2026
Contract renewal deadline: 31/03/2026
Audit window: 2026-04-14 to 2026-04-25
Office closed: 24.12.2025 – 01.01.2026
Release freeze begins 15 Dec.`,
  // DE HR policy, no PII
  `Fasse diese Richtlinie kurz zusammen:

Urlaubsanträge sind spätestens vier Wochen vor Beginn über das HR-Portal einzureichen. Resturlaub aus dem Vorjahr verfällt am 31. März, sofern keine betriebliche Verhinderung vorliegt. Bei Krankheit während des Urlaubs ist ab dem ersten Tag eine ärztliche Bescheinigung vorzulegen. Rückfragen bitte über das Ticketsystem der Personalabteilung.`,
  // ES job description
  `Traduce esta oferta de empleo al inglés:

Buscamos Analista de Datos Junior. Requisitos: dominio de SQL y Python, nivel de inglés B2, disponibilidad para incorporación inmediata. Ofrecemos contrato indefinido, horario flexible y 23 días laborables de vacaciones. Envía tu candidatura a través del formulario de la web indicando la referencia OF-2025-118.`,
  // FR anonymized legal case
  `Résume cette décision anonymisée :

Le salarié, engagé en qualité de technicien le 1er mars 2017, a été licencié pour faute grave. L'employeur lui reproche des absences injustifiées. La cour relève que la procédure disciplinaire n'a pas été respectée et condamne la société à verser au salarié une indemnité de 18 000 euros. Le locataire-gérant du fonds n'est pas partie à l'instance.`,
  // YAML config with vault references, no secrets
  `Is this Helm values file OK?

image:
  repository: registry.acme.internal/billing-api
  tag: "4.12.3"
replicaCount: 3
env:
  DATABASE_URL: "vault:secret/data/billing#database_url"
  STRIPE_KEY: "vault:secret/data/billing#stripe_key"
  LOG_LEVEL: info
resources:
  limits: { cpu: "1", memory: 2Gi }`,
  // JSON schema, no data
  `Generate TypeScript types from this JSON Schema:

{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Applicant",
  "type": "object",
  "properties": {
    "fullName": { "type": "string" },
    "email": { "type": "string", "format": "email" },
    "dateOfBirth": { "type": "string", "format": "date" },
    "iban": { "type": "string", "pattern": "^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$" }
  },
  "required": ["fullName", "email"]
}`,
  // interview rubric, no candidate
  `Make this interview rubric more concise:

Communication (1–5): Does the candidate explain trade-offs clearly?
Technical depth (1–5): Can they reason about indexes, transactions and caching?
Ownership (1–5): Examples of seeing a project through to release.
Red flags: blames others, cannot name a mistake they learned from.
Scoring: two interviewers score independently before the debrief.`,
  // reference-letter template
  `Improve this reference letter template:

Dear [Recipient],
I am pleased to recommend [Candidate Name], who worked with us as [Job Title] from [Start Date] to [End Date]. During this time, [he/she/they] consistently [achievement]. I would be happy to discuss further; please reach out via [Phone] or [Email].
Sincerely,
[Your Name], [Your Title]`,
  // onboarding checklist
  `Turn this onboarding checklist into a week-one schedule:

Day 1: laptop pickup, SSO setup, security training (45 min)
Day 2: meet your buddy, read the engineering handbook
Day 3: first pull request (a docs fix is fine)
Day 4: shadow an on-call shift
Day 5: 1:1 with your manager, set 30/60/90-day goals`,
  // CRM pipeline stats, no contacts
  `Write a two-sentence summary of this pipeline report:

Stage          Deals  Value (EUR)
Qualified       42     1,260,000
Proposal        17       640,500
Negotiation      9       410,000
Closed won       6       288,750
Win rate this quarter: 14.3% (last quarter 11.9%). Average cycle: 47 days.`,
  // dunning template
  `Make this payment reminder template friendlier:

Subject: Reminder — invoice {{invoice_number}} is overdue
Dear {{customer_name}},
Our records show that invoice {{invoice_number}} for {{amount}} was due on {{due_date}}. If you have already paid, please ignore this message. Otherwise, kindly settle the balance within 7 days using the payment link in your account.
Kind regards,
The Billing Team`,
  // tenancy agreement template
  `Simplify this clause from a standard lease:

7. Deposit. The Tenant shall pay a deposit equal to one month's rent before the start of the Term. The Landlord shall protect the deposit in an approved scheme within 30 days and return it, less any lawful deductions, within 10 days of the end of the Term. The Tenant shall not use the deposit as payment of the final month's rent.`,
  // power-of-attorney template (ES)
  `Revisa este modelo de carta poder:

CARTA PODER
Yo, [NOMBRE DEL OTORGANTE], otorgo poder amplio y suficiente a [NOMBRE DEL APODERADO] para que en mi nombre realice el trámite de [DESCRIPCIÓN DEL TRÁMITE] ante [INSTITUCIÓN].
Firma del otorgante: ____________
Firma del apoderado: ____________
Testigo 1: ____________  Testigo 2: ____________`,
  // Python snippet with faker, no data
  `Why does this generate the same user every run?

from faker import Faker
fake = Faker()
Faker.seed(0)
def make_user():
    return {"name": fake.name(), "email": fake.email(), "dob": fake.date_of_birth().isoformat()}
users = [make_user() for _ in range(100)]`,
  // curl with placeholder token
  `Why do I get "invalid_token" with this?

curl -X GET "https://api.example.com/v1/invoices?limit=20" \\
  -H "Authorization: Bearer $API_TOKEN" \\
  -H "Accept: application/json"

(API_TOKEN is exported from the secrets manager in CI.)`,
  // .env.example with placeholders
  `Is anything missing from this .env.example?

DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/DBNAME
REDIS_URL=redis://localhost:6379/0
STRIPE_SECRET_KEY=sk_test_replace_me
OPENAI_API_KEY=
SENTRY_DSN=
LOG_LEVEL=debug`,
  // release notes with version strings
  `Summarize these release notes for customers:

v4.12.3 (2025-11-24)
- Fixed: CSV export dropped the last row when the file ended without a newline.
- Fixed: Timezone picker now remembers the last selection.
- Improved: Invoice PDF rendering is 30% faster.
v4.12.2 (2025-11-17)
- Security: upgraded the XML parser to 2.6.1.`,
  // stack trace without user data
  `What does this error mean?

Error: connect ECONNREFUSED
    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)
    at Protocol._enqueue (/srv/app/node_modules/mysql/lib/protocol/Protocol.js:144:48)
    at Connection.query (/srv/app/node_modules/mysql/lib/Connection.js:198:25)
    at InvoiceRepository.findDue (/srv/app/src/billing/repo.js:41:17)
  errno: -111, code: 'ECONNREFUSED', syscall: 'connect', fatal: true`,
  // FR HR policy
  `Résume cette note de service :

À compter du 1er janvier, les notes de frais devront être déposées dans l'outil de gestion au plus tard le 5 du mois suivant. Les justificatifs scannés sont acceptés. Les frais kilométriques sont remboursés selon le barème fiscal en vigueur. Toute demande incomplète sera retournée au salarié.`,
  // IT job description
  `Traduci in inglese questo annuncio di lavoro:

Cercasi Addetto/a contabilità clienti, contratto a tempo indeterminato, CCNL Commercio, 40 ore settimanali. Requisiti: diploma di ragioneria, esperienza di almeno due anni, conoscenza di Excel. Si offre buono pasto e welfare aziendale. Candidature tramite il portale aziendale, codice annuncio AMM-2025-07.`,
  // JA HR policy
  `次の社内規程を要約してください。

第12条（有給休暇）従業員は、入社日から6か月継続勤務し、所定労働日の8割以上出勤した場合、10日の年次有給休暇を取得できる。申請は原則として取得日の3営業日前までに勤怠システムで行うこと。`,
  // ZH job description
  `把这段招聘启事翻译成英文：

招聘岗位：高级前端工程师
岗位职责：负责公司核心产品的前端架构设计与开发；参与代码评审。
任职要求：本科及以上学历，五年以上React开发经验，熟悉TypeScript。
薪资待遇：面议，五险一金，带薪年假。`,
  // DE SQL migration comments
  `Prüfe diese Migration:

-- Migration 0042: Spalte für Geburtsdatum hinzufügen
ALTER TABLE kunden ADD COLUMN geburtsdatum DATE NULL;
-- IBAN wird künftig verschlüsselt gespeichert
ALTER TABLE kunden ADD COLUMN iban_enc BYTEA NULL;
UPDATE kunden SET iban_enc = pgp_sym_encrypt(iban, current_setting('app.key')) WHERE iban IS NOT NULL;
ALTER TABLE kunden DROP COLUMN iban;`,
  // marketing copy ES with word-names
  `Corrige la ortografía de este anuncio:

¡Llegó la Navidad a nuestra tienda! Regala Esperanza, nuestra nueva colección de velas, o la línea Rosa Mística de jabones artesanales. Con cada compra te llevas un cupón de descuento del 15 %. Promoción válida del 1 al 24 de diciembre o hasta agotar existencias.`,
  // KO HR notice
  `이 공지문을 더 짧게 다듬어 주세요.

연말정산 안내: 임직원께서는 1월 15일까지 소득공제 증빙 서류를 인사 시스템에 업로드해 주시기 바랍니다. 제출 기한을 넘기면 다음 달 급여에서 정산됩니다. 문의는 인사팀 티켓으로 접수해 주세요.`,
  // anonymized call summary
  `Rewrite this anonymized call summary in a neutral tone:

The caller (an existing customer) reported that the second invoice of the month was issued in error. The agent confirmed the duplicate, voided it and issued a credit note. The customer asked for written confirmation, which was sent from the billing mailbox. No further action needed.`,
  // card-dispute process description
  `Explain this card dispute process to a customer in plain language:

1. Submit the dispute within 120 days of the transaction date.
2. Provide the last four digits of the card, the merchant name and the amount.
3. A provisional credit may be applied within 10 business days.
4. The merchant has 30 days to respond with evidence.
5. The final decision is sent by letter and in the app.`,
  // Markdown table of SKUs and prices
  `Sort this table by price descending:

| SKU | Product | Price |
|---|---|---|
| HB-2201 | Hope Chest, oak | 349.00 |
| GR-7710 | Grace Bench, walnut | 219.00 |
| MK-0042 | Mark II desk lamp | 79.90 |
| SN-5512 | Sunny Side mug set (4) | 24.50 |`,
  // TR invoice between companies, no person
  `Bu faturadaki kalemleri tablo halinde yaz:

FATURA NO: ABC2025000001187 — Düzenleme tarihi: 21.11.2025
Satıcı: Yıldız Ambalaj San. ve Tic. A.Ş. — VKN 9870012345
Alıcı: Deniz Gıda Ltd. Şti. — VKN 2910045578
500 adet karton kutu (40x30x30) — 6.250,00 TL
200 rulo streç film — 4.800,00 TL
KDV %20 — 2.210,00 TL
Genel toplam: 13.260,00 TL`,
  // PT-BR HR policy
  `Resuma esta política interna em tópicos:

As férias podem ser divididas em até três períodos, sendo que um deles não pode ser inferior a 14 dias corridos. A solicitação deve ser feita com 30 dias de antecedência pelo portal do colaborador. O pagamento das férias é realizado até dois dias antes do início do período. Dúvidas devem ser abertas como chamado no canal de Gente & Gestão.`,
  // AR job description
  `ترجم إعلان الوظيفة التالي إلى الإنجليزية:

مطلوب محاسب أول للعمل بدوام كامل. المتطلبات: بكالوريوس محاسبة، خبرة لا تقل عن خمس سنوات، إجادة برامج الجداول. المزايا: تأمين طبي، إجازة سنوية 30 يوماً، بدل مواصلات. يتم التقديم عبر بوابة التوظيف الإلكترونية مع ذكر الرمز ACC-118.`,
  // webhook payload with IDs only
  `What event is this webhook for, and is anything missing?

{
  "id": "evt_1QhZ8a2eZvKYlo2C",
  "type": "invoice.payment_failed",
  "created": 1764069000,
  "data": {
    "object": {
      "id": "in_1QhZ7x2eZvKYlo2C",
      "customer": "cus_R8sT2kLmN0pQ",
      "amount_due": 4900,
      "currency": "eur",
      "attempt_count": 2,
      "next_payment_attempt": 1764328200
    }
  }
}`,
];

export function heldout18(): LabeledDoc[] {
  return [
    ...POSITIVES.map((src, i) => parseMarkup(`h18-p${i + 1}`, 'heldout18', src)),
    ...NEGATIVES.map((src, i) => parseMarkup(`h18-n${i + 1}`, 'heldout18-negative', src, true)),
  ];
}
