/**
 * Stable content hash of a catalog, used to tell whether the catalog stored on the device is the
 * one the server serves now (and whether stored vectors still belong to it). No crypto API: the
 * same code runs in workers, in Node and in tests, and collisions only cost a needless re-import.
 */
import type { Product } from '../types.js';

/** JSON with object keys sorted, so that key order in the source file does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    return '[' + value.map((item) => canonicalJson(item === undefined ? null : item)).join(',') + ']';
  }
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined) continue;
    parts.push(JSON.stringify(key) + ':' + canonicalJson(item));
  }
  return '{' + parts.join(',') + '}';
}

/** Incremental 64-bit hash built from two independent 32-bit hashes (FNV-1a and a multiply-xorshift). */
export class StableHasher {
  private a = 0x811c9dc5;
  private b = 0x9747b28c;

  update(text: string): this {
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 13;
    }
    this.a = a;
    this.b = b;
    return this;
  }

  digest(): string {
    const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
    return hex(this.a) + hex(this.b);
  }
}

/** Hash of one string, as 16 hex characters. */
export function stableHash(text: string): string {
  return new StableHasher().update(text).digest();
}

/**
 * Fingerprint of a catalog: product count plus a hash over every product's canonical JSON, in
 * catalog order (the order matters: stored vectors are matched to products by position).
 */
export function catalogFingerprint(products: readonly Product[]): string {
  const hasher = new StableHasher();
  for (const product of products) {
    hasher.update(canonicalJson(product)).update('\n');
  }
  return `${products.length}-${hasher.digest()}`;
}
