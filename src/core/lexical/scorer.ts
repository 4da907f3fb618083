/**
 * Scores a query plan against a BM25F index into reusable accumulators:
 * group score = best alternative (weight x sum of its terms), term score = best variant
 * (weight x idf x impact); the document score sums groups. `coordination` counts how many
 * groups matched each document, so the ranker can prefer items that match everything asked.
 */
import { SparseAccumulator } from './accumulator';
import type { Bm25fIndex } from './bm25f';
import type { PlanTerm, QueryPlan } from './queryPlan';

export class LexicalScorer {
  readonly total: SparseAccumulator;
  readonly coordination: SparseAccumulator;
  private readonly group: SparseAccumulator;
  private readonly alt: SparseAccumulator;
  private readonly term: SparseAccumulator;
  private readonly altHits: SparseAccumulator;

  constructor(private readonly index: Bm25fIndex) {
    const n = index.docCount;
    this.total = new SparseAccumulator(n);
    this.coordination = new SparseAccumulator(n);
    this.group = new SparseAccumulator(n);
    this.alt = new SparseAccumulator(n);
    this.term = new SparseAccumulator(n);
    this.altHits = new SparseAccumulator(n);
  }

  private termInto(t: PlanTerm, weight: number, acc: SparseAccumulator): void {
    const { offsets, docs, impacts, idf } = this.index;
    for (const v of t.variants) {
      const w = weight * v.weight * idf[v.term]!;
      const end = offsets[v.term + 1]!;
      for (let p = offsets[v.term]!; p < end; p++) acc.max(docs[p]!, w * impacts[p]!);
    }
  }

  /** Fills `total` and `coordination`; returns the number of groups that could match anything. */
  score(plan: QueryPlan): number {
    this.total.reset();
    this.coordination.reset();
    let active = 0;
    for (const g of plan.groups) {
      if (!g.alternatives.length) continue;
      active++;
      const group = this.group;
      group.reset();
      for (const a of g.alternatives) {
        if (a.terms.length === 1) {
          this.termInto(a.terms[0]!, a.weight, group);
          continue;
        }
        const alt = this.alt;
        alt.reset();
        this.altHits.reset();
        for (const t of a.terms) {
          this.term.reset();
          this.termInto(t, 1, this.term);
          for (let i = 0; i < this.term.count; i++) {
            const d = this.term.touched[i]!;
            alt.add(d, this.term.values[d]!);
            this.altHits.add(d, 1);
          }
        }
        const need = a.requireAll ? a.terms.length : 1;
        for (let i = 0; i < alt.count; i++) {
          const d = alt.touched[i]!;
          if (this.altHits.values[d]! >= need) group.max(d, a.weight * alt.values[d]!);
        }
      }
      for (let i = 0; i < group.count; i++) {
        const d = group.touched[i]!;
        this.total.add(d, g.weight * group.values[d]!);
        this.coordination.add(d, 1);
      }
    }
    return active;
  }

  /** The words of the plan that occur in a document (for the "why" line). */
  matchedTerms(plan: QueryPlan, doc: number): string[] {
    const out: string[] = [];
    for (const g of plan.groups) {
      for (const a of g.alternatives) {
        for (const t of a.terms) {
          for (const v of t.variants) {
            if (!out.includes(v.display) && this.index.contains(v.term, doc)) out.push(v.display);
          }
        }
      }
    }
    return out;
  }
}
