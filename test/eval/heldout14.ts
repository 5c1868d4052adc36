/**
 * Held-out set 14: 111 hand-labeled texts plus 31 hard negatives, written blind (without looking at the detector or
 * at the other evaluation sets; only markup.ts and heldout9.ts's header, export and a few documents were read). Its
 * emphasis is on genres OTHER than e-commerce tickets, as an LLM customer-support or productivity app would send them
 * to a model: property management and tenant messages, schools, parents and tutors, clinic and lab appointment
 * reminders (no diagnoses), debt-collection and legal letters, charity and donor management, gig-economy driver and
 * courier chats, recruiting (CVs, cover letters, interview scheduling, reference checks), government and municipal
 * services, B2B SaaS account management (QBRs, leaked keys, SSO, webhook logs), meeting notes and calendar invites,
 * e-mail signatures and forwarded threads, Slack / Teams exports, spreadsheets and CSV pasted as text, markdown
 * tables, JSON API payloads and SMS threads. English from the US, UK, India, Nigeria, Australia, Ireland and
 * Singapore, plus DE, FR, ES (ES, MX, AR), PT-BR, IT, NL, SV, PL, TR, RU, AR, HE, HI, JA, ZH, KO, VI, ID and TL
 * (Taglish). Names of many cultures, including given names that are also ordinary words (Joy, Hope, Rich, Dawn,
 * Chase, Mercy, Gift, Sunny, Faith, Blessing, Precious, Will, Hunter, Summer), while the same words also appear as
 * ordinary words, brands and banks elsewhere. The hard negatives are texts of the same genres with no personal
 * data: building notices, term calendars, clinic policies, fare tables, release notes, catalogs, invoices, tracking
 * updates, meeting-room rosters, bot greetings, API references with placeholders, and copy full of word-names.
 * Conventions (as in heldout9): titles (Mr., Dr., Ms, Herr, Frau, Sr.) and "'s" are outside PERSON spans; a full
 * name is one PERSON span, a first name or surname alone is a PERSON span; pet names are not persons; phone
 * extensions are outside PHONE; a street address span runs from the house number / flat (or the street name where
 * it comes first, or the postcode / prefecture / city where the national format starts with it) to the postcode and
 * city (and state / province abbreviation) written right after it; city / region / country / neighbourhood names
 * outside an address span are LOCATION; a URL carrying personal values or credentials is one URL span (nothing
 * labeled inside it); for `password: value` only the value is SECRET; a full private-key block is one SECRET span;
 * a JWT is one SECRET span; DATE_OF_BIRTH only where the context says it is a birth date; partial numbers ("card
 * ending 6140", "SSN last four 2291") are not labeled; organizations (also when named after people, e.g. banks and
 * brands), role mailboxes, the support bots' persona names ("Pia", "Nova", "Kiko") and plain public URLs are not
 * labeled. Cards are Luhn-valid, IBANs mod-97-valid with the right country length, SSNs valid by SSA rules, all IPs
 * public (no private, loopback or documentation addresses anywhere).
 */
import { parseMarkup, type LabeledDoc } from './markup.js';

