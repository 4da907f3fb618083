/**
 * Writes the demo catalog to disk: `<outDir>/catalog.jsonl` and `<outDir>/images/<id>.svg`.
 * Node only (uses node:fs) — the browser bundle must import ./generate.ts, never this file.
 * Skips writing when the files on disk already hold exactly what the generator makes now, so
 * `npm run assets` is cheap to run before every dev/build.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stableHash } from '../fingerprint.js';
import { serializeCatalogJsonl } from '../serialize.js';
import { DEMO_CATALOG_SEED, generateDemoCatalog } from './generate.js';

export const DEFAULT_DEMO_DIR = 'generated/demo';
const STAMP_FILE = 'demo-catalog.stamp.json';

export interface BuildDemoCatalogOptions {
  /** Folder to write into; default `generated/demo` (relative to the working directory). */
  outDir?: string;
  seed?: number;
  /** Rewrite even when the files look up to date. */
  force?: boolean;
}

export interface BuildDemoCatalogResult {
  catalogPath: string;
  products: number;
  /** True when nothing was written because the files were already up to date. */
  skipped: boolean;
}

interface Stamp {
  seed: number;
  products: number;
  contentHash: string;
}

function readStamp(path: string): Stamp | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Stamp;
  } catch {
    return null;
  }
}

export async function buildDemoCatalog(options: BuildDemoCatalogOptions = {}): Promise<BuildDemoCatalogResult> {
  const outDir = options.outDir ?? DEFAULT_DEMO_DIR;
  const seed = options.seed ?? DEMO_CATALOG_SEED;
  const catalogPath = join(outDir, 'catalog.jsonl');
  const imagesDir = join(outDir, 'images');
  const stampPath = join(outDir, STAMP_FILE);

  // Generating in memory takes milliseconds; hashing the result (rather than trusting a version
  // number) means any change to the generator's code or data makes the files count as stale.
  const { products, images } = generateDemoCatalog(seed);
  const jsonl = serializeCatalogJsonl(products);
  let imageText = '';
  for (const [id, svg] of images) imageText += id + '\n' + svg;
  const contentHash = stableHash(jsonl) + stableHash(imageText);

  const stamp = readStamp(stampPath);
  const upToDate =
    !options.force &&
    stamp !== null &&
    stamp.seed === seed &&
    stamp.contentHash === contentHash &&
    existsSync(catalogPath) &&
    products.every((p) => existsSync(join(outDir, p.image)));
  if (upToDate) return { catalogPath, products: products.length, skipped: true };

  mkdirSync(imagesDir, { recursive: true });
  const wanted = new Set<string>();
  for (const [id, svg] of images) {
    const file = `${id}.svg`;
    wanted.add(file);
    writeFileSync(join(imagesDir, file), svg);
  }
  // Pictures of products the generator no longer makes would only confuse a reader of the folder.
  for (const file of readdirSync(imagesDir)) {
    if (file.endsWith('.svg') && !wanted.has(file)) rmSync(join(imagesDir, file));
  }
  // Write then rename, so a server reading the catalog never sees half a file.
  const partial = catalogPath + '.partial';
  writeFileSync(partial, jsonl);
  renameSync(partial, catalogPath);
  const newStamp: Stamp = { seed, products: products.length, contentHash };
  writeFileSync(stampPath, JSON.stringify(newStamp, null, 2) + '\n');
  return { catalogPath, products: products.length, skipped: false };
}
