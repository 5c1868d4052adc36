import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTOR_CONFIG, createDetector } from '../../../src/detect/detect.js';

const detector = createDetector(DEFAULT_DETECTOR_CONFIG);
const persons = (text: string): string[] => detector.detect(text).filter((f) => f.type === 'PERSON' && f.confidence >= 0.5).map((f) => text.slice(f.start, f.end));

describe('per-culture name lexicon', () => {
  it('finds names from many cultures with a weak cue or none', () => {
    expect(persons('I forwarded it to Oluwaseun Bakare yesterday.')).toContain('Oluwaseun Bakare');
    expect(persons('The refund was approved for Wojciech Zieliński.')).toContain('Wojciech Zieliński');
    expect(persons('thanks wojtek')).toContain('wojtek');
    expect(persons('Spoke with Dimitra Papadopoulou about the plan.')).toContain('Dimitra Papadopoulou');
  });
  it('does not turn ordinary words into names', () => {
    expect(persons('Long press the Park button to pair the device.')).toEqual([]);
    expect(persons('We can ship per pallet.')).toEqual([]);
  });
});

describe('lower-case names after relation words', () => {
  it('finds the name (and surname) after "my wife", "my mum,"', () => {
    expect(persons('my wife ayşe ordered the blender')).toEqual(['ayşe']);
    expect(persons('pls cancel it for my mum, eleni papadopoulou, she is ill')).toEqual(['eleni papadopoulou']);
    expect(persons('so my husband dev set it up')).toEqual(['dev']);
  });
  it('near misses: ordinary words after a relation word', () => {
    expect(persons('my brother has the same problem')).toEqual([]);
    expect(persons('my wife and i share the plan')).toEqual([]);
    expect(persons('my friend told me to write')).toEqual([]);
    expect(persons('my son ordered the wrong size')).toEqual([]);
  });
});

describe('month abbreviations beside numbers', () => {
  it('"Jun" in a date is not a name, "Jun" as a name still is', () => {
    expect(persons('Date: Mon, 3 Jun 2024 at 09:14')).toEqual([]);
    expect(persons('Delivered Jun 14, signed for at the door.')).toEqual([]);
    expect(persons('Thanks, Jun!')).toEqual(['Jun']);
  });
});

const phones = (text: string): string[] => detector.detect(text).filter((f) => f.type === 'PHONE').map((f) => text.slice(f.start, f.end));
describe('phones in key=value fields', () => {
  it('finds a phone after a phone-named key or a "+" number after "="', () => {
    expect(phones('level=error msg="sms failed" phone=+81-3-1234-5678 retry=3')).toEqual(['+81-3-1234-5678']);
    expect(phones('mobile=07700 900123 status=ok')).toEqual(['07700 900123']);
    expect(phones('to=+44 20 7946 0958')).toEqual(['+44 20 7946 0958']);
  });
  it('near misses: ids and counters after "="', () => {
    expect(phones('order_id=44829137 status=504')).toEqual([]);
    expect(phones('request=12345678 bytes=98765432')).toEqual([]);
  });
});

const addresses = (text: string): string[] => detector.detect(text).filter((f) => f.type === 'STREET_ADDRESS').map((f) => text.slice(f.start, f.end));
describe('street addresses: more postcode tails, number after the street name', () => {
  it('takes AU state + postcode, CA province + postcode, Eircode', () => {
    expect(addresses('ship to Unit 4, 27 King St, Newtown NSW 2042 please')).toEqual(['Unit 4, 27 King St, Newtown NSW 2042']);
    expect(addresses('at 45 Elm Avenue, Toronto, ON M4W 1N4.')).toEqual(['45 Elm Avenue, Toronto, ON M4W 1N4']);
    expect(addresses('visited 12 Main Street, Galway H91 X2Y3 on Monday')).toEqual(['12 Main Street, Galway H91 X2Y3']);
  });
  it('finds "Rothschild Blvd 22, Tel Aviv"', () => {
    expect(addresses('shipped to Rothschild Blvd 22, Tel Aviv 6688218.').join()).toMatch(/^Rothschild Blvd 22/);
  });
  it('near misses: a number after a street name followed by words, or no suffix', () => {
    expect(addresses('Main Street 5 minutes from the station')).toEqual([]);
    expect(addresses('We have Premium Plan 2, Basic Plan 1, and more.')).toEqual([]);
  });
});

