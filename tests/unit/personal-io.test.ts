import { describe, expect, it } from 'vitest';
import {
  createProfile,
  eraseProfile,
  exportProfile,
  importProfile,
  LIMITS,
  lookupOf,
  recordEvent,
  rerank,
  PROFILE_VERSION,
  type PersonalProfile,
} from '../../src/core/personal/index';
import { SouError } from '../../src/core/types';
import { hitsFor, syntheticCatalog } from './personal-fixtures';

const products = syntheticCatalog();
const catalog = lookupOf(products);
const ids = products.map((p) => p.id);

function trained(): PersonalProfile {
  const profile = createProfile();
  for (let l = 0; l < 30; l++) {
    const shown = ids.slice(l % 40, (l % 40) + 10);
    recordEvent(profile, { type: 'impression', at: 1000 + l, query: 'q', productIds: shown }, catalog);
    const pick = shown.find((id) => id.includes('Black')) ?? shown[3];
    recordEvent(profile, { type: 'click', at: 1000 + l, productId: pick, position: shown.indexOf(pick), query: 'q' }, catalog);
  }
  recordEvent(profile, { type: 'thumbsDown', at: 5000, productId: ids[7] }, catalog);
  return profile;
}

function expectImportError(text: string, message: RegExp) {
  try {
    importProfile(text);
  } catch (err) {
    expect(err).toBeInstanceOf(SouError);
    expect((err as SouError).code).toBe('PERSONAL_IMPORT');
    expect((err as SouError).message).toMatch(message);
    return;
  }
  throw new Error('import did not fail');
}

describe('personal export / import / erase', () => {
  it('round-trips a learned profile: same state, same ranking', () => {
    const profile = trained();
    const text = exportProfile(profile, { now: 0 });
    expect(JSON.parse(text)).toMatchObject({ format: 'sou-personal', version: PROFILE_VERSION, exportedAt: '1970-01-01T00:00:00.000Z' });
    const back = importProfile(text);
    expect(JSON.parse(JSON.stringify(back))).toEqual(JSON.parse(JSON.stringify(profile)));
    const hits = hitsFor(ids);
    expect(rerank(hits, catalog, back).map((h) => h.id)).toEqual(rerank(hits, catalog, profile).map((h) => h.id));
  });

  it('rejects corrupt or foreign JSON with PERSONAL_IMPORT and a clear message, leaving the current profile intact', () => {
    const current = trained();
    const snapshot = JSON.stringify(current);
    expectImportError('{"format": "sou-personal", "version": 2, ', /not valid JSON/);
    expectImportError('', /empty/);
    expectImportError('[1,2,3]', /does not contain a sou profile/);
    expectImportError('{"name": "my playlist", "tracks": []}', /not a sou personalization export/);
    expectImportError('{"format": "sou-personal", "version": 99}', /newer version of sou/);
    const damaged = JSON.parse(exportProfile(current));
    damaged.affinity.color.black.pos = 'lots';
    expectImportError(JSON.stringify(damaged), /damaged.*affinity\.color/);
    const damaged2 = JSON.parse(exportProfile(current));
    damaged2.weights = [1, 2];
    expectImportError(JSON.stringify(damaged2), /damaged: "weights"/);
    expect(JSON.stringify(current)).toBe(snapshot);
  });

  it('does not let a crafted key touch object prototypes', () => {
    const data = JSON.parse(exportProfile(createProfile()));
    data.products = JSON.parse('{"__proto__": {"pos": 1, "neg": 0, "t": 0, "clicks": 1, "carts": 0, "purchases": 0, "up": 0, "down": 0, "dwellMs": 0, "lastPositiveSeq": 0}}');
    const imported = importProfile(JSON.stringify(data));
    expect(({} as Record<string, unknown>).pos).toBeUndefined();
    expect(Object.keys(imported.products)).toEqual(['__proto__']);
  });

  it('migrates a version 1 file (event log only) by re-learning it', () => {
    const events = trained().events;
    const v1 = JSON.stringify({ format: 'sou-personal', version: 1, events });
    const migrated = importProfile(v1, { catalog });
    expect(migrated.version).toBe(PROFILE_VERSION);
    expect(migrated.events.length).toBe(events.length);
    const hits = hitsFor(ids);
    expect(rerank(hits, catalog, migrated).map((h) => h.id)).not.toEqual(ids);
  });

  it('migrates a version 2 file (no exposure counts) keeping what it learned', () => {
    const current = trained();
    const v2 = JSON.parse(exportProfile(current)) as { version: number; affinity: Record<string, Record<string, Record<string, number>>> };
    v2.version = 2;
    for (const values of Object.values(v2.affinity)) for (const e of Object.values(values)) {
      delete e.clk;
      delete e.shown;
    }
    const migrated = importProfile(JSON.stringify(v2));
    expect(migrated.version).toBe(PROFILE_VERSION);
    expect(Object.keys(migrated.products)).toEqual(Object.keys(current.products));
    const someValue = Object.values(migrated.affinity.color)[0];
    expect(someValue).toMatchObject({ clk: 0, shown: 0 });
    // The product-level memory still moves results after the migration.
    expect(rerank(hitsFor(ids, 0.002), catalog, migrated).map((h) => h.id)).not.toEqual(ids);
  });

  it('erase resets exactly to cold start', () => {
    const erased = eraseProfile();
    expect(JSON.stringify(erased)).toBe(JSON.stringify(createProfile()));
    const hits = hitsFor(ids);
    expect(rerank(hits, catalog, erased).map((h) => h.id)).toEqual(ids);
    expect(LIMITS.events).toBeGreaterThan(0);
  });
});
