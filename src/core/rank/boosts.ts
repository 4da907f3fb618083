/**
 * Soft boosts from query understanding: does an item *be* what was asked (its title or category
 * names the product type), for the asked gender, in the asked colour. Type matches come from the
 * key postings (title + category), computed once per query for all matching items.
 */
import type { Bm25fIndex } from '../lexical/bm25f';
import type { SparseAccumulator } from '../lexical/accumulator';
import type { LexiconIndex } from '../text/lexiconIndex';

/**
 * Marks items whose key fields name one of the product types: 1 for a full form ("yoga pants"),
 * 0.5 when only the head noun matches a concept that has no one-word form ("pants" for
 * "yoga pants"), so a yoga-pants query still prefers pants over other items.
 */
export function markTypeMatches(index: Bm25fIndex, lexicon: LexiconIndex, typeConcepts: readonly number[], out: SparseAccumulator): void {
  out.reset();
  for (const c of typeConcepts) {
    const concept = lexicon.concepts[c]!;
    const hasSingle = concept.enTerms.some((f) => f.length === 1);
    const heads = new Set<string>();
    for (const form of concept.enTerms) {
      const ids = form.map((t) => index.termId(t));
      if (ids.every((id) => id >= 0)) {
        for (const d of index.keyDocs(ids[0]!)) {
          let all = true;
          for (let k = 1; k < ids.length && all; k++) all = index.containsInKey(ids[k]!, d);
          if (all) out.max(d, 1);
        }
      }
      if (!hasSingle && form.length > 1) heads.add(form[form.length - 1]!);
    }
    for (const zh of concept.zh) for (const d of index.keyDocs(index.termId(zh))) out.max(d, 1);
    for (const h of heads) for (const d of index.keyDocs(index.termId(h))) out.max(d, 0.5);
  }
}
