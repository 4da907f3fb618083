/**
 * parseCatalog: reads a shop's catalog file (JSON Lines, a JSON array, or CSV) from a string or a
 * byte stream, validates every row and returns the products plus a list of problems per line.
 * The caller decides what to do with rows that have problems (the UI shows them); the whole
 * import is refused only when the file is empty, not text, too large, or mostly broken.
 */
import { SouError, type Product } from '../types.js';
import { CsvParser, type CsvRow } from './csv.js';
import { CatalogTextDecoder, type CatalogEncoding } from './decode.js';
import { knownFieldFor, type KnownField } from './fields.js';
import type { CatalogIssue } from './issues.js';
import { CatalogValidator } from './validate.js';

export type CatalogFormat = 'jsonl' | 'json' | 'csv';
export type CatalogInput = string | Uint8Array | ArrayBuffer | AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;

export const DEFAULT_MAX_CATALOG_BYTES = 100 * 1024 * 1024;
const DEFAULT_MAX_ERROR_RATIO = 0.5;
const DEFAULT_MAX_ISSUES = 1000;
/** Strings are fed to the readers in slices of this many characters (progress + abort checks). */
const STRING_SLICE = 1 << 20;
/** Text looked at before choosing a format when neither the caller nor the file name says. */
const SNIFF_CHARS = 64 * 1024;
const REQUIRED: readonly KnownField[] = ['id', 'title', 'category', 'price'];

export interface CatalogProgress {
  /** Bytes read so far (characters, for string input). */
  bytesRead: number;
  /** Total size when known (declared size, byte array length, string length). */
  totalBytes?: number;
  /** Valid products so far. */
  products: number;
}

export interface ParseCatalogOptions {
  /** Skip detection: the caller knows the format. */
  format?: CatalogFormat;
  /** File name, used to pick the format (".csv", ".jsonl", ".json") when content alone is unclear. */
  fileName?: string;
  /** URL of the catalog file; images are resolved against it and must stay on its origin. */
  baseUrl?: string;
  /** Refuse files larger than this (default 100 MB). */
  maxBytes?: number;
  /** Declared size (File.size, Content-Length), checked before anything is read. */
  totalBytes?: number;
  onProgress?: (progress: CatalogProgress) => void;
  signal?: AbortSignal;
  /** Above this share of rows with errors the file is refused (default 0.5). */
  maxErrorRatio?: number;
  /** At most this many issues are kept in the result (all are counted in stats). */
  maxIssues?: number;
  defaultCurrency?: string;
}

export interface CatalogStats {
  format: CatalogFormat;
  encoding: CatalogEncoding;
  /** Bytes (or characters, for string input) read. */
  bytes: number;
  /** Non-blank rows/records found. */
  rows: number;
  valid: number;
  /** Rows left out because of an error. */
  invalid: number;
  duplicates: number;
  warnings: number;
  /** All issues found; `issues` may hold fewer (maxIssues). */
  issueCount: number;
}

export interface CatalogParseResult {
  products: Product[];
  issues: CatalogIssue[];
  stats: CatalogStats;
}

/** What the readers share: the validator, the result being built, counters. */
class ImportState {
  readonly products: Product[] = [];
  readonly issues: CatalogIssue[] = [];
  rows = 0;
  errors = 0;
  warnings = 0;
  duplicates = 0;
  issueCount = 0;
  validator: CatalogValidator;

  constructor(
    private readonly options: ParseCatalogOptions,
    private readonly maxIssues: number,
  ) {
    this.validator = this.makeValidator('line');
  }

  makeValidator(positionWord: 'line' | 'item'): CatalogValidator {
    return new CatalogValidator(
      { add: (issue) => this.addIssue(issue) },
      { baseUrl: this.options.baseUrl, defaultCurrency: this.options.defaultCurrency, positionWord },
    );
  }

  addIssue(issue: CatalogIssue): void {
    this.issueCount++;
    if (issue.severity === 'error') this.errors++;
    else this.warnings++;
    if (issue.code === 'DUPLICATE_ID') this.duplicates++;
    if (this.issues.length < this.maxIssues) this.issues.push(issue);
  }

  record(record: Record<string, unknown>, line: number): void {
    this.rows++;
    const product = this.validator.accept(record, line);
    if (product) this.products.push(product);
  }

