/**
 * Writes products back out as JSON Lines, the catalog's on-disk format. Fields kept in `extra`
 * (unknown columns of the imported file) are written back as top-level fields, so an import
 * followed by an export keeps what the shop owner had.
 */
import type { Product } from '../types.js';

/** One product as the plain object written on its JSONL line (extra fields merged back in). */
export function productToRecord(product: Product): Record<string, unknown> {
  const { extra, ...known } = product;
  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(known)) {
    if (value !== undefined) record[key] = value;
  }
  if (extra) {
    for (const [key, value] of Object.entries(extra)) {
      // A known field always wins: extra only ever holds names the validator did not know.
      if (!(key in record) && value !== undefined) record[key] = value;
    }
  }
  return record;
}

export function serializeCatalogJsonl(products: readonly Product[]): string {
  let out = '';
  for (const product of products) out += JSON.stringify(productToRecord(product)) + '\n';
  return out;
}
