/**
 * Longer spoken queries (2–5 s) for the instant recogniser, where the live decode settles on the
 * query's own cepstral mean instead of waiting for a whole-utterance decode (STREAM_SETTLE_S):
 *  - real voices: consecutive English voice-dev clips run together, two and three at a time,
 *    with a short breath (0.15 s) between them ("women's purple tank top green tee");
 *  - espeak-ng: the longer phrasings below, written for this set.
 * Files go to a temp dir (not kept); the shared clips are only read.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concatSamples, decodeWav, encodeWav, RECOGNIZER_SAMPLE_RATE, resample } from '../../src/core/voice/audio';
import { trimToSpeech } from '../../src/core/voice/vad';
import { synthesiseRobustnessSet, type SynthesisedSet } from './robustness';

export const LONG_PHRASES: readonly string[] = [
  'show me a navy hooded sweatshirt for men under fifty dollars',
  'i am looking for a black waterproof hiking jacket for women',
  'red running shorts for men with pockets',
  'womens grey yoga pants in size medium',
  'light blue long sleeve tee for running',
  'a green zip up hoodie for men that is warm',
  'cheap white tank top for the gym',
  'purple sports bra for women with good support',
  'orange windbreaker jacket for cycling in the rain',
  'mens black training pants with a slim fit',
  'do you have a yellow rain jacket for women',
  'blue backpack for hiking and travel',
  'women crew neck sweatshirt in pink',
  'soft cotton tee for men in olive green',
  'black and white sneakers for running',
  'a warm fleece pullover for cold mornings',
];

const LEAD_S = 0.5;
const BREATH_S = 0.15;

interface SpokenClip {
  qid: string;
  text: string;
  path: string;
}

/**
 * The joined voice-dev queries plus the espeak-ng phrases (those only when espeak-ng is
 * installed). `devClips`: the manifest's English clips, in manifest order.
 */
export async function buildLongQuerySet(devClips: readonly SpokenClip[]): Promise<SynthesisedSet> {
  const dir = mkdtempSync(join(tmpdir(), 'sou-voice-long-'));
  const speech = devClips.map((clip) => {
    const wav = decodeWav(new Uint8Array(readFileSync(clip.path)));
    return trimToSpeech(resample(wav.samples, wav.sampleRate, RECOGNIZER_SAMPLE_RATE), RECOGNIZER_SAMPLE_RATE, { padS: 0 });
  });
  const clips: SynthesisedSet['clips'] = [];
  for (const size of [2, 3]) {
    for (let i = 0; i < devClips.length && devClips.length >= size; i++) {
      const picked = Array.from({ length: size }, (_, k) => (i + k) % devClips.length);
      const parts: Float32Array[] = [new Float32Array(Math.round(LEAD_S * RECOGNIZER_SAMPLE_RATE))];
      picked.forEach((index, k) => {
        if (k > 0) parts.push(new Float32Array(Math.round(BREATH_S * RECOGNIZER_SAMPLE_RATE)));
        parts.push(speech[index]!);
      });
      const qid = picked.map((index) => devClips[index]!.qid).join('+');
      const path = join(dir, `${qid}.wav`);
      writeFileSync(path, encodeWav(concatSamples(parts), RECOGNIZER_SAMPLE_RATE));
      clips.push({ qid, lang: 'en', text: picked.map((index) => devClips[index]!.text).join(' '), path });
    }
  }
  const spoken = await synthesiseRobustnessSet(LONG_PHRASES, { prefix: 'L', silenceOf: () => ({ beforeS: LEAD_S, afterS: 0 }) });
  if (spoken) clips.push(...spoken.clips);
  return {
    clips,
    cleanup: () => {
      spoken?.cleanup();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