const POSITIVES: readonly string[] = [
  // UK lettings: tenant e-mail chain about a broken boiler, "dawn" as a word and as a name
  `From: [[PERSON:Dawn Hargreaves]] <[[EMAIL:dawn.hargreaves71@btinternet.com]]>
To: lettings@northgate-residential.co.uk
Subject: RE: Boiler STILL not fixed - Flat 2

Hi,

This is the third time I am writing. The boiler at [[STREET_ADDRESS:Flat 2, 14 Cavendish Road, Manchester M20 1JG]] has been showing fault F28 since Sunday and we have had no hot water or heating for four days. I have a six-month-old at home. Your contractor promised to come at dawn on Tuesday ("first thing, before eight") and never turned up.

Can someone please ring me on [[PHONE:07841 266093]]? If I am at work my partner [[PERSON:Rich Okafor]] will be in, his mobile is [[PHONE:07958 402117]]. [[PERSON:Rich]] works nights so please don't call him before 11.

[[PERSON:Dawn]]

> On 4 Feb 2025, at 09:14, [[PERSON:Priyanka Solanki]] <[[EMAIL:p.solanki@northgate-residential.co.uk]]> wrote:
> Dear Ms [[PERSON:Hargreaves]],
> Thank you for reporting this. I have raised works order WO-55821 with our heating contractor, who will contact you directly to arrange access.
> Kind regards,
> [[PERSON:Priyanka Solanki]]
> Property Manager | Northgate Residential
> [[PHONE:0161 496 0732]] | lettings@northgate-residential.co.uk`,

  // US tenant portal: maintenance request webhook payload (JSON)
  `POST /webhooks/maintenance-request  200 OK  (received 2025-03-02T18:44:09Z)
{
  "request_id": "MR-2025-004417",
  "property": "Cedar Point Apartments",
  "unit": "B-214",
  "category": "plumbing",
  "priority": "urgent",
  "permission_to_enter": true,
  "pets_on_premises": "1 dog (Biscuit), friendly",
  "tenant": {
    "name": "[[PERSON:Marisol Ybarra]]",
    "email": "[[EMAIL:marisol.ybarra@yahoo.com]]",
    "phone": "[[PHONE:+1 512-874-3306]]",
    "address": "[[STREET_ADDRESS:4810 Manor Rd, Apt B-214, Austin, TX 78723]]"
  },
  "description": "Kitchen sink leaking under the cabinet, water on floor. Shutoff valve is stuck. Please text before coming, I work from home Tues/Thurs.",
  "submitted_from_ip": "[[IP_ADDRESS:24.155.87.201]]",
  "user_agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X)"
}`,

  // Australian rental application summary pasted by a property manager
  `Hi Nova, can you tidy this rental application into a short summary for the landlord? Thanks.

RENTAL APPLICATION - [[STREET_ADDRESS:7/22 Rosalind St, Cammeray NSW 2062]] (listed $780 p/w)
Applicant 1: [[PERSON:Hunter Nguyen-Blake]]   DOB: [[DATE_OF_BIRTH:09/11/1994]]
Mobile: [[PHONE:0412 558 903]]   Email: [[EMAIL:hunter.nb@icloud.com]]
Current address: [[STREET_ADDRESS:Unit 5/18 Smith St, Fitzroy VIC 3065]] (2 yrs 4 mths, $640 p/w)
Employer: Atlassian - Senior QA Engineer, relocating to [[LOCATION:Sydney]] office
Applicant 2: [[PERSON:Summer Kaur]]   DOB: [[DATE_OF_BIRTH:23/02/1996]]
Mobile: [[PHONE:0433 170 246]]
Pets: none. Smokers: no. Preferred lease: 12 months from 15 April.
Reference (previous agent): [[PERSON:Gemma Taufa]], Ray White [[LOCATION:Fitzroy]], [[PHONE:(03) 9417 2285]]

Notes from inspection: applicants were on time and asked good questions about the strata by-laws. They want to go hunter-gathering for furniture at the weekend markets so asked whether the storage cage is included (it is).`,

  // German tenant: Nebenkostenabrechnung dispute with IBAN for the refund
  `Betreff: Widerspruch Nebenkostenabrechnung 2023 – Wohnung 3. OG links

Sehr geehrte Frau [[PERSON:Lindqvist-Haas]],

hiermit widerspreche ich der Betriebskostenabrechnung für 2023 vom 28.11.2024. Die Position „Hausmeisterdienst" ist gegenüber dem Vorjahr um 61 % gestiegen, ohne dass ein neuer Vertrag vorgelegt wurde. Ich bitte um Belegeinsicht gemäß § 259 BGB.

Das Guthaben aus der Heizkostenabrechnung (84,17 €) überweisen Sie bitte auf mein Konto:
Kontoinhaber: [[PERSON:Kemal Aydın]]
IBAN: [[IBAN:DE87 6388 5519 0174 4720 80]]

Mietobjekt: [[STREET_ADDRESS:Gutenbergstraße 41, 3. OG links, 70176 Stuttgart]]
Telefon (tagsüber): [[PHONE:0176 4821 5530]]

Mit freundlichen Grüßen
[[PERSON:Kemal Aydın]]`,

  // Dutch tenant to housing corporation about deposit (borg) refund
  `Onderwerp: Terugbetaling borg – opzegging huurcontract per 1 maart

Beste meneer [[PERSON:Van der Veen]],

Op 31 januari heb ik de sleutels van [[STREET_ADDRESS:Biltstraat 112-bis, 3572 BK Utrecht]] ingeleverd bij de eindinspectie. Volgens het opleveringsrapport (nr. OPL-24-3391) zijn er geen gebreken. Toch heb ik de borg van € 1.450 nog niet ontvangen.

Wilt u het bedrag overmaken naar [[IBAN:NL33 INGB 3663 4118 12]] t.n.v. [[PERSON:S. Bakker-Ouali]]?

Mijn nieuwe adres is [[STREET_ADDRESS:Korte Hoogstraat 7, 2011 XP Haarlem]]. U kunt mij bellen op [[PHONE:06-41827735]] of mailen naar [[EMAIL:sanne.ouali@ziggo.nl]].

Met vriendelijke groet,
[[PERSON:Sanne Bakker-Ouali]]`,

  // Spain: neighbour complaint to the administrador de fincas
  `Asunto: Ruidos y filtraciones – piso 4º B

Buenos días, Sr. [[PERSON:Olmedo]]:

Le escribo como propietaria del 3º B de la comunidad de [[STREET_ADDRESS:Calle de Toledo 45, 28005 Madrid]]. Desde hace tres semanas hay una filtración en el techo del baño que viene del piso de arriba, el 4º B, que está alquilado a un estudiante, [[PERSON:Íñigo]], cuyo apellido no conozco. He intentado hablar con él varias veces sin éxito.

Le pido que se lo comunique a la propietaria del 4º B, doña [[PERSON:Remedios Cifuentes]], y que se incluya el tema en el orden del día de la junta del 12 de marzo.

Puede localizarme en el [[PHONE:654 21 87 09]] o en [[EMAIL:pilar.arranz.m@gmail.com]].

Un saludo,
[[PERSON:Pilar Arranz Molina]]`,

  // Nigerian landlord-tenant SMS thread, "Mercy" as a name and "mercy" as a word
  `[SMS thread exported 02/03/2025]
[[PHONE:+234 803 447 2219]] (Landlord Alhaji [[PERSON:Bello]]) 08:02: Good morning [[PERSON:Mercy]]. This is reminder that the rent for the flat at [[STREET_ADDRESS:No. 14 Adebayo Close, off Allen Avenue, Ikeja, Lagos]] is due on 1st March. N1,800,000 for the year.
[[PERSON:Mercy]] 08:40: Good morning sir. I have paid N1,200,000 through my husband [[PERSON:Chukwuemeka]]. Please have mercy on us for the balance, I will complete it before end of March.
[[PHONE:+234 803 447 2219]] 08:55: Ok. Send the teller to my son [[PERSON:Abubakar]], his number is [[PHONE:0806 112 9043]]. Also tell [[PERSON:Emeka]] the borehole man will come on Thursday.
[[PERSON:Mercy]] 09:01: Thank you sir. God bless you. I will send it now.
[[PERSON:Mercy]] 09:03: Also sir the soak-away is full again, the whole compound is smelling.`,

  // Singapore condo management WhatsApp (Singlish)
  `[14/02/25, 9:12 PM] [[PERSON:Joy Tan]]: Hi MCST office, I'm the owner of [[STREET_ADDRESS:#12-07, 38 Jalan Kemaman, Singapore 328123]]. The aircon contractor damaged the corridor ceiling board lah, can send someone check? Photo attached.
[14/02/25, 9:15 PM] Condo Office (Kiko bot): Hi! Kiko here from the Management Office 🙂 Your case number is MC-8821. Our technician will reply during office hours (Mon–Fri 9am–6pm).
[15/02/25, 10:02 AM] [[PERSON:Ravi Chandran]] (Estate Mgr): Morning Ms [[PERSON:Tan]], I'm [[PERSON:Ravi]] the estate manager. Will go up at 2pm with the contractor. Can I confirm your contact [[PHONE:9128 4470]]?
[15/02/25, 10:05 AM] [[PERSON:Joy Tan]]: Yes correct. If I'm not home my helper [[PERSON:Marites]] will open the door. Her number [[PHONE:8823 0916]].
[15/02/25, 10:06 AM] [[PERSON:Joy Tan]]: Thanks ah, what a joy to get fast reply for once haha`,

  // Swedish sublet request (andrahandsuthyrning)
  `Ämne: Ansökan om andrahandsuthyrning – lgh 1102

Hej!

Jag heter [[PERSON:Elin Johansson Ekdahl]] och hyr lägenheten på [[STREET_ADDRESS:Storgatan 12B, 411 38 Göteborg]] (lägenhetsnummer 1102). Jag har fått ett tidsbegränsat arbete i [[LOCATION:Luleå]] från 1 maj till 31 december och vill hyra ut lägenheten i andra hand under den perioden.

Tänkt andrahandshyresgäst: [[PERSON:Mohammed Al-Khatib]], född [[DATE_OF_BIRTH:1998-06-17]], doktorand vid Chalmers. Telefon: [[PHONE:070-318 44 52]].

Mina kontaktuppgifter under tiden: [[PHONE:073-905 12 68]], [[EMAIL:elin.ekdahl@outlook.se]].

Vänliga hälsningar
[[PERSON:Elin]]`,

  // Markdown rent roll pasted into a chat with the assistant
  `Can you flag which tenants are more than 30 days in arrears from this table?

| Unit | Tenant | Phone | Email | Rent | Balance | Last paid |
|---|---|---|---|---|---|---|
| 1A | [[PERSON:Faith Mwangi-Otieno]] | [[PHONE:(602) 331-8840]] | [[EMAIL:faithmo@gmail.com]] | $1,450 | $0.00 | 2025-03-01 |
| 1B | [[PERSON:Tomasz Wiśniewski]] | [[PHONE:(480) 227-5019]] | [[EMAIL:t.wisniewski.az@outlook.com]] | $1,450 | $1,450.00 | 2025-01-28 |
| 2A | [[PERSON:Chase Delacroix]] | [[PHONE:(623) 904-1176]] | [[EMAIL:chasedelacroix@protonmail.com]] | $1,620 | $3,240.00 | 2024-12-30 |
| 2B | vacant | | | $1,620 | | |
| 3A | [[PERSON:Ngozi Eze]] | [[PHONE:(602) 558-2093]] | [[EMAIL:ngozi.eze.phx@gmail.com]] | $1,780 | $210.00 | 2025-03-03 |

Property: [[STREET_ADDRESS:2215 W Roosevelt St, Phoenix, AZ 85009]]. Note 2A said he'd pay from his Chase account on the 15th.`,

  // Hebrew tenant message to the building committee (va'ad bayit)
  `שלום לוועד הבית,

שמי [[PERSON:נועה בן-דוד]] ואני גרה בדירה 9 ב[[STREET_ADDRESS:רחוב הרצל 15, תל אביב]]. המעלית שוב תקועה מאז יום שלישי, ולאבא שלי, [[PERSON:יוסף בן-דוד]], שגר איתנו, קשה מאוד לעלות במדרגות לקומה הרביעית.

ביקשתי מהחברה שמתחזקת את המעלית לשלוח טכנאי, אבל אמרו שהוועד צריך לאשר. אפשר לחזור אליי בטלפון [[PHONE:052-784-3391]] או במייל [[EMAIL:noa.bendavid@walla.co.il]].

תודה רבה,
[[PERSON:נועה]]`,

  // Irish tenant: deposit dispute letter to the landlord before an RTB case
  `[[PERSON:Siobhán Ní Bhriain]]
[[STREET_ADDRESS:14 Ashgrove Park, Ballincollig, Co. Cork, P31 X2Y7]]
[[PHONE:087 342 9915]]

6 March 2025

Dear Mr [[PERSON:Twomey]],

Re: Return of deposit – [[STREET_ADDRESS:Apartment 6, Lancaster Quay, Western Road, Cork T12 RX9P]]

I vacated the above apartment on 31 January 2025 after giving the required notice. To date, my deposit of €1,650 has not been returned and you have not given any reason in writing for withholding it.

Unless the deposit is returned in full within 14 days, I will refer the matter to the Residential Tenancies Board. My bank details for the transfer are IBAN [[IBAN:IE27 AIBK 1968 9542 0892 55]], account name [[PERSON:Siobhán Ní Bhriain]].

Yours sincerely,
[[PERSON:Siobhán Ní Bhriain]]`,

  // US elementary school: parent e-mail updating pickup authorization, child's birth date
  `Subject: Pickup authorization update – [[PERSON:Amara Osei-Whitfield]], Grade 2 (Ms. [[PERSON:Halvorsen]]'s class)

Hello Front Office,

Please update the emergency card for my daughter [[PERSON:Amara Osei-Whitfield]] (date of birth [[DATE_OF_BIRTH:April 3, 2017]]). Starting Monday the following people are authorized to pick her up:

1. [[PERSON:Kwame Osei]] (father) – [[PHONE:(919) 442-7810]]
2. [[PERSON:Hope Whitfield]] (grandmother) – [[PHONE:(919) 380-2264]]
3. [[PERSON:Destiny Ramos]] (after-school nanny) – [[PHONE:(984) 215-6631]]

Please REMOVE [[PERSON:Brandon Whitfield]] from the list effective immediately. There is a custody order; I can bring a copy to the office.

Our home address has changed to [[STREET_ADDRESS:318 Glenwood Ave, Apt 4, Raleigh, NC 27603]].

Thank you,
[[PERSON:Adjoa Osei-Whitfield]]
[[EMAIL:adjoa.oseiwhitfield@gmail.com]]`,

  // Indian school fee query from a parent (Hinglish), WhatsApp style
  `Good evening ma'am, main [[PERSON:Rohit Aggarwal]] bol raha hoon, [[PERSON:Ishaan Aggarwal]] ka father, class 7-C, admission no. DPS/2019/4471. Q4 fee ka challan portal pe generate nahi ho raha, "transaction declined" aa raha hai. Maine HDFC card se 3 baar try kiya.

Card hai [[CREDIT_CARD:4231 7137 5571 5019]], expiry 11/27. Kya aap office se manually le sakte ho? Ya main cheque de doon?

Also ma'am, [[PERSON:Ishaan]] ki transport route change karni hai – hum shift ho gaye hain [[STREET_ADDRESS:B-1204, Mahagun Moderne, Sector 78, Noida 201301]] pe. Pickup point ab society ka main gate hoga.

Mera number [[PHONE:+91 98110 47322]] hai, mummy ([[PERSON:Neha Aggarwal]]) ka [[PHONE:98733 51806]]. Thank you ma'am.`,

  // UK university admissions query with applicant details
  `Dear Admissions Team,

I am writing on behalf of my son, [[PERSON:Oluwaseun "Seun" Adeyemi-Clarke]], who has applied for BSc Computer Science (UCAS code G400) for September 2025 entry. His UCAS Personal ID is 148-227-9034 and his date of birth is [[DATE_OF_BIRTH:14 January 2007]].

He received a conditional offer of AAB but his predicted Maths grade was updated to A* after the offer was made. Could you please confirm whether the offer will be reviewed? We also wanted to ask about the accommodation guarantee for applicants from outside [[LOCATION:London]].

Our contact details have changed: [[STREET_ADDRESS:27 Peel Street, Kidderminster DY10 2JQ]], phone [[PHONE:07712 805 394]]. [[PERSON:Seun]]'s own email is [[EMAIL:seun.adeyemiclarke@gmail.com]].

Kind regards,
[[PERSON:Folake Adeyemi-Clarke]]`,

  // French primary school: parent note about an absence (mot d'absence)
  `Objet : Absence de [[PERSON:Léa Moreau-Benali]] – CM1 B

Madame [[PERSON:Rousseau]],

Ma fille [[PERSON:Léa]] sera absente du jeudi 13 au vendredi 14 mars pour le mariage de sa tante à [[LOCATION:Marrakech]]. Elle rattrapera les leçons avec sa camarade [[PERSON:Inès]], qui habite notre immeuble.

Pour rappel, notre nouvelle adresse est [[STREET_ADDRESS:12 rue des Lilas, 69003 Lyon]]. En cas de besoin, vous pouvez joindre son père, [[PERSON:Karim Benali]], au [[PHONE:06 71 42 83 19]].

Je vous remercie de votre compréhension.

[[PERSON:Camille Moreau]]`,

  // Japanese cram school (juku) parent message
  `件名：体験授業のお申し込み

さくら個別指導塾　ご担当者様

はじめまして。[[PERSON:佐藤美咲]]と申します。中学2年生の息子、[[PERSON:佐藤陽翔]]（生年月日：[[DATE_OF_BIRTH:2011年9月22日]]）の数学と英語の体験授業を希望しております。

部活動（サッカー部）があるため、平日は19時以降、土曜日は午前中が都合がよいです。

住所：[[STREET_ADDRESS:東京都杉並区高円寺南3-45-12 コーポ高円寺201]]
電話：[[PHONE:090-4417-8823]]
メール：[[EMAIL:misaki.sato0315@docomo.ne.jp]]

どうぞよろしくお願いいたします。`,

  // Korean academy (hagwon): parent message about class change
  `안녕하세요, 선생님. 초등 5학년 [[PERSON:김서윤]] 엄마 [[PERSON:박지현]]입니다.

[[PERSON:서윤]]이가 다음 달부터 화·목 반에서 월·수·금 반으로 옮기고 싶어 합니다. 가능할까요? 수강료는 지난번처럼 카드로 결제하겠습니다.

혹시 연락이 안 되면 아빠([[PERSON:김도현]]) 번호 [[PHONE:010-5823-1147]]로 연락 주세요. 제 번호는 [[PHONE:010-3391-7702]]입니다.

그리고 주소가 [[STREET_ADDRESS:서울특별시 마포구 월드컵북로 396, 102동 1504호]]로 바뀌었으니 셔틀 정류장도 변경 부탁드립니다. 감사합니다!`,

  // Nigerian school PTA WhatsApp export, word-names
  `[05/03/2025, 19:41] Mrs [[PERSON:Precious Okonkwo]] (PTA Sec): Good evening parents. The inter-house sports will hold on Saturday 15th March at the school field. Please ensure your wards come with their house T-shirts.
[05/03/2025, 19:45] [[PHONE:+234 812 330 9174]]: Good evening ma. Please is it compulsory for JSS1? My son [[PERSON:Gift]] has malaria since Monday.
[05/03/2025, 19:47] Mrs [[PERSON:Precious Okonkwo]] (PTA Sec): Sorry about that. Just send a note to his class teacher Mr [[PERSON:Adewale]]. Wishing him quick recovery 🙏
[05/03/2025, 19:52] [[PERSON:Blessing Eze]]: Thank you ma. Please who is collecting the N5,000 levy? I want to transfer.
[05/03/2025, 19:55] Mrs [[PERSON:Precious Okonkwo]] (PTA Sec): Treasurer is Mr [[PERSON:Goodluck Ibe]] [[PHONE:0803 661 2048]]. Account details will be sent tomorrow. Please it is a gift to the school, not a fee o 😄`,

  // Australian tutoring booking chat with the bot and a human tutor
  `Bot (Pia): Hi! I'm Pia from BrightPath Tutoring. What's the student's name and year level?
Customer: [[PERSON:Hunter]] - he's in Year 9. I'm his mum, [[PERSON:Tash Whiteley]].
Bot (Pia): Thanks! Which subject and which suburb are you in?
Customer: Maths (he's struggling with algebra). We're in [[LOCATION:Mount Lawley]], [[LOCATION:Perth]].
Bot (Pia): Great, I can offer in-home sessions with [[PERSON:Dev Raghunathan]] on Tuesdays 4:30pm or online with [[PERSON:Sunny Lee]] on Thursdays 6pm.
Customer: [[PERSON:Sunny]] sounds good, online is easier. Can she ring me on [[PHONE:0422 871 035]] before the first lesson?
Bot (Pia): Done. I've booked a free 20-minute trial for Thu 13 March, 6:00pm AWST. A confirmation will go to the email on file ([[EMAIL:tash.whiteley@bigpond.com]]).`,

  // Vietnamese student's visa letter request to an Australian university international office
  `Dear International Student Services,

My name is [[PERSON:Nguyễn Thị Thu Hà]] (student ID 47221938), enrolled in the Master of Public Health at the [[LOCATION:Brisbane]] campus. I need an enrolment confirmation letter for my father's visitor visa application. His details:

Full name: [[PERSON:Nguyễn Văn Dũng]]
Date of birth: [[DATE_OF_BIRTH:02/08/1968]]
Address in [[LOCATION:Vietnam]]: [[STREET_ADDRESS:58 Lê Lợi, Phường Bến Thành, Quận 1, TP. Hồ Chí Minh]]
Phone: [[PHONE:+84 903 184 227]]

My current address in [[LOCATION:Australia]] is [[STREET_ADDRESS:Unit 1203, 50 Hope Street, South Brisbane QLD 4101]] and my mobile is [[PHONE:0481 330 692]].

Thank you very much,
[[PERSON:Thu Hà]]`,

  // Class roster CSV pasted by a teacher
  `Please convert this into a seating chart, alphabetical by surname:

student_id,first_name,last_name,dob,guardian_email,guardian_phone
10231,[[PERSON:Aisha]],[[PERSON:Bello]],[[DATE_OF_BIRTH:2013-05-14]],[[EMAIL:fatima.bello@gmail.com]],[[PHONE:(718) 204-3318]]
10232,[[PERSON:Mateo]],[[PERSON:Castillo]],[[DATE_OF_BIRTH:2013-02-27]],[[EMAIL:rcastillo77@yahoo.com]],[[PHONE:(347) 551-0820]]
10233,[[PERSON:Will]],[[PERSON:Fitzgerald]],[[DATE_OF_BIRTH:2012-11-03]],[[EMAIL:maeve.fitz@outlook.com]],[[PHONE:(718) 663-9042]]
10234,[[PERSON:Priya]],[[PERSON:Natarajan]],[[DATE_OF_BIRTH:2013-08-19]],[[EMAIL:natarajan.family@gmail.com]],[[PHONE:(929) 310-7716]]
10235,[[PERSON:Dawit]],[[PERSON:Tesfaye]],[[DATE_OF_BIRTH:2013-01-09]],[[EMAIL:tesfaye.hanna@gmail.com]],[[PHONE:(347) 882-4053]]`,

  // Polish school: parent's excuse note in the e-dziennik (Librus)
  `Temat: Usprawiedliwienie nieobecności – [[PERSON:Zuzanna Kowalczyk]], kl. 6b

Szanowna Pani [[PERSON:Agnieszko]],

proszę o usprawiedliwienie nieobecności mojej córki [[PERSON:Zuzanny]] w dniach 3–5 marca 2025 r. z powodu choroby. Zaświadczenie lekarskie dostarczę w poniedziałek.

Jednocześnie informuję, że od kwietnia córkę ze świetlicy będzie odbierać również babcia, [[PERSON:Halina Nowicka]], tel. [[PHONE:+48 601 284 937]].

Z poważaniem
[[PERSON:Marta Kowalczyk]]
tel. [[PHONE:512 447 130]]`,

  // Brazilian school enrollment (matrícula) e-mail
  `Assunto: Matrícula 2025 – Ensino Fundamental I

Olá, secretaria!

Gostaria de confirmar a matrícula da minha filha [[PERSON:Maria Eduarda Souza Lima]], nascida em [[DATE_OF_BIRTH:05/11/2016]], para o 3º ano. Já enviei os documentos pelo portal, mas o sistema continua mostrando "pendente".

Endereço: [[STREET_ADDRESS:Rua Augusta, 1508, apto 72, Consolação, São Paulo - SP, 01304-001]]
Responsável financeiro: [[PERSON:Rafael Lima]]
WhatsApp: [[PHONE:(11) 98452-7316]]

O pagamento da primeira mensalidade pode ser feito no cartão [[CREDIT_CARD:5163 3191 1340 1703]]? Validade 09/28.

Obrigada,
[[PERSON:Juliana Souza]]`,

  // US clinic SMS reminder thread with identity verification
  `Lakeview Family Medicine: Hi [[PERSON:Jordan]], this is a reminder of your appointment with Dr. [[PERSON:Anita Raghavan]] on Wed 3/12 at 10:40 AM. Reply C to confirm, R to reschedule.
R
Lakeview Family Medicine: To reschedule, please verify your date of birth.
[[DATE_OF_BIRTH:07/19/1988]]
Lakeview Family Medicine: Thanks, [[PERSON:Jordan Blackfeather]]. Available: Thu 3/13 2:15 PM, Fri 3/14 9:00 AM. Reply 1 or 2.
2
Lakeview Family Medicine: You're booked for Fri 3/14 9:00 AM with Dr. [[PERSON:Raghavan]]. Please bring your new insurance card. Questions? Call our front desk.
Also can my wife [[PERSON:Hope]] come in with me? she's the one who handles the insurance stuff. her cell is [[PHONE:608-371-2294]] if you need it
Lakeview Family Medicine: Yes, a companion is welcome. We've noted [[PERSON:Hope]] as your contact.`,

  // UK GP surgery appointment letter
  `Riverside Medical Practice
Practice Manager: Mrs [[PERSON:J. Okoro]]

Mr [[PERSON:Declan Fairweather]]
[[STREET_ADDRESS:9 Mill Lane, Hebden Bridge HX7 6AB]]

Date: 24 February 2025
Date of birth: [[DATE_OF_BIRTH:30/06/1957]]

Dear Mr [[PERSON:Fairweather]],

You are invited to attend a routine annual review with our practice nurse, [[PERSON:Grace Mutasa]], on Tuesday 11 March 2025 at 09:20. Please arrive five minutes early and bring a list of your current medicines.

If you cannot attend, please let us know as early as possible so the slot can be offered to another patient. You can also manage appointments through the NHS App.

Yours sincerely,
Patient Services Team`,

  // Indian diagnostics lab home sample collection booking (Indian English)
  `Dear Mr. [[PERSON:Venkatesh Subramaniam]],

Your home sample collection is confirmed.
Booking ID: HSC-TN-2025-882104
Date & slot: 08-Mar-2025, 6:30 AM – 7:30 AM (fasting required, 10-12 hours)
Patient(s): [[PERSON:Venkatesh Subramaniam]] (M, 61), [[PERSON:Lakshmi Venkatesh]] (F, 56)
Address: [[STREET_ADDRESS:Flat 3B, Srinivasa Apartments, 14 Lloyds Road, Gopalapuram, Chennai 600086]]
Phlebotomist: [[PERSON:Karthik R.]] will call you from [[PHONE:+91 94440 71263]] thirty minutes before arrival.

Amount payable: ₹2,340 (Full Body Checkup – Advanced x 2, 20% senior citizen discount applied). Pay online or in cash to the phlebotomist.

Reports will be shared on WhatsApp to [[PHONE:98401 22687]] and e-mailed to [[EMAIL:venkat.subbu1963@gmail.com]] within 24 hours.`,

  // Mexican dental clinic reschedule (WhatsApp)
  `Clínica Dental Sonrisa:
Hola [[PERSON:Guadalupe]], le recordamos su cita de limpieza con la Dra. [[PERSON:Ximena Treviño]] mañana martes 11 de marzo a las 17:00 h. ¿Nos confirma su asistencia?

[[PERSON:Guadalupe Hernández Ruiz]]:
Buenas tardes, ¿se puede cambiar para el jueves? Mañana tengo junta. Y de paso quería agendar también a mi hijo [[PERSON:Santiago]], tiene 9 años, para revisión de brackets.

Clínica Dental Sonrisa:
Claro. Tenemos jueves 13 a las 16:00 y 16:40 para los dos. Para el registro de [[PERSON:Santiago]] necesitamos su fecha de nacimiento.

[[PERSON:Guadalupe Hernández Ruiz]]:
Perfecto, jueves. [[PERSON:Santiago Pérez Hernández]], nació el [[DATE_OF_BIRTH:21 de enero de 2016]]. Mi celular por si algo: [[PHONE:55 4187 2209]].`,

  // Italian booking confirmation from a regional booking centre (CUP)
  `Gentile [[PERSON:Giuseppina Ferraro]],

la prenotazione n. 2025/CUP/0718843 è confermata.

Prestazione: visita ortopedica di controllo
Data e ora: lunedì 17 marzo 2025, ore 08:45
Sede: Poliambulatorio Centro, piano 2, ambulatorio 14
Medico: Dott. [[PERSON:Alessandro Greco]]

Dati dell'assistito:
Nome e cognome: [[PERSON:Giuseppina Ferraro]]
Data di nascita: [[DATE_OF_BIRTH:12/04/1949]]
Residenza: [[STREET_ADDRESS:Via Garibaldi 18, 10122 Torino]]
Recapito telefonico: [[PHONE:+39 347 518 2264]]

In caso di disdetta si prega di avvisare almeno 48 ore prima. Sua figlia [[PERSON:Francesca]] risulta delegata al ritiro dei referti.`,

  // Saudi clinic reminder in Arabic
  `عزيزي [[PERSON:عبدالله القحطاني]]،

نذكّركم بموعدكم في عيادة الأسنان يوم الأحد ١٦ مارس ٢٠٢٥ الساعة ٤:٣٠ مساءً مع الدكتورة [[PERSON:ريم الشهري]].

رقم الملف: 558120
العنوان المسجّل: [[STREET_ADDRESS:شارع الأمير سلطان، حي الروضة، مبنى 23، جدة 23432]]

لإلغاء الموعد أو تغييره يرجى الرد على هذه الرسالة أو التواصل مع منسّقة المواعيد [[PERSON:نورة]] على الرقم [[PHONE:+966 55 731 4420]].

نتمنى لكم دوام الصحة.`,

  // Turkish hospital appointment SMS and patient reply
  `Sayın [[PERSON:Elif Yıldırım]], 18.03.2025 saat 14:20 tarihinde Dahiliye polikliniğinde Uzm. Dr. [[PERSON:Mehmet Kaya]] ile randevunuz oluşturulmuştur. İptal için İPTAL yazıp yanıtlayınız. Randevu no: 40228817

---
Hasta yanıtı:
Merhaba, randevuya annem [[PERSON:Ayşe Yıldırım]] de benimle gelecek, onun için de aynı gün bir randevu alabilir miyiz? Doğum tarihi [[DATE_OF_BIRTH:04.09.1952]]. Telefonu [[PHONE:0532 418 27 90]]. Adresimiz [[STREET_ADDRESS:Bağdat Cad. No: 214 D: 7, 34728 Kadıköy/İstanbul]].`,

  // Irish physiotherapy clinic e-mail exchange
  `Hi [[PERSON:Aoibheann]],

Thanks for getting back to me. Yes, Thursday at 7.15am works before work. Just to confirm my details for the new-patient form:

Name: [[PERSON:Ciarán Mac Giolla Phádraig]]
DOB: [[DATE_OF_BIRTH:11/03/1990]]
Address: [[STREET_ADDRESS:Apt 22, The Elms, Dundrum Road, Dublin 14, D14 W6K3]]
Mobile: [[PHONE:+353 86 417 2259]]
Referred by: Dr. [[PERSON:Niamh Doherty]], Hillcrest Family Practice

I'll pay on the day by card. Is there parking on site?

Thanks a million,
[[PERSON:Ciarán]]

-----
From: [[PERSON:Aoibheann Kehoe]] <[[EMAIL:aoibheann@corephysio.ie]]>
Sent: 5 March 2025 16:02
Subject: Appointment availability
Hi [[PERSON:Ciarán]], we have Thursday 13th at 7.15am or Saturday 15th at 10am with [[PERSON:Rory]]. Let me know which suits! [[PERSON:Aoibheann]], Reception, Core Physio, [[LOCATION:Ranelagh]]`,

  // Vet clinic: owner is a person, pets are not (Australian English)
  `Hi there, just confirming Biscuit and Pepper are booked in for their annual vaccinations at 5:15 pm this Friday. We'll also do Pepper's nail trim. Please bring them in carriers.

Owner on file: [[PERSON:Kylie Papadopoulos]], [[PHONE:0405 227 916]], [[STREET_ADDRESS:31 Banksia Cres, Bundoora VIC 3083]]. Secondary contact: [[PERSON:Nick Papadopoulos]] [[PHONE:0419 640 382]].

[[PERSON:Kylie]] replied: "Thanks! [[PERSON:Nick]] will drop them off, I'm at work. Can you charge the card on file? It's the one ending 4421."`,

  // Indonesian dental clinic WhatsApp
  `Selamat pagi Kak [[PERSON:Dewi]] 😊 Kami dari Klinik Gigi Senyum Sehat ingin mengingatkan jadwal kontrol behel Kakak besok, Sabtu 15 Maret pukul 10.00 WIB dengan drg. [[PERSON:Rizky Pratama]].

Mohon konfirmasi ya Kak.

---
Pagi kak, iya saya datang. Sekalian mau daftarin adik saya, [[PERSON:Putri Maharani]], tgl lahir [[DATE_OF_BIRTH:17 Agustus 2005]], mau scaling. No HP dia [[PHONE:0812-8831-4067]]. Alamat sama dengan saya, [[STREET_ADDRESS:Jl. Kemang Raya No. 27, RT 05/RW 02, Bangka, Mampang Prapatan, Jakarta Selatan 12730]]. Makasih kak.
- [[PERSON:Dewi Anggraini]]`,

  // US consumer's debt validation request to a collection agency (with SSN)
  `[[PERSON:Tanisha Marie Coleman]]
[[STREET_ADDRESS:1127 Delmar Blvd, Apt 3, St. Louis, MO 63103]]

March 4, 2025

Meridian Recovery Services
Attn: Consumer Disputes
P.O. Box 40871

Re: Account No. MRS-77120934 (original creditor: Synchrony Bank)

To Whom It May Concern:

This letter is sent in response to your notice dated February 18, 2025. Under the Fair Debt Collection Practices Act, 15 U.S.C. § 1692g, I dispute this debt and request validation. Please provide the amount owed, the name and address of the original creditor, and a copy of the signed agreement.

For identification only: SSN [[US_SSN:493-58-2176]], date of birth [[DATE_OF_BIRTH:October 2, 1985]]. Until you validate the debt, do not contact me at work or at [[PHONE:(314) 620-4418]]; please communicate in writing only.

Sincerely,
[[PERSON:Tanisha M. Coleman]]`,

  // UK letter before claim (debt) from a small business to an individual
  `LETTER BEFORE CLAIM

Mr [[PERSON:Callum Ashworth-Reid]]
[[STREET_ADDRESS:Flat 11, Beaumont House, 52 Queens Road, Brighton BN1 3XE]]

By email: [[EMAIL:callum.ashreid@gmail.com]] and first class post

7 March 2025

Dear Mr [[PERSON:Ashworth-Reid]],

Unpaid invoice INV-2024-1187 – £2,860.00 (kitchen fitting completed 14 November 2024)

We write in accordance with the Pre-Action Protocol for Debt Claims. Despite reminders on 16 December and 20 January, the above sum remains outstanding. If payment is not received within 30 days of the date of this letter, we intend to issue a claim in the County Court without further notice, and to claim statutory interest and compensation.

Payment can be made by bank transfer to sort code 20-32-06, or to IBAN [[IBAN:GB28 BARC 8680 4304 8918 29]].

If you dispute the debt, please complete the enclosed Reply Form. Any queries should be directed to our director, [[PERSON:Jasbir Kaur Sandhu]], on [[PHONE:07403 118 562]].

Yours sincerely,
Sandhu & Sons Joinery Ltd`,

  // German collection agency reminder (Inkasso-Mahnung)
  `Forderungsmanagement Nord GmbH · Postfach 10 44 81 · [[LOCATION:Hamburg]]

Herrn
[[PERSON:Dragan Petrović]]
[[STREET_ADDRESS:Weidenallee 8, 20357 Hamburg]]

Aktenzeichen: FMN-2025-033918
Datum: 03.03.2025

Zweite Mahnung

Sehr geehrter Herr [[PERSON:Petrović]],

trotz unserer Zahlungserinnerung vom 10.02.2025 ist die Forderung unseres Auftraggebers (Mobilfunkvertrag, Kundennummer 88-5502719) weiterhin offen:

Hauptforderung 312,40 €
Mahnkosten 5,00 €
Inkassovergütung 58,50 €
Gesamt 375,90 €

Bitte überweisen Sie den Gesamtbetrag bis zum 17.03.2025. Sollten Sie bereits per Lastschrift von Ihrem Konto [[IBAN:DE96 2007 7843 1379 8553 93]] gezahlt haben, betrachten Sie dieses Schreiben als gegenstandslos.

Mit freundlichen Grüßen
[[PERSON:Annika Sörensen]]
Sachbearbeitung`,

  // French formal notice from a landlord to a tenant (mise en demeure)
  `LETTRE RECOMMANDÉE AVEC ACCUSÉ DE RÉCEPTION

[[PERSON:Bernard Lefèvre-Duval]]
[[STREET_ADDRESS:5 avenue Jean Médecin, 06000 Nice]]

À l'attention de Mme [[PERSON:Yasmina Haddad]]
[[STREET_ADDRESS:27 boulevard Gambetta, appartement 14, 06000 Nice]]

[[LOCATION:Nice]], le 5 mars 2025

Objet : Mise en demeure de payer – loyers impayés

Madame,

Je constate qu'à ce jour les loyers de janvier et février 2025, soit 1 840 € au total, ne m'ont pas été réglés malgré mon courrier du 3 février.

Je vous mets en demeure de régler cette somme sous huit jours à compter de la réception de la présente, par virement sur le compte [[IBAN:FR96 2141 4402 23A2 8951 0748 102]]. À défaut, je saisirai le juge des contentieux de la protection et actionnerai la caution solidaire de M. [[PERSON:Omar Haddad]].

Veuillez agréer, Madame, mes salutations distinguées.

[[PERSON:B. Lefèvre-Duval]]`,

  // Indian legal notice for a dishonoured cheque (Indian English)
  `LEGAL NOTICE UNDER SECTION 138 OF THE NEGOTIABLE INSTRUMENTS ACT, 1881

To,
Shri [[PERSON:Rajesh Kumar Tiwari]]
S/o Late Shri [[PERSON:Ramesh Chandra Tiwari]]
[[STREET_ADDRESS:House No. 214, Sector 15-A, Faridabad, Haryana 121007]]

Sir,

Under instructions from and on behalf of my client, Mrs. [[PERSON:Sunita Malhotra]], resident of [[STREET_ADDRESS:C-42, Greater Kailash Part 1, New Delhi 110048]], I hereby serve upon you the following legal notice:

1. That you had approached my client in June 2024 and borrowed a sum of Rs. 4,50,000/- (Rupees Four Lakh Fifty Thousand only).
2. That towards repayment you issued cheque no. 004417 dated 10.01.2025 drawn on Punjab National Bank, which was returned unpaid on 14.01.2025 with the remark "Funds Insufficient".

You are hereby called upon to pay the said amount within 15 days of receipt of this notice, failing which my client shall initiate criminal proceedings against you.

Adv. [[PERSON:Vikram Sethi]]
Chamber No. 512, District Court Complex, [[LOCATION:Saket]]
Mob: [[PHONE:+91 98112 60437]]`,

  // Spanish burofax text dictated to the assistant
  `Redáctame esto como burofax formal, por favor:

Yo, [[PERSON:Alejandro Vidal Quintana]], con domicilio en [[STREET_ADDRESS:Carrer de Mallorca 254, 2º 1ª, 08008 Barcelona]], requiero a la empresa Reformas Integrales Llevant, S.L. para que en el plazo de diez días finalice la obra del baño contratada el 12 de noviembre de 2024, o me devuelva los 3.200 € entregados a cuenta.

Si no, presentaré demanda en el juzgado. Que contesten a mi correo [[EMAIL:alex.vidalq@gmail.com]] o al [[PHONE:622 481 907]]. Mi abogada es [[PERSON:Montserrat Puig]].`,

  // Russian claim letter (претензия) to a management company
  `ПРЕТЕНЗИЯ

Генеральному директору ООО «УК Северный квартал»
от [[PERSON:Смирновой Ольги Викторовны]],
проживающей по адресу: [[STREET_ADDRESS:ул. Тверская, д. 12, кв. 45, Москва, 125009]],
тел. [[PHONE:+7 916 482-37-19]], e-mail: [[EMAIL:olga.smirnova84@mail.ru]]

10 февраля 2025 года в результате прорыва трубы отопления на техническом этаже была залита моя квартира. Акт о заливе составлен 11 февраля инженером [[PERSON:Петровым А. С.]]

Прошу в течение 10 дней возместить ущерб в размере 186 400 рублей согласно отчёту оценщика. Реквизиты для перечисления прилагаю.

[[PERSON:О. В. Смирнова]]
17.02.2025`,

  // Australian small-claims demand, with a reference to a former flatmate
  `Hey, can you make this sound more formal? It's going to my old housemate.

"[[PERSON:Bradley]], you still owe me $1,187.50 for your half of the electricity and internet from July to December, plus $400 for the broken couch. I've asked you three times. If you don't pay by 31 March I'm lodging a claim with NCAT. Send it to my account, BSB 062-914, account 1048 7726, name [[PERSON:Jacinta O'Loughlin]]. My number is [[PHONE:0438 905 117]] if you want to sort it out. I know you've moved to [[STREET_ADDRESS:4/67 Beach Rd, Coogee NSW 2034]] so the paperwork will go there."`,

  // UK charity CRM export: Gift Aid declarations
  `Gift Aid declarations received Feb 2025 – please check postcodes before the HMRC claim:

Donor ref | Title | Full name | House no./name + postcode | Declaration date | Total gifts
D-104882 | Mrs | [[PERSON:Joy Adebanjo-Harris]] | [[STREET_ADDRESS:22 Ferndale Road, London SW9 8BJ]] | 03/02/2025 | £240.00
D-104901 | Mr | [[PERSON:Gurpreet Singh Bains]] | [[STREET_ADDRESS:Ashdene, 5 Coventry Road, Leicester LE2 6GH]] | 07/02/2025 | £1,000.00
D-104917 | Ms | [[PERSON:Eilidh MacLeod]] | [[STREET_ADDRESS:3F2, 41 Marchmont Crescent, Edinburgh EH9 1HG]] | 11/02/2025 | £60.00
D-104930 | Dr | [[PERSON:Ifeoma Nwachukwu]] | [[STREET_ADDRESS:118 Hagley Road, Birmingham B16 8LT]] | 19/02/2025 | £350.00

Note: Mr [[PERSON:Bains]] asked that future thank-you letters go to his daughter, [[PERSON:Harleen]], at [[EMAIL:harleen.bains@hotmail.co.uk]].`,

  // US donor asks for a receipt and to update the card for a monthly gift
  `Hi there,

I'd like to update the card for my monthly $75 donation to the Riverkeepers Fund. The old card expired. New card: Visa [[CREDIT_CARD:4840-0594-5470-7326]], exp 06/29, same billing address as before.

Could you also send a consolidated 2024 tax receipt to [[EMAIL:rich.castellanos@comcast.net]]? My accountant needs it by the end of the month. The gifts in memory of my mother, [[PERSON:Esperanza Castellanos]], should be on it too.

Thanks for all you do,
[[PERSON:Rich Castellanos]]
[[PHONE:720-318-9046]]

P.S. Please don't add me to the phone list; I know you're chasing year-end goals but once a month by email is plenty.`,

  // Dutch donor changing their periodic gift (ANBI) with IBAN
  `Beste Stichting Voedselbank Vrienden,

Ik wil mijn periodieke gift wijzigen van € 15 naar € 25 per maand, ingaand 1 april. Graag afschrijven van mijn nieuwe rekening [[IBAN:NL66 RABO 2662 3135 38]] in plaats van de oude.

Naam: [[PERSON:Wilhelmina (Mien) de Graaf-Oosterhuis]]
Adres: [[STREET_ADDRESS:Kerkstraat 19, 9712 KM Groningen]]
Geboortedatum (voor de belastingdienst): [[DATE_OF_BIRTH:18-08-1951]]
Telefoon: [[PHONE:050-3127845]]

Hartelijke groet,
[[PERSON:Mien de Graaf]]`,

  // Nigerian NGO donation confirmation chat, names that are words
  `Donor desk chat – Hope Rising Foundation
[10:02] Agent (Nova): Welcome to Hope Rising Foundation 💛 How can I help you today?
[10:03] Visitor: Good morning. I sent N250,000 for the school feeding project yesterday but I have not received receipt. My name is [[PERSON:Favour Chidinma Okeke]].
[10:05] Agent ([[PERSON:Tobi]]): Good morning ma, I'm [[PERSON:Tobi]] from the donor team. Please which email did you use?
[10:05] Visitor: [[EMAIL:favour.okeke@yahoo.com]]. The transfer was from my husband's account, [[PERSON:Gift Okeke]], so maybe it shows his name.
[10:08] Agent ([[PERSON:Tobi]]): Found it ma, it was under [[PERSON:Gift Okeke]]. I'll issue the receipt in your name as requested and add a note. Thank you so much, this will feed 500 children in [[LOCATION:Makoko]] for a month.
[10:09] Visitor: God bless. My number is [[PHONE:0809 514 7720]] in case.`,

  // Volunteer signup JSON from a charity website form
  `{
  "form": "volunteer_signup_v3",
  "submitted_at": "2025-03-06T12:18:44+11:00",
  "client_ip": "[[IP_ADDRESS:101.184.33.92]]",
  "fields": {
    "first_name": "[[PERSON:Sione]]",
    "last_name": "[[PERSON:Fifita]]",
    "date_of_birth": "[[DATE_OF_BIRTH:1999-12-04]]",
    "email": "[[EMAIL:sione.fifita99@gmail.com]]",
    "mobile": "[[PHONE:+61 421 806 337]]",
    "suburb": "[[LOCATION:Mount Druitt]]",
    "roles": ["food_rescue_driver", "warehouse_sorting"],
    "has_drivers_licence": true,
    "availability": "Saturdays, some weekday evenings",
    "emergency_contact": { "name": "[[PERSON:Mele Fifita]]", "relationship": "mother", "phone": "[[PHONE:0402 377 190]]" }
  }
}`,

  // Argentine NGO member (socio) changing the monthly card debit
  `Hola, buenas tardes. Soy socia de la Fundación Huellas desde 2019 y quiero cambiar la tarjeta del débito mensual de $15.000.

Nombre: [[PERSON:María Florencia Gutiérrez]]
Tarjeta nueva: Mastercard [[CREDIT_CARD:5472 4445 4820 0763]], vence 03/28
Domicilio: [[STREET_ADDRESS:Av. Corrientes 3247, piso 5 depto. C, C1193AAE CABA]]
Celular: [[PHONE:+54 9 11 5832-4417]]

También quería saber si puedo sumar a mi hijo [[PERSON:Benjamín]] como socio adherente; tiene 17 años. ¡Gracias!`,

  // Fundraising gala seating list (markdown) with word-names
  `### Spring Gala – Table 4 (sponsor: Wells Fargo)

| Seat | Guest | Dietary | Contact |
|---|---|---|---|
| 1 | [[PERSON:Chase Whitmore]] | none | [[EMAIL:cwhitmore@whitmorelaw.com]] |
| 2 | [[PERSON:Precious Whitmore]] | vegetarian | — |
| 3 | Dr. [[PERSON:Olumide Bankole]] | halal | [[PHONE:(404) 771-3028]] |
| 4 | [[PERSON:Sunny Park]] | no shellfish | [[EMAIL:sunny.park@gmail.com]] |
| 5 | [[PERSON:Ruth Ben-Ami]] | kosher | [[PHONE:(404) 236-9915]] |
| 6 | guest of seat 5 | kosher | — |

Auction lots at this table: "Sunny Days" weekend at the lake house; signed Falcons jersey. Please seat [[PERSON:Chase]] next to the podium – he's giving the welcome speech.`,

  // German donation receipt request (Zuwendungsbestätigung)
  `Hallo liebes Spendenteam,

für meine Steuererklärung brauche ich eine Zuwendungsbestätigung für 2024. Ich habe monatlich 30 € per Lastschrift gespendet, außerdem einmalig 200 € im Dezember für die Fluthilfe.

Spender: Dr. [[PERSON:Hans-Jürgen Oberländer]]
Anschrift: [[STREET_ADDRESS:Am Lindenhof 3, 91054 Erlangen]]
Konto: [[IBAN:DE56 9378 6579 7543 2319 48]]

Bitte per E-Mail an [[EMAIL:hj.oberlaender@t-online.de]]. Danke!`,

  // Indian ride-hailing: rider complaint about a driver (Indian English)
  `Trip ID: RDX-BLR-25030719-4471 | 07 Mar 2025, 22:48 | [[LOCATION:Koramangala]] → Airport T1

Rider message:
Hi team, my driver [[PERSON:Manjunath]] (KA 05 AJ 8812, white Dzire) asked me to cancel in-app and pay him cash ₹900 "off the meter" since the toll was high. When I refused he stopped the car on the flyover near [[LOCATION:Hebbal]]. I felt very unsafe as a solo woman traveller at night. I have the audio recording.

Please also check why I was charged twice, once on UPI and once on my card [[CREDIT_CARD:4969 3311 8269 0032]].

Name: [[PERSON:Sneha Kulkarni]]
Registered mobile: [[PHONE:+91 99001 83452]]
Alternate (my brother [[PERSON:Aditya]]): [[PHONE:+91 96325 10478]]`,

  // Nigerian Pidgin courier chat with a dispatcher
  `Dispatch (Kiko bot): Hello! Your rider is on the way. Track order #LGS-55920.
Customer: Abeg where this rider dey? Na since 1pm I dey wait. Na [[PERSON:Sunday]] be im name abi?
Dispatch ([[PERSON:Chioma]]): Sorry sir, [[PERSON:Sunday]] dey for traffic for [[LOCATION:Obalende]]. He go reach in 20 mins. Please confirm delivery address.
Customer: [[STREET_ADDRESS:Plot 7, Babatunde Anjous Street, Lekki Phase 1, Lagos]]. Gate code na 4471. If I no pick call my wife [[PERSON:Ronke]] go collect am, [[PHONE:0816 229 4015]].
Dispatch ([[PERSON:Chioma]]): Noted sir. Rider number na [[PHONE:0703 881 6624]] if you wan call am direct.
Customer: Ok thank you. Tell am say no be Sunday morning wey we dey o, make e hurry 😂`,

  // Indonesian ride-hailing (ojol) driver chat with support
  `Mitra: Selamat siang min, saya driver [[PERSON:Agus Setiawan]], ID mitra 88120473. Saldo saya kepotong Rp 150.000 padahal order dibatalkan customer.
CS (Nova): Selamat siang Pak [[PERSON:Agus]], mohon maaf atas ketidaknyamanannya. Boleh dikirim nomor order dan nomor HP yang terdaftar?
Mitra: Order GF-250307-88412, HP [[PHONE:0813-1177-4052]]. Customernya atas nama Bu [[PERSON:Ratna]], alamat pick-up [[STREET_ADDRESS:Jl. Sudirman No. 45, Kebayoran Baru, Jakarta Selatan 12190]].
CS (Nova): Terima kasih Pak. Kasus sudah kami teruskan ke tim terkait, estimasi 3x24 jam. Dana akan dikembalikan ke rekening BCA yang terdaftar atas nama [[PERSON:Agus Setiawan]].`,

  // Filipino (Taglish) delivery rider and customer chat
  `Rider ([[PERSON:Jomar]]): Good pm po ma'am, nandito na po ako sa guard house. Hindi po ako pinapapasok ni kuya guard.
Customer: Hi kuya [[PERSON:Jomar]], sorry! Sabihin mo lang for [[PERSON:Carmela Dizon]], Tower 2 unit 1508. Or tawagan mo si Ate [[PERSON:Liza]] sa lobby, [[PHONE:0917 552 8841]].
Rider ([[PERSON:Jomar]]): Ok po. COD po ito ma'am, ₱1,245. May barya po ba kayo sa 2k?
Customer: Meron. Address ko pala [[STREET_ADDRESS:Tower 2 Unit 1508, Avida Towers, 24 Mabini St., Brgy. San Antonio, Pasig City 1605]] baka mali sa app.
Rider ([[PERSON:Jomar]]): Salamat po ma'am, paakyat na po ako.`,

  // Vietnamese ride-hailing: passenger lost item
  `Khách hàng: Chào bạn, tối qua mình đi chuyến xe lúc 21:15 từ [[LOCATION:Quận 3]] về [[STREET_ADDRESS:123 Nguyễn Huệ, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh]] và bỏ quên ví trên xe. Tài xế tên [[PERSON:Trần Minh Khoa]], biển số 51H-482.19.
Hỗ trợ: Dạ chào anh/chị, em đã ghi nhận. Anh/chị vui lòng cho em xin tên và số điện thoại để tài xế liên hệ trả đồ ạ.
Khách hàng: Mình tên [[PERSON:Lê Thị Bích Ngọc]], số [[PHONE:0908 417 263]]. Trong ví có thẻ [[CREDIT_CARD:5590 9752 5004 7907]], nếu không tìm được mình phải khoá thẻ ngay.
Hỗ trợ: Dạ em đã liên hệ anh [[PERSON:Khoa]], anh ấy xác nhận có giữ ví và sẽ giao lại trong hôm nay ạ.`,

  // Brazilian food-delivery courier support chat
  `Entregador: Boa noite, meu nome é [[PERSON:Wellington Rodrigues da Silva]], sou entregador parceiro. Fiz a entrega do pedido 7712 na [[STREET_ADDRESS:Rua Harmonia, 410, apto 31, Vila Madalena, São Paulo - SP, 05435-000]] e o cliente marcou como não recebido.
Suporte: Olá, [[PERSON:Wellington]]! Sinto muito. Você tem foto da entrega?
Entregador: Tenho sim, entreguei na mão da moça, ela disse que era a [[PERSON:Bruna]]. Meu celular é [[PHONE:(11) 97314-2280]], pode me ligar.
Suporte: Recebido. O valor de R$ 12,50 da corrida não será descontado. Qualquer coisa fale com seu líder de região, o [[PERSON:Anderson]].`,

  // Australian delivery rider (Sunny as a name and a word)
  `Hey support, it's [[PERSON:Sunny Dhaliwal]], rider ID 55-20918. Tuesday was a scorcher, sunny and 41 degrees, and the app kept sending me 9 km trips in [[LOCATION:Parramatta]] for $6.20. That's not on.

Also my payout for last week is missing $212. I changed banks on Friday. New details were entered in the app but here's my phone in case you need to verify: [[PHONE:0451 238 904]]. Email on the account is [[EMAIL:sunny.dhaliwal.rides@gmail.com]].

Cheers,
[[PERSON:Sunny]]`,

  // US driver onboarding: background check form (SSN) pasted by an ops agent
  `Can you check if anything is missing in this driver onboarding record before I send it to the background check vendor?

Applicant: [[PERSON:DeShawn Marcus Holloway]]
Date of birth: [[DATE_OF_BIRTH:08/14/1991]]
SSN: [[US_SSN:412-67-3398]]
Driver's license: Class C, exp 2027
Home address: [[STREET_ADDRESS:2841 Campbellton Rd SW, Atlanta, GA 30311]]
Phone: [[PHONE:(470) 228-1164]]
Email: [[EMAIL:deshawn.holloway91@gmail.com]]
Vehicle: 2019 Toyota Camry
Direct deposit: on file (Chase checking)
Consent signed: 03/06/2025 from IP [[IP_ADDRESS:73.184.21.206]]`,

  // Chinese food-delivery rider and customer messages
  `【骑手】您好，我是美团骑手[[PERSON:王建国]]，您的外卖已经到小区门口了，保安不让进，麻烦您下来取一下，谢谢！
【顾客】师傅不好意思，我在开会，让我室友[[PERSON:刘思雨]]下来拿，她电话[[PHONE:138 1672 4490]]。地址是[[STREET_ADDRESS:上海市浦东新区张杨路1500号3号楼1202室]]。
【骑手】好的，我给她打电话。
【顾客】谢谢师傅，辛苦了！我叫[[PERSON:陈晓]]，有问题打我电话[[PHONE:159 0218 3367]]。`,

  // Turkish courier: customer complaint to a cargo company
  `Merhaba, 4 gündür kargom dağıtımda görünüyor ama gelmedi. Takip no: KRG-88420917-TR. Kurye [[PERSON:Hasan]] Bey aradığında evde yoktum, kapıya not bırakmış ama tekrar gelmedi.

Alıcı: [[PERSON:Zeynep Arslan]]
Adres: [[STREET_ADDRESS:Atatürk Mah. Cumhuriyet Cad. No: 58 Daire: 12, 06420 Çankaya/Ankara]]
Telefon: [[PHONE:0533 742 18 60]]

Yarın öğlene kadar teslim edilmezse şubeden kendim alacağım, komşum [[PERSON:Emre Demir]] adına da bırakılabilir.`,

  // Indian CV header pasted for reformatting
  `Please rewrite my CV summary to sound more senior. Here is the top part:

[[PERSON:ANANYA RAMAKRISHNAN]]
Senior Data Analyst | SQL · Python · Power BI
[[PHONE:+91 97390 44218]] | [[EMAIL:ananya.rk.analytics@gmail.com]] | [[URL:https://www.linkedin.com/in/ananya-ramakrishnan-4b7a21]]
[[STREET_ADDRESS:No. 17, 2nd Main, 5th Cross, HSR Layout Sector 6, Bengaluru 560102]]
Date of Birth: [[DATE_OF_BIRTH:22-07-1993]] | Nationality: Indian | Notice period: 60 days

PROFILE
Data analyst with 7 years' experience in retail and fintech analytics. Built churn models at Flipkart and led a 4-person BI team at Razorpay.

EXPERIENCE
Razorpay, [[LOCATION:Bengaluru]] – Lead Analyst (2021–present)
Flipkart, [[LOCATION:Bengaluru]] – Data Analyst (2017–2021)`,

  // UK cover letter draft
  `Can you tighten this cover letter? Keep it under 250 words.

[[PERSON:Chidera Okonjo-Walsh]]
[[STREET_ADDRESS:48 Brudenell Grove, Leeds LS6 1HR]] · [[PHONE:07562 903 418]] · [[EMAIL:chidera.ow@gmail.com]]

Dear Ms [[PERSON:Patel]],

I am writing to apply for the Graduate Policy Officer role at the West Yorkshire Combined Authority (ref. WYCA-2025-117). I recently completed an MA in Public Policy at the University of Leeds, where my dissertation examined bus franchising in [[LOCATION:Greater Manchester]].

Before my MA I spent two years as a caseworker for [[PERSON:Hilary Benn]] MP, handling housing and immigration enquiries from constituents. I enjoy turning messy problems into clear briefings, and I would welcome the chance to bring that to your transport team.

Yours sincerely,
[[PERSON:Chidera Okonjo-Walsh]]`,

  // Interview scheduling e-mail thread with a personal scheduling link
  `From: [[PERSON:Mariam Haddad]] <[[EMAIL:mariam.haddad@talentbridge.io]]>
To: [[PERSON:Joaquín Ferreyra]] <[[EMAIL:joaquin.ferreyra.dev@gmail.com]]>
Subject: Next step – Staff Backend Engineer, final round

Hi [[PERSON:Joaquín]],

Great news – the hiring manager, [[PERSON:Will Okafor]], would like you to do the final round (system design + values) next week. Please pick a 2-hour slot here: [[URL:https://calendly.com/mariam-haddad-talentbridge/final-round?name=Joaqu%C3%ADn%20Ferreyra&email=joaquin.ferreyra.dev%40gmail.com]]

If none of the times work with your time zone in [[LOCATION:Córdoba]], reply and I'll find something manual. [[PERSON:Will]] also asked if you'd be open to relocating to [[LOCATION:Lisbon]] – no pressure, remote is fine.

Best,
[[PERSON:Mariam]]
Senior Technical Recruiter, TalentBridge
m: [[PHONE:+44 7700 184 526]]`,

  // Slack export: recruiter notes on a candidate
  `#hiring-platform-eng
[Mar 4, 2025 3:12 PM] [[PERSON:Lena Hoffmann]]: Phone screen done with [[PERSON:Oyelaran "Laran" Adisa]] for the SRE role. Strong on k8s and incident response, a bit light on Terraform. Currently at Paystack in [[LOCATION:Lagos]], open to relocating to [[LOCATION:Berlin]]. Salary expectation €85k.
[Mar 4, 2025 3:14 PM] [[PERSON:Tom Brennan]]: nice. can you drop his CV in the folder? and his contact so I can set up the tech interview
[Mar 4, 2025 3:15 PM] [[PERSON:Lena Hoffmann]]: [[EMAIL:laran.adisa@gmail.com]] / [[PHONE:+234 909 155 3371]]. He prefers WhatsApp. Also referred by [[PERSON:Kemi]] from the payments team, so referral bonus applies
[Mar 4, 2025 3:17 PM] [[PERSON:Tom Brennan]]: 👍 will ping him tomorrow`,

  // German CV (Lebenslauf) header
  `Lebenslauf

Persönliche Daten
Name: [[PERSON:Katharina Schulze-Demir]]
Geburtsdatum: [[DATE_OF_BIRTH:03.07.1992]] in [[LOCATION:Bielefeld]]
Anschrift: [[STREET_ADDRESS:Goethestraße 14, 04109 Leipzig]]
Telefon: [[PHONE:+49 157 3821 6604]]
E-Mail: [[EMAIL:k.schulze-demir@posteo.de]]

Berufserfahrung
seit 04/2021  Projektleiterin Digitalisierung, Stadtwerke ([[LOCATION:Leipzig]])
2017–2021    Referentin IT-Beschaffung, Universitätsklinikum ([[LOCATION:Jena]])

Bitte formuliere daraus ein kurzes Profil für XING.`,

  // French CV and message to a recruiter
  `Bonjour,

Suite à notre échange téléphonique, voici mes coordonnées pour le poste de cheffe de projet e-santé :

[[PERSON:Awa Diop-Lemaire]]
Née le [[DATE_OF_BIRTH:28 février 1989]] à [[LOCATION:Dakar]]
[[STREET_ADDRESS:34 rue de la République, 13002 Marseille]]
[[PHONE:06 82 41 17 53]] – [[EMAIL:awa.dioplemaire@orange.fr]]

Je suis disponible pour un entretien à partir du 17 mars. Mon ancienne responsable, [[PERSON:Sophie Garnier]], a accepté d'être contactée comme référence.

Bien cordialement,
[[PERSON:Awa Diop-Lemaire]]`,

  // Japanese resume (rirekisho) fields
  `以下の履歴書の内容を英語のレジュメに変換してください。

氏名：[[PERSON:山本 健太]]（やまもと けんた）
生年月日：[[DATE_OF_BIRTH:1996年4月18日]]（満28歳）
現住所：[[STREET_ADDRESS:大阪府大阪市北区梅田1-2-3 梅田レジデンス804号]]
電話：[[PHONE:080-2291-5537]]
メール：[[EMAIL:kenta.yamamoto.jp@gmail.com]]

学歴
2015年4月 京都大学 工学部 入学
2019年3月 同 卒業

職歴
2019年4月 株式会社キーエンス 入社（営業技術）
2023年10月 同 退社`,

  // ATS webhook payload: application submitted
  `{
  "event": "application.created",
  "occurred_at": "2025-03-07T09:41:12Z",
  "job": { "id": "JOB-3391", "title": "Customer Success Manager (EMEA)", "location": "Remote" },
  "candidate": {
    "id": "cand_7f2a91c0",
    "name": "[[PERSON:Mercy Achieng Odhiambo]]",
    "email": "[[EMAIL:mercy.odhiambo@outlook.com]]",
    "phone": "[[PHONE:+254 722 418 903]]",
    "location": "[[LOCATION:Nairobi]], [[LOCATION:Kenya]]",
    "linkedin": "[[URL:https://www.linkedin.com/in/mercy-odhiambo-csm]]",
    "resume_url": "[[URL:https://files.hireloop.app/resumes/cand_7f2a91c0/Mercy_Odhiambo_CV.pdf?X-Amz-Signature=9b1f44a0c2e7d8f35a61b0e4c9d27e8a]]",
    "source": "referral",
    "referrer": "[[PERSON:Kwabena Asante]]"
  },
  "meta": { "ip": "[[IP_ADDRESS:41.90.64.118]]", "consent_gdpr": true }
}`,

  // Irish reference check call notes
  `Reference check – candidate: [[PERSON:Aisling Byrne]] (Operations Coordinator)
Referee: [[PERSON:Pádraig Ó Súilleabháin]], Head of Facilities, formerly her line manager
Referee phone: [[PHONE:+353 1 489 2271]] / mobile [[PHONE:085 774 3018]]
Call date: 6 March 2025, 11:30, by [[PERSON:Joy Kennedy]] (HR)

- Worked together 2020–2024 at the [[LOCATION:Galway]] site.
- Reliable, calm under pressure, ran the office move in 2022 single-handed.
- Would re-hire: yes. Reason for leaving: relocation to [[LOCATION:Limerick]] for family.
- Sickness absence: referee declined to comment (correct, we shouldn't ask).

Outcome: satisfactory. [[PERSON:Joy]] to send offer paperwork to [[EMAIL:aisling.byrne.ops@gmail.com]].`,

  // Arabic job application (UAE)
  `السادة فريق التوظيف المحترمين،

أتقدم بطلبي لوظيفة محاسب أول المعلن عنها على موقعكم. أرفقت سيرتي الذاتية، وهذه بياناتي:

الاسم: [[PERSON:يوسف عمر الحمادي]]
تاريخ الميلاد: [[DATE_OF_BIRTH:14/02/1990]]
العنوان: [[STREET_ADDRESS:شقة 1704، برج الريم، شارع الشيخ زايد، دبي]]
الهاتف المتحرك: [[PHONE:+971 50 428 7713]]
البريد الإلكتروني: [[EMAIL:yousef.alhammadi90@gmail.com]]

عملت لمدة ست سنوات في شركة تدقيق في [[LOCATION:أبوظبي]]، وأحمل شهادة CPA.

مع خالص التحية،
[[PERSON:يوسف الحمادي]]`,

  // Polish candidate e-mail to a recruiter (Swedish company)
  `Dzień dobry Pani [[PERSON:Karolino]],

dziękuję za rozmowę. Potwierdzam, że jestem zainteresowany stanowiskiem Senior Android Developer w Spotify w [[LOCATION:Sztokholmie]]. Mogę zacząć od 1 czerwca.

Moje dane:
[[PERSON:Bartosz Zieliński]]
[[STREET_ADDRESS:ul. Marszałkowska 84/92 m. 15, 00-514 Warszawa]]
tel. [[PHONE:+48 503 927 461]]
GitHub: [[URL:https://github.com/bzielinski-dev]]

Pozdrawiam serdecznie
[[PERSON:Bartosz]]`,

  // Singapore offer letter details for HR system entry
  `Hi, please prepare the offer letter with these details ([[LOCATION:Singapore]] entity):

Candidate: [[PERSON:Lim Wei Ling, Faith]]
Position: Regional Marketing Manager, APAC
Start date: 2 June 2025
Monthly base: S$9,800 + AWS + variable bonus
Residential address: [[STREET_ADDRESS:Blk 456 Ang Mo Kio Ave 10, #08-1234, Singapore 560456]]
Personal email: [[EMAIL:faith.limwl@gmail.com]]
Mobile: [[PHONE:+65 9734 2218]]
Hiring manager: [[PERSON:Rajesh s/o Govindasamy]]

Note: "AWS" here is the annual wage supplement (13th month), not Amazon Web Services.`,

  // US city 311 service request export
  `311 Service Request SR-25-00418832
Type: Streetlight Out / Pothole (combined)
Status: Assigned – Streets & Sanitation, Ward 32
Created: 03/05/2025 07:58 via mobile app
Location of issue: in front of [[STREET_ADDRESS:2541 N Lincoln Ave, Chicago, IL 60614]]
Description: Pothole about 2 ft wide, two cars blew tires this week. Streetlight above it out since Feb.
Requester: [[PERSON:Bogdan Kovalenko]]
Requester phone: [[PHONE:(773) 419-2286]]
Requester email: [[EMAIL:bkovalenko@sbcglobal.net]]
Contact preference: email
Device IP: [[IP_ADDRESS:98.227.141.63]]`,

  // UK council tax query about single person discount
  `Dear Council Tax team,

Account number: 60118823

I'm writing to apply for the single person discount from 1 February 2025. My former partner, [[PERSON:Liam Doherty]], moved out on 31 January and now lives at [[STREET_ADDRESS:Flat 4, 90 Shields Road, Newcastle upon Tyne NE6 1DL]].

I remain at [[STREET_ADDRESS:17 Hazelwood Avenue, Jesmond, Newcastle upon Tyne NE2 3HU]] with my two children, who are both under 18.

Please could you also change my Direct Debit date to the 15th. You can call me on [[PHONE:07884 512 379]].

Many thanks,
[[PERSON:Ayesha Rahman]]`,

  // Hindi municipal property-tax complaint
  `सेवा में,
नगर निगम, संपत्ति कर विभाग

विषय: संपत्ति कर बिल में गलत क्षेत्रफल

महोदय,

मेरा नाम [[PERSON:सुरेश चंद्र मिश्रा]] है। मेरे मकान [[STREET_ADDRESS:मकान नं. 45, सेक्टर 15, नोएडा 201301]] का संपत्ति कर बिल (संपत्ति आईडी NN-15-004512) 2400 वर्ग फुट के हिसाब से बना है, जबकि वास्तविक निर्मित क्षेत्र केवल 1650 वर्ग फुट है।

कृपया पुनः माप करवाकर बिल संशोधित करें। मेरा मोबाइल नंबर [[PHONE:98111 42076]] है और ईमेल [[EMAIL:sureshmishra.noida@gmail.com]] है।

भवदीय,
[[PERSON:सुरेश चंद्र मिश्रा]]`,

  // Mexican municipal procedure (trámite) request
  `Buen día. Quiero dar seguimiento a mi trámite de licencia de funcionamiento, folio LF-2025-118842. Lo ingresé el 10 de febrero y sigue "en revisión".

Titular: [[PERSON:José Manuel Zúñiga Ortega]]
Domicilio del negocio: [[STREET_ADDRESS:Av. Insurgentes Sur 1602, Col. Crédito Constructor, 03940 Ciudad de México, CDMX]]
Giro: cafetería
Teléfono: [[PHONE:+52 55 2873 4410]]
Correo: [[EMAIL:jm.zuniga.cafe@hotmail.com]]

Me dijeron en la ventanilla que la licenciada [[PERSON:Araceli]] lleva el caso. ¿Me pueden confirmar? Gracias.`,

  // Korean community service centre inquiry
  `안녕하세요. 전입신고 관련 문의드립니다.

이번 달 10일에 [[STREET_ADDRESS:경기도 성남시 분당구 판교역로 235, 에이치스퀘어 N동 702호]]로 이사했는데, 정부24에서 온라인 전입신고가 "세대주 확인 필요"로 멈춰 있습니다. 세대주는 남편 [[PERSON:이준호]]이고 저는 [[PERSON:최유진]]입니다.

확인되면 [[PHONE:010-7742-3185]]으로 문자 부탁드립니다.`,

  // Dutch municipality parking permit application
  `Aanvraag bewonersvergunning parkeren

Naam aanvrager: [[PERSON:Daan Hoekstra]]
Adres: [[STREET_ADDRESS:Prinsengracht 263-2, 1016 GV Amsterdam]]
Geboortedatum: [[DATE_OF_BIRTH:09-05-1987]]
Kenteken: 12-XKL-7
E-mail: [[EMAIL:daan.hoekstra@kpnmail.nl]]
Telefoon: [[PHONE:06-28417736]]

Toelichting: ik ben per 1 maart verhuisd vanuit [[LOCATION:Utrecht]]. Mijn partner, [[PERSON:Fenna Visser]], woont op hetzelfde adres maar heeft geen auto. Betaling graag via automatische incasso van [[IBAN:NL43 ABNA 8172 8056 93]].`,

  // Australian council: missed bin collection and bulky waste booking
  `Hi Council,

Our red-lid bin was missed again on Tuesday – that's the third time since Christmas. The truck came down the other side of the street but skipped ours.

Address: [[STREET_ADDRESS:42 Wattle Grove, Lalor VIC 3075]]
Name: [[PERSON:Dimitra Karagiannis]]
Phone: [[PHONE:0403 558 217]]

I'd also like to book a bulky waste pickup for an old fridge and mattress. My neighbour [[PERSON:Wiremu]] at number 44 wants to add a couch to the same booking if that's allowed.

Thanks, [[PERSON:Dimitra]]`,

  // Singapore town council feedback (Singlish)
  `Hi Town Council, the corridor light outside my unit spoilt for 2 weeks already, very dark at night. My mother is elderly and she walk with stick, quite dangerous leh.

Name: [[PERSON:Muhammad Faizal bin Rahmat]]
Address: [[STREET_ADDRESS:Blk 621 Woodlands Drive 52, #09-187, Singapore 730621]]
Contact: [[PHONE:9182 5507]]

Also the lift at my block keep stopping at level 7. Pls send someone check. Thank you.`,

  // B2B SaaS QBR notes with customer contacts
  `QBR – Kestrel Logistics (Enterprise, renewal 30 June 2025)
Date: 4 March 2025, 14:00–15:00 GMT, Teams
Attendees (customer): [[PERSON:Olusegun Bamidele]] (VP Ops), [[PERSON:Harriet Lowe]] (IT Director), [[PERSON:Piotr Nowak]] (Billing)
Attendees (us): [[PERSON:Gabriela Monteiro]] (CSM), [[PERSON:Arjun Mehta]] (SE)

Highlights
- Seats: 412 of 450 used; route-optimisation module adopted by the [[LOCATION:Rotterdam]] and [[LOCATION:Felixstowe]] depots.
- NPS from their dispatchers up from 21 to 38.
Risks
- [[PERSON:Harriet]] flagged SSO outages on 12 Feb (our incident INC-2291). Wants an SLA credit.
- Budget freeze until Q3; [[PERSON:Olusegun]] hinted at a multi-year deal if we hold price.
Actions
- [[PERSON:Gabriela]] to send credit memo to [[PERSON:Piotr]] ([[EMAIL:piotr.nowak@kestrel-logistics.com]], [[PHONE:+44 7723 509 118]]) by 14 March.
- [[PERSON:Arjun]] to schedule SSO hardening session with [[PERSON:Harriet]].`,

  // Support ticket: customer pasted live API keys and server IP
  `Ticket #88213 – "Webhooks failing with 401 since last deploy"
Customer: [[PERSON:Yusuf Demir]] <[[EMAIL:yusuf.demir@finch-pay.com.tr]]>

Hi, since our deploy on Monday all webhook calls from your side get 401. Our config:

PAYLINK_SECRET_KEY=[[SECRET:sk_live_zymMlopiWfqUyHRSIf8NFmAU]]
PAYLINK_RESTRICTED_KEY=[[SECRET:rk_live_NLnY5Yx0y3RnjDQl2Kvf8THR]]
WEBHOOK_ENDPOINT=https://api.finch-pay.com.tr/hooks/paylink

Our egress IP is [[IP_ADDRESS:88.230.17.64]], please whitelist it. The server is in [[LOCATION:Istanbul]].

Thanks,
[[PERSON:Yusuf]]
Backend Lead, FinchPay`,

  // SSO configuration handover with a JWT and private key
  `Handover for the SAML/OIDC migration – customer: Northwind Health Partners

Customer admin: Dr. [[PERSON:Ama Boateng]] ([[EMAIL:ama.boateng@northwindhp.org]]), deputy [[PERSON:Conor Whelan]] ([[PHONE:+1 617-824-3390]])

Test ID token they sent us (expires soon, still don't keep it in the ticket):
[[SECRET:eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c3JfODgyMTMiLCJuYW1lIjoiQ2hpZGlubWEgRXplIiwiZW1haWwiOiJjaGlkaW5tYS5lemVAZ21haWwuY29tIiwiaWF0IjoxNzM1Njg5NjAwfQ.cHjXpcK_42PEnKYAiJ6-Rkcgkq0y2ccpPBAnb3KxrKw]]

Signing key (they pasted it into chat, ask them to rotate):
[[SECRET:-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7Vb3nq2Lp1mRT
SwNccStq3fiOLUwQmLeR2zufwl8Y2WVWHnATriHmaVXOEpLJ0qrqKdHsF0qHM3Xl
Sd+D9i/MEeq6iTqTfibBb5z6/aBfCt3xq6KceMheFYV/rKSteQVz1HwG9kX0HM9a
wdGDwcuCMGPYTZuHVvat77J9OwPsgZt7BpYQ2OQBilCFXuF0DRkxhhl8WBH4Rax2
3OJvs9Vr947x6+M57m9e6ypS+bW3Ohzqp2aoqyrCGcShfzeyCABax7H8TUSRFLc5
nvfBZKVRx8QM9/b8dGlQnd2VawVTURIOHXvDNkl9jkzoSXPCFgqGYvaROyWI/wvc
hteNT8shrKTHFOEhFG3okwayO+XUrDB26J1z5DKeBR7AmewezI3bjlvcFlpjikcI
-----END PRIVATE KEY-----]]

Next step: [[PERSON:Conor]] books a session with our SE for 18 March.`,

  // Invoice dispute from a German customer with billing contact and IBAN
  `Betreff: Rechnung INV-2025-00871 – doppelte Abbuchung

Guten Tag,

Sie haben die Rechnung INV-2025-00871 (1.188,00 € netto, Business-Plan, 12 Monate) am 3. und 4. März jeweils per SEPA-Lastschrift von unserem Firmenkonto eingezogen. Bitte erstatten Sie eine der beiden Zahlungen auf [[IBAN:DE47 8133 0367 5809 1833 13]].

Ansprechpartnerin Buchhaltung: [[PERSON:Birgit Kaminski]], [[PHONE:+49 221 9475 3308]], [[EMAIL:b.kaminski@rheinwerk-moebel.de]]
Rechnungsanschrift: Rheinwerk Möbel GmbH, [[STREET_ADDRESS:Hansaring 61, 50670 Köln]]

Viele Grüße
[[PERSON:Birgit Kaminski]]`,

  // Churn call notes (Australian English)
  `Churn save call – Bluegum Property Group – 5 Mar 2025
Spoke with: [[PERSON:Mitchell "Mitch" Harvey]] (COO), mobile [[PHONE:0417 392 066]]
Also on: [[PERSON:Ngaio Parata]] (Office Manager)

- They're moving to a competitor because our inspection app crashes on older iPads in the [[LOCATION:Geelong]] office.
- [[PERSON:Mitch]] is happy with support but says renewal price (+18%) is "a kick in the guts".
- [[PERSON:Ngaio]] likes the tenant portal, wants to keep that at least.
Offer made: 10% discount + free iPad compatibility fix prioritised in 25.4. Decision by 20 March. Follow-up email to [[EMAIL:mitch.harvey@bluegumproperty.com.au]].`,

  // Admin user export CSV pasted for cleanup
  `Which of these users haven't logged in for 90+ days? Today is 2025-03-07.

user_id,full_name,email,role,last_login,last_ip
u_1021,[[PERSON:Ingrid Solberg]],[[EMAIL:ingrid.solberg@fjordline-travel.no]],owner,2025-03-06T08:12:44Z,[[IP_ADDRESS:84.212.77.130]]
u_1022,[[PERSON:Kofi Mensah]],[[EMAIL:kofi.mensah@fjordline-travel.no]],admin,2024-11-19T15:40:02Z,[[IP_ADDRESS:193.69.48.221]]
u_1023,[[PERSON:Sunniva Berg]],[[EMAIL:sunniva.berg@fjordline-travel.no]],member,2024-08-02T10:05:51Z,[[IP_ADDRESS:109.189.16.74]]
u_1024,[[PERSON:Rashid Karimi]],[[EMAIL:rashid.karimi@fjordline-travel.no]],member,2025-02-27T13:22:09Z,[[IP_ADDRESS:2a02:8108:1dc0:3e00:5d1f:9a22:c31b:7e40]]
u_1025,support bot,helpdesk@fjordline-travel.no,service,2025-03-07T06:00:00Z,`,

  // Slack export: a GitHub token and an AWS key leaked in a customer channel
  `#ext-acme-robotics (shared channel)
[10:41] [[PERSON:Haruto Kimura]] (Acme Robotics): our CI can't pull the private package since this morning. here's the token we use, maybe it's scoped wrong? [[SECRET:ghp_llAj7n4JuXFZo2qh20xlReGsaL1dvnyzv0Zz]]
[10:43] [[PERSON:Beatriz Almeida]] (Support): [[PERSON:Haruto]], please revoke that token right away – this channel is visible to 40+ people. I've hidden the message.
[10:44] [[PERSON:Haruto Kimura]] (Acme Robotics): oh no. ok revoking. the deploy role also uses AWS_ACCESS_KEY_ID=[[SECRET:AKIAF6UZCRA3NXF5M5DW]] AWS_SECRET_ACCESS_KEY=[[SECRET: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]] should I rotate those too?
[10:45] [[PERSON:Beatriz Almeida]] (Support): Yes, rotate those as well and don't paste secrets here 🙏 I'll open a security ticket and ping [[PERSON:Dana]] on our side.`,

  // Webhook delivery log excerpt with customer IPs and an API key in a header
  `2025-03-06T21:14:07.118Z INFO  webhook.deliver id=wh_4471 tenant=t_soleil status=200 dur=142ms src=[[IP_ADDRESS:176.59.12.44]]
2025-03-06T21:14:09.503Z WARN  auth.reject tenant=t_soleil reason="expired key" header="Authorization: Bearer [[SECRET:sk-proj-E6boQ_jQaJbO0HvrgYegRDLu4h1Dyo-vIJUjzwTkoqrtleWv]]" src=[[IP_ADDRESS:176.59.12.44]]
2025-03-06T21:14:11.920Z INFO  user.login tenant=t_soleil user="[[EMAIL:anastasia.volkova@soleil-studio.ru]]" mfa=totp src=[[IP_ADDRESS:95.165.28.140]]
2025-03-06T21:15:02.004Z INFO  export.csv tenant=t_soleil rows=1840 requested_by="[[EMAIL:anastasia.volkova@soleil-studio.ru]]"
2025-03-06T21:15:44.610Z ERROR smtp.send tenant=t_soleil code=535 msg="SendGrid auth failed" key=[[SECRET: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]]`,

  // Password reset link and temporary credentials forwarded to the assistant
  `Can you rewrite this welcome email so it sounds friendlier? Keep the links.

Hi [[PERSON:Priscilla]],

Your account on the Harbourview Tenant Portal is ready.
Username: [[EMAIL:priscilla.owusu@gmail.com]]
Temporary password: [[SECRET:Harb0ur!view-7721]]

Or set your own password here (valid 24 h): [[URL:https://portal.harbourview-pm.com/reset?token=f3a9c1e07b4d2a6e8f1c&email=priscilla.owusu%40gmail.com]]

Questions? Reply to this email or ask Pia, our virtual assistant, in the portal.`,

  // Google API key and Twilio key in a Teams message (Indian English)
  `[[PERSON:Karthikeyan S]] 11:02 AM
Folks, client's maps widget is down. Their dev [[PERSON:Nisha]] sent their key to check quota: [[SECRET:AIzacnNjeh1MVLymYZwH6Qqq5X1wUGAJ7Wx98vj]]. I have told her kindly not to share such things over Teams only.

[[PERSON:Nisha Agarwal]] (Guest) 11:05 AM
Sorry sir. Also the SMS OTP is failing, the Twilio API key is [[SECRET:SK006459185d401ce257ad4f2b57f63d65]] and password: [[SECRET:Tw!lio@Mar2025]]. Our office IP is [[IP_ADDRESS:49.36.112.204]], [[LOCATION:Pune]] branch.

[[PERSON:Karthikeyan S]] 11:07 AM
Noted ma'am. Please rotate both after we check. Looping in [[PERSON:Raghav]] from infra.`,

  // Calendar invite (ICS) pasted into the assistant
  `Summarise this invite for me:

BEGIN:VCALENDAR
BEGIN:VEVENT
UID:7f3c2e10-4471-4c2b-9a1e-20250312T140000
DTSTART:20250312T140000Z
DTEND:20250312T150000Z
SUMMARY:Tenant liaison committee – Q1
LOCATION:Community Room B (ground floor)
ORGANIZER;CN=[[PERSON:Hyacinth Campbell]]:mailto:[[EMAIL:hcampbell@tlc-housing.org.uk]]
ATTENDEE;CN=[[PERSON:Rahul Bhattacharya]];ROLE=REQ-PARTICIPANT:mailto:[[EMAIL:rahul.bhatta@gmail.com]]
ATTENDEE;CN=[[PERSON:Maeve O'Sullivan]];ROLE=REQ-PARTICIPANT:mailto:[[EMAIL:maeve.osullivan@hotmail.co.uk]]
ATTENDEE;CN=[[PERSON:Kwesi Boateng]];ROLE=OPT-PARTICIPANT:mailto:[[EMAIL:k.boateng@tlc-housing.org.uk]]
DESCRIPTION:Agenda: damp & mould survey results; lift refurbishment timeline; service charge consultation. Dial-in for [[PERSON:Maeve]]: she'll join from her mobile [[PHONE:07851 620 443]].
END:VEVENT
END:VCALENDAR`,

  // Teams meeting notes (Indian English) with action items
  `MoM – Vendor onboarding sync | 06-Mar-2025 | 4:00–4:40 PM IST
Present: [[PERSON:Pooja Iyer]] (Procurement), [[PERSON:Sandeep Chauhan]] (Finance), [[PERSON:Rich Fernandes]] (IT Security), [[PERSON:Farah Siddiqui]] (Legal)

1. Vendor KYC for Sai Facility Services pending – [[PERSON:Sandeep]] to get the cancelled cheque and GST certificate by Monday.
2. [[PERSON:Rich]] raised that the vendor's admin (Mr. [[PERSON:Prakash Nair]], [[PHONE:+91 98450 37712]]) wants VPN access from their site IP [[IP_ADDRESS:152.58.77.19]]. Approved only for the ticketing portal, not for the HRMS.
3. Contract redlines: [[PERSON:Farah]] to share by Friday. Rich text formatting in the template is broken, she will send a PDF instead.
4. Next sync: 13-Mar, same time, Conf Room "Ganga" (2nd floor).

Action owner summary mailed to procurement@ from [[EMAIL:pooja.iyer@tridentsoft.in]].`,

  // Italian condominium meeting minutes
  `VERBALE DELL'ASSEMBLEA ORDINARIA DEL CONDOMINIO "LE GINESTRE"

Il giorno 4 marzo 2025 alle ore 18:30, presso la sala comune, si è riunita l'assemblea dei condomini.

Presenti: [[PERSON:Rossi Marco]] (int. 3), [[PERSON:Esposito Anna]] (int. 5, anche per delega di [[PERSON:Bianchi Luigi]], int. 6), [[PERSON:Conti Gianfranco]] (int. 8), [[PERSON:Ricci Chiara]] (int. 11).
Amministratore: rag. [[PERSON:Davide Colombo]], tel. [[PHONE:335 612 8841]], PEC [[EMAIL:davide.colombo@pec.it]].

Punto 1 – Rifacimento facciata: approvato il preventivo della ditta Edil Sud S.r.l. per 86.400 €.
Punto 2 – Morosità: il sig. [[PERSON:Conti]] si impegna a saldare le quote arretrate entro il 30 aprile.

L'assemblea si chiude alle ore 20:15.
Il presidente: [[PERSON:Anna Esposito]]   Il segretario: [[PERSON:Chiara Ricci]]`,

  // Nigerian lawyer's e-mail signature and short reply
  `Noted with thanks. We will file the response at the High Court registry on Monday and serve your client's counsel thereafter.

Kind regards,

Barr. [[PERSON:Oluwadamilare Fashola]]
Associate | Aluko, Adeyemi & Co. (Barristers & Solicitors)
[[STREET_ADDRESS:4th Floor, 12 Adeola Odeku Street, Victoria Island, Lagos]]
T: [[PHONE:+234 1 291 4470]] | M: [[PHONE:+234 805 774 1192]]
E: [[EMAIL:d.fashola@alukoadeyemi.com]]

This email and any attachments are confidential and may be privileged. If you are not the intended recipient, please notify the sender and delete it.`,

  // Spanish forwarded thread (Outlook) between a property manager and a supplier
  `De: [[PERSON:Lucía Fernández Gil]] <[[EMAIL:lucia.fernandez@gestionesmirador.es]]>
Enviado el: jueves, 6 de marzo de 2025 12:41
Para: [[PERSON:Jordi Serra]] <[[EMAIL:jordi@fontaneriaserra.cat]]>
Asunto: RV: Avería ascensor – presupuesto

[[PERSON:Jordi]], te reenvío el correo de la presidenta de la comunidad. ¿Puedes pasar mañana?

-----Mensaje original-----
De: [[PERSON:Rocío Benítez]] <[[EMAIL:rociobenitez64@gmail.com]]>
Enviado el: miércoles, 5 de marzo de 2025 21:03
Asunto: Avería ascensor

[[PERSON:Lucía]], el ascensor de [[STREET_ADDRESS:Avenida de la Constitución 18, 41001 Sevilla]] lleva parado desde el lunes y en el 5º vive doña [[PERSON:Amparo]], que tiene 89 años. Por favor, que venga alguien ya. Mi móvil: [[PHONE:+34 689 413 227]].`,

  // Tagalog / Taglish SMS thread about a remittance pickup
  `Ate, napadala ko na yung ₱15,000 sa remittance center. Reference no. PH-RMT-8841207. Ikaw yung receiver, [[PERSON:Marilou Santos Dela Cruz]]. Dalhin mo valid ID ha.
– [[PERSON:Jun]] ([[PHONE:+971 56 218 4409]])

Salamat [[PERSON:Jun]]! Kukunin ko bukas pagkatapos ng trabaho. Si [[PERSON:Angelica]] na lang ba ang magbabayad ng kuryente? Yung bill nasa [[STREET_ADDRESS:Blk 12 Lot 8, Phase 2, Camella Homes, Brgy. Molino III, Bacoor, Cavite 4102]] pa rin ang address.
– Ate [[PERSON:Lou]]

Oo. Pakisabi kay [[PERSON:Angelica]] na bayaran bago mag-15. Pag may problema tawagan mo si Tito [[PERSON:Ramon]] sa [[PHONE:0998 314 7720]].`,

  // Chinese meeting minutes with attendee contacts
  `会议纪要

主题：第二季度校企合作实习项目启动会
时间：2025年3月5日 14:00–15:30
地点：行政楼三楼会议室

参会人员：[[PERSON:张伟]]（就业指导中心）、[[PERSON:李娜]]（计算机学院）、[[PERSON:赵磊]]（合作企业HR）

会议内容：
1. 本期共接收实习生42人，名单由[[PERSON:李娜]]老师于3月10日前提交。
2. 企业方联系人：[[PERSON:赵磊]]，手机[[PHONE:139 1028 5573]]，邮箱[[EMAIL:zhaolei.hr@163.com]]。
3. 学生报到地址：[[STREET_ADDRESS:北京市海淀区中关村大街27号8层]]。

记录人：[[PERSON:王芳]]`,

  // Swedish Teams chat export from a municipality's IT helpdesk
  `[2025-03-05 08:14] [[PERSON:Johan Lindgren]]: Hej! Kan någon hjälpa [[PERSON:Aylin Öztürk]] på socialförvaltningen? Hon är utelåst från sitt konto sedan i fredags.
[2025-03-05 08:16] [[PERSON:Maja Sundberg]] (IT-support): Japp, jag tar det. [[PERSON:Aylin]], kan du ringa mig på [[PHONE:08-508 412 77]]?
[2025-03-05 08:21] [[PERSON:Aylin Öztürk]]: Tack! Jag har nytt nummer förresten, [[PHONE:070-644 18 92]]. Och min chef [[PERSON:Per-Olof]] vill veta när det är fixat.
[2025-03-05 08:40] [[PERSON:Maja Sundberg]] (IT-support): Klart! Tillfälligt lösenord skickat via sms.`,

  // Hebrew forwarded e-mail with a signature (B2B SaaS)
  `---------- Forwarded message ---------
מאת: [[PERSON:אורי כהן]] <[[EMAIL:uri.cohen@tevatech.co.il]]>
תאריך: יום ג׳, 4 במרץ 2025 בשעה 10:12
נושא: חידוש רישיונות

היי [[PERSON:מיכל]],

אנחנו רוצים להוסיף 15 משתמשים לחבילה לפני החידוש. אפשר לחייב את אותו כרטיס אשראי, [[CREDIT_CARD:4259 0112 0250 0044]].

תודה,
[[PERSON:אורי כהן]]
מנהל מערכות מידע
טבע-טק בע״מ | [[STREET_ADDRESS:רחוב הברזל 30, תל אביב]]
נייד: [[PHONE:054-631-2287]]`,

  // Russian Telegram chat with a private tutor
  `[[PERSON:Анна Сергеевна]], добрый вечер! Это мама [[PERSON:Миши Кузнецова]] из 9 «Б». Хотели бы продолжить занятия по физике с апреля, два раза в неделю.

Удобно ли вам по вторникам и пятницам в 17:00? Оплату можем переводить на карту, как раньше, или наличными.

Наш новый адрес: [[STREET_ADDRESS:Невский проспект, д. 88, кв. 17, Санкт-Петербург, 191025]]. Мой телефон [[PHONE:+7 921 304-58-71]], папы ([[PERSON:Дмитрий]]) — [[PHONE:+7 911 227-40-36]].

С уважением, [[PERSON:Екатерина Кузнецова]]`,

  // Vietnamese HR message about payroll details
  `Chào chị [[PERSON:Hương]],

Em là [[PERSON:Phạm Quốc Bảo]], nhân viên mới phòng Kỹ thuật (mã NV 20250317). Em gửi chị thông tin để làm hồ sơ lương ạ:

- Ngày sinh: [[DATE_OF_BIRTH:12/10/1998]]
- Địa chỉ thường trú: [[STREET_ADDRESS:45 Trần Phú, Phường Điện Biên, Quận Ba Đình, Hà Nội]]
- Số điện thoại: [[PHONE:0987 215 634]]
- Email cá nhân: [[EMAIL:baopham.qb98@gmail.com]]

Người liên hệ khẩn cấp: mẹ em, bà [[PERSON:Nguyễn Thị Lan]], SĐT [[PHONE:0912 448 730]].

Em cảm ơn chị ạ!`,

  // Brazilian condominium WhatsApp group
  `[06/03/25 19:02] Síndica [[PERSON:Cláudia]]: Boa noite, vizinhos! A assembleia extraordinária será dia 20/03 às 19h no salão de festas. Pauta: troca do portão da garagem.
[06/03/25 19:10] [[PERSON:Marcos Vinícius]] (apto 42): Boa noite! Quem vai orçar o portão? Tenho um contato bom, o Seu [[PERSON:Jorge]] da serralheria, [[PHONE:(21) 99874-1130]].
[06/03/25 19:12] Síndica [[PERSON:Cláudia]]: Obrigada, [[PERSON:Marcos]]! Manda pra mim no privado. Meu número é [[PHONE:(21) 98102-3357]].
[06/03/25 19:15] Dona [[PERSON:Graça]] (apto 11): Graças a Deus vão trocar esse portão 🙏`,

  // Turkish Slack message in a SaaS customer workspace
  `#musteri-destek
[[PERSON:Burak Şahin]] 09:47: Arkadaşlar, Koç Holding'den [[PERSON:Selin Aksoy]] hanım aradı, fatura adresleri yanlış görünüyormuş. Doğrusu: [[STREET_ADDRESS:Nakkaştepe, Azizbey Sok. No: 1, 34674 Üsküdar/İstanbul]].
[[PERSON:Burak Şahin]] 09:48: [[PERSON:Selin]] Hanım'ın cep numarası [[PHONE:0532 604 71 93]], e-posta [[EMAIL:selin.aksoy@gmail.com]] (şirket adresine mail gitmiyormuş).
[[PERSON:Deniz Yılmaz]] 09:55: Tamamdır, düzeltip ona dönüyorum.`,

  // Egyptian Arabic WhatsApp with a plumber
  `أستاذ [[PERSON:محمود]]، صباح الخير. أنا [[PERSON:هبة السيد]] من العمارة اللي في [[STREET_ADDRESS:١٤ شارع جامعة الدول العربية، المهندسين، الجيزة]]. الحنفية في المطبخ بتنقط من امبارح والمية بتوصل لشقة الجيران تحت.

ممكن تيجي النهارده بعد العصر؟ لو مش موجودة جوزي [[PERSON:أحمد]] هيفتحلك، رقمه [[PHONE:0100 482 3317]].`,

  // Hindi WhatsApp from a parent to a tutor
  `नमस्ते सर, मैं [[PERSON:आरव]] की मम्मी [[PERSON:पूजा शर्मा]] बोल रही हूँ। [[PERSON:आरव]] की गणित की ट्यूशन अगले हफ़्ते से शाम 6 बजे की जगह 5 बजे कर सकते हैं क्या? उसके स्कूल का टाइम बदल गया है।

फीस मैं UPI से भेज दूँगी। कोई बात हो तो मेरे नंबर [[PHONE:98290 61473]] पर कॉल कर लीजिए। हमारा पता वही है – [[STREET_ADDRESS:प्लॉट नं. 27, वैशाली नगर, जयपुर 302021]]।

धन्यवाद।`,

  // US debt collection call transcript with card payment
  `Call transcript (auto-generated) – Summit Credit Recovery – 03/06/2025 2:14 PM ET
Agent: This is [[PERSON:Marcus]] with Summit Credit Recovery. This is an attempt to collect a debt. Am I speaking with [[PERSON:Jennifer Aguilar]]?
Caller: Yes, this is [[PERSON:Jen]].
Agent: For verification, can you give me your date of birth and the last four of your Social?
Caller: [[DATE_OF_BIRTH:May 9th, 1979]], and the last four are 2291.
Agent: Thank you. The balance on your former Verizon account is $486.22. We can settle today for $340.
Caller: OK. I'll pay with my Amex, it's [[CREDIT_CARD:3712 994573 97676]], expires 10/26.
Agent: Got it. The confirmation will go to the email we have, [[EMAIL:jen.aguilar79@yahoo.com]]. Is that still correct?
Caller: Yes. And please stop calling my mom's house, [[PHONE:(915) 588-2033]].`,

  // Indonesian boarding-house (kos) rental WhatsApp
  `Selamat malam Bu [[PERSON:Sri]], saya [[PERSON:Rangga Aditya]] yang kemarin lihat kamar no. 7. Saya jadi ambil ya Bu, mulai 1 April, sewa 6 bulan.

Data saya:
Nama: [[PERSON:Rangga Aditya Nugroho]]
Tgl lahir: [[DATE_OF_BIRTH:03-03-2001]]
Asal: [[LOCATION:Surabaya]]
HP: [[PHONE:0857-3302-1188]]

DP Rp 500.000 sudah saya transfer ke rekening atas nama Ibu. Alamat kosnya [[STREET_ADDRESS:Jl. Kaliurang Km 5, Gg. Pandega Marta No. 12, Sleman, Yogyakarta 55281]] kan Bu? Buat kirim paket.`,

  // US tenant screening form with SSN (property management)
  `Tenant screening – Applicant 2 of 2 (co-signer)
Property: Maple Court Townhomes, Unit 14

Name: [[PERSON:Gwendolyn "Gwen" Abernathy]]
SSN: [[US_SSN:233-48-9017]]
Date of birth: [[DATE_OF_BIRTH:12/01/1958]]
Current address: [[STREET_ADDRESS:77 Orchard Hill Dr, Cary, NC 27511]]
Phone: [[PHONE:(919) 601-3372]]
Relationship to applicant: mother of [[PERSON:Dawn Abernathy]]
Monthly income: $6,400 (pension + part-time)
Application fee: paid by Discover [[CREDIT_CARD:6011 9871 3463 5632]]
Submitted from: [[IP_ADDRESS:174.109.62.33]]`,

  // Korean e-mail signature in a forwarded thread
  `---------- 전달된 메시지 ----------
보낸사람: [[PERSON:정민수]] <[[EMAIL:minsu.jung@hanbit-edu.co.kr]]>
날짜: 2025년 3월 6일 (목) 오후 3:20
제목: 교재 납품 일정 확인

[[PERSON:윤아름]] 팀장님,

요청하신 교재 1,200부는 3월 14일(금) 오전에 납품 예정입니다. 하차 시 연락 주실 분 성함과 연락처를 알려주세요.

감사합니다.

[[PERSON:정민수]] 과장 | 한빛에듀 영업팀
[[STREET_ADDRESS:서울특별시 강남구 테헤란로 152, 12층]]
M. [[PHONE:010-2287-4153]]`,

  // Japanese card payment issue at a language school
  `お世話になっております。受講生の[[PERSON:グエン・ヴァン・ナム]]です。

来期の授業料をオンラインで支払おうとしましたが、エラーになりました。使ったカードはJCB [[CREDIT_CARD:3528 4640 5239 2201]]です。ほかのカードを使ったほうがいいですか？

連絡先：[[PHONE:070-3318-4526]]
住所：[[STREET_ADDRESS:福岡県福岡市博多区博多駅前3-9-5 シティハイツ305号]]

よろしくお願いします。`,

  // Tab-separated volunteer rota pasted from a spreadsheet
  `Here's the food bank rota for next week, can you spot any double bookings?

Day	Shift	Volunteer	Mobile
Mon	AM	[[PERSON:Patience Mensah]]	[[PHONE:07932 110 458]]
Mon	PM	[[PERSON:Callum Reid]]	[[PHONE:07455 902 314]]
Tue	AM	[[PERSON:Patience Mensah]]	[[PHONE:07932 110 458]]
Tue	AM	[[PERSON:Bilal Hussain]]	[[PHONE:07818 637 205]]
Wed	PM	[[PERSON:Grace O'Neill]]	[[PHONE:07704 281 966]]
Thu	AM	[[PERSON:Callum Reid]]	[[PHONE:07455 902 314]]
Thu	AM	[[PERSON:Callum Reid]]	[[PHONE:07455 902 314]]

Warehouse is closed Friday for the stock take. [[PERSON:Patience]] has asked to swap Tuesday for Friday next month.`,
];

