/**
 * Held-out set 15: 120 hand-labeled texts plus 31 hard negatives, written blind (without looking at the
 * detector, at its tests or at the other evaluation sets; only markup.ts and heldout14.ts's header comment, import
 * line and export were read to copy the file's shape). Its emphasis is on what LLM support and productivity apps
 * actually send to a model: multi-turn chat transcripts pasted as JSON arrays of {role, content} and as plain
 * "Agent:/Customer:" logs, customer records in system prompts and RAG context chunks (CRM, KYC and policy notes,
 * ticket histories), tool-call results (JSON from order, account, booking, policy and library lookups), voice-call
 * transcripts in ASR style (lower case, no punctuation, numbers partly spelled in words, names spelled letter by
 * letter), e-mails with signatures, disclaimers and quoted or forwarded replies, spreadsheets / CSV / TSV / markdown
 * tables, log lines and stack traces carrying user e-mails, IPs, card numbers and leaked keys, and short SMS /
 * WhatsApp / LINE / Kakao style messages (informal, typos, lowercase names, emoji). Domains: utilities (energy and
 * water bills, meter readings), car rental and repair shops, pharmacies (no diagnoses), airlines and hotels, gyms,
 * veterinary clinics, event ticketing, food delivery, online courses, public libraries, pensions and insurance,
 * immigration and visa paperwork, wedding and event planning. English from the US, UK, Canada, South Africa, Kenya,
 * the Philippines (with Taglish), Pakistan (with Roman Urdu), India (Hinglish) and New Zealand, plus DE, FR (FR and
 * CA), ES (ES, CO, CL), PT (PT and BR), IT, NL, DA, NO, FI, CS, EL, UK, TR, AR, FA, UR, HI, BN, TH, MS, JA, ZH, KO, SW.
 * Names of many cultures, including given names that are also ordinary words (Rose, Jade, Penny, Frank, Bill, Mark,
 * Sandy, Cliff, Rusty, Honey, Amber, Ray, Dean, Lane, Brook), while the same words also appear as ordinary words,
 * street names, pet names, product names and company names elsewhere; double-barrelled and particle surnames (van
 * der, de la, dela, bin/binti, al-, O', Mc, von); names written in lower case in informal text and voice transcripts;
 * e-mail local parts that spell the owner's name. The hard negatives are texts of the same genres with no personal
 * data at all (and, since LOCATION is a labeled type, no place names either): bot-only FAQ chats, order and flight
 * status tool results with no customer fields, tariff and price tables, meter-number-only reading sheets, catalogs,
 * policies, syllabi, release logs and stack traces without user data, notices in several languages, bot persona
 * names ("Penny", "Sandy", "Biscuit") and copy full of word-names and brands named after people.
 * Conventions (as in heldout14): titles (Mr, Mrs, Ms., Dr, Frau, sig.ra, Uncle, Aunt, khanum, nangsao ...),
 * honorific suffixes and particles (様, くん, 先生, -야, -이) and "'s" are outside PERSON spans; a full name is one PERSON
 * span, a first name or surname alone is a PERSON span (also a name spelled out letter by letter in a voice
 * transcript, and the cardholder name on a card); pet names are not persons; a word used only as a spelling aid ("jo
 * as in joseph", "k as in kilo") is not labeled; phone extensions are outside PHONE; a phone number or e-mail
 * address dictated in words in a transcript is still one PHONE / EMAIL span; a street address span runs from the
 * house number / flat (or the street name where it comes first, or the postcode / city where the national format
 * starts with it) to the postcode and city (and state / province / region) written right after it; city / region /
 * country / neighbourhood names outside an address span are LOCATION; a URL carrying personal values or credentials
 * (also a database URL with a password) is one URL span, with nothing labeled inside it; for `password: value` /
 * `PASSWORD=value` only the value is SECRET; API keys and tokens are SECRET (the value only, not the variable name);
 * a full private-key block is one SECRET span; a JWT is one SECRET span; DATE_OF_BIRTH only where the context says
 * it is a birth date (a dob / birth-date column or field counts); partial numbers ("card ending 6140", "the one
 * ending 778", last four digits) are not labeled; identifiers without a type here (passport, national ID, tax,
 * library-card, member, booking, order, meter and plate numbers) are not labeled; organizations (also when named
 * after people or places), venue and brand names, role mailboxes, the support bots' persona names and plain public
 * URLs are not labeled. Cards are Luhn-valid, IBANs mod-97-valid with the right country length, SSNs valid by SSA
 * rules, all IPs public (no private, loopback, CGNAT or documentation addresses anywhere).
 */
import { parseMarkup, type LabeledDoc } from './markup.js';