  rowError(line: number, code: CatalogIssue['code'], message: string): void {
    this.rows++;
    this.addIssue({ line, code, severity: 'error', message: `line ${line}: ${message}` });
  }
}

interface FormatReader {
  push(text: string): void;
  end(): void;
}

class JsonlReader implements FormatReader {
  private carry = '';
  private line = 0;

  constructor(private readonly state: ImportState) {}

  push(text: string): void {
    let data = this.carry + text;
    let start = 0;
    for (let nl = data.indexOf('\n'); nl !== -1; nl = data.indexOf('\n', start)) {
      this.handle(data.slice(start, nl));
      start = nl + 1;
    }
    this.carry = data.slice(start);
    data = '';
  }

  end(): void {
    if (this.carry !== '') this.handle(this.carry);
    this.carry = '';
  }

  private handle(raw: string): void {
    this.line++;
    const text = raw.trim();
    if (text === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message.replace(/^JSON\.parse: /, '') : 'unreadable';
      this.state.rowError(this.line, 'MALFORMED_JSON', `this line is not valid JSON (${shorten(reason, 80)}); the row was left out`);
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.state.rowError(this.line, 'NOT_AN_OBJECT', 'each line must be one product written as a JSON object {…}; the row was left out');
      return;
    }
    this.state.record(value as Record<string, unknown>, this.line);
  }
}

class JsonDocumentReader implements FormatReader {
  private parts: string[] = [];

  constructor(private readonly state: ImportState) {}

  push(text: string): void {
    this.parts.push(text);
  }

  end(): void {
    const text = this.parts.join('').trim();
    this.parts = [];
    if (text === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'unreadable';
      throw new SouError(
        'CATALOG_PARSE',
        `The catalog file is not valid JSON (${shorten(reason, 120)}). Fix the file, or save it as JSON Lines (one product per line) so that one bad line does not stop the import.`,
      );
    }
    const items = productArrayIn(value);
    if (items === null) {
      throw new SouError(
        'CATALOG_FORMAT',
        'The JSON file does not hold a list of products. Expected an array of product objects, or an object with a "products" array.',
      );
    }
    this.state.validator = this.state.makeValidator('item');
    items.forEach((item, index) => {
      const position = index + 1;
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        this.state.rows++;
        this.state.addIssue({ line: position, code: 'NOT_AN_OBJECT', severity: 'error', message: `item ${position}: is not a product object {…}; it was left out` });
        return;
      }
      this.state.record(item as Record<string, unknown>, position);
    });
  }
}

/** The product list inside a parsed JSON document: the array itself, or the first array of objects under a known key. */
function productArrayIn(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value;
  if (value === null || typeof value !== 'object') return null;
  const record = value as Record<string, unknown>;
  for (const key of ['products', 'items', 'catalog', 'data', 'records']) {
    if (Array.isArray(record[key])) return record[key] as unknown[];
  }
  // A single product object is a catalog of one.
  return 'id' in record ? [record] : null;
}

class CsvReader implements FormatReader {
  private readonly parser = new CsvParser();
  private header: string[] | null = null;

  constructor(private readonly state: ImportState) {}

  push(text: string): void {
    for (const row of this.parser.push(text)) this.row(row);
  }

  end(): void {
    for (const row of this.parser.end()) this.row(row);
  }

  private row(row: CsvRow): void {
    if (this.header === null) {
      this.header = this.readHeader(row);
      return;
    }
    if (row.unclosedQuote) {
      this.state.rowError(row.line, 'CSV_UNCLOSED_QUOTE', 'a quoted cell starts here but its closing quote (") is missing, so the rest of the file was read as one cell; the row was left out');
      return;
    }
    const header = this.header;
    const record: Record<string, unknown> = {};
    for (let i = 0; i < header.length && i < row.cells.length; i++) {
      const cell = row.cells[i];
      if (cell !== '' && header[i] !== '') record[header[i]] = cell;
    }
    const surplus = row.cells.slice(header.length).filter((cell) => cell.trim() !== '').length;
    if (surplus > 0) {
      const id = typeof record[this.idColumn()] === 'string' ? (record[this.idColumn()] as string) : undefined;
      this.state.addIssue({
        line: row.line,
        ...(id ? { id } : {}),
        code: 'CSV_EXTRA_CELLS',
        severity: 'warning',
        message: `line ${row.line}: has ${row.cells.length} cells but the header has ${header.length} columns; the extra cells were ignored (a comma inside a cell needs quotes around the cell)`,
      });
    }
    this.state.record(record, row.line);
  }

