/**
 * Is dist/ older than its sources? Used by `npm start` and the e2e global setup to rebuild only
 * when something changed.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Inputs of `npm run build` (the generated assets have their own idempotent builders). */
const BUILD_INPUTS = ['index.html', 'src', 'workers', 'public', 'vite.config.ts', 'package.json', 'scripts/build-sw.ts', 'models/manifest.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export interface DistState {
  built: boolean;
  stale: boolean;
  reason: string;
}

export function distState(root = REPO_ROOT): DistState {
  const marker = join(root, 'dist', 'sw.js');
  const index = join(root, 'dist', 'index.html');
  if (!existsSync(index)) return { built: false, stale: true, reason: 'dist/index.html is missing' };
  if (!existsSync(marker)) return { built: false, stale: true, reason: 'dist/sw.js is missing (build did not finish)' };
  const builtAt = Math.min(statSync(index).mtimeMs, statSync(marker).mtimeMs);
  for (const input of BUILD_INPUTS) {
    if (newestMtime(join(root, input)) > builtAt) return { built: true, stale: true, reason: `${input} changed since the last build` };
  }
  return { built: true, stale: false, reason: 'up to date' };
}
