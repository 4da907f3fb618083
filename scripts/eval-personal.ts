/**
 * Offline evaluation of on-device personalization: simulated shoppers over a real catalog.
 *
 *   npm run eval:personal -- [--catalog PATH] [--queries PATH] [--qrels PATH] [--shoppers N]
 *                            [--seed N] [--depth N] [--engine auto|lexical] [--no-explore]
 *
 * Each simulated shopper has a hidden taste (department, two colours, a price band, two
 * categories). Their relevance for (query, item) is graded honestly from two independent parts:
 *   query relevance q ∈ {0..3} from the dev judgments (qrels; lexical match when a query has none)
 *   taste match m ∈ {0..4} = how many hidden attributes the item has
 *   rel = q > 0 ? q · (1 + m) / 5 : 0          (an item the query does not ask for stays 0)
 * The shopper searches a random half of the queries ("train"), sees the re-ranked top 10 and
 * clicks with a position-biased model (examination 1/(rank+1), attraction from rel); dwell,
 * cart, purchase and thumbs follow from rel. nDCG@10 (gain 2^rel − 1, ideal over the whole
 * catalog) is measured on the other half of the queries, which the shopper never trained on.
 * The "no taste" shopper draws a new random taste every session; it is scored on query relevance
 * only, so any systematic push by the model shows up as a loss.
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
import { seededRandom, normal } from '../src/core/personal/random';

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
    depth: Number(get('depth') ?? 40),
    engine: get('engine') === 'lexical' ? 'lexical' : 'auto',
    explore: !argv.includes('--no-explore'),
    queriesPerSession: Number(get('queries-per-session') ?? 4),
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
}

function readQueries(path: string): Query[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => l.split('\t'))
    .filter((c) => c.length >= 3 && c[0] !== 'qid' && c[0] !== 'query_id')
    .map(([qid, lang, text]) => ({ qid, lang, text }));
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
  const queries = readQueries(args.queries).filter((q) => usesEngine || q.lang === 'en');
  const baseHits = new Map<string, SearchHit[]>();
  for (const q of queries) baseHits.set(q.qid, base.rank(q.text, args.depth));

  const queryRel = (q: Query, id: string): number => {
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
      const shuffled = [...queries].sort(() => rand() - 0.5);
      const train = shuffled.slice(0, Math.ceil(shuffled.length / 2));
      const test = shuffled.slice(train.length);
      const evalRel = (q: Query) => (id: string) => {
        const qr = queryRel(q, id);
        if (qr <= 0) return 0;
        return kind === 'personal' ? (qr * (1 + tasteMatch(catalog(id)!, hidden))) / 5 : qr;
      };
      const measure = (profile: PersonalProfile) => {
        let sum = 0;
        for (const q of test) {
          const ranked = rerank(baseHits.get(q.qid)!, catalog, profile, { query: q.text });
          sum += ndcgAt10(ranked.map((h) => h.id), evalRel(q), allIds);
        }
        return sum / test.length;
      };
      const profile = createProfile();
      push(`${kind}:0`, measure(profile));
      // Ceiling: the engine's top `depth` re-sorted by this shopper's true relevance.
      let oracle = 0;
      for (const q of test) {
        const r = evalRel(q);
        const ids = baseHits.get(q.qid)!.map((h) => h.id).sort((a, b) => r(b) - r(a));
        oracle += ndcgAt10(ids, r, allIds);
      }
      push(`${kind}:oracle`, oracle / test.length);
      let clock = Date.UTC(2025, 0, 1);
      for (let session = 1; session <= Math.max(...checkpoints); session++) {
        const taste = kind === 'personal' ? hidden : drawTaste(products, rand);
        const sessionId = `s${session}`;
        // Clocks misbehave on real devices: now and then jump back a day.
        clock += rand() < 0.1 ? -86_400_000 : 3_600_000 * 5;
        for (let qi = 0; qi < args.queriesPerSession; qi++) {
          const q = train[Math.floor(rand() * train.length)];
          const rel = (id: string) => {
            const qr = queryRel(q, id);
            return qr > 0 ? (qr * (1 + tasteMatch(catalog(id)!, taste))) / 5 : 0;
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
            const attraction = Math.min(1, (0.02 + 0.93 * Math.pow(r / 3, 2)) * noise(id));
            if (rand() >= attraction) return;
            record({ type: 'click', productId: id, position: k, query: q.text });
            record({ type: 'dwell', productId: id, dwellMs: 2000 + Math.floor(60_000 * (r / 3) * rand()) });
            if (rand() < 0.25 * Math.pow(r / 3, 2)) {
              record({ type: 'cart', productId: id });
              if (rand() < 0.4) record({ type: 'purchase', productId: id });
            }
            if (r >= 2.4 && rand() < 0.1) record({ type: 'thumbsUp', productId: id });
          });
        }
        if (checkpoints.includes(session)) push(`${kind}:${session}`, measure(profile));
        if (args.verbose && s < 3 && checkpoints.includes(session)) {
          const t = `${hidden.dept} ${[...hidden.colors].join('+')} ${hidden.cheap ? '<' : '>='}$${PRICE_SPLIT} ${[...hidden.categories].join('+')}`;
          console.log(`  [${kind} #${s} after ${session}] hidden: ${t}\n    learned: ${describeProfile(profile).summary}; weights ${profile.weights.map((w) => w.toFixed(2)).join(' ')}`);
          for (const [family, values] of Object.entries(profile.affinity)) {
            const row = Object.entries(values)
              .map(([v, e]) => `${v}:${e.pos.toFixed(1)}/${e.exp.toFixed(1)}${e.neg ? `-${e.neg.toFixed(1)}/${e.negExp.toFixed(1)}` : ''}`)
              .join(' ');
            console.log(`      ${family}: ${row}`);
          }
        }
      }
    }
  }

  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  for (const kind of ['personal', 'no-taste']) {
    const base0 = mean(results[`${kind}:0`]);
    console.log(`${kind} sessions=0 nDCG@10=${base0.toFixed(3)} (no personalization; ceiling of re-ranking top ${args.depth}: ${mean(results[`${kind}:oracle`]).toFixed(3)})`);
    for (const c of checkpoints) {
      const v = mean(results[`${kind}:${c}`]);
      const lift = ((v - base0) / base0) * 100;
      console.log(`${kind} sessions=${c} nDCG@10=${v.toFixed(3)} lift=${lift >= 0 ? '+' : ''}${lift.toFixed(1)}%`);
    }
  }
  console.log('note: WANDS queries are not used here: they are furniture queries without judgments for this catalog.');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
