import { describe, expect, it } from 'vitest';
import { createProfile, lookupOf, recordEvent, rerank, type PersonalProfile } from '../../src/core/personal/index';
import { fitLatentTaste, LATENT_MIN_LISTS, latentTasteOf, withLatentTaste } from '../../src/core/personal/latent';
import { computeAffinities } from '../../src/core/personal/model';
import { browseWithAppeal, hitsFor, syntheticCatalog } from './personal-fixtures';

const products = syntheticCatalog();
const catalog = lookupOf(products);
const ids = products.map((p) => p.id);

const train = (profile: PersonalProfile, lists: number, appeal: (id: string) => number, seed: number) =>
  browseWithAppeal(profile, catalog, ids, lists, appeal, seed);

const isWomen = (id: string) => catalog(id)!.category.startsWith('Women/');
const isBlack = (id: string) => catalog(id)!.color === 'Black';

describe('latent taste (joint estimate of liked values)', () => {
  it('finds the liked department and colour from position-biased clicks', () => {
    const profile = createProfile();
    train(profile, 60, (id) => 0.05 + 0.3 * (Number(isWomen(id)) + Number(isBlack(id))), 3);
    const taste = fitLatentTaste(profile.events, catalog);
    expect(taste.lists).toBe(60);
    const dept = taste.liked.dept;
    const color = taste.liked.color;
    expect(dept.get('Women')!).toBeGreaterThan(0.9);
    expect(dept.get('Men')!).toBeLessThan(0.1);
    expect(color.get('black')!).toBeGreaterThan(0.8);
    for (const other of ['red', 'blue', 'green', 'white']) expect(color.get(other)!).toBeLessThan(color.get('black')! - 0.5);
  });

  it('a shopper who only cares about the department: the department is certain, no colour is', () => {
    const profile = createProfile();
    train(profile, 60, (id) => (isWomen(id) ? 0.5 : 0.03), 4);
    const taste = fitLatentTaste(profile.events, catalog);
    expect(taste.liked.dept.get('Women')!).toBeGreaterThan(0.95);
    expect(taste.liked.dept.get('Men')!).toBeLessThan(0.05);
    for (const q of taste.liked.color.values()) expect(q).toBeLessThan(0.9);
  });

  it('a thumbs down is a strong negative on everything the rejected item is, and a later click does not undo it', () => {
    const list = ids.slice(0, 10);
    const rejected = catalog(list[0])!;
    const fit = (extra: Parameters<typeof recordEvent>[1][]) => {
      const profile = createProfile();
      recordEvent(profile, { type: 'impression', at: 1, query: 'q', productIds: list }, catalog);
      for (const e of extra) recordEvent(profile, e, catalog);
      return fitLatentTaste(profile.events, catalog).liked;
    };
    const odds = (q: number) => q / (1 - q);
    const before = fit([]);
    const down = { type: 'thumbsDown' as const, at: 2, productId: rejected.id, position: 0, query: 'q' };
    const after = fit([down]);
    const clickedAfter = fit([down, { type: 'click', at: 3, productId: rejected.id, position: 0, query: 'q' }]);
    const colour = rejected.color!.toLowerCase();
    const dept = rejected.category.split('/')[0];
    for (const [family, value] of [['color', colour], ['dept', dept]] as const) {
      // About THUMBS_DOWN_RHO times the odds: a tenth, where a passed-over first result barely moves them.
      expect(odds(after[family].get(value)!)).toBeLessThan(0.2 * odds(before[family].get(value)!));
      expect(clickedAfter[family].get(value)).toBeCloseTo(after[family].get(value)!, 6);
    }
  });

  it('a click followed by a long read says more than one followed by a quick look', () => {
    const list = ids.slice(0, 10);
    const colour = catalog(list[0])!.color!.toLowerCase();
    const afterDwell = (dwellMs: number) => {
      const profile = createProfile();
      recordEvent(profile, { type: 'impression', at: 1, query: 'q', productIds: list }, catalog);
      recordEvent(profile, { type: 'click', at: 2, productId: list[0], position: 0, query: 'q' }, catalog);
      recordEvent(profile, { type: 'dwell', at: 3, productId: list[0], dwellMs, query: 'q' }, catalog);
      return fitLatentTaste(profile.events, catalog).liked.color.get(colour)!;
    };
    expect(afterDwell(45_000)).toBeGreaterThan(afterDwell(3_000) + 0.05);
  });

  it('no events: nothing is inferred and the ranking table is unchanged', () => {
    const taste = fitLatentTaste([], catalog);
    expect(taste.lists).toBe(0);
    expect([...taste.liked.color.keys()]).toEqual([]);
    const table = computeAffinities(createProfile());
    expect(withLatentTaste(table, taste)).toEqual(table);
  });

  it('ranks with the ratio model alone until the shopper has seen enough lists', () => {
    const profile = createProfile();
    train(profile, LATENT_MIN_LISTS - 1, (id) => (isBlack(id) ? 0.6 : 0.05), 5);
    const table = computeAffinities(profile);
    expect(withLatentTaste(table, latentTasteOf(profile, catalog))).toEqual(table);
    train(profile, 20, (id) => (isBlack(id) ? 0.6 : 0.05), 6);
    const later = computeAffinities(profile);
    expect(withLatentTaste(later, latentTasteOf(profile, catalog)).color.get('black')!.affinity).not.toBe(later.color.get('black')!.affinity);
  });

  it('re-ranking with it lifts the liked items of a broad query and refits when the profile changes', () => {
    const profile = createProfile();
    train(profile, 40, (id) => 0.05 + 0.3 * (Number(isWomen(id)) + Number(isBlack(id))), 7);
    const list = [...ids.filter((id) => !(isWomen(id) && isBlack(id))), ...ids.filter((id) => isWomen(id) && isBlack(id))];
    const top = rerank(hitsFor(list, 0.002), catalog, profile).slice(0, 5);
    expect(top.filter((h) => isWomen(h.id) && isBlack(h.id)).length).toBeGreaterThanOrEqual(4);
    const first = latentTasteOf(profile, catalog);
    expect(latentTasteOf(profile, catalog)).toBe(first);
    recordEvent(profile, { type: 'impression', at: 9, query: 'more', productIds: ids.slice(0, 10) }, catalog);
    expect(latentTasteOf(profile, catalog)).not.toBe(first);
  });
});
