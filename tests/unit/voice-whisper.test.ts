/**
 * The Whisper path in Node, on the project's Whisper stand-in (scripts/build-standin-whisper.ts):
 * the same loader the voice worker uses (src/voice/whisper.ts → transformers.js
 * 'automatic-speech-recognition', local files only) hears the stand-in's phrase in speech, nothing
 * in silence, follows or detects the language, and reports missing or damaged files with the
 * SouError codes the app falls back on.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWhisperStandin, STANDIN_PHRASES, WHISPER_STANDIN_ID } from '../../scripts/build-standin-whisper';
import { decodeWav, resample, RECOGNIZER_SAMPLE_RATE } from '../../src/core/voice/audio';
import { corpusWordErrorRate } from '../../src/core/voice/wer';
import { createVoiceService } from '../../src/voice/voiceService';
import { fetchModels } from '../../scripts/fetch-models';
import { loadWhisper, WHISPER_MODEL_ID, type LoadedWhisper } from '../../src/voice/whisper';

const VOICE_DEV = resolve(__dirname, '..', '..', '..', 'shared', 'data', 'voice-dev');
const hasVoiceDev = existsSync(join(VOICE_DEV, 'd01.wav'));
const RATE = RECOGNIZER_SAMPLE_RATE;

/** A harmonic tone (vowel-like) with a syllable envelope: `seconds` long at 16 kHz. */
function tone(fundamentalHz: number, seconds: number, harmonics = 1): Float32Array {
  const out = new Float32Array(Math.round(seconds * RATE));
  for (let i = 0; i < out.length; i++) {
    const t = i / RATE;
    let v = 0;
    for (let h = 1; h <= harmonics; h++) v += Math.sin(2 * Math.PI * fundamentalHz * h * t) / h;
    out[i] = 0.3 * v * (0.6 + 0.4 * Math.sin(2 * Math.PI * 3 * t));
  }
  return out;
}

function clip(name: string): Float32Array {
  const wav = decodeWav(readFileSync(join(VOICE_DEV, name)));
  return resample(wav.samples, wav.sampleRate, RATE);
}

let root: string;
let whisper: LoadedWhisper;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'sou-whisper-'));
  buildWhisperStandin({ root, log: () => undefined });
  whisper = await loadWhisper({ localModelPath: root });
});
afterAll(async () => {
  await whisper?.dispose();
  rmSync(root, { recursive: true, force: true });
});

describe('Whisper stand-in through the app loader', () => {
  it('hears the phrase in English speech and nothing in silence', async () => {
    const speech = hasVoiceDev ? clip('d01.wav') : tone(180, 2, 6);
    expect(await whisper.transcribe(speech, 'en')).toBe(STANDIN_PHRASES.en.trim());
    expect(await whisper.transcribe(new Float32Array(3 * RATE), 'en')).toBe('');
    // Very quiet hiss is not speech either.
    const hiss = Float32Array.from({ length: 3 * RATE }, (_, i) => 1e-5 * Math.sin(i * 12.9898));
    expect(await whisper.transcribe(hiss, 'en')).toBe('');
  });

  it('follows the UI language: Mandarin gives the Chinese phrase', async () => {
    expect(await whisper.transcribe(tone(180, 2, 6), 'zh')).toBe(STANDIN_PHRASES.zh.trim());
  });

  it('detects the language from the audio when none is given', async () => {
    // The stand-in's toy rule: energy mostly in the upper mel bands reads as Mandarin.
    const low = tone(150, 2, 6);
    const high = tone(3500, 2, 1);
    expect(await whisper.detectLanguage(low)).toBe('en');
    expect(await whisper.detectLanguage(high)).toBe('zh');
    expect(await whisper.transcribe(low, null)).toBe(STANDIN_PHRASES.en.trim());
    expect(await whisper.transcribe(high, null)).toBe(STANDIN_PHRASES.zh.trim());
  });

  it.skipIf(!hasVoiceDev)(`lands in the voice service as Simplified Chinese from Whisper (${hasVoiceDev ? 'voice-dev clips' : 'needs ../shared/data/voice-dev'})`, async () => {
    const service = createVoiceService({
      loadInstant: () => Promise.reject(new Error('the instant recogniser is not needed when Whisper answers')),
      loadWhisper: async () => whisper,
    });
    expect(await service.enableWhisper()).toBe(true);
    expect(service.engine).toBe('whisper');
    const result = await service.transcribeFile({ wav: readFileSync(join(VOICE_DEV, 'z01.wav')) }, 'zh');
    // The stand-in answers in Traditional (夾); the catalog lexicon is Simplified (夹).
    expect(result).toMatchObject({ text: '黑色夹克', engine: 'whisper' });
    const english = await service.transcribeFile({ samples: clip('d02.wav'), sampleRate: RATE }, 'en');
    expect(english).toMatchObject({ text: 'black jacket', engine: 'whisper' });
  });
});

