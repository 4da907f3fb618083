/**
 * The main-thread client the UI talks to. It runs the first-run flow, owns the two workers
 * (search: catalog + engine; embed: the text encoder), orders as-you-type searches so that only
 * the latest one is answered, and keeps lexical search working whatever happens to embedding.
 */
import * as Comlink from 'comlink';
import './comlinkErrors';
import { SouError, type Product, type SearchRequest } from '../core/types';
import { IMAGE_KEY_PREFIX, readImage } from '../storage/catalogStore';
import { requestPersistence, storageInfo } from '../storage/db';
import { LatestOnlyQueue, abortedError } from './latestOnly';
import { SupervisedWorker, supportsModuleWorkers } from './supervisedWorker';
import type {
  AppClient,
  BackgroundStatus,
  CatalogInfo,
  EmbedBackend,
  EmbedProgress,
  ImportProgress,
  ModelProgress,
  EncoderInfo,
  ImageScorer,
  ImportReport,
  PersonalBackend,
  PersonalClient,
  PersonalEventInput,
  ProgressCallback,
  SearchBackend,
  SearchQuery,
  SearchResult,
} from './types';
import { BUILTIN_CATALOG_URL } from './catalogUrl';

export { BUILTIN_CATALOG_URL };
/** How long a search waits for the query embedding before showing lexical results first. */
export const QUERY_EMBED_GRACE_MS = 120;
/** The embed worker (and its model) is shut down after this long without use. */
export const EMBED_IDLE_MS = 5 * 60_000;
/** Longest a returning visit holds back the built-in catalog's update check for the first results. */
export const FIRST_RESULT_WAIT_MS = 1500;

/** Calls a backend that lives in a worker or, as a fallback, on the main thread. */
interface BackendCaller<T> {
  call<R>(fn: (api: T) => Promise<R>): Promise<R>;
  terminate(): void;
}

function workerCaller<T>(w: SupervisedWorker<T>): BackendCaller<T> {
  // Comlink.Remote<T> has the same promise-returning methods as T for our interfaces.
  return { call: (fn) => w.call((api) => fn(api as unknown as T)), terminate: () => w.terminate() };
}

/** The search worker's API: search plus personalization (which lives next to the engine). */
type SearchWorkerApi = SearchBackend & PersonalBackend;

