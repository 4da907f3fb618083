/**
 * The instant recogniser's language model: a weighted finite-state grammar over word classes
 * (a class bigram). States are "the last unit was of class C"; an arc into class C' emits any
 * unit u of C' (a word, or a lexicon phrase like "tank top" as a chain of word arcs) with
 * probability P(C'|C)·P(u|C'). Any word order stays possible (smoothing), but
 * the orders spoken queries use — "women's navy fleece jacket", "joggers for men", "show me a
 * red dress under fifty dollars" — are far more likely. No sentence is listed: the grammar
 * generalises to word combinations nobody wrote down.
 */
import { VOICE_WORD_CLASSES, type VoiceVocabulary, type VoiceWordClass } from './vocabulary';

/**
 * Generic shapes of spoken product queries, as class sequences. They describe how people frame
 * queries (modifiers before the garment, "for" + audience/activity, "with" + feature,
 * "under" + price), not any particular query or catalog.
 */
const QUERY_SHAPES: readonly string[] = [
  'type', 'color type', 'gender type', 'gender color type', 'color type for audience', 'color type audience',
  'type for audience', 'type audience', 'gender attribute type', 'attribute type', 'color attribute type',
  'material type', 'color material type', 'gender material type', 'activity type', 'gender activity type',
  'type for activity', 'color activity type', 'type for audience for activity', 'attribute type for audience',
  'type with attribute', 'type with type', 'type with material', 'type in color', 'type in material',
  'gender type in color', 'lead type', 'lead article type', 'lead article color type',
  'lead type for audience', 'lead gender type', 'lead color type', 'article color type',
  'article type for audience', 'article article type', 'name type', 'name name type', 'color name type',
  'gender name type', 'name type color', 'size type', 'type size size', 'type in size size', 'type in size',
  'price type', 'type price price price', 'type price price', 'color type price price', 'type and type',
  'color and color type', 'gender color type and type', 'attribute color type for audience',
  'type for audience attribute', 'color color type', 'attribute attribute type', 'gender type for activity',
  'material attribute type', 'type for color', 'gender type with attribute', 'color type with attribute',
];

export interface GrammarArc {
  from: number;
  to: number;
  /** Emitted word; null for an empty arc. */
  word: string | null;
  prob: number;
}

export interface WeightedGrammar {
  stateCount: number;
  start: number;
  final: number;
  arcs: GrammarArc[];
  words: string[];
}

export interface GrammarOptions {
  /** Add-k smoothing of class transitions: > 0 lets words come in orders no shape shows (costs accuracy with the en-us model). */
  smoothing?: number;
  /** Weight of catalog-title and lexicon-phrase shapes relative to the query shapes. */
  phraseShapeWeight?: number;
  /**
   * 1: a unit's probability is its share of its class (big classes make each word dear);
   * 0: the likeliest unit of every class costs nothing and others cost their weight ratio.
   */
  classSharpness?: number;
  /**
   * Exponent on class-transition probabilities: below 1 an optional slot (a colour before the
   * garment) costs less against leaving it out, so the decoder stops hearing a quiet first word
   * as silence. States then no longer sum to 1, which the decoder does not need.
   */
  transitionSharpness?: number;
}

type Transitions = Map<string, Map<string, number>>;

function count(transitions: Transitions, from: string, to: string, weight: number): void {
  let row = transitions.get(from);
  if (!row) transitions.set(from, (row = new Map()));
  row.set(to, (row.get(to) ?? 0) + weight);
}