const POSITIVES: readonly string[] = [
  // UK energy supplier: chat transcript pasted as a JSON array; "Brook" as a street name, "Sandy" as a name
  `[
  {"role": "system", "content": "You are Volt, the virtual assistant for Greenfield Energy. Be concise. Never promise refunds."},
  {"role": "user", "content": "hi, I want to submit a meter reading and also my direct debit went up again?? it's [[PERSON:Sandy Okonedo]], account GE-7781-2204"},
  {"role": "assistant", "content": "Thanks [[PERSON:Sandy]]. To confirm your identity, can you give me the first line of your supply address and the postcode?"},
  {"role": "user", "content": "[[STREET_ADDRESS:41 Brook Lane, Sheffield S10 3GH]]. electric reading is 48213, gas 09127. and can you email the new bill to [[EMAIL:sandy.okonedo@outlook.com]] instead of the old one"},
  {"role": "assistant", "content": "Got it. Electricity 48213 and gas 09127 are submitted. Your monthly payment changed from £118 to £142 because your estimated annual usage went up after the winter readings. Future bills will go to [[EMAIL:sandy.okonedo@outlook.com]]."},
  {"role": "user", "content": "ok fine. my mobile changed too, it's now [[PHONE:07412 558 930]]. thx"}
]`,

  // US car rental: plain chat log with a human agent; customer pastes a full card number; "amber" as a word
  `Chat transcript — RoadRunner Car Rental — session 8842-c
[14:02] Agent ([[PERSON:Mark]]): Hi, this is [[PERSON:Mark]] with RoadRunner reservations. How can I help?
[14:02] Customer: hey i need to extend my rental, confirmation RR-55K-0921. name is [[PERSON:Lane Whitaker]]
[14:03] Agent ([[PERSON:Mark]]): Thanks, Ms. [[PERSON:Whitaker]]. I see a Ford Escape picked up at our [[LOCATION:Denver]] airport branch on 3/14, due back 3/18. How many extra days?
[14:03] Customer: 3 more days. the card on file expired so use this one [[CREDIT_CARD:4916 5301 1868 6295]] exp 09/27
[14:04] Agent ([[PERSON:Mark]]): Please don't share full card numbers in chat — I'll send a secure payment link to the email on file instead. Is [[EMAIL:lane.whitaker@icloud.com]] still correct?
[14:04] Customer: yes. also the check engine light is amber, is that a problem?
[14:05] Agent ([[PERSON:Mark]]): An amber light usually isn't urgent, but pull over if it starts flashing. Your new return date is 3/21 by 11:00 AM, and the daily rate stays at $54.99.`,

  // Québec pharmacy: API request body with the customer record in the system prompt (French, Canada)
  `{"model": "gpt-4o-mini", "temperature": 0.2, "messages": [
 {"role": "system", "content": "Tu es l'assistant virtuel de la Pharmacie Beaulieu-Gagnon. Dossier client (ne pas divulguer à des tiers) : Nom : [[PERSON:Geneviève Lachance-Tremblay]] | Date de naissance : [[DATE_OF_BIRTH:1957-11-02]] | Tél. : [[PHONE:514 826-4419]] | Adresse : [[STREET_ADDRESS:4521, rue Saint-Denis, app. 3, Montréal (Québec) H2J 2L3]] | Assureur : Desjardins Assurances | Renouvellements restants : 2"},
 {"role": "user", "content": "Bonjour, c'est pour renouveler mes médicaments du mois. Mon fils [[PERSON:Olivier]] va passer les chercher demain après-midi, c'est correct?"},
 {"role": "assistant", "content": "Bonjour Mme [[PERSON:Lachance-Tremblay]]! Oui, votre fils peut récupérer vos médicaments s'il présente une pièce d'identité. Le renouvellement sera prêt demain dès 13 h."}
]}`,

  // South African vet clinic: WhatsApp export; Rusty is the dog, honey is food, Honey is the owner
  `[2025/03/08, 07:41] [[PERSON:Honey Mokoena]]: Morning!! Rusty threw up twice last night 😟 and now he won't touch his food. Can Dr [[PERSON:van Wyk]] see him today?
[2025/03/08, 07:43] Paws & Claws Vet Clinic: Good morning [[PERSON:Honey]], sorry to hear that. Dr [[PERSON:van Wyk]] has a gap at 10:15. Please bring Rusty's vaccination card.
[2025/03/08, 07:44] [[PERSON:Honey Mokoena]]: perfect thank u 🙏 btw we moved, new address for the file is [[STREET_ADDRESS:12 Jacaranda Street, Menlo Park, Pretoria, 0081]]
[2025/03/08, 07:44] [[PERSON:Honey Mokoena]]: and my husband [[PERSON:Sipho]]'s number in case I'm stuck in traffic: [[PHONE:082 614 3307]]
[2025/03/08, 07:52] Paws & Claws Vet Clinic: Updated ✅ See you and Rusty at 10:15. Please don't give him any food before the visit — not even a spoon of honey in water.`,

  // Kenyan airline: chat log, name correction; PNR-style name counts as a name
  `Agent: Jambo! You're chatting with [[PERSON:Wanjiru]] from Safari Skies. How may I help?
Customer: Hi [[PERSON:Wanjiru]]. I booked a [[LOCATION:Nairobi]]–[[LOCATION:Mombasa]] flight for my mum but I put her name wrong. Booking ref Q7XKP2
Agent: No problem. What is the name on the booking and the correct name as on her ID?
Customer: Booking says [[PERSON:Grace Atieno Omondi]], her ID says [[PERSON:Grace Akinyi Omondi]]. [[PERSON:Atieno]] is my sister lol
Agent: Thank you. A name correction is free within 24 hours of booking. Please share a phone number and email for the passenger.
Customer: [[PHONE:+254 722 418 905]] and [[EMAIL:grace.omondi58@gmail.com]]. She flies on flight 614 on 22 March
Agent: Done ✅ The ticket now reads [[PERSON:OMONDI/GRACE AKINYI]] MRS. A confirmation will go to [[EMAIL:grace.omondi58@gmail.com]]. Anything else?
Customer: no that's all, asante!`,

  // Philippine hotel: Taglish chat as a JSON array
  `[
  {"role":"user","content":"hello po, ask ko lang if pwede early check-in sa Friday? reservation under [[PERSON:Maria Lourdes dela Cruz]], conf no. BH-240311-77"},
  {"role":"assistant","content":"Hi Ma'am! Early check-in at 10 AM is subject to availability, with a fee of PHP 1,500. May I have your mobile number so the front desk can text you once your room is ready?"},
  {"role":"user","content":"[[PHONE:0917 845 2231]] po. pa-send na rin sa email ko yung receipt, [[EMAIL:lourdes.delacruz@yahoo.com]]. kasama ko si [[PERSON:Jun-Jun]] at yung lola ko, bday niya sa Sabado so sana may cake 🎂"},
  {"role":"assistant","content":"Noted po! We'll arrange a complimentary cake for your lola's birthday. See you on Friday at our [[LOCATION:Boracay]] resort."}
]`,

  // New Zealand gym: live chat export; "cliff" as a word
  `--- Live chat export | FitHub Gyms | 2025-02-19 ---
Customer: kia ora, i want to freeze my membership for 2 months, going overseas
Agent: Kia ora! Happy to help. Can I get your full name and member number?
Customer: [[PERSON:Brook Tane-Whakarau]], member 00418827
Agent: Thanks [[PERSON:Brook]]. I can see your membership at our [[LOCATION:Ponsonby]] club. A freeze costs $5 a week. Which dates?
Customer: 1 march to 30 april. also pls update my address, moved to [[STREET_ADDRESS:Flat 3, 27 Richmond Road, Grey Lynn, Auckland 1021]]
Agent: Updated. Anything else?
Customer: yeah my number is [[PHONE:021 448 7193]] now not the 027 one
Agent: All sorted, [[PERSON:Brook]]. Your freeze confirmation has been emailed. Enjoy the trip — and the cliff walks if you're heading down the coast!`,

  // Pakistani food delivery: rider chat in Roman Urdu
  `Rider ([[PERSON:Bilal]]): Assalam o alaikum, main aap ke order ke sath gate pe hoon, ghanti baja raha hoon
Customer: wslm bhai, main 2nd floor pe hoon. [[STREET_ADDRESS:House 45, Street 12, F-7/2, Islamabad 44000]] hi hai na?
Rider ([[PERSON:Bilal]]): ji haan. cash on delivery Rs. 2,340
Customer: mere paas khula nahi, meri behen [[PERSON:Ayesha]] neeche aa rahi hai. agar late ho to is number pe call karo [[PHONE:0300 4567821]]
Rider ([[PERSON:Bilal]]): theek hai 👍`,

  // Colombian online course: support conversation JSON (Spanish)
  `{"conversation_id":"c_91f2","channel":"web","messages":[
{"role":"user","content":"Buenas tardes, pagué el curso de Excel avanzado pero no me llega el acceso. Me llamo [[PERSON:Juan Camilo Restrepo Ossa]], mi correo es [[EMAIL:jcrestrepo.ossa@hotmail.com]]"},
{"role":"assistant","content":"¡Hola [[PERSON:Juan Camilo]]! Lamento el inconveniente. ¿Podría indicarme el número de la transacción o el celular con el que se registró?"},
{"role":"user","content":"el celular es [[PHONE:+57 311 428 7765]], la transacción PSE es 2025031144871. Estoy en [[LOCATION:Medellín]] por si importa la zona horaria"},
{"role":"assistant","content":"Gracias. Ya reenvié el acceso a [[EMAIL:jcrestrepo.ossa@hotmail.com]]. Si no lo ve, revise la carpeta de spam o promociones."}
]}`,

  // German event ticketing: refund chat with an IBAN
  `Kunde: Guten Tag, das Konzert am 14.06. in [[LOCATION:Leipzig]] wurde abgesagt. Ich hätte gern das Geld zurück, aber nicht auf die Kreditkarte, die ist gesperrt.
Agent: Das tut uns leid! Für eine Erstattung per Überweisung benötigen wir Kontoinhaber und IBAN.
Kunde: Kontoinhaberin: [[PERSON:Friederike Möller-Haas]], IBAN [[IBAN:DE66 3704 0044 7945 4306 68]]. Bestellnummer TK-2025-118734. Bitte Bestätigung an [[EMAIL:f.moeller-haas@gmx.de]]
Agent: Vielen Dank, Frau [[PERSON:Möller-Haas]]. Die Erstattung über 2 × 89,90 € wird innerhalb von 10 Werktagen angewiesen. Die Gebühr für die Kartenbestellung (2,50 €) erstatten wir ebenfalls.`,

  // US water utility: system prompt with the customer record (full SSN in the record), then the user turn
  `SYSTEM: You are Nova, the billing assistant for Brightwater Utilities. Use only the record below. Never read out the SSN or bank details.

### CUSTOMER RECORD (retrieved 2025-03-10 09:12 MT)
Name: [[PERSON:Raymond Castellano]] (goes by [[PERSON:Ray]])
Service address: [[STREET_ADDRESS:1187 Alder Creek Dr, Boise, ID 83706]]
Phone: [[PHONE:(208) 473-9182]] (cell), [[PHONE:(208) 362-0417]] (home)
Email: [[EMAIL:ray.castellano@outlook.com]]
SSN: [[US_SSN:523-41-7788]]
Account: BW-0044718 | Meter: W-88120457 | Last read 3/03: 118,420 gal
Balance: $184.22 (due 3/25) | Autopay: OFF
Notes: 2/27 customer disputed January spike; tech found a leaking toilet flapper. One-time leak adjustment approved by supervisor [[PERSON:Dana Whitfield]].

USER: hey it's [[PERSON:ray]], why is my bill still so high`,

  // UK pension provider: KYC note as a RAG context chunk; "Cliff" as a nickname and in a street name
  `<context source="crm/kyc_notes" chunk="3/7" score="0.82">
KYC review – Meridian Pensions – case KYC-2025-0331
Member: Mr [[PERSON:Clifford Ashworth-Boateng]] (known as [[PERSON:Cliff]])
Date of birth: [[DATE_OF_BIRTH:03/07/1961]] (verified against passport)
Address: [[STREET_ADDRESS:7 Cliff Terrace, Whitby YO21 3HD]] – confirmed by council tax bill dated 12/01/2025
Contact: [[PHONE:+44 7732 118 406]] / [[EMAIL:cliff.ashworth@btinternet.com]]
Nominated account for drawdown: [[IBAN:GB22 NWBK 6016 1354 0247 09]]
Notes: Member intends to take the 25% tax-free lump sum in May. Spoke to his daughter [[PERSON:Imogen]], who holds a registered LPA (ref 7102-3394). Risk rating: low. PEP/sanctions screening clear.
</context>`,

  // South African funeral insurer: CRM notes with agent initials
  `Policyholder notes — Ubuntu Life & Funeral ([[LOCATION:Durban]] branch) — policy UL-0088213
2025-01-14 | agent: [[PERSON:T. Naidoo]] | Called Mrs [[PERSON:Nomvula Dlamini-Khumalo]] re lapsed premium. She says the debit order bounced because she changed banks. New cell [[PHONE:+27 73 490 2216]].
2025-01-20 | agent: [[PERSON:R. Pillay]] | Client emailed from [[EMAIL:nomvula.dk@webmail.co.za]] asking to add her grandson [[PERSON:Lwazi Khumalo]] (born [[DATE_OF_BIRTH:2011-08-09]]) as a beneficiary. Form B7 sent.
2025-02-03 | agent: [[PERSON:T. Naidoo]] | Reinstatement approved. Premium R412/month from March. Client lives at [[STREET_ADDRESS:48 Bluff Road, Brighton Beach, Durban, 4052]].`,

  // Canadian public library: ticket history; "penny" as a word and in a book title
  `Ticket #LIB-20931 — Riverside Public Library — status: Pending patron
---
[Feb 02 10:14] Patron [[PERSON:Penny Arsenault]] ([[EMAIL:penny.arsenault@rogers.com]]) wrote: I returned "The Penny Pincher's Guide" and two DVDs on Jan 28 through the outside drop box, but my account still shows them overdue. I'm not paying a penny of those fines.
[Feb 02 11:30] Staff ([[PERSON:Jamal]]): Hi [[PERSON:Penny]], thanks for letting us know. I'm checking the shelves and the sorting room.
[Feb 03 09:02] Staff ([[PERSON:Jamal]]): Found both DVDs misfiled. The book is still missing. Could you confirm your library card number and a phone number?
[Feb 03 17:45] Patron: Card 29012004187736. Phone [[PHONE:(613) 729-4481]], evenings are best. I live at [[STREET_ADDRESS:88 Dean Street, Ottawa, ON K1Y 2T4]] if you need to mail anything.
[Feb 04 08:20] Staff ([[PERSON:Jamal]]): Thank you, Ms. [[PERSON:Arsenault]]. The book turned up in the drop box bin. All fines ($6.75) waived.`,

  // Indian visa agency: internal KYC note (Hindi)
  `वीज़ा आवेदन नोट (आंतरिक) — केस VA-2025-1187
आवेदक: [[PERSON:अंजलि शर्मा]]
जन्म तिथि: [[DATE_OF_BIRTH:14/03/1992]]
पासपोर्ट संख्या: T4417283 (समाप्ति 2031)
मोबाइल: [[PHONE:+91 98201 44573]]
ईमेल: [[EMAIL:anjali.sharma92@gmail.com]]
पता: [[STREET_ADDRESS:फ्लैट 302, सनराइज़ अपार्टमेंट, अंधेरी पूर्व, मुंबई 400069]]
टिप्पणी: आवेदक [[LOCATION:टोरंटो]] में मास्टर्स के लिए जा रही हैं। पिता श्री [[PERSON:राजेश शर्मा]] प्रायोजक हैं; बैंक स्टेटमेंट जमा किए गए। बायोमेट्रिक अपॉइंटमेंट 18 अप्रैल को [[LOCATION:मुंबई]] केंद्र में।`,

  // Italian wedding planner: RAG chunk from the CRM; "rose" as flowers and in a venue name
  `[doc: crm_matrimoni_2025.md | chunk 12 | sim 0.79]
Coppia: [[PERSON:Giulia Esposito]] & [[PERSON:Marco De Santis]] — matrimonio 20/09/2025, Villa Le Rose ([[LOCATION:Fiesole]])
Referente: [[PERSON:Giulia]], cell. [[PHONE:347 218 6604]], [[EMAIL:giulia.esposito.90@libero.it]]
Budget: 38.000 € — acconto del 30% ricevuto il 12/02
IBAN sposi per eventuali rimborsi: [[IBAN:IT08 X054 2811 1015 9328 3840 579]] (intestato a [[PERSON:Marco De Santis]])
Note: la mamma della sposa, sig.ra [[PERSON:Rosa Esposito]], vuole le rose bianche sui tavoli; il fotografo è [[PERSON:Davide Lanza]] (esterno). Ospiti ~120, di cui 15 da [[LOCATION:Napoli]].`,

  // Gulf airline: system prompt with the passenger record (Arabic); the bot persona is not a person
  `أنت "سما"، المساعد الافتراضي لطيران الواحة. أجب بإيجاز ولا تكشف بيانات الدفع.
بيانات المسافر:
الاسم: [[PERSON:خالد بن سعيد الحارثي]]
الجوال: [[PHONE:+971 50 318 4427]]
البريد: [[EMAIL:khalid.alharthi@hotmail.com]]
رقم الحجز: WX7TQ2 — الرحلة OA 217 من [[LOCATION:دبي]] إلى [[LOCATION:مسقط]] بتاريخ 2025/04/02
حساب الاسترداد (IBAN): [[IBAN:AE03 0337 8816 7256 6566 051]]
ملاحظة: طلب المسافر تغيير المقعد إلى الممر، ويسافر معه ابنه [[PERSON:سعيد]].`,

  // Danish car repair shop: customer notes; "rustne" (rusty) as a word
  `Kundenoter – Autoværkstedet Bremse & Dæk ApS
Kunde: [[PERSON:Mads Kjærgaard Sørensen]]
Tlf.: [[PHONE:28 14 93 07]]
Adresse: [[STREET_ADDRESS:Nørrebrogade 118, 2. th., 2200 København N]]
Bil: VW Golf 2017, reg.nr. CX 41 882
14/02: Kunden klager over rustne bremseskiver. Skiftet for og bag, faktura 2025-0412, 4.860 kr.
21/02: [[PERSON:Mads]] ringede – bilen trækker stadig til venstre. Ny tid mandag kl. 8. Hans kone [[PERSON:Frida]] henter bilen.`,

  // Dutch energy supplier: RAG fragment from a customer file
  `Bron: klantdossier (energie) — fragment 2/4
Klant: [[PERSON:Jan-Willem van der Meulen]], klantnr. 31884207
Leveringsadres: [[STREET_ADDRESS:Oudegracht 231 bis, 3511 NK Utrecht]]
IBAN (automatische incasso): [[IBAN:NL73 RABO 9811 3848 11]]
Meterstanden 01-03-2025: normaal 18.442 kWh, dal 12.903 kWh, gas 4.118 m³
Contact: [[PHONE:06-48213977]] / [[EMAIL:jw.vandermeulen@ziggo.nl]]
Notitie: klant verhuist per 1 mei naar [[LOCATION:Amersfoort]]; eindafrekening naar het nieuwe adres sturen zodra bekend.`,

  // Japanese ryokan: guest memo in the CRM
  `【顧客メモ】旅館 花みずき
氏名：[[PERSON:山本 さくら]] 様（[[PERSON:ヤマモト サクラ]]）
電話：[[PHONE:090-4821-7735]]
メール：[[EMAIL:sakura.yamamoto@docomo.ne.jp]]
住所：[[STREET_ADDRESS:〒604-8005 京都府京都市中京区恵比須町534-12]]
宿泊：2025年4月5日〜7日、2名（ご主人 [[PERSON:山本 健太]] 様）
備考：結婚記念日のため、夕食時にケーキを用意。生年月日：[[DATE_OF_BIRTH:1989年11月23日]]（会員登録情報より）。`,

  // Brazilian insurer: system prompt with a policy record and a RAG chunk (PT-BR)
  `### Instruções
Você é a Lia, assistente da Seguradora Horizonte. Responda só sobre a apólice abaixo.

### Contexto recuperado (apolices/auto, trecho 1/2)
Segurado: [[PERSON:Rafael Mendonça Tavares]]
CPF: 418.227.903-51
Nascimento: [[DATE_OF_BIRTH:09/12/1986]]
Celular: [[PHONE:(21) 99184-3307]]
E-mail: [[EMAIL:rafael.tavares86@gmail.com]]
Endereço: [[STREET_ADDRESS:Rua Barata Ribeiro, 370, apto 805, Copacabana, Rio de Janeiro - RJ, 22040-002]]
Veículo: Honda HR-V 2022, placa RJX4D21 — franquia R$ 4.850,00
Condutor adicional: [[PERSON:Camila Tavares]] (esposa)

### Pergunta do cliente
oi, bati o carro no estacionamento do shopping, o seguro cobre?`,

  // Chilean vet clinic: ticket history chunk (Spanish); the pets are not persons
  `[contexto: historial_tickets.json → ticket VET-3321]
2025-02-11 09:14 — Cliente [[PERSON:Francisca Ortúzar]] escribe: "Hola, el Cachupín (mi perro) sigue rascándose después del baño medicado. ¿Puedo adelantar el control?"
2025-02-11 10:02 — Recepción ([[PERSON:Javiera]]): "Hola [[PERSON:Francisca]], tenemos hora el jueves 13 a las 17:30 con el Dr. [[PERSON:Ignacio Valdés]]."
2025-02-11 10:05 — Cliente: "Perfecto. Les dejo mi nuevo celular [[PHONE:+56 9 7845 2219]] y la dirección para la boleta: [[STREET_ADDRESS:Avenida Italia 1420, depto 32, Ñuñoa, Santiago]]."
2025-02-13 18:10 — Dr. [[PERSON:Valdés]]: control realizado, se indica champú cada 3 días por 2 semanas. Pelusa (gata) también vacunada.`,

  // Brazilian food delivery: tool call and JSON result (PT-BR)
  `tool_call: get_order({"order_id": "FB-BR-90211"})
tool_result:
{
  "order_id": "FB-BR-90211",
  "status": "ENTREGADOR_A_CAMINHO",
  "cliente": {
    "nome": "[[PERSON:Thiago Albuquerque de Souza]]",
    "telefone": "[[PHONE:(11) 98476-2231]]",
    "email": "[[EMAIL:thiago.asouza@uol.com.br]]"
  },
  "endereco_entrega": "[[STREET_ADDRESS:Rua Augusta, 1508, apto 42, Consolação, São Paulo - SP, 01304-001]]",
  "itens": [{"sku": "PZ-CAL-G", "nome": "Pizza calabresa grande", "qtd": 1, "preco": 62.90}, {"sku": "REF-GUA-2L", "nome": "Guaraná 2L", "qtd": 1, "preco": 12.00}],
  "pagamento": {"metodo": "cartao", "bandeira": "mastercard", "final": "7595"},
  "entregador": {"nome": "[[PERSON:Everton]]", "veiculo": "moto"},
  "observacao": "interfone quebrado, ligar quando chegar"
}`,

  // US gym: member lookup tool result on one line
  `{"tool":"lookup_member","result":{"member_id":"IRN-0049321","name":"[[PERSON:Rusty Delacroix]]","email":"[[EMAIL:rdelacroix77@gmail.com]]","date_of_birth":"[[DATE_OF_BIRTH:1977-05-30]]","plan":"Iron Elite Monthly","status":"past_due","home_club":"[[LOCATION:Baton Rouge]] #2","last_checkin":"2025-03-09T06:12:44-05:00","last_login_ip":"[[IP_ADDRESS:174.227.18.95]]","payment":{"brand":"visa","last4":"3913","exp":"08/26"},"emergency_contact":{"name":"[[PERSON:Jolene Delacroix]]","phone":"[[PHONE:+1 225-614-0938]]"}}}`,

  // Spanish car rental: booking lookup that leaked a full card number in a debug field
  `>>> get_booking(ref="ALQ-MAD-558120")
{
  "ref": "ALQ-MAD-558120",
  "oficina_recogida": "Aeropuerto T4",
  "ciudad": "[[LOCATION:Madrid]]",
  "conductor_principal": {"nombre": "[[PERSON:Inmaculada Ruiz de la Fuente]]", "email": "[[EMAIL:inma.ruizdelafuente@telefonica.net]]", "movil": "[[PHONE:612 48 93 07]]", "fecha_nacimiento": "[[DATE_OF_BIRTH:21/06/1983]]"},
  "conductor_adicional": {"nombre": "[[PERSON:Borja Ruiz]]"},
  "vehiculo": "Seat León o similar (grupo C)",
  "recogida": "2025-04-17 09:00", "devolucion": "2025-04-21 20:00",
  "pago": {"tipo": "tarjeta", "pan_debug": "[[CREDIT_CARD:5189981324675837]]", "titular": "[[PERSON:I RUIZ DE LA FUENTE]]"},
  "franquicia": 900.00, "total": 214.36
}`,

  // Thai hotel: reservation lookup result; the title nangsao stays outside the name
  `ผลการค้นหาการจอง (get_reservation)
{"booking_no":"HTL-TH-33019","guest_name":"นางสาว[[PERSON:พิมพ์ชนก ศรีสุวรรณ]]","guest_name_en":"Ms [[PERSON:Pimchanok Srisuwan]]","phone":"[[PHONE:081 947 2260]]","email":"[[EMAIL:pimchanok.s@hotmail.co.th]]","check_in":"2025-04-12","check_out":"2025-04-15","room":"Deluxe Sea View","city":"[[LOCATION:ภูเก็ต]]","special_request":"ขอห้องชั้นสูง ฉลองวันเกิดคุณแม่"}`,

  // US pharmacy: refill status function result
  `FUNCTION RESULT rx_refill_status
patient: [[PERSON:Dean Halvorsen]]
dob: [[DATE_OF_BIRTH:07/19/1949]]
phone_on_file: [[PHONE:(612) 884-3027]]
address: [[STREET_ADDRESS:4410 Cedar Lake Rd S, Apt 208, Minneapolis, MN 55416]]
rx: 7781204-03 | qty 90 | refills_remaining 2 | status READY_FOR_PICKUP | store #1187
prescriber: Dr. [[PERSON:Anika Rahman]]
insurance: commercial, copay $10.00
pickup_authorized: [[PERSON:Sandra Halvorsen]] (spouse)`,

  // UK event ticketing: attendee list tool result
  `tool: list_attendees(event_id="EVT-2207", ticket_type="VIP")
[
  {"ticket":"VIP-0001","name":"[[PERSON:Amber Oyelaran]]","email":"[[EMAIL:amber.oyelaran@gmail.com]]","checked_in":false},
  {"ticket":"VIP-0002","name":"[[PERSON:Callum McTavish]]","email":"[[EMAIL:c.mctavish@hotmail.co.uk]]","checked_in":true},
  {"ticket":"VIP-0003","name":"[[PERSON:Siobhan O'Driscoll]]","email":"[[EMAIL:siobhanodriscoll@icloud.com]]","checked_in":false},
  {"ticket":"VIP-0004","name":"[[PERSON:Jade Liu]]","email":"[[EMAIL:jade.liu.design@gmail.com]]","checked_in":false,"note":"wheelchair space row A"}
]
venue: Academy Hall, [[LOCATION:Leeds]] | doors 19:00 | VIP entry via the amber lane`,

  // Norwegian home insurance: policy lookup
  `Verktøysvar: hent_polise(polisenr="NO-HUS-7721934")
Forsikringstaker: [[PERSON:Ingrid Haugland Bakke]]
Fødselsdato: [[DATE_OF_BIRTH:12.09.1975]]
Adresse: [[STREET_ADDRESS:Thereses gate 14B, 0452 Oslo]]
Mobil: [[PHONE:924 18 355]]
E-post: [[EMAIL:ingrid.bakke@online.no]]
Utbetalingskonto: [[IBAN:NO64 8601 4038 266]]
Dekning: Hus og innbo, egenandel 8 000 kr. Skademelding 2025-01: vannskade bad, utbetalt 46 300 kr.`,

  // Finnish library: patron lookup JSON
  `kirjasto.haeLainaaja("A-2241907") →
{
  "nimi": "[[PERSON:Aino-Maria Lehtonen]]",
  "sähköposti": "[[EMAIL:ainomaria.lehtonen@gmail.com]]",
  "puhelin": "[[PHONE:040 718 2294]]",
  "osoite": "[[STREET_ADDRESS:Hämeenkatu 21 B 14, 33200 Tampere]]",
  "lainat": [
    {"nide": "30042118", "nimeke": "Tuntematon sotilas", "eräpäivä": "2025-03-18"},
    {"nide": "30051907", "nimeke": "Muumipappa ja meri", "eräpäivä": "2025-03-04", "myöhässä": true}
  ],
  "maksut": 1.20
}`,

  // Turkish visa agency: application status tool result
  `vize_basvuru_durumu → {"basvuru_no":"TR-SCH-2025-004412","ad_soyad":"[[PERSON:Elif Nur Karaca]]","dogum_tarihi":"[[DATE_OF_BIRTH:05.11.1994]]","pasaport":"U18274451","telefon":"[[PHONE:0532 418 77 06]]","e_posta":"[[EMAIL:elifnur.karaca@gmail.com]]","hedef_ulke":"[[LOCATION:Almanya]]","durum":"Konsoloslukta inceleniyor","ucret_iadesi_iban":"[[IBAN:TR70 0006 1060 0996 0755 5398 79]]"}`,

  // Czech car repair shop: invoice detail tool result
  `Výsledek nástroje: faktura_detail(cislo="2025-00318")
Zákazník: [[PERSON:Tomáš Dvořák]]
Telefon: [[PHONE:+420 603 418 229]]
Adresa: [[STREET_ADDRESS:Vinohradská 1842/48, 120 00 Praha 2]]
Vozidlo: Škoda Octavia III, SPZ 2AK 4471
Práce: výměna rozvodů 11 400 Kč; olej 5W-30 1 890 Kč
Platba převodem z účtu [[IBAN:CZ51 0800 7230 6774 8725 8233]]
Poznámka: vůz vyzvedne manželka [[PERSON:Jana Dvořáková]].`,

  // Korean online course: enrollments tool result as a markdown table
  `[tool_result: enrollments.search(course="파이썬 기초 3기")]
| 수강생 | 이메일 | 연락처 | 진도율 |
|---|---|---|---|
| [[PERSON:김지현]] | [[EMAIL:jihyun.kim@naver.com]] | [[PHONE:010-4827-3361]] | 82% |
| [[PERSON:박서준]] | [[EMAIL:seojun_park@daum.net]] | [[PHONE:010-9136-2270]] | 45% |
| [[PERSON:이하늘]] | [[EMAIL:haneul.lee@gmail.com]] | [[PHONE:010-5518-0943]] | 100% |
총 3명 / 수료 기준 80%`,

  // Greek vet clinic: appointment lookup; the dog is not a person
  `get_appointment(id=4471) →
Ιδιοκτήτης: [[PERSON:Κατερίνα Παπαδοπούλου]]
Κατοικίδιο: Μπόμπος (σκύλος, λαμπραντόρ, 6 ετών)
Τηλέφωνο: [[PHONE:694 512 8830]]
Διεύθυνση: [[STREET_ADDRESS:Λεωφόρος Κηφισίας 214, 154 51 Νέο Ψυχικό]]
Email: [[EMAIL:k.papadopoulou@yahoo.gr]]
Ραντεβού: Πέμπτη 13/03, 18:30 — εμβόλιο, Δρ. [[PERSON:Νίκος Αλεξίου]]`,

  // Dutch public library: reservation tool result with a pickup notification URL carrying the e-mail
  `functie: reserveringen_ophalen(pas="21017004418822")
resultaat:
- titel: "De Avond is Ongemak" — status: klaar om op te halen (tot 22-03-2025)
- titel: "Het Smelt" — status: in bestelling
lener: [[PERSON:Sanne Bakker-Visser]] | [[EMAIL:sanne.bakkervisser@kpnmail.nl]] | [[PHONE:+31 6 2418 7730]]
notificatie verstuurd: [[URL:https://bibliotheek-portal.nl/notify/open?mail=sanne.bakkervisser%40kpnmail.nl&pas=21017004418822]]
vestiging: centrale bibliotheek [[LOCATION:Haarlem]]`,

  // Pakistani pension fund: account lookup JSON
  `{"function":"get_pension_account","output":{"account_no":"VPS-00418821","holder":"[[PERSON:Syed Muhammad Ali Rizvi]]","cnic":"42201-4418273-1","dob":"[[DATE_OF_BIRTH:1969-01-15]]","mobile":"[[PHONE:+92 321 2287 415]]","email":"[[EMAIL:ali.rizvi69@yahoo.com]]","address":"[[STREET_ADDRESS:House C-44, Block 5, Gulshan-e-Iqbal, Karachi 75300]]","iban":"[[IBAN:PK03 SCBL 4005 4964 9384 7146]]","fund":"Equity Sub-Fund 60% / Debt 40%","nominee":{"name":"[[PERSON:Zainab Rizvi]]","relation":"wife"}}}`,

  // UK energy supplier: ASR call transcript, name spelled out, numbers in words
  `[call 00:00:03] agent: thanks for calling greenfield energy my name's [[PERSON:priya]] how can i help
[00:00:07] caller: hiya yeah i need to give a meter reading my name is [[PERSON:jo]] as in joseph [[PERSON:mckenna]] [[PERSON:m c k e n n a]]
[00:00:15] agent: thank you [[PERSON:jo]] and can i take the first line of the address and the postcode please
[00:00:19] caller: it's [[STREET_ADDRESS:twenty two rose hill road bristol b s four seven e h]]
[00:00:31] agent: lovely and for security your date of birth
[00:00:33] caller: [[DATE_OF_BIRTH:fourth of may nineteen eighty eight]]
[00:00:36] agent: perfect go ahead with the readings when you're ready
[00:00:38] caller: electric is four eight two one three and gas is oh nine one two seven
[00:00:52] agent: got that and is the number we have still the best one to reach you
[00:00:55] caller: no it's a new one it's [[PHONE:oh seven four six one two two nine eight oh four]]
[00:01:04] agent: thank you i've updated that your next bill will be based on these readings`,

  // US car rental roadside: ASR transcript; card read out in digits, callback number in words; "frank" as a word
  `agent: roadrunner roadside assistance this is [[PERSON:cheryl]] speaking may i have your name
caller: yeah this is [[PERSON:frank]] um [[PERSON:frank delgado]] i got a flat on the interstate
agent: i'm sorry to hear that mister [[PERSON:delgado]] are you in a safe place
caller: i'm on the shoulder of i twenty five northbound just past exit two forty one near [[LOCATION:pueblo]]
agent: okay a tow truck can be there in about fifty minutes the tow isn't covered by your plan so there's a ninety five dollar fee what card would you like to use
caller: to be frank i just want to get home put it on the visa [[CREDIT_CARD:4539 5384 5501 3913]]
agent: and the expiration
caller: zero six twenty seven
agent: and a callback number in case we get disconnected
caller: [[PHONE:seven one nine four four eight 2 0 6 1]]`,

  // Kenyan pharmacy hotline: ASR transcript
  `transcript (auto) — Afya Pharmacy hotline — 2025-03-11 16:20
agent: good afternoon afya pharmacy you are speaking with [[PERSON:kevin]]
caller: hello [[PERSON:kevin]] my name is [[PERSON:wanjiku mwangi]] i'm calling about my refill
agent: okay madam let me confirm your date of birth
caller: it's [[DATE_OF_BIRTH:twelfth march nineteen eighty four]]
agent: and the phone number on the prescription
caller: [[PHONE:zero seven one one three eight two six four seven]]
agent: thank you the refill is ready at our [[LOCATION:westlands]] branch you can pick it from four pm
caller: can my brother collect it his name is [[PERSON:otieno]]
agent: yes he should carry your national id or a copy of it`,

  // Philippine airline: ASR transcript, e-mail dictated in words
  `agent: good evening thank you for calling island air this is [[PERSON:rhea]] may i have the booking reference
caller: yes it's k as in kilo seven m p q two the passengers are me [[PERSON:angelica dela cruz]] and my son [[PERSON:miguel]]
agent: thank you ma'am i'm sorry the flight to [[LOCATION:cebu]] tomorrow was cancelled because of the typhoon
caller: ay naku can you rebook us to sunday morning
agent: yes there's a seven forty flight with two seats may i have an email where we can send the new itinerary
caller: [[EMAIL:dela cruz dot angelica at yahoo dot com]]
agent: and a mobile number
caller: [[PHONE:zero nine one seven 2 0 4 8 8 1 6]]`,

  // South African pension fund: ASR transcript, address dictated
  `speaker 1: good morning you're through to the unity pension fund client line this is [[PERSON:thabo]]
speaker 2: morning [[PERSON:thabo]] it's [[PERSON:rose van der merwe]] i'm calling about my late husband's pension his name was [[PERSON:cornelius van der merwe]]
speaker 1: my condolences mrs [[PERSON:van der merwe]] we'll need the death certificate and your id do you want us to post the claim forms
speaker 2: yes please post them to [[STREET_ADDRESS:nine kloof street gardens cape town eight zero zero one]]
speaker 1: and a cellphone number for the claims assessor
speaker 2: [[PHONE:oh eight three two two seven 1 4 4 0 9]]
speaker 1: thank you the forms go out today`,

  // German municipal utility: ASR transcript, birth date and address in words
  `Agent: stadtwerke guten tag sie sprechen mit frau [[PERSON:becker]]
Anrufer: ja hallo [[PERSON:lutz]] hier [[PERSON:lutz wagner]] ich wollte den zählerstand durchgeben
Agent: gerne zur sicherheit ihr geburtsdatum bitte
Anrufer: [[DATE_OF_BIRTH:dritter februar neunzehnhundertneunundsechzig]]
Agent: und die adresse
Anrufer: [[STREET_ADDRESS:lindenstraße zwölf a neun null vier eins eins nürnberg]]
Agent: danke der zählerstand bitte
Anrufer: strom siebenundvierzigtausendachthundertzwölf
Agent: habe ich notiert haben sie eine rückrufnummer
Anrufer: [[PHONE:null eins sieben sechs zwei vier acht eins neun drei sieben sieben]]`,

  // Chilean insurer: ASR transcript (Spanish)
  `ejecutiva: seguros andinos buenas tardes le habla [[PERSON:constanza]]
cliente: hola [[PERSON:constanza]] mire soy [[PERSON:rodrigo alejandro fuentes]] tuve un choque con el auto esta mañana
ejecutiva: lo siento mucho don [[PERSON:rodrigo]] para validar su identidad me da su fecha de nacimiento
cliente: [[DATE_OF_BIRTH:diecisiete de agosto del ochenta y dos]]
ejecutiva: gracias y un teléfono de contacto
cliente: [[PHONE:nueve siete ocho cuatro cinco dos dos uno nueve]]
ejecutiva: dónde ocurrió el accidente
cliente: en [[LOCATION:providencia]] cerca del metro
ejecutiva: perfecto le envío la grúa y el número de siniestro por mensaje`,

  // French health insurer: ASR transcript, the bank details only by their last digits
  `conseiller: mutuelle horizon bonjour [[PERSON:yannick]] à l'appareil
appelante: oui bonjour [[PERSON:nadia belkacem]] je vous appelle pour un remboursement de pharmacie
conseiller: très bien madame [[PERSON:belkacem]] votre date de naissance s'il vous plaît
appelante: le [[DATE_OF_BIRTH:vingt-neuf janvier quatre-vingt-sept]]
conseiller: et votre adresse
appelante: [[STREET_ADDRESS:douze rue des lilas quatre-vingt-treize cent dix rosny-sous-bois]]
conseiller: un numéro pour vous joindre
appelante: [[PHONE:zéro six douze quarante-huit soixante-treize quatre-vingt-quinze]]
conseiller: et le virement ce sera toujours sur le compte qui finit par sept sept huit
appelante: oui c'est ça`,

  // Indian food delivery: Hinglish ASR transcript
  `agent: hello tasty tiffin se [[PERSON:rahul]] baat kar raha hoon
customer: haan [[PERSON:rahul]] bhaiya mera order abhi tak nahi aaya order number do chaar saat nau
agent: sorry ma'am main check karta hoon aapka naam bata dijiye
customer: [[PERSON:deepika iyer]]
agent: address confirm kar dijiye
customer: [[STREET_ADDRESS:flat b four zero two prestige lakeside koramangala bangalore five six zero zero three four]]
agent: ji rider paanch minute mein pahunch raha hai isi number pe call karega
customer: haan [[PHONE:nine eight four five zero 1 2 3 3 7]] pe hi karna`,

  // Canadian gym: voicemail transcription, e-mail dictated
  `[voicemail transcription · 0:41] hi this is [[PERSON:amber chen]] calling about cancelling my membership at the [[LOCATION:kitchener]] location my member number is 2204871 please call me back at [[PHONE:five one nine seven four one 8 8 2 0]] or email me at [[EMAIL:amberchen at gmail dot com]] thanks bye`,

  // US retirement plan: ASR call with an SSN read out
  `rep: thank you for calling summit retirement services this is [[PERSON:marcus]] can i get your name
caller: yes [[PERSON:beverly ann schaefer]]
rep: thank you ms [[PERSON:schaefer]] to verify the account i'll need your social security number
caller: it's [[US_SSN:five three six two two four eight one seven]]
rep: and your date of birth
caller: [[DATE_OF_BIRTH:june ninth nineteen fifty six]]
rep: thank you you're verified what can i help with today
caller: i want to start my required minimum distributions and send them to my checking account
rep: sure i'll mail the form to [[STREET_ADDRESS:three oh four maple ridge court dayton ohio four five four three zero]]`,

  // New Zealand car rental: ASR call about damage
  `agent: kia ora you've reached kiwi wheels rentals [[PERSON:hemi]] speaking
caller: hi [[PERSON:hemi]] it's [[PERSON:jade fitzgerald]] i've got one of your cars and someone's scraped the back bumper in a car park in [[LOCATION:rotorua]]
agent: oh no sorry to hear that is everyone okay
caller: yeah all fine just annoyed
agent: no worries i'll open a damage report can i confirm your phone
caller: [[PHONE:oh two seven three eight one four four two nine]]
agent: and you took the full insurance so there's no excess to pay just send photos to the claims address on your agreement`,

  // US wedding planner: e-mail with signature, disclaimer and a quoted reply; "amber" as a word
  `From: [[PERSON:Jessa Morales]] <[[EMAIL:jessa@magnoliaandlace.events]]>
To: [[EMAIL:amber.whitfield@gmail.com]]
Cc: [[EMAIL:dean.okonkwo@protonmail.com]]
Subject: Re: Final headcount + seating

Hi [[PERSON:Amber]] and [[PERSON:Dean]],

Thanks for sending the final headcount (142 adults, 9 kids). A few notes:
- The barn needs the final payment of $6,480 by Aug 1.
- Your Aunt [[PERSON:Honey]]'s dietary note is logged (no shellfish).
- The shuttle will pick guests up at the hotel at 3:15 and 4:00.
- Rain plan: tent on the lawn, so no need to worry about the amber weather alert they're forecasting.

Best,
[[PERSON:Jessa]]

--
[[PERSON:Jessa Morales]] | Lead Planner
Magnolia & Lace Events
c: [[PHONE:(615) 418-2093]]
CONFIDENTIALITY NOTICE: This e-mail and any attachments are intended solely for the addressee. If you are not the intended recipient, please delete it and notify the sender.

On Tue, Jul 8, 2025 at 9:41 PM [[PERSON:Amber Whitfield]] <[[EMAIL:amber.whitfield@gmail.com]]> wrote:
> Hi [[PERSON:Jessa]]! Final count attached. [[PERSON:Dean]]'s grandma [[PERSON:Rose]] is 94 so she needs a seat near the exit.
> My mom's cell for day-of questions is [[PHONE:(615) 702-4418]].
> Thanks!!
> [[PERSON:Amber]]`,

  // Canadian immigration law firm: e-mail with signature and extension; the firm is named after people
  `Subject: IRCC file – [[PERSON:Oluwaseun Adeyemi-Brooks]] – spousal sponsorship – documents needed

Dear Mr. [[PERSON:Adeyemi-Brooks]],

Further to our call, IRCC has requested the following for your wife, [[PERSON:Chiamaka Adeyemi-Brooks]] (DOB [[DATE_OF_BIRTH:1991-04-16]], UCI 1104-8823):
1. An updated police certificate from [[LOCATION:Nigeria]]
2. Proof of cohabitation at [[STREET_ADDRESS:1204-88 Harbour Street, Toronto, ON M5J 0C3]] (lease, joint bills)
3. Photos of the wedding in [[LOCATION:Lagos]]

Please upload them to the portal or e-mail them to me. Deadline: April 30, 2025.

Kind regards,

[[PERSON:Marisol de la Peña]]
Associate | Brook & Lane Immigration LLP
T: [[PHONE:416-862-7719]] ext. 204
[[EMAIL:mdelapena@brooklanelaw.ca]]

This message may contain privileged and confidential information. If you received it in error, please notify the sender and delete it.`,

  // Malaysian hotel: group booking e-mail (Malay) with bin/binti names and an address in the signature
  `Daripada: [[PERSON:Nurul Aisyah binti Kamarudin]] <[[EMAIL:nurulaisyah.k@gmail.com]]>
Kepada: tempahan@hotelseriembun.my
Subjek: Tempahan bilik berkumpulan – majlis perkahwinan 24 Mei

Salam sejahtera,

Saya ingin menempah 12 bilik Deluxe untuk tetamu majlis perkahwinan adik saya, [[PERSON:Muhammad Haziq bin Kamarudin]], pada 23–25 Mei 2025. Kebanyakan tetamu datang dari [[LOCATION:Kota Bharu]].

Sila hubungi saya di [[PHONE:012-384 7719]] atau suami saya, [[PERSON:Faizal]], di [[PHONE:+60 13-772 4108]].

Terima kasih,
[[PERSON:Nurul Aisyah]]
[[STREET_ADDRESS:No. 18, Jalan Mawar 3, Taman Sri Muda, 40400 Shah Alam, Selangor]]`,

  // UK pensioner moving abroad: e-mail reply with IBAN and a quoted message; "bill" as a name and a word
  `From: [[PERSON:Bill Featherstone]] <[[EMAIL:bill.featherstone1954@gmail.com]]>
To: payments@harbourpensions.co.uk
Subject: Re: Your pension payment details – action needed

Dear Sir/Madam,

I have moved to [[LOCATION:Spain]] permanently, so please pay my pension into my Spanish account from April:
Account holder: [[PERSON:William J Featherstone]]
IBAN: [[IBAN:ES50 2100 0418 6772 6902 4156]]
BIC: CAIXESBBXXX

My new address is [[STREET_ADDRESS:Calle Almendro 7, 2º B, 29640 Fuengirola, Málaga]]. Please send the next bill for the admin fee there, not to my old house.

Regards,
[[PERSON:Bill]]

-----Original Message-----
From: Harbour Pensions <noreply@harbourpensions.co.uk>
Sent: 28 February 2025 10:02
Subject: Your pension payment details – action needed

Dear Mr [[PERSON:Featherstone]],
We were unable to pay your February pension because your bank account (ending 4471) has been closed. Please log in to your account or reply to this e-mail with your new details.`,

  // New Zealand vet: e-mail with a quoted reply; Biscuit is the dog
  `Subject: Re: Biscuit – post-op check & invoice

Kia ora [[PERSON:Aroha]],

Biscuit was a star today — the stitches look clean and he's eating well. Licking is normal but please keep the cone on until Friday. [[PERSON:Cliff]] is welcome to bring him in for the final check any weekday after 3.

Invoice INV-88213 ($214.50) is attached; you can pay online or at reception.

Ngā mihi,
Dr [[PERSON:Ruby Tahana-Clarke]] BVSc
Harbourside Vets
m: [[PHONE:021 774 3905]]

On Mon, 10 Mar 2025 at 18:02, [[PERSON:Aroha Ngata]] <[[EMAIL:aroha.ngata@xtra.co.nz]]> wrote:
> Hi Dr [[PERSON:Ruby]], Biscuit keeps licking the wound, is that normal? My partner [[PERSON:Cliff]] can bring him in tomorrow after 3. His number is [[PHONE:022 618 4470]].`,

  // Kenyan online course: e-mail in Swahili with a quoted reply
  `Kutoka: [[PERSON:Baraka Mwakasege]] <[[EMAIL:baraka.mwakasege@yahoo.com]]>
Kwa: msaada@somaonline.co.ke
Mada: Re: Cheti changu cha kozi bado hakijatumwa

Habari,

Nilimaliza kozi ya Uhasibu wa Msingi tarehe 2 Machi lakini sijapokea cheti. Jina kwenye cheti liwe "[[PERSON:Baraka Joseph Mwakasege]]". Nambari yangu ya simu ni [[PHONE:+254 733 902 418]]. Ninaishi [[LOCATION:Mombasa]], kwa hiyo ningependa pia nakala ngumu kama inawezekana.

Asante sana,
[[PERSON:Baraka]]

> Tarehe 5 Machi 2025, SomaOnline Support <msaada@somaonline.co.ke> iliandika:
> Habari [[PERSON:Baraka]], tafadhali thibitisha jina kamili unalotaka liandikwe kwenye cheti.`,

  // Portuguese water utility: direct-debit request e-mail
  `Assunto: Pedido de débito direto – contrato 400118273

Exmos. Senhores,

Venho por este meio solicitar a adesão ao débito direto para as faturas da água do contrato acima.

Titular: [[PERSON:Maria João Cerqueira Antunes]]
NIF: 231448907
IBAN: [[IBAN:PT47 0035 0651 0849 9804 4278 7]]
Morada do local de consumo: [[STREET_ADDRESS:Rua de Cedofeita 412, 3.º Esq., 4050-174 Porto]]
Leitura do contador em 01/03/2025: 1284 m³

Com os melhores cumprimentos,
[[PERSON:Maria João Antunes]]
Tel.: [[PHONE:912 448 307]]

--
Enviado do meu telemóvel`,

  // Ukrainian ticket refund: forwarded e-mail
  `---------- Пересланий лист ---------
Від: [[PERSON:Олена Коваленко]] <[[EMAIL:olena.kovalenko@ukr.net]]>
Дата: 3 бер. 2025 р., 14:20
Тема: Повернення коштів за квитки

Добрий день! Концерт у [[LOCATION:Львові]] перенесли, і я не зможу прийти. Прошу повернути кошти на рахунок:
Отримувач: [[PERSON:Коваленко Олена Миколаївна]]
IBAN: [[IBAN:UA06 3223 1368 5088 5118 0163 1949 1]]
Замовлення №UA-77120, 2 квитки по 1 200 грн.
Телефон: [[PHONE:+380 67 418 2295]]

Дякую, [[PERSON:Олена]]`,

  // Iranian student visa: e-mail (Persian) with a Solar Hijri birth date and a city-first address
  `موضوع: مدارک ویزای تحصیلی – [[PERSON:سارا محمدی]]

سلام خانم [[PERSON:رضایی]]،
مدارک خواسته‌شده را پیوست کردم. تاریخ تولد من [[DATE_OF_BIRTH:۱۳۷۲/۰۵/۲۱]] است و شماره گذرنامه در فرم درج شده.
آدرس فعلی: [[STREET_ADDRESS:تهران، خیابان ولیعصر، کوچه نسترن، پلاک ۱۸، واحد ۴]]
شماره تماس: [[PHONE:۰۹۱۲ ۴۱۸ ۷۷۳۰]]
ایمیل: [[EMAIL:sara.mohammadi72@gmail.com]]
با تشکر،
[[PERSON:سارا محمدی]]`,

  // Bangladeshi event ticketing: complaint e-mail (Bengali)
  `বিষয়: টিকিট পাইনি – অর্ডার BD-TKT-55817

প্রিয় সাপোর্ট টিম,
আমি [[PERSON:তানভীর হাসান]]। গত সপ্তাহে কনসার্টের ৩টি টিকিট কিনেছি, টাকা কেটে গেছে কিন্তু ইমেইলে টিকিট আসেনি। আমার ইমেইল [[EMAIL:tanvir.hasan.bd@gmail.com]] এবং ফোন [[PHONE:01712-448903]]। আমার বোন [[PERSON:নুসরাত জাহান]] একই সমস্যায় পড়েছে।
ভেন্যু: আর্মি স্টেডিয়াম, [[LOCATION:ঢাকা]]
ধন্যবাদ,
[[PERSON:তানভীর]]`,

  // Chinese airline refund: e-mail
  `主题：退票申请 – 订单 CN8823017

您好，
我是[[PERSON:王晓雯]]，上周因家中有事取消了从[[LOCATION:上海]]飞往[[LOCATION:成都]]的航班（航班号 HX5401）。请将退款退回原支付银行卡。如需联系，请拨打[[PHONE:138 1024 5567]]或发邮件至[[EMAIL:wangxiaowen88@163.com]]。同行乘客[[PERSON:李明]]的机票也请一并退款。
谢谢！
[[PERSON:王晓雯]]
2025年3月9日`,

  // Online course platform: developer e-mail with a JWT pasted in a request
  `From: [[PERSON:Deniz Aksoy]] <[[EMAIL:deniz.aksoy@learnloop.io]]>
To: api-support@coursekit.dev
Subject: 401 on /v2/enrollments even with a fresh token

Hi team,

Our integration started failing yesterday. Request below (the token is from 10 minutes ago):

  GET /v2/enrollments?course_id=crs_7781 HTTP/1.1
  Host: api.coursekit.dev
  Authorization: Bearer [[SECRET:eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImszIn0.eyJzdWIiOiI5ZjJjMWE3ZSIsIm5hbWUiOiJEZW5peiBBa3NveSIsImlhdCI6MTc0MjIxMDAwMCwiZXhwIjoxNzQyMjEzNjAwfQ.u4kJP4PTSSA8o-xp6PVgDg7GU7gYpGZn3O1rapjQu89KH1DbO2bNvRtUnP-mqftXMK4w82SUGH62WufW3L8o4w]]

Response: {"error":"invalid_signature","request_id":"req_9f21ac"}

We rotated nothing on our side. Any idea?

Thanks,
[[PERSON:Deniz]]
--
[[PERSON:Deniz Aksoy]] · Backend Engineer · LearnLoop
[[PHONE:+90 535 214 86 09]]`,

  // Online course marketing e-mail: unsubscribe link carrying the recipient's e-mail
  `Hi [[PERSON:Ray]],

Your free trial of "Spreadsheet Mastery" ends on March 21. Keep learning for $12/month, or grab the annual plan for $99 (save 31%).

→ Continue learning: https://learn.skillforge.io/courses/spreadsheet-mastery

You're receiving this because you signed up with [[EMAIL:raymond.oduya@gmail.com]].
Unsubscribe: [[URL:https://mail.skillforge.io/u?e=raymond.oduya%40gmail.com&list=trial-nurture&sig=a81f3c]]
SkillForge Learning · Manage preferences`,

  // Event planner: booking invite with a prefilled scheduling URL (name and e-mail in the query)
  `Hi [[PERSON:Lucía]],

Great chatting about your quinceañera plans! Please pick a slot for the venue walkthrough here — your details are already filled in:
[[URL:https://cal.fiestaplan.co/walkthrough?name=Luc%C3%ADa%20Barrios%20Cano&email=lucia.barrioscano%40gmail.com&phone=%2B573005218844]]

If none of the times work, just reply and I'll find something on a weekend.

Un abrazo,
[[PERSON:Catalina]]
FiestaPlan · Eventos y bodas`,

  // US gym: members CSV export with a dob column; first and last names in separate cells
  `member_id,first_name,last_name,email,phone,dob,plan,join_date
M10221,[[PERSON:Jade]],[[PERSON:Washington]],[[EMAIL:jade.washington@yahoo.com]],[[PHONE:(404) 718-2290]],[[DATE_OF_BIRTH:1996-08-14]],Premium,2023-01-09
M10222,[[PERSON:Frank]],[[PERSON:O'Malley]],[[EMAIL:fomalley@comcast.net]],[[PHONE:(404) 662-0187]],[[DATE_OF_BIRTH:1968-12-02]],Basic,2021-06-30
M10223,[[PERSON:Xochitl]],[[PERSON:Ramírez-Santos]],[[EMAIL:xochi.rs@gmail.com]],[[PHONE:(678) 301-4452]],[[DATE_OF_BIRTH:2001-03-27]],Student,2024-09-02
M10224,[[PERSON:Lakshmi]],[[PERSON:Venkataraman]],[[EMAIL:lvenkat@outlook.com]],[[PHONE:(770) 488-9036]],[[DATE_OF_BIRTH:1983-10-11]],Premium,2022-11-15`,

  // South African water meter route sheet (TSV)
  `route\tstand_no\taccount_holder\tservice_address\tmeter_no\tprev\tcurrent\tnotes
R14\tErf 2231\t[[PERSON:P. Mahlangu]]\t[[STREET_ADDRESS:17 Protea Avenue, Lynnwood, Pretoria, 0081]]\tWM-448120\t3214\t3260\tdog in yard
R14\tErf 2232\t[[PERSON:J. du Plessis]]\t[[STREET_ADDRESS:19 Protea Avenue, Lynnwood, Pretoria, 0081]]\tWM-448121\t1877\t1902\t
R14\tErf 2240\t[[PERSON:Ahmed Cassim]]\t[[STREET_ADDRESS:3 Rusty Hills Close, Lynnwood, Pretoria, 0081]]\tWM-448139\t5410\t5411\tmeter stuck? recheck
R14\tErf 2241\t[[PERSON:Sandy Botha]]\t[[STREET_ADDRESS:5 Rusty Hills Close, Lynnwood, Pretoria, 0081]]\tWM-448140\t2290\t2347\tgate locked, call tenant [[PHONE:071 884 2290]]`,

  // Kenyan wedding: day-of contact sheet as a markdown table; word-names in the notes column
  `## Guest contacts – day-of coordination (do not share)
| Guest | Role | Mobile | Notes |
|---|---|---|---|
| [[PERSON:Rose Kariuki]] | Bride's mother | [[PHONE:+254 711 204 889]] | Seat near the rose arch |
| [[PERSON:Cliff Otieno]] | Best man | [[PHONE:+254 720 553 117]] | Holds the rings |
| [[PERSON:Jade Wambui]] | Maid of honour | [[PHONE:+254 799 410 362]] | jade-green dress |
| Uncle [[PERSON:Ray Mutua]] | MC | [[PHONE:+254 722 908 114]] | Speech 5 min max |
| [[PERSON:Penny Achieng]] | Florist (freelance) | [[PHONE:+254 703 118 642]] | Brings sandy-coloured ribbons |
Venue: garden marquee, [[LOCATION:Limuru]] · Rain plan: main hall · Photographer arrives 11:00`,

  // German car rental: returns CSV (semicolon-separated)
  `Rückgabe;Kennzeichen;Mieter;E-Mail;Tankstand;Schäden;Station
14.03.2025;M-RK 4471;[[PERSON:Jürgen Schäfer]];[[EMAIL:j.schaefer@t-online.de]];7/8;keine;[[LOCATION:München]] Hbf
14.03.2025;M-RK 2290;[[PERSON:Ayşe Demir]];[[EMAIL:ayse.demir@web.de]];1/2;Kratzer Stoßstange hinten;[[LOCATION:München]] Flughafen
15.03.2025;S-CR 8812;[[PERSON:Konstantin von Hohenberg]];[[EMAIL:k.hohenberg@gmail.com]];voll;keine;[[LOCATION:Stuttgart]] Hbf
15.03.2025;B-RK 1037;[[PERSON:Lena Marie Krüger]];[[EMAIL:lenamarie.krueger@posteo.de]];1/4;Felge vorne links;[[LOCATION:Berlin]]-Ost`,

  // Pakistani music festival: volunteer roster (markdown)
  `Spring Beats Festival — volunteer roster ([[LOCATION:Lahore]])
| # | Volunteer | WhatsApp | Shift | Gate |
|---|---|---|---|---|
| 1 | [[PERSON:Hamza Qureshi]] | [[PHONE:+92 321 4418207]] | 4–8 pm | A |
| 2 | [[PERSON:Mahnoor Siddiqui]] | [[PHONE:0333 5120946]] | 4–8 pm | B |
| 3 | [[PERSON:Zain ul Abideen]] | [[PHONE:0345 7718032]] | 8–11 pm | A |
| 4 | [[PERSON:Fatima al-Hashmi]] | [[PHONE:+92 300 8821540]] | 8–11 pm | VIP |
Coordinator: [[PERSON:Usman Tariq]] ([[EMAIL:usman.tariq@springbeats.pk]])`,

  // European hotel chain: refunds CSV with IBANs of four countries
  `refund_id,booking,holder,iban,amount_eur,reason
RF-1101,HB-77812,[[PERSON:Camille Lefèvre-Dubois]],[[IBAN:FR5020041010055575285507778]],312.00,annulation
RF-1102,HB-77830,[[PERSON:Pieter De Smet]],[[IBAN:BE26207292185305]],89.50,overbooking
RF-1103,HB-77841,[[PERSON:Katharina Gruber]],[[IBAN:AT121904384502646247]],154.20,Stornierung
RF-1104,HB-77859,[[PERSON:Luca Bernasconi]],[[IBAN:CH7000762677700968037]],240.00,double charge`,

  // UK vet clinic: vaccination reminder sheet pasted from a spreadsheet; the pets have word-names
  `Pet\tSpecies\tOwner\tMobile\tDue\tVaccine
Rusty\tDog\t[[PERSON:Gareth Llewellyn]]\t[[PHONE:07723 418 906]]\t18/03/2025\tBooster (DHP + L4)
Honey\tCat\tMrs [[PERSON:P. Okafor]]\t[[PHONE:07392 004 175]]\t20/03/2025\tFeline booster
Frank\tTortoise\t[[PERSON:Dean McAllister]]\t[[PHONE:07859 220 413]]\t22/03/2025\tHealth check
Penny\tRabbit\t[[PERSON:Amira Haddad]]\t[[PHONE:07400 918 227]]\t25/03/2025\tRHDV2
Note: Honey's owner prefers email – [[EMAIL:priscilla.okafor@gmail.com]]`,

  // Spanish public library: overdue loans CSV
  `carné;nombre;correo;teléfono;título;vencido desde
BP-004417;[[PERSON:Lucía Fernández Gil]];[[EMAIL:lucia.fgil@gmail.com]];[[PHONE:654 218 903]];La sombra del viento;03/02/2025
BP-009921;[[PERSON:José Antonio Olmedo]];[[EMAIL:jaolmedo@hotmail.es]];[[PHONE:+34 699 401 227]];Patria;17/02/2025
BP-011208;[[PERSON:Nerea Etxeberria]];[[EMAIL:nerea.etxe@euskalnet.net]];[[PHONE:688 330 145]];El infinito en un junco;21/02/2025`,

  // US 401(k) plan: beneficiary export (TSV) with SSNs and beneficiary birth dates
  `Beneficiary designation export — plan 401(k)-2231 — generated 2025-03-04
participant\tparticipant_ssn\tbeneficiary\trelationship\tbeneficiary_dob\tshare
[[PERSON:Harold Brennan]]\t[[US_SSN:401-63-2295]]\t[[PERSON:Marjorie Brennan]]\tspouse\t[[DATE_OF_BIRTH:02/11/1958]]\t100%
[[PERSON:Tomasz Wiśniewski]]\t[[US_SSN:287-54-1106]]\t[[PERSON:Anna Wiśniewska]]\tspouse\t[[DATE_OF_BIRTH:09/23/1979]]\t50%
[[PERSON:Tomasz Wiśniewski]]\t[[US_SSN:287-54-1106]]\t[[PERSON:Kacper Wiśniewski]]\tchild\t[[DATE_OF_BIRTH:06/05/2008]]\t50%
[[PERSON:Latoya Simmons-Reid]]\t[[US_SSN:612-70-3395]]\t[[PERSON:Brook Reid]]\tchild\t[[DATE_OF_BIRTH:12/30/2002]]\t100%`,

  // Philippine food delivery: rider payout sheet (CSV) with GCash mobile numbers
  `rider_id,rider_name,gcash_no,city,deliveries,base_pay,tips,total
RDR-0412,[[PERSON:Jerome Villanueva]],[[PHONE:0917 338 4102]],[[LOCATION:Quezon City]],148,8880.00,1215.50,10095.50
RDR-0419,[[PERSON:Ma. Cristina Bautista]],[[PHONE:0998 120 7763]],[[LOCATION:Pasig]],132,7920.00,980.00,8900.00
RDR-0433,[[PERSON:Rey Anthony de Guzman]],[[PHONE:0927 554 0198]],[[LOCATION:Makati]],161,9660.00,1402.25,11062.25`,

  // Japanese gym: member list as a markdown table with birth dates
  `| 会員番号 | 氏名 | 生年月日 | 電話 | プラン |
|---|---|---|---|---|
| 0412 | [[PERSON:佐藤 大翔]] | [[DATE_OF_BIRTH:1995/07/02]] | [[PHONE:080-3318-2207]] | 夜間 |
| 0413 | [[PERSON:高橋 美咲]] | [[DATE_OF_BIRTH:1988/12/19]] | [[PHONE:090-7412-5530]] | フル |
| 0419 | [[PERSON:伊藤 蓮]] | [[DATE_OF_BIRTH:2003/04/08]] | [[PHONE:070-2284-9016]] | 学生 |`,

  // UK wedding caterer: dietary sheet (TSV) with given names that are also words, used both ways
  `Table\tGuest\tMenu\tNotes
1\t[[PERSON:Honey Adebayo]]\tV\tnut allergy – no honey glaze on her dessert
1\t[[PERSON:Mark Ellison]]\tStandard\t
2\t[[PERSON:Sandy Fairweather]]\tVG\tsitting next to [[PERSON:Rusty Fairweather]] (husband)
2\t[[PERSON:Rusty Fairweather]]\tStandard\tlikes his steak rare
3\t[[PERSON:Lane O'Connell]]\tGF\t
Caterer note: mark the GF plates with a green sticker; the sandy-coloured napkins are for table 3.`,

  // Hotel booking site: nginx access log; the referrer URL carries the guest's e-mail and name
  `[[IP_ADDRESS:81.2.69.142]] - - [11/Mar/2025:08:14:22 +0000] "GET /static/app.4f1c.js HTTP/2.0" 200 48211 "https://book.sunhaven-hotels.com/" "Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X)"
[[IP_ADDRESS:81.2.69.142]] - - [11/Mar/2025:08:14:31 +0000] "POST /api/checkout HTTP/2.0" 302 0 "[[URL:https://book.sunhaven-hotels.com/checkout?guest_email=fiona.mcleod%40gmail.com&guest_name=Fiona+McLeod&nights=3]]" "Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X)"
[[IP_ADDRESS:2a02:c7c:5e21:1e00:8d4:3b2f:91a0:6c17]] - - [11/Mar/2025:08:15:02 +0000] "GET /confirm?ref=SH-88120 HTTP/2.0" 200 9120 "-" "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"
[[IP_ADDRESS:86.143.22.197]] - - [11/Mar/2025:08:15:09 +0000] "GET /rooms/deluxe-king HTTP/2.0" 200 22014 "https://www.google.com/" "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3)"`,

  // Event ticketing: Node stack trace with the buyer's (mistyped) e-mail, name and IP
  `2025-03-12T10:41:07.332Z ERROR [booking-svc] Unhandled rejection while sending confirmation
Error: SMTP 550 5.1.1 <[[EMAIL:chidi.okeke@yahooo.com]]>: Recipient address rejected: User unknown
    at SMTPConnection._formatError (/app/node_modules/nodemailer/lib/smtp-connection/index.js:798:19)
    at SMTPConnection._actionRCPT (/app/node_modules/nodemailer/lib/smtp-connection/index.js:1678:28)
    at async sendConfirmation (/app/src/mail/confirm.ts:44:5)
    at async BookingController.create (/app/src/booking/controller.ts:118:9)
  context: { bookingId: 'EVT-88213', userId: 'u_49120', clientIp: '[[IP_ADDRESS:105.228.47.91]]', name: '[[PERSON:Chidi Okeke]]' }`,

  // Hotel PMS: Python traceback that logged a full card number (South African booking)
  `Traceback (most recent call last):
  File "/srv/pms/payments/charge.py", line 212, in charge_deposit
    resp = gateway.authorize(amount=deposit, card=card)
  File "/srv/pms/payments/gateway.py", line 88, in authorize
    raise GatewayError(f"declined: {payload}")
payments.gateway.GatewayError: declined: {'pan': '[[CREDIT_CARD:378280823630522]]', 'exp': '11/26', 'cvv': '***', 'holder': '[[PERSON:SANDY NAIDOO-FOURIE]]', 'amount': '4500.00', 'currency': 'ZAR', 'booking': 'CPT-20931'}`,

  // Gym app: structured JSON logs with e-mails, IPv4/IPv6 and a password-reset link carrying the e-mail
  `{"level":30,"time":1741780512331,"msg":"login ok","user":"[[EMAIL:kwame.asante@gmail.com]]","ip":"[[IP_ADDRESS:41.66.198.23]]","ua":"okhttp/4.12.0"}
{"level":40,"time":1741780519904,"msg":"login failed: bad password","user":"[[EMAIL:mariana.lopes.rj@gmail.com]]","ip":"[[IP_ADDRESS:177.45.208.63]]","attempt":3}
{"level":30,"time":1741780525010,"msg":"password reset link issued","user":"[[EMAIL:mariana.lopes.rj@gmail.com]]","link":"[[URL:https://members.pulsegym.app/reset?email=mariana.lopes.rj%40gmail.com&token=8c1f4e92b7a04d1d]]"}
{"level":30,"time":1741780561772,"msg":"login ok","user":"[[EMAIL:h.nakamura@softbank.ne.jp]]","ip":"[[IP_ADDRESS:2400:4051:8e1:7c00:1d2b:5f3e:a41c:9b02]]"}`,

  // Peruvian airline app: debug log that printed the login body with the password
  `2025-03-13 22:04:51,118 DEBUG auth.views  POST /api/login body={"email": "[[EMAIL:ricardo.quispe@gmail.com]]", "password": "[[SECRET:Llama#Cusco1987]]"} ip=[[IP_ADDRESS:190.235.14.77]]
2025-03-13 22:04:51,240 WARNING auth.views  login failed for [[EMAIL:ricardo.quispe@gmail.com]] (3/5)
2025-03-13 22:05:07,992 DEBUG auth.views  POST /api/login body={"email": "[[EMAIL:ricardo.quispe@gmail.com]]", "password": "[[SECRET:Llama#Cusco1987!]]"} ip=[[IP_ADDRESS:190.235.14.77]]
2025-03-13 22:05:08,101 INFO  auth.views  login ok user_id=88120 loyalty_tier=gold`,

  // Italian pharmacy system: Java exception with the bound parameters of a patient insert
  `org.springframework.dao.DataIntegrityViolationException: could not execute statement; SQL [insert into patient (id, full_name, dob, phone) values (?, ?, ?, ?)]; constraint [uk_patient_phone]
\tat org.springframework.orm.jpa.vendor.HibernateJpaDialect.convertHibernateAccessException(HibernateJpaDialect.java:276)
\tat org.springframework.orm.jpa.JpaTransactionManager.doCommit(JpaTransactionManager.java:566)
Caused by: org.postgresql.util.PSQLException: ERROR: duplicate key value violates unique constraint "uk_patient_phone"
  Detail: Key (phone)=([[PHONE:+39 333 871 2046]]) already exists.
\tat org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2725)
TRACE o.h.type.descriptor.sql.BasicBinder - binding parameters: [1]='PZ-55120', [2]='[[PERSON:Francesca Lombardi]]', [3]='[[DATE_OF_BIRTH:1979-04-08]]', [4]='[[PHONE:+39 333 871 2046]]'`,

  // Nigerian food delivery startup: .env pasted into a chat for debugging
  `User: our deploy is broken, here's the .env from the staging box, can you see what's wrong?

NODE_ENV=staging
DATABASE_URL=[[URL:postgres://app:Kp9!vR2tQ7wXz@db.staging.fooddash.ng:5432/fooddash]]
STRIPE_SECRET_KEY=[[SECRET: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]]
SENDGRID_API_KEY=[[SECRET: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]]
OPENAI_API_KEY=[[SECRET:sk-proj-3QG6TV2LddILXOfMTSHufN7U6fe7fFCFzPsHSJGw4CDyk5AJT3BlbkFJVCt0fTTNx0pbllLPWgeC4ssCIfNW40U51bclKt5ogYxQGBMT]]
MAPS_API_KEY=[[SECRET:AIza1lZrBkzWugzTKnliFg9ddbcNXgA5fKptbM6]]
ADMIN_EMAIL=[[EMAIL:tunde.bakare@fooddash.ng]]
REDIS_PASSWORD=[[SECRET:hunter2-staging-8812]]
PORT=8080
LOG_LEVEL=debug`,

  // Utility meter-ingest service: Kubernetes logs with AWS keys, a source IP and a customer e-mail
  `$ kubectl logs deploy/meter-ingest -n utilities --tail=5
time="2025-03-14T03:22:10Z" level=info msg="starting meter-ingest v1.8.2"
time="2025-03-14T03:22:10Z" level=debug msg="aws config" access_key_id=[[SECRET:AKIAZRDM6YKLN4JVWFL6]] secret_access_key=[[SECRET: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]] region=eu-north-1
time="2025-03-14T03:22:11Z" level=info msg="batch received" source_ip=[[IP_ADDRESS:94.18.220.96]] meters=1204
time="2025-03-14T03:22:12Z" level=warn msg="customer lookup failed" account=EL-228190 email=[[EMAIL:soren.lindqvist@gmail.com]] err="no such account"
time="2025-03-14T03:22:12Z" level=info msg="batch stored" rows=1203 duration_ms=812`,

  // Vet SaaS: git log and a workflow file with hard-coded tokens; "mark" as a verb in the commit message
  `$ git log -1
commit 9c1e44ab0f3d2e7781c4f0a9b2d6e8f1a3c5d7e9
Author: [[PERSON:Mark Ferreira]] <[[EMAIL:mark.ferreira@vetcloud.io]]>
Date:   Fri Mar 14 16:02:44 2025 +0000

    fix: mark reminder as sent only after SMS provider ack

$ grep -n TOKEN .github/workflows/deploy.yml
14:      GH_TOKEN: [[SECRET:ghp_QTd0WRvtcvZV9ARRAJtHsThvnQQxVktNSKS0]]   # TODO move to secrets!!
15:      TWILIO_AUTH_TOKEN: [[SECRET:179718f28a16fa22684467b3a6be1496]]
16:      SLACK_BOT_TOKEN: [[SECRET:xoxb-5169364824877-8095195979455-tfRFVdSj0oWUfZftjtuQdV96]]`,

  // Hotel PMS: support chat where a developer pasted a private key
  `Customer: the channel manager sync fails with "invalid signature", this is the key we uploaded, is the format wrong?

[[SECRET:-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIHE6xFBVl8KFj2SQgKPGUmXx7dgyLD/cBFolVB9N3bwHoAoGCCqGSM49
AwEHoUQDQgAEhtVQlaKrzqYYt/GXjhR++eb/yMInrmolutZ/X/UYGrXc03AT1x7W
+Z4AxWV5RJQWL0aS+GB6za7lB0rnVHK3gg==
-----END EC PRIVATE KEY-----]]

Agent: Please never paste private keys here — revoke this one now and generate a new pair. The upload needs the PUBLIC key in PEM (SPKI) format, not the private key.
Customer: ok thanks, [[PERSON:Kofi]] will rotate it. my email for the ticket is [[EMAIL:kofi.mensah@lagoonresorts.com.gh]]`,

  // Online course platform: mobile app session dump with a JWT and the user's IP
  `[api] 2025-03-04T13:30:02Z GET /me 200 41ms
  authorization: Bearer [[SECRET:eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c3JfNDgyMTMiLCJlbWFpbCI6ImFtYmVyLmNhc3RlbGxhbm9zQGdtYWlsLmNvbSIsInJvbGUiOiJtZW1iZXIiLCJpYXQiOjE3NDEwOTUwMDAsImV4cCI6MTc0MTE4MTQwMH0.s18mfOpDj0ub1Q3LY0KJjbO9cckSfZQEaFBlOgHKLW8]]
  x-forwarded-for: [[IP_ADDRESS:186.84.20.117]]
  response: {"id":"usr_48213","name":"[[PERSON:Amber Castellanos]]","email":"[[EMAIL:amber.castellanos@gmail.com]]","locale":"es-CO","courses":["crs_7781","crs_9102"]}`,

  // Indian pharmacy app: crash report with an IPv6 address and the saved delivery address
  `Crash report #CR-77120 (PharmaQuick Android 5.2.1)
device: Redmi Note 12 / Android 14
user: [[EMAIL:arjun.menon.kochi@gmail.com]]
client_ip: [[IP_ADDRESS:2409:4073:2e8d:5b10:a4c1:77ff:fe21:9c3d]]
last_screen: CheckoutFragment
exception: java.lang.NullPointerException: Attempt to invoke virtual method 'java.lang.String com.pq.model.Address.getPincode()' on a null object reference
saved_address: [[STREET_ADDRESS:14/221 Marine Drive, Ernakulam, Kochi, Kerala 682031]]`,

  // Online course forum: a student pastes a notebook cell with real-looking Anthropic and Hugging Face keys
  `Posted by [[PERSON:Tanvi Deshpande]] in "Module 4: Building a support bot"

My cell keeps failing with 401, what am I doing wrong??

import anthropic, os
os.environ["ANTHROPIC_API_KEY"] = "[[SECRET:sk-ant-api03-Tjfdt8I5OSQJU8pF9xjWeBS-9tiKGzBXDXSqtICO697d2_DTytmHKQbfybd-vXIgFwUNcmNc16zxFhb5-pCHGv-3xFvg6AA]]"
os.environ["HF_TOKEN"] = "[[SECRET:hf_upaRkwUMWfEjeWwzwu22K0il56uAT4PROJ]]"
client = anthropic.Anthropic()

(I'm on the free tier if that matters)`,

  // US car rental: one-line SMS, lowercase name
  `hey its [[PERSON:jade]] 🙈 running 10 min late for the pickup, flight got in late. still ok? conf RR-77K-1120`,

  // UK vet: WhatsApp message; Dr Rose is the vet, Rusty the dog
  `Hi Dr [[PERSON:Rose]], Rusty ate a sock again 😩😩 he's being sick in the garden. can u call me on [[PHONE:07913 552 048]] pls, its [[PERSON:Tasha]] (Rusty's mum lol)`,

  // Malaysian food delivery: rider SMS (Malay)
  `Bang, saya dah sampai depan rumah. [[STREET_ADDRESS:No 12, Jalan SS 2/24, 47300 Petaling Jaya]] kan? Pagar kunci. Call [[PHONE:011-2874 9930]] — [[PERSON:Hafiz]] (rider)`,

  // Kenyan water utility: SMS to customer care (Swahili)
  `Habari, mimi ni [[PERSON:Amani Chepkoech]], nimelipa bili ya maji ya Machi kwa M-Pesa, namba ya akaunti 0041-22817, lakini risiti haijafika. Nipigie [[PHONE:0712 448 390]]. Asante`,

  // Brazilian wedding: WhatsApp between friends, lowercase nicknames, an address and a PIX e-mail
  `oi [[PERSON:ju]]!! 💍 a [[PERSON:bia]] pediu pra mandar o endereço da chácara pros padrinhos: [[STREET_ADDRESS:Estrada Municipal do Capivari, 2200, Campos do Jordão - SP, 12460-000]]
e o pix da lista de presentes é o email dela [[EMAIL:beatriz.nogueira.ramos@gmail.com]] 🎁 bjs`,

  // Colombian gym: WhatsApp to a spinning instructor, lowercase names
  `hola profe [[PERSON:ferney]] 🙋‍♀️ no puedo ir a la clase de spinning de las 6 hoy 😓 me cambias pa mañana? gracias!! — [[PERSON:valentina]]`,

  // Thai hotel: LINE message
  `สวัสดีค่ะ ดิฉัน[[PERSON:กมลวรรณ]] จองห้องไว้คืนวันศุกร์ค่ะ จะถึงประมาณสี่ทุ่ม ฝากบอกพนักงานด้วยนะคะ เบอร์ [[PHONE:089 214 7756]] ค่ะ 🙏`,

  // Turkish food delivery: note to the courier
  `Kurye bey, adres [[STREET_ADDRESS:Bağdat Caddesi No: 214 D: 7, Caddebostan, 34728 Kadıköy/İstanbul]]. Lütfen zili çalmayın bebek uyuyor, gelince [[PHONE:0533 712 48 09]]'u arayın 🙏 [[PERSON:Selin]]`,

  // Egyptian pharmacy: WhatsApp (Arabic)
  `صباح الخير يا دكتور، أنا [[PERSON:منى عبد الرحمن]]، الروشتة جاهزة؟ ابني [[PERSON:يوسف]] هييجي ياخدها الساعة ٦. رقمي [[PHONE:0100 482 7713]] لو في أي حاجة`,

  // Indian car service: SMS (Hindi)
  `नमस्ते, मैं [[PERSON:सुनील यादव]] बोल रहा हूँ। मेरी गाड़ी की सर्विस कब तक हो जाएगी? गाड़ी नंबर MH 12 KT 4471. कृपया [[PHONE:98604 21773]] पर कॉल करें।`,

  // UK repair shop: SMS; bill as a name and as a word
  `hi [[PERSON:bill]], your car's ready 🚗 £312.40 inc VAT, you can pay the bill at the desk or by card on collection. new brake pads + MOT pass. — [[PERSON:mark]] @ Fenwick Motors`,

  // German vet practice: SMS reminder; Bello is the dog
  `Hallo Frau [[PERSON:Albrecht]], Ihr Termin in der Tierarztpraxis ist morgen um 9:30. Bitte den Impfpass von Bello mitbringen. Rückfragen gern direkt an mich: [[PHONE:0151 42718830]] – [[PERSON:Jana Albers]], Praxisteam`,

  // Dutch wedding: WhatsApp, lowercase names
  `hoi [[PERSON:sandy]]! ben je er zaterdag bij de bruiloft van [[PERSON:daan]] & [[PERSON:lotte]]? de bus vertrekt om 13u vanaf het station in [[LOCATION:zwolle]] 🚌 laat ff weten!`,

  // Italian pharmacy: SMS and reply
  `Gentile sig. [[PERSON:Ferri]], il farmaco ordinato è arrivato ed è disponibile in farmacia fino a sabato. Farmacia San Marco
> ok grazie, passa mia moglie [[PERSON:Antonella]] domani mattina. [[PERSON:Piero Ferri]]`,

  // Korean wedding: KakaoTalk between friends (vocative suffix after the name)
  `[[PERSON:민지]]야 ㅋㅋ 웨딩홀 계약금 보냈어? 플래너님이 오늘까지래 😱 [[PERSON:지훈]]이 오빠 번호 [[PHONE:010-3392-7716]] 이거 맞지?`,

  // Japanese gym: LINE message between friends (honorific suffix outside)
  `[[PERSON:たけし]]くん、明日のジム何時に行く？わたしは7時ごろ〜 ロッカーの鍵なくしたから受付で聞いてみるね 🔑`,

  // Chinese vet: WeChat message; Doudou is the dog
  `[[PERSON:小雨]]，宠物医院说豆豆明天下午就可以接回家了🐶 你下班顺路去接一下吧，地址发你：[[STREET_ADDRESS:上海市徐汇区天钥桥路580弄7号502室]] 是我妈家，钥匙在她那儿`,

  // Québec utility: SMS between neighbours (French Canadian)
  `Allo, c'est [[PERSON:Maxime]] du 3e 👋 la panne d'Hydro est réglée chez vous? Mon compteur affiche encore rien. Texte-moi au [[PHONE:418 692-3318]] si tu as des nouvelles`,

  // Greek water bill: message to the building manager
  `Καλησπέρα, είμαι η [[PERSON:Δέσποινα Μαυρίδου]] από τον 3ο. Ο λογαριασμός νερού έχει λάθος ένδειξη, γράφει 412 κυβικά αντί για 41,2. Τηλέφωνο [[PHONE:697 441 2083]]. Ευχαριστώ!`,

  // Czech wedding cake order: SMS
  `Dobrý den, tady [[PERSON:Petra Nováková]], objednávala jsem svatební dort na sobotu 12. 4. Můžeme změnit náplň na malinovou? Doručení na [[STREET_ADDRESS:Údolní 53, 602 00 Brno]]. Tel. [[PHONE:777 214 390]]`,

  // Danish library: SMS notification
  `Hej [[PERSON:Sofie Lindholm]]! Dit lån "Ternet Ninja" skal afleveres i morgen. Forny på bibliotek.dk eller i appen. Venlig hilsen Biblioteket`,

  // Norwegian gym: lowercase message to staff
  `hei! det er [[PERSON:kristian]] 😅 glemte adgangskortet hjemme, kan noen i resepsjonen slippe meg inn? medlemsnr 441882. ringer fra [[PHONE:+47 913 04 772]]`,

  // Finnish car service: SMS
  `Moi, [[PERSON:Jari Heikkinen]] tässä. Auto on teillä huollossa, rekisteri KLM-418. Voinko hakea sen jo tänään klo 16? Numero [[PHONE:050 441 8273]]`,

  // Ukrainian vet: Viber message; Barsyk is the cat
  `Доброго дня! Це [[PERSON:Тарас Бондаренко]], власник кота Барсика. Чи можна перенести щеплення на п'ятницю? Мій номер [[PHONE:+380 93 771 2046]]`,

  // Iranian electricity bill: SMS (Persian)
  `سلام، [[PERSON:علی رضایی]] هستم. قبض برق این ماه دو برابر شده، لطفاً کنتور رو دوباره بخونید. شماره تماس [[PHONE:0935 218 4470]]`,

  // Spanish wedding planning: WhatsApp
  `[[PERSON:Maite]], el DJ confirma para el 7 de junio 🎶 me pasas el móvil de tu hermano [[PERSON:Íñigo]] para lo del discurso? el mío es [[PHONE:655 902 318]] por si lo pierdes — [[PERSON:Arantxa]]`,

  // Bangladeshi food delivery: SMS (Bengali)
  `ভাই, আমি [[PERSON:রাকিব]]। বাসার ঠিকানা [[STREET_ADDRESS:বাড়ি ২৭, রোড ১১, ধানমন্ডি, ঢাকা ১২০৯]]। গেটে দারোয়ানকে বলবেন ৪ তলা। নাম্বার [[PHONE:01819-227340]]`,

  // Pakistani immigration consultant: WhatsApp (Urdu)
  `السلام علیکم، میں [[PERSON:عائشہ ملک]] ہوں۔ میرے ویزا کے کاغذات تیار ہیں؟ میری تاریخ پیدائش [[DATE_OF_BIRTH:12-08-1995]] ہے، فارم میں غلط لکھی گئی ہے۔ فون [[PHONE:0321 4478120]]`,

  // South African event tickets: transfer message between friends
  `Hey [[PERSON:Lindiwe]], transferring my 2 tickets for Saturday's show to you now 🎟️ they'll arrive at [[EMAIL:lindiwe.zulu@gmail.com]] — if not, ping me on [[PHONE:+27 82 771 4039]]. [[PERSON:Dineo]]`,

  // Japanese event ticketing: chatbot conversation where the user types a JCB card number
  `ユーザー：チケットの支払いがエラーになります。カード番号 [[CREDIT_CARD:3566 0967 8613 0128]] 有効期限 04/28 で合ってますか？名義は[[PERSON:ナカムラ ユウキ]]です
アシスタント：カード番号はチャットに入力しないでください。安全のため、決済画面から再度お試しください。公演日は2025年5月17日（土）、S席2枚・合計18,400円です。
ユーザー：わかりました。確認メールは [[EMAIL:yuki.nakamura0517@gmail.com]] に送ってください`,

  // Canadian car repair shop: customer e-mails a card for the deposit
  `Subject: deposit for the transmission job

Hi [[PERSON:Rusty]],

Go ahead with the rebuild on the Tacoma. For the 50% deposit you can put it on my Mastercard: [[CREDIT_CARD:2223 4548 7757 0172]], exp 02/28, name [[PERSON:Colleen MacIsaac]]. I'll pay the rest on pickup.

If anything else comes up call me at [[PHONE:(902) 441-8837]] — I'm in [[LOCATION:Dartmouth]] until Friday.

Thanks,
[[PERSON:Colleen]]`,

  // Chinese hotel: guest pastes a UnionPay card number in a WeChat-style chat
  `客人：你好，我想预订3月28日到30日的大床房两晚，[[PERSON:陈思远]]，手机[[PHONE:139 2018 4475]]。
客服：好的[[PERSON:陈]]先生，请问需要担保吗？
客人：用这张银联卡担保吧 [[CREDIT_CARD:6250 1723 7613 3113]]，有效期 09/27。
客服：为了您的账户安全，请不要在聊天中发送完整卡号，我们会发送支付链接到您的手机。`,

  // UK airline: long multi-turn chat as JSON, with a manage-booking URL carrying the surname and PNR
  `{
  "session": "air-chat-55120",
  "messages": [
    {"role": "system", "content": "You are Skye, Skylark Air's assistant. Verify the booking before making changes. Fees: same-day change £45, name correction free within 24h."},
    {"role": "user", "content": "hi, need to move my flight tomorrow to a later one"},
    {"role": "assistant", "content": "Happy to help! Could you give me your booking reference and the lead passenger's surname?"},
    {"role": "user", "content": "X7QK2M, surname [[PERSON:Okoro-Brown]]"},
    {"role": "assistant", "content": "Thanks. I can see a booking for [[PERSON:Chinedu Okoro-Brown]] and [[PERSON:Jade Okoro-Brown]] from [[LOCATION:Manchester]] to [[LOCATION:Belfast]] tomorrow at 07:10 (flight SK 302). Which passenger is travelling?"},
    {"role": "user", "content": "both of us. can we go on the 18:40 instead"},
    {"role": "assistant", "content": "The 18:40 (SK 308) has seats. The change fee is £45 per passenger plus a fare difference of £12, so £114 in total. Shall I go ahead?"},
    {"role": "user", "content": "yes go ahead. and put my new mobile on it, [[PHONE:+44 7956 310 884]]"},
    {"role": "assistant", "content": "Done — you're both on SK 308 at 18:40. Payment of £114 will be taken from the card ending 0172. The updated itinerary is on its way to [[EMAIL:c.okorobrown@gmail.com]]."},
    {"role": "user", "content": "cheers. the email link says expired tho"},
    {"role": "assistant", "content": "Sorry about that! Here's a fresh link: [[URL:https://www.skylark-air.com/manage?pnr=X7QK2M&lastName=Okoro-Brown&email=c.okorobrown%40gmail.com]]"},
    {"role": "user", "content": "works now. also my wife [[PERSON:Jade]] needs a wheelchair at [[LOCATION:Belfast]], she broke her ankle"},
    {"role": "assistant", "content": "I've added wheelchair assistance (WCHR) for [[PERSON:Jade Okoro-Brown]] at both airports. Please arrive at least 2 hours before departure and go to the assistance desk."},
    {"role": "user", "content": "thanks skye 👍"}
  ]
}`,
];

