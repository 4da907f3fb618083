/**
 * `npm test`: builds everything the tests need, runs both vitest projects (unit + e2e), and ends
 * with one summary line `N passed, N failed[, N skipped]`; exits nonzero on any failure.
 *
 * Steps: stand-in model fixtures (scripts/build-standin-models.ts) → `npm run build` (assets,
 * typecheck, vite build, service worker) → `vitest run` with the readable and the JSON reporter
 * (test-results/vitest.json). If the build fails, the unit tests still run and the build counts
 * as one failure (the e2e tests need the built app and are not run).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_DIR = join(REPO_ROOT, 'test-results');
const JSON_REPORT = join(RESULTS_DIR, 'vitest.json');

interface AssertionResult {
  fullName: string;
  title: string;
  ancestorTitles: string[];
  status: 'passed' | 'failed' | 'skipped' | 'pending' | 'todo' | 'disabled';
  failureMessages: string[];
}

interface FileResult {
  name: string;
  status: 'passed' | 'failed' | 'skipped' | 'pending';
  message: string;
  assertionResults: AssertionResult[];
}

interface JsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: FileResult[];
}

function step(title: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  process.stdout.write(`\n=== ${title}: ${command} ${args.join(' ')}\n`);
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: 'inherit', env });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  process.stdout.write(`=== ${title} ${ok ? 'done' : `FAILED (exit code ${result.status ?? result.signal})`} in ${seconds} s\n`);
  return ok;
}

export interface Tally {
  passed: number;
  failed: number;
  skipped: number;
  /** Files that failed without a failing test (import error, hook failure). */
  brokenFiles: string[];
  skippedNotes: string[];
}

/** Counts a vitest JSON report; a file that failed outside its tests counts as one failure. */
export function tally(report: JsonReport): Tally {
  const t: Tally = { passed: 0, failed: 0, skipped: 0, brokenFiles: [], skippedNotes: [] };
  for (const file of report.testResults) {
    const rel = relative(REPO_ROOT, file.name);
    let fileFailed = 0;
    const skippedTitles = new Set<string>();
    for (const a of file.assertionResults) {
      if (a.status === 'passed') t.passed++;
      else if (a.status === 'failed') {
        t.failed++;
        fileFailed++;
      } else {
        t.skipped++;
        skippedTitles.add(a.ancestorTitles.join(' > ') || a.title);
      }
    }
    if (file.status === 'failed' && fileFailed === 0) {
      t.failed++;
      t.brokenFiles.push(`${rel}: ${file.message.split('\n')[0] ?? 'failed'}`);
    }
    for (const title of skippedTitles) t.skippedNotes.push(`${rel}: ${title}`);
  }
  return t;
}

function summaryLine(t: Pick<Tally, 'passed' | 'failed' | 'skipped'>): string {
  return `${t.passed} passed, ${t.failed} failed${t.skipped > 0 ? `, ${t.skipped} skipped` : ''}`;
}

/**
 * The e2e tests drive Debian's Chromium (never a downloaded browser build). On a fresh Debian
 * machine where we are root, install it (with CJK fonts for the Chinese UI); elsewhere say how.
 */
function ensureChromium(setupFailures: string[]): void {
  const chromium = process.env.SOU_CHROMIUM ?? '/usr/bin/chromium';
  if (existsSync(chromium)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (step('apt-get update', 'apt-get', ['update'], env)) {
      step('install chromium', 'apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-noto-cjk'], env);
    }
  }
  if (!existsSync(chromium)) {
    setupFailures.push(`Chromium was not found at ${chromium}: install Debian's chromium (sudo apt-get install chromium fonts-noto-cjk) or set SOU_CHROMIUM`);
  }
}

function main(): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  rmSync(JSON_REPORT, { force: true });
  const setupFailures: string[] = [];

  const standin = join(REPO_ROOT, 'scripts', 'build-standin-models.ts');
  if (existsSync(standin) && !step('stand-in models', 'npx', ['tsx', standin])) setupFailures.push('building the stand-in models failed');

  ensureChromium(setupFailures);

  const built = step('build', 'npm', ['run', 'build']);
  if (!built) setupFailures.push('"npm run build" failed, so the e2e tests were not run');

  if (!existsSync(join(REPO_ROOT, '..', 'shared', 'data', 'luma', 'catalog.jsonl'))) {
    process.stdout.write('\nnote: ../shared/data is absent: tests and benchmarks on the real Luma catalog are skipped.\n');
  }

  const vitestArgs = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${JSON_REPORT}`];
  if (!built) vitestArgs.push('--project', 'unit');
  step('tests', 'npx', vitestArgs, { ...process.env, SOU_E2E_NO_BUILD: '1' });

  let t: Tally = { passed: 0, failed: 0, skipped: 0, brokenFiles: [], skippedNotes: [] };
  if (existsSync(JSON_REPORT)) {
    t = tally(JSON.parse(readFileSync(JSON_REPORT, 'utf8')) as JsonReport);
  } else {
    setupFailures.push('vitest wrote no JSON report (it crashed before running the tests)');
  }
  t.failed += setupFailures.length;

  process.stdout.write('\n');
  for (const f of setupFailures) process.stdout.write(`FAILED: ${f}\n`);
  for (const f of t.brokenFiles) process.stdout.write(`FAILED (file): ${f}\n`);
  if (t.skippedNotes.length > 0) {
    process.stdout.write('Skipped:\n');
    for (const note of t.skippedNotes) process.stdout.write(`  ${note}\n`);
  }
  process.stdout.write(`${summaryLine(t)}\n`);
  process.exitCode = t.failed > 0 ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
