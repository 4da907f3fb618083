/**
 * Builds tiny, seeded, random-weight STAND-INS for the real models the app can download, with the
 * real models' ids, config, tokenizer kind, file layout, inputs and outputs. Tests (unit and e2e)
 * load them under the real model id through exactly the app's code path, so the loading,
 * worker and storage plumbing is exercised without the Hugging Face Hub (unreachable here).
 * Their vectors are meaningless, but deterministic: the same text always gives the same vector.
 *
 * Run: `npx tsx scripts/build-standin-models.ts [--root DIR] [--only MODEL_ID] [--force]`
 * (default root tests/.fixtures/models). Each stand-in is a `StandinSpec` in `STANDINS`; add
 * Whisper/CLIP stand-ins there (same pattern: a function returning the files to write).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bertInputs,
  encodeModel,
  node,
  quantizeSymmetric,
  randomNormal,
  seededRandom,
  tensor,
  valueInfo,
  floatScalar,
} from './lib/onnx';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..');
export const DEFAULT_STANDIN_ROOT = join(REPO, 'tests', '.fixtures', 'models');
const STAMP = '.standin.json';

export type StandinFiles = Array<[path: string, content: Uint8Array | string]>;

export interface StandinSpec {
  /** The real model id it stands in for (folder under the root). */
  id: string;
  /** Bump to force a rebuild when the spec changes in a way the script hash cannot see. */
  version: number;
  build(): StandinFiles;
}

// ---------------------------------------------------------------------------------------------
// Multilingual MiniLM (Xenova/paraphrase-multilingual-MiniLM-L12-v2)

const MINILM_HIDDEN = 384;

/** config.json of the real model, field for field as published; vocab of the stand-in noted apart. */
function miniLmConfig(standinVocab: number): object {
  return {
    _name_or_path: 'sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2',
    architectures: ['BertModel'],
    attention_probs_dropout_prob: 0.1,
    gradient_checkpointing: false,
    hidden_act: 'gelu',
    hidden_dropout_prob: 0.1,
    hidden_size: MINILM_HIDDEN,
    initializer_range: 0.02,
    intermediate_size: 1536,
    layer_norm_eps: 1e-12,
    max_position_embeddings: 512,
    model_type: 'bert',
    num_attention_heads: 12,
    num_hidden_layers: 12,
    pad_token_id: 0,
    position_embedding_type: 'absolute',
    transformers_version: '4.29.2',
    type_vocab_size: 2,
    use_cache: true,
    vocab_size: 250037,
    sou_standin: {
      note: 'Random-weight stand-in built by scripts/build-standin-models.ts; NOT the real model.',
      vocab_size: standinVocab,
    },
  };
}

/** A small fixed word list: enough for plausible sentencepiece segmentation of shop queries. */
const STANDIN_WORDS = (
  'the a an and or for with of in on to is it this that my me you your men women man woman kids ' +
  'black white red blue green gray grey yellow orange purple pink brown beige navy ' +
  'jacket coat hoodie sweatshirt shirt tee tank top shorts pants leggings dress skirt bra shoe shoes ' +
  'bag backpack watch yoga running training gym warm winter summer light water proof waterproof ' +
  'cotton wool down zip hood sleeve long short soft comfortable mug coffee cup bottle sport ' +
  'good new best cheap price sale size small medium large'
).split(' ');
const STANDIN_ZH = '黑色 白色 红色 蓝色 绿色 灰色 男 女 男士 女士 外套 夹克 卫衣 短裤 裤 裙 连衣裙 背包 瑜伽 跑步 的 我 要';

