import nlp from 'compromise';

/**
 * compromise, asked one question: does the sentence open with a person who does something ("Will said
 * no", "Grace called")? Run in two stages so the expensive post-tagger runs only when it could still
 * make the first term a #Person. Used by the person recognizer for ambiguous capitalised names only.
 */

/** compromise's term objects, as far as the gate below reads them */
interface NlpTerm {
  text: string;
  normal: string;
  machine?: string | null;
  implicit?: string;
  root?: string;
  alias?: string[];
  switch?: string;
  tags: Set<string>;
}
interface NlpDoc {
  docs: NlpTerm[][];
  compute(steps: string[]): NlpDoc;
  terms(): { eq(i: number): { has(m: string): boolean } };
}
type NlpView = new (document: NlpTerm[][]) => NlpDoc;
const nlpWorld = nlp.world() as unknown as { methods: { one: { tokenize: { fromString(s: string, w: unknown): NlpTerm[][] } } } };
const NLP_HOOKS: readonly string[] = nlp.hooks();
const POST_AT = NLP_HOOKS.indexOf('postTagger');
// nlp(s) is `new View(tokenize(s))` then `compute(hooks)`; the same steps run here in two stages. The last
// hook, 'chunks', only sets term.chunk (no tags), so it is left out. The gate below was derived from the rules
// of compromise 14.17.0: another version, or another hook list, gets the plain nlp() call.
const STAGED = nlp.version === '14.17.0' && POST_AT > 0 && NLP_HOOKS.length === POST_AT + 2 && NLP_HOOKS[POST_AT + 1] === 'chunks';
const NLP_PRE = NLP_HOOKS.slice(0, POST_AT);
const NlpViewClass = (nlp('') as unknown as { constructor: NlpView }).constructor;
/** tags at or under Person (compromise 14: Person, FirstName, LastName, Honorific, MaleName, FemaleName) */
const PERSON_TAGS = (() => {
  const set = (nlp.world() as unknown as { model: { one: { tagSet: Record<string, { parents?: string[] }> } } }).model.one.tagSet;
  return Object.keys(set).filter((k) => k === 'Person' || (set[k]?.parents ?? []).includes('Person'));
})();
/**
 * Words of compromise's post-tagger rules (model.two.matches, 14.17) that give a Person tag to a match's
 * first term by word ("(king|queen|...) #ProperNoun", "(will && @isTitleCase) #ProperNoun", ...), and the
 * words such a rule wants as the second term ("#ProperNoun (van|al|bin) #ProperNoun", "#Noun van der? #Noun").
 */
const PERSON_RULE_FIRST = new Set(['king', 'queen', 'qeen', 'prince', 'saint', 'lady', 'al', 'will', 'lieutenant', 'corporal', 'sergeant', 'captain', 'admiral', 'major', 'colonel', 'marshal', 'president', 'private', 'general', 'rear', 'prime', 'field', 'count', 'miss', 'his', 'her', 'first', 'second', 'third', '1st', '2nd', '3rd', 'sister', 'pope', 'brother', 'father', 'aunt', 'uncle', 'grandpa', 'grandfather', 'grandma']);
const PERSON_RULE_SECOND = new Set(['van', 'al', 'bin', 'de', 'du']);
const SINGLE_LETTERS = new Set('abcdefghijklmnopqrstuvwxyz'.split(''));

/**
 * Words compromise never tags a #Verb: articles, determiners, pronouns, a few conjunctions, currency codes.
 * (Checked: for every ambiguous name of the lexicon, each of these words, and ten continuations, compromise
 * answered no on all 48,199 windows; likewise with an amount or a number as the second word.)
 */
const NOT_VERBS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'my', 'your', 'our', 'their', 'its', 'his', 'her', 'you', 'we', 'they', 'i', 'it', 'he', 'she', 'me', 'us', 'them', 'of', 'and', 'or', 'usd', 'eur', 'gbp']);

