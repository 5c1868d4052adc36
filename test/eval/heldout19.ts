/**
 * Held-out set 19: hand-labeled texts plus hard negatives, written blind (without looking at the detector, at the
 * scorer or at the other evaluation sets; only markup.ts and the first 45 and last 10 lines of heldout16.ts were
 * read, to copy the file's shape). No detector, eval or test was run on these texts before this set's first scoring.
 * Genres: plain, everyday customer-support traffic that a US / UK / Canada / Australia / India / Nigeria /
 * Philippines based SaaS or e-commerce company receives through an LLM support bot — short chat turns, tickets,
 * e-mails with signatures, order / refund / account problems, delivery issues, subscription billing, account
 * recovery, bank-card disputes and appointment changes. Languages: mostly English; about a fifth of the positives
 * in Spanish, French, German, Portuguese or Hindi-English mix. Many given names are also ordinary words (Will, May,
 * Grace, Hope, Joy, Bill, Mark, Rose, Sunny, June, Summer, Chase, Hunter, Faith, Destiny) and the same words appear
 * as ordinary words nearby. The hard negatives are bot replies, agent macros, order / tracking / ticket numbers,
 * prices, product names with word-names ("Grace Chair", "Hunter boots") and dates that are not birth dates; they
 * contain no street addresses (not even companies'), no IP addresses and no person e-mails.
 * Conventions: titles and honorifics (Mr., Mrs, Dr., Sr., Sra.) and "'s" are outside PERSON spans; a full name is
 * one PERSON span; a first name or surname alone is a PERSON span; phone extensions are outside PHONE; a street
 * address span runs from the house number / unit to the postcode and city (and state / province written right
 * after); city / region / country outside an address span is LOCATION; country codes are not labeled; a URL
 * carrying personal values is one URL span; plain public URLs are not labeled; for `password: value` only the value
 * is SECRET; API keys and tokens are SECRET; DATE_OF_BIRTH only where the context says it is a birth date; partial
 * numbers ("card ending 3318") are not labeled; organizations, role mailboxes (support@, billing@), the bot's
 * persona name, order / tracking / ticket numbers and usernames are not labeled.
 */
import { parseMarkup, type LabeledDoc } from './markup.js';

