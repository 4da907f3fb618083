/**
 * Small helpers to write ONNX models from TypeScript with the `onnx-proto` package (protobuf
 * classes generated from ONNX 1.10, IR version 8). Enough for embedding lookups and small
 * random stand-in models; no shape inference, no checker — ONNX Runtime validates on load.
 */
import onnxProto from 'onnx-proto';

export const onnx = onnxProto.onnx;
export type TensorProto = InstanceType<typeof onnx.TensorProto>;
export type NodeProto = InstanceType<typeof onnx.NodeProto>;
export type ValueInfoProto = InstanceType<typeof onnx.ValueInfoProto>;

export const DataType = onnx.TensorProto.DataType;
export type ElemType = 'float32' | 'int8' | 'int32' | 'int64' | 'bool';

const ELEM: Record<ElemType, number> = {
  float32: DataType.FLOAT,
  int8: DataType.INT8,
  int32: DataType.INT32,
  int64: DataType.INT64,
  bool: DataType.BOOL,
};

/** One dimension of a graph input/output: a fixed size or a symbolic name like "batch_size". */
export type Dim = number | string;

function bytesOf(view: ArrayBufferView): Uint8Array {
  // Protobuf raw_data is little-endian; typed arrays on every platform we run on are too.
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

/** An initializer tensor stored as raw little-endian bytes (compact for large tables). */
export function tensor(
  name: string,
  dims: number[],
  data: Float32Array | Int8Array | Int32Array | BigInt64Array,
): TensorProto {
  const count = dims.reduce((a, b) => a * b, 1);
  if (count !== data.length) {
    throw new Error(`tensor ${name}: dims ${dims.join('x')} need ${count} values, got ${data.length}`);
  }
  const dataType =
    data instanceof Float32Array
      ? DataType.FLOAT
      : data instanceof Int8Array
        ? DataType.INT8
        : data instanceof Int32Array
          ? DataType.INT32
          : DataType.INT64;
  return onnx.TensorProto.create({ name, dims, dataType, rawData: bytesOf(data) });
}

export function int64Tensor(name: string, values: number[], dims: number[] = [values.length]): TensorProto {
  return tensor(name, dims, BigInt64Array.from(values.map((v) => BigInt(v))));
}

export function floatScalar(name: string, value: number): TensorProto {
  return tensor(name, [], Float32Array.of(value));
}

export function valueInfo(name: string, elem: ElemType, dims: Dim[]): ValueInfoProto {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType: ELEM[elem],
        shape: {
          dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })),
        },
      },
    },
  });
}

type AttrValue = number | number[] | string | TensorProto;

/** A graph node; integer attributes are written as INT(S), non-integers as FLOAT(S). */
export function node(
  opType: string,
  inputs: string[],
  outputs: string[],
  attributes: Record<string, AttrValue> = {},
  name?: string,
): NodeProto {
  const AT = onnx.AttributeProto.AttributeType;
  const attribute = Object.entries(attributes).map(([key, v]) => {
    if (typeof v === 'string') return { name: key, type: AT.STRING, s: new TextEncoder().encode(v) };
    if (Array.isArray(v)) {
      return v.every(Number.isInteger)
        ? { name: key, type: AT.INTS, ints: v }
        : { name: key, type: AT.FLOATS, floats: v };
    }
    if (typeof v === 'number') {
      return Number.isInteger(v) ? { name: key, type: AT.INT, i: v } : { name: key, type: AT.FLOAT, f: v };
    }
    return { name: key, type: AT.TENSOR, t: v };
  });
  return onnx.NodeProto.create({ opType, input: inputs, output: outputs, name: name ?? outputs[0], attribute });
}

export interface GraphSpec {
  name: string;
  inputs: ValueInfoProto[];
  outputs: ValueInfoProto[];
  nodes: NodeProto[];
  initializers: TensorProto[];
  /** Default opset 13 (Unsqueeze/Squeeze take axes as an input; DequantizeLinear per-axis). */
  opset?: number;
  docString?: string;
  producer?: string;
}

/** Serialises a model; output bytes are deterministic for identical specs. */
export function encodeModel(spec: GraphSpec): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: spec.producer ?? 'sou',
    producerVersion: '1',
    docString: spec.docString ?? '',
    opsetImport: [{ domain: '', version: spec.opset ?? 13 }],
    graph: {
      name: spec.name,
      node: spec.nodes,
      input: spec.inputs,
      output: spec.outputs,
      initializer: spec.initializers,
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

/** The three inputs every BERT-shaped encoder in transformers.js takes. */
export function bertInputs(): ValueInfoProto[] {
  return ['input_ids', 'attention_mask', 'token_type_ids'].map((n) =>
    valueInfo(n, 'int64', ['batch_size', 'sequence_length']),
  );
}

/** Deterministic PRNG for reproducible random stand-in weights. */
export { seededRandom } from '../../src/core/random';

/** `count` normal(0, std) samples from a seeded generator (Box-Muller). */
export function randomNormal(count: number, std: number, rand: () => number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i += 2) {
    const u = Math.max(rand(), 1e-12);
    const v = rand();
    const r = Math.sqrt(-2 * Math.log(u)) * std;
    out[i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < count) out[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  return out;
}

/** Symmetric per-tensor int8 quantization: returns the int8 data and its scale. */
export function quantizeSymmetric(values: Float32Array): { data: Int8Array; scale: number } {
  let max = 0;
  for (const v of values) max = Math.max(max, Math.abs(v));
  const scale = max > 0 ? max / 127 : 1;
  const data = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = Math.round(values[i] / scale);
  return { data, scale };
}
