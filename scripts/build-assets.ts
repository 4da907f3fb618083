/**
 * `npm run assets`: builds the generated inputs of the app — the demo catalog
 * (generated/demo/catalog.jsonl + images) and the instant text encoder
 * (models/sou/instant-text-encoder/), the photo model (models/sou/photo-cnn/) — and the PWA icons (public/icons/*.png from public/icons/*.svg).
 * Each builder skips work when its output is up to date, so this is fast on a second run.
 *
 *   npm run assets -- [--force]
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDemoCatalog } from '../src/core/catalog/demo/build';
import { buildInstantEncoder } from './build-instant-encoder';
import { buildPhotoCnn, PHOTO_CNN_ID } from './build-photo-cnn';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEMO_DIR = join(REPO_ROOT, 'generated', 'demo');
export const ICON_SOURCE = join(REPO_ROOT, 'public', 'icons', 'icon.svg');
export const MASKABLE_ICON_SOURCE = join(REPO_ROOT, 'public', 'icons', 'icon-maskable.svg');
export const ICON_DIR = join(REPO_ROOT, 'public', 'icons');

/** PNG icons the manifest lists: [source svg, output name, size]. */
const ICONS: Array<[string, string, number]> = [
  [ICON_SOURCE, 'icon-192.png', 192],
  [ICON_SOURCE, 'icon-512.png', 512],
  [MASKABLE_ICON_SOURCE, 'icon-maskable-192.png', 192],
  [MASKABLE_ICON_SOURCE, 'icon-maskable-512.png', 512],
  [ICON_SOURCE, 'apple-touch-icon.png', 180],
];

function isNewer(output: string, input: string): boolean {
  return existsSync(output) && statSync(output).mtimeMs >= statSync(input).mtimeMs;
}

/** Renders the SVG icons to PNG with sharp (installed with transformers.js). */
export async function buildIcons(force = false): Promise<{ written: string[] }> {
  const written: string[] = [];
  const todo = ICONS.filter(([source, name]) => force || !isNewer(join(ICON_DIR, name), source));
  if (todo.length === 0) return { written };
  const { default: sharp } = await import('sharp');
  mkdirSync(ICON_DIR, { recursive: true });
  for (const [source, name, size] of todo) {
    const svg = readFileSync(source);
    // Render at the target size directly (density scales the SVG's 512-unit viewBox).
    const png = await sharp(svg, { density: Math.max(72, (72 * size) / 512) })
      .resize(size, size)
      .png({ compressionLevel: 9 })
      .toBuffer();
    writeFileSync(join(ICON_DIR, name), png);
    written.push(name);
  }
  return { written };
}

export async function buildAssets(options: { force?: boolean; log?: (line: string) => void } = {}): Promise<void> {
  const log = options.log ?? ((line: string) => process.stdout.write(line + '\n'));
  const force = options.force ?? false;

  let started = performance.now();
  const catalog = await buildDemoCatalog({ outDir: DEMO_DIR, force });
  log(
    `demo catalog ${catalog.skipped ? 'up to date' : 'written'}: ${catalog.catalogPath} ` +
      `(${catalog.products} products, ${Math.round(performance.now() - started)} ms)`,
  );

  started = performance.now();
  const encoder = await buildInstantEncoder({ force, log: () => undefined });
  log(
    `instant encoder ${encoder.skipped ? 'up to date' : 'built'}: ${encoder.outDir} ` +
      `(${encoder.vocabSize} tokens, ${Math.round(performance.now() - started)} ms)`,
  );

  started = performance.now();
  const photo = buildPhotoCnn(join(REPO_ROOT, 'models', PHOTO_CNN_ID));
  log(`photo model ${photo.built ? 'built' : 'up to date'}: ${photo.dir} (${Math.round(performance.now() - started)} ms)`);

  started = performance.now();
  const icons = await buildIcons(force);
  log(`icons ${icons.written.length ? `written (${icons.written.join(', ')})` : 'up to date'} (${Math.round(performance.now() - started)} ms)`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildAssets({ force: process.argv.includes('--force') }).catch((error: unknown) => {
    process.stderr.write(`npm run assets failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
