/**
 * The instant recogniser's vocabulary: every English word a shopper is likely to say, grouped in
 * word classes. Built from (1) the loaded catalog — titles, category paths, colours — and (2) the
 * bilingual shopping lexicon's English side — shades, synonyms and garment words the catalog
 * never uses — plus (3) the function words spoken queries are framed with ("show me", "for",
 * "under fifty dollars"). Rebuilt whenever the catalog changes.
 */
import type { Product } from '../types';
import { SHOPPING_LEXICON, type LexiconEntry, type LexiconKind } from '../text/lexicon';

export type VoiceWordClass =
  | 'lead'
  | 'article'
  | 'gender'
  | 'audience'
  | 'color'
  | 'material'
  | 'attribute'
  | 'activity'
  | 'type'
  | 'name'
  | 'for'
  | 'with'
  | 'in'
  | 'and'
  | 'size'
  | 'price';

export const VOICE_WORD_CLASSES: readonly VoiceWordClass[] = [
  'lead', 'article', 'gender', 'audience', 'color', 'material', 'attribute', 'activity', 'type', 'name',
  'for', 'with', 'in', 'and', 'size', 'price',
];

/** How queries are framed when spoken; not domain words (those come from the lexicon). */
const SPOKEN_FRAME_WORDS: Readonly<Partial<Record<VoiceWordClass, readonly string[]>>> = {
  // Openings are whole phrases: word by word, "i", "me" and "the" would fit any short sound.
  lead: ['show me', 'i want', 'i need', "i'm looking for", 'looking for', 'find', 'find me', 'search for', 'do you have', "i'd like", 'get me', 'buy'],
  article: ['a', 'an', 'the', 'some', 'a pair of'],
  // Departments before the garment are usually said in the possessive ("men's tank top"); the
  // lexicon spells them plain, which is how they are said after it ("joggers for men").
  gender: ["men's", "women's", "children's", "kids'"],
  for: ['for'],
  with: ['with', 'without'],
  in: ['in'],
  and: ['and', 'or'],
  size: ['size', 'small', 'medium', 'large', 'extra', 'plus', 'petite', 'tall'],
  price: ['under', 'below', 'less', 'than', 'cheap', 'dollars', 'bucks', 'around', 'ten', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'hundred'],
};

/** Words that carry no meaning on their own inside product titles. */
const TITLE_STOP_WORDS = new Set(['a', 'an', 'the', 'of', 'and', 'or', 'for', 'with', 'in', 'on', 'to', 'by', '&']);

const LEXICON_CLASS: Record<LexiconKind, VoiceWordClass> = {
  type: 'type',
  color: 'color',
  gender: 'gender',
  material: 'material',
  attribute: 'attribute',
  activity: 'activity',
  other: 'attribute',
};

export interface VoiceVocabulary {
  /**
   * Units of each class with a relative weight (how likely the unit is within its class). A unit
   * is a word or a multi-word phrase of the lexicon ("tank top"), words separated by one space.
   */
  classes: Record<VoiceWordClass, Map<string, number>>;
  /** Class sequences of catalog titles: evidence for the grammar's word order. */
  phraseShapes: VoiceWordClass[][];
  /** All distinct words (of all units). */
  words: string[];
}

/** Lower-case spoken-word tokens of a text: letters, inner apostrophes and hyphens. */
export function spokenTokens(text: string): string[] {
  return text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').match(/[a-z][a-z'-]*[a-z]|[a-z]/g) ?? [];
}

function emptyClasses(): Record<VoiceWordClass, Map<string, number>> {
  return Object.fromEntries(VOICE_WORD_CLASSES.map((c) => [c, new Map<string, number>()])) as Record<
    VoiceWordClass,
    Map<string, number>
  >;
}

export interface VocabularyOptions {
  lexicon?: readonly LexiconEntry[];
  /** Growth of a unit's weight per log-count of the catalog products using it (or a form of it). */
  catalogWeight?: number;
  /** Weight of a lexicon synonym against its concept's usual word (en[0], weight 1). */
  synonymWeight?: number;
  /** Weight of a word only the catalog has (a product name, "Short" beside the lexicon's "shorts"). */
  catalogOnlyWeight?: number;
  /** Weight of "women" against "women's" before a garment. */
  plainGenderWeight?: number;
}

