/**
 * Ranking metrics with graded judgments.
 * nDCG@k: gain 2^grade − 1, log2 discount; the ideal ranking is built from ALL judged items of
 * the query (not only the retrieved ones), so missing a relevant item is penalised.
 * Recall@k: share of the relevant (grade > 0) items found in the top k.
 */

/** qrels for one query: item id -> grade (0 or absent = not relevant). */
export type Judgments = ReadonlyMap<string, number>;

export function dcgAt(ranked: readonly string[], judgments: Judgments, k: number): number {
  let dcg = 0;
  const n = Math.min(k, ranked.length);
  for (let i = 0; i < n; i++) {
    const g = judgments.get(ranked[i]!) ?? 0;
    if (g > 0) dcg += (2 ** g - 1) / Math.log2(i + 2);
  }
  return dcg;
}

export function ndcgAt(ranked: readonly string[], judgments: Judgments, k = 10): number {
  const grades = [...judgments.values()].filter((g) => g > 0).sort((a, b) => b - a);
  let ideal = 0;
  for (let i = 0; i < Math.min(k, grades.length); i++) ideal += (2 ** grades[i]! - 1) / Math.log2(i + 2);
  if (ideal === 0) return 0;
  // Duplicated ids in a ranking count once.
  const seen = new Set<string>();
  const unique = ranked.filter((id) => (seen.has(id) ? false : (seen.add(id), true)));
  return dcgAt(unique, judgments, k) / ideal;
}

export function recallAt(ranked: readonly string[], judgments: Judgments, k = 100): number {
  let relevant = 0;
  for (const g of judgments.values()) if (g > 0) relevant++;
  if (relevant === 0) return 0;
  const top = new Set(ranked.slice(0, k));
  let found = 0;
  for (const id of top) if ((judgments.get(id) ?? 0) > 0) found++;
  return found / relevant;
}

export function mean(values: readonly number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}
