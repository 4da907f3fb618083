/**
 * Creating, updating, pausing and erasing a personal profile. recordEvent() mutates the profile
 * in place (cheap in a worker) and returns what it did; the profile stays plain JSON.
 */
import { attributesOf, queryMentions } from './attributes';
import {
  lazyAffinities,
  decayFactor,
  INITIAL_WEIGHTS,
  itemFeatures,
  MAX_WEIGHT,
  queryKey,
  refreshEvidence,
  refreshProduct,
  shopperVector,
  type FeatureContext,
} from './model';
import {
  EVENT_TYPES,
  FAMILIES,
  MAX_PRODUCT_QUERIES,
  PROFILE_FORMAT,
  PROFILE_VERSION,
  type Evidence,
  type Family,
  type PersonalEvent,
  type PersonalProfile,
  type ProductLookup,
  type ProductStats,
  type RecentList,
  type VectorLookup,
} from './types';
import type { Product } from '../types';

/** Storage bounds: everything beyond them is compacted or evicted (least evidence first). */
export const LIMITS = {
  events: 1000,
  products: 2000,
  valuesPerFamily: 300,
  coviewAnchors: 500,
  coviewNeighbours: 20,
  recentLists: 8,
  impressionDepth: 20,
  sessionItems: 12,
  idLength: 200,
  queryLength: 200,
} as const;

/** Feedback weights, in "one click at the top position" units. */
const SIGNAL = { click: 1, longDwell: 0.5, cart: 2, purchase: 3, thumbsUp: 3, thumbsDown: 3, bounce: 0.3 } as const;
const LONG_DWELL_MS = 20_000;
const BOUNCE_MS = 4_000;
/**
 * A click is worth its dwell: the time on the product page in units of DWELL_UNIT_MS, within
 * [DWELL_MIN, DWELL_MAX] clicks. A long read says the item was what the shopper hoped for and
 * counts up to three clicks; a quick look still counts as the click it was (a floor of 0.1 scored
 * +20.2 % in eval:personal against +19.6 % with 1, but then a shopper who opens black items and
 * goes straight back saw no change, which the e2e test personal-rerank.test.ts checks).
 */
export const DWELL_UNIT_MS = 15_000;
const DWELL_MIN = 1;
export const DWELL_MAX = 3;
/**
 * A thumbs down is the strongest "not for me": the item was certainly looked at and rejected.
 * Each of its attribute values gains this many examined-but-not-clicked exposures, so the
 * click rate of those values drops as if the shopper had passed them over that many times.
 */
export const THUMBS_DOWN_EXPOSURE = 3;
/** Examination probability at 0-based rank k is (k+1)^-ETA; IPW weights are capped (variance). */
const ETA = 1;
/**
 * Low on purpose: a deep click counts at most two top clicks, so one lucky click cannot decide a
 * taste (tuned with scripts/eval-personal.ts: 3 → 2 raised the 5-session lift ~2 points and
 * halved the no-taste loss; 1.5 is a little better still, but then a shopper who opened every
 * black item of four lists is not yet told "you seem to prefer black").
 */
const IPW_CAP = 2;
/**
 * Share of an IPW-weighted click an item at 0-based rank k gets in expectation when taste plays
 * no part: examination (k+1)^-ETA times the capped IPW weight = min(1, IPW_CAP · (k+1)^-ETA).
 */
function examined(k: number): number {
  return Math.min(1, IPW_CAP * Math.pow(k + 1, -ETA));
}
/** Opponents for carts, thumbs and other signals: the nearest items of the product's list. */
const NEIGHBOURS = 4;
/** A value the query asked for explains the choice; it counts this much as taste evidence. */
const MENTIONED_WEIGHT = 0.25;
const SESSION_GAP_MS = 30 * 60 * 1000;
/** enforceBounds() runs every this many learning events (and on import). */
export const BOUNDS_EVERY = 16;
const LEARNING_RATE = 0.05;
const WEIGHT_PRIOR_PULL = 0.01;

