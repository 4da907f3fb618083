/**
 * The search backend: stored catalog + SearchEngine. Runs inside workers/search.worker.ts, or on
 * the main thread when module workers are unavailable. Imports are staged then swapped: the new
 * catalog is parsed, validated and indexed first, then written in one IndexedDB transaction, and
 * only then replaces the engine in memory — a failure at any step leaves the old catalog in place.
 */
import { SouError, type Product, type SearchRequest } from '../core/types';
import { IMAGE_KEY_PREFIX, readCatalog, readCatalogMeta, replaceCatalog, type StoredImage } from '../storage/catalogStore';
import type { CatalogMeta } from '../storage/db';
import { loadVectors } from '../storage/vectorStore';
import { buildEngine, fingerprintOf, parseCatalogInput, type Engine, type ParsedCatalog } from './coreApi';
import { PERSONAL_DEPTH, Personalizer } from './personalService';
import type {
  CatalogInfo,
  ImportIssue,
  ImportReport,
  PersonalBackend,
  PersonalEventInput,
  ProgressCallback,
  SearchableCallback,
  SearchBackend,
  SearchResult,
  StartupResult,
} from './types';

const CATALOG_FILE = /\.(jsonl|ndjson|json|csv)$/i;
const IMAGE_FILE = /\.(jpe?g|png|gif|webp|avif|svg)$/i;

function toInfo(meta: CatalogMeta): CatalogInfo {
  const { key: _key, ...info } = meta;
  return info;
}

/** Path of a chosen file as the catalog refers to it: relative to the folder the user picked. */
function relativePath(f: File): string {
  const rel = (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;
  // A folder pick gives "shop/images/a.jpg"; the catalog inside says "images/a.jpg".
  return rel.replace(/\\/g, '/');
}

function normaliseRef(ref: string): string {
  return ref.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, '');
}

/** The served catalog as downloaded (and maybe already indexed), or why it could not be. */
type Downloaded = { parsed: ParsedCatalog; staged?: Engine } | { fetchError: string };

/** If no search comes soon after a catalog is swapped in, index anyway. */
const INDEX_WITHOUT_SEARCH_MS = 1500;

