/**
 * Held-out robustness set for the instant recogniser: spoken phrasings that use shades,
 * synonyms and garment words the Luma catalog never uses, and query framings ("show me",
 * "i need", "cheap"). These phrases were written before any tuning and are never used to tune:
 * they measure whether the grammar generalises beyond the catalog's own words.
 * Audio is synthesised with Debian's espeak-ng into a temp dir (not kept).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

/** Synthesises the phrases (en-us voice) into a temp dir; null when espeak-ng is absent. */
export async function synthesiseRobustnessSet(phrases: readonly string[] = ROBUSTNESS_PHRASES): Promise<SynthesisedSet | null> {
  if (!hasEspeak()) return null;
  const dir = mkdtempSync(join(tmpdir(), 'sou-voice-robust-'));
  const clips = phrases.map((text, i) => {
    const path = join(dir, `r${String(i + 1).padStart(2, '0')}.wav`);
    execFileSync('espeak-ng', ['-v', 'en-us', '-w', path, text], { stdio: 'ignore' });
    return { qid: `r${i + 1}`, lang: 'en' as const, text, path };
  });
  return { clips, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
