/**
 * Voice evaluation: runs every clip of a voice manifest through the recognisers available in
 * Node, and prints per engine and language
 *   ENGINE wer=0.xxx nDCG@10=0.xxx (typed nDCG@10=0.xxx) n=NN
 * where nDCG@10 searches the catalog with the transcript and "typed" with the reference text.
 * With --robustness it also synthesises held-out phrasings (shades, synonyms, garment words the
 * catalog never uses) with espeak-ng into a temp dir and prints their WER.
 *
 *   npm run eval:voice -- --manifest ../shared/data/voice-dev/manifest.tsv \
 *     --catalog ../shared/data/luma/catalog.jsonl --qrels ../shared/data/luma/dev/qrels.tsv [--robustness] [--verbose]
 *
 * Chinese is scored per character (see src/core/voice/wer.ts). The instant engine is English
 * only; Whisper evaluation in Node is not wired in yet.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Product } from '../src/core/types';
import { decodeWav, resample, RECOGNIZER_SAMPLE_RATE } from '../src/core/voice/audio';
import { createInstantRecognizer, type InstantRecognizer } from '../src/core/voice/instantRecognizer';
import { loadNodeSphinxModule } from './voice/nodeSphinx';
import { normalizeTranscript } from '../src/core/voice/normalize';
import { corpusWordErrorRate, tallyErrors } from '../src/core/voice/wer';
import { synthesiseRobustnessSet } from './voice/robustness';

interface Clip {
  qid: string;
  lang: 'en' | 'zh';
  text: string;
  path: string;
}

interface Args {
  manifest: string;
  catalog?: string;
  qrels?: string;
  robustness: boolean;
  verbose: boolean;
  whisperModels?: string;
}

function parseArgs(argv: string[]): Args {
  const value = (name: string) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const manifest = value('manifest');
  if (!manifest) {
    console.error('usage: npm run eval:voice -- --manifest FILE.tsv [--catalog catalog.jsonl] [--qrels qrels.tsv] [--robustness] [--verbose]');
    process.exit(2);
  }
  return {
    manifest,
    catalog: value('catalog'),
    qrels: value('qrels'),
    robustness: argv.includes('--robustness'),
    verbose: argv.includes('--verbose'),
    whisperModels: value('whisper-models'),
  };
}

function readManifest(path: string): Clip[] {
  const folder = dirname(path);
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [qid, lang, text, file] = line.split('\t');
      return { qid, lang: lang as 'en' | 'zh', text, path: resolve(folder, file) };
    });
}

/** Minimal JSONL reading for the evaluation (the app uses the full catalog validator). */
function readCatalog(path: string): Product[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const raw = JSON.parse(line) as Record<string, unknown>;
      return {
        id: String(raw.id),
        group: raw.group === undefined ? undefined : String(raw.group),
        title: String(raw.title ?? ''),
        description: String(raw.description ?? ''),
        category: String(raw.category ?? ''),
        color: raw.color == null ? null : String(raw.color),
        price: Number(raw.price ?? 0),
        currency: String(raw.currency ?? 'USD'),
        image: String(raw.image ?? ''),
      };
    });
}

function readQrels(path: string): Map<string, Map<string, number>> {
  const qrels = new Map<string, Map<string, number>>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const [qid, id, grade] = line.split('\t');
    if (!qid || !id) continue;
    let row = qrels.get(qid);
    if (!row) qrels.set(qid, (row = new Map()));
    row.set(id, Number(grade));
  }
  return qrels;
}

type Ranker = (query: string) => string[];

/** nDCG@k with gain 2^grade - 1 (the project's metric), ideal from the complete judgments. */
function ndcgAt(ranked: readonly string[], judged: Map<string, number>, k = 10): number {
  const gain = (g: number) => Math.pow(2, g) - 1;
  let dcg = 0;
  ranked.slice(0, k).forEach((id, i) => {
    dcg += gain(judged.get(id) ?? 0) / Math.log2(i + 2);
  });
  const ideal = [...judged.values()].sort((a, b) => b - a).slice(0, k);
  let idcg = 0;
  ideal.forEach((g, i) => {
    idcg += gain(g) / Math.log2(i + 2);
  });
  return idcg > 0 ? dcg / idcg : 0;
}

