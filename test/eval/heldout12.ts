/**
 * Held-out set 12: 105 hand-labeled texts plus 30 hard negatives, written blind (without looking at the detector or
 * at the other evaluation sets; only markup.ts and heldout9.ts's header / export were read). Its emphasis is the
 * everyday bulk of what a support app sends to an LLM, and most texts are SHORT (about 60 % under 400 characters):
 * single chat messages and short customer / bot exchanges as people actually type them (greetings with names, "this
 * is X", "my wife X", names in lower case, typos, missing punctuation, emoji, abbreviations), phone numbers in many
 * national formats (with and without country code, spaces, dots, dashes, brackets, extensions, run together, partly
 * or fully spelled out in words), e-mails in odd casing, addresses on one line or split over lines, card numbers
 * pasted with expiry and CVV, order and tracking numbers next to phone numbers; agent notes and ticket summaries in
 * shorthand ("Cx called re: refund, spoke w/ ..., cb ..."); e-mail replies with greetings, sign-offs and signatures;
 * voice-to-text transcripts without punctuation; form submissions and key: value blocks (Name, DOB, Address, Phone,
 * Email, Account); and developer questions with pasted .env files, YAML, curl commands, stack traces, logs and
 * connection strings carrying keys, tokens, passwords, customer e-mails and IPs. About three quarters are English
 * (US, UK, Ireland, Canada, Australia, India, Nigeria, Kenya, Philippines, South Africa, UAE; with Hinglish, Pidgin,
 * Sheng and Taglish where natural), the rest Spanish (ES, MX, AR, CO), French (FR, Québec), German (DE, CH), Portuguese
 * (PT, BR), Italian, Dutch, Polish, Japanese, Hindi (Devanagari and romanized) and Arabic. Names are of many cultures,
 * including given names that are also ordinary words (Hope, Faith, Joy, Summer, Hunter, Bill, Will, Jack, Mark, Rose,
 * Lily), used in both roles. DATE_OF_BIRTH appears only where the context says so, usually with other dates (order,
 * appointment, start dates) around it. The hard negatives are order confirmations and shipping notices, product pages
 * and release notes whose product names look like given names, status pages, logs and configs with private or
 * documentation IPs, versions, build ids, UUIDs and hashes, the support bot introducing itself, FAQ and policy text
 * with dates, and SKU sheets; they contain no personal data and no place names.
 * Conventions: titles (Mr., Dr., Ms, Herr, Frau) and "'s" are outside PERSON spans; a full name is one PERSON span
 * (also "SURNAME/GIVEN"), a first name or surname alone is a PERSON span; pet names are not persons; phone
 * extensions are outside PHONE; a street address span runs from the house number / flat (or the street name where it
 * comes first, or the postcode where the national format starts with it) to the postcode and city (and state /
 * province abbreviation) written right after it; city / region / country names outside an address span are
 * LOCATION; a URL carrying personal values or credentials is one URL span (nothing labeled inside it); for
 * `password: value` only the value is SECRET; a full private-key block is one SECRET span; DATE_OF_BIRTH only where
 * the context says it is a birth date; partial numbers ("card ending 6140") are not labeled; organizations (also
 * when named after people), role mailboxes, the support bot "Kit", private / loopback / documentation IPs and plain
 * public URLs are not labeled. Cards are Luhn-valid, IBANs mod-97-valid with the right country length, SSNs valid by
 * SSA rules, labeled IPs public.
 */
import { parseMarkup, type LabeledDoc } from './markup.js';

