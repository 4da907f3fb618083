/**
 * `npm run models`: downloads the pinned models of models/manifest.json into
 * models/<repo>/<file> (the layout transformers.js reads under `env.localModelPath`), from
 * `{remoteHost}/{repo}/resolve/{revision}/{file}`.
 *
 * - Pinned files (size + sha256 in the manifest) are verified; a mismatch deletes the file and
 *   fails. Files already present and matching are not downloaded again.
 * - Unverified pins (`"pinStatus": "unverified"`, sha256 null) download with a warning; with
 *   `--pin` the sizes, hashes and the repo commit the Hub served are written into the manifest
 *   (trust on first use; see models/README.md), and later runs verify against them.
 * - Generated models (origin "generated") are built by `npm run assets`, not downloaded.
 *
 * Usage: tsx scripts/fetch-models.ts [--only MODEL_ID] [--fp32] [--pin] [--host URL]
 *                                    [--root DIR] [--manifest FILE]
 * Exit codes: 0 ok, 1 download/verification failed, 2 bad arguments.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesFor, type ModelFileSpec, type ModelManifest, type ModelManifestEntry } from '../src/embedding/integrity';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export class FetchModelsError extends Error {
  override name = 'FetchModelsError';
}

export interface FetchModelsOptions {
  manifestPath?: string;
  /** Models root; default <repo>/models. */
  root?: string;
  /** Override the manifest's remoteHost (mirrors, tests). */
  host?: string;
  only?: string[];
  fp32?: boolean;
  /** Record size/sha256/commit of unverified files into the manifest. */
  pin?: boolean;
  log?: (line: string) => void;
  fetchFn?: typeof fetch;
}

export interface FetchModelsResult {
  downloaded: string[];
  alreadyPresent: string[];
  pinned: string[];
}

const COMMIT = /^[0-9a-f]{40}$/;

async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  const fh = await open(path, 'r');
  try {
    for await (const chunk of fh.createReadStream()) h.update(chunk as Buffer);
  } finally {
    await fh.close();
  }
  return h.digest('hex');
}

async function matchesPin(path: string, spec: ModelFileSpec): Promise<boolean> {
  if (!existsSync(path) || spec.sha256 == null || spec.size == null) return false;
  if (statSync(path).size !== spec.size) return false;
  return (await sha256File(path)) === spec.sha256;
}

interface Downloaded {
  size: number;
  sha256: string;
  commit: string | null;
}

async function download(url: string, dest: string, fetchFn: typeof fetch, log: (l: string) => void): Promise<Downloaded> {
  let res: Response;
  try {
    res = await fetchFn(url, { redirect: 'follow' });
  } catch (err) {
    const cause = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
    throw new FetchModelsError(
      `Could not reach ${new URL(url).origin} (${cause}). Check your internet connection or proxy and run \`npm run models\` again. ` +
        'The app still works without this model, using the built-in instant encoder.',
    );
  }
  if (!res.ok || !res.body) {
    throw new FetchModelsError(
      `Download of ${url} failed: HTTP ${res.status} ${res.statusText}. ` +
        (res.status === 404 ? 'The pinned file or revision no longer exists; update models/manifest.json.' : 'Try `npm run models` again later.'),
    );
  }
  const expected = Number(res.headers.get('content-length') ?? NaN);
  const commit = res.headers.get('x-repo-commit');
  const part = `${dest}.part`;
  mkdirSync(dirname(dest), { recursive: true });
  const fh = await open(part, 'w');
  const hash = createHash('sha256');
  let size = 0;
  let lastReport = 0;
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      await fh.write(chunk);
      size += chunk.length;
      if (Number.isFinite(expected) && expected > 8_000_000 && size - lastReport > expected / 10) {
        lastReport = size;
        log(`    ${((100 * size) / expected).toFixed(0)}%`);
      }
    }
  } catch (err) {
    await fh.close();
    rmSync(part, { force: true });
    throw new FetchModelsError(
      `Download of ${url} was interrupted after ${size} bytes (${err instanceof Error ? err.message : err}). Run \`npm run models\` again.`,
    );
  }
  await fh.close();
  if (Number.isFinite(expected) && size !== expected) {
    rmSync(part, { force: true });
    throw new FetchModelsError(`Download of ${url} is incomplete: ${size} of ${expected} bytes. Run \`npm run models\` again.`);
  }
  renameSync(part, dest);
  return { size, sha256: hash.digest('hex'), commit: commit && COMMIT.test(commit) ? commit : null };
}

function selectedFiles(entry: ModelManifestEntry, fp32: boolean): ModelFileSpec[] {
  const q8 = filesFor(entry, 'q8');
  return fp32 ? [...q8, ...entry.files.filter((f) => f.dtype === 'fp32')] : q8;
}

