/**
 * Builds a tiny, deterministic STAND-IN for the pinned multilingual Whisper
 * (`onnx-community/whisper-tiny`) in transformers.js layout, so the app's Whisper path
 * (src/voice/whisper.ts → pipeline('automatic-speech-recognition') in the voice worker) can be
 * tested end to end without the Hugging Face Hub, which these machines cannot reach.
 *
 * Same interface as the real export:
 *  - `onnx/encoder_model.onnx`: input_features [batch_size, 80, 3000] → last_hidden_state
 *    [batch_size, 1500, d_model];
 *  - `onnx/decoder_model_merged.onnx`: input_ids, encoder_hidden_states,
 *    past_key_values.{0..3}.{decoder,encoder}.{key,value} [batch_size, 6, seq, head_dim],
 *    use_cache_branch → logits [batch_size, seq, 51865] and present.{0..3}.… — one graph with an
 *    `If` on use_cache_branch, like optimum's merged decoder: the first step computes the
 *    cross-attention cache from encoder_hidden_states, later steps pass the cached one through;
 *  - `_quantized` variants for dtype q8 (the encoder's projection stored as int8 +
 *    DequantizeLinear);
 *  - config.json with whisper-tiny's values (80 mel bins, 1500 source positions, 4 decoder
 *    layers × 6 heads, vocab 51865); only d_model is shrunk (24, so head_dim 4), and the graphs
 *    agree with it;
 *  - generation_config.json with the real token ids, lang_to_id (99 languages), task_to_id,
 *    no_timestamps_token_id, is_multilingual, suppress_tokens and begin_suppress_tokens;
 *  - a byte-level BPE tokenizer with the real id layout: bytes at 0–255 in GPT-2 order,
 *    `<|endoftext|>` 50257, `<|startoftranscript|>` 50258, languages 50259–50357, tasks,
 *    `<|notimestamps|>` 50363, then 1501 timestamp tokens (not special); only the handful of
 *    merged word tokens the stand-in can say exist in between;
 *  - preprocessor_config.json of the real feature extractor (mel filters computed by the library).
 *
 * Behaviour (instead of random weights, which transcribe to ""), all computed by the graphs:
 *  - Encoder: frames are max-pooled in pairs (3000 → 1500 positions). Channel 0 of each position
 *    is its loudness (max log-mel over the 80 bins), channel 1 its spectral tilt (mean of the
 *    upper 40 bins minus the lower 40), channels 2… a fixed random projection (tanh) of the frame.
 *  - Decoder, cross-attention cache: channel 0/1 land in head 0 of every layer's encoder key.
 *    SPEECH is "peak loudness > SPEECH_LOUDNESS" (log-mel features are (log10 power + 4) / 4, so
 *    digital silence is −1.5 and normal speech ≈ 1). Without speech the next token is always
 *    `<|endoftext|>`; as the library forbids ending at the first generated position
 *    (begin_suppress_tokens), the runner-up `<|0.00|>` is taken there, which decodes to nothing:
 *    silence transcribes to "".
 *  - Language detection (the logits after `<|startoftranscript|>`): `<|zh|>` when the mean tilt
 *    over the loud frames (within 1.0 of the peak) is positive — energy mostly above ~1.2 kHz —
 *    else `<|en|>`. A toy rule, not a real language identifier: it makes the detection path
 *    testable with synthetic audio.
 *  - Decoder self-attention cache: every token writes "is it `<|zh|>`" into the decoder key
 *    cache; the text that follows `<|notimestamps|>` depends on whether `<|zh|>` is anywhere in
 *    the cache, so the phrase is only right when the library carries the cache across steps.
 *    English: " black jacket"; Chinese: " 黑色夾克" (Traditional 夾, as real Whisper often
 *    answers; the app must normalise it to the catalog's Simplified 夹). Then `<|endoftext|>`.
 *  - logits = 10 at the chosen next token, 5 at `<|0.00|>`, 0 elsewhere.
 *
 * Run: `npx tsx scripts/build-standin-whisper.ts [--root DIR] [--force]` (default root
 * tests/.fixtures/whisper-models, see WHISPER_FIXTURE_ROOT); the e2e global setup runs it with
 * the other stand-ins. Skips when an identical build is stamped there. Output is byte for byte
 * reproducible (no randomness beyond a fixed seed).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  encodeModel,
  floatScalar,
  int64Tensor,
  node,
  onnx,
  quantizeSymmetric,
  randomNormal,
  seededRandom,
  tensor,
  valueInfo,
  type NodeProto,
  type TensorProto,
  type ValueInfoProto,
} from './lib/onnx';

export const WHISPER_STANDIN_ID = 'onnx-community/whisper-tiny';

// Real whisper-tiny shapes the library reads.
const N_MELS = 80;
const N_FRAMES = 3000;
const SOURCE_POSITIONS = 1500;
const DECODER_LAYERS = 4;
const HEADS = 6;
const VOCAB = 51865;
// Shrunk hidden size (config.json says the same).
const D_MODEL = 24;
const HEAD_DIM = D_MODEL / HEADS;

// Real token ids of the multilingual Whisper vocabulary.
export const WHISPER_TOKENS = {
  endOfText: 50257,
  startOfTranscript: 50258,
  english: 50259,
  chinese: 50260,
  translate: 50358,
  transcribe: 50359,
  startOfLm: 50360,
  startOfPrev: 50361,
  noCaptions: 50362,
  noTimestamps: 50363,
  timestampBegin: 50364,
} as const;

/** Whisper's 99 language codes in token order (<|en|> = 50259 …). */
const LANGUAGES = (
  'en zh de es ru ko fr ja pt tr pl ca nl ar sv it id hi fi vi he uk el ms cs ro da hu ta no th ur hr bg lt la mi ml cy sk te fa lv ' +
  'bn sr az sl kn et mk br eu is hy ne mn bs kk sq sw gl mr pa si km sn yo so af oc ka be tg sd gu am yi lo uz fo ht ps tk nn mt sa lb ' +
  'my bo tl mg as tt haw ln ha ba jw su'
).split(' ');

