/**
 * `npm run bench`: search latency, index build time, memory, IndexedDB start-up, initial JS size
 * and time to first results — in Node and in real Chromium. Writes bench-results/bench.json and
 * prints a table with PASS/FAIL against the targets.
 *
 *   npm run bench -- [--sizes 10000,100000] [--runs 200] [--store 10000] [--skip-browser] [--skip-app]
 *                    [--skip-voice | --voice-only] [--skip-photo | --photo-only]
 *
 * Catalog: the real Luma catalog from ../shared scaled up synthetically (see scripts/bench/synth.ts),
 * or the demo catalog when ../shared is absent. Query latency excludes the query embedding: query
 * vectors are computed before timing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { firstResults, initialBundleSize, type BundleSize, type FirstResults } from './bench/app';
import { runBrowserBench, type BrowserResults } from './bench/browser';
import { embedBase, loadBase, REPO_ROOT } from './bench/data';
import { buildScaledEngine, measureHybrid } from './bench/measure';
import { runVoiceBench, voiceRows, type VoiceBenchResults } from './bench/voice';
import { runPhotoBench, PHOTO_LATENCY_TARGET_MS, type PhotoBenchResults } from './bench/photo';
import type { BenchData, LatencyStats } from './bench/synth';

interface Options {
  sizes: number[];
  runs: number;
  warmup: number;
  storeSizes: number[];
  sigma: number;
  browser: boolean;
  app: boolean;
  /** Voice figures (scripts/bench/voice.ts); `voiceOnly` runs nothing else. */
  voice: boolean;
  voiceOnly: boolean;
  /** Photo figures (scripts/bench/photo.ts); `photoOnly` runs nothing else. */
  photo: boolean;
  photoOnly: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { sizes: [10_000, 100_000], runs: 200, warmup: 20, storeSizes: [10_000], sigma: 0.05, browser: true, app: true, voice: true, voiceOnly: false, photo: true, photoOnly: false };
  const list = (v: string | undefined) => (v ?? '').split(',').filter(Boolean).map(Number);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--sizes') options.sizes = list(argv[++i]);
    else if (a === '--runs') options.runs = Number(argv[++i]);
    else if (a === '--store') options.storeSizes = list(argv[++i]);
    else if (a === '--skip-browser') options.browser = false;
    else if (a === '--skip-app') options.app = false;
    else if (a === '--skip-voice') options.voice = false;
    else if (a === '--voice-only') options.voiceOnly = true;
    else if (a === '--skip-photo') options.photo = false;
    else if (a === '--photo-only') options.photoOnly = true;
    else throw new Error(`unknown option ${a}; usage: npm run bench -- [--sizes 10000,100000] [--runs 200] [--store 10000] [--skip-browser] [--skip-app] [--skip-voice | --voice-only] [--skip-photo | --photo-only]`);
  }
  return options;
}

