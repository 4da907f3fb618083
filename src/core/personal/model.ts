/**
 * The personal model's math.
 *
 * Score of an item for this shopper (in "logit" units):
 *   s(d) = Σ_i weights[i] · x_i(d)       x = FEATURES: one affinity per attribute family, then
 *                                         shopper-vector similarity, own history, recency.
 * Affinity of value v (black, Women, Women/Tops/Jackets, 25–50, a brand):
 *   a(v) = log((C_v + O_v + α) / (c_f · S_v + E_v + α)) − max(0, log((N_v + α) / (NE_v + α)))
 * C_v = inverse-propensity weighted clicks on items with v, each worth its dwell (a quick
 * back-out counts a tenth of a click, a long read up to three), S_v = their examination-weighted
 * exposure over every list shown (clicked or not) plus three unclicked exposures per thumbs
 * down, c_f = ΣC/ΣS over the family (the shopper's
 * overall click rate): clicks over expected clicks, so an ignored value scores ≈ 0 and a value
 * shown often but never chosen (men's jackets to a women's shopper) goes negative. O_v / E_v =
 * explicit choices (carts, thumbs, long dwell) against their share of the items shown next to
 * the product; N_v / NE_v the same for thumbs down. With no feedback a(v) = 0 exactly.
 * Values the query names ("black hoodie") count at a quarter weight on both sides. For ranking,
 * price bands also lean on the shopper's price direction (PRICE_TREND_BLEND).
 * The weights are learned online as a conditional-logit (listwise) ranker over the same
 * choice sets, so families that predict this shopper's choices count more.
 *
 * rerank multiplies the engine's score relative to the top hit (score / top score) by
 * exp(boost), boost = MAX_BOOST · tanh(Σ_i FEATURE_SCALE[i] · weights[i] · x_i / MAX_BOOST): a
 * log-space boost. A broad query's hits score alike, so taste decides their order; a specific
 * query's weak matches sit far below its exact ones in log space, so a preference re-orders
 * items of similar relevance but does not lift an irrelevant item over a clearly relevant one.
 * Own history and recency count only when the same query comes back (re-finding, see
 * denseFeatures). rerank averages these affinities with latent.ts's joint estimate once the
 * shopper has seen a few result lists (withLatentTaste).
 */
import { attributesOf, bandIndex, type Attributes } from './attributes';
import { normal } from '../random';
import {
  FAMILIES,
  FEATURES,
  type Evidence,
  type Family,
  type PersonalProfile,
  type ProductStats,
  type VectorLookup,
} from './types';
import type { Product } from '../types';

/** Evidence halves every this many learning events (event counter, not wall clock). */
export const HALF_LIFE_EVENTS = 600;
export const DECAY = Math.pow(2, -1 / HALF_LIFE_EVENTS);
/**
 * Pseudo-count of the affinity ratio (shrinks thin evidence toward 0). Tuned with
 * scripts/eval-personal.ts together with FEATURE_SCALE: with 2 instead of 8 the 5-session lift
 * was +20.8 % (8: +22.9 %) and the no-taste shopper lost 3.0 % (8: 0.7 %), over the 2 % allowed.
 */
export const ALPHA = 8;
/**
 * The privacy panel reads the evidence with the lighter pseudo-count it was written for, and
 * against the family's other values (AffinityBaseline 'rest'): it names a preference only past
 * its own bars (a log lift ≥ 0.2, 1.5 standard errors, two choices; describe.ts), so a shopper
 * who opened black items in four searches is told so even while ranking still treats the
 * preference with caution.
 */
export const DESCRIBE_ALPHA = 2;
/**
 * Price sensitivity is ordinal: a shopper who keeps choosing $25–$50 items over $50–$100 ones will
 * most likely take a $20 item too, although a band they are rarely shown has little evidence of its
 * own. For ranking, each band's affinity is blended half-and-half with a straight line fitted
 * over the bands in price order (weighted by each band's certainty). eval:personal, 300 shoppers
 * a condition, 5-session lift (2026-11-29): +22.4 / +23.6 / +21.3 % for seeds 7 / 11 / 3 against
 * +21.7 / +22.7 / +20.9 % without it; blending fully with the line (1) was worse than half.
 */
export const PRICE_TREND_BLEND = 0.5;
const AFFINITY_CLIP = 2;
/** κ of the confidence weighting in affinityOf (tuned with scripts/eval-personal.ts). */
const SHRINK = 0.5;
/**
 * Logit units → log units of the relative score, per feature (FEATURES order). Department and
 * price side are learned from almost every click and are trusted most; a colour or a category
 * is one value among many, so its evidence is thinner. Tuned with scripts/eval-personal.ts:
 * with all families at one scale (the model before this one: 0.12, added to the relative score
 * and capped at 0.25) the 5-session lift was +19.6 %; per-family scales in log space, with
 * ALPHA 8, give the figures in the README. History and recency are small: they only ever act
 * on a repeated query.
 */
