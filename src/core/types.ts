/**
 * Shared data shapes of the search core. Plain TypeScript: no DOM, no workers, no IndexedDB,
 * so the same code runs in a Web Worker, in Node (eval, bench) and in unit tests.
 */

/** One review line shown on a product. */
export interface Review {
  rating: number;
  text: string;
  lang?: 'en' | 'zh';
}

/**
 * A catalog item after validation. The on-disk format is JSON Lines, one object per line
 * (see README "Catalog format"); required: id, title, category, price. Unknown fields are kept
 * in `extra` so that an export round-trips what the shop owner imported.
 */
export interface Product {
  id: string;
  /** Parent product (e.g. the same jacket in several colours). */
  group?: string;
  title: string;
  description: string;
  /** Category path, "/"-separated, most general first: "Men/Tops/Jackets". */
  category: string;
  color: string | null;
  price: number;
  currency: string;
  /** Image URL, resolved against the catalog's base URL at import time. */
  image: string;
  brand?: string;
  material?: string;
  sizes?: string[];
  rating?: number;
  reviews?: Review[];
  /** Chinese title/description for bilingual catalogs. */
  title_zh?: string;
  description_zh?: string;
  extra?: Record<string, unknown>;
}

export interface Filters {
  /** Category path prefixes; an item matches if its category starts with any of them. */
  category?: string[];
  color?: string[];
  brand?: string[];
  priceMin?: number;
  priceMax?: number;
}

export interface FacetValue {
  value: string;
  count: number;
}

export interface Facets {
  category: FacetValue[];
  color: FacetValue[];
  brand: FacetValue[];
  price: { min: number; max: number; buckets: Array<{ from: number; to: number; count: number }> };
}

/** What the query was understood to ask for, shown to the user and used by the ranker. */
export interface QueryUnderstanding {
  language: 'en' | 'zh' | 'mixed';
  /** Normalised query terms after translation/synonym expansion, for display. */
  terms: string[];
  colors: string[];
  gender: 'men' | 'women' | 'kids' | null;
  productTypes: string[];
}

/** Why a hit is in the results: rendered as the short "why this result" line. */
export interface WhyInfo {
  /** Query words (or their translations/synonyms) that matched the item's text. */
  matchedTerms: string[];
  /** True when semantic similarity contributed materially. */
  semantic: boolean;
  semanticScore?: number;
  /** Active filters the item satisfies, e.g. "colour: black". */
  filters: string[];
  /** Filled by personalization: the preference that moved this item, if any. */
  personal?: string;
}

export interface SearchHit {
  id: string;
  score: number;
  lexicalScore: number;
  semanticScore: number;
  why: WhyInfo;
}

export interface SearchRequest {
  query: string;
  filters?: Filters;
  limit?: number;
  offset?: number;
  /** Query embedding from the text encoder; null/undefined = lexical only. */
  queryVector?: Float32Array | null;
  mode?: 'lexical' | 'semantic' | 'hybrid';
  /**
   * Optional image evidence: product id → similarity of the query to the product's picture (CLIP
   * text tower vs image tower). Fused into the ranking of the items the text evidence found, with
   * a modest weight; absent or empty = exactly the text ranking.
   */
  imageScores?: Readonly<Record<string, number>> | null;
}

export interface SearchResponse {
  hits: SearchHit[];
  total: number;
  facets: Facets;
  understood: QueryUnderstanding;
  tookMs: number;
  /** Ranked hits whose score took image evidence (`imageScores`) into account; absent = none. */
  imageFused?: number;
}

/** Error with a stable code, so UI and tests can tell failures apart. */
export class SouError extends Error {
  constructor(
    readonly code: SouErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'SouError';
  }
}

export type SouErrorCode =
  | 'CATALOG_EMPTY'
  | 'CATALOG_PARSE'
  | 'CATALOG_INVALID'
  | 'CATALOG_TOO_LARGE'
  | 'CATALOG_ENCODING'
  | 'CATALOG_FORMAT'
  | 'IMAGE_DECODE'
  | 'STORAGE_QUOTA'
  | 'STORAGE_UNAVAILABLE'
  | 'MODEL_MISSING'
  | 'MODEL_CHECKSUM'
  | 'MODEL_LOAD'
  | 'WORKER_CRASHED'
  | 'ABORTED'
  | 'PERSONAL_IMPORT'
  // Voice search (src/voice, src/core/voice): each maps to a message that says what to do next.
  | 'MIC_DENIED'
  | 'MIC_UNAVAILABLE'
  | 'VOICE_NO_SPEECH'
  | 'VOICE_NOISE_ONLY'
  | 'AUDIO_TOO_LONG'
  | 'AUDIO_UNSUPPORTED'
  | 'AUDIO_DECODE'
  // Photo search (src/photo, src/core/image).
  | 'CAMERA_DENIED'
  | 'CAMERA_UNAVAILABLE'
  | 'IMAGE_UNSUPPORTED'
  | 'IMAGE_TOO_DARK'
  | 'IMAGE_NO_ITEM';