const POSITIVES: string[] = [
  // 1 short chat, US
  `hi my order never showed up. name is [[PERSON:Will Garrity]], phone [[PHONE:(312) 847-2290]]. order #A-558120`,
  // 2 chat, name that is a word
  `Hi Penny here is the bot? I was told someone will call me back. This is [[PERSON:Grace]], my number is [[PHONE:0412 338 907]] — grace period on my plan ended yesterday and I got charged.`,
  // 3 UK delivery address
  `Parcel went to the wrong flat. Please redeliver to [[STREET_ADDRESS:Flat 4B, 27 Merrion Road, Leeds LS6 2QT]]. Thanks, [[PERSON:Hope Adeyemi]]`,
  // 4 card dispute
  `I did not make this purchase!! Card number [[CREDIT_CARD:4532 0198 7654 3215]], charged $249.99 on 3 Nov. Cardholder [[PERSON:Mark Ellison]]. Please reverse it and mark it as fraud.`,
  // 5 account recovery with DOB
  `Locked out of my account. Email on file is [[EMAIL:june.okafor88@gmail.com]], date of birth [[DATE_OF_BIRTH:14/06/1988]]. I can't get the reset code since I changed numbers in June.`,
  // 6 e-mail with signature, Canada
  `Hello,

I'd like to cancel my subscription before the renewal on Dec 1. Please confirm by email.

Regards,
[[PERSON:Summer Tremblay]]
[[STREET_ADDRESS:Unit 1208, 455 Granville St, Vancouver, BC V6C 1T1]]
Cell: [[PHONE:604-728-1943]]`,
  // 7 Nigeria
  `Good afternoon. My name is [[PERSON:Destiny Okonkwo]]. I paid for the blender since Tuesday and nobody has called. Reach me on [[PHONE:0803 456 7721]] or [[PHONE:+234 812 334 5590]]. Delivery to [[STREET_ADDRESS:14 Adeola Odeku Street, Victoria Island, Lagos]].`,
  // 8 Philippines
  `hello po, si [[PERSON:Joy Santos]] po ito. refund ko for the cancelled booking hindi pa dumating. gcash number [[PHONE:0917 845 2231]]. salamat po`,
  // 9 India
  `Sir I am [[PERSON:Rohan Mehta]] from [[LOCATION:Pune]]. Amount debited twice for order 40-99812. Registered mobile [[PHONE:+91 98450 12345]], email [[EMAIL:rohan.mehta.pune@yahoo.co.in]]. Kindly refund.`,
  // 10 SSN for tax form
  `For the 1099 you asked for: [[PERSON:Chase Whitaker]], SSN [[US_SSN:524-71-3398]], mailing address [[STREET_ADDRESS:8812 Old Mill Rd Apt 3, Columbus, OH 43215]].`,
  // 11 IP in pasted log
  `Someone logged into my account from somewhere weird. The security page shows:
2026-11-20 03:14:07 login ok ip=[[IP_ADDRESS:185.44.12.97]] device=Windows
2026-11-20 03:16:52 password changed ip=[[IP_ADDRESS:185.44.12.97]]
My usual IP is [[IP_ADDRESS:73.162.88.14]]. I'm in [[LOCATION:Denver]], never been to wherever that is.`,
  // 12 appointment change
  `Hey, need to move my appointment with Dr. [[PERSON:Faith Mbeki]] from Thursday to next week if possible. Best number is [[PHONE:(646) 209-3381]] ext. 12 during work hours. – [[PERSON:Bill]]`,
  // 13 nickname
  `its [[PERSON:Sunny]] again lol. the promo code still doesn't work, my acct email is [[EMAIL:sunny.k.patel@outlook.com]]`,
  // 14 IBAN refund UK
  `Please send the refund by bank transfer instead, my card expired. IBAN [[IBAN:GB27 BARC 2003 5388 4291 75]], account name [[PERSON:Rose Hartley]].`,
  // 15 Australia
  `G'day, item arrived smashed. Photos attached. [[PERSON:Hunter McCallum]], [[STREET_ADDRESS:2/19 Beach Rd, Bondi NSW 2026]], mob [[PHONE:+61 412 770 315]].`,
  // 16 May as name and month
  `My daughter [[PERSON:May]] placed the order in May using my card, I never agreed. I'm [[PERSON:Teresa Lin]], the account holder. Full card is [[CREDIT_CARD:5520331178456215]] if you need it to find the charge.`,
  // 17 API key pasted by developer customer
  `Your webhook keeps returning 401. Here's my config, key is [[SECRET:sk_live_51Nq8vXKf2aTzY7rUe0pLm3Wd9]] and the callback url is https://hooks.example-shop.io/orders. Can you check on your side?`,
  // 18 password in ticket
  `Bot asked me to confirm so: username wilbur_88, password: [[SECRET:Tulip!Rain2024]]. Please just reset it, I can't get in.`,
  // 19 URL with personal values
  `The unsubscribe link is broken: [[URL:https://mail.shopnest.com/unsub?email=mark.oduya%40gmail.com&name=Mark+Oduya]] — it just shows an error page.`,
  // 20 DOB in words
  `For verification: I was born on [[DATE_OF_BIRTH:3rd March 1979]], full name [[PERSON:Chidinma Joy Eze]], last 4 of card 7710.`,
  // 21 ticket form
  `Ticket form
Name: [[PERSON:Gregory Hale]]
Email: [[EMAIL:g.hale@hale-family.net]]
Phone: [[PHONE:+44 7912 345 678]]
DOB: [[DATE_OF_BIRTH:1992-11-07]]
Issue: charged for Premium after downgrading`,
  // 22 Spanish
  `Hola, soy [[PERSON:Lucía Fernández]]. Mi pedido no ha llegado a [[STREET_ADDRESS:Calle de Alcalá 148, 3º B, 28009 Madrid]]. Mi teléfono es [[PHONE:612 48 93 07]]. Gracias.`,
  // 23 Spanish Mexico with Sra.
  `Buenas tardes, llamo de parte de la Sra. [[PERSON:Esperanza Ruiz]], ella nació el [[DATE_OF_BIRTH:12 de agosto de 1955]] y necesita recuperar su cuenta. Su correo es [[EMAIL:esperanza.ruiz55@hotmail.com]].`,
  // 24 French
  `Bonjour, je m'appelle [[PERSON:Camille Dubois]]. J'ai été débitée deux fois pour l'abonnement annuel. Mon IBAN : [[IBAN:FR14 2004 1010 0505 0001 3M02 606]]. Merci de me rembourser.`,
  // 25 French Canada
  `Allô, c'est [[PERSON:Martin Gagnon]]. Ma commande devait arriver au [[STREET_ADDRESS:3450 rue Saint-Denis, app. 6, Montréal, QC H2X 3L3]] mais le livreur dit que personne n'a répondu. Cell: [[PHONE:514-882-6034]].`,
  // 26 German
  `Hallo, mein Name ist [[PERSON:Jonas Weber]], geboren am [[DATE_OF_BIRTH:21.04.1990]]. Ich komme nicht mehr in mein Konto, die E-Mail-Adresse lautet [[EMAIL:jonas.weber90@web.de]]. Bitte um Hilfe.`,
  // 27 German IBAN
  `Guten Tag, bitte erstatten Sie den Betrag auf mein Konto: [[IBAN:DE16 3704 0044 0532 0130 0021]], Kontoinhaberin [[PERSON:Sabine Hoffmann]]. Telefon [[PHONE:0171 4839 226]].`,
  // 28 Portuguese
  `Olá, sou o [[PERSON:Thiago Almeida]], de [[LOCATION:Porto]]. A encomenda chegou danificada. Podem devolver o dinheiro para o IBAN [[IBAN:PT76 0007 0000 0012 3456 7892 3]]? Telemóvel [[PHONE:912 345 678]].`,
  // 29 Hinglish
  `bhai mera refund abhi tak nahi aaya, 10 din ho gaye. naam [[PERSON:Priya Sharma]], number [[PHONE:98201 44387]]. address [[STREET_ADDRESS:Flat 302, Sai Krupa Apartments, Andheri East, Mumbai 400069]]. jaldi karo please`,
  // 30 Hinglish 2
  `Hello ji, mera account band ho gaya hai. DOB [[DATE_OF_BIRTH:05-09-1985]] hai aur email [[EMAIL:anil.verma85@rediffmail.com]]. Mera naam [[PERSON:Anil Verma]], [[LOCATION:Lucknow]] se.`,
  // 31 billing email with signature block
  `Hi team,

We were billed for 12 seats but only use 8. Can you prorate? Invoice INV-20931.

Thanks,
[[PERSON:Rose]]

[[PERSON:Rosalind Kerr]] | Office Manager
Kerr & Lowe Dental
[[PHONE:(02) 9374 4000]] | [[EMAIL:rosalind@kerrlowedental.com.au]]`,
  // 32 chat with Will as name and verb
  `Will you be able to help? My husband [[PERSON:Will]] says the package was left at the neighbour's. We live at [[STREET_ADDRESS:77 Cedar Lane, Unit 5, Oakville, ON L6J 4B2]].`,
  // 33 AmEx dispute
  `Disputing a charge from your store. Amex [[CREDIT_CARD:3782 882246 31007]], exp 09/28. Name on card: [[PERSON:Hunter S. Blake]]. I returned the Hunter boots on 10/14 and was never credited.`,
  // 34 Discover phone order
  `agent note: cust [[PERSON:Faith Robinson]] called from [[PHONE:813-402-7719]], wants to pay balance with Discover [[CREDIT_CARD:6011-0044-3219-8766]]. verified DOB [[DATE_OF_BIRTH:July 2, 1968]].`,
  // 35 SSN for identity check
  `Why do you need my social?? fine: [[US_SSN:212-48-9061]]. I'm [[PERSON:Bill Nguyen]], [[STREET_ADDRESS:1450 Harbor Blvd #210, Costa Mesa, CA 92626]].`,
  // 36 Nigeria e-mail
  `Dear Sir/Ma,

Kindly assist. I ordered a phone on your site and was debited but the order shows failed. My details:
Name: [[PERSON:Blessing Adebayo]]
Phone: [[PHONE:0706 118 4492]]
Email: [[EMAIL:blessingadebayo@gmail.com]]

Thank you.
[[PERSON:Blessing]]`,
  // 37 Philippines email
  `Hi! I'm [[PERSON:Mary Grace Dela Cruz]] from [[LOCATION:Quezon City]]. I was charged PHP 1,299 twice for my subscription. Pls refund to my card. You can text me at [[PHONE:+63 917 662 0481]]. Thank you po!`,
  // 38 pasted error log with IP and email
  `Checkout fails every time, console shows:
POST /api/checkout 500 user=[[EMAIL:kwame.asante@protonmail.com]] client_ip=[[IP_ADDRESS:102.89.34.7]] err=card_declined_retry
Tried three times today.`,
  // 39 account recovery with security answers and token
  `I got this link in my email but it expired: [[URL:https://app.fitloop.com/reset?token=9f8c2e71b4a04d6e&email=joanne.price%40icloud.com]]. Can you send a new one? – [[PERSON:Joanne]]`,
  // 40 delivery note short
  `if nobody's home at dawn pls leave it with my neighbour Mrs [[PERSON:Patel]] at number 12. I'm [[PERSON:Dawn]], [[PHONE:07823 614 902]]`,
  // 41 UK address with postcode
  `Address for the replacement: [[PERSON:Oliver Bennett]], [[STREET_ADDRESS:Flat 9, 112 Holloway Road, London N7 8JE]]. Mobile [[PHONE:07700 182 435]].`,
  // 42 subscription
  `I signed up for the free trial on the 5th and you charged me £59.99 already. Account email [[EMAIL:hope.w@btinternet.com]]. I hope someone reads this. [[PERSON:Hope Williams]]`,
  // 43 Chase as name and bank
  `My bank (Chase) says the refund was never sent. I'm [[PERSON:Chase Morgan]], order 7781-22. Card [[CREDIT_CARD:4000 1234 5678 1238]]. Please send proof of refund to [[EMAIL:chasemorgan.tx@gmail.com]].`,
  // 44 appointment, Spanish US
  `Hola, necesito cambiar la cita de mi mamá, Sra. [[PERSON:Rosa Castillo]], fecha de nacimiento [[DATE_OF_BIRTH:02/11/1950]]. Mi número es [[PHONE:(305) 642-8817]]. Gracias, [[PERSON:Daniel]].`,
  // 45 French with DOB and address
  `Bonjour, ma carte a été débitée sans commande. [[PERSON:Élodie Martin]], née le [[DATE_OF_BIRTH:8 janvier 1994]], [[STREET_ADDRESS:12 rue des Lilas, 69003 Lyon]]. Tél. [[PHONE:06 72 18 45 90]].`,
  // 46 Hinglish with card and name word
  `Maine card se payment kiya tha, [[CREDIT_CARD:4111 1123 4567 8909]], par order cancel ho gaya. Please refund. Naam [[PERSON:Summer Kaur]] hai, [[LOCATION:Delhi]].`,
  // 47 tweet-like
  `@ShopNestHelp 3 weeks and still no refund. DM'd you my order. [[PERSON:Destiny]] from [[LOCATION:Houston]]`,
  // 48 account merge
  `Please merge my two accounts: [[EMAIL:mark.lee.1987@gmail.com]] and [[EMAIL:m.lee@leeplumbing.ca]]. Both are me, [[PERSON:Mark Lee]], born [[DATE_OF_BIRTH:Sept 30 1987]].`,
  // 49 Portuguese Brazil
  `Oi, aqui é a [[PERSON:Juliana Costa]]. Meu pedido não chegou em [[STREET_ADDRESS:Rua Augusta 1508, apto 42, São Paulo - SP, 01304-001]]. WhatsApp [[PHONE:+55 11 98765-4321]].`,
  // 50 multi-person family account
  `Hi, I'm the account owner [[PERSON:Grace Holloway]]. Please remove my ex [[PERSON:Hunter]] from the family plan and add my sister [[PERSON:June Holloway]] ([[EMAIL:juneholloway@gmail.com]]) instead.`,
  // 51 German with IP
  `Hallo, ich sehe Anmeldungen aus [[LOCATION:Brasilien]] von der IP [[IP_ADDRESS:177.54.146.23]]. Ich bin [[PERSON:Katrin Vogel]] und wohne in [[LOCATION:Hamburg]]. Bitte Konto sperren!`,
  // 52 SSN with DOB
  `Applying for store credit. [[PERSON:Jasmine Carter]], DOB [[DATE_OF_BIRTH:04/17/1996]], SSN [[US_SSN:387-29-6614]], phone [[PHONE:470-318-2256]].`,
];

