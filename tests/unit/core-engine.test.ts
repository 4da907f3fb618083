import { describe, expect, it } from 'vitest';
import { DEFAULT_FUSION, fuseScore, normalizedSemantic, reciprocalRankFusion } from '../../src/core/rank/fusion';
import { priceBuckets } from '../../src/core/rank/facets';
import { SearchEngine } from '../../src/core/search/engine';
import { productEmbeddingText } from '../../src/core/search/embeddingText';
import type { Product } from '../../src/core/types';
import { normalizeInPlace, quantizeVectors } from '../../src/core/vector/quantize';

function product(p: Partial<Product> & { id: string; title: string }): Product {
  return { description: '', category: 'Misc', color: null, price: 10, currency: 'USD', image: '', ...p };
}
const catalog: Product[] = [
  product({ id: 'm-hoodie-black', title: 'Chaz Hoodie', category: 'Men/Tops/Hoodies', color: 'Black', price: 52, brand: 'Luma' }),
  product({ id: 'm-hoodie-gray', title: 'Chaz Hoodie', category: 'Men/Tops/Hoodies', color: 'Gray', price: 52, brand: 'Luma' }),
  product({ id: 'w-hoodie-navy', title: 'Mona Hoodie', category: 'Women/Tops/Hoodies', color: 'Navy', price: 45, brand: 'Acme' }),
  product({ id: 'w-pants-black', title: 'Karmen Pant', category: 'Women/Bottoms/Pants', color: 'Black', price: 39, brand: 'Acme' }),
  product({ id: 'bag', title: 'Joust Duffle Bag', category: 'Gear/Bags', color: null, price: 34, brand: 'Luma' }),
  product({ id: 'ball', title: 'Sprite Stasis Ball', category: 'Gear/Fitness', color: null, price: 23 }),
];

/** Toy vectors: dimension 0 = "warm clothing", 1 = "luggage", 2 = "exercise". */
const itemVectors = [
  [1, 0, 0], [1, 0, 0], [0.9, 0, 0.1], [0.6, 0, 0.4], [0, 1, 0], [0, 0.1, 1],
].map((v) => normalizeInPlace(Float32Array.from(v)));

function engineWithVectors() {
  const e = SearchEngine.build(catalog);
  e.setVectors('toy', quantizeVectors(itemVectors));
  return e;
}

describe('SearchEngine API', () => {
  it('builds, looks up products and reports its size', () => {
    const e = SearchEngine.build(catalog);
    expect(e.size).toBe(6);
    expect(e.product('bag')?.title).toBe('Joust Duffle Bag');
    expect(e.product('nope')).toBeUndefined();
    expect(() => SearchEngine.build([])).toThrowError(/no products/);
  });

  it('rejects vectors that do not fit the catalog', () => {
    const e = SearchEngine.build(catalog);
    expect(() => e.setVectors('toy', quantizeVectors(itemVectors.slice(0, 3)))).toThrowError(/re-run the embedding/);
  });

  it('explains hits: matched words and active filters', () => {
    const e = SearchEngine.build(catalog);
    const r = e.search({ query: 'black hoodie', filters: { brand: ['Luma'] } });
    expect(r.hits[0]!.id).toBe('m-hoodie-black');
    expect(r.hits[0]!.why.matchedTerms).toEqual(expect.arrayContaining(['black', 'hoodie']));
    expect(r.hits[0]!.why.semantic).toBe(false);
    expect(r.hits[0]!.why.filters).toEqual(['brand: Luma']);
  });

  it('productEmbeddingText leads with what the item is', () => {
    const t = productEmbeddingText(catalog[0]!);
    expect(t.startsWith('Chaz Hoodie. Men Tops Hoodies. Black. Luma')).toBe(true);
  });
});