/** What the stand-in says after `<|notimestamps|>`, per language (see the header). */
export const STANDIN_PHRASES = { en: ' black jacket', zh: ' 黑色夾克' } as const;

/** Peak log-mel feature above which the stand-in hears speech (≈ mel power 1e-3). */
const SPEECH_LOUDNESS = 0.25;

// whisper-tiny's generation settings (openai/whisper-tiny generation_config.json).
const SUPPRESS_TOKENS = [
  1, 2, 7, 8, 9, 10, 14, 25, 26, 27, 28, 29, 31, 58, 59, 60, 61, 62, 63, 90, 91, 92, 93, 359, 503, 522, 542, 873, 893, 902, 918, 922, 931,
  1350, 1853, 1982, 2460, 2627, 3246, 3253, 3268, 3536, 3846, 3961, 4183, 4667, 6585, 6647, 7273, 9061, 9383, 10428, 10929, 11938, 12033,
  12331, 12562, 13793, 14157, 14635, 15265, 15618, 16553, 16604, 18362, 18956, 20075, 21675, 22520, 26130, 26161, 26435, 28279, 29464,
  31650, 32302, 32470, 36865, 42863, 47425, 49870, 50254, 50258, 50358, 50359, 50360, 50361, 50362,
];
const BEGIN_SUPPRESS_TOKENS = [220, WHISPER_TOKENS.endOfText];

// ---------------------------------------------------------------------------------------------
// Tokenizer

/** GPT-2 byte → printable character map; its order is the id order of the 256 byte tokens. */
function byteAlphabet(): string[] {
  const printable: number[] = [];
  for (let b = 33; b <= 126; b++) printable.push(b);
  for (let b = 161; b <= 172; b++) printable.push(b);
  for (let b = 174; b <= 255; b++) printable.push(b);
  const order = [...printable];
  const chars = printable.map((b) => String.fromCharCode(b));
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    if (!printable.includes(b)) {
      order.push(b);
      chars.push(String.fromCharCode(256 + extra++));
    }
  }
  // chars[i] is the token with id i; byteChar[b] the character of byte b.
  const byteChar: string[] = new Array(256);
  order.forEach((b, i) => (byteChar[b] = chars[i]!));
  return [...chars, ...byteChar];
}

