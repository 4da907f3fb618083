/**
 * Starts `scripts/serve.ts` as a child process (exactly what `npm run serve` runs), so a test can
 * stop it — e.g. to prove the app works offline — without touching the test process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { DEMO_CATALOG, FIXTURE_MODELS_ROOT, REPO_ROOT } from './paths';

export interface ServerOptions {
  /** Catalog file served at /catalog/catalog.jsonl (default: the built demo catalog). */
  catalog?: string;
  /** Extra /models/ roots; default the stand-in model fixtures. Pass [] for none. */
  modelRoots?: string[];
  /** Fixed port (e.g. to restart on the same origin); default any free port. */
  port?: number;
  /** Further serve.ts flags. */
  extraArgs?: string[];
}

export interface SouServer {
  /** http://localhost:PORT (no trailing slash). */
  url: string;
  port: number;
  origin: string;
  options: ServerOptions;
  /** Stops the server and waits until the port is closed. Safe to call twice. */
  stop(): Promise<void>;
  readonly stopped: boolean;
  /** Everything the server printed, for failure messages. */
  output(): string;
}

const running = new Set<SouServer>();

export async function startServer(options: ServerOptions = {}): Promise<SouServer> {
  const args = [
    '--import',
    'tsx',
    join(REPO_ROOT, 'scripts', 'serve.ts'),
    '--port',
    String(options.port ?? 0),
    '--catalog',
    options.catalog ?? DEMO_CATALOG,
    // The tests must not depend on whatever real models a developer downloaded into models/.
    '--no-repo-models',
  ];
  for (const root of options.modelRoots ?? [FIXTURE_MODELS_ROOT]) args.push('--models-root', root);
  args.push(...(options.extraArgs ?? []));

  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: '' },
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`sou server did not start within 30 s:\n${output}`)), 30_000);
    const onData = (): void => {
      const match = /sou is running at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolveUrl(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sou server exited with code ${code} before listening:\n${output}`));
    });
  });

  let stopped = false;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const server: SouServer = {
    url,
    port: Number(new URL(url).port),
    origin: new URL(url).origin,
    options,
    get stopped() {
      return stopped;
    },
    output: () => output,
    async stop() {
      if (stopped) return;
      stopped = true;
      running.delete(server);
      child.kill('SIGTERM');
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killTimer);
    },
  };
  running.add(server);
  return server;
}

/** Stops one server, or every server this test file started when called without one. */
export async function stopServer(server?: SouServer): Promise<void> {
  if (server) {
    await server.stop();
    return;
  }
  await Promise.all([...running].map((s) => s.stop()));
}

/**
 * A handle for a server a test started some other way (e.g. `npm start`), so `openApp({ server })`
 * can use it. `stop` kills `child`'s process group when given, else does nothing.
 */
export function attachServer(url: string, output: () => string = () => '', child?: ChildProcess): SouServer {
  let stopped = false;
  const parsed = new URL(url);
  return {
    url: parsed.origin,
    port: Number(parsed.port),
    origin: parsed.origin,
    options: {},
    get stopped() {
      return stopped;
    },
    output,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (child?.pid !== undefined && child.exitCode === null) {
        const exited = new Promise<void>((done) => child.once('exit', () => done()));
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          child.kill('SIGTERM');
        }
        await exited;
      }
    },
  };
}