const ofType = (type: string, text: string): string[] => detector.detect(text).filter((f) => f.type === type).map((f) => text.slice(f.start, f.end));
describe('a token as the user part of a URL is a SECRET', () => {
  it('reports the token, not only the URL', () => {
    const t = 'git clone https://ghp_Zq8Yw7Vu6Ts5Rq4Po3Nm2Lk1Jh0Gf9Ed8Cb7B@github.com/org/repo.git';
    expect(ofType('SECRET', t)).toEqual(['ghp_Zq8Yw7Vu6Ts5Rq4Po3Nm2Lk1Jh0Gf9Ed8Cb7B']);
    const u = 'remote: https://Ab3dE5gH7jK9mN1pQ3sT5vW7yZ9@gitlab.example.org/x.git';
    expect(ofType('SECRET', u)).toEqual(['Ab3dE5gH7jK9mN1pQ3sT5vW7yZ9']);
  });
  it('near misses: a plain user name before @ stays part of the URL', () => {
    const t = 'ssh://git@github.com/org/repo.git and https://deploy-user@host.example.com/path';
    expect(ofType('SECRET', t)).toEqual([]);
    expect(ofType('URL', t)).toHaveLength(2);
  });
});

describe('address tails: city + numeric postcode, city before a closing quote', () => {
  it('absorbs the city and postcode into the address', () => {
    expect(addresses('shipped to Herzl Street 10, Haifa 3303123 yesterday')).toEqual(['Herzl Street 10, Haifa 3303123']);
    expect(addresses('{"address":"5 Jumeirah Road, Sharjah"}')).toEqual(['5 Jumeirah Road, Sharjah']);
    expect(ofType('LOCATION', '{"address":"5 Jumeirah Road, Dubai"}')).toEqual([]);
  });
  it('near miss: a phone number after the city is not a postcode', () => {
    // (the city after the street is part of the address; the phone number after it is not a postcode)
    expect(addresses('at 12 Main Street, Cork 021 4567890')).toEqual(['12 Main Street, Cork']);
  });
});

describe('nationality and language adjectives are not places', () => {
  it('"in Turkish", "in Portuguese" are not LOCATION', () => {
    expect(ofType('LOCATION', 'Please send the invoice in Turkish.')).toEqual([]);
    expect(ofType('LOCATION', 'Can I get support in Portuguese or in Bengali?')).toEqual([]);
  });
  it('near miss: an unknown town after "based in" still is', () => {
    expect(ofType('LOCATION', 'I am based in Tullamore these days.')).toEqual(['Tullamore']);
  });
});

describe('product names in item columns, product records and before prices are not people', () => {
  it('drops capitalised pairs without a lexicon name in product contexts', () => {
    expect(persons('sku,name,price\nAB-1,Aurora Lamp,39.00\nAB-2,Nomad Duffel,120.00')).toEqual([]);
    expect(persons('{"name": "Ridge Runner Jacket", "sku": "RR-1", "price": 140}')).toEqual([]);
    expect(persons('[{"item": "Cascade Kettle", "qty": 1}]')).toEqual([]);
    expect(persons('I bought the Horizon Blender for $79 and it broke.')).toEqual([]);
    expect(persons('The Granite Bottle 750ml leaks.')).toEqual([]);
  });
  it('near misses: people in the same records, or named in person-keyed fields, stay', () => {
    expect(persons('order,customer,product,price\n1,Bruno Keller,Aurora Lamp,39.00')).toEqual(['Bruno Keller']);
    expect(persons('{"customer_name": "Valor Stone", "sku": "X1", "price": 3}')).toEqual(['Valor Stone']);
    expect(persons('{"name": "Maria Schmidt", "sku": "X1", "price": 3}')).toEqual(['Maria Schmidt']);
    expect(persons('Refund $20 to Maria Schmidt for the Aurora Lamp.')).toContain('Maria Schmidt');
  });
});

describe('lower-case given name + surname pairs without a cue', () => {
  it('finds "ananya iyer"-style pairs, with a particle too', () => {
    expect(persons('please reset 2FA for ananya iyer — she lost her phone')).toEqual(['ananya iyer']);
    expect(persons('can u add john smith to the workspace pls')).toEqual(['john smith']);
    expect(persons('ticket assigned to ahmad bin yusuf, escalate if needed')).toEqual(['ahmad bin yusuf']);
  });
  it('near misses: ambiguous or ordinary words, identifiers, place names', () => {
    expect(persons('the grace period ends friday; will smith the edges')).toEqual([]);
    expect(persons('see /home/john/smith.txt and john_smith and john.smith-report')).toEqual([]);
    expect(persons('we flew from santa clara to san jose, then austin texas')).toEqual([]);
    expect(persons('the kevin lambda handler crashed')).toEqual([]);
  });
});

