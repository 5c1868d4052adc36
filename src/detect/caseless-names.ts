import { fieldKeyAt } from './fields.js';
import { lexicon } from './lexicon/index.js';
import { finding } from './recognizers/recognizer.js';
import type { Finding } from './types.js';

/**
 * Names in scripts without letter case (Han, kana, Hangul, Thai, Arabic, Hebrew, Devanagari), which the
 * capitalised-run recognizers cannot see:
 * - the value of a name field: "氏名：山田 花子", "收件人王晓明，", "고객명: 박성호 (Park)", "お客様：高橋 健太 様",
 *   "名義は佐藤 健一です", "الاسم على الحجز: أحمد الفارسي." — the value must end at a delimiter or an honorific;
 * - a Korean full name (a common surname and two syllables) before "입니다" ("I am"), "님" or "씨" (honorifics).
 */

const CASELESS = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Gujarati}\p{Script=Gurmukhi}\p{Script=Sinhala}\p{Script=Myanmar}\p{Script=Khmer}\p{Script=Lao}\p{Script=Ethiopic}\p{Script=Georgian}ー`;
/** Arabic relatives and "dear", keys of a name that is one word and its family names ("زوجتي مريم", "عزيزي عبدالله القحطاني") */
const ARABIC_RELATIVES = new Set(['زوجتي', 'زوجي', 'جوزي', 'ابني', 'ابنتي', 'بنتي', 'أخي', 'أختي', 'أخوها', 'أخوه', 'أختها', 'أخته', 'والدي', 'والدتي', 'عزيزي', 'عزيزتي']);
/** keys whose value is a person's name (Japanese, Chinese, Korean, Thai, Arabic, Hebrew, Hindi) */
const NAME_KEYS = [
  '氏名', 'お名前', '名前', '名義は', '名義', 'お客様', '契約者', '申込者', '受取人', '客人', '客户姓名', '姓名', '收件人', '收货人', '联系人',
  '持卡人', '고객명', '이름', '성명', '수령인', '예약자', '받는 분', '보내는 분', 'ชื่อ-นามสกุล', 'ชื่อ', 'الاسم على الحجز', 'الاسم', 'اسم',
  'שם מלא', 'שם', 'שמי', 'नाम', 'मेरा नाम', 'নাম', 'আমার নাম', 'اسمي', '买家', '卖家', '尊敬的客户', '尊敬的用户', '尊敬的会员', '乘客姓名', '旅客姓名', 'أستاذ', 'الأستاذ', 'أستاذة', 'الأستاذة', 'السيد', 'السيدة', 'الدكتور', 'الدكتورة', 'श्रीमती', 'श्री', '我叫', '我的名字是', '名字叫',
  'フリガナ', 'ふりがな',
  // the owner of a line or an account, and relatives ("机主是王建国", "我是他女儿王丽娜", "باسم خالد", "मेरे पति सुरेश यादव के")
  '机主是', '机主', '户主是', '户主', '女儿', '儿子', '父亲', '母亲', '丈夫', '妻子', '老公', '老婆', '爸爸', '妈妈', 'باسم', 'पति', 'पत्नी', 'बेटा', 'बेटी',
  // who attended, wrote, signed or sent ("参会人员：张伟（…）", "记录人：王芳", "보낸사람: 정민수 <", "מאת: אורי כהן"), a speaker's label
  // whose value starts with a surname ("用户：李秀英，出生日期…"), a room-mate or colleague ("让我室友刘思雨下来拿")
  '我是', '参会人员', '出席人员', '记录人', '负责人', '经办人', '申请人', '签收人', '寄件人', '发件人', '联系人员', '用户', '使用者', '顾客', '客户', '室友', '同事',
  '보낸사람', '받는사람', '보낸 사람', '받는 사람', '담당자', '작성자', '신청인', '엄마', '아빠', '남편', '아내', 'מאת', 'ग्राहक',
  // candidates, interviewers, tenants, landlords, account holders and guardians; the two sides of a meeting in Japanese
  // ("候选人：刘浩然", "面试官：张伟、李静", "户名孙晓雯", "当方：鈴木", "예금주: 김민수"); Thai "I" (a woman's)
  '候选人', '应聘者', '面试官', '租客', '房东', '户名', '开户名', '账户名', '收款人', '付款人', '监护人', '家长', '紧急联系人',
  '先方', '当方', '担当者', '担当', '参加者', '出席者', '面接官', '応募者', '候補者', '保護者', '緊急連絡先',
  '비상연락처', '보호자', '지원자', '면접관', '후보자', '세입자', '집주인', '예금주', 'ดิฉัน',
  // "my name is" and "name" in the scripts of South and South-East Asia, Ethiopia and Georgia ("என் பெயர் …", "నా పేరు …",
  // "ខ្ញុំឈ្មោះ …", "ስሜ … ነው", "ჩემი სახელია …"), and "my brother/sister" in Bengali
  'என் பெயர்', 'பெயர்', 'நா பேரு', 'నా పేరు', 'పేరు', 'ನನ್ನ ಹೆಸರು', 'ಹೆಸರು', 'എന്റെ പേര്', 'പേര്', 'મારું નામ', 'નામ', 'ਮੇਰਾ ਨਾਮ', 'ਨਾਮ', 'මගේ නම', 'නම',
  'ကျွန်မ', 'ကျွန်တော်', 'ကျွန်ုပ်', 'အမည်', 'ខ្ញុំឈ្មោះ', 'ឈ្មោះ', 'ຂ້ອຍຊື່', 'ຊື່', 'ስሜ', 'ስም', 'ჩემი სახელია', 'სახელი', 'გვარი', 'আমার ভাই', 'আমার বোন', 'আমার স্বামী', 'আমার স্ত্রী',
  // relatives in Arabic ("زوجتي مريم": my wife Maryam; "أخوها خالد": her brother Khalid; Egyptian "جوزي أحمد": my husband)
  ...ARABIC_RELATIVES,
];
// (up to 20 characters: Thai writes a title and a given name as one word, "นางสาวพิมพ์ชนก")
// (an initial before it, as Tamil writes a father's: "க. அருணாசலம்")
// (not the full stops and commas of those scripts: "។", "။", "።")
const LETTER = `(?:(?!\\p{P})[${CASELESS}])`;
const PART = `(?:[\\p{Script=Tamil}\\p{Script=Telugu}\\p{Script=Kannada}\\p{Script=Malayalam}]\\p{M}{0,2}\\.[ \\t]?)?${LETTER}{1,20}(?:-${LETTER}{1,10})?`;
// (the shortest value that ends where a value may end: "שמי נועה לוי-אברהם ואני…"; up to four parts, as in
// "خالد عبد الله المنصوري")
const VALUE = `${PART}(?:[ \\t\\u3000]${PART}){0,3}?`;
/** what may follow the value: a delimiter, an honorific or a copula */
const AFTER = String.raw`(?=[ \t\u3000]*(?:$|[\r\n,，、。.;；:：(（)）|<"'/।॥،۔؟]|ו(?=\p{Script=Hebrew})|و(?=\p{Script=Arabic})|様|さん|씨|님|先生|女士|小姐|です|입니다|ነው|ပါ|[።။។፣၊]|\p{Script=Latin}|\d| (?:के|की|का|को|ने|से)(?![\p{L}\p{M}])))`;
/** what a name key may be followed by that is no name ("收件人信息": the recipient's details) */
const FIELD_WORDS = new Set(['信息', '地址', '电话', '号码', '手机', '名字', '姓名', '资料', '情報', '住所', '電話', '番号', '様', '정보', '주소', '전화', '번호', '변경', 'ข้อมูล', 'ที่อยู่', '名', '反馈', '协议', '须知', '服务', '中心', '评价', '账号', '编号', '等级']);
const HONORIFIC_END = /[ \t\u3000]*(?:様|さん|씨|님|先生|女士|小姐|です|입니다|है|हूँ|हूं|हैं)$/u;
// (a key may be quoted, as in JSON: "收货人":"王磊")
// (a key in a script that spaces its words must end there: "اسمك" is "your name", asked, not a key and value)
const SPACED_SCRIPT = /[\u0590-\u0dff]/u;
// (the longest first: "机主是" before "机主", whose value would start with the copula)
const KEY_ALTERNATIVES = [...NAME_KEYS].sort((a, b) => b.length - a.length).map((k) => (SPACED_SCRIPT.test(k) ? `${k}(?![\\p{L}\\p{M}])` : k)).join('|');
// (a value may stand in brackets after its key: "아빠(김도현)")
const KEYED = new RegExp(`(?:${KEY_ALTERNATIVES})["']?[ \\t]*[:：=(（]?[ \\t\\u3000]*["']?(${VALUE})${AFTER}`, 'dgmu');
/** a person key in a Latin-script text (English and the commonest others), then ':' and a name in a caseless script */
const LATIN_KEYED = new RegExp(
  `(?<![\\p{L}\\d])(?:customer|client|name|full name|passenger|guest|patient|recipient|contact|caller|user|member|tenant|applicant|student|employee|driver|account holder|cardholder|cliente|nombre|nom|kunde|kundin)(?:[ _](?:name|nombre))?["']?[ \\t]*[:：=][ \\t]*["']?(${VALUE})${AFTER}`,
  'dgimu',
);

/** the commonest Chinese surnames: one character, and the compound ones */
const CHINESE_SURNAMES = new Set([...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝陳張劉楊黃趙吳週孫馬鄭謝許韓馮鄧蕭葉蘇呂盧鍾譚陸賈鄒龔錢']);
const COMPOUND_SURNAMES = ['欧阳', '歐陽', '司马', '司馬', '诸葛', '諸葛', '上官', '东方', '東方', '皇甫', '令狐', '慕容', '尉迟', '公孙', '长孙', '宇文', '司徒', '夏侯', '轩辕', '端木'];
/** a Han-only value longer than a name (a key's value written on without a delimiter): the surname and two more */
function chineseNameIn(value: string): number {
  if (value.length <= 4) return value.length;
  if (COMPOUND_SURNAMES.some((c) => value.startsWith(c))) return 4;
  return CHINESE_SURNAMES.has(value[0] ?? '') ? 3 : 0;
}
const PARTICLE_FIRST = /^(?:[のをはがにへでとも]|から|より|まで)/u;
const HAN_ONLY = /^[\p{Script=Han}]+$/u;

/**
 * Japanese names by their shape: a family name and a given name in kanji with a space between them
 * ("佐藤 美穂（", "予約している佐々木 美穂です") — Japanese writes no other spaces between kanji words — and
 * kanji before an honorific ("田中様", "山本さん"); a katakana reading in brackets right after a name
 * ("（ササキ ミホ）"). A space pair whose part ends like an address or a company ("東京都 渋谷区") is none.
 */
const KANJI = String.raw`[\p{Script=Han}々]`;
// (not a pair inside a run of spaced words, as in a menu "商品 一覧 会社概要"; followed by a delimiter, an
// honorific or a particle, not by a space: "本日 休業 のお知らせ" is a headline)
const JP_SPACED = new RegExp(String.raw`(?<![\p{Script=Han}々\p{Script=Katakana}ー]|[\p{Script=Han}々][ \u3000])(${KANJI}{1,3}[ \u3000]${KANJI}{1,3})(?=$|[（(、。,，.）)」』\r\n]|[ \u3000]?(?:様|さん|さま|殿|氏|くん|ちゃん)|です|でした|は|が|の|に|と|を|も|から|より)`, 'gu');
const JP_HONORIFIC = new RegExp(String.raw`(?<![\p{Script=Han}々\p{Script=Katakana}ー])(${KANJI}{2,4})(?=様(?![式子])|さん|さま|氏(?!名)|殿|くん|ちゃん|と申します|と申し|といいます|と言います)`, 'gu');
/** a foreign name in katakana, its parts joined by '・', before an honorific or "I am" ("グエン・ヴァン・ナムです") */
const JP_KATAKANA_NAME = /(?<![\p{Script=Katakana}ー・])([\p{Script=Katakana}ー]{2,10}(?:・[\p{Script=Katakana}ー]{1,10}){1,3})(?=です|と申します|といいます|様|さん|さま|氏)/gu;
const JP_READING = /(?<=[\p{Script=Han}々][（(])([\p{Script=Katakana}ー]{2,8}[ \u3000・][\p{Script=Katakana}ー]{2,8})(?=[）)])/gu;
const JP_NOT_NAME_END = /[都道府県市区町村郡丁目号館階室店社部課局係科院校園所線駅便港]$/u;
/** kanji words before an honorific that are roles, not names ("ご担当者様", "利用者さん") */
const JP_ROLES = new Set(['担当者', '担当', '利用者', '会員', '患者', '店長', '社長', '部長', '課長', '係長', '先生', '医師', '管理者', '責任者', '代表者', '申込者', '契約者', '購入者', '配達員', '運転手', '乗客', '家族', '保護者', '関係者', '当選者', '奥', '旦那', '主人', '息子', '娘', '皆', '各位', '御中', '御社', '貴社', '相手', '業者', '大家', '隣人', '本人', '名義人', '受取人', '送り主', '差出人']);
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * Chinese: a surname, with the given name or without, before a title ("王先生", "陈志强女士", "请联系张伟经理").
 * The title's left neighbour decides the span: three characters from a surname, else two, else the surname alone.
 */
const ZH_TITLE = /(?<=\p{Script=Han})(?=先生|女士|小姐|老师|經理|经理|师傅|師傅|同学|同學|医生|醫生|律师|律師|阿姨|大爷|叔叔)/gu;
/** words before a title that start like a surname: "谢谢老师" (thank you, teacher), "各位先生" */
const ZH_NOT_NAMES = new Set(['多谢', '感谢', '谢老', '何时', '如何', '任何', '为何', '和我', '和他', '和她', '向我', '向他', '向她', '于是', '时候', '全体', '包括']);
/** surnames that are more often words: a name of two or three characters does not start with one ("我和王先生") */
const ZH_FUNCTION_CHARS = new Set([...'和向于时全包连同解单万文明成安常']);
function chineseNameBefore(text: string, end: number): number {
  const last2 = text.slice(Math.max(0, end - 2), end);
  if (ZH_NOT_NAMES.has(last2) || last2[0] === last2[1]) return -1;
  for (const len of [3, 2, 1]) {
    const start = end - len;
    if (start < 0) continue;
    const name = text.slice(start, end);
    if (!HAN_ONLY.test(name)) continue;
    if (len >= 3 && COMPOUND_SURNAMES.some((c) => name.startsWith(c))) return start;
    const first = name[0] ?? '';
    if (!CHINESE_SURNAMES.has(first) || ZH_NOT_NAMES.has(name) || name[1] === first || (len > 1 && ZH_FUNCTION_CHARS.has(first))) continue;
    return start;
  }
  return -1;
}

function scanJapanese(text: string, out: Finding[]): void {
  JP_SPACED.lastIndex = 0;
  for (let m = JP_SPACED.exec(text); m; m = JP_SPACED.exec(text)) {
    const [family, given] = (m[1] ?? '').split(/[ \u3000]/u);
    if (JP_NOT_NAME_END.test(family ?? '') || JP_NOT_NAME_END.test(given ?? '')) continue;
    out.push(finding('PERSON', m.index, m.index + (m[1] ?? '').length, 0.75, 'person.japanese'));
  }
  JP_HONORIFIC.lastIndex = 0;
  for (let m = JP_HONORIFIC.exec(text); m; m = JP_HONORIFIC.exec(text)) {
    const name = m[1] ?? '';
    if (JP_ROLES.has(name) || JP_NOT_NAME_END.test(name) || [...JP_ROLES].some((r) => r.length >= 2 && name.endsWith(r))) continue;
    out.push(finding('PERSON', m.index, m.index + name.length, 0.7, 'person.japanese'));
  }
  JP_KATAKANA_NAME.lastIndex = 0;
  for (let m = JP_KATAKANA_NAME.exec(text); m; m = JP_KATAKANA_NAME.exec(text)) out.push(finding('PERSON', m.index, m.index + (m[1] ?? '').length, 0.75, 'person.japanese'));
  JP_READING.lastIndex = 0;
  for (let m = JP_READING.exec(text); m; m = JP_READING.exec(text)) out.push(finding('PERSON', m.index, m.index + (m[1] ?? '').length, 0.75, 'person.japanese'));
}

/** a Hindi given name before the honorific "जी" ("राकेश जी"), not a word of courtesy ("हाँ जी", "धन्यवाद जी") */
const HINDI_JI = /(?<![\p{Script=Devanagari}])(\p{Script=Devanagari}{2,14}) जी(?![\p{Script=Devanagari}])/gu;
const HINDI_NOT_NAMES = new Set(['है', 'हैं', 'हाँ', 'हां', 'नहीं', 'ठीक', 'धन्यवाद', 'अच्छा', 'बिल्कुल', 'सर', 'मैडम', 'शुक्रिया', 'नमस्ते', 'प्रणाम', 'आप', 'बताइए', 'कहिए', 'सुनिए', 'बोलिए', 'रुकिए', 'माताजी', 'पिताजी', 'गुरु', 'भाई', 'बहन', 'दीदी', 'भैया']);
/**
 * "I am …" said around the name: Urdu "میں عائشہ ملک ہوں" (a full name: "میں ٹھیک ہوں" is "I am fine"), Hindi "मैं सुनील यादव बोल रहा हूँ" ("I, …, am speaking"),
 * Persian "سلام، علی رضایی هستم" (a full name before "I am", after a greeting, "I" or a line's start)
 */
const SAID_NAMES: readonly RegExp[] = [
  /(?<![\p{L}\p{M}])میں[ \t]+(\p{Script=Arabic}+(?:[ \t]+\p{Script=Arabic}+){1,2})[ \t]+ہوں(?![\p{L}\p{M}])/gu,
  /(?<![\p{L}\p{M}])मैं[ \t]+([\p{Script=Devanagari}\p{M}]+(?:[ \t]+[\p{Script=Devanagari}\p{M}]+){0,2})[ \t]+बोल[ \t]+रह[ाीे](?![\p{L}\p{M}])/gu,
  /(?:^|\n|سلام[،,]?[ \t]+|من[ \t]+)(\p{Script=Arabic}+[ \t]+\p{Script=Arabic}+)[ \t]+هستم(?![\p{L}\p{M}])/gu,
];
const SAID_GATE = /ہوں|बोल रह|هستم/;
/**
 * Arabic "I am …" / "with you is …" before a full name that ends its clause: "مرحباً، أنا خالد العتيبي." — a name of
 * two to four words whose first is a known given name, or whose later words are family names (بن, عبد, أبو, or a
 * word with the article ال after a first word that is no verb or adverb of the few that follow "I am").
 */
const ARABIC_SAID = /(?<![\p{L}\p{M}])(?:أنا|انا|معك|معاك)[ \t]+(\p{Script=Arabic}+(?:[ \t]+\p{Script=Arabic}+){1,3}?)(?=[ \t]*(?:[.،,؟!\n]|$|[ \t]من[ \t]))/gu;
const ARABIC_NOT_NAMES = new Set(['عايز', 'عاوز', 'عايزة', 'بدي', 'أريد', 'اريد', 'أبغى', 'ابغى', 'ممكن', 'هنا', 'بخير', 'آسف', 'اسف', 'متأكد', 'مش', 'لست', 'في', 'من', 'على', 'عندي', 'كنت', 'سوف', 'سأ', 'لا', 'ما', 'مو', 'زعلان', 'محتاج', 'محتاجة', 'العميل', 'الموظف']);
function scanArabicSaid(text: string, out: Finding[]): void {
  const lex = lexicon();
  ARABIC_SAID.lastIndex = 0;
  for (let m = ARABIC_SAID.exec(text); m; m = ARABIC_SAID.exec(text)) {
    const name = m[1] ?? '';
    const words = name.split(/[ \t]+/);
    const first = words[0] ?? '';
    if (ARABIC_NOT_NAMES.has(first)) continue;
    const family = words.slice(1).some((w) => /^(?:بن|بنت|ابن|عبد|أبو|ابو)$/.test(w)) || words.slice(1).every((w) => w.startsWith('ال') || /^عبد/.test(w));
    if (!lex.given.has(first) && !family) continue;
    const start = m.index + m[0].lastIndexOf(name);
    out.push(finding('PERSON', start, start + name.length, 0.8, 'person.caseless_said'));
  }
}

function scanSaidNames(text: string, out: Finding[]): void {
  if (text.includes('أنا') || text.includes('انا') || text.includes('معك') || text.includes('معاك')) scanArabicSaid(text, out);
  if (!SAID_GATE.test(text)) return;
  for (const re of SAID_NAMES) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const name = m[1] ?? '';
      if (name.split(/[ \t]+/).some((w) => HINDI_FUNCTION_WORDS.has(w))) continue;
      const start = m.index + m[0].indexOf(name);
      out.push(finding('PERSON', start, start + name.length, 0.8, 'person.caseless_said'));
    }
  }
}

/** Arabic words that go on a name key instead of starting its value ("الاسم الكامل": the full name; "كما": as) */
const ARABIC_KEY_WORDS = new Set(['الكامل', 'المسجل', 'الثلاثي', 'الرباعي', 'الأول', 'الأخير', 'كما', 'على', 'في', 'من', 'هو', 'هي']);
/** Hindi postpositions, pronouns and copulas that follow a key word in a sentence ("के नाम पर है": is in the name of) */
const HINDI_FUNCTION_WORDS = new Set(['रहती', 'रहता', 'रहते', 'पर', 'के', 'की', 'का', 'को', 'ने', 'से', 'में', 'है', 'हैं', 'और', 'भी', 'तो', 'नहीं', 'यह', 'वह', 'मेरा', 'मेरी', 'मेरे', 'आप', 'आपका', 'आपकी', 'क्या', 'था', 'थी']);
function scanHindiJi(text: string, out: Finding[]): void {
  HINDI_JI.lastIndex = 0;
  for (let m = HINDI_JI.exec(text); m; m = HINDI_JI.exec(text)) {
    const name = m[1] ?? '';
    if (!HINDI_NOT_NAMES.has(name)) out.push(finding('PERSON', m.index, m.index + name.length, 0.7, 'person.hindi'));
  }
}

function scanChineseTitles(text: string, out: Finding[]): void {
  ZH_TITLE.lastIndex = 0;
  for (let m = ZH_TITLE.exec(text); m; m = ZH_TITLE.exec(text)) {
    const start = chineseNameBefore(text, m.index);
    if (start >= 0) out.push(finding('PERSON', start, m.index, 0.7, 'person.chinese'));
    ZH_TITLE.lastIndex = m.index + 1;
  }
}

/** the commonest Korean surnames (one syllable) */
const KOREAN_SURNAMES = new Set([...'김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감음빈동온호범좌팽승간상갈서']);
/** three-syllable words before those endings that are no names ("이용자님": user, "고객님": customer) */
const KOREAN_NOT_NAMES = new Set(['이용자', '사용자', '관리자', '담당자', '판매자', '구매자', '신청자', '예약자', '운영자', '상담사', '선생님', '기사님', '회원님', '고객님', '주문자', '수령자', '배송자', '작성자', '문의자', '대표님', '매니저', '팀장님', '과장님', '부장님', '실장님', '변경', '이메일', '연락처', '전화', '정보', '주소', '번호', '메일', '확인', '요청', '문의', '안내', '지정', '배정', '부재']);
// (and before a job title or "customer": "윤아름 팀장님", "정민수 과장", "박지훈 고객님"; before "mum": "김서윤 엄마")
const KOREAN_NAME = /(?<![가-힣])([가-힣]{3})(?=입니다|이에요|예요|이고요|이고|이라고|라고 합니다| ?님| ?씨| (?:팀장|과장|부장|실장|차장|대리|주임|사원|이사|사장|대표|원장|교수|선생|고객|매니저|기사|엄마|아빠|어머니|아버지)(?![가-힣])| (?:팀장|과장|부장|실장|차장|대리|이사|사장|대표|원장|교수|선생|고객)님)/gu;

/**
 * Some letter of a script without case, and whether one is Hangul, read at the prescan's offsets of the
 * characters beyond ASCII (`nonAscii`): Hebrew to Thai and beyond up to U+1FFF (past Greek and Cyrillic), CJK,
 * kana and Hangul from U+3000, CJK compatibility and full-width forms. Punctuation, symbols and emoji are not.
 */
function caselessLetters(text: string, nonAscii: readonly number[]): { any: boolean; hangul: boolean } {
  let any = false;
  for (const i of nonAscii) {
    const c = text.charCodeAt(i);
    if (c < 0x0590) continue;
    if (c >= 0xac00 && c <= 0xd7a3) return { any: true, hangul: true };
    if (c <= 0x1fff || (c >= 0x3000 && c <= 0xd7ff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xffef)) any = true;
  }
  return { any, hangul: false };
}

const HANGUL_FIRST = /^[가-힣]/u;
const DEVANAGARI_FIRST = /^\p{Script=Devanagari}/u;
const THAI_FIRST = /^\p{Script=Thai}/u;

/**
 * The names listed after a key's first one, each with a surname first, maybe with its role in brackets:
 * "参会人员：张伟（就业指导中心）、李娜（计算机学院）、赵磊（合作企业HR）".
 */
const ZH_NEXT_IN_LIST = /^(?:[（(][^）)\n]{0,24}[）)])?[ \t]*[、，,;；][ \t]*(\p{Script=Han}{2,4})(?=[（(、，,;；。\n]|$)/u;
function chineseListAfter(text: string, end: number, out: Finding[]): void {
  for (let n = 0; n < 20; n++) {
    const m = ZH_NEXT_IN_LIST.exec(text.slice(end, end + 40));
    if (m === null) return;
    const word = m[1] ?? '';
    const length = chineseNameIn(word);
    if (length !== word.length || !(CHINESE_SURNAMES.has(word[0] ?? '') || COMPOUND_SURNAMES.some((c) => word.startsWith(c))) || ZH_FUNCTION_CHARS.has(word[0] ?? '')) return;
    const start = end + m[0].length - word.length;
    out.push(finding('PERSON', start, start + word.length, 0.8, 'person.caseless_field'));
    end = start + word.length;
  }
}

/** The value a KEYED or LATIN_KEYED match `m` holds, pushed when it is a name. */
function keyedValue(text: string, m: RegExpExecArray, kana: boolean, out: Finding[]): void {
  const span = m.indices?.[1];
  if (span === undefined) return;
  // (an honorific or a copula written on: "高橋 健太 様", "佐藤 健一です")
  const tail = HONORIFIC_END.exec(m[1] ?? '');
  let end = span[1] - (tail?.[0].length ?? 0);
  const value = text.slice(span[0], end);
  if (value.length === 0) return;
  // (a Korean topic or subject particle after the key: "받는 사람은 이지은입니다"; a Korean value is one word, a
  // name of two to four syllables, maybe with a particle written on: "남편 이준호이고 저는 …")
  let start = span[0];
  if (HANGUL_FIRST.test(text.slice(start, start + 2))) {
    const particle = /^[은는이가][ \t]+/u.exec(text.slice(start, start + 3));
    if (particle !== null) start += particle[0].length;
    const word = /^[가-힣]+/u.exec(text.slice(start, end))?.[0] ?? '';
    if (word.length < 2) return;
    end = start + (word.length > 4 ? 3 : word.length);
    if (!KOREAN_SURNAMES.has(text[start] ?? '') || KOREAN_NOT_NAMES.has(text.slice(start, end))) return;
    out.push(finding('PERSON', start, end, 0.85, 'person.caseless_field'));
    return;
  }
  // (after a relative or "dear" in Arabic, the name is one word and the family names that follow it ("مريم", "عبدالله
  // القحطاني"), not the rest of the sentence: "زوجتي نورة للتحويل السريع", "أخوها خالد مفوض بالاستفسار")
  if (ARABIC_RELATIVES.has(text.slice(m.index, span[0]).replace(/[ \t:："'(（]+$/u, ''))) {
    const parts = value.split(' ');
    let n = 1;
    while (n < parts.length && /^(?:ال|بن|بنت|ابن|عبد|أبو|أبي)/u.test(parts[n] ?? '')) n++;
    end = span[0] + parts.slice(0, n).join(' ').length;
  }
  // (a Thai name is a given name and a family name: the words after them are the sentence, which Thai writes on
  // without spaces: "ดิฉันสมใจ วงศ์สวัสดิ์ บัตรเครดิตหมายเลข …")
  if (THAI_FIRST.test(value)) {
    const parts = value.split(' ');
    if (parts.length > 2) end = span[0] + parts.slice(0, 2).join(' ').length;
  }
  // (a Hindi value holds no postposition or copula: "ग्राहक लखनऊ में रहती हैं" is "the customer lives in Lucknow")
  if (DEVANAGARI_FIRST.test(value) && value.split(' ').some((w) => HINDI_FUNCTION_WORDS.has(w))) return;
  // (in Chinese, a Han-only value starts with a surname: "客户：你好" is a speaker's line, "Status: 已发货" no name)
  if (HAN_ONLY.test(value)) end = kana || ((CHINESE_SURNAMES.has(value[0] ?? '') && !ZH_FUNCTION_CHARS.has(value[0] ?? '')) || COMPOUND_SURNAMES.some((c) => value.startsWith(c))) ? span[0] + chineseNameIn(value) : span[0];
  // (a particle right after the key: "氏名の欄" is the name's box)
  if (end > span[0] && !FIELD_WORDS.has(text.slice(span[0], end)) && !PARTICLE_FIRST.test(value) && !HINDI_FUNCTION_WORDS.has(value) && !ARABIC_KEY_WORDS.has(value.split(' ')[0] ?? '')) {
    out.push(finding('PERSON', span[0], end, 0.85, 'person.caseless_field'));
    if (HAN_ONLY.test(text.slice(span[0], end))) chineseListAfter(text, end, out);
  }
}

/**
 * A table's cell in a column of names, in a script without case: "| 김지현 | jihyun.kim@naver.com |", "| 0412 | 佐藤 大翔 |"
 * under a header "수강생" (student), "氏名" (name); the column is the cell's header (markdown, CSV, TSV).
 */
const CELL = new RegExp(`(?:^|[|\\t,])[ \\t]*([${CASELESS}](?:[${CASELESS}]|[ \\u3000](?=[${CASELESS}])){1,23})(?=[ \\t]*(?:[|\\t,\\r]|$))`, 'gmu');
const NAME_COLUMN =
  /(?:^|_)(?:name|fullname|customer|client|guest|student|member|patient|passenger|holder|owner|participant|attendee|contact|recipient|employee|user)(?:_|$)|氏名|名前|姓名|名字|이름|성명|수강생|학생|고객|회원|客户|客人|乘客|学生|会员|收件人|联系人|ชื่อ|اسم|الاسم|שם|नाम/u;
function scanNameCells(text: string, out: Finding[]): void {
  CELL.lastIndex = 0;
  for (let m = CELL.exec(text); m; m = CELL.exec(text)) {
    const value = m[1] ?? '';
    const start = m.index + m[0].length - value.length;
    if (!NAME_COLUMN.test(fieldKeyAt(text, start))) continue;
    out.push(finding('PERSON', start, start + value.length, 0.85, 'person.caseless_cell'));
  }
}

/** `capitals`: the prescan's offsets of A-Z and of every character beyond ASCII */
export function scanCaselessNames(text: string, capitals: readonly number[], out: Finding[]): void {
  const letters = caselessLetters(text, capitals);
  if (!letters.any) return;
  const kana = KANA.test(text);
  for (const re of /[:：=]/.test(text) ? [KEYED, LATIN_KEYED] : [KEYED]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const before = out.length;
      keyedValue(text, m, kana, out);
      // (a value that is no name may hold another key: "我是他女儿王丽娜", "I am his daughter Wang Lina")
      if (out.length === before) re.lastIndex = m.indices?.[1]?.[0] ?? re.lastIndex;
    }
  }
  if (kana) scanJapanese(text, out);
  else scanChineseTitles(text, out);
  if (text.includes(' जी')) scanHindiJi(text, out);
  scanSaidNames(text, out);
  if (text.includes('|') || text.includes('\t') || text.includes(',')) scanNameCells(text, out);
  if (!letters.hangul) return;
  KOREAN_NAME.lastIndex = 0;
  for (let m = KOREAN_NAME.exec(text); m; m = KOREAN_NAME.exec(text)) {
    const name = m[1] ?? '';
    if (!KOREAN_SURNAMES.has(name[0] ?? '') || KOREAN_NOT_NAMES.has(name)) continue;
    out.push(finding('PERSON', m.index, m.index + 3, 0.8, 'person.korean'));
  }
}
