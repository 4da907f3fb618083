/**
 * Pronunciations (CMU ARPAbet, the en-us acoustic model's phone set) for vocabulary words the
 * recogniser's dictionary lacks: catalog brand names ("Kangeroo"), new garment words ("hoodie").
 * Order of attempts: dictionary forms of the same word (plural, possessive, no apostrophe),
 * a split into dictionary words ("windbreaker" = wind + breaker), then letter-to-sound rules.
 * The rules are approximate; a near pronunciation still lets the grammar pick the word.
 */

/** Returns the dictionary pronunciation of a word, or null when absent. */
export type PronunciationLookup = (word: string) => string | null;

/** Domain words CMUdict lacks whose spelling misleads letter-to-sound rules. */
const DOMAIN_PRONUNCIATIONS: Record<string, string> = {
  hoodie: 'HH UH D IY',
  hoodies: 'HH UH D IY Z',
  hoody: 'HH UH D IY',
  tee: 'T IY',
  tees: 'T IY Z',
  't-shirt': 'T IY SH ER T',
  tshirt: 'T IY SH ER T',
  tshirts: 'T IY SH ER T S',
  onesie: 'W AH N Z IY',
  leggins: 'L EH G IH N Z',
  capris: 'K AH P R IY Z',
  activewear: 'AE K T IH V W EH R',
  sportswear: 'S P AO R T S W EH R',
  athleisure: 'AE TH L IY ZH ER',
  crewneck: 'K R UW N EH K',
  vneck: 'V IY N EH K',
  zipup: 'Z IH P AH P',
  quarterzip: 'K W AO R T ER Z IH P',
  fuchsia: 'F Y UW SH AH',
  ecru: 'EH K R UW',
  womens: 'W IH M AH N Z',
  mens: 'M EH N Z',
  kids: 'K IH D Z',
};

const VOICED_FINAL = new Set(['B', 'D', 'G', 'V', 'DH', 'M', 'N', 'NG', 'L', 'R', 'W', 'Y', 'AA', 'AE', 'AH', 'AO', 'AW', 'AY', 'EH', 'ER', 'EY', 'IH', 'IY', 'OW', 'OY', 'UH', 'UW']);
const SIBILANT_FINAL = new Set(['S', 'Z', 'SH', 'ZH', 'CH', 'JH']);

function pluralOf(pronunciation: string): string {
  const last = pronunciation.split(' ').pop() ?? '';
  if (SIBILANT_FINAL.has(last)) return `${pronunciation} IH Z`;
  return `${pronunciation} ${VOICED_FINAL.has(last) ? 'Z' : 'S'}`;
}

/** Grapheme rules, longest first within each starting letter; matched greedily left to right. */
const GRAPHEMES: ReadonlyArray<[string, string]> = [
  ['tch', 'CH'], ['sch', 'S K'], ['igh', 'AY'], ['ough', 'AO'], ['augh', 'AO'], ['eau', 'OW'],
  ['tion', 'SH AH N'], ['sion', 'ZH AH N'], ['ture', 'CH ER'], ['ck', 'K'], ['ch', 'CH'], ['sh', 'SH'],
  ['th', 'TH'], ['ph', 'F'], ['wh', 'W'], ['ng', 'NG'], ['qu', 'K W'], ['gh', ''], ['kn', 'N'],
  ['wr', 'R'], ['ee', 'IY'], ['ea', 'IY'], ['oo', 'UW'], ['ou', 'AW'], ['ow', 'OW'], ['oi', 'OY'],
  ['oy', 'OY'], ['ai', 'EY'], ['ay', 'EY'], ['au', 'AO'], ['aw', 'AO'], ['ei', 'EY'], ['ey', 'IY'],
  ['ie', 'IY'], ['ue', 'UW'], ['ui', 'UW'], ['oa', 'OW'], ['ar', 'AA R'], ['er', 'ER'], ['ir', 'ER'],
  ['ur', 'ER'], ['or', 'AO R'], ['x', 'K S'], ['a', 'AE'], ['e', 'EH'], ['i', 'IH'], ['o', 'AA'],
  ['u', 'AH'], ['b', 'B'], ['d', 'D'], ['f', 'F'], ['h', 'HH'], ['j', 'JH'], ['k', 'K'], ['l', 'L'],
  ['m', 'M'], ['n', 'N'], ['p', 'P'], ['q', 'K'], ['r', 'R'], ['s', 'S'], ['t', 'T'], ['v', 'V'],
  ['w', 'W'], ['z', 'Z'], ['g', 'G'],
];
const LONG_VOWEL: Record<string, string> = { a: 'EY', e: 'IY', i: 'AY', o: 'OW', u: 'UW', y: 'AY' };
const VOWELS = 'aeiouy';

