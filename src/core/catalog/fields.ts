/**
 * Field names the catalog understands, and the other names shop owners' files use for them
 * (CSV headers especially: "Product Name", "SKU", "Colour", "Image URL").
 */
import type { Product } from '../types.js';

export type KnownField = Exclude<keyof Product, 'extra'>;

export const KNOWN_FIELDS: readonly KnownField[] = [
  'id', 'group', 'title', 'description', 'category', 'color', 'price', 'currency', 'image',
  'brand', 'material', 'sizes', 'rating', 'reviews', 'title_zh', 'description_zh',
];

const ALIASES: Record<string, KnownField> = {
  sku: 'id', product_id: 'id', item_id: 'id', handle: 'id',
  parent: 'group', parent_id: 'group', group_id: 'group', variant_group: 'group',
  name: 'title', product_name: 'title', product_title: 'title', title_en: 'title', name_en: 'title',
  desc: 'description', body: 'description', body_html: 'description', description_en: 'description', details: 'description',
  category_path: 'category', categories: 'category', product_type: 'category', department: 'category',
  colour: 'color', color_name: 'color', colour_name: 'color',
  unit_price: 'price', cost: 'price', amount: 'price', price_usd: 'price',
  currency_code: 'currency',
  image_url: 'image', img: 'image', image_link: 'image', picture: 'image', photo: 'image', thumbnail: 'image',
  vendor: 'brand', manufacturer: 'brand', maker: 'brand',
  fabric: 'material', materials: 'material',
  size: 'sizes', size_range: 'sizes', available_sizes: 'sizes',
  stars: 'rating', average_rating: 'rating', review_score: 'rating',
  review: 'reviews', comments: 'reviews',
  name_zh: 'title_zh', title_cn: 'title_zh', chinese_title: 'title_zh', zh_title: 'title_zh',
  desc_zh: 'description_zh', description_cn: 'description_zh', zh_description: 'description_zh',
};

const KNOWN_SET = new Set<string>(KNOWN_FIELDS);

/** "Product Name " → "product_name"; used only to recognise a field, never to rename extras. */
export function normaliseFieldName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s\-./()]+/g, '_').replace(/^_+|_+$/g, '');
}

/** The Product field a column/key stands for, or null when it is not one we know. */
export function knownFieldFor(name: string): KnownField | null {
  if (KNOWN_SET.has(name)) return name as KnownField;
  const normalised = normaliseFieldName(name);
  if (KNOWN_SET.has(normalised)) return normalised as KnownField;
  return ALIASES[normalised] ?? null;
}
