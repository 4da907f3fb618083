/**
 * The text encoders sou knows, best first. The app embeds with the best one that is installed:
 * the pinned multilingual MiniLM when the user fetched it (`npm run models`), otherwise the
 * instant encoder that `npm run assets` generates (always present in a built app).
 *
 * Vectors of different encoders are not comparable: stored catalog vectors carry the encoder id,
 * and a query must be embedded by the same encoder as the catalog.
 */

export interface TextEncoderInfo {
  /** Model id = folder under the models root (`/models/<id>/` in the browser). */
  id: string;
  /** Output vector length. */
  dims: number;
  /** Short human name for settings and "about" screens. */
  label: string;
  /** `pinned`: downloaded and checked against models/manifest.json; `generated`: built locally. */
  origin: 'pinned' | 'generated';
  /** Languages it embeds into one shared space. */
  languages: string;
  /** Approximate download size of the quantized files, for the UI before fetching. */
  approxBytes: number;
}

export const MINILM_ID = 'Xenova/paraphrase-multilingual-MiniLM-L12-v2';
export const INSTANT_ENCODER_ID = 'sou/instant-text-encoder';

/** Preference order: first present wins. */
export const TEXT_ENCODERS: readonly TextEncoderInfo[] = [
  {
    id: MINILM_ID,
    dims: 384,
    label: 'Multilingual MiniLM-L12 (q8)',
    origin: 'pinned',
    languages: '50+ languages incl. en, zh',
    approxBytes: 135_000_000,
  },
  {
    id: INSTANT_ENCODER_ID,
    dims: 100,
    label: 'Instant word-vector encoder',
    origin: 'generated',
    languages: 'en, zh via shopping lexicon',
    approxBytes: 4_000_000,
  },
];

export function encoderInfo(id: string): TextEncoderInfo | undefined {
  return TEXT_ENCODERS.find((e) => e.id === id);
}

/**
 * The first encoder (in preference order) for which `isPresent` resolves true, or null.
 * Checks run in order and stop at the first hit, so a cheap check of the best model comes first.
 * A check that throws counts as "not present".
 */
export async function pickBestEncoder(
  isPresent: (modelId: string) => Promise<boolean>,
  candidates: readonly TextEncoderInfo[] = TEXT_ENCODERS,
): Promise<TextEncoderInfo | null> {
  for (const info of candidates) {
    let present = false;
    try {
      present = await isPresent(info.id);
    } catch {
      present = false;
    }
    if (present) return info;
  }
  return null;
}
