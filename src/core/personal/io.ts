/**
 * Export and import of the personal profile as versioned JSON (privacy panel).
 *
 * File format: the profile object itself ({ format: "sou-personal", version, … }) plus
 * `exportedAt`. Older versions are migrated step by step (MIGRATIONS); anything that is not a
 * valid sou profile is rejected with SouError('PERSONAL_IMPORT') and a message saying what to do.
 * Import never touches the current profile: it returns a new one, so a failed import loses nothing.
 *
 * Version history:
 *   1 — raw event log only: { format, version: 1, events: PersonalEvent[] }.
 *   2 — learned model (choice evidence per attribute value, LTR weights, product stats, co-views, embedding)
 *       plus the recent raw events and compacted counts.
 *   3 — evidence gains exposure-based click counts (`clk`, `shown`); version 2 files read as
 *       having none (their choice evidence is kept as it was).
 */
import { SouError } from '../types';
import { createProfile, enforceBounds, compactEvents, LIMITS, recordEvent, sanitizeEvent } from './profile';
import { MAX_WEIGHT } from './model';
import {
  FEATURES,
  FAMILIES,
  MAX_PRODUCT_QUERIES,
  PROFILE_FORMAT,
  PROFILE_VERSION,
  type Evidence,
  type PersonalEvent,
  type PersonalProfile,
  type ProductLookup,
  type ProductStats,
  type RecentList,
} from './types';

export interface ExportOptions {
  /** Export time (ms since epoch); default now. */
  now?: number;
}

export function exportProfile(profile: PersonalProfile, options: ExportOptions = {}): string {
  const at = options.now ?? Date.now();
  return JSON.stringify({ ...profile, exportedAt: new Date(at).toISOString() });
}

export interface ImportOptions {
  /** Needed to re-learn from files that carry only events (version 1); without it they are kept unlearned. */
  catalog?: ProductLookup;
}

/** Largest file accepted: well above any bounded profile, far below what could hurt the tab. */
export const MAX_IMPORT_CHARS = 20_000_000;

type Json = Record<string, unknown>;

function fail(message: string, details?: Record<string, unknown>): never {
  throw new SouError('PERSONAL_IMPORT', message, details);
}

const HINT = 'Choose a file saved with "Export" in sou\'s privacy panel; your current preferences were not changed.';

/** Migrations from version N to N+1 of the file format. */
const MIGRATIONS: Record<number, (data: Json, options: ImportOptions) => Json> = {
  1: (data, options) => {
    if (!Array.isArray(data.events)) fail(`This file has no event list. ${HINT}`);
    const profile = createProfile();
    const catalog: ProductLookup = options.catalog ?? (() => undefined);
    for (const raw of data.events as unknown[]) {
      const e = sanitizeEvent(raw, profile.lastAt ?? 0);
      if (e) recordEvent(profile, e, catalog);
    }
    return profile as unknown as Json;
  },
  2: (data) => {
    const affinity = data.affinity;
    if (!affinity || typeof affinity !== 'object' || Array.isArray(affinity)) fail(`The file is damaged: "affinity" is invalid. ${HINT}`);
    const migrated: Json = {};
    for (const [family, values] of Object.entries(affinity as Json)) {
      if (!values || typeof values !== 'object' || Array.isArray(values)) fail(`The file is damaged: affinity of ${family} is invalid. ${HINT}`);
      const out: Json = {};
      for (const [key, e] of Object.entries(values as Json)) out[key] = e && typeof e === 'object' ? { clk: 0, shown: 0, ...(e as Json) } : e;
      migrated[family] = out;
    }
    return { ...data, version: 3, affinity: migrated };
  },
};

