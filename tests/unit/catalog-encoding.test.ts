import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../../src/core/catalog/index.js';
import type { SouError } from '../../src/core/types.js';

const jsonl = '{"id":"a","title":"男士羽绒服 Down Jacket","category":"Men/Outerwear/Jackets","price":99}\n{"id":"b","title":"Mug","category":"Home/Mugs","price":8}\n';

function utf16(text: string, bigEndian: boolean, bom = true): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  let o = 0;
  const put = (code: number) => {
    out[o++] = bigEndian ? code >> 8 : code & 0xff;
    out[o++] = bigEndian ? code & 0xff : code >> 8;
  };
  if (bom) put(0xfeff);
  for (let i = 0; i < text.length; i++) put(text.charCodeAt(i));
  return out;
}

async function codeOf(promise: Promise<unknown>): Promise<SouError> {
  try {
    await promise;
  } catch (error) {
    return error as SouError;
  }
  throw new Error('expected an error');
}

describe('catalog encodings', () => {
  it('strips a UTF-8 byte order mark (bytes and string input)', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(jsonl)]);
    const fromBytes = await parseCatalog(bytes);
    expect(fromBytes.products[0].id).toBe('a');
    expect(fromBytes.stats.encoding).toBe('utf-8');
    const fromString = await parseCatalog('\uFEFF' + jsonl);
    expect(fromString.products.map((p) => p.id)).toEqual(['a', 'b']);
    const csv = await parseCatalog('\uFEFFid,title,category,price\nx,Hat,Acc,1\n');
    expect(csv.products[0].id).toBe('x');
  });

  it('decodes UTF-16 LE and BE files marked with a BOM, and LE without one', async () => {
    for (const [bytes, encoding] of [
      [utf16(jsonl, false), 'utf-16le'],
      [utf16(jsonl, true), 'utf-16be'],
      [utf16(jsonl, false, false), 'utf-16le'],
    ] as const) {
      const result = await parseCatalog(bytes);
      expect(result.stats.encoding).toBe(encoding);
      expect(result.products[0].title).toBe('男士羽绒服 Down Jacket');
    }
  });

  it('decodes UTF-16 arriving in odd-sized chunks', async () => {
    const bytes = utf16(jsonl, true);
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 3) yield bytes.subarray(i, i + 3);
    }
    expect((await parseCatalog(chunks())).products[0].title).toBe('男士羽绒服 Down Jacket');
  });

  it('refuses invalid UTF-8 (e.g. a Latin-1 or GBK export) and says to save as UTF-8', async () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode('{"id":"a","title":"Caf'), 0xe9, ...new TextEncoder().encode('","category":"A","price":1}\n')]);
    const error = await codeOf(parseCatalog(latin1));
    expect(error.code).toBe('CATALOG_ENCODING');
    expect(error.message).toContain('UTF-8');
    expect(error.details).toMatchObject({ line: 1 });
  });

  it('refuses binary files such as an Excel workbook or random bytes', async () => {
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 1, 2, 3]);
    const excel = await codeOf(parseCatalog(xlsx));
    expect(excel.code).toBe('CATALOG_ENCODING');
    expect(excel.message).toMatch(/Excel/);
    let seed = 7;
    const garbage = new Uint8Array(4096).map(() => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
    expect((await codeOf(parseCatalog(garbage))).code).toBe('CATALOG_ENCODING');
    const withNul = new TextEncoder().encode('id,title,category,price\na,b\u0000c,d,1\n');
    expect((await codeOf(parseCatalog(withNul))).code).toBe('CATALOG_ENCODING');
  });
});
