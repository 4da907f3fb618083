/**
 * Voice evaluation: runs every clip of a voice manifest through the recognisers available in
 * Node, and prints per engine and language
 *   ENGINE wer=0.xxx nDCG@10=0.xxx (typed nDCG@10=0.xxx) n=NN
 * where nDCG@10 searches the catalog with the transcript and "typed" with the reference text.
 * With --robustness it also synthesises held-out phrasings (shades, synonyms, garment words the
 * catalog never uses) with espeak-ng into a temp dir and prints their WER; --tuning does the same
 * for the set the recogniser's settings were chosen on (scripts/voice/tuning.ts); --long plays
 * longer queries (2–5 s: dev clips run together, longer espeak-ng phrasings; scripts/voice/longQueries.ts).
 *
 *   npm run eval:voice -- --manifest ../shared/data/voice-dev/manifest.tsv \
 *     --catalog ../shared/data/luma/catalog.jsonl --qrels ../shared/data/luma/dev/qrels.tsv \
 *     [--robustness] [--tuning] [--long] [--whisper-models models] [--verbose]
 *
 * The `instant` line is what the app does with a microphone: each clip is fed in capture-sized
 * blocks through the voice service (voice-activity detection, the live decode, its transcript at
 * the first short pause), followed by a second of quiet room noise so the recording ends by itself.
 * A "#" line gives the whole-utterance decode used for dropped audio files.
 * Chinese is scored per character (see src/core/voice/wer.ts). The instant engine is English
 * only. With --whisper-models DIR (the folder `npm run models` fills: DIR/onnx-community/whisper-tiny)
 * Whisper runs in Node through the app's own loader (src/voice/whisper.ts, transformers.js, q8),
 * each clip in its own language, one `whisper[en]` / `whisper[zh]` line each, and a "#" line for
 * its language detection.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Product } from '../src/core/types';
import { parseCatalogJsonl } from '../src/core/eval/catalogReader';
import { ndcgAt } from '../src/core/eval/metrics';
import { parseQrelsTsv } from '../src/core/eval/tsv';
import { SearchEngine } from '../src/core/search/engine';
import { decodeWav, resample, RECOGNIZER_SAMPLE_RATE } from '../src/core/voice/audio';
import { createInstantRecognizer, type InstantRecognizer } from '../src/core/voice/instantRecognizer';
import { createVoiceService } from '../src/voice/voiceService';
import { loadWhisper, type LoadedWhisper } from '../src/voice/whisper';
import { loadNodeSphinxModule } from './voice/nodeSphinx';
import { MIC_BLOCK, withQuietRoom } from './voice/microphone';
import { normalizeTranscript } from '../src/core/voice/normalize';
import { corpusWordErrorRate, tallyErrors } from '../src/core/voice/wer';
import { synthesiseRobustnessSet } from './voice/robustness';
import { TUNING_PHRASES } from './voice/tuning';
import { buildLongQuerySet } from './voice/longQueries';

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
  tuning: boolean;
  long: boolean;
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
    console.error('usage: npm run eval:voice -- --manifest FILE.tsv [--catalog catalog.jsonl] [--qrels qrels.tsv] [--robustness] [--tuning] [--long] [--verbose]');
    process.exit(2);
  }
  return {
    manifest,
    catalog: value('catalog'),
    qrels: value('qrels'),
    robustness: argv.includes('--robustness'),
    tuning: argv.includes('--tuning'),
    long: argv.includes('--long'),
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

type Ranker = (query: string) => string[];

function loadRanker(products: Product[]): Ranker {
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
  const decodeMs: number[] = [];
  let audioS = 0;
  for (const clip of clips) {
    const samples = loadClipAudio(clip.path);
    audioS += samples.length / RECOGNIZER_SAMPLE_RATE;
    const started = performance.now();
    const hypothesis = normalizeTranscript(await run.transcribe(samples));
    decodeMs.push(performance.now() - started);
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
  const total = decodeMs.reduce((sum, ms) => sum + ms, 0);
  console.log(
    `# ${label.replace(/^# /, '')} decode (${run.lang}): mean ${(total / Math.max(1, clips.length)).toFixed(0)} ms, max ${Math.max(0, ...decodeMs).toFixed(0)} ms a clip ` +
      `(${(audioS / Math.max(1, clips.length)).toFixed(1)} s of audio a clip)`,
  );
}

/**
 * Plays a clip into the voice service as the microphone would (then a quiet room until the
 * end-of-speech detector stops the recording) and returns its final transcript.
 */
async function speakInto(service: ReturnType<typeof createVoiceService>, clip: Float32Array): Promise<string> {
  const audio = withQuietRoom(clip, 12345);
  await service.startUtterance(RECOGNIZER_SAMPLE_RATE, 'en');
  for (let offset = 0; offset < audio.length; offset += MIC_BLOCK) {
    if (service.pushAudio(audio.subarray(offset, offset + MIC_BLOCK)).shouldStop) break;
  }
  try {
    return (await service.finishUtterance()).text;
  } catch {
    return '';
  }
}

