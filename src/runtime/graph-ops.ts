/**
 * The TensorFlow ops our four models use, as TF.js calls with their attributes read once, when
 * the graph is compiled. They make the same TF.js calls as tfjs-converter's executors, so the
 * results are identical; what they save is the converter's per-node, per-call bookkeeping.
 */
import * as tf from '@tensorflow/tfjs-core';

/** A node of a frozen TensorFlow graph as the converter's model.json stores it. */
export interface NodeDef {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, AttrValue>;
}

export interface AttrValue {
  i?: string | number;
  f?: number;
  b?: boolean;
  s?: string;
  type?: string;
  list?: { i?: Array<string | number>; s?: string[]; f?: number[] };
}

/** Reads an input tensor's values as numbers (shapes, axes, paddings); constant inputs are read once. */
export type ReadValues = (input: number) => number[];

export type OpRun = (inputs: tf.Tensor[], values: ReadValues) => tf.Tensor;

const DTYPES: Record<string, tf.DataType> = { DT_FLOAT: 'float32', DT_INT32: 'int32', DT_BOOL: 'bool' };

/** A node's attributes, with TensorFlow's defaults where the graph leaves one out. */
class Attrs {
  constructor(private readonly node: NodeDef) {}
  private get(name: string): AttrValue | undefined {
    return this.node.attr?.[name];
  }
  int(name: string, fallback = 0): number {
    const v = this.get(name)?.i;
    return v === undefined ? fallback : Number(v);
  }
  ints(name: string, fallback: number[] = []): number[] {
    return this.get(name)?.list?.i?.map(Number) ?? fallback;
  }
  float(name: string, fallback = 0): number {
    return this.get(name)?.f ?? fallback;
  }
  bool(name: string): boolean {
    return this.get(name)?.b ?? false;
  }
  str(name: string, fallback: string): string {
    const v = this.get(name)?.s;
    return v === undefined ? fallback : atob(v);
  }
  strs(name: string): string[] {
    return (this.get(name)?.list?.s ?? []).map((s) => atob(s));
  }
  dtype(name: string): tf.DataType {
    const t = this.get(name)?.type ?? 'DT_FLOAT';
    const dtype = DTYPES[t];
    if (!dtype) throw new Error(`${this.node.name}: unsupported type ${t}`);
    return dtype;
  }
}

type ExplicitPadding = [[number, number], [number, number], [number, number], [number, number]];
type Pad = 'same' | 'valid' | ExplicitPadding;

/** 'SAME', 'VALID', or TensorFlow's flat explicit paddings as four [before, after] pairs. */
function padding(a: Attrs): Pad {
  const pad = a.str('padding', 'VALID').toLowerCase();
  if (pad !== 'explicit') return pad as 'same' | 'valid';
  const flat = a.ints('explicit_paddings');
  return [0, 1, 2, 3].map((i) => [flat[2 * i]!, flat[2 * i + 1]!]) as ExplicitPadding;
}

type Activation = 'linear' | 'relu' | 'relu6' | 'prelu' | 'leakyrelu' | 'elu' | 'sigmoid';

/** _FusedConv2D and FusedDepthwiseConv2dNative: a convolution with BiasAdd and/or an activation. */
function fusedConv(node: NodeDef, depthwise: boolean): OpRun {
  const a = new Attrs(node);
  const [extra, activation] = a.strs('fused_ops').map((s) => s.toLowerCase()) as [string | undefined, Activation | undefined];
  if (extra === 'fusedbatchnorm') throw new Error(`${node.name}: fused batch norm is not supported`);
  const hasBias = extra === 'biasadd';
  const strides = a.ints('strides', [1, 1, 1, 1]);
  const dilations = a.ints('dilations', [1, 1, 1, 1]);
  const config = {
    strides: [strides[1]!, strides[2]!] as [number, number],
    pad: padding(a) as 'same' | 'valid' | ExplicitPadding,
    dataFormat: a.str('data_format', 'NHWC').toUpperCase() as 'NHWC',
    dilations: [dilations[1]!, dilations[2]!] as [number, number],
    activation: activation ?? 'linear',
    leakyreluAlpha: a.float('leakyrelu_alpha', 0.2),
  };
  return ([x, filter, ...args]) => {
    // As tfjs-converter reads them: without BiasAdd the one extra argument is PReLU's alpha.
    const bias = hasBias ? args[0] : undefined;
    const preluActivationWeights = hasBias ? args[1] : args[0];
    const params = { x: x as tf.Tensor4D, filter: filter as tf.Tensor4D, bias, preluActivationWeights, ...config };
    // TF.js types leave explicit padding out of fused.depthwiseConv2d; its shape logic
    // (conv_util.computeConv2DInfo) and the kernels take it as conv2d does.
    return depthwise ? tf.fused.depthwiseConv2d(params as typeof params & { pad: 'valid' }) : tf.fused.conv2d(params);
  };
}

function stack(inputs: tf.Tensor[], axis: number): tf.Tensor {
  // TensorFlow packs a [1] with a scalar; TF.js wants equal shapes, so reshape to the first's.
  const shape = inputs[0]!.shape;
  const same = inputs.every((t) => t.shape.length === shape.length && t.shape.every((d, i) => d === shape[i]));
  if (same) return tf.stack(inputs, axis);
  return tf.tidy(() => tf.stack(inputs.map((t) => tf.reshape(t, shape)), axis));
}

const unary = (f: (x: tf.Tensor) => tf.Tensor): (() => OpRun) => () => ([x]) => f(x!);
const binary = (f: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor): (() => OpRun) => () => ([a, b]) => f(a!, b!);

