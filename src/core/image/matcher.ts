/**
 * Ranks catalog images against a shopper's photo, explains what the photo was seen as
 * ("black · hoodie-like"), and re-ranks with typed text ("this, but in red").
 *
 * Fusion: each similarity part is z-scored over the catalog for this query (parts live on
 * different scales: Bhattacharyya ≈0.9 for any two garments, CNN cosines ≈0.6), then summed with
 * fixed weights. CNN parts compare catalog-whitened features (whitening.ts), best view pair
 * (cnn.ts CNN_VIEWS). Then each item also gets its product's (group's) best score: a back or side
 * view identifies the product more surely than the colour variant, and the variants of the right
 * product belong together near the top. Weights were chosen on the Luma dev photos, not per query.
 */
import { CNN_SEGMENTS, cnnViewCount, QUERY_VIEWS } from './cnn';
import { COLOR_NAMES, type ColorName } from './color';
import { colorOfCatalogValue, findColorWords } from './colorWords';
import { compareDescriptors, dominantColors, type ImageDescriptor, type PhotoQuality, type SimilarityParts } from './descriptor';
import { bestViewCosines, fitCnnWhitening, whitenMany, whitenViews, type CnnWhitening } from './whitening';

export interface PhotoEntry {
  id: string;
  /** Parent product: colour variants share it ("more like this" and colour refinement use it). */
  group?: string;
  /** Catalog colour value ("Navy"). */
  color?: string | null;
  /** Category path ("Men/Tops/Hoodies & Sweatshirts"). */
  category?: string;
  /** Title (+ anything else) searched by the refinement words. */
  text?: string;
  descriptor: ImageDescriptor;
}

export interface PhotoWeights {
  color: number;
  names: number;
  hog: number;
  texture: number;
  /** Per CNN segment (block6, block10, block13). */
  cnn: [number, number, number];
  /**
   * Share of the product's best score each variant gets: score = (own + group·best)/(1 + group),
   * so the reported score stays on the scale of one item's fused score.
   */
  group: number;
}

/**
 * With CNN features. Luma dev photos (scripts/eval-image.ts): nDCG@10 0.706, hit@10 0.853.
 * Leaving one thing out (same photos): no product-level score 0.64/0.82, no whitening
 * 0.64/0.76, catalog full view only 0.67/0.78. Grid over cnn ∈ {0.25…0.75} per segment,
 * names ∈ {0, 0.25, 0.5}, group ∈ {0…5}; tuned on the even-numbered photos alone, the best grid
 * point scores 0.67/0.86 on the odd ones.
 */
export const PHOTO_WEIGHTS: PhotoWeights = { color: 1, names: 0.25, hog: 0, texture: 0, cnn: [0.35, 0.35, 0.35], group: 3 };
/** Colour + shape only, when the photo model is missing (dev: nDCG@10 0.525, hit@10 0.690). */
export const PHOTO_WEIGHTS_NO_CNN: PhotoWeights = { color: 1, names: 0.5, hog: 0.3, texture: 0.3, cnn: [0, 0, 0], group: 0 };

export interface PhotoRefinement {
  /** Free text typed next to the photo: colour words switch colour, other words must match. */
  text: string;
}

export interface PhotoHit {
  id: string;
  score: number;
}

export interface PhotoSummary {
  colors: ColorName[];
  /** Singular product type guessed from the closest matches' categories ("hoodie"), or null. */
  type: string | null;
  /** Short line for the shopper: "black · hoodie-like". */
  label: string;
}

export interface PhotoMatch {
  hits: PhotoHit[];
  summary: PhotoSummary;
  quality: PhotoQuality;
  /** Colours the refinement text asked for, if any. */
  refinedColors: ColorName[];
  usedCnn: boolean;
}

export interface RankOptions {
  limit?: number;
  refine?: PhotoRefinement;
  /** Leave this id out ("more like this" on a product page). */
  excludeId?: string;
  weights?: PhotoWeights;
}

type PartKey = 'color' | 'names' | 'hog' | 'texture' | 'cnn0' | 'cnn1' | 'cnn2';
const COLOR_PARTS: PartKey[] = ['color', 'names'];

