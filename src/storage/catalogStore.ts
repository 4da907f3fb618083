/**
 * Reading and replacing the stored catalog. A replacement is ONE IndexedDB transaction over
 * meta, products, images and vectors: if anything fails (quota, a bad row), the transaction
 * aborts and the catalog that was stored before is left exactly as it was.
 */
import type { Product } from '../core/types';
import { getDb, storageError, type CatalogMeta, type SouDatabase } from './db';

/** Product `image` values with this prefix name an image stored in the `images` table. */
export const IMAGE_KEY_PREFIX = 'sou-image:';

export interface StoredImage {
  key: string;
  type: string;
  bytes: ArrayBuffer;
}

export interface CatalogToStore {
  meta: Omit<CatalogMeta, 'key'>;
  products: Product[];
  images?: StoredImage[];
}

export interface StoredCatalog {
  meta: CatalogMeta;
  products: Product[];
}

export async function readCatalogMeta(db: SouDatabase = getDb()): Promise<CatalogMeta | null> {
  try {
    return (await db.meta.get('active')) ?? null;
  } catch (err) {
    throw storageError(err, 'reading the stored catalog');
  }
}

/** The stored catalog in engine order, or null when nothing was ever imported. */
export async function readCatalog(db: SouDatabase = getDb()): Promise<StoredCatalog | null> {
  try {
    return await db.transaction('r', db.meta, db.products, async () => {
      const meta = await db.meta.get('active');
      if (!meta) return null;
      const rows = await db.products.orderBy('idx').toArray();
      return { meta, products: rows.map((r) => r.product) };
    });
  } catch (err) {
    throw storageError(err, 'reading the stored catalog');
  }
}

/**
 * Replaces the active catalog atomically. Vectors of other catalogs are dropped (they can no
 * longer be used); vectors already stored for the SAME fingerprint are kept, so re-importing an
 * unchanged catalog does not embed it again.
 */
export async function replaceCatalog(input: CatalogToStore, db: SouDatabase = getDb()): Promise<CatalogMeta> {
  const meta: CatalogMeta = { key: 'active', ...input.meta };
  try {
    await db.transaction('rw', [db.meta, db.products, db.images, db.vectors], async () => {
      await db.products.clear();
      await db.images.clear();
      await db.vectors.filter((v) => v.fingerprint !== meta.fingerprint).delete();
      await db.products.bulkAdd(input.products.map((product, idx) => ({ idx, product })));
      if (input.images?.length) await db.images.bulkAdd(input.images.map((i) => ({ ...i })));
      await db.meta.put(meta);
    });
  } catch (err) {
    throw storageError(err, 'saving the catalog');
  }
  return meta;
}

export async function readImage(key: string, db: SouDatabase = getDb()): Promise<Blob | null> {
  const row = await db.images.get(key);
  return row ? new Blob([row.bytes], { type: row.type }) : null;
}
