/**
 * Minimal JSON Lines reader for luma-format catalogs, for eval and benchmarks in Node. The app's
 * import path uses the full validating parser in src/core/catalog; this one only maps the fields
 * the search core reads and fails loudly on a broken line.
 */
import type { Product, Review } from '../types';

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function parseCatalogJsonl(text: string): Product[] {
  const out: Product[] = [];
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(line) as Record<string, unknown>;
    } catch (err) {
      throw new Error(`catalog line ${i + 1}: not valid JSON (${(err as Error).message})`);
    }
    const id = o.id === undefined || o.id === null ? '' : String(o.id);
    const title = str(o.title);
    if (!id || !title) throw new Error(`catalog line ${i + 1}: "id" and "title" are required`);
    const p: Product = {
      id,
      title,
      description: str(o.description) ?? '',
      category: str(o.category) ?? '',
      color: str(o.color) ?? null,
      price: typeof o.price === 'number' ? o.price : Number(o.price ?? 0) || 0,
      currency: str(o.currency) ?? 'USD',
      image: str(o.image) ?? '',
    };
    if (str(o.group)) p.group = str(o.group);
    if (str(o.brand)) p.brand = str(o.brand);
    if (str(o.material)) p.material = str(o.material);
    if (str(o.title_zh)) p.title_zh = str(o.title_zh);
    if (str(o.description_zh)) p.description_zh = str(o.description_zh);
    if (typeof o.rating === 'number') p.rating = o.rating;
    if (Array.isArray(o.sizes)) p.sizes = o.sizes.map(String);
    if (Array.isArray(o.reviews)) {
      p.reviews = (o.reviews as unknown[])
        .filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null)
        .map((r) => ({ rating: Number(r.rating) || 0, text: str(r.text) ?? '' }) as Review);
    }
    out.push(p);
  });
  return out;
}