describe("the world's towns (GeoNames, 15,000 people or more)", () => {
  const places = (text: string): string[] => detector.detect(text).filter((f) => f.type === 'LOCATION').map((f) => text.slice(f.start, f.end));
  it('finds a city compromise does not know, with or without a cue, as written and without diacritics', () => {
    expect(places('The parcel has been sitting at the depot in Guarulhos since Monday.')).toEqual(['Guarulhos']);
    expect(places('Nakuru branch says the card is ready.')).toEqual(['Nakuru']);
    expect(places('Our courier delivers to Valparaiso twice a week.')).toEqual(['Valparaiso']);
    expect(places('I LIVE IN AREQUIPA NOW')).toEqual(['AREQUIPA']);
  });
  it('a town that is also an ordinary word or a name is a place only after a cue on its line', () => {
    expect(places('I moved to Bologna last spring.')).toEqual(['Bologna']);
    expect(places('Bologna sandwiches are on the lunch menu.')).toEqual([]);
    expect(places('Holiday closures: 25 December and 1 January.')).toEqual([]);
    expect(places('product,city\nSummit Backpack,')).toEqual([]);
  });
  it('a town of the list is still a surname in a name written in capitals', () => {
    expect(persons('SPOKE WITH MARISELA VALDIVIA ABOUT THE REFUND')).toEqual(['MARISELA VALDIVIA']);
  });
});

describe("faker's given names and surnames of 77 locales", () => {
  it('finds names in Cyrillic, Greek and Latin scripts that the hand-written lists lack', () => {
    expect(persons('Клиент Анна Смирнова просит вернуть деньги.')).toEqual(['Анна Смирнова']);
    expect(persons('Πελάτης: Γιώργος Παπαδόπουλος, τηλ. 210 1234567')).toEqual(['Γιώργος Παπαδόπουλος']);
    expect(persons('The refund for Dewi Lestari was approved.')).toEqual(['Dewi Lestari']);
  });
  it('leaves out names that are towns or ordinary words', () => {
    expect(persons('Compare the Paris, Sydney and Denver lines: Sydney adds a storage drawer.')).toEqual([]);
    expect(persons('Assunto: pedido atrasado')).toEqual([]);
  });
});

describe("the assistant's own name, products and dates that look like names", () => {
  it('a name introduced as the bot or the model is no person', () => {
    expect(persons("[09:14:02] Pip (virtual assistant): Hi! I'm Pip. What can I help you with today?")).toEqual([]);
    expect(persons("[7:02 PM] Pip: Hi, I'm Pip, your virtual assistant. What's going on?")).toEqual([]);
    expect(persons("Pip: G'day! I'm Pip, the Wombat Sleep helper.\nCustomer: Lachlan O'Donoghue")).toEqual(["Lachlan O'Donoghue"]);
    expect(persons('You are Juniper, the student services assistant.')).toEqual([]);
  });
  it("a human's role does not make a persona", () => {
    expect(persons("Hi, I'm Sarah, your support agent.")).toEqual(['Sarah']);
  });
  it('a capitalised product or sale noun after a name; a Spanish date', () => {
    expect(persons('1 x Grace Table Lamp, brushed brass')).toEqual([]);
    expect(persons('The May Sale is here')).toEqual([]);
    expect(persons('Items in box 2: Will Cabinet Hinge Set (x4)')).toEqual([]);
    expect(persons('El 1 de julio de 2025 a las 00:00')).toEqual([]);
    expect(persons('Grace Hopper called')).toEqual(['Grace Hopper']);
  });
});

describe('speakers and birth dates in scripts without spaces or case', () => {
  it('a role and a name in brackets or after it, in Japanese, Chinese, Korean and Arabic', () => {
    expect(persons('オペレーター（佐藤）：本人確認のため、お名前をお願いいたします。')).toEqual(['佐藤']);
    expect(persons('客服（陈静）：您好，为了核实身份')).toEqual(['陈静']);
    expect(persons('상담원 이서연: 본인 확인을 위해 생년월일을 말씀해 주세요.')).toEqual(['이서연']);
    expect(persons('الموظفة (ريم): مرحباً! للتحقق من هويتك')).toEqual(['ريم']);
  });
  it('a birth cue with a particle or suffix written on it', () => {
    const dob = (t: string): string[] => detector.detect(t).filter((f) => f.type === 'DATE_OF_BIRTH').map((f) => t.slice(f.start, f.end));
    expect(dob('お客様：鈴木一郎です。生年月日は1985年7月3日です。')).toEqual(['1985年7月3日']);
    expect(dob('생년월일을 말씀해 주세요.\n고객: 1992.03.15이요')).toEqual(['1992.03.15']);
    expect(dob('ما اسمك وتاريخ ميلادك؟\nالعميل: عمر حسن، 21/06/1988')).toEqual(['21/06/1988']);
  });
  it('"اسمك" (your name) asked is no key', () => {
    expect(persons('ما اسمك وتاريخ ميلادك؟')).toEqual([]);
  });
});

