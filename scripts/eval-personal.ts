/**
 * Offline evaluation of on-device personalization: simulated shoppers over a real catalog.
 *
 *   npm run eval:personal -- [--catalog PATH] [--queries PATH] [--qrels PATH] [--shoppers N]
 *                            [--seed N] [--depth N] [--engine auto|lexical] [--no-explore]
 *                            [--no-broad] [--broad-share F] [--verbose]
 *
 * Queries. Two kinds, both searched through the real engine:
 *   dev     the judged dev queries (qrels), mostly specific ("women's black jacket");
 *   broad   product-type queries generated from the catalog's own category tree: every
 *           category level below the department ("tops", "jackets", "shorts", "bags",
 *           "fitness equipment" …). An item answers a broad query when one of its category
 *           levels names that type ("bras & tanks" also answers "tanks").
 * Per shopper, each kind of query is split at random in half: sessions use only the "train"
 * halves (each query of a session is broad with probability --broad-share, default 0.5), nDCG@10
 * is measured on the held-out halves, which the shopper never searched. The headline nDCG
 * weighs the held-out dev and broad means in that same mix (broad-share · broad +
 * (1 − broad-share) · dev); the per-kind means are printed beside it. The engine's top
 * --depth (default 100, as in the app) is re-ranked.
 *
 * Preference-aware relevance (what the shopper experiences). Each simulated shopper has a hidden
 * taste: a department (Women/Men), two colours, a price side (under/over $50) and two
 * categories of that department. For query q and item d:
 *   answers(q, d) = qrels grade ≥ 1 (dev)  or  d is of the asked type (broad)
 *   m(d)          = matched taste attributes ∈ {0..4} (Gear counts as matching the department)
 *   g(q, d)       = qrels grade / 3 (dev, so an exact answer outranks a "related" one), 1 (broad)
 *   rel(q, d)     = answers(q, d) ? g(q, d) · (1 + m(d)) : 0            (∈ [0, 5])
 * An item the query does not ask for stays 0 whatever the taste. The "no taste" shopper draws a
 * new random taste every session (its clicks carry no consistent preference) and is scored on
 * query relevance alone (rel = grade for dev, 1 for broad), so any systematic push by the model
 * shows up as a loss.
 *
 * Clicks: the shopper sees the re-ranked top 10, examines rank k with probability 1/(k+1) and
 * clicks with an attraction that grows with rel (times a per-item noise); dwell, cart, purchase
 * and thumbs follow from rel (thumbs down on answers that match none of the taste). The model
 * sees only these events, never the hidden taste. nDCG@10 uses gain 2^rel − 1 and the ideal
 * order over the whole catalog.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Product, SearchHit } from '../src/core/types';
import {
  createProfile,
  describeProfile,
  lookupOf,
  recordEvent,
  rerank,
  type PersonalEvent,
  type PersonalProfile,
} from '../src/core/personal/index';
import { seededRandom, normal } from '../src/core/random';

interface Args {
  catalog: string;
  queries: string;
  qrels: string;
  shoppers: number;
  seed: number;
  depth: number;
  engine: 'auto' | 'lexical';
  explore: boolean;
  queriesPerSession: number;
  broad: boolean;
  broadShare: number;
  verbose: boolean;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const root = resolve(import.meta.dirname, '..');
  const queries = resolve(get('queries') ?? join(root, '../shared/data/luma/dev/queries.tsv'));
  return {
    catalog: resolve(get('catalog') ?? join(root, '../shared/data/luma/catalog.jsonl')),
    queries,
    qrels: resolve(get('qrels') ?? join(dirname(queries), 'qrels.tsv')),
    shoppers: Number(get('shoppers') ?? 100),
    seed: Number(get('seed') ?? 7),
    // The app's search worker re-ranks the engine's top 100 (src/client personalization hook).
    depth: Number(get('depth') ?? 100),
    engine: get('engine') === 'lexical' ? 'lexical' : 'auto',
    explore: !argv.includes('--no-explore'),
    queriesPerSession: Number(get('queries-per-session') ?? 4),
    broad: !argv.includes('--no-broad'),
    broadShare: Number(get('broad-share') ?? 0.5),
    verbose: argv.includes('--verbose'),
  };
}

function readCatalog(path: string): Product[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const o = JSON.parse(l) as Partial<Product> & { id: string; title: string; category: string; price: number };
      return {
        description: '',
        color: null,
        currency: 'USD',
        image: '',
        ...o,
      } as Product;
    });
}

interface Query {
  qid: string;
  lang: string;
  text: string;
  kind: 'dev' | 'broad';
  /** Broad queries: the category levels that answer it (lower-cased). */
  types?: Set<string>;
}

