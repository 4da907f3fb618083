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
import { checkServeInputs, parseServeArgs, serveUntilStopped, SERVE_USAGE, type ServeCliArgs } from './serve';

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

  await serveUntilStopped(args);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