interface StandinTokenizer {
  json: object;
  /** Ids of the word tokens each phrase decodes from. */
  phraseIds: Record<keyof typeof STANDIN_PHRASES, number[]>;
}

function buildTokenizer(): StandinTokenizer {
  const alphabet = byteAlphabet();
  const idChars = alphabet.slice(0, 256);
  const byteChar = alphabet.slice(256);
  const vocab = new Map<string, number>();
  idChars.forEach((c, id) => vocab.set(c, id));
  const merges: Array<[string, string]> = [];
  /** Adds left-to-right merges that make `word` (a byte-level string) one token; returns its id. */
  const wordToken = (text: string): number => {
    const pieces = [...new TextEncoder().encode(text)].map((b) => byteChar[b]!);
    let current = pieces[0]!;
    for (const piece of pieces.slice(1)) {
      const merged = current + piece;
      if (!vocab.has(merged)) {
        merges.push([current, piece]);
        vocab.set(merged, vocab.size);
      }
      current = merged;
    }
    return vocab.get(current)!;
  };
  const phraseIds = {
    en: [wordToken(' black'), wordToken(' jacket')],
    zh: [wordToken(' 黑色'), wordToken('夾克')],
  };
  if (vocab.size > 359) throw new Error('stand-in word tokens would collide with suppressed ids');

  const added = (id: number, content: string, special = true) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special });
  const T = WHISPER_TOKENS;
  const addedTokens = [added(T.endOfText, '<|endoftext|>'), added(T.startOfTranscript, '<|startoftranscript|>')];
  LANGUAGES.forEach((code, i) => addedTokens.push(added(T.english + i, `<|${code}|>`)));
  addedTokens.push(
    added(T.translate, '<|translate|>'),
    added(T.transcribe, '<|transcribe|>'),
    added(T.startOfLm, '<|startoflm|>'),
    added(T.startOfPrev, '<|startofprev|>'),
    added(T.noCaptions, '<|nocaptions|>'),
    added(T.noTimestamps, '<|notimestamps|>'),
  );
  for (let i = 0; i <= 1500; i++) addedTokens.push(added(T.timestampBegin + i, `<|${(i * 0.02).toFixed(2)}|>`, false));
  if (addedTokens.at(-1)!.id !== VOCAB - 1) throw new Error('stand-in vocabulary does not end at 51864');

  const json = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: addedTokens,
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '<|startoftranscript|>', type_id: 0 } },
        { SpecialToken: { id: '<|notimestamps|>', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '<|endoftext|>', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '<|startoftranscript|>', type_id: 0 } },
        { SpecialToken: { id: '<|notimestamps|>', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '<|endoftext|>', type_id: 1 } },
      ],
      special_tokens: {
        '<|endoftext|>': { id: '<|endoftext|>', ids: [T.endOfText], tokens: ['<|endoftext|>'] },
        '<|notimestamps|>': { id: '<|notimestamps|>', ids: [T.noTimestamps], tokens: ['<|notimestamps|>'] },
        '<|startoftranscript|>': { id: '<|startoftranscript|>', ids: [T.startOfTranscript], tokens: ['<|startoftranscript|>'] },
      },
    },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: '',
      end_of_word_suffix: '',
      fuse_unk: false,
      byte_fallback: false,
      vocab: Object.fromEntries(vocab),
      merges,
    },
  };
  return { json, phraseIds };
}

const TOKENIZER_CONFIG = {
  add_bos_token: false,
  add_prefix_space: false,
  bos_token: '<|endoftext|>',
  clean_up_tokenization_spaces: true,
  eos_token: '<|endoftext|>',
  errors: 'replace',
  model_max_length: 1024,
  pad_token: '<|endoftext|>',
  processor_class: 'WhisperProcessor',
  return_attention_mask: false,
  tokenizer_class: 'WhisperTokenizer',
  unk_token: '<|endoftext|>',
};

const PREPROCESSOR_CONFIG = {
  chunk_length: 30,
  feature_extractor_type: 'WhisperFeatureExtractor',
  feature_size: N_MELS,
  hop_length: 160,
  n_fft: 400,
  n_samples: 480000,
  nb_max_frames: N_FRAMES,
  padding_side: 'right',
  padding_value: 0.0,
  processor_class: 'WhisperProcessor',
  return_attention_mask: false,
  sampling_rate: 16000,
};

