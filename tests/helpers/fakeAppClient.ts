/**
 * An in-memory AppClient for component tests: a tiny substring search over a few products with
 * real facet counts, so UI behaviour (filters, language, errors) can be checked without workers.
 */
import { SouError, type Facets, type Filters, type Product } from '../../src/core/types';
import type {
  AppClient,
  BackgroundStatus,
  CatalogInfo,
  ImportReport,
  ProgressCallback,
  SearchQuery,
  SearchResult,
  StorageInfo,
} from '../../src/client/types';

export const sampleProducts: Product[] = [
  { id: 'p1', title: 'Black Down Jacket', description: 'Warm winter jacket', category: 'Men/Tops/Jackets', color: 'black', price: 129.5, currency: 'USD', image: '/catalog/images/p1.jpg', brand: 'Nordpeak' },
  { id: 'p2', title: 'Red Rain Jacket', description: 'Light rain shell', category: 'Women/Tops/Jackets', color: 'red', price: 89, currency: 'USD', image: '/catalog/images/p2.jpg', brand: 'Nordpeak', title_zh: '红色雨衣' },
  { id: 'p3', title: 'Black Yoga Pants', description: 'Stretchy pants', category: 'Women/Bottoms/Pants', color: 'black', price: 45, currency: 'USD', image: '/catalog/images/p3.jpg', brand: 'Lotus' },
];

function count(values: Array<string | null | undefined>) {
  const m = new Map<string, number>();
  for (const v of values) if (v) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m].map(([value, count]) => ({ value, count }));
}

function matches(p: Product, f: Filters): boolean {
  if (f.category?.length && !f.category.some((c) => p.category.startsWith(c))) return false;
  if (f.color?.length && !f.color.includes(p.color ?? '')) return false;
  if (f.brand?.length && !f.brand.includes(p.brand ?? '')) return false;
  if (f.priceMin !== undefined && p.price < f.priceMin) return false;
  if (f.priceMax !== undefined && p.price > f.priceMax) return false;
  return true;
}

export class FakeAppClient implements AppClient {
  products = [...sampleProducts];
  searches: SearchQuery[] = [];
  importError: SouError | null = null;
  private listeners = new Set<(s: BackgroundStatus) => void>();
  info: CatalogInfo = {
    fingerprint: 'fp-1',
    source: 'builtin',
    label: '/catalog/catalog.jsonl',
    counts: { products: 3, images: 0, issues: 0 },
    importedAt: 1,
  };
  private state: BackgroundStatus = {
    catalog: { phase: 'ready', info: this.info, offline: false },
    encoder: { state: 'ready', encoder: { id: 'sou/instant-text-encoder', dims: 100, kind: 'instant' } },
    workerError: null,
  };

  async start(): Promise<void> {}
  subscribe(l: (s: BackgroundStatus) => void) {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  status() {
    return this.state;
  }
  setStatus(patch: Partial<BackgroundStatus>) {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }

  async search(q: SearchQuery, onResult: (r: SearchResult) => void): Promise<void> {
    this.searches.push(q);
    const words = q.query.toLowerCase().split(/\s+/).filter(Boolean);
    const textHits = this.products.filter((p) => words.every((w) => p.title.toLowerCase().includes(w)));
    const hits = textHits.filter((p) => matches(p, q.filters));
    const facets: Facets = {
      category: count(textHits.map((p) => p.category)),
      color: count(textHits.map((p) => p.color)),
      brand: count(textHits.map((p) => p.brand)),
      price: { min: 0, max: 200, buckets: [{ from: 0, to: 50, count: textHits.filter((p) => p.price <= 50).length }, { from: 50, to: 200, count: textHits.filter((p) => p.price > 50).length }] },
    };
    onResult({
      items: hits.map((p, i) => ({
        product: p,
        hit: {
          id: p.id,
          score: 1 - i * 0.1,
          lexicalScore: 1,
          semanticScore: 0.5,
          why: { matchedTerms: words.filter((w) => p.title.toLowerCase().includes(w)), semantic: i === 0, filters: q.filters.color?.map((c) => `colour: ${c}`) ?? [] },
        },
      })),
      total: hits.length,
      facets,
      understood: { language: 'en', terms: words, colors: [], gender: null, productTypes: [] },
      tookMs: 1,
      semanticEncoder: null,
    });
  }

  async importFiles(_files: File[], onProgress: ProgressCallback): Promise<ImportReport> {
    onProgress({ phase: 'parsing', done: 1, total: 2 });
    if (this.importError) throw this.importError;
    return { catalog: this.info, issues: [], accepted: 3, rejected: 0, images: 0 };
  }
  async restoreBuiltin(): Promise<ImportReport | null> {
    return null;
  }
  async storageInfo(): Promise<StorageInfo> {
    return { usage: 5 * 1024 * 1024, quota: 100 * 1024 * 1024, persisted: true };
  }
  async imageUrl(src: string): Promise<string> {
    return src;
  }
  async catalogProducts(): Promise<Product[]> {
    return this.products;
  }
  async productsByIds(ids: string[]): Promise<Product[]> {
    return ids.flatMap((id) => this.products.filter((p) => p.id === id));
  }
  dispose(): void {}
}
