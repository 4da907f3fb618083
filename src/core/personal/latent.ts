/**
 * Latent taste: which attribute values the shopper likes, inferred jointly from the result lists
 * in the raw event log.
 *
 * Model. Each attribute value v (black, Women, $25–$50, Women/Tops/Jackets) is liked or not,
 * z_v ∈ {0, 1}, with prior P(z_v = 1) = π_f = min(½, 2 / n_f) for a family of n_f values seen
 * (a shopper has a couple of favourite colours, not half of them). An item shown at 0-based rank k
 * is examined with probability 1/(k+1) (the position model of profile.ts) and, once examined,
 * clicked with probability σ(LATENT_B0 + LATENT_B1 · m), m = how many of its values the shopper
 * likes. The posterior P(z_v = 1 | what was clicked and what was passed over) is approximated by
 * mean field: each q_v is updated from the expected log-likelihood of the showings that contain
 * v, with the item's other values integrated over their own q (a Poisson-binomial over m).
 *
 * Why, next to the per-value evidence ratios of model.ts: a click is explained by all of the
 * item's values at once, so a click on a women's black $30 tee for a shopper whose department is
 * already clear leaves less credit for black, where the ratio of clicks to exposure counts the
 * full click for every value. On its own the estimate is over-sure when clicks are few (a shopper
 * who only cares about the department can show one colour at q ≈ 0.8 after sixty lists), so
 * rerank ranks with the mean of both estimates (withLatentTaste): in scripts/eval-personal.ts the
 * mean ranked the held-out searches better than the ratios alone, and the shopper with no taste
 * lost less than with the joint estimate alone (−0.7 % against −1.8 % after five sessions).
 *
 * Signals: a click is one success, or up to three after a long read (dwell, as in profile.ts);
 * a cart, purchase or thumbs up after it adds its weight in successes. A thumbs down ("not for
 * me") says the shopper likes none of what the item is: it is a passed-over showing whose
 * likelihood also falls by THUMBS_DOWN_RHO for each liked value (THUMBS_DOWN_RHO^m), so one thumbs
 * down moves each of the item's values by log THUMBS_DOWN_RHO in log-odds, whatever else is liked. A
 * value the query named ("black" in "black hoodie") stays in: it is on the clicked and the
 * passed-over items alike, so it is credited only with how much more than usual the shopper
 * clicked in that list (leaving such values out scored 3 points of lift worse). Only the raw
 * events count (LIMITS.events, a few hundred searches); the evidence tables of model.ts keep the
 * longer memory.
 */
import { attributesOf } from './attributes';
import type { AffinityTable } from './model';
import { DWELL_MAX, DWELL_UNIT_MS } from './profile';
import { FAMILIES, type Family, type PersonalEvent, type PersonalProfile, type ProductLookup } from './types';

/**
 * Click model once examined: logit = B0 + B1 · (number of liked values): about 8 % for an item
 * with nothing the shopper likes, 15 % with one liked value, 67 % with all four. Chosen with
 * scripts/eval-personal.ts's shoppers (at session 5): B1 = 0.5, 0.8 and 1.2 ranked within 0.01
 * nDCG of each other.
 */
export const LATENT_B0 = -2.5;
export const LATENT_B1 = 0.8;
/** Items per list that count as shown (the result page's first screenful). */
const LIST_DEPTH = 10;
const SWEEPS = 8;
/** Each sweep moves q halfway to its update (mean-field updates can oscillate otherwise). */
const DAMPING = 0.5;
/**
 * A thumbs down is this many times less likely for each of the item's values the shopper likes.
 * In scripts/eval-personal.ts (200 shoppers, seeds 7 and 11) 0.1 lifted the 5-session lift from
 * +24.7/+24.8 % (a thumbs down counted as three passed-over showings) to +26.3/+26.4 %; 0.03
 * scored about the same, 0.25 less (+25.5/+25.8 %). Read the same way, a thumbs up, a cart or a
 * long read did not rank better than their extra successes.
 */
export const THUMBS_DOWN_RHO = 0.1;
const LOG_RHO = Math.log(THUMBS_DOWN_RHO);
const EXTRA_SUCCESS: Partial<Record<PersonalEvent['type'], number>> = { cart: 2, purchase: 3, thumbsUp: 3 };
/** A click is paired with the newest of this many lists that showed the product. */
const LIST_LOOKBACK = 8;
/** The families of the latent model (brands are too many and too rare to be worth a latent bit). */
export const LATENT_FAMILIES: readonly Family[] = FAMILIES.filter((f) => f !== 'brand');

export interface LatentTaste {
  /** family → value → posterior probability that the shopper likes it. */
  liked: Record<Family, Map<string, number>>;
  /** family → prior probability of liking one of its values. */
  prior: Record<Family, number>;
  /** Lists (result pages) the estimate was fitted on. */
  lists: number;
}