export const FEATURE_SCALE: readonly number[] = FEATURES.map((f) => {
  switch (f) {
    case 'dept':
    case 'price':
      return 0.45;
    case 'color':
      return 0.2;
    case 'category':
    case 'brand':
      return 0.1;
    default:
      return 0.12;
  }
});
/** Largest boost, in log units (a factor of e^1.5 ≈ 4.5 on the relative score). */
export const MAX_BOOST = 1.5;
/** Extra push-down for an item the shopper gave a thumbs down (log units: ÷ e³ ≈ 20). */
export const THUMBS_DOWN_PENALTY = 3;
const RECENCY_EVENTS = 150;

/** Initial (prior) weights, in FEATURES order. */
export const INITIAL_WEIGHTS: readonly number[] = FEATURES.map((f) =>
  f === 'brand' ? 0.5 : f === 'history' ? 0.5 : f === 'recency' ? 0.3 : 1,
);
export const MAX_WEIGHT = 3;

export function decayFactor(fromSeq: number, toSeq: number): number {
  return Math.pow(DECAY, Math.max(0, toSeq - fromSeq));
}

/** Brings evidence up to `seq` (applies the decay since it was last touched). */
export function refreshEvidence(e: Evidence, seq: number): void {
  const f = decayFactor(e.t, seq);
  e.clk *= f;
  e.shown *= f;
  e.pos *= f;
  e.exp *= f;
  e.neg *= f;
  e.negExp *= f;
  e.t = seq;
}

export function refreshProduct(s: ProductStats, seq: number): void {
  const f = decayFactor(s.t, seq);
  s.pos *= f;
  s.neg *= f;
  s.t = seq;
}

export interface ValueAffinity {
  affinity: number;
  /** Uncertainty of the affinity (log-ratio standard error), for Thompson sampling. */
  sd: number;
  pos: number;
  neg: number;
  /**
   * Price bands only: set when the band's own evidence is not positive and only the shopper's price
   * direction lifts it (blendWithPriceTrend), so the "why" line can say "cheaper (pricier) than your
   * usual price range" instead of claiming the shopper usually chooses it.
   */
  priceLean?: 'below' | 'above';
}

export type AffinityTable = Record<Family, Map<string, ValueAffinity>>;
/** What feature computation needs: a lookup per family (a table, or a lazy view). */
export type AffinitySource = Record<Family, { get(value: string): ValueAffinity | undefined }>;

/**
 * Affinity of one value from its evidence, brought up to `seq`. `clickRate` = the family's
 * ΣC/ΣS (clickRateOf), which turns exposure into expected clicks.
 */
export function affinityOf(e: Evidence, seq: number, clickRate: number, alpha: number = ALPHA): ValueAffinity {
  const f = decayFactor(e.t, seq);
  const pos = (e.pos + e.clk) * f;
  const exp = (e.exp + clickRate * e.shown) * f;
  const neg = e.neg * f;
  const negExp = e.negExp * f;
  const raw = clip(Math.log((pos + alpha) / (exp + alpha))) - clip(Math.max(0, Math.log((neg + alpha) / (negExp + alpha))));
  const sd = Math.sqrt(1 / (pos + alpha) + 1 / (exp + alpha));
  // Confidence weighting: an affinity within about one standard error of 0 is mostly noise and
  // is shrunk toward 0 (× a²/(a² + κ·sd²)), so a shopper without a consistent taste moves little.
  let affinity = raw === 0 ? 0 : (raw * raw * raw) / (raw * raw + SHRINK * sd * sd);
  if (Math.abs(affinity) < 1e-12) affinity = 0;
  return { affinity, sd, pos, neg };
}

/** Clicks per unit of exposure over all values of a family (decayed sums). */
export function clickRateOf(values: Record<string, Evidence>, seq: number): number {
  const { clk, shown } = familyTotals(values, seq);
  return shown > 0 ? clk / shown : 0;
}

/** Decayed clicks and exposure summed over all values of a family. */
function familyTotals(values: Record<string, Evidence>, seq: number): { clk: number; shown: number } {
  let clk = 0;
  let shown = 0;
  for (const key of Object.keys(values)) {
    const e = values[key];
    const f = decayFactor(e.t, seq);
    clk += e.clk * f;
    shown += e.shown * f;
  }
  return { clk, shown };
}

