/**
 * Held-out set 16: hand-labeled texts plus hard negatives, written blind (without looking at the detector, at the
 * scorer or at the other evaluation sets; only markup.ts and heldout14.ts's header comment, import line and export
 * were read, to copy the file's shape). No detector, eval or test was run on these texts before this set's first
 * scoring. Its emphasis is on the messages a support / productivity assistant actually receives from end users and
 * agents, rather than polished samples: (1) everyday customer messages in English written by non-native speakers
 * from Nigeria, Ghana, India, Pakistan, the Philippines, Malaysia, Singapore, Egypt, Brazil, Mexico, Poland, Vietnam
 * and Indonesia — typos, lowercase, missing punctuation, Pidgin, Hinglish, Roman Urdu, Taglish, Manglish, Singlish
 * and sentences switching into Portuguese, Spanish, Vietnamese or Indonesian; (2) agent handover notes and CRM case
 * summaries; (3) e-mail threads with long signatures (name, title, company, phones, address lines), "On … wrote:"
 * quotes and forwarded headers; (4) forms and records pasted as "Key: value" lines in DE, FR, ES, IT, PT (PT, BR),
 * NL, PL, TR, SV, RO, HU, EL, RU, HE, AR, JA, ZH, KO, VI, TH, ID and HI; (5) JSON, YAML, XML, SQL, CSV, .env,
 * credentials files, tracebacks, access logs and queue messages pasted by developers debugging with real user data;
 * (6) multi-person texts — households, insurance and tax households, lift shares, wedding parties, church rosters,
 * on-call rotas, team directories — with names in tables, lists and prose. Domains: banking and cards, mobile money,
 * telecom, e-commerce returns, insurance claims, clinic scheduling (no diagnoses), schools and universities, travel,
 * real estate, HR and payroll, legal intake, ride-hailing and delivery, SaaS support. Many given names are also
 * ordinary words (Hope, Joy, Grace, Will, Mark, Rose, Faith, Hunter, Summer, Sunny, Bill, Ray, Dawn, Chase, Mercy,
 * Blessing, Precious, Gift, Destiny, Patience, Memory, Sunday) and the same words appear as ordinary words nearby;
 * names that are also places or brands (Paris, Florence, Austin, Jordan, Madison, Chanel, Mercedes) are PERSON only
 * where they name a person — as cities they are LOCATION, as brands (Chanel, Mercedes, Porsche, Air Jordan, Chase
 * the bank) and product names they are not labeled. The hard negatives are texts of the same genres with no personal
 * data: customer and agent messages that carry only order / booking / return numbers, bot greetings, order
 * confirmations, tracking SMS, policy schedules, release notes, catalogs, tariff tables, logs, API references with
 * placeholders, SQL schemas, configs with vault references, receipts, payroll policy, will templates, clinic
 * policies, term dates, dunning templates, role-mailbox auto-replies, blank form templates, a listing without an
 * address and copy full of word-names; they contain no IP addresses, no street addresses (not even companies') and
 * no place names.
 * Conventions (as in heldout14): titles and honorifics (Mr., Mrs, Dr., Shri, Herr, Frau, Sra., Encik, Hanım, Bro.,
 * Sis., Deaconess, Dott.ssa) and "'s" are outside PERSON spans; a full name is one PERSON span ("Reyes, Angelica" in
 * a CSV cell too), a first name or surname alone is a PERSON span, and given name and surname in separate fields or
 * columns are two spans; a katakana reading of a name is its own PERSON span; phone extensions are outside PHONE;
 * a street address span runs from the house number / flat (or the street name where it comes first, or the postcode
 * / city where the national format starts with it, e.g. HU, RU, JA after the 〒 mark) to the postcode and city (and
 * state / province / region written right after it); a street line given alone in a split JSON address is a
 * STREET_ADDRESS and the separate city field a LOCATION (postcode and country-code fields unlabeled); city / region
 * / country / neighbourhood names outside an address span are LOCATION (also birthplaces and country columns);
 * country codes, airport codes and time-zone names are not labeled; a URL carrying personal values (e-mail, phone,
 * name, profile slug) is one URL span with nothing labeled inside it; for `password: value` only the value is
 * SECRET; provider keys (OpenAI, Stripe, SendGrid, AWS key id and secret, GitHub, Slack, Google, Twilio auth token)
 * are SECRET, a full private-key block is one SECRET span and a JWT is one SECRET span (nothing labeled inside
 * them); DATE_OF_BIRTH only where the context says it is a birth date (DOB / born / né / ur. / geb. columns and
 * fields), other dates are not labeled; partial numbers ("card ending 3318", "last 4 of card 7710", card_last4)
 * are not labeled; organizations (also when named after people, e.g. "Brandt & Söhne", "Castellanos Realty Group",
 * "Hartwell & Bloom"), role mailboxes (returns@, reception@, hrhelpdesk@, reservations@, billing@, no-reply@), the
 * support bots' persona names ("Nova", "Kiko"), plain public URLs, order / tracking / policy / case numbers,
 * usernames, vehicle models and BICs are not labeled. Cards are Luhn-valid (Visa, Mastercard, Amex, Discover, JCB),
 * IBANs mod-97-valid with the right country length (DE, FR, ES, IT, NL, PL, TR, GB, PT, RO, HU, GR, SE, BE, AT, CH,
 * SA, AE, EG, BR, PK, IE), SSNs valid by SSA rules, all IPs public (no private, loopback, CGNAT or documentation
 * addresses anywhere).
 */
import { parseMarkup, type LabeledDoc } from './markup.js';

