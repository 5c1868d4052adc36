
/**
 * The field a value stands in: the key of `"key": "value"`, `key=value`, `Key: value` (same line), or the
 * column header of a CSV/TSV/semicolon/pipe row (the text's first line). Asked only at candidate positions
 * (a capitalised run the recognizers are unsure about); the header of the last text is memoised.
 */

/** keys and column headers whose values are places */
export const LOCATION_KEY =
  /^(?:(?:home_?|birth_?|billing_?|shipping_?|customer_?|ship_?|bill_?)?(?:city|town|ciudad|ville|stadt|ort|citt[aà]|cidade|plaats|kota|location|locality|municipality|hometown|village|localidad|poblaci[oó]n|municipio|comune|gemeinde|miasto|город|city_?name|place_?of_?birth|birthplace|birth_?place|heimatort|wohnort|geburtsort|lieu_de_naissance|luogo_di_nascita|lugar_de_nacimiento|naturalidade|miejsce_urodzenia|doğum_yeri|место_рождения|город|місто|kota_lahir|tempat_lahir))$/u;

/** keys and column headers whose values are people */
export const PERSON_FIELD_KEY =
  /^(?:(?:customer|client|contact|account|card|primary|billing|shipping|emergency)?_?(?:name|holder|person)|customer|client|contact|full_?name|fullname|first_?name|last_?name|given_?name|family_?name|first|last|given|family|surname|assignee|assigned_?to|requester|requested_?by|reporter|reported_?by|submitted_?by|owner|agent|employee|passenger|guest|patient|tenant|applicant|recipient|sender|attn|nombre|nombre_?completo|apellidos?|nom|pr[eé]nom|nome|cognome|vorname|nachname|naam|achternaam|imie|nazwisko|nama(?:_lengkap|_penerima)?|ad[ıi]|soyad[ıi]?|ad_soyad|jm[eé]no|nimi|navn|namn|nom_complet|nome_completo|author|user_?name|requestor|caller|buyer|member|student|driver|beneficiary|signatory|signed_?by|titular|titulaire|inhaber(?:in)?|contraente|cliente|destinat[aá]rio|destinataire|empf[aä]nger|remetente|paciente|patient_?name|holder_?name|display_?name|real_?name|legal_?name|preferred_?name|nickname|p[řr][íi]jmen[íi]|vardas|pavard[ėe]|v[āa]rds|uzv[āa]rds|eesnimi|perekonnanimi|keresztn[ée]v|vezet[ée]kn[ée]v|n[ée]v|ime|prezime|priezvisko|meno|όνομα|επώνυμο|ονοματεπώνυμο|имя|фамилия|отчество|ім['’]я|прізвище|фио|піб|isim|ad[ıi]_?soyad[ıi]|tam_?ad[ıi])$/u;

/** keys and column headers whose values are birth dates */
export const DOB_FIELD_KEY =
  /^(?:[a-z]+_)?(?:dob|d_o_b|date_of_birth|birth_?date|birthday|born(?:_on)?|geburtsdatum|geb_?datum|fecha_(?:de_)?nacimiento|data_(?:de_)?nascimento|data_di_nascita|date_de_naissance|geboortedatum|data_urodzenia|do[gğ]um_tarihi|tanggal_lahir|ng[aà]y_sinh|sz[uü]let[eé]si_d[aá]tum|datum_narozen[ií]|syntym[aä]aika|f[øo]dselsdato|f[öo]delsedatum|생년월일|生年月日|出生日期|出生年月日|дата_рождения|дата_народження|ημερομηνία_γέννησης)$/u;

/** keys and column headers whose values are US social security numbers */
export const SSN_FIELD_KEY = /^(?:[a-z]+_)?(?:ssn|social_security(?:_number|_no)?|ss_?no)$/;

/** keys and column headers whose values are identifiers, no phones or cards (national ids, postcodes, order and account numbers) */
export const ID_KEY =
  /^(?:cpf|cnpj|rut|rfc|curp|abn|acn|nif|nie|dni|nuban|nhs(?:_no|_number)?|ssn|sin|ein|tin|vat(?:_no|_id)?|iban|bic|swift|cep|zip(?:_?code)?|post_?code|postal_?code|(?:[a-z]+_)?id|(?:order|tracking|invoice|account|case|ticket|policy|claim|serial|booking)(?:_?(?:no|number|num|ref|id))?|(?:customer|member)_?(?:no|number|num|ref|id))$/;

/** The key or column of the value starting at `start` ('' if none); lower case. */
export function fieldKeyAt(text: string, start: number): string {
  let k = start;
  const q = text.charCodeAt(k - 1);
  if (q === 34 || q === 39) k--;
  const valueStart = k;
  while (k > 0 && (text.charCodeAt(k - 1) === 32 || text.charCodeAt(k - 1) === 9)) k--;
  let sep = k > 0 ? text.charCodeAt(k - 1) : 10;
  // (a tab before the value is a TSV row's delimiter, unless a key's ':' or '=' stands before it: "Name:\tAna")
  if (sep !== 58 && sep !== 61 && sep !== 0xff1a) {
    let t = valueStart;
    while (t > 0 && text.charCodeAt(t - 1) === 32) t--;
    if (t > 0 && text.charCodeAt(t - 1) === 9) {
      k = t;
      sep = 9;
    }
  }
  // (':', '=' or a full-width '：')
  if (sep === 58 || sep === 61 || sep === 0xff1a) {
    k--;
    while (k > 0 && (text.charCodeAt(k - 1) === 32 || text.charCodeAt(k - 1) === 9)) k--;
    if (text.charCodeAt(k - 1) === 34 || text.charCodeAt(k - 1) === 39) k--;
    let b = k;
    while (b > 0 && b > k - 40 && isKeyCode(text.charCodeAt(b - 1))) b--;
    return normalizeKey(text.slice(b, k));
  }
  if (k === 0) return '';
  // XML: the element's tag names its text ("<FamilyName>O'Sullivan</FamilyName>")
  if (sep === 62) {
    const lt = text.lastIndexOf('<', k - 1);
    if (lt < 0 || k - lt > 48 || text.charCodeAt(lt + 1) === 47) return '';
    const tag = /^[A-Za-z_][\w.-]*/.exec(text.slice(lt + 1, k - 1))?.[0] ?? '';
    return tag === '' ? '' : normalizeKey(tag.replace(/^[\w-]+:/, ''));
  }
  // SQL: a value of an INSERT's VALUES tuple, named by the statement's column list
  if (sep === 44 || sep === 40) {
    const col = sqlColumnAt(text, k - 1);
    if (col !== undefined) return col;
  }
  // a cell of a markdown table: the header row above its separator row names the column
  if (sep === 124) {
    const col = markdownColumnAt(text, k - 1);
    if (col !== undefined) return col;
  }
  // CSV: a value right after its delimiter (prose puts a space after a comma)
  if (sep === 44 && k !== valueStart) return '';
  if (!(sep === 10 || sep === 44 || sep === 59 || sep === 9 || sep === 124)) return '';
  if (memoText !== text) {
    memoText = text;
    memoBlocks = new Map();
    const headerEnd = text.indexOf('\n');
    const header = headerEnd > 400 || headerEnd === -1 ? '' : text.slice(0, headerEnd);
    memoDelim = /[,;\t|]/.exec(header)?.[0] ?? '';
    memoColumns = memoDelim === '' ? [] : headerColumns(header, memoDelim);
  }
  // the delimiter: the value's own (or, for a line's first value, the text's first line's); then the column, by the
  // delimiters between the line start and the value (bounded: a record's line is short)
  const delim = sep !== 10 ? String.fromCharCode(sep) : memoDelim !== '' ? memoDelim : lineDelimiter(text, k);
  if (delim === '') return '';
  const d = delim.charCodeAt(0);
  let col = 0;
  let p = k - 1;
  for (; p >= 0 && k - p < 2000; p--) {
    const c = text.charCodeAt(p);
    if (c === 10) break;
    if (c === d) col++;
  }
  if (p < 0 ? false : text.charCodeAt(p) !== 10) return '';
  if (p < 0 && k - 0 >= 2000) return '';
  // (the text's first line is the header itself)
  if (p < 0) return '';
  // the header of the record's block (a title or a note may stand above the table), else the text's first line
  const block = blockHeader(text, p + 1, d);
  if (block !== null) return block[col] ?? '';
  if (memoDelim !== delim) return '';
  return memoColumns[col] ?? '';
}

/**
 * The header of the CSV/TSV block holding the line that starts at `lineStart`: the topmost of the lines right above
 * it that have as many delimiters (outside double quotes), if it reads as a header (every cell a short label that
 * starts with a letter); null when there is none. Memoised per line (each line is walked once per text and delimiter).
 */
function blockHeader(text: string, lineStart: number, d: number): readonly string[] | null {
  const key = lineStart * 4 + DELIMS.indexOf(d);
  const known = memoBlocks.get(key);
  if (known !== undefined) return known;
  const count = delimitersIn(text, lineStart, d);
  const passed: number[] = [lineStart];
  let top = lineStart;
  let header: readonly string[] | null = null;
  while (count > 0 && top > 0 && passed.length < 5000) {
    const prev = text.lastIndexOf('\n', top - 2) + 1;
    if (lineStart - prev > 200_000 || delimitersIn(text, prev, d) !== count) break;
    const memo = memoBlocks.get(prev * 4 + DELIMS.indexOf(d));
    if (memo !== undefined) {
      header = memo;
      top = -1;
      break;
    }
    top = prev;
    passed.push(prev);
  }
  if (top !== -1 && top !== lineStart) {
    const end = text.indexOf('\n', top);
    const line = text.slice(top, end === -1 ? text.length : end).replace(/\r$/, '');
    const cells = line.split(String.fromCharCode(d)).map((h) => h.trim().replace(/^["']|["']$/g, ''));
    if (cells.every((c) => HEADER_CELL.test(c))) header = cells.map(normalizeKey);
  }
  // (the header line itself has no header)
  for (const l of passed) if (l !== top) memoBlocks.set(l * 4 + DELIMS.indexOf(d), header);
  if (top >= 0 && top !== lineStart) memoBlocks.set(top * 4 + DELIMS.indexOf(d), null);
  return header;
}
const DELIMS = [44, 59, 9, 124];
/** the first CSV/TSV delimiter on the line from `start` ('' when none) */
function lineDelimiter(text: string, start: number): string {
  for (let i = start; i < text.length && i - start < 400; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) break;
    if (c === 44 || c === 59 || c === 9 || c === 124) return String.fromCharCode(c);
  }
  return '';
}
const HEADER_CELL = /^\p{L}[\p{L}\p{N}_ .#/()-]{0,39}$/u;
/** the delimiters on the line from `start`, outside double quotes */
function delimitersIn(text: string, start: number, d: number): number {
  let n = 0;
  let quoted = false;
  for (let i = start; i < text.length && i - start < 2000; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) break;
    if (c === 34) quoted = !quoted;
    else if (c === d && !quoted) n++;
  }
  return n;
}

/** a markdown table's separator row: "|------|:---:|" */
const MD_SEPARATOR = /^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$/;

/**
 * The column of the cell after the '|' at `pipe`, by the table's header row (the row above its separator row), or
 * undefined when the line is no row of such a table. Rows are walked up at most 200 lines.
 */
function markdownColumnAt(text: string, pipe: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', pipe) + 1;
  let col = -1;
  for (let p = lineStart; p <= pipe; p++) if (text.charCodeAt(p) === 124) col++;
  if (col < 0 || text.slice(lineStart, pipe).trim().length > 0 && text.slice(lineStart, pipe).trimStart()[0] !== '|') return undefined;
  let end = lineStart - 1;
  for (let n = 0; n < 200 && end > 0; n++) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    if (!line.trimStart().startsWith('|')) return undefined;
    if (MD_SEPARATOR.test(line)) {
      if (start === 0) return undefined;
      const headerStart = text.lastIndexOf('\n', start - 2) + 1;
      const cells = text.slice(headerStart, start - 1).trim().replace(/^\||\|$/g, '').split('|');
      const cell = cells[col];
      return cell === undefined ? undefined : normalizeKey(cell.trim());
    }
    end = start - 1;
  }
  return undefined;
}

/** `INSERT INTO name (col, col, ...) VALUES` (the column list in group 1) */
const INSERT_COLUMNS = /insert\s+into\s+[\w."`\[\]]+\s*\(([^()]{1,2000})\)\s*values\s*/gi;
interface SqlInsert {
  /** where the VALUES tuples start */
  readonly from: number;
  readonly columns: readonly string[];
}
let sqlMemoText: string | undefined;
let sqlMemo: SqlInsert[] = [];

/**
 * The column of the value after the ',' or '(' at `sep` inside a tuple of an INSERT ... VALUES statement (lower
 * case), or undefined. The tuple's commas are counted back to its '(' on the same line, outside quoted strings.
 */
function sqlColumnAt(text: string, sep: number): string | undefined {
  if (sqlMemoText !== text) {
    sqlMemoText = text;
    sqlMemo = [];
    INSERT_COLUMNS.lastIndex = 0;
    for (let m = INSERT_COLUMNS.exec(text); m; m = INSERT_COLUMNS.exec(text)) {
      const columns = (m[1] ?? '').split(',').map((c) => normalizeKey(c.trim().replace(/^["'`\[]|["'`\]]$/g, '')));
      sqlMemo.push({ from: m.index + m[0].length, columns });
    }
  }
  if (sqlMemo.length === 0) return undefined;
  let insert: SqlInsert | undefined;
  // (in text order: the last statement whose tuples start before `sep`)
  for (const ins of sqlMemo) {
    if (ins.from > sep) break;
    insert = ins;
  }
  if (insert === undefined) return undefined;
  // back to the tuple's '(' (the statement ends at a ';' outside quotes; a tuple stays on one line here)
  let col = 0;
  let quote = 0;
  for (let p = sep; p >= insert.from - 1 && sep - p < 2000; p--) {
    const c = text.charCodeAt(p);
    if (quote !== 0) {
      if (c === quote) quote = 0;
      continue;
    }
    if (c === 39 || c === 34) quote = c;
    else if (c === 44) col++;
    else if (c === 40) return insert.columns[col];
    else if (c === 10 || c === 59 || c === 41) return undefined;
  }
  return undefined;
}

/** a key or column name as the *_KEY patterns read it: lower case, runs of spaces and dashes as '_' */
function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[ -]+/g, '_');
}

/** the column names of a CSV/TSV header line, unquoted and normalized */
function headerColumns(header: string, delim: string): string[] {
  return header.split(delim).map((h) => normalizeKey(h.trim().replace(/^["']|["']$/g, '')));
}

/** a field's bare "name" (or "label"): a person's or a product's, by the record */
const BARE_NAME_KEYS = new Set(['name', 'label', 'nombre', 'nom', 'nome', 'naam']);

let memoText: string | undefined;
let memoDelim = '';
let memoColumns: string[] = [];
let memoBlocks = new Map<number, readonly string[] | null>();

function isKeyCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45 || c === 32 || c > 127;
}

/** before `start` (skipping a quote and spaces): the text's start, a line break, ':', '=', or a CSV delimiter */
export function isFieldStart(text: string, start: number): boolean {
  let k = start - 1;
  if (k >= 0 && (text.charCodeAt(k) === 34 || text.charCodeAt(k) === 39)) k--;
  while (k >= 0 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k--;
  if (k < 0) return true;
  const c = text.charCodeAt(k);
  // (or an XML element's start tag: "<FamilyName>O'Sullivan</FamilyName>")
  return c === 10 || c === 58 || c === 61 || c === 44 || c === 59 || c === 9 || c === 124 || (c === 62 && text.lastIndexOf('<', k) > text.lastIndexOf('/', k));
}

/** Does the value run from `end` to the end of its field (line end, delimiter, closing quote)? */
export function fieldEndsAt(text: string, end: number): boolean {
  let k = end;
  while (k < text.length && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
  if (k >= text.length) return true;
  const c = text.charCodeAt(k);
  return c === 10 || c === 13 || c === 34 || c === 39 || c === 44 || c === 59 || c === 124 || c === 9 || c === 125 || (c === 40 && k > end) || (c === 60 && text.charCodeAt(k + 1) === 47);
}

/**
 * "Acme Holdings Ltd", "Nordwind GmbH", "Westbrook University", "Keystone Lettings": a company suffix, or a word
 * that names an organization's kind, within two words after `end`.
 */
const COMPANY_AFTER = /[ \t]+(?:[\p{Lu}&][\p{L}&'.-]*[ \t]+){0,2}(?:Inc|Ltd|LLC|LLP|L\.L\.C|GmbH|AG|SA|S\.A|SAS|SARL|SRL|S\.r\.l|SpA|S\.p\.A|BV|B\.V|NV|N\.V|Pty|PLC|plc|Corp|Corporation|Co|Company|Limited|Holdings|Group|KK|K\.K|AB|ASA|Oy|A\/S|ApS|Sdn|Bhd|Tbk|Ltda|S\.L|SL|Kft|s\.r\.o|sp\. z o\.o|Pvt|LP|University|College|Academy|Institute|Hospital|Clinic|Pharmacy|Bank|Lettings|Realty|Properties|Motors|Insurance|Airlines|Airways|Hotel|Resort|Partners|Capital|Labs|Studios|Foods|Logistics|Furniture|Supplies|Services|Solutions|Systems|Technologies|Bakery|Brewery|Brewing|Library|Council|Museum|Foundation|Association|Society|Telecom|Energy|Utilities|Dental|Veterinary|Fitness|Physio|Physiotherapy|Salon|Spa|Gym|Cafe|Café|Restaurant|Garage|Surgery|Opticians|Optometry|Chiropractic|Co-op|Coop|Cooperative|Mutual|Marine|AS|A\.Ş|AŞ|San\.|Tic\.)(?![\p{L}\d])/uy;
export function companyFollows(text: string, end: number): boolean {
  const c = text.charCodeAt(end);
  if (c !== 32 && c !== 9) return false;
  // every alternative starts with a capital (or '&'): most names are followed by a lower-case word
  const d = text.charCodeAt(end + 1);
  if (!((d >= 65 && d <= 90) || d === 38 || d > 127)) return false;
  COMPANY_AFTER.lastIndex = end;
  return COMPANY_AFTER.test(text);
}

/** placeholder values of a field */
const PLACEHOLDER = /^(?:n\/?a|none|null|nil|unknown|unassigned|tbd|tba|pending|-+|x+|\?+|redacted|withheld|anonymous|not set|not provided|no|yes|true|false)$/;
const LOWER_VALUE = /^\p{Ll}[\p{Ll}'’-]*(?: \p{Ll}[\p{Ll}'’-]*){0,3}$/u;

/**
 * Values of place or person fields in a text written all in lower case (a CSV export, a JSON log line, a form):
 * `(start, end, kind)` for each value that is 1–4 lower-case words and not a placeholder. Only for texts
 * without capitals (the capitalised-run recognizers see the rest).
 */
type OnValue = (start: number, end: number, kind: 'person' | 'place', words: readonly string[], bareName: boolean) => void;
interface FieldValue {
  readonly start: number;
  readonly end: number;
  readonly kind: 'person' | 'place';
  readonly words: readonly string[];
  readonly bare: boolean;
}
let memoLowerText: string | undefined;
let memoLowerValues: FieldValue[] = [];

export function lowerFieldValues(text: string, onValue: OnValue): void {
  // (memoised: the person and the location recognizers ask about the same text in turn)
  if (memoLowerText !== text) {
    const vals: FieldValue[] = [];
    collectLowerFieldValues(text, (start, end, kind, words, bare) => vals.push({ start, end, kind, words, bare }));
    memoLowerText = text;
    memoLowerValues = vals;
  }
  for (const v of memoLowerValues) onValue(v.start, v.end, v.kind, v.words, v.bare);
}

function collectLowerFieldValues(text: string, onValue: OnValue): void {
  // a record of goods: its bare "name" is a product's
  let goodsMemo = -1;
  const goodsAt = (): boolean => (goodsMemo === -1 ? (goodsMemo = GOODS.test(text) ? 1 : 0) : goodsMemo) === 1;
  const nl = text.indexOf('\n');
  const header = nl > 0 && nl <= 400 ? text.slice(0, nl) : '';
  const delim = /[,;\t|]/.exec(header)?.[0];
  if (delim !== undefined && !header.includes(': ')) {
    const cols = headerColumns(header, delim);
    const kinds = cols.map((c) => (PERSON_FIELD_KEY.test(c) ? 'person' : LOCATION_KEY.test(c) ? 'place' : ''));
    if (kinds.some((k) => k !== '')) {
      let p = nl + 1;
      while (p < text.length) {
        let e = text.indexOf('\n', p);
        if (e === -1) e = text.length;
        let col = 0;
        let s = p;
        for (let q = p; q <= e; q++) {
          if (q === e || text[q] === delim) {
            const kind = kinds[col];
            const c = cols[col] ?? '';
            const bare = BARE_NAME_KEYS.has(c);
            if (kind !== undefined && kind !== '' && !(bare && goodsAt())) emitValue(text, s, q, kind, bare, onValue);
            col++;
            s = q + 1;
          }
        }
        p = e + 1;
      }
      return;
    }
  }
  // key: value / key=value — candidates are the ':' and '=' characters (native indexOf)
  for (const sepChar of [':', '=']) {
    for (let k = text.indexOf(sepChar); k !== -1; k = text.indexOf(sepChar, k + 1)) {
      let e = k;
      while (e > 0 && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9)) e--;
      if (text.charCodeAt(e - 1) === 34 || text.charCodeAt(e - 1) === 39) e--;
      let b = e;
      while (b > 0 && e - b < 30 && isLowerKeyCode(text.charCodeAt(b - 1))) b--;
      if (b === e) continue;
      const key = normalizeKey(text.slice(b, e).trim());
      const kind = PERSON_FIELD_KEY.test(key) ? 'person' : LOCATION_KEY.test(key) ? 'place' : '';
      if (kind === '') continue;
      const bare = BARE_NAME_KEYS.has(key);
      if (bare && goodsAt()) continue;
      VALUE_AT.lastIndex = k + 1;
      const m = VALUE_AT.exec(text);
      const value = m?.[1];
      if (m === null || value === undefined) continue;
      const start = m.index + m[0].indexOf(value);
      emitValue(text, start, start + value.length, kind, bare, onValue);
    }
  }
}

const VALUE_AT = /[ \t]*["']?(\p{Ll}[\p{Ll}'’-]{0,40}(?: \p{Ll}[\p{Ll}'’-]{0,40}){0,3})["']?(?=[ \t]*(?:$|[\r\n,;|}]))/uy;
const isLowerKeyCode = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 32 || c > 127;

const GOODS = /(?:^|[^\p{L}])(?:products?|sku|price|qty|quantity|items?|model|stock|upc|ean|asin|unit_?price|variant)(?![\p{L}])/u;

function emitValue(text: string, s: number, e: number, kind: 'person' | 'place', bare: boolean, onValue: OnValue): void {
  while (s < e && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 34 || text.charCodeAt(s) === 39)) s++;
  while (e > s && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 34 || text.charCodeAt(e - 1) === 39 || text.charCodeAt(e - 1) === 13)) e--;
  const v = text.slice(s, e);
  if (v.length < 2 || PLACEHOLDER.test(v) || !LOWER_VALUE.test(v)) return;
  onValue(s, e, kind, v.split(' '), bare);
}

/**
 * "the Denver model", "the Oslo sofa bed", "our Madison floor lamp", "| Georgia armchair |": a place's or a
 * person's name used as a product's (a product noun right after it, or after one more word, and an article or a
 * table cell's start before it).
 */
const PRODUCT_AFTER =
  /^[ \t]+(?:[\p{L}\d-]+[ \t]+)?(?:model|line|series|edition|collection|range|sofa|bed|chair|armchair|table|desk|lamp|recliner|rug|bench|bookcase|cabinet|shelf|stool|sideboard|bag|jacket|shoes?|boots?|set|kit|bundle|package|plan|tier|version|variant|style|design|frame|mattress|watch|phone|laptop|tablet|bike)s?\b/iu;
const PRODUCT_BEFORE = /(?:(?:^|[^\p{L}])(?:the|our|a|an|this|that)[ \t]+|(?:^|\n|\|)[ \t]*)$/iu;
export function productNamed(text: string, start: number, end: number): boolean {
  return PRODUCT_AFTER.test(text.slice(end, end + 28)) && PRODUCT_BEFORE.test(text.slice(Math.max(0, start - 8), start));
}
