/**
 * Small dependency-free static server for the built app.
 *
 *   npm run serve -- [--port N] [--host H] [--catalog PATH/catalog.jsonl] [--models-root DIR ...] [--dist DIR]
 *
 * Routes:
 *   /catalog/catalog.jsonl  the chosen catalog file (default: the built demo catalog in generated/demo)
 *   /catalog/<file>         files beside the catalog file (its images), resolved relative to that file
 *   /models/<path>          dist/models first, then each --models-root, then the repo's models/ folder
 *   everything else         dist/, with index.html as the fallback for navigations (single-page app)
 *
 * `--port 0` picks a free port; the chosen URL is always printed as "sou is running at URL".
 */
import { createReadStream, existsSync, realpathSync, statSync, type Stats } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_DIST_DIR = join(REPO_ROOT, 'dist');
export const DEFAULT_CATALOG = join(REPO_ROOT, 'generated', 'demo', 'catalog.jsonl');
export const DEFAULT_PORT = 5173;

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonl': 'application/x-ndjson; charset=utf-8',
  '.ndjson': 'application/x-ndjson; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.bin': 'application/octet-stream',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wav': 'audio/wav',
};

export interface ServeOptions {
  /** 0 = any free port. */
  port?: number;
  host?: string;
  distDir?: string;
  /** Path of the catalog file served as /catalog/catalog.jsonl; its folder serves the images. */
  catalogPath?: string;
  /** Extra folders searched for /models/ requests after dist/models. */
  modelRoots?: string[];
  /** Also search the repo's models/ folder (downloaded models) last. Default true. */
  includeRepoModels?: boolean;
  /**
   * Send Cross-Origin-Opener-Policy/Embedder-Policy so the page is cross-origin isolated
   * (SharedArrayBuffer → multi-threaded WASM). Off by default: single-threaded ONNX Runtime is
   * enough for the small encoders, and isolation is not needed for anything else.
   */
  crossOriginIsolation?: boolean;
  /** Log each request to stderr. */
  verbose?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

interface Resolved {
  file: string;
  stats: Stats;
}

/** Folder → its real path, so symlinks cannot lead a request outside it. */
function realRoot(dir: string): string | null {
  try {
    return realpathSync(dir);
  } catch {
    return null;
  }
}

/**
 * Resolves a URL path below a root folder, refusing anything that escapes it (.., encoded
 * slashes, NUL bytes, symlinks pointing elsewhere) and hidden files.
 */
export function resolveInside(root: string, urlPath: string): Resolved | null {
  const rootReal = realRoot(root);
  if (rootReal === null) return null;
  if (urlPath.includes('\0') || urlPath.includes('\\')) return null;
  const segments = urlPath.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.' || s.startsWith('.'))) return null;
  const candidate = resolve(rootReal, ...segments);
  if (candidate !== rootReal && !candidate.startsWith(rootReal + sep)) return null;
  let real: string;
  try {
    real = realpathSync(candidate);
  } catch {
    return null;
  }
  if (real !== rootReal && !real.startsWith(rootReal + sep)) return null;
  const stats = statSync(real);
  if (!stats.isFile()) return null;
  return { file: real, stats };
}

function decodePath(rawUrl: string): string | null {
  const pathname = rawUrl.split('?')[0]!.split('#')[0]!;
  try {
    const decoded = decodeURIComponent(pathname);
    // An encoded slash would let one "segment" carry a path; treat it as hostile.
    if (/%2f|%5c/i.test(pathname)) return null;
    return decoded;
  } catch {
    return null;
  }
}

function securityHeaders(res: ServerResponse, isolate: boolean): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  // frame-ancestors cannot be set from a <meta> CSP; the rest of the policy lives in index.html.
  res.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(self), microphone=(self), geolocation=(), payment=()');
  if (isolate) {
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
  }
}

function cacheControlFor(urlPath: string): string {
  // Vite puts content-hashed files under /assets/: safe to keep forever.
  if (urlPath.startsWith('/assets/')) return 'public, max-age=31536000, immutable';
  // Everything else (index.html, sw.js, manifest, catalog, models) must be revalidated so a
  // new build or a changed catalog is picked up; ETags make that cheap.
  return 'no-cache';
}