describe('a name no list knows, in a signature or after a label that ends the message', () => {
  it('"- Bashir" on the last line, "Agent: Bethan." at the end', () => {
    expect(persons('Repo is orbital/infra-mirror.\n- Bashir')).toEqual(['Bashir']);
    expect(persons('Call on 07405 118 239. Agent: Bethan.')).toEqual(['Bethan']);
  });
  it('near misses: a team signs, a speaker says a word, "my name is" before English words, a Chinese form', () => {
    expect(persons('Thanks!\n- Team')).toEqual([]);
    expect(persons("Agent: Hope you're well!")).toEqual([]);
    expect(persons('kindly note my name is spelt wrongly in the warranty card')).toEqual([]);
    expect(persons('请提供您的姓名和出生日期。')).toEqual([]);
  });
});

describe('the writer of a dated note, a nickname in quotes', () => {
  it('"14 Mar 2025 — Kirsty (Billing):", "Sep 19, 2024 — Shanique:"; \'Rodrigo "Rigo" Salinas\' and "Rigo" again', () => {
    expect(persons('14 Mar 2025 — Kirsty (Billing): Estimated bill of £612 sent in error')).toEqual(['Kirsty']);
    expect(persons('Sep 19, 2024 — Shanique: Forms received but beneficiary signature missing.')).toEqual(['Shanique']);
    expect(persons('Rodrigo "Rigo" Salinas (IT)\n- Rigo wants SSO with Google')).toEqual(['Rodrigo', 'Rigo', 'Salinas', 'Rigo']);
  });
  it('near misses: a dated note by a role', () => {
    expect(persons('Jan 5, 2025 - Update: shipped')).toEqual([]);
    expect(persons('March 3, 2024 — Usuario: hola')).toEqual([]);
  });
});

describe('names that are also less frequent English words', () => {
  it('beside another name they are names: "Jasmine Cole", "Jasmine Renee Whitfield"; a name with its department opens a line', () => {
    expect(persons('yesterday Jasmine Cole texted from her new number')).toEqual(['Jasmine Cole']);
    expect(persons('Full legal name: Jasmine Renee Whitfield\nOther names')).toEqual(['Jasmine Renee Whitfield']);
    expect(persons("I'll pass you to a human.\nJordan (Support): hey Lachlan, sorry")).toEqual(['Jordan', 'Lachlan']);
  });
  it('the most frequent words stay words: "Human Resources", "General Obligations Law", "Note (Support):"', () => {
    expect(persons('Madhavi Deshpande\nDirector – Human Resources')).toEqual(['Madhavi Deshpande']);
    expect(persons('Under General Obligations Law § 7-108, you were required')).toEqual([]);
    expect(persons('Note (Support): call back tomorrow')).toEqual([]);
  });
});

describe('German nouns after an article', () => {
  it('"Das Widerrufsrecht", "Das Lastschriftmandat" are no names; "Mr Das" is', () => {
    expect(persons('Sie können Ihre Bestellung stornieren. Das Widerrufsrecht beträgt 14 Tage ab Erhalt der Ware.')).toEqual([]);
    expect(persons('Das Lastschriftmandat wurde widerrufen und die Rechnung ist offen.')).toEqual([]);
    expect(persons('Mr Das called about his order')).toEqual(['Das']);
  });
});

describe('Portuguese introductions and Iberian accents', () => {
  it('"Aqui é a Thaís", "le habla Ximena Ortiz"; "Thaís" is no "thais"', () => {
    expect(persons('Oi, boa tarde! Aqui é a Thaís. Aluguei um carro')).toEqual(['Thaís']);
    expect(persons('Meu nome completo é Thaís Cristina dos Santos Oliveira e meu celular')).toEqual(['Thaís Cristina dos Santos Oliveira']);
    expect(persons('Buenos días, le habla Ximena Ortiz')).toEqual(['Ximena Ortiz']);
  });
  it('an English word with its borrowed accent stays a word', () => {
    expect(persons('Meet me at the Café near the station')).toEqual([]);
  });
});

