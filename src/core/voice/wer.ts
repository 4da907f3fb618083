/**
 * Word error rate for the voice evaluation. English is scored per word, Chinese per character
 * (Chinese is written without spaces, so "words" would depend on a segmenter; per-character
 * scoring — CER — is the usual measure and is what `wer` means for zh in eval:voice).
 * Both sides go through `normalizeTranscript`, hyphens split words, and apostrophes are dropped so that
 * "men's" and "mens" count as the same word.
 */
import { normalizeTranscript } from './normalize';

const HAN_CHAR = /\p{Script=Han}/u;

/** Scoring units of a transcript: Latin words and single Han characters. */
export function scoringTokens(text: string): string[] {
  const tokens: string[] = [];
  // Hyphenated compounds count as their words: "long-sleeve" and "long sleeve" say the same.
  for (const word of normalizeTranscript(text).replace(/'/g, '').replace(/-/g, ' ').split(/\s+/)) {
    if (!word) continue;
    let latin = '';
    for (const ch of word) {
      if (HAN_CHAR.test(ch)) {
        if (latin) tokens.push(latin);
        latin = '';
        tokens.push(ch);
      } else latin += ch;
    }
    if (latin) tokens.push(latin);
  }
  return tokens;
}

/** Levenshtein distance over token sequences (substitutions + deletions + insertions). */
export function editDistance(reference: readonly string[], hypothesis: readonly string[]): number {
  let previous = Array.from({ length: hypothesis.length + 1 }, (_, j) => j);
  for (let i = 1; i <= reference.length; i++) {
    const current = [i];
    for (let j = 1; j <= hypothesis.length; j++) {
      const substitution = previous[j - 1] + (reference[i - 1] === hypothesis[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, previous[j] + 1, current[j - 1] + 1));
    }
    previous = current;
  }
  return previous[hypothesis.length];
}

export interface WerTally {
  errors: number;
  referenceTokens: number;
}

/** Errors of one utterance, to be summed over a corpus. */
export function tallyErrors(reference: string, hypothesis: string): WerTally {
  const ref = scoringTokens(reference);
  return { errors: editDistance(ref, scoringTokens(hypothesis)), referenceTokens: ref.length };
}

/** Corpus WER: total edits over total reference tokens (not a mean of per-clip rates). */
export function corpusWordErrorRate(pairs: ReadonlyArray<{ reference: string; hypothesis: string }>): number {
  let errors = 0;
  let total = 0;
  for (const { reference, hypothesis } of pairs) {
    const tally = tallyErrors(reference, hypothesis);
    errors += tally.errors;
    total += tally.referenceTokens;
  }
  return total === 0 ? 0 : errors / total;
}
