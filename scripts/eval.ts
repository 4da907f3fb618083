/**
 * Offline relevance evaluation of the search core in Node.
 *
 *   npm run eval -- --catalog ../shared/data/luma/catalog.jsonl \
 *     --queries ../shared/data/luma/dev/queries.tsv --qrels ../shared/data/luma/dev/qrels.tsv \
 *     [--mode lexical|semantic|hybrid|all] [--encoder sou/instant-text-encoder] [--verbose] [--tune]
 *
 *   npm run eval -- --catalog ../shared/data/luma/catalog.jsonl \
 *     --image-queries ../shared/data/luma/dev/image-queries.tsv --image-qrels ../shared/data/luma/dev/image-qrels.tsv \
 *     [--image-engine instant|colour|all] [--split]
 *
 * Prints one line per mode: `MODE nDCG@10=0.xxx recall@100=0.xxx en=0.xxx zh=0.xxx`, and with the
 * image flags one line per photo engine: `ENGINE image nDCG@10=0.xxx hit@10=0.xxx n=NN`
 * (scripts/eval-image.ts; --split adds even/odd query halves). Text and image flags can be combined.
 * --verbose adds per-query scores; --tune runs the coordinate-ascent search over the fusion
 * weights used to pick DEFAULT_FUSION (src/core/rank/fusion.ts) and prints the best values.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseCatalogJsonl } from '../src/core/eval/catalogReader';
import { evaluateRuns, type EvalSummary } from '../src/core/eval/evaluate';
import { parseQrelsTsv, parseQueriesTsv, type EvalQuery } from '../src/core/eval/tsv';
import type { FusionWeights } from '../src/core/rank/fusion';
import { SearchEngine } from '../src/core/search/engine';
import { productEmbeddingText } from '../src/core/search/embeddingText';
import { quantizeVectors } from '../src/core/vector/quantize';

type Mode = 'lexical' | 'semantic' | 'hybrid';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = process.argv[i + 1];
  return v && !v.startsWith('--') ? v : undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

function fail(message: string): never {
  console.error(`eval: ${message}`);
  process.exit(2);
}

function readText(path: string | undefined, what: string): string {
  if (!path) fail(`--${what} PATH is required (e.g. ../shared/data/luma/dev/${what === 'catalog' ? '../catalog.jsonl' : `${what}.tsv`})`);
  if (!existsSync(path)) fail(`${what} file not found: ${path}`);
  return readFileSync(path, 'utf8');
}

const fmt = (x: number) => x.toFixed(3);

function line(mode: Mode, s: EvalSummary): string {
  return `${mode} nDCG@10=${fmt(s.ndcg10)} recall@100=${fmt(s.recall100)} en=${fmt(s.byLang.en ?? 0)} zh=${fmt(s.byLang.zh ?? 0)}`;
}

async function main(): Promise<void> {
  const imageQueries = arg('image-queries');
  const imageQrels = arg('image-qrels');
  if (Boolean(imageQueries) !== Boolean(imageQrels)) fail('--image-queries and --image-qrels go together (e.g. ../shared/data/luma/dev/image-queries.tsv and image-qrels.tsv)');
  if (imageQueries && !arg('queries') && !arg('qrels')) return imageEval(imageQueries, imageQrels!);
  await textEval();
  if (imageQueries) await imageEval(imageQueries, imageQrels!);
}

/** Photo search over the image queries (see scripts/eval-image.ts). */
async function imageEval(imageQueries: string, imageQrels: string): Promise<void> {
  const catalog = arg('catalog');
  readText(catalog, 'catalog');
  for (const [path, what] of [[imageQueries, 'image-queries'], [imageQrels, 'image-qrels']] as const) {
    if (!existsSync(path)) fail(`${what} file not found: ${path}`);
  }
  const engineArg = arg('image-engine') ?? 'all';
  if (!['instant', 'colour', 'all'].includes(engineArg)) fail(`--image-engine must be instant, colour or all (got "${engineArg}")`);
  const { runImageEval, formatImageEvalLine, formatImageEvalRefusedLine, formatImageEvalSplitLines } = await import('./eval-image');
  const engines = engineArg === 'all' ? (['instant', 'colour'] as const) : ([engineArg] as ['instant' | 'colour']);
  const results = await runImageEval({ catalog: catalog!, imageQueries, imageQrels, engines: [...engines] });
  for (const r of results) {
    console.log(formatImageEvalLine(r));
    console.log(formatImageEvalRefusedLine(r));
    if (flag('split')) for (const l of formatImageEvalSplitLines(r)) console.log(l);
  }
}

