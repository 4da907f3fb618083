import { describe, expect, it } from 'vitest';
import { SouError } from '../../src/core/types';
import { decodeWav, encodeWav, resample } from '../../src/core/voice/audio';
import { buildQueryGrammar } from '../../src/core/voice/grammar';
import { normalizeTranscript, toSimplified } from '../../src/core/voice/normalize';
import { lettersToSounds, pronounce } from '../../src/core/voice/pronounce';
import { analyseUtterance, trimToSpeech } from '../../src/core/voice/vad';
import { buildVoiceVocabulary, mergeHomophones, pluralsOf } from '../../src/core/voice/vocabulary';
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
  it('trims long silences around a query to a short pad, keeping all of the speech', () => {
    const rate = 16_000;
    const clip = new Float32Array(rate * 3);
    const speech = tone(1, rate, 220, 0.3);
    clip.set(speech, rate); // 1 s silence, 1 s "speech", 1 s silence
    const trimmed = trimToSpeech(clip, rate, { padS: 0.2 });
    expect(trimmed.length / rate).toBeCloseTo(1.4, 1);
    let energy = 0;
    for (const x of trimmed) energy += x * x;
    let full = 0;
    for (const x of speech) full += x * x;
    expect(energy).toBeCloseTo(full, 0);
    expect(trimToSpeech(new Float32Array(rate), rate).length).toBe(rate);
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
  it('keeps each state a probability distribution when transitions are not flattened, and offers shades', () => {
    const grammar = buildQueryGrammar(buildVoiceVocabulary(products), { transitionSharpness: 1, classSharpness: 1 });
    // Word arcs out of the start state carry P(class|start)·P(unit|class); empty arcs elsewhere P(class'|class).
    const out = new Map<number, number>();
    for (const arc of grammar.arcs) out.set(arc.from, (out.get(arc.from) ?? 0) + arc.prob);
    for (const [state, total] of out) if (state !== grammar.final) expect(total).toBeCloseTo(1, 5);
    expect(grammar.arcs.some((a) => a.word === 'burgundy')).toBe(true);
  });
  it('lets a query begin with any first word directly (no empty arc leaves the start state)', () => {
    const grammar = buildQueryGrammar(buildVoiceVocabulary(products));
    const fromStart = grammar.arcs.filter((a) => a.from === grammar.start);
    expect(fromStart.some((a) => a.word === null)).toBe(false);
    for (const word of ['black', "women's", 'hoodie', 'show']) expect(fromStart.some((a) => a.word === word)).toBe(true);
    // An optional colour before the garment costs less than under a normalised class bigram.
    const colourCost = (g: typeof grammar) => Math.max(...g.arcs.filter((a) => a.from === g.start && a.word === 'black').map((a) => a.prob));
    expect(colourCost(grammar)).toBeGreaterThan(colourCost(buildQueryGrammar(buildVoiceVocabulary(products), { transitionSharpness: 1 })));
  });
  it('offers the plural shoppers say, not the singular catalog titles use, and one spelling per sound', () => {
    const shorts: Product[] = [
      { id: '2', title: 'Erika Running Short', description: '', category: 'Women/Bottoms/Shorts', color: 'Gray', price: 40, currency: 'USD', image: '' },
      { id: '3', title: 'Sprite Foam Yoga Brick', description: '', category: 'Gear/Fitness Equipment', color: 'Blue', price: 5, currency: 'USD', image: '' },
    ];
    const vocabulary = buildVoiceVocabulary(shorts);
    expect(vocabulary.classes.type.has('shorts')).toBe(true);
    expect(vocabulary.classes.type.has('short')).toBe(false);
    expect(vocabulary.classes.type.has('shoes')).toBe(true);
    expect(vocabulary.classes.type.has('shoe')).toBe(false);
    // "brick" of "brick red" does not turn the Yoga Brick into a colour.
    expect(vocabulary.classes.color.has('brick')).toBe(false);
    expect(vocabulary.classes.type.has('brick')).toBe(true);
    // The catalog's concepts weigh more than ones it never sells.
    expect(vocabulary.classes.type.get('shorts')!).toBeGreaterThan(vocabulary.classes.type.get('cardigan')!);
    expect(pluralsOf('woman')).toContain('women');
    const phones: Record<string, string> = { hoodie: 'HH UH D IY', hoody: 'HH UH D IY', jacket: 'JH AE K AH T' };
    const merged = mergeHomophones(vocabulary, (w) => phones[w] ?? null);
    expect(merged.classes.type.has('hoodie')).toBe(true);
    expect(merged.classes.type.has('hoody')).toBe(false);
    expect(merged.words).not.toContain('hoody');
  });
  it('guesses pronunciations for words the dictionary lacks', () => {
    const dict: Record<string, string> = { wind: 'W IH N D', breaker: 'B R EY K ER' };
    const lookup = (w: string) => dict[w] ?? null;
    expect(pronounce('windbreaker', lookup)).toEqual({ phones: 'W IH N D B R EY K ER', source: 'compound' });
    expect(pronounce('hoodie', lookup).phones).toBe('HH UH D IY');
    expect(lettersToSounds('kangeroo')).toBe('K AE NG ER UW');
  });
});
