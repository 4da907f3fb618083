/**
 * Debian's Chromium through playwright-core, one fresh profile per launch, plus two ways of seeing
 * network traffic:
 *  - `collectRequests`: every request the pages, their workers and the service worker make
 *    (Playwright context-level events);
 *  - the egress trap: Chromium is pointed at a local proxy that records and refuses every request
 *    for a host other than localhost (loopback always bypasses the proxy), so nothing can leave the
 *    machine unseen — whoever in the browser makes the request.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Request } from 'playwright-core';
import { CHROMIUM_PATH } from './paths';

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--no-pings',
  '--disable-extensions',
  '--disable-client-side-phishing-detection',
  '--disable-features=AutofillServerCommunication,OptimizationHints,OptimizationGuideModelDownloading,MediaRouter,Translate,SignInProfileCreation,AccountConsistency,DesktopPWAsElidedExtensionsMenu',
];

export interface EgressTrap {
  port: number;
  /** "METHOD url" or "CONNECT host:port" for each request that tried to leave localhost. */
  attempts: string[];
  /** The attempts minus Chromium's own background services (see BROWSER_SERVICE_HOSTS). */
  appAttempts(): string[];
  close(): Promise<void>;
}

/**
 * Hosts Chromium itself contacts in the background (clock sync, component updates, account
 * check) even with background networking disabled. They are the browser's, not the page's: no
 * page, worker or service worker request shows up for them in collectRequests.
 */
export const BROWSER_SERVICE_HOSTS = [
  'clients2.google.com',
  'update.googleapis.com',
  'accounts.google.com',
  'content-autofill.googleapis.com',
  'optimizationguide-pa.googleapis.com',
  'safebrowsingohttpgateway.googleapis.com',
  'redirector.gvt1.com',
];

function attemptHost(attempt: string): string {
  const target = attempt.slice(attempt.indexOf(' ') + 1);
  if (attempt.startsWith('CONNECT ')) return target.replace(/:\d+$/, '');
  try {
    return new URL(target).hostname;
  } catch {
    return target;
  }
}

/** A proxy that answers every request with 403 and remembers it. */
export async function startEgressTrap(): Promise<EgressTrap> {
  const attempts: string[] = [];
  const server: Server = createServer((req, res) => {
    attempts.push(`${req.method} ${req.url}`);
    res.statusCode = 403;
    res.end('sou e2e: network access outside localhost is forbidden');
  });
  server.on('connect', (req, socket) => {
    attempts.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    port,
    attempts,
    appAttempts: () => attempts.filter((a) => !BROWSER_SERVICE_HOSTS.includes(attemptHost(a))),
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

export interface LaunchOptions {
  /** Extra Chromium flags (e.g. fake microphone input). */
  args?: string[];
  locale?: string;
  viewport?: { width: number; height: number } | null;
  /** Grant these permissions on the app origin (e.g. ['microphone']). */
  permissions?: string[];
  /** Route all non-loopback traffic into the egress trap (default true). */
  trapEgress?: boolean;
}

export interface BrowserSession {
  context: BrowserContext;
  /** The first tab of the persistent context. */
  page: Page;
  userDataDir: string;
  egress: EgressTrap | null;
  close(): Promise<void>;
}

const sessions = new Set<BrowserSession>();

/** Launches Chromium with a brand-new profile (no service worker, cache or IndexedDB left over). */
export async function launchBrowser(options: LaunchOptions = {}): Promise<BrowserSession> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'sou-e2e-profile-'));
  const egress = options.trapEgress === false ? null : await startEgressTrap();
  const args = [...CHROMIUM_ARGS, ...(options.args ?? [])];
  if (egress) args.push(`--proxy-server=http://127.0.0.1:${egress.port}`);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args,
    locale: options.locale ?? 'en-US',
    viewport: options.viewport === undefined ? { width: 1280, height: 900 } : options.viewport,
    serviceWorkers: 'allow',
    permissions: options.permissions,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const session: BrowserSession = {
    context,
    page,
    userDataDir,
    egress,
    async close() {
      sessions.delete(session);
      await context.close().catch(() => undefined);
      await egress?.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
  sessions.add(session);
  return session;
}

export async function closeAllBrowsers(): Promise<void> {
  await Promise.all([...sessions].map((s) => s.close()));
}

export interface RequestRecord {
  url: string;
  method: string;
  resourceType: string;
  /** 'service-worker', or 'page' for the page and its dedicated workers (Chromium reports both on the page). */
  source: string;
  failed?: string;
  status?: number;
}

export interface RequestLog {
  records: RequestRecord[];
  urls(): string[];
  /** Requests whose origin is not `origin` (data: and blob: URLs are local and ignored). */
  foreign(origin: string): RequestRecord[];
  /** Requests to `origin` whose path starts with `prefix`. */
  matching(predicate: (url: URL) => boolean): RequestRecord[];
  clear(): void;
  stop(): void;
}

function isLocalScheme(url: string): boolean {
  return /^(data|blob|about|chrome|chrome-extension|devtools):/.test(url);
}

/**
 * Records every request made in the context: pages, their dedicated workers, the service worker
 * (checked: a fetch from a module worker and from the service worker both show up). Listeners sit
 * on the context, so they see tabs and workers opened later too.
 */
export function collectRequests(target: BrowserContext | Page): RequestLog {
  const context = 'context' in target && typeof target.context === 'function' ? (target as Page).context() : (target as BrowserContext);
  const records: RequestRecord[] = [];
  const byRequest = new Map<Request, RequestRecord>();

  const onRequest = (request: Request): void => {
    const source = request.serviceWorker() ? 'service-worker' : 'page';
    const record: RequestRecord = { url: request.url(), method: request.method(), resourceType: request.resourceType(), source };
    records.push(record);
    byRequest.set(request, record);
  };
  const onFinished = (request: Request): void => {
    const record = byRequest.get(request);
    if (!record) return;
    void request
      .response()
      .then((response) => {
        if (response) record.status = response.status();
      })
      .catch(() => undefined);
  };
  const onFailed = (request: Request): void => {
    const record = byRequest.get(request);
    if (record) record.failed = request.failure()?.errorText ?? 'failed';
  };
  context.on('request', onRequest);
  context.on('requestfinished', onFinished);
  context.on('requestfailed', onFailed);

  let stopped = false;
  return {
    records,
    urls: () => records.map((r) => r.url),
    foreign(origin: string) {
      return records.filter((r) => !isLocalScheme(r.url) && new URL(r.url).origin !== origin);
    },
    matching(predicate) {
      return records.filter((r) => !isLocalScheme(r.url) && predicate(new URL(r.url)));
    },
    clear() {
      records.length = 0;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      context.off('request', onRequest);
      context.off('requestfinished', onFinished);
      context.off('requestfailed', onFailed);
    },
  };
}