export function buildQueryGrammar(vocabulary: VoiceVocabulary, options: GrammarOptions = {}): WeightedGrammar {
  const smoothing = options.smoothing ?? 0;
  const phraseWeight = options.phraseShapeWeight ?? 0.1;
  const classSharpness = options.classSharpness ?? 1;
  const transitionSharpness = options.transitionSharpness ?? 0.7;
  const active = VOICE_WORD_CLASSES.filter((cls) => vocabulary.classes[cls].size > 0);
  const START = '<s>';
  const END = '</s>';
  const transitions: Transitions = new Map();
  const addShape = (shape: readonly string[], weight: number) => {
    let previous = START;
    for (const cls of shape) {
      count(transitions, previous, cls, weight);
      previous = cls;
    }
    count(transitions, previous, END, weight);
  };
  for (const shape of QUERY_SHAPES) addShape(shape.split(' '), 1);
  // Titles and lexicon phrases teach within-phrase order ("tank top", "long sleeve", "Chaz Kangeroo
  // Hoodie"). Their total weight is fixed so that a big catalog does not drown the query shapes.
  const shapes = vocabulary.phraseShapes;
  if (shapes.length > 0) {
    const perShape = (phraseWeight * QUERY_SHAPES.length) / shapes.length;
    for (const shape of shapes) addShape(shape, perShape);
  }

  const stateOf = new Map<string, number>();
  stateOf.set(START, 0);
  active.forEach((cls, i) => stateOf.set(cls, i + 1));
  const classProb = (from: string, to: string): number => {
    const row = transitions.get(from) ?? new Map<string, number>();
    const targets: string[] = [...active, ...(from === START ? [] : [END])];
    let total = 0;
    for (const target of targets) total += (row.get(target) ?? 0) + smoothing;
    return total > 0 ? Math.pow(((row.get(to) ?? 0) + smoothing) / total, transitionSharpness) : 0;
  };
  // Layout: class states 1..K ("last word was of class C"), entry states K+1..2K ("a word of
  // class C comes next"). Empty arcs carry P(C'|C) from class states to entry states and
  // P(end|C) to the final state; entry states emit words, each word once. Every state's
  // outgoing words form one search tree, so sharing entry states keeps the search small enough
  // for the wide beams the en-us acoustic model needs. No empty arc follows another.
  // The start state is different: it carries the first words itself, not empty arcs to the
  // entry states. Measured with eval:voice (dev / tuning WER 0.10 / 0.15 with empty arcs there,
  // 0.03 / 0.10 without): through empty arcs at the utterance start the decoder lost or
  // misheard first words far more often, the opening silence swallowing them.
  const entryOf = new Map<string, number>();
  active.forEach((cls, i) => entryOf.set(cls, active.length + 1 + i));
  const final = 2 * active.length + 1;
  const arcs: GrammarArc[] = [];
  let stateCount = final + 1;
  const unitProbs = new Map<VoiceWordClass, Array<[string, number]>>();
  for (const cls of active) {
    const members = vocabulary.classes[cls];
    let mass = 0;
    let heaviest = 0;
    for (const weight of members.values()) {
      mass += weight;
      heaviest = Math.max(heaviest, weight);
    }
    // P(unit|class) scaled by (size of the class)^(1-sharpness): with sharpness < 1 a class of
    // 150 shades does not make every colour word 150 times dearer than "for".
    const scale = Math.pow(heaviest / mass, classSharpness) / heaviest;
    unitProbs.set(cls, [...members].map(([unit, weight]) => [unit, weight * scale]));
  }
  // A multi-word unit is a chain of word arcs through states of its own ("tank" -> "top").
  const emitUnits = (from: number, cls: VoiceWordClass, factor: number) => {
    for (const [unit, prob] of unitProbs.get(cls)!) {
      const words = unit.split(' ');
      let at = from;
      words.forEach((word, i) => {
        const to = i === words.length - 1 ? stateOf.get(cls)! : stateCount++;
        arcs.push({ from: at, to, word, prob: i === 0 ? prob * factor : 1 });
        at = to;
      });
    }
  };
  for (const to of active) {
    const prob = classProb(START, to);
    if (prob > 0) emitUnits(stateOf.get(START)!, to, prob);
  }
  for (const from of active) {
    for (const to of active) {
      const prob = classProb(from, to);
      if (prob > 0) arcs.push({ from: stateOf.get(from)!, to: entryOf.get(to)!, word: null, prob });
    }
    const end = classProb(from, END);
    if (end > 0) arcs.push({ from: stateOf.get(from)!, to: final, word: null, prob: end });
  }
  for (const cls of active) emitUnits(entryOf.get(cls)!, cls, 1);
  return { stateCount, start: 0, final, arcs, words: vocabulary.words };
}
