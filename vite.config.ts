/**
 * Vite build of the sou PWA.
 *  - Workers are ES modules (they import transformers.js and the search core).
 *  - ONNX Runtime's WASM runtime is copied to /ort/ and the generated instant models to /models/,
 *    so the app loads everything from its own origin and never touches a CDN.
 *  - The dev server also serves /catalog/ (the demo catalog, or $SOU_CATALOG), /models/ and /ort/,
 *    mirroring scripts/serve.ts.
 * The service worker is generated after this build by scripts/build-sw.ts.
 */
import { copyFileSync, cpSync, createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const ROOT = dirname(fileURLToPath(import.meta.url));
const ORT_DIST = join(ROOT, 'node_modules', 'onnxruntime-web', 'dist');

/**
 * The ONNX Runtime files the app loads. transformers.js 4.3.2 imports `onnxruntime-web/webgpu`,
 * whose loader is `ort-wasm-simd-threaded.asyncify.{mjs,wasm}` (WASM + WebGPU EPs); the plain
 * `ort-wasm-simd-threaded.{mjs,wasm}` is the smaller WASM-only runtime. The text encoder points
 * `env.backends.onnx.wasm.wasmPaths` at /ort/.
 */
export const ORT_FILES = [
  'ort-wasm-simd-threaded.asyncify.mjs',
  'ort-wasm-simd-threaded.asyncify.wasm',
  'ort-wasm-simd-threaded.mjs',
  'ort-wasm-simd-threaded.wasm',
];

/**
 * soundswallower's en-us acoustic model + dictionary (9.5 MB), the instant voice recogniser's:
 * workers/voice.worker.ts loads it from /models/soundswallower/en-us/ (its SPHINX_MODEL_BASE).
 */
const SPHINX_MODEL_DIR = join(ROOT, 'node_modules', 'soundswallower', 'model');
const SPHINX_MODELS = ['en-us'];

/** Generated or small model files shipped inside the build (big downloaded models are not). */
const BUNDLED_MODEL_PATHS = ['manifest.json', 'sou'];

const MIME: Record<string, string> = {
  '.jsonl': 'application/x-ndjson; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.wasm': 'application/wasm',
  '.mjs': 'text/javascript; charset=utf-8',
  '.onnx': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves files below `root` for URL paths below `prefix`, refusing paths that escape it. */
function staticMount(prefix: string, roots: string[]) {
  return (req: { url?: string }, res: import('node:http').ServerResponse, next: () => void): void => {
    const url = (req.url ?? '').split('?')[0]!;
    if (!url.startsWith(prefix)) return next();
    let rel: string;
    try {
      rel = decodeURIComponent(url.slice(prefix.length));
    } catch {
      return next();
    }
    if (rel.split('/').some((s) => s === '..' || s.startsWith('.')) || rel.includes('\0')) return next();
    for (const root of roots) {
      const file = resolve(root, rel);
      if (!file.startsWith(resolve(root) + sep)) continue;
      if (existsSync(file) && statSync(file).isFile()) {
        res.setHeader('Content-Type', MIME[extname(file).toLowerCase()] ?? 'application/octet-stream');
        res.setHeader('Cache-Control', 'no-cache');
        createReadStream(file).pipe(res);
        return;
      }
    }
    next();
  };
}

function souAssets(): Plugin {
  let outDir = join(ROOT, 'dist');
  return {
    name: 'sou-assets',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      const catalogFile = resolve(process.env.SOU_CATALOG ?? join(ROOT, 'generated', 'demo', 'catalog.jsonl'));
      server.middlewares.use((req, res, next) => {
        if ((req.url ?? '').split('?')[0] === '/catalog/catalog.jsonl' && existsSync(catalogFile)) {
          res.setHeader('Content-Type', MIME['.jsonl']!);
          res.setHeader('Cache-Control', 'no-cache');
          createReadStream(catalogFile).pipe(res);
          return;
        }
        next();
      });
      server.middlewares.use(staticMount('/catalog/', [dirname(catalogFile)]));
      server.middlewares.use(staticMount('/models/soundswallower/', [SPHINX_MODEL_DIR]));
      server.middlewares.use(staticMount('/models/', [join(ROOT, 'models'), join(ROOT, 'tests', '.fixtures', 'models')]));
      server.middlewares.use(staticMount('/ort/', [ORT_DIST]));
    },
    writeBundle() {
      const ortOut = join(outDir, 'ort');
      mkdirSync(ortOut, { recursive: true });
      for (const file of ORT_FILES) {
        const source = join(ORT_DIST, file);
        if (!existsSync(source)) this.error(`onnxruntime-web file ${source} is missing: run "npm ci"`);
        copyFileSync(source, join(ortOut, file));
      }
      for (const rel of BUNDLED_MODEL_PATHS) {
        const source = join(ROOT, 'models', rel);
        if (existsSync(source)) cpSync(source, join(outDir, 'models', rel), { recursive: true });
      }
      for (const model of SPHINX_MODELS) {
        const source = join(SPHINX_MODEL_DIR, model);
        if (!existsSync(source)) this.error(`soundswallower model ${source} is missing: run "npm ci"`);
        cpSync(source, join(outDir, 'models', 'soundswallower', model), { recursive: true, filter: (f) => !f.endsWith('README.txt') });
      }
    },
  };
}

/**
 * onnxruntime-web's bundle mentions its .wasm via `new URL(..., import.meta.url)`, which makes the
 * bundler emit a second, hashed 27 MB copy. The app loads the one in /ort/, so drop the copy.
 */
function dropDuplicateOrtWasm(): Plugin {
  return {
    name: 'sou-drop-duplicate-ort-wasm',
    generateBundle(_options, bundle) {
      for (const [name, chunk] of Object.entries(bundle)) {
        if (chunk.type === 'asset' && /ort-wasm-simd-threaded.*\.wasm$/.test(name)) delete bundle[name];
      }
    },
  };
}

/**
 * soundswallower's web build imports `blob-polyfill`, whose module code reads
 * `document.documentElement` and so throws in the voice worker (no document). Every browser the
 * app supports has Blob, File, FileReader and URL: the polyfill is replaced by the natives.
 */
function nativeBlob(): Plugin {
  const id = '\0sou-native-blob';
  return {
    name: 'sou-native-blob',
    enforce: 'pre',
    resolveId: (source) => (source === 'blob-polyfill' ? id : null),
    load: (loaded) =>
      loaded === id
        ? 'export const Blob = globalThis.Blob;\nexport const File = globalThis.File;\nexport const FileReader = globalThis.FileReader;\nexport const URL = globalThis.URL;\n'
        : null,
  };
}

/**
 * Dev server only: React Fast Refresh injects an inline script that index.html's strict CSP
 * (script-src 'self') would block, so the CSP meta tag is left out while developing.
 */
function devWithoutCspMeta(): Plugin {
  return {
    name: 'sou-dev-without-csp-meta',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[\s\S]*?\/>/, ''),
  };
}