/**
 * What a value's clicks are compared with: 'family' = the click rate of the whole family (how
 * ranking reads it); 'rest' = the click rate of the family's other values (how the privacy panel
 * reads it). The two differ when one value fills most lists: once black items are ranked first,
 * "black against everything shown" tends to 1, while "black against the other colours shown" still
 * says what the shopper did. The rest's rate is smoothed toward the family's with one unit of
 * exposure, so a value that was hardly ever shown next to others claims nothing.
 */
export type AffinityBaseline = 'family' | 'rest';

/** Affinity of every attribute value the profile has evidence for. */
export function computeAffinities(profile: PersonalProfile, alpha: number = ALPHA, baseline: AffinityBaseline = 'family'): AffinityTable {
  const table = {} as AffinityTable;
  for (const family of FAMILIES) {
    const values = profile.affinity[family];
    const { clk: clkAll, shown: shownAll } = familyTotals(values, profile.seq);
    const rate = shownAll > 0 ? clkAll / shownAll : 0;
    const map = new Map<string, ValueAffinity>();
    for (const key of Object.keys(values)) {
      let valueRate = rate;
      if (baseline === 'rest') {
        const e = values[key];
        const f = decayFactor(e.t, profile.seq);
        const clkRest = Math.max(0, clkAll - e.clk * f);
        const shownRest = Math.max(0, shownAll - e.shown * f);
        valueRate = (clkRest + rate) / (shownRest + 1);
      }
      map.set(key, affinityOf(values[key], profile.seq, valueRate, alpha));
    }
    // Ranking only: the privacy panel ('rest') names what the shopper's own choices show.
    if (family === 'price' && baseline === 'family') blendWithPriceTrend(map, PRICE_TREND_BLEND);
    table[family] = map;
  }
  return table;
}

/**
 * Moves each price band's affinity `blend` of the way to a line fitted over the bands in price
 * order (weighted least squares, weight 1/sd²), so thin bands borrow from their neighbours'
 * direction. Affinities that are all 0 (no feedback) stay 0.
 */
export function blendWithPriceTrend(bands: Map<string, ValueAffinity>, blend: number): void {
  let sumW = 0;
  let sumX = 0;
  let sumY = 0;
  let sumXX = 0;
  let sumXY = 0;
  for (const [band, a] of bands) {
    const x = bandIndex(band);
    if (x < 0 || !(a.sd > 0)) continue;
    const w = 1 / (a.sd * a.sd);
    sumW += w;
    sumX += w * x;
    sumY += w * a.affinity;
    sumXX += w * x * x;
    sumXY += w * x * a.affinity;
  }
  if (sumW <= 0) return;
  const meanX = sumX / sumW;
  const meanY = sumY / sumW;
  const varX = sumXX / sumW - meanX * meanX;
  const slope = varX > 1e-9 ? (sumXY / sumW - meanX * meanY) / varX : 0;
  for (const [band, a] of bands) {
    const x = bandIndex(band);
    if (x < 0 || !(a.sd > 0)) continue;
    const line = meanY + slope * (x - meanX);
    const blended = (1 - blend) * a.affinity + blend * line;
    const affinity = Math.abs(blended) < 1e-12 ? 0 : blended;
    const lifted = a.affinity <= 0 && affinity > 0;
    bands.set(band, { ...a, affinity, priceLean: lifted ? (slope < 0 ? 'below' : 'above') : undefined });
  }
}

/** Read-only view that computes affinities on demand (learning touches only a few values). */
export function lazyAffinities(profile: PersonalProfile): AffinitySource {
  const seq = profile.seq;
  const out = {} as AffinitySource;
  for (const family of FAMILIES) {
    const values = profile.affinity[family];
    let rate: number | undefined;
    out[family] = {
      get: (value: string) => {
        if (!(value in values)) return undefined;
        rate ??= clickRateOf(values, seq);
        return affinityOf(values[value], seq, rate);
      },
    };
  }
  return out;
}

function clip(x: number): number {
  return x > AFFINITY_CLIP ? AFFINITY_CLIP : x < -AFFINITY_CLIP ? -AFFINITY_CLIP : x;
}

/** A copy of the table with each weight drawn from its posterior (Thompson sampling). */
export function sampleAffinities(table: AffinityTable, rand: () => number, strength: number): AffinityTable {
  const out = {} as AffinityTable;
  for (const family of FAMILIES) {
    const map = new Map<string, ValueAffinity>();
    // Sorted keys: the same seed gives the same draw whatever order values were learned in.
    const keys = [...table[family].keys()].sort();
    for (const key of keys) {
      const v = table[family].get(key)!;
      map.set(key, { ...v, affinity: v.affinity + strength * v.sd * normal(rand) });
    }
    out[family] = map;
  }
  return out;
}

