/**
 * The one function that decides which text of a product is embedded, used by the embedding
 * worker and by Node eval alike (so offline vectors and eval vectors agree).
 *
 * What the item *is* comes first and is repeated least diluted: title, category path as words,
 * colour, brand, material, Chinese title. The description is left out (DESCRIPTION_CHARS = 0):
 * encoders that average over tokens let a description drown the product type and colour — on
 * luma dev, semantic-only nDCG@10 was 0.495 with 160 description characters and 0.751 without
 * (instant encoder, `npm run eval -- --mode semantic`). Raise it for a contextual encoder only
 * after measuring.
 */
import type { Product } from '../types';

const DESCRIPTION_CHARS = 0;

export function productEmbeddingText(p: Product): string {
  const parts = [p.title];
  const path = p.category.split('/').map((s) => s.trim()).filter(Boolean);
  if (path.length) parts.push(path.join(' '));
  if (p.color) parts.push(p.color);
  if (p.brand) parts.push(p.brand);
  if (p.material) parts.push(p.material);
  if (p.title_zh) parts.push(p.title_zh);
  const desc = (p.description ?? '').replace(/\s+/g, ' ').trim();
  if (desc && DESCRIPTION_CHARS > 0) {
    const cut = desc.length > DESCRIPTION_CHARS ? desc.slice(0, desc.lastIndexOf(' ', DESCRIPTION_CHARS) > 0 ? desc.lastIndexOf(' ', DESCRIPTION_CHARS) : DESCRIPTION_CHARS) : desc;
    parts.push(cut);
  }
  return parts.join('. ');
}
