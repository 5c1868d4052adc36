import { finding } from './recognizers/recognizer.js';
import type { Finding } from './types.js';

/**
 * Names in scripts without letter case (Han, kana, Hangul, Thai, Arabic, Hebrew, Devanagari), which the
 * capitalised-run recognizers cannot see:
 * - the value of a name field: "氏名：山田 花子", "收件人王晓明，", "고객명: 박성호 (Park)", "お客様：高橋 健太 様",
 *   "名義は佐藤 健一です", "الاسم على الحجز: أحمد الفارسي." — the value must end at a delimiter or an honorific;
 * - a Korean full name (a common surname and two syllables) before "입니다" ("I am"), "님" or "씨" (honorifics).
 */

const CASELESS = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Devanagari}\p{Script=Bengali}ー`;
/** keys whose value is a person's name (Japanese, Chinese, Korean, Thai, Arabic, Hebrew, Hindi) */
const NAME_KEYS = [
  '氏名', 'お名前', '名前', '名義は', '名義', 'お客様', '契約者', '申込者', '受取人', '客人', '客户姓名', '姓名', '收件人', '收货人', '联系人',
  '持卡人', '고객명', '이름', '성명', '수령인', '예약자', '받는 분', '보내는 분', 'ชื่อ-นามสกุล', 'ชื่อ', 'الاسم على الحجز', 'الاسم', 'اسم',
  'שם מלא', 'שם', 'नाम',
];
const VALUE = `[${CASELESS}]{1,10}(?:[ \\t\\u3000][${CASELESS}]{1,10}){0,2}`;
/** what may follow the value: a delimiter, an honorific or a copula */
const AFTER = String.raw`(?=[ \t\u3000]*(?:$|[\r\n,，、。.;；:：(（)）|<"'/]|様|さん|씨|님|先生|女士|小姐|です|입니다|\p{Script=Latin}))`;
/** what a name key may be followed by that is no name ("收件人信息": the recipient's details) */
const FIELD_WORDS = new Set(['信息', '地址', '电话', '号码', '手机', '名字', '姓名', '资料', '情報', '住所', '電話', '番号', '様', '정보', '주소', '전화', '번호', '변경', 'ข้อมูล', 'ที่อยู่']);
const HONORIFIC_END = /[ \t\u3000]*(?:様|さん|씨|님|先生|女士|小姐|です|입니다)$/u;
const KEYED = new RegExp(`(?:${NAME_KEYS.join('|')})[ \\t]*[:：=]?[ \\t\\u3000]*(${VALUE})${AFTER}`, 'dgmu');

/** the commonest Korean surnames (one syllable) */
const KOREAN_SURNAMES = new Set([...'김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감음빈동온호범좌팽승간상갈서']);
/** three-syllable words before those endings that are no names ("이용자님": user, "고객님": customer) */
const KOREAN_NOT_NAMES = new Set(['이용자', '사용자', '관리자', '담당자', '판매자', '구매자', '신청자', '예약자', '운영자', '상담사', '선생님', '기사님', '회원님', '고객님', '주문자', '수령자', '배송자', '작성자', '문의자', '대표님', '매니저', '팀장님', '과장님', '부장님', '실장님']);
const KOREAN_NAME = /(?<![가-힣])([가-힣]{3})(?=입니다|이에요|예요|님|씨)/gu;

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

/** `capitals`: the prescan's offsets of A-Z and of every character beyond ASCII */
export function scanCaselessNames(text: string, capitals: readonly number[], out: Finding[]): void {
  const letters = caselessLetters(text, capitals);
  if (!letters.any) return;
  KEYED.lastIndex = 0;
  for (let m = KEYED.exec(text); m; m = KEYED.exec(text)) {
    const span = m.indices?.[1];
    if (span === undefined) continue;
    // (an honorific or a copula written on: "高橋 健太 様", "佐藤 健一です")
    const tail = HONORIFIC_END.exec(m[1] ?? '');
    const end = span[1] - (tail?.[0].length ?? 0);
    if (end > span[0] && !FIELD_WORDS.has(text.slice(span[0], end))) out.push(finding('PERSON', span[0], end, 0.85, 'person.caseless_field'));
  }
  if (!letters.hangul) return;
  KOREAN_NAME.lastIndex = 0;
  for (let m = KOREAN_NAME.exec(text); m; m = KOREAN_NAME.exec(text)) {
    const name = m[1] ?? '';
    if (!KOREAN_SURNAMES.has(name[0] ?? '') || KOREAN_NOT_NAMES.has(name)) continue;
    out.push(finding('PERSON', m.index, m.index + 3, 0.8, 'person.korean'));
  }
}
