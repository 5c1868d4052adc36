import { Cues, DOB_POSITIVE, isLetterCode, windowBefore } from '../context-words.js';
import { DOB_FIELD_KEY, fieldKeyAt } from '../fields.js';
import { codeAt, finding, type Recognizer } from './recognizer.js';

const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|januar|februar|märz|mai|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre' +
  '|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|dezembro' +
  '|januari|februari|maart|mei|augustus|agustus|juni|juli|oktober|desember|stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia' +
  '|maret|maj|augusti|pebrero|marso|hunyo|hulyo|setyembre|oktubre|nobyembre|disyembre|ocak|şubat|mart|nisan|mayıs|haziran|temmuz|ağustos|eylül|ekim|kasım|aralık' +
  '|ianuarie|februarie|martie|aprilie|iunie|iulie|septembrie|octombrie|noiembrie|decembrie' +
  // Russian, Ukrainian, Czech and Greek in the genitive ("11 марта 1992"), and Arabic ("5 أكتوبر 1994")
  '|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня' +
  '|ledna|února|března|dubna|května|června|července|srpna|září|října|listopadu|prosince' +
  '|ιανουαρίου|φεβρουαρίου|μαρτίου|απριλίου|μαΐου|ιουνίου|ιουλίου|αυγούστου|σεπτεμβρίου|οκτωβρίου|νοεμβρίου|δεκεμβρίου' +
  '|يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر';
const DATE = new RegExp(
  [
    String.raw`\d{4}[-/.]\d{1,2}[-/.]\d{1,2}`,
    String.raw`\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})`,
    // "3. 5. 1977" (Czech, Slovak, German with spaces); "1975. 03. 08." (Hungarian, Korean)
    String.raw`\d{1,2}\.[ \t]\d{1,2}\.[ \t]\d{4}`,
    String.raw`\d{4}\.[ \t]?\d{1,2}\.[ \t]?\d{1,2}\.?`,
    // "1988年4月21日", "1993년 4월 12일"
    String.raw`\d{4}年\d{1,2}月\d{1,2}日`,
    // a Japanese era year: "昭和62年5月3日" (Shōwa 62), "平成3年12月1日"
    String.raw`(?:明治|大正|昭和|平成|令和)(?:\d{1,2}|元)年\d{1,2}月\d{1,2}日`,
    String.raw`\d{4}년[ \t]?\d{1,2}월[ \t]?\d{1,2}일`,
    String.raw`(?:${MONTHS})\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}`,
    String.raw`\d{1,2}(?:st|nd|rd|th|º)?(?:\s+(?:of|de))?\s+(?:${MONTHS})\.?,?(?:\s+de)?\s+\d{4}`,
    String.raw`\d{1,2}\.\s*(?:${MONTHS})\s+\d{4}`,
    // "29-Jan-1981", "29/jan/81"
    String.raw`\d{1,2}[-/](?:${MONTHS})[-/](?:\d{4}|\d{2})`,
    // the airline form, "09APR2017", "21JUN88" (ticket DOCS and passenger lists)
    String.raw`\d{2}(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(?:\d{4}|\d{2})`,
  ]
    .map((p) => `(?:${p})`)
    .join('|'),
  'giu',
);
const DATE_STANDALONE = new RegExp(`(?<![\\w/.-])(?:${DATE.source})(?![\\w/]|[.-]\\d)`, 'giu');
const BIRTH = new Cues(DOB_POSITIVE);

/**
 * A birth cue before the date at `start`: within 48 characters, or on the line above within 64 (a transcript's
 * question: "Doğum tarihinizi … doğrulamam gerekiyor.\nMüşteri: 15.08.1991"). Not before the previous date (ending at
 * `previousEnd`) when words stand between the two: that date took the cue ("born on 2 September 1934 and died on
 * 14 December 2024"); a list of values does not ("| DOB | 1992-10-05 | 05 OCT 1992 |").
 */
function cueBefore(text: string, start: number, previousEnd: number): boolean {
  const from = previousEnd > 0 && hasLetter(text, previousEnd, start) ? previousEnd : 0;
  if (BIRTH.near(text, Math.max(from, start - 48), start)) return true;
  // a key with an aside between it and the value: "Data de nascimento (para confirmar a titularidade): 22/04/1990"
  let k = start;
  while (k > 0 && (text.charCodeAt(k - 1) === 32 || text.charCodeAt(k - 1) === 58 || text.charCodeAt(k - 1) === 9)) k--;
  if (k < start && text.charCodeAt(k - 1) === 41) {
    const open = text.lastIndexOf('(', k - 1);
    if (open !== -1 && k - open <= 80 && open > from && !text.slice(open, k).includes('\n') && BIRTH.near(text, Math.max(from, open - 48), open)) return true;
  }
  const lineStart = text.lastIndexOf('\n', start - 1);
  return lineStart > start - 64 && lineStart > from && BIRTH.near(text, Math.max(from, start - 64), lineStart);
}

