/**
 * Generates dist/sw.js with workbox-build after `vite build`.
 *
 *  - precache: the app shell (index.html), JS/CSS chunks, manifest + icons, the ONNX Runtime files
 *    the app loads from /ort/, and the models in dist/models/ (instant text encoder, photo CNN
 *    2.3 MB, soundswallower's en-us voice model 9.5 MB) — so the first visit leaves everything
 *    needed for offline text, photo and voice search on the device (voice and photo are used
 *    offline too, often for the first time; a runtime cache would leave them broken there);
 *  - runtime, cache-first: /models/ (big models downloaded later — immutable per revision) and the
 *    other /ort/ runtime files;
 *  - runtime, stale-while-revalidate: /catalog/ (the catalog file and its images), so the catalog
 *    works offline after the first load and still picks up changes when online;
 *  - navigations fall back to the precached index.html;
 *  - skipWaiting + clientsClaim: the first load is controlled without a reload.
 *
 *   tsx scripts/build-sw.ts [--dist DIR]
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSW } from 'workbox-build';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** ONNX Runtime loader + binary that transformers.js 4.3.2 (onnxruntime-web/webgpu) loads. */
export const PRECACHED_ORT_FILES = ['ort/ort-wasm-simd-threaded.asyncify.mjs', 'ort/ort-wasm-simd-threaded.asyncify.wasm'];

/** Cache names, shared with tests that inspect caches. */
export const SW_CACHES = {
  models: 'sou-models',
  catalog: 'sou-catalog',
  ort: 'sou-ort',
} as const;

export interface BuildSwResult {
  swPath: string;
  count: number;
  size: number;
  warnings: string[];
}

export async function buildServiceWorker(distDir = join(REPO_ROOT, 'dist')): Promise<BuildSwResult> {
  if (!existsSync(join(distDir, 'index.html'))) {
    throw new Error(`${distDir}/index.html is missing: run "vite build" before building the service worker`);
  }
  const ortPresent = PRECACHED_ORT_FILES.filter((f) => existsSync(join(distDir, f)));
  const swDest = join(distDir, 'sw.js');
  const result = await generateSW({
    swDest,
    globDirectory: distDir,
    globPatterns: [
      'index.html',
      'manifest.webmanifest',
      'icons/*.{png,svg}',
      'assets/**/*.{js,mjs,css,svg,png,woff2,json,wasm}',
      'models/**/*',
      ...ortPresent,
    ],
    globIgnores: ['sw.js', 'workbox-*.js', '**/*.map'],
    // The ORT binary is ~27 MB; the instant model is a few MB.
    maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
    // Vite's assets/ names carry a content hash: no ?__WB_REVISION__ needed.
    dontCacheBustURLsMatching: /^assets\//,
    skipWaiting: true,
    clientsClaim: true,
    cleanupOutdatedCaches: true,
    inlineWorkboxRuntime: true,
    mode: 'production',
    sourcemap: false,
    navigateFallback: '/index.html',
    navigateFallbackDenylist: [/^\/catalog\//, /^\/models\//, /^\/ort\//, /^\/assets\//],
    runtimeCaching: [
      {
        urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/models/'),
        handler: 'CacheFirst',
        options: { cacheName: SW_CACHES.models, cacheableResponse: { statuses: [200] } },
      },
      {
        urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/ort/'),
        handler: 'CacheFirst',
        options: { cacheName: SW_CACHES.ort, cacheableResponse: { statuses: [200] } },
      },
      {
        urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/catalog/'),
        handler: 'StaleWhileRevalidate',
        options: { cacheName: SW_CACHES.catalog, cacheableResponse: { statuses: [200] } },
      },
    ],
  });
  return { swPath: swDest, count: result.count, size: result.size, warnings: result.warnings };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const distFlag = process.argv.indexOf('--dist');
  const dist = distFlag >= 0 ? resolve(process.argv[distFlag + 1]!) : join(REPO_ROOT, 'dist');
  const started = performance.now();
  buildServiceWorker(dist)
    .then((result) => {
      for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
      process.stdout.write(
        `service worker written: ${result.swPath} (${(statSync(result.swPath).size / 1024).toFixed(1)} KiB), ` +
          `precaching ${result.count} files, ${(result.size / 1024 / 1024).toFixed(1)} MiB, ` +
          `${Math.round(performance.now() - started)} ms\n`,
      );
    })
    .catch((error: unknown) => {
      process.stderr.write(`building the service worker failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
