/**
 * Re-orders the engine's hits with the personal boost. The engine's score stays the backbone:
 * scores are taken relative to the top hit (flat for a broad query, falling off for a specific
 * one; min–max only when scores are not positive), multiplied by exp(boost) (a bounded boost in
 * log space, see model.ts), and written back in the engine's score units. Empty or paused
 * profile → the same order, untouched.
 */
import { queryMentions, valueLabel } from './attributes';
import {
  boostOf,
  computeAffinities,
  hasSignal,
  itemFeatures,
  sampleAffinities,
  shopperVector,
  type AffinityTable,
} from './model';
import { latentTasteOf, withLatentTaste } from './latent';
import { seededRandom } from '../random';
import { FAMILIES, FEATURES, type Family, type Lang, type PersonalProfile, type ProductLookup, type VectorLookup } from './types';
import type { SearchHit } from '../types';

export interface RerankOptions {
  /** Thompson sampling on the affinities, so the model keeps testing its guesses. */
  explore?: boolean;
  /** Seed of the exploration draw (same seed → same order). */
  seed?: number;
  /** How wide exploration draws are, in posterior standard deviations (default 0.5). */
  exploration?: number;
  /** The query: a colour/department it names explicitly overrides the learned preference. */
  query?: string;
  lang?: Lang;
  vectorOf?: VectorLookup;
}

/**
 * A hit gets a "why" line when personalization moved it (its rank differs from the engine's)
 * or when its boost is material anyway (WHY_THRESHOLD, in log units: about a 2 % change of its score).
 */
const WHY_THRESHOLD = 0.02;
const MOVED_MIN_BOOST = 1e-3;
/** Relative scores are floored before the log, so the last hit of a min–max list stays finite. */
const BASE_FLOOR = 0.01;

export function rerank(
  hits: readonly SearchHit[],
  catalog: ProductLookup,
  profile: PersonalProfile,
  options: RerankOptions = {},
): SearchHit[] {
  if (profile.paused || hits.length === 0 || !hasSignal(profile)) return hits.slice();
  const lang = options.lang ?? 'en';
  let affinities: AffinityTable = withLatentTaste(computeAffinities(profile), latentTasteOf(profile, catalog));
  if (options.explore) affinities = sampleAffinities(affinities, seededRandom(options.seed ?? 0), options.exploration ?? 0.5);
  const muted = new Set<Family>(
    FAMILIES.filter((f) => [...affinities[f].keys()].some((v) => queryMentions(options.query, f, v))),
  );
  const ctx = {
    profile,
    affinities,
    mutedFamilies: muted,
    userVector: shopperVector(profile),
    vectorOf: options.vectorOf,
    query: options.query,
  };

  let max = -Infinity;
  let min = Infinity;
  for (const h of hits) {
    if (h.score > max) max = h.score;
    if (h.score < min) min = h.score;
  }
  const range = max - min;
  const embIndex = FEATURES.indexOf('embedding');
  const feats = hits.map((h) => {
    const p = catalog(h.id);
    return p ? itemFeatures(p, ctx) : null;
  });
  // The shopper-vector similarity counts relative to the list, so it re-orders without shifting all.
  const embValues = feats.filter((f) => f !== null).map((f) => f!.x[embIndex]);
  const embMean = embValues.length ? embValues.reduce((s, v) => s + v, 0) / embValues.length : 0;

  const scored = hits.map((h, i) => {
    const base = Math.max(BASE_FLOOR, max > 0 ? h.score / max : range > 0 ? (h.score - min) / range : 1 - i / hits.length);
    const f = feats[i];
    if (!f) return { hit: h, i, total: Math.log(base), base, boost: 0, why: undefined as string | undefined };
    f.x[embIndex] = f.x[embIndex] - embMean;
    const { boost, contributions } = boostOf(f, profile.weights);
    const why = Math.abs(boost) >= MOVED_MIN_BOOST ? whyLine(f, boost, contributions, profile, lang) : undefined;
    return { hit: h, i, total: Math.log(base) + boost, base, boost, why };
  });
  scored.sort((a, b) => b.total - a.total || a.i - b.i);
  scored.forEach((s, rank) => {
    if (rank === s.i && Math.abs(s.boost) < WHY_THRESHOLD) s.why = undefined;
  });
  const unit = max > 0 ? max : range > 0 ? range : 1;
  return scored.map(({ hit, base, boost, why }) => {
    if (boost === 0 && !why) return hit;
    const out: SearchHit = { ...hit, score: hit.score + base * Math.expm1(boost) * unit, why: { ...hit.why } };
    if (why) out.why.personal = why;
    else delete out.why.personal;
    return out;
  });
}

function whyLine(
  f: ReturnType<typeof itemFeatures>,
  boost: number,
  contributions: number[],
  profile: PersonalProfile,
  lang: Lang,
): string | undefined {
  if (f.thumbsDown) return lang === 'zh' ? '你标记过不喜欢这件' : 'you marked this as not for you';
  const sign = Math.sign(boost);
  let best = -1;
  for (let i = 0; i < contributions.length; i++) {
    if (contributions[i] * sign > 0 && (best < 0 || contributions[i] * sign > contributions[best] * sign)) best = i;
  }
  if (best < 0) return undefined;
  const feature = FEATURES[best];
  if (feature === 'embedding') return lang === 'zh' ? '和你喜欢的商品相似' : 'similar to items you liked';
  if (feature === 'history') return lang === 'zh' ? '你之前选过这件' : 'you chose this before';
  if (feature === 'recency') return lang === 'zh' ? '你最近看过这件' : 'you viewed this recently';
  // Attribute preferences: the strongest one, plus a second one that pushed at least half as
  // hard ("you often choose black, women's"), so the line names what really moved the item.
  const named = FEATURES.map((feat, i) => ({ feat, c: contributions[i] * sign }))
    .filter((x) => x.c > 0 && (FAMILIES as readonly string[]).includes(x.feat) && f.values[x.feat as Family] !== undefined)
    .sort((a, b) => b.c - a.c);
  if (!named.length || named[0].feat !== feature) return undefined;
  const chosen = named.filter((x, i) => i === 0 || (i === 1 && x.c >= 0.5 * named[0].c));
  const labels = chosen.map((x) => ({ family: x.feat as Family, label: valueLabel(x.feat as Family, f.values[x.feat as Family]!, lang, profile.currency) }));
  const plain = labels.filter((l) => l.family !== 'price').map((l) => l.label);
  const price = labels.find((l) => l.family === 'price')?.label;
  const parts: string[] = [];
  if (sign > 0) {
    if (plain.length) parts.push(lang === 'zh' ? `你常选${plain.join('、')}` : `you often choose ${plain.join(', ')}`);
    if (price && f.priceLean === 'below') parts.push(lang === 'zh' ? `比你常选的价位更便宜（${price}）` : `cheaper than your usual price range (${price})`);
    else if (price && f.priceLean === 'above') parts.push(lang === 'zh' ? `比你常选的价位更高（${price}）` : `pricier than your usual price range (${price})`);
    else if (price) parts.push(lang === 'zh' ? `在你常选的价位（${price}）` : `in your usual price range (${price})`);
  } else {
    if (plain.length) parts.push(lang === 'zh' ? `你通常不选${plain.join('、')}` : `you usually skip ${plain.join(', ')}`);
    if (price) parts.push(lang === 'zh' ? `不在你常选的价位（${price}）` : `outside your usual price range (${price})`);
  }
  return parts.join(lang === 'zh' ? '，' : '; ');
}