function hasLetter(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (isLetterCode(text.charCodeAt(k))) return true;
  return false;
}
/** "12/03/1985 (DOB)": a cue right after the date, on its line (the next line's "Date of birth:" labels another value) */
const BIRTH_AFTER = /^(?:(?!\n)\W){0,3}\(?(?:dob|date of birth|birthday|born)\b/i;
const MONTH_YEAR = new RegExp(`(?<![\\w])(?:${MONTHS})\\.?\\s+\\d{4}(?![\\w])`, 'giu');

/** Dates that context marks as a birth date ("born", "DOB", "date of birth", "birthday"). */
export const dateOfBirthRecognizer: Recognizer = {
  name: 'date_of_birth',
  types: ['DATE_OF_BIRTH'],
  applies: (s) => s.digits >= 4,
  find(text, out, scan) {
    if (!hasBirthCue(scan.lower)) return;
    DATE_STANDALONE.lastIndex = 0;
    // a cue belongs to the first date after it: "born on 2 September 1934 and died on 14 December 2024", "DOB
    // 1984-02-19 … Date of loss: 2025-02-27" (the window starts after the previous date)
    let previousEnd = 0;
    for (let m = DATE_STANDALONE.exec(text); m; m = DATE_STANDALONE.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      // (or the value of a birth-date field: "dob: ...", a CSV column, an INSERT's column)
      if (cueBefore(text, start, previousEnd) || BIRTH_AFTER.test(text.slice(end, end + 24)) || DOB_FIELD_KEY.test(fieldKeyAt(text, start))) {
        out.push(finding('DATE_OF_BIRTH', start, end, 0.9, 'date_of_birth'));
      }
      previousEnd = end;
    }
    MONTH_YEAR.lastIndex = 0;
    for (let m = MONTH_YEAR.exec(text); m; m = MONTH_YEAR.exec(text)) {
      const before = windowBefore(text, m.index, 24);
      if (/\bborn\s+(?:in\s+)?$/i.test(before)) {
        out.push(finding('DATE_OF_BIRTH', m.index, m.index + m[0].length, 0.75, 'date_of_birth.month_year'));
      }
    }
  },
};

/**
 * The birth cues of other languages (the gate's second half): né/née le, nato/nata il, nacido/a, nascido/a,
 * nascita, nascimento, geb., geboren, geboorte, ur., urodz-, doğum, född, födelse-, født, fødsels, (tanggal)
 * lahir, seinengappi, data nașterii, datum narození, syntymäaika, ngày sinh, tareekh-e-paidaish, születési,
 * dátum narodenia, kuzaliwa, né(e), nací, cumple(años), ipinanganak, kaarawan, kapanganakan, anniversaire, and words of the Devanagari, Bengali, Arabic, Hebrew, Thai and Japanese scripts. Grouped by first letter, no lookbehind first (the engine then stops only at those letters);
 * "ur" must not follow a letter ("your.").
 */
const BIRTH_CUE_OTHER = /n(?:[ée]e? le|é\(e\)|at[oa] il|acid[oa]|ascid[oa]|ascita|ascimento|ac[ií] |aci[óo] )|născut|nascut|cumple|ipinanganak|kaarawan|kapanganakan|anniversaire|geb(?:\.|oren|oorte)|u(?<![a-z]u)(?:r\.|rodz)|do[gğ]um|생년월일|生年月日|出生|рожден|народжен|γέννησ|f(?:ödd|ödelse|ødt|ødsels)|lahir|seinengappi|naşterii|nașterii|nasterii|narozen|narođen|rođen|syntymä|sinh|paidaish|milad|születés|született|janma tithi|narodenia|kuzaliwa|nat[oa] |nasci|nacque|sünniaeg|sündinud|dzimis|dzimusi|dzimšanas|gimimo|gimęs|gimusi|fæðingard|fædd|twelid|twieled|tug['ʻ‘’]?ilgan|туған|төрсөн|жаралган|დაბადების|ծննդյան|የትውልድ|பிறந்த|పుట్టిన|ಜನ್ಮ|ജനന|જન્મ|ਜਨਮ|උපන්|မွေး|កំណើត|जन्म|জন্ম|ميلاد|ولادة|تولد|پیدائش|לידה|วันเกิด|誕生日/;

/**
 * Does the lower-cased text hold a birth cue word: born, dob, d.o.b, birth, bday, b-day, geburt, naissance,
 * nacimiento, or one of other languages (BIRTH_CUE_OTHER, with the Korean, Japanese, Chinese, Russian, Ukrainian
 * and Greek ones)? (For the English ones, once one regex over the whole
 * text; here native searches for "b", which all but the last two words hold, and "c", which those two hold, jump
 * to the few places worth a look: twice as fast on short texts. The character tests before each `startsWith` only
 * spare calls; they read through codeAt, never outside the text.)
 */
function hasBirthCue(lower: string): boolean {
  for (let k = lower.indexOf('b'); k !== -1; k = lower.indexOf('b', k + 1)) {
    const next = codeAt(lower, k + 1);
    const prev = codeAt(lower, k - 1);
    if (
      (next === 111 /* o */ && lower.startsWith('born', k)) ||
      (next === 105 /* i */ && lower.startsWith('birth', k)) ||
      (next === 100 /* d */ && lower.startsWith('bday', k)) ||
      (next === 45 /* - */ && lower.startsWith('b-day', k)) ||
      (prev === 111 /* o */ && k >= 2 && lower.startsWith('dob', k - 2)) ||
      (prev === 46 /* . */ && k >= 4 && lower.startsWith('d.o.b', k - 4)) ||
      (prev === 101 /* e */ && k >= 2 && lower.startsWith('geburt', k - 2))
    ) {
      return true;
    }
  }
  for (let k = lower.indexOf('c'); k !== -1; k = lower.indexOf('c', k + 1)) {
    const prev = codeAt(lower, k - 1);
    if ((prev === 110 /* n */ && k >= 7 && lower.startsWith('naissance', k - 7)) || (prev === 97 /* a */ && k >= 2 && lower.startsWith('nacimiento', k - 2))) return true;
  }
  return BIRTH_CUE_OTHER.test(lower);
}
