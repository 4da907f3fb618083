/**
 * On-device personalization (issue 5). Plain TypeScript, no DOM/IndexedDB: a worker holds a
 * PersonalProfile (plain JSON, store it as is), feeds it events and re-ranks engine hits.
 *
 * API
 *   createProfile(): PersonalProfile                      cold start; rerank() is the identity
 *   recordEvent(profile, event, catalog, { vectorOf }?)   learn one event, mutates profile in place,
 *                                                         returns { stored, learned, reason? }
 *   setPaused(profile, paused) / eraseProfile()           pause learning+personal ranking / reset
 *   rerank(hits, catalog, profile, { explore, seed, query, lang, vectorOf }?) → SearchHit[]
 *       re-orders the engine's hits; empty or paused profile → same order, same objects.
 *       Moved hits get `why.personal` naming the preference that moved them.
 *   describeProfile(profile, lang) → { summary, likes, dislikes, … } for the privacy panel
 *   exportProfile(profile) → JSON string; importProfile(text, { catalog }?) → new profile or
 *       SouError('PERSONAL_IMPORT') (the current profile is never touched by a failed import)
 *   new Recommender(products, { vectorOf }?) → .similar(id), .viewedTogether(profile, id),
 *       .becauseYouLiked(profile, { lang })
 *   `catalog` is a ProductLookup: (id) => Product | undefined; ids no longer in the catalog are
 *   ignored. `vectorOf` (optional) gives a product's catalog vector for the shopper embedding.
 *
 * Events (PersonalEvent): query, impression {query, productIds in display order}, click
 * {productId, position, query}, dwell {productId, dwellMs}, cart, purchase, thumbsUp, thumbsDown.
 *
 * Model: attribute affinities (colour, department, category, price band, brand) as a smoothed
 * choice model with inverse-propensity-weighted clicks; an item's features (those affinities,
 * similarity to the shopper's vector, own history, recency) are combined by weights learned
 * online with a pairwise IPW loss; Thompson sampling on the affinities explores when
 * `explore` is set (deterministic under `seed`). See model.ts for the formulas. For ranking, the
 * affinities of colour, department, category and price are averaged with a joint estimate of
 * which values the shopper likes, fitted on the raw event log (latent.ts).
 */
export * from './types';
export { createProfile, eraseProfile, setPaused, recordEvent, LIMITS, type RecordOptions, type RecordResult } from './profile';
export { rerank, type RerankOptions } from './rerank';
export { describeProfile, type ProfileDescription, type LearnedPreference } from './describe';
export { exportProfile, importProfile, type ExportOptions, type ImportOptions } from './io';
export { Recommender, type BecauseYouLiked, type ScoredItem, type RecommenderOptions } from './recommend';
export { attributesOf, priceBand } from './attributes';

import type { Product } from '../types';
import type { ProductLookup } from './types';

/** A ProductLookup over a product list. */
export function lookupOf(products: readonly Product[]): ProductLookup {
  const byId = new Map(products.map((p) => [p.id, p] as const));
  return (id) => byId.get(id);
}