interface Observation {
  /** Keys "family\u0000value" of the item's attribute values. */
  values: string[];
  examined: number;
  successes: number;
  failures: number;
  /** A thumbs down was given: log THUMBS_DOWN_RHO per liked value. */
  rejected: boolean;
}

const keyOf = (family: Family, value: string) => `${family}\u0000${value}`;
const familyOf = (key: string) => key.slice(0, key.indexOf('\u0000')) as Family;

/**
 * Fits the latent taste on the profile's raw events. Deterministic; cost grows with the event
 * log, which LIMITS bounds (rerank fits once per change of the profile, latentTasteOf).
 */
export function fitLatentTaste(events: readonly PersonalEvent[], catalog: ProductLookup): LatentTaste {
  const { observations, lists } = collectObservations(events, catalog);
  // Values as dense indices, q and the per-sweep updates in typed arrays: a full event log is a
  // few thousand showings, fitted on every change of the profile.
  const keys: string[] = [];
  const indexOf = new Map<string, number>();
  const items = observations.map((o) =>
    Int32Array.from(o.values, (k) => {
      let i = indexOf.get(k);
      if (i === undefined) {
        i = keys.length;
        keys.push(k);
        indexOf.set(k, i);
      }
      return i;
    }),
  );
  const valuesPerFamily = {} as Record<Family, number>;
  for (const f of FAMILIES) valuesPerFamily[f] = 0;
  for (const k of keys) valuesPerFamily[familyOf(k)]++;
  const prior = {} as Record<Family, number>;
  for (const f of FAMILIES) prior[f] = Math.min(0.5, 2 / Math.max(1, valuesPerFamily[f]));
  const priorOf = (k: string) => prior[familyOf(k)];
  const priorLogit = Float64Array.from(keys, (k) => {
    const pi = priorOf(k);
    return Math.log(pi / (1 - pi));
  });
  const q = Float64Array.from(keys, priorOf);
  const delta = new Float64Array(keys.length);
  const M = LATENT_FAMILIES.length;
  // log P(showing | m liked values), m = 0..M, precomputed per showing.
  const logLik = new Float64Array(observations.length * (M + 1));
  observations.forEach((o, i) => {
    for (let m = 0; m <= M; m++) {
      const p = o.examined / (1 + Math.exp(-(LATENT_B0 + LATENT_B1 * m)));
      logLik[i * (M + 1) + m] = o.successes * Math.log(p) + o.failures * Math.log(1 - p) + (o.rejected ? m * LOG_RHO : 0);
    }
  });
  const dist = new Float64Array(M + 1);

  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    delta.fill(0);
    for (let i = 0; i < items.length; i++) {
      const values = items[i];
      const base = i * (M + 1);
      for (let a = 0; a < values.length; a++) {
        // Distribution of how many of the item's other values are liked.
        dist.fill(0);
        dist[0] = 1;
        let n = 0;
        for (let b = 0; b < values.length; b++) {
          if (b === a) continue;
          const p = q[values[b]];
          for (let m = n + 1; m > 0; m--) dist[m] = dist[m] * (1 - p) + dist[m - 1] * p;
          dist[0] *= 1 - p;
          n++;
        }
        let diff = 0;
        for (let m = 0; m <= n; m++) diff += dist[m] * (logLik[base + m + 1] - logLik[base + m]);
        delta[values[a]] += diff;
      }
    }
    for (let k = 0; k < keys.length; k++) {
      const target = 1 / (1 + Math.exp(-(priorLogit[k] + delta[k])));
      q[k] = (1 - DAMPING) * q[k] + DAMPING * target;
    }
  }

  const liked = {} as Record<Family, Map<string, number>>;
  for (const f of FAMILIES) liked[f] = new Map();
  keys.forEach((k, i) => liked[familyOf(k)].set(k.slice(k.indexOf('\u0000') + 1), q[i]));
  return { liked, prior, lists };
}

interface ListRecord {
  query: string | undefined;
  ids: string[];
  /** product id → observation of that product in this list. */
  shown: Map<string, Observation>;
}