function readQueries(path: string): Query[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => l.split('\t'))
    .filter((c) => c.length >= 3 && c[0] !== 'qid' && c[0] !== 'query_id')
    .map(([qid, lang, text]) => ({ qid, lang, text, kind: 'dev' as const }));
}

/** Lower-cased parts of a category level: "Bras & Tanks" → ["bras", "tanks"]. */
function levelParts(level: string): string[] {
  return level
    .toLowerCase()
    .split('&')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Product-type queries from the catalog's category tree: every level below the department
 * ("Men/Tops/Jackets" → "tops", "jackets"). Derived from the catalog, never from a taste.
 */
function broadQueries(products: Product[]): Query[] {
  const levels = new Set<string>();
  for (const p of products) {
    const parts = p.category.split('/').map((s) => s.trim()).filter(Boolean);
    for (const level of parts.slice(1)) levels.add(level.toLowerCase());
  }
  return [...levels].sort().map((text, i) => ({ qid: `broad-${i}`, lang: 'en', text, kind: 'broad' as const, types: new Set(levelParts(text)) }));
}

function answersBroad(q: Query, p: Product): boolean {
  const parts = p.category.split('/').slice(1).flatMap(levelParts);
  return parts.some((x) => q.types!.has(x));
}

function readQrels(path: string): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  if (!existsSync(path)) return out;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const [qid, id, grade] = line.split('\t');
    if (!qid || !id || !grade) continue;
    if (!out.has(qid)) out.set(qid, new Map());
    out.get(qid)!.set(id, Number(grade));
  }
  return out;
}

// ---- fallback base ranking: a small BM25 of our own, used until the real engine exists ----

