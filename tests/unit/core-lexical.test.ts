import { describe, expect, it } from 'vitest';
import { boundedEditDistance } from '../../src/core/lexical/editDistance';
import { Vocabulary } from '../../src/core/lexical/vocabulary';
import { SearchEngine } from '../../src/core/search/engine';
import type { Product } from '../../src/core/types';

let seq = 0;
function product(p: Partial<Product> & { title: string }): Product {
  return { id: `p${++seq}`, description: '', category: 'Misc', color: null, price: 10, currency: 'USD', image: '', ...p };
}

const catalog: Product[] = [
  product({ id: 'hoodie-black', title: 'Chaz Kangeroo Hoodie', category: 'Men/Tops/Hoodies & Sweatshirts', color: 'Black', description: 'Warm hoodie with drawstring.' }),
  product({ id: 'hoodie-navy', title: 'Ajax Full-Zip Sweatshirt', category: 'Men/Tops/Hoodies & Sweatshirts', color: 'Navy', description: 'Soft fleece sweatshirt.' }),
  product({ id: 'tee-black', title: 'Aero Daily Fitness Tee', category: 'Men/Tops/Tees', color: 'Black', description: 'Wear it under a hoodie on cold days.' }),
  product({ id: 'pants-women', title: 'Karmen Yoga Pant', category: 'Women/Bottoms/Pants', color: 'Gray', description: 'Stretchy yoga pants for class.' }),
  product({ id: 'jacket-red', title: 'Stellar Solar Jacket', category: 'Women/Tops/Jackets', color: 'Red', price: 75, description: 'Light running jacket.' }),
  product({ id: 'bottle', title: 'Affirm Water Bottle', category: 'Gear/Fitness Equipment', color: null, price: 7, description: 'Stay hydrated.' }),
  product({ id: 'backpack', title: 'Fusion Backpack', category: 'Gear/Bags', color: null, price: 59, description: 'Two large zippered compartments.' }),
  product({ id: 'watch', title: 'Summit Watch', category: 'Gear/Watches', color: null, price: 54, description: 'Digital LED display.' }),
];
const engine = SearchEngine.build(catalog);
const ids = (query: string, limit = 5) => engine.search({ query, limit }).hits.map((h) => h.id);

describe('BM25F ranking', () => {
  it('ranks a title/category match above a mention in the description', () => {
    const r = ids('hoodie');
    expect(r.indexOf('hoodie-black')).toBeLessThan(r.indexOf('tee-black'));
  });

  it('expands synonyms: "sweatshirt" finds hoodies and "trousers" finds pants', () => {
    expect(ids('sweatshirt')).toContain('hoodie-black');
    expect(ids('trousers')[0]).toBe('pants-women');
  });

  it('prefers items that match everything asked (colour, type, gender)', () => {
    expect(ids('black hoodie men')[0]).toBe('hoodie-black');
    expect(ids('navy hoodie')[0]).toBe('hoodie-navy');
  });

  it('treats a shade query as its base colour', () => {
    // "blue" item: the navy sweatshirt (navy is a shade of blue).
    expect(ids('blue sweatshirt')[0]).toBe('hoodie-navy');
  });

  it('returns nothing for words that occur nowhere', () => {
    expect(ids('xylophone quartz')).toEqual([]);
  });
});

describe('typo tolerance and prefix matching', () => {
  it('finds items despite a one-letter typo in a 4+ letter word', () => {
    expect(ids('hodie')[0]).toBe('hoodie-black');
    expect(ids('jakcet')[0]).toBe('jacket-red');
  });

  it('allows two edits only for long words', () => {
    expect(ids('backpakc')[0]).toBe('backpack'); // swap = 1 edit
    expect(ids('bakcpakk')[0]).toBe('backpack'); // 2 edits, 8 letters
    expect(ids('wxtch')).toContain('watch'); // 1 edit on a 5-letter word: allowed
    expect(ids('wxtcx')).toEqual([]); // 2 edits on a 5-letter word: not allowed
  });

  it('completes the last word as the user types', () => {
    expect(ids('backp')[0]).toBe('backpack');
    expect(ids('water bot')[0]).toBe('bottle');
  });

  it('edit distance and vocabulary lookups agree', () => {
    expect(boundedEditDistance('hoodie', 'hodie', 2)).toBe(1);
    expect(boundedEditDistance('jacket', 'jakcet', 2)).toBe(1);
    expect(boundedEditDistance('abcdefgh', 'abXdefYh', 2)).toBe(2);
    expect(boundedEditDistance('abcd', 'wxyz', 1)).toBe(2);
    const v = new Vocabulary(['hoodie', 'hoodies', 'jacket', 'backpack', 'tee']);
    expect(v.similar('hoodei').map((m) => v.words[m.word])).toContain('hoodie');
    expect(v.similar('tea')).toEqual([]);
    expect(v.withPrefix('hood', 10).map((i) => v.words[i])).toEqual(['hoodie', 'hoodies']);
  });
});

describe('cross-lingual', () => {
  it('a Chinese query finds English items through the lexicon', () => {
    expect(ids('双肩包')[0]).toBe('backpack');
    expect(ids('手表')[0]).toBe('watch');
    expect(ids('男士黑色卫衣')[0]).toBe('hoodie-black');
    expect(ids('水壶')[0]).toBe('bottle');
  });

  it('an English query matches Chinese text fields', () => {
    const zh = SearchEngine.build([
      product({ id: 'zh-1', title: 'Item 1', title_zh: '男士防水冲锋衣', category: 'Outdoor' }),
      product({ id: 'zh-2', title: 'Item 2', title_zh: '女士瑜伽裤', category: 'Outdoor' }),
    ]);
    expect(zh.search({ query: 'yoga pants' }).hits.map((h) => h.id)).toEqual(['zh-2']);
    expect(zh.search({ query: 'waterproof' }).hits.map((h) => h.id)).toEqual(['zh-1']);
  });

  it('reports what it understood', () => {
    const u = engine.search({ query: '女士酒红色夹克' }).understood;
    expect(u.language).toBe('zh');
    expect(u.colors).toEqual(['red']);
    expect(u.gender).toBe('women');
    expect(u.productTypes).toContain('jacket');
  });
});