/** PersonalClient over the search worker; listeners hear about every change to what was learned. */
function personalClient(search$: BackendCaller<SearchWorkerApi>): PersonalClient {
  const listeners = new Set<(kind: 'learned' | 'reset') => void>();
  const changed = <T>(p: Promise<T>, kind: 'learned' | 'reset' = 'reset'): Promise<T> =>
    p.then((v) => {
      for (const l of listeners) l(kind);
      return v;
    });
  return {
    record(event: PersonalEventInput) {
      // Learning is best effort: a failed event must never disturb shopping.
      void changed(search$.call((api) => api.personalRecord(event)), 'learned').catch((err) => console.warn('sou: personal event not recorded', err));
    },
    status: () => search$.call((api) => api.personalStatus()),
    setLanguage: (lang) => search$.call((api) => api.personalSetLanguage(lang)),
    exportJson: () => search$.call((api) => api.personalExport()),
    importJson: (text) => changed(search$.call((api) => api.personalImport(text))),
    setPaused: (paused) => changed(search$.call((api) => api.personalSetPaused(paused))),
    erase: () => changed(search$.call((api) => api.personalErase())),
    recommendations: (productId) => search$.call((api) => api.personalRecommendations(productId)),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function mainThreadSearch(): BackendCaller<SearchWorkerApi> {
  const service = import('./searchService').then((m) => m.createSearchService());
  return { call: async (fn) => fn(await service), terminate: () => undefined };
}

export interface AppClientOptions {
  catalogUrl?: string;
  /** For tests and for browsers without module workers. */
  forceMainThread?: boolean;
}

export class WorkerAppClient implements AppClient {
  private state: BackgroundStatus = {
    catalog: { phase: 'starting' },
    encoder: { state: 'lexical' },
    workerError: null,
  };
  private listeners = new Set<(s: BackgroundStatus) => void>();
  private readonly search$: BackendCaller<SearchWorkerApi>;
  readonly personal: PersonalClient;
  private readonly embed$: BackendCaller<EmbedBackend> | null;
  private readonly searchQueue = new LatestOnlyQueue();
  private searchGeneration = 0;
  private imageScorer: ImageScorer | null = null;
  /** Bumped whenever the catalog changes, so stale embedding runs cannot mark the encoder ready. */
  private catalogGeneration = 0;
  private encoder: EncoderInfo | null = null;
  private semanticReady = false;
  private started: Promise<void> | null = null;
  private readonly imageUrls = new Map<string, Promise<string>>();
  private readonly queryVectors = new Map<string, Float32Array>();
  private readonly catalogUrl: string;
  private markFirstResult: () => void = () => undefined;
  private readonly firstResultShown = new Promise<void>((resolve) => (this.markFirstResult = resolve));

  constructor(opts: AppClientOptions = {}) {
    this.catalogUrl = opts.catalogUrl ?? BUILTIN_CATALOG_URL;
    const workers = !opts.forceMainThread && supportsModuleWorkers();
    if (workers) {
      this.search$ = workerCaller(
        new SupervisedWorker<SearchWorkerApi>({
          name: 'search',
          create: () => adoptEarlySearchWorker() ?? new Worker(new URL('../../workers/search.worker.ts', import.meta.url), { type: 'module', name: 'sou-search' }),
          // A restarted search worker reloads the stored catalog (and vectors) on its own.
          init: async (api) => {
            await api.openStored();
            if (this.semanticReady && this.encoder) await api.reloadVectors(this.encoder.id);
          },
          onFatal: (err) => this.update({ workerError: { code: err.code, message: err.message } }),
        }),
      );
      this.embed$ = workerCaller(
        new SupervisedWorker<EmbedBackend>({
          name: 'embedding',
          create: () => new Worker(new URL('../../workers/embed.worker.ts', import.meta.url), { type: 'module', name: 'sou-embed' }),
          init: async (api) => {
            await api.load(
              Comlink.proxy((p: ModelProgress) => {
                if (this.state.encoder.state === 'loading') this.update({ encoder: { state: 'loading', progress: p } });
              }),
            );
          },
          idleMs: EMBED_IDLE_MS,
          onFatal: (err) => {
            this.semanticReady = false;
            this.update({
              encoder: { state: 'failed', code: err.code, message: err.message },
              workerError: { code: err.code, message: err.message },
            });
          },
        }),
      );
    } else {
      // No module workers: search runs on the main thread; the encoder (transformers.js) is
      // never loaded there, to keep the page responsive and the main bundle small.
      this.search$ = mainThreadSearch();
      this.embed$ = null;
    }
    this.personal = personalClient(this.search$);
  }

  status(): BackgroundStatus {
    return this.state;
  }

  subscribe(listener: (s: BackgroundStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private update(patch: Partial<BackgroundStatus>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }

  start(): Promise<void> {
    this.started ??= this.runStartup();
    return this.started;
  }

  private async runStartup(): Promise<void> {
    void requestPersistence();
    let stored = null;
    try {
      stored = await this.search$.call((api) => api.openStored());
    } catch (err) {
      // Storage may be unavailable (private mode); the served catalog can still be searched.
      console.warn('sou: stored catalog unavailable', err);
    }
    if (stored) this.update({ catalog: { phase: 'ready', info: stored, offline: false } });
    // A catalog the shop owner imported from files is never replaced by the built-in one.
    if (stored?.source === 'files') {
      void this.startSemantic();
      return;
    }
    // With a stored catalog the update check waits until the first results are on screen (or a
    // moment has passed): the search worker is single-threaded, and re-parsing the served
    // catalog must not stand between a returning shopper and their results.
    if (stored) await Promise.race([this.firstResultShown, delay(FIRST_RESULT_WAIT_MS)]);
    // First visit: the served catalog is searched as soon as it is indexed, while it is still
    // being stored (the shopper should not wait for the IndexedDB write).
    let searchableEarly = false;
    const onSearchable = (info: CatalogInfo) => {
      searchableEarly = true;
      this.catalogChanged();
      this.update({ catalog: { phase: 'ready', info, offline: false } });
    };
    try {
      const result = await this.search$.call((api) =>
        api.syncBuiltin(
          this.catalogUrl,
          Comlink.proxy((progress: ImportProgress) => {
            if (!stored && !searchableEarly) this.update({ catalog: { phase: 'importing', progress } });
          }),
          stored ? undefined : Comlink.proxy(onSearchable),
        ),
      );
      if (result.catalog) {
        if (result.imported && !searchableEarly) this.catalogChanged();
        const warning = result.storageWarning ? { storageWarning: result.storageWarning } : {};
        this.update({ catalog: { phase: 'ready', info: result.catalog, offline: result.offline, ...warning } });
      } else {
        this.update({ catalog: { phase: 'empty' } });
      }
    } catch (err) {
      const e = toSouError(err);
      if (!stored && !searchableEarly) this.update({ catalog: { phase: 'error', code: e.code, message: e.message } });
      else console.warn('sou: built-in catalog update failed; keeping the stored one', err);
    }
    // Embedding reads the catalog from IndexedDB: not possible when it could not be stored.
    if (this.state.catalog.phase === 'ready' && !this.state.catalog.storageWarning) void this.startSemantic();
  }

  private catalogChanged(): void {
    this.catalogGeneration++;
    this.semanticReady = false;
    for (const url of this.imageUrls.values()) void url.then((u) => u.startsWith('blob:') && URL.revokeObjectURL(u));
    this.imageUrls.clear();
    this.queryVectors.clear();
  }

  /** Loads the encoder, embeds what is missing of the catalog, then turns on hybrid search. */
  private async startSemantic(): Promise<void> {
    const embed = this.embed$;
    if (!embed) return;
    const generation = this.catalogGeneration;
    try {
      if (!this.encoder) {
        this.update({ encoder: { state: 'loading', progress: null } });
        // The worker's init() loads the model with progress; load() again just returns its info.
        this.encoder = await embed.call((api) => api.load());
      }
      const encoder = this.encoder;
      if (generation !== this.catalogGeneration) return;
      if (!(await this.search$.call((api) => api.reloadVectors(encoder.id)))) {
        this.update({ encoder: { state: 'embedding', encoder, progress: { done: 0, total: 0 } } });
        await embed.call((api) =>
          api.embedCatalog(
            Comlink.proxy((progress: EmbedProgress) => {
              if (generation === this.catalogGeneration) this.update({ encoder: { state: 'embedding', encoder, progress } });
            }),
          ),
        );
        if (generation !== this.catalogGeneration) return;
        if (!(await this.search$.call((api) => api.reloadVectors(encoder.id)))) {
          throw new SouError('MODEL_LOAD', 'Catalog vectors are incomplete after embedding; semantic search stays off.');
        }
      }
      if (generation !== this.catalogGeneration) return;
      this.semanticReady = true;
      this.update({ encoder: { state: 'ready', encoder } });
    } catch (err) {
      if (generation !== this.catalogGeneration) return;
      const e = toSouError(err);
      this.semanticReady = false;
      this.update({ encoder: { state: 'failed', code: e.code, message: e.message } });
    }
  }

  setImageScorer(scorer: ImageScorer | null): void {
    this.imageScorer = scorer;
  }

  async search(q: SearchQuery, onResult: (r: SearchResult) => void): Promise<void> {
    const generation = ++this.searchGeneration;
    const isCurrent = () => generation === this.searchGeneration;
    const base: SearchRequest = { query: q.query, filters: q.filters, limit: q.limit };
    const semantic = this.semanticReady && this.embed$ && q.query.trim() !== '';
    const vectorPromise = semantic ? this.queryVector(q.query.trim()) : null;
    // Image evidence is asked for at once but only awaited after the text results are shown.
    const scorer = this.imageScorer;
    const imagePromise = scorer && q.query.trim() !== '' ? scorer(q.query.trim()).catch(() => null) : null;
    // The re-rank with image evidence follows on its own: the search itself (and the UI's
    // "searching" state) ends with the text answer, since CLIP scoring may queue behind picture
    // indexing in the photo worker for a long time.
    const fuseImagesLater = (shownVector: Float32Array | null) => {
      void fuseImages(shownVector).catch(() => undefined);
    };
    const fuseImages = async (shownVector: Float32Array | null) => {
      const imageScores = imagePromise ? await imagePromise : null;
      if (!isCurrent()) throw abortedError();
      if (!imageScores || Object.keys(imageScores).length === 0) return;
      const request: SearchRequest = shownVector ? { ...base, queryVector: shownVector, mode: 'hybrid', imageScores } : { ...base, imageScores };
      const fused = await this.searchQueue.run(() => this.search$.call((api) => api.search(request)));
      if (!isCurrent()) throw abortedError();
      onResult(fused);
    };

    let vector: Float32Array | null = null;
    if (vectorPromise) {
      vector = await Promise.race([vectorPromise.catch(() => null), delay(QUERY_EMBED_GRACE_MS).then(() => null)]);
      if (!isCurrent()) throw abortedError();
    }
    if (!vector) {
      const lexical = await this.searchQueue.run(() => this.search$.call((api) => api.search(base)));
      if (!isCurrent()) throw abortedError();
      onResult(lexical);
      this.markFirstResult();
      if (!vectorPromise) return fuseImagesLater(null);
      vector = await vectorPromise.catch(() => null);
      if (!isCurrent()) throw abortedError();
      if (!vector) return fuseImagesLater(null); // the encoder failed for this query: the lexical answer stands
    }
    const hybrid = await this.searchQueue.run(() =>
      this.search$.call((api) => api.search({ ...base, queryVector: vector, mode: 'hybrid' })),
    );
    if (!isCurrent()) throw abortedError();
    onResult(hybrid);
    this.markFirstResult();
    fuseImagesLater(vector);
  }

  private async queryVector(text: string): Promise<Float32Array | null> {
    const cached = this.queryVectors.get(text);
    if (cached) return cached;
    const v = await this.embed$!.call((api) => api.embedQuery(text));
    this.queryVectors.set(text, v);
    if (this.queryVectors.size > 200) this.queryVectors.delete(this.queryVectors.keys().next().value!);
    return v;
  }

  private async afterImport(report: ImportReport): Promise<ImportReport> {
    this.catalogChanged();
    this.update({ catalog: { phase: 'ready', info: report.catalog, offline: false } });
    if (this.state.encoder.state !== 'failed') this.update({ encoder: { state: 'lexical' } });
    void this.startSemantic();
    return report;
  }

  async importFiles(files: File[], onProgress: ProgressCallback): Promise<ImportReport> {
    const report = await this.search$.call((api) => api.importFiles(files, Comlink.proxy(onProgress)));
    return this.afterImport(report);
  }

  async restoreBuiltin(onProgress: ProgressCallback): Promise<ImportReport | null> {
    const result = await this.search$.call((api) => api.syncBuiltin(this.catalogUrl, Comlink.proxy(onProgress)));
    if (!result.catalog) throw new SouError('CATALOG_EMPTY', 'The built-in catalog could not be loaded. Check the connection and try again.');
    if (result.offline) {
      throw new SouError('STORAGE_UNAVAILABLE', 'The built-in catalog cannot be downloaded while offline. Your current catalog is unchanged.');
    }
    const report: ImportReport = result.report ?? {
      catalog: result.catalog,
      issues: [],
      accepted: result.catalog.counts.products,
      rejected: 0,
      images: 0,
    };
    return this.afterImport(report);
  }

  storageInfo() {
    return storageInfo();
  }

  imageUrl(src: string): Promise<string> {
    if (!src.startsWith(IMAGE_KEY_PREFIX)) return Promise.resolve(src);
    let url = this.imageUrls.get(src);
    if (!url) {
      url = readImage(src).then((blob) => {
        if (!blob) throw new SouError('IMAGE_DECODE', `Image ${src.slice(IMAGE_KEY_PREFIX.length)} is not stored.`);
        return URL.createObjectURL(blob);
      });
      this.imageUrls.set(src, url);
    }
    return url;
  }

  catalogProducts(): Promise<Product[]> {
    return this.search$.call((api) => api.products());
  }

  productsByIds(ids: string[]): Promise<Product[]> {
    return ids.length ? this.search$.call((api) => api.productsByIds(ids)) : Promise.resolve([]);
  }

  dispose(): void {
    this.search$.terminate();
    this.embed$?.terminate();
    this.listeners.clear();
  }
}

/**
 * The search worker the build's boot script (vite.config.ts, earlySearchWorker) started while the
 * main bundle was loading; taken once. Setting the global to null also stops a boot script that
 * runs late from starting a second worker.
 */
function adoptEarlySearchWorker(): Worker | null {
  const g = globalThis as { __souSearchWorker?: Worker | null; __souSearchWorkerFailed?: boolean };
  const early = g.__souSearchWorker ?? null;
  g.__souSearchWorker = null;
  if (early && g.__souSearchWorkerFailed) {
    early.terminate();
    return null;
  }
  return early;
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function toSouError(err: unknown): SouError {
  if (err instanceof SouError) return err;
  // Errors thrown in a worker arrive through comlink as plain Errors; keep a code if one came along.
  const e = err as { code?: string; message?: string; name?: string } | null;
  if (e && typeof e.code === 'string' && e.name === 'SouError') {
    return new SouError(e.code as SouError['code'], e.message ?? 'Unknown error');
  }
  return new SouError('STORAGE_UNAVAILABLE', e?.message ?? String(err));
}