export function shopperVector(profile: PersonalProfile): number[] | null {
  const e = profile.embedding;
  if (!e || e.mass <= 0) return null;
  let norm = 0;
  for (const x of e.sum) norm += x * x;
  if (norm <= 0) return null;
  const inv = 1 / Math.sqrt(norm);
  return e.sum.map((x) => x * inv);
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

export interface FeatureContext {
  profile: PersonalProfile;
  affinities: AffinitySource;
  /** Families whose learned weights are ignored (the query asks for a value explicitly). */
  mutedFamilies?: ReadonlySet<Family>;
  userVector?: number[] | null;
  vectorOf?: VectorLookup;
  /** The query being ranked or learned from: own history and recency count only for it. */
  query?: string;
}

export interface ItemFeatures {
  /** FEATURES order: one value weight per family, then the dense features. */
  x: number[];
  attrs: Attributes;
  /** The attribute value behind each family feature (for the "why" line). */
  values: Partial<Record<Family, string>>;
  /** The item's price band is lifted only by the shopper's price direction (ValueAffinity.priceLean). */
  priceLean?: 'below' | 'above';
  thumbsDown: boolean;
}

/** Dense features of a product, in DENSE_FEATURES order. */
export function denseFeatures(product: Product, ctx: FeatureContext): number[] {
  let emb = 0;
  if (ctx.userVector && ctx.vectorOf) {
    const v = ctx.vectorOf(product.id);
    if (v) emb = cosine(ctx.userVector, v);
  }
  const stats = ctx.profile.products[product.id];
  let history = 0;
  let recency = 0;
  // Re-finding, not taste: an item chosen before lifts when the shopper repeats that search.
  // Applied to every query (scripts/eval-personal.ts) they cost 2.4 points of 5-session lift
  // (+20.5 % vs +22.9 %): items clicked once, often only because they were on top, pushed
  // better matches down in new searches.
  if (stats && ctx.query !== undefined && stats.queries?.includes(queryKey(ctx.query))) {
    history = Math.log1p(stats.pos * decayFactor(stats.t, ctx.profile.seq));
    if (stats.lastPositiveSeq > 0) recency = Math.exp(-(ctx.profile.seq - stats.lastPositiveSeq) / RECENCY_EVENTS);
  }
  return [emb, history, recency];
}

/** Feature vector of one product, in FEATURES order. */
export function itemFeatures(product: Product, ctx: FeatureContext): ItemFeatures {
  const attrs = attributesOf(product);
  const x: number[] = [];
  const values: Partial<Record<Family, string>> = {};
  let priceLean: ItemFeatures['priceLean'];
  for (const family of FAMILIES) {
    const value = attrs[family];
    const a = value !== undefined && !ctx.mutedFamilies?.has(family) ? ctx.affinities[family].get(value) : undefined;
    x.push(a ? a.affinity : 0);
    if (a && value !== undefined) values[family] = value;
    if (family === 'price' && a?.priceLean) priceLean = a.priceLean;
  }
  x.push(...denseFeatures(product, ctx));
  const stats = ctx.profile.products[product.id];
  return { x, attrs, values, priceLean, thumbsDown: !!stats && stats.down > stats.up };
}

/** How a query is remembered for re-finding: lower-cased, spaces collapsed. */
export function queryKey(query: string): string {
  return query.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Per-feature contributions (log units of the relative score) of an item's boost. */
export function contributionsOf(f: ItemFeatures, weights: readonly number[]): number[] {
  return f.x.map((xi, i) => weights[i] * xi * FEATURE_SCALE[i]);
}

/**
 * Personal boost in log units: rerank multiplies the relative score by exp(boost). Bounded by
 * MAX_BOOST; a thumbs down subtracts THUMBS_DOWN_PENALTY on top.
 */
export function boostOf(f: ItemFeatures, weights: readonly number[]): { boost: number; contributions: number[] } {
  const contributions = contributionsOf(f, weights);
  const raw = contributions.reduce((s, c) => s + c, 0);
  let boost = MAX_BOOST * Math.tanh(raw / MAX_BOOST);
  if (f.thumbsDown) boost -= THUMBS_DOWN_PENALTY;
  return { boost, contributions };
}

/** True when the profile holds any feedback that could move a result. */
export function hasSignal(profile: PersonalProfile): boolean {
  for (const id of Object.keys(profile.products)) {
    const s = profile.products[id];
    if (s.pos > 0 || s.neg > 0 || s.down > 0 || s.up > 0) return true;
  }
  return false;
}
