/**
 * Colour words a shopper types to refine a photo search ("this, but in red", "要红色的"),
 * and catalog colour values ("Navy", "Heather Gray"), mapped onto the basic colour names.
 */
import { COLOR_NAMES, type ColorName } from './color';

const WORDS: Array<[ColorName, string[]]> = [
  ['black', ['black', 'charcoal', 'ebony', 'jet', '黑', '黑色']],
  ['white', ['white', 'ivory', 'cream', 'offwhite', 'off-white', '白', '白色', '米白']],
  ['gray', ['gray', 'grey', 'silver', 'heather', 'ash', 'slate', '灰', '灰色', '银', '银色']],
  ['red', ['red', 'crimson', 'scarlet', 'burgundy', 'maroon', 'wine', '红', '红色', '酒红']],
  ['orange', ['orange', 'coral', 'tangerine', '橙', '橙色', '橘色']],
  ['yellow', ['yellow', 'gold', 'mustard', 'lemon', '黄', '黄色', '金色']],
  ['green', ['green', 'olive', 'lime', 'mint', 'khaki', 'teal', '绿', '绿色', '军绿']],
  ['blue', ['blue', 'navy', 'azure', 'cobalt', 'denim', 'sky', 'turquoise', '蓝', '蓝色', '藏青', '天蓝']],
  ['purple', ['purple', 'violet', 'lavender', 'lilac', 'plum', 'magenta', '紫', '紫色']],
  ['pink', ['pink', 'rose', 'fuchsia', 'blush', '粉', '粉色', '粉红']],
  ['brown', ['brown', 'tan', 'beige', 'camel', 'chocolate', 'coffee', '棕', '棕色', '咖啡色', '褐色']],
];

const LATIN = new Map<string, ColorName>();
const HAN: Array<[string, ColorName]> = [];
for (const [name, words] of WORDS) {
  for (const w of words) {
    if (/^[\x00-\x7f]+$/.test(w)) LATIN.set(w, name);
    else HAN.push([w, name]);
  }
}
// Longest Chinese words first so 酒红 wins over 红.
HAN.sort((a, b) => b[0].length - a[0].length);

export interface ColorMention {
  color: ColorName;
  /** The text that named it. */
  word: string;
}

/** Colour names mentioned in free text (English words or Chinese characters), in order of appearance. */
export function findColorWords(text: string): ColorMention[] {
  const found: Array<ColorMention & { at: number }> = [];
  const lower = text.toLowerCase();
  for (const m of lower.matchAll(/[a-z][a-z-]*/g)) {
    const c = LATIN.get(m[0]);
    if (c) found.push({ color: c, word: m[0], at: m.index ?? 0 });
  }
  let rest = lower;
  for (const [w, c] of HAN) {
    let at = rest.indexOf(w);
    while (at >= 0) {
      found.push({ color: c, word: w, at });
      rest = rest.slice(0, at) + ' '.repeat(w.length) + rest.slice(at + w.length);
      at = rest.indexOf(w);
    }
  }
  return found.sort((a, b) => a.at - b.at).map(({ color, word }) => ({ color, word }));
}

/** Basic colour of a catalog colour value ("Navy" → blue), or null when it names none. */
export function colorOfCatalogValue(value: string | null | undefined): ColorName | null {
  if (!value) return null;
  const m = findColorWords(value);
  return m.length ? m[m.length - 1].color : null;
}

export function isColorName(v: string): v is ColorName {
  return (COLOR_NAMES as readonly string[]).includes(v);
}