/** Regular and the common irregular plurals of a word or of a phrase's last word. */
export function pluralsOf(unit: string): string[] {
  const cut = unit.lastIndexOf(' ') + 1;
  const head = unit.slice(0, cut);
  const word = unit.slice(cut);
  const forms = [`${word}s`, `${word}es`, `${word}ren`];
  if (/[^aeiou]y$/.test(word)) forms.push(`${word.slice(0, -1)}ies`);
  if (word.endsWith('man')) forms.push(`${word.slice(0, -3)}men`);
  return forms.map((form) => head + form);
}

/**
 * A lexicon synonym the recogniser should not offer: the singular of a more usual plural in the
 * same concept ("shoe" beside "shoes", "man" beside "men" — shoppers say the plural, and a
 * word-final "s" is what the acoustic model hears least reliably), or a plural spelt without
 * its apostrophe ("mens" beside "men").
 */
function isSpareForm(unit: string, earlier: readonly string[], all: readonly string[]): boolean {
  if (pluralsOf(unit).some((plural) => earlier.includes(plural))) return true;
  if (!unit.endsWith('s')) return false;
  const stem = unit.slice(0, -1);
  return earlier.includes(stem) && all.some((other) => pluralsOf(other).includes(stem));
}

/** The form shared by a word's plural and possessive ("shorts", "women's" -> "short", "women"); per word of a phrase. */
function wordStem(unit: string): string {
  return unit
    .split(' ')
    .map((word) => word.replace(/'s?$/, '').replace(/(?<=[a-z]{2}(?:ss|x|z|ch|sh))es$/, '').replace(/(?<=[a-z]{3}[^s])s$/, ''))
    .join(' ');
}

export function buildVoiceVocabulary(products: readonly Product[], options: VocabularyOptions = {}): VoiceVocabulary {
  const lexicon = options.lexicon ?? SHOPPING_LEXICON;
  const catalogWeight = options.catalogWeight ?? 1;
  const synonymWeight = options.synonymWeight ?? 0.3;
  const catalogOnlyWeight = options.catalogOnlyWeight ?? 0.3;
  const plainGenderWeight = options.plainGenderWeight ?? 0.5;
  const classes = emptyClasses();
  const phraseShapes: VoiceWordClass[][] = [];
  const lexiconClasses = new Map<string, Set<VoiceWordClass>>();
  const concepts: Array<{ cls: VoiceWordClass; units: string[] }> = [];
  const add = (cls: VoiceWordClass, word: string, weight: number) => {
    const map = classes[cls];
    map.set(word, Math.max(map.get(word) ?? 0, weight));
  };
  // Catalog occurrences, counted apart: how often a title repeats a word says little about how
  // often a shopper says it ("Short" is in fifty titles; shoppers say "shorts").
  const catalogCounts = emptyClasses();
  const addCatalog = (cls: VoiceWordClass, word: string) => {
    const map = catalogCounts[cls];
    map.set(word, (map.get(word) ?? 0) + 1);
  };

  for (const [cls, words] of Object.entries(SPOKEN_FRAME_WORDS) as Array<[VoiceWordClass, readonly string[]]>) {
    for (const word of words) add(cls, word, 1);
  }
  for (const entry of lexicon) {
    const cls = LEXICON_CLASS[entry.kind];
    const phrases = entry.en.map((phrase) => spokenTokens(phrase).join(' '));
    const concept: string[] = [];
    concepts.push({ cls, units: concept });
    phrases.forEach((unit, position) => {
      const tokens = unit ? unit.split(' ') : [];
      if (tokens.length === 0 || isSpareForm(unit, phrases.slice(0, position), phrases)) return;
      // A multi-word phrase ("tank top", "yoga pants") is one unit of its class: the grammar
      // then expects its words together, instead of two unrelated words of the class in a row.
      const weight = position === 0 ? 1 : synonymWeight;
      add(cls, unit, weight);
      concept.push(unit);
      if (cls === 'gender') add('audience', unit, weight);
      // Only a one-word unit says what class a catalog word is: "brick" in "brick red" does
      // not make the "Yoga Brick" a colour.
      if (tokens.length === 1) {
        let set = lexiconClasses.get(unit);
        if (!set) lexiconClasses.set(unit, (set = new Set()));
        set.add(cls);
      }
    });
  }

  // Catalog words: a word the lexicon knows keeps the lexicon's class; otherwise its role in the
  // record decides (colour field, category path, head noun of the title, or a product name).
  const classOf = (token: string, fallback: VoiceWordClass): VoiceWordClass[] => {
    const known = lexiconClasses.get(token);
    return known ? [...known] : [fallback];
  };
  for (const product of products) {
    for (const token of spokenTokens(product.color ?? '')) for (const cls of classOf(token, 'color')) addCatalog(cls, token);
    for (const segment of product.category.split('/')) {
      for (const token of spokenTokens(segment)) {
        if (!TITLE_STOP_WORDS.has(token)) for (const cls of classOf(token, 'type')) addCatalog(cls, token);
      }
    }
    const title = spokenTokens(product.title.replace(/\([^)]*\)/g, ' '));
    const shape: VoiceWordClass[] = [];
    title.forEach((token, index) => {
      if (TITLE_STOP_WORDS.has(token)) {
        if (token === 'for' || token === 'with' || token === 'and' || token === 'in') shape.push(token);
        return;
      }
      const [cls] = classOf(token, index === title.length - 1 ? 'type' : 'name');
      addCatalog(cls, token);
      shape.push(cls);
    });
    if (shape.length > 0) phraseShapes.push(shape);
  }

  // A unit weighs a little more the more catalog products use its concept (log scale): the
  // shop's own words are favoured, and so are their synonyms ("windbreaker" in a shop of
  // jackets), without drowning the lexicon's other words. A garment phrase counts through its
  // head noun ("rain jacket" through "jacket"). Among forms of one word ("shorts"/"short") the
  // lexicon's form keeps the lead: titles say "Short", shoppers say "shorts".
  for (const cls of VOICE_WORD_CLASSES) {
    const map = classes[cls];
    const stemCounts = new Map<string, number>();
    for (const [word, n] of catalogCounts[cls]) {
      stemCounts.set(wordStem(word), (stemCounts.get(wordStem(word)) ?? 0) + n);
      // A title's singular beside the lexicon's plural ("Legging", "Short") adds no word.
      if (!map.has(word) && !pluralsOf(word).some((plural) => map.has(plural))) map.set(word, catalogOnlyWeight);
    }
    const headOf = (unit: string) => (cls === 'type' ? unit.slice(unit.lastIndexOf(' ') + 1) : unit);
    const countOf = (unit: string) => stemCounts.get(wordStem(headOf(unit))) ?? 0;
    const usage = new Map<string, number>();
    for (const unit of map.keys()) usage.set(unit, countOf(unit));
    for (const concept of concepts) {
      if (concept.cls !== cls) continue;
      const total = Math.max(0, ...concept.units.map(countOf));
      for (const unit of concept.units) usage.set(unit, Math.max(usage.get(unit) ?? 0, total));
    }
    for (const [unit, weight] of map) map.set(unit, weight * (1 + catalogWeight * Math.log1p(usage.get(unit) ?? 0)));
  }
  // Before the garment, departments are said in the possessive ("women's jacket"), plain forms
  // less often ("women yoga pants").
  for (const [word, weight] of classes.gender) {
    const plain = word.replace(/'s?$/, '');
    if (plain !== word && classes.gender.has(plain)) {
      const top = Math.max(weight, classes.gender.get(plain)!);
      classes.gender.set(word, top);
      classes.gender.set(plain, top * plainGenderWeight);
    }
  }

  const words = new Set<string>();
  for (const map of Object.values(classes)) for (const unit of map.keys()) for (const word of unit.split(' ')) words.add(word);
  return { classes, phraseShapes, words: [...words].sort() };
}

/**
 * Keeps one spelling of each pronunciation within a class ("hoodie"/"hoody", "men's"/"mens",
 * "duffel"/"duffle"): the heaviest, the shortest on a tie. The decoder cannot tell homophones
 * apart, so the spare spellings only split the choice at random.
 */
export function mergeHomophones(vocabulary: VoiceVocabulary, phonesOf: (word: string) => string | null): VoiceVocabulary {
  const classes = emptyClasses();
  for (const cls of VOICE_WORD_CLASSES) {
    const kept = new Map<string, [string, number]>();
    for (const [unit, weight] of vocabulary.classes[cls]) {
      const phones = unit.split(' ').map((word) => phonesOf(word) ?? `?${word}`).join(' | ');
      const current = kept.get(phones);
      const better = !current || weight > current[1] || (weight === current[1] && unit.length < current[0].length);
      if (better) kept.set(phones, [unit, weight]);
    }
    for (const [unit, weight] of kept.values()) classes[cls].set(unit, weight);
  }
  const words = new Set<string>();
  for (const map of Object.values(classes)) for (const unit of map.keys()) for (const word of unit.split(' ')) words.add(word);
  return { classes, phraseShapes: vocabulary.phraseShapes, words: [...words].sort() };
}