const POSITIVES: readonly string[] = [
  // en-GB · chat, "my wife", odd-cased e-mail, one-line address
  `Hello, my wife [[PERSON:Aisha]] placed the order with her email [[EMAIL:Aisha.Rahman84@Hotmail.co.uk]] but it needs to come to my address: [[STREET_ADDRESS:Flat 3, 41 Kingsley Road, Leicester LE2 1EX]]. Can you change it please? Thanks, [[PERSON:Omar Rahman]]`,

  // en-IN · agent note shorthand
  `Cx called re: refund for ORD-7781342, spoke w/ [[PERSON:Priya]]. Cx name [[PERSON:Rakesh Menon]], cb [[PHONE:+91 98450 23817]] after 6pm IST. Escalated to L2.`,

  // en-NG · Pidgin chat
  `Good afternoon, I am [[PERSON:Chinedu Okafor]]. I paid for the blender since Monday, order #NG-220918, still nothing. Abeg help me check. My line na [[PHONE:0803 417 2290]], I dey [[LOCATION:Enugu]].`,

  // en-KE · chat
  `Hi, this is [[PERSON:Wanjiru Kamau]]. The M-Pesa payment went through but the app says failed. Phone [[PHONE:0722 614 908]], email [[EMAIL:wanjiru.kamau@gmail.com]]. Transaction code QFT4H7K2LP.`,

  // en-PH · Taglish chat
  `hello po, si [[PERSON:Maricel Dizon]] po ito. yung parcel ko po hindi pa dumating, taga [[LOCATION:Quezon City]] po ako. cp ko [[PHONE:0917 823 4410]]. salamat po 🙏`,

  // en-ZA · chat with address
  `Morning, [[PERSON:Thabo Nkosi]] here. Please send the invoice to [[EMAIL:thabo@nkosiplumbing.co.za]] and not the old address. Cell [[PHONE:082 519 7733]]. Delivery to [[STREET_ADDRESS:17 Jacaranda Street, Brooklyn, Pretoria 0181]] still stands.`,

  // en-CA · Mark as name and verb, dotted phone with extension, upper-case e-mail
  `Hey it's [[PERSON:Mark]] again, can you mark this one urgent? Still locked out of my account. Reach me at [[PHONE:604.882.3157]] ext 12 or [[EMAIL:MARK.LEBLANC@Shaw.ca]]`,

  // en-AU · Summer as name and season word
  `G'day, [[PERSON:Summer Nguyen]] here. Bought the summer camping bundle last week and the esky lid is cracked. Mob [[PHONE:0412 558 903]]. Address is [[STREET_ADDRESS:8/22 Beach Rd, Bondi NSW 2026]].`,

  // en-US · voice transcript, phone fully spelled out
  `hi yeah my name is [[PERSON:carlos mendez]] and um I'm calling about my bill it went up like forty dollars the number on the account is [[PHONE:seven one three six eight two two zero four eight]] and uh the last four of the card is 4471 so yeah please call me back thanks oh and if I don't pick up you can try my wife her name is [[PERSON:gabriela]] her cell is [[PHONE:two eight one four four nine 7 3 1 2 0]] the account's under my name but the autopay comes out of her checking ok bye`,

  // en-US · form, Hope as name and verb, other date around DOB
  `Name: [[PERSON:Hope Delacroix]]
DOB: [[DATE_OF_BIRTH:03/14/1991]]
Address: [[STREET_ADDRESS:2210 Willow Creek Dr, Apt 114, Austin, TX 78741]]
Phone: [[PHONE:512-604-3398]]
Email: [[EMAIL:hope.delacroix@yahoo.com]]
Account: 88120443
Message: I hope someone can explain the double charge posted on 02/02/2025. I already called on 02/05 and spoke to a rep named [[PERSON:Marco]] who said it would drop off in 3-5 days. It's still there. Please call after 5pm, or email is fine. Thanks!`,

  // en · developer, pasted .env
  `Getting 401 from your API with this .env, what am I missing?

ACME_API_KEY=[[SECRET:sk_live_51Hq8ZpLr4nT0vW2xYb7cD9eF3gH6jK1mN5pQ8sT]]
DATABASE_URL=[[URL:postgres://app_admin:Wint3r!Sun@db.prod-cluster.internal:5432/orders]]
SMTP_USER=noreply@brightpaws.io
SMTP_PASS=[[SECRET:kG7#pL2v!qZ9]]
ADMIN_EMAIL=[[EMAIL:lena.fischer@brightpaws.io]]
STRIPE_WEBHOOK_SECRET=[[SECRET:whsec_b81Fq2LmZ7xR4tV9nK3pW6cY]]
SENTRY_DSN=[[URL:https://3f8e21c7a94b4d06b1e5f2a8c7d90e14@o448120.ingest.sentry.io/6712093]]
NODE_ENV=production

Same key works fine in Postman. Deployed on Render, Node 20.`,

  // en · developer, curl with bearer token and customer payload
  `curl -X POST https://api.shipwise.dev/v2/customers \\
  -H "Authorization: Bearer [[SECRET:eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c3JfOTIxIn0.q3Xv8lK2mPz7RtY0wNc4BdE6fGh1JsU9aLo5iV3]]" \\
  -H "Content-Type: application/json" \\
  -d '{"email":"[[EMAIL:tomasz.wrobel@onet.pl]]","name":"[[PERSON:Tomasz Wróbel]]","signup_ip":"[[IP_ADDRESS:83.24.117.59]]"}'

returns 422 every time:
{"error":"invalid_field","field":"phone","received":"[[PHONE:+48 512 339 087]]"}
but I'm not even sending a phone?? it seems to pull it from the existing record. any idea?`,

  // en · developer, Node stack trace with webhook URL and API key
  `Error: Request failed with status code 403
    at createError (/app/node_modules/axios/lib/core/createError.js:16:15)
    at settle (/app/node_modules/axios/lib/core/settle.js:17:12)
    at IncomingMessage.handleStreamEnd (/app/node_modules/axios/lib/adapters/http.js:269:11)
  config: {
    url: '[[URL:https://hooks.slack.com/services/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]]',
    headers: { 'X-Api-Key': '[[SECRET:pk_9f3a7c21e8b64d0fa5c2e7b1d9034f6a]]' }
  }
Thrown while notifying about user [[EMAIL:jordan.blake@protonmail.com]] (last login from [[IP_ADDRESS:24.48.117.9]])`,

  // en-GB · e-mail reply with signature
  `Hi there,

Thanks for sorting this so quickly – the replacement kettle arrived this morning and works perfectly, so you can close the case.

Could you also remove my old mobile from the account and use [[PHONE:07911 436 882]] from now on?

Also, the courier left the old kettle's box at reception – is someone coming to collect it, or can we recycle it? We're open 8.30–5.30, Monday to Friday.

Kind regards,

[[PERSON:Eleanor Pryce]]
Practice Manager
Holloway & Finch Dental
Direct: [[PHONE:0161 832 4470]] | Mobile: [[PHONE:07911 436 882]]
[[STREET_ADDRESS:14 Deansgate Court, Manchester M3 2BW]]`,

  // es-ES · chat, address change
  `Hola, soy [[PERSON:Lucía Ferrer Santos]]. Quiero cambiar la dirección de envío del pedido 40-88213 a [[STREET_ADDRESS:Calle de Embajadores 112, 3º B, 28045 Madrid]]. Mi móvil es el [[PHONE:612 47 89 03]]. Gracias.`,

  // es-MX · chat, card run together, "mi esposa"
  `buenas tardes me cobraron dos veces con la tarjeta [[CREDIT_CARD:5354881277443101]], soy [[PERSON:José Luis Herrera]] mi cel [[PHONE:33 1847 2290]]. vivo en [[LOCATION:Guadalajara]] pero la tarjeta es de mi esposa [[PERSON:Marisol]]`,

  // fr-FR · refund to IBAN
  `Bonjour,

Suite à l'annulation de ma commande n° 7712-FR le 3 mars, je n'ai toujours pas été remboursée. Merci de verser le montant (189,90 €) sur mon compte [[IBAN:FR15 3000 4028 3700 0812 7364 527]] plutôt que sur la carte, qui a expiré entre-temps.

Vous pouvez me joindre au [[PHONE:06 72 18 44 90]] en journée.

Cordialement,
[[PERSON:Camille Rousseau]]
[[STREET_ADDRESS:8 allée des Tilleuls, 44300 Nantes]]

PS : si besoin, mon conjoint [[PERSON:Julien]] peut réceptionner un éventuel courrier.`,

  // de-DE · form
  `Vorname: [[PERSON:Jonas]]
Nachname: [[PERSON:Becker]]
Geburtsdatum: [[DATE_OF_BIRTH:22.07.1986]]
Anschrift: [[STREET_ADDRESS:Lindenstraße 14, 50674 Köln]]
Telefon: [[PHONE:0221 93 47 118]]
E-Mail: [[EMAIL:jonas.becker@web.de]]
IBAN: [[IBAN:DE80 3704 0044 0818 2736 45]]
Vertragsbeginn: 01.03.2025
Tarif: Strom Basis 12
Zählernummer: 1ESY1160493837
Zahlungsart: SEPA-Lastschrift
Anmerkung: Bitte den Abschlag ab 01.04.2025 auf 85 € senken. Bei Abwesenheit erreichen Sie meine Frau [[PERSON:Anna Becker]] unter [[PHONE:0176 44218930]].`,

  // pt-BR · chat with emoji
  `Oi, aqui é a [[PERSON:Fernanda Lima]]. Meu pedido 558201 veio com a cor errada 😕 Podem me ligar no [[PHONE:(11) 98734-2210]]? Ou manda e-mail pra [[EMAIL:fe.lima@uol.com.br]]. Obrigada!`,

  // it-IT · refund, IBAN
  `Buongiorno, sono [[PERSON:Giulia Marchetti]]. Il reso è stato ritirato il 4 marzo ma il rimborso non è ancora arrivato. Vi riporto l'IBAN: [[IBAN:IT32 M020 0805 3640 0010 4528 731]]. Cell. [[PHONE:347 612 8890]]. Grazie, saluti.`,

  // nl-NL · chat
  `Hoi, met [[PERSON:Sanne de Vries]]. Het pakket is bij de buren afgegeven maar daar woont niemand meer. Mijn adres is [[STREET_ADDRESS:Vondelstraat 88-III, 1054 GP Amsterdam]], telefoon [[PHONE:06 41 82 77 30]].`,

  // pl-PL · chat
  `Dzień dobry, nazywam się [[PERSON:Katarzyna Nowak]]. Zamówienie 2291/03 nie dotarło. Proszę o kontakt pod nr [[PHONE:+48 601 284 773]]. Adres dostawy: [[STREET_ADDRESS:ul. Piotrkowska 112/4, 90-006 Łódź]].`,

  // ja · address change, postcode-first address
  `お世話になっております。[[PERSON:高橋 美咲]]と申します。注文番号 JP-772014 の配送先を [[STREET_ADDRESS:〒150-0001 東京都渋谷区神宮前3-14-7 ハイツ青山201]] に変更していただけますか。電話番号は [[PHONE:090-4821-7753]] です。よろしくお願いいたします。`,

  // hi · Devanagari chat
  `नमस्ते, मेरा नाम [[PERSON:राहुल वर्मा]] है। मेरा ऑर्डर 15 दिन से नहीं आया। मेरा मोबाइल नंबर [[PHONE:98112 45870]] है और ईमेल [[EMAIL:rahul.verma1990@gmail.com]] है। पता: [[STREET_ADDRESS:मकान नं. 47, सेक्टर 15, फरीदाबाद 121007]]।`,

  // hi · romanized chat
  `sir mera naam [[PERSON:Pooja Sharma]] hai, refund abhi tak nahi aaya. order id 40511827. mera number [[PHONE:9876012453]] hai please call karo, main [[LOCATION:Jaipur]] se hoon`,

  // ar · refund to Saudi IBAN
  `مرحباً، أنا [[PERSON:خالد العتيبي]]. أرجو تحويل المبلغ المسترد إلى حسابي [[IBAN:SA09 1000 0001 3980 4726 1503]]. رقم جوالي [[PHONE:+966 55 318 4271]]. شكراً.`,

  // ar · Egyptian chat
  `السلام عليكم، معك [[PERSON:منى عبد الرحمن]] من [[LOCATION:القاهرة]]. الطلب وصل ناقص قطعة. رقمي [[PHONE:010 2847 3391]] والإيميل [[EMAIL:mona.abdelrahman@yahoo.com]]`,

  // en-US · short exchange with the bot, Will as verb and name
  `Customer: will someone actually call me back this time
Kit: I'm sorry for the wait. Could you confirm your name and the best number to reach you?
Customer: [[PERSON:Will Carter]], [[PHONE:646 209 7714]]
Kit: Thanks, [[PERSON:Will]]. I've requested a callback for today.`,

  // en-GB · Rose as colour and name
  `Ordered the rose gold watch strap – it came in silver. Name on the order is [[PERSON:Rose Whitfield]], ref 3308-RW. You can text me on [[PHONE:+44 7823 115 604]].`,

  // en-US · Hunter as colour and name
  `Hunter green or navy? Going with hunter green. Ship to [[PERSON:Hunter Bryce]], [[STREET_ADDRESS:88 Old Mill Rd, Greenville, SC 29607]]. Phone [[PHONE:864-331-0472]].`,

  // en-US · Faith and Joy as words and name
  `This is [[PERSON:Faith Okonkwo-Reyes]]. I have waited in good faith for three weeks and had no joy with the password reset either. My backup email is [[EMAIL:faith.or@icloud.com]], or call [[PHONE:+1 (404) 617-2283]].`,

  // en-US · application form with SSN
  `Applicant: [[PERSON:Marcus T. Greene]]
SSN: [[US_SSN:412-68-3057]]
Date of birth: [[DATE_OF_BIRTH:11/02/1979]]
Home phone: [[PHONE:(919) 484-2271]]
Current address: [[STREET_ADDRESS:403 Brookhaven Ln, Durham, NC 27707]]
Previous address (< 2 yrs): [[STREET_ADDRESS:1187 Hillsborough St, Apt 3C, Raleigh, NC 27605]]
Email: [[EMAIL:mtgreene79@gmail.com]]
Employer: Triangle Freight Co. (since 06/2018)
Emergency contact: [[PERSON:Loretta Greene]] (wife), [[PHONE:(919) 484-2290]]
Loan amount requested: $18,500 · Term: 60 months`,

  // en-IN · complaint e-mail with address block
  `Dear Sir/Madam,

I had raised complaint no. CMP-2025-11873 on 3rd Feb regarding the washing machine installation. Technician did not turn up on 5th or 7th. Kindly arrange at the earliest. If I am at office, my son [[PERSON:Karthik]] will be at home on weekdays; you may call him on [[PHONE:97411 58203]].

Address: [[STREET_ADDRESS:Flat 302, Sai Residency, 14th Cross, Indiranagar, Bengaluru 560038]]
Mobile: [[PHONE:+91-99001-47562]]
Alternate: [[PHONE:080-4127 6630]]

Regards,
[[PERSON:Venkatesh Iyer]]`,

  // en-NG · form
  `Full name: [[PERSON:Adaeze Nwosu]]
Date of Birth: [[DATE_OF_BIRTH:19/09/1994]]
Phone: [[PHONE:+234 809 552 1187]]
Email: [[EMAIL:adaeze.nwosu@yahoo.com]]
Address: [[STREET_ADDRESS:12 Admiralty Way, Lekki Phase 1, Lagos]]
Plan: Premium (monthly)`,

  // en-KE · agent note
  `Caller [[PERSON:Otieno]] (full name [[PERSON:Brian Otieno Ouma]]) from [[LOCATION:Kisumu]] reports double debit. Safaricom no. [[PHONE:+254 711 482 936]]. Advised 48h reversal window. - [[PERSON:Njeri]], Tier 1`,

  // en-PH · e-mail to the bot with signature
  `Hi Kit,

Good day! I'd like to follow up on my refund request for order PH-99120. I was told it would be credited within 7 banking days but it's been 12 already. The item was a rice cooker (SKU RC-18L), picked up by the courier on Feb 27, waybill 7200 1845 2219. Kindly credit it back to my card and not as store credit.

Thank you,
[[PERSON:Kristine Joy Villanueva]]
[[PHONE:0998 551 2036]]
[[STREET_ADDRESS:Unit 1205 Tower 2, Avida Residences, Sta. Rosa, Laguna 4026]]`,

  // en-ZA · voice transcript, phone and postcode spelled out
  `ja hi it's [[PERSON:Pieter van der Merwe]] I'm phoning about the geyser warranty claim um my number is [[PHONE:oh eight three four four one two nine nine six]] and the address is [[STREET_ADDRESS:21 Protea Avenue Durbanville seven five five oh]] so ja please phone me back or email me on [[EMAIL:pieter at vdmerwe dot co dot za]] the plumber's name was [[PERSON:Johan]] he said the element is finished and the thermostat also so I need the claim number for the insurance thanks bye`,

  // en-AU · e-mail with signature
  `Hi team,

Just confirming the site visit is fine for Thursday 10am. Gate code is 4471#.

Cheers,
[[PERSON:Liam O'Sullivan]]
Operations Lead | Coastal Fitouts Pty Ltd
M: [[PHONE:0438 772 105]] | P: [[PHONE:(02) 9416 3380]]
[[EMAIL:liam.osullivan@coastalfitouts.com.au]]
[[STREET_ADDRESS:Unit 4, 17 Carrington St, Lane Cove NSW 2066]]

> On 10 Mar 2025, at 3:41 pm, [[PERSON:Bec Donnelly]] <[[EMAIL:bec.donnelly@brightsidehvac.com.au]]> wrote:
> Hi [[PERSON:Liam]], can we lock in Thursday 10am for the ducting measure-up? [[PERSON:Bec]]`,

  // en-CA · moved cities
  `hi there, I moved from [[LOCATION:Calgary]] to [[LOCATION:Halifax]] last month, new address is [[STREET_ADDRESS:2241 Gottingen St, Unit 304, Halifax, NS B3K 3B5]]. phone stays the same [[PHONE:403-818-2267]]. - [[PERSON:Priyanka Gill]]`,

  // en-US · emoji, thanking agent, sister's e-mail
  `omg thank u [[PERSON:Danny]]!!! 🙌🙌 finally got my refund. my sister [[PERSON:Ana]] wants to sign up too, her email is [[EMAIL:ana.pereira.nyc@gmail.com]] 😊`,

  // en-GB · address split over lines, title outside
  `Please send the replacement to:
Mrs [[PERSON:J. Okafor-Bennett]]
[[STREET_ADDRESS:27 Hawthorn Close
Basingstoke
RG21 5TY]]

Phone [[PHONE:01256 338 914]] if the courier can't find it.`,

  // en · developer, private key block and server IP
  `ssh into the box fails with "Permission denied (publickey)". This is the key I'm using, is the format wrong?

[[SECRET:-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACDk3vN8qT0xLr2mP7sYc4WbH9jKf1aZ6uQ5eD2gR8tVwAAAAJhXq3pLV6t6
SwAAAAtzc2gtZWQyNTUxOQAAACDk3vN8qT0xLr2mP7sYc4WbH9jKf1aZ6uQ5eD2gR8tVw
AAAEBv2nQ8mK4sR7xT1yW9cZ3fH6jL0aP5eU2iO8gD4bN7kOTe83epPTEuvaY/uxhzhZsf
-----END OPENSSH PRIVATE KEY-----]]

Server is [[IP_ADDRESS:81.174.22.136]], user deploy.`,

  // en-GB · DOB correction with other dates
  `Hi, my account shows the wrong year – my correct date of birth is [[DATE_OF_BIRTH:4 January 1990]]. I joined on 12 March 2021 and renewed on 12 March 2024 if that helps find me. [[PERSON:Gemma Thornton]], [[EMAIL:gemmathornton@btinternet.com]]`,

  // en-US · call notes, family member, e-mail change
  `Call notes 3/18 — spoke w/ [[PERSON:Hannah Kiplagat]] (acct holder) + her dad [[PERSON:Samuel]] on speaker.
- [[PERSON:Hannah]] DOB confirmed [[DATE_OF_BIRTH:08/30/2001]].
- Updated email [[EMAIL:HKiplagat@Outlook.com]] -> [[EMAIL:hannah.kiplagat@gmail.com]]
- [[PERSON:Samuel]] wants to be added as auth user, his cell [[PHONE:248-917-3306]]
- [[PERSON:Samuel]]'s mailing address same as acct: [[STREET_ADDRESS:2841 Woodward Ave, Apt 6, Detroit, MI 48201]]
- [[PERSON:Hannah]] is studying in [[LOCATION:Nairobi]] until June, prefers texts over calls
- Next step: send auth form, f/u Fri 3/21`,

  // en-GB · card over chat with billing address
  `Can you take payment over chat? Card [[CREDIT_CARD:4921 8273 6455 1097]], expiry 03/28, security code 552. Cardholder [[PERSON:Niamh Gallagher]]. Billing address [[STREET_ADDRESS:9 Cherryvalley Park, Belfast BT5 6PN]].`,

  // en-US · voice transcript, card number spelled out
  `yeah hi it's [[PERSON:raymond scully]] the card is a discover [[CREDIT_CARD:six zero one one three nine zero two eight eight four seven one five two six]] expires oh nine twenty seven and the code on the back is four one two`,

  // en-US · travel desk note, Diners card
  `Corp card for [[PERSON:Gregory Adeyemi-Hart]]: Diners [[CREDIT_CARD:3056 981204 7783]], exp 02/27. Please update his traveler profile; his assistant [[PERSON:Colleen]] can be reached at [[PHONE:212-897-4410]] ext. 3.`,

  // en-AE · chat, UAE IBAN
  `Hi Kit, I'm [[PERSON:Fatima Al Mansoori]]. Kindly process the refund to [[IBAN:AE16 0260 0010 1584 7392 614]]. My mobile is [[PHONE:050 733 1842]]. I'm in [[LOCATION:Abu Dhabi]] till end of month.`,

  // en-US · SSN with spaces, lower case
  `do u need my social? its [[US_SSN:287 40 9183]]. name [[PERSON:tyrone jackson]] dob [[DATE_OF_BIRTH:5/9/88]]`,

  // en-US · W-9 vendor setup
  `W-9 info for vendor setup
Name: [[PERSON:Alicia M. Brandt]]
Business name: Brandt Creative LLC
SSN: [[US_SSN:531-72-6648]]
Address: [[STREET_ADDRESS:7720 Fairmount Ave, San Diego, CA 92115]]
Email: [[EMAIL:alicia@brandtcreative.co]]`,

  // en-US · address split, suite first, title outside
  `Ship to:
Dr. [[PERSON:Meera Kapoor]]
[[STREET_ADDRESS:Suite 410
1550 Larimer St
Denver, CO 80202]]
[[PHONE:(720) 381-5526]]`,

  // en-AU · voice transcript, bill / Bill
  `yeah g'day it's [[PERSON:bill]] from [[LOCATION:ballarat]] ah just calling about me bill it's doubled this month the number's [[PHONE:oh four one nine two two six eight three seven]] cheers`,

  // en-CA · form with Québec address
  `First name: [[PERSON:Mélanie]]
Last name: [[PERSON:Tremblay]]
Date of birth: [[DATE_OF_BIRTH:1983-06-17]]
Phone: [[PHONE:514 926-4418]]
Email: [[EMAIL:m.tremblay83@videotron.ca]]
Address: [[STREET_ADDRESS:4520 rue Saint-Denis, app. 3, Montréal (Québec) H2J 2L3]]
Preferred contact time: evenings`,

  // en · developer, rate-limit log lines with IPv4 / IPv6
  `Users are getting rate-limited wrongly. Example from our logs:
2025-03-04T14:22:07Z WARN ratelimit key=user:88213 email=[[EMAIL:kelsey.moran@gmail.com]] ip=[[IP_ADDRESS:2a01:e0a:2f4:9c10:d8e1:4bff:fe21:77a3]] count=61
2025-03-04T14:22:09Z WARN ratelimit key=user:90417 email=[[EMAIL:r.patel@fastmail.com]] ip=[[IP_ADDRESS:99.231.18.64]] count=64
2025-03-04T14:22:11Z WARN ratelimit key=user:90417 email=[[EMAIL:r.patel@fastmail.com]] ip=[[IP_ADDRESS:99.231.18.64]] count=65
Config: window=60s, max=60, keyGenerator=req.ip, trust proxy=false. Upstream LB is 172.20.0.5. Is the limit per IP or per key?`,

  // en-KE · Sheng chat
  `Sasa, ni [[PERSON:Achieng]]. Hii order ya jana haijafika [[LOCATION:Nakuru]]. Nipigie [[PHONE:0733 902 118]] ama email [[EMAIL:achieng.odhiambo@yahoo.com]]. Asante`,

  // en-PH · Taglish chat, nickname and full name
  `hi maam/sir, this is [[PERSON:jonel]] ([[PERSON:Jonel Bautista]]) follow up lang po on my return request. my gcash number is [[PHONE:09561238874]] for the refund. tnx`,

  // en-GB · ticket summary
  `Summary: Mr [[PERSON:Adebayo]] (first name [[PERSON:Tunde]]) rang twice re: boiler service visit. Engineer [[PERSON:Gareth]] no-show on Tue. Rebooked Fri AM. Contact [[PHONE:020 8361 4729]] / [[PHONE:07402 118 365]]. Address on file [[STREET_ADDRESS:56 Chase Side, London N14 5PA]].`,

  // en-US · short e-mail reply with quoted text
  `Thanks [[PERSON:Marcus]], that works.

[[PERSON:Tamara Jenkins]]
Sr. Buyer, Redwood Outdoor Supply
o: [[PHONE:503.228.4100]] x214 | m: [[PHONE:503.960.1127]]

On Mon, Mar 10, 2025 at 9:14 AM [[PERSON:Marcus Bell]] <[[EMAIL:marcus.bell@kestrelgear.com]]> wrote:
> Hi [[PERSON:Tamara]], we can ship the remaining 40 units Wednesday. Can you confirm dock hours?
>
> On Fri, Mar 7, 2025 at 4:02 PM [[PERSON:Tamara Jenkins]] <[[EMAIL:tjenkins@redwoodoutdoor.com]]> wrote:
>> [[PERSON:Marcus]] – we're short 40 units of the 2P tent on PO 77120. Can you ship the balance next week?`,

  // en-US · clinic intake with DOB next to appointment date
  `Patient: [[PERSON:Samuel Osei]]
DOB: [[DATE_OF_BIRTH:07/22/1958]]
Appt: 04/03/2025 10:30
Insurance ID: WXP448120937
Phone: [[PHONE:(301) 614-2780]]
Allergies: penicillin
Preferred language: Twi / English
Reason for visit: follow-up, blood pressure meds
Referred by: Dr. [[PERSON:Ellen Marsh]]
Emergency contact: [[PERSON:Kofi Osei]] (son), [[PHONE:240-318-7746]]
Notes: Pt's daughter [[PERSON:Abena Osei]] will drive him, her cell [[PHONE:301-802-5516]].`,

  // en-US · reset link carrying e-mail and token
  `The reset link isn't working for me: [[URL:https://account.lumalearn.com/reset?email=devon.price%40gmail.com&token=8f3kQ2vX9pLm]] – it says expired. Help article https://help.lumalearn.com/articles/password-reset didn't help. [[PERSON:Devon Price]]`,

  // en · developer, Python traceback with SMTP password and failing payload
  `Receipts stopped sending last night:

Traceback (most recent call last):
  File "/srv/app/worker.py", line 88, in send_receipt
    smtp.login("receipts@harborbooks.com", "[[SECRET:Xr9$vLq2Tm!8]]")
  File "/usr/lib/python3.11/smtplib.py", line 750, in login
    raise last_exception
smtplib.SMTPAuthenticationError: (535, b'5.7.8 Username and Password not accepted')

Failing job payload: {"to": "[[EMAIL:nora.quinn@comcast.net]]", "name": "[[PERSON:Nora Quinn]]", "order": 55120}`,

  // en-IN · Hinglish agent note
  `Cust [[PERSON:Sunita Devi]] called, bol rahi thi delivery boy ne parcel neighbour ko de diya. Addr: [[STREET_ADDRESS:H.No. 2-41, Gandhi Nagar, Vijayawada 520003]]. Alt no. [[PHONE:0866 247 1180]]. Refund raised – [[PERSON:Anil]]`,

  // en-US · voice transcript of a full call (long)
  `Agent: thank you for calling Brightline Wireless my name is [[PERSON:Keon]] how can I help
Caller: hi [[PERSON:Keon]] yeah um this is [[PERSON:Tanya Robinson]] I'm calling for my mom her name is [[PERSON:Gloria Robinson]] she's the account holder
Agent: okay I'll need to verify can I get the phone number on the account
Caller: sure it's [[PHONE:two one four eight eight one three zero six two]]
Agent: and the date of birth of the account holder
Caller: hers is [[DATE_OF_BIRTH:march third nineteen fifty one]]
Agent: thank you and what's the service address
Caller: [[STREET_ADDRESS:6318 Lindell Avenue Dallas Texas 7 5 2 1 4]]
Agent: perfect I see the account what's going on
Caller: she got charged for an international plan but she hasn't left [[LOCATION:Dallas]] in years she only calls my brother [[PERSON:Marcus]] in [[LOCATION:Toronto]] on whatsapp
Agent: I see the add-on from February fourteenth I can remove it and credit the thirty five dollars
Caller: great and can you send the confirmation to my email [[EMAIL:tanya dot robinson at gmail dot com]]
Agent: I'll send it to [[EMAIL:tanya.robinson@gmail.com]] is that right
Caller: yes thank you so much`,

  // en-GB · e-mail thread, letting agent (long)
  `From: [[PERSON:Priya Chandrasekaran]] <[[EMAIL:priya.c@ashgrove-lettings.co.uk]]>
Sent: 14 March 2025 11:02
To: Support <support@keystonehome.co.uk>
Subject: RE: Tenant move-in – boiler cover transfer

Hello,

Following up on my call with [[PERSON:Ben]] yesterday. The new tenants at [[STREET_ADDRESS:19 Albany Terrace, Bath BA2 3JB]] are Mr [[PERSON:Daniel Osei]] and Ms [[PERSON:Hope Fairweather]], moving in on 1 April. Please transfer the boiler cover into [[PERSON:Daniel]]'s name from that date. His mobile is [[PHONE:07853 602 419]] and email [[EMAIL:daniel.osei@gmail.com]].

The outgoing tenant, [[PERSON:Will Sutherland]], has a forwarding address of [[STREET_ADDRESS:4 Marine Parade, Brighton BN2 1TL]] — please send the final statement there.

Many thanks,
[[PERSON:Priya]]

[[PERSON:Priya Chandrasekaran]]
Lettings Manager | Ashgrove Lettings
T: [[PHONE:01225 448 930]] | M: [[PHONE:07712 094 551]]

-----Original Message-----
From: [[PERSON:Ben Ashworth]] <support@keystonehome.co.uk>
Sent: 13 March 2025 16:40
Subject: Tenant move-in – boiler cover transfer

Hi [[PERSON:Priya]], as discussed, just reply with the tenant details and we'll do the rest. [[PERSON:Ben]]`,

  // en · developer, YAML config and webhook payload (long)
  `Hey, our webhook consumer keeps failing signature validation. Config + a sample payload below. Any pointers appreciated!

config/production.yml:
  payments:
    provider: paystream
    api_key: [[SECRET:ps_live_7Hc2Vq9RkL4mXw8ZtN1bY5pD]]
    webhook_secret: [[SECRET:whsec_Qm4Tz8Lp2Vx9Rk6Nw3Yc7Hb1]]
  mail:
    host: smtp.mailgun.org
    user: postmaster@mg.fernleaf.shop
    password: [[SECRET:3fd9c1a8e27b4b6f90d2a7c5e1b8f443]]
  admin_ips:
    - 192.168.1.0/24
    - [[IP_ADDRESS:49.207.58.14]]

Sample webhook body:
{"id":"evt_1PZk82","type":"charge.succeeded","data":{"customer_email":"[[EMAIL:ritu.malhotra@gmail.com]]","billing_name":"[[PERSON:Ritu Malhotra]]","billing_phone":"[[PHONE:+919810447732]]","ip":"[[IP_ADDRESS:49.207.58.14]]"}}

We compute HMAC-SHA256 over the raw body with the webhook secret. Node 20, express.raw() on that route.`,

  // en-NG · complaint letter (long)
  `Dear Customer Care,

My name is [[PERSON:Oluwaseun Adebayo-Williams]] and I have been a customer since 2019. On 28 February I ordered a 55-inch TV (order NG-5590213) and paid ₦612,000 by transfer. Delivery was scheduled for 4 March to my house at [[STREET_ADDRESS:7 Bode Thomas Street, Surulere, Lagos]]. Nobody came. I called your line 6 times and was told by one Mr. [[PERSON:Femi]] that the rider "could not find the address", yet nobody called me.

My phone [[PHONE:0802 339 1045]] was on all day. My wife [[PERSON:Funmilayo]] was at home too; you can reach her on [[PHONE:0816 702 4481]].

I want either delivery by Friday or a full refund to my GTBank account. I have attached the receipt.

Yours faithfully,
[[PERSON:Oluwaseun Adebayo-Williams]]
[[EMAIL:seun.adebayowilliams@gmail.com]]`,

  // en-US · CRM account notes (long)
  `Account: Greenfield Pediatrics (acct 20-44871)
Primary contact: Dr. [[PERSON:Nadia Haddad]], [[EMAIL:nadia.haddad@greenfieldpeds.com]], direct [[PHONE:(937) 318-6620]]
Billing contact: [[PERSON:Lorraine Pike]], office manager, [[EMAIL:lpike@greenfieldpeds.com]], [[PHONE:937-318-6600]] ext 104

02/11 – [[PERSON:Lorraine]] called: invoice INV-88213 double-counted 3 licenses. Credited $540. – [[PERSON:Jamal]]
02/19 – Dr. [[PERSON:Haddad]] asked to add a new provider, Dr. [[PERSON:Kevin Tran]], start 03/01. Needs login; personal email [[EMAIL:ktran.md@gmail.com]] for now (temp until their IT sets him up).
03/04 – [[PERSON:Kevin]] locked out after 5 attempts from [[IP_ADDRESS:73.98.214.66]]. Reset done, told him to use the work address going forward. – [[PERSON:Jamal]]
03/10 – [[PERSON:Lorraine]]: office moving to [[STREET_ADDRESS:2700 Miamisburg Centerville Rd, Suite 310, Dayton, OH 45459]] on 04/01. Update ship-to for hardware. – [[PERSON:Sofia]]`,

  // en-US · Spanglish chat
  `hola buenas, my name is [[PERSON:Yesenia Paredes]], mi pedido llegó broken. Can you call me al [[PHONE:(956) 731-4408]]? Estoy en [[LOCATION:McAllen]]. gracias!!`,

  // en-US · one-liner, e-mail in odd casing
  `pls send receipt to [[EMAIL:Brandon.ONeil@GMAIL.COM]] thx`,

  // en-GB · Hope as verb, names of cultures
  `Hope you're well. Just to let you know my partner [[PERSON:Kwame Asante]] will collect the parcel on Saturday, he'll bring ID. My number is [[PHONE:07480 229 731]] if there's any problem. [[PERSON:Hannah Leigh]]`,

  // en-IN · e-mail with signature and landline
  `Hi,

Please find attached the signed KYC form. Kindly update my date of birth to [[DATE_OF_BIRTH:12-08-1985]] as the earlier one was entered as the account opening date by mistake. Please also add my husband [[PERSON:Suresh]]'s number [[PHONE:+91 98400 55129]] as the alternate contact.

Thanks & Regards,
[[PERSON:Deepika Subramaniam]]
Senior Analyst, Finance
[[PHONE:+91 44 4286 7710]] (O) | [[PHONE:+91 98840 21376]] (M)
[[STREET_ADDRESS:No. 18, 2nd Main Road, Gandhi Nagar, Adyar, Chennai 600020]]`,

  // en-AU · short, landline with brackets, Jack as name
  `Hey, [[PERSON:Jack Mitchell]] here – the installer never turned up. Home [[PHONE:(07) 3856 2210]], mob [[PHONE:0401 773 918]]. [[STREET_ADDRESS:45 Latrobe Tce, Paddington QLD 4064]].`,

  // en-US · voice transcript, mixed digits and words, e-mail spelled out
  `ok so my name is [[PERSON:latoya simmons]] the email is [[EMAIL:latoya s at yahoo dot com]] no dots and my birthday is [[DATE_OF_BIRTH:june ninth eighty two]] the order was placed last tuesday i think and it was a gift for my nephew [[PERSON:jaylen]] so it was supposed to go to his place which is [[STREET_ADDRESS:3390 peachtree road northeast apartment 1208 atlanta georgia three zero three two six]] but it came to my house instead and the tracking said delivered on the eleventh so please fix it`,

  // en-IE · short chat
  `Hiya, [[PERSON:Aoife Brennan]] here, I'm in [[LOCATION:Galway]] and the courier keeps saying "address not found". It's [[STREET_ADDRESS:12 Dalysfort Road, Salthill, Galway H91 X2F7]]. Ring me on [[PHONE:+353 86 412 3970]].`,

  // en-US · social security number on a landlord form
  `Rental application – co-signer
Name: [[PERSON:Patricia Nwankwo]]
SSN: [[US_SSN:143-88-5120]]
DOB: [[DATE_OF_BIRTH:September 3, 1962]]
Relationship to applicant: mother
Phone: [[PHONE:(832) 507-1194]]
Current address: [[STREET_ADDRESS:9021 Bellaire Blvd, Apt 211, Houston, TX 77036]]
Employer: Memorial Hermann (RN, 14 yrs)
Monthly income: $7,850
Applicant: [[PERSON:Chidi Nwankwo]] (son)
Move-in date requested: June 1, 2025
Signature: /s/ [[PERSON:Patricia Nwankwo]]   Date: 03/12/2025`,

  // en-ZA · card pasted after bot asks, lower case name
  `Kit: For your security, please don't share full card numbers here.
User: oh sorry already did lol its [[CREDIT_CARD:4556 7302 1984 5171]] exp 10/26 under [[PERSON:lerato mokoena]]`,

  // en-US · Mastercard, zip not labeled alone, Faith as word
  `Trying to pay with my MC [[CREDIT_CARD:5167 3290 4418 8721]] and it keeps declining. Took it on faith that it would work the second time. [[PERSON:Desmond Clarke]], [[EMAIL:dclarke@me.com]]`,

  // en-NG · IP and password in chat (value only)
  `I changed my password to [[SECRET:Lagos2025!Ade]] yesterday but still cannot login. The error page shows my IP as [[IP_ADDRESS:102.89.33.170]]. Email is [[EMAIL:adewale.ade@gmail.com]]`,

  // en-GB · LinkedIn URL in signature
  `Hi Kit team,

Following our call, please send the renewal quote for 40 seats to me and copy our procurement lead, [[PERSON:Sandeep Kulkarni]] ([[EMAIL:sandeep.kulkarni@tidewateranalytics.com]]). We'd like to sign before the 31st. The PO number will follow from [[PERSON:Sandeep]]'s team once the quote is approved.

Best,
[[PERSON:Olivia Harcourt-Smythe]]
Head of Partnerships, Tidewater Analytics
[[PHONE:+44 20 7183 3812]] · [[URL:https://www.linkedin.com/in/olivia-harcourt-smythe-4b21a7]]`,

  // es-AR · chat
  `hola!! soy [[PERSON:Martina]] de [[LOCATION:Rosario]], me pasás el estado del pedido 99210? mi cel es [[PHONE:+54 9 341 528-4417]], gracias`,

  // es-CO · complaint e-mail (long)
  `Estimados:

Les escribo por tercera vez por el reclamo 88-1204. Soy [[PERSON:Valentina Ríos Castaño]], titular de la cuenta desde 2021. El técnico, un señor llamado [[PERSON:Andrés]], vino el 3 de marzo a mi apartamento en [[STREET_ADDRESS:Carrera 43A #14-109, Apto 802, Medellín]] y dejó el router sin configurar.

Necesito que alguien me llame al [[PHONE:+57 310 482 7719]] o al fijo [[PHONE:(604) 444 1290]]. Mi correo alternativo es [[EMAIL:valen.rios@hotmail.com]].

Quedo atenta.
[[PERSON:Valentina Ríos C.]]`,

  // fr-CA · chat
  `allo, c'est [[PERSON:Jean-François Gagnon]], mon numéro c'est le [[PHONE:418 659-2203]]. la commande est arrivée chez ma voisine Mme [[PERSON:Pelletier]] au lieu de chez nous, on est au [[STREET_ADDRESS:1180 av. Cartier, Québec QC G1R 2S7]]`,

  // fr-FR · e-mail signature, Lilas street
  `Bonjour,

Je vous confirme le rendez-vous de mardi 14h pour l'installation.

Bien cordialement,
[[PERSON:Hélène Garnier]]
Responsable administrative
[[STREET_ADDRESS:12 rue des Lilas, 69003 Lyon]]
Tél. : [[PHONE:04 78 62 19 40]] – Port. : [[PHONE:06 31 84 27 55]]
[[EMAIL:h.garnier@orange.fr]]`,

  // de-CH · refund to Swiss IBAN
  `Grüezi, [[PERSON:Reto Brunner]] hier. Bitte die Rückerstattung auf [[IBAN:CH63 0483 5048 2917 5300 1]] überweisen. Bei Fragen: [[PHONE:079 412 58 36]].`,

  // de-DE · developer question (long)
  `Hallo zusammen,

seit dem Update auf 3.8 bekommen wir beim Export folgenden Fehler:

ERROR ExportJob - Upload fehlgeschlagen: 403 Forbidden
  endpoint=https://export.datenhafen.de/api/v1/upload
  token=[[SECRET:dh_tok_8Kq2Vm7Xr4Lp9Zw1Nc6Tb3Ys]]
  user=[[EMAIL:sabine.krueger@hoffmann-logistik.de]]
  client_ip=[[IP_ADDRESS:88.217.140.7]]

Die Zugangsdaten in der .env:
DH_USER=[[EMAIL:sabine.krueger@hoffmann-logistik.de]]
DH_PASSWORD=[[SECRET:Fr!hling2025#Hx]]

Hat jemand eine Idee? Rückfragen gern an mich, Tel. [[PHONE:089 2190 4471]]-23.

Viele Grüße
[[PERSON:Sabine Krüger]]`,

  // pt-PT · refund to IBAN with address
  `Bom dia, sou a [[PERSON:Inês Carvalho]]. Podem fazer o reembolso para o IBAN [[IBAN:PT50 0035 0697 0063 8472 9513 9]]? A morada de faturação é [[STREET_ADDRESS:Rua Augusta 215, 2.º Esq., 1100-053 Lisboa]]. Tlm [[PHONE:912 384 570]].`,

  // pt-BR · form
  `Nome: [[PERSON:Rafael Souza Oliveira]]
Data de nascimento: [[DATE_OF_BIRTH:03/11/1992]]
Endereço: [[STREET_ADDRESS:Rua Oscar Freire, 1520, apto 84, Pinheiros, São Paulo - SP, 05409-011]]
Celular: [[PHONE:+55 11 97204-6138]]
E-mail: [[EMAIL:rafa.souza92@gmail.com]]
Pedido: 7781-BR (entregue em 20/02/2025)
Mensagem: O entregador deixou a caixa com o porteiro, seu [[PERSON:Valdir]], e ela chegou amassada. Quero trocar o produto ou receber o estorno. Prefiro contato por WhatsApp.`,

  // it-IT · agent note
  `Chiamata da [[PERSON:Lorenzo Bianchi]] per la fattura di febbraio, chiede rateizzazione. Recapito [[PHONE:+39 02 8736 4412]], email [[EMAIL:lorenzo.bianchi71@libero.it]]. Indirizzo aggiornato: [[STREET_ADDRESS:Via Garibaldi 27, 10122 Torino]]. Richiamare lunedì. – [[PERSON:Chiara]]`,

  // nl-NL · refund to IBAN with initials
  `Graag het bedrag terugstorten op [[IBAN:NL49 INGB 0006 8421 97]] t.n.v. [[PERSON:P. Jansen]]. Bij vragen kunt u mij bellen op [[PHONE:+31 6 2847 1193]]. Groet, [[PERSON:Pieter Jansen]]`,

  // pl-PL · refund to IBAN
  `Proszę o zwrot środków na konto [[IBAN:PL55 1050 1445 1000 0090 7126 3485]]. Zamówienie 55/2025/B. [[PERSON:Marek Zieliński]], [[EMAIL:m.zielinski@wp.pl]]`,

  // ja · JCB card, romanized name on card
  `先ほど決済エラーになりました。カード番号は [[CREDIT_CARD:3530 1148 7726 5092]]、有効期限 05/29、名義は [[PERSON:KENTA SATO]] です。再度お試しいただけますか。`,

  // ja · developer question with API key and e-mail
  `本番環境でだけ Webhook の送信が 401 になります。設定は以下のとおりです。
NOTIFY_API_KEY=[[SECRET:nk_prod_4fT8qLz2Wm9Xc7Vb1Rp6]]
NOTIFY_TO=[[EMAIL:y.tanaka@sakura-dev.jp]]
NOTIFY_ENDPOINT=https://hooks.sakura-dev.jp/notify
NOTIFY_RETRY=3
昨日 18 時頃のデプロイ（v2.4.1）以降に発生しています。
エラーログ: POST https://hooks.sakura-dev.jp/notify 401 Unauthorized（送信元 IP: [[IP_ADDRESS:133.242.18.77]]）
ステージングでは同じ設定で動いています。キーの権限設定など、確認すべき点があれば教えてください。
[[PERSON:田中]]`,

  // hi · Devanagari agent note
  `ग्राहक [[PERSON:सुनीता यादव]] ने कॉल किया, उनका रिफंड 10 दिन से पेंडिंग है। वैकल्पिक नंबर [[PHONE:+91 94150 37726]]। ग्राहक [[LOCATION:लखनऊ]] में रहती हैं। – [[PERSON:अमित]]`,

  // hi · romanized with English, DOB
  `hello ji, mera naam [[PERSON:Gurpreet Singh]] hai. account mein meri date of birth galat hai, sahi DOB [[DATE_OF_BIRTH:15/04/1979]] hai. order 22 March ko kiya tha. call [[PHONE:098140 62237]] pe karo`,

  // en-US · several messages in a row, lower case, run-together phone
  `hi this is [[PERSON:jenna kowalski]]
my order never showed up??
wait nvm it came but its the wrong size can u exchang it
my adress is [[STREET_ADDRESS:1204 w 38th st apt 2 minneapolis mn 55409]] and my phone is [[PHONE:6128827310]] or call me at work [[PHONE:(612) 448-9021]]`,

  // en-US · shift handover, Bill and Joy as names and words, blocked IP
  `Shift handover – chat queue, Tue evening (from [[PERSON:Joy]] to overnight)

1. Order 1Z-448219063 – item missing from box. Cx [[PERSON:Tasha]] (phone [[PHONE:917-603-5582]]) sent photos, replacement approved, label still needs to go out tonight.
2. [[PERSON:Bill Nakamura]], acct 5520193 – billed twice for March, 3rd time this year. Refund of $49.99 pending finance sign-off. He asked us not to "bill me twice again", so pls flag the acct for manual review.
3. [[PERSON:Glenn]] (no surname given) says the site blocks his IP [[IP_ADDRESS:68.42.190.7]] at checkout. WAF had the whole /24 on the abuse list. Ticket open w/ SecOps.
4. [[PERSON:Jasmine Cole]] texted from her new number [[PHONE:+1-470-228-9153]], running late for tomorrow's 2pm install appt, wants to push to 3. Not confirmed yet.

No joy on the printer issue, IT says tomorrow. – [[PERSON:Joy]]`,

  // en-GB · payments queue with three IBANs
  `Refund / bank-detail changes – pending verification (do NOT pay until call-back done)

• [[PERSON:Callum Fraser]] – wants the refund to his Monzo account instead of the card: [[IBAN:GB27 MONZ 0400 0483 9205 71]]. Call-back number on file [[PHONE:07588 214 693]].
• [[PERSON:Siobhán Ní Bhriain]] – DD to move to [[IBAN:IE71AIBK93208815927364]] from next month. Confirmed by phone on [[PHONE:087 341 2209]] (spoke to her directly).
• Supplier change: [[PERSON:Koen Vermeulen]] (sole trader) e-mailed a new IBAN [[IBAN:BE21 0682 3740 5103]]. We had a fraud attempt with this supplier last year – confirm with him on [[PHONE:+32 476 21 88 04]] before releasing anything.

Owner: [[PERSON:Ruth]] (Payments). Review by Fri.`,

  // en · developer, CI runner config files with token and AWS keys
  `Our GitHub Actions deploy job started failing on two steps at once, first npm install and then the S3 upload. For debugging I copied the runner's config files below (yes, I'll rotate everything after).

~/.npmrc:
//npm.pkg.github.com/:_authToken=[[SECRET:ghp_R7kW2nQ9xLm4Tz8VbP1cY6dH3sJ0fGa5EuKi]]
@brightpaws:registry=https://npm.pkg.github.com

~/.aws/credentials:
[default]
aws_access_key_id = [[SECRET:AKIA4XQ7RZ2M9KWPL3ND]]
aws_secret_access_key = [[SECRET:u8Jk2PqL9vRz3WxT6mYb0NcH5sDf1GaE7iKoQ4tZ]]

npm says E401 and boto3 says InvalidClientTokenId, but both keys work from my laptop. Is something in the runner environment overriding them?`,

  // en · developer, SQL Server connection string and Mongo URI
  `We're halfway through moving billing from SQL Server to Mongo and both sides are broken on staging today.

Old (SQL Server) – the staging API can't reach it:
Server=sql-stg-02.internal;Database=Billing;User Id=svc_billing;Password=[[SECRET:Qv8!mRt2#wLx]];Encrypt=true
Allowed IPs: 10.0.4.17 and our office egress [[IP_ADDRESS:73.162.45.201]]. From 10.0.4.17 it connects, from the office it times out.

New (Mongo) – "Authentication failed", but the same creds work in Compass:
[[URL:mongodb+srv://orders_rw:P7xq%21Lm92z@cluster0.kz3fq.mongodb.net/shop?retryWrites=true]]
Failing query: db.customers.find({ email: "[[EMAIL:alexis.fontaine@free.fr]]" })

Driver 6.3, Node 20. Any ideas for either one?`,

  // en-US · two cards in one message, partial card not labeled
  `Hi, two things on my account:
1) please update billing to my new card [[CREDIT_CARD:2223 1456 9870 2230]] exp 12/29 – the old one ending 8813 was stolen last week and I've cancelled it.
2) for the event deposit, can you charge the Amex instead: [[CREDIT_CARD:3782-914055-32192]] exp 11/26 cid 7731. The name on the Amex is my business partner [[PERSON:Ava Lindqvist]], she's fine with it.

Thanks so much,
[[PERSON:Renee Castillo]]
P.S. please email the receipt to [[EMAIL:renee@castilloevents.com]], not my personal one.`,

  // en · trust & safety log, logins from public IPs in three countries
  `T&S log – suspicious login reports, 11 Mar

- [[PERSON:Angelica Reyes]] ([[PHONE:+63 917 504 2286]]) reports a login from [[IP_ADDRESS:112.198.75.31]]; she's in [[LOCATION:Cebu]] and says it wasn't her. Account locked, reset link sent.
- 2FA reset approved for [[PERSON:Mercy Wambui]] ([[EMAIL:mercy.wambui@outlook.com]]) after video KYC. Request came from [[IP_ADDRESS:41.90.64.212]], matches her usual location.
- [[PERSON:Anneke Botha]] ([[PHONE:+27 83 602 1145]]): session from [[IP_ADDRESS:196.210.4.88]] geolocated to [[LOCATION:Johannesburg]], she has never been there. Sessions revoked, escalated to fraud.

– [[PERSON:Kevin O.]]`,

  // en-US · billing queue notes, SSN run together, partial SSN not labeled
  `Billing queue notes – Mon

#48213 Cust [[PERSON:Bill Harrington]] disputes the bill from Jan, wants credit back to card on file (ending 0092). Callback [[PHONE:(614) 227-8841]] x305, prefers mornings. Assigned to [[PERSON:Keisha]].

#48220 Verified caller via last 4 SSN + DOB. Caller: [[PERSON:Denise Alvarado]], spouse of acct holder [[PERSON:Ray Alvarado]]. Updated mailing address to [[STREET_ADDRESS:1719 E Camelback Rd Unit 8, Phoenix, AZ 85016]]. cb [[PHONE:602-834-0143]]

#48231 Customer read out SSN [[US_SSN:609152274]] to verify; our record had the last four as 2247, so probably a typo on our side. Customer: [[PERSON:Juan Pablo Ortiz]], [[PHONE:786.554.0918]]. Sent to data team to correct.`,

  // en-IN · chat, UPI double debit and RuPay card
  `Hello, I am [[PERSON:Arjun Reddy]] from [[LOCATION:Hyderabad]]. First my UPI payment got debited twice, ₹1,499 each, for order 40218873. Then I tried paying the balance with RuPay card [[CREDIT_CARD:6521 5009 8134 7269]] and it failed thrice but amount got deducted each time!! Card is in my mother's name, [[PERSON:Lakshmi Narayanan]]. Please refund all extra debits. Reg mobile [[PHONE:+91 90300 71864]], mail [[EMAIL:arjun.reddy.k@rediffmail.com]]. Screenshots attached. This is my 3rd mail on this, earlier ticket 5521873 was closed without resolution.`,

  // en-US · Jack and Lily as names and ordinary words
  `my husband [[PERSON:Jack]] set up the account and now neither of us can get in 😩 the ethernet jack on the router is loose too lol. his email is [[EMAIL:jack.orourke77@aol.com]]. also I had a gift in the cart for our daughter [[PERSON:Lily]], the lily-print pajamas, can you ship them straight to her apartment? [[STREET_ADDRESS:5120 S Harper Ave, Apt 3R, Chicago, IL 60615]] thanks!! - [[PERSON:Megan O'Rourke]] ([[PHONE:773-490-2281]])`,

  // en-CA · exchange with the bot, lower case name, address with unit
  `Kit: Hi, I'm Kit! What can I help you with today?
User: hi kit its [[PERSON:rosa]], [[PERSON:rosa delgado]]. i moved, can u update my shipping address
Kit: Of course, [[PERSON:Rosa]]! What's the new address?
User: [[STREET_ADDRESS:77 Dundas St W #1405, Toronto ON M5G 2C3]]
Kit: Got it. Is your phone number still the same?
User: nope its [[PHONE:647 382 0199]] now. and my email changed too, [[EMAIL:rosa.delgado.88@gmail.com]]
Kit: Thanks! I've sent a confirmation link to that address. Anything else?
User: no thats it ty`,
];

