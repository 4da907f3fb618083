/**
 * Held-out robustness set for the instant recogniser: spoken phrasings that use shades,
 * synonyms and garment words the Luma catalog never uses, and query framings ("show me",
 * "i need", "cheap"). These phrases were written before any tuning and are never used to tune:
 * they measure whether the grammar generalises beyond the catalog's own words.
 * Audio is synthesised with Debian's espeak-ng into a temp dir (not kept).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeWav, encodeWav } from '../../src/core/voice/audio';

export const ROBUSTNESS_PHRASES: readonly string[] = [
  'navy hooded sweatshirt for men',
  'ladies burgundy leggings',
  'charcoal joggers',
  'olive green windbreaker',
  "women's lavender sports bra",
  'crimson running shorts',
  'show me a beige cardigan',
  'mens khaki cargo pants',
  'teal fleece pullover for women',
  'kids yellow raincoat',
  'maroon zip up hoodie',
  'light blue tank top for yoga',
  'i need black hiking boots',
  'white long sleeve tee',
  "women's pink crop top",
  'waterproof jacket for hiking',
  'grey wool sweater',
  'coral swimsuit',
  'dark green puffer jacket',
  'cheap red sneakers',
  'gym bag for men',
  'ivory blouse for women',
  'denim jacket',
  'cotton pajamas',
  'mustard beanie',
];

export interface SynthesisedSet {
  clips: Array<{ qid: string; lang: 'en'; text: string; path: string }>;
  cleanup(): void;
}

function hasEspeak(): boolean {
  try {
    execFileSync('espeak-ng', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface SynthesisOptions {
  /** Clip id prefix. */
  prefix?: string;
  /** espeak-ng words per minute for each phrase (by index); espeak's default 175 when absent. */
  speedOf?: (index: number) => number | undefined;
  /** Silence added before and after each phrase, in seconds (by index). */
  silenceOf?: (index: number) => { beforeS: number; afterS: number } | undefined;
}

/** Synthesises the phrases (en-us voice) into a temp dir; null when espeak-ng is absent. */
export async function synthesiseRobustnessSet(phrases: readonly string[] = ROBUSTNESS_PHRASES, options: SynthesisOptions = {}): Promise<SynthesisedSet | null> {
  if (!hasEspeak()) return null;
  const prefix = options.prefix ?? 'r';
  const dir = mkdtempSync(join(tmpdir(), 'sou-voice-robust-'));
  const clips = phrases.map((text, i) => {
    const path = join(dir, `${prefix}${String(i + 1).padStart(2, '0')}.wav`);
    const speed = options.speedOf?.(i);
    execFileSync('espeak-ng', ['-v', 'en-us', ...(speed ? ['-s', String(speed)] : []), '-w', path, text], { stdio: 'ignore' });
    const silence = options.silenceOf?.(i);
    if (silence) padWithSilence(path, silence.beforeS, silence.afterS);
    return { qid: `${prefix}${i + 1}`, lang: 'en' as const, text, path };
  });
  return { clips, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Rewrites a WAV file with digital silence before and after the speech (a push-to-talk recording). */
function padWithSilence(path: string, beforeS: number, afterS: number): void {
  const audio = decodeWav(new Uint8Array(readFileSync(path)));
  const before = Math.round(beforeS * audio.sampleRate);
  const padded = new Float32Array(before + audio.samples.length + Math.round(afterS * audio.sampleRate));
  padded.set(audio.samples, before);
  writeFileSync(path, encodeWav(padded, audio.sampleRate));
}