function modelConfig(): object {
  const T = WHISPER_TOKENS;
  return {
    _name_or_path: 'openai/whisper-tiny',
    activation_dropout: 0.0,
    activation_function: 'gelu',
    architectures: ['WhisperForConditionalGeneration'],
    attention_dropout: 0.0,
    begin_suppress_tokens: BEGIN_SUPPRESS_TOKENS,
    bos_token_id: T.endOfText,
    d_model: D_MODEL,
    decoder_attention_heads: HEADS,
    decoder_ffn_dim: 1536,
    decoder_layerdrop: 0.0,
    decoder_layers: DECODER_LAYERS,
    decoder_start_token_id: T.startOfTranscript,
    dropout: 0.0,
    encoder_attention_heads: HEADS,
    encoder_ffn_dim: 1536,
    encoder_layerdrop: 0.0,
    encoder_layers: 4,
    eos_token_id: T.endOfText,
    init_std: 0.02,
    is_encoder_decoder: true,
    max_length: 448,
    max_source_positions: SOURCE_POSITIONS,
    max_target_positions: 448,
    model_type: 'whisper',
    num_hidden_layers: 4,
    num_mel_bins: N_MELS,
    pad_token_id: T.endOfText,
    scale_embedding: false,
    suppress_tokens: SUPPRESS_TOKENS,
    torch_dtype: 'float32',
    use_cache: true,
    vocab_size: VOCAB,
    sou_standin: {
      note: 'Deterministic stand-in built by scripts/build-standin-whisper.ts; NOT the real model. d_model shrunk from 384.',
      phrases: STANDIN_PHRASES,
    },
  };
}

function generationConfig(): object {
  const T = WHISPER_TOKENS;
  return {
    alignment_heads: [
      [2, 2],
      [3, 0],
      [3, 2],
      [3, 3],
      [3, 4],
      [3, 5],
    ],
    begin_suppress_tokens: BEGIN_SUPPRESS_TOKENS,
    bos_token_id: T.endOfText,
    decoder_start_token_id: T.startOfTranscript,
    eos_token_id: T.endOfText,
    forced_decoder_ids: [
      [1, null],
      [2, T.transcribe],
    ],
    is_multilingual: true,
    lang_to_id: Object.fromEntries(LANGUAGES.map((code, i) => [`<|${code}|>`, T.english + i])),
    max_initial_timestamp_index: 50,
    max_length: 448,
    no_timestamps_token_id: T.noTimestamps,
    pad_token_id: T.endOfText,
    prev_sot_token_id: T.startOfPrev,
    return_timestamps: false,
    suppress_tokens: SUPPRESS_TOKENS,
    task_to_id: { transcribe: T.transcribe, translate: T.translate },
  };
}

// ---------------------------------------------------------------------------------------------
// Encoder