function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** A profile that has learned nothing: rerank() leaves results exactly as the engine ranked them. */
export function createProfile(): PersonalProfile {
  const affinity = {} as Record<Family, Record<string, Evidence>>;
  for (const f of FAMILIES) affinity[f] = dict<Evidence>();
  return {
    format: PROFILE_FORMAT,
    version: PROFILE_VERSION,
    paused: false,
    seq: 0,
    firstAt: null,
    lastAt: null,
    currency: null,
    affinity,
    weights: [...INITIAL_WEIGHTS],
    weightUpdates: 0,
    products: dict<ProductStats>(),
    coviews: dict<Record<string, number>>(),
    embedding: null,
    recentLists: [],
    session: null,
    events: [],
    compacted: { count: 0, byType: dict<number>(), firstAt: null, lastAt: null },
  };
}

/** Erase: the result is indistinguishable from a new profile (pause state is not kept either). */
export function eraseProfile(): PersonalProfile {
  return createProfile();
}

export function setPaused(profile: PersonalProfile, paused: boolean): PersonalProfile {
  profile.paused = paused;
  return profile;
}

export interface RecordOptions {
  /** Catalog vectors; when given, liked items move the shopper's point in that space. */
  vectorOf?: VectorLookup;
}

export interface RecordResult {
  /** True when the event was stored. */
  stored: boolean;
  /** True when it changed what the model knows. */
  learned: boolean;
  /** Why it was not stored/learned, for logs: 'paused', 'invalid', 'unknown product'. */
  reason?: string;
}

/** Validates and copies an event; null when it is unusable. Bad clocks are repaired, not fatal. */
export function sanitizeEvent(raw: unknown, fallbackAt: number): PersonalEvent | null {
  if (!raw || typeof raw !== 'object') return null;
  const e = raw as Record<string, unknown>;
  if (typeof e.type !== 'string' || !EVENT_TYPES.includes(e.type as PersonalEvent['type'])) return null;
  const out: PersonalEvent = {
    type: e.type as PersonalEvent['type'],
    at: typeof e.at === 'number' && Number.isFinite(e.at) ? e.at : fallbackAt,
  };
  const str = (v: unknown, max: number) => (typeof v === 'string' && v.length > 0 ? v.slice(0, max) : undefined);
  const sessionId = str(e.sessionId, LIMITS.idLength);
  if (sessionId) out.sessionId = sessionId;
  const query = str(e.query, LIMITS.queryLength);
  if (query) out.query = query;
  const productId = str(e.productId, LIMITS.idLength);
  if (productId) out.productId = productId;
  if (typeof e.position === 'number' && Number.isInteger(e.position) && e.position >= 0) out.position = e.position;
  if (Array.isArray(e.productIds)) {
    out.productIds = e.productIds
      .filter((x): x is string => typeof x === 'string' && x.length > 0 && x.length <= LIMITS.idLength)
      .slice(0, 50);
  }
  if (typeof e.dwellMs === 'number' && Number.isFinite(e.dwellMs) && e.dwellMs >= 0) out.dwellMs = Math.min(e.dwellMs, 3_600_000);
  const needsProduct = out.type !== 'query' && out.type !== 'impression';
  if (needsProduct && !out.productId) return null;
  if (out.type === 'impression' && !out.productIds?.length) return null;
  if (out.type === 'dwell' && out.dwellMs === undefined) return null;
  return out;
}

/**
 * Learns from one event. Events about products no longer in the catalog are stored but teach
 * nothing; events with odd clocks are fine (decay runs on the event counter, not the clock).
 */