describe('a speaker named with a role', () => {
  it('"Agent (Priyanka):", "Agent Sana:", "Rizwan (Maintenance):" — the name, known or not', () => {
    expect(persons("Agent (Priyanka): Thanks - please don't share tokens")).toEqual(['Priyanka']);
    expect(persons('Agent Sana: Sir please apna registered email share karein')).toEqual(['Sana']);
    expect(persons('[16/04/25, 10:20:31] Rizwan (Maintenance): Salam madam')).toEqual(['Rizwan']);
  });
  it('near misses: a role and a department, a role and a word', () => {
    expect(persons('Tech Support: hi')).toEqual([]);
    expect(persons('Customer Service: hi there')).toEqual([]);
    expect(persons('Guest Wifi: password123')).toEqual([]);
  });
});

describe('speakers of a chat export', () => {
  it('the label after a time stamp or a role is a person, in any case', () => {
    expect(persons('[09:05] tomasz: morning all, reminder about tonight')).toEqual(['tomasz']);
    expect(persons('[07/04/2024, 19:08] Blessing: on my way')).toEqual(['Blessing']);
    expect(persons('[18/06/24, 8:03:40 PM] Anjali: ok sending now')).toEqual(['Anjali']);
    expect(persons('[00:00:03] AGENT (Precious): Thank you for calling')).toEqual(['Precious']);
    expect(persons('10:02 Rohan Mehra: can you resend the invoice')).toEqual(['Rohan Mehra']);
  });
  it('near misses: roles, bots, log levels, one unknown word, ordinary words', () => {
    expect(persons('[10:03] Customer: hi\n[10:04] Agent: hello')).toEqual([]);
    expect(persons('[09:00] digest-bot: 14 open escalations')).toEqual([]);
    expect(persons('[2024-05-01 10:00:01] INFO: started')).toEqual([]);
    expect(persons('[14:02] Pixel: Bună! Sunt Pixel.')).toEqual([]);
    expect(persons('[10:02] Body Corporate Notices: water off on Friday')).toEqual([]);
    expect(persons('12:01 Note: restart done')).toEqual([]);
  });
});

describe('values typed by their field: SQL INSERT columns, CSV columns, keys in other scripts', () => {
  const of = (text: string, type: string): string[] => detector.detect(text).filter((f) => f.type === type && f.confidence >= 0.5).map((f) => text.slice(f.start, f.end));
  it('reads the column of an INSERT ... VALUES tuple', () => {
    const sql = "INSERT INTO customers (id, first_name, last_name, dob, created_at) VALUES\n  (1001, 'Chukwuemeka', 'Obi', '1984-07-09', '2023-01-17 08:22:10');";
    expect(of(sql, 'PERSON')).toEqual(['Chukwuemeka', 'Obi']);
    expect(of(sql, 'DATE_OF_BIRTH')).toEqual(['1984-07-09']);
  });
  it('reads birth-date and SSN columns of a CSV, and birth-date keys of other languages', () => {
    const csv = 'emp_id,last,first,ssn,birth_date,plan,coverage_start\nE-4410,Kahale,Makoa,505621934,1986-05-30,PPO-2,2024-07-01';
    expect(of(csv, 'DATE_OF_BIRTH')).toEqual(['1986-05-30']);
    expect(of(csv, 'US_SSN')).toEqual(['505621934']);
    expect(of(csv, 'PERSON')).toEqual(['Kahale', 'Makoa']);
    expect(of('Születési dátum: 1975. 03. 08.', 'DATE_OF_BIRTH')).toEqual(['1975. 03. 08.']);
    expect(of('생년월일: 1983.07.15', 'DATE_OF_BIRTH')).toEqual(['1983.07.15']);
    expect(of('生年月日：1988年4月21日', 'DATE_OF_BIRTH')).toEqual(['1988年4月21日']);
  });
  it('near misses: other dates and columns', () => {
    const sql = "INSERT INTO orders (id, placed_at) VALUES (7, '2024-05-10');";
    expect(of(sql, 'DATE_OF_BIRTH')).toEqual([]);
    expect(of('sku,created,ssn_last4\nAB-1,2024-05-10,1234', 'DATE_OF_BIRTH')).toEqual([]);
    expect(of("print('Hello world')", 'PERSON')).toEqual([]);
  });
});

