/**
 * CLIP in the photo worker: loads the pinned CLIP (checked against models/manifest.json), embeds
 * catalog images in the background (int8 in `sou-photo`, resumable), and offers
 *  - `scoreText(query)`: the CLIP text tower's similarity of a typed query to every indexed product
 *    image, for the search flow to fuse with its own scores;
 *  - `searchPhoto(blob)`: photo → nearest catalog images by CLIP.
 * Chinese queries are put into English with the shopping lexicon first (CLIP's text tower is English).
 */
import type { RawImage } from '@huggingface/transformers';
import type { PhotoHit } from '../core/image/matcher';
import { defaultLexiconIndex } from '../core/text/lexiconIndex';
import { SouError } from '../core/types';
import { filesFor, findModel, httpModelReader, verifyModelFiles, type ModelManifest } from '../embedding/integrity';
import { CLIP_MODEL_ID, createClipEncoder, type ClipEncoder } from './clip';
import { catalogKey, dequantizeInt8, photoStorageError, quantizeInt8, type PhotoDatabase } from './store';
import type { PhotoCatalogItem, PhotoIndexProgress, PhotoStatus } from './types';

export interface ClipServiceDeps {
  db: PhotoDatabase | null;
  /** A catalog image, ideally already decoded and downscaled (RawImage) so huge files stay cheap. */
  loadImage(ref: string): Promise<Blob | string | RawImage>;
  /** URL prefix or folder of the models (default the app's /models/). */
  modelsRoot?: string;
  /** Checks the model files against the manifest's pins before loading (default true). */
  verify?: boolean;
  createEncoder?: typeof createClipEncoder;
}

/** English form of a query for CLIP's text tower: Chinese words the lexicon knows become English. */
export function clipQueryText(query: string): string {
  const lex = defaultLexiconIndex();
  const tokens = lex.tokenize(query);
  const matches = lex.matchConcepts(tokens);
  const parts: string[] = [];
  let i = 0;
  for (const m of matches) {
    for (; i < m.start; i++) if (!tokens[i].zh) parts.push(tokens[i].surface);
    if (tokens[m.start].zh) parts.push(lex.concepts[m.concepts[0]].entry.en[0]);
    else for (let k = m.start; k < m.end; k++) parts.push(tokens[k].surface);
    i = m.end;
  }
  for (; i < tokens.length; i++) if (!tokens[i].zh) parts.push(tokens[i].surface);
  return parts.join(' ').trim() || query;
}

/** Weight of CLIP's ranking next to the instant matcher's (1) when both rank a photo. */
export const CLIP_PHOTO_WEIGHT = 0.5;
/** Rank damping of the reciprocal-rank fusion: small, so the top few of each ranking count most. */
const PHOTO_RRF_K = 20;

/**
 * Fuses the instant matcher's hits with CLIP's nearest catalog images for a photo, by weighted
 * reciprocal rank (their scores live on different scales). The matcher stays the main voice:
 * its top hit can only be passed by an item both rankings like. Items only CLIP found join when
 * CLIP ranks them high. Scores are the fused values, best first.
 */
export function fusePhotoRankings(matcher: readonly PhotoHit[], clip: ReadonlyArray<{ id: string; score: number }>, limit: number, clipWeight = CLIP_PHOTO_WEIGHT): PhotoHit[] {
  const fused = new Map<string, number>();
  matcher.forEach((h, r) => fused.set(h.id, 1 / (PHOTO_RRF_K + r + 1)));
  clip.forEach((h, r) => fused.set(h.id, (fused.get(h.id) ?? 0) + clipWeight / (PHOTO_RRF_K + r + 1)));
  return [...fused]
    .map(([id, score]) => ({ id, score }))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}

/** CLIP rows are keyed like descriptors: by item and image, so they survive catalog edits. */
const clipKey = (id: string, image: string) => `${CLIP_MODEL_ID}|${id}|${image}`;