/** Letter-to-sound rules for a lower-case alphabetic word (approximate English spelling rules). */
export function lettersToSounds(word: string): string {
  let letters = word.toLowerCase().replace(/[^a-z]/g, '');
  // Doubled consonants sound once ("kangaroo" vs "jogger").
  letters = letters.replace(/([b-df-hj-np-tv-z])\1/g, '$1');
  const phones: string[] = [];
  let i = 0;
  while (i < letters.length) {
    const rest = letters.slice(i);
    // Silent final e, and the vowel before "consonant + e" becomes long ("lite", "tone").
    if (rest === 'e' && i > 1) break;
    const ch = letters[i];
    if (VOWELS.includes(ch) && ch !== 'y' && /^[aeiou][b-df-hj-np-tv-z]e$/.test(rest)) {
      phones.push(LONG_VOWEL[ch]);
      i++;
      continue;
    }
    if (ch === 'y') {
      phones.push(i === 0 ? 'Y' : i === letters.length - 1 ? 'IY' : 'IH');
      i++;
      continue;
    }
    if (ch === 'c') {
      phones.push('eiy'.includes(letters[i + 1] ?? '') ? 'S' : 'K');
      i++;
      continue;
    }
    const match = GRAPHEMES.find(([graph]) => rest.startsWith(graph));
    if (!match) {
      i++;
      continue;
    }
    if (match[1]) phones.push(match[1]);
    i += match[0].length;
  }
  return phones.join(' ').trim() || 'AH';
}

/** Splits a word into 2-3 dictionary words of at least 3 letters, fewest parts first. */
function compoundPronunciation(word: string, lookup: PronunciationLookup): string | null {
  const memo = new Map<string, string | null>();
  const split = (rest: string, parts: number): string | null => {
    const key = `${rest}|${parts}`;
    if (memo.has(key)) return memo.get(key)!;
    let found: string | null = null;
    if (parts === 1) found = rest.length >= 3 ? lookup(rest) : null;
    else {
      for (let cut = 3; cut <= rest.length - 3 && !found; cut++) {
        const head = lookup(rest.slice(0, cut));
        if (!head) continue;
        const tail = split(rest.slice(cut), parts - 1);
        if (tail) found = `${head} ${tail}`;
      }
    }
    memo.set(key, found);
    return found;
  };
  return split(word, 2) ?? split(word, 3);
}

export type PronunciationSource = 'dictionary' | 'domain' | 'derived' | 'compound' | 'rules';

/** Best available pronunciation of a vocabulary word and where it came from. */
export function pronounce(word: string, lookup: PronunciationLookup): { phones: string; source: PronunciationSource } {
  const direct = lookup(word);
  if (direct) return { phones: direct, source: 'dictionary' };
  const domain = DOMAIN_PRONUNCIATIONS[word];
  if (domain) return { phones: domain, source: 'domain' };
  const bare = word.replace(/'/g, '');
  const variants = [bare, bare.endsWith('s') ? `${bare.slice(0, -1)}'s` : `${bare}'s`];
  for (const variant of variants) {
    const found = variant !== word ? lookup(variant) : null;
    if (found) return { phones: found, source: 'derived' };
  }
  if (bare.endsWith('s') && bare.length > 3) {
    const stem = lookup(bare.slice(0, -1)) ?? DOMAIN_PRONUNCIATIONS[bare.slice(0, -1)];
    if (stem) return { phones: pluralOf(stem), source: 'derived' };
  }
  const parts = bare.split('-').filter(Boolean);
  if (parts.length > 1) {
    const joined = parts.map((part) => pronounce(part, lookup).phones).join(' ');
    return { phones: joined, source: 'compound' };
  }
  const compound = /^[a-z]+$/.test(bare) ? compoundPronunciation(bare, lookup) : null;
  if (compound) return { phones: compound, source: 'compound' };
  return { phones: lettersToSounds(bare), source: 'rules' };
}
