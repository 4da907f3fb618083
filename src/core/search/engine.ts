/**
 * SearchEngine: the one object the search worker and the Node scripts use.
 *
 *   const engine = SearchEngine.build(products);
 *   engine.setVectors(encoder.id, quantizeVectors(await encoder.embed(texts)));
 *   engine.search({ query: 'navy hoodie', queryVector, filters: { priceMax: 50 } });
 *
 * Retrieval: BM25F over weighted fields with synonyms/translations/prefix/typo expansion
 * (lexical/), brute-force int8 vector search (vector/), fused with query-understanding boosts
 * (rank/). All per-query work runs over typed arrays allocated once at build time.
 */
import { Bm25fIndex, type FieldSpec } from '../lexical/bm25f';
import { SparseAccumulator } from '../lexical/accumulator';
import { buildQueryPlan, type QueryPlan } from '../lexical/queryPlan';
import { LexicalScorer } from '../lexical/scorer';
import { markTypeMatches } from '../rank/boosts';
import { FacetCounter, FacetTable, FAIL_BRAND, FAIL_CATEGORY, FAIL_COLOR, FAIL_PRICE } from '../rank/facets';
import { DEFAULT_FUSION, fuseScore, IMAGE_FUSION_WEIGHT, normalizeImageScores, normalizedSemantic, type FusionWeights } from '../rank/fusion';
import { ColorBits, genderOfConcept, understandQuery, type GenderCode, type Understanding } from '../rank/understand';
import { defaultLexiconIndex, type LexiconIndex } from '../text/lexiconIndex';
import type { Filters, Product, SearchHit, SearchRequest, SearchResponse } from '../types';
import { SouError } from '../types';
import type { QuantizedVectors } from '../vector/quantize';
import { scoreAllQuantized } from '../vector/search';
import { TopK } from '../vector/topk';

export interface SearchEngineOptions {
  /** Fusion weights; defaults are the values tuned on luma dev. */
  fusion?: Partial<FusionWeights>;
  /** Weight of `SearchRequest.imageScores` in the fused score (default IMAGE_FUSION_WEIGHT). */
  imageWeight?: number;
  /** Lexicon index for translation/synonyms (defaults to the built-in shopping lexicon). */
  lexicon?: LexiconIndex;
  /** How many semantic neighbours join the candidates in hybrid/semantic mode (at least). */
  semanticCandidates?: number;
  /**
   * Build the inverted index on the first text query (or `ensureIndexed()`) instead of now.
   * Browsing (an empty query with filters and facets) does not need it, so an app can show a
   * fresh catalog's first results before paying for tokenizing every field of every item.
   */
  deferIndex?: boolean;
}

/**
 * BM25F fields. Weights tuned on luma dev (lexical nDCG@10); the title and category say what an
 * item is, colour is a short exact field, descriptions and reviews mention many other things.
 */
