/**
 * Image evidence (CLIP text-tower scores of a typed query against product pictures) in the hybrid
 * ranking: absent = exactly the text ranking; present = it reorders close text matches with a
 * modest weight, never adds items the text did not find, never overturns a clearly better match.
 */
import { describe, expect, it } from 'vitest';
import { IMAGE_FUSION_WEIGHT, normalizeImageScores } from '../../src/core/rank/fusion';
import { SearchEngine } from '../../src/core/search/engine';
import type { Product } from '../../src/core/types';

function product(p: Partial<Product> & { id: string; title: string }): Product {
  return { description: '', category: 'Misc', color: null, price: 10, currency: 'USD', image: `/img/${p.id}.jpg`, ...p };
}

/** Three hoodies the text cannot tell apart for "hoodie", a pant, and a bag. */
const catalog: Product[] = [
  product({ id: 'hoodie-a', title: 'Chaz Hoodie', category: 'Men/Tops/Hoodies' }),
  product({ id: 'hoodie-b', title: 'Chaz Hoodie', category: 'Men/Tops/Hoodies' }),
  product({ id: 'hoodie-c', title: 'Chaz Hoodie', category: 'Men/Tops/Hoodies' }),
  product({ id: 'pant', title: 'Karmen Pant', category: 'Women/Bottoms/Pants' }),
  product({ id: 'bag', title: 'Joust Duffle Bag', category: 'Gear/Bags' }),
];

const ids = (r: { hits: Array<{ id: string }> }) => r.hits.map((h) => h.id);

describe('image scores in the hybrid ranking', () => {
  const engine = SearchEngine.build(catalog);

  it('without image scores (absent, null or empty) ranks exactly as before', () => {
    const plain = engine.search({ query: 'hoodie' });
    for (const imageScores of [undefined, null, {}]) {
      const r = engine.search({ query: 'hoodie', imageScores });
      expect(ids(r)).toEqual(ids(plain));
      expect(r.hits.map((h) => h.score)).toEqual(plain.hits.map((h) => h.score));
      expect(r.imageFused).toBeUndefined();
    }
    // Equal image scores cannot tell items apart: no change either.
    const flat = engine.search({ query: 'hoodie', imageScores: { 'hoodie-a': 0.3, 'hoodie-b': 0.3, 'hoodie-c': 0.3 } });
    expect(ids(flat)).toEqual(ids(plain));
    expect(flat.imageFused).toBeUndefined();
  });

  it('puts the hoodie whose picture looks most like the query first among equal text matches', () => {
    const plain = engine.search({ query: 'hoodie' });
    expect(plain.hits[0]!.score).toBe(plain.hits[2]!.score); // the text really ties them
    const r = engine.search({ query: 'hoodie', imageScores: { 'hoodie-a': 0.1, 'hoodie-b': 0.2, 'hoodie-c': 0.31, bag: 0.5 } });
    expect(ids(r)).toEqual(['hoodie-c', 'hoodie-b', 'hoodie-a']);
    // The bag's picture scored best, but the text did not find it: image evidence adds nothing.
    expect(ids(r)).not.toContain('bag');
    expect(r.imageFused).toBe(3);
    // The weight is modest: the best picture adds at most IMAGE_FUSION_WEIGHT.
    expect(r.hits[0]!.score - plain.hits[0]!.score).toBeLessThanOrEqual(IMAGE_FUSION_WEIGHT + 1e-9);
    expect(r.hits[0]!.score).toBeGreaterThan(plain.hits[0]!.score);
  });

  it('does not overturn a clearly better text match', () => {
    // Only the bag matches "duffle bag" by text; pictures that look more like the query lose.
    const text = engine.search({ query: 'duffle bag' });
    expect(ids(text)[0]).toBe('bag');
    const r = engine.search({ query: 'duffle bag', imageScores: { bag: 0, 'hoodie-a': 1, pant: 0.9 } });
    expect(ids(r)[0]).toBe('bag');
  });

  it('is off when the engine is built with image weight 0', () => {
    const off = SearchEngine.build(catalog, { imageWeight: 0 });
    const r = off.search({ query: 'hoodie', imageScores: { 'hoodie-a': 0.1, 'hoodie-c': 0.9 } });
    expect(ids(r)).toEqual(ids(off.search({ query: 'hoodie' })));
  });

  it('normalises scores min-max, ignoring non-finite values', () => {
    const n = normalizeImageScores({ a: 0.2, b: 0.4, c: 0.3, d: Number.NaN })!;
    expect(n.get('a')).toBe(0);
    expect(n.get('b')).toBe(1);
    expect(n.get('c')).toBeCloseTo(0.5);
    expect(n.has('d')).toBe(false);
    expect(normalizeImageScores({})).toBeNull();
  });
});
