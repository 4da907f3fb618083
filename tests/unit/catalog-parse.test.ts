import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogFingerprint, parseCatalog, serializeCatalogJsonl } from '../../src/core/catalog/index.js';
import { SouError } from '../../src/core/types.js';

const LUMA = resolve(process.cwd(), '../shared/data/luma/catalog.jsonl');
const hasLuma = existsSync(LUMA);
if (!hasLuma) console.warn(`[catalog-parse] ${LUMA} not found: the Luma sample tests are skipped.`);

const line = (fields: Record<string, unknown>) => JSON.stringify(fields);
const good = (id: string, extra: Record<string, unknown> = {}) =>
  line({ id, title: `Product ${id}`, category: 'Men/Tops/Jackets', price: 10, ...extra });

async function parseError(promise: Promise<unknown>): Promise<SouError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SouError);
    return error as SouError;
  }
  throw new Error('expected parseCatalog to throw');
}

describe('parseCatalog — JSON Lines', () => {
  it.skipIf(!hasLuma)('reads every line of the Luma sample catalog and resolves images against the base URL', async () => {
    const text = readFileSync(LUMA, 'utf8');
    const lines = text.trim().split('\n');
    const result = await parseCatalog(text, { baseUrl: '/catalog/catalog.jsonl' });
    expect(result.stats.format).toBe('jsonl');
    expect(result.products).toHaveLength(lines.length);
    expect(result.issues).toEqual([]);
    const first = JSON.parse(lines[0]);
    const product = result.products[0];
    expect(product).toMatchObject({ id: first.id, group: first.group, title: first.title, category: first.category, price: first.price, currency: first.currency });
    expect(product.image).toBe('/catalog/' + first.image);
    // colour may be null in the sample; nulls stay null
    const withNull = result.products.find((p) => p.color === null);
    if (lines.some((l) => JSON.parse(l).color === null)) expect(withNull).toBeDefined();
  });

  it('reports a malformed line with its line number and keeps the good lines', async () => {
    const text = [good('a'), '{"id": "b", "title": "Broken", ', good('c'), '', good('d')].join('\n');
    const result = await parseCatalog(text);
    expect(result.products.map((p) => p.id)).toEqual(['a', 'c', 'd']);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ line: 2, code: 'MALFORMED_JSON', severity: 'error' });
    expect(result.issues[0].message).toMatch(/^line 2: /);
    expect(result.stats).toMatchObject({ rows: 4, valid: 3, invalid: 1 });
  });

  it('says which required field is missing, in words a shop owner understands', async () => {
    const rows = [good('a'), good('b'), good('c'), line({ id: 'x', title: 'No price', category: 'A/B' }), line({ title: 'No id', category: 'A', price: 1 })];
    const result = await parseCatalog(rows.join('\n'));
    expect(result.products.map((p) => p.id)).toEqual(['a', 'b', 'c']);
    expect(result.issues.map((i) => i.message)).toEqual(['line 4: price is missing', 'line 5: id is missing']);
    expect(result.issues[0].id).toBe('x');
  });

  it('accepts numeric strings as prices, refuses words and negatives', async () => {
    const rows = [
      good('a', { price: '12.50' }),
      good('b', { price: '$1,299.00' }),
      good('c', { price: '19,99 €' }),
      good('d', { price: 'free' }),
      good('e', { price: -3 }),
      good('f', { price: 0 }),
    ];
    const result = await parseCatalog(rows.join('\n'));
    expect(result.products.map((p) => [p.id, p.price, p.currency])).toEqual([
      ['a', 12.5, 'USD'],
      ['b', 1299, 'USD'],
      ['c', 19.99, 'EUR'],
      ['f', 0, 'USD'],
    ]);
    expect(result.issues.map((i) => [i.line, i.code])).toEqual([
      [4, 'INVALID_PRICE'],
      [5, 'INVALID_PRICE'],
    ]);
  });

  it('keeps the first of two rows with the same id and reports the second', async () => {
    const result = await parseCatalog([good('a', { title: 'First' }), good('b'), good('a', { title: 'Second' })].join('\n'));
    expect(result.products.map((p) => p.title)).toEqual(['First', 'Product b']);
    expect(result.issues).toEqual([
      expect.objectContaining({ line: 3, id: 'a', code: 'DUPLICATE_ID', message: expect.stringContaining('line 1') }),
    ]);
    expect(result.stats.duplicates).toBe(1);
  });

  it('fills defaults and keeps unknown fields in extra, and the export round-trips', async () => {
    const text = [good('a', { stock: 4, tags: ['x', 'y'], colour: 'Red', sizes: 'S|M|L' }), good('b', { currency: 'eur', rating: '4.5' })].join('\n');
    const result = await parseCatalog(text);
    const [a, b] = result.products;
    expect(a).toMatchObject({ description: '', color: 'Red', currency: 'USD', image: '', sizes: ['S', 'M', 'L'], extra: { stock: 4, tags: ['x', 'y'] } });
    expect(b).toMatchObject({ currency: 'EUR', rating: 4.5, color: null });
    const again = await parseCatalog(serializeCatalogJsonl(result.products));
    expect(again.products).toEqual(result.products);
    expect(catalogFingerprint(again.products)).toBe(catalogFingerprint(result.products));
  });

  it('refuses a file that is mostly broken, and one with no valid product', async () => {
    const mostlyBroken = [good('a'), '{bad', '{bad', '{bad'].join('\n');
    const error = await parseError(parseCatalog(mostlyBroken));
    expect(error.code).toBe('CATALOG_INVALID');
    expect(error.message).toContain('3 of 4');
    const none = await parseError(parseCatalog([line({ id: 'a' }), line({ id: 'b' })].join('\n')));
    expect(none.code).toBe('CATALOG_INVALID');
    expect(none.message).toContain('line 1: title is missing');
  });

  it('refuses an empty file with CATALOG_EMPTY', async () => {
    expect((await parseError(parseCatalog(''))).code).toBe('CATALOG_EMPTY');
    expect((await parseError(parseCatalog('\n \n\n'))).code).toBe('CATALOG_EMPTY');
    expect((await parseError(parseCatalog(new Uint8Array(0)))).code).toBe('CATALOG_EMPTY');
  });
});

