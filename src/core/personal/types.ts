/**
 * Shapes of the on-device personalization state. Everything here is plain JSON data (no Maps,
 * no class instances, no typed arrays) so the whole profile can be put in IndexedDB, posted to
 * a worker, exported as a file and read back unchanged.
 */
import type { Product } from '../types';

/** What the app observed. One event = one thing the shopper did or saw. */
export type PersonalEventType =
  | 'query'
  | 'impression'
  | 'click'
  | 'dwell'
  | 'cart'
  | 'purchase'
  | 'thumbsUp'
  | 'thumbsDown';

export const EVENT_TYPES: readonly PersonalEventType[] = [
  'query',
  'impression',
  'click',
  'dwell',
  'cart',
  'purchase',
  'thumbsUp',
  'thumbsDown',
];

export interface PersonalEvent {
  type: PersonalEventType;
  /** Device clock in ms since epoch. Only shown and used for session gaps: it may be wrong. */
  at: number;
  /** Optional explicit session id; otherwise a 30-minute gap starts a new session. */
  sessionId?: string;
  /** The query the event belongs to (query, impression and, when known, click events). */
  query?: string;
  /** The product acted on (click, dwell, cart, purchase, thumbsUp, thumbsDown). */
  productId?: string;
  /** 0-based rank at which `productId` was shown, for position-bias correction. */
  position?: number;
  /** Impression: the ids shown, in display order (index = position). */
  productIds?: string[];
  /** Dwell: time spent on the product page. */
  dwellMs?: number;
}

/** Attribute families the model learns affinities for. */
export const FAMILIES = ['color', 'dept', 'category', 'price', 'brand'] as const;
export type Family = (typeof FAMILIES)[number];

/**
 * Evidence about one attribute value. Two kinds:
 *  - clicks over expected clicks over every list shown: `shown` = examination-weighted
 *    exposure of items having the value (each result list, clicked or not), `clk` = inverse-
 *    propensity weighted clicks on them. A shopper who ignores the value clicks it in proportion
 *    to its exposure, so clk ≈ shown × (the family's overall click rate).
 *  - explicit choices against the items shown next to the product (carts, purchases, thumbs,
 *    dwell): `pos` = weight of chosen items having the value, `exp` = weight expected if the
 *    choice ignored it (its share of each choice set); `neg` and `negExp` the same for
 *    rejections (thumbs down, bounces).
 * Decay runs on the profile's event counter (`seq`), not the wall clock, so clock changes
 * cannot make evidence jump: effective value = stored value × DECAY^(profile.seq − t).
 */
export interface Evidence {
  clk: number;
  shown: number;
  pos: number;
  exp: number;
  neg: number;
  negExp: number;
  /** `seq` at the last update. */
  t: number;
}

/** What the shopper did with one product (compacted counts; raw events age out). */
export interface ProductStats {
  /** Decayed positive / negative evidence (same units as Evidence). */
  pos: number;
  neg: number;
  t: number;
  clicks: number;
  carts: number;
  purchases: number;
  up: number;
  down: number;
  dwellMs: number;
  /** `seq` of the last positive action, for the recency feature. */
  lastPositiveSeq: number;
  /**
   * Queries (queryKey form, newest last, at most MAX_PRODUCT_QUERIES) the shopper chose this item
   * from: history and recency lift it only when one of them is searched again. Optional, so
   * profiles saved before it existed load unchanged.
   */
  queries?: string[];
}

export const MAX_PRODUCT_QUERIES = 4;

/** Counts of events that were dropped from the raw log (kept only as aggregates). */
export interface CompactedLog {
  count: number;
  byType: Record<string, number>;
  firstAt: number | null;
  lastAt: number | null;
}

export interface RecentList {
  query: string;
  ids: string[];
  /** Ids already clicked in this list (not used as "skipped" counter-examples). */
  clicked: string[];
  seq: number;
}

export interface SessionState {
  id: string;
  lastAt: number;
  items: string[];
}

/** Dense item features with one learned weight each (profile.weights, in this order). */
export const DENSE_FEATURES = ['embedding', 'history', 'recency'] as const;
/** All features of an item: one learned weight per attribute value of each family, then the dense ones. */
export const FEATURES = [...FAMILIES, ...DENSE_FEATURES] as const;
export type FeatureName = (typeof FEATURES)[number];

export const PROFILE_VERSION = 3;
export const PROFILE_FORMAT = 'sou-personal';

export interface PersonalProfile {
  format: typeof PROFILE_FORMAT;
  version: typeof PROFILE_VERSION;
  /** When true nothing is learned and rerank() returns the engine's order unchanged. */
  paused: boolean;
  /** Logical clock: number of learning events seen. */
  seq: number;
  /** Range of device-clock times seen (display only). */
  firstAt: number | null;
  lastAt: number | null;
  /** Currency of the products seen, for the price labels of describeProfile(). */
  currency: string | null;
  /** family → attribute value → evidence. */
  affinity: Record<Family, Record<string, Evidence>>;
  /** Learning-to-rank weights, one per FEATURES entry (families, then dense features). */
  weights: number[];
  /** Number of pairwise updates the weights received. */
  weightUpdates: number;
  products: Record<string, ProductStats>;
  /** product → product → times engaged in the same session. */
  coviews: Record<string, Record<string, number>>;
  /** Decayed sum of the vectors of liked items (the shopper's point in the catalog's vector space). */
  embedding: { dims: number; sum: number[]; mass: number; t: number } | null;
  /** Last result lists shown, so a click can be paired with what it was chosen over. */
  recentLists: RecentList[];
  session: SessionState | null;
  /** Recent raw events, oldest first; older ones are folded into `compacted`. */
  events: PersonalEvent[];
  compacted: CompactedLog;
}

/** How rerank/recordEvent find products; undefined = no longer in the catalog. */
export type ProductLookup = (id: string) => Product | undefined;
/** Optional: the catalog vector of a product (any length, same space for all products). */
export type VectorLookup = (id: string) => ArrayLike<number> | null | undefined;

export type Lang = 'en' | 'zh';