function sendFile(req: IncomingMessage, res: ServerResponse, target: Resolved, urlPath: string): void {
  const etag = `W/"${target.stats.size.toString(16)}-${Math.floor(target.stats.mtimeMs).toString(16)}"`;
  const type = MIME_TYPES[extname(target.file).toLowerCase()] ?? 'application/octet-stream';
  res.setHeader('Content-Type', type);
  res.setHeader('ETag', etag);
  res.setHeader('Last-Modified', target.stats.mtime.toUTCString());
  res.setHeader('Cache-Control', cacheControlFor(urlPath));
  if (urlPath === '/sw.js') res.setHeader('Service-Worker-Allowed', '/');
  if (req.headers['if-none-match'] === etag) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = 200;
  res.setHeader('Content-Length', String(target.stats.size));
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(target.file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

function sendError(res: ServerResponse, status: number, message: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(message + '\n');
}

/** True when a request is a page navigation (gets index.html for unknown paths). */
function wantsHtml(req: IncomingMessage, urlPath: string): boolean {
  if (req.headers['sec-fetch-mode'] === 'navigate') return true;
  const accept = req.headers.accept ?? '';
  return accept.includes('text/html') && extname(urlPath) === '';
}

export function createRequestHandler(options: ServeOptions = {}) {
  const distDir = resolve(options.distDir ?? DEFAULT_DIST_DIR);
  const catalogPath = resolve(options.catalogPath ?? DEFAULT_CATALOG);
  const catalogDir = dirname(catalogPath);
  const modelRoots = [
    join(distDir, 'models'),
    ...(options.modelRoots ?? []).map((r) => resolve(r)),
    ...(options.includeRepoModels === false ? [] : [join(REPO_ROOT, 'models')]),
  ];
  const isolate = options.crossOriginIsolation === true;

  return (req: IncomingMessage, res: ServerResponse): void => {
    securityHeaders(res, isolate);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendError(res, 405, 'Method not allowed');
      return;
    }
    const urlPath = decodePath(req.url ?? '/');
    if (urlPath === null) {
      sendError(res, 400, 'Bad request path');
      return;
    }
    if (options.verbose) process.stderr.write(`${req.method} ${urlPath}\n`);

    if (urlPath === '/catalog/catalog.jsonl') {
      if (!existsSync(catalogPath)) {
        sendError(res, 404, `Catalog not found at ${catalogPath}: run "npm run assets" or pass --catalog PATH`);
        return;
      }
      const stats = statSync(catalogPath);
      sendFile(req, res, { file: catalogPath, stats }, urlPath);
      return;
    }
    if (urlPath.startsWith('/catalog/')) {
      const target = resolveInside(catalogDir, urlPath.slice('/catalog/'.length));
      if (target) sendFile(req, res, target, urlPath);
      else sendError(res, 404, 'Not found');
      return;
    }
    if (urlPath.startsWith('/models/')) {
      const rel = urlPath.slice('/models/'.length);
      for (const root of modelRoots) {
        const target = resolveInside(root, rel);
        if (target) {
          sendFile(req, res, target, urlPath);
          return;
        }
      }
      sendError(res, 404, 'Model file not found');
      return;
    }

    const asset = resolveInside(distDir, urlPath === '/' ? 'index.html' : urlPath);
    if (asset) {
      sendFile(req, res, asset, urlPath);
      return;
    }
    if (wantsHtml(req, urlPath)) {
      const index = resolveInside(distDir, 'index.html');
      if (index) {
        sendFile(req, res, index, '/index.html');
        return;
      }
      sendError(res, 503, `The app is not built (no ${join(distDir, 'index.html')}): run "npm run build"`);
      return;
    }
    sendError(res, 404, 'Not found');
  };
}

/** Starts the server; resolves once it listens. */
export function startServer(options: ServeOptions = {}): Promise<RunningServer> {
  const handler = createRequestHandler(options);
  const server = createServer(handler);
  const host = options.host ?? '127.0.0.1';
  // Keep-alive sockets would keep close() waiting after a test stops the server.
  server.keepAliveTimeout = 1000;
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      // "localhost" is a secure context, which service workers and the install prompt need.
      const url = `http://localhost:${port}`;
      resolvePromise({
        url,
        port,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

export interface ServeCliArgs extends ServeOptions {
  help: boolean;
}

/**
 * Relative paths on the command line are relative to where the user typed the command: npm runs
 * scripts in the package root but reports the caller's folder as INIT_CWD.
 */
function userPath(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

/** Parses the command-line flags shared by serve.ts and start.ts. */
export function parseServeArgs(argv: string[]): ServeCliArgs {
  const args: ServeCliArgs = { help: false, modelRoots: [] };
  const envPort = process.env.PORT;
  if (envPort !== undefined && envPort !== '') args.port = Number(envPort);
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const [name, inline] = flag.includes('=') ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)] : [flag, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--port':
        args.port = Number(value());
        break;
      case '--host':
        args.host = value();
        break;
      case '--catalog':
        args.catalogPath = userPath(value());
        break;
      case '--models-root':
        args.modelRoots!.push(userPath(value()));
        break;
      case '--dist':
        args.distDir = userPath(value());
        break;
      case '--no-repo-models':
        args.includeRepoModels = false;
        break;
      case '--isolate':
        args.crossOriginIsolation = true;
        break;
      case '--verbose':
        args.verbose = true;
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        throw new Error(`Unknown option ${flag} (try --help)`);
    }
  }
  if (args.port !== undefined && (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535)) {
    throw new Error(`--port must be a whole number from 0 to 65535, got ${args.port}`);
  }
  return args;
}

export const SERVE_USAGE = `Usage: npm run serve -- [options]
  --port N            port to listen on (default $PORT or ${DEFAULT_PORT}; 0 = any free port)
  --host H            interface to bind (default 127.0.0.1)
  --catalog PATH      catalog file served as /catalog/catalog.jsonl; images resolve beside it
                      (default generated/demo/catalog.jsonl)
  --models-root DIR   extra folder for /models/ (repeatable), searched after dist/models
  --no-repo-models    do not fall back to the repo's models/ folder
  --dist DIR          built app folder (default dist/)
  --isolate           send COOP/COEP headers (cross-origin isolation for threaded WASM)
  --verbose           log every request`;

/** Checks the inputs and prints why the server cannot serve them, before listening. */
export function checkServeInputs(options: ServeOptions): string[] {
  const problems: string[] = [];
  const dist = resolve(options.distDir ?? DEFAULT_DIST_DIR);
  if (!existsSync(join(dist, 'index.html'))) problems.push(`No built app in ${dist}: run "npm run build" first.`);
  const catalog = resolve(options.catalogPath ?? DEFAULT_CATALOG);
  if (!existsSync(catalog)) problems.push(`Catalog file ${catalog} does not exist: run "npm run assets" or pass --catalog PATH.`);
  for (const root of options.modelRoots ?? []) {
    if (!existsSync(root)) problems.push(`Models root ${root} does not exist.`);
  }
  return problems;
}

async function main(): Promise<void> {
  let args: ServeCliArgs;
  try {
    args = parseServeArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${SERVE_USAGE}\n`);
    process.exit(2);
  }
  if (args.help) {
    process.stdout.write(SERVE_USAGE + '\n');
    return;
  }
  const problems = checkServeInputs(args);
  for (const p of problems) process.stderr.write(`warning: ${p}\n`);
  await serveUntilStopped(args);
}

/**
 * Starts the server, prints where it runs (the line tests and users look for) and closes it on
 * Ctrl-C / SIGTERM. A busy port ends the process with a message saying what to do.
 */
export async function serveUntilStopped(args: ServeCliArgs): Promise<void> {
  const running = await startServer(args).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') {
      process.stderr.write(`Port ${args.port ?? DEFAULT_PORT} is in use: pass --port N (or PORT=N), or --port 0 for any free port.\n`);
      process.exit(1);
    }
    throw error;
  });
  process.stdout.write(`sou is running at ${running.url}\n`);
  process.stdout.write(`catalog: ${resolve(args.catalogPath ?? DEFAULT_CATALOG)}\n`);
  const stop = (): void => {
    void running.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`sou server failed: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