function encoderOnnx(quantized: boolean): Uint8Array {
  const rand = seededRandom(0x0_5_7_1_5);
  const textureDims = D_MODEL - 2;
  const W = randomNormal(N_MELS * textureDims, 1 / Math.sqrt(N_MELS), rand);
  const inits: TensorProto[] = [
    int64Tensor('pair_shape', [0, N_MELS, SOURCE_POSITIONS, 2]),
    int64Tensor('low_start', [0]),
    int64Tensor('low_end', [N_MELS / 2]),
    int64Tensor('high_start', [N_MELS / 2]),
    int64Tensor('high_end', [N_MELS]),
    int64Tensor('mel_axis', [2]),
  ];
  const nodes: NodeProto[] = [];
  if (quantized) {
    const q = quantizeSymmetric(W);
    inits.push(tensor('texture_q', [N_MELS, textureDims], q.data), floatScalar('texture_scale', q.scale), tensor('zero_i8', [], Int8Array.of(0)));
    nodes.push(node('DequantizeLinear', ['texture_q', 'texture_scale', 'zero_i8'], ['texture_weight']));
  } else {
    inits.push(tensor('texture_weight', [N_MELS, textureDims], W));
  }
  nodes.push(
    // [b, 80, 3000] → [b, 80, 1500, 2] → max over the pair → [b, 1500, 80]
    node('Reshape', ['input_features', 'pair_shape'], ['pairs']),
    node('ReduceMax', ['pairs'], ['pooled_mels'], { axes: [3], keepdims: 0 }),
    node('Transpose', ['pooled_mels'], ['frames'], { perm: [0, 2, 1] }),
    node('ReduceMax', ['frames'], ['loudness'], { axes: [2], keepdims: 1 }),
    node('Slice', ['frames', 'low_start', 'low_end', 'mel_axis'], ['low_mels']),
    node('Slice', ['frames', 'high_start', 'high_end', 'mel_axis'], ['high_mels']),
    node('ReduceMean', ['low_mels'], ['low_mean'], { axes: [2], keepdims: 1 }),
    node('ReduceMean', ['high_mels'], ['high_mean'], { axes: [2], keepdims: 1 }),
    node('Sub', ['high_mean', 'low_mean'], ['tilt']),
    node('MatMul', ['frames', 'texture_weight'], ['texture_pre']),
    node('Tanh', ['texture_pre'], ['texture']),
    node('Concat', ['loudness', 'tilt', 'texture'], ['last_hidden_state'], { axis: 2 }),
  );
  return encodeModel({
    name: quantized ? 'whisper_standin_encoder_q8' : 'whisper_standin_encoder',
    docString: 'Deterministic stand-in for the onnx-community/whisper-tiny encoder (tests only).',
    producer: 'sou/scripts/build-standin-whisper.ts',
    inputs: [valueInfo('input_features', 'float32', ['batch_size', N_MELS, N_FRAMES])],
    outputs: [valueInfo('last_hidden_state', 'float32', ['batch_size', 'encoder_sequence_length / 2', D_MODEL])],
    initializers: inits,
    nodes,
  });
}

// ---------------------------------------------------------------------------------------------
// Merged decoder

const past = (i: number, side: 'decoder' | 'encoder', kind: 'key' | 'value') => `past_key_values.${i}.${side}.${kind}`;
const present = (i: number, side: 'decoder' | 'encoder', kind: 'key' | 'value') => `present.${i}.${side}.${kind}`;
const LAYER_IDS = Array.from({ length: DECODER_LAYERS }, (_, i) => i);
const KINDS = ['key', 'value'] as const;

/** A subgraph for the `If`: `nodes` produce `outputs` (names local to the branch). */
function branch(name: string, nodes: NodeProto[], outputs: string[], inits: TensorProto[] = []) {
  return onnx.GraphProto.create({
    name,
    node: nodes,
    initializer: inits,
    output: outputs.map((o) => valueInfo(o, 'float32', ['batch_size', HEADS, 'encoder_sequence_length_out', HEAD_DIM])),
  });
}

