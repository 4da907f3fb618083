/**
 * Writes a tiny stand-in for the pinned CLIP model (Xenova/clip-vit-base-patch32) in
 * transformers.js layout, under tests/.fixtures/models/Xenova/clip-vit-base-patch32/:
 * the same file names, inputs and outputs as the real export
 * (`onnx/text_model.onnx`: input_ids → text_embeds; `onnx/vision_model.onnx`: pixel_values →
 * image_embeds; `_quantized` copies for dtype q8), a byte-level BPE CLIP tokenizer whose
 * `<|endoftext|>` has the highest id and is the pad token, and the CLIP image processor config.
 *
 * The weights are not random noise but a small, predictable "colour CLIP", so tests can assert
 * behaviour: the vision tower projects an image's mean (normalised) colour, and colour words in
 * the tokenizer's vocabulary embed to the projection of that colour. "red" therefore scores red
 * pictures above blue ones, exactly through the code paths the real model uses.
 *
 *   npx tsx scripts/build-standin-clip.ts [--out DIR]
 */
import { seededRandom } from '../src/core/random';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto as unknown as typeof import('onnx-proto');

export const CLIP_MODEL_ID = 'Xenova/clip-vit-base-patch32';
export const STANDIN_CLIP_DIMS = 16;
const IMAGE_MEAN = [0.48145466, 0.4578275, 0.40821073];
const IMAGE_STD = [0.26862954, 0.26130258, 0.27577711];

/** Colour words of the stand-in vocabulary and the colour they mean. */
export const STANDIN_COLOR_WORDS: Record<string, [number, number, number]> = {
  red: [220, 30, 30],
  orange: [245, 130, 30],
  yellow: [240, 220, 40],
  green: [40, 160, 60],
  blue: [30, 70, 210],
  purple: [130, 50, 170],
  pink: [240, 140, 190],
  black: [20, 20, 20],
  white: [250, 250, 250],
  gray: [128, 128, 128],
  grey: [128, 128, 128],
  brown: [120, 75, 35],
};

/** GPT-2/CLIP byte → printable unicode mapping used by byte-level BPE. */
function bytesToUnicode(): string[] {
  const bs: number[] = [];
  for (let b = 33; b <= 126; b++) bs.push(b);
  for (let b = 161; b <= 172; b++) bs.push(b);
  for (let b = 174; b <= 255; b++) bs.push(b);
  const cs = [...bs];
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (!bs.includes(b)) {
      bs.push(b);
      cs.push(256 + n++);
    }
  }
  const map: string[] = new Array(256);
  bs.forEach((b, i) => (map[b] = String.fromCharCode(cs[i])));
  return map;
}

/** Deterministic pseudo-random numbers in [-0.5, 0.5). */
function rng(seed: number): () => number {
  const next = seededRandom(seed);
  return () => next() - 0.5;
}

