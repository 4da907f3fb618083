/**
 * The instant text encoder, run through the app's own createTextEncoder (transformers.js
 * feature-extraction pipeline on onnxruntime-node), behaves like a semantic encoder: related
 * shopping phrases are closer than unrelated ones, and Chinese lexicon words land near their
 * English translations.
 */
import { AutoTokenizer, env } from '@huggingface/transformers';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { buildInstantEncoder } from '../../scripts/build-instant-encoder';
import { SHOPPING_LEXICON } from '../../src/core/text/lexicon';
import { createTextEncoder, defaultNodeModelRoot, type LoadedTextEncoder } from '../../src/embedding/textEncoder';
import { INSTANT_ENCODER_ID } from '../../src/embedding/models';

const cos = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i], 0);
const zhWords = new Set(SHOPPING_LEXICON.flatMap((e) => e.zh));

let encoder: LoadedTextEncoder;

beforeAll(async () => {
  // Builds models/sou/instant-text-encoder when missing or stale (a few seconds), else no-op.
  await buildInstantEncoder({ log: () => undefined });
  encoder = await createTextEncoder({ modelId: INSTANT_ENCODER_ID });
}, 180_000);

afterAll(async () => {
  await encoder?.dispose();
});

describe('instant text encoder', () => {
  it('returns one unit-length 100-d vector per text, the same for the same text', async () => {
    const [a, b, c] = await encoder.embed(['red running shoes', 'red running shoes', 'yoga pants']);
    expect(encoder.dims).toBe(100);
    expect(a.length).toBe(100);
    expect(Math.abs(cos(a, a) - 1)).toBeLessThan(1e-4);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(cos(a, c)).toBeLessThan(0.99);
  });

  it('puts related shopping phrases closer than unrelated ones', async () => {
    const [coat, jacket, mug, yoga, leggings] = await encoder.embed([
      'warm winter coat',
      'down jacket',
      'coffee mug',
      'yoga pants',
      'leggings for the gym',
    ]);
    expect(cos(coat, jacket)).toBeGreaterThan(cos(coat, mug));
    expect(cos(yoga, leggings)).toBeGreaterThan(cos(yoga, mug));
    const [oneJacket, oneCoat, oneLeggings] = await encoder.embed(['jacket', 'coat', 'leggings']);
    expect(cos(oneJacket, oneCoat)).toBeGreaterThan(cos(oneJacket, oneLeggings));
  });

  it('embeds a Chinese query near its English translation', async () => {
    expect(zhWords.has('连衣裙') && zhWords.has('黑色')).toBe(true);
    const [zh, en, other1, other2] = await encoder.embed(['黑色连衣裙', 'black dress', 'coffee mug', 'running shoes']);
    expect(cos(zh, en)).toBeGreaterThan(0.6);
    expect(cos(zh, en)).toBeGreaterThan(cos(zh, other1) + 0.2);
    expect(cos(zh, en)).toBeGreaterThan(cos(zh, other2) + 0.2);
  });

  it('gives a zero vector (not NaN) to text with no known word', async () => {
    const [v] = await encoder.embed(['qzxv wkpt']);
    expect(Array.from(v).every((x) => x === 0)).toBe(true);
  });
});

describe('instant encoder tokenizer (transformers.js AutoTokenizer)', () => {
  it('segments Chinese phrases without spaces into lexicon words', async () => {
    for (const w of ['男士', '黑色', '夹克']) expect(zhWords.has(w)).toBe(true);
    env.localModelPath = defaultNodeModelRoot();
    const tokenizer = await AutoTokenizer.from_pretrained(INSTANT_ENCODER_ID);
    expect(tokenizer.tokenize('男士黑色夹克')).toEqual(['男士', '##黑色', '##夹克']);
    // Characters outside the lexicon do not turn the whole phrase into [UNK].
    const tokens = tokenizer.tokenize('我想要黑色夹克');
    expect(tokens).toContain('##黑色');
    expect(tokens).toContain('##夹克');
    expect(tokens).not.toContain('[UNK]');
    // English is lower-cased and split on spaces/punctuation like BERT.
    expect(tokenizer.tokenize('Black JACKET, women')).toEqual(['black', 'jacket', ',', 'women']);
  });
});
