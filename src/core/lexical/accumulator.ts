/**
 * A sparse score accumulator over document indexes, reused across queries: a dense Float32Array
 * of values, a generation stamp per slot (so clearing is O(1)) and the list of touched slots.
 * Searching never allocates arrays proportional to the catalog size per query.
 */
export class SparseAccumulator {
  readonly values: Float32Array;
  private readonly stamps: Uint32Array;
  readonly touched: Int32Array;
  count = 0;
  private generation = 1;

  constructor(size: number) {
    this.values = new Float32Array(size);
    this.stamps = new Uint32Array(size);
    this.touched = new Int32Array(size);
  }

  reset(): void {
    this.count = 0;
    this.generation++;
    if (this.generation === 0xffffffff) {
      this.stamps.fill(0);
      this.generation = 1;
    }
  }

  has(doc: number): boolean {
    return this.stamps[doc] === this.generation;
  }

  get(doc: number): number {
    return this.stamps[doc] === this.generation ? this.values[doc]! : 0;
  }

  add(doc: number, value: number): void {
    if (this.stamps[doc] !== this.generation) {
      this.stamps[doc] = this.generation;
      this.values[doc] = value;
      this.touched[this.count++] = doc;
    } else {
      this.values[doc] += value;
    }
  }

  max(doc: number, value: number): void {
    if (this.stamps[doc] !== this.generation) {
      this.stamps[doc] = this.generation;
      this.values[doc] = value;
      this.touched[this.count++] = doc;
    } else if (value > this.values[doc]!) {
      this.values[doc] = value;
    }
  }
}
