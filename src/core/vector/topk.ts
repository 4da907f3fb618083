/** Row/score pairs, best first. */
export interface VectorHits {
  /** Row indexes, best first. */
  rows: Int32Array;
  scores: Float32Array;
}

/** Fixed-capacity min-heap of (score,row): keeps the k largest scores seen. */
export class TopK {
  readonly rows: Int32Array;
  readonly scores: Float32Array;
  size = 0;
  constructor(readonly k: number) {
    this.rows = new Int32Array(k);
    this.scores = new Float32Array(k);
  }
  offer(row: number, score: number): void {
    if (this.k === 0) return;
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (this.scores[p]! <= score) break;
        this.scores[i] = this.scores[p]!;
        this.rows[i] = this.rows[p]!;
        i = p;
      }
      this.scores[i] = score;
      this.rows[i] = row;
      return;
    }
    if (score <= this.scores[0]!) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.size) break;
      const r = l + 1;
      const c = r < this.size && this.scores[r]! < this.scores[l]! ? r : l;
      if (this.scores[c]! >= score) break;
      this.scores[i] = this.scores[c]!;
      this.rows[i] = this.rows[c]!;
      i = c;
    }
    this.scores[i] = score;
    this.rows[i] = row;
  }
  /** Sorted best first. */
  result(): VectorHits {
    const order = Array.from({ length: this.size }, (_, i) => i).sort((a, b) => this.scores[b]! - this.scores[a]! || this.rows[a]! - this.rows[b]!);
    return { rows: Int32Array.from(order, (i) => this.rows[i]!), scores: Float32Array.from(order, (i) => this.scores[i]!) };
  }
}

