/** Synthetic catalog and engine-like hit lists for the personalization tests. */
import { recordEvent, type PersonalProfile, type ProductLookup } from '../../src/core/personal/index';
import { seededRandom } from '../../src/core/random';
import type { Product, SearchHit } from '../../src/core/types';

const COLORS = ['Black', 'Red', 'Blue', 'Green', 'White'];
const CATEGORIES = ['Women/Tops/Jackets', 'Men/Tops/Jackets', 'Women/Bottoms/Pants', 'Men/Bottoms/Pants'];
const PRICES = [19, 39, 69, 129];

/** 80 products: every colour × category × price band. */
export function syntheticCatalog(): Product[] {
  const out: Product[] = [];
  for (const category of CATEGORIES) {
    for (const color of COLORS) {
      for (const price of PRICES) {
        const leaf = category.split('/')[2];
        out.push({
          id: `${category.replace(/\W/g, '')}-${color}-${price}`,
          group: `${category}-${price}`,
          title: `${color} ${leaf.slice(0, -1)} ${price}`,
          description: '',
          category,
          color,
          price,
          currency: 'USD',
          image: '',
        });
      }
    }
  }
  return out;
}

/**
 * Hits with decreasing scores in the given order (what the engine would return). `step` is the
 * score drop per rank: the default falls off like a specific query (the last of 80 hits scores
 * a fifth of the first); a tiny step is a broad query whose answers are all about as relevant.
 */
export function hitsFor(ids: string[], step = 0.1): SearchHit[] {
  return ids.map((id, i) => ({
    id,
    score: 10 - i * step,
    lexicalScore: 10 - i * step,
    semanticScore: 0,
    why: { matchedTerms: [], semantic: false, filters: [] },
  }));
}

/** Deterministic shuffle. */
export function shuffled<T>(xs: readonly T[], rand: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/**
 * A shopper browsing `lists` random pages of 10 from `ids` for the query "things": rank k is
 * looked at with probability 1/(k+1) (position bias), and a looked-at item is clicked with
 * probability `appeal(id)`.
 */
export function browseWithAppeal(
  profile: PersonalProfile,
  catalog: ProductLookup,
  ids: readonly string[],
  lists: number,
  appeal: (id: string) => number,
  seed: number,
): void {
  const rand = seededRandom(seed);
  let at = 1_700_000_000_000;
  for (let l = 0; l < lists; l++) {
    const shown = shuffled(ids, rand).slice(0, 10);
    recordEvent(profile, { type: 'impression', at: at++, query: 'things', productIds: shown }, catalog);
    shown.forEach((id, k) => {
      if (rand() >= 1 / (k + 1)) return;
      if (rand() < appeal(id)) recordEvent(profile, { type: 'click', at: at++, productId: id, position: k, query: 'things' }, catalog);
    });
  }
}