describe('names in scripts without letter case', () => {
  it('the value of a name field, a Korean name before an honorific, a KakaoTalk speaker', () => {
    expect(persons('氏名：佐藤 美咲（サトウ ミサキ）')).toEqual(['佐藤 美咲', 'サトウ ミサキ']);
    expect(persons('订单号 CN88301245，收件人王晓明，手机139 2841 7705')).toEqual(['王晓明']);
    expect(persons('お客様：高橋 健太 様')).toEqual(['高橋 健太']);
    expect(persons('名義は佐藤 健一です。')).toEqual(['佐藤 健一']);
    expect(persons('الاسم على الحجز: أحمد الفارسي.')).toEqual(['أحمد الفارسي']);
    expect(persons('안녕하세요, 김민준입니다.')).toEqual(['김민준']);
    expect(persons('[이서연] [오후 2:11] 택배 아직 안 왔어요')).toEqual(['이서연']);
  });
  it('Japanese names by shape, Chinese names before a title or after a key, names after "my name is" in Hindi, Bengali, Hebrew', () => {
    expect(persons('3月21日から2泊で予約している佐々木 美穂（ササキ ミホ）です。')).toEqual(['佐々木 美穂', 'ササキ ミホ']);
    expect(persons('担当の鈴木 一郎が対応します。田中様、よろしくお願いします。')).toEqual(['鈴木 一郎', '田中']);
    expect(persons('请联系王先生或者陈志强女士，谢谢老师')).toEqual(['王', '陈志强']);
    expect(persons('尊敬的用户欧阳晓雯：您的申请已提交')).toEqual(['欧阳晓雯']);
    expect(persons('你好，我叫王芳，注册手机号是')).toEqual(['王芳']);
    expect(persons('नमस्ते, मेरा नाम सुनीता यादव है। मेरा मोबाइल')).toEqual(['सुनीता यादव']);
    expect(persons('আমার নাম তানভীর হাসান, আমি শিক্ষার্থী')).toEqual(['তানভীর হাসান']);
    expect(persons('שלום, שמי נועה לוי-אברהם ואני שוכרת את הדירה')).toEqual(['נועה לוי-אברהם']);
  });
  it('near misses: headlines, menus, addresses, roles before an honorific, thanks, a speaker label', () => {
    expect(persons('本日 休業 のお知らせ')).toEqual([]);
    expect(persons('ホーム 商品 一覧 会社 概要 です')).toEqual([]);
    expect(persons('住所は東京都 渋谷区 神南1-2-3です')).toEqual([]);
    expect(persons('ご担当者様、お客様、被保険者氏名の欄')).toEqual([]);
    expect(persons('多谢医生，谢谢老师')).toEqual([]);
    expect(persons('客户：你好，我上周买的耳机有质量问题')).toEqual([]);
  });
  it('near misses: field words, long values, role words', () => {
    expect(persons('请提供订单号和收件人信息。')).toEqual([]);
    expect(persons('お客様：クレジットカードの二重請求について問い合わせです。')).toEqual([]);
    expect(persons('고객님, 이용자님 확인 부탁드립니다')).toEqual([]);
  });
});

describe('a word naming an organization after a place or a name', () => {
  it('"Westbrook University", "Keystone Lettings", "Lumina Energía", "Farmacia" are no places or people', () => {
    expect(detector.detect('You are Juniper, the student services assistant at Westbrook University.')).toEqual([]);
    expect(detector.detect("Hi, I'm Juniper from Keystone Lettings. How can I help?")).toEqual([]);
    expect(detector.detect('Eres Juniper, el asistente virtual de Lumina Energía.')).toEqual([]);
  });
  it('a place without one still is', () => {
    expect(detector.detect('I moved to Denver last year').map((f) => f.type)).toEqual(['LOCATION']);
  });
});

describe('role nouns and header names are not names', () => {
  it('a role before a name stays outside it; header names are ordinary words', () => {
    expect(persons('Policyholder Faith Adeyemi-Brooks, born on the 3rd of May 1990, reports damage')).toEqual(['Faith Adeyemi-Brooks']);
    expect(persons('Conductor Luis Ángel Ramírez reporta que el conductor llegó tarde')).toEqual(['Luis Ángel Ramírez']);
    expect(persons('Content-Type: application/json\nX-Forwarded-For: 203.0.113.9')).toEqual([]);
  });
});

describe('names of products', () => {
  it('a name with a product noun after it (one word may come between) is a product', () => {
    expect(persons('New in: the Madison floor lamp and the Savannah rug.')).toEqual([]);
    expect(persons('| Victoria 3-seater sofa | velvet | €1,390 |')).toEqual([]);
    expect(persons('I ordered the lamp for Madison, my daughter.')).toEqual(['Madison']);
  });
});

