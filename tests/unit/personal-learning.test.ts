import { describe, expect, it } from 'vitest';
import {
  createProfile,
  describeProfile,
  lookupOf,
  recordEvent,
  rerank,
  setPaused,
  type PersonalProfile,
} from '../../src/core/personal/index';
import { seededRandom } from '../../src/core/random';
import { computeAffinities, DESCRIBE_ALPHA } from '../../src/core/personal/model';
import { browseWithAppeal, hitsFor, shuffled, syntheticCatalog } from './personal-fixtures';

const products = syntheticCatalog();
const catalog = lookupOf(products);
const ids = products.map((p) => p.id);

/** A shopper who, when they look at an item, picks black women's items under $50 far more often. */
function trainPlanted(profile: PersonalProfile, lists: number, seed = 1): void {
  browseWithAppeal(profile, catalog, ids, lists, (id) => {
    const p = catalog(id)!;
    const match = (p.color === 'Black' ? 1 : 0) + (p.category.startsWith('Women/') ? 1 : 0) + (p.price < 50 ? 1 : 0);
    return 0.05 + 0.3 * match;
  }, seed);
}

/**
 * Mean rank (0 = top) of the items matching a predicate after re-ranking a broad query's list
 * (all about equally relevant) that has them last.
 */
function meanRank(profile: PersonalProfile, pred: (id: string) => boolean): number {
  const list = [...ids.filter((id) => !pred(id)), ...ids.filter(pred)];
  const order = rerank(hitsFor(list, 0.002), catalog, profile).map((h) => h.id);
  const ranks = order.map((id, i) => (pred(id) ? i : -1)).filter((i) => i >= 0);
  return ranks.reduce((s, r) => s + r, 0) / ranks.length;
}

const isBlackWomenCheap = (id: string) => {
  const p = catalog(id)!;
  return p.color === 'Black' && p.category.startsWith('Women/') && p.price < 50;
};

