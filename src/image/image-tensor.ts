/**
 * Pixels → the float32 RGB tensor the models read, at most WORK_SIDE long. On the CPU backends
 * (wasm, cpu) the RGBA bytes become RGB floats in one typed loop; TF.js's fromPixels spends
 * about 4 ms on a 640×480 frame building an int32 copy it then casts, most of a tracked frame's
 * budget besides the mesh. On WebGL the browser uploads the element as a texture instead.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { isA, readableOrigin, type Pixels } from './image-input';

/** A rectangle of whole pixels of the image: xMin, yMin inclusive, xMax, yMax exclusive. */
export interface PixelSpan {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Images larger than this (long side) are analysed at this size; points are scaled back. */
export const WORK_SIDE = 2048;

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
type Drawable = Exclude<Pixels['source'], ImageData | { data: Uint8ClampedArray | Uint8Array }>;

/** Writes the RGB values (0–255) of RGBA bytes into `out`, alpha dropped. */
export function rgbInto(rgba: Uint8Array | Uint8ClampedArray, out: Float32Array): void {
  const n = rgba.length >> 2;
  rgbSpanInto(rgba, n, { xMin: 0, yMin: 0, xMax: n, yMax: 1 }, out);
}

/**
 * Writes the RGB values of `span` of an image's RGBA rows (`rowPixels` a row) into `out`, row
 * after row: straight from the image, since a copy of the span first cost more than the
 * conversion (Chromium here spends about 4 ms touching a fresh megabyte).
 */
export function rgbSpanInto(rgba: Uint8Array | Uint8ClampedArray, rowPixels: number, span: PixelSpan, out: Float32Array): void {
  const n = rgba.length >> 2;
  // A pixel at a time as one little-endian word (R in the low byte): a quarter of the reads.
  const words = rgba.byteOffset % 4 === 0 ? new Uint32Array(rgba.buffer, rgba.byteOffset, n) : new Uint32Array(rgba.slice(0, n * 4).buffer);
  const width = span.xMax - span.xMin;
  // A call a row: V8 optimizes it once, where one long loop was recompiled on the stack each call.
  for (let y = span.yMin, k = 0; y < span.yMax; y++, k += 3 * width) rowInto(words, y * rowPixels + span.xMin, width, out, k);
}

function rowInto(words: Uint32Array, from: number, width: number, out: Float32Array, k: number): void {
  for (let i = from, end = from + width; i < end; i++, k += 3) {
    const v = words[i]!;
    out[k] = v & 255;
    out[k + 1] = (v >>> 8) & 255;
    out[k + 2] = (v >>> 16) & 255;
  }
}

/**
 * The [height, width, 3] float tensor `write` fills. On wasm it is written straight into the
 * tensor's memory on the wasm heap: no 3.7 MB array a frame to allocate, fill and copy again.
 */
function rgbTensor(width: number, height: number, write: (out: Float32Array) => void): tf.Tensor3D {
  const shape: [number, number, number] = [height, width, 3];
  if (tf.getBackend() !== 'wasm') {
    const out = new Float32Array(width * height * 3);
    write(out);
    return tf.tensor3d(out, shape, 'float32');
  }
  const backend = tf.backend() as BackendWasm;
  const info = backend.makeOutput(shape, 'float32');
  write(backend.typedArrayFromHeap(info) as Float32Array);
  return tf.engine().makeTensorFromTensorInfo(info) as tf.Tensor3D;
}

let reader: Context2D | null = null;

/** One reusable canvas kept in CPU memory, since every frame is read back from it. */
function readerSized(width: number, height: number): Context2D {
  if (!reader) {
    const canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(width, height) : document.createElement('canvas');
    reader = canvas.getContext('2d', { willReadFrequently: true }) as Context2D | null;
    if (!reader) throw new Error('No 2D canvas to read the image pixels with.');
  }
  if (reader.canvas.width !== width || reader.canvas.height !== height) {
    reader.canvas.width = width;
    reader.canvas.height = height;
  }
  return reader;
}

/**
 * `span` of the image (whole pixels, at the image's own size) as a [height, width, 3] float
 * tensor: what a crop needs from a frame, without the rest of it. Read from the image's own
 * pixel rows where it has them, else from a 2D canvas's copy of the span.
 */
export function spanTensor({ source }: Pixels, span: PixelSpan): tf.Tensor3D {
  const { xMin: x, yMin: y } = span;
  const [w, h] = [span.xMax - x, span.yMax - y];
  if ('data' in source) return rgbTensor(w, h, (out) => rgbSpanInto(source.data, source.width, span, out));
  const rgba = canvasRgba(source, x, y, w, h);
  return rgbTensor(w, h, (out) => rgbInto(rgba, out));
}

/** RGBA bytes of a w×h rectangle of a drawable source, at (x, y). */
function canvasRgba(source: Drawable, x: number, y: number, w: number, h: number): Uint8ClampedArray {
  // A 2D canvas reads back its own pixels about three times faster than a copy drawn from it.
  const own = isA<HTMLCanvasElement>('HTMLCanvasElement', source) ? source.getContext('2d') : null;
  if (own) return readableOrigin(() => own.getImageData(x, y, w, h).data);
  const ctx = readerSized(w, h);
  ctx.drawImage(source, x, y, w, h, 0, 0, w, h);
  try {
    return readableOrigin(() => ctx.getImageData(0, 0, w, h).data);
  } catch (e) {
    // A cross-origin image taints the canvas it is drawn on for good: the next image needs a new one.
    reader = null;
    throw e;
  }
}

/** The source's pixels as [height, width, 3] float32, at the size of the source itself. */
function fullSize(pixels: Pixels): tf.Tensor3D {
  const { source } = pixels;
  // Not pixels.width: an image shrunk by the browser (shrinkTo) is a bitmap smaller than the image.
  const [width, height] = 'data' in source ? [source.width, source.height] : sourceSize(source);
  if (tf.getBackend() === 'webgl' && !('data' in source)) {
    return readableOrigin(() => tf.tidy(() => tf.cast(tf.browser.fromPixels(source as Parameters<typeof tf.browser.fromPixels>[0]), 'float32')));
  }
  return spanTensor(pixels, { xMin: 0, yMin: 0, xMax: width, yMax: height });
}

function sourceSize(source: Drawable): [number, number] {
  if (isA<HTMLVideoElement>('HTMLVideoElement', source)) return [source.videoWidth, source.videoHeight];
  if (isA<HTMLImageElement>('HTMLImageElement', source)) return [source.naturalWidth, source.naturalHeight];
  return [source.width, source.height];
}

/** The image as a float tensor at most WORK_SIDE long (the source may already be shrunk), and its scale to the image. */
export function toTensor(pixels: Pixels): { image: tf.Tensor3D; scale: number } {
  const image = tf.tidy(() => {
    let t = fullSize(pixels);
    const [height, width] = t.shape;
    const scale = Math.min(1, WORK_SIDE / Math.max(width, height));
    if (scale < 1) {
      const pool = Math.floor(1 / scale);
      let b = tf.expandDims(t, 0) as tf.Tensor4D;
      if (pool >= 2) b = tf.avgPool(b, pool, pool, 'valid');
      t = tf.squeeze(tf.image.resizeBilinear(b, [Math.round(height * scale), Math.round(width * scale)], false, true), [0]);
    }
    return t;
  });
  return { image, scale: image.shape[1] / pixels.width };
}