export function buildTokenizer(): { tokenizer: object; vocab: Map<string, number>; colorTokenIds: Map<number, [number, number, number]> } {
  const chars = bytesToUnicode();
  const vocab = new Map<string, number>();
  const add = (t: string) => {
    if (!vocab.has(t)) vocab.set(t, vocab.size);
  };
  for (const c of chars) add(c);
  for (const c of chars) add(`${c}</w>`);
  const merges: string[] = [];
  const colorTokenIds = new Map<number, [number, number, number]>();
  // Merges so that every colour word ends as one token under BPE's rank order: simulate BPE on
  // each word and, while it is not yet one token, append a merge of its first two pieces.
  const rank = new Map<string, number>();
  const bpe = (word: string): string[] => {
    let parts = [...word.slice(0, -1)].concat(`${word.slice(-1)}</w>`);
    for (;;) {
      let best = -1;
      let bestRank = Infinity;
      for (let i = 0; i + 1 < parts.length; i++) {
        const r = rank.get(`${parts[i]} ${parts[i + 1]}`);
        if (r !== undefined && r < bestRank) {
          bestRank = r;
          best = i;
        }
      }
      if (best < 0) return parts;
      parts = [...parts.slice(0, best), parts[best] + parts[best + 1], ...parts.slice(best + 2)];
    }
  };
  const words = Object.keys(STANDIN_COLOR_WORDS);
  for (let changed = true; changed; ) {
    changed = false;
    for (const word of words) {
      const parts = bpe(word);
      if (parts.length > 1) {
        const m = `${parts[0]} ${parts[1]}`;
        rank.set(m, merges.length);
        merges.push(m);
        add(parts[0] + parts[1]);
        changed = true;
      }
    }
  }
  for (const [word, rgb] of Object.entries(STANDIN_COLOR_WORDS)) {
    if (bpe(word).length !== 1) throw new Error(`Stand-in tokenizer cannot merge "${word}"`);
    colorTokenIds.set(vocab.get(`${word}</w>`)!, rgb);
  }
  const sot = vocab.size;
  add('<|startoftext|>');
  const eot = vocab.size;
  add('<|endoftext|>');
  const special = (id: number, content: string) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: true, special: true });
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [special(sot, '<|startoftext|>'), special(eot, '<|endoftext|>')],
    normalizer: {
      type: 'Sequence',
      normalizers: [{ type: 'NFC' }, { type: 'Replace', pattern: { Regex: '\\s+' }, content: ' ' }, { type: 'Lowercase' }],
    },
    pre_tokenizer: {
      type: 'Sequence',
      pretokenizers: [
        {
          type: 'Split',
          pattern: { Regex: "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+" },
          behavior: 'Removed',
          invert: true,
        },
        { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: false },
      ],
    },
    post_processor: {
      type: 'RobertaProcessing',
      sep: ['<|endoftext|>', eot],
      cls: ['<|startoftext|>', sot],
      trim_offsets: false,
      add_prefix_space: false,
    },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: '<|endoftext|>',
      continuing_subword_prefix: '',
      end_of_word_suffix: '</w>',
      fuse_unk: false,
      byte_fallback: false,
      vocab: Object.fromEntries(vocab),
      merges,
    },
  };
  return { tokenizer, vocab, colorTokenIds };
}

function floatTensor(name: string, dims: number[], values: Float32Array) {
  return onnx.TensorProto.create({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(values.buffer.slice(0)) });
}

function valueInfo(name: string, elemType: number, dims: Array<number | string>) {
  return onnx.ValueInfoProto.create({
    name,
    type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) } } },
  });
}

function model(graph: InstanceType<typeof onnx.GraphProto>): Uint8Array {
  return onnx.ModelProto.encode(
    onnx.ModelProto.create({ irVersion: 7, producerName: 'sou/scripts/build-standin-clip.ts', opsetImport: [{ domain: '', version: 13 }], graph }),
  ).finish();
}

/** 3 → D projection shared by both towers: the "meaning" of a mean colour. */
function projection(dims: number): Float32Array {
  const r = rng(20240611);
  return Float32Array.from({ length: 3 * dims }, () => r());
}

function normalisedColor(rgb: [number, number, number]): number[] {
  return rgb.map((v, k) => (v / 255 - IMAGE_MEAN[k]) / IMAGE_STD[k]);
}

export function buildVisionModel(dims = STANDIN_CLIP_DIMS): Uint8Array {
  const W = projection(dims);
  const graph = onnx.GraphProto.create({
    name: 'standin_clip_vision',
    node: [
      onnx.NodeProto.create({ opType: 'GlobalAveragePool', input: ['pixel_values'], output: ['pooled'] }),
      onnx.NodeProto.create({ opType: 'Flatten', input: ['pooled'], output: ['flat'], attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 1 }] }),
      onnx.NodeProto.create({ opType: 'MatMul', input: ['flat', 'visual_projection'], output: ['image_embeds'] }),
    ],
    initializer: [floatTensor('visual_projection', [3, dims], W)],
    input: [valueInfo('pixel_values', onnx.TensorProto.DataType.FLOAT, ['batch_size', 3, 224, 224])],
    output: [valueInfo('image_embeds', onnx.TensorProto.DataType.FLOAT, ['batch_size', dims])],
  });
  return model(graph);
}