export const SEARCH_FIELDS: readonly (FieldSpec & { get: (p: Product) => string })[] = [
  { name: 'title', weight: 3, b: 0.5, key: true, get: (p) => p.title },
  { name: 'category', weight: 2.5, b: 0.3, key: true, get: (p) => p.category.replace(/\//g, ' ') },
  { name: 'color', weight: 2, b: 0, get: (p) => p.color ?? '' },
  { name: 'brand', weight: 1.5, b: 0, get: (p) => p.brand ?? '' },
  { name: 'material', weight: 1, b: 0.3, get: (p) => p.material ?? '' },
  { name: 'description', weight: 0.4, b: 0.75, get: (p) => p.description ?? '' },
  { name: 'title_zh', weight: 3, b: 0.5, key: true, get: (p) => p.title_zh ?? '' },
  { name: 'description_zh', weight: 0.4, b: 0.75, get: (p) => p.description_zh ?? '' },
  { name: 'reviews', weight: 0.15, b: 0.75, get: (p) => (p.reviews ?? []).map((r) => r.text).join(' ') },
];

const DEFAULT_LIMIT = 20;

export class SearchEngine {
  readonly fusion: FusionWeights;
  readonly imageWeight: number;
  private readonly products: readonly Product[];
  private readonly byId = new Map<string, number>();
  private readonly lexicon: LexiconIndex;
  private lexicalIndex: { index: Bm25fIndex; scorer: LexicalScorer } | null = null;
  private readonly typeMatch: SparseAccumulator;
  private readonly candidates: SparseAccumulator;
  private readonly colorBits: ColorBits;
  private readonly itemColors: Uint32Array;
  private readonly itemGender: Uint8Array;
  private readonly facetTable: FacetTable;
  private readonly facets: FacetCounter;
  private readonly cosines: Float32Array;
  private readonly allowed: Uint8Array;
  private readonly semanticK: number;
  private vectors: QuantizedVectors | null = null;
  private vectorEncoder: string | null = null;

  private constructor(products: readonly Product[], options: SearchEngineOptions) {
    this.products = products;
    products.forEach((p, i) => this.byId.set(p.id, i));
    this.fusion = { ...DEFAULT_FUSION, ...options.fusion };
    this.imageWeight = options.imageWeight ?? IMAGE_FUSION_WEIGHT;
    this.lexicon = options.lexicon ?? defaultLexiconIndex();
    this.semanticK = options.semanticCandidates ?? 200;
    const lex = this.lexicon;
    if (!options.deferIndex) this.ensureIndexed();
    const n = products.length;
    this.typeMatch = new SparseAccumulator(n);
    this.candidates = new SparseAccumulator(n);
    this.colorBits = new ColorBits(lex);
    this.itemColors = new Uint32Array(n);
    this.itemGender = new Uint8Array(n);
    const colorCache = new Map<string, number>();
    const genderCache = new Map<string, GenderCode>();
    products.forEach((p, i) => {
      const colorText = p.color ?? '';
      let mask = colorCache.get(colorText);
      if (mask === undefined) {
        mask = this.colorBits.maskOf(lex.baseColors(colorText));
        colorCache.set(colorText, mask);
      }
      this.itemColors[i] = mask;
      let g = genderCache.get(p.category);
      if (g === undefined) {
        g = this.genderOfText(p.category);
        genderCache.set(p.category, g);
      }
      this.itemGender[i] = g || this.genderOfText(p.title);
    });
    this.facetTable = new FacetTable(products);
    this.facets = new FacetCounter(this.facetTable);
    this.cosines = new Float32Array(n);
    this.allowed = new Uint8Array(n);
  }

  /** True once the inverted (BM25F) index exists. */
  get indexed(): boolean {
    return this.lexicalIndex !== null;
  }

  /** Builds the inverted index if it is not built yet (see `deferIndex`). */
  ensureIndexed(): void {
    if (this.lexicalIndex) return;
    const products = this.products;
    const lex = this.lexicon;
    const index = Bm25fIndex.build(
      products.length,
      SEARCH_FIELDS,
      (d, f) => SEARCH_FIELDS[f]!.get(products[d]!),
      (text) => lex.tokenize(text),
    );
    this.lexicalIndex = { index, scorer: new LexicalScorer(index) };
  }

  private get index(): Bm25fIndex {
    this.ensureIndexed();
    return this.lexicalIndex!.index;
  }

  private get scorer(): LexicalScorer {
    this.ensureIndexed();
    return this.lexicalIndex!.scorer;
  }

  /** Indexes a catalog. Throws CATALOG_EMPTY for an empty list. */
  static build(products: readonly Product[], options: SearchEngineOptions = {}): SearchEngine {
    if (!products.length) throw new SouError('CATALOG_EMPTY', 'The catalog has no products; import a catalog file with at least one item.');
    return new SearchEngine(products, options);
  }

  get size(): number {
    return this.products.length;
  }

  /** The encoder whose vectors are loaded, or null. */
  get encoderId(): string | null {
    return this.vectorEncoder;
  }

  product(id: string): Product | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.products[i];
  }

  /** Product order of the engine (row i of vectors belongs to products()[i]). */
  productAt(index: number): Product | undefined {
    return this.products[index];
  }

  /** Attaches item vectors (row i = product i). Query vectors must come from the same encoder. */
  setVectors(encoderId: string, vectors: QuantizedVectors): void {
    if (vectors.count !== this.products.length) {
      throw new SouError('MODEL_LOAD', `Vectors for ${vectors.count} items were given for a catalog of ${this.products.length}; re-run the embedding step for this catalog.`, { encoderId });
    }
    if (vectors.data.length !== vectors.count * vectors.dims || vectors.scales.length !== vectors.count) {
      throw new SouError('MODEL_LOAD', 'The stored vectors are damaged (sizes do not agree); re-run the embedding step.', { encoderId });
    }
    this.vectors = vectors;
    this.vectorEncoder = encoderId;
  }

  private genderOfText(text: string): GenderCode {
    let found: GenderCode = 0;
    for (const m of this.lexicon.matchConcepts(this.lexicon.tokenize(text))) {
      for (const id of m.concepts) {
        const entry = this.lexicon.concepts[id]!.entry;
        if (entry.kind !== 'gender') continue;
        const g = genderOfConcept(entry.en[0]!);
        if (g === 0) continue;
        if (found !== 0 && found !== g) return 0; // names two genders: unisex
        found = g;
      }
    }
    return found;
  }

  /** Understanding of a query without searching (for display while typing). */
  understand(query: string): Understanding {
    const plan = buildQueryPlan(this.index, this.lexicon, query);
    return understandQuery(query, plan, this.lexicon, this.colorBits);
  }

  search(req: SearchRequest): SearchResponse {
    const t0 = performance.now();
    const query = (req.query ?? '').trim();
    const limit = Math.max(0, req.limit ?? DEFAULT_LIMIT);
    const offset = Math.max(0, req.offset ?? 0);
    const w = this.fusion;
    const plan: QueryPlan = query ? buildQueryPlan(this.index, this.lexicon, query) : { tokens: [], groups: [], displayTerms: [] };
    const u = understandQuery(query, plan, this.lexicon, this.colorBits);
    const filter = this.compileFilters(req.filters);

    const vectorUsable = !!(req.queryVector && this.vectors && req.queryVector.length === this.vectors.dims);
    let mode = req.mode ?? (vectorUsable ? 'hybrid' : 'lexical');
    if (mode !== 'lexical' && !vectorUsable) mode = 'lexical';
    const browse = !query && mode === 'lexical';
    const useLexical = mode !== 'semantic' && !!query;
    const useSemantic = mode !== 'lexical';

    // Candidates: lexical matches, semantic neighbours above the floor, or everything (browse).
    const cand = this.candidates;
    cand.reset();
    let activeGroups = 0;
    let maxLexical = 0;
    if (useLexical) {
      activeGroups = this.scorer.score(plan);
      const total = this.scorer.total;
      for (let i = 0; i < total.count; i++) {
        const d = total.touched[i]!;
        cand.add(d, 0);
        if (total.values[d]! > maxLexical) maxLexical = total.values[d]!;
      }
    }
    let maxCosine = 0;
    if (useSemantic) {
      const allowed = filter.active ? this.fillAllowed(filter) : null;
      scoreAllQuantized(this.vectors!, req.queryVector!, this.cosines, allowed);
      const k = Math.max(this.semanticK, offset + limit);
      const top = new TopK(Math.min(k, this.products.length));
      const floor = w.semanticFloor;
      for (let d = 0; d < this.cosines.length; d++) {
        const c = this.cosines[d]!;
        if (c > floor) top.offer(d, c);
      }
      for (let i = 0; i < top.size; i++) {
        cand.add(top.rows[i]!, 0);
        if (top.scores[i]! > maxCosine) maxCosine = top.scores[i]!;
      }
    }
    if (u.typeConcepts.length && !browse) markTypeMatches(this.index, this.lexicon, u.typeConcepts, this.typeMatch);
    else this.typeMatch.reset();

    // Image evidence re-ranks what the text found (never adds items): row → 0..1.
    const image = !browse && mode !== 'semantic' && req.imageScores && this.imageWeight > 0 ? this.imageByRow(req.imageScores) : null;

    this.facets.reset();
    const ranked = new TopK(offset + limit);
    let total = 0;
    const n = browse ? this.products.length : cand.count;
    for (let i = 0; i < n; i++) {
      const d = browse ? i : cand.touched[i]!;
      const fails = filter.active ? this.failures(d, filter) : 0;
      this.facets.add(d, fails);
      if (fails !== 0) continue;
      total++;
      let score: number;
      if (browse) score = -d; // catalog order
      else if (mode === 'semantic') score = this.cosines[d]!;
      else {
        score = fuseScore(
          {
            lexical: useLexical ? this.scorer.total.get(d) : 0,
            maxLexical,
            coordination: activeGroups ? this.scorer.coordination.get(d) / activeGroups : 0,
            cosine: useSemantic ? this.cosines[d]! : 0,
            maxCosine,
            hasCosine: useSemantic,
            type: this.typeMatch.get(d),
            gender: u.gender !== 0 ? (this.itemGender[d] === u.gender ? 1 : 0) : u.impliedGender !== 0 && this.itemGender[d] === u.impliedGender ? 0.5 : 0,
            color: u.colorMask !== 0 && (this.itemColors[d]! & u.colorMask) !== 0 ? 1 : 0,
          },
          w,
        );
        if (image) score += this.imageWeight * (image.get(d) ?? 0);
      }
      ranked.offer(d, score);
    }

    const best = ranked.result();
    const hits: SearchHit[] = [];
    const filterLines = this.filterLines(req.filters);
    for (let i = offset; i < best.rows.length; i++) {
      const d = best.rows[i]!;
      const lexicalScore = useLexical ? this.scorer.total.get(d) : 0;
      const cosine = useSemantic ? this.cosines[d]! : 0;
      const semContribution = useSemantic ? w.semantic * normalizedSemantic(cosine, maxCosine, w.semanticFloor) : 0;
      const score = browse ? 0 : best.scores[i]!;
      hits.push({
        id: this.products[d]!.id,
        score,
        lexicalScore,
        semanticScore: cosine,
        why: {
          matchedTerms: useLexical ? this.scorer.matchedTerms(plan, d) : [],
          semantic: mode === 'semantic' || (semContribution > 0 && semContribution >= 0.2 * Math.max(1e-9, score)),
          ...(useSemantic ? { semanticScore: cosine } : {}),
          filters: filterLines,
        },
      });
    }
    const response: SearchResponse = { hits, total, facets: this.facets.result(), understood: u.understood, tookMs: performance.now() - t0 };
    if (image) response.imageFused = best.rows.slice(offset).filter((d) => image.has(d)).length;
    return response;
  }

  private imageByRow(scores: Readonly<Record<string, number>>): Map<number, number> | null {
    const byId = normalizeImageScores(scores);
    if (!byId) return null;
    const out = new Map<number, number>();
    for (const [id, s] of byId) {
      const d = this.byId.get(id);
      if (d !== undefined) out.set(d, s);
    }
    return out.size ? out : null;
  }

  private compileFilters(f: Filters | undefined): CompiledFilter {
    const c: CompiledFilter = { active: false, categories: null, colors: null, colorMask: 0, brands: null, priceMin: -Infinity, priceMax: Infinity };
    if (!f) return c;
    const t = this.facetTable;
    if (f.category?.length) {
      c.categories = new Set(f.category.map((p) => t.categoryIdOf(p)));
      c.active = true;
    }
    if (f.color?.length) {
      c.colors = new Set(f.color.map((v) => t.colorIdOf(v)));
      c.colorMask = this.colorBits.maskOf(f.color.flatMap((v) => this.lexicon.baseColors(v)));
      c.active = true;
    }
    if (f.brand?.length) {
      c.brands = new Set(f.brand.map((v) => t.brandIdOf(v)));
      c.active = true;
    }
    if (typeof f.priceMin === 'number' && Number.isFinite(f.priceMin)) {
      c.priceMin = f.priceMin;
      c.active = true;
    }
    if (typeof f.priceMax === 'number' && Number.isFinite(f.priceMax)) {
      c.priceMax = f.priceMax;
      c.active = true;
    }
    return c;
  }

  private failures(d: number, c: CompiledFilter): number {
    const t = this.facetTable;
    let fails = 0;
    if (c.categories) {
      let ok = false;
      for (let k = t.catOffsets[d]!; k < t.catOffsets[d + 1]! && !ok; k++) ok = c.categories.has(t.catIds[k]!);
      if (!ok) fails |= FAIL_CATEGORY;
    }
    if (c.colors && !c.colors.has(t.colorId[d]!) && (c.colorMask === 0 || (this.itemColors[d]! & c.colorMask) === 0)) fails |= FAIL_COLOR;
    if (c.brands && !c.brands.has(t.brandId[d]!)) fails |= FAIL_BRAND;
    const p = t.price[d]!;
    if (p < c.priceMin || p > c.priceMax) fails |= FAIL_PRICE;
    return fails;
  }

  private fillAllowed(c: CompiledFilter): Uint8Array {
    for (let d = 0; d < this.allowed.length; d++) this.allowed[d] = this.failures(d, c) === 0 ? 1 : 0;
    return this.allowed;
  }

  private filterLines(f: Filters | undefined): string[] {
    if (!f) return [];
    const lines: string[] = [];
    if (f.category?.length) lines.push(`category: ${f.category.join(', ')}`);
    if (f.color?.length) lines.push(`colour: ${f.color.join(', ')}`);
    if (f.brand?.length) lines.push(`brand: ${f.brand.join(', ')}`);
    if (f.priceMin !== undefined || f.priceMax !== undefined) lines.push(`price: ${f.priceMin ?? 0}–${f.priceMax ?? '∞'}`);
    return lines;
  }
}

interface CompiledFilter {
  active: boolean;
  categories: Set<number> | null;
  colors: Set<number> | null;
  colorMask: number;
  brands: Set<number> | null;
  priceMin: number;
  priceMax: number;
}