const NEGATIVES: readonly string[] = [
  // energy FAQ chat as JSON; the bot is called Penny
  `[
 {"role":"system","content":"You are Penny, the friendly assistant for a prepaid energy provider. Answer questions about tariffs and top-ups. Never ask for card numbers in chat."},
 {"role":"user","content":"whats the difference between the standard and the economy 7 tariff"},
 {"role":"assistant","content":"Economy 7 gives you 7 hours of cheaper electricity overnight (usually 00:30–07:30) at 14.2p/kWh, and 31.9p/kWh the rest of the day. Standard is one flat rate of 24.5p/kWh. Both have a standing charge of 53.35p per day."},
 {"role":"user","content":"ok and if i top up £20 how many days is that roughly"},
 {"role":"assistant","content":"It depends on your usage, but a typical one-bed flat uses about 7–8 kWh a day, so £20 would last roughly 9–11 days including the standing charge. Penny tip: top up before the weekend, when the shops may be closed!"}
]`,

  // food delivery chat log with only an order number
  `Customer: hi my order FD-448120 never arrived, it says delivered at 19:42
Agent: Sorry about that! The courier marked it delivered at 19:42. Could it have been left at a reception desk or with a neighbour?
Customer: no. nothing at the door
Agent: I've issued a full refund of 23.80 to the original payment method; it should appear in 3–5 working days. I've also flagged the delivery for review.
Customer: ok thanks. also the app keeps logging me out
Agent: Please update to version 7.4.2 — that release fixes the session timeout bug.`,

  // vet clinic system prompt with a price list; the bot persona is Biscuit
  `SYSTEM PROMPT
You are Biscuit, the booking assistant of a small-animal veterinary practice. Be warm and brief. You cannot give medical advice; for emergencies tell the owner to call the practice's emergency line.

Price list (2025):
- Consultation (15 min): 48.00
- Annual booster (dog): 62.00 | (cat): 58.00
- Microchip: 25.00
- Nail clip: 12.00 (free with a consultation)
- Neutering, cat (male): 95.00 | (female): 140.00
Opening hours: Mon–Fri 08:00–19:00, Sat 09:00–13:00, Sun closed.
Never book more than two appointments per pet per day.`,

  // library RAG chunk: loan rules
  `<context source="policies/loans.md" chunk="1/3">
Loan periods: books 3 weeks, DVDs and games 1 week, magazines 1 week (back issues only). Each item may be renewed twice unless another member has reserved it.
Charges: no overdue fines for children's items. Adult items: 0.20 per day, up to 6.00 per item. Lost items are charged at replacement cost plus a 3.00 processing fee.
Reservations: 0.50 each, free for members over 65 and for items in the "Reading Well" collection.
</context>`,

  // order lookup tool result with customer fields redacted
  `tool_call: get_order({"order_id": "PHX-2025-118204"})
tool_result:
{"order_id":"PHX-2025-118204","status":"PACKED","customer":"[REDACTED]","items":[{"sku":"OTC-PARA-500-16","name":"Paracetamol 500 mg, 16 tablets","qty":2,"unit_price":1.29},{"sku":"VIT-D3-1000-90","name":"Vitamin D3 1000 IU, 90 softgels","qty":1,"unit_price":8.49},{"sku":"SUN-SPF50-200","name":"Sun cream SPF 50, 200 ml","qty":1,"unit_price":11.99}],"subtotal":23.06,"shipping":0,"tracking":"JD014600008812345678","eta":"2025-03-15"}`,

  // flight status tool result with no passenger data and no airports named
  `function: flight_status(flight="SK 614", date="2025-03-22")
result: {"flight":"SK 614","status":"DELAYED","scheduled_departure":"14:05","estimated_departure":"15:20","terminal":"2","gate":"B14","aircraft":"A320neo","reason":"late inbound aircraft","baggage_belt":null,"updated":"2025-03-22T12:48:10Z"}`,

  // pharmacy voice transcript with no caller details
  `agent: good morning pharmacy help line how can i help
caller: hi yeah just wondering what time you close on sundays
agent: we're open ten till four on sundays and bank holidays
caller: and can i get the flu jab without booking
agent: walk ins are fine on weekdays but on weekends it's booking only you can book on the app
caller: great thanks bye`,

  // gym newsletter with class names made of word-names
  `Subject: March timetable is live 💪

New this month:
• Rusty Joints Mobility — gentle 30-minute session, Tue & Thu 10:00
• Honey Badger HIIT — 45 minutes of intervals, Mon/Wed/Fri 18:30
• Amber Zone Cycling — heart-rate training, Sat 09:00
• Sandy Core — pilates on the mat, Sun 11:00

Members on the Flex plan get 2 guest passes this month. Frank feedback welcome: reply to this e-mail or use the form in the app.
Unsubscribe in the app under Settings → Notifications.`,

  // pharmacy OTC catalog CSV
  `sku,name,pack,price,vat_rate,stock
OTC-IBU-200-24,Ibuprofen 200 mg,24 tablets,2.19,0,412
OTC-LOR-10-30,Loratadine 10 mg,30 tablets,3.49,0,188
SKN-ALOE-250,Aloe vera gel,250 ml,4.99,20,76
BBY-NAPPY-S4-44,Nappies size 4,44 pack,9.50,0,52
HNY-LEM-LOZ-36,Honey & lemon lozenges,36 lozenges,2.79,20,301
DEN-FLOSS-50,Dental floss mint,50 m,1.99,20,140`,

  // water meter reading sheet with meter numbers only
  `meter_no\troute\tread_date\tprevious\tcurrent\tconsumption_m3\tflag
WM-448120\tR14\t2025-03-03\t3214\t3260\t46\t
WM-448121\tR14\t2025-03-03\t1877\t1902\t25\t
WM-448139\tR14\t2025-03-03\t5410\t5411\t1\tLOW – possible stuck meter
WM-448140\tR14\t2025-03-03\t2290\t2347\t57\t
WM-448152\tR15\t2025-03-04\t0918\t0987\t69\tESTIMATED – no access`,

  // ticket tiers markdown table
  `| Tier | Price | Includes | Available |
|---|---|---|---|
| Early Bird | 39.00 | Standing, 1 drink token | Sold out |
| General | 55.00 | Standing | 1,204 left |
| Golden Circle | 95.00 | Front standing, fast-lane entry | 86 left |
| VIP Lounge | 180.00 | Seated lounge, buffet, merch pack | 12 left |
Booking fee 2.50 per ticket. Doors 18:30, first act 19:30, curfew 23:00. No re-entry.`,

  // service logs without user data or IPs
  `2025-03-14T09:12:01.114Z INFO  [booking-api] GET /v1/rooms?from=2025-04-01&to=2025-04-03 200 38ms req=9f21ac
2025-03-14T09:12:01.902Z INFO  [booking-api] POST /v1/holds 201 112ms req=9f21ad hold=HLD-88120 ttl=900s
2025-03-14T09:12:02.410Z WARN  [pricing] rate cache miss for plan=BAR-FLEX, recomputing (41 rows)
2025-03-14T09:12:03.007Z INFO  [booking-api] POST /v1/bookings 201 244ms req=9f21ae booking=SH-88121
2025-03-14T09:12:03.551Z ERROR [notifier] template "confirmation_v7" missing key "checkin_time"; falling back to v6`,

  // stack trace with no user data
  `Traceback (most recent call last):
  File "/srv/meters/ingest.py", line 141, in parse_batch
    reading = int(row["current"])
ValueError: invalid literal for int() with base 10: '3 260'

During handling of the above exception, another exception occurred:

  File "/srv/meters/ingest.py", line 147, in parse_batch
    raise BatchError(f"row {idx}: bad reading")
meters.errors.BatchError: row 3: bad reading`,

  // delivery SMS with a plain public help URL
  `Your order #A4471 is out for delivery 🚚 Expected between 14:00 and 16:00. Need to change something? Visit https://www.fastbite.app/help — Reply STOP to opt out.`,

  // German utility notice: price change
  `Preisanpassung zum 1. April 2025

Sehr geehrte Kundin, sehr geehrter Kunde,

aufgrund gestiegener Netzentgelte passen wir den Arbeitspreis für Strom von 32,90 ct/kWh auf 34,10 ct/kWh an. Der Grundpreis bleibt mit 12,50 € pro Monat unverändert. Sie haben ein Sonderkündigungsrecht bis zum Inkrafttreten der Änderung.

Ihr Kundenservice`,

  // French library notice: opening hours
  `Horaires d'ouverture de la médiathèque à partir du 3 mars : mardi et jeudi de 13 h à 19 h, mercredi et samedi de 10 h à 18 h, vendredi de 13 h à 18 h. Fermeture le lundi et le dimanche. Les retours restent possibles 24 h/24 dans la boîte extérieure. L'atelier « Heure du conte » a lieu chaque mercredi à 10 h 30 (dès 4 ans, gratuit).`,

  // Spanish event ticket terms
  `Condiciones de compra: las entradas no son reembolsables salvo cancelación del evento. En caso de aplazamiento, las entradas serán válidas para la nueva fecha o podrá solicitar el reembolso en un plazo de 15 días. Gastos de gestión: 1,75 € por entrada. Menores de 16 años, acompañados de un adulto. Apertura de puertas: 20:00 h.`,

  // Japanese hotel amenities notice
  `【館内のご案内】
大浴場：15:00〜24:00／翌朝6:00〜10:00
朝食：7:00〜9:30（1階レストラン、ビュッフェ形式）
チェックアウト：11:00（延長は1時間ごとに1,500円）
Wi-Fi：全館無料。ネットワーク名とパスワードはお部屋のカードをご覧ください。
お困りの際はフロント（内線9番）までお気軽にどうぞ。`,

  // Arabic pharmacy notice: Ramadan hours
  `تنبيه: مواعيد عمل الصيدلية خلال شهر رمضان من الساعة 10 صباحاً حتى 4 عصراً، ومن 9 مساءً حتى 2 بعد منتصف الليل. خدمة التوصيل متاحة طوال ساعات العمل، والحد الأدنى للطلب 50 ريالاً. يرجى إحضار الوصفة الطبية الأصلية عند الاستلام.`,

  // paint catalog full of word-names
  `Interior emulsion — spring colour card
- Rose Quartz (RQ-112): soft pink with a grey undertone
- Jade Mist (JM-408): pale green, pairs well with oak
- Honey Glow (HG-220): warm yellow for north-facing rooms
- Sandy Dune (SD-301): a neutral beige, our best seller
- Amber Ember (AE-517): burnt orange accent shade
- Penny Copper (PC-609): metallic finish, feature walls only
- Rusty Gate (RG-710): deep red-brown
- Brook Blue (BB-815): cool, calm blue for bathrooms
All colours: 2.5 L 24.99, 5 L 39.99. Coverage about 13 m² per litre.`,

  // car repair quote line items
  `QUOTE Q-2025-0319 (valid 14 days)
Front brake discs and pads (pair) ............ 186.00
Rear brake pads ................................ 74.50
Brake fluid replacement ........................ 45.00
Labour 2.5 h @ 68.00/h ........................ 170.00
Subtotal ....................................... 475.50
VAT 20% ......................................... 95.10
Total .......................................... 570.60
Note: rusty caliper bolts may need replacing (+18.00 each if seized). Courtesy car available on request.`,

  // Brazilian airline baggage policy (Portuguese)
  `Franquia de bagagem: tarifa Light inclui apenas 1 item pessoal (até 10 kg, 45 × 35 × 20 cm). Tarifas Plus e Top incluem 1 mala despachada de até 23 kg. Bagagem extra: R$ 160,00 por trecho na compra antecipada ou R$ 240,00 no aeroporto. Animais de pequeno porte viajam na cabine mediante reserva prévia e taxa de R$ 350,00.`,

  // Italian online course syllabus
  `Programma del corso "Excel per la contabilità" (6 settimane)
Settimana 1 – Formattazione, riferimenti assoluti e relativi
Settimana 2 – Funzioni SE, CERCA.VERT e INDICE/CONFRONTA
Settimana 3 – Tabelle pivot e filtri avanzati
Settimana 4 – Grafici e dashboard
Settimana 5 – Macro di base
Settimana 6 – Progetto finale e quiz (soglia di superamento: 70%)
Durata stimata: 4 ore a settimana. Attestato rilasciato al completamento.`,

  // immigration document checklist, generic
  `Checklist – visitor visa application
[ ] Valid passport (at least 6 months beyond your planned stay, 2 blank pages)
[ ] Two recent photos, 35 × 45 mm, white background
[ ] Bank statements for the last 3 months
[ ] Proof of accommodation for the whole stay
[ ] Return or onward ticket reservation
[ ] Letter from your employer or school confirming leave
[ ] Fee receipt (non-refundable)
Biometrics are collected at the visa application centre. Processing time: usually 15 working days.`,

  // Dutch pension fund quarterly update
  `Kwartaalbericht pensioenfonds – Q4 2024
De dekkingsgraad steeg van 112,4% naar 115,1%. Het rendement over 2024 bedroeg 8,7%, waarvan 11,2% op aandelen en 2,1% op obligaties. De premie blijft in 2025 gelijk. Per 1 januari worden de pensioenen verhoogd met 1,9%. Vragen? Log in op de deelnemersportal of bekijk de veelgestelde vragen.`,

  // wedding package pricing with names used as words
  `Wedding packages 2025
Silver — ceremony décor, bouquet and 4 buttonholes, 6-hour coordination: 2,400
Gold — Silver + reception styling, candles and table plans: 3,900
Platinum — Gold + rehearsal day, vendor management, day-after brunch: 5,600
Add-ons: rose-petal aisle 180; amber uplighting 240; honey-jar favours 3.50 each.
Let's be frank about the bill: a 30% deposit secures the date, the balance is due 6 weeks before. Mark your calendar — we book up fast for summer Saturdays.`,

  // car rental fleet list with brands named after people
  `Fleet available this weekend
Group A – Fiat 500 or similar, manual, 4 seats: 31/day
Group B – Ford Focus or similar, automatic: 44/day
Group D – Mercedes-Benz C-Class or similar: 89/day
Group F – Porsche Macan or similar: 165/day
Group V – Ford Transit Custom (9 seats): 112/day
Extras: child seat 8/day, snow chains 15/rental, additional driver 9/day. Fuel policy: full to full.`,

  // ticketing chat as JSON with the bot persona Sandy
  `[
  {"role":"system","content":"You are Sandy, the ticket assistant. Do not ask for payment details."},
  {"role":"user","content":"my tickets for order TKT-55817 still haven't arrived"},
  {"role":"assistant","content":"Sorry about that! Tickets for order TKT-55817 are released 48 hours before doors, so they'll appear in your account on Thursday at 18:30. You don't need to do anything."},
  {"role":"user","content":"ok thanks sandy"}
]`,

  // Korean, Chinese and Thai short notices
  `[공지] 3월 15일(토) 02:00~06:00 시스템 점검으로 수강 신청 및 결제가 일시 중단됩니다. 이용에 불편을 드려 죄송합니다.
【通知】本店将于3月20日起调整营业时间：周一至周五 9:00–21:00，周末 10:00–20:00。会员积分规则不变。
ประกาศ: ฟิตเนสปิดปรับปรุงพื้นที่สระว่ายน้ำวันที่ 18–20 มีนาคม ขออภัยในความไม่สะดวก`,

  // hotel invoice without guest details
  `INVOICE INV-2025-004417
Room 412, Deluxe King, 3 nights @ 129.00 .......... 387.00
City tax 3 × 2.50 ..................................... 7.50
Minibar ............................................... 14.20
Breakfast 2 × 2 × 16.00 ............................... 64.00
Total ................................................ 472.70
Paid by card ending 0522 on 2025-03-11. Thank you for staying with us!`,

  // online course certificate reminder with placeholders
  `Hi {{first_name}},

You're 2 lessons away from your certificate in "Bookkeeping Basics"! Finish by {{deadline}} to keep your 20% discount on the next course.
→ Resume lesson: https://learn.skillforge.io/resume

Questions? Our help centre is open 24/7. You're receiving this because you enrolled in a course. Manage e-mail preferences in your account settings.`,
];

export function heldout15(): LabeledDoc[] {
  return [
    ...POSITIVES.map((src, i) => parseMarkup(`h15-p${i + 1}`, 'heldout15', src)),
    ...NEGATIVES.map((src, i) => parseMarkup(`h15-n${i + 1}`, 'heldout15-negative', src, true)),
  ];
}
