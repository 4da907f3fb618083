/**
 * Model file integrity: WebCrypto sha256 checks against manifest pins, and `npm run models`
 * (fetchModels) against a local HTTP server standing in for the Hub: pins on first use, then
 * detects and removes a damaged download, and explains an unreachable host.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStandinModels } from '../../scripts/build-standin-models';
import { fetchModels } from '../../scripts/fetch-models';
import { filesFor, sha256Hex, verifyModelFiles, type ModelManifest } from '../../src/embedding/integrity';
import { MINILM_ID, pickBestEncoder, INSTANT_ENCODER_ID } from '../../src/embedding/models';

let work: string;
let standinDir: string;
let server: Server;
let host: string;
/** Bytes the fake Hub serves instead of the real file, per path (to simulate damage). */
const tampered = new Map<string, Buffer>();

const readFrom = (dir: string) => async (path: string) =>
  existsSync(join(dir, path)) ? new Uint8Array(readFileSync(join(dir, path))) : null;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'sou-integrity-'));
  const [built] = buildStandinModels({ root: join(work, 'hub'), log: () => undefined });
  standinDir = built.dir;
  server = createServer((req, res) => {
    // /{repo}/resolve/{revision}/{file}
    const m = /^\/(.+?\/.+?)\/resolve\/([^/]+)\/(.+)$/.exec(req.url ?? '');
    const file = m ? join(work, 'hub', m[1], m[3]) : '';
    if (!m || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    const body = tampered.get(m[3]) ?? readFileSync(file);
    res.writeHead(200, { 'content-length': body.length, 'x-repo-commit': 'a'.repeat(40) }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  host = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(work, { recursive: true, force: true });
});

function writeManifest(name: string, minilmRevision?: string): string {
  const manifest = JSON.parse(readFileSync(join(process.cwd(), 'models', 'manifest.json'), 'utf8')) as ModelManifest;
  if (minilmRevision) manifest.models.find((m) => m.id === MINILM_ID)!.revision = minilmRevision;
  const path = join(work, name);
  writeFileSync(path, JSON.stringify(manifest, null, 2));
  return path;
}

describe('sha256 integrity (WebCrypto)', () => {
  it('hashes like the standard test vector', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('accepts intact files and rejects a truncated one with MODEL_CHECKSUM', async () => {
    const built = buildStandinModels({ root: join(work, 'hub'), log: () => undefined })[0];
    const files = built.files.map((f) => ({ path: f.path, size: f.size, sha256: f.sha256 }));
    const ok = await verifyModelFiles(MINILM_ID, files, readFrom(standinDir));
    expect(ok.verified).toHaveLength(files.length);

    const copy = mkdtempSync(join(work, 'copy-'));
    for (const f of files) {
      const bytes = readFileSync(join(standinDir, f.path));
      const truncated = f.path === 'onnx/model_quantized.onnx' ? bytes.subarray(0, bytes.length - 1000) : bytes;
      rmSync(join(copy, f.path), { force: true });
      mkdirSync(join(copy, f.path, '..'), { recursive: true });
      writeFileSync(join(copy, f.path), truncated);
    }
    await expect(verifyModelFiles(MINILM_ID, files, readFrom(copy))).rejects.toMatchObject({
      code: 'MODEL_CHECKSUM',
      message: expect.stringContaining('npm run models'),
    });
    // Same size but different content is caught by the hash.
    const flipped = Buffer.from(readFileSync(join(standinDir, 'tokenizer.json')));
    flipped[10] ^= 1;
    writeFileSync(join(copy, 'onnx/model_quantized.onnx'), readFileSync(join(standinDir, 'onnx/model_quantized.onnx')));
    writeFileSync(join(copy, 'tokenizer.json'), flipped);
    await expect(verifyModelFiles(MINILM_ID, files, readFrom(copy))).rejects.toMatchObject({ code: 'MODEL_CHECKSUM' });
    rmSync(join(copy, 'config.json'));
    await expect(verifyModelFiles(MINILM_ID, files, readFrom(copy))).rejects.toMatchObject({ code: 'MODEL_MISSING' });
  });

  it('lists q8 files as needed and fp32 weights as optional', () => {
    const manifest = JSON.parse(readFileSync(join(process.cwd(), 'models', 'manifest.json'), 'utf8')) as ModelManifest;
    const entry = manifest.models.find((m) => m.id === MINILM_ID)!;
    expect(filesFor(entry, 'q8').map((f) => f.path)).toEqual([
      'config.json',
      'tokenizer.json',
      'tokenizer_config.json',
      'onnx/model_quantized.onnx',
    ]);
    expect(filesFor(entry, 'fp32').map((f) => f.path)).toContain('onnx/model.onnx');
  });
});

describe('npm run models (fetchModels)', () => {
  it('downloads into models/<repo>/, pins on first use, then skips verified files', async () => {
    // An entry that follows a branch gets the exact commit the Hub served recorded on first use.
    const manifestPath = writeManifest('manifest-pin.json', 'main');
    const root = join(work, 'models-pin');
    const first = await fetchModels({ manifestPath, root, host, pin: true, only: [MINILM_ID], log: () => undefined });
    expect(first.downloaded).toHaveLength(4);
    expect(first.pinned).toHaveLength(4);
    const pinned = JSON.parse(readFileSync(manifestPath, 'utf8')) as ModelManifest;
    const entry = pinned.models.find((m) => m.id === MINILM_ID)!;
    expect(entry.revision).toBe('a'.repeat(40));
    // Every required (q8) file is pinned; the optional fp32 weights were not fetched.
    expect(entry.pinStatus).toBe('pinned');
    expect(entry.files.find((f) => f.path === 'onnx/model.onnx')?.sha256).toBeNull();
    const q8 = entry.files.find((f) => f.path === 'onnx/model_quantized.onnx')!;
    expect(q8.size).toBe(readFileSync(join(standinDir, q8.path)).length);
    expect(readFileSync(join(root, MINILM_ID, q8.path)).equals(readFileSync(join(standinDir, q8.path)))).toBe(true);

    const second = await fetchModels({ manifestPath, root, host, only: [MINILM_ID], log: () => undefined });
    expect(second.downloaded).toHaveLength(0);
    expect(second.alreadyPresent).toHaveLength(4);

    // A damaged file on disk is re-downloaded; a damaged download is removed and reported.
    rmSync(join(root, MINILM_ID, q8.path));
    const body = readFileSync(join(standinDir, q8.path));
    tampered.set(q8.path, Buffer.concat([body.subarray(0, 100), Buffer.alloc(body.length - 100)]));
    try {
      await expect(fetchModels({ manifestPath, root, host, only: [MINILM_ID], log: () => undefined })).rejects.toThrow(
        /sha256 .* does not match .* removed/,
      );
      expect(existsSync(join(root, MINILM_ID, q8.path))).toBe(false);
    } finally {
      tampered.delete(q8.path);
    }
  });

  it('explains an unreachable host', async () => {
    const manifestPath = writeManifest('manifest-offline.json');
    await expect(
      fetchModels({ manifestPath, root: join(work, 'models-offline'), host: 'http://127.0.0.1:9', log: () => undefined }),
    ).rejects.toThrow(/Could not reach http:\/\/127\.0\.0\.1:9 .*npm run models/);
  });
});

describe('pickBestEncoder', () => {
  it('prefers the pinned MiniLM when present and falls back to the instant encoder', async () => {
    expect((await pickBestEncoder(async () => true))?.id).toBe(MINILM_ID);
    expect((await pickBestEncoder(async (id) => id === INSTANT_ENCODER_ID))?.id).toBe(INSTANT_ENCODER_ID);
    expect(
      (await pickBestEncoder(async (id) => {
        if (id === MINILM_ID) throw new Error('fetch failed');
        return true;
      }))?.id,
    ).toBe(INSTANT_ENCODER_ID);
    expect(await pickBestEncoder(async () => false)).toBeNull();
  });
});