function decoderOnnx(phraseIds: StandinTokenizer['phraseIds'], quantized: boolean): Uint8Array {
  const T = WHISPER_TOKENS;
  // Next-token tables: from each token of the chain to the next; everything else → <|endoftext|>.
  const chain = (ids: number[]) => {
    const from = [T.noTimestamps, ...ids];
    const to = [...ids, T.endOfText];
    return { from, to };
  };
  const en = chain(phraseIds.en);
  const zh = chain(phraseIds.zh);

  const encoderSide: NodeProto[] = [];
  // use_cache_branch = true: the cross-attention cache passes through unchanged.
  const cached = branch(
    'cached_cross_attention',
    LAYER_IDS.flatMap((i) => KINDS.map((k) => node('Identity', [past(i, 'encoder', k)], [`cached_${i}_${k}`]))),
    LAYER_IDS.flatMap((i) => KINDS.map((k) => `cached_${i}_${k}`)),
  );
  // use_cache_branch = false: split encoder_hidden_states into heads → [b, 6, 1500, 4].
  const fresh = branch(
    'fresh_cross_attention',
    [
      node('Reshape', ['encoder_hidden_states', 'head_split_shape'], ['heads_split']),
      node('Transpose', ['heads_split'], ['cross_kv'], { perm: [0, 2, 1, 3] }),
      ...LAYER_IDS.flatMap((i) => KINDS.map((k) => node('Identity', ['cross_kv'], [`fresh_${i}_${k}`]))),
    ],
    LAYER_IDS.flatMap((i) => KINDS.map((k) => `fresh_${i}_${k}`)),
    [int64Tensor('head_split_shape', [0, -1, HEADS, HEAD_DIM])],
  );
  encoderSide.push(
    onnx.NodeProto.create({
      opType: 'If',
      name: 'cross_attention_cache',
      input: ['use_cache_branch'],
      output: LAYER_IDS.flatMap((i) => KINDS.map((k) => present(i, 'encoder', k))),
      attribute: [
        { name: 'then_branch', type: onnx.AttributeProto.AttributeType.GRAPH, g: cached },
        { name: 'else_branch', type: onnx.AttributeProto.AttributeType.GRAPH, g: fresh },
      ],
    }),
  );

  const inits: TensorProto[] = [
    int64Tensor('zh_token', [T.chinese], []),
    int64Tensor('en_token', [T.english], []),
    int64Tensor('sot_token', [T.startOfTranscript], []),
    int64Tensor('eot_token', [T.endOfText], []),
    int64Tensor('runner_up_token', [T.timestampBegin], []),
    int64Tensor('vocab_start', [0], []),
    int64Tensor('vocab_limit', [VOCAB], []),
    int64Tensor('vocab_step', [1], []),
    int64Tensor('vocab_shape', [VOCAB]),
    int64Tensor('en_from', en.from),
    int64Tensor('en_to', en.to),
    int64Tensor('zh_from', zh.from),
    int64Tensor('zh_to', zh.to),
    int64Tensor('axes_1_3', [1, 3]),
    int64Tensor('axis_last', [-1]),
    int64Tensor('axis_1', [1]),
    int64Tensor('kv_broadcast', [1, HEADS, 1, HEAD_DIM]),
    int64Tensor('first', [0]),
    int64Tensor('second', [1]),
    int64Tensor('third', [2]),
    int64Tensor('frames_shape', [0, -1]),
    int64Tensor('head_dim_axis', [3]),
    int64Tensor('head_axis', [1]),
    floatScalar('speech_loudness', SPEECH_LOUDNESS),
    floatScalar('loud_window', 1.0),
    floatScalar('zero_f', 0),
    floatScalar('half_f', 0.5),
    floatScalar('top_logit', 10),
    floatScalar('runner_up_logit', 5),
  ];
  const eotFill = onnx.TensorProto.create({ name: 'eot_fill', dims: [1], dataType: onnx.TensorProto.DataType.INT64, int64Data: [T.endOfText] });

  const nodes: NodeProto[] = [
    ...encoderSide,
    // Self-attention cache: each new token writes "is <|zh|>" into every layer's key and value.
    node('Equal', ['input_ids', 'zh_token'], ['is_zh_bool']),
    node('Cast', ['is_zh_bool'], ['is_zh'], { to: onnx.TensorProto.DataType.FLOAT }),
    node('Unsqueeze', ['is_zh', 'axes_1_3'], ['is_zh_4d']),
    node('Expand', ['is_zh_4d', 'kv_broadcast'], ['new_kv']),
    ...LAYER_IDS.flatMap((i) => KINDS.map((k) => node('Concat', [past(i, 'decoder', k), 'new_kv'], [present(i, 'decoder', k)], { axis: 2 }))),
    // Was <|zh|> anywhere in the sequence so far (cache + new tokens)? [b, 1]
    node('ReduceMax', [present(0, 'decoder', 'key')], ['zh_seen_value'], { axes: [1, 2, 3], keepdims: 0 }),
    node('Greater', ['zh_seen_value', 'half_f'], ['zh_seen_flat']),
    node('Unsqueeze', ['zh_seen_flat', 'axis_last'], ['zh_seen']),
    // Loudness and tilt per encoder position, read from the cross-attention cache: [b, 1500].
    node('Slice', [present(0, 'encoder', 'key'), 'first', 'second', 'head_axis'], ['head0']),
    node('Slice', ['head0', 'first', 'second', 'head_dim_axis'], ['loud_4d']),
    node('Slice', ['head0', 'second', 'third', 'head_dim_axis'], ['tilt_4d']),
    node('Reshape', ['loud_4d', 'frames_shape'], ['loud']),
    node('Reshape', ['tilt_4d', 'frames_shape'], ['tilt']),
    node('ReduceMax', ['loud'], ['peak'], { axes: [1], keepdims: 1 }),
    node('Greater', ['peak', 'speech_loudness'], ['speech']),
    node('Sub', ['peak', 'loud_window'], ['loud_floor']),
    node('Greater', ['loud', 'loud_floor'], ['loud_mask_bool']),
    node('Cast', ['loud_mask_bool'], ['loud_mask'], { to: onnx.TensorProto.DataType.FLOAT }),
    node('Mul', ['tilt', 'loud_mask'], ['loud_tilt']),
    node('ReduceSum', ['loud_tilt', 'axis_1'], ['tilt_sum'], { keepdims: 1 }),
    node('ReduceSum', ['loud_mask', 'axis_1'], ['loud_count'], { keepdims: 1 }),
    node('Div', ['tilt_sum', 'loud_count'], ['mean_tilt']),
    node('Greater', ['mean_tilt', 'zero_f'], ['sounds_zh']),
    node('Where', ['sounds_zh', 'zh_token', 'en_token'], ['detected_language']),
    // Next-token tables built in the graph from the short chains.
    node('ConstantOfShape', ['vocab_shape'], ['eot_table'], { value: eotFill }),
    node('ScatterElements', ['eot_table', 'en_from', 'en_to'], ['en_table'], { axis: 0 }),
    node('ScatterElements', ['eot_table', 'zh_from', 'zh_to'], ['zh_table'], { axis: 0 }),
    node('Gather', ['en_table', 'input_ids'], ['en_next'], { axis: 0 }),
    node('Gather', ['zh_table', 'input_ids'], ['zh_next'], { axis: 0 }),
    node('Where', ['zh_seen', 'zh_next', 'en_next'], ['text_next']),
    node('Equal', ['input_ids', 'sot_token'], ['at_start']),
    node('Where', ['at_start', 'detected_language', 'text_next'], ['heard_next']),
    node('Where', ['speech', 'heard_next', 'eot_token'], ['next_token']),
    // logits: 10 at the next token, 5 at <|0.00|>, 0 elsewhere → [b, seq, vocab].
    node('Range', ['vocab_start', 'vocab_limit', 'vocab_step'], ['vocab_ids']),
    node('Unsqueeze', ['next_token', 'axis_last'], ['next_token_3d']),
    node('Equal', ['vocab_ids', 'next_token_3d'], ['is_next']),
    node('Cast', ['is_next'], ['is_next_f'], { to: onnx.TensorProto.DataType.FLOAT }),
    node('Mul', ['is_next_f', 'top_logit'], ['top']),
    node('Equal', ['vocab_ids', 'runner_up_token'], ['is_runner_up']),
    node('Cast', ['is_runner_up'], ['is_runner_up_f'], { to: onnx.TensorProto.DataType.FLOAT }),
    node('Mul', ['is_runner_up_f', 'runner_up_logit'], ['runner_up']),
    node('Add', ['top', 'runner_up'], ['logits']),
  ];

  const kvInfo = (name: string, seq: string) => valueInfo(name, 'float32', ['batch_size', HEADS, seq, HEAD_DIM]);
  const inputs: ValueInfoProto[] = [
    valueInfo('input_ids', 'int64', ['batch_size', 'decoder_sequence_length']),
    valueInfo('encoder_hidden_states', 'float32', ['batch_size', 'encoder_sequence_length / 2', D_MODEL]),
    ...LAYER_IDS.flatMap((i) => [
      kvInfo(past(i, 'decoder', 'key'), 'past_decoder_sequence_length'),
      kvInfo(past(i, 'decoder', 'value'), 'past_decoder_sequence_length'),
      kvInfo(past(i, 'encoder', 'key'), 'encoder_sequence_length_out'),
      kvInfo(past(i, 'encoder', 'value'), 'encoder_sequence_length_out'),
    ]),
    valueInfo('use_cache_branch', 'bool', [1]),
  ];
  const outputs: ValueInfoProto[] = [
    valueInfo('logits', 'float32', ['batch_size', 'decoder_sequence_length', VOCAB]),
    ...LAYER_IDS.flatMap((i) => [
      kvInfo(present(i, 'decoder', 'key'), 'past_decoder_sequence_length + 1'),
      kvInfo(present(i, 'decoder', 'value'), 'past_decoder_sequence_length + 1'),
      kvInfo(present(i, 'encoder', 'key'), 'encoder_sequence_length_out'),
      kvInfo(present(i, 'encoder', 'value'), 'encoder_sequence_length_out'),
    ]),
  ];
  return encodeModel({
    name: quantized ? 'whisper_standin_decoder_merged_q8' : 'whisper_standin_decoder_merged',
    docString: 'Deterministic stand-in for the onnx-community/whisper-tiny merged decoder (tests only).',
    producer: 'sou/scripts/build-standin-whisper.ts',
    inputs,
    outputs,
    initializers: inits,
    nodes,
  });
}