export function buildTextModel(vocabSize: number, colorTokenIds: Map<number, [number, number, number]>, dims = STANDIN_CLIP_DIMS): Uint8Array {
  const W = projection(dims);
  const r = rng(7);
  const emb = new Float32Array(vocabSize * dims);
  for (let t = 0; t < vocabSize; t++) {
    const rgb = colorTokenIds.get(t);
    if (rgb) {
      const c = normalisedColor(rgb);
      for (let d = 0; d < dims; d++) emb[t * dims + d] = 8 * (c[0] * W[d] + c[1] * W[dims + d] + c[2] * W[2 * dims + d]);
    } else if (t < vocabSize - 2) {
      // Ordinary tokens: small noise; the two special tokens (highest ids) embed to zero.
      for (let d = 0; d < dims; d++) emb[t * dims + d] = 0.05 * r();
    }
  }
  const graph = onnx.GraphProto.create({
    name: 'standin_clip_text',
    node: [
      onnx.NodeProto.create({ opType: 'Gather', input: ['token_embedding', 'input_ids'], output: ['embedded'] }),
      onnx.NodeProto.create({
        opType: 'ReduceMean',
        input: ['embedded'],
        output: ['text_embeds'],
        attribute: [
          { name: 'axes', type: onnx.AttributeProto.AttributeType.INTS, ints: [1] },
          { name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: 0 },
        ],
      }),
    ],
    initializer: [floatTensor('token_embedding', [vocabSize, dims], emb)],
    input: [valueInfo('input_ids', onnx.TensorProto.DataType.INT64, ['batch_size', 'sequence_length'])],
    output: [valueInfo('text_embeds', onnx.TensorProto.DataType.FLOAT, ['batch_size', dims])],
  });
  return model(graph);
}

export function buildStandinClip(root = resolve('tests', '.fixtures', 'models'), force = false): { dir: string; built: boolean } {
  const dir = join(root, CLIP_MODEL_ID);
  if (!force && existsSync(join(dir, 'onnx', 'vision_model_quantized.onnx')) && existsSync(join(dir, 'tokenizer.json'))) {
    return { dir, built: false };
  }
  const { tokenizer, vocab, colorTokenIds } = buildTokenizer();
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  const json = (name: string, value: unknown) => writeFileSync(join(dir, name), `${JSON.stringify(value, null, 2)}\n`);
  json('config.json', {
    _name_or_path: 'openai/clip-vit-base-patch32',
    architectures: ['CLIPModel'],
    model_type: 'clip',
    projection_dim: STANDIN_CLIP_DIMS,
    logit_scale_init_value: 2.6592,
    text_config: { model_type: 'clip_text_model', vocab_size: vocab.size, hidden_size: STANDIN_CLIP_DIMS, max_position_embeddings: 77, bos_token_id: vocab.size - 2, eos_token_id: vocab.size - 1, pad_token_id: vocab.size - 1 },
    vision_config: { model_type: 'clip_vision_model', image_size: 224, patch_size: 32, hidden_size: STANDIN_CLIP_DIMS },
    sou_standin: 'Generated by scripts/build-standin-clip.ts: a colour-only stand-in with the real model’s inputs and outputs.',
  });
  json('preprocessor_config.json', {
    crop_size: { height: 224, width: 224 },
    do_center_crop: true,
    do_convert_rgb: true,
    do_normalize: true,
    do_rescale: true,
    do_resize: true,
    feature_extractor_type: 'CLIPFeatureExtractor',
    image_processor_type: 'CLIPImageProcessor',
    image_mean: IMAGE_MEAN,
    image_std: IMAGE_STD,
    resample: 3,
    rescale_factor: 1 / 255,
    size: { shortest_edge: 224 },
  });
  json('tokenizer_config.json', {
    add_prefix_space: false,
    bos_token: '<|startoftext|>',
    clean_up_tokenization_spaces: true,
    do_lower_case: true,
    eos_token: '<|endoftext|>',
    model_max_length: 77,
    pad_token: '<|endoftext|>',
    tokenizer_class: 'CLIPTokenizer',
    unk_token: '<|endoftext|>',
  });
  json('tokenizer.json', tokenizer);
  const text = buildTextModel(vocab.size, colorTokenIds);
  const vision = buildVisionModel();
  for (const [name, bytes] of [
    ['text_model', text],
    ['vision_model', vision],
  ] as const) {
    writeFileSync(join(dir, 'onnx', `${name}.onnx`), bytes);
    writeFileSync(join(dir, 'onnx', `${name}_quantized.onnx`), bytes);
  }
  return { dir, built: true };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out');
  const r = buildStandinClip(i > 0 ? resolve(process.argv[i + 1]) : undefined, process.argv.includes('--force'));
  console.log(`${r.built ? 'built' : 'up to date'}: ${r.dir}`);
}
