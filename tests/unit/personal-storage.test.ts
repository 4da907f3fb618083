import { describe, expect, it } from 'vitest';
import { createProfile, exportProfile, LIMITS, recordEvent, type PersonalEvent } from '../../src/core/personal/index';
import { BOUNDS_EVERY } from '../../src/core/personal/profile';
import type { Product } from '../../src/core/types';

/** A catalog far larger than the profile may remember, with many brands and colours. */
function bigCatalog(n: number): Map<string, Product> {
  const m = new Map<string, Product>();
  for (let i = 0; i < n; i++) {
    const id = `p${i}`;
    m.set(id, {
      id,
      title: `Item ${i}`,
      description: '',
      category: `Dept${i % 7}/Cat${i % 97}`,
      color: `color${i % 53}`,
      price: (i % 400) + 1,
      currency: 'USD',
      image: '',
      brand: `brand${i % 997}`,
    });
  }
  return m;
}

describe('personal storage bounds', () => {
  it('compacts old events into counts and keeps every map within its limit', () => {
    const catalog = bigCatalog(20_000);
    const lookup = (id: string) => catalog.get(id);
    const profile = createProfile();
    let stored = 0;
    const byType: Record<string, number> = {};
    for (let i = 0; i < 4_000; i++) {
      const base = (i * 37) % 20_000;
      const events: PersonalEvent[] = [
        { type: 'impression', at: i * 1000, query: `q${i}`, productIds: [0, 1, 2, 3, 4].map((k) => `p${(base + k * 11) % 20_000}`) },
        { type: 'click', at: i * 1000 + 1, productId: `p${(base + 22) % 20_000}`, position: 2, query: `q${i}` },
      ];
      for (const e of events) {
        if (recordEvent(profile, e, lookup).stored) {
          stored++;
          byType[e.type] = (byType[e.type] ?? 0) + 1;
        }
      }
    }
    expect(profile.events.length).toBeLessThanOrEqual(LIMITS.events);
    expect(profile.events.length + profile.compacted.count).toBe(stored);
    expect(profile.compacted.byType.click + profile.events.filter((e) => e.type === 'click').length).toBe(byType.click);
    // Bounds are enforced every BOUNDS_EVERY events: at most that many events' growth on top.
    expect(Object.keys(profile.products).length).toBeLessThanOrEqual(Math.ceil(LIMITS.products * 1.1) + BOUNDS_EVERY);
    expect(Object.keys(profile.affinity.brand).length).toBeLessThanOrEqual(Math.ceil(LIMITS.valuesPerFamily * 1.1) + BOUNDS_EVERY * 8);
    expect(Object.keys(profile.coviews).length).toBeLessThanOrEqual(Math.ceil(LIMITS.coviewAnchors * 1.1) + BOUNDS_EVERY * 13);
    expect(Object.values(profile.coviews).every((row) => Object.keys(row).length <= LIMITS.coviewNeighbours)).toBe(true);
    // The whole exported state stays small enough for IndexedDB and a download.
    expect(exportProfile(profile).length).toBeLessThan(1_500_000);
  });
});