export function createClipService(deps: ClipServiceDeps) {
  const root = deps.modelsRoot ?? '/models/';
  let encoder: ClipEncoder | null = null;
  let state: PhotoStatus['clip'] = 'off';
  let message: string | undefined;
  let code: string | undefined;
  let loading: Promise<void> | null = null;
  let items: PhotoCatalogItem[] = [];
  let key = '';
  const vectors = new Map<string, Float32Array>();
  /** Embeddings computed by this worker (not read back from storage): shows resuming works. */
  let computed = 0;

  function status(): Pick<PhotoStatus, 'clip' | 'clipMessage' | 'clipCode' | 'clipIndexed' | 'clipComputed'> {
    return { clip: state, clipMessage: message, clipCode: code, clipIndexed: vectors.size, clipComputed: computed };
  }

  async function verify(): Promise<void> {
    // Hosts that answer unknown paths with the app's index.html: that also means "not installed".
    const config = await fetch(`${root}${CLIP_MODEL_ID}/config.json`).catch(() => null);
    if (!config?.ok || (config.headers.get('content-type') ?? '').includes('text/html')) {
      throw new SouError('MODEL_MISSING', `CLIP (${CLIP_MODEL_ID}) is not installed. Run \`npm run models\` to download it; photo search uses the instant matcher meanwhile.`, { modelId: CLIP_MODEL_ID });
    }
    const res = await fetch(`${root}manifest.json`).catch(() => null);
    if (!res?.ok) return; // No manifest served (dev setups): transformers.js still finds the files.
    const manifest = (await res.json()) as ModelManifest;
    const entry = findModel(manifest, CLIP_MODEL_ID);
    await verifyModelFiles(CLIP_MODEL_ID, filesFor(entry, 'q8'), httpModelReader(`${root}${CLIP_MODEL_ID}/`));
  }

  /** Loads CLIP; never throws: failures become status 'missing'/'error' with a message. */
  function load(): Promise<Pick<PhotoStatus, 'clip' | 'clipMessage' | 'clipCode' | 'clipIndexed' | 'clipComputed'>> {
    if (!loading) {
      state = 'loading';
      loading = (async () => {
        try {
          if (deps.verify !== false) await verify();
          encoder = await (deps.createEncoder ?? createClipEncoder)({ localModelPath: root });
          state = 'ready';
          message = undefined;
          code = undefined;
        } catch (err) {
          const sou = err instanceof SouError ? err : new SouError('MODEL_LOAD', `CLIP could not be loaded (${(err as Error)?.message}).`);
          state = sou.code === 'MODEL_MISSING' ? 'missing' : 'error';
          message = sou.message;
          code = sou.code;
          encoder = null;
        }
      })();
    }
    return loading.then(status);
  }

  async function setCatalog(list: PhotoCatalogItem[]): Promise<number> {
    items = list.filter((p) => p.image);
    key = catalogKey(items);
    vectors.clear();
    if (deps.db) {
      try {
        const rows = await deps.db.clip.bulkGet(items.map((p) => clipKey(p.id, p.image)));
        for (const r of rows) if (r && r.model === CLIP_MODEL_ID) vectors.set(r.id, dequantizeInt8(r.vector, r.scale));
      } catch (err) {
        throw photoStorageError(err, 'reading the CLIP index');
      }
    }
    return vectors.size;
  }

  async function index(onProgress?: (p: PhotoIndexProgress) => void, batch = 8): Promise<number> {
    await load();
    if (!encoder) return vectors.size;
    const todo = items.filter((p) => !vectors.has(p.id));
    let failed = 0;
    onProgress?.({ kind: 'clip', done: items.length - todo.length, total: items.length, failed });
    for (let i = 0; i < todo.length; i += batch) {
      const chunk = todo.slice(i, i + batch);
      const rows = [];
      for (const it of chunk) {
        try {
          const [v] = await encoder.embedImages([await deps.loadImage(it.image)]);
          const q = quantizeInt8(v);
          // Rank with what is stored, so results are the same after a reload reads it back.
          vectors.set(it.id, dequantizeInt8(q.vector, q.scale));
          computed++;
          rows.push({ key: clipKey(it.id, it.image), catalog: key, id: it.id, image: it.image, model: CLIP_MODEL_ID, vector: q.vector, scale: q.scale });
        } catch {
          failed++;
        }
      }
      if (deps.db && rows.length) {
        try {
          await deps.db.clip.bulkPut(rows);
        } catch (err) {
          deps.db = null;
          throw photoStorageError(err, 'saving the CLIP index');
        }
      }
      onProgress?.({ kind: 'clip', done: Math.min(items.length, vectors.size + failed), total: items.length, failed });
    }
    return vectors.size;
  }

  function rankVector(q: Float32Array, limit: number): Array<{ id: string; score: number }> {
    const out: Array<{ id: string; score: number }> = [];
    for (const it of items) {
      const v = vectors.get(it.id);
      if (!v) continue;
      let s = 0;
      for (let i = 0; i < v.length; i++) s += v[i] * q[i];
      out.push({ id: it.id, score: s });
    }
    return out.sort((a, b) => b.score - a.score).slice(0, limit);
  }

  /**
   * CLIP text-tower scores of a typed query against every indexed product image, best first.
   * Empty when CLIP is not ready (the search flow then simply has no image signal).
   */
  async function scoreText(query: string, limit = 100): Promise<Array<{ id: string; score: number }>> {
    if (state !== 'ready' || !encoder || vectors.size === 0 || !query.trim()) return [];
    const [q] = await encoder.embedTexts([clipQueryText(query)]);
    return rankVector(q, limit);
  }

  /** Nearest catalog images to a photo (a Blob, or pixels already decoded and cropped). */
  async function searchPhoto(photo: Blob | RawImage, limit = 24): Promise<Array<{ id: string; score: number }>> {
    await load();
    if (!encoder) throw new SouError(state === 'missing' ? 'MODEL_MISSING' : 'MODEL_LOAD', message ?? 'CLIP is not available; the instant matcher is used.');
    const [q] = await encoder.embedImages([photo]);
    return rankVector(q, limit);
  }

  /** True when photo and text queries can use CLIP (loaded, and some catalog images embedded). */
  const usable = () => state === 'ready' && encoder !== null && vectors.size > 0;

  return { load, setCatalog, index, scoreText, searchPhoto, status, usable };
}

export type ClipService = ReturnType<typeof createClipService>;