function miniLmTokenizer(): { json: object; vocabSize: number } {
  // XLM-R sentencepiece layout: <s>=0 <pad>=1 </s>=2 <unk>=3 ... <mask> last.
  const pieces: Array<[string, number]> = [
    ['<s>', 0],
    ['<pad>', 0],
    ['</s>', 0],
    ['<unk>', 0],
  ];
  const seen = new Set(pieces.map(([p]) => p));
  const add = (piece: string): void => {
    if (seen.has(piece)) return;
    seen.add(piece);
    // Longer pieces score higher, so Viterbi prefers whole words over characters.
    pieces.push([piece, -2 - 10 / [...piece].length]);
  };
  add('▁');
  for (const w of STANDIN_WORDS) add(`▁${w}`);
  for (const w of STANDIN_ZH.split(' ')) add(`▁${w}`);
  for (const w of STANDIN_ZH.split(' ')) add(w);
  for (const ch of new Set([...STANDIN_ZH.replace(/ /g, '')])) add(ch);
  for (let c = 97; c < 123; c++) add(String.fromCharCode(c));
  for (let c = 65; c < 91; c++) add(String.fromCharCode(c));
  for (const ch of '0123456789.,!?\'"-/()&:;') add(ch);
  const maskId = pieces.length;
  pieces.push(['<mask>', 0]);
  const special = (content: string, id: number, lstrip = false) => ({
    id,
    content,
    single_word: false,
    lstrip,
    rstrip: false,
    normalized: false,
    special: true,
  });
  const json = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [special('<s>', 0), special('<pad>', 1), special('</s>', 2), special('<unk>', 3), special('<mask>', maskId, true)],
    normalizer: {
      type: 'Sequence',
      normalizers: [
        { type: 'Precompiled', precompiled_charsmap: null },
        { type: 'Replace', pattern: { Regex: ' {2,}' }, content: ' ' },
      ],
    },
    pre_tokenizer: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '<s>', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '</s>', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '<s>', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '</s>', type_id: 0 } },
        { SpecialToken: { id: '</s>', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 0 } },
        { SpecialToken: { id: '</s>', type_id: 0 } },
      ],
      special_tokens: {
        '<s>': { id: '<s>', ids: [0], tokens: ['<s>'] },
        '</s>': { id: '</s>', ids: [2], tokens: ['</s>'] },
      },
    },
    decoder: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
    model: { type: 'Unigram', unk_id: 3, vocab: pieces, byte_fallback: false },
  };
  return { json, vocabSize: pieces.length };
}

const MINILM_TOKENIZER_CONFIG = {
  bos_token: '<s>',
  clean_up_tokenization_spaces: true,
  cls_token: '<s>',
  eos_token: '</s>',
  mask_token: '<mask>',
  model_max_length: 512,
  pad_token: '<pad>',
  sep_token: '</s>',
  tokenizer_class: 'XLMRobertaTokenizer',
  unk_token: '<unk>',
};

/**
 * last_hidden_state = tanh(E[input_ids] · W + b): a random token embedding and one dense layer,
 * so outputs have the real shape [batch, seq, 384] and differ per token. q8 stores E and W as
 * int8 with DequantizeLinear, like the real quantized export.
 */
function miniLmOnnx(vocabSize: number, quantized: boolean): Uint8Array {
  const rand = seededRandom(0x5_0_0_1);
  const E = randomNormal(vocabSize * MINILM_HIDDEN, 0.5, rand);
  const W = randomNormal(MINILM_HIDDEN * MINILM_HIDDEN, 1 / Math.sqrt(MINILM_HIDDEN), rand);
  const b = randomNormal(MINILM_HIDDEN, 0.05, rand);
  const inits = [tensor('bias', [MINILM_HIDDEN], b)];
  const nodes = [];
  if (quantized) {
    const eq = quantizeSymmetric(E);
    const wq = quantizeSymmetric(W);
    inits.push(
      tensor('embeddings_q', [vocabSize, MINILM_HIDDEN], eq.data),
      floatScalar('embeddings_scale', eq.scale),
      tensor('dense_q', [MINILM_HIDDEN, MINILM_HIDDEN], wq.data),
      floatScalar('dense_scale', wq.scale),
      tensor('zero_i8', [], Int8Array.of(0)),
    );
    nodes.push(
      node('DequantizeLinear', ['embeddings_q', 'embeddings_scale', 'zero_i8'], ['embeddings']),
      node('DequantizeLinear', ['dense_q', 'dense_scale', 'zero_i8'], ['dense']),
    );
  } else {
    inits.push(tensor('embeddings', [vocabSize, MINILM_HIDDEN], E), tensor('dense', [MINILM_HIDDEN, MINILM_HIDDEN], W));
  }
  nodes.push(
    node('Gather', ['embeddings', 'input_ids'], ['tok'], { axis: 0 }),
    node('MatMul', ['tok', 'dense'], ['proj']),
    node('Add', ['proj', 'bias'], ['pre']),
    node('Tanh', ['pre'], ['last_hidden_state']),
  );
  return encodeModel({
    name: quantized ? 'minilm_standin_q8' : 'minilm_standin',
    docString: 'Random-weight stand-in for Xenova/paraphrase-multilingual-MiniLM-L12-v2 (tests only).',
    inputs: bertInputs(),
    outputs: [valueInfo('last_hidden_state', 'float32', ['batch_size', 'sequence_length', MINILM_HIDDEN])],
    initializers: inits,
    nodes,
  });
}