const NEGATIVES: readonly string[] = [
  // en · order confirmation
  `Thanks for your order! Order #A-20931-77 has been confirmed.

2 × Ceramic Pour-Over Set (Sand) — $34.00
1 × Paper Filters, 100 pack — $6.50
Shipping (Standard, 3–5 business days): $4.95
Tax: $3.42
Total: $82.87

You'll get another message when your order ships. Need to change something? Orders can be edited for 60 minutes after checkout from the Orders page; after that, the warehouse starts picking and changes are no longer possible. Questions? Just reply to this message.`,

  // en · shipping notice
  `Your package is on its way. Tracking number: 1Z9X74W80321458871. Estimated delivery: Thursday between 9:00 and 13:00. Parcel 2 of 2 (tracking 1Z9X74W80321458880) ships separately.`,

  // en · product page with given-name product
  `Meet Aria, our smartest speaker yet. Aria fills any room with rich 360° sound, pairs with up to eight devices and learns your listening habits over time. Available in Charcoal, Chalk and Sage. Aria Mini ($79) and Aria Max ($249) ship from 14 April.`,

  // en · release notes, given-name product and feature names
  `Release notes — Jasper 4.2.0
• New: "Mark as done" now works from the notification tray.
• New: Bill Split lets households divide a shared invoice by percentage.
• Improved: Will-it-fit preview for the Max and Mini models.
• Fixed: the Summer theme no longer resets to Default after sign-out.
• Fixed: crash when exporting more than 10,000 rows to CSV (#4412).
• Fixed: "Faith mode" (auto-approve for trusted devices) ignored the 24-hour timeout.
• Deprecated: the legacy v1 sync endpoint will be removed in 5.0.`,

  // en · status page with private IPs
  `Status: Degraded performance — API (resolved)
14:02 UTC  Elevated 5xx rates from the api-gateway tier.
14:09 UTC  Identified: node 10.12.3.41 exhausted its connection pool after config push cfg-7781.
14:20 UTC  Traffic drained to 10.12.3.42 and 10.12.3.43; error rate back to baseline.
14:45 UTC  Resolved. Postmortem to follow within 5 business days.
Affected: REST API, webhooks (delayed up to 11 minutes). Not affected: dashboard, checkout widget.`,

  // en · application log with UUIDs and hashes
  `2025-03-11T08:14:22.418Z INFO  job=reindex id=5f2c9a1e-7b3d-4e8f-a6c2-91d04b7e3f18 shard=3/8 docs=48211
2025-03-11T08:14:23.002Z WARN  job=reindex id=5f2c9a1e-7b3d-4e8f-a6c2-91d04b7e3f18 slow batch 1873ms peer=172.16.8.21:9200
2025-03-11T08:14:25.640Z INFO  build=ci-20250311.4 commit=9c1e4b7a2f0d83e6b5a91c2d7f48e03a6b1c9d25 status=ok
2025-03-11T08:14:25.641Z INFO  cache hit ratio 0.973 (127.0.0.1:6379)`,

  // en · bot introduction
  `Hi, I'm Kit, the virtual assistant for this store. I can track orders, start returns and answer billing questions. I'm an AI, so for anything I can't handle I'll hand you over to a human teammate. What can I help with?`,

  // en · FAQ with dates
  `How long do I have to return an item?
Most items can be returned within 30 days of delivery. Orders placed between 15 November and 31 December can be returned until 31 January of the following year. Final-sale items are marked on the product page and cannot be returned.

When will I get my money back?
Refunds are issued to the original payment method within 5 business days of the return reaching our warehouse. Store credit is issued instantly.`,

  // en · SKU sheet
  `SKU,Name,Colour,Size,Qty,Price
TS-1042-BLK-M,Everyday Tee,Black,M,120,18.00
TS-1042-BLK-L,Everyday Tee,Black,L,96,18.00
TS-1042-RSE-S,Everyday Tee,Rose,S,44,18.00
HD-2210-HNT-M,Trail Hoodie,Hunter,M,35,64.00
HD-2210-HNT-L,Trail Hoodie,Hunter,L,28,64.00
CP-0907-LLY-OS,Lily Cap,Cream,OS,210,22.00
CP-0907-LLY-OS2,Lily Cap,Sage,OS,185,22.00
JK-5501-JCK-M,Jack Rain Shell,Navy,M,40,89.00
JK-5501-JCK-L,Jack Rain Shell,Navy,L,32,89.00`,

  // en · privacy policy excerpt
  `This policy was last updated on 1 February 2025 and replaces the version dated 12 June 2023. We keep support conversations for 24 months and delete payment tokens 90 days after an account is closed. You may request a copy of your data at any time from the account settings page. We will answer access and deletion requests within 30 days; complex requests may take up to 60 additional days, and we will tell you if that happens.`,

  // en · docker-compose with variable references only
  `services:
  api:
    image: registry.internal/shop-api:2.14.3
    environment:
      DATABASE_HOST: db
      DATABASE_PASSWORD: $DATABASE_PASSWORD
      REDIS_URL: redis://cache:6379/0
    ports:
      - "8080:8080"
  worker:
    image: registry.internal/shop-worker:2.14.3
    command: ["node", "dist/worker.js"]
    depends_on: [api, db]
  db:
    image: postgres:16.2
    volumes:
      - pgdata:/var/lib/postgresql/data`,

  // en · API reference with placeholders and documentation IPs
  `Authentication: send your key in the X-Api-Key header, e.g. X-Api-Key: YOUR_API_KEY. Requests from addresses on your allow-list only — for example 192.0.2.10 or 203.0.113.0/24. Exceeding 600 requests per minute returns HTTP 429 with a Retry-After header.

Keys are scoped per environment: test keys only work against the sandbox and never move real money. Rotate a key from Settings › API keys; the old key keeps working for 24 hours.`,

  // en · product range with given-name products
  `The Joy blender range: Joy Compact (600 W, 1.2 L), Joy Pro (1200 W, 2 L) and Joy Pro+ with the heated jug. All three come with a 5-year motor warranty. Pair with the Hope travel cup, now in three new colours.`,

  // en · CI pipeline output
  `#14 [build 5/7] RUN npm ci --omit=dev
#14 DONE 41.8s
#15 [build 6/7] RUN npm run build
#15 DONE 23.2s
#16 exporting to image
#16 writing image sha256:3f7a9c2e1b8d4f60a5e2c7b9d1f03e84a6c25b7d9e1f0a3c4b6d8e2f1a9c7b5e done
#16 naming to ghcr.io/acme-labs/storefront:1.9.0-rc.2 done
#17 pushing layers 12/12 done
Build finished in 1m 48s · cache hit 9/12 layers · run id 8123374051`,

  // en · coupon terms
  `SPRING25 gives 25% off full-price items until 11:59 pm on 30 April 2025. One use per account. Not valid on gift cards, bundles or items already on sale. Cannot be combined with other codes.`,

  // en · warranty policy
  `Limited warranty: products bought on or after 1 January 2024 are covered for two years from the date of purchase against defects in materials and workmanship. Batteries are covered for 12 months. Keep your order number; it serves as proof of purchase. The warranty does not cover normal wear, cosmetic damage, or damage caused by unauthorised repairs. Repaired or replaced products are covered for the rest of the original period.`,

  // en · maintenance notice
  `Scheduled maintenance: Sunday 02:00–04:00 UTC. Checkout and account pages will be unavailable. Orders placed before the window will be processed as usual. No action is needed on your side.`,

  // en · Kubernetes pod list
  `NAME                          READY   STATUS    RESTARTS   AGE   IP
checkout-7d9f8b6c5-2xkqp      1/1     Running   0          3d    10.244.1.17
checkout-7d9f8b6c5-9m4tz      1/1     Running   2          3d    10.244.2.31
payments-5c8d7f9b4-hq2wl      1/1     Running   0          26h   10.244.1.22
redis-0                       1/1     Running   0          11d   10.244.3.5
search-6b5f4d8c7-tq7rx        0/1     Pending   0          4m    <none>`,

  // en · invoice line items
  `Invoice INV-2025-00318 · Due 15 April 2025
Plan: Team (annual), 12 seats × $96.00 = $1,152.00
Add-on: Priority support = $240.00
Discount (nonprofit, 15%) = -$208.80
Total due: $1,183.20 · Payment terms: net 30`,

  // en · bot with user who shares nothing personal
  `User: how do i reset my password
Kit: Tap "Forgot password" on the sign-in screen and follow the link we send you. The link is valid for 30 minutes.
User: ok thanks kit
Kit: You're welcome! Anything else?`,

  // en · changelog mentioning features named like people
  `v3.1.0 (2025-02-27)
- Added "Hunter" mode for the robot vacuum: finds and revisits missed spots.
- The Rose and Lily colourways are back in stock for the Ember kettle.
- Fixed a bug where "Will arrive" dates showed in the wrong format.
- Dependency bumps: openssl 3.0.15, zlib 1.3.1.
- The Joy and Hope mug sets now show the correct stock level on the product page.
- Removed the unused "Bill me later" toggle from checkout settings.`,

  // en · inventory reconciliation
  `Cycle count 2025-W10: 1,482 SKUs counted, 17 variances over threshold. Largest: SKU BK-3310 (system 240, counted 212), SKU MG-0081 (system 58, counted 71). Recount scheduled for Tuesday, bin range A-14 to A-22.`,

  // en · troubleshooting reply
  `If your device shows error E-42, unplug it for 30 seconds, hold the reset button for 10 seconds and plug it back in. Firmware 2.8.1 or later fixes the issue permanently; you can check your version under Settings › About.`,

  // de · shipping confirmation
  `Ihre Bestellung 4081-2271-DE wurde versandt. Sendungsnummer: 00340434161094218837. Voraussichtliche Zustellung: Mittwoch. Bitte beachten Sie, dass Artikel 3 (Kaffeemühle, schwarz) separat geliefert wird.`,

  // fr · FAQ
  `Puis-je modifier ma commande après validation ? Oui, tant qu'elle n'a pas été préparée, en général dans l'heure qui suit. Passé ce délai, vous pouvez refuser le colis ou effectuer un retour gratuit sous 30 jours.`,

  // ja · order confirmation
  `ご注文ありがとうございます。注文番号：JP-30218-44
商品：ステンレスボトル 500ml（ミント）× 2
小計：¥4,400　送料：無料
お届け予定日：3月18日（火）`,

  // pt · release notes
  `Novidades da versão 5.3: exportação em PDF com marca d'água, filtros salvos no painel e correção do erro que duplicava notificações no Android 14. A versão mínima suportada passa a ser a 12.`,

  // es · bot introduction
  `¡Hola! Soy Kit, el asistente virtual de la tienda. Puedo ayudarte a seguir un pedido, iniciar una devolución o resolver dudas de facturación. Si necesitas hablar con una persona, escribe "agente".`,

  // nl · return policy
  `Retourneren kan binnen 14 dagen na ontvangst. Gebruik het retourlabel uit je account; de kosten bedragen € 3,95 en worden van je terugbetaling afgetrokken. Terugbetaling volgt binnen 5 werkdagen na ontvangst van het pakket.`,

  // en · hash and version table
  `Artifact checksums (v2.7.4)
storefront-linux-amd64.tar.gz  sha256 8d2f61c0b7e94a35f1c86d0e2ab74f9135c6e8d07b2a94f3e1c5d8b6a0f72e49
storefront-darwin-arm64.tar.gz sha256 f41a9e07c3d2b68e5a1f0c947d23b86e0f5a7c19d4e82b36a0c5f7e19d4b2a83
storefront-windows-amd64.zip   sha256 0e6b2d94a7f13c58e9b0a2d71c4f86e35b9a0d27e1c4f8a6b3d59e2c70f1a4b8
Build 20250306.2 · go1.22.1 · commit a3f9e1c`,
];

export function heldout12(): LabeledDoc[] {
  return [
    ...POSITIVES.map((src, i) => parseMarkup(`h12-p${i + 1}`, 'heldout12', src)),
    ...NEGATIVES.map((src, i) => parseMarkup(`h12-n${i + 1}`, 'heldout12-negative', src, true)),
  ];
}