function partValues(p: SimilarityParts): Record<PartKey, number> {
  return {
    color: p.color,
    names: p.names,
    hog: p.hog,
    texture: p.texture,
    cnn0: p.cnn?.[0] ?? 0,
    cnn1: p.cnn?.[1] ?? 0,
    cnn2: p.cnn?.[2] ?? 0,
  };
}

function weightOf(w: PhotoWeights, k: PartKey): number {
  if (k === 'cnn0') return w.cnn[0];
  if (k === 'cnn1') return w.cnn[1];
  if (k === 'cnn2') return w.cnn[2];
  return w[k];
}

function zscore(values: Float64Array): Float64Array {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n || 1;
  let v = 0;
  for (let i = 0; i < n; i++) v += (values[i] - mean) ** 2;
  const sd = Math.sqrt(v / (n || 1));
  const out = new Float64Array(n);
  if (sd < 1e-9) return out;
  for (let i = 0; i < n; i++) out[i] = (values[i] - mean) / sd;
  return out;
}

/** The catalog's CNN whitening and whitened vectors, kept while the same descriptors are ranked. */
interface PreparedCatalog {
  descriptors: ImageDescriptor[];
  whitening: CnnWhitening;
  whitened: Float32Array[];
}
let prepared: PreparedCatalog | null = null;

function prepareCatalog(entries: PhotoEntry[]): PreparedCatalog {
  const same =
    prepared !== null &&
    prepared.descriptors.length === entries.length &&
    entries.every((e, i) => e.descriptor === prepared!.descriptors[i]);
  if (same) return prepared!;
  const vectors = entries.map((e) => e.descriptor.cnn!);
  const whitening = fitCnnWhitening(vectors);
  prepared = { descriptors: entries.map((e) => e.descriptor), whitening, whitened: whitenMany(whitening, vectors) };
  return prepared;
}

/**
 * Fits the catalog's CNN whitening ahead of the first photo search (about a second for 500 items
 * in Node), so that search does not pay for it. No-op without CNN features on every entry.
 */
export function preparePhotoCatalog(entries: PhotoEntry[]): void {
  if (entries.length > 0 && entries.every((e) => cnnViewCount(e.descriptor.cnn) > 0)) prepareCatalog(entries);
}

export function rankByPhoto(query: ImageDescriptor, entries: PhotoEntry[], opts: RankOptions = {}): PhotoMatch {
  const limit = opts.limit ?? 24;
  const usedCnn = cnnViewCount(query.cnn) > 0 && entries.length > 0 && entries.every((e) => cnnViewCount(e.descriptor.cnn) > 0);
  const weights = opts.weights ?? (usedCnn ? PHOTO_WEIGHTS : PHOTO_WEIGHTS_NO_CNN);
  const keys: PartKey[] = (['color', 'names', 'hog', 'texture', 'cnn0', 'cnn1', 'cnn2'] as PartKey[]).filter(
    (k) => weightOf(weights, k) !== 0 && (usedCnn || !k.startsWith('cnn')),
  );
  const n = entries.length;
  const raw: Record<string, Float64Array> = Object.fromEntries(keys.map((k) => [k, new Float64Array(n)]));
  const catalogCnn = usedCnn ? prepareCatalog(entries) : null;
  const queryCnn = catalogCnn ? whitenViews(catalogCnn.whitening, query.cnn!, QUERY_VIEWS) : null;
  const cnnSims = new Float64Array(CNN_SEGMENTS.length);
  entries.forEach((e, i) => {
    const v = partValues(compareDescriptors(query, e.descriptor));
    if (catalogCnn && queryCnn) {
      bestViewCosines(queryCnn, catalogCnn.whitened[i], cnnSims);
      v.cnn0 = cnnSims[0];
      v.cnn1 = cnnSims[1];
      v.cnn2 = cnnSims[2];
    }
    for (const k of keys) raw[k][i] = v[k];
  });
  const z = Object.fromEntries(keys.map((k) => [k, zscore(raw[k])])) as Record<PartKey, Float64Array>;

  const refinedColors = opts.refine ? [...new Set(findColorWords(opts.refine.text).map((m) => m.color))] : [];
  const words = opts.refine ? refinementWords(opts.refine.text) : [];
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (const k of keys) {
      // A requested colour replaces the photo's colour: keep only what the item looks like.
      if (refinedColors.length && COLOR_PARTS.includes(k)) continue;
      s += weightOf(weights, k) * z[k][i];
    }
    score[i] = s;
  }
  if (!refinedColors.length && weights.group > 0) {
    const best = groupBest(entries, score);
    entries.forEach((e, i) => {
      score[i] = (score[i] + weights.group * best.get(e.group ?? e.id)!) / (1 + weights.group);
    });
  }
  if (refinedColors.length) {
    // Product identity travels to colour siblings: each item gets its group's best look-alike score.
    const best = groupBest(entries, score);
    entries.forEach((e, i) => {
      score[i] = best.get(e.group ?? e.id)! + 3 * colorAgreement(e, refinedColors);
    });
  }
  if (words.length) {
    entries.forEach((e, i) => {
      const hay = `${e.text ?? ''} ${e.category ?? ''}`.toLowerCase();
      const matched = words.filter((w) => hay.includes(w)).length;
      score[i] += (2 * matched) / words.length;
    });
  }

  const order = [...score.keys()].filter((i) => entries[i].id !== opts.excludeId).sort((a, b) => score[b] - score[a]);
  const hits = order.slice(0, limit).map((i) => ({ id: entries[i].id, score: score[i] }));
  const byId = new Map(entries.map((e) => [e.id, e]));
  return {
    hits,
    summary: summarise(query, hits.slice(0, 5).map((h) => byId.get(h.id)!)),
    quality: query.quality,
    refinedColors,
    usedCnn,
  };
}

