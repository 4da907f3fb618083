/**
 * Incremental CSV reader (RFC 4180 plus what spreadsheets really write): quoted fields with
 * embedded delimiters, quotes ("") and newlines; CRLF, LF or CR line ends; comma, semicolon or
 * tab delimiter detected from the header line. Text can be pushed in pieces of any size, so a
 * large file is read while it streams in.
 */

export interface CsvRow {
  /** 1-based line of the file where the row starts. */
  line: number;
  cells: string[];
  /** True for a last row whose quoted field never closed (the rest of the file ended up in it). */
  unclosedQuote?: boolean;
}

const CANDIDATE_DELIMITERS = [',', ';', '\t'] as const;

/** Picks the delimiter that occurs most often (outside quotes) in the header line. */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>();
  let inQuotes = false;
  for (const ch of headerLine) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (CANDIDATE_DELIMITERS as readonly string[]).includes(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const delimiter of CANDIDATE_DELIMITERS) {
    const count = counts.get(delimiter) ?? 0;
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

export class CsvParser {
  private delimiter: string | null;
  private delimiterCode = 44;
  private head = '';
  private field = '';
  private row: string[] = [];
  private inQuotes = false;
  /** A quote ended the previous chunk: it either closes the field or starts a "" pair. */
  private quoteAtChunkEnd = false;
  private fieldQuoted = false;
  private lastWasCR = false;
  private line = 1;
  private rowStart = 1;

  constructor(delimiter?: string) {
    this.delimiter = delimiter ?? null;
    if (delimiter) this.delimiterCode = delimiter.charCodeAt(0);
  }

  get detectedDelimiter(): string | null {
    return this.delimiter;
  }

  push(text: string): CsvRow[] {
    const rows: CsvRow[] = [];
    if (this.delimiter === null) {
      // Wait for the whole header line before choosing the delimiter.
      this.head += text;
      const end = this.head.search(/[\r\n]/);
      if (end === -1) return rows;
      this.setDelimiter(detectDelimiter(this.head.slice(0, end)));
      text = this.head;
      this.head = '';
    }
    this.consume(text, rows);
    return rows;
  }

  end(): CsvRow[] {
    const rows: CsvRow[] = [];
    if (this.delimiter === null) {
      this.setDelimiter(detectDelimiter(this.head));
      this.consume(this.head, rows);
      this.head = '';
    }
    if (this.quoteAtChunkEnd) {
      this.quoteAtChunkEnd = false;
      this.inQuotes = false;
    }
    if (this.inQuotes) {
      this.endField();
      rows.push({ line: this.rowStart, cells: this.row, unclosedQuote: true });
      this.row = [];
      this.inQuotes = false;
    } else if (this.field !== '' || this.row.length > 0 || this.fieldQuoted) {
      this.endField();
      this.emitRow(rows);
    }
    return rows;
  }

  private setDelimiter(delimiter: string): void {
    this.delimiter = delimiter;
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  private endField(): void {
    this.row.push(this.field);
    this.field = '';
    this.fieldQuoted = false;
  }

  private emitRow(rows: CsvRow[]): void {
    const blank = this.row.length === 1 && this.row[0] === '';
    if (!blank) rows.push({ line: this.rowStart, cells: this.row });
    this.row = [];
  }

  private newline(rows: CsvRow[]): void {
    this.endField();
    this.emitRow(rows);
    this.line++;
    this.rowStart = this.line;
  }

  private consume(text: string, rows: CsvRow[]): void {
    const n = text.length;
    const delimiter = this.delimiterCode;
    let i = 0;
    if (this.quoteAtChunkEnd) {
      this.quoteAtChunkEnd = false;
      if (n > 0 && text.charCodeAt(0) === 34) {
        this.field += '"';
        i = 1;
      } else {
        this.inQuotes = false;
      }
    }
    while (i < n) {
      if (this.inQuotes) {
        const quote = text.indexOf('"', i);
        if (quote === -1) {
          this.field += text.slice(i);
          this.line += countNewlines(text, i, n);
          return;
        }
        this.field += text.slice(i, quote);
        this.line += countNewlines(text, i, quote);
        if (quote + 1 >= n) {
          this.quoteAtChunkEnd = true;
          return;
        }
        if (text.charCodeAt(quote + 1) === 34) {
          this.field += '"';
          i = quote + 2;
        } else {
          this.inQuotes = false;
          i = quote + 1;
        }
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === 10) {
        if (this.lastWasCR) this.lastWasCR = false;
        else this.newline(rows);
        i++;
        continue;
      }
      this.lastWasCR = false;
      if (c === 13) {
        this.newline(rows);
        this.lastWasCR = true;
        i++;
        continue;
      }
      if (c === delimiter) {
        this.endField();
        i++;
        continue;
      }
      if (c === 34 && this.field === '' && !this.fieldQuoted) {
        this.inQuotes = true;
        this.fieldQuoted = true;
        i++;
        continue;
      }
      // A run of plain characters up to the next delimiter or line end.
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === delimiter || d === 10 || d === 13) break;
        j++;
      }
      this.field += text.slice(i, j);
      i = j;
    }
  }
}
