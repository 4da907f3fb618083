/**
 * Contracts between the UI, the main-thread client and the workers. Everything here is
 * structured-clone friendly (crosses postMessage) except callbacks, which comlink proxies.
 */
import type { Filters, Product, SearchHit, SearchRequest, SearchResponse, SouErrorCode } from '../core/types';
import type { StorageInfo } from '../storage/db';
import type { PersonalEvent } from '../core/personal/types';

export type { StorageInfo };

export interface CatalogInfo {
  fingerprint: string;
  source: 'builtin' | 'files';
  label: string;
  counts: { products: number; images: number; issues: number };
  importedAt: number;
}

/** One problem found in a catalog file, with the line (JSONL/CSV) or index (JSON) it is on. */
export interface ImportIssue {
  severity: 'error' | 'warning';
  message: string;
  file?: string;
  line?: number;
  field?: string;
}

export interface ImportProgress {
  phase: 'fetching' | 'reading' | 'parsing' | 'storing' | 'indexing';
  done: number;
  /** 0 when unknown. */
  total: number;
}

export interface ImportReport {
  catalog: CatalogInfo;
  issues: ImportIssue[];
  /** Rows accepted / rejected / images stored. */
  accepted: number;
  rejected: number;
  images: number;
}

/** How a startup ended: the served catalog was imported, the stored one reused, or nothing. */
export interface StartupResult {
  catalog: CatalogInfo | null;
  /** True when the served catalog could not be fetched (offline) and the stored one is used. */
  offline: boolean;
  imported: boolean;
  report?: ImportReport;
  /** Set when the served catalog is searchable but could not be stored (it will not work offline). */
  storageWarning?: string;
}

export interface ResultItem {
  hit: SearchHit;
  product: Product;
}

export interface SearchResult extends Omit<SearchResponse, 'hits'> {
  items: ResultItem[];
  /** Which encoder's vectors contributed, or null for a lexical-only answer. */
  semanticEncoder: string | null;
}

export type ProgressCallback = (p: ImportProgress) => void;
/** Told that a catalog can be searched already, while it is still being stored. */
export type SearchableCallback = (catalog: CatalogInfo) => void;

/** What the search worker exposes (and the main-thread fallback implements identically). */
export interface SearchBackend {
  openStored(): Promise<CatalogInfo | null>;
  /**
   * Fetches the served catalog and stores it if it changed. With `onSearchable`, the new catalog is
   * searchable (and `onSearchable` called) before it is stored, and a storage failure does not
   * throw: the result carries `storageWarning`. Without it, nothing changes unless stored.
   */
  syncBuiltin(catalogUrl: string, onProgress?: ProgressCallback, onSearchable?: SearchableCallback): Promise<StartupResult>;
  importFiles(files: File[], onProgress?: ProgressCallback): Promise<ImportReport>;
  search(req: SearchRequest): Promise<SearchResult>;
  /** Loads stored vectors of this encoder into the engine; false if incomplete. */
  reloadVectors(encoderId: string): Promise<boolean>;
  catalogInfo(): Promise<CatalogInfo | null>;
  /** Every product of the loaded catalog, in catalog order ([] when none is loaded). */
  products(): Promise<Product[]>;
  /** The products with these ids, in the order asked; unknown ids are left out. */
  productsByIds(ids: string[]): Promise<Product[]>;
}

/** An event the UI reports; `at` defaults to the worker's clock. */
export type PersonalEventInput = Omit<PersonalEvent, 'at'> & { at?: number };

/** What the privacy panel shows. */
export interface PersonalStatus {
  paused: boolean;
  /** True when something was learned that can move results. */
  learned: boolean;
  /** "you seem to prefer black · women's · under $50" (in the panel's language). */
  summary: string;
  likes: string[];
  dislikes: string[];
  /** Events learned from, raw and compacted. */
  eventCount: number;
  compactedCount: number;
  /** The raw event log, newest first (bounded; older events are folded into counts). */
  events: PersonalEvent[];
  productsRemembered: number;
  /** Remembered products no longer in the catalog (ignored, kept in case they come back). */
  productsGone: number;
  /** A storage problem the shopper should know about, or null. */
  warning: string | null;
}

export interface PersonalRecommendations {
  /** Product page: similar items. */
  similar: Product[];
  /** Product page: often viewed together, by this shopper. */
  together: Product[];
  /** Home screen: "because you liked …" rows. */
  because: Array<{ anchorId: string; heading: string; products: Product[] }>;
}

/** Personalization, implemented by the search worker next to the engine. */
export interface PersonalBackend {
  personalRecord(event: PersonalEventInput): Promise<void>;
  personalStatus(): Promise<PersonalStatus>;
  personalSetLanguage(lang: 'en' | 'zh'): Promise<void>;
  personalExport(): Promise<string>;
  personalImport(text: string): Promise<PersonalStatus>;
  personalSetPaused(paused: boolean): Promise<PersonalStatus>;
  personalErase(): Promise<PersonalStatus>;
  personalRecommendations(productId: string | null): Promise<PersonalRecommendations>;
}