const NEGATIVES: string[] = [
  // bot greeting
  `Hi there! I'm Penny, ShopNest's virtual assistant. I can help with orders, returns, refunds and billing. What can I do for you today?`,
  // tracking SMS
  `ShopNest: Your order #SN-448210 has shipped! Track it with tracking number 1Z 999 AA1 01 2345 6784. Expected delivery: Thu 27 Nov.`,
  // macro refund
  `Thanks for reaching out. I've processed a refund of $49.99 to your original payment method. Please allow 5–10 business days for it to appear. Your ticket number is #882014.`,
  // product names with word-names
  `Black Friday picks: the Grace Chair in oat linen ($349), Hunter boots (now £95), the Summer Breeze fan and the Rose Gold kettle. Will stock last? Probably not — order early!`,
  // subscription dates
  `Your Pro plan renews on 01/12/2026 for $19.00/month. Your trial started 18/11/2026. To cancel, go to Settings > Billing > Cancel plan.`,
  // agent macro account recovery
  `For your security, we can't change the email on an account via chat. Please use the "Forgot password" link on the sign-in page, or reply with your order number and we'll open a verification ticket.`,
  // order list
  `Order 40-99812 — 2 x Destiny Candle (Vanilla) — ₹1,198
Order 40-99813 — 1 x Joy Mug — ₹499
Order 40-99814 — 1 x Faith Journal — ₹650
Total paid: ₹2,347`,
  // policy text
  `Returns policy: items can be returned within 30 days of delivery. Sale items marked "Final" cannot be returned. Refunds are issued to the original card; we never ask for your full card number in chat.`,
  // bot reply about card ending
  `I can see a charge of $249.99 on the card ending 3318 from 3 Nov. I've flagged it for our disputes team (case DSP-55102). You'll hear back within 48 hours.`,
  // Spanish macro
  `Hola, gracias por contactarnos. Tu pedido #MX-77120 está en camino y llegará entre el 28 y el 30 de noviembre. Si necesitas algo más, responde a este mensaje.`,
  // French macro
  `Bonjour, votre remboursement de 39,90 € a été effectué le 22/11. Le délai d'affichage dépend de votre banque (3 à 5 jours ouvrés). Référence : RB-20931.`,
  // German macro
  `Hallo, vielen Dank für Ihre Nachricht. Ihre Rücksendung mit der Nummer RS-10482 ist bei uns eingegangen. Die Gutschrift erfolgt innerhalb von 7 Werktagen.`,
  // Hinglish bot
  `Namaste! Aapka refund ₹1,299 process ho gaya hai. 5-7 working days mein aapke account mein aa jayega. Ticket ID: IN-33019. Aur kuch help chahiye?`,
  // role mailbox auto-reply
  `This is an automated reply from support@shopnest.com. We've received your message and will respond within 24 hours. For billing questions, write to billing@shopnest.com.`,
  // appointment slots
  `Available slots next week: Mon 1 Dec 9:30, Tue 2 Dec 14:00, Fri 5 Dec 11:15. Reply with the slot you want and your booking reference (e.g. BK-7731).`,
  // word names in prose
  `We hope you enjoy your order! May your summer be full of joy, and if anything is wrong, just mark the item in the app and we will chase the courier for you. Faith in our service matters.`,
  // invoice without PII
  `Invoice INV-20931
Plan: Team (12 seats) — $240.00
Proration credit: -$80.00
Tax: $12.80
Amount due: $172.80 — due 15 Dec 2026`,
  // customer message with only order number
  `hi my parcel says delivered but i dont have it. order SN-448377. can you check with the courier please`,
  // Portuguese macro
  `Olá! O seu pedido PT-55810 foi entregue em 24/11. Se o produto chegou danificado, envie-nos uma foto pelo app e tratamos da troca.`,
  // release note
  `What's new in v4.2: faster checkout, Apple Pay on web, dark mode, and the new "Hope" gift-wrap option. Fixed: promo codes failing on orders over $500.`,
];

export function heldout19(): LabeledDoc[] {
  return [
    ...POSITIVES.map((src, i) => parseMarkup(`h19-p${i + 1}`, 'heldout19', src)),
    ...NEGATIVES.map((src, i) => parseMarkup(`h19-n${i + 1}`, 'heldout19-negative', src, true)),
  ];
}