describe('intros of other languages, lower-case titles and "name"', () => {
  it('finds the name after them', () => {
    expect(persons('me cobraron de más este mes. soy Facundo, mi mail es otro')).toEqual(['Facundo']);
    expect(persons('Bonjour, je suis Amélie Dubois et je vous écris')).toEqual(['Amélie Dubois']);
    expect(persons('hey so my landlord mr patel says the rent didnt go thru')).toEqual(['patel']);
    expect(persons('can i book a blood test, name wayne dobbs dob 5.11.88')).toEqual(['wayne dobbs']);
    expect(persons('suami saya Bpk. Agus Santoso, nomor 0812')).toEqual(['Agus Santoso']);
  });
  it('near misses', () => {
    expect(persons('please update the name field, the name change is done')).toEqual([]);
    expect(persons('mr smooth operator is a song')).toEqual([]);
  });
});

describe('birth cues of every language in the cue list open the gate', () => {
  it('"született" (Hungarian) and "janma tithi" (romanised Hindi)', () => {
    const dob = (t: string): string[] => detector.detect(t).filter((f) => f.type === 'DATE_OF_BIRTH').map((f) => t.slice(f.start, f.end));
    expect(dob('Kovács Anna, született 1975. 03. 08., Budapest')).toEqual(['1975. 03. 08.']);
    expect(dob('meri janma tithi 12/03/1990 hai')).toEqual(['12/03/1990']);
  });
});

describe('a name that names a product somewhere in the text is the product there', () => {
  it('drops its lone mentions', () => {
    const feed = '| SKU | Product | Price |\n| CHR-MILO-LNG | Milo lounge chair | €649 |\n| TBL-JASPER-180 | Jasper dining table 180 cm | €1,049 |\n\nHarper and Milo ship flat-packed; Jasper requires two-person delivery.';
    expect(persons(feed)).toEqual([]);
  });
  it('keeps a person of that name written with a surname', () => {
    expect(persons('Milo Petrovic asked whether the Milo lounge chair comes in oak.')).toContain('Milo Petrovic');
    expect(persons('Harper and Milo called about the delivery.')).toContain('Milo');
  });
});

describe('a CSV block under a title line: its own header names the columns', () => {
  it('reads every record of the block by its header', () => {
    const csv = 'Group booking 7TGH2K - passenger list (please reissue)\nlast_name,first_name,title,date_of_birth,email\nMahlangu,Thabo,MR,1985-03-12,thabo@example.net\nNaidoo,Kershnee,MS,1990-07-28,kn@example.net\nVan Wyk,Pieter,MR,1978-01-09,pvw@example.net';
    const found = createDetector(DEFAULT_DETECTOR_CONFIG).detect(csv).map((f) => [f.type, csv.slice(f.start, f.end)]);
    for (const dob of ['1985-03-12', '1990-07-28', '1978-01-09']) expect(found).toContainEqual(['DATE_OF_BIRTH', dob]);
    for (const name of ['Naidoo', 'Kershnee', 'Van Wyk', 'Pieter']) expect(found.some(([t, v]) => t === 'PERSON' && v?.includes(name))).toBe(true);
  });
  it('a block whose top line reads as data has no header', () => {
    const csv = 'Orders\n1001,2024-03-11,49.90\n1002,2024-03-12,19.00';
    expect(createDetector(DEFAULT_DETECTOR_CONFIG).detect(csv)).toEqual([]);
  });
});

describe('lower-case names after more cues', () => {
  it('a given name that is also a word after "name", "a guy called", a relation and a verb; informal German; accents', () => {
    expect(persons('the account is under my moms name grace young, shes 78')).toContain('grace');
    expect(persons('the engineer, a guy called frank, said hed be back tmrw')).toContain('frank');
    expect(persons('ugh. so my son hunter used my card on some game')).toContain('hunter');
    expect(persons('sendung kam nicht. bin jannik weiß, handy 0176 38810472. danke')).toContain('jannik');
    expect(persons('(thats not my name lol, im rosalía). pls unban')).toContain('rosalía');
  });
  it('near misses', () => {
    for (const t of ['put it in the bin next to the door', 'your name will appear on the card', 'i called support twice', 'a guy called back later']) expect(persons(t)).toEqual([]);
    expect(persons('transfer from ahmad bin yusuf')).toEqual(['ahmad bin yusuf']);
  });
});

