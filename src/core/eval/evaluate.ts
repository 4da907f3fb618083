/**
 * Runs a set of queries through a search function and averages nDCG@10 / recall@100, overall
 * and per query language.
 */
import { mean, ndcgAt, recallAt, type Judgments } from './metrics';
import type { EvalQuery } from './tsv';

export interface EvalSummary {
  ndcg10: number;
  recall100: number;
  byLang: Record<string, number>;
  perQuery: Array<{ qid: string; lang: string; text: string; ndcg10: number; recall100: number }>;
}

export async function evaluateRuns(
  queries: readonly EvalQuery[],
  qrels: ReadonlyMap<string, Judgments>,
  run: (q: EvalQuery) => Promise<string[]> | string[],
): Promise<EvalSummary> {
  const perQuery: EvalSummary['perQuery'] = [];
  for (const q of queries) {
    const judged = qrels.get(q.qid) ?? new Map<string, number>();
    const ranked = await run(q);
    perQuery.push({ qid: q.qid, lang: q.lang, text: q.text, ndcg10: ndcgAt(ranked, judged, 10), recall100: recallAt(ranked, judged, 100) });
  }
  const byLang: Record<string, number> = {};
  for (const lang of new Set(perQuery.map((p) => p.lang))) byLang[lang] = mean(perQuery.filter((p) => p.lang === lang).map((p) => p.ndcg10));
  return { ndcg10: mean(perQuery.map((p) => p.ndcg10)), recall100: mean(perQuery.map((p) => p.recall100)), byLang, perQuery };
}
