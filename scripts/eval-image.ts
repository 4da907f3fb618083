/**
 * Photo-search evaluation in Node: describes every catalog image and every query photo the way the
 * photo worker does (same src/core/image code; JPEGs decoded with sharp, the photo CNN run with
 * onnxruntime-node), ranks, and scores against graded judgments.
 *
 *   npx tsx scripts/eval-image.ts --catalog ../shared/data/luma/catalog.jsonl \
 *     --image-queries ../shared/data/luma/dev/image-queries.tsv \
 *     --image-qrels ../shared/data/luma/dev/image-qrels.tsv [--engine instant|colour|all] [--split] [--verbose]
 *
 * Prints one line per engine: `ENGINE image nDCG@10=0.xxx hit@10=0.xxx n=NN`
 * (nDCG gain 2^grade − 1; hit@10 = the pictured item itself, the highest grade, is in the top 10).
 * `instant` = colour + CNN features (needs models/sou/photo-cnn, built by scripts/build-photo-cnn.ts,
 * built here on demand); `colour` = colour + shape only (what the app falls back to without it).
 * --split adds the same scores over even- and odd-numbered queries. `npm run eval` with
 * --image-queries/--image-qrels calls `runImageEval(options)` and prints the same lines.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ndcgAt } from '../src/core/eval/metrics';
import { parseCatalogJsonl } from '../src/core/eval/catalogReader';
import { parseQrelsTsv } from '../src/core/eval/tsv';
import { cnnInput, CNN_INPUT_SIDE, poolCnnOutputs } from '../src/core/image/cnn';
import { describePhoto, type ImageDescriptor, type PhotoRole } from '../src/core/image/descriptor';
import { rankByPhoto, type PhotoEntry } from '../src/core/image/matcher';
import type { Raster } from '../src/core/image/raster';
import { buildPhotoCnn, PHOTO_CNN_ID } from './build-photo-cnn';

export type ImageEngine = 'instant' | 'colour';

export interface PhotoCnnRunner {
  features(r: Raster): Promise<Float32Array>;
  close(): Promise<void>;
}

/** Loads the photo CNN on onnxruntime-node (building it first from the nsfwjs package if needed). */
export async function loadPhotoCnnNode(modelDir = resolve('models', PHOTO_CNN_ID)): Promise<PhotoCnnRunner> {
  const { modelPath } = buildPhotoCnn(modelDir);
  const ort = await import('onnxruntime-node');
  const session = await ort.InferenceSession.create(modelPath);
  return {
    async features(r: Raster) {
      const input = cnnInput(r);
      const out = await session.run({
        pixel_values: new ort.Tensor('float32', input.tensor, [1, 3, CNN_INPUT_SIDE, CNN_INPUT_SIDE]),
      });
      const map = (name: 'block6' | 'block10' | 'block13') => ({
        data: out[name].data as Float32Array,
        channels: out[name].dims[1],
      });
      return poolCnnOutputs({ block6: map('block6'), block10: map('block10'), block13: map('block13') });
    },
    async close() {
      await session.release();
    },
  };
}