describe('names in scripts without case: owners, relatives, long Arabic names, Korean honorifics after a space', () => {
  it('finds them', () => {
    expect(persons('手机号是138 1024 7765，机主是王建国。我是他女儿王丽娜，帮他办理。')).toEqual(['王建国', '王丽娜']);
    expect(persons('أرجو تعديل الحجز باسم خالد عبد الله المنصوري. شكرا')).toEqual(['خالد عبد الله المنصوري']);
    expect(persons('함께 가는 어머니 박영숙 님의 휠체어 서비스를 신청하고 싶습니다.')).toEqual(['박영숙']);
    expect(persons('कनेक्शन मेरे पति सुरेश यादव के नाम पर है।')).toEqual(['सुरेश यादव']);
  });
  it('near misses: a key word in a sentence, a description after the key, a Hebrew "and" after the name', () => {
    expect(persons('我女儿很喜欢这个产品。')).toEqual([]);
    expect(persons('تفضل بذكر الاسم الكامل ورقم الجوال المسجل.')).toEqual([]);
    expect(persons('शलाका के नाम पर है।')).not.toContain('पर');
    expect(persons('שלום, שמי נועה לוי-אברהם ואני שוכרת את הדירה')).toEqual(['נועה לוי-אברהם']);
  });
});

describe('the airline form of a name (SURNAME/GIVEN TITLE)', () => {
  it('finds passenger names with a title, a passenger key or a known name', () => {
    expect(persons('PAX 1 OYELARAN/TEMITOPE MS\nPAX 2 OYELARAN/DAMILOLA MSTR')).toEqual(['OYELARAN/TEMITOPE', 'OYELARAN/DAMILOLA']);
    expect(persons('Hello, my passport says FERNANDEZ ORTEGA/JOSE LUIS but the ticket differs')).toContain('FERNANDEZ ORTEGA/JOSE LUIS');
  });
  it('near misses: acronyms and codes with a slash', () => {
    expect(persons('Use TCP/IP and AND/OR, UI/UX, N/A, JSON/XML, USD/EUR, AM/PM, CPU/GPU; route LHR/JFK')).toEqual([]);
  });
});

describe('birth dates: an aside after the key, more cue words, the airline form, cues inside CJK text', () => {
  const dobs = (t: string): string[] => detector.detect(t).filter((f) => f.type === 'DATE_OF_BIRTH').map((f) => t.slice(f.start, f.end));
  it('finds them', () => {
    expect(dobs('Data de nascimento (para confirmar a titularidade): 22/04/1990\nProtocolo')).toEqual(['22/04/1990']);
    expect(dobs('Utente: Beatriz Almeida Santos, nascida a 19-08-1969.')).toEqual(['19-08-1969']);
    expect(dobs('Proszę podać imię, nazwisko i datę urodzenia.\nKlient: Paweł Kowalczyk, 1986-02-14')).toEqual(['1986-02-14']);
    expect(dobs('会員情報の生年月日が間違っています。正しくは1985年4月12日です。')).toEqual(['1985年4月12日']);
    expect(dobs('2. KOWALCZYK/JAKUB MSTR – date of birth 09APR2017 (child fare)')).toEqual(['09APR2017']);
  });
  it('near misses: an aside with no birth cue before it, a ticket date with no cue', () => {
    expect(dobs('Order date (as shown on the invoice): 22/04/1990')).toEqual([]);
    expect(dobs('Flight SH 2210 on 09APR2025, seat 23A')).toEqual([]);
  });
});

describe('a name in a script without case after a Latin-script person key', () => {
  it('finds it', () => {
    expect(persons('Customer: 王小明\nOrder: 12345')).toEqual(['王小明']);
    expect(persons('Passenger: 김민준, seat 23A')).toEqual(['김민준']);
    expect(persons('Customer name: محمد العتيبي')).toEqual(['محمد العتيبي']);
    expect(persons('Contact: נועה לוי')).toEqual(['נועה לוי']);
  });
  it('not a Han value that starts with no surname', () => {
    expect(persons('Customer: 已发货\nNote: 请尽快')).toEqual([]);
  });
});

describe("a town's name that is also a given name, before a known surname", () => {
  it('is a person', () => {
    expect(persons('Please ask Florence Nakamura about it.')).toContain('Florence Nakamura');
    expect(persons('I spoke to Florence Nakamura-Hayes yesterday about the refund.')).toContain('Florence Nakamura-Hayes');
  });
  it('not after a place word, nor before a place noun, nor with a particle for a surname', () => {
    expect(persons('We moved from Florence last year')).toEqual([]);
    expect(persons('Lincoln Park is lovely in spring')).toEqual([]);
    expect(persons('Conduttrice: Aurora De Santis, nata a Pescara')).toContain('Aurora De Santis');
  });
});
