/**
 * Generates the built-in bilingual demo catalog in memory: products plus one SVG picture each.
 * Pure and deterministic (seeded PRNG), so it runs in Node, in tests and could run in a worker;
 * writing the files is done by ./build.ts.
 */
import type { Product, Review } from '../../types.js';
import { FEATURES } from './features.js';
import { PALETTE, type ColorKey } from './palette.js';
import { createRng, type Rng } from './prng.js';
import { AUDIENCE_WORDS, BRANDS, PRODUCT_TYPES, type ProductTypeSpec } from './productTypes.js';
import { REVIEWS } from './reviews.js';
import { drawProductSvg } from './silhouettes.js';

export const DEMO_CATALOG_SEED = 20240917;

export interface DemoCatalog {
  products: Product[];
  /** SVG document per product id; the product's `image` is `images/<id>.svg`. */
  images: Map<string, string>;
}

/** Materials that are a formula or a container rather than what the thing is made of. */
const NOT_MADE_OF = /formula|bottle/;

function priceIn(rng: Rng, [min, max]: readonly [number, number]): number {
  const whole = rng.int(min, max);
  // Cheap things end in .99, pricier ones are often round numbers.
  return whole < 100 || rng.next() < 0.5 ? whole - 0.01 : whole;
}

function sizeRange(rng: Rng, sizes: readonly string[] | null): string[] | undefined {
  if (!sizes) return undefined;
  if (sizes.length <= 3) return sizes.slice();
  const length = rng.int(Math.min(4, sizes.length), sizes.length);
  const start = rng.int(0, sizes.length - length);
  return sizes.slice(start, start + length);
}

function pickReviews(rng: Rng, spec: ProductTypeSpec, rating: number): Review[] {
  const pool = REVIEWS[spec.reviews];
  const ranked = pool
    .map((template) => ({ template, distance: Math.abs(template.rating - rating) + rng.next() * 1.5 }))
    .sort((x, y) => x.distance - y.distance);
  const count = rng.int(2, 3);
  let lang: 'en' | 'zh' = rng.next() < 0.5 ? 'en' : 'zh';
  const reviews: Review[] = [];
  for (const { template } of ranked.slice(0, count)) {
    reviews.push({ rating: template.rating, text: lang === 'en' ? template.en : template.zh, lang });
    lang = lang === 'en' ? 'zh' : 'en';
  }
  return reviews;
}

function audienceSentence(spec: ProductTypeSpec): [string, string] {
  switch (spec.audience) {
    case 'women':
      return [' Designed for women.', '女款设计。'];
    case 'men':
      return [' Designed for men.', '男款设计。'];
    case 'kids':
      return [' Made for kids.', '专为儿童设计。'];
    default:
      return ['', ''];
  }
}

function makeGroup(rng: Rng, spec: ProductTypeSpec, index: number, style: readonly [string, string]): Product[] {
  const department = spec.category.split('/')[0];
  const brand = rng.pick(BRANDS[department] ?? ['Sou Basics']);
  const material = rng.pick(spec.materials);
  const colors: ColorKey[] = rng.sample(spec.colors, rng.int(2, 4));
  const price = priceIn(rng, spec.price);
  const sizes = sizeRange(rng, spec.sizes);
  const rating = Math.round((3.4 + rng.next() * 1.5) * 10) / 10;
  const reviews = pickReviews(rng, spec, rating);
  const features = rng.sample(FEATURES[spec.family], rng.int(2, 3));
  const group = `${spec.code}${String(index + 1).padStart(2, '0')}`;
  const [audienceEn, audienceZh] = spec.audience ? AUDIENCE_WORDS[spec.audience] : ['', ''];
  const [forEn, forZh] = audienceSentence(spec);
  const name = `${style[0]} ${spec.noun[0]}`;
  const nameZh = `${style[1]}${spec.noun[1]}`;
  const made = NOT_MADE_OF.test(material[0]);
  // "Jeans come in", "Dress comes in": plural nouns end in a single s.
  const verb = /[^s]s$/.test(spec.noun[0]) ? 'come' : 'comes';

  return colors.map((key) => {
    const color = PALETTE[key];
    const id = `${group}-${color.en.replace(/\s+/g, '')}`;
    const titleEn = `${brand} ${audienceEn ? audienceEn + ' ' : ''}${name} (${color.en})`;
    const titleZh = `${brand} ${audienceZh}${nameZh}（${color.zh}）`;
    const description =
      `The ${brand} ${name} ${verb} in ${color.en.toLowerCase()} and ` +
      (made ? `${verb === 'come' ? 'have' : 'has'} a ${material[0]}.` : `${verb === 'come' ? 'are' : 'is'} made from ${material[0]}.`) +
      forEn + ' ' + features.map((f) => f[0]).join(' ');
    const descriptionZh =
      `这款${color.zh}${nameZh}采用${material[1]}${made ? '' : '制成'}。` + forZh + features.map((f) => f[1]).join('');
    const product: Product = {
      id,
      group,
      title: titleEn,
      title_zh: titleZh,
      description,
      description_zh: descriptionZh,
      category: spec.category,
      brand,
      color: color.en,
      material: material[0],
      ...(sizes ? { sizes } : {}),
      price,
      currency: 'USD',
      rating,
      reviews,
      image: `images/${id}.svg`,
    };
    return product;
  });
}

/** Builds the whole demo catalog. Same seed → byte-identical products and pictures. */
export function generateDemoCatalog(seed: number = DEMO_CATALOG_SEED): DemoCatalog {
  const rng = createRng(seed);
  const products: Product[] = [];
  const images = new Map<string, string>();
  for (const spec of PRODUCT_TYPES) {
    const styles = rng.sample(spec.styles, spec.styles.length);
    for (let i = 0; i < spec.models; i++) {
      const style = styles[i % styles.length];
      for (const product of makeGroup(rng, spec, i, style)) {
        products.push(product);
        const hex = PALETTE[colorKeyOf(product.color)].hex;
        images.set(product.id, drawProductSvg(spec.shape, hex, product.title));
      }
    }
  }
  return { products, images };
}

const COLOR_BY_NAME = new Map<string, ColorKey>(
  (Object.keys(PALETTE) as ColorKey[]).map((key) => [PALETTE[key].en, key]),
);

function colorKeyOf(name: string | null): ColorKey {
  const key = name ? COLOR_BY_NAME.get(name) : undefined;
  if (!key) throw new Error(`demo catalog: colour ${String(name)} is not in the palette`);
  return key;
}
