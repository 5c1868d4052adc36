/**
 * Seeded generator of labeled customer-support text. Name and place lists here are the evaluation's own,
 * chosen separately from the detector's lexicon (many of these names are in neither the detector's list
 * nor compromise's), so the score measures generalization, not recall of a shared list.
 */
import { parseMarkup, type LabeledDoc } from './markup.js';

export const SEED = 20240611;
/** The support bot's persona and product names: a deployment allowlists them in its policy. */
export const EVAL_ALLOWLIST = ['Nova', 'Brightdesk', 'Orbita Cloud'];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = {
  hispanic: 'Ximena Rodrigo Itzel Joaquín Valeria Alonso Renata Emiliano Marisela Leandro Yesenia Osvaldo Graciela Teodoro'.split(' '),
  southAsian: 'Aishwarya Venkatesh Harpreet Lavanya Sandeep Kavitha Nandini Rakesh Shalini Tarun Madhuri Anirudh Sowmya Prakash'.split(' '),
  eastAsian: 'Xiaoling Haoran Minseo Jungwoo Ayaka Takumi Meiling Zihan Eunji Kazuki Shuang Yuto Wenjie Hyejin'.split(' '),
  african: 'Chukwuemeka Nomvula Oluwadamilare Thandeka Kwaku Adaora Tendai Nyokabi Ekow Busisiwe Olamide Mandla Ayodeji Sithembile'.split(' '),
  arabic: 'Abdelrahman Yasmeen Khaled Noura Othman Rasha Haitham Lubna Marwan Dalal Suleiman Rawan Tamer Hanan'.split(' '),
  slavic: 'Zdravko Milena Radoslav Bożena Vesna Lubomir Dragana Jaroslav Snježana Vsevolod Ludmila Branislav Zlata Miroslava'.split(' '),
  nordic: 'Torbjørn Sølvi Eyvind Ragna Leif Gudrun Bjarne Liv Thorvald Åsa Kjell Maren Halfdan Sigrun'.split(' '),
  anglo: 'Brianna Caleb Madison Tyler Courtney Garrett Whitney Spencer Lindsay Trevor Kelsey Derek Shannon Clayton'.split(' '),
};
const LAST = {
  hispanic: 'Quintero Villalobos Echeverría Montoya Cisneros Arellano Bustamante Zambrano Santillán Olivares Carrasco Valdivia'.split(' '),
  southAsian: 'Ramanathan Subramaniam Venkataraman Chakraborty Raghunathan Deshpande Krishnamurthy Sundaram Bhandari Thakkar Nambiar Gokhale'.split(' '),
  eastAsian: 'Takeda Fujimoto Matsumura Hirano Zhuang Ouyang Shim Baek Nishida Kuroda Tsai Hsu'.split(' '),
  african: 'Okonjo Adeleke Mutasa Nwachukwu Boateng Achieng Nyathi Oyelaran Chikwanha Kamau-Njoroge Abiodun Mensah-Bonsu'.split(' '),
  arabic: 'Al-Mansouri Bakhit El-Sayed Haddadin Qasim Shalabi Tawfiq Zaher Barakat Hijazi Al-Rashid Nassar'.split(' '),
  slavic: 'Jovanović Wiśniewska Kovalchuk Zelenko Petrović Bielecki Hrabovsky Marinković Sobolewski Dvorakova Zaitsev Kuchar'.split(' '),
  nordic: 'Haugland Sandvik Lindholm Bergqvist Aasen Fjeld Strand Engström Nyberg Kvist Sæther Holmberg'.split(' '),
  anglo: 'Whitfield Ashworth Pemberton Caldwell Thornton Blackwood Harrington Fairbanks Kingsley Prescott Lockwood Sutherland'.split(' '),
};
const CITIES = 'Rotterdam Valparaíso Bengaluru Kraków Porto Gothenburg Marseille Nairobi Bilbao Leeds Brisbane Winnipeg Tampere Dortmund Lyon Accra Seville Coimbra Aarhus Cebu'.split(' ');
const COUNTRIES = 'Portugal Kenya Norway Chile Poland Ghana Ireland Vietnam Denmark Morocco'.split(' ');
const US_CITIES: Array<[string, string]> = [['Dayton', 'OH'], ['Boise', 'ID'], ['Tacoma', 'WA'], ['Eugene', 'OR'], ['Lubbock', 'TX'], ['Savannah', 'GA'], ['Madison', 'WI'], ['Fresno', 'CA']];
const US_STREETS = 'Maple Birchwood Sycamore Ridgeview Lakeshore Cottonwood Willow Creek Hawthorne Juniper Elmwood Chestnut'.split(' ');
const US_SUFFIX = 'Street St Avenue Ave Road Rd Lane Drive Dr Court Boulevard Way Place Terrace'.split(' ');
const UK_TOWNS: Array<[string, string]> = [['Leeds', 'LS6 2QT'], ['Bristol', 'BS8 1TH'], ['Sheffield', 'S10 2HQ'], ['Norwich', 'NR2 4SX'], ['Cardiff', 'CF10 3AT'], ['Glasgow', 'G12 8QQ']];
const UK_STREETS = 'Ashgrove Kingsway Millbrook Hollins Thornbury Westfield Oakhurst'.split(' ');
const DE_STREETS = 'Lindenstraße Gartenweg Schillerstraße Bahnhofstraße Rosengasse Mühlweg'.split(' ');
const DE_CITIES: Array<[string, string]> = [['Leipzig', '04109'], ['Dortmund', '44135'], ['Freiburg', '79098'], ['Bremen', '28195']];
const FR_STREETS = ['rue des Lilas', 'avenue Victor Hugo', 'boulevard Voltaire', 'rue de la République'];
const FR_CITIES: Array<[string, string]> = [['Lyon', '69003'], ['Nantes', '44000'], ['Toulouse', '31000']];
const ES_STREETS = ['Calle Alcalá', 'Calle de Toledo', 'Avenida de América', 'Paseo de Gracia'];
const PRODUCTS = ['Orbita Cloud', 'Brightdesk Pro', 'the X200 router', 'the Helio 5 headset', 'SmartHub Mini', 'Vantage 3 monitor'];
const IBAN_SPECS: Array<[string, number]> = [['DE', 22], ['GB', 22], ['FR', 27], ['ES', 24], ['NL', 18], ['IT', 27], ['BE', 16], ['PL', 28], ['SE', 24], ['IE', 22]];