const POSITIVES: string[] = [
  // ── (1) everyday customer messages, non-native English, many regions ─────────────────────────────
  // NG banking, lowercase, no punctuation
  `good morning pls i need urgent help, i did transfer of 45,000 naira to my brother [[PERSON:Ifeanyi]] yesterday and it debited me twice. my name is [[PERSON:Chukwuemeka Obi]], i have account with you since 2019. i call your line no one pick. my number is [[PHONE:0803 412 7765]] and whatsapp [[PHONE:+234 905 118 2240]]. pls reverse the second one i am not happy at all`,

  // GH telecom / mobile money
  `Hello Customer Care
Please i am [[PERSON:Abena Mensah-Boateng]] and my MoMo number [[PHONE:024 456 7812]] have been block since Friday. They said i entered wrong PIN 3 times but is not me. I stay at [[LOCATION:Dansoman]] in [[LOCATION:Accra]], i can come to the office at [[LOCATION:Kaneshie]] tomorrow morning. My date of birth is [[DATE_OF_BIRTH:12/04/1991]] if you need to verify. God bless`,

  // IN e-commerce return, Hinglish
  `Hi team, order #OD4281937765 ka return pickup 3 baar cancel ho gaya. Delivery boy bolta hai address nahi mila. Address bilkul clear hai: [[STREET_ADDRESS:Flat 302, Sai Krupa Apartments, 4th Cross, HAL 2nd Stage, Indiranagar, Bengaluru 560038]]. Landmark - opposite the big temple. Please ask him to call me on [[PHONE:+91 98450 12763]] before coming. Name on order is [[PERSON:Sneha Raghunathan]]. Refund chahiye jaldi, its been 12 days already.`,

  // PK telecom, Roman Urdu + English
  `Assalam o Alaikum. Mera naam [[PERSON:Muhammad Bilal Qureshi]] hai. My sim [[PHONE:0321-4873962]] is not working after biometric verification at franchise. Franchise wala keh raha tha 24 hours lagenge but now 3 days ho gaye. Please check. Alternate number of my wife [[PERSON:Ayesha]] [[PHONE:0333 5129087]]. Address for new sim delivery: [[STREET_ADDRESS:House 45, Street 7, Block C, Gulberg III, Lahore 54660]]. JazakAllah`,

  // PH Taglish, ride-hailing lost item
  `hi po, si [[PERSON:Maria Theresa Dela Cruz]] po ito. yung ride ko kanina 7:40pm from [[LOCATION:Makati]] to [[LOCATION:Pasig]], naiwan ko po yung wallet ko sa car. kulay brown po, may ID at 2 ATM cards. the driver name is [[PERSON:Arnel]] po. pls pakisabi sa kanya to contact me [[PHONE:0917 824 3391]] or email [[EMAIL:mtdelacruz.work@gmail.com]]. salamat po!!`,

  // MY Manglish parcel
  `hello boss my parcel stuck at hub already 5 days lah, tracking SPXMY2413387720A. can help check or not? my address [[STREET_ADDRESS:No. 12, Jalan SS 2/24, 47300 Petaling Jaya, Selangor]], name [[PERSON:Lim Wei Jie]], hp [[PHONE:012-384 7719]]. if cannot deliver just return and refund la, very sien already`,

  // SG Singlish card declined
  `eh why my card kena declined at the supermarket just now sia. card no [[CREDIT_CARD:4719 9168 4200 6406]] got balance one leh. I'm [[PERSON:Tan Wei Ling]], can call me [[PHONE:9736 2184]]. dont ask me go branch ah i working until 9pm. thanks`,

  // EG clinic booking, English with Arabic greetings
  `salam alekom, ana [[PERSON:Ahmed Mostafa El-Sayed]]. i booked appointment for my mother [[PERSON:Nadia Abdel-Rahman]] with dr [[PERSON:Hisham Fawzy]] on sunday 11am at the [[LOCATION:Heliopolis]] branch but i need to change it to tuesday please because she is traveling from [[LOCATION:Alexandria]]. her mobile is [[PHONE:0102 384 7715]] and mine [[PHONE:+20 122 518 4093]]. shokran`,

  // BR e-commerce, English + Portuguese
  `Olá! boa tarde. I write in english because my portugues keyboard is broken lol. I am [[PERSON:Lucas Ferreira da Silva]] and my order from black friday never arrived. Pedido 7781-2293-BR. Endereço: [[STREET_ADDRESS:Rua Augusta, 1508, apto 42 - Consolação, São Paulo - SP, 01304-001]]. Meu celular/whatsapp: [[PHONE:(11) 97412-3386]]. obrigado!!`,

  // MX delivery, Spanish + English
  `hola buenas tardes, mi pedido #MX-55120983 dice entregado pero no me llego nada 😡 soy [[PERSON:Guadalupe Hernández Ruiz]], mi dirección es [[STREET_ADDRESS:Calle Durango 245, int. 3, Col. Roma Norte, Cuauhtémoc, 06700 Ciudad de México, CDMX]]. my english is not so good sorry. call me please [[PHONE:55 4123 8790]] en la tarde, en la mañana trabajo`,

  // PL bank transfer returned
  `Hello, I am [[PERSON:Katarzyna Wiśniewska]]. I send money to my landlord [[PERSON:Piotr Zieliński]] on 3 march but the bank return it, they say account is wrong. I checked, is correct: [[IBAN:PL08 0770 8332 5437 7726 5146 4318]]. Can you check why? My phone [[PHONE:+48 602 418 935]]. Thank you and sorry for my english`,

  // VN e-commerce, Vietnamese without diacritics + with
  `chao shop, em ten la [[PERSON:Nguyễn Thị Thu Trang]]. em dat 2 cai ao size M nhung shop giao size L, em muon doi size. sdt em [[PHONE:0903 812 447]]. dia chi em: [[STREET_ADDRESS:số 18 ngõ 42 Trần Duy Hưng, Trung Hòa, Cầu Giấy, Hà Nội]]. shipper goi em truoc 30p nhe vi em di lam. cam on shop a`,

  // ID parcel, Indonesian
  `halo kak, saya [[PERSON:Dewi Lestari Putri]]. paket saya belum sampai sudah 9 hari, resi JX3390218847. alamat: [[STREET_ADDRESS:Jl. Kemang Raya No. 27, RT 05/RW 02, Bangka, Mampang Prapatan, Jakarta Selatan 12730]]. hp [[PHONE:0812-8834-2190]]. tolong dicek ya kak, makasih 🙏`,

  // IN insurance claim, formal Indian English
  `Respected Sir/Madam,

I am writing regarding my health claim no. CLM/2025/0098812 which is pending since 6 weeks. Policy holder is my father Shri [[PERSON:Ramesh Chandra Gupta]] (DOB [[DATE_OF_BIRTH:14/08/1958]]), I am his son [[PERSON:Ankit Gupta]]. All documents were already submitted at your [[LOCATION:Lucknow]] office on 02/02/2025. Kindly do the needful and update me on [[PHONE:94152 33871]] or [[EMAIL:ankit.gupta1989@rediffmail.com]].

Thanking you,
[[PERSON:Ankit Gupta]]`,

  // NG delivery, no punctuation, lowercase names
  `abeg my delivery never reach since tuesday the rider name is [[PERSON:tunde]] he call me from [[PHONE:09063817742]] and say he is coming till now nothing my address na [[STREET_ADDRESS:14 adeniyi jones avenue ikeja lagos]] pls help me check this order 10038845 na my sister wedding gift`,

  // GH school absence note
  `Dear Headmistress,
Please my ward [[PERSON:Kwame Asante]] in JHS 2B was not feeling well so he will not come to school today and tomorrow. I will bring him on Monday. His father [[PERSON:Kofi Asante]] will pick him after school from next week. My number is [[PHONE:+233 20 771 4528]].
Thank you.
[[PERSON:Gifty Asante]] (mother)`,

  // PH card annual fee dispute
  `Good day! I would like to ask why my account was charged ₱2,499 for an annual fee when the promo said free for life. Card ending 3318. Cardholder: [[PERSON:Ma. Cristina Villanueva]]. Billing address [[STREET_ADDRESS:Unit 1207 Tower 2, Avida Towers, 34th St. cor. 11th Ave., Bonifacio Global City, Taguig 1634]]. Mobile [[PHONE:+63 917 558 2041]]. Hoping for your kind consideration. Thank you and God bless!`,

  // MY life-insurance claim
  `Hi, my father [[PERSON:Lim Ah Kow]] passed away on 2 Feb and I want to make claim for his life policy LP-00481223. I am the nominee, [[PERSON:Lim Siew Mei]], daughter. Death cert and IC copy I can email. Where to send? I am in [[LOCATION:Penang]] now but can go [[LOCATION:KL]] office also. Contact [[PHONE:016-472 8830]] or [[EMAIL:siewmei.lim@yahoo.com.my]]`,

  // EG food delivery missing items
  `Hello, my order 88120944 came missing the 2 shawarma and the pepsi. I paid by card. Name [[PERSON:Mariam Youssef]], delivered to [[STREET_ADDRESS:14 Ahmed Orabi St, Apartment 9, Mohandessin, Giza]]. The rider [[PERSON:Mahmoud]] said the restaurant forgot. Please refund, my number [[PHONE:011 4582 9306]]`,

  // BR cloned card, Portuguese
  `Bom dia, meu cartão [[CREDIT_CARD:5128 9402 0992 4722]] foi clonado!! apareceram 3 compras que eu não fiz, R$ 1.240,00 no total. Titular: [[PERSON:Fernanda Costa Ribeiro]], o resto dos dados eu passo por telefone. Quero bloquear agora. Meu número [[PHONE:+55 21 99823-4410]]. Moro no [[LOCATION:Rio de Janeiro]]. Por favor me liguem urgente`,

  // MX ride-hailing overcharge
  `Hi, yesterday night my driver was [[PERSON:Jesús Alberto]] in a gray Aveo. He took a very long route from [[LOCATION:Polanco]] to my house and charge me $412 pesos, normal is like $180. Trip was around 11:20 pm. My account email [[EMAIL:valeria.mtz.o@hotmail.com]]. I want a refund please.
[[PERSON:Valeria Martínez Ochoa]]`,

  // PK transfer not credited (IBAN)
  `Dear Sir,
I have sent Rs. 85,000 through IBFT to [[IBAN:PK04 HABB 2467 0051 8065 8632]] (account title [[PERSON:Sana Tariq]]) on 18-03-2025 but the amount is not credited to her till now. My name [[PERSON:Usman Tariq]], mobile [[PHONE:+92 300 841 2276]]. Please resolve asap, it was for her university fee in [[LOCATION:Islamabad]].`,

  // VN telecom, English
  `hello, i am [[PERSON:Phạm Minh Tuấn]], my number [[PHONE:+84 97 318 2264]] get charged 3 times for data package 90k but i only register once. i am living in [[LOCATION:Đà Nẵng]], [[LOCATION:Hải Châu]] district. please check and refund to my account, thank you so much`,

  // ID SaaS login
  `Hi support, I cannot login to my workspace since update. Reset link not coming to email [[EMAIL:rizky.pratama@sinarmitra-logistik.co.id]]. I try 5 times already. My username rizkyp, workspace "gudang-sby". I am in [[LOCATION:Surabaya]], time zone WIB. Please help fast because tomorrow is stock opname. Thanks, [[PERSON:Rizky Pratama]]`,

  // PL motor claim (Mercedes = brand)
  `Good afternoon, I report damage of my car after hail storm on 14.06 in [[LOCATION:Kraków]]. Policy OC/AC 9902184412. Owner: [[PERSON:Tomasz Nowak]], [[STREET_ADDRESS:ul. Długa 17/4, 31-147 Kraków]], tel. [[PHONE:+48 512 930 448]]. Car is Mercedes C-class 2019. I have photos, where I can upload? Regards`,

  // IN hospital OPD booking, Tamil-English
  `sir good evening, i want to book appointment for my amma [[PERSON:Lakshmi Subramanian]] with Dr. [[PERSON:Karthik Venkatesan]] cardiology OPD this saturday. she is 67 years, DOB [[DATE_OF_BIRTH:03-11-1957]]. we are coming from [[LOCATION:Tiruchirappalli]] so morning slot is better. my number [[PHONE:94433 27810]] whatsapp also same. thanks sir`,

  // NG real-estate enquiry (Blessing = name, bless = word)
  `Good afternoon sir, I saw the 2 bedroom flat in [[LOCATION:Lekki Phase 1]] on your website, is it still available? My name is [[PERSON:Blessing Okonkwo]], I work with a bank in [[LOCATION:Victoria Island]]. I can do inspection on Saturday. You can reach me on [[PHONE:0813 770 2914]] or my husband [[PERSON:Chidi]] on [[PHONE:0802 118 4437]]. Thanks and God bless you.`,

  // GH wrong transfer, very short
  `pls i sent 300 cedis to wrong number [[PHONE:0559 213 870]] instead of my sister [[PERSON:Akosua]] own. pls reverse. from [[PERSON:Yaw Darko]]`,

  // IN SaaS billing, card pasted
  `hello team, our annual renewal failed, pls charge this card instead: [[CREDIT_CARD:4378 3452 5564 3558]] exp 11/27, name on card [[PERSON:Harpreet Kaur Sandhu]]. Invoice should go to [[EMAIL:accounts.hk@sandhuexports.in]] and cc me. GST no. will share separately. Thx`,

  // ── (2) agent handover notes and CRM case summaries ─────────────────────────────────────────────────
  `HANDOVER — shift B → shift C (Tue)
Case 44817 | Customer: [[PERSON:Oluwaseun Adebayo]] | Tier: Gold
- Called 3x re: duplicate debit ₦120,000 (POS at a supermarket in [[LOCATION:Ikeja]]). Dispute raised, ref DSP-2291.
- Customer is upset; prefers callback after 5pm on [[PHONE:+234 817 440 2961]].
- Verified via DOB ([[DATE_OF_BIRTH:22 Jul 1984]]) + last 4 of card (7710).
- DO NOT promise reversal before ops confirms. [[PERSON:Grace]] from ops said Thurs latest.
Next owner: [[PERSON:Will Okafor]]`,

  `Case summary (auto-draft, edited by agent)
Account: Brightline Logistics Pte Ltd (ENT-0992)
Contact: [[PERSON:Priya Raghavan]], Head of Ops — [[EMAIL:priya.raghavan@brightline-logistics.sg]], [[PHONE:+65 8123 0476]]
Issue: SSO login loop after IdP certificate rotation on 2025-03-11.
Steps taken: cleared SAML session cache; asked customer to re-upload IdP metadata. Customer's IT admin [[PERSON:Marcus Goh]] will send the new XML by EOD.
Status: Pending customer. Follow-up: Thu 10:00 SGT.
Sentiment: frustrated but cooperative.`,

  `Agent note – [[PERSON:Ravi]] → [[PERSON:Hope Mwangi]]
cx [[PERSON:Sunny Adeleke]] rang about porting his number [[PHONE:07911 384772]] to us, port date 24/03. He also asked to update billing address to [[STREET_ADDRESS:Flat 4, 22 Gloucester Road, Bristol BS7 8AE]] — couldn't, CRM was read-only all afternoon. Pls do & confirm by SMS. He was pretty sunny about it, but I hope it's sorted before the port.`,

  `CLAIM NOTE #CN-2025-04417 (motor)
Insured: [[PERSON:Dawn Whitaker]]  | Policy: MTR-88120-UK
Third party: [[PERSON:Jordan Pryce]], tel [[PHONE:07834 229 610]], vehicle Porsche Macan (reg withheld)
Incident: 06/03/2025 approx 06:40, just after dawn, roundabout near [[LOCATION:Exeter]]. TP admits fault on recorded call.
Insured address confirmed: [[STREET_ADDRESS:7 Orchard Close, Topsham, Exeter EX3 0DP]]
Actions: engineer inspection booked 12/03, 09:00–12:00 slot. Courtesy car requested.`,

  `Front desk handover – Mon 17 Mar
1) Mrs [[PERSON:Joy Adekunle]] – moved her physio to Thu 14:30 (was Wed). Confirmed on [[PHONE:07412 558 093]].
2) [[PERSON:Mark Ellison]] – new patient, DOB [[DATE_OF_BIRTH:02/09/1976]], referral letter still missing, chase the GP surgery tomorrow.
3) Mr [[PERSON:Rajinder Sandhu]] wants an earlier slot; put him on the waitlist.
4) Printer on desk 2 jammed again — raised ticket IT-7734.
Mark all three as done in the diary when sorted. Joy of joys, the coffee machine works again.`,

  `INTAKE SUMMARY — Employment (unfair dismissal)
Prospective client: [[PERSON:Faith Nakamura-Reid]]
Contact: [[EMAIL:faith.nr@proton.me]] / [[PHONE:(415) 806-2297]]
Employer: Hartwell & Bloom LLC
Dates: hired 04/2019, terminated 02/14/2025 (claims retaliation after an HR complaint filed 01/06/2025).
Supervisor named: [[PERSON:Chase Morgan]]. Witness: coworker [[PERSON:Summer Liu]].
Client states she acted in good faith throughout and has kept all emails.
Conflict check run against [[PERSON:Chase Morgan]] and Hartwell & Bloom — clear.
Next: consult 03/20, 2pm, video call.`,

  `Payroll exception log – March cycle
Employee: [[PERSON:Rose-Marie Dubois]] (EMP 20931)
New bank details received via signed form: [[IBAN:FR56 9751 0118 6349 3584 0116 466]]
Effective: April payroll. Old account closed.
Approved by: [[PERSON:Bill Henderson]] (HR BP)
Note: [[PERSON:Bill]] asked that we hold the bill from the relocation vendor until the bank change is confirmed.`,

  `Dispatch notes — night shift
- Rider [[PERSON:Precious Dlamini]] (R-4471) reported customer not home at [[STREET_ADDRESS:88 Jan Smuts Ave, Parktown North, Johannesburg 2193]]; left with security guard, photo attached.
- Customer [[PERSON:Thabo Nkosi]] called 22:40 complaining; explained; he calmed down.
- Rider [[PERSON:Gift]] had a flat tyre, batch B-221 delayed ~40 min.
- Reminder to all riders: precious items (jewellery, watches) still need OTP on handover.`,

  `Übergabe / handover (DE desk → EN desk)
Kunde: [[PERSON:Jonas Albrecht]], Geschäftskunde seit 2016
Thema: SEPA-Rücklastschrift, 2x 1.480,00 EUR, Gläubiger unbekannt.
Konto: [[IBAN:DE72 0657 4437 9048 9513 23]]
Rückruf gewünscht unter [[PHONE:+49 151 2384 7712]] zwischen 12 und 14 Uhr.
Customer speaks English fine; he is travelling in [[LOCATION:Lisbon]] this week.`,

  `Lead #RE-3318 — Buyer enquiry
Names: [[PERSON:Austin Reyes]] & [[PERSON:Madison Reyes]]
Budget: $640–700k, pre-approved (lender: Chase)
Looking at: [[LOCATION:Round Rock]], [[LOCATION:Pflugerville]], north [[LOCATION:Austin]]
Current address: [[STREET_ADDRESS:2210 Burnet Rd, Apt 118, Austin, TX 78757]]
Phone ([[PERSON:Madison]]): [[PHONE:(512) 730-4481]]
Notes: [[PERSON:Madison]] prefers texts. [[PERSON:Austin]] travels Mon–Wed. Want 3 bed, yard for the dog.`,

  `Travel desk – pending items for [[PERSON:Florence Adjei]]'s group
- Flights [[LOCATION:Accra]]–[[LOCATION:London]] for 4 pax ticketed; passport names re-checked: [[PERSON:Florence Adjei]], [[PERSON:Kwabena Adjei]], [[PERSON:Patience Adjei]], [[PERSON:Nana Yaw Adjei]].
- Hotel near [[LOCATION:Paddington]] confirmed till 14 Apr; then they go on to [[LOCATION:Florence]] by train via [[LOCATION:Paris]].
- [[PERSON:Florence]] asked whether the kids need separate visas for [[LOCATION:Italy]] — advised Schengen visa covers it.
- Balance due Friday; she'll call from [[PHONE:+233 24 661 0385]].
Patience needed: the airline portal keeps timing out.`,

  `Escalation handover T2 → T3
Customer: [[PERSON:Hunter Blake]] ([[EMAIL:hunter@blakeandbrew.com]]), plan Pro
Problem: webhook deliveries fail with 401 since they rotated keys on Friday.
Customer pasted their live key in chat (!!): [[SECRET:sk_live_51Q3kyxjJhQDEIG7jwVxDT5XLKAkQ4b0pLLojHHOJF3Ts60DnJKin1lR8vUq]]
→ told him to roll it immediately; redacted from the customer-visible thread, left here for T3 only.
Their server IP per our logs: [[IP_ADDRESS:34.138.77.212]]`,

  `Student services – case 2025-0412
Student: [[PERSON:Memory Banda]] (ID S2398811), MSc Public Health, year 1
Issue: tuition payment from [[LOCATION:Malawi]] returned by the intermediary bank; sponsor will resend by wire.
Sponsor: her uncle [[PERSON:Lloyd Phiri]], [[EMAIL:lloyd.phiri@gmail.com]]
Student phone (UK): [[PHONE:07562 190 338]]
Deadline extension granted to 30 April. Library fines also block re-registration — told her.`,

  `Ticket #58213 internal note (agent [[PERSON:Camille Rousseau]])
Cliente llamó otra vez. Sra. [[PERSON:Beatriz Olmedo]] says the refund for RMA-33018 (blender, €89,99) never reached her card. I checked: refund issued 04/03 to card ending 0457, ARN shared. She insists. Gave her ARN again and asked her to call her bank. Her callback number: [[PHONE:+34 699 207 311]]. If she calls again → escalate to payments, don't re-refund!`,

  `Shift log – ride support, [[LOCATION:Jakarta]] hub
09:12 rider complaint: driver [[PERSON:Agus Salim]] (plate hidden) cancelled 4 times on passenger [[PERSON:Putri Anggraini]], [[PHONE:0857 1123 8840]]. Warning issued to driver.
10:05 lost item: phone left in car, owner [[PERSON:Kevin Tanoto]] reachable via his wife's number [[PHONE:0812 9001 3372]]. Driver will drop at hub.
11:30 nothing else. Handover to [[PERSON:Sari]].`,

  // ── (3) e-mail threads: signatures, quotes, forwarded headers ─────────────────────────────────────
  `Hi [[PERSON:Daniela]],

Thanks for the quick turnaround. Attaching the signed lease; the deposit goes out tomorrow morning.

Best,
[[PERSON:Tobias Lindqvist]]

On Tue, 11 Mar 2025 at 16:02, [[PERSON:Daniela Moreno]] <[[EMAIL:d.moreno@habitacasa.es]]> wrote:
> Hola [[PERSON:Tobias]],
> Please find attached the lease for [[STREET_ADDRESS:Calle de Alcalá 145, 3º B, 28009 Madrid]]. Deposit (2 months) to:
> Titular: [[PERSON:Daniela Moreno Vidal]]
> IBAN: [[IBAN:ES73 8030 4642 7340 4693 4520]]
> Un saludo,
> [[PERSON:Daniela Moreno]]
> Agente inmobiliaria | HabitaCasa Inmobiliaria
> Tel. [[PHONE:+34 612 384 957]]`,

  `Dear Mr. [[PERSON:Osei]],

Further to our call, please find attached the revised quotation for the warehouse racking (Q-2025-118, rev. 3). Prices are valid for 30 days.

Kind regards,

[[PERSON:Nkechi Eze-Williams]]
Senior Account Manager, [[LOCATION:West Africa]]
Stackwell Industrial Solutions Ltd
[[STREET_ADDRESS:Plot 12, Block 4, Admiralty Way, Lekki Phase 1, Lagos 106104]]
M: [[PHONE:+234 809 551 3308]] | T: [[PHONE:+234 1 280 4419]] ext. 214
E: [[EMAIL:nkechi.ew@stackwell-industrial.com]]
www.stackwell-industrial.com

This e-mail and any attachments are confidential and intended solely for the addressee.`,

  `---------- Forwarded message ---------
From: [[PERSON:Hanna Kowalczyk]] <[[EMAIL:hanna.kowalczyk@onet.pl]]>
Date: Mon, 10 Mar 2025 at 09:14
Subject: Re: Zwrot / return RMA-77120
To: <returns@boltgear.eu>

Hello, I send back the jacket 2 weeks ago by parcel locker, still no refund. Tracking 6209 8812 0045 7731. My address was [[STREET_ADDRESS:ul. Piotrkowska 104 m. 12, 90-006 Łódź]]. Please refund to card, not to voucher.
[[PERSON:Hanna]]

---
Hi team, can someone pick this up? Customer has emailed 3 times. — [[PERSON:Marek]]`,

  `Subject: Re: Appointment change request

Hi [[PERSON:Sofia]],
Dr. [[PERSON:Ferreira]] can see your son on Thursday 20 March at 15:40 instead. Please arrive 10 minutes early. Reply YES to confirm.
Clinic Reception
(reception@clinicavidasaude.pt)

On 17/03/2025 21:48, [[PERSON:Sofia Marques]] wrote:
> Boa noite, I need to move [[PERSON:Tiago]]'s appointment ([[PERSON:Tiago Marques Almeida]], born [[DATE_OF_BIRTH:09/05/2017]]) because he has a school trip. Any afternoon works. My mobile is [[PHONE:+351 912 384 571]].
> Obrigada,
> [[PERSON:Sofia]]`,

  `From: [[PERSON:Ray Castellanos]] <[[EMAIL:ray@castellanosrealty.com]]>
Sent: Friday, March 7, 2025 4:51 PM
To: [[PERSON:Summer Nguyen]] <[[EMAIL:summer.nguyen88@icloud.com]]>
Cc: [[PERSON:Destiny Howard]] <[[EMAIL:dhoward@lonestartitle.com]]>
Subject: Closing docs – [[STREET_ADDRESS:4518 Shady Hollow Ln, Houston, TX 77056]]

[[PERSON:Summer]], closing is confirmed for Tue 3/18 at 10am at the title office. Bring two forms of ID. Wire instructions will come ONLY from [[PERSON:Destiny]] by phone — never trust an emailed change. Here's hoping for a smooth move before the summer heat!

[[PERSON:Ray Castellanos]], Broker
Castellanos Realty Group
[[STREET_ADDRESS:1900 West Loop S, Suite 1120, Houston, TX 77027]]
Cell [[PHONE:(713) 482-0917]]`,

  `Hi [[PERSON:Deepa]],

Please update my address in HRMS, I have shifted last week:
[[STREET_ADDRESS:B-1104, Prestige Lakeside Habitat, Varthur, Bengaluru 560087]]
Emergency contact also changes to my wife [[PERSON:Kavya Nair]], [[PHONE:+91 99001 48836]].

Thanks & regards,
[[PERSON:Arjun Menon]]
Senior Engineer – Payments Platform
Emp ID 118823 | Ext 4471
Mob: [[PHONE:+91 98860 27714]]

-----Original Message-----
From: HR Helpdesk <hrhelpdesk@finzone.co.in>
Sent: 12 March 2025 10:02
Subject: Annual declaration – action required

All employees are requested to verify their personal details in HRMS before 31 March.`,

  `Sehr geehrte Frau [[PERSON:Schneider]],

vielen Dank für Ihre Nachricht. Den Termin zur Wohnungsübergabe bestätigen wir für Mittwoch, den 2. April, 10:00 Uhr.

Mit freundlichen Grüßen
[[PERSON:Lukas Brandt]]
Brandt & Söhne Hausverwaltung GmbH
[[STREET_ADDRESS:Nymphenburger Straße 14
80335 München]]
Tel. [[PHONE:089 4482 1937]]
Mobil [[PHONE:0151 2277 4810]]
[[EMAIL:l.brandt@brandt-soehne-hv.de]]

Am 14.03.2025 um 18:22 schrieb [[PERSON:Claudia Schneider]] <[[EMAIL:claudia.schneider@web.de]]>:
> Guten Tag Herr [[PERSON:Brandt]],
> wann können wir die Wohnung in der [[STREET_ADDRESS:Schwanthalerstraße 88, 80336 München]] übergeben? Ich bin ab 1. April wieder in [[LOCATION:München]].`,

  `Bonjour Madame,

Suite à notre échange téléphonique, je vous confirme ma demande de résiliation du contrat box internet n° FBX-7720198.

Nom : [[PERSON:Mathieu Lefèvre]]
Adresse : [[STREET_ADDRESS:12 rue des Lilas, 75019 Paris]]
Tél : [[PHONE:06 12 48 73 95]]
Né le [[DATE_OF_BIRTH:23/01/1988]] à [[LOCATION:Rouen]]

Je vous prie d'agréer, Madame, l'expression de mes salutations distinguées.
[[PERSON:Mathieu Lefèvre]]

Envoyé de mon iPhone`,

  `Subject: FW: Booking confirmation – family room x2

Hi [[PERSON:Ahmad]], forwarding the confirmation below for your records.

-------- Original message --------
From: Reservations <reservations@pantaisuria-resort.my>
Date: 08/03/2025 14:20
To: [[EMAIL:ahmadfaizal.rahman@gmail.com]]

Dear Encik [[PERSON:Ahmad Faizal]],
Thank you for booking with us. Check-in 28 March, check-out 31 March (3 nights), 2 x Family Deluxe.
Guests: [[PERSON:Ahmad Faizal bin Rahman]], [[PERSON:Nurul Huda binti Ismail]], [[PERSON:Aisyah]] (9), [[PERSON:Danial]] (6).
Deposit of RM 450.00 charged to Amex [[CREDIT_CARD:3493 230452 83609]].
Contact on arrival: [[PHONE:+60 19-227 4810]]`,

  `Merhaba [[PERSON:Elif]] Hanım,

Faturanın düzeltilmiş halini ekte gönderiyorum. Ödemeyi aşağıdaki hesaba yapabilirsiniz.

Saygılarımla,
[[PERSON:Burak Aydın]]
Serbest Çevirmen (EN/DE/TR)
[[STREET_ADDRESS:Moda Cad. No: 41 D: 6, 34710 Kadıköy/İstanbul]]
GSM: [[PHONE:+90 533 207 41 88]]
IBAN: [[IBAN:TR06 3952 8453 9619 6083 9910 11]]

> On 12 Mar 2025, at 11:03, [[PERSON:Elif Şahin]] <[[EMAIL:elif.sahin@dilkopru.com.tr]]> wrote:
> [[PERSON:Burak]] Bey, the invoice has the old tax office, can you fix it? Thanks`,

  `Re: Re: Re: internship certificate

Ciao [[PERSON:Giorgia]],
ti allego il certificato firmato. Per il rimborso spese, il bonifico va su:
Intestatario: [[PERSON:Matteo Bianchi]]
IBAN [[IBAN:IT91 X413 4657 9929 3497 2628 217]]

Grazie mille!
[[PERSON:Matteo]]

--
[[PERSON:Matteo Bianchi]]
[[STREET_ADDRESS:Via San Vitale 58, 40125 Bologna BO]]
cell. [[PHONE:+39 340 221 8894]]
linkedin: [[URL:https://www.linkedin.com/in/matteo-bianchi-9a31b72]]

Il giorno lun 10 mar 2025 alle ore 09:41 [[PERSON:Giorgia Conti]] <[[EMAIL:g.conti@studiolegaleconti.it]]> ha scritto:
> Ciao [[PERSON:Matteo]], mi serve ancora il certificato firmato entro venerdì.`,

  `From: [[PERSON:Anjali Menon]] <[[EMAIL:dr.anjali.menon@outlook.com]]>
To: [[PERSON:Rohan Iyer]] <[[EMAIL:rohan.iyer@gmail.com]]>
Subject: Re: follow-up consult

Hi [[PERSON:Rohan]],
Happy to do a follow-up. Please pick a slot here: [[URL:https://calendly.com/dr-anjali-menon/follow-up-30?name=Rohan%20Iyer&email=rohan.iyer%40gmail.com]]
If none of those work, just reply and we will find a time.

Warm regards,
Dr. [[PERSON:Anjali Menon]], MBBS, MD
Consultant Physician
Sunrise Family Clinic
[[STREET_ADDRESS:No. 7, 2nd Main Road, Kasturba Nagar, Adyar, Chennai 600020]]
[[PHONE:+91 44 2441 7730]] | [[PHONE:+91 98401 55217]]

On Sat, 15 Mar, 8:12 pm [[PERSON:Rohan Iyer]] wrote:
> Doctor, the new tablets are fine, can we do the follow-up next week? I am travelling to [[LOCATION:Pune]] till Wednesday.`,

  // ── (4) forms and records pasted as "Key: value" lines, many languages ─────────────────────────────
  // DE motor insurance application
  `Antrag Kfz-Versicherung (Online-Formular, Kopie)
Anrede: Frau
Vorname: [[PERSON:Sabine]]
Nachname: [[PERSON:Hoffmann]]
Geburtsdatum: [[DATE_OF_BIRTH:17.06.1979]]
Anschrift: [[STREET_ADDRESS:Kastanienallee 31, 10435 Berlin]]
Telefon: [[PHONE:030 8812 4406]]
E-Mail: [[EMAIL:sabine.hoffmann@gmx.de]]
Fahrzeug: VW Golf VIII, Erstzulassung 05/2021
SF-Klasse: SF 12
Beitragszahlung per Lastschrift, IBAN: [[IBAN:DE31 7168 9287 3777 8109 87]]
Versicherungsbeginn: 01.04.2025`,

  // FR school enrolment
  `FICHE D'INSCRIPTION – Année scolaire 2025/2026
Élève : [[PERSON:Inès Benali]]
Date de naissance : [[DATE_OF_BIRTH:04/10/2014]]
Classe : CM2
Responsable légal 1 : [[PERSON:Karim Benali]] – [[PHONE:06 71 22 48 90]]
Responsable légal 2 : [[PERSON:Sophie Marchand]] – [[PHONE:+33 6 45 18 27 03]]
Adresse : [[STREET_ADDRESS:8 allée des Tilleuls, 69008 Lyon]]
Courriel : [[EMAIL:k.benali@orange.fr]]
Personne à prévenir en cas d'urgence : [[PERSON:Nadia Benali]] (tante) [[PHONE:07 58 33 19 42]]
Cantine : oui (4 jours)`,

  // ES home insurance claim
  `PARTE DE SINIESTRO – HOGAR
Nº póliza: HG-2024-0071893
Tomador: [[PERSON:María José Fernández Ortega]]
Fecha de nacimiento: [[DATE_OF_BIRTH:29/02/1972]]
Domicilio del riesgo: [[STREET_ADDRESS:Avenida de la Constitución 48, 2º izq., 41001 Sevilla]]
Teléfono de contacto: [[PHONE:+34 655 210 874]]
Fecha del siniestro: 08/03/2025
Descripción: rotura de tubería en la cocina, daños en el techo del vecino del piso inferior (D. [[PERSON:Ramón Gil]]).
Cuenta para la indemnización: [[IBAN:ES74 0912 4294 9069 4960 4837]]`,

  // IT patient registration
  `SCHEDA ANAGRAFICA PAZIENTE
Cognome: [[PERSON:Esposito]]
Nome: [[PERSON:Giulia]]
Data di nascita: [[DATE_OF_BIRTH:11/07/1990]]
Luogo di nascita: [[LOCATION:Napoli]]
Residenza: [[STREET_ADDRESS:Via Toledo 256, 80134 Napoli NA]]
Cellulare: [[PHONE:+39 347 812 4490]]
Email: [[EMAIL:giulia.esposito90@libero.it]]
Medico curante: Dott.ssa [[PERSON:Anna Russo]]
Prenotazione: visita ortopedica, 24/03/2025 ore 9:15`,

  // PT-BR e-commerce customer record
  `Cadastro de cliente – loja virtual
Nome completo: [[PERSON:Ana Beatriz Gonçalves Lima]]
Data de nascimento: [[DATE_OF_BIRTH:15/03/1995]]
Endereço: [[STREET_ADDRESS:Av. Afonso Pena, 1500, sala 804, Centro, Belo Horizonte - MG, 30130-005]]
Celular: [[PHONE:(31) 98841-2207]]
E-mail: [[EMAIL:anabia.lima@uol.com.br]]
Como nos conheceu: Instagram
Aceita receber ofertas: sim`,

  // PT-PT rental application
  `Ficha de candidatura – arrendamento
Nome: [[PERSON:João Pedro Carvalho]]
Data de nascimento: [[DATE_OF_BIRTH:02/12/1989]]
Morada atual: [[STREET_ADDRESS:Rua Garrett 74, 3.º Esq., 1200-204 Lisboa]]
Telemóvel: [[PHONE:+351 936 118 402]]
Email: [[EMAIL:jp.carvalho@sapo.pt]]
Entidade patronal: consultora de TI (contrato sem termo)
IBAN para devolução da caução: [[IBAN:PT29 1154 9041 8087 5670 1176 5]]
Fiador: [[PERSON:Manuel Carvalho]] (pai), [[PHONE:+351 917 220 583]]`,

  // NL rental registration
  `Inschrijfformulier huurwoning
Naam: [[PERSON:Daan de Vries]]
Geboortedatum: [[DATE_OF_BIRTH:30-08-1993]]
Huidig adres: [[STREET_ADDRESS:Prinsengracht 263-2, 1016 GV Amsterdam]]
Telefoon: [[PHONE:+31 6 2384 7719]]
E-mail: [[EMAIL:daan.devries@ziggo.nl]]
Medeaanvrager: [[PERSON:Sanne Bakker]], geb. [[DATE_OF_BIRTH:12-01-1995]]
Bruto maandinkomen (samen): € 7.350
IBAN (voor borg): [[IBAN:NL40 ABNA 3696 3465 39]]`,

  // PL complaint form
  `FORMULARZ REKLAMACYJNY
Imię i nazwisko: [[PERSON:Agnieszka Kamińska]]
Adres: [[STREET_ADDRESS:ul. Marszałkowska 84/92 m. 15, 00-514 Warszawa]]
Telefon: [[PHONE:693 207 418]]
E-mail: [[EMAIL:a.kaminska@wp.pl]]
Nr zamówienia: 2025/03/44187
Produkt: odkurzacz pionowy, SKU VX-S9-WHT
Data zakupu: 02.03.2025
Opis wady: bateria nie ładuje się powyżej 40%.
Proszę o zwrot środków na rachunek: [[IBAN:PL66 6066 7646 1571 8240 9198 9621]]`,

  // TR credit card application
  `KREDİ KARTI BAŞVURU FORMU
Ad Soyad: [[PERSON:Mehmet Can Yıldız]]
Doğum Tarihi: [[DATE_OF_BIRTH:05.12.1987]]
Doğum Yeri: [[LOCATION:Trabzon]]
Cep Telefonu: [[PHONE:+90 532 418 77 21]]
E-posta: [[EMAIL:mcyildiz@hotmail.com.tr]]
Ev Adresi: [[STREET_ADDRESS:Bağdat Cad. No: 215 D: 8, 34728 Kadıköy/İstanbul]]
Meslek: Mühendis
Aylık Net Gelir: 85.000 TL`,

  // SV maintenance request
  `Felanmälan – lägenhet
Hyresgäst: [[PERSON:Erik Johansson]]
Adress: [[STREET_ADDRESS:Drottninggatan 52, lgh 1102, 111 21 Stockholm]]
Telefon: [[PHONE:070-384 21 97]]
E-post: [[EMAIL:erik.johansson@telia.com]]
Ärende: Diskmaskinen läcker vatten under luckan.
Nyckel finns hos grannen [[PERSON:Karin Lund]] (lgh 1104), [[PHONE:073-551 08 26]].
Bästa tid: vardagar efter 16.`,

  // RO reimbursement request (prose form)
  `CERERE DE RAMBURSARE
Subsemnatul [[PERSON:Andrei Popescu]], născut la data de [[DATE_OF_BIRTH:21.09.1985]], domiciliat în [[STREET_ADDRESS:Strada Lipscani 21, ap. 4, 030031 București]], telefon [[PHONE:0722 384 915]], solicit rambursarea sumei de 1.250 lei în contul [[IBAN:RO16 BTRL 0713 1189 9466 2058]].
Data: 12.03.2025
Semnătura: [[PERSON:A. Popescu]]`,

  // HU customer registration (family name first)
  `Ügyfél-regisztráció
Név: [[PERSON:Kovács Eszter]]
Születési dátum: [[DATE_OF_BIRTH:1992. 04. 18.]]
Születési hely: [[LOCATION:Debrecen]]
Lakcím: [[STREET_ADDRESS:1052 Budapest, Váci utca 18. 2. em. 5.]]
Telefonszám: [[PHONE:+36 30 384 2217]]
E-mail: [[EMAIL:kovacs.eszter@freemail.hu]]
Bankszámla (IBAN): [[IBAN:HU15 8421 5493 7860 7045 8328 4431]]`,

  // EL enrolment
  `ΑΙΤΗΣΗ ΕΓΓΡΑΦΗΣ – Φροντιστήριο Αγγλικών
Ονοματεπώνυμο μαθητή: [[PERSON:Νικόλαος Παπαδόπουλος]]
Ημερομηνία γέννησης: [[DATE_OF_BIRTH:03/02/2012]]
Κηδεμόνας: [[PERSON:Γεώργιος Παπαδόπουλος]]
Διεύθυνση: [[STREET_ADDRESS:Ερμού 25, 105 63 Αθήνα]]
Κινητό: [[PHONE:694 812 3377]]
Email: [[EMAIL:g.papadopoulos@otenet.gr]]
IBAN για επιστροφή διδάκτρων: [[IBAN:GR95 2893 3725 9553 9390 0729 261]]`,

  // RU client questionnaire
  `Анкета клиента
ФИО: [[PERSON:Смирнова Ольга Викторовна]]
Дата рождения: [[DATE_OF_BIRTH:08.11.1983]]
Адрес регистрации: [[STREET_ADDRESS:125009, г. Москва, ул. Тверская, д. 12, кв. 45]]
Телефон: [[PHONE:+7 916 384-27-15]]
Эл. почта: [[EMAIL:olga.smirnova83@yandex.ru]]
Контактное лицо: [[PERSON:Смирнов Игорь Петрович]] (муж), [[PHONE:+7 903 118-44-20]]`,

  // HE service request with card
  `טופס פנייה – שירות לקוחות
שם מלא: [[PERSON:נועה כהן]]
תאריך לידה: [[DATE_OF_BIRTH:14/05/1996]]
כתובת: [[STREET_ADDRESS:רחוב הרצל 45, דירה 7, תל אביב 6578901]]
טלפון נייד: [[PHONE:052-384-7715]]
דוא"ל: [[EMAIL:noa.cohen96@walla.co.il]]
נושא הפנייה: חיוב כפול בכרטיס האשראי
מספר כרטיס: [[CREDIT_CARD:5583 4932 4190 0886]]`,

  // AR (Saudi) service request
  `نموذج طلب خدمة
الاسم: [[PERSON:عبدالله بن سعد القحطاني]]
تاريخ الميلاد: [[DATE_OF_BIRTH:1990/07/22]]
العنوان الوطني: [[STREET_ADDRESS:8228 طريق الملك فهد، حي العليا، الرياض 12214]]
الجوال: [[PHONE:+966 55 384 7719]]
البريد الإلكتروني: [[EMAIL:a.alqahtani@outlook.sa]]
رقم الآيبان: [[IBAN:SA77 3754 8988 8553 6399 1959]]`,

  // JA mobile plan application
  `お申込み内容の確認
お名前：[[PERSON:佐藤 美咲]]（[[PERSON:サトウ ミサキ]]）
生年月日：[[DATE_OF_BIRTH:1994年8月3日]]
ご住所：〒[[STREET_ADDRESS:154-0004 東京都世田谷区太子堂4-1-1-305]]
電話番号：[[PHONE:090-3847-2216]]
メールアドレス：[[EMAIL:misaki.sato@docomo.ne.jp]]
ご希望のプラン：データ無制限プラン
お支払い方法：クレジットカード（下4桁 8841）`,

  // ZH member registration
  `会员登记表
姓名：[[PERSON:王丽娟]]
出生日期：[[DATE_OF_BIRTH:1988年12月6日]]
手机号码：[[PHONE:139 1847 2206]]
电子邮箱：[[EMAIL:wanglijuan88@163.com]]
收货地址：[[STREET_ADDRESS:上海市徐汇区漕溪北路88号3号楼1502室]]
紧急联系人：[[PERSON:李强]]（配偶）[[PHONE:138 0172 4456]]`,

  // KO internet installation request
  `인터넷 설치 신청서
성명: [[PERSON:김지훈]]
생년월일: [[DATE_OF_BIRTH:1991.03.27]]
휴대전화: [[PHONE:010-4821-7736]]
이메일: [[EMAIL:jihoon.kim91@naver.com]]
설치 주소: [[STREET_ADDRESS:서울특별시 마포구 월드컵북로 396, 101동 1502호]]
설치 희망일: 2025-03-28 오전
요금제: 기가 500M`,

  // VI clinic registration
  `PHIẾU ĐĂNG KÝ KHÁM BỆNH
Họ và tên: [[PERSON:Trần Văn Hùng]]
Ngày sinh: [[DATE_OF_BIRTH:12/06/1969]]
Địa chỉ: [[STREET_ADDRESS:Số 25 Lê Lợi, phường Bến Nghé, Quận 1, TP. Hồ Chí Minh]]
Số điện thoại: [[PHONE:0908 214 553]]
Người liên hệ: [[PERSON:Trần Thị Mai]] (con gái) – [[PHONE:0935 771 208]]
Ngày hẹn: 25/03/2025, 8:00`,

  // TH customer registration (Buddhist-era birth year)
  `แบบฟอร์มลงทะเบียนลูกค้า
ชื่อ-นามสกุล: [[PERSON:ปิยะนุช ศรีสุข]]
วันเกิด: [[DATE_OF_BIRTH:15 มีนาคม 2528]]
ที่อยู่: [[STREET_ADDRESS:99/123 ซอยอ่อนนุช 17 แขวงสวนหลวง เขตสวนหลวง กรุงเทพมหานคร 10250]]
โทรศัพท์: [[PHONE:081 384 7715]]
อีเมล: [[EMAIL:piyanuch.s@hotmail.com]]`,

  // ID course registration
  `FORMULIR PENDAFTARAN PESERTA PELATIHAN
Nama Lengkap: [[PERSON:Bagus Setiawan]]
Tempat/Tgl Lahir: [[LOCATION:Yogyakarta]], [[DATE_OF_BIRTH:17 Agustus 1992]]
Alamat: [[STREET_ADDRESS:Jl. Diponegoro No. 45, Darmo, Wonokromo, Surabaya 60241]]
No. HP: [[PHONE:+62 813 3071 2284]]
Email: [[EMAIL:bagus.setiawan92@yahoo.co.id]]
Nama Orang Tua/Wali: [[PERSON:Sri Wahyuni]]`,

  // HI gas connection application
  `आवेदन पत्र – नया गैस कनेक्शन
नाम: [[PERSON:सुनीता देवी]]
पति का नाम: [[PERSON:राजेश कुमार यादव]]
जन्म तिथि: [[DATE_OF_BIRTH:12/01/1985]]
पता: [[STREET_ADDRESS:मकान नं. 45, सेक्टर 15, नोएडा, उत्तर प्रदेश 201301]]
मोबाइल: [[PHONE:98110 47263]]
ईमेल: [[EMAIL:sunita.yadav85@gmail.com]]`,

  // ── (5) developer snippets with real user data: JSON / YAML / XML / SQL / logs ───────────────────
  `getting 422 from POST /v2/checkout, payload below, any idea?? (prod, sorry for the real data)

{
  "customer": {
    "id": "cus_88213",
    "name": "[[PERSON:Oluwaseun Balogun]]",
    "email": "[[EMAIL:seun.balogun@yahoo.com]]",
    "phone": "[[PHONE:+2348034127765]]",
    "date_of_birth": "[[DATE_OF_BIRTH:1990-05-17]]"
  },
  "billing_address": {
    "line1": "[[STREET_ADDRESS:12 Awolowo Road, Ikoyi]]",
    "city": "[[LOCATION:Lagos]]",
    "postal_code": "101233",
    "country": "NG"
  },
  "card": { "number": "[[CREDIT_CARD:5357894916917572]]", "exp_month": 9, "exp_year": 2027 },
  "client_ip": "[[IP_ADDRESS:102.89.33.147]]",
  "amount": 4599000,
  "currency": "NGN"
}`,

  `# staging.yml — why does the mailer still use the old key after deploy??
mailer:
  provider: sendgrid
  api_key: [[SECRET: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]]
  from: no-reply@tallyhr.io
  test_recipient: [[EMAIL:joy.mbeki@tallyhr.io]]
database:
  host: db-staging.tallyhr.internal
  port: 5432
  user: app_rw
  password: [[SECRET:fCzfFnE1W3nKNM]]
llm:
  provider: openai
  api_key: [[SECRET:sk-proj-vVCJwNCUAwRGzlNT4dYcv8BwDOLGuHvZSN564HInY7zDok70_qEYxH5uHZ6z63OjK9cYC]]
  model: gpt-4o-mini`,

  `nginx access log from the OTP endpoint, see the 401s:

[[IP_ADDRESS:49.36.112.85]] - - [18/Mar/2025:10:14:22 +0530] "POST /api/v1/otp/verify HTTP/1.1" 401 87 "[[URL:https://app.paysetu.in/login?phone=919845012763&next=%2Fwallet]]" "Mozilla/5.0 (Linux; Android 14; SM-A546E)"
[[IP_ADDRESS:49.36.112.85]] - - [18/Mar/2025:10:14:51 +0530] "POST /api/v1/otp/verify HTTP/1.1" 401 87 "[[URL:https://app.paysetu.in/login?phone=919845012763&next=%2Fwallet]]" "Mozilla/5.0 (Linux; Android 14; SM-A546E)"
[[IP_ADDRESS:157.48.201.33]] - - [18/Mar/2025:10:15:03 +0530] "POST /api/v1/otp/send HTTP/1.1" 200 41 "-" "okhttp/4.12.0"
[[IP_ADDRESS:49.36.112.85]] - - [18/Mar/2025:10:15:40 +0530] "POST /api/v1/otp/verify HTTP/1.1" 200 512 "-" "Mozilla/5.0 (Linux; Android 14; SM-A546E)"

first IP is the customer, second one no idea`,

  `-- ticket PAY-2231: duplicate customers after the March migration
SELECT id, full_name, email, phone, created_at FROM customers WHERE id IN (88120, 91544);

  id   |  full_name   |           email            |      phone      |     created_at
-------+--------------+----------------------------+-----------------+---------------------
 88120 | [[PERSON:Jan Kowalski]] | [[EMAIL:jan.kowalski@interia.pl]]    | [[PHONE:+48 691 204 377]] | 2024-11-02 09:12:44
 91544 | [[PERSON:Jan Kowalski]] | [[EMAIL:jkowalski.home@gmail.com]]   | [[PHONE:691 204 377]]     | 2025-01-15 17:40:03
(2 rows)

same phone, different email → merge into 88120?`,

  `-- seed for the payroll sandbox; copied from the prod export by mistake, DO NOT COMMIT
INSERT INTO employees (first_name, last_name, ssn, dob, hire_date, home_address) VALUES
  ('[[PERSON:Marcus]]', '[[PERSON:Whitfield]]', '[[US_SSN:412-68-3390]]', '[[DATE_OF_BIRTH:1986-02-11]]', '2023-08-01', '[[STREET_ADDRESS:1427 Maple Ridge Dr, Apt 3B, Columbus, OH 43215]]'),
  ('[[PERSON:Hope]]', '[[PERSON:Delgado]]', '[[US_SSN:527-19-4482]]', '[[DATE_OF_BIRTH:1993-09-30]]', '2024-01-15', '[[STREET_ADDRESS:88 Cedar Bluff Ct, Knoxville, TN 37923]]'),
  ('[[PERSON:Terrence]]', '[[PERSON:Boateng]]', '[[US_SSN:238-47-1095]]', '[[DATE_OF_BIRTH:1979-12-03]]', '2019-05-20', '[[STREET_ADDRESS:5102 N Kenmore Ave, Unit 2, Chicago, IL 60640]]');`,

  `<?xml version="1.0" encoding="UTF-8"?>
<!-- broker feed rejected with E-INVALID-BIC, full record attached -->
<PolicyRequest id="Q-88412" product="HOME-PLUS">
  <PolicyHolder>
    <GivenName>[[PERSON:Rose]]</GivenName>
    <FamilyName>[[PERSON:O'Sullivan]]</FamilyName>
    <BirthDate>[[DATE_OF_BIRTH:1979-10-04]]</BirthDate>
    <Address>[[STREET_ADDRESS:14 Ashgrove Park, Ballincollig, Co. Cork P31 X2K7]]</Address>
    <Phone>[[PHONE:+353 87 384 2210]]</Phone>
    <Email>[[EMAIL:rose.osullivan@eircom.net]]</Email>
    <Iban>[[IBAN:IE69AIBK52280472177335]]</Iban>
    <Bic>AIBKIE2D</Bic>
  </PolicyHolder>
  <Cover sumInsured="350000" currency="EUR" startDate="2025-04-01"/>
</PolicyRequest>`,

  `Traceback (most recent call last):
  File "/srv/app/billing/charge.py", line 88, in charge
    resp = gateway.charge(amount=amt, currency="eur", source=token)
  File "/srv/app/billing/gateway.py", line 41, in charge
    raise CardDeclined(resp["code"])
billing.errors.CardDeclined: do_not_honor
[2025-03-18 08:02:17,441] ERROR billing.charge ctx={'user_id': 55120, 'email': '[[EMAIL:m.lindstrom@bredband.net]]', 'name': '[[PERSON:Maja Lindström]]', 'ip': '[[IP_ADDRESS:81.226.14.203]]', 'card_last4': '9914', 'attempt': 3}

can we stop logging email + ip in the error ctx? GDPR people will kill us`,

  `why does /me return 403 for this user?? token from the android app:

Authorization: Bearer [[SECRET:eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c3JfNDgyMTMiLCJlbWFpbCI6Im4uYWRleWVtaUBvdXRsb29rLmNvbSIsIm5hbWUiOiJOZ296aSBBZGV5ZW1pIiwiaWF0IjoxNzQyMjkwMDAwLCJleHAiOjE3NDIzNzY0MDB9.o6O0ANOxWZN9GPOE7eZ_sxYS5myyai97cblY4PwVMHs]]

decoded: sub usr_48213, email [[EMAIL:n.adeyemi@outlook.com]], name [[PERSON:Ngozi Adeyemi]], exp looks fine. role claim is missing I think`,

  `ok so the deploy fails at the ssh step, this is the key we put in the CI variable (yes I know, rotating it after):

[[SECRET:-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
xQuMLSCl8GDcKWzWqKExDtqXhvXARpoxTW3t71+fgiQZbTZOw9j/Q9eOOe8PKHTdZtkiP2
i8xBHrppVDSHnT4vI6GCE9N8oR3cNUbAF2KMj0+LxLymytyMDcctxYUtNvyfFLu5XCHor3
14OpApWhQ811I+K5J8Lh0fbMpflWir/pkTasq+NFb0iInakEDCuuwBw6QvBpHEj0XRcmB+
y8jMRoHCLIo64YfcP+ue6SzTe6ugOQOZgeT+d1JrWUhHlrCATz4kZumi8xTlTPkfN0JFGz
2cI8qaE/6rn5rsxRzFH/DKW3YgIVYVo8jO6K9aaLEZugssLhgEemMM2mdo/GWMY7W/GRMC
ni0Vc3GMJlERuQCrJojGRxKO2MaRFmr8HuJX/nvDT2nxbdPqxU=
-----END OPENSSH PRIVATE KEY-----]]

target: deploy@[[IP_ADDRESS:159.69.204.17]] port 22, error "Load key: invalid format"`,

  `~/.aws/credentials on the build box (found while debugging the S3 403):

[default]
aws_access_key_id = [[SECRET:AKIAZ36F7AWEMNYTRUGP]]
aws_secret_access_key = [[SECRET: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]]
region = eu-central-1

it belongs to [[PERSON:Piotr Wójcik]]'s personal IAM user, not the service role. that's why the bucket policy rejects it`,

  `.env.production (pasted by customer in chat, asking why SMS fails)
NODE_ENV=production
APP_URL=https://bookings.salonamara.com.br
TWILIO_AUTH_TOKEN=[[SECRET:276ddf261cd8b4299d8dbda3bcee58fd]]
GITHUB_TOKEN=[[SECRET:ghp_0sQcCU3qonD1oBMH8d4j98vLOR3mFMgZC2Wz]]
SLACK_BOT_TOKEN=[[SECRET:xoxb-534750208651-8127833561613-AiLqAI00J4ulycTN4HehvP38]]
GOOGLE_MAPS_KEY=[[SECRET:AIzaSyBGqIUk0RsidYAELlrF-AbqSDrtSVXiDgrB2]]
OWNER_EMAIL=[[EMAIL:amara.santos@salonamara.com.br]]
OWNER_PHONE=[[PHONE:+55 71 99184-0273]]`,

  `bookings_export_2025-03-17.csv (first rows, import fails on row 3)

booking_id,guest_name,email,phone,checkin,checkout,country
BK-10221,[[PERSON:Mercy Owusu]],[[EMAIL:mercy.owusu@gmail.com]],[[PHONE:+233 27 418 5590]],2025-04-02,2025-04-06,[[LOCATION:Ghana]]
BK-10222,[[PERSON:Dilnoza Karimova]],[[EMAIL:dilnoza.k@mail.ru]],[[PHONE:+998 90 318 44 27]],2025-04-03,2025-04-05,[[LOCATION:Uzbekistan]]
BK-10223,"[[PERSON:Reyes, Angelica]]",[[EMAIL:angelica.reyes@yahoo.com.ph]],[[PHONE:+63 918 227 4013]],2025-04-03,2025-04-10,[[LOCATION:Philippines]]

row 3 has the quoted name with a comma, parser chokes`,

  `2025-03-18T09:22:41.118Z INFO  webhook.received {"event":"customer.updated","id":"evt_7Q2k","data":{"name":"[[PERSON:Sebastián Ortiz]]","email":"[[EMAIL:sebas.ortiz@gmail.com]]","phone":"[[PHONE:+52 33 1904 2276]]","address":"[[STREET_ADDRESS:Av. Chapultepec 480, Col. Americana, 44160 Guadalajara, Jal.]]"},"source_ip":"[[IP_ADDRESS:2806:2f0:9021:4c1a:5d3e:88ff:fe10:7b21]]"}
2025-03-18T09:22:41.342Z WARN  webhook.signature_mismatch id=evt_7Q2k expected=v1 got=v0
2025-03-18T09:22:43.901Z INFO  webhook.retry id=evt_7Q2k attempt=2 backoff_ms=2000`,

  `customer says the reset link from our email is broken, they pasted it:
[[URL:https://accounts.tallyhr.io/reset-password?email=grace.achieng%40gmail.com&token=9f3a7c21e8b04d6aa1f5c2e7b9d0c344]]
→ token is valid for 30 min; it was generated 09:10 and [[PERSON:Grace Achieng]] clicked at 11:45, so expired, not a bug. Send her a new one.`,

  `kafka consumer lag on topic kyc.submitted, one of the stuck messages:
key=kyc_00912 value={"applicant":{"full_name":"[[PERSON:Abdul-Rahman Al-Masri]]","dob":"[[DATE_OF_BIRTH:1988-04-09]]","nationality":"JO","address":"[[STREET_ADDRESS:14 Abdullah Bin Rawaha St, Al-Rabieh, Amman 11195]]","phone":"[[PHONE:+962 79 618 2204]]","email":"[[EMAIL:a.almasri@gmail.com]]"},"device_ip":"[[IP_ADDRESS:46.185.171.92]]"}
offset=5512093 partition=3 — deserializer fails on the Arabic transliteration? no, on the null doc_back field`,

  // ── (6) multi-person texts: families, households, travel parties, teams ────────────────────────────
  `Household members for the family floater policy (renewal):

| # | Name            | Relation | Date of birth |
|---|-----------------|----------|---------------|
| 1 | [[PERSON:Samuel Okoro]]    | Self     | [[DATE_OF_BIRTH:14/03/1979]]    |
| 2 | [[PERSON:Grace Okoro]]     | Spouse   | [[DATE_OF_BIRTH:02/11/1982]]    |
| 3 | [[PERSON:Faith Okoro]]     | Daughter | [[DATE_OF_BIRTH:21/06/2009]]    |
| 4 | [[PERSON:Destiny Okoro]]   | Son      | [[DATE_OF_BIRTH:08/01/2013]]    |
| 5 | [[PERSON:Mercy Okoro]]     | Mother   | [[DATE_OF_BIRTH:30/09/1951]]    |

We have faith the renewal goes through before the grace period ends on 31 March. [[PERSON:Mercy]]'s hospital visits last year were all outpatient. Premium debit from card [[CREDIT_CARD:4043 0976 3850 7357]].
Contact: [[PERSON:Samuel Okoro]], [[PHONE:0806 552 1937]], [[EMAIL:samuel.okoro@gmail.com]]`,

  `Year 4 swimming gala – lift share 🚗 (Saturday)
Car 1 (Mrs [[PERSON:Adebayo]]): [[PERSON:Hope]], [[PERSON:Joy]], [[PERSON:Precious]]
Car 2 ([[PERSON:Hunter]]'s dad, [[PHONE:07723 418 990]]): [[PERSON:Hunter]], [[PERSON:Will]], [[PERSON:Mark]]
Car 3 ([[PERSON:Dawn Fletcher]], [[PHONE:07481 306 225]]): [[PERSON:Summer]], [[PERSON:Rose]], [[PERSON:Sunny]]
Meet 7:45 at the school gate. Let's hope it doesn't rain! Bring snacks, water and a towel.
Will confirm pick-up times on Thursday once the timetable is out — mark it in your calendars.`,

  `Grupo: boda de [[PERSON:Paris]] y [[PERSON:Chase]] — [[LOCATION:Tulum]], 12–16 de junio
Pasajeros (vuelo desde [[LOCATION:Monterrey]]):
- [[PERSON:Paris Montoya Leal]] (novia)
- [[PERSON:Chase Whitman]] (novio) – vuela desde [[LOCATION:Denver]], llega un día antes
- [[PERSON:Sunny Whitman]] y [[PERSON:Ray Whitman]] (papás del novio)
- [[PERSON:Dolores Leal]] (abuela, necesita silla de ruedas en aeropuerto)
- [[PERSON:Mercedes Montoya]] (mamá de la novia) – contacto principal [[PHONE:+52 81 1733 0482]]
Traslado: camioneta Mercedes Sprinter para 12, ya pagada.
Nota: [[PERSON:Paris]] pidió que nadie mencione [[LOCATION:París]], la luna de miel es sorpresa.`,

  `On-call rota — Platform team, April
Week 1: [[PERSON:Mark Tan]] (primary), [[PERSON:Faith Ogunleye]] (secondary)
Week 2: [[PERSON:Jordan Lee]], [[PERSON:Rose Kamau]]
Week 3: [[PERSON:Dawn Pretorius]], [[PERSON:Bill Cheng]]
Week 4: [[PERSON:Sunny Park]], [[PERSON:Mark Tan]]
Escalation manager: [[PERSON:Ray Dominguez]] [[PHONE:+1 (206) 618-3349]]
Reminders: mark your leave in the calendar; [[PERSON:Bill]] will bill overtime per the new policy; the grace period for swap requests is 48h.`,

  `Zgłoszenie – lista osób zamieszkałych w lokalu (wywóz odpadów)
Adres lokalu: [[STREET_ADDRESS:ul. Słowackiego 9/3, 60-823 Poznań]]
1. [[PERSON:Marek Lewandowski]] – właściciel, ur. [[DATE_OF_BIRTH:04.04.1970]]
2. [[PERSON:Ewa Lewandowska]] – żona, ur. [[DATE_OF_BIRTH:19.08.1972]]
3. [[PERSON:Zofia Lewandowska]] – córka, ur. [[DATE_OF_BIRTH:07.02.2004]]
4. [[PERSON:Róża Lewandowska]] – matka właściciela, ur. [[DATE_OF_BIRTH:11.11.1946]]
Kontakt: [[PHONE:+48 605 771 203]], [[EMAIL:marek.lewandowski@o2.pl]]
Liczba osób: 4`,

  `Harvest Thanksgiving – ushering & protocol teams
Team A (main hall): Bro. [[PERSON:Gift Eze]], Sis. [[PERSON:Patience Amadi]], Sis. [[PERSON:Blessing Nwosu]]
Team B (children): Sis. [[PERSON:Memory Chukwu]], Bro. [[PERSON:Destiny Obi]]
Team C (car park): Bro. [[PERSON:Chase Ikenna]], Bro. [[PERSON:Sunday Ojo]]
Coordinator: Deaconess [[PERSON:Faith Adeyemi]] – [[PHONE:0803 227 4419]]
Please let us exercise patience with the children, it is a blessing to have them. All gifts for the orphanage should be dropped at the vestry before Sunday.`,

  `Tax prep intake – household (2024 return, MFJ)
Taxpayer: [[PERSON:Daniel Oyelaran]], SSN [[US_SSN:609-33-7718]], DOB [[DATE_OF_BIRTH:06/22/1981]]
Spouse: [[PERSON:Chioma Oyelaran]], SSN [[US_SSN:071-84-2256]], DOB [[DATE_OF_BIRTH:01/15/1984]]
Dependents: [[PERSON:Summer Oyelaran]] (2014), [[PERSON:Joshua Oyelaran]] (2017)
Address: [[STREET_ADDRESS:3311 Wexford Pl, Bowie, MD 20716]]
Phone: [[PHONE:(301) 864-2290]]
Notes: W-2s from both employers received. Child care receipts pending from the summer camp. Refund via direct deposit.`,

  `Olá! Gostaria de marcar limpeza para a família toda no mesmo dia se possível:
- eu, [[PERSON:Renata Alves]]
- meu marido [[PERSON:Júlio César Alves]]
- as crianças [[PERSON:Alice]] (8) e [[PERSON:Davi]] (5)
Pode ser sábado de manhã? Se não der, qualquer dia depois das 17h. Meu zap: [[PHONE:(81) 99654-1178]]
Obs: o convênio está no nome do [[PERSON:Júlio]].`,

  `family account – trips this week (export for the dispute)
Rider              | Trip          | From → To                              | Fare
[[PERSON:Omar Khalil]]        | Mon 08:10     | [[LOCATION:Zamalek]] → [[LOCATION:New Cairo]]               | EGP 214
[[PERSON:Laila Khalil]]       | Mon 14:35     | [[LOCATION:Maadi]] → [[LOCATION:Zamalek]]                   | EGP 167
[[PERSON:Youssef Khalil]]     | Tue 23:50     | [[LOCATION:Sheikh Zayed]] → [[LOCATION:Zamalek]]            | EGP 402  ← disputed
Account owner: [[PERSON:Omar Khalil]], [[EMAIL:omar.khalil@gmail.com]]
[[PERSON:Youssef]] says he never took the Tuesday trip, his phone was with him at home.`,

  `Offer & deposit — flat purchase (co-buyers)
Buyers: [[PERSON:Chanel Brooks]] and [[PERSON:Marcus Brooks]]
Guarantor: [[PERSON:Patricia Brooks]] (mother of [[PERSON:Marcus]])
Property: [[STREET_ADDRESS:Flat 12, Wren Court, 45 Tenter Street, Leeds LS1 7BN]]
Agreed price: £238,500, subject to survey.
Reservation fee returned to: [[IBAN:GB49 NWBK 5572 0544 0594 10]] (acc. name [[PERSON:C Brooks]])
Note: [[PERSON:Chanel]] asked us not to confuse her with the perfume-counter booking next door (that's the Chanel boutique fit-out, different file).`,

  `Kuya, eto na yung details for padala this month:
Receiver: [[PERSON:Rosalinda Bautista]] (nanay ko) – [[PHONE:0928 441 7302]]
Also [[PERSON:Jun-Jun]] and [[PERSON:Precious Bautista]] need school money.
Sender: [[PERSON:Gerardo Bautista]], working in [[LOCATION:Dubai]], account [[IBAN:AE79 0698 7961 1622 3590 844]]
Salamat! Send mo yung ref number sa viber ko [[PHONE:+971 55 384 2219]]`,

  `Team directory — [[LOCATION:Singapore]] office (for the offsite seating plan)
Name                   | Team      | Ext  | Mobile
[[PERSON:Siti Nurhaliza Rahmat]]  | Finance   | 2204 | [[PHONE:+65 9182 4470]]
[[PERSON:Rajesh Pillai]]          | Sales     | 2211 | [[PHONE:+65 8734 0915]]
[[PERSON:Chen Jia Hui]]           | Sales     | 2215 | [[PHONE:+65 9023 6618]]
[[PERSON:Joy Fernandez]]          | HR        | 2230 | [[PHONE:+65 8451 7720]]
[[PERSON:Faith Koh]]              | Legal     | 2241 | [[PHONE:+65 9670 3384]]
Seating: Finance and Legal at table 3; Sales at table 5.`,

  `Reservation request — Saturday 19:30, party of 7
Name on booking: [[PERSON:Mercedes Ibáñez]]
Guests: [[PERSON:Mercedes]], her husband [[PERSON:Álvaro]], [[PERSON:Hope Kinsella]], [[PERSON:Will Kinsella]], [[PERSON:Rosa Ibáñez]], [[PERSON:Tomás]], [[PERSON:Inés]]
Requests: one high chair, gluten-free for [[PERSON:Hope]]. They'll arrive in two cars (a Mercedes and a Porsche) — please reserve 2 valet spots.
Call-back: [[PHONE:+34 622 807 413]]`,

  // ── more: short banking / travel / SaaS messages ─────────────────────────────────────────────────
  `hi, booking ref K7XQ2P, i want to add extra bag for me and my husband. pay with amex [[CREDIT_CARD:3768 915626 76245]], name [[PERSON:Svetlana Ivanova-Park]]. thanks`,

  `Guten Tag, bitte ändern Sie meine Bankverbindung für die Mietzahlungen ab Mai. Neue IBAN: [[IBAN:AT89 5862 3776 7698 8999]], Kontoinhaber [[PERSON:Stefan Gruber]]. Wohnung [[STREET_ADDRESS:Mariahilfer Straße 77/14, 1060 Wien]]. Danke, [[PERSON:S. Gruber]]`,

  `Bonjour, je souhaite être remboursée sur mon compte suisse : [[IBAN:CH28 7592 0076 8884 6488 7]] au nom de [[PERSON:Léa Favre]]. Numéro de dossier 2025-LF-0192. Vous pouvez me joindre au [[PHONE:+41 79 384 22 18]]. Merci`,

  `Hej! Jag har flyttat och vill att återbetalningen går till [[IBAN:SE83 5484 6435 2535 3810 4910]]. Namn: [[PERSON:Linnea Berg]], ny adress [[STREET_ADDRESS:Kungsgatan 18 B, 411 19 Göteborg]]. Ordernummer 55-88120. Tack!`,

  `Dear team, kindly transfer the refund of EGP 3,450 (order 771204) to my account [[IBAN:EG10 3018 4371 1026 3799 9061 6455 6]], beneficiary [[PERSON:Karim Samir Hassan]]. mobile [[PHONE:0100 618 2247]]. thanks in advance`,

  `oi, o reembolso da passagem pode cair nessa conta? [[IBAN:BR41 2261 1733 8731 7570 0416 675C 1]] titular [[PERSON:Thiago Rocha Menezes]]. localizador X9PLQ2. valeu`,

  `Hi — please use my new card for the subscription: [[CREDIT_CARD:6011 7420 0976 8764]], exp 03/28. Account email is [[EMAIL:destiny.c.walker@gmail.com]]. Also please stop the promo emails. — [[PERSON:Destiny Walker]]`,

  `タクシーに財布を忘れました。乗車は3月16日 22時ごろ、[[LOCATION:新宿]]から[[LOCATION:中野]]まで。カードは[[CREDIT_CARD:3515 3457 3528 1678]]で支払いました。名前は[[PERSON:高橋 健一]]、電話は[[PHONE:080-2214-6637]]です。よろしくお願いします。`,

  `Belgian customer, wants the reimbursement split: half to [[IBAN:BE96 0700 8909 8542]] ([[PERSON:Lotte Peeters]]), half to her partner [[PERSON:Wout Jacobs]] at [[IBAN:NL25 INGB 9262 1269 23]]. I told her we can only pay the policyholder. Note by [[PERSON:Sanne]], 18/03.`,

  `Bonjour, suite au décès de ma mère, Mme [[PERSON:Josiane Garnier]], née le [[DATE_OF_BIRTH:05/06/1941]], je souhaite clôturer son abonnement. Le remboursement du trop-perçu peut être fait sur mon compte [[IBAN:FR89 0179 3050 9012 7567 1978 116]] ([[PERSON:Thierry Garnier]]). Adresse de correspondance : [[STREET_ADDRESS:3 impasse des Vignes, 33800 Bordeaux]].`,

  `Salve, vorrei il rimborso dell'ordine 40-9921 sul conto [[IBAN:IT35 Z813 4771 4831 9726 6610 088]], intestato a [[PERSON:Chiara Romano]]. Per qualsiasi cosa [[PHONE:+39 328 504 1176]]. Grazie`,

  `user reports "account locked" — audit trail:
2025-03-17 21:04:11 login_failed user=[[EMAIL:will.hartley@outlook.com]] ip=[[IP_ADDRESS:86.145.22.190]] reason=bad_password
2025-03-17 21:04:39 login_failed user=[[EMAIL:will.hartley@outlook.com]] ip=[[IP_ADDRESS:86.145.22.190]] reason=bad_password
2025-03-17 21:05:02 login_failed user=[[EMAIL:will.hartley@outlook.com]] ip=[[IP_ADDRESS:185.220.101.47]] reason=bad_password
2025-03-17 21:05:02 account_locked user=[[EMAIL:will.hartley@outlook.com]] policy=3_in_5min
third attempt is from a different IP (looks like a VPN exit node). [[PERSON:Will]] says only the first two were him. will force a reset + 2FA.`,

  `pls help my son [[PERSON:Gift Mensah]] cannot access his student portal, [[URL:https://portal.ug-ecampus.edu.gh/student/profile?id=10983324&email=giftmensah2006@gmail.com]] shows error 500. he is in level 200. thank you`,

  `Can you send the statement to my personal address instead of work? [[EMAIL:lwazi.ndlovu@icloud.com]]. And my new cell is [[PHONE:+27 82 417 9930]]. [[PERSON:Lwazi Ndlovu]]`,

  `Dear Madam, kindly note I have relocated from [[LOCATION:Kumasi]] to [[LOCATION:Takoradi]]. Please transfer my policy file to your [[LOCATION:Takoradi]] branch. Policy No. LIF/0099/2021. [[PERSON:Ebenezer Quaye]], [[PHONE:+233 50 118 3396]]`,

  `Ich bitte um Rückruf wegen der Rechnung 2025-00318. [[PERSON:Franziska Weber]], geb. [[DATE_OF_BIRTH:09.03.1966]], Kundennummer 448120, Tel. [[PHONE:0172 518 0394]].`,
];