export function recordEvent(
  profile: PersonalProfile,
  rawEvent: PersonalEvent,
  catalog: ProductLookup,
  options: RecordOptions = {},
): RecordResult {
  if (profile.paused) return { stored: false, learned: false, reason: 'paused' };
  const event = sanitizeEvent(rawEvent, profile.lastAt ?? 0);
  if (!event) return { stored: false, learned: false, reason: 'invalid' };
  appendEvent(profile, event);
  if (event.type === 'query') return { stored: true, learned: false };

  profile.seq += 1;
  if (event.type === 'impression') {
    rememberList(profile, event, catalog);
    return { stored: true, learned: false };
  }
  const product = catalog(event.productId!);
  if (!product) return { stored: true, learned: false, reason: 'unknown product' };
  if (!profile.currency && product.currency) profile.currency = product.currency;
  const stats = productStats(profile, product.id);
  const list = findList(profile, product.id, event.query);
  const query = event.query ?? list?.query;
  const ctx: FeatureContext = { profile, affinities: lazyAffinities(profile), userVector: shopperVector(profile), vectorOf: options.vectorOf, query };
  switch (event.type) {
    case 'click': {
      const position = event.position ?? (list ? list.ids.indexOf(product.id) : -1);
      const ipw = position >= 0 ? Math.min(IPW_CAP, Math.pow(position + 1, ETA)) : 1;
      if (list && position >= 0) {
        // Affinities: the IPW click against the list's exposure (recorded with the impression).
        const attrs = attributesOf(product);
        for (const family of FAMILIES) {
          const v = attrs[family];
          if (v !== undefined) evidence(profile, family, v).clk += SIGNAL.click * ipw * mentionScale(query, family, v);
        }
        // Ranking weights: one listwise step against the rest of the list shown.
        const set: Product[] = [product];
        for (const id of list.ids) {
          if (id === product.id || list.clicked.includes(id)) continue;
          const other = catalog(id);
          if (other) set.push(other);
        }
        learnWeights(profile, ctx, product, set, SIGNAL.click * ipw);
      }
      markPositive(profile, product, SIGNAL.click * ipw, options.vectorOf, query);
      stats.clicks += 1;
      if (list && !list.clicked.includes(product.id)) list.clicked.push(product.id);
      noteSessionItem(profile, event, product.id);
      break;
    }
    case 'dwell': {
      const ms = event.dwellMs ?? 0;
      stats.dwellMs += ms;
      if (list) weighClickByDwell(profile, list, product, ms, query);
      if (ms >= LONG_DWELL_MS) {
        learnAgainstNeighbours(profile, ctx, product, list, SIGNAL.longDwell, query, catalog, false);
        markPositive(profile, product, SIGNAL.longDwell, options.vectorOf, query);
        noteSessionItem(profile, event, product.id);
      } else if (ms < BOUNCE_MS) {
        learnAgainstNeighbours(profile, ctx, product, list, SIGNAL.bounce, query, catalog, true);
        productStats(profile, product.id).neg += SIGNAL.bounce;
      }
      break;
    }
    case 'cart':
    case 'purchase':
    case 'thumbsUp': {
      const weight = SIGNAL[event.type];
      if (event.type === 'cart') stats.carts += 1;
      else if (event.type === 'purchase') stats.purchases += 1;
      else stats.up += 1;
      learnAgainstNeighbours(profile, ctx, product, list, weight, query, catalog, false);
      markPositive(profile, product, weight, options.vectorOf, query);
      noteSessionItem(profile, event, product.id);
      break;
    }
    case 'thumbsDown': {
      stats.down += 1;
      const attrs = attributesOf(product);
      for (const family of FAMILIES) {
        const v = attrs[family];
        if (v !== undefined) evidence(profile, family, v).shown += THUMBS_DOWN_EXPOSURE * mentionScale(query, family, v);
      }
      learnAgainstNeighbours(profile, ctx, product, list, SIGNAL.thumbsDown, query, catalog, true);
      productStats(profile, product.id).neg += SIGNAL.thumbsDown;
      break;
    }
  }
  // Bounds are checked every few events: scanning the maps on every event would dominate.
  if (profile.seq % BOUNDS_EVERY === 0) enforceBounds(profile);
  return { stored: true, learned: true };
}

function appendEvent(profile: PersonalProfile, event: PersonalEvent): void {
  profile.firstAt = profile.firstAt === null ? event.at : Math.min(profile.firstAt, event.at);
  profile.lastAt = profile.lastAt === null ? event.at : Math.max(profile.lastAt, event.at);
  profile.events.push(event);
  if (profile.events.length > LIMITS.events) compactEvents(profile, LIMITS.events);
}

