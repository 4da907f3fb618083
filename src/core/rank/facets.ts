/**
 * Facet counting over a result set with disjunctive semantics: each facet counts the items that
 * pass every *other* active filter, so choosing "black" still shows how many blue items there
 * are. Values are interned to small integer ids at build time and counted in typed arrays.
 */
import type { FacetValue, Facets } from '../types';

/** Interned facet values of all items (built once per engine). */
export class FacetTable {
  readonly categoryValues: string[] = [];
  /** CSR: the category-prefix ids of item i are catIds[catOffsets[i]..catOffsets[i+1]]. */
  readonly catOffsets: Int32Array;
  readonly catIds: Int32Array;
  readonly colorValues: string[] = [];
  readonly colorId: Int32Array;
  readonly brandValues: string[] = [];
  readonly brandId: Int32Array;
  readonly price: Float64Array;
  private readonly categoryIndex = new Map<string, number>();
  private readonly colorIndex = new Map<string, number>();
  private readonly brandIndex = new Map<string, number>();

  constructor(items: ReadonlyArray<{ category: string; color: string | null; brand?: string; price: number }>) {
    const n = items.length;
    this.colorId = new Int32Array(n).fill(-1);
    this.brandId = new Int32Array(n).fill(-1);
    this.price = new Float64Array(n);
    this.catOffsets = new Int32Array(n + 1);
    const cat: number[] = [];
    items.forEach((p, i) => {
      const parts = p.category.split('/').map((s) => s.trim()).filter(Boolean);
      for (let k = 1; k <= parts.length; k++) cat.push(intern(this.categoryIndex, this.categoryValues, parts.slice(0, k).join('/')));
      this.catOffsets[i + 1] = cat.length;
      if (p.color) this.colorId[i] = intern(this.colorIndex, this.colorValues, p.color.trim());
      if (p.brand) this.brandId[i] = intern(this.brandIndex, this.brandValues, p.brand.trim());
      this.price[i] = p.price;
    });
    this.catIds = Int32Array.from(cat);
  }

  categoryIdOf(path: string): number {
    return lookup(this.categoryIndex, path.split('/').map((s) => s.trim()).filter(Boolean).join('/'));
  }
  colorIdOf(value: string): number {
    return lookup(this.colorIndex, value.trim());
  }
  brandIdOf(value: string): number {
    return lookup(this.brandIndex, value.trim());
  }
}

function intern(index: Map<string, number>, values: string[], value: string): number {
  const key = value.toLowerCase();
  let id = index.get(key);
  if (id === undefined) {
    id = values.length;
    values.push(value);
    index.set(key, id);
  }
  return id;
}

function lookup(index: Map<string, number>, value: string): number {
  return index.get(value.toLowerCase()) ?? -1;
}

export const FAIL_CATEGORY = 1;
export const FAIL_COLOR = 2;
export const FAIL_BRAND = 4;
export const FAIL_PRICE = 8;

/** Counts facets; one instance per engine, reset per query (no per-query big allocations). */
export class FacetCounter {
  private readonly cat: Int32Array;
  private readonly color: Int32Array;
  private readonly brand: Int32Array;
  private prices: Float64Array;
  private priceCount = 0;

  constructor(private readonly table: FacetTable) {
    this.cat = new Int32Array(table.categoryValues.length);
    this.color = new Int32Array(table.colorValues.length);
    this.brand = new Int32Array(table.brandValues.length);
    this.prices = new Float64Array(Math.max(16, table.price.length));
  }

  reset(): void {
    this.cat.fill(0);
    this.color.fill(0);
    this.brand.fill(0);
    this.priceCount = 0;
  }

  /** Counts item i given which filters it fails (bit set of FAIL_*). */
  add(i: number, fails: number): void {
    if (fails !== 0 && (fails & (fails - 1)) !== 0) return; // fails two or more filters
    const t = this.table;
    if (fails === 0 || fails === FAIL_CATEGORY) {
      for (let k = t.catOffsets[i]!; k < t.catOffsets[i + 1]!; k++) this.cat[t.catIds[k]!]!++;
    }
    if ((fails === 0 || fails === FAIL_COLOR) && t.colorId[i]! >= 0) this.color[t.colorId[i]!]!++;
    if ((fails === 0 || fails === FAIL_BRAND) && t.brandId[i]! >= 0) this.brand[t.brandId[i]!]!++;
    if (fails === 0 || fails === FAIL_PRICE) this.prices[this.priceCount++] = t.price[i]!;
  }

  result(): Facets {
    const t = this.table;
    return {
      category: values(this.cat, t.categoryValues),
      color: values(this.color, t.colorValues),
      brand: values(this.brand, t.brandValues),
      price: priceBuckets(this.prices.subarray(0, this.priceCount)),
    };
  }
}

function values(counts: Int32Array, names: readonly string[]): FacetValue[] {
  const out: FacetValue[] = [];
  for (let i = 0; i < counts.length; i++) if (counts[i]! > 0) out.push({ value: names[i]!, count: counts[i]! });
  out.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return out;
}

/** Up to ~5 buckets with round boundaries (1, 2, 2.5 or 5 x 10^k) covering the prices. */
export function priceBuckets(prices: Float64Array): Facets['price'] {
  if (prices.length === 0) return { min: 0, max: 0, buckets: [] };
  let min = Infinity;
  let max = -Infinity;
  for (const p of prices) {
    if (p < min) min = p;
    if (p > max) max = p;
  }
  if (max === min) return { min, max, buckets: [{ from: min, to: max, count: prices.length }] };
  const raw = (max - min) / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const start = Math.floor(min / step) * step;
  const n = Math.max(1, Math.floor((max - start) / step) + 1);
  const buckets = Array.from({ length: n }, (_, k) => ({ from: start + k * step, to: start + (k + 1) * step, count: 0 }));
  for (const p of prices) buckets[Math.min(n - 1, Math.floor((p - start) / step))]!.count++;
  return { min, max, buckets: buckets.filter((b) => b.count > 0) };
}