/**
 * The cheap half of the question: a second word that cannot be a verb ("Will the", "Price $952") settles it
 * without compromise. Only a plain first word (letters only) and a plain second word are judged here.
 */
function secondWordIsNoVerb(window: string): boolean {
  let i = 0;
  const n = window.length;
  for (let c = window.charCodeAt(0); i < n && ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)); c = window.charCodeAt(++i));
  if (i === 0 || (window.charCodeAt(i) !== 32 && window.charCodeAt(i) !== 44)) return false;
  if (window.charCodeAt(i) === 44) i++;
  while (window.charCodeAt(i) === 32) i++;
  const c = window.charCodeAt(i);
  // a number or an amount
  if ((c >= 48 && c <= 57) || c === 36 || c === 0x20ac || c === 0xa3 || c === 0xa5 || c === 0x20b9) return true;
  const s = i;
  for (let d = c; i < n && ((d >= 65 && d <= 90) || (d >= 97 && d <= 122)); d = window.charCodeAt(++i));
  if (i === s) return false;
  const e = window.charCodeAt(i);
  // the word must end there: not "you're", "the-", "it's"
  if (i < n && e !== 32 && e !== 44 && e !== 46 && e !== 33 && e !== 63) return false;
  return NOT_VERBS.has(window.slice(s, i).toLowerCase());
}

function termIs(t: NlpTerm, words: ReadonlySet<string>): boolean {
  if (words.has(t.text.toLowerCase()) || words.has(t.normal) || (t.machine != null && words.has(t.machine))) return true;
  if ((t.implicit !== undefined && words.has(t.implicit)) || (t.root !== undefined && words.has(t.root))) return true;
  return t.alias !== undefined && t.alias.some((a) => words.has(a));
}
const hasAny = (t: NlpTerm | undefined, tags: readonly string[]): boolean => t !== undefined && tags.some((g) => t.tags.has(g));

/**
 * compromise's answer: the first term a #Person, the second a #Verb that is not a #Modal. The post-tagger
 * matches all its rules against the tags the pre-tagger left, then applies them; so the first term ends as a
 * Person only if it already is one, or a rule that tags a match's first term as a Person matches there. Every
 * such rule (the 46 Person-tagging rules, read one by one) needs one of: a Person tag on the first term, a
 * Person|x switch on it, one of PERSON_RULE_FIRST as it, a Person or Acronym tag on the second term, one of
 * PERSON_RULE_SECOND or a single letter as the second term. Without any, the post-tagger is not run.
 */
export function compromisePerson(window: string): boolean {
  if (secondWordIsNoVerb(window)) return false;
  if (!STAGED) {
    const terms = (nlp(window) as unknown as NlpDoc).terms();
    return terms.eq(0).has('#Person') && terms.eq(1).has('#Verb') && !terms.eq(1).has('#Modal');
  }
  const doc = new NlpViewClass(nlpWorld.methods.one.tokenize.fromString(window, nlpWorld));
  doc.compute(NLP_PRE as string[]);
  const sentences = doc.docs;
  const t0 = sentences[0]?.[0];
  const t1 = sentences[0]?.[1] ?? sentences[1]?.[0];
  // (the post-tagger adds no terms)
  if (t0 === undefined || t1 === undefined) return false;
  const maybe =
    hasAny(t0, PERSON_TAGS) ||
    (t0.switch !== undefined && t0.switch.includes('Person')) ||
    termIs(t0, PERSON_RULE_FIRST) ||
    hasAny(t1, PERSON_TAGS) ||
    t1.tags.has('Acronym') ||
    termIs(t1, PERSON_RULE_SECOND) ||
    termIs(t1, SINGLE_LETTERS);
  if (!maybe) return false;
  doc.compute(['postTagger']);
  const terms = doc.terms();
  return terms.eq(0).has('#Person') && terms.eq(1).has('#Verb') && !terms.eq(1).has('#Modal');
}
