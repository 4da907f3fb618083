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
 * Values the query names ("black hoodie") count at a quarter weight on both sides.
 * The weights are learned online as a conditional-logit (listwise) ranker over the same
 * choice sets, so families that predict this shopper's choices count more.
 *
 * rerank adds a bounded boost: MAX_BOOST · tanh(BOOST_SCALE · s / MAX_BOOST) to the engine's
 * score relative to the top hit (score / top score), so a preference re-orders items of
 * similar relevance but cannot lift an irrelevant item over a clearly relevant one.
 */
import { attributesOf, type Attributes } from './attributes';
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
/** Pseudo-count of the affinity ratio (shrinks thin evidence toward 0). */
export const ALPHA = 2;
const AFFINITY_CLIP = 2;
/** κ of the confidence weighting in affinityOf (tuned with scripts/eval-personal.ts). */
const SHRINK = 0.5;
/**
 * Logit units → score units relative to the top hit, and the largest boost. When the engine's
 * scores are flat (a broad query: "jackets"), taste decides the order; when they fall off (a
 * specific query), it mostly re-orders items of similar relevance. Tuned with
 * scripts/eval-personal.ts: with the dwell-weighted clicks, thumbs-down exposure and IPW cap 2
 * the affinities are sharp enough for this size (0.06/0.15 before). 0.15/0.3 lifts the
 * 5-session shopper a little more but takes the no-taste shopper to about −2 % after 20
 * sessions; 0.15/0.4 costs over 2 % after 5.
 */
export const BOOST_SCALE = 0.12;
export const MAX_BOOST = 0.25;
/** Extra push-down for an item the shopper gave a thumbs down. */
export const THUMBS_DOWN_PENALTY = 1;
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
}

export type AffinityTable = Record<Family, Map<string, ValueAffinity>>;
/** What feature computation needs: a lookup per family (a table, or a lazy view). */
export type AffinitySource = Record<Family, { get(value: string): ValueAffinity | undefined }>;

/**
 * Affinity of one value from its evidence, brought up to `seq`. `clickRate` = the family's
 * ΣC/ΣS (clickRateOf), which turns exposure into expected clicks.
 */
export function affinityOf(e: Evidence, seq: number, clickRate: number): ValueAffinity {
  const f = decayFactor(e.t, seq);
  const pos = (e.pos + e.clk) * f;
  const exp = (e.exp + clickRate * e.shown) * f;
  const neg = e.neg * f;
  const negExp = e.negExp * f;
  const raw = clip(Math.log((pos + ALPHA) / (exp + ALPHA))) - clip(Math.max(0, Math.log((neg + ALPHA) / (negExp + ALPHA))));
  const sd = Math.sqrt(1 / (pos + ALPHA) + 1 / (exp + ALPHA));
  // Confidence weighting: an affinity within about one standard error of 0 is mostly noise and
  // is shrunk toward 0 (× a²/(a² + κ·sd²)), so a shopper without a consistent taste moves little.
  let affinity = raw === 0 ? 0 : (raw * raw * raw) / (raw * raw + SHRINK * sd * sd);
  if (Math.abs(affinity) < 1e-12) affinity = 0;
  return { affinity, sd, pos, neg };
}

/** Clicks per unit of exposure over all values of a family (decayed sums). */
export function clickRateOf(values: Record<string, Evidence>, seq: number): number {
  let clk = 0;
  let shown = 0;
  for (const key of Object.keys(values)) {
    const e = values[key];
    const f = decayFactor(e.t, seq);
    clk += e.clk * f;
    shown += e.shown * f;
  }
  return shown > 0 ? clk / shown : 0;
}

/** Affinity of every attribute value the profile has evidence for. */
export function computeAffinities(profile: PersonalProfile): AffinityTable {
  const table = {} as AffinityTable;
  for (const family of FAMILIES) {
    const values = profile.affinity[family];
    const rate = clickRateOf(values, profile.seq);
    const map = new Map<string, ValueAffinity>();
    for (const key of Object.keys(values)) map.set(key, affinityOf(values[key], profile.seq, rate));
    table[family] = map;
  }
  return table;
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
}

export interface ItemFeatures {
  /** FEATURES order: one value weight per family, then the dense features. */
  x: number[];
  attrs: Attributes;
  /** The attribute value behind each family feature (for the "why" line). */
  values: Partial<Record<Family, string>>;
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
  if (stats) {
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
  for (const family of FAMILIES) {
    const value = attrs[family];
    const a = value !== undefined && !ctx.mutedFamilies?.has(family) ? ctx.affinities[family].get(value) : undefined;
    x.push(a ? a.affinity : 0);
    if (a && value !== undefined) values[family] = value;
  }
  x.push(...denseFeatures(product, ctx));
  const stats = ctx.profile.products[product.id];
  return { x, attrs, values, thumbsDown: !!stats && stats.down > stats.up };
}

/** Per-feature contributions (logit units) of an item's score. */
export function contributionsOf(f: ItemFeatures, weights: readonly number[]): number[] {
  return f.x.map((xi, i) => weights[i] * xi);
}

/** Personal boost in normalized score units (base scores span [0, 1]); bounded by MAX_BOOST. */
export function boostOf(f: ItemFeatures, weights: readonly number[]): { boost: number; contributions: number[] } {
  const contributions = contributionsOf(f, weights);
  const raw = BOOST_SCALE * contributions.reduce((s, c) => s + c, 0);
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