describe('fusion', () => {
  it('semantic search alone finds an item that shares no word with the query', () => {
    const e = engineWithVectors();
    const q = normalizeInPlace(Float32Array.from([0, 1, 0.05]));
    const r = e.search({ query: 'weekend luggage', queryVector: q, mode: 'hybrid' });
    expect(r.hits[0]!.id).toBe('bag');
    expect(r.hits[0]!.why.semantic).toBe(true);
    expect(r.hits[0]!.why.matchedTerms).toEqual([]);
  });

  it('returns no semantic-only garbage below the similarity floor', () => {
    const e = engineWithVectors();
    const q = normalizeInPlace(Float32Array.from([-1, -1, -1]));
    expect(e.search({ query: 'zzzz qqqq', queryVector: q, mode: 'hybrid' }).hits).toEqual([]);
  });

  it('hybrid combines both signals: lexical match ranked by semantic agreement', () => {
    const e = engineWithVectors();
    const q = normalizeInPlace(Float32Array.from([0, 0, 1]));
    const lexical = e.search({ query: 'black', mode: 'lexical' }).hits.map((h) => h.id);
    const hybrid = e.search({ query: 'black', queryVector: q, mode: 'hybrid' }).hits.map((h) => h.id);
    expect(lexical.slice(0, 2).sort()).toEqual(['m-hoodie-black', 'w-pants-black']);
    expect(hybrid[0]).toBe('w-pants-black'); // the black item closer to "exercise"
  });

  it('normalises scores and uses tuned, non-trivial weights', () => {
    expect(normalizedSemantic(0.2, 0.9, 0.45)).toBe(0);
    expect(normalizedSemantic(0.9, 0.9, 0.45)).toBe(1);
    const base = { lexical: 5, maxLexical: 10, coordination: 1, cosine: 0.8, maxCosine: 0.8, hasCosine: true, type: 0, gender: 0, color: 0 };
    expect(fuseScore({ ...base, type: 1 }, DEFAULT_FUSION)).toBeGreaterThan(fuseScore(base, DEFAULT_FUSION));
    expect(DEFAULT_FUSION.lexical).not.toBe(DEFAULT_FUSION.semantic);
    expect(reciprocalRankFusion([0, 0])).toBeGreaterThan(reciprocalRankFusion([0, 5]));
  });
});

describe('facets and filters', () => {
  const e = SearchEngine.build(catalog);

  it('counts facets over the matching items', () => {
    const r = e.search({ query: 'hoodie' });
    expect(r.total).toBe(3);
    expect(r.facets.category).toEqual(expect.arrayContaining([{ value: 'Men', count: 2 }, { value: 'Women', count: 1 }, { value: 'Men/Tops/Hoodies', count: 2 }]));
    expect(r.facets.color.map((c) => c.value).sort()).toEqual(['Black', 'Gray', 'Navy']);
    expect(r.facets.brand).toEqual([{ value: 'Luma', count: 2 }, { value: 'Acme', count: 1 }]);
  });

  it('combines filters with the query; other facets stay countable', () => {
    const r = e.search({ query: 'hoodie', filters: { color: ['black'] } });
    expect(r.hits.map((h) => h.id)).toEqual(['m-hoodie-black']);
    expect(r.total).toBe(1);
    // Colour facet ignores the colour filter itself (so the shopper can switch colour).
    expect(r.facets.color.find((c) => c.value === 'Gray')?.count).toBe(1);
    expect(r.facets.brand).toEqual([{ value: 'Luma', count: 1 }]);
  });

  it('a colour filter accepts shades of the chosen colour', () => {
    expect(e.search({ query: 'hoodie', filters: { color: ['blue'] } }).hits.map((h) => h.id)).toEqual(['w-hoodie-navy']);
  });

  it('an empty query with filters browses', () => {
    const r = e.search({ query: '', filters: { category: ['Women'], priceMax: 40 } });
    expect(r.hits.map((h) => h.id)).toEqual(['w-pants-black']);
    const all = e.search({ query: '', filters: { category: ['Gear'] } });
    expect(all.hits.map((h) => h.id)).toEqual(['bag', 'ball']);
    expect(e.search({ query: '' }).total).toBe(6);
  });

  it('price buckets cover every price with round bounds', () => {
    const b = priceBuckets(Float64Array.from([7, 23, 34, 39, 45, 52, 52, 99]));
    expect(b.min).toBe(7);
    expect(b.max).toBe(99);
    expect(b.buckets.reduce((s, x) => s + x.count, 0)).toBe(8);
    for (const x of b.buckets) expect(Number.isInteger(x.from) && x.to > x.from).toBe(true);
  });

  it('paginates with offset and limit', () => {
    const all = e.search({ query: '', limit: 10 }).hits.map((h) => h.id);
    expect(e.search({ query: '', limit: 2, offset: 2 }).hits.map((h) => h.id)).toEqual(all.slice(2, 4));
  });
});

describe('deferred index (first results before the inverted index exists)', () => {
  it('browses with facets before indexing, then answers text queries exactly like an eager engine', () => {
    const eager = SearchEngine.build(catalog);
    const lazy = SearchEngine.build(catalog, { deferIndex: true });
    expect(lazy.indexed).toBe(false);
    const browse = lazy.search({ query: '', filters: { color: ['Black'] }, limit: 10 });
    expect(lazy.indexed).toBe(false);
    expect(browse.hits.map((h) => h.id)).toEqual(eager.search({ query: '', filters: { color: ['Black'] }, limit: 10 }).hits.map((h) => h.id));
    expect(browse.facets).toEqual(eager.search({ query: '', filters: { color: ['Black'] }, limit: 10 }).facets);
    for (const query of ['black jacket', '黑色夹克', 'jaket']) {
      expect(lazy.search({ query, limit: 10 }).hits.map((h) => h.id)).toEqual(eager.search({ query, limit: 10 }).hits.map((h) => h.id));
    }
    expect(lazy.indexed).toBe(true);
  });
});