  private idColumn(): string {
    return this.header?.find((name) => knownFieldFor(name) === 'id') ?? 'id';
  }

  private readHeader(row: CsvRow): string[] {
    const seen = new Set<string>();
    const names = row.cells.map((cell) => {
      let name = cell.replace(/^\uFEFF/, '').trim();
      // Two columns with one name: keep both, the second under a numbered name.
      for (let n = 2; name !== '' && seen.has(name); n++) name = `${cell.trim()}_${n}`;
      seen.add(name);
      return name;
    });
    const present = new Set(names.map((name) => knownFieldFor(name)));
    const missing = REQUIRED.filter((field) => !present.has(field));
    if (missing.length > 0) {
      throw new SouError(
        'CATALOG_FORMAT',
        `The first row of the CSV file must name the columns. Missing required column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}. ` +
          `Found: ${names.slice(0, 12).map((n) => `"${shorten(n, 30)}"`).join(', ') || 'nothing'}.`,
        { missing, found: names },
      );
    }
    return names;
  }
}

function shorten(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

function formatFromName(fileName: string | undefined): CatalogFormat | null {
  const ext = fileName?.toLowerCase().match(/\.([a-z0-9]+)(?:[?#].*)?$/)?.[1];
  if (ext === 'jsonl' || ext === 'ndjson' || ext === 'jsonlines') return 'jsonl';
  if (ext === 'json') return 'json';
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return 'csv';
  return null;
}

/**
 * Chooses the format from the start of the text. `complete` says the whole file is in `head`.
 * Returns null when more text is needed.
 */
export function detectCatalogFormat(head: string, complete: boolean, fileName?: string): CatalogFormat | null {
  const text = head.replace(/^\uFEFF/, '');
  const first = text.search(/\S/);
  if (first === -1) return complete ? (formatFromName(fileName) ?? 'jsonl') : null;
  const ch = text[first];
  if (ch === '[') return 'json';
  if (ch === '{') {
    const end = text.indexOf('\n', first);
    if (end === -1 && !complete && text.length < SNIFF_CHARS) return null;
    const firstLine = text.slice(first, end === -1 ? undefined : end).trim();
    try {
      const value = JSON.parse(firstLine) as Record<string, unknown>;
      // One line holding {"products": [...]} is a JSON document, not a one-product JSONL file.
      const wrapper = !('id' in value) && productArrayIn(value) !== null && !Array.isArray(value);
      return wrapper ? 'json' : 'jsonl';
    } catch {
      // A pretty-printed object spreads over lines; a broken first JSONL line does not.
      return firstLine === '{' || /^\{\s*"[^"]*"\s*:\s*[[{]?$/.test(firstLine) ? 'json' : (formatFromName(fileName) ?? 'jsonl');
    }
  }
  return 'csv';
}

function tooLarge(size: number, maxBytes: number, sizeKnown: boolean): SouError {
  const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
  const what = sizeKnown ? `is ${mb(size)}` : `is larger than ${mb(maxBytes)}`;
  return new SouError(
    'CATALOG_TOO_LARGE',
    `The catalog file ${what}; this app imports at most ${mb(maxBytes)}. Remove unused columns or long descriptions, or split the catalog, and import again.`,
    { size, maxBytes },
  );
}

function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new SouError('ABORTED', 'The catalog import was cancelled.');
}

async function* bytesOf(input: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (typeof (input as ReadableStream<Uint8Array>).getReader === 'function') {
    const reader = (input as ReadableStream<Uint8Array>).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        if (value) yield value;
      }
    } finally {
      // Stop the download when the reader is abandoned (too large, aborted, bad encoding).
      reader.cancel().catch(() => undefined);
      reader.releaseLock();
    }
  } else {
    yield* input as AsyncIterable<Uint8Array>;
  }
}

/** Parses and validates a catalog. See ParseCatalogOptions; throws SouError for whole-file failures. */
export async function parseCatalog(input: CatalogInput, options: ParseCatalogOptions = {}): Promise<CatalogParseResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_CATALOG_BYTES;
  const state = new ImportState(options, options.maxIssues ?? DEFAULT_MAX_ISSUES);
  let format: CatalogFormat | null = options.format ?? null;
  let reader: FormatReader | null = null;
  let sniffed = '';
  let bytesRead = 0;
  let encoding: CatalogEncoding = 'utf-8';

  const declared =
    options.totalBytes ??
    (typeof input === 'string' ? input.length : input instanceof Uint8Array ? input.byteLength : input instanceof ArrayBuffer ? input.byteLength : undefined);
  // A string of n characters is at least n bytes, so its length is a safe lower bound.
  if (declared !== undefined && declared > maxBytes) throw tooLarge(declared, maxBytes, true);

  const makeReader = (chosen: CatalogFormat): FormatReader =>
    chosen === 'csv' ? new CsvReader(state) : chosen === 'json' ? new JsonDocumentReader(state) : new JsonlReader(state);

  const feed = (text: string, complete: boolean): void => {
    if (reader === null) {
      sniffed += text;
      format ??= detectCatalogFormat(sniffed, complete, options.fileName);
      if (format === null && !complete) return;
      reader = makeReader(format ?? 'jsonl');
      text = sniffed.replace(/^\uFEFF/, '');
      sniffed = '';
    }
    if (text !== '') reader.push(text);
    if (complete) reader.end();
  };
  const progress = (): void => options.onProgress?.({ bytesRead, totalBytes: declared, products: state.products.length });

  checkAbort(options.signal);
  if (typeof input === 'string') {
    if (input.length === 0) feed('', true);
    for (let start = 0; start < input.length; start += STRING_SLICE) {
      checkAbort(options.signal);
      const end = Math.min(input.length, start + STRING_SLICE);
      bytesRead = end;
      feed(input.slice(start, end), end === input.length);
      progress();
    }
  } else {
    const decoder = new CatalogTextDecoder();
    const chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array> =
      input instanceof Uint8Array ? [input] : input instanceof ArrayBuffer ? [new Uint8Array(input)] : bytesOf(input);
    for await (const chunk of chunks) {
      checkAbort(options.signal);
      bytesRead += chunk.byteLength;
      if (bytesRead > maxBytes) throw tooLarge(bytesRead, maxBytes, false);
      feed(decoder.decode(chunk), false);
      progress();
    }
    feed(decoder.decode(new Uint8Array(0), true), true);
    encoding = decoder.encoding;
    progress();
  }

  const stats: CatalogStats = {
    format: format ?? 'jsonl',
    encoding,
    bytes: bytesRead,
    rows: state.rows,
    valid: state.products.length,
    invalid: state.rows - state.products.length,
    duplicates: state.duplicates,
    warnings: state.warnings,
    issueCount: state.issueCount,
  };
  const result: CatalogParseResult = { products: state.products, issues: state.issues, stats };
  judge(result, options.maxErrorRatio ?? DEFAULT_MAX_ERROR_RATIO);
  return result;
}

/** Refuses the whole file when it holds nothing, or when most of it is broken. */
function judge(result: CatalogParseResult, maxErrorRatio: number): void {
  const { stats, issues } = result;
  if (stats.rows === 0) {
    throw new SouError('CATALOG_EMPTY', 'The catalog file has no products in it. Check that you chose the right file.', { stats });
  }
  const firstProblems = issues.filter((issue) => issue.severity === 'error').slice(0, 3).map((issue) => issue.message);
  const examples = firstProblems.length > 0 ? ` First problems: ${firstProblems.join('; ')}.` : '';
  if (stats.valid === 0) {
    throw new SouError('CATALOG_INVALID', `None of the ${stats.rows} products in the file could be imported.${examples}`, {
      stats,
      issues: issues.slice(0, 50),
    });
  }
  if (stats.invalid / stats.rows > maxErrorRatio) {
    throw new SouError(
      'CATALOG_INVALID',
      `${stats.invalid} of ${stats.rows} products in the file have problems, too many to import it.${examples} Fix the file and import it again.`,
      { stats, issues: issues.slice(0, 50) },
    );
  }
}
