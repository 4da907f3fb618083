import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ModelManifest } from '../../src/embedding/integrity';
import { loadBestEncoder } from '../../src/embedding/loadBest';
import { INSTANT_ENCODER_ID, MINILM_ID, TEXT_ENCODERS, type TextEncoderInfo } from '../../src/embedding/models';

const enc = (s: string) => new TextEncoder().encode(s);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** An in-memory /models/ folder: model id -> path -> bytes. */
function fakeModels() {
  const instantFiles: Record<string, Uint8Array> = {
    'config.json': enc('{"model_type":"bert","hidden_size":100}'),
    'tokenizer.json': enc('{"model":{"type":"WordPiece"}}'),
    'tokenizer_config.json': enc('{}'),
    'onnx/model_quantized.onnx': new Uint8Array(4096).fill(7),
  };
  const localManifest = {
    id: INSTANT_ENCODER_ID,
    files: Object.entries(instantFiles).map(([path, b]) => ({ path, size: b.length, sha256: sha(b) })),
  };
  const files: Record<string, Record<string, Uint8Array>> = {
    [INSTANT_ENCODER_ID]: { ...instantFiles, 'manifest.json': enc(JSON.stringify(localManifest)) },
  };
  const manifest: ModelManifest = {
    schemaVersion: 1,
    remoteHost: 'https://example.invalid',
    models: [
      {
        id: MINILM_ID,
        task: 'text-embedding',
        origin: 'pinned',
        files: [
          { path: 'config.json', size: null, sha256: null },
          { path: 'onnx/model_quantized.onnx', dtype: 'q8', size: null, sha256: null },
        ],
      },
      { id: INSTANT_ENCODER_ID, task: 'text-embedding', origin: 'generated', files: [] },
    ],
  };
  const loaded: string[] = [];
  const deps = {
    manifest,
    candidates: TEXT_ENCODERS,
    isPresent: async (id: string) => id in files,
    readFile: async (id: string, path: string) => files[id]?.[path] ?? null,
    load: async (info: TextEncoderInfo) => {
      loaded.push(info.id);
      if (files[info.id]?.['onnx/model_quantized.onnx']?.length === 10) throw new Error('protobuf parsing failed');
      return { id: info.id };
    },
  };
  return { files, manifest, deps, loaded };
}

describe('loading the best intact text encoder', () => {
  it('uses the instant encoder when it is the only one and its files match their build pins', async () => {
    const { deps, loaded } = fakeModels();
    const r = await loadBestEncoder(deps);
    expect(r.info.id).toBe(INSTANT_ENCODER_ID);
    expect(r.skipped).toEqual([]);
    expect(loaded).toEqual([INSTANT_ENCODER_ID]);
  });

  it('refuses a changed tokenizer with MODEL_CHECKSUM and never loads it', async () => {
    const { deps, files, loaded } = fakeModels();
    const tampered = Uint8Array.from(files[INSTANT_ENCODER_ID]['tokenizer.json']);
    tampered[3] ^= 1;
    files[INSTANT_ENCODER_ID]['tokenizer.json'] = tampered;
    await expect(loadBestEncoder(deps)).rejects.toMatchObject({ code: 'MODEL_CHECKSUM', message: expect.stringContaining('npm run assets') });
    expect(loaded).toEqual([]);
  });

  it('refuses truncated weights by their size', async () => {
    const { deps, files } = fakeModels();
    files[INSTANT_ENCODER_ID]['onnx/model_quantized.onnx'] = new Uint8Array(1000);
    await expect(loadBestEncoder(deps)).rejects.toMatchObject({ code: 'MODEL_CHECKSUM', message: expect.stringMatching(/1000 bytes, expected 4096/) });
  });

  it('reports a model ONNX Runtime refuses, without trying another one in the same runtime', async () => {
    const { deps, files, loaded } = fakeModels();
    files[MINILM_ID] = { 'config.json': enc('{}'), 'onnx/model_quantized.onnx': new Uint8Array(10) };
    await expect(loadBestEncoder(deps)).rejects.toMatchObject({ code: 'MODEL_LOAD', message: expect.stringMatching(/damaged.*npm run models/) });
    expect(loaded).toEqual([MINILM_ID]);
  });

  it('checks MiniLM against its sha256 once pinned, before loading it', async () => {
    const { deps, files, manifest, loaded } = fakeModels();
    const weights = new Uint8Array(64).fill(1);
    files[MINILM_ID] = { 'config.json': enc('{}'), 'onnx/model_quantized.onnx': weights };
    const pinned = manifest.models[0].files[1];
    pinned.size = 64;
    pinned.sha256 = sha(new Uint8Array(64).fill(2)); // same size, other content
    const r = await loadBestEncoder(deps);
    expect(r.info.id).toBe(INSTANT_ENCODER_ID);
    expect(r.skipped[0]).toMatchObject({ id: MINILM_ID, code: 'MODEL_CHECKSUM' });
    expect(loaded).toEqual([INSTANT_ENCODER_ID]);
    // With the right hash MiniLM is used.
    pinned.sha256 = sha(weights);
    expect((await loadBestEncoder(deps)).info.id).toBe(MINILM_ID);
  });

  it('says what to install when no model is present', async () => {
    const { deps } = fakeModels();
    await expect(loadBestEncoder({ ...deps, isPresent: async () => false })).rejects.toMatchObject({ code: 'MODEL_MISSING' });
  });
});