/** Each product's (group's) best score; an item without a group is its own product. */
function groupBest(entries: PhotoEntry[], score: Float64Array): Map<string, number> {
  const best = new Map<string, number>();
  entries.forEach((e, i) => {
    const g = e.group ?? e.id;
    best.set(g, Math.max(best.get(g) ?? -Infinity, score[i]));
  });
  return best;
}

/** 1 when the item's catalog colour (or, lacking one, its image) is one of the wanted colours. */
function colorAgreement(e: PhotoEntry, wanted: ColorName[]): number {
  const declared = colorOfCatalogValue(e.color);
  if (declared) return wanted.includes(declared) ? 1 : 0;
  let m = 0;
  for (const c of wanted) m = Math.max(m, e.descriptor.colorNames[COLOR_NAMES.indexOf(c)]);
  return Math.min(1, m * 2);
}

const STOP = new Set(['this', 'but', 'in', 'the', 'a', 'an', 'same', 'one', 'like', 'with', 'and', 'or', 'for', 'it', 'please', 'want', 'some', 'of']);

/** Non-colour words of the refinement text, singular-ish and lower-case, that an item must mention. */
function refinementWords(text: string): string[] {
  const colorWords = new Set(findColorWords(text).map((m) => m.word));
  return (text.toLowerCase().match(/[a-z]{3,}/g) ?? [])
    .filter((w) => !STOP.has(w) && !colorWords.has(w))
    .map((w) => (w.length > 4 && w.endsWith('s') ? w.slice(0, -1) : w));
}

/** "Men/Tops/Hoodies & Sweatshirts" → "hoodie"; "Women/Bottoms/Pants" → "pants". */
export function productTypeOfCategory(category: string): string {
  const leaf = category.split('/').pop()!.split('&')[0].trim().toLowerCase();
  if (/(pants|shorts|leggings|tights|jeans|trousers|glasses)$/.test(leaf)) return leaf;
  if (/(hood|beani|cook|goal)ies$/.test(leaf)) return leaf.slice(0, -1);
  if (leaf.endsWith('ies')) return `${leaf.slice(0, -3)}y`;
  if (leaf.endsWith('s') && !leaf.endsWith('ss')) return leaf.slice(0, -1);
  return leaf;
}

export function summarise(query: ImageDescriptor, top: PhotoEntry[]): PhotoSummary {
  const colors = dominantColors(query).slice(0, 2);
  const votes = new Map<string, number>();
  top.forEach((e, rank) => {
    if (!e?.category) return;
    const t = productTypeOfCategory(e.category);
    votes.set(t, (votes.get(t) ?? 0) + 1 / (rank + 1));
  });
  let type: string | null = null;
  let best = 0;
  for (const [t, v] of votes) {
    if (v > best) {
      best = v;
      type = t;
    }
  }
  const parts = [colors.join(' & ') || null, type ? `${type}-like` : null].filter(Boolean);
  return { colors, type, label: parts.join(' · ') };
}