const NEGATIVES: readonly string[] = [
  // building notice to all residents: water shutdown, word-names used as words
  `NOTICE TO ALL RESIDENTS – Blocks A to D

Planned water shutdown: Wednesday 19 March 2025, 09:00–15:00

Our contractor will replace the main riser valve on the ground floor of Block C. During the works there will be no cold or hot water in any flat. Please store enough water for cooking and drinking the night before.

We know this is a nuisance and we hope to finish early. If the weather is sunny, the laundry room doors will be left open to air the corridor. Residents who rely on a water supply for medical equipment should contact the management office by Friday so we can arrange bottled water.

Work order: WO-2025-0319-C
Contractor ref: RSV-88412
Questions: maintenance@harbourview-pm.com

Thank you for your patience.
Harbourview Property Management`,

  // school term calendar
  `TERM DATES 2025–26

Autumn term: Wednesday 3 September – Friday 19 December 2025
  Half term: Monday 27 October – Friday 31 October
  INSET days: 1 & 2 September, 24 November
Spring term: Monday 5 January – Friday 27 March 2026
  Half term: Monday 16 February – Friday 20 February
Summer term: Monday 13 April – Tuesday 21 July 2026
  Half term: Monday 25 May – Friday 29 May
  Bank holiday: Monday 4 May

Parents' evenings: Year 7 – 14 October; Year 9 – 11 November; Year 11 – 20 January.
Sports Day: Friday 3 July (reserve date 10 July).
The Summer Fair raises money for the library – donations of books, cakes and gift vouchers welcome.`,

  // clinic appointment policy
  `Appointment & cancellation policy

1. Please arrive 10 minutes before your appointment to complete check-in at the kiosk.
2. If you are more than 15 minutes late, we may need to rebook you.
3. Cancellations with less than 24 hours' notice incur a fee of $45. Missed appointments incur a fee of $75.
4. Telehealth appointments: you will receive a link by text 15 minutes before the start time.
5. Repeat prescriptions take 2 working days. Requests after 4 pm count as the next working day.
6. Our reception is open Monday to Friday 8:00 am – 6:00 pm and Saturday 9:00 am – 12:00 pm.

Ask Nova, our virtual receptionist, to book, move or cancel appointments 24/7. Nova cannot give medical advice; in an emergency call 911.`,

  // debt collection FAQ boilerplate
  `Frequently asked questions

Why am I receiving this letter?
Your account has been placed with us by the original creditor. This is an attempt to collect a debt and any information obtained will be used for that purpose.

Can I dispute the debt?
Yes. You have 30 days from receipt of the validation notice to dispute all or part of the debt in writing. If you do, we will stop collection until we mail you verification.

Will this affect my credit report?
Accounts may be reported to the consumer reporting agencies. Paid accounts are updated within 30 days.

How can I pay?
Online through the payment portal, by check or money order, or by phone. We never ask for payment by gift card or cryptocurrency.

Office hours: Mon–Thu 8 am–8 pm, Fri 8 am–5 pm ET. Correspondence: disputes@summitrecovery.com`,

  // charity annual report excerpt
  `2024 at a glance

• 1.2 million meals delivered through 340 partner pantries
• 18,400 volunteer hours (up 22% on 2023)
• 96p of every £1 spent directly on programmes
• Average cost to feed a family of four for a week: £31.50

Our Hope Kitchen programme expanded to six new community hubs, and the Joy Box winter appeal raised £412,000 – our best ever. Thank you to our corporate partners Marks & Spencer, Johnson & Johnson and Ben & Jerry's, and to every supporter who gave their time, money or a little mercy to a neighbour in need.

Income: £8.74m | Expenditure: £8.21m | Reserves: 4.1 months of running costs
Registered charity no. 1187742`,

  // gig platform fare and payout table
  `Courier pay rates – effective 1 April 2025

| Component | Bike / e-bike | Scooter | Car |
|---|---|---|---|
| Base fee per order | $3.80 | $4.10 | $4.60 |
| Per km (after first 2 km) | $0.92 | $0.98 | $1.05 |
| Wait time (after 5 min) | $0.30/min | $0.30/min | $0.30/min |
| Peak boost (Fri–Sun 6–9 pm) | +$1.50 | +$1.50 | +$1.50 |
| Rain boost | +$2.00 | +$2.00 | n/a |

Payouts run every Tuesday for the week ending Sunday 23:59. Instant cash-out costs $0.50 per transfer. Tips are passed on 100%.`,

  // job posting with only a role mailbox
  `We're hiring: Customer Success Manager (Property Tech)

About the role
You'll own a book of 40–60 mid-market property management accounts, lead onboarding for new customers, and run quarterly business reviews. You'll work closely with Product and Support to chase down root causes, not just close tickets.

What you'll bring
- 3+ years in customer success or account management in B2B SaaS
- Confidence presenting to COOs and finance teams
- Bonus: experience with rent collection, maintenance workflows or tenant portals

Salary band: 62,000–74,000 plus 10% variable. Hybrid, three days in the office.
Apply with a CV and a short note to careers@harbourview-pm.com. Closing date: 28 March 2025.`,

  // council bin collection schedule
  `Waste & recycling collection calendar – Zone B

Week 1 (Mon 3 Mar):   General waste (red lid) + Garden organics (green lid)
Week 2 (Mon 10 Mar):  General waste (red lid) + Recycling (yellow lid)
Week 3 (Mon 17 Mar):  General waste (red lid) + Garden organics (green lid)
Week 4 (Mon 24 Mar):  General waste (red lid) + Recycling (yellow lid)

Public holiday changes: collections after Good Friday move one day later.
Bins must be out by 6 am with handles facing the road and lids closed.
Hard waste bookings: two free pickups per household per financial year, maximum 2 cubic metres each. Book online or via the app.`,

  // SaaS release notes with version numbers
  `Release notes – v4.18.0 (2025-03-04)

New
- Tenant portal: residents can now upload photos with maintenance requests (max 10 MB each).
- Rent roll export adds a "days in arrears" column.
- Webhooks: new event type lease.renewed.

Fixed
- iOS app 4.17.2 crashed when opening inspections on iPadOS 15.
- CSV import no longer drops rows with a trailing comma.
- The "Chase up" reminder template sent twice when a payment plan was active.

Deprecated
- API v2 endpoints /units/search and /units/bulk will be removed in v5.0.0 (planned Q4). Use /v3/units with filters.

Upgrade: 4.17.x → 4.18.0 is automatic; on-prem customers run migrate 2025.03.04-001.`,

  // API reference with placeholder values only
  `POST /v3/maintenance-requests

Creates a maintenance request for a unit.

Request body
{
  "unit_id": "unt_XXXXXXXX",
  "category": "plumbing | electrical | appliance | other",
  "priority": "low | normal | urgent",
  "description": "<free text, max 2,000 characters>",
  "permission_to_enter": true,
  "contact": { "name": "<resident name>", "email": "<resident e-mail>", "phone": "<E.164 phone>" }
}

Responses
201 Created – returns the request with "id" (mr_XXXXXXXX) and "status": "open".
400 invalid_category – category not in the list above.
404 unit_not_found – no unit with that id in this workspace.
Rate limit: 120 requests per minute per API key. Send the key in the Authorization header as "Bearer <your key>".`,

  // meeting-room roster with word-names as room names
  `Meeting room bookings – Thursday 13 March

| Room | Capacity | 09:00 | 11:00 | 14:00 | 16:00 |
|---|---|---|---|---|---|
| Hope (3rd floor) | 12 | Sprint planning | — | Board prep | — |
| Joy (3rd floor) | 6 | — | Design crit | — | Design crit |
| Grace (4th floor) | 8 | Finance close | Finance close | — | All-hands dry run |
| Summit (4th floor) | 20 | — | — | Quarterly town hall | Quarterly town hall |
| Dawn (phone booth) | 1 | Focus | Focus | Focus | — |

Please release rooms you no longer need. Catering orders for Summit must reach facilities@ by Wednesday noon.`,

  // invoice with SKUs and totals
  `INVOICE INV-2025-03-0412
Issue date: 05/03/2025   Due: 04/04/2025   PO: PO-77812

Line | SKU | Description | Qty | Unit | Amount
1 | SMK-AL-220 | Smoke alarm, 10-year lithium | 48 | 19.90 | 955.20
2 | CO-DT-105 | Carbon monoxide detector | 24 | 27.50 | 660.00
3 | LBL-FIRE-A4 | Fire door signage, A4, pack of 10 | 6 | 8.75 | 52.50
4 | SVC-INST-HR | Installation labour (hours) | 16 | 45.00 | 720.00

Subtotal 2,387.70 | VAT 20% 477.54 | Total 2,865.24
Payment terms: 30 days. Please quote the invoice number on your remittance.`,

  // shipment tracking updates
  `Tracking updates for your shipment

Consignment: CN-PK-448120-7B
Carrier reference: 1Z 7X4 91W 03 4471 0288
Service: Express, signature required

05 Mar 2025 07:14  Picked up at sender's depot
05 Mar 2025 19:40  Arrived at sorting hub (Hub 3)
06 Mar 2025 02:12  Departed sorting hub
06 Mar 2025 08:05  Out for delivery – vehicle 27, stop 41 of 63
06 Mar 2025 11:38  Delivery attempted – no one available to sign. Card left, ref DA-0663

Next attempt: 07 Mar 2025 between 08:00 and 12:00. You can also choose collection from the depot counter after 14:00.`,

  // marketing newsletter full of word-names used as words
  `This spring, chase the sun 🌞

Our Sunny Side collection is back: linen shirts, wide-brim hats and the Dawn Patrol wetsuit for early surfers. Rich colours, light fabrics, and a little joy in every stitch.

Give the gift of summer – gift cards from $25, delivered instantly. Members get free shipping on orders over $60 and early access to the Mercy Me sale (yes, prices are that low).

Don't lose hope if your size is gone: tap "notify me" and we'll tell you the moment it's restocked. Will it sell out? Probably. Faith in our stock team is high, though.

Unsubscribe | Preferences | Terms`,

  // product catalog with names that look like given names
  `Bedding & bath – spring catalog

GRACE percale duvet set, queen – SKU BD-GRC-Q – $149
HOPE waffle-weave bath towel, set of 4 – SKU BT-HPE-4 – $59
JOY kids' quilt, rainbow print – SKU KQ-JOY-S – $79
CHASE storage ottoman, oatmeal – SKU FN-CHS-OT – $219
SUNNY bath mat, mustard – SKU BT-SNY-M – $34
WILLOW throw blanket – SKU TH-WLW-1 – $89
FAITH linen cushion cover, 50 x 50 – SKU CU-FTH-50 – $29

Prices valid until 30 April 2025 or while stocks last. Dr. Martens and Tommy Hilfiger items are excluded from the 20% member discount.`,

  // support bot greeting conversation without personal data
  `Pia: Hi! I'm Pia, the HomeHub virtual assistant 🏠 How can I help today?
User: how do i reset the thermostat schedule
Pia: No problem! Open the HomeHub app → Devices → Thermostat → Schedule → "Reset to default". This restores 21°C from 6:00–22:00 and 17°C overnight.
User: and can i do different temps on weekends?
Pia: Yes – tap "Weekend profile" and drag the blocks. Changes sync within about a minute. Anything else?
User: no thats it thanks pia
Pia: Happy to help! Rate this chat: 👍 / 👎`,

  // German house rules (Hausordnung) excerpt
  `Hausordnung – Auszug (Stand: Januar 2025)

§ 3 Ruhezeiten
Die Mittagsruhe gilt von 13:00 bis 15:00 Uhr, die Nachtruhe von 22:00 bis 6:00 Uhr. An Sonn- und Feiertagen ist ganztägig Rücksicht zu nehmen.

§ 5 Treppenhaus und Keller
Fahrräder, Kinderwagen und Schuhe dürfen nicht im Treppenhaus abgestellt werden. Die Kellertür ist stets geschlossen zu halten.

§ 7 Müll
Die Mülltonnen werden dienstags (Restmüll) und freitags (Wertstoffe) geleert. Sperrmüll ist rechtzeitig bei der Hausverwaltung anzumelden.

§ 9 Heizperiode
Die Heizperiode beginnt am 1. Oktober und endet am 30. April. Bei Störungen wenden Sie sich bitte an den Notdienst der Hausverwaltung.`,

  // French general terms excerpt (rental platform)
  `Conditions générales – extrait

Article 4 – Dépôt de garantie
Le dépôt de garantie est fixé à un mois de loyer hors charges. Il est restitué dans un délai d'un mois à compter de la remise des clés lorsque l'état des lieux de sortie est conforme à l'état des lieux d'entrée, et de deux mois dans le cas contraire.

Article 7 – Révision du loyer
Le loyer est révisé chaque année à la date anniversaire du bail selon la variation de l'indice de référence des loyers (IRL) publié par l'INSEE.

Article 11 – Assurance
Le locataire est tenu de justifier d'une assurance habitation à la remise des clés, puis chaque année à la demande du bailleur.`,

  // Spanish school canteen menu and timetable
  `Menú del comedor escolar – semana del 10 al 14 de marzo

Lunes: lentejas con verduras, merluza a la plancha con ensalada, fruta de temporada.
Martes: macarrones con tomate, pollo asado con patatas, yogur natural.
Miércoles: crema de calabaza, tortilla de patata con pimientos, fruta.
Jueves: arroz a la cubana, albóndigas en salsa, natillas.
Viernes: sopa de cocido, garbanzos, pescado rebozado, fruta.

Horario: 1.º a 3.º de Primaria de 13:00 a 14:00; 4.º a 6.º de 14:00 a 15:00.
Precio: 5,10 € por día o 96 € al mes. Alergias e intolerancias: comunicar en secretaría antes del viernes.`,

  // Japanese system maintenance notice
  `【メンテナンスのお知らせ】

いつも学習ポータルをご利用いただきありがとうございます。
下記の日程でシステムメンテナンスを実施いたします。

日時：2025年3月22日（土）2:00〜6:00
対象：学習ポータル、スマートフォンアプリ（バージョン3.4.1以前）
内容：データベースの更新およびセキュリティ対策

メンテナンス中は、ログイン・課題提出・成績の確認ができません。
ご不便をおかけいたしますが、ご理解とご協力をお願いいたします。`,

  // Chinese property-management announcement
  `【物业通知】

各位业主、住户：

为做好春季消防安全工作，物业服务中心定于2025年3月18日（周二）上午9:00至11:30对各楼栋消防设施进行例行检查，届时消防报警器可能短时鸣响，请勿惊慌。

另：地下车库B2层将于3月20日至3月22日进行地面翻新，请相关车位车主提前将车辆移至B1层临时车位。

感谢您的理解与配合！

物业服务中心
2025年3月6日`,

  // Arabic service announcement (utility/government app)
  `إشعار للمستخدمين

نود إعلامكم بأن خدمة سداد الفواتير عبر التطبيق ستتوقف مؤقتًا يوم الجمعة ١٤ مارس ٢٠٢٥ من الساعة ١:٠٠ حتى الساعة ٥:٠٠ صباحًا بسبب أعمال صيانة مجدولة.

يمكنكم خلال هذه الفترة الاطلاع على الفواتير دون إمكانية الدفع. سيتم تحديث التطبيق إلى الإصدار 7.2.0 بعد انتهاء الصيانة.

نعتذر عن أي إزعاج، ونشكركم على تفهمكم.`,

  // KPI markdown table for a support team
  `### Support KPIs – February 2025

| Queue | Tickets | First response (median) | Resolution (median) | CSAT |
|---|---|---|---|---|
| Tenants | 4,812 | 38 min | 6.2 h | 91% |
| Owners | 1,207 | 52 min | 9.8 h | 88% |
| Contractors | 644 | 1 h 14 min | 14.1 h | 84% |
| Billing | 2,390 | 27 min | 3.9 h | 93% |

Bot containment (Nova): 41% of chats resolved without an agent, up from 36% in January. Top intents: "reset password" (18%), "rent receipt" (12%), "report repair" (11%).`,

  // order JSON payload without personal data
  `{
  "order_id": "ORD-2025-0306-88412",
  "created_at": "2025-03-06T14:22:09Z",
  "channel": "b2b_portal",
  "account_tier": "gold",
  "currency": "EUR",
  "lines": [
    { "sku": "SMK-AL-220", "qty": 120, "unit_price": 18.40 },
    { "sku": "CO-DT-105", "qty": 60, "unit_price": 25.90 }
  ],
  "shipping": { "method": "pallet_standard", "incoterm": "DAP", "eta_days": 4 },
  "totals": { "net": 3762.00, "vat": 714.78, "gross": 4476.78 },
  "status": "awaiting_payment",
  "app_version": "7.2.0-build.4471"
}`,

  // SMS marketing with opt-out short code
  `SparkFibre: Great news! Your area now qualifies for Gigabit 1000 at $69/mo for 12 months (then $89). Upgrade in the app or reply YES. Offer ends 31/03. Reply STOP to 78812 to opt out.

SparkFibre: Reminder – scheduled network maintenance Tue 11/03 01:00–04:00. You may notice brief drops. No action needed. Ref NM-25-0311.`,

  // shift rota by role, no names
  `Weekend cover – call centre

Saturday 15 March
07:00–15:00  Team Lead (1), Tier 1 agents (6), Tier 2 (2)
15:00–23:00  Team Lead (1), Tier 1 agents (5), Tier 2 (1)

Sunday 16 March
08:00–16:00  Team Lead (1), Tier 1 agents (4), Tier 2 (1)
16:00–22:00  Duty Manager (1), Tier 1 agents (3)

Escalations: duty manager via the on-call line in the rota app. Overtime requests by Thursday 17:00. Rich-text macros are disabled on weekends to keep the queue moving.`,

  // Portuguese (Brazil) condominium fee breakdown
  `Demonstrativo da taxa condominial – março/2025

Taxa ordinária: R$ 680,00
Fundo de reserva (10%): R$ 68,00
Rateio obra da fachada (parcela 4 de 10): R$ 145,00
Consumo de água individualizado: conforme leitura
Total estimado: R$ 893,00 + água

Vencimento: 10/03/2025. Após o vencimento, multa de 2% e juros de 1% ao mês.
Boleto disponível no aplicativo do condomínio a partir do dia 1.º. Dúvidas: administracao@condominiovistaverde.com.br`,

  // Hindi notice from a school
  `सूचना

सभी अभिभावकों को सूचित किया जाता है कि वार्षिक परीक्षाएँ 17 मार्च 2025 से प्रारंभ होंगी। परीक्षा का समय प्रातः 9:00 बजे से 12:00 बजे तक रहेगा।

विद्यार्थी प्रवेश पत्र के बिना परीक्षा कक्ष में प्रवेश नहीं कर सकेंगे। प्रवेश पत्र 12 मार्च से विद्यालय कार्यालय से प्राप्त किए जा सकते हैं।

परिणाम 5 अप्रैल 2025 को घोषित किया जाएगा। नया सत्र 8 अप्रैल से प्रारंभ होगा।

प्रधानाचार्य`,

  // booking confirmation with reference but no passenger data
  `Booking confirmed ✅

Booking reference: K7QX2P
Fare type: Flex Plus (1 checked bag, seat selection included)
Outbound: Fri 21 Mar 2025, dep 07:35, arr 09:10, flight 412
Return: Sun 23 Mar 2025, dep 19:05, arr 20:40, flight 419
Total paid: €214.60 (incl. taxes and fees €48.30)

Check-in opens 30 hours before departure. Manage your booking with the reference and the e-mail address used to book. Changes to Flex Plus are free up to 2 hours before departure.`,

  // Indonesian and Turkish short notices (no personal data)
  `PENGUMUMAN: Layanan top-up saldo mitra akan mengalami gangguan pada Kamis, 13 Maret 2025 pukul 00.00–03.00 WIB karena pemeliharaan sistem. Mohon lakukan top-up sebelum atau sesudah jadwal tersebut. Terima kasih atas pengertiannya.

DUYURU: Kurye uygulamasının 5.9.0 sürümü yayınlandı. Yeni sürümde teslimat fotoğrafı yükleme süresi kısaltıldı ve gece modundaki harita hatası giderildi. Güncelleme zorunlu değildir, ancak 1 Nisan'dan itibaren 5.7.x sürümleri desteklenmeyecektir.`,

  // changelog and config for a scheduling tool (timestamps, versions, no IPs)
  `scheduler-service 2.9.3 → 2.10.0

- Calendar sync: retries now back off exponentially (1s, 2s, 4s … max 64s).
- iCal export includes VTIMEZONE blocks for all-day events.
- Fixed: recurring events with BYDAY=MO,WE,FR skipped the first Wednesday after DST change.

config.yaml (defaults)
  sync_interval_seconds: 300
  max_attendees: 250
  reminder_offsets_minutes: [10, 60, 1440]
  room_resources: ["Hope", "Joy", "Grace", "Summit", "Dawn"]
  feature_flags:
    smart_rescheduling: true
    room_auto_release_minutes: 15

Deployed 2025-03-06T02:10:00Z, build 8f3c2e1, rollback tag v2.9.3.`,
];

export function heldout14(): LabeledDoc[] {
  return [
    ...POSITIVES.map((src, i) => parseMarkup(`h14-p${i + 1}`, 'heldout14', src)),
    ...NEGATIVES.map((src, i) => parseMarkup(`h14-n${i + 1}`, 'heldout14-negative', src, true)),
  ];
}