async function textEval(): Promise<void> {
  const products = parseCatalogJsonl(readText(arg('catalog'), 'catalog'));
  const queries = parseQueriesTsv(readText(arg('queries'), 'queries'));
  const qrels = parseQrelsTsv(readText(arg('qrels'), 'qrels'));
  const modeArg = arg('mode') ?? 'all';
  if (!['lexical', 'semantic', 'hybrid', 'all'].includes(modeArg)) fail(`--mode must be lexical, semantic, hybrid or all (got "${modeArg}")`);
  let modes: Mode[] = modeArg === 'all' ? ['lexical', 'semantic', 'hybrid'] : [modeArg as Mode];
  const engine = SearchEngine.build(products);

  const queryVectors = new Map<string, Float32Array>();
  if (modes.some((m) => m !== 'lexical')) {
    const encoderId = arg('encoder') ?? 'sou/instant-text-encoder';
    try {
      const { createTextEncoder } = await import('../src/embedding/textEncoder');
      const encoder = await createTextEncoder({ modelId: encoderId });
      const itemVectors = await encoder.embed(products.map(productEmbeddingText));
      engine.setVectors(encoder.id, quantizeVectors(itemVectors));
      const qv = await encoder.embed(queries.map((q) => q.text));
      queries.forEach((q, i) => queryVectors.set(q.qid, qv[i]!));
      await encoder.dispose();
    } catch (err) {
      console.error(
        `eval: text encoder "${encoderId}" is unavailable (${(err as Error).message}); ` +
          'run `npm run assets` to build the instant encoder. Skipping semantic and hybrid modes.',
      );
      modes = modes.filter((m) => m === 'lexical');
    }
  }

  const run = (mode: Mode) => (q: EvalQuery) =>
    engine.search({ query: q.text, mode, queryVector: queryVectors.get(q.qid) ?? null, limit: 100 }).hits.map((h) => h.id);

  if (flag('tune')) await tune(engine, queries, qrels, run, modes.includes('hybrid') ? 'hybrid' : 'lexical');

  for (const mode of modes) {
    const summary = await evaluateRuns(queries, qrels, run(mode));
    if (flag('verbose')) {
      for (const p of summary.perQuery) console.log(`  ${mode} ${p.qid} ndcg=${fmt(p.ndcg10)} recall=${fmt(p.recall100)} ${p.text}`);
    }
    console.log(line(mode, summary));
  }
}

/** Coordinate ascent over the fusion weights (three rounds over a small grid per weight). */
async function tune(
  engine: SearchEngine,
  queries: EvalQuery[],
  qrels: Map<string, Map<string, number>>,
  run: (mode: Mode) => (q: EvalQuery) => string[],
  mode: Mode,
): Promise<void> {
  const grid: Record<keyof FusionWeights, number[]> = {
    lexical: [0.5, 0.75, 1, 1.5],
    semantic: [0, 0.1, 0.2, 0.35, 0.5, 0.75, 1],
    semanticFloor: [0.2, 0.3, 0.4, 0.5, 0.6],
    coordination: [0, 0.1, 0.2, 0.3, 0.5, 0.8],
    type: [0, 0.1, 0.2, 0.3, 0.5, 0.8],
    gender: [0, 0.1, 0.2, 0.3, 0.5, 0.8],
    color: [0, 0.1, 0.2, 0.3, 0.5, 0.8],
  };
  const keys = (Object.keys(grid) as (keyof FusionWeights)[]).filter((k) => mode === 'hybrid' || (k !== 'semantic' && k !== 'semanticFloor'));
  const score = async () => (await evaluateRuns(queries, qrels, run(mode))).ndcg10;
  let best = await score();
  for (let round = 0; round < 3; round++) {
    for (const k of keys) {
      const keep = engine.fusion[k];
      let bestV = keep;
      for (const v of grid[k]) {
        engine.fusion[k] = v;
        const s = await score();
        if (s > best + 1e-6) {
          best = s;
          bestV = v;
        }
      }
      engine.fusion[k] = bestV;
    }
  }
  console.log(`tuned (${mode}) nDCG@10=${fmt(best)} ${JSON.stringify(engine.fusion)}`);
}

main().catch((err) => {
  console.error(`eval: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
