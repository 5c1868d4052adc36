/**
 * Context words: cues in the text just before (or after) a match that raise or lower its confidence.
 * Each list is compiled once into a regex anchored at the end (before) or the start (after) of a window.
 */

/** Compile cue phrases into one case-insensitive regex that matches when a cue ends the window. */
export function cueBefore(phrases: readonly string[]): RegExp {
  return new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${phrases.map(escapeCue).join('|')})[\\s:,=#"']{0,5}$`, 'iu');
}

/** Cue phrases anywhere in the window (a looser test for "near"). */
export function cueNear(phrases: readonly string[]): RegExp {
  return new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${phrases.map(escapeCue).join('|')})(?![\\p{L}])`, 'iu');
}

function escapeCue(p: string): string {
  return p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s_-]*');
}

/**
 * `a|b|c...` with the alternatives grouped by first letter, in their original order within a group:
 * `Street|St|Avenue|Ave` -> `S(?:treet|t)|A(?:venue|ve)`. At one position only alternatives with the same
 * first letter can match, so the first that succeeds (and every match and capture) is unchanged, but the
 * regex engine compares the first letter once. `caseless`: group letters case-insensitively (flag `i`).
 * Every alternative must start with a plain ASCII letter not followed by a quantifier.
 */
export function factorAlternation(alternatives: readonly string[], caseless: boolean): string {
  const groups = new Map<string, string[]>();
  for (const a of alternatives) {
    const first = a.charAt(0);
    if (!/^[A-Za-z]$/.test(first) || /^[?*+{]/.test(a.slice(1))) throw new Error(`factorAlternation: cannot group ${a}`);
    const key = caseless ? first.toLowerCase() : first;
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = []));
    g.push(a);
  }
  const out: string[] = [];
  for (const g of groups.values()) {
    const head = g[0] ?? '';
    out.push(g.length === 1 ? head : `${head.charAt(0)}(?:${g.map((a) => a.slice(1)).join('|')})`);
  }
  return out.join('|');
}

/** Text of up to `n` characters before `start`, not crossing more than one line break. */
export function windowBefore(text: string, start: number, n: number): string {
  const from = Math.max(0, start - n);
  return text.slice(from, start);
}

export function windowAfter(text: string, end: number, n: number): string {
  return text.slice(end, Math.min(text.length, end + n));
}

/** Words that say "the number nearby is not personal": identifiers of goods, orders and shipments. */
export const NUMBER_NEGATIVE = [
  'sku', 'order', 'order no', 'order number', 'order #', 'order id', 'po #', 'po#', 'po no', 'po number', 'p.o.', 'purchase order', 'tracking', 'tracking number',
  'tracking no', 'tracking #', 'invoice', 'invoice no', 'invoice #', 'inv', 'ticket', 'ticket #', 'case #', 'case no', 'case id', 'case ref',
  'ref', 'reference', 'ref no', 'confirmation', 'confirmation number', 'serial', 'serial number', 's/n', 'sn', 'part', 'part number',
  'part no', 'model', 'model no', 'item', 'item #', 'item no', 'build', 'version', 'ver', 'v', 'release', 'rma', 'batch', 'lot',
  'shipment', 'parcel', 'waybill', 'booking', 'reservation', 'transaction', 'txn', 'request id', 'req', 'id', 'isbn', 'upc', 'ean',
  'asin', 'product code', 'article', 'error', 'error code', 'code', 'port', 'pid', 'bug', 'issue', 'pr', 'pull request', 'commit',
  'quantity', 'qty', 'price', 'total', 'amount', 'usd', 'eur', 'gbp', 'kb', 'mb', 'gb',
] as const;

/** Words before a number that make it something other than a phone number (not used for cards and SSNs) */
export const PHONE_NEGATIVE = [
  ...NUMBER_NEGATIVE, 'acct', 'account', 'account no', 'account number', 'certificate', 'certificate number', 'consumer number',
  'account #', 'customer no', 'customer number', 'customer id', 'member', 'membership', 'policy', 'policy number', 'claim',
  'claim number', 'contract', 'contract number', 'case number', 'postcode', 'zip', 'zip code',
  // other languages: order, invoice, customer and case numbers ("Bestellung Nr.", "n.º de pedido", "commande n°")
  'nr', 'nr.', 'no.', 'nº', 'n°', 'n.º', 'bestellung', 'bestellnummer', 'bestellnr', 'kundennr', 'rechnungsnr', 'auftragsnr', 'vertragsnr', 'póliza', 'apólice', 'polizza', 'police', 'auftrag', 'auftragsnummer', 'rechnung', 'rechnungsnummer',
  'kundennummer', 'sendung', 'sendungsnummer', 'vorgang', 'aktenzeichen', 'pedido', 'factura', 'fatura', 'encomenda', 'commande',
  'facture', 'dossier', 'ordine', 'fattura', 'pratica', 'bestelling', 'bestelnummer', 'factuur', 'zamówienie', 'faktura', 'sipariş',
  'plz', 'cap', 'código postal', 'code postal', 'takip', 'takip numarası', 'beställning', 'ordernummer', 'tilaus', 'tilausnumero',
  'seguimiento', 'suivi', 'sendungsverfolgung', 'objednávka', 'comanda', 'comandă', 'zamówienia', 'numer zamówienia', 'rastreio',
  // national ids and account numbers that are no phones, coordinates, and order / tracking numbers in CJK
  'cpf', 'cnpj', 'rut', 'rfc', 'curp', 'abn', 'acn', 'nif', 'nie', 'dni', 'nuban', 'nhs', 'nhs no', 'nhs number',
  'applicant', 'application', 'lat', 'lng', 'lon', 'latitude', 'longitude', 'manifest', '송장번호', '주문번호', '운송장',
  '注文番号', '订单号', '运单号', '快递单号',
  // (Korean writes the topic or subject particle on: "송장번호는 6892-…")
  '송장번호는', '송장번호가', '주문번호는', '주문번호가', '운송장번호', '운송장번호는', '追跡番号', '伝票番号', '问题单号', '物流单号',
  '№', 'заказ', 'заказа', 'номер заказа', 'трек', 'трек-номер', 'накладная', 'παραγγελία', 'αριθμός παραγγελίας',
  // carriers: the number after one is a tracking number
  'fedex', 'ups', 'usps', 'dhl', 'tnt', 'dpd', 'gls', 'evri', 'hermes', 'royal mail', 'canada post', 'auspost', 'aramex',
  'purolator', 'correos', 'colissimo', 'chronopost', 'postnl', 'bpost', 'home delivery', 'ground',
  // personal codes and tax numbers of other countries, prescriptions, tracking in Swahili, bank account numbers
  'kennitala', 'personas kods', 'personal code', 'isikukood', 'asmens kodas', 'rodné číslo', 'rodne cislo', 'pesel', 'jmbg', 'egn', 'oib', 'emšo', 'amka',
  'afm', 'iin', 'иин', 'инн', 'snils', 'снилс', 'pinfl', 'tckn', 'tc kimlik', 'kimlik', 'cnp', 'bsn', 'personnummer', 'henkilötunnus', 'cpr',
  'itin', 'rx', 'rx#', 'rx #', 'ufuatiliaji', 'namba ya ufuatiliaji', 'a/c', 'acc', 'acc no', 'gtbank', 'nuban no',
] as const;

export const PHONE_POSITIVE = [
  'call', 'call me', 'call me at', 'reach me', 'reach me at', 'phone', 'phone number', 'tel', 'telephone', 'mobile', 'mob', 'cell',
  'cellphone', 'whatsapp', 'sms', 'text me', 'text me at', 'contact number', 'number is', 'landline', 'fax', 'ph', 'ring me',
  'ring me on', 'callback', 'call back', 'direct line', 'direct', 'office', 'm', 't', 'p', 'handy', 'téléphone', 'telefono', 'telefon', 'matkapuhelin', 'puhelin',
  'my number', 'your number', 'his number', 'her number', 'their number',
  '手机', '电话', '電話', '携帯', '연락처', '휴대폰', '전화', '핸드폰', 'โทร', 'هاتف', 'جوال', 'טלפון', 'τηλ', 'τηλέφωνο', 'κινητό',
  'телефон', 'тел', 'моб',
  // other languages and scripts ("celular", "no hp", "sđt", "फ़ोन", "মোবাইল", "موبائل", "נייד")
  'contacto', 'contato', 'kontakt', 'kontaktnummer', 'contact', 'alt no', 'alt. no', 'alt number', 'alternate number',
  'alternative number', 'tél', 'tél.', 'tel.', 'port.', 'mob.', 'cp', 'cp ko', 'mera number', 'mera no', 'mera phone',
  'mera mobile', 'ligar', 'ligue', 'me liga', 'llamar', 'llámame', 'llame', 'llamame', 'appeler', 'appelez', 'anrufen',
  'rufen sie', 'chiamare', 'chiamami', 'bellen', 'bel me', 'zadzwoń', 'call karo',
  'teléfono', 'telefone', 'telemóvel', 'telemovel', 'celular', 'móvil', 'movil', 'número de teléfono', 'portable',
  'cellulare', 'cell.', 'mobiel', 'mobil', 'mobilnummer', 'handynummer', 'rufnummer', 'festnetz', 'telefoonnummer',
  'komórka', 'komórkowy', 'numer telefonu', 'cep tel', 'cep telefonu', 'cep no', 'gsm', 'telp', 'no hp', 'no. hp',
  'nomor hp', 'no wa', 'nomor wa', 'tlf', 'tlfn', 'sđt', 'số điện thoại', 'điện thoại', 'simu', 'namba ya simu',
  'फ़ोन', 'फ़ोन', 'फोन', 'मोबाइल', 'ফোন', 'মোবাইল', 'فون', 'موبائل', 'تلفن', 'موبایل',
  'נייד', 'мобильный', 'мобільний', 'номер телефона', '携帯電話', '電話番号', '전화번호', 'เบอร์',
] as const;

export const SSN_POSITIVE = ['ssn', 'social security', 'social security number', 'social', 'ss#', 'ss #', 'ss no', 'tin', 'taxpayer id', 'itin'] as const;

export const CARD_POSITIVE = ['card', 'credit card', 'debit card', 'visa', 'mastercard', 'amex', 'cc', 'card number', 'card no', 'pan'] as const;

export const DOB_POSITIVE = [
  'né(e)', 'né(e) le', 'née', 'cumple', 'cumpleaños', 'mi cumple', 'nací', 'naci', 'nací el', 'ipinanganak', 'kaarawan',
  'kapanganakan', 'petsa ng kapanganakan', 'doğdum', 'urodziłem', 'urodziłam', 'sono nato', 'sono nata', 'mon anniversaire',
  'born', 'born on', 'born in', 'dob', 'd.o.b', 'd.o.b.', 'date of birth', 'birth date', 'birthdate', 'birthday', 'bday', 'b-day',
  'geburtsdatum', 'date de naissance', 'fecha de nacimiento', 'birth',
  // other languages: "né le", "nata il", "nacido el", "geb.", "ur.", "doğum tarihi"
  'né le', 'née le', 'nato il', 'nata il', 'nacido el', 'nacida el', 'nacido', 'nacida', 'nascido em',
  'nascida em', 'nació', 'nació el', 'nacio', 'născut', 'născută', 'născut la data de', 'născută la data de', 'nascut', 'data di nascita', 'data de nascimento', 'geb.', 'geboren', 'geboren am', 'geboortedatum', 'geboren op', 'ur.',
  'urodzony', 'urodzona', 'data urodzenia', 'datę urodzenia', 'daty urodzenia', 'nascida', 'nascido', 'nascimento', 'nata', 'doğum tarihi', 'doğum', 'födelsedatum', 'född', 'fødselsdato', 'født',
  'tanggal lahir', 'lahir', 'seinengappi', 'janma tithi', 'data nașterii', 'data nasterii', 'datum narození', 'datum narozeni',
  'syntymäaika', 'ngày sinh', 'ngay sinh', 'tareekh-e-paidaish', 'tareekh e paidaish', 'tareekh el milad', 'paidaish',
  'születési dátum', 'születési idő', 'született', 'dátum narodenia', 'datum rođenja', 'doğum günü',
  // in their own scripts (and Vietnamese "sinh ngày", Swahili "tarehe ya kuzaliwa")
  'nato', 'nata', 'nasci', 'nasceu', 'nacque', 'sinh ngày', 'sinh ngay', 'sinh năm', 'kuzaliwa', 'tarehe ya kuzaliwa', 'дата рождения', 'рождения', 'родился', 'родилась',
  'дата народження', 'народження', 'народився', 'народилася', 'ημερομηνία γέννησης', 'γέννησης', 'जन्म तिथि', 'जन्मतिथि',
  'जन्म दिनांक', 'जन्म', 'জন্ম তারিখ', 'জন্মতারিখ', 'জন্ম', 'تاريخ الميلاد', 'الميلاد', 'ميلاد', 'ميلادي', 'مواليد', 'تاريخ الولادة', 'תאריך לידה', 'לידה', 'تاریخ تولد', 'تولد', 'تاریخ پیدائش', 'پیدائش',
  'วันเกิด', '생년월일', '生年月日', '出生日期', '出生年月日', '出生', '誕生日',
  // Estonian, Latvian, Lithuanian, Icelandic, Maltese, Uzbek, Kazakh, Mongolian, Kyrgyz, Georgian, Armenian, Amharic, the
  // scripts of India and Sri Lanka, Burmese, Khmer
  'sünniaeg', 'sünnikuupäev', 'sündinud', 'dzimis', 'dzimusi', 'dzimšanas datums', 'gimimo data', 'gimęs', 'gimusi', 'fæðingardagur', 'fæddur', 'fædd',
  'data tat-twelid', 'twieled', 'twieldet', "tug'ilgan sana", 'tugʻilgan sana', "tug'ilgan", 'tugʻilgan', 'туған күні', 'туған', 'төрсөн огноо', 'төрсөн',
  'туулган күнү', 'жаралган', 'დაბადების თარიღი', 'დაბადების', 'ծննդյան ամսաթիվ', 'ծննդյան', 'የትውልድ ቀን', 'பிறந்த தேதி', 'பிறந்த', 'పుట్టిన తేదీ', 'పుట్టిన',
  'ಜನ್ಮ ದಿನಾಂಕ', 'ജനനത്തീയതി', 'ജനന', 'જન્મ તારીખ', 'ਜਨਮ ਮਿਤੀ', 'උපන් දිනය', 'උපන්', 'မွေးသက္ကရာဇ်', 'မွေးနေ့', 'ថ្ងៃខែឆ្នាំកំណើត', 'កំណើត',
] as const;

export const IP_NEGATIVE = ['version', 'ver', 'v', 'build', 'release', 'firmware', 'fw', 'sdk', 'app version', 'os', 'oid', 'chrome', 'firefox', 'safari', 'node', 'python', 'package'] as const;

export const PERSON_TITLES = ['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor', 'sir', 'madam', 'dame', 'lord', 'lady', 'mister', 'herr', 'frau', 'sr', 'sra', 'srta', 'mme', 'mlle', 'm', 'dott', 'doc', 'mag', 'dipl', 'ing', 'bpk', 'bapak', 'pak', 'ibu', 'sdr', 'sdri', 'señor', 'señora', 'senhor', 'senhora', 'sig', 'sig.ra', 'signor', 'signora', 'dhr', 'mevr', 'pan', 'pani', 'bro', 'sis', 'pastor', 'rev', 'revd', 'deacon', 'deaconess', 'imam', 'rabbi', 'alhaji', 'alhaja', 'hajia', 'engr', 'barr', 'evang', 'bishop', 'sgt', 'capt', 'insp', 'cst', 'det', 'madame', 'monsieur', 'doña', 'dona', 'seu', 'sayın', 'tuan', 'puan', 'encik', 'bw', 'bwana', 'mzee', 'ato', 'w/ro', 'woizero', 'daw', 'tita', 'tito', 'kuya', 'κύριε', 'κυρία', 'κος', 'г-н', 'г-жа', 'господин', 'госпожа', 'пані', 'hajjah', 'datuk', 'dato', 'tan sri', 'shri', 'smt', 'kumari', 'dra', 'exma', 'exmo', 'lic', 'licda', 'arq'] as const;

export const GREETINGS = [
  'hi', 'hello', 'hey', 'dear', 'hiya', 'heya', 'yo', 'greetings', 'good morning', 'good afternoon', 'good evening', 'morning',
  'afternoon', 'evening', 'thanks', 'thank you', 'thx', 'ty', 'cheers', 'welcome', 'bye', 'goodbye', 'hallo', 'hola', 'bonjour', 'ciao', 'salut',
] as const;

export const SIGN_OFFS = [
  'thanks', 'thank you', 'many thanks', 'thanks again', 'thanks so much', 'thanks in advance', 'thx', 'regards', 'best regards',
  'kind regards', 'warm regards', 'warmest regards', 'best wishes', 'best', 'all the best', 'cheers', 'sincerely', 'yours sincerely',
  'yours truly', 'yours faithfully', 'respectfully', 'take care', 'talk soon', 'speak soon', 'thank you kindly', 'with thanks',
  'ta', 'br', 'brgds', 'rgds', 'mfg', 'viele grüße', 'cordialement', 'saludos', 'un saludo', 'groetjes', 'hälsningar', 'pozdrawiam',
  // other languages
  'mit freundlichen grüßen', 'freundliche grüße', 'beste grüße', 'liebe grüße', 'bien cordialement', 'bien à vous', 'belle journée',
  'distinti saluti', 'cordiali saluti', 'saluti', 'un saluto', 'atentamente', 'saludos cordiales', 'atenciosamente', 'cumprimentos',
  'met vriendelijke groet', 'vriendelijke groet', 'venlig hilsen', 'med vänlig hälsning', 'vänliga hälsningar', 'mvh',
  'ystävällisin terveisin', 's pozdravem', 'pozdrawiam serdecznie', 'saygılarımla', 'terima kasih', 'salamat po', 'cu stimă',
  'thank you very much', 'thanks very much', 'thanks a lot', 'thank you so much', 'many many thanks', 'much appreciated', 'warmly',
  'warm wishes', 'all best', 'god bless', 'blessings', 'stay safe', 'yours', 'love', 'xoxo', 'hartelijke groet', 'hartelijke groeten',
  'met vriendelijke groeten', 'vriendelijke groeten', 'groeten', 'mvg', 'herzliche grüße', 'viele grüsse', 'beste grüsse',
  'freundliche grüsse', 'mit freundlichen grüssen', 'grüße', 'gruß', 'merci', 'merci beaucoup', 'amitiés', 'bisous', 'gracias',
  'muchas gracias', 'un abrazo', 'abrazos', 'obrigado', 'obrigada', 'abraços', 'grazie', 'grazie mille', 'tack', 'hilsen',
  'med venlig hilsen', 'med vennlig hilsen', 'vennlig hilsen', 'dziękuję', 'teşekkürler', 'с уважением', 'спасибо', 'з повагою', 'дякую',
  // Icelandic, Estonian, Latvian, Lithuanian, Hungarian, Czech, Slovak, Slovenian, Croatian, Serbian, Romanian, Greek, Maltese,
  // Swahili, Tagalog, Malay, Vietnamese, Turkish, Azerbaijani
  'kveðja', 'bestu kveðjur', 'með kveðju', 'lugupidamisega', 'parimate soovidega', 'tervitades', 'ar cieņu', 'sveicieni', 'pagarbiai', 'linkėjimai',
  'üdvözlettel', 'tisztelettel', 'üdv', 's pozdravom', 's úctou', 'lep pozdrav', 'lp', 'srdačan pozdrav', 'lijep pozdrav', 'pozdrav', 'srdačno',
  'поздрав', 'хвала', 'toate cele bune', 'mulțumesc', 'multumesc', 'με εκτίμηση', 'ευχαριστώ', 'φιλικά', 'grazzi', 'saħħa', 'asante', 'kwa heri',
  'wasalaam', 'maraming salamat', 'ingat', 'salam hormat', 'hormat saya', 'trân trọng', 'cảm ơn', 'sevgilerimle', 'hörmətlə', 'təşəkkürlər',
] as const;

/** Phrases directly before a name. */
export const PERSON_INTRO = [
  'my name is', 'my name\'s', 'name is', 'name\'s', 'names', 'i am', 'i\'m', 'im', 'this is', 'it\'s', 'its', 'it is', 'call me',
  'speaking with', 'speak with', 'spoke with', 'spoke to', 'speak to', 'talked to', 'talking to', 'talked with', 'ask for',
  'asked for', 'assigned to', 'contact', 'signed', 'attn', 'attention', 'c/o', 'from', 'to', 'cc', 'name', 'full name', 'customer',
  'customer name', 'account holder', 'cardholder', 'card holder', 'holder', 'client', 'patient', 'user', 'username', 'employee',
  'applicant', 'recipient', 'sender', 'passenger', 'guest', 'tenant', 'owner', 'manager', 'agent', 'colleague', 'coworker',
  'co-worker', 'my wife', 'my husband', 'my son', 'my daughter', 'my mother', 'my mom', 'my mum', 'my father', 'my dad',
  'my brother', 'my sister', 'my friend', 'my partner', 'my boss', 'my manager', 'my colleague', 'wife', 'husband', 'son', 'daughter',
  'married to', 'on behalf of', 'behalf of', 'per', 'regarding', 're', 'hand over to', 'escalate to', 'escalated to', 'forwarded by',
  'submitted by', 'reported by', 'requested by', 'approved by', 'created by', 'opened by', 'written by', 'sent by', 'by',
  'with', 'and', 'for', 'named', 'called', 'mother', 'father', 'landlord', 'technician', 'tech', 'driver', 'courier', 'nurse', 'doctor',
] as const;

/** Words after a capitalised word that make it a person. */
export const PERSON_AFTER = [
  'said', 'says', 'wrote', 'asked', 'called', 'replied', 'mentioned', 'told', 'emailed', 'confirmed', 'explained', 'reported',
  'here', 'speaking', 'from', 'is my', 'will', 'has', 'had', 'was', 'thinks', 'wants', 'needs', 'noticed', 'tried', 'sent',
] as const;

export const LOCATION_INTRO = [
  'in', 'from', 'to', 'at', 'near', 'live in', 'living in', 'lives in', 'based in', 'located in', 'moved to', 'moving to',
  'relocated to', 'visiting', 'travel to', 'traveling to', 'travelling to', 'flight to', 'flying to', 'ship to', 'shipped to',
  'deliver to', 'delivered to', 'city', 'town', 'hometown', 'resident of', 'outside', 'around',
  // the same in other languages (not the particles that also join names: de, da, di, do, von, van)
  'à', 'au', 'depuis', 'vers', 'près de', 'en', 'desde', 'hacia', 'cerca de', 'em', 'para', 'perto de', 'nach', 'aus', 'naar', 'uit',
  'w', 'we', 'dari', 'ke', 'sa',
  // born in: "nato a Bologna", "natural de Recife", "né à Oran", "nacida en Rosario", "geboren in Graz"
  'nato a', 'nata a', 'natural de', 'né à', 'née à', 'nacido en', 'nacida en', 'nascido em', 'nascida em', 'geboren in', 'urodzony w', 'urodzona w',
] as const;

/* ------------------------------------------------------------------------------------------------
 * Cue matchers without regexes: a trie of cue phrases walked backwards from a candidate (cue just
 * before it) or forwards from each word start in a window (cue near it). Same semantics as the
 * regexes above, but cost proportional to the few characters actually compared, not window x phrases.
 * ------------------------------------------------------------------------------------------------ */

/** A trie while it is built (then compiled into a `Trie`) */
interface TrieNode {
  /** children by lower-case character */
  readonly next: Map<number, TrieNode>;
  /** a space in a phrase: any run (maybe empty) of whitespace, '_' or '-' */
  gap: TrieNode | null;
  end: boolean;
}

const newNode = (): TrieNode => ({ next: new Map(), gap: null, end: false });

function grow(node: TrieNode, c: number): TrieNode {
  if (c === 32) return (node.gap ??= newNode());
  let child = node.next.get(c);
  if (child === undefined) {
    child = newNode();
    node.next.set(c, child);
  }
  return child;
}

/**
 * A trie of cue phrases in typed arrays, node 0 its root: for each node one row of child ids over the ASCII
 * characters the phrases use (a small table, so a walk touches few cache lines), other characters in a map.
 */
class Trie {
  /** lower-case ASCII code -> column + 1 in a row (0: no phrase has that character) */
  private readonly column = new Uint8Array(128);
  private readonly width: number;
  /** the child of node n for column k at n * width + k (0: none; the root is nobody's child) */
  private readonly child: Int32Array;
  /** the gap child of a node (0: none) */
  readonly gap: Int32Array;
  /** 1 where a phrase ends */
  readonly end: Uint8Array;
  /** children by characters beyond ASCII (lower case) */
  private readonly other: Array<Map<number, number> | null>;

  constructor(root: TrieNode) {
    const nodes: TrieNode[] = [root];
    const ids = new Map<TrieNode, number>([[root, 0]]);
    for (let k = 0; k < nodes.length; k++) {
      const node = nodes[k]!;
      for (const child of [...node.next.values(), ...(node.gap === null ? [] : [node.gap])]) {
        ids.set(child, nodes.length);
        nodes.push(child);
      }
      for (const c of node.next.keys()) if (c < 128 && this.column[c] === 0) this.column[c] = 1;
    }
    let width = 0;
    for (let c = 0; c < 128; c++) if (this.column[c] !== 0) this.column[c] = ++width;
    this.width = width;
    this.child = new Int32Array(nodes.length * width);
    this.gap = new Int32Array(nodes.length);
    this.end = new Uint8Array(nodes.length);
    this.other = nodes.map(() => null);
    nodes.forEach((node, n) => {
      if (node.end) this.end[n] = 1;
      if (node.gap !== null) this.gap[n] = ids.get(node.gap)!;
      for (const [c, child] of node.next) {
        if (c < 128) this.child[n * width + this.column[c]! - 1] = ids.get(child)!;
        else (this.other[n] ??= new Map()).set(c, ids.get(child)!);
      }
    });
  }

  /** the child of `node` for character code `c`, compared in lower case (0: none) */
  step(node: number, c: number): number {
    if (c >= 128) {
      c = lowerCode(c);
      if (c >= 128) return this.other[node]?.get(c) ?? 0;
    } else if (c >= 65 && c <= 90) c += 32;
    const k = this.column[c]!;
    return k === 0 ? 0 : this.child[node * this.width + k - 1]!;
  }
}

export function isSpaceCode(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const LETTER = /\p{L}/u;
const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;

/** A-Z a-z */
export const isAsciiLetterCode = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** 0-9 */
export const isAsciiDigitCode = (c: number): boolean => c >= 48 && c <= 57;

/** \p{L} */
export function isLetterCode(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  return LETTER.test(String.fromCharCode(c));
}

/** [\p{L}\p{N}] */
export function isAlnumCode(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return LETTER_OR_NUMBER.test(String.fromCharCode(c));
}

export function lowerCode(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  return String.fromCharCode(c).toLowerCase().charCodeAt(0);
}

/** Han, kana and Hangul: scripts that write their words on without spaces */
function isCjkCode(c: number): boolean {
  return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff);
}
/** a letter or digit that goes on a word (not one of a script that writes its words on without spaces) */
const isWordOnCode = (c: number): boolean => isAlnumCode(c) && !(c >= 0x3040 && isCjkCode(c));

const isGapCode = (c: number): boolean => c === 95 || c === 45 || isSpaceCode(c);
/** [\s:,=#"'] */
const isCueTrail = (c: number): boolean => c === 58 || c === 44 || c === 61 || c === 35 || c === 34 || c === 39 || isSpaceCode(c);

export class Cues {
  private readonly back: Trie;
  private readonly fwd: Trie;
  /**
   * 1 for each ASCII character whose lower case is a first step of the backward (last character of a cue)
   * or forward (first character) trie. A cue can end (start) at a position only if this says 1 there, so
   * the scans below skip every other position without a call; a character beyond ASCII is always tried
   * (its lower case may be ASCII: 'K' KELVIN SIGN is 'k'). All 1s if a cue is empty or starts/ends with a
   * space (then the root itself may match); no list here has one.
   */
  private readonly lastChar = new Uint8Array(128);
  private readonly firstChar = new Uint8Array(128);

  constructor(phrases: readonly string[]) {
    const back = newNode();
    const fwd = newNode();
    for (const p of phrases) {
      const s = p.toLowerCase();
      let node = back;
      for (let i = s.length - 1; i >= 0; i--) node = grow(node, s.charCodeAt(i));
      node.end = true;
      node = fwd;
      for (let i = 0; i < s.length; i++) node = grow(node, s.charCodeAt(i));
      node.end = true;
    }
    this.back = new Trie(back);
    this.fwd = new Trie(fwd);
    for (const [trie, table] of [[this.back, this.lastChar], [this.fwd, this.firstChar]] as const) {
      const any = trie.end[0] === 1 || trie.gap[0] !== 0;
      for (let c = 0; c < 128; c++) table[c] = any || trie.step(0, c) !== 0 ? 1 : 0;
    }
  }

  /**
   * Does a cue end just before `pos` (after at most `maxTrail` trailing characters from [\s:,=#"'])?
   * Looks no further back than `n` characters; like `cueBefore(...).test(windowBefore(text, pos, n))`.
   */
  endsAt(text: string, pos: number, n: number, maxTrail = 5): boolean {
    const lo = pos - n > 0 ? pos - n : 0;
    for (let k = 0; k <= maxTrail && pos - k >= lo; k++) {
      if (k > 0 && !isCueTrail(text.charCodeAt(pos - k))) break;
      // (no cue can end with the character before pos - k: matchBack would fail at its first step)
      if (pos - k > lo) {
        const c = text.charCodeAt(pos - k - 1);
        if (c < 128 && this.lastChar[c] === 0) continue;
      }
      if (matchBack(this.back, 0, text, pos - k, lo)) return true;
    }
    return false;
  }

  /** A cue followed by at least one whitespace character right before `pos` (`\b(?:cues)\s+$`). */
  endsAtSpaced(text: string, pos: number, n: number): boolean {
    const lo = pos - n > 0 ? pos - n : 0;
    let i = pos;
    while (i > lo && isSpaceCode(text.charCodeAt(i - 1))) i--;
    if (i === pos) return false;
    if (i > lo) {
      const c = text.charCodeAt(i - 1);
      if (c < 128 && this.lastChar[c] === 0) return false;
    }
    return matchBack(this.back, 0, text, i, lo);
  }

  /** A cue anywhere in text[from, to), starting at a word boundary and not followed by a letter (`cueNear`). */
  near(text: string, from: number, to: number): boolean {
    if (from < 0) from = 0;
    if (to > text.length) to = text.length;
    const first = this.firstChar;
    let i = from;
    // a window that starts inside a word: the rest of that word starts no cue ("…renata.valdivia" is no "nata")
    if (i > 0 && isWordOnCode(text.charCodeAt(i - 1))) while (i < to && isWordOnCode(text.charCodeAt(i))) i++;
    while (i < to) {
      // here text[i - 1] is no letter or digit (or i is 0): a word boundary
      const c = text.charCodeAt(i);
      // (a cue cannot start with c if the table says 0: matchFwd would fail at its first step)
      if ((c >= 128 || first[c] === 1) && matchFwd(this.fwd, 0, text, i, to)) return true;
      // the rest of a word, and the character after it, are no word boundary (a script that writes its words on
      // without spaces, Han, kana or Hangul, has a possible start at every character: "会員情報の生年月日が")
      if (isWordOnCode(c)) {
        i++;
        while (i < to && isWordOnCode(text.charCodeAt(i))) i++;
      }
      i++;
    }
    return false;
  }
}

/**
 * Walk the reversed trie from text[i-1] down to `lo`; a phrase must start at a word boundary. A loop along
 * the single path while there is no gap (the common case); at a node with a gap, both ways are tried.
 */
function matchBack(trie: Trie, node: number, text: string, i: number, lo: number): boolean {
  for (;;) {
    if (trie.end[node] === 1 && (i === lo || !isAlnumCode(text.charCodeAt(i - 1)))) return true;
    const gap = trie.gap[node]!;
    if (gap !== 0) return matchBackBranch(trie, node, gap, text, i, lo);
    if (i <= lo) return false;
    node = trie.step(node, text.charCodeAt(i - 1));
    if (node === 0) return false;
    i--;
  }
}

function matchBackBranch(trie: Trie, node: number, gap: number, text: string, i: number, lo: number): boolean {
  if (i > lo) {
    const child = trie.step(node, text.charCodeAt(i - 1));
    if (child !== 0 && matchBack(trie, child, text, i - 1, lo)) return true;
  }
  let j = i;
  while (j > lo && isGapCode(text.charCodeAt(j - 1))) j--;
  return matchBack(trie, gap, text, j, lo);
}

/**
 * A letter of a script that writes the next word on, without a space: Arabic (a suffixed pronoun, "ميلادك"),
 * Thai, kana, Han and Hangul (a particle, "생년월일을", "生年月日は"). A cue ending in one needs no boundary after it.
 */
function attachesWords(c: number): boolean {
  return (c >= 0x0600 && c <= 0x06ff) || (c >= 0x0e00 && c <= 0x0e7f) || (c >= 0x3040 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7a3);
}

function matchFwd(trie: Trie, node: number, text: string, i: number, hi: number): boolean {
  for (;;) {
    if (trie.end[node] === 1 && (i === hi || !isLetterCode(text.charCodeAt(i)) || attachesWords(text.charCodeAt(i - 1)))) return true;
    const gap = trie.gap[node]!;
    if (gap !== 0) return matchFwdBranch(trie, node, gap, text, i, hi);
    if (i >= hi) return false;
    node = trie.step(node, text.charCodeAt(i));
    if (node === 0) return false;
    i++;
  }
}

function matchFwdBranch(trie: Trie, node: number, gap: number, text: string, i: number, hi: number): boolean {
  if (i < hi) {
    const child = trie.step(node, text.charCodeAt(i));
    if (child !== 0 && matchFwd(trie, child, text, i + 1, hi)) return true;
  }
  let j = i;
  while (j < hi && isGapCode(text.charCodeAt(j))) j++;
  return matchFwd(trie, gap, text, j, hi);
}