/** Global through which the early boot script hands its search worker to src/client/appClient.ts. */
const EARLY_SEARCH_WORKER_GLOBAL = '__souSearchWorker';

/**
 * Build only: a tiny classic script in <head> starts the search worker before the main bundle has
 * even downloaded, so the worker's download, IndexedDB open and catalog indexing overlap with
 * React's start-up instead of following it (first results wait on the worker). The client adopts
 * that worker; if the client runs first it marks the global taken and the script does nothing.
 */
function earlySearchWorker(): Plugin {
  let base = '/';
  const bootFor = (bundle: Record<string, unknown> | undefined) => {
    const worker = Object.keys(bundle ?? {}).find((name) => /(^|\/)search\.worker-[\w-]+\.js$/.test(name));
    return worker ? { worker, boot: worker.replace(/search\.worker-([\w-]+)\.js$/, 'boot-search-worker-$1.js') } : null;
  };
  return {
    name: 'sou-early-search-worker',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    generateBundle(_options, bundle) {
      const names = bootFor(bundle);
      if (!names) return;
      const g = `self.${EARLY_SEARCH_WORKER_GLOBAL}`;
      const source =
        `if (!('${EARLY_SEARCH_WORKER_GLOBAL}' in self) && typeof Worker === 'function') {\n` +
        `  try {\n` +
        `    ${g} = new Worker(${JSON.stringify(base + names.worker)}, { type: 'module', name: 'sou-search' });\n` +
        // An error before the client adopts the worker would go unheard: the client skips a failed one.
        `    ${g}.addEventListener('error', function () { self.${EARLY_SEARCH_WORKER_GLOBAL}Failed = true; });\n` +
        `  } catch (e) { ${g} = null; }\n` +
        `}\n`;
      this.emitFile({ type: 'asset', fileName: names.boot, source });
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const names = bootFor(ctx.bundle as Record<string, unknown> | undefined);
        if (!names) return [];
        return [{ tag: 'script', attrs: { src: base + names.boot }, injectTo: 'head' }];
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), souAssets(), dropDuplicateOrtWasm(), nativeBlob(), devWithoutCspMeta(), earlySearchWorker()],
  worker: {
    format: 'es',
    plugins: () => [dropDuplicateOrtWasm(), nativeBlob()],
  },
  // The dev server pre-bundles dependencies with esbuild/rolldown outside the plugins above.
  optimizeDeps: { exclude: ['soundswallower'] },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // transformers.js is ~1 MB; it lives in the embedding worker's chunk, not the entry chunk.
    chunkSizeWarningLimit: 2000,
    assetsInlineLimit: 0,
  },
  server: {
    port: Number(process.env.PORT ?? 5173),
    strictPort: false,
  },
  preview: {
    port: Number(process.env.PORT ?? 5173),
  },
});