// ---------------------------------------------------------------------------------------------

export type WhisperStandinFiles = Array<[path: string, content: Uint8Array | string]>;

/** Every file of the stand-in, relative to `<root>/onnx-community/whisper-tiny/`. */
export function buildWhisperStandinFiles(): WhisperStandinFiles {
  const tok = buildTokenizer();
  const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';
  return [
    ['config.json', json(modelConfig())],
    ['generation_config.json', json(generationConfig())],
    ['preprocessor_config.json', json(PREPROCESSOR_CONFIG)],
    ['tokenizer.json', JSON.stringify(tok.json)],
    ['tokenizer_config.json', json(TOKENIZER_CONFIG)],
    ['onnx/encoder_model.onnx', encoderOnnx(false)],
    ['onnx/encoder_model_quantized.onnx', encoderOnnx(true)],
    ['onnx/decoder_model_merged.onnx', decoderOnnx(tok.phraseIds, false)],
    ['onnx/decoder_model_merged_quantized.onnx', decoderOnnx(tok.phraseIds, true)],
  ];
}

const HERE = dirname(fileURLToPath(import.meta.url));
/**
 * A root of its own, beside the other stand-ins (tests/.fixtures/models): e2e servers serve that
 * one by default, and a Whisper there would take over every voice test from the instant
 * recogniser. Tests that want Whisper add this root (`modelRoots`).
 */