export function generate(count = 440, seed = SEED): LabeledDoc[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const digits = (n: number): string => Array.from({ length: n }, () => String(int(0, 9))).join('');
  const cultures = Object.keys(FIRST) as Array<keyof typeof FIRST>;
  const person = (): { first: string; last: string } => {
    const c = pick(cultures);
    return { first: pick(FIRST[c]), last: pick(LAST[c]) };
  };
  const tag = (type: string, v: string): string => `[[${type}:${v}]]`;
  const emailOf = (p: { first: string; last: string }): string => {
    const strip = (s: string): string => s.normalize('NFD').replace(/[^A-Za-z-]/g, '').toLowerCase();
    const local = pick([`${strip(p.first)}.${strip(p.last)}`, `${strip(p.first)}${int(1, 99)}`, `${strip(p.first)[0] ?? 'x'}${strip(p.last)}`, `${strip(p.first)}_${strip(p.last)}`]);
    return `${local}@${pick(['gmail.com', 'outlook.com', 'yahoo.co.uk', 'web.de', 'proton.me', 'example.org', 'fastmail.fm'])}`;
  };
  const phone = (): string => {
    const a = String(int(201, 989));
    switch (int(0, 11)) {
      case 0: return `(${a}) 555-${digits(4)}`;
      case 1: return `${a}-555-${digits(4)}`;
      case 2: return `+1 ${a} 555 ${digits(4)}`;
      case 3: return `${a}.555.${digits(4)}`;
      case 4: return `+44 20 7946 ${digits(4)}`;
      case 5: return `07700 900${digits(3)}`;
      case 6: return `+49 30 ${digits(8)}`;
      case 7: return `+33 6 ${digits(2)} ${digits(2)} ${digits(2)} ${digits(2)}`;
      case 8: return `06 ${digits(2)} ${digits(2)} ${digits(2)} ${digits(2)}`;
      case 9: return `+34 6${digits(2)} ${digits(3)} ${digits(3)}`;
      case 10: return `+31 6 ${digits(8)}`;
      default: return `(${a}) 555-${digits(4)} ext. ${int(10, 999)}`;
    }
  };
  const luhnComplete = (prefix: string, len: number): string => {
    let s = prefix;
    while (s.length < len - 1) s += String(int(0, 9));
    for (let d = 0; d < 10; d++) {
      const c = s + String(d);
      let sum = 0;
      for (let i = 0; i < c.length; i++) {
        let x = Number(c[c.length - 1 - i]);
        if (i % 2 === 1) { x *= 2; if (x > 9) x -= 9; }
        sum += x;
      }
      if (sum % 10 === 0) return c;
    }
    return s + '0';
  };
  const card = (): string => {
    const kind = int(0, 3);
    const num = kind === 0 ? luhnComplete('4', 16) : kind === 1 ? luhnComplete(String(int(51, 55)), 16) : kind === 2 ? luhnComplete(pick(['34', '37']), 15) : luhnComplete('6011', 16);
    const sep = pick(['', ' ', '-']);
    if (sep === '') return num;
    if (num.length === 15) return `${num.slice(0, 4)}${sep}${num.slice(4, 10)}${sep}${num.slice(10)}`;
    return num.match(/.{4}/g)?.join(sep) ?? num;
  };
  const ssn = (): string => {
    let area = int(1, 899);
    if (area === 666) area = 667;
    return `${String(area).padStart(3, '0')}-${String(int(1, 99)).padStart(2, '0')}-${String(int(1, 9999)).padStart(4, '0')}`;
  };
  const iban = (): string => {
    const [cc, len] = pick(IBAN_SPECS);
    const bban = (cc === 'GB' || cc === 'NL' || cc === 'IE' ? pick(['NWBK', 'ABNA', 'BOFI', 'MIDL', 'RABO']) : '') + digits(len - 4 - (cc === 'GB' || cc === 'NL' || cc === 'IE' ? 4 : 0));
    const num = (bban + cc + '00').replace(/[A-Z]/g, (ch) => String(ch.charCodeAt(0) - 55));
    let rem = 0;
    for (const ch of num) rem = (rem * 10 + Number(ch)) % 97;
    const check = String(98 - rem).padStart(2, '0');
    const full = cc + check + bban;
    return rnd() < 0.5 ? full : (full.match(/.{1,4}/g) ?? [full]).join(' ');
  };
  // A person's address as the internet sees it (public ranges only: 11-99 and 101-126 hold no private, shared,
  // loopback, link-local or documentation range). Private and documentation addresses name a company's own hosts
  // or an example, not a person: they appear in the infrastructure hard negatives below.
  const ipv4 = (): string => `${pick([int(11, 99), int(101, 126), int(128, 168)])}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`;
  const ipv6 = (): string => {
    const g = (): string => int(0, 65535).toString(16);
    return pick([`2a02:${g()}:${g()}:${g()}::${g()}`, `2600:${g()}:${g()}:${g()}:${g()}:${g()}:${g()}:${g()}`, `2405:${g()}:${g()}::${g()}`]);
  };
  const internalV4 = (): string => pick([`10.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`, `192.168.${int(0, 255)}.${int(2, 254)}`, `172.${int(16, 31)}.${int(0, 255)}.${int(1, 254)}`]);
  const docV4 = (): string => `${pick(['192.0.2', '198.51.100', '203.0.113'])}.${int(1, 254)}`;
  const address = (): string => {
    switch (int(0, 4)) {
      case 0: {
        const [city, st] = pick(US_CITIES);
        return `${int(10, 9899)} ${pick(US_STREETS)} ${pick(US_SUFFIX)}${rnd() < 0.3 ? `, Apt ${int(1, 30)}${pick(['', 'B', 'C'])}` : ''}, ${city}, ${st} ${digits(5)}`;
      }
      case 1: {
        const [town, pc] = pick(UK_TOWNS);
        return `${int(1, 199)} ${pick(UK_STREETS)} ${pick(['Road', 'Lane', 'Close', 'Crescent', 'Street'])}, ${town} ${pc}`;
      }
      case 2: {
        const [city, plz] = pick(DE_CITIES);
        return `${pick(DE_STREETS.filter((s) => !s.includes(' ')))} ${int(1, 120)}, ${plz} ${city}`;
      }
      case 3: {
        const [city, cp] = pick(FR_CITIES);
        return `${int(1, 80)} ${pick(FR_STREETS)}, ${cp} ${city}`;
      }
      default:
        return `${pick(ES_STREETS)} ${int(1, 150)}, 280${digits(2)} Madrid`;
    }
  };
  const dobPhrase = (): string => {
    const y = int(1948, 2004);
    const mo = int(1, 12);
    const d = int(1, 28);
    const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
    const mName = months[mo - 1] ?? 'March';
    return pick([
      `born on ${tag('DATE_OF_BIRTH', `${mName} ${d}, ${y}`)}`,
      `DOB: ${tag('DATE_OF_BIRTH', `${String(mo).padStart(2, '0')}/${String(d).padStart(2, '0')}/${y}`)}`,
      `date of birth ${tag('DATE_OF_BIRTH', `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`)}`,
      `my birthday is ${tag('DATE_OF_BIRTH', `${d} ${mName} ${y}`)}`,
      `D.O.B. ${tag('DATE_OF_BIRTH', `${String(d).padStart(2, '0')}.${String(mo).padStart(2, '0')}.${y}`)}`,
    ]);
  };
  const b64 = (n: number, chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'): string => Array.from({ length: n }, () => chars[int(0, chars.length - 1)]).join('');
  const secret = (): string =>
    pick([
      `sk-proj-${b64(40)}`,
      `sk-${b64(48)}`,
      `AKIA${b64(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
      `ghp_${b64(36)}`,
      `github_pat_${b64(22)}_${b64(59)}`,
      `xoxb-${digits(12)}-${digits(13)}-${b64(24)}`,
      `sk_live_${b64(24)}`,
      `AIza${b64(35)}`,
      `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIx${b64(20)}.${b64(43)}`,
    ]);
  const orderNo = (): string => pick([`#${int(100000, 999999)}`, `ORD-${int(10000, 99999)}`, `${int(1000000000, 9999999999)}`, `A${digits(7)}`]);
  const sku = (): string => pick([`SKU ${int(10000, 99999)}-${digits(3)}`, `SKU: HX-${digits(4)}-${pick(['BLK', 'WHT', 'RED'])}`, `item ${digits(8)}`]);
  const tracking = (): string => pick([`1Z${b64(6, 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789')}${digits(10)}`, `${digits(12)}`, `JD${digits(18)}`, `9400 ${digits(4)} ${digits(4)} ${digits(4)} ${digits(4)} ${digits(2)}`]);
  const price = (): string => pick([`$${int(5, 999)}.${digits(2)}`, `€${int(5, 500)},${digits(2)}`, `£${int(3, 300)}`, `USD ${int(10, 2000)}`]);
  const plainDate = (): string => pick([`${int(1, 28)}/${int(1, 12)}/2024`, `2024-0${int(1, 9)}-1${int(0, 9)}`, `March ${int(1, 28)}, 2024`, `${int(1, 28)} June 2023`]);
  const version = (): string => `${int(1, 9)}.${int(0, 12)}.${int(0, 30)}.${int(0, 999)}`;

  const P = (p: { first: string; last: string }, full = true): string => tag('PERSON', full ? `${p.first} ${p.last}` : p.first);

  const kinds: Array<[string, () => string, boolean]> = [
    ['ticket', () => {
      const p = person();
      return `Subject: ${pick(['Double charge', 'Refund request', 'Cannot log in', 'Wrong item delivered'])} on order ${orderNo()}\n\n${pick(['Hi', 'Hello', 'Dear'])} ${pick(['team', 'support', 'Support Team'])},\n\nMy name is ${P(p)} and I ${pick(['was charged twice', 'never received my parcel', 'need to update my card'])}. ${pick([`The card ending in the number ${tag('CREDIT_CARD', card())} was used.`, `You can reach me on ${tag('PHONE', phone())}.`, `Please ship to ${tag('STREET_ADDRESS', address())}.`])} ${pick([`My email is ${tag('EMAIL', emailOf(p))}.`, `Call me at ${tag('PHONE', phone())} after 5pm.`, ''])}\n\n${pick(['Thanks', 'Kind regards', 'Best', 'Cheers', 'Many thanks'])},\n${P(p, rnd() < 0.5)}`;
    }, false],
    ['chat', () => {
      const p = person();
      return `Nova: Hi! I'm Nova, the Brightdesk assistant. How can I help?\nCustomer: hi, this is ${P(p, false)}. my account email is ${tag('EMAIL', emailOf(p))}\nNova: Thanks ${P(p, false)}! Could you confirm the phone number on the account?\nCustomer: sure it's ${tag('PHONE', phone())}\nNova: Got it. I've escalated ticket ${orderNo()} to billing.`;
    }, false],
    ['forward', () => {
      const p = person();
      const q = person();
      return `---------- Forwarded message ---------\nFrom: ${P(p)} <${tag('EMAIL', emailOf(p))}>\nDate: ${plainDate()}\nSubject: Re: invoice ${orderNo()}\nTo: ${P(q)} <${tag('EMAIL', emailOf(q))}>\n\nHi ${P(q, false)},\n\nPlease see below. The transfer went to ${tag('IBAN', iban())} but bounced.\n\nBest regards,\n${P(p)}\n${pick(['Finance Manager', 'Operations Lead', 'Office Manager'])} | ${pick(['Halden Logistics', 'Nordvik AS', 'Pell & Rowe Ltd'])}\nTel: ${tag('PHONE', phone())}\n${tag('STREET_ADDRESS', address())}`;
    }, false],
    ['log', () => {
      const p = person();
      return `2024-0${int(1, 9)}-1${int(0, 9)}T${int(10, 23)}:${int(10, 59)}:${int(10, 59)}Z ERROR auth failed user=${tag('EMAIL', emailOf(p))} ip=${tag('IP_ADDRESS', ipv4())} attempt=${int(1, 5)}\n2024-0${int(1, 9)}-1${int(0, 9)}T${int(10, 23)}:${int(10, 59)}:${int(10, 59)}Z WARN retry from ${tag('IP_ADDRESS', rnd() < 0.5 ? ipv6() : ipv4())} client_version=${version()} request_id=${b64(12, 'abcdef0123456789')}\nconfig: api_key=${tag('SECRET', secret())}`;
    }, false],
    ['json', () => {
      const p = person();
      return `Here is the payload that failed:\n{"customer": {"name": "${P(p)}", "email": "${tag('EMAIL', emailOf(p))}", "phone": "${tag('PHONE', phone())}", "ssn": "${tag('US_SSN', ssn())}"}, "order": "${orderNo()}", "total": "${price()}"}`;
    }, false],
    ['informal', () => {
      const p = person();
      const f = p.first.toLowerCase();
      return pick([
        `hey its ${tag('PERSON', f)} here, my card ${tag('CREDIT_CARD', card())} got declined again?? pls help`,
        `hi im ${tag('PERSON', f)}, cant login. my password is ${tag('SECRET', b64(10) + '!')} if that helps lol`,
        `yo this is ${tag('PERSON', f)}. number changed to ${tag('PHONE', phone())}, update it thx`,
        `my name is ${tag('PERSON', `${f} ${p.last.toLowerCase()}`)} and the app keeps crashing on ${PRODUCTS[int(0, PRODUCTS.length - 1)] ?? ''}`,
      ]);
    }, false],
    ['identity', () => {
      const p = person();
      return `For verification: full name ${P(p)}, ${dobPhrase()}, SSN ${tag('US_SSN', ssn())}. I currently live in ${tag('LOCATION', pick(CITIES))}.`;
    }, false],
    ['eu', () => {
      const p = person();
      return `${pick(['Hello', 'Good morning', 'Hi'])},\nI moved from ${tag('LOCATION', pick(CITIES))} to ${tag('LOCATION', pick(COUNTRIES))} last month. New address: ${tag('STREET_ADDRESS', address())}. Please refund to IBAN ${tag('IBAN', iban())}. Mobile ${tag('PHONE', phone())}.\n--\n${P(p)}`;
    }, false],
    ['secret', () => {
      const p = person();
      return `${pick(['Hi', 'Hello'])} ${P(p, false)}, the integration fails. I pasted our key ${tag('SECRET', secret())} in the dashboard and the webhook at ${tag('URL', `https://hooks.${pick(['acme', 'fjord', 'lumen'])}.io/in/${b64(10)}?user=${emailOf(p)}`)} never fires. Docs: https://docs.${pick(['acme', 'lumen'])}.dev/webhooks.`;
    }, false],
    ['agent_note', () => {
      const p = person();
      const q = person();
      return `Internal note: spoke with ${P(p)} on the phone. Customer ${P(q)} (${tag('EMAIL', emailOf(q))}) is the account holder; ${P(p, false)} is her ${pick(['assistant', 'colleague', 'husband', 'son'])}. Connection logs show ${tag('IP_ADDRESS', ipv4())}. Mr. ${tag('PERSON', p.last)} will call back.`;
    }, false],
    // hard negatives
    ['neg_order', () => `Your order ${orderNo()} (${sku()}) shipped on ${plainDate()}. Tracking number: ${tracking()}. Total charged: ${price()}. Invoice ${orderNo()} is attached.`, true],
    ['neg_product', () => `${pick(['Will', 'May'])} the ${pick(['firmware', 'update', 'app'])} ${pick(['fix', 'break'])} ${pick(PRODUCTS)}? We upgraded to version ${version()} on ${plainDate()} and the grace period ends soon. Please mark the ticket as resolved and bill the annual plan.`, true],
    ['neg_bot', () => `Nova: Thanks for contacting Brightdesk support! Your case ${orderNo()} is open. ${pick(['Grace period for renewals is 14 days.', 'Bill payments can take 3 days.', 'Mark this chat as helpful if it was!'])} Orbita Cloud status: all systems operational. Reference ${sku()}.`, true],
    ['neg_numbers', () => `Error ${int(400, 599)} at ${int(10, 23)}:${int(10, 59)}:${int(10, 59)} — build ${version()}, ${int(2, 64)} GB RAM, ${int(1, 16)} cores. Part no. ${digits(10)}, batch ${digits(6)}, warranty until ${plainDate()}. Price ${price()} incl. VAT.`, true],
    ['neg_infra', () => `${pick(['upstream api {', 'backends:', 'Runbook: fail over the primary.'])}\n  ${pick(['server', 'host:', 'primary'])} ${internalV4()}:${pick(['8080', '5432', '6379', '9443'])}\n  ${pick(['set_real_ip_from', 'allow', 'trusted_proxies:'])} ${pick(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'])}\n${int(10, 23)}:${int(10, 59)}:${int(10, 59)} WARN ${pick(['upstream', 'peer', 'target'])}=${internalV4()}:${int(1024, 9999)} ${pick(['timeout', 'connection refused', 'retrying'])} (the docs use ${docV4()} as the example host)`, true],
    ['neg_words', () => `${pick(['Hope', 'Grace', 'Will', 'Faith'])} you can help: the ${pick(['Summer', 'Spring', 'Autumn'])} sale code did not apply, and the ${pick(['Chase', 'Amber', 'Rose'])} colour option is missing from ${pick(PRODUCTS)}. Sunny days, ${pick(['Mark', 'Bill'])} the date!`, true],
  ];

  const docs: LabeledDoc[] = [];
  for (let i = 0; i < count; i++) {
    const [kind, make, neg] = kinds[i % kinds.length] ?? kinds[0]!;
    docs.push(parseMarkup(`gen-${i}`, kind, make(), neg));
  }
  return docs;
}

/** Every name the generator uses (for the honesty check: share known to the detector's lexicon). */
export function generatorNames(): string[] {
  return [...Object.values(FIRST).flat(), ...Object.values(LAST).flat()];
}
