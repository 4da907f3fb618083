/**
 * Picks and loads the best text encoder that is installed AND intact.
 *
 * Each candidate (preference order of TEXT_ENCODERS) that is present is checked against its pins
 * before it is loaded: generated models against the sizes + sha256 their build wrote beside them
 * (`<id>/manifest.json`), downloaded models against models/manifest.json once pinned. A damaged or
 * model that fails its pins (truncated, changed) does not leave the shopper without semantic search
 * when a lesser encoder is intact: the next one is tried, and the reason is kept so the UI can say
 * which model is broken and what to do. A model that passes its pins but that ONNX Runtime refuses
 * ends the search (see below): the error is thrown, and the app stays lexical with a message.
 *
 * I/O is injected (fetching files, creating the encoder), so this runs in the embed worker and in
 * unit tests alike.
 */
import { SouError } from '../core/types';
import { verifyModelFiles, type ModelFileSpec, type ModelManifest } from './integrity';
import { TEXT_ENCODERS, type TextEncoderInfo } from './models';

export interface LoadBestDeps<E> {
  /** Resolves true when the model's files are served (e.g. its config.json exists). */
  isPresent(modelId: string): Promise<boolean>;
  /** Reads one file of a model; null when it does not exist. */
  readFile(modelId: string, path: string): Promise<Uint8Array | null>;
  /** The pinned-models manifest (models/manifest.json). */
  manifest: ModelManifest;
  load(info: TextEncoderInfo): Promise<E>;
  candidates?: readonly TextEncoderInfo[];
}

export interface LoadBestResult<E> {
  encoder: E;
  info: TextEncoderInfo;
  /** Better encoders that were present but failed, with why (shown to the user). */
  skipped: Array<{ id: string; code: string; message: string }>;
}

/** The files of a model that have something to check against (size or sha256). */
export async function pinsFor(
  modelId: string,
  manifest: ModelManifest,
  readFile: LoadBestDeps<unknown>['readFile'],
): Promise<ModelFileSpec[]> {
  const entry = manifest.models.find((m) => m.id === modelId);
  if (!entry) return [];
  if (entry.origin === 'generated') {
    // The build writes its own manifest beside the model; without it there is nothing to check.
    const bytes = await readFile(modelId, 'manifest.json');
    if (!bytes) return [];
    let local: { files?: ModelFileSpec[] };
    try {
      local = JSON.parse(new TextDecoder().decode(bytes)) as { files?: ModelFileSpec[] };
    } catch {
      throw new SouError('MODEL_CHECKSUM', `The build manifest of "${modelId}" is damaged. Run \`npm run assets\` to rebuild the model.`, { modelId });
    }
    return (local.files ?? []).filter((f) => f.path.endsWith('.json') || f.path.endsWith('_quantized.onnx'));
  }
  // Pinned models: the q8 files (the ones the app loads) that carry a size or a hash.
  return entry.files.filter((f) => !f.optional && (f.dtype === undefined || f.dtype === 'q8') && (f.size != null || f.sha256 != null));
}

export async function loadBestEncoder<E>(deps: LoadBestDeps<E>): Promise<LoadBestResult<E>> {
  const skipped: LoadBestResult<E>['skipped'] = [];
  let firstError: SouError | null = null;
  for (const info of deps.candidates ?? TEXT_ENCODERS) {
    let present = false;
    try {
      present = await deps.isPresent(info.id);
    } catch {
      present = false;
    }
    if (!present) continue;
    try {
      const pins = await pinsFor(info.id, deps.manifest, deps.readFile);
      if (pins.length > 0) await verifyModelFiles(info.id, pins, (path) => deps.readFile(info.id, path));
    } catch (err) {
      // Caught before any byte reached the runtime: the next candidate can be tried safely.
      const e = err instanceof SouError ? err : new SouError('MODEL_CHECKSUM', String(err), { modelId: info.id });
      firstError ??= e;
      skipped.push({ id: info.id, code: e.code, message: e.message });
      continue;
    }
    try {
      const encoder = await deps.load(info);
      return { encoder, info, skipped };
    } catch (err) {
      // Once ONNX Runtime has refused a model, later sessions in the same worker failed too
      // (seen in Chromium: "protobuf parsing failed" for an intact instant encoder after a
      // truncated MiniLM), so stop here and report; lexical search keeps working.
      const e =
        err instanceof SouError
          ? err
          : new SouError(
              'MODEL_LOAD',
              `Model "${info.id}" could not be loaded (${err instanceof Error ? err.message : String(err)}); its files may be damaged. ${
                info.origin === 'generated' ? 'Run `npm run assets` to rebuild it.' : 'Run `npm run models` again to re-download it.'
              }`,
              { modelId: info.id },
            );
      firstError ??= e;
      skipped.push({ id: info.id, code: e.code, message: e.message });
      break;
    }
  }
  if (firstError && skipped.length > 1) {
    // Every installed model failed: say what is wrong with each, best first.
    throw new SouError(firstError.code, skipped.map((s) => s.message.replace(/[.。]\s*$/, '')).join('. Also: ') + '.', { skipped });
  }
  throw (
    firstError ??
    new SouError('MODEL_MISSING', 'No text model is installed under /models/. Run `npm run assets` (instant encoder) or `npm run models` (MiniLM) and rebuild.')
  );
}
