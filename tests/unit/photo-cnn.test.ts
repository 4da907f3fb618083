/**
 * The photo CNN is MobileNetV2 rewritten from the nsfwjs Keras model into ONNX by
 * scripts/build-photo-cnn.ts. This checks the rewrite against TensorFlow.js running the original
 * model: same input, same feature maps. A wrong weight layout or a BN fold would show up here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPhotoCnn, PHOTO_CNN_OUTPUTS } from '../../scripts/build-photo-cnn';

const require = createRequire(import.meta.url);
const out = mkdtempSync(join(tmpdir(), 'sou-photo-cnn-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('photo CNN conversion', () => {
  it('gives the same block-6/10/13 feature maps as TensorFlow.js on the original model', async () => {
    const built = buildPhotoCnn(out);
    expect(built.built).toBe(true);
    expect(buildPhotoCnn(out).built).toBe(false); // idempotent

    const tf = await import('@tensorflow/tfjs');
    await tf.setBackend('cpu');
    const pkgDir = join(require.resolve('@tensorflow/tfjs').split('/node_modules/')[0], 'node_modules/nsfwjs/dist/models/mobilenet_v2');
    const topo = require(join(pkgDir, 'model.min.js'));
    const shard = Buffer.from(require(join(pkgDir, 'group1-shard1of1.min.js')) as string, 'base64');
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: topo.modelTopology,
        weightSpecs: topo.weightsManifest[0].weights,
        weightData: shard.buffer.slice(shard.byteOffset, shard.byteOffset + shard.byteLength),
      }),
    );
    const names = Object.keys(PHOTO_CNN_OUTPUTS) as Array<keyof typeof PHOTO_CNN_OUTPUTS>;
    const features = tf.model({
      inputs: model.inputs,
      outputs: names.map((n) => model.getLayer(PHOTO_CNN_OUTPUTS[n].layer).output as import('@tensorflow/tfjs').SymbolicTensor),
    });
    const x = tf.randomUniform([1, 224, 224, 3], -1, 1, 'float32', 42);
    const expected = (features.predict(x) as import('@tensorflow/tfjs').Tensor[]).map((t) => t.transpose([0, 3, 1, 2]).dataSync());

    const ort = await import('onnxruntime-node');
    const session = await ort.InferenceSession.create(built.modelPath);
    const res = await session.run({ pixel_values: new ort.Tensor('float32', x.transpose([0, 3, 1, 2]).dataSync() as Float32Array, [1, 3, 224, 224]) });
    names.forEach((n, i) => {
      const got = res[n].data as Float32Array;
      expect(res[n].dims[1]).toBe(PHOTO_CNN_OUTPUTS[n].channels);
      expect(got.length).toBe(expected[i].length);
      let maxDiff = 0;
      for (let k = 0; k < got.length; k++) maxDiff = Math.max(maxDiff, Math.abs(got[k] - expected[i][k]));
      expect(maxDiff).toBeLessThan(1e-3);
    });
    await session.release();
  }, 60_000);
});
