/**
 * Model manifest types and sha256 integrity checks of model files, with WebCrypto
 * (`crypto.subtle`), which the browser, workers and Node 20 all provide. How the bytes are read
 * (fetch in the app, fs in Node) is the caller's business: pass a `read` function.
 */
import { SouError } from '../core/types';

export interface ModelFileSpec {
  /** Path inside the model folder, e.g. "onnx/model_quantized.onnx". */
  path: string;
  /** Expected byte size; null while the pin is unverified. */
  size?: number | null;
  /** Expected lower-case hex sha256; null while the pin is unverified. */
  sha256?: string | null;
  dtype?: 'q8' | 'fp32';
  /** Not needed for the default (q8) use. */
  optional?: boolean;
}

export interface ModelManifestEntry {
  id: string;
  task: string;
  origin: 'pinned' | 'generated';
  repo?: string;
  revision?: string;
  pinStatus?: 'pinned' | 'unverified';
  /** For generated models: the build's own manifest (relative to the models root). */
  localManifest?: string;
  dims?: number;
  files: ModelFileSpec[];
}

export interface ModelManifest {
  schemaVersion: number;
  remoteHost: string;
  models: ModelManifestEntry[];
}

export function findModel(manifest: ModelManifest, id: string): ModelManifestEntry {
  const entry = manifest.models.find((m) => m.id === id);
  if (!entry) {
    throw new SouError('MODEL_MISSING', `Model "${id}" is not listed in models/manifest.json.`, { modelId: id });
  }
  return entry;
}

/** Files a given dtype needs: every non-optional file plus the weights of that dtype. */
export function filesFor(entry: ModelManifestEntry, dtype: 'q8' | 'fp32' = 'q8'): ModelFileSpec[] {
  return entry.files.filter((f) => (f.dtype ? f.dtype === dtype : !f.optional));
}

export async function sha256Hex(data: ArrayBuffer | Uint8Array): Promise<string> {
  const buffer = data instanceof Uint8Array ? data : new Uint8Array(data);
  const digest = await crypto.subtle.digest('SHA-256', buffer as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface VerifyResult {
  /** Files whose size and sha256 matched a pin. */
  verified: string[];
  /** Files present but with no pin to check against (trust on first use not yet recorded). */
  unpinned: string[];
}

function fixHint(modelId: string): string {
  return modelId.startsWith('sou/') ? 'Run `npm run assets` to rebuild it.' : 'Run `npm run models` again to re-download it.';
}

/**
 * Checks one file's bytes against its spec; throws SouError MODEL_MISSING (bytes null) or
 * MODEL_CHECKSUM (size or hash differs, e.g. a truncated download).
 */
export async function verifyModelFile(modelId: string, spec: ModelFileSpec, bytes: Uint8Array | null): Promise<'verified' | 'unpinned'> {
  if (bytes === null) {
    throw new SouError('MODEL_MISSING', `Model "${modelId}" is missing ${spec.path}. ${fixHint(modelId)}`, {
      modelId,
      file: spec.path,
    });
  }
  if (spec.size != null && bytes.length !== spec.size) {
    throw new SouError(
      'MODEL_CHECKSUM',
      `Model file ${modelId}/${spec.path} has ${bytes.length} bytes, expected ${spec.size} (incomplete or damaged). ${fixHint(modelId)}`,
      { modelId, file: spec.path, size: bytes.length, expectedSize: spec.size },
    );
  }
  if (spec.sha256 == null) return 'unpinned';
  const actual = await sha256Hex(bytes);
  if (actual !== spec.sha256.toLowerCase()) {
    throw new SouError(
      'MODEL_CHECKSUM',
      `Model file ${modelId}/${spec.path} does not match its pinned sha256 (damaged or replaced). ${fixHint(modelId)}`,
      { modelId, file: spec.path, sha256: actual, expectedSha256: spec.sha256 },
    );
  }
  return 'verified';
}

/** Verifies every listed file, in order; stops at the first problem (thrown as SouError). */
export async function verifyModelFiles(
  modelId: string,
  files: readonly ModelFileSpec[],
  read: (path: string) => Promise<Uint8Array | null>,
): Promise<VerifyResult> {
  const result: VerifyResult = { verified: [], unpinned: [] };
  for (const spec of files) {
    const outcome = await verifyModelFile(modelId, spec, await read(spec.path));
    result[outcome].push(spec.path);
  }
  return result;
}

/** A reader over HTTP (the app's `/models/<id>/` folder): 404 means missing. */
export function httpModelReader(baseUrl: string, fetchFn: typeof fetch = fetch): (path: string) => Promise<Uint8Array | null> {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return async (path) => {
    const res = await fetchFn(base + path);
    if (res.status === 404) return null;
    if (!res.ok) {
      throw new SouError('MODEL_LOAD', `Could not read model file ${path} (HTTP ${res.status}). Reload the app; if it persists, reinstall the models.`, {
        path,
        status: res.status,
      });
    }
    return new Uint8Array(await res.arrayBuffer());
  };
}