export function importProfile(text: string, options: ImportOptions = {}): PersonalProfile {
  if (typeof text !== 'string' || text.trim() === '') fail(`The file is empty. ${HINT}`);
  if (text.length > MAX_IMPORT_CHARS) fail(`The file is too large to be a sou profile (${text.length} characters). ${HINT}`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    fail(`The file is not valid JSON (${(err as Error).message}). ${HINT}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) fail(`The file does not contain a sou profile. ${HINT}`);
  let obj = data as Json;
  if (obj.format !== PROFILE_FORMAT) fail(`This JSON is not a sou personalization export (format is not "${PROFILE_FORMAT}"). ${HINT}`);
  const version = obj.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) fail(`The file has no valid version number. ${HINT}`);
  if (version > PROFILE_VERSION) {
    fail(`This file was made by a newer version of sou (format ${version}, this app reads up to ${PROFILE_VERSION}). Update the app, then import again.`);
  }
  for (let v = version; v < PROFILE_VERSION; v++) obj = MIGRATIONS[v](obj, options);
  return validateProfile(obj);
}

/** Checks every field and rebuilds the profile from known fields only (no prototype tricks). */
function validateProfile(o: Json): PersonalProfile {
  const where: string[] = [];
  const bad = (what: string): never => fail(`The file is damaged: ${what} is invalid${where.length ? ` (at ${where.join('.')})` : ''}. ${HINT}`);
  const num = (v: unknown, what: string, min = 0): number => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min) bad(what);
    return v as number;
  };
  const time = (v: unknown, what: string): number | null => {
    if (v === null) return null;
    if (typeof v !== 'number' || !Number.isFinite(v)) bad(what);
    return v as number;
  };
  const record = (v: unknown, what: string): Json => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) bad(what);
    return v as Json;
  };
  const profile = createProfile();
  if (typeof o.paused !== 'boolean') bad('"paused"');
  profile.paused = o.paused as boolean;
  profile.seq = num(o.seq, '"seq"');
  if (!Number.isInteger(profile.seq)) bad('"seq"');
  profile.firstAt = time(o.firstAt, '"firstAt"');
  profile.lastAt = time(o.lastAt, '"lastAt"');
  if (o.currency !== null && typeof o.currency !== 'string') bad('"currency"');
  profile.currency = (o.currency as string | null) ?? null;

  const affinity = record(o.affinity, '"affinity"');
  for (const family of FAMILIES) {
    where.push('affinity', family);
    const values = record(affinity[family] ?? {}, `affinity of ${family}`);
    for (const key of Object.keys(values)) {
      const e = record(values[key], `evidence for "${key}"`);
      const ev: Evidence = {
        clk: num(e.clk, 'clk'),
        shown: num(e.shown, 'shown'),
        pos: num(e.pos, 'pos'),
        exp: num(e.exp, 'exp'),
        neg: num(e.neg, 'neg'),
        negExp: num(e.negExp, 'negExp'),
        t: Math.min(num(e.t, 't'), profile.seq),
      };
      profile.affinity[family][key] = ev;
    }
    where.length = 0;
  }

  if (!Array.isArray(o.weights) || o.weights.length !== FEATURES.length) bad('"weights"');
  profile.weights = (o.weights as unknown[]).map((w, i) => Math.min(MAX_WEIGHT, num(w, `weight ${FEATURES[i]}`)));
  profile.weightUpdates = num(o.weightUpdates, '"weightUpdates"');

  const products = record(o.products, '"products"');
  for (const id of Object.keys(products)) {
    where.push('products', id.slice(0, 40));
    const s = record(products[id], 'product stats');
    const stats: ProductStats = {
      pos: num(s.pos, 'pos'),
      neg: num(s.neg, 'neg'),
      t: Math.min(num(s.t, 't'), profile.seq),
      clicks: num(s.clicks, 'clicks'),
      carts: num(s.carts, 'carts'),
      purchases: num(s.purchases, 'purchases'),
      up: num(s.up, 'up'),
      down: num(s.down, 'down'),
      dwellMs: num(s.dwellMs, 'dwellMs'),
      lastPositiveSeq: Math.min(num(s.lastPositiveSeq, 'lastPositiveSeq'), profile.seq),
    };
    // Optional (added after the first format): queries the item was chosen from.
    if (s.queries !== undefined) {
      if (!Array.isArray(s.queries)) bad('product "queries"');
      const queries = (s.queries as unknown[]).filter((q): q is string => typeof q === 'string' && q.length > 0 && q.length <= LIMITS.queryLength);
      if (queries.length) stats.queries = queries.slice(-MAX_PRODUCT_QUERIES);
    }
    profile.products[id] = stats;
    where.length = 0;
  }

  const coviews = record(o.coviews, '"coviews"');
  for (const a of Object.keys(coviews)) {
    const row = record(coviews[a], 'co-view row');
    const out = Object.create(null) as Record<string, number>;
    for (const b of Object.keys(row)) out[b] = num(row[b], 'co-view count');
    profile.coviews[a] = out;
  }

  if (o.embedding !== null) {
    const e = record(o.embedding, '"embedding"');
    const dims = num(e.dims, 'embedding dims', 1);
    if (!Array.isArray(e.sum) || e.sum.length !== dims || dims > 4096) bad('embedding vector');
    const sum = (e.sum as unknown[]).map((x) => {
      if (typeof x !== 'number' || !Number.isFinite(x)) bad('embedding vector');
      return x as number;
    });
    profile.embedding = { dims, sum, mass: num(e.mass, 'embedding mass'), t: Math.min(num(e.t, 'embedding t'), profile.seq) };
  }

  if (!Array.isArray(o.recentLists)) bad('"recentLists"');
  const isIdList = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
  profile.recentLists = (o.recentLists as unknown[]).slice(-LIMITS.recentLists).map((l): RecentList => {
    const r = record(l, 'recent list');
    if (typeof r.query !== 'string' || !isIdList(r.ids) || !isIdList(r.clicked)) bad('recent list');
    return { query: r.query as string, ids: r.ids as string[], clicked: r.clicked as string[], seq: Math.min(num(r.seq, 'list seq'), profile.seq) };
  });

  if (o.session !== null) {
    const s = record(o.session, '"session"');
    if (typeof s.id !== 'string' || !isIdList(s.items)) bad('"session"');
    profile.session = { id: s.id as string, lastAt: time(s.lastAt, 'session time') ?? 0, items: (s.items as string[]).slice(-LIMITS.sessionItems) };
  }

  if (!Array.isArray(o.events)) bad('"events"');
  const events: PersonalEvent[] = [];
  for (const raw of o.events as unknown[]) {
    const e = sanitizeEvent(raw, profile.lastAt ?? 0);
    if (!e) bad(`event ${events.length + 1}`);
    events.push(e!);
  }
  profile.events = events;

  const c = record(o.compacted, '"compacted"');
  const byType = record(c.byType, 'compacted counts');
  profile.compacted = {
    count: num(c.count, 'compacted count'),
    byType: Object.create(null) as Record<string, number>,
    firstAt: time(c.firstAt, 'compacted firstAt'),
    lastAt: time(c.lastAt, 'compacted lastAt'),
  };
  for (const k of Object.keys(byType)) profile.compacted.byType[k] = num(byType[k], `compacted count of ${k}`);

  // A hand-edited file may exceed the storage bounds: fold it back within them.
  compactEvents(profile, LIMITS.events);
  enforceBounds(profile);
  return profile;
}