/** What the UI uses; AppClient.personal is optional so clients without it still work. */
export interface PersonalClient {
  record(event: PersonalEventInput): void;
  status(): Promise<PersonalStatus>;
  setLanguage(lang: 'en' | 'zh'): Promise<void>;
  exportJson(): Promise<string>;
  importJson(text: string): Promise<PersonalStatus>;
  setPaused(paused: boolean): Promise<PersonalStatus>;
  erase(): Promise<PersonalStatus>;
  recommendations(productId: string | null): Promise<PersonalRecommendations>;
  /**
   * Called after anything that changes what was learned: 'learned' after an event (panels
   * refresh; results on screen stay put), 'reset' after erase, import or pause (results re-rank).
   */
  subscribe(listener: (kind: 'learned' | 'reset') => void): () => void;
}

export interface EncoderInfo {
  id: string;
  dims: number;
  /** 'instant' = bundled word-vector encoder; 'minilm' = a real sentence-transformer model. */
  kind: 'instant' | 'minilm' | 'other';
  /** A better encoder was installed but damaged or unloadable; this one is used instead. */
  fallbackFrom?: { id: string; message: string };
}

export interface ModelProgress {
  /** The file being loaded, e.g. "onnx/model_quantized.onnx". */
  file: string;
  loaded: number;
  total: number;
  status: 'initiate' | 'download' | 'progress' | 'done' | 'ready';
}

export interface EmbedProgress {
  done: number;
  total: number;
}

/** What the embed worker exposes. */
export interface EmbedBackend {
  load(onProgress?: (p: ModelProgress) => void): Promise<EncoderInfo>;
  embedQuery(text: string): Promise<Float32Array>;
  /** Embeds rows of the stored catalog not yet stored for this encoder; resumable. */
  embedCatalog(onProgress?: (p: EmbedProgress) => void): Promise<EmbedProgress>;
}

/** The state the UI renders about the background machinery. */
export interface BackgroundStatus {
  catalog:
    | { phase: 'starting' }
    | { phase: 'importing'; progress: ImportProgress }
    | { phase: 'ready'; info: CatalogInfo; offline: boolean; storageWarning?: string }
    | { phase: 'empty' }
    | { phase: 'error'; code: SouErrorCode; message: string };
  encoder:
    | { state: 'lexical' }
    | { state: 'loading'; progress: ModelProgress | null }
    | { state: 'embedding'; encoder: EncoderInfo; progress: EmbedProgress }
    | { state: 'ready'; encoder: EncoderInfo }
    | { state: 'failed'; code: SouErrorCode; message: string };
  /** A worker crashed for good; search may still work lexically. */
  workerError: { code: SouErrorCode; message: string } | null;
}

export interface SearchQuery {
  query: string;
  filters: Filters;
  limit?: number;
}

/**
 * The one object the UI talks to. `src/client/appClient.ts` implements it over the workers;
 * component tests pass a fake.
 */
export interface AppClient {
  /** First-run flow; resolves when search can answer (lexically at least). */
  start(): Promise<void>;
  subscribe(listener: (status: BackgroundStatus) => void): () => void;
  status(): BackgroundStatus;
  /**
   * Searches; calls `onResult` first with lexical results, then again with hybrid results when
   * the semantic encoder is ready. Rejects with SouError('ABORTED') when a newer search replaced it.
   */
  search(q: SearchQuery, onResult: (r: SearchResult) => void): Promise<void>;
  importFiles(files: File[], onProgress: ProgressCallback): Promise<ImportReport>;
  restoreBuiltin(onProgress: ProgressCallback): Promise<ImportReport | null>;
  storageInfo(): Promise<StorageInfo>;
  /** A displayable URL for a product image (object URL for images imported from files). */
  imageUrl(src: string): Promise<string>;
  /**
   * Every product of the catalog now searched (for voice and photo search, which build their own
   * vocabulary / image index). Call again when `status().catalog.info.fingerprint` changes.
   */
  catalogProducts(): Promise<Product[]>;
  /** The products with these ids, in the order asked (unknown ids left out). */
  productsByIds(ids: string[]): Promise<Product[]>;
  /** On-device personalization (issue 5); absent in clients without it. */
  personal?: PersonalClient;
  /**
   * Where typed queries get image evidence (CLIP text-tower scores from the photo worker), or
   * null for none. Text results never wait for it: once shown, the scores (when they come) re-rank
   * them in the search worker and `onResult` is called again. Absent in clients without it.
   */
  setImageScorer?(scorer: ImageScorer | null): void;
  dispose(): void;
}

/** Product id → similarity of the query to the product picture; null or {} = no image evidence. */
export type ImageScorer = (query: string) => Promise<Readonly<Record<string, number>> | null>;