/** Decodes an image file to RGB pixels with sharp (EXIF rotation applied, alpha flattened on white). */
export async function readRaster(path: string): Promise<Raster> {
  const sharp = (await import('sharp')).default;
  const { data, info } = await sharp(path)
    .rotate()
    .flatten({ background: '#ffffff' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/** Describes an image file as the photo worker would: catalog images get every CNN view, photos fewer. */
export async function describeFile(path: string, cnn: PhotoCnnRunner | null, role: PhotoRole): Promise<ImageDescriptor> {
  const r = await readRaster(path);
  return describePhoto(r, role, cnn ? (view) => cnn.features(view) : undefined);
}

export interface ImageEvalOptions {
  catalog: string;
  imageQueries: string;
  imageQrels: string;
  engines?: ImageEngine[];
  /** Called per described image, for progress output. */
  onProgress?: (done: number, total: number) => void;
}

export interface ImageEvalResult {
  engine: ImageEngine;
  ndcg10: number;
  hit10: number;
  n: number;
  perQuery: Array<{ qid: string; ndcg10: number; hit: boolean; top: string[]; topScore: number }>;
  /** Photos the app would refuse as blank, dark or showing no item (each one is a real photo of a product). */
  refused: number;
}

export function formatImageEvalLine(r: ImageEvalResult): string {
  return `${r.engine} image nDCG@10=${r.ndcg10.toFixed(3)} hit@10=${r.hit10.toFixed(3)} n=${r.n}`;
}

/**
 * The same scores over the even- and the odd-numbered queries (file order): the weights were
 * chosen on all dev photos, so a large gap between the halves would mean they fit a few photos.
 */
/** How many of the (all real) query photos the app would refuse with "no item visible". */
export function formatImageEvalRefusedLine(r: ImageEvalResult): string {
  return `${r.engine} image refused as blank/dark/no item: ${r.refused} of ${r.n} photos`;
}

export function formatImageEvalSplitLines(r: ImageEvalResult): string[] {
  return (['even', 'odd'] as const).map((half) => {
    const part = r.perQuery.filter((_, i) => i % 2 === (half === 'even' ? 0 : 1));
    const n = part.length || 1;
    const ndcg = part.reduce((a, q) => a + q.ndcg10, 0) / n;
    const hit = part.filter((q) => q.hit).length / n;
    return `${r.engine} image [${half} queries] nDCG@10=${ndcg.toFixed(3)} hit@10=${hit.toFixed(3)} n=${part.length}`;
  });
}

export async function runImageEval(opts: ImageEvalOptions): Promise<ImageEvalResult[]> {
  const engines = opts.engines ?? ['instant', 'colour'];
  const catalogDir = dirname(resolve(opts.catalog));
  const products = parseCatalogJsonl(readFileSync(opts.catalog, 'utf8'));
  const queries = readFileSync(opts.imageQueries, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [qid, path] = l.split('\t');
      return { qid: qid.trim(), path: path.trim() };
    });
  const qrels = parseQrelsTsv(readFileSync(opts.imageQrels, 'utf8'));
  const judged = queries.filter((q) => qrels.has(q.qid));
  const cnn = engines.includes('instant') ? await loadPhotoCnnNode() : null;
  const total = products.length + judged.length;
  let done = 0;
  const entries: PhotoEntry[] = [];
  for (const p of products) {
    entries.push({
      id: p.id,
      group: p.group,
      color: p.color,
      category: p.category,
      text: p.title,
      descriptor: await describeFile(resolve(catalogDir, p.image), cnn, 'catalog'),
    });
    opts.onProgress?.(++done, total);
  }
  const queryDescriptors: ImageDescriptor[] = [];
  for (const q of judged) {
    queryDescriptors.push(await describeFile(resolve(catalogDir, q.path), cnn, 'query'));
    opts.onProgress?.(++done, total);
  }
  await cnn?.close();

  return engines.map((engine) => {
    const strip = (d: ImageDescriptor): ImageDescriptor => (engine === 'colour' ? { ...d, cnn: undefined } : d);
    const es = engine === 'colour' ? entries.map((e) => ({ ...e, descriptor: strip(e.descriptor) })) : entries;
    const perQuery = judged.map((q, i) => {
      const hits = rankByPhoto(strip(queryDescriptors[i]), es, { limit: 10 }).hits;
      const top = hits.map((h) => h.id);
      const j = qrels.get(q.qid)!;
      const maxGrade = Math.max(...j.values());
      return { qid: q.qid, ndcg10: ndcgAt(top, j, 10), hit: top.some((id) => j.get(id) === maxGrade), top, topScore: hits[0]?.score ?? 0 };
    });
    const n = perQuery.length;
    return {
      engine,
      ndcg10: perQuery.reduce((a, q) => a + q.ndcg10, 0) / n,
      hit10: perQuery.filter((q) => q.hit).length / n,
      n,
      perQuery,
      refused: queryDescriptors.filter((d) => d.quality !== 'ok').length,
    };
  });
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : undefined;
  return v && !v.startsWith('--') ? v : undefined;
}

async function main(): Promise<void> {
  const need = (name: string) => {
    const v = arg(name);
    if (!v) {
      console.error(`eval-image: --${name} PATH is required`);
      process.exit(2);
    }
    if (!existsSync(v)) {
      console.error(`eval-image: ${name} file not found: ${v} (the Luma data lives in ../shared/data/luma)`);
      process.exit(2);
    }
    return v;
  };
  const catalog = need('catalog');
  const imageQueries = need('image-queries');
  const imageQrels = need('image-qrels');
  const engineArg = arg('engine') ?? 'all';
  if (!['instant', 'colour', 'all'].includes(engineArg)) {
    console.error(`eval-image: --engine must be instant, colour or all (got "${engineArg}")`);
    process.exit(2);
  }
  const engines: ImageEngine[] = engineArg === 'all' ? ['instant', 'colour'] : [engineArg as ImageEngine];
  const results = await runImageEval({ catalog, imageQueries, imageQrels, engines });
  for (const r of results) {
    if (process.argv.includes('--verbose')) {
      for (const q of r.perQuery) console.log(`${r.engine}\t${q.qid}\t${q.ndcg10.toFixed(3)}\t${q.hit ? 'hit' : 'miss'}\t${q.top.slice(0, 3).join(',')}\t${q.topScore.toFixed(2)}`);
    }
    console.log(formatImageEvalLine(r));
    console.log(formatImageEvalRefusedLine(r));
    if (process.argv.includes('--split')) for (const l of formatImageEvalSplitLines(r)) console.log(l);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(`eval-image: ${(err as Error).message}`);
    process.exit(1);
  });
}
