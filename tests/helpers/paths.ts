/** Well-known folders the e2e tests and benchmarks use. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST_DIR = join(REPO_ROOT, 'dist');
export const DEMO_CATALOG = join(REPO_ROOT, 'generated', 'demo', 'catalog.jsonl');
/** Tiny random-weight models with the real models' ids, built by scripts/build-standin-models.ts. */
export const FIXTURE_MODELS_ROOT = join(REPO_ROOT, 'tests', '.fixtures', 'models');
/** Real data shared by the project's machines; absent on a user's machine. */
export const SHARED_DATA = resolve(REPO_ROOT, '..', 'shared', 'data');
export const LUMA_CATALOG = join(SHARED_DATA, 'luma', 'catalog.jsonl');
export const CHROMIUM_PATH = process.env.SOU_CHROMIUM ?? '/usr/bin/chromium';

export function hasSharedLuma(): boolean {
  return existsSync(LUMA_CATALOG);
}

/** The reason printed when a test is skipped because ../shared is absent. */
export const SHARED_ABSENT_REASON = `skipped: ../shared/data/luma/catalog.jsonl is absent (real data lives beside the repo on project machines only)`;
