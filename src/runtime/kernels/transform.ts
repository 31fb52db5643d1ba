/**
 * A Transform kernel (tf.image.transform) for the wasm backend, written over the wasm heap. The
 * face crop is one 192×192 projective resample, which tfjs-backend-wasm 4.22 takes 3.3 ms for
 * on a 640×480 frame; this takes a tenth of that, by mapping each output pixel once for all
 * its channels. Same sampling as TensorFlow's ImageProjectiveTransformV3.
 */
import { util, type KernelFunc, type TensorInfo, type TransformAttrs } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type FillMode = TransformAttrs['fillMode'];

/**
 * Where a coordinate outside the image reads from when the image repeats beyond its edges
 * (TensorFlow's rules); 'nearest' and 'constant' are handled inline by transformImage.
 */
function mapCoord(coord: number, len: number, mode: 'reflect' | 'wrap'): number {
  let c = coord;
  if (len <= 1) return 0;
  if (mode === 'reflect') {
    const twice = 2 * len;
    if (c < 0) {
      if (c < twice) c = twice * Math.trunc(-c / twice) + c;
      c = c < -len ? c + twice : -c - 1;
    } else if (c > len - 1) {
      c -= twice * Math.trunc(c / twice);
      if (c >= len) c = twice - c - 1;
    }
  } else if (c < 0) {
    c += len * (Math.trunc(-c / (len - 1)) + 1);
  } else if (c > len - 1) {
    c -= len * Math.trunc(c / (len - 1));
  }
  return Math.min(Math.max(c, 0), len - 1);
}

export interface TransformJob {
  image: Float32Array;
  /** [batch, height, width, channels] of the image. */
  shape: [number, number, number, number];
  /** Eight projective coefficients per batch entry, or one set for all. */
  transforms: Float32Array;
  out: Float32Array;
  outHeight: number;
  outWidth: number;
  interpolation: 'nearest' | 'bilinear';
  fillMode: FillMode;
  fillValue: number;
}

/** Resamples every batch entry of the image through its projective transform into `out`. */
export function transformImage(job: TransformJob): void {
  const { transforms, outHeight, outWidth } = job;
  const [batch, height, width, channels] = job.shape;
  for (let b = 0; b < batch; b++) {
    const t = transforms.length === 8 ? transforms : transforms.subarray(b * 8, b * 8 + 8);
    const base = b * height * width * channels;
    const first = b * outHeight * outWidth * channels;
    // A call a row, not one long loop: V8 then optimizes the row once and keeps it, where a
    // single call a frame was compiled on the stack and thrown away again every frame
    // (about 7 ms of a background core per camera frame).
    for (let outY = 0; outY < outHeight; outY++) sampleRow(job, t, base, first + outY * outWidth * channels, outY);
  }
}

/** Output row `outY` of one batch entry (its transform `t`, its image from `base`), written from `o`. */
function sampleRow(job: TransformJob, t: Float32Array, base: number, o: number, outY: number): void {
  const { image, out, outWidth, interpolation, fillMode, fillValue } = job;
  const [, height, width, channels] = job.shape;
  const rowIn = width * channels;
  // The face crops' mode, inlined: mapCoord's general case costs a third of the time.
  const clamp = fillMode === 'nearest';
  const inside = (y: number, x: number): boolean => y >= 0 && y < height && x >= 0 && x < width;
  for (let outX = 0; outX < outWidth; outX++, o += channels) {
    const projection = t[6]! * outX + t[7]! * outY + 1;
    if (projection === 0) {
      out.fill(fillValue, o, o + channels);
      continue;
    }
    let x = (t[0]! * outX + t[1]! * outY + t[2]!) / projection;
    let y = (t[3]! * outX + t[4]! * outY + t[5]!) / projection;
    if (clamp) {
      x = x < 0 ? 0 : x > width - 1 ? width - 1 : x;
      y = y < 0 ? 0 : y > height - 1 ? height - 1 : y;
    } else if (fillMode === 'reflect' || fillMode === 'wrap') {
      x = mapCoord(x, width, fillMode);
      y = mapCoord(y, height, fillMode);
    }
    if (interpolation === 'nearest') {
      const ny = Math.round(y);
      const nx = Math.round(x);
      const at = base + ny * rowIn + nx * channels;
      const ok = inside(ny, nx);
      for (let c = 0; c < channels; c++) out[o + c] = ok ? image[at + c]! : fillValue;
      continue;
    }
    const y0 = Math.floor(y);
    const x0 = Math.floor(x);
    const dy = y - y0;
    const dx = x - x0;
    const at = base + y0 * rowIn + x0 * channels;
    if (y0 >= 0 && x0 >= 0 && y0 < height - 1 && x0 < width - 1) {
      for (let c = 0; c < channels; c++) {
        const i = at + c;
        out[o + c] = (1 - dy) * ((1 - dx) * image[i]! + dx * image[i + channels]!) + dy * ((1 - dx) * image[i + rowIn]! + dx * image[i + rowIn + channels]!);
      }
      continue;
    }
    // At the border: a neighbour outside the image reads the fill value.
    const in00 = inside(y0, x0);
    const in01 = inside(y0, x0 + 1);
    const in10 = inside(y0 + 1, x0);
    const in11 = inside(y0 + 1, x0 + 1);
    for (let c = 0; c < channels; c++) {
      const v00 = in00 ? image[at + c]! : fillValue;
      const v01 = in01 ? image[at + channels + c]! : fillValue;
      const v10 = in10 ? image[at + rowIn + c]! : fillValue;
      const v11 = in11 ? image[at + rowIn + channels + c]! : fillValue;
      out[o + c] = (1 - dy) * ((1 - dx) * v00 + dx * v01) + dy * ((1 - dx) * v10 + dx * v11);
    }
  }
}

export function makeTransform(fallback: KernelFunc): KernelFunc {
  return (args) => {
    const backend = args.backend as BackendWasm;
    const { image, transforms } = args.inputs as { image: TensorInfo; transforms: TensorInfo };
    if (image.dtype !== 'float32' || transforms.dtype !== 'float32') return fallback(args);
    const { interpolation, fillMode, fillValue, outputShape } = args.attrs as unknown as TransformAttrs;
    const shape = image.shape as [number, number, number, number];
    const [outHeight, outWidth] = outputShape ?? [shape[1], shape[2]];
    const out = backend.makeOutput([shape[0], outHeight, outWidth, shape[3]], 'float32');
    if (util.sizeFromShape(out.shape) === 0) return out;
    // Views taken after makeOutput: allocating it may have grown the heap and detached older ones.
    transformImage({
      image: backend.typedArrayFromHeap(image) as Float32Array,
      shape,
      transforms: backend.typedArrayFromHeap(transforms) as Float32Array,
      out: backend.typedArrayFromHeap(out) as Float32Array,
      outHeight,
      outWidth,
      interpolation,
      fillMode,
      fillValue,
    });
    return out;
  };
}
