/**
 * Storage-level behaviour of the app with a real IndexedDB implementation (fake-indexeddb):
 * atomic catalog replacement, quota errors, file imports through the search backend, and
 * resumable background embedding.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEmbedService } from '../../src/client/embedService';
import { createSearchService } from '../../src/client/searchService';
import { SouError, type Product } from '../../src/core/types';
import { IMAGE_KEY_PREFIX, readCatalog, readImage, replaceCatalog } from '../../src/storage/catalogStore';
import { SouDatabase, setDbForTests } from '../../src/storage/db';
import { VECTOR_CHUNK_ROWS, loadVectors, vectorProgress } from '../../src/storage/vectorStore';

let db: SouDatabase;
let n = 0;

beforeEach(async () => {
  db = new SouDatabase(`sou-test-${++n}`);
  setDbForTests(db);
});

afterEach(async () => {
  setDbForTests(null);
  db.close();
  await db.delete();
});

function product(i: number, extra: Partial<Product> = {}): Product {
  return {
    id: `P${i}`,
    title: `Product ${i} jacket`,
    description: 'A jacket',
    category: 'Men/Tops/Jackets',
    color: i % 2 ? 'black' : 'red',
    price: 10 + i,
    currency: 'USD',
    image: '',
    ...extra,
  };
}

function meta(fingerprint: string, count: number) {
  return { fingerprint, source: 'files' as const, label: 'x.jsonl', counts: { products: count, images: 0, issues: 0 }, importedAt: 1 };
}

function jsonl(products: ReadonlyArray<object>): string {
  return products.map((p) => JSON.stringify(p)).join('\n') + '\n';
}

describe('catalog storage', () => {
  it('replaces the catalog and reads it back in order', async () => {
    await replaceCatalog({ meta: meta('a', 3), products: [product(1), product(2), product(3)] });
    const stored = await readCatalog();
    expect(stored?.meta.fingerprint).toBe('a');
    expect(stored?.products.map((p) => p.id)).toEqual(['P1', 'P2', 'P3']);
  });

  it('keeps the previous catalog when a replacement fails part-way (quota)', async () => {
    await replaceCatalog({ meta: meta('old', 2), products: [product(1), product(2)] });
    const realBulkAdd = db.images.bulkAdd.bind(db.images);
    // Fail after products were already cleared and re-added inside the transaction.
    db.images.bulkAdd = (() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }) as typeof db.images.bulkAdd;
    const err = await replaceCatalog({
      meta: meta('new', 1),
      products: [product(9)],
      images: [{ key: `${IMAGE_KEY_PREFIX}a.png`, type: 'image/png', bytes: new ArrayBuffer(4) }],
    }).catch((e: unknown) => e);
    db.images.bulkAdd = realBulkAdd;
    expect(err).toBeInstanceOf(SouError);
    expect((err as SouError).code).toBe('STORAGE_QUOTA');
    expect((err as SouError).message).toMatch(/Free some space/);
    const stored = await readCatalog();
    expect(stored?.meta.fingerprint).toBe('old');
    expect(stored?.products.map((p) => p.id)).toEqual(['P1', 'P2']);
  });
});

describe('importing files through the search backend', () => {
  it('imports a JSONL file with its images, searches it, and keeps it when a bad file follows', async () => {
    const service = createSearchService();
    const good = new File(
      [jsonl([
        { id: 'J1', title: 'Black rain jacket', category: 'Men/Jackets', price: 50, image: 'images/j1.png' },
        { id: 'J2', title: 'Red wool scarf', category: 'Accessories', price: 20, image: 'images/missing.png' },
        { id: 'J3', title: 'No price here', category: 'Accessories' },
      ])],
      'shop.jsonl',
    );
    const image = new File([new Uint8Array([137, 80, 78, 71])], 'j1.png', { type: 'image/png' });
    const phases = new Set<string>();
    const report = await service.importFiles([good, image], (p) => phases.add(p.phase));
    expect(report.accepted).toBe(2);
    expect(report.rejected).toBe(1);
    expect(report.images).toBe(1);
    expect(report.issues.some((i) => i.severity === 'error' && i.line === 3)).toBe(true);
    expect(report.issues.some((i) => /missing\.png/.test(i.message))).toBe(true);
    expect(phases).toContain('parsing');
    expect(phases).toContain('storing');

    const res = await service.search({ query: 'jacket' });
    expect(res.items[0]?.product.id).toBe('J1');
    const imageKey = res.items[0]!.product.image;
    expect(imageKey.startsWith(IMAGE_KEY_PREFIX)).toBe(true);
    const blob = await readImage(imageKey);
    expect(blob?.type).toBe('image/png');
    expect(blob?.size).toBe(4);

    const bad = new File(['{"title": "no id", "price": "abc"}\nnot json at all\n'], 'broken.jsonl');
    const err = await service.importFiles([bad]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SouError);
    expect(['CATALOG_INVALID', 'CATALOG_EMPTY']).toContain((err as SouError).code);
    // The earlier catalog is still stored and still answers searches.
    const stored = await readCatalog();
    expect(stored?.products.map((p) => p.id)).toEqual(['J1', 'J2']);
    expect((await service.search({ query: 'scarf' })).items[0]?.product.id).toBe('J2');
    // …and a fresh backend (a reload) opens it from IndexedDB.
    const reopened = createSearchService();
    expect((await reopened.openStored())?.counts.products).toBe(2);
  });

  it('refuses a selection without a catalog file and changes nothing', async () => {
    const service = createSearchService();
    const err = await service.importFiles([new File(['x'], 'photo.png', { type: 'image/png' })]).catch((e: unknown) => e);
    expect((err as SouError).code).toBe('CATALOG_FORMAT');
    expect(await readCatalog()).toBeNull();
  });
});

describe('syncing the built-in catalog', () => {
  const served = jsonl([
    { id: 'B1', title: 'Blue denim jacket', category: 'Men/Jackets', price: 80 },
    { id: 'B2', title: 'Green yoga mat', category: 'Gear/Fitness', price: 30 },
  ]);

  beforeEach(() => {
    vi.stubGlobal('self', { location: { href: 'http://localhost/' } });
    vi.stubGlobal('fetch', async () => new Response(served, { status: 200 }));
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  function failProductWrites(): () => void {
    const real = db.products.bulkAdd.bind(db.products);
    db.products.bulkAdd = (() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }) as typeof db.products.bulkAdd;
    return () => (db.products.bulkAdd = real);
  }

  it('answers searches as soon as the served catalog is indexed, then stores it for offline use', async () => {
    const service = createSearchService();
    let early: Promise<string[]> | null = null;
    const result = await service.syncBuiltin('/catalog/catalog.jsonl', undefined, (info) => {
      expect(info.counts.products).toBe(2);
      early = service.search({ query: 'jacket' }).then((r) => r.items.map((i) => i.product.id));
    });
    expect(early).not.toBeNull();
    expect(await early).toEqual(['B1']);
    expect(result.imported).toBe(true);
    expect(result.storageWarning).toBeUndefined();
    expect((await readCatalog())?.products.map((p) => p.id)).toEqual(['B1', 'B2']);
    expect((await createSearchService().openStored())?.fingerprint).toBe(result.catalog?.fingerprint);
  });

  it('uses the catalog the worker prepared at start-up once, and downloads afresh after that', async () => {
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: URL) => {
      fetched.push(String(url));
      return new Response(served, { status: 200 });
    });
    const service = createSearchService();
    service.prepareBuiltin('/catalog/catalog.jsonl');
    const first = await service.syncBuiltin('/catalog/catalog.jsonl', undefined, () => undefined);
    expect(fetched).toEqual(['http://localhost/catalog/catalog.jsonl']);
    expect(first.imported).toBe(true);
    expect((await service.search({ query: 'mat' })).items[0]?.product.id).toBe('B2');
    const again = await service.syncBuiltin('/catalog/catalog.jsonl');
    expect(fetched).toHaveLength(2);
    expect(again.imported).toBe(false);
  });

  it('keeps serving the served catalog with a warning when it cannot be stored', async () => {
    const service = createSearchService();
    const restore = failProductWrites();
    const result = await service.syncBuiltin('/catalog/catalog.jsonl', undefined, () => undefined).finally(restore);
    expect(result.storageWarning).toMatch(/Free some space/);
    expect((await service.search({ query: 'yoga' })).items[0]?.product.id).toBe('B2');
    expect(await readCatalog()).toBeNull();
  });

  it('without early serving, a failed store throws and leaves the stored and searched catalog as it was', async () => {
    await replaceCatalog({ meta: meta('old', 2), products: [product(1), product(2)] });
    const service = createSearchService();
    await service.openStored();
    const restore = failProductWrites();
    const err = await service.syncBuiltin('/catalog/catalog.jsonl').catch((e: unknown) => e).finally(restore);
    expect((err as SouError).code).toBe('STORAGE_QUOTA');
    expect((await readCatalog())?.meta.fingerprint).toBe('old');
    expect((await service.search({ query: 'jacket' })).items.map((i) => i.product.id).sort()).toEqual(['P1', 'P2']);
    expect((await service.search({ query: 'yoga' })).items).toEqual([]);
  });
});

describe('resumable catalog embedding', () => {
  /** A deterministic 4-d encoder that can be told to fail after some calls. */
  function fakeEncoder(failAfterCalls = Infinity) {
    let calls = 0;
    const embedded: string[] = [];
    return {
      embedded,
      encoder: {
        id: 'test/encoder',
        dims: 4,
        async embed(texts: string[]) {
          if (++calls > failAfterCalls) throw new Error('encoder died');
          embedded.push(...texts);
          return texts.map((t) => Float32Array.from([t.length, 1, (t.charCodeAt(0) % 7) - 3, 0.5]));
        },
      },
    };
  }

  function service(enc: ReturnType<typeof fakeEncoder>) {
    return createEmbedService({
      loadEncoder: async () => ({ encoder: enc.encoder, kind: 'other' }),
      embeddingText: (p) => p.title,
      quantize: (rows) => {
        const dims = rows[0]!.length;
        const data = new Int8Array(rows.length * dims);
        const scales = new Float32Array(rows.length);
        rows.forEach((r, i) => {
          const max = Math.max(...r.map(Math.abs)) || 1;
          scales[i] = max / 127;
          r.forEach((v, j) => (data[i * dims + j] = Math.round(v / scales[i]!)));
        });
        return { dims, count: rows.length, data, scales };
      },
      batchSize: 64,
    });
  }

  it('skips chunks already stored after an interruption and yields complete vectors', async () => {
    const total = VECTOR_CHUNK_ROWS * 2 + 5;
    const products = Array.from({ length: total }, (_, i) => product(i));
    await replaceCatalog({ meta: meta('fp', total), products });

    // Each chunk takes two encoder calls (batch 64, chunk 128): die during the second chunk.
    const first = fakeEncoder(3);
    await expect(service(first).embedCatalog()).rejects.toThrow('encoder died');
    expect((await vectorProgress('test/encoder', 'fp', total)).done).toBe(VECTOR_CHUNK_ROWS);
    expect(await loadVectors('test/encoder', 'fp', products.map((p) => p.id))).toBeNull();

    const second = fakeEncoder();
    const progress: number[] = [];
    const done = await service(second).embedCatalog((p) => progress.push(p.done));
    expect(done).toEqual({ done: total, total });
    // Only the rows that were missing were embedded again.
    expect(second.embedded).toHaveLength(total - VECTOR_CHUNK_ROWS);
    expect(second.embedded[0]).toBe(products[VECTOR_CHUNK_ROWS]!.title);
    expect(progress[0]).toBe(VECTOR_CHUNK_ROWS);
    const vectors = await loadVectors('test/encoder', 'fp', products.map((p) => p.id));
    expect(vectors?.count).toBe(total);
    expect(vectors?.dims).toBe(4);

    // A changed catalog (other order) never gets these vectors.
    expect(await loadVectors('test/encoder', 'fp', [...products].reverse().map((p) => p.id))).toBeNull();
  });

  it('lets the search backend use the stored vectors', async () => {
    const products = Array.from({ length: 10 }, (_, i) => product(i));
    const search = createSearchService();
    const file = new File([jsonl(products)], 'c.jsonl');
    await search.importFiles([file]);
    expect(await search.reloadVectors('test/encoder')).toBe(false);
    await service(fakeEncoder()).embedCatalog();
    expect(await search.reloadVectors('test/encoder')).toBe(true);
    const res = await search.search({ query: 'jacket', queryVector: Float32Array.from([10, 1, 0, 0.5]), mode: 'hybrid' });
    expect(res.semanticEncoder).toBe('test/encoder');
    expect(res.items.length).toBeGreaterThan(0);
  });
});