/** Folds the oldest raw events into counts so the log never exceeds `keep` events. */
export function compactEvents(profile: PersonalProfile, keep: number): void {
  const excess = profile.events.length - keep;
  if (excess <= 0) return;
  // Drop a little more than needed so compaction does not run on every event.
  const drop = Math.min(profile.events.length, excess + Math.floor(keep / 10));
  const old = profile.events.splice(0, drop);
  const c = profile.compacted;
  for (const e of old) {
    c.count += 1;
    c.byType[e.type] = (c.byType[e.type] ?? 0) + 1;
    c.firstAt = c.firstAt === null ? e.at : Math.min(c.firstAt, e.at);
    c.lastAt = c.lastAt === null ? e.at : Math.max(c.lastAt, e.at);
  }
}

function productStats(profile: PersonalProfile, id: string): ProductStats {
  let s = profile.products[id];
  if (!s) {
    s = { pos: 0, neg: 0, t: profile.seq, clicks: 0, carts: 0, purchases: 0, up: 0, down: 0, dwellMs: 0, lastPositiveSeq: 0 };
    profile.products[id] = s;
  } else {
    refreshProduct(s, profile.seq);
  }
  return s;
}

function evidence(profile: PersonalProfile, family: Family, value: string): Evidence {
  const values = profile.affinity[family];
  let e = values[value];
  if (!e) {
    e = { clk: 0, shown: 0, pos: 0, exp: 0, neg: 0, negExp: 0, t: profile.seq };
    values[value] = e;
  } else {
    refreshEvidence(e, profile.seq);
  }
  return e;
}

/**
 * What was shown: every item's attribute values gain exposure weighted by how likely the shopper
 * was to look at its rank (clicks over expected clicks, see model.ts), and the list becomes the
 * comparison set for the choices that follow.
 */
function rememberList(profile: PersonalProfile, event: PersonalEvent, catalog: ProductLookup): void {
  const ids = event.productIds!.slice(0, LIMITS.impressionDepth);
  const query = event.query;
  ids.forEach((id, k) => {
    const p = catalog(id);
    if (!p) return;
    const attrs = attributesOf(p);
    for (const family of FAMILIES) {
      const v = attrs[family];
      if (v !== undefined) evidence(profile, family, v).shown += examined(k) * mentionScale(query, family, v);
    }
  });
  profile.recentLists.push({ query: query ?? '', ids, clicked: [], seq: profile.seq });
  if (profile.recentLists.length > LIMITS.recentLists) profile.recentLists.shift();
}

/**
 * Re-weighs the click on `product` in `list` by the dwell that followed it: the IPW click was
 * counted as one click; it now counts dwell / DWELL_UNIT_MS clicks (clipped). Only a product
 * clicked in that list is re-weighed (a dwell without a click, e.g. from a shared link, is not).
 */
function weighClickByDwell(profile: PersonalProfile, list: RecentList, product: Product, ms: number, query: string | undefined): void {
  const position = list.ids.indexOf(product.id);
  if (position < 0 || !list.clicked.includes(product.id)) return;
  const ipw = Math.min(IPW_CAP, Math.pow(position + 1, ETA));
  const worth = Math.min(DWELL_MAX, Math.max(DWELL_MIN, ms / DWELL_UNIT_MS));
  const attrs = attributesOf(product);
  for (const family of FAMILIES) {
    const v = attrs[family];
    if (v !== undefined) evidence(profile, family, v).clk += SIGNAL.click * ipw * (worth - 1) * mentionScale(query, family, v);
  }
}

/** A value the query asked for explains the choice: it counts little as taste evidence. */
function mentionScale(query: string | undefined, family: Family, value: string): number {
  return queryMentions(query, family, value) ? MENTIONED_WEIGHT : 1;
}

function findList(profile: PersonalProfile, id: string, query: string | undefined) {
  for (let i = profile.recentLists.length - 1; i >= 0; i--) {
    const l = profile.recentLists[i];
    if (l.ids.includes(id) && (query === undefined || l.query === query)) return l;
  }
  return undefined;
}

