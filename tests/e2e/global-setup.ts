/**
 * Runs once before the e2e project: makes sure Chromium exists, the app is built and the
 * stand-in model fixtures exist. `npm test` builds first and sets SOU_E2E_NO_BUILD=1; a bare
 * `npm run test:e2e` rebuilds here when dist/ is missing or older than its sources.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { distState } from '../../scripts/build-freshness';
import { CHROMIUM_PATH, DEMO_CATALOG, FIXTURE_MODELS_ROOT, REPO_ROOT } from '../helpers/paths';

function run(command: string, args: string[]): void {
  // vitest sets NODE_ENV=test, which would make vite build development React into dist/.
  const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0) throw new Error(`e2e setup: "${command} ${args.join(' ')}" failed with exit code ${result.status}`);
}

export default function setup(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`e2e tests need Chromium at ${CHROMIUM_PATH}: install it with "apt-get install chromium" or set SOU_CHROMIUM=/path/to/chromium`);
  }
  const standinScript = join(REPO_ROOT, 'scripts', 'build-standin-models.ts');
  if (!existsSync(join(FIXTURE_MODELS_ROOT, 'Xenova')) && existsSync(standinScript)) {
    run(process.execPath, ['--import', 'tsx', standinScript]);
  }
  // CLIP's stand-in lives with the others (every e2e session loads CLIP after the photo index);
  // its own check skips the build when the files are up to date.
  const clipScript = join(REPO_ROOT, 'scripts', 'build-standin-clip.ts');
  if (existsSync(clipScript)) run(process.execPath, ['--import', 'tsx', clipScript, '--out', FIXTURE_MODELS_ROOT]);
  // The Whisper stand-in has a root of its own (tests that want Whisper serve it); quick when up to date.
  const whisperScript = join(REPO_ROOT, 'scripts', 'build-standin-whisper.ts');
  if (existsSync(whisperScript)) run(process.execPath, ['--import', 'tsx', whisperScript]);
  if (process.env.SOU_E2E_NO_BUILD !== '1') {
    const state = distState();
    if (state.stale) {
      process.stdout.write(`e2e setup: building the app (${state.reason})\n`);
      run('npm', ['run', 'build']);
    }
  }
  if (!existsSync(join(REPO_ROOT, 'dist', 'index.html'))) throw new Error('e2e setup: dist/index.html is missing after the build');
  if (!existsSync(DEMO_CATALOG)) throw new Error(`e2e setup: demo catalog ${DEMO_CATALOG} is missing: run "npm run assets"`);
}
