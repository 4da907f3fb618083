/**
 * Typed queries and CLIP image scores in the app client: the text results are shown first and
 * never wait for the image scorer; when scores come, the results are re-ranked in the search
 * backend and shown again; without a scorer (or with no scores) nothing changes.
 * Runs the real search backend on the main thread (fake IndexedDB, catalog served by a stub fetch).
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WorkerAppClient } from '../../src/client/appClient';
import type { SearchResult } from '../../src/client/types';

const CATALOG_URL = 'http://sou.test/catalog/catalog.jsonl';
/** Three hoodies the text cannot tell apart, and a bag. */
const products = ['a', 'b', 'c'].map((k) => ({
  id: `hoodie-${k}`,
  title: 'Chaz Hoodie',
  description: 'A warm hoodie.',
  category: 'Men/Tops/Hoodies',
  color: null,
  price: 50,
  currency: 'USD',
  image: `/catalog/images/hoodie-${k}.jpg`,
}));
products.push({ ...products[0]!, id: 'bag', title: 'Joust Duffle Bag', category: 'Gear/Bags', description: 'A bag.', image: '/catalog/images/bag.jpg' });

async function run(client: WorkerAppClient, query: string): Promise<SearchResult[]> {
  const shown: SearchResult[] = [];
  await client.search({ query, filters: {} }, (r) => shown.push(r));
  return shown;
}

describe('image scores for typed queries', () => {
  let client: WorkerAppClient;
  beforeAll(async () => {
    // The storage layer reads `self.location` as in a page or worker.
    vi.stubGlobal('self', globalThis);
    vi.stubGlobal('location', new URL('http://sou.test/'));
    vi.stubGlobal('fetch', async (url: string | URL | Request) => {
      const u = String(url instanceof Request ? url.url : url);
      if (u.endsWith('catalog.jsonl')) return new Response(products.map((p) => JSON.stringify(p)).join('\n'), { headers: { 'content-type': 'application/x-ndjson' } });
      return new Response('', { status: 404 });
    });
    client = new WorkerAppClient({ forceMainThread: true, catalogUrl: CATALOG_URL });
    await client.start();
    expect(client.status().catalog, JSON.stringify(client.status().catalog)).toMatchObject({ phase: 'ready' });
  });
  afterAll(() => {
    client.dispose();
    vi.unstubAllGlobals();
  });

  it('without a scorer shows the text ranking once', async () => {
    const shown = await run(client, 'hoodie');
    expect(shown).toHaveLength(1);
    expect(shown[0]!.imageFused).toBeUndefined();
    expect(shown[0]!.items.map((i) => i.product.id)).toEqual(['hoodie-a', 'hoodie-b', 'hoodie-c']);
  });

  it('shows the text results first, then re-ranks them with the image scores', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const asked: string[] = [];
    client.setImageScorer(async (q) => {
      asked.push(q);
      await gate;
      return { 'hoodie-a': 0.1, 'hoodie-b': 0.2, 'hoodie-c': 0.3, bag: 0.9 };
    });
    const shown: SearchResult[] = [];
    const done = client.search({ query: 'hoodie', filters: {} }, (r) => shown.push(r));
    // The text answer does not wait for the scorer.
    await vi.waitFor(() => expect(shown).toHaveLength(1));
    expect(shown[0]!.items.map((i) => i.product.id)).toEqual(['hoodie-a', 'hoodie-b', 'hoodie-c']);
    // The search (and the UI's "searching" state) ends with the text answer, before the scorer.
    await done;
    release();
    expect(asked).toEqual(['hoodie']);
    await vi.waitFor(() => expect(shown).toHaveLength(2));
    expect(shown[1]!.items.map((i) => i.product.id)).toEqual(['hoodie-c', 'hoodie-b', 'hoodie-a']);
    expect(shown[1]!.imageFused).toBe(3);
  });

  it('keeps the text answer when the scorer has nothing or fails', async () => {
    client.setImageScorer(async () => null);
    expect(await run(client, 'hoodie')).toHaveLength(1);
    client.setImageScorer(async () => {
      throw new Error('photo worker gone');
    });
    const shown = await run(client, 'hoodie');
    expect(shown).toHaveLength(1);
    expect(shown[0]!.items.map((i) => i.product.id)).toEqual(['hoodie-a', 'hoodie-b', 'hoodie-c']);
    client.setImageScorer(null);
  });
});