/**
 * Product-level memory of a positive action (history, recency, the shopper's vector), and the
 * query it answered (history and recency count when that query comes back).
 */
function markPositive(profile: PersonalProfile, product: Product, weight: number, vectorOf: VectorLookup | undefined, query: string | undefined): void {
  const s = productStats(profile, product.id);
  s.pos += weight;
  s.lastPositiveSeq = profile.seq;
  if (query !== undefined && query.trim()) {
    const key = queryKey(query);
    const kept = (s.queries ?? []).filter((q) => q !== key);
    kept.push(key);
    s.queries = kept.slice(-MAX_PRODUCT_QUERIES);
  }
  const v = vectorOf?.(product.id);
  if (!v || v.length === 0) return;
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += v[i] * v[i];
  if (norm <= 0) return;
  const inv = weight / Math.sqrt(norm);
  let e = profile.embedding;
  if (!e || e.dims !== v.length) {
    e = { dims: v.length, sum: new Array<number>(v.length).fill(0), mass: 0, t: profile.seq };
    profile.embedding = e;
  }
  const f = decayFactor(e.t, profile.seq);
  for (let i = 0; i < v.length; i++) e.sum[i] = e.sum[i] * f + v[i] * inv;
  e.mass = e.mass * f + weight;
  e.t = profile.seq;
}

/**
 * A signal without its own comparison (cart, thumbs, dwell) is learned against the items shown
 * next to the product in its result list. Without a list there is nothing to compare with:
 * the product still counts for history, recency and the shopper's vector.
 */
function learnAgainstNeighbours(
  profile: PersonalProfile,
  ctx: FeatureContext,
  product: Product,
  list: RecentList | undefined,
  weight: number,
  query: string | undefined,
  catalog: ProductLookup,
  negative: boolean,
): void {
  const set: Product[] = [product];
  if (list) {
    const at = list.ids.indexOf(product.id);
    const byDistance = list.ids
      .map((id, k) => ({ id, d: Math.abs(k - at) }))
      .filter((o) => o.id !== product.id)
      .sort((a, b) => a.d - b.d);
    for (const o of byDistance) {
      if (set.length > NEIGHBOURS) break;
      const p = catalog(o.id);
      if (p) set.push(p);
    }
  }
  if (set.length > 1) learnChoice(profile, ctx, product, set, weight, query, negative);
}

/**
 * One choice of `chosen` (or rejection, when `negative`) among `set` (which includes it), with
 * importance `weight`: observed vs expected evidence per attribute value, and one listwise
 * (conditional logit) gradient step on the ranking weights, computed with the features as they
 * were before this event (an honest out-of-sample step). Values the query itself asked for
 * count little: choosing black after typing "black" says little about taste.
 */
function learnChoice(
  profile: PersonalProfile,
  ctx: FeatureContext,
  chosen: Product,
  set: readonly Product[],
  weight: number,
  query: string | undefined,
  negative: boolean,
): void {
  const scaleOf = (family: Family, value: string) => mentionScale(query, family, value);
  const chosenAttrs = attributesOf(chosen);
  for (const family of FAMILIES) {
    const v = chosenAttrs[family];
    if (v === undefined) continue;
    const e = evidence(profile, family, v);
    if (negative) e.neg += weight * scaleOf(family, v);
    else e.pos += weight * scaleOf(family, v);
  }
  const share = weight / set.length;
  for (const item of set) {
    const attrs = attributesOf(item);
    for (const family of FAMILIES) {
      const v = attrs[family];
      if (v === undefined) continue;
      const e = evidence(profile, family, v);
      if (negative) e.negExp += share * scaleOf(family, v);
      else e.exp += share * scaleOf(family, v);
    }
  }
  if (!negative) learnWeights(profile, ctx, chosen, set, weight);
}

/**
 * One listwise (conditional logit) gradient step on the ranking weights for choosing `chosen`
 * among `set`, computed with the features as they were before this event (an honest
 * out-of-sample step), pulled gently toward the prior weights.
 */