/** A gc() that works under plain `tsx` (no --expose-gc on the command line). */
function gcFunction(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

interface NodeLatency {
  n: number;
  buildMs: number;
  stats: LatencyStats;
  heapBytes: number;
}

interface Row {
  metric: string;
  where: string;
  value: string;
  target: string;
  result: 'PASS' | 'FAIL' | '';
}

function photoRows(p: PhotoBenchResults): Row[] {
  const c = p.captureToResults;
  return [
    { metric: 'photo: capture → results p50', where: 'chromium worker', value: ms(c.p50), target: '', result: '' },
    { metric: 'photo: capture → results p95', where: 'chromium worker', value: ms(c.p95), target: `≤ ${PHOTO_LATENCY_TARGET_MS} ms`, result: verdict(c.pass) },
    { metric: `photo: catalog indexing (${p.indexing.images} images)`, where: 'chromium worker', value: `${p.indexing.imagesPerSecond.toFixed(1)} images/s`, target: '', result: '' },
    { metric: 'photo: JS heap after indexing, page / worker', where: 'chromium', value: `${p.memory.pageHeapMB.toFixed(0)} MB / ${p.memory.workerHeapMB === null ? 'n/a' : `${p.memory.workerHeapMB.toFixed(0)} MB`}`, target: '', result: '' },
  ];
}

const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(0)} ms`;
const mb = (v: number | null) => (v === null ? 'n/a' : `${(v / 1024 / 1024).toFixed(1)} MB`);
const k = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));
const verdict = (ok: boolean): 'PASS' | 'FAIL' => (ok ? 'PASS' : 'FAIL');

/** p95 targets per catalog size (ms). */
function p95Target(n: number): number | null {
  if (n <= 10_000) return 20;
  if (n <= 100_000) return 60;
  return null;
}

function printTable(rows: Row[]): void {
  const headers: Row = { metric: 'metric', where: 'where', value: 'value', target: 'target', result: '' };
  const widths = (['metric', 'where', 'value', 'target'] as const).map((key) => Math.max(...[headers, ...rows].map((r) => r[key].length)));
  const line = (r: Row) =>
    `${r.metric.padEnd(widths[0]!)}  ${r.where.padEnd(widths[1]!)}  ${r.value.padStart(widths[2]!)}  ${r.target.padEnd(widths[3]!)}  ${r.result}`;
  process.stdout.write(`\n${line({ ...headers, result: 'result' as 'PASS' })}\n${'-'.repeat(widths.reduce((a, b) => a + b + 2, 6))}\n`);
  for (const r of rows) process.stdout.write(line(r) + '\n');
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const log = (line: string) => process.stdout.write(line + '\n');
  const started = performance.now();
  const gc = gcFunction();

  if (options.photoOnly) {
    log('Photo (Chromium):');
    const photo = await runPhotoBench({ log });
    const rows: Row[] = photo ? photoRows(photo) : [];
    printTable(rows);
    if (rows.some((r) => r.result === 'FAIL')) process.exitCode = 1;
    return;
  }

  if (options.voiceOnly) {
    log('Voice (Chromium):');
    const voice = await runVoiceBench({ log });
    const rows: Row[] = voice ? voiceRows(voice) : [];
    printTable(rows);
    if (voice) log('\nwritten bench-results/voice.json');
    if (rows.some((r) => r.result === 'FAIL')) process.exitCode = 1;
    return;
  }

  log('Preparing the base catalog and vectors…');
  const base = await loadBase();
  const embedded = await embedBase(base);
  log(`  catalog: ${base.source}`);
  log(`  vectors: ${embedded.vectorSource}`);
  log(`  queries: ${base.queries.length} distinct, ${options.runs} timed runs per size after ${options.warmup} warm-up runs`);

  log('Node:');
  const nodeLatency: NodeLatency[] = [];
  for (const n of options.sizes) {
    gc();
    const used = () => {
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const before = used();
    const scaled = buildScaledEngine(base.products, embedded.productVectors, n, options.sigma);
    const stats = measureHybrid(scaled.engine, base.queries, embedded.queryVectors, options.runs, options.warmup);
    gc();
    const heapBytes = used() - before;
    // Keep the engine reachable until after the measurement, so gc() cannot collect it early.
    if (scaled.engine.size !== n) throw new Error(`engine has ${scaled.engine.size} items, expected ${n}`);
    log(`  node @${n}: build ${scaled.buildMs.toFixed(0)} ms, p50 ${stats.p50.toFixed(2)} ms, p95 ${stats.p95.toFixed(2)} ms, heap +${mb(heapBytes)}`);
    nodeLatency.push({ n, buildMs: scaled.buildMs, stats, heapBytes });
  }

  let browser: BrowserResults | null = null;
  let browserError: string | null = null;
  if (options.browser) {
    log('Chromium:');
    const data: BenchData = {
      baseSource: base.source,
      vectorSource: embedded.vectorSource,
      products: base.products,
      vectors: embedded.productVectors.map((v) => Array.from(v)),
      queries: base.queries,
      queryVectors: embedded.queryVectors.map((v) => Array.from(v)),
      sizes: options.sizes,
      sigma: options.sigma,
      warmup: options.warmup,
      storeSize: options.storeSizes[0] ?? 0,
    };
    try {
      browser = await runBrowserBench(data, options.runs, options.storeSizes, log);
    } catch (error) {
      browserError = (error as Error).message;
      log(`  browser benchmark failed: ${browserError}`);
    }
  }

  let bundle: BundleSize | null = null;
  let first: FirstResults | null = null;
  let appError: string | null = null;
  if (options.app) {
    log('Built app:');
    try {
      bundle = initialBundleSize();
      log(`  initial JS: ${bundle.files.map((f) => f.file).join(', ')}`);
      first = await firstResults();
      log(`  first results: first visit ${first.coldMs.toFixed(0)} ms (DOMContentLoaded ${first.coldMarks.domContentLoadedMs.toFixed(0)} ms, catalog fetched ${first.coldMarks.catalogFetchedMs?.toFixed(0) ?? 'n/a'} ms), reload ${first.warmMs.toFixed(0)} ms; after the load event: ${first.coldAfterLoadMs.toFixed(0)} / ${first.warmAfterLoadMs.toFixed(0)} ms`);
    } catch (error) {
      appError = (error as Error).message;
      log(`  app benchmark failed: ${appError}`);
    }
  }

  let voice: VoiceBenchResults | null = null;
  let voiceError: string | null = null;
  if (options.voice) {
    log('Voice (Chromium):');
    try {
      voice = await runVoiceBench({ log });
    } catch (error) {
      voiceError = (error as Error).message;
      log(`  voice benchmark failed: ${voiceError}`);
    }
  }

  let photo: PhotoBenchResults | null = null;
  let photoError: string | null = null;
  if (options.photo) {
    log('Photo (Chromium):');
    try {
      photo = await runPhotoBench({ log });
    } catch (error) {
      photoError = (error as Error).message;
      log(`  photo benchmark failed: ${photoError}`);
    }
  }

  const rows: Row[] = [];
  for (const r of nodeLatency) {
    const target = p95Target(r.n);
    rows.push({ metric: `hybrid query p50 @${k(r.n)}`, where: 'node', value: ms(r.stats.p50), target: '', result: '' });
    rows.push({ metric: `hybrid query p95 @${k(r.n)}`, where: 'node', value: ms(r.stats.p95), target: target ? `≤ ${target} ms` : '', result: target ? verdict(r.stats.p95 <= target) : '' });
    rows.push({ metric: `index build @${k(r.n)}`, where: 'node', value: ms(r.buildMs), target: '', result: '' });
    rows.push({ metric: `heap+ArrayBuffers after build @${k(r.n)}`, where: 'node', value: mb(r.heapBytes), target: '', result: '' });
  }
  for (const r of browser?.latency ?? []) {
    const target = p95Target(r.n);
    rows.push({ metric: `hybrid query p50 @${k(r.n)}`, where: 'chromium worker', value: ms(r.stats.p50), target: '', result: '' });
    rows.push({ metric: `hybrid query p95 @${k(r.n)}`, where: 'chromium worker', value: ms(r.stats.p95), target: target ? `≤ ${target} ms` : '', result: target ? verdict(r.stats.p95 <= target) : '' });
    rows.push({ metric: `index build @${k(r.n)}`, where: 'chromium worker', value: ms(r.buildMs), target: '', result: '' });
    rows.push({ metric: `JS heap after build @${k(r.n)}`, where: 'chromium', value: mb(r.heapBytes), target: '', result: '' });
  }
  for (const s of browser?.storage ?? []) {
    rows.push({ metric: `IndexedDB store @${k(s.n)}`, where: 'chromium worker', value: ms(s.storeMs), target: '', result: '' });
    rows.push({ metric: `start-up: IndexedDB read @${k(s.n)}`, where: 'chromium worker', value: ms(s.readMs), target: '', result: '' });
    rows.push({ metric: `start-up: read+index+query @${k(s.n)}`, where: 'chromium worker', value: ms(s.totalMs), target: '', result: '' });
  }
  if (bundle) {
    rows.push({ metric: 'initial JS (gzip)', where: 'dist', value: `${(bundle.jsGzipBytes / 1024).toFixed(1)} KB`, target: '≤ 250 KB', result: verdict(bundle.jsGzipBytes <= 250 * 1024) });
  }
  if (first) {
    // The target is "first results ≤ 1 s after load": counted from the page's load event. The
    // time from navigation start (HTML, JS, worker start-up included) is reported beside it.
    rows.push({ metric: 'first results from navigation, first visit', where: 'chromium', value: ms(first.coldMs), target: '', result: '' });
    rows.push({ metric: 'first results after load, first visit', where: 'chromium', value: ms(first.coldAfterLoadMs), target: '≤ 1000 ms', result: verdict(first.coldAfterLoadMs <= 1000) });
    rows.push({ metric: 'first results from navigation, reload', where: 'chromium', value: ms(first.warmMs), target: '', result: '' });
    rows.push({ metric: 'first results after load, reload', where: 'chromium', value: ms(first.warmAfterLoadMs), target: '≤ 1000 ms', result: verdict(first.warmAfterLoadMs <= 1000) });
  }
  if (voice) rows.push(...voiceRows(voice));
  if (photo) rows.push(...photoRows(photo));
  if (browserError) rows.push({ metric: 'browser benchmark', where: 'chromium', value: 'error', target: '', result: 'FAIL' });
  if (appError) rows.push({ metric: 'built-app benchmark', where: 'chromium', value: 'error', target: '', result: 'FAIL' });
  if (voiceError) rows.push({ metric: 'voice benchmark', where: 'chromium', value: 'error', target: '', result: 'FAIL' });
  if (photoError) rows.push({ metric: 'photo benchmark', where: 'chromium', value: 'error', target: '', result: 'FAIL' });

  const outDir = join(REPO_ROOT, 'bench-results');
  mkdirSync(outDir, { recursive: true });
  const report = {
    date: new Date().toISOString(),
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version, chromium: browser?.userAgent ?? null },
    catalog: base.source,
    vectors: embedded.vectorSource,
    synthetic: 'copies of base items: brand-like prefix + model number in the title, ~35% colour swaps, price x0.7–1.4; vectors = base + N(0, 0.05²) noise, renormalised',
    queryLatencyExcludes: 'query embedding (query vectors precomputed)',
    options,
    node: nodeLatency,
    browser,
    browserError,
    bundle,
    firstResults: first,
    appError,
    voice,
    voiceError,
    photo,
    photoError,
    rows,
    seconds: (performance.now() - started) / 1000,
  };
  writeFileSync(join(outDir, 'bench.json'), JSON.stringify(report, null, 2));
  printTable(rows);
  log(`\nwritten bench-results/bench.json in ${report.seconds.toFixed(0)} s`);
  if (rows.some((r) => r.result === 'FAIL')) process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`npm run bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
