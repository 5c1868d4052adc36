import type { Finding } from '../types.js';
import { finding, type Recognizer } from './recognizer.js';

/**
 * Street addresses written in Japanese, Korean, Thai, Chinese, Arabic, Hindi and Hebrew script. Each national format is anchored on words that
 * only addresses use (a prefecture or 〒, a 로/길 road name after a 구/시/군, the ซอย/แขวง/เขต parts), so a bare
 * block number ("型番 2-14-7") or an order number ("주문번호 20240917-000381") is not one.
 */

const D = '[0-9０-９]';
const DASH = '[-－‐−ー]';
const KANJI_KANA = String.raw`\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}ー々ヶ`;
/** a prefecture: 東京都, 北海道, 京都府, 大阪府, or two or three kanji and 県 */
const JP_PREF = String.raw`(?:東京都|北海道|京都府|大阪府|\p{sc=Han}{2,3}県)`;
/**
 * "〒150-0001 東京都渋谷区神宮前3-14-7 メゾン神宮前 402", "大阪府大阪市北区梅田2-4-9 ブリーゼタワー 15F",
 * "神奈川県横浜市中区山下町2丁目14番7号": 〒 and the postcode, then a prefecture (optional after 〒), the city /
 * ward / town names (one of them ending in 市区町村郡), the block numbers (chome-ban-go), then maybe a building
 * and its room or floor on the same line.
 */
const JP = new RegExp(
  String.raw`(?:〒[ 　]?${D}{3}${DASH}${D}{4}[ 　]*(?:${JP_PREF})?|${JP_PREF})` +
    String.raw`[${KANJI_KANA}]{0,12}[市区町村郡][${KANJI_KANA}]{0,12}` +
    String.raw`${D}{1,4}(?:丁目|${DASH})${D}{1,4}(?:(?:番地?|${DASH})${D}{1,4}号?)?` +
    String.raw`(?:[ 　]*[${KANJI_KANA}A-Za-zＡ-Ｚａ-ｚ・]{2,20}(?:[ 　]*${D}{1,4}(?:号室|階|F|Ｆ)?)?)?`,
  'gu',
);
const JP_GATE = /[〒都道府県]/;

/** a province or metropolitan city (서울특별시, 부산광역시, 경기도, 제주특별자치도, 서울, 충남) */
const KR_PROVINCE = String.raw`(?:[가-힣]{1,4}(?:특별시|광역시|특별자치시|특별자치도)|(?:서울|부산|대구|인천|광주|대전|울산|세종)시?|(?:경기|강원|충청북|충청남|충북|충남|전라북|전라남|전북|전남|경상북|경상남|경북|경남|제주)도?)`;
/**
 * "(03925) 서울특별시 마포구 월드컵북로 396, 101동 1203호", "경기도 성남시 분당구 판교역로 166, 802호": the postcode
 * in brackets, the province, one or two cities / districts (시군구), maybe a town (읍면동), the road (로 / 길,
 * maybe "12번길") and its building number, then a building (동), a floor (층) and a flat (호).
 */
const KR = new RegExp(
  String.raw`(?<![가-힣\d])(?:\(\d{5}\)[ \t]*)?${KR_PROVINCE}[ \t]+(?:[가-힣]{1,6}[시군구][ \t]+){0,2}(?:[가-힣]{1,6}[읍면][ \t]+)?` +
    String.raw`[가-힣\d]{1,12}(?<!으)(?:로|길)(?:[ \t]?\d{1,3}번?길)?[ \t]+\d{1,5}(?:-\d{1,4})?(?![\d가-힣])` +
    String.raw`(?:,?[ \t]*\d{1,4}동)?(?:,?[ \t]*[Bb]?\d{1,3}층)?(?:,?[ \t]*\d{1,5}호)?(?:[ \t]*\([가-힣\d, ]{1,20}\))?`,
  'gu',
);
const KR_GATE = /[로길][ \t]+\d/;

const TH = String.raw`\u0E00-\u0E7F`;
/** the Thai address parts: soi, road, moo, sub-district, district, province (with their abbreviations) */
const TH_PART = String.raw`(?:ซอย|ซ\.|ถนน|ถ\.|หมู่(?:ที่)?|ม\.|แขวง|ตำบล|ต\.|เขต|อำเภอ|อ\.|จังหวัด|จ\.)`;
/**
 * "99/45 ซอยสุขุมวิท 39 แขวงคลองตันเหนือ เขตวัฒนา กรุงเทพฯ 10110": the house number, then two or more parts
 * (soi, road, sub-district, district...) each with its name and maybe a number, then maybe the province and the
 * postcode.
 */
/** the house number and its two to six parts, each with its name and maybe a number */
const TH_BODY = String.raw`(?<![\d/])\d{1,4}(?:\/\d{1,4})?(?:[ \t]*(?:${TH_PART}[ \t]*[${TH}]*(?![${TH}])(?:[ \t]?\d{1,3}(?![\d/]))?)){2,6}`;
const TH_ADDR = new RegExp(String.raw`${TH_BODY}(?:[ \t]+[${TH}]{2,24})?[ \t]*\d{5}(?!\d)|${TH_BODY}`, 'gu');
const TH_GATE = /ซอย|ถนน|แขวง|ตำบล|เขต|อำเภอ|หมู่/;

/**
 * "上海市浦东新区张杨路1500号12楼1203室", "台北市大安區復興南路一段390號5樓": Chinese, a city (two characters and 市,
 * maybe after a province) or a district (区 / 县) or both, the road (路 / 街 / 道 / 巷, maybe its 段), the number
 * and 号, then the building, floor and room.
 */
