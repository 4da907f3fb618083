/**
 * Which attribute values of a product the personal model learns about, and how those values
 * are named to a shopper in English and Chinese.
 */
import type { Product } from '../types';
import type { Family, Lang } from './types';

/** Upper edges of the price bands; the last band is open. Fixed, so labels read "under $50". */
export const PRICE_EDGES = [25, 50, 100, 200, 500] as const;

export function priceBand(price: number): string {
  let lo = 0;
  for (const hi of PRICE_EDGES) {
    if (price < hi) return `${lo}-${hi}`;
    lo = hi;
  }
  return `${lo}+`;
}

/** Position of a price band in price order (0 = cheapest), or -1 for a label that is not a band. */
export function bandIndex(band: string): number {
  const lo = Number(band.split(/[-+]/)[0]);
  if (lo === 0) return 0;
  const i = PRICE_EDGES.indexOf(lo as (typeof PRICE_EDGES)[number]);
  return i < 0 ? -1 : i + 1;
}

export type Attributes = Partial<Record<Family, string>>;

/** Attribute values of a product, lower-cased where case carries no meaning. */
export function attributesOf(p: Product): Attributes {
  const parts = p.category
    .split('/')
    .map((s) => s.trim())
    .filter(Boolean);
  const out: Attributes = {};
  // The first level of a hierarchy is the department ("Women", "Men", "Gear"): it carries gender.
  if (parts.length > 1) out.dept = parts[0];
  if (parts.length > 0) out.category = parts.join('/');
  const color = p.color?.trim().toLowerCase();
  if (color) out.color = color;
  if (Number.isFinite(p.price) && p.price >= 0) out.price = priceBand(p.price);
  const brand = p.brand?.trim();
  if (brand) out.brand = brand;
  return out;
}

const COLOR_ZH: Record<string, string> = {
  black: '黑色',
  white: '白色',
  gray: '灰色',
  grey: '灰色',
  red: '红色',
  blue: '蓝色',
  green: '绿色',
  yellow: '黄色',
  orange: '橙色',
  purple: '紫色',
  pink: '粉色',
  brown: '棕色',
  beige: '米色',
  navy: '藏青色',
  lavender: '淡紫色',
  silver: '银色',
  gold: '金色',
};

const DEPT: Record<string, { en: string; zh: string; queryWords: string[] }> = {
  women: { en: "women's", zh: '女款', queryWords: ['women', 'womens', 'woman', 'ladies', 'female', '女'] },
  men: { en: "men's", zh: '男款', queryWords: ['men', 'mens', 'man', 'male', '男'] },
  kids: { en: "kids'", zh: '童款', queryWords: ['kids', 'kid', 'children', 'boys', 'girls', '童', '儿童'] },
};

const CATEGORY_ZH: Record<string, string> = {
  jackets: '夹克',
  'hoodies & sweatshirts': '卫衣',
  hoodies: '卫衣',
  pants: '长裤',
  shorts: '短裤',
  tees: 'T恤',
  tanks: '背心',
  'bras & tanks': '运动内衣和背心',
  bags: '包',
  watches: '手表',
  'fitness equipment': '健身器材',
  shoes: '鞋',
  dresses: '连衣裙',
};

function currencyAmount(n: number, currency: string | null, lang: Lang): string {
  const c = (currency ?? 'USD').toUpperCase();
  if (lang === 'zh') {
    const unit = c === 'USD' ? '美元' : c === 'CNY' ? '元' : c === 'EUR' ? '欧元' : c;
    return `${n} ${unit}`;
  }
  const sym = c === 'USD' ? '$' : c === 'EUR' ? '€' : c === 'GBP' ? '£' : c === 'CNY' ? '¥' : '';
  return sym ? `${sym}${n}` : `${n} ${c}`;
}

/** A run of adjacent price bands as words: "under $50", "$50–$100", "over $200". */
export function priceRangeLabel(bands: string[], currency: string | null, lang: Lang): string {
  const idx = bands.map(bandIndex).filter((i) => i >= 0);
  const lo = Math.min(...idx);
  const hi = Math.max(...idx);
  const loAmount = lo === 0 ? 0 : PRICE_EDGES[lo - 1];
  const hiAmount = hi < PRICE_EDGES.length ? PRICE_EDGES[hi] : null;
  if (loAmount === 0 && hiAmount !== null) {
    return lang === 'zh' ? `${currencyAmount(hiAmount, currency, lang)}以下` : `under ${currencyAmount(hiAmount, currency, lang)}`;
  }
  if (hiAmount === null) {
    return lang === 'zh' ? `${currencyAmount(loAmount, currency, lang)}以上` : `over ${currencyAmount(loAmount, currency, lang)}`;
  }
  if (lang === 'zh') return `${loAmount}–${currencyAmount(hiAmount, currency, lang)}`;
  return `${currencyAmount(loAmount, currency, lang)}–${currencyAmount(hiAmount, currency, lang)}`;
}

/** How an attribute value is named to the shopper. */
export function valueLabel(family: Family, value: string, lang: Lang, currency: string | null): string {
  switch (family) {
    case 'color':
      return lang === 'zh' ? (COLOR_ZH[value] ?? value) : value;
    case 'dept': {
      const d = DEPT[value.toLowerCase()];
      return d ? d[lang] : value;
    }
    case 'category': {
      const parts = value.split('/');
      const leaf = parts[parts.length - 1];
      const dept = parts.length > 1 ? DEPT[parts[0].toLowerCase()] : undefined;
      if (lang === 'zh') {
        const zh = CATEGORY_ZH[leaf.toLowerCase()] ?? leaf;
        return dept ? `${dept.zh}${zh}` : zh;
      }
      return dept ? `${dept.en} ${leaf.toLowerCase()}` : leaf.toLowerCase();
    }
    case 'price':
      return priceRangeLabel([value], currency, lang);
    case 'brand':
      return value;
  }
}

function queryTokens(query: string): Set<string> {
  return new Set(
    query
      .toLowerCase()
      .replace(/['’]s\b/g, 's')
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean),
  );
}

/**
 * True when the query itself asks for this value ("black hoodie" → colour black). Such choices
 * are explained by the query, not by taste, and an explicit request beats a learned preference.
 */
export function queryMentions(query: string | undefined, family: Family, value: string): boolean {
  if (!query) return false;
  const q = query.toLowerCase();
  if (family === 'color') {
    const zh = COLOR_ZH[value];
    if (zh && q.includes(zh.replace('色', ''))) return true;
    return queryTokens(q).has(value);
  }
  if (family === 'dept') {
    const d = DEPT[value.toLowerCase()];
    if (!d) return false;
    const tokens = queryTokens(q);
    return d.queryWords.some((w) => (/[\u4e00-\u9fff]/.test(w) ? q.includes(w) : tokens.has(w)));
  }
  return false;
}