/** Each op's compiler: it reads the node's attributes once and returns what runs per call. */
export const OPS: Record<string, (node: NodeDef) => OpRun> = {
  AddV2: binary(tf.add),
  Add: binary(tf.add),
  Sub: binary(tf.sub),
  Mul: binary(tf.mul),
  Maximum: binary(tf.maximum),
  Minimum: binary(tf.minimum),
  Atan2: binary(tf.atan2),
  LessEqual: binary(tf.lessEqual),
  GreaterEqual: binary(tf.greaterEqual),
  LogicalAnd: binary(tf.logicalAnd),
  Prelu: binary((x, alpha) => tf.prelu(x, alpha)),
  Cos: unary(tf.cos),
  Sin: unary(tf.sin),
  Neg: unary(tf.neg),
  Floor: unary(tf.floor),
  Sigmoid: unary(tf.sigmoid),
  Relu: unary(tf.relu),
  ZerosLike: unary(tf.zerosLike),
  AddN: () => (inputs) => tf.addN(inputs),
  Shape: () => ([x]) => tf.tensor1d(x!.shape, 'int32'),
  Cast: (node) => {
    const dtype = new Attrs(node).dtype('DstT');
    return ([x]) => tf.cast(x!, dtype);
  },
  Reshape: () => ([x], values) => tf.reshape(x!, values(1)),
  ExpandDims: () => ([x], values) => tf.expandDims(x!, values(1)[0]),
  Transpose: () => ([x], values) => tf.transpose(x!, values(1)),
  Tile: () => ([x], values) => tf.tile(x!, values(1)),
  StridedSlice: (node) => {
    const a = new Attrs(node);
    const masks = ['begin_mask', 'end_mask', 'ellipsis_mask', 'new_axis_mask', 'shrink_axis_mask'].map((m) => a.int(m)) as [
      number,
      number,
      number,
      number,
      number,
    ];
    return ([x], values) => tf.stridedSlice(x!, values(1), values(2), values(3), ...masks);
  },
  Pack: (node) => {
    const axis = new Attrs(node).int('axis');
    return (inputs) => stack(inputs, axis);
  },
  ConcatV2: () => (inputs, values) => tf.concat(inputs.slice(0, -1), values(inputs.length - 1)[0]),
  GatherV2: (node) => {
    const batchDims = new Attrs(node).int('batch_dims');
    return ([x, indices], values) =>
      indices!.dtype === 'int32'
        ? tf.gather(x!, indices!, values(2)[0], batchDims)
        : tf.tidy(() => tf.gather(x!, tf.cast(indices!, 'int32'), values(2)[0], batchDims));
  },
  Fill: (node) => {
    const dtype = new Attrs(node).dtype('T');
    return (_, values) => tf.fill(values(0), values(1)[0]!, dtype);
  },
  Range: (node) => {
    const dtype = new Attrs(node).dtype('Tidx') as 'float32' | 'int32';
    return (_, values) => tf.range(values(0)[0]!, values(1)[0]!, values(2)[0], dtype);
  },
  Pad: () => ([x], values) => tf.pad(x!, pairs(values(1))),
  PadV2: () => ([x], values) => tf.pad(x!, pairs(values(1)), values(2)[0]),
  Max: (node) => {
    const keep = new Attrs(node).bool('keep_dims');
    return ([x], values) => tf.max(x!, values(1), keep);
  },
  Min: (node) => {
    const keep = new Attrs(node).bool('keep_dims');
    return ([x], values) => tf.min(x!, values(1), keep);
  },
  MatMul: (node) => {
    const a = new Attrs(node);
    const [ta, tb] = [a.bool('transpose_a'), a.bool('transpose_b')];
    return ([x, y]) => tf.matMul(x!, y!, ta, tb);
  },
  BatchMatMulV2: (node) => {
    const a = new Attrs(node);
    const [ta, tb] = [a.bool('adj_x'), a.bool('adj_y')];
    return ([x, y]) => tf.matMul(x!, y!, ta, tb);
  },
  MaxPool: (node) => {
    const a = new Attrs(node);
    const [k, s] = [a.ints('ksize'), a.ints('strides')];
    const pad = padding(a) as 'same' | 'valid';
    return ([x]) => tf.maxPool(x as tf.Tensor4D, [k[1]!, k[2]!], [s[1]!, s[2]!], pad);
  },
  DepthwiseConv2dNative: (node) => {
    const a = new Attrs(node);
    const [s, d] = [a.ints('strides', [1, 1, 1, 1]), a.ints('dilations', [1, 1, 1, 1])];
    const pad = padding(a);
    const format = a.str('data_format', 'NHWC').toUpperCase() as 'NHWC';
    return ([x, filter]) => tf.depthwiseConv2d(x as tf.Tensor4D, filter as tf.Tensor4D, [s[1]!, s[2]!], pad, format, [d[1]!, d[2]!]);
  },
  _FusedConv2D: (node) => fusedConv(node, false),
  FusedDepthwiseConv2dNative: (node) => fusedConv(node, true),
  DepthToSpace: (node) => {
    const a = new Attrs(node);
    const [block, format] = [a.int('block_size'), a.str('data_format', 'NHWC').toUpperCase() as 'NHWC'];
    return ([x]) => tf.depthToSpace(x as tf.Tensor4D, block, format);
  },
  ResizeBilinear: (node) => {
    const a = new Attrs(node);
    const [align, half] = [a.bool('align_corners'), a.bool('half_pixel_centers')];
    return ([x], values) => {
      const [h, w] = values(1);
      return tf.image.resizeBilinear(x as tf.Tensor4D, [h!, w!], align, half);
    };
  },
};

function pairs(flat: number[]): Array<[number, number]> {
  return Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i]!, flat[2 * i + 1]!]);
}