export function createSearchService(): SearchBackend &
  PersonalBackend & { engineForTests(): Engine | null; prepareBuiltin(catalogUrl: string): void } {
  const personal = new Personalizer();
  let engine: Engine | null = null;
  let products: Product[] = [];
  let info: CatalogInfo | null = null;
  let vectorEncoder: string | null = null;

  let indexTimer: ReturnType<typeof setTimeout> | null = null;

  /** Builds the current engine's deferred inverted index after `ms` (the latest call wins). */
  function indexSoon(ms: number): void {
    if (indexTimer) clearTimeout(indexTimer);
    indexTimer = setTimeout(() => {
      indexTimer = null;
      engine?.ensureIndexed();
    }, ms);
  }

  function swapIn(next: Engine, nextProducts: Product[], meta: CatalogMeta): void {
    engine = next;
    indexSoon(INDEX_WITHOUT_SEARCH_MS);
    products = nextProducts;
    info = toInfo(meta);
    vectorEncoder = null;
    personal.setCatalog(nextProducts);
  }

  /**
   * `onSearchable` (built-in catalog only) makes the staged engine searchable BEFORE it is
   * stored, so a first visit's results do not wait for the IndexedDB write; if storing then
   * fails, the catalog keeps being served from memory and the report carries `storageWarning`.
   * Without it (file imports), a storage failure throws and leaves everything as it was.
   */
  async function stageAndStore(
    parsed: ParsedCatalog,
    source: CatalogInfo['source'],
    label: string,
    images: StoredImage[],
    opts: { onProgress?: ProgressCallback; onSearchable?: SearchableCallback; staged?: Engine } = {},
  ): Promise<ImportReport & { storageWarning?: string }> {
    const { onProgress, onSearchable } = opts;
    if (parsed.products.length === 0) {
      throw new SouError('CATALOG_EMPTY', 'No valid products were found, so nothing was imported. Fix the issues listed and import again.', {
        issues: parsed.issues.slice(0, 200),
      });
    }
    onProgress?.({ phase: 'indexing', done: 0, total: parsed.products.length });
    const staged = opts.staged ?? buildEngine(parsed.products);
    const pending: CatalogMeta = {
      key: 'active',
      fingerprint: fingerprintOf(parsed.products),
      source,
      label,
      counts: { products: parsed.products.length, images: images.length, issues: parsed.issues.length },
      importedAt: Date.now(),
    };
    const report = (meta: CatalogMeta) => ({
      catalog: toInfo(meta),
      issues: parsed.issues,
      accepted: parsed.products.length,
      rejected: parsed.rejected,
      images: images.length,
    });
    if (onSearchable) {
      swapIn(staged, parsed.products, pending);
      // Not awaited: the caller only needs to know it can search; the write goes on meanwhile.
      void Promise.resolve(onSearchable(toInfo(pending))).catch(() => undefined);
    }
    onProgress?.({ phase: 'storing', done: 0, total: parsed.products.length });
    let meta: CatalogMeta;
    try {
      const { key: _key, ...toStore } = pending;
      meta = await replaceCatalog({ meta: toStore, products: parsed.products, images });
    } catch (err) {
      if (!onSearchable) throw err;
      const message = err instanceof Error ? err.message : String(err);
      console.warn('sou: the catalog is searchable but could not be stored for offline use', err);
      return { ...report(pending), storageWarning: message };
    }
    onProgress?.({ phase: 'storing', done: parsed.products.length, total: parsed.products.length });
    // Swapped in already (early), or replaced meanwhile by a later import: leave that one be.
    if (!onSearchable) swapIn(staged, parsed.products, meta);
    return report(meta);
  }

  let opening: Promise<CatalogInfo | null> | null = null;
  /** The served catalog, downloaded and indexed by prepareBuiltin() before the page asked for it. */
  let prepared: { url: string; result: Promise<Downloaded> } | null = null;

  async function downloadBuiltin(absolute: URL, onProgress?: ProgressCallback): Promise<Downloaded> {
    let res: Response;
    try {
      onProgress?.({ phase: 'fetching', done: 0, total: 0 });
      res = await fetch(absolute, { cache: 'no-cache' });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
    } catch (err) {
      return { fetchError: err instanceof Error ? err.message : String(err) };
    }
    const declared = Number(res.headers.get('content-length') ?? 0) || undefined;
    const parsed = await parseCatalogInput(res.body ?? (await res.arrayBuffer()), {
      fileName: absolute.pathname.split('/').pop() || 'catalog.jsonl',
      baseUrl: absolute.pathname,
      totalBytes: declared,
      onProgress: (done, total) => onProgress?.({ phase: 'parsing', done, total }),
    });
    return { parsed };
  }

  async function openStoredNow(): Promise<CatalogInfo | null> {
    // The worker's init and the first-run flow both ask; building the engine twice would
    // delay the first results by a whole index build.
    if (engine && info) {
      const meta = await readCatalogMeta().catch(() => null);
      if (meta && meta.fingerprint === info.fingerprint) return info;
    }
    const stored = await readCatalog();
    if (!stored || stored.products.length === 0) return null;
    engine = buildEngine(stored.products);
    indexSoon(INDEX_WITHOUT_SEARCH_MS);
    products = stored.products;
    info = toInfo(stored.meta);
    vectorEncoder = null;
    personal.setCatalog(products);
    return info;
  }

  const service = {
    engineForTests: () => engine,

    openStored(): Promise<CatalogInfo | null> {
      // The worker starts this on its own as soon as it loads; calls made meanwhile share it.
      opening ??= openStoredNow().finally(() => (opening = null));
      return opening;
    },

    async catalogInfo(): Promise<CatalogInfo | null> {
      return info;
    },

    async products(): Promise<Product[]> {
      return products;
    },

    async productsByIds(ids: string[]): Promise<Product[]> {
      const out: Product[] = [];
      for (const id of ids) {
        const p = engine?.product(id);
        if (p) out.push(p);
      }
      return out;
    },

    async syncBuiltin(catalogUrl: string, onProgress?: ProgressCallback, onSearchable?: SearchableCallback): Promise<StartupResult> {
      if (!info) {
        const meta = await readCatalogMeta().catch(() => null);
        if (meta) await service.openStored();
      }
      const absolute = new URL(catalogUrl, self.location.href);
      const early = prepared?.url === absolute.href ? prepared.result : null;
      prepared = null;
      const downloaded = await (early ?? downloadBuiltin(absolute, onProgress));
      if ('fetchError' in downloaded) {
        if (info) return { catalog: info, offline: true, imported: false };
        throw new SouError(
          'CATALOG_EMPTY',
          `The catalog could not be downloaded (${downloaded.fetchError}) and none is stored yet. Connect to the network once and reload.`,
        );
      }
      const { parsed, staged } = downloaded;
      if (info && info.source === 'builtin' && parsed.products.length && fingerprintOf(parsed.products) === info.fingerprint) {
        return { catalog: info, offline: false, imported: false };
      }
      const { storageWarning, ...report } = await stageAndStore(parsed, 'builtin', absolute.pathname, [], {
        onProgress,
        onSearchable,
        staged: staged && staged.size === parsed.products.length ? staged : undefined,
      });
      return { catalog: report.catalog, offline: false, imported: true, report, ...(storageWarning ? { storageWarning } : {}) };
    },

    /**
     * Starts downloading, parsing and indexing the served catalog without changing anything, so
     * that a first visit's syncBuiltin() (which may be asked for much later by a busy page) finds
     * it done. Used once, by the next syncBuiltin() of the same URL.
     */
    prepareBuiltin(catalogUrl: string): void {
      const absolute = new URL(catalogUrl, self.location.href);
      const result = downloadBuiltin(absolute).then((d): Downloaded => {
        if ('fetchError' in d || d.parsed.products.length === 0) return d;
        try {
          return { parsed: d.parsed, staged: buildEngine(d.parsed.products) };
        } catch {
          return d; // syncBuiltin builds again and reports the problem
        }
      });
      result.catch(() => undefined); // a parse error reaches syncBuiltin, which awaits this
      prepared = { url: absolute.href, result };
    },

    async importFiles(files: File[], onProgress?: ProgressCallback): Promise<ImportReport> {
      const catalogFiles = files.filter((f) => CATALOG_FILE.test(f.name));
      if (catalogFiles.length === 0) {
        throw new SouError('CATALOG_FORMAT', 'No catalog file was selected. Choose a .jsonl, .json or .csv file (with its images, if any).');
      }
      if (catalogFiles.length > 1) {
        throw new SouError(
          'CATALOG_FORMAT',
          `Several catalog files were selected (${catalogFiles.map((f) => f.name).join(', ')}). Choose exactly one catalog file.`,
        );
      }
      const file = catalogFiles[0];
      onProgress?.({ phase: 'reading', done: 0, total: file.size });
      const bytes = new Uint8Array(await file.arrayBuffer());

      // Images are looked up by their path relative to the catalog file's folder.
      const catalogDir = relativePath(file).split('/').slice(0, -1).join('/');
      const imageFiles = new Map<string, File>();
      for (const f of files) {
        if (!IMAGE_FILE.test(f.name) && !f.type.startsWith('image/')) continue;
        let rel = relativePath(f);
        if (catalogDir && rel.startsWith(catalogDir + '/')) rel = rel.slice(catalogDir.length + 1);
        imageFiles.set(rel, f);
        if (!imageFiles.has(f.name)) imageFiles.set(f.name, f);
      }

      const parsed = await parseCatalogInput(bytes, {
        fileName: file.name,
        baseUrl: null,
        totalBytes: file.size,
        onProgress: (done, total) => onProgress?.({ phase: 'parsing', done, total }),
      });
      const images: StoredImage[] = [];
      const stored = new Map<File, string>();
      const missing: ImportIssue[] = [];
      const resolved: Product[] = [];
      for (const p of parsed.products) {
        const ref = p.image ? normaliseRef(p.image) : '';
        if (!ref || /^(https?:|data:|blob:)/i.test(p.image)) {
          resolved.push(p);
          continue;
        }
        const f = imageFiles.get(ref) ?? imageFiles.get(ref.split('/').pop() ?? '');
        if (!f) {
          missing.push({ severity: 'warning', file: file.name, field: 'image', message: `Image "${p.image}" of product ${p.id} was not among the selected files; it will show without a picture.` });
          resolved.push({ ...p, image: '' });
          continue;
        }
        let key = stored.get(f);
        if (!key) {
          key = IMAGE_KEY_PREFIX + relativePath(f);
          stored.set(f, key);
          images.push({ key, type: f.type || 'application/octet-stream', bytes: await f.arrayBuffer() });
        }
        resolved.push({ ...p, image: key });
      }
      return stageAndStore(
        { products: resolved, issues: [...parsed.issues, ...missing.slice(0, 100)], rejected: parsed.rejected },
        'files',
        file.name,
        images,
        { onProgress },
      );
    },

    async search(req: SearchRequest): Promise<SearchResult> {
      if (!engine) throw new SouError('CATALOG_EMPTY', 'No catalog is loaded yet. Wait for it to load, or import one in the Catalog panel.');
      // Once this answer is out, build the deferred index before the shopper's first keystroke
      // (a text query arriving earlier builds it on demand).
      if (!engine.indexed) indexSoon(0);
      const useVector = req.queryVector && vectorEncoder ? req.queryVector : null;
      const request = { ...req, queryVector: useVector, mode: useVector ? (req.mode ?? 'hybrid') : 'lexical' } as const;
      // Personalization re-ranks the engine's top PERSONAL_DEPTH, then pages; with nothing
      // learned (or paused) the engine request is left exactly as it was.
      const personalized = req.query.trim() !== '' && (await personal.active());
      let res;
      if (personalized) {
        const limit = Math.max(0, req.limit ?? 20);
        const offset = Math.max(0, req.offset ?? 0);
        const wide = engine.search({ ...request, offset: 0, limit: Math.max(PERSONAL_DEPTH, offset + limit) });
        const reranked = await personal.rerank(wide.hits, req.query);
        res = { ...wide, hits: reranked.slice(offset, offset + limit) };
      } else {
        res = engine.search(request);
      }
      const { hits, ...rest } = res;
      const items = [];
      for (const hit of hits) {
        const product = engine.product(hit.id);
        if (product) items.push({ hit, product });
      }
      return { ...rest, items, semanticEncoder: useVector ? vectorEncoder : null };
    },

    personalRecord: (event: PersonalEventInput) => personal.record(event),
    personalStatus: () => personal.status(),
    personalSetLanguage: async (lang: 'en' | 'zh') => personal.setLanguage(lang),
    personalExport: () => personal.exportJson(),
    personalImport: (text: string) => personal.importJson(text),
    personalSetPaused: (paused: boolean) => personal.setPaused(paused),
    personalErase: () => personal.erase(),
    personalRecommendations: (productId: string | null) => personal.recommendations(productId),

    async reloadVectors(encoderId: string): Promise<boolean> {
      if (!engine || !info) return false;
      const vectors = await loadVectors(encoderId, info.fingerprint, products.map((p) => p.id));
      if (!vectors) return false;
      engine.setVectors(encoderId, vectors);
      vectorEncoder = encoderId;
      return true;
    },
  };
  return service;
}
