/**
 * Builds the built-in demo catalog (generated/demo/catalog.jsonl + images/*.svg).
 * Usage: tsx scripts/build-demo-catalog.ts [--out DIR] [--force]
 */
import { buildDemoCatalog, DEFAULT_DEMO_DIR } from '../src/core/catalog/demo/build.js';

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const outDir = argValue('--out') ?? DEFAULT_DEMO_DIR;
const started = performance.now();
const result = await buildDemoCatalog({ outDir, force: process.argv.includes('--force') });
const ms = Math.round(performance.now() - started);
console.log(
  result.skipped
    ? `demo catalog up to date: ${result.catalogPath} (${result.products} products, ${ms} ms)`
    : `demo catalog written: ${result.catalogPath} (${result.products} products, ${ms} ms)`,
);