export async function fetchModels(options: FetchModelsOptions = {}): Promise<FetchModelsResult> {
  const manifestPath = resolve(options.manifestPath ?? join(REPO, 'models', 'manifest.json'));
  const root = resolve(options.root ?? join(REPO, 'models'));
  const log = options.log ?? ((l: string) => console.log(l));
  const fetchFn = options.fetchFn ?? fetch;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ModelManifest;
  const host = (options.host ?? manifest.remoteHost).replace(/\/$/, '');
  const result: FetchModelsResult = { downloaded: [], alreadyPresent: [], pinned: [] };

  const known = manifest.models.map((m) => m.id);
  for (const id of options.only ?? []) {
    if (!known.includes(id)) throw new FetchModelsError(`Unknown model "${id}"; models/manifest.json lists: ${known.join(', ')}.`);
  }
  let manifestChanged = false;
  for (const entry of manifest.models) {
    if (options.only && !options.only.includes(entry.id)) continue;
    if (entry.origin !== 'pinned' || !entry.repo) {
      log(`${entry.id}: generated locally by \`npm run assets\`; nothing to download.`);
      continue;
    }
    let revision = entry.revision ?? 'main';
    const unverified = entry.pinStatus !== 'pinned';
    log(`${entry.id} @ ${revision}${unverified ? ' (unverified pin)' : ''}`);
    for (const spec of selectedFiles(entry, options.fp32 ?? false)) {
      const dest = join(root, entry.repo, spec.path);
      const key = `${entry.id}/${spec.path}`;
      if (await matchesPin(dest, spec)) {
        log(`  ${spec.path}: present, sha256 ok`);
        result.alreadyPresent.push(key);
        continue;
      }
      const url = `${host}/${entry.repo}/resolve/${revision}/${spec.path}`;
      log(`  ${spec.path}: downloading ${url}`);
      const got = await download(url, dest, fetchFn, log);
      if (spec.size != null && got.size !== spec.size) {
        rmSync(dest, { force: true });
        throw new FetchModelsError(
          `${key}: got ${got.size} bytes, the pin says ${spec.size}; the file was removed. Run \`npm run models\` again; ` +
            'if it keeps failing the download is being altered (proxy?) or the pin is wrong.',
        );
      }
      if (spec.sha256 != null && got.sha256 !== spec.sha256) {
        rmSync(dest, { force: true });
        throw new FetchModelsError(
          `${key}: sha256 ${got.sha256} does not match the pinned ${spec.sha256}; the file was removed. ` +
            'Run `npm run models` again; if it keeps failing the download is being altered (proxy?) or the pin is wrong.',
        );
      }
      result.downloaded.push(key);
      if (spec.sha256 == null) {
        if (options.pin) {
          spec.size = got.size;
          spec.sha256 = got.sha256;
          manifestChanged = true;
          result.pinned.push(key);
          log(`    pinned: ${got.size} bytes, sha256 ${got.sha256}`);
        } else {
          log(`    WARNING: not verified (no pin). Run \`npm run models -- --pin\` to record size + sha256.`);
        }
      } else log(`    sha256 ok`);
      // Keep every later file on the exact commit the first one came from.
      if (options.pin && got.commit && !COMMIT.test(revision)) {
        revision = got.commit;
        entry.revision = got.commit;
        manifestChanged = true;
      }
    }
    if (options.pin && entry.files.filter((f) => !f.optional).every((f) => f.sha256 != null) && COMMIT.test(entry.revision ?? '')) {
      if (entry.pinStatus !== 'pinned') manifestChanged = true;
      entry.pinStatus = 'pinned';
    }
  }
  if (manifestChanged) {
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
    log(`Recorded pins in ${manifestPath}. Review and commit it.`);
  }
  return result;
}

function parseArgs(argv: string[]): FetchModelsOptions {
  const opts: FetchModelsOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--only') (opts.only ??= []).push(argv[++i]);
    else if (a === '--fp32') opts.fp32 = true;
    else if (a === '--pin') opts.pin = true;
    else if (a === '--host') opts.host = argv[++i];
    else if (a === '--root') opts.root = argv[++i];
    else if (a === '--manifest') opts.manifestPath = argv[++i];
    else {
      console.error(`Unknown argument ${a}. Usage: npm run models -- [--only MODEL_ID] [--fp32] [--pin] [--host URL] [--root DIR] [--manifest FILE]`);
      process.exit(2);
    }
  }
  return opts;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fetchModels(parseArgs(process.argv.slice(2))).then(
    (r) => console.log(`done: ${r.downloaded.length} downloaded, ${r.alreadyPresent.length} already present, ${r.pinned.length} newly pinned`),
    (err: unknown) => {
      console.error(err instanceof FetchModelsError ? err.message : err);
      process.exit(1);
    },
  );
}
