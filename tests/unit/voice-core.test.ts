import { describe, expect, it } from 'vitest';
import { SouError } from '../../src/core/types';
import { decodeWav, encodeWav, resample } from '../../src/core/voice/audio';
import { buildQueryGrammar } from '../../src/core/voice/grammar';
import { normalizeTranscript, toSimplified } from '../../src/core/voice/normalize';
import { lettersToSounds, pronounce } from '../../src/core/voice/pronounce';
import { analyseUtterance } from '../../src/core/voice/vad';
import { buildVoiceVocabulary } from '../../src/core/voice/vocabulary';
import { corpusWordErrorRate, scoringTokens } from '../../src/core/voice/wer';
import type { Product } from '../../src/core/types';

const tone = (seconds: number, rate: number, freq: number, amp: number) =>
  Float32Array.from({ length: Math.round(seconds * rate) }, (_, i) => amp * Math.sin((2 * Math.PI * freq * i) / rate));

describe('transcript normalisation', () => {
  it('turns Traditional Whisper output into the Simplified words of the lexicon', () => {
    expect(toSimplified('男士黑色衛衣')).toBe('男士黑色卫衣');
    expect(normalizeTranscript('藍色Ｔ恤。')).toBe('蓝色t恤');
    expect(normalizeTranscript('雙肩包 手錶')).toBe('双肩包手表');
  });
  it('drops recogniser annotations and sentence punctuation but keeps possessives', () => {
    expect(normalizeTranscript(" [BLANK_AUDIO] Women's Red Jacket!")).toBe("women's red jacket");
  });
});

describe('word error rate', () => {
  it('scores English per word (apostrophes ignored) and Chinese per character', () => {
    expect(scoringTokens("men's tank top")).toEqual(['mens', 'tank', 'top']);
    expect(scoringTokens('瑜伽裤')).toEqual(['瑜', '伽', '裤']);
    expect(corpusWordErrorRate([{ reference: "women's red jacket", hypothesis: 'womens red jacket' }])).toBe(0);
    expect(corpusWordErrorRate([{ reference: 'black hoodie men', hypothesis: 'blue hoodie' }])).toBeCloseTo(2 / 3);
    expect(corpusWordErrorRate([{ reference: 'white long sleeve tee', hypothesis: 'white long-sleeve tee' }])).toBe(0);
  });
});

describe('WAV decoding', () => {
  it('round-trips 16-bit PCM and resamples 48 kHz to 16 kHz keeping the tone', () => {
    const wav = encodeWav(tone(0.5, 48_000, 440, 0.5), 48_000);
    const decoded = decodeWav(wav);
    expect(decoded.sampleRate).toBe(48_000);
    expect(decoded.durationS).toBeCloseTo(0.5, 3);
    const down = resample(decoded.samples, 48_000, 16_000);
    expect(Math.abs(down.length - 8000)).toBeLessThanOrEqual(2);
    // 440 Hz survives: zero crossings over 0.5 s ≈ 440.
    let crossings = 0;
    for (let i = 1; i < down.length; i++) if (down[i - 1] < 0 !== down[i] < 0) crossings++;
    expect(Math.abs(crossings - 440)).toBeLessThan(6);
  });
  it('refuses non-WAV bytes, damaged files and a 10-minute file with clear codes', () => {
    const codeOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as SouError).code;
      }
      return null;
    };
    expect(codeOf(() => decodeWav(new TextEncoder().encode('ID3 this is an mp3')))).toBe('AUDIO_UNSUPPORTED');
    expect(codeOf(() => decodeWav(encodeWav(tone(0.1, 16_000, 200, 0.1), 16_000).slice(0, 30)))).toBe('AUDIO_DECODE');
    // Header says 10 minutes; the check uses the header before decoding.
    const header = encodeWav(new Float32Array(16), 16_000);
    new DataView(header.buffer).setUint32(40, 600 * 16_000 * 2, true);
    expect(codeOf(() => decodeWav(header))).toBe('AUDIO_TOO_LONG');
  });
});

describe('voice-activity verdicts', () => {
  it('tells silence, steady noise and speech-like bursts apart', () => {
    const rate = 16_000;
    expect(analyseUtterance(new Float32Array(rate), rate).verdict).toBe('silence');
    let seed = 1;
    const noise = Float32Array.from({ length: rate * 2 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return (seed / 2 ** 31 - 0.5) * 0.3;
    });
    expect(analyseUtterance(noise, rate).verdict).toBe('noise');
    const speechLike = new Float32Array(rate * 2);
    for (let syllable = 0; syllable < 6; syllable++) speechLike.set(tone(0.18, rate, 180 + syllable * 30, 0.4), Math.round((0.3 + syllable * 0.25) * rate));
    const verdict = analyseUtterance(speechLike, rate);
    expect(verdict.verdict).toBe('speech');
    expect(verdict.speechStartS).toBeGreaterThan(0.2);
  });
});

describe('vocabulary and grammar', () => {
  const products: Product[] = [
    { id: '1', title: 'Chaz Kangeroo Hoodie (Black)', description: '', category: 'Men/Tops/Hoodies & Sweatshirts', color: 'Black', price: 52, currency: 'USD', image: '' },
  ];
  it('includes catalog names and lexicon shades/garments the catalog never uses', () => {
    const vocabulary = buildVoiceVocabulary(products);
    expect(vocabulary.classes.name.has('kangeroo')).toBe(true);
    expect(vocabulary.classes.color.has('burgundy')).toBe(true);
    expect(vocabulary.classes.type.has('windbreaker')).toBe(true);
    expect(vocabulary.classes.color.has('hoodie')).toBe(false);
  });
  it('makes "colour garment" far likelier than "garment colour garment" nonsense, and each state sums to 1', () => {
    const grammar = buildQueryGrammar(buildVoiceVocabulary(products));
    const out = new Map<number, number>();
    for (const arc of grammar.arcs) out.set(arc.from, (out.get(arc.from) ?? 0) + arc.prob);
    for (const [state, total] of out) if (state !== grammar.final) expect(total).toBeCloseTo(1, 5);
    expect(grammar.arcs.some((a) => a.word === 'burgundy')).toBe(true);
  });
  it('expects the words of a lexicon phrase together ("tank" then "top") and knows possessive departments', () => {
    const vocabulary = buildVoiceVocabulary(products);
    expect(vocabulary.classes.type.has('tank top')).toBe(true);
    expect(vocabulary.words).toContain('tank');
    expect(vocabulary.words).not.toContain('tank top');
    expect(vocabulary.classes.gender.get("women's")).toBe(vocabulary.classes.gender.get('women'));
    const grammar = buildQueryGrammar(vocabulary);
    const tankArcs = grammar.arcs.filter((a) => a.word === 'tank');
    // One arc of "tank" leads into the phrase's own state, where "top" is the only way on.
    const inner = tankArcs.map((a) => grammar.arcs.filter((b) => b.from === a.to)).find((next) => next.length === 1);
    expect(inner?.[0]).toMatchObject({ word: 'top', prob: 1 });
  });
  it('guesses pronunciations for words the dictionary lacks', () => {
    const dict: Record<string, string> = { wind: 'W IH N D', breaker: 'B R EY K ER' };
    const lookup = (w: string) => dict[w] ?? null;
    expect(pronounce('windbreaker', lookup)).toEqual({ phones: 'W IH N D B R EY K ER', source: 'compound' });
    expect(pronounce('hoodie', lookup).phones).toBe('HH UH D IY');
    expect(lettersToSounds('kangeroo')).toBe('K AE NG ER UW');
  });
});