const NEGATIVES: string[] = [
  // customer message with no personal data, Nigerian English
  `pls my order never reach since last week, order no 55120983, the app keep saying "out for delivery" since thursday. abeg check am and tell me wetin dey happen, if e no go come make una refund my money`,

  // Taglish, booking ref only
  `hi po ask ko lang if pwede pa i-rebook yung flight ko, booking ref K7XQ2P. may rebooking fee po ba? salamat po in advance`,

  // Hinglish, no PII
  `bhai maine 2 din pehle refund request dala tha, return ID RET-88213-IN, abhi tak status "processing" dikha raha hai. kitne din lagenge? UPI se hi chahiye refund`,

  // Manglish
  `hi can check my voucher code SAVE15MY not working lah, checkout say "invalid for this item". the item is the 65 inch TV, SKU TV-65QX-2025. promo still got until end of month right?`,

  // Portuguese-English, no PII
  `boa noite!! the app shows "pagamento recusado" but my bank says the money was taken. pedido 7781-2294. what I do now? obrigado`,

  // Spanish, no PII
  `hola, quería saber si el plan Familia Plus incluye roaming o se paga aparte. También cuánto cuesta agregar una línea adicional. gracias`,

  // agent note without PII
  `Cx called re: late delivery (order 10038845). Apologised, explained carrier backlog, offered 10% voucher (VCH-2291-XT), cx accepted. No further action. Mark as resolved after 48h if no reply. Will review carrier SLA breach in Friday's huddle.`,

  // CRM summary without PII
  `Case summary — ENT-0992
Issue: SSO login loop after certificate rotation.
Root cause: the IdP metadata still referenced the expired signing certificate (valid to 2025-03-10).
Fix: customer re-uploaded metadata; sessions issued after 14:05 UTC work.
Status: Resolved. CSAT survey sent. Linked problem record PRB-4471.`,

  // bot greeting with persona names
  `Hi, I'm Nova 👋 your virtual assistant. I can help with orders, returns and payments. If I can't solve it, I'll pass you to a human colleague — or you can chat with Kiko, our billing bot, any time. Type "menu" to see options.`,

  // order confirmation template
  `Order confirmed! 🎉
Order #: 4500-8812-9931
Items:
  1 × Wireless Earbuds Pro (SKU WEP-220-BLK) — $89.99
  2 × USB-C Cable 2m (SKU CBL-C2-WHT) — $12.50 each
Subtotal: $114.99  |  Shipping: free  |  Tax: $9.20
Estimated delivery: Mar 21–24
Questions? Write to support@gadgetgrove.com or visit https://www.gadgetgrove.com/help`,

  // tracking SMS
  `Your parcel JX3390218899 has arrived at the sorting hub and will be delivered within 2 working days. Track: https://www.jet-express.com/track. Reply STOP to opt out.`,

  // insurance policy summary, grace period, non-birth dates
  `POLICY SCHEDULE — Home Contents
Policy number: HC-2025-0071894
Period of cover: 01/04/2025 to 31/03/2026
Sum insured: EUR 45,000 | Excess: EUR 250
Premium: EUR 312.40 annually (or 12 × EUR 27.10)
A grace period of 30 days applies to unpaid instalments. Accidental damage cover is optional.
Claims line open 24/7 via the app.`,

  // release notes, versions, hashes, no IPs
  `checkout-service v3.14.2 (2025-03-18)
- fix: retry on 502 from payment gateway now capped at 3 attempts
- fix: currency rounding for JPY and KRW (no minor units)
- chore: bump openssl to 3.0.16, node to 20.18.1
- perf: p95 latency down from 412ms to 288ms
Build 7f3e2a91c, image sha256:4b1c0e9d7a2f8e6b3c5d1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d`,

  // catalog with brand names and product names that are also names/places
  `NEW IN — spring collection
• Chanel No. 5 Eau de Parfum 100 ml — €165
• Air Jordan 1 Retro High OG, "Bred" colourway — €180
• Porsche Design Chronograph 1 — €6,950
• Mercedes-Benz EQ keyring, matte black — €39
• "Madison" 3-seater sofa, velvet, rose pink — €1,299
• "Austin" floor lamp, brass — €249
• "Florence" linen bedding set, king — €189
Free returns within 30 days.`,

  // marketing copy full of word-names
  `Hope you're having a great week! Our Summer Sale is here and it's pure joy: up to 40% off sunny-day essentials. Mark your calendar — the sale ends Sunday at midnight. Don't chase the last sizes, order early. Rose-gold watches, hunter-green raincoats and dawn-to-dusk sunglasses are all in. Free gift wrapping on every order — a little blessing from us to you.`,

  // telecom tariff table
  `Prepaid bundles (valid 30 days)
| Bundle       | Data   | Minutes | SMS | Price  |
|--------------|--------|---------|-----|--------|
| Lite         | 5 GB   | 100     | 100 | 9.99   |
| Standard     | 20 GB  | 500     | 500 | 19.99  |
| Unlimited    | ∞      | ∞       | ∞   | 34.99  |
Night bundle add-on: 10 GB (00:00–06:00) for 2.99. Roaming packs sold separately.`,

  // application log without personal data
  `2025-03-18T09:22:41.118Z INFO  order.created id=ord_7Q2k amount=4599 currency=EUR items=3
2025-03-18T09:22:41.342Z WARN  payment.retry id=pay_88Kz attempt=2 backoff_ms=2000 code=gateway_timeout
2025-03-18T09:22:43.901Z INFO  payment.succeeded id=pay_88Kz latency_ms=2511
2025-03-18T09:22:44.017Z INFO  email.queued template=order_confirmation locale=pt-BR
2025-03-18T09:22:44.120Z DEBUG cache.hit key=catalog:v42:sku:WEP-220-BLK ttl=287`,

  // JSON API reference with placeholders
  `POST /v2/customers
{
  "name": "{{customer_name}}",
  "email": "{{customer_email}}",
  "phone": "{{customer_phone}}",
  "metadata": { "source": "web", "campaign": "spring25" }
}
Response 201: { "id": "cus_XXXXXXXX", "created": 1742290000 }
Errors: 409 if the e-mail already exists, 422 on invalid phone format (E.164 expected).`,

  // SQL schema only
  `CREATE TABLE customers (
  id          BIGSERIAL PRIMARY KEY,
  full_name   TEXT NOT NULL,
  email       CITEXT UNIQUE NOT NULL,
  phone       TEXT,
  dob         DATE,
  created_at  TIMESTAMPTZ DEFAULT now()
);
CREATE INDEX idx_customers_phone ON customers (phone);
-- migration 0042: add marketing_opt_in BOOLEAN DEFAULT false`,

  // YAML config with vault references
  `database:
  host: db-primary.internal
  port: 5432
  user: app_rw
  password: vault:secret/data/checkout#db_password
mailer:
  api_key: vault:secret/data/checkout#sendgrid_key
  from: no-reply@gadgetgrove.com
feature_flags:
  new_checkout: true
  grace_period_days: 7`,

  // ride-hailing fare breakdown
  `Trip receipt — Mar 16, 22:14 → 22:41
Base fare 35.00
Distance (11.8 km) 47.20
Time (27 min) 13.50
Surge ×1.3 28.70
Booking fee 5.00
Total 129.40 (paid by card ending 0457)
Rate your driver ⭐⭐⭐⭐⭐ — tips go 100% to drivers.`,

  // HR payroll policy
  `Payroll calendar 2025: salaries are paid on the 25th of each month (or the previous working day). Expense claims submitted by the 10th are reimbursed in the same cycle. Bank detail changes must be made in the HR portal at least 7 days before the pay date. Overtime is billed in 15-minute blocks; bill your hours under project code OPS-24.`,

  // legal boilerplate with "Will" as a word
  `LAST WILL AND TESTAMENT — template (do not sign)
1. I revoke all former wills and codicils.
2. I appoint my executor named in Schedule A.
3. I give the residue of my estate to the beneficiaries listed in Schedule B in equal shares.
4. Any beneficiary who does not survive me by 30 days shall be treated as having predeceased me.
Signed in the presence of two witnesses, neither of whom is a beneficiary.`,

  // clinic policy
  `Appointment policy
• Please arrive 10 minutes early for your first visit.
• Cancellations less than 24 hours before the appointment are charged 50% of the consultation fee.
• Children under 16 must be accompanied by a parent or guardian.
• Bring your insurance card and a list of current medicines.
Our reception is open Mon–Fri 08:00–18:00, Sat 09:00–13:00.`,

  // school term calendar
  `Term dates 2025/26
Autumn term: Wed 3 Sep – Fri 19 Dec (half term 27–31 Oct)
Spring term: Mon 5 Jan – Fri 27 Mar (half term 16–20 Feb)
Summer term: Tue 14 Apr – Wed 22 Jul (half term 26–29 May)
INSET days: 1–2 Sep, 5 Jan, 14 Apr. Sports day provisionally 1 July.`,

  // German dunning template with placeholders
  `Zahlungserinnerung
Sehr geehrte Damen und Herren,
zu der Rechnung Nr. 2025-00318 vom 15.02.2025 über 1.480,00 EUR konnten wir bisher keinen Zahlungseingang feststellen. Bitte überweisen Sie den Betrag bis zum 31.03.2025 unter Angabe der Rechnungsnummer.
Sollten Sie die Zahlung bereits veranlasst haben, betrachten Sie dieses Schreiben bitte als gegenstandslos.
Mit freundlichen Grüßen
Ihre Buchhaltung`,

  // auto-reply from role mailbox
  `Thank you for contacting billing@tallyhr.io. This is an automatic reply: your request #REQ-55120 has been received and we usually answer within one business day. For urgent outages check https://status.tallyhr.io. Please do not reply to this message.`,

  // blank Japanese form template
  `【記入例】お申込みフォーム
お名前：（全角でご記入ください）
生年月日：西暦でご記入ください
ご住所：郵便番号から
電話番号：ハイフンなし
※ご記入いただいた情報はお申込みの手続きにのみ使用します。`,

  // real-estate listing, no address or place
  `Ref. LST-20931 — 3-bed semi-detached, south-facing garden, off-street parking for two cars, EPC rating C, council tax band D. Asking price £425,000. Viewings Saturdays 10:00–14:00 by appointment. Chain-free.`,

  // SaaS status incident timeline
  `Incident INC-2291 — Elevated API error rates
14:02 UTC Investigating: 5xx rate at 7.4% on /v2/checkout.
14:19 UTC Identified: a faulty config push (build 8f3c2e1) to the edge proxies.
14:31 UTC Mitigated: rolled back to v3.14.1; error rate back to 0.02%.
15:10 UTC Resolved. Post-mortem to follow within 5 business days.`,

  // word-names as words, short customer message
  `will the grace period still apply if i pay on monday? i really hope so, my salary comes late this month. also pls mark my complaint about the bill as urgent, patience is running out 😅`,

  // Hindi/Indonesian mixed FAQ, no PII
  `FAQ: Pengembalian dana (refund) diproses dalam 3–5 hari kerja ke metode pembayaran awal. रिफंड 5–7 कार्यदिवस में मूल भुगतान माध्यम पर वापस आएगा। Nomor pesanan dapat dilihat di menu "Pesanan Saya". Destiny of your parcel unknown? Check the tracking page first.`,
];

export function heldout16(): LabeledDoc[] {
  return [
    ...POSITIVES.map((src, i) => parseMarkup(`h16-p${i + 1}`, 'heldout16', src)),
    ...NEGATIVES.map((src, i) => parseMarkup(`h16-n${i + 1}`, 'heldout16-negative', src, true)),
  ];
}
