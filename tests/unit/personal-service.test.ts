/**
 * Personalization inside the search backend, over a real IndexedDB implementation
 * (fake-indexeddb): results adapt to clicks, cold start and erase give exactly the engine's
 * order, the profile survives a restart, and damaged or full storage costs nothing else.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Personalizer } from '../../src/client/personalService';
import { createSearchService } from '../../src/client/searchService';
import { SouError, type Product } from '../../src/core/types';
import { replaceCatalog } from '../../src/storage/catalogStore';
import { SouDatabase, setDbForTests } from '../../src/storage/db';

let db: SouDatabase;
let n = 0;

beforeEach(() => {
  db = new SouDatabase(`sou-personal-${++n}`);
  setDbForTests(db);
});

afterEach(async () => {
  setDbForTests(null);
  db.close();
  await db.delete();
});

const COLORS = ['Black', 'Red', 'Blue', 'Green'];
/** 24 jackets, four colours, equally relevant to "jacket". */
const products: Product[] = Array.from({ length: 24 }, (_, i) => ({
  id: `J${String(i).padStart(2, '0')}`,
  title: `${COLORS[i % 4]} jacket ${i}`,
  description: 'A jacket',
  category: i % 2 ? 'Women/Tops/Jackets' : 'Men/Tops/Jackets',
  color: COLORS[i % 4],
  price: 40 + i,
  currency: 'USD',
  image: '',
}));
const isBlack = (id: string) => products.find((p) => p.id === id)!.color === 'Black';

async function openService() {
  await replaceCatalog({
    meta: { fingerprint: 'fp', source: 'files', label: 'test', counts: { products: products.length, images: 0, issues: 0 }, importedAt: 1 },
    products,
  });
  const service = createSearchService();
  await service.openStored();
  return service;
}

async function order(service: Awaited<ReturnType<typeof openService>>, query: string, limit = 24): Promise<string[]> {
  return (await service.search({ query, limit })).items.map((i) => i.product.id);
}

/** A shopper who opens the black items of what they are shown (J16 and J20 are never opened). */
async function clickBlack(service: Awaited<ReturnType<typeof openService>>, query: string): Promise<void> {
  const shown = (await order(service, query, 20));
  await service.personalRecord({ type: 'query', query });
  await service.personalRecord({ type: 'impression', query, productIds: shown });
  for (const [k, id] of shown.entries()) {
    if (isBlack(id) && k < 12 && id < 'J16') await service.personalRecord({ type: 'click', productId: id, position: k, query });
  }
}

const meanBlackRank = (ids: string[]) => {
  const r = ids.map((id, i) => (isBlack(id) ? i : -1)).filter((i) => i >= 0);
  return r.reduce((a, b) => a + b, 0) / r.length;
};

describe('personalized search backend', () => {
  it('cold start answers exactly like the engine; clicks on black items make black rise for a new query; erase restores', async () => {
    const service = await openService();
    const engineOrder = service.engineForTests()!.search({ query: 'jacket coat', limit: 24 }).hits.map((h) => h.id);
    const before = await order(service, 'jacket coat');
    expect(before).toEqual(engineOrder);

    for (const q of ['jacket', 'jackets', 'women jacket', 'men jacket']) await clickBlack(service, q);
    const after = await service.search({ query: 'jacket coat', limit: 24 });
    const afterIds = after.items.map((i) => i.product.id);
    expect(meanBlackRank(afterIds)).toBeLessThan(meanBlackRank(before) - 3);
    // The "why" line of a moved result names the preference.
    // Black items never opened moved because of the colour, and their "why" line says so.
    const unopened = after.items.filter((i) => i.product.id === 'J16' || i.product.id === 'J20');
    expect(unopened).toHaveLength(2);
    for (const i of unopened) expect(i.hit.why.personal).toMatch(/^you often choose black\b/);
    expect((await service.personalStatus()).summary).toContain('black');

    await service.personalErase();
    expect(await order(service, 'jacket coat')).toEqual(engineOrder);
    const status = await service.personalStatus();
    expect(status).toMatchObject({ learned: false, eventCount: 0, productsRemembered: 0 });
    expect(await db.personal.count()).toBe(0);
  });

  it('keeps what it learned across a restart (new worker, same IndexedDB) and pauses on request', async () => {
    const first = await openService();
    for (const q of ['jacket', 'jackets']) await clickBlack(first, q);
    const learned = await order(first, 'jacket coat');
    await first.personalSetPaused(false); // saves now instead of after the save delay
    const second = createSearchService();
    await second.openStored();
    expect(await order(second, 'jacket coat')).toEqual(learned);
    await second.personalSetPaused(true);
    const engineOrder = second.engineForTests()!.search({ query: 'jacket coat', limit: 24 }).hits.map((h) => h.id);
    expect(await order(second, 'jacket coat')).toEqual(engineOrder);
    await second.personalRecord({ type: 'click', productId: 'J01', position: 0, query: 'x' });
    expect((await second.personalStatus()).paused).toBe(true);
  });

  it('a damaged stored profile starts fresh with a clear message; a foreign import changes nothing', async () => {
    await db.personal.put({ key: 'profile', json: '{"format":"sou-personal","version":3,"affinity":"garbage"', savedAt: 1 });
    const service = await openService();
    const status = await service.personalStatus();
    expect(status.learned).toBe(false);
    expect(status.warning).toMatch(/could not be read/);
    await clickBlack(service, 'jacket');
    const learned = await order(service, 'jacket coat');
    const err = await service.personalImport('{"hello":"world"}').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SouError);
    expect((err as SouError).code).toBe('PERSONAL_IMPORT');
    expect(await order(service, 'jacket coat')).toEqual(learned);
  });

  it('storage full: keeps learning in memory and says so', async () => {
    const full = new Personalizer({
      load: async () => ({ profile: (await import('../../src/core/personal/index')).createProfile(), warning: null }),
      save: async () => {
        throw new SouError('STORAGE_QUOTA', 'Not enough storage space while saving what sou learned about your taste.');
      },
    });
    full.setCatalog(products);
    await full.record({ type: 'impression', query: 'jacket', productIds: products.map((p) => p.id).slice(0, 10) });
    await full.record({ type: 'click', productId: 'J04', position: 4, query: 'jacket' });
    await full.flush();
    const status = await full.status();
    expect(status.warning).toMatch(/Not enough storage/);
    expect(status.learned).toBe(true);
  });
});