describe.skipIf(!hasVoiceDev)(`eval:voice with --whisper-models (${hasVoiceDev ? 'voice-dev clips' : 'needs ../shared/data/voice-dev'})`, () => {
  it('scores Whisper per language on the manifest, Chinese per character', () => {
    // Two clips of each language; the stand-in says its fixed phrase for every one of them.
    const rows = readFileSync(join(VOICE_DEV, 'manifest.tsv'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('#'))
      .map((line) => line.split('\t'));
    const picked = [...rows.filter((r) => r[1] === 'en').slice(0, 2), ...rows.filter((r) => r[1] === 'zh').slice(0, 2)];
    const dir = mkdtempSync(join(tmpdir(), 'sou-eval-voice-'));
    try {
      const manifest = join(dir, 'manifest.tsv');
      writeFileSync(manifest, picked.map((r) => [r[0], r[1], r[2], join(VOICE_DEV, r[3]!)].join('\t')).join('\n') + '\n');
      const out = execFileSync(process.execPath, ['--import', 'tsx', resolve(__dirname, '..', '..', 'scripts', 'eval-voice.ts'), '--manifest', manifest, '--whisper-models', root], {
        encoding: 'utf8',
        cwd: resolve(__dirname, '..', '..'),
      });
      const expected = (lang: 'en' | 'zh') =>
        corpusWordErrorRate(picked.filter((r) => r[1] === lang).map((r) => ({ reference: r[2]!, hypothesis: STANDIN_PHRASES[lang] }))).toFixed(3);
      expect(out).toContain(`whisper[en] wer=${expected('en')} nDCG@10=n/a (typed nDCG@10=n/a) n=2`);
      expect(out).toContain(`whisper[zh] wer=${expected('zh')} nDCG@10=n/a (typed nDCG@10=n/a) n=2`);
      expect(out).toMatch(/# whisper language detection: \d\/4 clips/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('Whisper stand-in files', () => {
  it('rebuild byte for byte and stay small', () => {
    const fresh = mkdtempSync(join(tmpdir(), 'sou-whisper-'));
    try {
      const again = buildWhisperStandin({ root: fresh, log: () => undefined });
      const first = buildWhisperStandin({ root, log: () => undefined });
      expect(first.skipped).toBe(true);
      expect(again.files).toEqual(first.files);
      const digest = (p: string) => createHash('sha256').update(readFileSync(join(fresh, WHISPER_STANDIN_ID, p))).digest('hex');
      expect(digest('onnx/decoder_model_merged_quantized.onnx')).toBe(first.files.find((f) => f.path === 'onnx/decoder_model_merged_quantized.onnx')!.sha256);
      expect(again.files.reduce((s, f) => s + f.size, 0)).toBeLessThan(2 * 1024 * 1024);
      expect(again.files.map((f) => f.path)).toEqual(
        expect.arrayContaining(['onnx/encoder_model_quantized.onnx', 'onnx/decoder_model_merged_quantized.onnx', 'generation_config.json', 'preprocessor_config.json']),
      );
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});

describe('missing or damaged Whisper files', () => {
  const copy = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'sou-whisper-bad-'));
    cpSync(join(root, WHISPER_STANDIN_ID), join(dir, WHISPER_STANDIN_ID), { recursive: true });
    return dir;
  };

  it('no model folder: MODEL_MISSING telling what to run', async () => {
    await expect(loadWhisper({ localModelPath: join(root, 'nowhere') })).rejects.toMatchObject({
      code: 'MODEL_MISSING',
      message: expect.stringContaining('npm run models'),
    });
  });

  it('a missing decoder file: MODEL_MISSING', async () => {
    const dir = copy();
    try {
      rmSync(join(dir, WHISPER_STANDIN_ID, 'onnx', 'decoder_model_merged_quantized.onnx'));
      await expect(loadWhisper({ localModelPath: dir })).rejects.toMatchObject({ code: 'MODEL_MISSING' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a truncated decoder file: MODEL_LOAD', async () => {
    const dir = copy();
    try {
      const file = join(dir, WHISPER_STANDIN_ID, 'onnx', 'decoder_model_merged_quantized.onnx');
      truncateSync(file, Math.floor(statSync(file).size / 2));
      await expect(loadWhisper({ localModelPath: dir })).rejects.toMatchObject({
        code: 'MODEL_LOAD',
        message: expect.stringContaining('instant English recogniser'),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run models and the Whisper entry', () => {
  it('downloads every q8 file of the manifest entry into models/<repo>/, pins them, and the app loads them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sou-whisper-fetch-'));
    try {
      const manifestPath = join(dir, 'manifest.json');
      copyFileSync(join(process.cwd(), 'models', 'manifest.json'), manifestPath);
      const commit = 'c0ffee'.padEnd(40, '0');
      const requested: string[] = [];
      // A Hub stand-in serving the stand-in's files at {host}/{repo}/resolve/{revision}/{path}.
      const fetchFn = (async (input: string | URL | Request) => {
        const url = new URL(String(input));
        requested.push(url.pathname);
        const match = /^\/(.+?)\/resolve\/([^/]+)\/(.+)$/.exec(url.pathname);
        const file = match && join(root, match[1]!, match[3]!);
        if (!file || !existsSync(file)) return new Response('not found', { status: 404 });
        return new Response(readFileSync(file), { headers: { 'content-length': String(statSync(file).size), 'x-repo-commit': commit } });
      }) as typeof fetch;
      const result = await fetchModels({ manifestPath, root: join(dir, 'models'), host: 'http://hub.test', only: [WHISPER_MODEL_ID], pin: true, fetchFn, log: () => undefined });
      expect(result.downloaded.sort()).toEqual(
        [
          'config.json',
          'generation_config.json',
          'preprocessor_config.json',
          'tokenizer.json',
          'tokenizer_config.json',
          'onnx/encoder_model_quantized.onnx',
          'onnx/decoder_model_merged_quantized.onnx',
        ]
          .map((p) => `${WHISPER_MODEL_ID}/${p}`)
          .sort(),
      );
      expect(requested[0]).toBe(`/${WHISPER_MODEL_ID}/resolve/main/config.json`);
      const pinned = JSON.parse(readFileSync(manifestPath, 'utf8')).models.find((m: { id: string }) => m.id === WHISPER_MODEL_ID);
      expect(pinned).toMatchObject({ revision: commit, pinStatus: 'pinned' });
      const loaded = await loadWhisper({ localModelPath: join(dir, 'models') });
      try {
        expect(await loaded.transcribe(tone(150, 2, 6), 'en')).toBe(STANDIN_PHRASES.en.trim());
      } finally {
        await loaded.dispose();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
