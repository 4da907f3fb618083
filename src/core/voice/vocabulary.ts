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
  'lead', 'article', 'gender', 'color', 'material', 'attribute', 'activity', 'type', 'name',
  'for', 'with', 'in', 'and', 'size', 'price',
];

/** How queries are framed when spoken; not domain words (those come from the lexicon). */
const SPOKEN_FRAME_WORDS: Readonly<Partial<Record<VoiceWordClass, readonly string[]>>> = {
  lead: ['show', 'me', 'i', 'want', 'need', 'looking', "i'm", 'find', 'search', 'get', 'buy', 'like', "i'd", 'do', 'you', 'have', 'please', 'some', 'any'],
  article: ['a', 'an', 'the', 'pair', 'of', 'some'],
  // Departments are usually said in the possessive ("men's tank top"); the lexicon spells them plain.
  gender: ["men's", "women's", "children's", "kids'"],
  for: ['for'],
  with: ['with', 'without'],
  in: ['in', 'on'],
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
}

export function buildVoiceVocabulary(products: readonly Product[], options: VocabularyOptions = {}): VoiceVocabulary {
  const lexicon = options.lexicon ?? SHOPPING_LEXICON;
  const classes = emptyClasses();
  const phraseShapes: VoiceWordClass[][] = [];
  const lexiconClasses = new Map<string, Set<VoiceWordClass>>();
  const add = (cls: VoiceWordClass, word: string, weight: number) => {
    const map = classes[cls];
    map.set(word, (map.get(word) ?? 0) + weight);
  };

  for (const [cls, words] of Object.entries(SPOKEN_FRAME_WORDS) as Array<[VoiceWordClass, readonly string[]]>) {
    for (const word of words) add(cls, word, 1);
  }
  for (const entry of lexicon) {
    const cls = LEXICON_CLASS[entry.kind];
    for (const phrase of entry.en) {
      const tokens = spokenTokens(phrase);
      if (tokens.length === 0) continue;
      // A multi-word phrase ("tank top", "yoga pants") is one unit of its class: the grammar
      // then expects its words together, instead of two unrelated words of the class in a row.
      add(cls, tokens.join(' '), 1);
      for (const token of tokens) {
        let set = lexiconClasses.get(token);
        if (!set) lexiconClasses.set(token, (set = new Set()));
        set.add(cls);
      }
    }
  }

  // Catalog words: a word the lexicon knows keeps the lexicon's class; otherwise its role in the
  // record decides (colour field, category path, head noun of the title, or a product name).
  const classOf = (token: string, fallback: VoiceWordClass): VoiceWordClass[] => {
    const known = lexiconClasses.get(token);
    return known ? [...known] : [fallback];
  };
  for (const product of products) {
    for (const token of spokenTokens(product.color ?? '')) for (const cls of classOf(token, 'color')) add(cls, token, 0.5);
    for (const segment of product.category.split('/')) {
      for (const token of spokenTokens(segment)) {
        if (!TITLE_STOP_WORDS.has(token)) for (const cls of classOf(token, 'type')) add(cls, token, 0.2);
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
      add(cls, token, 0.5);
      shape.push(cls);
    });
    if (shape.length > 0) phraseShapes.push(shape);
  }

  // A possessive is as likely as its plain form ("women's" as "women", which the catalog repeats).
  for (const [word, weight] of classes.gender) {
    const plain = word.replace(/'s?$/, '');
    if (plain !== word) classes.gender.set(word, Math.max(weight, classes.gender.get(plain) ?? 0));
  }

  const words = new Set<string>();
  for (const map of Object.values(classes)) for (const unit of map.keys()) for (const word of unit.split(' ')) words.add(word);
  return { classes, phraseShapes, words: [...words].sort() };
}
