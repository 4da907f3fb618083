/**
 * The app's IndexedDB database (Dexie 4). Used from the main thread and from both workers
 * (IndexedDB is available in workers), so it must not touch the DOM.
 *
 * Schema versions are append-only: to change a table, add `this.version(n + 1)` with the new
 * store definitions and an `upgrade()` that migrates rows. Never edit an old version's stores.
 */
import Dexie, { type Table } from 'dexie';
import { SouError, type Product } from '../core/types';

export const DB_NAME = 'sou';

/** What the user sees about the active catalog; one row, key `'active'`. */
export interface CatalogMeta {
  key: 'active';
  fingerprint: string;
  /** 'builtin' = served by the app's own server at /catalog/; 'files' = imported by the shop owner. */
  source: 'builtin' | 'files';
  /** A human label: the file names of an import, or the built-in catalog's URL. */
  label: string;
  counts: { products: number; images: number; issues: number };
  importedAt: number;
}

/** A catalog item in the engine's product order (`idx` 0..n-1). */
export interface ProductRow {
  idx: number;
  product: Product;
}

/** An image imported from the shop owner's files; shown through an object URL. */
export interface ImageRow {
  /** The key products refer to (see `IMAGE_KEY_PREFIX`). */
  key: string;
  type: string;
  /** Stored as bytes, not a Blob: some IndexedDB implementations cannot clone Blobs. */
  bytes: ArrayBuffer;
}

/**
 * One chunk of quantized vectors: rows `start .. start+count-1` of the catalog identified by
 * `fingerprint`, embedded by `encoderId`. Chunks let embedding resume after a reload.
 */
export interface VectorChunkRow {
  encoderId: string;
  fingerprint: string;
  start: number;
  count: number;
  dims: number;
  data: Int8Array;
  scales: Float32Array;
  /** Product ids of the rows, so a reordered catalog is never paired with stale vectors. */
  ids: string[];
}

export interface SettingRow {
  key: string;
  value: unknown;
}

/** Slot for on-device personalization (issue 5): interaction events, never leave the device. */
export interface EventRow {
  id?: number;
  ts: number;
  type: string;
  productId?: string;
  query?: string;
  data?: Record<string, unknown>;
}

/**
 * The personal profile (issue 5), one row, key `'profile'`: the exported JSON text of
 * src/core/personal (it carries its own format version and migrations, see personal/io.ts).
 */
export interface PersonalRow {
  key: 'profile';
  json: string;
  savedAt: number;
}

export class SouDatabase extends Dexie {
  meta!: Table<CatalogMeta, string>;
  products!: Table<ProductRow, number>;
  images!: Table<ImageRow, string>;
  vectors!: Table<VectorChunkRow, [string, string, number]>;
  settings!: Table<SettingRow, string>;
  events!: Table<EventRow, number>;
  personal!: Table<PersonalRow, string>;

  constructor(name: string = DB_NAME) {
    super(name);
    this.version(1).stores({
      meta: 'key',
      products: 'idx',
      images: 'key',
      vectors: '[encoderId+fingerprint+start], [encoderId+fingerprint]',
      settings: 'key',
    });
    // Version 2 adds the personalization event log; existing data is kept as is.
    this.version(2).stores({
      events: '++id, ts, type, productId',
    });
    // Version 3 adds the learned personal profile (model + bounded raw event log in one row).
    this.version(3).stores({
      personal: 'key',
    });
  }
}

let shared: SouDatabase | null = null;

/** The database of this JS realm (one per worker / page). */
export function getDb(): SouDatabase {
  if (!shared) shared = new SouDatabase();
  return shared;
}

/** Tests use a fresh database per case. */
export function setDbForTests(db: SouDatabase | null): void {
  shared = db;
}

/** Turns IndexedDB failures into `SouError`s that say what the user can do. */
export function storageError(err: unknown, doing: string): SouError {
  if (err instanceof SouError) return err;
  const name = (err as { name?: string } | null)?.name ?? '';
  const inner = (err as { inner?: { name?: string } } | null)?.inner?.name ?? '';
  const message = err instanceof Error ? err.message : String(err);
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError' || /quota/i.test(message)) {
    return new SouError(
      'STORAGE_QUOTA',
      `Not enough storage space while ${doing}. Free some space (remove other site data or ` +
        'large images from the catalog) and try again; the catalog you had is unchanged.',
      { cause: message },
    );
  }
  if (name === 'MissingAPIError' || name === 'InvalidStateError' || /indexedDB/i.test(message)) {
    return new SouError(
      'STORAGE_UNAVAILABLE',
      `The browser's storage (IndexedDB) is not available while ${doing}. Private browsing modes ` +
        'may block it; open the app in a normal window to keep the catalog offline.',
      { cause: message },
    );
  }
  return new SouError('STORAGE_UNAVAILABLE', `Storage failed while ${doing}: ${message}`, { cause: message });
}

export interface StorageInfo {
  /** Bytes used by this origin, if the browser says. */
  usage: number | null;
  quota: number | null;
  persisted: boolean | null;
}

/** Asks the browser not to evict our data under storage pressure (may be refused silently). */
export async function requestPersistence(): Promise<boolean | null> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!storage?.persist) return null;
  try {
    if (storage.persisted && (await storage.persisted())) return true;
    return await storage.persist();
  } catch {
    return null;
  }
}

export async function storageInfo(): Promise<StorageInfo> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  const info: StorageInfo = { usage: null, quota: null, persisted: null };
  if (!storage) return info;
  try {
    if (storage.estimate) {
      const est = await storage.estimate();
      info.usage = est.usage ?? null;
      info.quota = est.quota ?? null;
    }
    if (storage.persisted) info.persisted = await storage.persisted();
  } catch {
    // Leave unknowns as null: the panel shows "unknown" rather than failing.
  }
  return info;
}
