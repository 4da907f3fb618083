/**
 * Fake microphone and camera inputs for Chromium, made at test time into a temp folder (never
 * into the repo): Chromium plays them with --use-file-for-fake-audio-capture /
 * --use-file-for-fake-video-capture (see fakeMediaArgs).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeWav, encodeWav } from '../../src/core/voice/audio';
import { parseQrelsTsv } from '../../src/core/eval/tsv';
import { SHARED_DATA } from './paths';

export const VOICE_DEV = join(SHARED_DATA, 'voice-dev');
export const LUMA_DIR = join(SHARED_DATA, 'luma');

export function mediaTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * Chromium flags for a fake microphone / camera. Chromium loops a fake audio file unless the path
 * ends in "%noloop": a looping clip would never let voice-activity detection hear the end.
 */
export function fakeMediaArgs(opts: { audio?: string; video?: string; grant?: boolean }): string[] {
  const args = ['--use-fake-device-for-media-stream'];
  if (opts.grant !== false) args.push('--use-fake-ui-for-media-stream');
  else args.push('--deny-permission-prompts');
  if (opts.audio) args.push(`--use-file-for-fake-audio-capture=${opts.audio}%noloop`);
  if (opts.video) args.push(`--use-file-for-fake-video-capture=${opts.video}`);
  return args;
}

/** Copies a WAV clip with silence before (the press) and after (so the shopper "stops talking"). */
export function paddedWav(source: string, out: string, leadS = 0.8, tailS = 2.5): string {
  const { samples, sampleRate } = decodeWav(new Uint8Array(readFileSync(source)), 60);
  const padded = new Float32Array(Math.round((leadS + tailS) * sampleRate) + samples.length);
  padded.set(samples, Math.round(leadS * sampleRate));
  writeFileSync(out, encodeWav(padded, sampleRate));
  return out;
}

/** A WAV of digital silence. */
export function silentWav(out: string, seconds = 12, sampleRate = 16_000): string {
  writeFileSync(out, encodeWav(new Float32Array(Math.round(seconds * sampleRate)), sampleRate));
  return out;
}

/** Writes a one-frame YUV4MPEG2 (I420) video of the picture, letterboxed to 640×480 on white. */
export async function pictureY4m(imagePath: string, out: string): Promise<string> {
  const sharp = (await import('sharp')).default;
  const W = 640;
  const H = 480;
  const { data } = await sharp(imagePath).resize(W, H, { fit: 'contain', background: '#ffffff' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const y = Buffer.alloc(W * H);
  const u = Buffer.alloc((W / 2) * (H / 2));
  const v = Buffer.alloc((W / 2) * (H / 2));
  const clamp = (x: number) => Math.max(0, Math.min(255, Math.round(x)));
  for (let j = 0; j < H; j++) {
    for (let i = 0; i < W; i++) {
      const o = (j * W + i) * 3;
      const [r, g, b] = [data[o]!, data[o + 1]!, data[o + 2]!];
      y[j * W + i] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
      if (j % 2 === 0 && i % 2 === 0) {
        const c = (j / 2) * (W / 2) + i / 2;
        u[c] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
        v[c] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
      }
    }
  }
  writeFileSync(out, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F30:1 Ip A1:1 C420jpeg\nFRAME\n`), y, u, v]));
  return out;
}

/** Graded judgments (qid → item id → grade) from a ../shared qrels file. */
export function readQrels(path: string): Map<string, Map<string, number>> {
  return parseQrelsTsv(readFileSync(path, 'utf8'));
}

/** Rows of the voice-dev manifest. */
export function readVoiceManifest(): Array<{ qid: string; lang: string; text: string; file: string }> {
  return readFileSync(join(VOICE_DEV, 'manifest.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const [qid = '', lang = '', text = '', file = ''] = l.split('\t');
      return { qid, lang, text, file: join(VOICE_DEV, file) };
    });
}

/**
 * A smaller Luma catalog for tests that index every picture (the photo CNN takes 0.2–0.5 s a
 * picture on a shared 2-core machine): every item of `groups` (the products the test photographs,
 * in all their colours) plus every `every`-th (default 8th) other item as distractors, chosen by position only.
 * Written with copies of its images into `dir`; returns the catalog path.
 */
export function lumaSubsetCatalog(dir: string, groups: string[], every = 8): { path: string; count: number } {
  const lines = readFileSync(join(LUMA_DIR, 'catalog.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
  const kept = lines.filter((line, i) => {
    const item = JSON.parse(line) as { group?: string };
    return groups.includes(item.group ?? '') || i % every === 0;
  });
  mkdirSync(join(dir, 'images'), { recursive: true });
  for (const line of kept) {
    const { image } = JSON.parse(line) as { image?: string };
    if (image) copyFileSync(join(LUMA_DIR, image), join(dir, image));
  }
  const path = join(dir, 'catalog.jsonl');
  writeFileSync(path, kept.join('\n') + '\n');
  return { path, count: kept.length };
}
