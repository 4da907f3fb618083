/**
 * Readers for the dev-set formats of ../shared/data/luma/dev:
 * queries.tsv `qid \t lang \t text`, qrels.tsv `qid \t item id \t grade`.
 * Blank lines and lines starting with # are skipped; a malformed line is an error that names
 * the line, so a broken file is noticed rather than silently scoring 0.
 */
import type { Judgments } from './metrics';

export interface EvalQuery {
  qid: string;
  lang: string;
  text: string;
}

function lines(text: string): Array<{ no: number; cols: string[] }> {
  const out: Array<{ no: number; cols: string[] }> = [];
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || line.startsWith('#')) return;
    out.push({ no: i + 1, cols: line.split('\t') });
  });
  return out;
}

export function parseQueriesTsv(text: string): EvalQuery[] {
  return lines(text).map(({ no, cols }) => {
    if (cols.length < 3) throw new Error(`queries.tsv line ${no}: expected "qid<TAB>lang<TAB>text", got ${cols.length} column(s)`);
    return { qid: cols[0]!.trim(), lang: cols[1]!.trim(), text: cols.slice(2).join('\t').trim() };
  });
}

export function parseQrelsTsv(text: string): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const { no, cols } of lines(text)) {
    if (cols.length < 3) throw new Error(`qrels.tsv line ${no}: expected "qid<TAB>item<TAB>grade", got ${cols.length} column(s)`);
    const grade = Number(cols[2]);
    if (!Number.isFinite(grade)) throw new Error(`qrels.tsv line ${no}: grade "${cols[2]}" is not a number`);
    const qid = cols[0]!.trim();
    let m = out.get(qid);
    if (!m) out.set(qid, (m = new Map()));
    m.set(cols[1]!.trim(), grade);
  }
  return out;
}

export type { Judgments };