/**
 * Whisper from a local model folder: every clip in the language of its manifest row (as when the
 * UI language is set), then language identification alone over all clips (as when it is not).
 */
async function evaluateWhisper(folder: string, clips: Clip[], ranker: Ranker | null, qrels: Map<string, Map<string, number>> | null, verbose: boolean) {
  let whisper: LoadedWhisper;
  try {
    whisper = await loadWhisper({ localModelPath: folder });
  } catch (error) {
    console.log(`# whisper: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  console.log(`# whisper: ${whisper.modelId} from ${folder} (q8)`);
  try {
    for (const lang of ['en', 'zh'] as const) {
      const inLanguage = clips.filter((clip) => clip.lang === lang);
      if (inLanguage.length === 0) continue;
      const run: EngineRun = { engine: `whisper[${lang}]`, lang, transcribe: (samples) => whisper.transcribe(samples, lang) };
      await evaluate(inLanguage, run, ranker, qrels, verbose);
    }
    let detected = 0;
    for (const clip of clips) if ((await whisper.detectLanguage(loadClipAudio(clip.path))) === clip.lang) detected++;
    console.log(`# whisper language detection: ${detected}/${clips.length} clips in the manifest's language`);
  } finally {
    await whisper.dispose();
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const clips = readManifest(args.manifest);
  const products = args.catalog ? parseCatalogJsonl(readFileSync(args.catalog, 'utf8')) : [];
  const qrels = args.qrels ? parseQrelsTsv(readFileSync(args.qrels, 'utf8')) : null;
  const ranker = products.length > 0 ? loadRanker(products) : null;

  const sphinx = await loadNodeSphinxModule();
  const instant: InstantRecognizer = await createInstantRecognizer(sphinx);
  const report = instant.setCatalog(products);
  if (args.verbose) console.log(`# instant vocabulary: ${report.words} words, ${report.arcs} arcs, guessed ${JSON.stringify(report.guessed)}, ${report.tookMs} ms`);
  const english = clips.filter((clip) => clip.lang === 'en');
  const service = createVoiceService({ loadInstant: async () => instant });
  await service.setCatalog(products);
  await service.warmUp();
  const instantRun: EngineRun = { engine: 'instant', lang: 'en', transcribe: (samples) => speakInto(service, samples) };
  const wholeRun: EngineRun = { engine: 'instant whole-utterance (dropped files)', lang: 'en', transcribe: (samples) => instant.recognize(samples) };
  if (english.length > 0) {
    await evaluate(english, instantRun, ranker, qrels, args.verbose);
    await evaluate(english, wholeRun, ranker, qrels, false, '# instant whole-utterance (dropped files)');
  }
  const otherLanguages = [...new Set(clips.filter((clip) => clip.lang !== 'en').map((clip) => clip.lang))];
  for (const lang of otherLanguages) {
    const count = clips.filter((clip) => clip.lang === lang).length;
    console.log(`# instant: English only; ${count} ${lang} clips are for Whisper${args.whisperModels ? '' : ' (pass --whisper-models DIR)'}`);
  }

  if (args.whisperModels) await evaluateWhisper(resolve(args.whisperModels), clips, ranker, qrels, args.verbose);

  if (args.robustness) {
    const held = await synthesiseRobustnessSet();
    if (held) {
      await evaluate(held.clips, instantRun, null, null, args.verbose, 'instant[robustness]');
      await evaluate(held.clips, wholeRun, null, null, false, '# instant[robustness] whole-utterance');
      held.cleanup();
    } else console.log('# robustness: espeak-ng is not installed (apt-get install espeak-ng); skipped');
  }
  if (args.tuning) {
    // Half read slowly inside push-to-talk silence (like the dev clips), half at espeak's pace, tight.
    const tuning = await synthesiseRobustnessSet(TUNING_PHRASES, {
      prefix: 't',
      speedOf: (i) => (i % 2 === 0 ? 140 : undefined),
      silenceOf: (i) => (i % 2 === 0 ? { beforeS: 0.3, afterS: 0.8 } : undefined),
    });
    if (tuning) {
      await evaluate(tuning.clips, instantRun, null, null, args.verbose, 'instant[tuning]');
      await evaluate(tuning.clips, wholeRun, null, null, false, '# instant[tuning] whole-utterance');
      tuning.cleanup();
    } else console.log('# tuning: espeak-ng is not installed (apt-get install espeak-ng); skipped');
  }
  if (args.long && english.length > 0) {
    // 2–5 s queries: the live decode settles on their own mean and answers without a second pass.
    const long = await buildLongQuerySet(english);
    await evaluate(long.clips, instantRun, null, null, args.verbose, 'instant[long]');
    await evaluate(long.clips, wholeRun, null, null, false, '# instant[long] whole-utterance');
    long.cleanup();
  }
  instant.dispose();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
