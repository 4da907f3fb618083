/**
 * `npm start -- [--catalog PATH] [serve options]`: builds the app when dist/ is missing or older
 * than its sources, then serves it (see scripts/serve.ts for the options).
 * Port: --port N, else $PORT, else 5173. SOU_SKIP_BUILD=1 serves an existing dist/ without the
 * freshness check.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { distState } from './build-freshness';
import { checkServeInputs, DEFAULT_CATALOG, parseServeArgs, SERVE_USAGE, startServer, type ServeCliArgs } from './serve';

async function main(): Promise<void> {
  let args: ServeCliArgs;
  try {
    args = parseServeArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${SERVE_USAGE.replace('npm run serve', 'npm start')}\n`);
    process.exit(2);
  }
  if (args.help) {
    process.stdout.write(SERVE_USAGE.replace('npm run serve', 'npm start') + '\n');
    return;
  }

  const state = distState();
  // SOU_SKIP_BUILD=1 serves dist/ as it is (tests that just built it; a read-only checkout).
  if (state.stale && !(process.env.SOU_SKIP_BUILD === '1' && state.built)) {
    process.stdout.write(`Building sou (${state.reason})…\n`);
    const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', env: process.env });
    if (build.status !== 0) {
      process.stderr.write(`The build failed (exit code ${build.status}); fix the error above and run "npm start" again.\n`);
      process.exit(1);
    }
  }

  const problems = checkServeInputs(args);
  if (problems.length > 0) {
    for (const p of problems) process.stderr.write(`${p}\n`);
    process.exit(1);
  }

  const running = await startServer(args).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') {
      process.stderr.write(`Port ${args.port ?? 5173} is in use: pass --port N (or PORT=N), or --port 0 for any free port.\n`);
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

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