/** The search core's SearchEngine when it exists (it is built in parallel); null otherwise. */
async function loadRanker(products: Product[]): Promise<Ranker | null> {
  const enginePath = resolve(dirname(fileURLToPath(import.meta.url)), '../src/core/search/engine.ts');
  if (!existsSync(enginePath)) return null;
  const { SearchEngine } = (await import(enginePath)) as {
    SearchEngine: { build(p: Product[]): { search(r: { query: string; limit?: number }): { hits: Array<{ id: string }> } } };
  };
  const engine = SearchEngine.build(products);
  return (query) => engine.search({ query, limit: 10 }).hits.map((hit) => hit.id);
}

function loadClipAudio(path: string): Float32Array {
  const audio = decodeWav(new Uint8Array(readFileSync(path)));
  return resample(audio.samples, audio.sampleRate, RECOGNIZER_SAMPLE_RATE);
}

interface EngineRun {
  engine: string;
  lang: string;
  transcribe: (samples: Float32Array) => Promise<string> | string;
}

async function evaluate(clips: Clip[], run: EngineRun, ranker: Ranker | null, qrels: Map<string, Map<string, number>> | null, verbose: boolean, label = run.engine) {
  const pairs: Array<{ reference: string; hypothesis: string }> = [];
  let voiceNdcg = 0;
  let typedNdcg = 0;
  let judgedCount = 0;
  let decodeMs = 0;
  for (const clip of clips) {
    const samples = loadClipAudio(clip.path);
    const started = performance.now();
    const hypothesis = normalizeTranscript(await run.transcribe(samples));
    decodeMs += performance.now() - started;
    pairs.push({ reference: clip.text, hypothesis });
    const judged = qrels?.get(clip.qid);
    if (ranker && judged) {
      voiceNdcg += ndcgAt(ranker(hypothesis), judged);
      typedNdcg += ndcgAt(ranker(clip.text), judged);
      judgedCount++;
    }
    if (verbose) {
      const { errors } = tallyErrors(clip.text, hypothesis);
      console.log(`  ${errors === 0 ? 'ok ' : 'ERR'} ${clip.qid}  ref="${clip.text}"  hyp="${hypothesis}"`);
    }
  }
  const wer = corpusWordErrorRate(pairs).toFixed(3);
  const ndcg = judgedCount > 0 ? (voiceNdcg / judgedCount).toFixed(3) : 'n/a';
  const typed = judgedCount > 0 ? (typedNdcg / judgedCount).toFixed(3) : 'n/a';
  console.log(`${label} wer=${wer} nDCG@10=${ndcg} (typed nDCG@10=${typed}) n=${clips.length}`);
  if (verbose) console.log(`  (${run.lang}, ${(decodeMs / Math.max(1, clips.length)).toFixed(0)} ms a clip)`);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const clips = readManifest(args.manifest);
  const products = args.catalog ? readCatalog(args.catalog) : [];
  const qrels = args.qrels ? readQrels(args.qrels) : null;
  const ranker = products.length > 0 ? await loadRanker(products) : null;
  if (!ranker && qrels) console.log('# nDCG: src/core/search/engine.ts is not there yet; printing n/a');

  const sphinx = await loadNodeSphinxModule();
  const instant: InstantRecognizer = await createInstantRecognizer(sphinx);
  const report = instant.setCatalog(products);
  if (args.verbose) console.log(`# instant vocabulary: ${report.words} words, ${report.arcs} arcs, guessed ${JSON.stringify(report.guessed)}, ${report.tookMs} ms`);
  const english = clips.filter((clip) => clip.lang === 'en');
  const instantRun: EngineRun = { engine: 'instant', lang: 'en', transcribe: (samples) => instant.recognize(samples) };
  if (english.length > 0) await evaluate(english, instantRun, ranker, qrels, args.verbose);

  if (args.whisperModels) {
    // Whisper in Node (transformers.js on a local model folder) is not wired into this script yet.
    console.log('# whisper: --whisper-models is not supported yet; only the instant engine is evaluated');
  }

  if (args.robustness) {
    const held = await synthesiseRobustnessSet();
    if (held) {
      await evaluate(held.clips, instantRun, null, null, args.verbose, 'instant[robustness]');
      held.cleanup();
    } else console.log('# robustness: espeak-ng is not installed (apt-get install espeak-ng); skipped');
  }
  instant.dispose();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