/** One observation per product shown in the first LIST_DEPTH places of each list, and how many lists there were. */
function collectObservations(events: readonly PersonalEvent[], catalog: ProductLookup): { observations: Observation[]; lists: number } {
  const lists: ListRecord[] = [];
  const out: Observation[] = [];
  let listCount = 0;
  for (const e of events) {
    if (e.type === 'impression' && e.productIds) {
      const record: ListRecord = { query: e.query, ids: e.productIds.slice(0, LIST_DEPTH), shown: new Map() };
      record.ids.forEach((id, k) => {
        const p = catalog(id);
        if (!p || record.shown.has(id)) return;
        const attrs = attributesOf(p);
        const values: string[] = [];
        for (const f of LATENT_FAMILIES) {
          const v = attrs[f];
          if (v !== undefined) values.push(keyOf(f, v));
        }
        if (!values.length) return;
        const o: Observation = { values, examined: 1 / (k + 1), successes: 0, failures: 1, rejected: false };
        record.shown.set(id, o);
        out.push(o);
      });
      lists.push(record);
      listCount++;
      if (lists.length > LIST_LOOKBACK) lists.shift();
      continue;
    }
    if (!e.productId) continue;
    const o = findShown(lists, e.productId, e.query);
    if (!o) continue;
    if (e.type === 'click' && o.successes === 0 && !o.rejected) {
      o.failures = 0;
      o.successes = 1;
    } else if (e.type === 'thumbsDown') {
      // Whatever came before (a click, a read), the shopper's last word on the item is "not for me".
      o.successes = 0;
      o.failures = 1;
      o.rejected = true;
    } else if (o.successes > 0 && EXTRA_SUCCESS[e.type]) {
      o.successes += EXTRA_SUCCESS[e.type]!;
    } else if (e.type === 'dwell' && o.successes > 0 && e.dwellMs !== undefined) {
      // A click is worth its dwell, as in profile.ts: a long read counts up to DWELL_MAX clicks.
      o.successes += Math.min(DWELL_MAX, Math.max(1, e.dwellMs / DWELL_UNIT_MS)) - 1;
    }
  }
  return { observations: out, lists: listCount };
}

function findShown(lists: readonly ListRecord[], id: string, query: string | undefined): Observation | undefined {
  for (let i = lists.length - 1; i >= 0; i--) {
    const l = lists[i];
    if (query !== undefined && l.query !== undefined && l.query !== query) continue;
    const o = l.shown.get(id);
    if (o) return o;
  }
  return undefined;
}

/**
 * Ranking affinity of a value from its posterior: LATENT_GAIN · 2(q − π), 0 with no evidence
 * (the same units as model.ts's affinities, which FEATURE_SCALE turns into log units). 0.3 and
 * 0.7 ranked worse in scripts/eval-personal.ts; 1, averaged as rerank does, made the shopper
 * with no taste lose 2.8 %.
 */
export const LATENT_GAIN = 0.5;
/**
 * rerank ranks with the mean of the two estimates (LATENT_MIX of the latent one). Alone the latent
 * estimate ranked worse in the closed loop of scripts/eval-personal.ts (the lists it shows teach
 * the next estimate) unless held back for the first lists, and the shopper with no taste lost
 * 1.4–1.8 % instead of 0.4 %.
 */
export const LATENT_MIX = 0.5;
/**
 * Fewer result lists than this: the ratio model ranks alone. Mean field is over-sure on a handful
 * of clicks (a shopper's first two visits); 4 and 12 lists scored about the same as 8.
 */
export const LATENT_MIN_LISTS = 8;

export function latentAffinity(taste: LatentTaste, family: Family, value: string): number | undefined {
  const p = taste.liked[family].get(value);
  if (p === undefined) return undefined;
  const a = LATENT_GAIN * 2 * (p - taste.prior[family]);
  return Math.abs(a) < 1e-12 ? 0 : a;
}

/**
 * The ranking table with each value the event log covers set to the mean of its evidence-ratio
 * affinity and its latent affinity (LATENT_MIX); values the log no longer covers keep their
 * ratio. Below LATENT_MIN_LISTS lists the table is returned as it is.
 */
export function withLatentTaste(table: AffinityTable, taste: LatentTaste): AffinityTable {
  const out = { ...table };
  if (taste.lists < LATENT_MIN_LISTS) return out;
  for (const family of LATENT_FAMILIES) {
    const map = new Map(table[family]);
    for (const value of taste.liked[family].keys()) {
      const affinity = latentAffinity(taste, family, value)!;
      const old = map.get(value);
      const mixed = LATENT_MIX * affinity + (1 - LATENT_MIX) * (old?.affinity ?? 0);
      // A band lifted only by the shopper's price direction keeps saying so ("cheaper than your
      // usual price range"), as long as it is still lifted.
      const priceLean = mixed > 0 ? old?.priceLean : undefined;
      map.set(value, { sd: old?.sd ?? 0, pos: old?.pos ?? 0, neg: old?.neg ?? 0, affinity: mixed, ...(priceLean ? { priceLean } : {}) });
    }
    out[family] = map;
  }
  return out;
}

/** Memo per profile state and catalog: rerank runs for every search, the fit only when events changed. */
const cache = new WeakMap<PersonalProfile, { seq: number; events: number; catalog: ProductLookup; taste: LatentTaste }>();

export function latentTasteOf(profile: PersonalProfile, catalog: ProductLookup): LatentTaste {
  const hit = cache.get(profile);
  if (hit && hit.seq === profile.seq && hit.events === profile.events.length && hit.catalog === catalog) return hit.taste;
  const taste = fitLatentTaste(profile.events, catalog);
  cache.set(profile, { seq: profile.seq, events: profile.events.length, catalog, taste });
  return taste;
}
