/**
 * Inputs of the benchmark (Node only): the base catalog (real Luma catalog from ../shared, or the
 * demo catalog when absent), its embeddings and the query set with precomputed query vectors.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCatalog } from '../../src/core/catalog';
import { productEmbeddingText } from '../../src/core/search/embeddingText';
import type { Product } from '../../src/core/types';
import { randomUnitVectors } from './synth';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHARED = resolve(REPO_ROOT, '..', 'shared', 'data');
const LUMA = join(SHARED, 'luma', 'catalog.jsonl');
const DEMO = join(REPO_ROOT, 'generated', 'demo', 'catalog.jsonl');
export const INSTANT_ENCODER = 'sou/instant-text-encoder';

/** Used when ../shared is absent: everyday shopping queries, English and Chinese. */
const FALLBACK_QUERIES = [
  'black jacket', 'running shoes', 'yoga mat', 'red dress', 'wireless earbuds', 'water bottle', 'men hoodie',
  'women sneakers size 8', 'leather wallet', 'coffee mug', 'table lamp', 'rain jacket waterproof', 'kids t-shirt',
  'backpack for laptop', 'sunglasses', 'smartwatch', 'tent for 2 people', 'dumbbells 10 kg', 'face serum',
  'warm winter coat', 'blue jeans slim', 'cheap headphones', 'gift for dad', '红色连衣裙', '男士夹克', '跑步鞋', '瑜伽垫',
  '黑色背包', '无线耳机', '保温杯',
];

export interface BaseData {
  source: string;
  products: Product[];
  queries: string[];
}

function readTsvColumn(path: string, column: number, skipHeader = false): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .slice(skipHeader ? 1 : 0)
    .map((line) => line.split('\t')[column]?.trim() ?? '')
    .filter((s) => s.length > 0);
}

export async function loadBase(): Promise<BaseData> {
  const useLuma = existsSync(LUMA);
  const file = useLuma ? LUMA : DEMO;
  if (!existsSync(file)) throw new Error(`No catalog for the benchmark: ${DEMO} is missing; run "npm run assets"`);
  const parsed = await parseCatalog(readFileSync(file, 'utf8'), { fileName: 'catalog.jsonl' });
  let queries = FALLBACK_QUERIES;
  const lumaQueries = join(SHARED, 'luma', 'dev', 'queries.tsv');
  const wands = join(SHARED, 'wands', 'queries.tsv');
  if (existsSync(lumaQueries)) {
    // 60 dev queries (en + zh) plus real shopper queries from WANDS, 200 distinct in all.
    const dev = readTsvColumn(lumaQueries, 2);
    const shopper = existsSync(wands) ? readTsvColumn(wands, 1, true) : [];
    queries = [...new Set([...dev, ...shopper])].slice(0, 200);
  }
  return {
    source: useLuma ? `Magento Luma sample data (../shared/data/luma, ${parsed.products.length} items)` : `demo catalog (${parsed.products.length} items; ../shared absent)`,
    products: parsed.products,
    queries,
  };
}

export interface EmbeddedBase {
  vectorSource: string;
  productVectors: Float32Array[];
  queryVectors: Float32Array[];
  dims: number;
}

/**
 * Real embeddings from the instant encoder (products and queries); seeded random unit vectors of
 * the same dimension if the encoder cannot load.
 */
export async function embedBase(base: BaseData): Promise<EmbeddedBase> {
  try {
    const { createTextEncoder } = await import('../../src/embedding/textEncoder');
    const encoder = await createTextEncoder({ modelId: INSTANT_ENCODER });
    const productVectors = await encoder.embed(base.products.map((p) => productEmbeddingText(p)));
    const queryVectors = await encoder.embed(base.queries);
    await encoder.dispose?.();
    return {
      vectorSource: `${INSTANT_ENCODER} embeddings of the base items (${encoder.dims}-d), perturbed per synthetic copy; queries embedded by the same encoder`,
      productVectors,
      queryVectors,
      dims: encoder.dims,
    };
  } catch (error) {
    const dims = 100;
    return {
      vectorSource: `seeded random unit vectors (${dims}-d): the instant encoder did not load (${(error as Error).message})`,
      productVectors: randomUnitVectors(base.products.length, dims, 11),
      queryVectors: randomUnitVectors(base.queries.length, dims, 12),
      dims,
    };
  }
}
