/**
 * Recommendations: "similar items" and "often viewed together (by you)" on the product page,
 * "because you liked …" on the home page. A Recommender holds only catalog-derived data (built
 * once per catalog); the shopper's profile is passed to each call.
 */
import { attributesOf, type Attributes } from './attributes';
import { boostOf, computeAffinities, cosine, decayFactor, hasSignal, itemFeatures, shopperVector } from './model';
import type { Lang, PersonalProfile, VectorLookup } from './types';
import type { Product } from '../types';

export interface ScoredItem {
  id: string;
  score: number;
}

export interface BecauseYouLiked {
  /** The liked product the row is built around. */
  anchorId: string;
  /** Heading for the row: "Because you liked Chaz Hoodie" / "因为你喜欢 Chaz Hoodie". */
  heading: string;
  items: ScoredItem[];
}

export interface RecommenderOptions {
  vectorOf?: VectorLookup;
}

const STOP = new Set(['and', 'the', 'for', 'with', 'of', 'a', 'an', 'in', 'on', '&']);

function titleTokens(p: Product): Set<string> {
  return new Set(
    p.title
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((t) => t.length > 1 && !STOP.has(t)),
  );
}

interface Entry {
  product: Product;
  attrs: Attributes;
  tokens: Set<string>;
  deptOf: string | undefined;
}

export class Recommender {
  private readonly entries: Entry[];
  private readonly byId = new Map<string, Entry>();
  private readonly vectorOf?: VectorLookup;

  constructor(products: readonly Product[], options: RecommenderOptions = {}) {
    this.vectorOf = options.vectorOf;
    this.entries = products.map((product) => {
      const attrs = attributesOf(product);
      return { product, attrs, tokens: titleTokens(product), deptOf: attrs.dept };
    });
    for (const e of this.entries) this.byId.set(e.product.id, e);
  }

  product = (id: string): Product | undefined => this.byId.get(id)?.product;

  /** Content similarity in [0, ~3]: category, title words, price, brand, colour, catalog vectors. */
  private similarity(a: Entry, b: Entry): number {
    let s = 0;
    if (a.attrs.category && a.attrs.category === b.attrs.category) s += 1;
    else if (a.deptOf && a.deptOf === b.deptOf) s += 0.3;
    let common = 0;
    for (const t of a.tokens) if (b.tokens.has(t)) common++;
    const union = a.tokens.size + b.tokens.size - common;
    if (union > 0) s += 0.8 * (common / union);
    if (a.product.price > 0 && b.product.price > 0) s += 0.3 * Math.exp(-Math.abs(Math.log(a.product.price / b.product.price)));
    if (a.attrs.brand && a.attrs.brand === b.attrs.brand) s += 0.2;
    if (a.attrs.color && a.attrs.color === b.attrs.color) s += 0.1;
    if (this.vectorOf) {
      const va = this.vectorOf(a.product.id);
      const vb = this.vectorOf(b.product.id);
      if (va && vb) s += cosine(va, vb);
    }
    return s;
  }

  /**
   * Items like `productId`, one per product group (colour variants of the item itself are left
   * out: the product page shows those as its own colours). Unknown id → [].
   */
  similar(productId: string, limit = 8): ScoredItem[] {
    const anchor = this.byId.get(productId);
    if (!anchor) return [];
    const bestPerGroup = new Map<string, ScoredItem>();
    const anchorGroup = anchor.product.group ?? anchor.product.id;
    for (const e of this.entries) {
      const group = e.product.group ?? e.product.id;
      if (e === anchor || group === anchorGroup) continue;
      const score = this.similarity(anchor, e);
      const prev = bestPerGroup.get(group);
      if (!prev || score > prev.score) bestPerGroup.set(group, { id: e.product.id, score });
    }
    return [...bestPerGroup.values()].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, limit);
  }

  /**
   * Products this shopper engaged with in the same sessions as `productId` (their own history
   * only), most often first; products gone from the catalog or thumbed down are skipped.
   */
  viewedTogether(profile: PersonalProfile, productId: string, limit = 8): ScoredItem[] {
    const row = profile.coviews[productId];
    if (!row) return [];
    return Object.keys(row)
      .filter((id) => this.byId.has(id) && !isDisliked(profile, id))
      .map((id) => ({ id, score: row[id] }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      .slice(0, limit);
  }

  /**
   * Home-page rows around the products the shopper liked most recently and most strongly.
   * Candidates are similar items re-scored with the personal boost; nothing already bought,
   * thumbed down or shown in an earlier row is repeated. Empty profile → [].
   */
  becauseYouLiked(profile: PersonalProfile, options: { rows?: number; perRow?: number; lang?: Lang } = {}): BecauseYouLiked[] {
    const rows = options.rows ?? 3;
    const perRow = options.perRow ?? 6;
    const lang = options.lang ?? 'en';
    if (!hasSignal(profile)) return [];
    const anchors = Object.keys(profile.products)
      .filter((id) => this.byId.has(id) && !isDisliked(profile, id))
      .map((id) => {
        const s = profile.products[id];
        const recency = Math.exp(-(profile.seq - s.lastPositiveSeq) / 200);
        return { id, weight: s.pos * decayFactor(s.t, profile.seq) * (0.5 + recency) };
      })
      .filter((a) => a.weight > 0)
      .sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : 1));
    const ctx = { profile, affinities: computeAffinities(profile), userVector: shopperVector(profile), vectorOf: this.vectorOf };
    const used = new Set<string>(anchors.map((a) => a.id));
    const usedGroups = new Set<string>();
    const out: BecauseYouLiked[] = [];
    for (const anchor of anchors) {
      if (out.length >= rows) break;
      const anchorEntry = this.byId.get(anchor.id)!;
      const group = anchorEntry.product.group ?? anchorEntry.product.id;
      if (usedGroups.has(group)) continue;
      usedGroups.add(group);
      const candidates = this.similar(anchor.id, perRow * 4)
        .filter((c) => !used.has(c.id) && !isDisliked(profile, c.id) && !(profile.products[c.id]?.purchases > 0))
        .map((c) => {
          const p = this.byId.get(c.id)!.product;
          // The boost is in log units (model.ts): it scales the similarity, as rerank scales a score.
          return { id: c.id, score: Math.max(0, c.score) * Math.exp(boostOf(itemFeatures(p, ctx), profile.weights).boost) };
        })
        .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
        .slice(0, perRow);
      if (!candidates.length) continue;
      for (const c of candidates) used.add(c.id);
      const title = anchorEntry.product.title;
      const zhTitle = anchorEntry.product.title_zh ?? title;
      out.push({
        anchorId: anchor.id,
        heading: lang === 'zh' ? `因为你喜欢 ${zhTitle}` : `Because you liked ${title}`,
        items: candidates,
      });
    }
    return out;
  }
}

function isDisliked(profile: PersonalProfile, id: string): boolean {
  const s = profile.products[id];
  return !!s && s.down > s.up;
}
