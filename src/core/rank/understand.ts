/**
 * Query understanding: which colours (shades mapped to their base colour), which gender or
 * department and which product types a query names, in English or Chinese. The result is shown
 * to the user and drives soft ranking boosts — never hard filters, so a wrong guess only
 * reorders results.
 */
import type { QueryUnderstanding } from '../types';
import type { LexiconIndex } from '../text/lexiconIndex';
import { detectLanguage } from '../text/tokenize';
import type { QueryPlan } from '../lexical/queryPlan';

export type GenderCode = 0 | 1 | 2 | 3;
export const GENDERS: ReadonlyArray<QueryUnderstanding['gender']> = [null, 'men', 'women', 'kids'];

/** Gender of a lexicon gender concept (by its canonical word). */
export function genderOfConcept(canonical: string): GenderCode {
  if (canonical === 'men') return 1;
  if (canonical === 'women') return 2;
  if (canonical === 'kids') return 3;
  return 0;
}

export interface Understanding {
  understood: QueryUnderstanding;
  /** Bit set of base colours (see ColorBits). */
  colorMask: number;
  gender: GenderCode;
  /** Department implied by the product type when none was said (yoga pants -> women), else 0. */
  impliedGender: GenderCode;
  /** Lexicon concept ids of the product types asked for. */
  typeConcepts: number[];
}

/** Assigns one bit to each base colour of the lexicon. */
export class ColorBits {
  private readonly bits = new Map<string, number>();
  constructor(lexicon: LexiconIndex) {
    for (const c of lexicon.concepts) {
      const base = c.entry.base;
      if (c.entry.kind === 'color' && base && !this.bits.has(base) && this.bits.size < 31) this.bits.set(base, 1 << this.bits.size);
    }
  }
  maskOf(bases: readonly string[]): number {
    let m = 0;
    for (const b of bases) m |= this.bits.get(b) ?? 0;
    return m;
  }
}

export function understandQuery(query: string, plan: QueryPlan, lexicon: LexiconIndex, colorBits: ColorBits): Understanding {
  const colors: string[] = [];
  const productTypes: string[] = [];
  const typeConcepts: number[] = [];
  let gender: GenderCode = 0;
  let impliedGender: GenderCode = 0;
  for (const g of plan.groups) {
    for (const id of g.concepts) {
      const entry = lexicon.concepts[id]!.entry;
      if (entry.kind === 'color' && entry.base && !colors.includes(entry.base)) colors.push(entry.base);
      else if (entry.kind === 'gender' && gender === 0) gender = genderOfConcept(entry.en[0]!);
      else if (entry.kind === 'type' && !typeConcepts.includes(id)) {
        typeConcepts.push(id);
        if (entry.gender && impliedGender === 0) impliedGender = genderOfConcept(entry.gender);
        if (!productTypes.includes(entry.en[0]!)) productTypes.push(entry.en[0]!);
      }
    }
  }
  return {
    understood: {
      language: query.trim() ? detectLanguage(query) : 'en',
      terms: plan.displayTerms,
      colors,
      gender: GENDERS[gender]!,
      productTypes,
    },
    colorMask: colorBits.maskOf(colors),
    gender,
    impliedGender: gender === 0 ? impliedGender : 0,
    typeConcepts,
  };
}