function terms(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/t[- ]shirts?/g, 'tee')
    .replace(/['’]s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((t) => (t.length > 3 && t.endsWith('s') && !t.endsWith('ss') ? t.slice(0, -1) : t));
}

function lexicalRanker(products: Product[]) {
  const docs = products.map((p) => {
    const tf = new Map<string, number>();
    const add = (text: string, w: number) => {
      for (const t of terms(text)) tf.set(t, (tf.get(t) ?? 0) + w);
    };
    add(p.title, 2);
    add(p.category, 1.5);
    add(p.color ?? '', 1.5);
    add(p.description, 0.3);
    let len = 0;
    for (const v of tf.values()) len += v;
    return { id: p.id, tf, len };
  });
  const avg = docs.reduce((s, d) => s + d.len, 0) / docs.length;
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  return (query: string, limit: number): SearchHit[] => {
    const qt = [...new Set(terms(query))];
    const hits: SearchHit[] = [];
    for (const d of docs) {
      let score = 0;
      const matched: string[] = [];
      for (const t of qt) {
        const f = d.tf.get(t);
        if (!f) continue;
        const idf = Math.log(1 + (docs.length - df.get(t)! + 0.5) / (df.get(t)! + 0.5));
        score += (idf * f * 2.2) / (f + 1.2 * (0.25 + (0.75 * d.len) / avg));
        matched.push(t);
      }
      if (score > 0) hits.push({ id: d.id, score, lexicalScore: score, semanticScore: 0, why: { matchedTerms: matched, semantic: false, filters: [] } });
    }
    hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    return hits.slice(0, limit);
  };
}

type Ranker = (query: string, limit: number) => SearchHit[];

async function baseRanker(products: Product[], mode: Args['engine']): Promise<{ name: string; rank: Ranker }> {
  const enginePath = resolve(import.meta.dirname, '../src/core/search/engine.ts');
  if (mode === 'auto' && existsSync(enginePath)) {
    const mod = (await import(pathToFileURL(enginePath).href)) as {
      SearchEngine: { build(p: Product[]): { search(r: { query: string; limit?: number }): { hits: SearchHit[] } } };
    };
    const engine = mod.SearchEngine.build(products);
    return { name: 'SearchEngine (src/core/search/engine.ts)', rank: (query, limit) => engine.search({ query, limit }).hits };
  }
  return { name: 'fallback BM25 in eval-personal (engine.ts not present)', rank: lexicalRanker(products) };
}

// ---- shoppers ----

interface Taste {
  dept: string;
  colors: Set<string>;
  cheap: boolean;
  categories: Set<string>;
}

const PRICE_SPLIT = 50;

function drawTaste(products: Product[], rand: () => number): Taste {
  const dept = rand() < 0.5 ? 'Women' : 'Men';
  const inDept = products.filter((p) => p.category.startsWith(`${dept}/`));
  const colors = [...new Set(inDept.map((p) => p.color?.toLowerCase()).filter((c): c is string => !!c))].sort();
  const cats = [...new Set(inDept.map((p) => p.category))].sort();
  const pick = <T>(xs: T[], n: number) => {
    const copy = [...xs];
    const out: T[] = [];
    while (out.length < n && copy.length) out.push(copy.splice(Math.floor(rand() * copy.length), 1)[0]);
    return out;
  };
  return { dept, colors: new Set(pick(colors, 2)), cheap: rand() < 0.5, categories: new Set(pick(cats, 2)) };
}

function tasteMatch(p: Product, t: Taste): number {
  const top = p.category.split('/')[0];
  let m = 0;
  if (top === t.dept || (top !== 'Men' && top !== 'Women')) m++; // gear has no gender
  if (p.color && t.colors.has(p.color.toLowerCase())) m++;
  if ((p.price < PRICE_SPLIT) === t.cheap) m++;
  if (t.categories.has(p.category)) m++;
  return m;
}

/** Largest preference-aware relevance: an exact answer matching all four taste attributes. */
const MAX_REL = 5;

/** Preference-aware relevance of an item that answers the query (qr = query grade 1..3). */
function shopperRel(q: Query, qr: number, p: Product, t: Taste): number {
  const g = q.kind === 'broad' ? 1 : qr / 3;
  return g * (1 + tasteMatch(p, t));
}

function shuffle<T>(xs: readonly T[], rand: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

// ---- metric ----

function dcg(rels: number[]): number {
  return rels.reduce((s, r, i) => s + (Math.pow(2, r) - 1) / Math.log2(i + 2), 0);
}

function ndcgAt10(rankedIds: string[], relOf: (id: string) => number, allIds: string[]): number {
  const got = dcg(rankedIds.slice(0, 10).map(relOf));
  const ideal = dcg(allIds.map(relOf).sort((a, b) => b - a).slice(0, 10));
  return ideal > 0 ? got / ideal : 0;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  for (const p of [args.catalog, args.queries]) {
    if (!existsSync(p)) {
      console.error(`eval-personal: ${p} not found. Pass --catalog/--queries, or place the shared data in ../shared/data.`);
      process.exit(2);
    }
  }
  const products = readCatalog(args.catalog);
  const catalog = lookupOf(products);
  const allIds = products.map((p) => p.id);
  const qrels = readQrels(args.qrels);
  const base = await baseRanker(products, args.engine);
  const usesEngine = base.name.startsWith('SearchEngine');
  // Our fallback scorer cannot read Chinese; the real engine is cross-lingual.
  const devQueries = readQueries(args.queries).filter((q) => usesEngine || q.lang === 'en');
  const queries = [...devQueries, ...(args.broad ? broadQueries(products) : [])];
  const baseHits = new Map<string, SearchHit[]>();
  for (const q of queries) baseHits.set(q.qid, base.rank(q.text, args.depth));

  /** Query relevance alone, 0..3 (3 = exactly what was asked). */
  const queryRel = (q: Query, id: string): number => {
    if (q.kind === 'broad') return answersBroad(q, catalog(id)!) ? 3 : 0;
    const judged = qrels.get(q.qid);
    if (judged) return judged.get(id) ?? 0;
    // No judgments: grade by the share of query terms the item's title/category/colour contain.
    const p = catalog(id)!;
    const qt = new Set(terms(q.text));
    const dt = new Set(terms(`${p.title} ${p.category} ${p.color ?? ''}`));
    let hit = 0;
    for (const t of qt) if (dt.has(t)) hit++;
    return qt.size ? Math.round((3 * hit) / qt.size) : 0;
  };

  console.log(`catalog ${args.catalog} (${products.length} items); queries ${queries.length}; base ranking: ${base.name}`);
  console.log(`shoppers=${args.shoppers} per condition, ${args.queriesPerSession} queries/session, top ${args.depth} re-ranked, explore=${args.explore}, seed=${args.seed}`);

  const checkpoints = [1, 5, 20];
  const results: Record<string, number[]> = {};
  const push = (key: string, v: number) => (results[key] ??= []).push(v);

  for (const kind of ['personal', 'no-taste'] as const) {
    for (let s = 0; s < args.shoppers; s++) {
      const rand = seededRandom(args.seed * 7919 + s * 104729 + (kind === 'personal' ? 0 : 1));
      const hidden = drawTaste(products, rand);
      const itemNoise = new Map<string, number>();
      const noise = (id: string) => {
        let n = itemNoise.get(id);
        if (n === undefined) {
          n = Math.exp(0.3 * normal(rand));
          itemNoise.set(id, n);
        }
        return n;
      };
      // Half of each kind of query is held out for scoring; sessions search only the rest.
      const split = (qs: Query[]) => {
        const sh = shuffle(qs, rand);
        const cut = Math.ceil(sh.length / 2);
        return { train: sh.slice(0, cut), test: sh.slice(cut) };
      };
      const dev = split(queries.filter((q) => q.kind === 'dev'));
      const broad = split(queries.filter((q) => q.kind === 'broad'));
      const test = [...dev.test, ...broad.test];
      const evalRel = (q: Query) => (id: string) => {
        const qr = queryRel(q, id);
        if (qr <= 0) return 0;
        return kind === 'personal' ? shopperRel(q, qr, catalog(id)!, hidden) : qr;
      };
      const measure = (profile: PersonalProfile, key: string) => {
        const sums = { all: 0, dev: 0, broad: 0 };
        for (const q of test) {
          const ranked = rerank(baseHits.get(q.qid)!, catalog, profile, { query: q.text });
          const v = ndcgAt10(ranked.map((h) => h.id), evalRel(q), allIds);
          sums.all += v;
          sums[q.kind] += v;
        }
        // The headline weighs the two kinds as the shopper's own sessions do (--broad-share).
        const devMean = dev.test.length ? sums.dev / dev.test.length : null;
        const broadMean = broad.test.length ? sums.broad / broad.test.length : null;
        push(`${kind}:${key}`, devMean !== null && broadMean !== null ? (1 - args.broadShare) * devMean + args.broadShare * broadMean : sums.all / test.length);
        if (devMean !== null) push(`${kind}:${key}:dev`, devMean);
        if (broadMean !== null) push(`${kind}:${key}:broad`, broadMean);
      };
      const profile = createProfile();
      measure(profile, '0');
      // Ceiling: the engine's top `depth` re-sorted by this shopper's true relevance.
      const oracleByKind = { dev: 0, broad: 0 };
      for (const q of test) {
        const r = evalRel(q);
        const ids = baseHits.get(q.qid)!.map((h) => h.id).sort((a, b) => r(b) - r(a));
        oracleByKind[q.kind] += ndcgAt10(ids, r, allIds);
      }
      const oDev = dev.test.length ? oracleByKind.dev / dev.test.length : null;
      const oBroad = broad.test.length ? oracleByKind.broad / broad.test.length : null;
      push(`${kind}:oracle`, oDev !== null && oBroad !== null ? (1 - args.broadShare) * oDev + args.broadShare * oBroad : (oDev ?? oBroad ?? 0));
      if (oDev !== null) push(`${kind}:oracle:dev`, oDev);
      if (oBroad !== null) push(`${kind}:oracle:broad`, oBroad);
      let clock = Date.UTC(2025, 0, 1);
      for (let session = 1; session <= Math.max(...checkpoints); session++) {
        const taste = kind === 'personal' ? hidden : drawTaste(products, rand);
        const sessionId = `s${session}`;
        // Clocks misbehave on real devices: now and then jump back a day.
        clock += rand() < 0.1 ? -86_400_000 : 3_600_000 * 5;
        for (let qi = 0; qi < args.queriesPerSession; qi++) {
          const pool = broad.train.length && (rand() < args.broadShare || !dev.train.length) ? broad.train : dev.train;
          const q = pool[Math.floor(rand() * pool.length)];
          const rel = (id: string) => {
            const qr = queryRel(q, id);
            return qr > 0 ? shopperRel(q, qr, catalog(id)!, taste) : 0;
          };
          const at = () => (clock += 1000 + Math.floor(rand() * 20_000));
          const record = (e: Omit<PersonalEvent, 'at' | 'sessionId'>) => recordEvent(profile, { ...e, at: at(), sessionId }, catalog);
          record({ type: 'query', query: q.text });
          const shown = rerank(baseHits.get(q.qid)!, catalog, profile, {
            query: q.text,
            explore: args.explore,
            seed: args.seed * 1_000_003 + s * 1009 + session * 31 + qi,
          })
            .slice(0, 10)
            .map((h) => h.id);
          record({ type: 'impression', query: q.text, productIds: shown });
          shown.forEach((id, k) => {
            if (rand() >= 1 / (k + 1)) return; // not examined
            const r = rel(id);
            const qr = queryRel(q, id);
            if (qr > 0 && tasteMatch(catalog(id)!, taste) === 0 && rand() < 0.2) {
              record({ type: 'thumbsDown', productId: id, position: k });
              return;
            }
            const attraction = Math.min(1, (0.02 + 0.93 * Math.pow(r / MAX_REL, 2)) * noise(id));
            if (rand() >= attraction) return;
            record({ type: 'click', productId: id, position: k, query: q.text });
            record({ type: 'dwell', productId: id, dwellMs: 2000 + Math.floor(60_000 * (r / MAX_REL) * rand()) });
            if (rand() < 0.25 * Math.pow(r / MAX_REL, 2)) {
              record({ type: 'cart', productId: id });
              if (rand() < 0.4) record({ type: 'purchase', productId: id });
            }
            if (r >= 0.8 * MAX_REL && rand() < 0.1) record({ type: 'thumbsUp', productId: id });
          });
        }
        if (checkpoints.includes(session)) measure(profile, String(session));
        if (args.verbose && s < 3 && checkpoints.includes(session)) {
          const t = `${hidden.dept} ${[...hidden.colors].join('+')} ${hidden.cheap ? '<' : '>='}$${PRICE_SPLIT} ${[...hidden.categories].join('+')}`;
          console.log(`  [${kind} #${s} after ${session}] hidden: ${t}\n    learned: ${describeProfile(profile).summary}; weights ${profile.weights.map((w) => w.toFixed(2)).join(' ')}`);
          for (const [family, values] of Object.entries(profile.affinity)) {
            const row = Object.entries(values)
              .map(([v, e]) => `${v}:${e.clk.toFixed(1)}/${e.shown.toFixed(1)}+${e.pos.toFixed(1)}/${e.exp.toFixed(1)}${e.neg ? `-${e.neg.toFixed(1)}/${e.negExp.toFixed(1)}` : ''}`)
              .join(' ');
            console.log(`      ${family}: ${row}`);
          }
        }
      }
    }
  }

  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  console.log('relevance: rel = answers(q,d) ? g · (1 + matched taste attributes) : 0, g = grade/3 (dev) or 1 (broad); no-taste shopper: rel = query grade');
  console.log(`headline nDCG@10 = ${1 - args.broadShare} · dev + ${args.broadShare} · broad (held-out queries, the shopper's own query mix); ${queries.filter((q) => q.kind === 'broad').length} broad queries from the catalog's categories, ${devQueries.length} dev queries`);
  const fmtLift = (v: number, b: number) => {
    const lift = ((v - b) / b) * 100;
    return `${lift >= 0 ? '+' : ''}${lift.toFixed(1)}%`;
  };
  for (const kind of ['personal', 'no-taste']) {
    const base0 = mean(results[`${kind}:0`]);
    const ceilings = (['dev', 'broad'] as const).filter((k) => results[`${kind}:oracle:${k}`]).map((k) => `${k} ${mean(results[`${kind}:0:${k}`]).toFixed(3)}, ceiling ${mean(results[`${kind}:oracle:${k}`]).toFixed(3)}`);
    console.log(`${kind} sessions=0 nDCG@10=${base0.toFixed(3)} (no personalization; ceiling of re-ranking top ${args.depth}: ${mean(results[`${kind}:oracle`]).toFixed(3)}; ${ceilings.join('; ')})`);
    for (const c of checkpoints) {
      const v = mean(results[`${kind}:${c}`]);
      const parts = (['dev', 'broad'] as const)
        .filter((k) => results[`${kind}:${c}:${k}`])
        .map((k) => `${k} ${mean(results[`${kind}:0:${k}`]).toFixed(3)}→${mean(results[`${kind}:${c}:${k}`]).toFixed(3)} ${fmtLift(mean(results[`${kind}:${c}:${k}`]), mean(results[`${kind}:0:${k}`]))}`);
      console.log(`${kind} sessions=${c} nDCG@10=${v.toFixed(3)} lift=${fmtLift(v, base0)}  (${parts.join('; ')})`);
    }
  }
  console.log('note: WANDS queries are not used here: they are furniture queries without judgments for this catalog.');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
