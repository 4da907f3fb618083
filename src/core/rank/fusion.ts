/**
 * Score fusion of lexical (BM25F) and semantic (cosine) evidence plus understanding boosts.
 *
 * Both scores are normalised per query before mixing: BM25F by the best lexical score of the
 * query (so 1 = the best text match, whatever the query length), cosine by min-max between the
 * similarity floor and the best cosine. Semantic-only items must clear the floor, so a query
 * the encoder cannot place does not return garbage.
 *
 * The weights below were TUNED on luma dev (60 queries, nDCG@10 of hybrid mode, instant
 * encoder) with `npm run eval -- --mode hybrid --tune`: coordinate ascent over a small grid per
 * weight, three rounds, starting from lexical 1, semantic 0.5, floor 0.35, boosts 0.3. It found
 * lexical 0.75, semantic 0.35, floor 0.5, coordination 0.5, type 0.8, gender 0.8, colour 0.3
 * (hybrid nDCG@10 0.951, up from 0.896 untuned). The floor is set to 0.45 instead of 0.5: it
 * costs < 0.01 nDCG on dev and keeps more related items (recall@100), which a held-out query
 * set rewards. Type and gender are larger than colour because a shopper who asks for a
 * "women's white jacket" would rather see women's jackets in other colours than white trousers.
 *
 * Re-tuned after the embedded product text dropped the description (semantic-only nDCG@10 rose
 * from 0.495 to 0.751): the same search found lexical 0.5 with the other weights unchanged, at
 * hybrid 0.956 vs 0.955 for the weights below — within noise, so the weights were kept.
 */
export interface FusionWeights {
  lexical: number;
  semantic: number;
  /** Cosine below which a semantic-only item is not returned, and where semantic credit starts. */
  semanticFloor: number;
  /** Bonus for matching every group of the query (fraction of groups matched). */
  coordination: number;
  /** Bonus when the item is of the asked product type (title/category). */
  type: number;
  /** Bonus when the item is for the asked gender. */
  gender: number;
  /** Bonus when the item's colour is the asked colour (or a shade of it). */
  color: number;
}

export const DEFAULT_FUSION: FusionWeights = {
  lexical: 0.75,
  semantic: 0.35,
  semanticFloor: 0.45,
  coordination: 0.5,
  type: 0.8,
  gender: 0.8,
  color: 0.3,
};

export interface FusionInput {
  lexical: number;
  maxLexical: number;
  /** Groups matched / groups asked, 0..1. */
  coordination: number;
  cosine: number;
  maxCosine: number;
  hasCosine: boolean;
  type: number;
  gender: number;
  color: number;
}

export function normalizedSemantic(cosine: number, maxCosine: number, floor: number): number {
  if (cosine <= floor) return 0;
  const span = Math.max(1e-6, maxCosine - floor);
  return Math.min(1, (cosine - floor) / span);
}

export function fuseScore(x: FusionInput, w: FusionWeights): number {
  const lex = x.maxLexical > 0 ? x.lexical / x.maxLexical : 0;
  const sem = x.hasCosine ? normalizedSemantic(x.cosine, x.maxCosine, w.semanticFloor) : 0;
  return w.lexical * lex + w.semantic * sem + w.coordination * x.coordination + w.type * x.type + w.gender * x.gender + w.color * x.color;
}

/**
 * Weight of the image signal (CLIP text tower: typed query vs product picture), when the caller
 * supplies one. Kept apart from FusionWeights (which `npm run eval -- --tune` searches over text
 * evidence only) and modest: below type and gender, about the colour boost, so a picture that
 * looks like the query reorders close text matches but cannot outrank a clearly better text match.
 * Not tuned on dev (the eval has no CLIP run); chosen by that reasoning.
 */
export const IMAGE_FUSION_WEIGHT = 0.25;

/**
 * Image scores of one query normalised to 0..1 by min-max over the scored items (1 = the product
 * picture most like the query). Items without a score get 0. Returns null when the scores cannot
 * tell items apart (empty, or all equal), so the ranking stays exactly the text ranking.
 */
export function normalizeImageScores(scores: Readonly<Record<string, number>>): Map<string, number> | null {
  let min = Infinity;
  let max = -Infinity;
  for (const id in scores) {
    const s = scores[id]!;
    if (!Number.isFinite(s)) continue;
    if (s < min) min = s;
    if (s > max) max = s;
  }
  if (!(max > min)) return null;
  const out = new Map<string, number>();
  for (const id in scores) {
    const s = scores[id]!;
    if (Number.isFinite(s)) out.set(id, (s - min) / (max - min));
  }
  return out;
}

/** Reciprocal-rank fusion, offered for callers that only have ranks (k = 60 as usual). */
export function reciprocalRankFusion(ranks: ReadonlyArray<number | undefined>, k = 60): number {
  let s = 0;
  for (const r of ranks) if (r !== undefined) s += 1 / (k + r + 1);
  return s;
}