export const WHISPER_FIXTURE_ROOT = join(HERE, '..', 'tests', '.fixtures', 'whisper-models');
const STAMP = '.standin.json';

export interface BuiltWhisperStandin {
  dir: string;
  skipped: boolean;
  files: Array<{ path: string; size: number; sha256: string }>;
}

/** Writes the stand-in under `<root>/onnx-community/whisper-tiny/` unless an identical build is there. */
export function buildWhisperStandin(options: { root?: string; force?: boolean; log?: (line: string) => void } = {}): BuiltWhisperStandin {
  const root = resolve(options.root ?? WHISPER_FIXTURE_ROOT);
  const log = options.log ?? ((line: string) => console.log(line));
  const dir = join(root, WHISPER_STANDIN_ID);
  const hash = createHash('sha256')
    .update(readFileSync(fileURLToPath(import.meta.url)))
    .update(readFileSync(join(HERE, 'lib', 'onnx.ts')))
    .digest('hex');
  const stampPath = join(dir, STAMP);
  if (!options.force && existsSync(stampPath)) {
    const stamp = JSON.parse(readFileSync(stampPath, 'utf8')) as { hash: string; files: BuiltWhisperStandin['files'] };
    if (stamp.hash === hash && stamp.files.every((f) => existsSync(join(dir, f.path)))) {
      log(`stand-in up to date: ${WHISPER_STANDIN_ID} (${dir})`);
      return { dir, skipped: true, files: stamp.files };
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const files: BuiltWhisperStandin['files'] = [];
  for (const [path, content] of buildWhisperStandinFiles()) {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
    files.push({ path, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
  }
  writeFileSync(stampPath, JSON.stringify({ hash, files }, null, 2) + '\n');
  log(`stand-in built: ${WHISPER_STANDIN_ID} -> ${dir} (${(files.reduce((s, f) => s + f.size, 0) / 1024).toFixed(0)} KiB)`);
  return { dir, skipped: false, files };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const rootAt = args.indexOf('--root');
  try {
    buildWhisperStandin({ root: rootAt >= 0 ? args[rootAt + 1] : undefined, force: args.includes('--force') });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