describe('parseCatalog — JSON documents and detection', () => {
  it('reads a JSON array and an object with a products array, numbering items', async () => {
    const array = `[\n  ${good('a')},\n  ${line({ id: 'b', title: 'x', category: 'A' })}\n]`;
    const first = await parseCatalog(array);
    expect(first.stats.format).toBe('json');
    expect(first.products.map((p) => p.id)).toEqual(['a']);
    expect(first.issues[0].message).toBe('item 2: price is missing');
    const wrapped = JSON.stringify({ products: [JSON.parse(good('a')), JSON.parse(good('b'))] }, null, 2);
    expect((await parseCatalog(wrapped)).products.map((p) => p.id)).toEqual(['a', 'b']);
  });

  it('reports a broken JSON document as CATALOG_PARSE', async () => {
    const error = await parseError(parseCatalog('[{"id": "a",', { fileName: 'shop.json' }));
    expect(error.code).toBe('CATALOG_PARSE');
  });

  it('uses the file name when told and the content otherwise', async () => {
    const csv = 'id,title,category,price\na,Hat,Bags & Accessories/Hats,5\n';
    expect((await parseCatalog(csv)).stats.format).toBe('csv');
    expect((await parseCatalog(good('a'), { fileName: 'x.jsonl' })).stats.format).toBe('jsonl');
    const error = await parseError(parseCatalog('just some words\nand more words\n', { fileName: 'notes.txt' }));
    expect(error.code).toBe('CATALOG_FORMAT');
    expect(error.message).toContain('id, title, category, price');
  });
});

describe('parseCatalog — streams, progress, size', () => {
  const encode = (text: string) => new TextEncoder().encode(text);

  it('reads a byte stream split at awkward places (inside lines and characters) with progress', async () => {
    const text = [good('a', { title: '男士夹克 Jacket' }), good('b'), good('c')].join('\n') + '\n';
    const bytes = encode(text);
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
    }
    const progress: number[] = [];
    const result = await parseCatalog(chunks(), { totalBytes: bytes.length, onProgress: (p) => progress.push(p.bytesRead) });
    expect(result.products.map((p) => p.title)).toEqual(['男士夹克 Jacket', 'Product b', 'Product c']);
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.at(-1)).toBe(bytes.length);
    expect([...progress].sort((x, y) => x - y)).toEqual(progress);
  });

  it('reads a web ReadableStream', async () => {
    const bytes = encode([good('a'), good('b')].join('\n'));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, 10));
        controller.enqueue(bytes.subarray(10));
        controller.close();
      },
    });
    expect((await parseCatalog(stream)).products).toHaveLength(2);
  });

  it('refuses a file over maxBytes from its declared size, before reading anything', async () => {
    let pulled = 0;
    async function* never() {
      pulled++;
      yield encode(good('a'));
    }
    const error = await parseError(parseCatalog(never(), { totalBytes: 150 * 1024 * 1024 }));
    expect(error.code).toBe('CATALOG_TOO_LARGE');
    expect(error.message).toContain('100 MB');
    expect(pulled).toBe(0);
  });

  it('stops reading a stream once it passes maxBytes', async () => {
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled++;
        yield encode(good(`id${pulled}`) + '\n');
      }
    }
    const error = await parseError(parseCatalog(endless(), { maxBytes: 10_000 }));
    expect(error.code).toBe('CATALOG_TOO_LARGE');
    expect(pulled).toBeLessThan(200);
  });

  it('can be cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    expect((await parseError(parseCatalog(good('a'), { signal: controller.signal }))).code).toBe('ABORTED');
  });
});
