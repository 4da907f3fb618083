import { describe, expect, it } from 'vitest';
import { createProfile, lookupOf, recordEvent, Recommender } from '../../src/core/personal/index';
import { syntheticCatalog } from './personal-fixtures';

const products = syntheticCatalog();
const catalog = lookupOf(products);
const rec = new Recommender(products);

describe('personal recommendations', () => {
  it('similar items share the category and exclude the item and its colour variants', () => {
    const anchor = products.find((p) => p.category === 'Women/Tops/Jackets' && p.color === 'Black' && p.price === 39)!;
    // One item per product group: the three other price groups of the same category come first.
    const similar = rec.similar(anchor.id, 3);
    expect(similar).toHaveLength(3);
    for (const s of similar) {
      const p = catalog(s.id)!;
      expect(p.category).toBe('Women/Tops/Jackets');
      expect(p.group).not.toBe(anchor.group);
    }
    expect(rec.similar('not-in-catalog')).toEqual([]);
  });

  it('viewed together comes from the shopper\'s own sessions and skips vanished products', () => {
    const profile = createProfile();
    const [a, b, c] = [products[0].id, products[25].id, products[50].id];
    const lookupWithGone = (id: string) => (id === 'gone' ? { ...products[1], id: 'gone' } : catalog(id));
    for (const id of [a, b, 'gone']) recordEvent(profile, { type: 'cart', at: 1000, sessionId: 's1', productId: id }, lookupWithGone);
    recordEvent(profile, { type: 'cart', at: 9e12, sessionId: 's2', productId: c }, catalog);
    const together = rec.viewedTogether(profile, a).map((x) => x.id);
    expect(together).toEqual([b]);
    expect(rec.viewedTogether(profile, c)).toEqual([]);
  });

  it('because you liked: nothing for a new shopper, rows around liked items otherwise', () => {
    expect(rec.becauseYouLiked(createProfile())).toEqual([]);
    const profile = createProfile();
    const liked = products.find((p) => p.category === 'Men/Bottoms/Pants' && p.color === 'Blue')!;
    const disliked = products.find((p) => p.category === 'Men/Bottoms/Pants' && p.color === 'Red' && p.price !== liked.price)!;
    recordEvent(profile, { type: 'thumbsUp', at: 1, productId: liked.id }, catalog);
    recordEvent(profile, { type: 'thumbsDown', at: 2, productId: disliked.id }, catalog);
    const rows = rec.becauseYouLiked(profile, { lang: 'zh' });
    expect(rows.length).toBe(1);
    expect(rows[0].anchorId).toBe(liked.id);
    expect(rows[0].heading).toBe(`因为你喜欢 ${liked.title}`);
    const ids = rows[0].items.map((i) => i.id);
    expect(ids).not.toContain(liked.id);
    expect(ids).not.toContain(disliked.id);
    expect(catalog(ids[0])!.category).toBe('Men/Bottoms/Pants');
  });
});