function learnWeights(profile: PersonalProfile, ctx: FeatureContext, chosen: Product, set: readonly Product[], weight: number): void {
  if (set.length < 2) return;
  const xs = set.map((p) => itemFeatures(p, ctx).x);
  const w = profile.weights;
  const scores = xs.map((x) => x.reduce((sum, xi, i) => sum + w[i] * xi, 0));
  const top = Math.max(...scores);
  const exps = scores.map((sc) => Math.exp(sc - top));
  const z = exps.reduce((a, b) => a + b, 0);
  const chosenX = xs[set.indexOf(chosen)];
  for (let i = 0; i < w.length; i++) {
    let expected = 0;
    for (let j = 0; j < xs.length; j++) expected += (exps[j] / z) * xs[j][i];
    const grad = chosenX[i] - expected;
    const next = w[i] + LEARNING_RATE * Math.min(weight, IPW_CAP) * grad - WEIGHT_PRIOR_PULL * (w[i] - INITIAL_WEIGHTS[i]);
    w[i] = Math.min(MAX_WEIGHT, Math.max(0, next));
  }
  profile.weightUpdates += 1;
}

/** Products engaged with in the same session feed "often viewed together (by you)". */
function noteSessionItem(profile: PersonalProfile, event: PersonalEvent, id: string): void {
  const s = profile.session;
  const sameSession =
    s !== null &&
    (event.sessionId !== undefined ? event.sessionId === s.id : Math.abs(event.at - s.lastAt) <= SESSION_GAP_MS);
  if (!sameSession) {
    profile.session = { id: event.sessionId ?? `t${event.at}`, lastAt: event.at, items: [id] };
    return;
  }
  const session = s!;
  session.lastAt = event.at;
  if (session.items.includes(id)) return;
  for (const other of session.items) {
    bumpCoview(profile, id, other);
    bumpCoview(profile, other, id);
  }
  session.items.push(id);
  if (session.items.length > LIMITS.sessionItems) session.items.shift();
}

function bumpCoview(profile: PersonalProfile, a: string, b: string): void {
  let row = profile.coviews[a];
  if (!row) {
    row = dict<number>();
    profile.coviews[a] = row;
  }
  row[b] = (row[b] ?? 0) + 1;
  const keys = Object.keys(row);
  if (keys.length > LIMITS.coviewNeighbours) {
    keys.sort((x, y) => row![x] - row![y]);
    delete row[keys[0]];
  }
}

/** Keeps every map within LIMITS, evicting the entries with the least (decayed) evidence. */
export function enforceBounds(profile: PersonalProfile): void {
  const seq = profile.seq;
  const slack = (n: number) => Math.ceil(n * 1.1);
  /** Deletes the lowest-mass keys of `obj` so that `keep` remain. */
  const evict = <T>(obj: Record<string, T>, keys: string[], keep: number, mass: (v: T) => number) => {
    const ranked = keys.map((k) => ({ k, m: mass(obj[k]) })).sort((a, b) => a.m - b.m);
    for (const { k } of ranked.slice(0, keys.length - keep)) delete obj[k];
  };
  for (const family of FAMILIES) {
    const values = profile.affinity[family];
    const keys = Object.keys(values);
    if (keys.length > slack(LIMITS.valuesPerFamily)) {
      evict(values, keys, LIMITS.valuesPerFamily, (e) => (e.clk + e.shown + e.pos + e.exp + e.neg + e.negExp) * decayFactor(e.t, seq));
    }
  }
  const pids = Object.keys(profile.products);
  if (pids.length > slack(LIMITS.products)) {
    // Thumbs down is a promise to the shopper: those are kept longest.
    evict(profile.products, pids, LIMITS.products, (s) => (s.pos + s.neg) * decayFactor(s.t, seq) + s.down * 100 + s.purchases);
  }
  const anchors = Object.keys(profile.coviews);
  if (anchors.length > slack(LIMITS.coviewAnchors)) {
    evict(profile.coviews, anchors, LIMITS.coviewAnchors, (row) => {
      let total = 0;
      for (const k in row) total += row[k];
      return total;
    });
  }
}