const ZH = new RegExp(
  String.raw`(?:(?:\p{sc=Han}{2,3}省)?\p{sc=Han}{2}市(?:\p{sc=Han}{2,3}[区區县縣])?|\p{sc=Han}{2,3}[区區县縣])` +
    String.raw`[\p{sc=Han}\d]{1,8}?(?:大道|路|街|道|巷|弄|胡同)(?:[一二三四五六七八九十]{1,3}段)?(?:\d{1,4}[巷弄])?\d{1,5}(?:-\d{1,4})?[号號]` +
    String.raw`(?:之\d{1,3})?(?:\d{1,4}(?:栋|棟|幢|座|单元|單元|楼|樓|层|層|室|F))*`,
  'gu',
);
const ZH_GATE = /[号號]/;

const AR_W = String.raw`\p{sc=Arabic}+`;
/**
 * "3312 شارع التحلية، حي السليمانية، الرياض 12245", "شقة 1203، برج الواحة، شارع الشيخ زايد، دبي": Arabic, maybe a
 * flat or villa and a tower, the street (شارع / طريق) and its name, then up to three parts (a district, the city)
 * and the postcode.
 */
const AR = new RegExp(
  String.raw`(?:(?:شقة|فيلا|مبنى|عمارة|منزل|بناية)[ 	]*\d{1,5}[،,][ 	]*)?(?:(?:برج|عمارة|مبنى|مجمع)[ 	]+${AR_W}(?:[ 	]+${AR_W})?[،,][ 	]*)?` +
    String.raw`(?:\d{1,5}[ 	]+)?(?:شارع|طريق)[ 	]+${AR_W}(?:[ 	]+${AR_W}){0,2}(?:[ 	]+\d{1,5})?(?:[،,][ 	]*${AR_W}(?:[ 	]+${AR_W}){0,2}){0,3}(?:[ 	]+\d{5})?`,
  'gu',
);
const AR_GATE = /شارع|طريق/;

/** "मकान नं. 27, सेक्टर 15, रोहिणी, दिल्ली 110089": Hindi, the house and its number, the parts, the PIN */
const HI = /(?:मकान|फ्लैट|प्लॉट|हाउस|घर)[ \t]*(?:नं\.?|नंबर|क्रमांक)[ \t]*\d{1,5}[A-Za-z]?(?:,[ \t]*[\p{sc=Deva}.]+(?:[ \t]+[\p{sc=Deva}.]+){0,3}(?:[ \t]*(?:नं\.?[ \t]*)?\d{1,4}(?!\d))?){1,5}(?:[ \t]*[-–]?[ \t]*\d{6}(?!\d))?/gu;
const HI_GATE = /नं|नंबर|क्रमांक/;

/** "רחוב הרצל 15, דירה 4, תל אביב-יפו": Hebrew, the street word, its name and number, the flat, the city */
const HE = /(?:רחוב|רח['׳]|שדרות|שד['׳]|דרך)[ \t]+\p{sc=Hebr}+(?:[ \t-]\p{sc=Hebr}+){0,2}[ \t]+\d{1,4}(?!\d)(?:,[ \t]*(?:דירה|קומה|כניסה)[ \t]*\d{1,4}){0,2}(?:,[ \t]*\p{sc=Hebr}+(?:[ \t-]\p{sc=Hebr}+){0,2})?(?:[ \t]+\d{7})?/gu;
const HE_GATE = /רחוב|רח['׳]|שדרות|שד['׳]|דרך/;

/** Japanese, Korean, Thai, Chinese, Arabic, Hindi and Hebrew street addresses (only in texts beyond ASCII). */
export const asianStreetAddressRecognizer: Recognizer = {
  name: 'street_address_asia',
  types: ['STREET_ADDRESS'],
  applies: (s) => s.nonAscii === true && s.digits >= 1 && s.length >= 6,
  find(text, out, scan) {
    // (one test per script: a text in none of them asks no more; the letters are beyond ASCII, so only the
    // prescan's capitals, which list every such character, are read)
    let jp = false;
    let kr = false;
    let th = false;
    let he = false;
    let ar = false;
    let hi = false;
    for (const i of scan.capitals) {
      const c = text.charCodeAt(i);
      if (c < 0x0590) continue;
      if (c <= 0x05ff) he = true;
      else if (c <= 0x06ff) ar = true;
      else if (c >= 0x0900 && c <= 0x097f) hi = true;
      else if (c >= 0x0e00 && c <= 0x0e7f) th = true;
      else if (c >= 0xac00 && c <= 0xd7a3) kr = true;
      else if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x4e00 && c <= 0x9fff) || c === 0x3012) jp = true;
    }
    if (jp && JP_GATE.test(text)) all(JP, text, out, 0.95, 'street_address.jp');
    if (jp && ZH_GATE.test(text)) all(ZH, text, out, 0.9, 'street_address.zh');
    if (kr && KR_GATE.test(text)) all(KR, text, out, 0.95, 'street_address.kr');
    if (th && TH_GATE.test(text)) all(TH_ADDR, text, out, 0.95, 'street_address.th');
    if (ar && AR_GATE.test(text)) all(AR, text, out, 0.9, 'street_address.ar');
    if (hi && HI_GATE.test(text)) all(HI, text, out, 0.9, 'street_address.hi');
    if (he && HE_GATE.test(text)) all(HE, text, out, 0.9, 'street_address.he');
  },
};

function all(re: RegExp, text: string, out: Finding[], conf: number, name: string): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let end = m.index + m[0].length;
    // (trailing spaces a building part may have left)
    while (end > m.index && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 0x3000)) end--;
    out.push(finding('STREET_ADDRESS', m.index, end, conf, name));
  }
}