const miniLmStandin: StandinSpec = {
  id: 'Xenova/paraphrase-multilingual-MiniLM-L12-v2',
  version: 1,
  build() {
    const tok = miniLmTokenizer();
    return [
      ['config.json', JSON.stringify(miniLmConfig(tok.vocabSize), null, 2) + '\n'],
      ['tokenizer.json', JSON.stringify(tok.json)],
      ['tokenizer_config.json', JSON.stringify(MINILM_TOKENIZER_CONFIG, null, 2) + '\n'],
      ['onnx/model_quantized.onnx', miniLmOnnx(tok.vocabSize, true)],
      ['onnx/model.onnx', miniLmOnnx(tok.vocabSize, false)],
    ];
  },
};

/** Every stand-in this script can build. Whisper and CLIP stand-ins go here too. */
export const STANDINS: StandinSpec[] = [miniLmStandin];

// ---------------------------------------------------------------------------------------------

export interface BuildStandinOptions {
  root?: string;
  /** Only these model ids (default all). */
  only?: string[];
  force?: boolean;
  log?: (line: string) => void;
}

export interface BuiltStandin {
  id: string;
  dir: string;
  skipped: boolean;
  files: Array<{ path: string; size: number; sha256: string }>;
}

function specHash(spec: StandinSpec): string {
  const h = createHash('sha256');
  h.update(readFileSync(fileURLToPath(import.meta.url)));
  h.update(readFileSync(join(HERE, 'lib', 'onnx.ts')));
  h.update(`${spec.id} ${spec.version}`);
  return h.digest('hex');
}

export function buildStandinModels(options: BuildStandinOptions = {}): BuiltStandin[] {
  const root = resolve(options.root ?? DEFAULT_STANDIN_ROOT);
  const log = options.log ?? ((line: string) => console.log(line));
  const specs = options.only ? STANDINS.filter((s) => options.only!.includes(s.id)) : STANDINS;
  if (options.only && specs.length !== options.only.length) {
    throw new Error(`unknown stand-in id in ${options.only.join(', ')}; known: ${STANDINS.map((s) => s.id).join(', ')}`);
  }
  return specs.map((spec) => {
    const dir = join(root, spec.id);
    const hash = specHash(spec);
    const stampPath = join(dir, STAMP);
    if (!options.force && existsSync(stampPath)) {
      const stamp = JSON.parse(readFileSync(stampPath, 'utf8')) as { hash: string; files: BuiltStandin['files'] };
      if (stamp.hash === hash && stamp.files.every((f) => existsSync(join(dir, f.path)))) {
        log(`stand-in up to date: ${spec.id}`);
        return { id: spec.id, dir, skipped: true, files: stamp.files };
      }
    }
    rmSync(dir, { recursive: true, force: true });
    const files: BuiltStandin['files'] = [];
    for (const [path, content] of spec.build()) {
      const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), bytes);
      files.push({ path, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    }
    writeFileSync(stampPath, JSON.stringify({ hash, files }, null, 2) + '\n');
    const total = files.reduce((s, f) => s + f.size, 0);
    log(`stand-in built: ${spec.id} -> ${dir} (${(total / 1024).toFixed(0)} KiB)\n` + files.map((f) => `  ${f.path}  ${(f.size / 1024).toFixed(0)} KiB`).join('\n'));
    return { id: spec.id, dir, skipped: false, files };
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opts: BuildStandinOptions = {};
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--root') opts.root = args[++i];
    else if (args[i] === '--only') (opts.only ??= []).push(args[++i]);
    else if (args[i] === '--force') opts.force = true;
    else {
      console.error(`unknown argument ${args[i]}; usage: build-standin-models.ts [--root DIR] [--only MODEL_ID] [--force]`);
      process.exit(2);
    }
  }
  try {
    buildStandinModels(opts);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