describe('personal model', () => {
  it('cold start: an empty profile returns exactly the engine order', () => {
    const hits = hitsFor(shuffled(ids, seededRandom(5)));
    const out = rerank(hits, catalog, createProfile(), { explore: true, seed: 3 });
    expect(out.map((h) => h.id)).toEqual(hits.map((h) => h.id));
    expect(out.map((h) => h.score)).toEqual(hits.map((h) => h.score));
    expect(out.every((h) => h.why.personal === undefined)).toBe(true);
  });

  it('learns a planted preference from position-biased clicks and explains it', () => {
    const profile = createProfile();
    const before = meanRank(profile, isBlackWomenCheap);
    trainPlanted(profile, 120);
    const after = meanRank(profile, isBlackWomenCheap);
    expect(before).toBeGreaterThan(75);
    expect(after).toBeLessThan(before - 20);
    // Within a page of similar relevance, the preferred items reach the top.
    const page = shuffled(ids, seededRandom(77)).slice(0, 20);
    if (!page.some(isBlackWomenCheap)) page.push(ids.find(isBlackWomenCheap)!);
    const top = rerank(hitsFor(page, 0.002), catalog, profile, { lang: 'en' }).slice(0, 3);
    expect(top.some((h) => isBlackWomenCheap(h.id))).toBe(true);
    expect(top[0].why.personal).toMatch(/you often choose|price range|you chose this before|you viewed this recently/);
    const en = describeProfile(profile, 'en').summary;
    const zh = describeProfile(profile, 'zh').summary;
    expect(en).toMatch(/you seem to prefer/);
    expect(en).toContain('black');
    expect(zh).toContain('你似乎偏好');
    expect(zh).toContain('黑色');
  });

  it('a learned taste does not lift a weak match over the clear answer of a specific query', () => {
    const profile = createProfile();
    trainPlanted(profile, 120);
    const answer = ids.find((id) => !isBlackWomenCheap(id))!;
    const weak = ids.filter(isBlackWomenCheap).slice(0, 5);
    const hits = hitsFor([answer, ...weak]).map((h, i) => (i === 0 ? h : { ...h, score: 6 - i * 0.1 }));
    const out = rerank(hits, catalog, profile);
    expect(out[0].id).toBe(answer);
  });

  it('paused: nothing is learned and the order is the engine order', () => {
    const profile = createProfile();
    trainPlanted(profile, 60);
    setPaused(profile, true);
    const hits = hitsFor(ids);
    expect(rerank(hits, catalog, profile).map((h) => h.id)).toEqual(ids);
    const before = JSON.stringify(profile);
    const r = recordEvent(profile, { type: 'click', at: 1, productId: ids[3], position: 0 }, catalog);
    expect(r.stored).toBe(false);
    expect(JSON.stringify(profile)).toBe(before);
    expect(describeProfile(profile, 'en').summary).toContain('learning paused');
  });

  it('thumbs down pushes the item to the bottom and says why', () => {
    const profile = createProfile();
    const target = ids[0];
    const list = ids.slice(0, 10);
    recordEvent(profile, { type: 'impression', at: 1, query: 'q', productIds: list }, catalog);
    recordEvent(profile, { type: 'thumbsDown', at: 2, productId: target, position: 0 }, catalog);
    const out = rerank(hitsFor(list), catalog, profile, { lang: 'zh' });
    expect(out[out.length - 1].id).toBe(target);
    expect(out[out.length - 1].why.personal).toBe('你标记过不喜欢这件');
  });

  it('a shopper without consistent taste barely moves results', () => {
    const profile = createProfile();
    const rand = seededRandom(9);
    for (let l = 0; l < 150; l++) {
      const shown = shuffled(ids, rand).slice(0, 10);
      recordEvent(profile, { type: 'impression', at: l, query: 'q', productIds: shown }, catalog);
      shown.forEach((id, k) => {
        if (rand() < 1 / (k + 1) && rand() < 0.3) recordEvent(profile, { type: 'click', at: l, productId: id, position: k }, catalog);
      });
    }
    // Random choices carry no taste: nothing is claimed and no attribute gets a real push.
    expect(describeProfile(profile, 'en').likes).toEqual([]);
    const meanAbsAffinity = (p: PersonalProfile) => {
      const all = Object.values(computeAffinities(p)).flatMap((m) => [...m.values()].map((a) => Math.abs(a.affinity)));
      return all.reduce((x, y) => x + y, 0) / all.length;
    };
    const planted = createProfile();
    trainPlanted(planted, 150);
    expect(meanAbsAffinity(profile)).toBeLessThan(0.15);
    expect(meanAbsAffinity(planted)).toBeGreaterThan(1.5 * meanAbsAffinity(profile));
  });

  it('a click followed by a long read teaches more than one followed by a quick look', () => {
    // The same shopper opens the same black items twice over; only the time spent on them differs
    // (a quick look counts as one click, a long read as up to three).
    const learnWithDwell = (dwellMs: number) => {
      const profile = createProfile();
      const rand = seededRandom(21);
      let at = 1_700_000_000_000;
      for (let l = 0; l < 30; l++) {
        const shown = shuffled(ids, rand).slice(0, 10);
        recordEvent(profile, { type: 'impression', at: at++, query: 'things', productIds: shown }, catalog);
        shown.forEach((id, k) => {
          const black = catalog(id)!.color === 'Black';
          if (k > 3 || !(black || rand() < 0.15)) return;
          recordEvent(profile, { type: 'click', at: at++, productId: id, position: k, query: 'things' }, catalog);
          recordEvent(profile, { type: 'dwell', at: at++, productId: id, dwellMs: black ? dwellMs : 15_000 }, catalog);
        });
      }
      return profile;
    };
    const quick = learnWithDwell(5_000);
    const long = learnWithDwell(40_000);
    const black = (p: PersonalProfile) => computeAffinities(p).color.get('black')!.affinity;
    expect(black(long)).toBeGreaterThan(black(quick) + 0.2);
    // Both already put the black items first here; the long reads must not do worse.
    expect(meanRank(long, (id) => catalog(id)!.color === 'Black')).toBeLessThanOrEqual(meanRank(quick, (id) => catalog(id)!.color === 'Black'));
  });

  it('an item chosen for a query comes back first when that query is repeated, not in other searches', () => {
    const profile = createProfile();
    const list = shuffled(ids, seededRandom(9)).slice(0, 20);
    const chosen = list[12];
    recordEvent(profile, { type: 'impression', at: 1, query: 'Trail  Jacket', productIds: list }, catalog);
    recordEvent(profile, { type: 'click', at: 2, productId: chosen, position: 12, query: 'Trail  Jacket' }, catalog);
    recordEvent(profile, { type: 'cart', at: 3, productId: chosen }, catalog);
    // A flat list (a broad query): only the personal boost can move the item.
    const flat = hitsFor(list, 0.0001);
    const again = rerank(flat, catalog, profile, { query: 'trail jacket' });
    expect(again[0].id).toBe(chosen);
    expect(again[0].why.personal).toMatch(/you chose this before|you viewed this recently/);
    // Another search: its attributes may still count (taste), but not the remembered choice.
    const elsewhere = rerank(flat, catalog, profile, { query: 'running shorts' }).find((h) => h.id === chosen)!;
    expect(elsewhere.why.personal ?? '').not.toMatch(/you chose this before|you viewed this recently/);
    expect(elsewhere.score).toBeLessThan(again[0].score);
  });

  it('the privacy panel still names a colour after ranking has filled the lists with it', () => {
    // Black items already lead every list (personalization put them there); the shopper opens
    // three of them in each and glances at each for a moment, and opens nothing else.
    const profile = createProfile();
    const rand = seededRandom(12);
    const blacks = ids.filter((id) => catalog(id)!.color === 'Black');
    const others = ids.filter((id) => catalog(id)!.color !== 'Black');
    let at = 1;
    for (let l = 0; l < 4; l++) {
      const shown = [...shuffled(blacks, rand).slice(0, 8), ...shuffled(others, rand).slice(0, 12)];
      recordEvent(profile, { type: 'impression', at: at++, query: `list ${l}`, productIds: shown }, catalog);
      for (const k of [0, 1, 2]) {
        recordEvent(profile, { type: 'click', at: at++, productId: shown[k], position: k, query: `list ${l}` }, catalog);
        recordEvent(profile, { type: 'dwell', at: at++, productId: shown[k], dwellMs: 400 }, catalog);
      }
    }
    expect(describeProfile(profile).summary).toMatch(/black/);
  });

  it('a thumbs down counts against its colour even when everything shown next to it shares that colour', () => {
    const build = (thumbsDown: boolean) => {
      const profile = createProfile();
      const rand = seededRandom(4);
      let at = 1;
      // Some ordinary clicks give the shopper a click rate to compare against.
      for (let l = 0; l < 10; l++) {
        const shown = shuffled(ids, rand).slice(0, 10);
        recordEvent(profile, { type: 'impression', at: at++, query: 'things', productIds: shown }, catalog);
        recordEvent(profile, { type: 'click', at: at++, productId: shown[l % 3], position: l % 3, query: 'things' }, catalog);
      }
      // A page of red items only: the thumbs down has no other colour to be compared with.
      const reds = ids.filter((id) => catalog(id)!.color === 'Red').slice(0, 10);
      recordEvent(profile, { type: 'impression', at: at++, query: 'tops', productIds: reds }, catalog);
      if (thumbsDown) recordEvent(profile, { type: 'thumbsDown', at: at++, productId: reds[0], position: 0 }, catalog);
      return { profile };
    };
    const withDown = build(true);
    const without = build(false);
    // Read with the privacy panel's pseudo-count (the evidence itself), then as ranking reads it:
    // ranking shrinks one event's worth of evidence harder (ALPHA 8), but in the same direction.
    const red = (p: PersonalProfile, alpha?: number) => computeAffinities(p, alpha).color.get('red')!.affinity;
    expect(red(withDown.profile, DESCRIBE_ALPHA)).toBeLessThan(red(without.profile, DESCRIBE_ALPHA) - 0.025);
    expect(red(withDown.profile)).toBeLessThan(red(without.profile) - 0.005);
  });

  it('a shopper who keeps choosing $25–$50 over pricier items sees the rarely shown under-$25 items rise too', () => {
    const profile = createProfile();
    const rand = seededRandom(21);
    const priced = (price: number) => ids.filter((id) => catalog(id)!.price === price);
    const under25 = priced(19);
    let at = 1;
    for (let l = 0; l < 12; l++) {
      // $39, $69 and $129 items; an under-$25 item only in every fourth list, at the bottom.
      const shown = shuffled([...priced(39), ...priced(69), ...priced(129)], rand).slice(0, 9);
      if (l % 4 === 0) shown.push(under25[l]);
      recordEvent(profile, { type: 'impression', at: at++, query: 'things', productIds: shown }, catalog);
      shown.forEach((id, k) => {
        if (k < 5 && catalog(id)!.price === 39) recordEvent(profile, { type: 'click', at: at++, productId: id, position: k, query: 'things' }, catalog);
      });
    }
    // The shopper never chose an under-$25 item (the panel, which reads only their own choices,
    // has nothing positive to say about that band), but ranking reads their price direction.
    expect(computeAffinities(profile, DESCRIBE_ALPHA, 'rest').price.get('0-25')!.affinity).toBeLessThanOrEqual(0);
    expect(computeAffinities(profile).price.get('0-25')!.affinity).toBeGreaterThan(0);
    // A broad query whose under-$25 answers the engine put last: they now rank above every $69 and $129 item.
    const list = [...ids.filter((id) => catalog(id)!.price !== 19), ...under25];
    const order = rerank(hitsFor(list, 0.002), catalog, profile).map((h) => h.id);
    const lastUnder25 = Math.max(...under25.map((id) => order.indexOf(id)));
    const firstPricey = Math.min(...order.filter((id) => catalog(id)!.price >= 69).map((id) => order.indexOf(id)));
    expect(lastUnder25).toBeLessThan(firstPricey);
    // Their "why" line says what moved them without claiming the shopper usually buys at that price.
    const reranked = rerank(hitsFor(list, 0.002), catalog, profile);
    const why = reranked.find((h) => catalog(h.id)!.price === 19 && h.why.personal?.includes('price'))?.why.personal;
    expect(why).toMatch(/cheaper than your usual price range \(under \$25\)/);
    expect(reranked.some((h) => catalog(h.id)!.price === 39 && h.why.personal?.includes('in your usual price range ($25'))).toBe(true);
  });

  it('exploration is deterministic under a seed and leaves cold start alone', () => {
    const profile = createProfile();
    trainPlanted(profile, 30);
    const hits = hitsFor(ids);
    const a = rerank(hits, catalog, profile, { explore: true, seed: 42 }).map((h) => h.id);
    const b = rerank(hits, catalog, profile, { explore: true, seed: 42 }).map((h) => h.id);
    expect(a).toEqual(b);
    const others = [1, 2, 3, 4, 5].map((seed) => rerank(hits, catalog, profile, { explore: true, seed }).map((h) => h.id).join());
    expect(new Set([a.join(), ...others]).size).toBeGreaterThan(1);
  });

  it('ignores products no longer in the catalog and survives clock jumps', () => {
    const profile = createProfile();
    const r = recordEvent(profile, { type: 'click', at: 5, productId: 'gone-123', position: 2 }, catalog);
    expect(r).toMatchObject({ stored: true, learned: false, reason: 'unknown product' });
    expect(rerank(hitsFor(['gone-123', ...ids.slice(0, 5)]), catalog, profile).map((h) => h.id)).toEqual(['gone-123', ...ids.slice(0, 5)]);
    // Events from the future, then from the past, then a broken clock.
    for (const at of [4_000_000_000_000, 1_000, Number.NaN]) {
      recordEvent(profile, { type: 'impression', at, query: 'q', productIds: ids.slice(0, 10) }, catalog);
      recordEvent(profile, { type: 'click', at, productId: ids[4], position: 4 }, catalog);
    }
    expect(profile.events.every((e) => Number.isFinite(e.at))).toBe(true);
    const out = rerank(hitsFor(ids.slice(0, 10)), catalog, profile);
    expect(out.every((h) => Number.isFinite(h.score))).toBe(true);
    expect(out.findIndex((h) => h.id === ids[4])).toBeLessThan(4);
  });
});
