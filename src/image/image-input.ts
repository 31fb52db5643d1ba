/**
 * Turns any image source of a request into pixels the engine can read, in the orientation
 * the browser displays (EXIF honoured), refusing non-images and impossible sizes with the
 * error codes of the contract.
 */
import { FaceAnalyzeError } from '../contract/errors';
import { sniffImage } from './image-format';
import type { ImageSource } from '../contract/request';
import type { ImageInput, RgbaPixels } from '../contract/types';

export type { RgbaPixels };

export const MIN_SIDE = 32;
export const MAX_SIDE = 16384;
export const MAX_PIXELS = 100_000_000;

/** Decodes encoded image bytes where the runtime has no createImageBitmap (Node). */
export type ImageDecoder = (bytes: Uint8Array, mime: string) => Promise<RgbaPixels>;

/** Something tf.browser.fromPixels reads, with the size of the image as displayed. */
export interface Pixels {
  source: HTMLImageElement | HTMLCanvasElement | HTMLVideoElement | ImageBitmap | ImageData | RgbaPixels;
  width: number;
  height: number;
  /** Frees what decoding allocated (an ImageBitmap). */
  release(): void;
}

export interface InputContext {
  fetch: typeof fetch;
  timeoutMs: number;
  decode?: ImageDecoder;
}

/**
 * Runs `read`, which reads an image's pixels, and turns the browser's refusal to let the page
 * read a cross-origin image (a SecurityError) into an error that says so.
 */
export function readableOrigin<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if ((e as DOMException)?.name !== 'SecurityError') throw e;
    throw new FaceAnalyzeError(
      'image_decode_failed',
      'The image comes from another origin without CORS permission, so the browser does not let the page read its pixels: load it with crossorigin="anonymous" from a server that allows it, or pass its image_url.',
      { cause: e },
    );
  }
}

export function checkSize(width: number, height: number): void {
  if (!(width >= MIN_SIDE && height >= MIN_SIDE)) {
    throw new FaceAnalyzeError('image_too_small', `The image is ${width}×${height} pixels: each side must be at least ${MIN_SIDE} pixels.`);
  }
  if (width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS) {
    throw new FaceAnalyzeError('image_too_large', `The image is ${width}×${height} pixels: each side must be at most ${MAX_SIDE} and the whole at most ${MAX_PIXELS / 1e6} megapixels.`);
  }
}

const fetchFailed = (detail?: string, cause?: unknown): FaceAnalyzeError =>
  new FaceAnalyzeError('api_error', detail ? `fetch failed: ${detail}` : 'fetch failed', { cause });

async function fetchBytes(url: string, ctx: InputContext): Promise<Uint8Array> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ctx.timeoutMs);
  try {
    // No cookies or credentials ever go with a user-given URL.
    const response = await ctx.fetch(url, { credentials: 'omit', signal: controller.signal, mode: 'cors' });
    if (!response.ok) throw fetchFailed(`the server answered HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  } catch (e) {
    if (e instanceof FaceAnalyzeError) throw e;
    if (controller.signal.aborted) throw fetchFailed(`no answer within ${ctx.timeoutMs / 1000} s`, e);
    throw fetchFailed(undefined, e);
  } finally {
    clearTimeout(timer);
  }
}

function base64Bytes(text: string, field: 'image_url' | 'image_base64'): Uint8Array {
  const match = /^data:([^,]*?),(.*)$/s.exec(text.trim());
  if (match && !/;base64$/i.test(match[1]!)) {
    throw new FaceAnalyzeError('invalid_base64', `${field} is a data: URL that is not base64-encoded (it needs ";base64,").`);
  }
  const body = (match ? match[2]! : text).replace(/\s+/g, '');
  if (body.length === 0 || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(body)) throw new FaceAnalyzeError('invalid_base64');
  try {
    const binary = atob(body.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  } catch (e) {
    throw new FaceAnalyzeError('invalid_base64', undefined, { cause: e });
  }
}

async function decodeBytes(bytes: Uint8Array, ctx: InputContext): Promise<Pixels> {
  if (bytes.length === 0) throw new FaceAnalyzeError('not_an_image', 'The file is empty (0 bytes).');
  const format = sniffImage(bytes);
  if (!format) throw new FaceAnalyzeError('not_an_image');
  if (format.width !== undefined && format.height !== undefined) checkSize(format.width, format.height);
  if (ctx.decode) {
    let pixels: RgbaPixels;
    try {
      pixels = await ctx.decode(bytes, format.mime);
    } catch (e) {
      // The decoder knows why: a damaged file, or a format this runtime's decoder lacks.
      throw new FaceAnalyzeError('image_decode_failed', `The ${format.mime} image could not be decoded: ${(e as Error)?.message ?? e}`, { cause: e });
    }
    checkSize(pixels.width, pixels.height);
    return { source: pixels, width: pixels.width, height: pixels.height, release: () => undefined };
  }
  if (typeof createImageBitmap !== 'function') {
    throw new FaceAnalyzeError('image_decode_failed', 'This runtime cannot decode images; pass a decode function in the analyzer options.');
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes as BlobPart], { type: format.mime }), { imageOrientation: 'from-image' });
  } catch (e) {
    throw new FaceAnalyzeError('image_decode_failed', undefined, { cause: e });
  }
  return bitmapPixels(bitmap, true);
}

function bitmapPixels(bitmap: ImageBitmap, owned: boolean): Pixels {
  try {
    checkSize(bitmap.width, bitmap.height);
  } catch (e) {
    if (owned) bitmap.close();
    throw e;
  }
  return { source: bitmap, width: bitmap.width, height: bitmap.height, release: () => owned && bitmap.close() };
}

/**
 * The same image from a source at most `maxSide` long, scaled by the browser where it can:
 * the analyzer would otherwise turn a 100-megapixel photo into over a gigabyte of tensors
 * before scaling it down itself. Takes `pixels` over: release only the result.
 */
export async function shrinkTo(pixels: Pixels, maxSide: number): Promise<Pixels> {
  const { source, width, height } = pixels;
  const scale = maxSide / Math.max(width, height);
  const rawArray = 'data' in source && !isA<ImageData>('ImageData', source);
  if (scale >= 1 || rawArray || typeof createImageBitmap !== 'function') return pixels;
  let small: ImageBitmap;
  try {
    small = await createImageBitmap(source, {
      resizeWidth: Math.max(1, Math.round(width * scale)),
      resizeHeight: Math.max(1, Math.round(height * scale)),
      resizeQuality: 'high',
    });
  } catch {
    // The analyzer can still scale the full image, only slower.
    return pixels;
  }
  pixels.release();
  return { source: small, width, height, release: () => small.close() };
}

/** `x instanceof` the global class `name`, false where the runtime has no such class (Node, workers). */
export const isA = <T>(name: string, x: unknown): x is T =>
  typeof (globalThis as Record<string, unknown>)[name] === 'function' &&
  x instanceof ((globalThis as Record<string, unknown>)[name] as new () => T);

async function elementPixels(image: ImageInput, ctx: InputContext): Promise<Pixels> {
  if (isA<Blob>('Blob', image)) return decodeBytes(new Uint8Array(await image.arrayBuffer()), ctx);
  if (isA<HTMLImageElement>('HTMLImageElement', image)) {
    if (!image.complete || image.naturalWidth === 0) {
      throw new FaceAnalyzeError('image_decode_failed', 'The <img> has not finished loading, or it failed to load.');
    }
    checkSize(image.naturalWidth, image.naturalHeight);
    return { source: image, width: image.naturalWidth, height: image.naturalHeight, release: () => undefined };
  }
  if (isA<HTMLVideoElement>('HTMLVideoElement', image)) {
    if (image.readyState < 2 || image.videoWidth === 0) {
      throw new FaceAnalyzeError('image_decode_failed', 'The <video> has no frame to analyse yet.');
    }
    checkSize(image.videoWidth, image.videoHeight);
    return { source: image, width: image.videoWidth, height: image.videoHeight, release: () => undefined };
  }
  if (isA<ImageBitmap>('ImageBitmap', image)) return bitmapPixels(image, false);
  if (isA<OffscreenCanvas>('OffscreenCanvas', image)) {
    checkSize(image.width, image.height);
    return bitmapPixels(await createImageBitmap(image), true);
  }
  if (isA<VideoFrame>('VideoFrame', image)) {
    checkSize(image.displayWidth, image.displayHeight);
    return bitmapPixels(await createImageBitmap(image), true);
  }
  if (isA<HTMLCanvasElement>('HTMLCanvasElement', image)) {
    checkSize(image.width, image.height);
    return { source: image, width: image.width, height: image.height, release: () => undefined };
  }
  const data = image as unknown as RgbaPixels;
  if (data && typeof data === 'object' && (data.data instanceof Uint8ClampedArray || data.data instanceof Uint8Array)) {
    if (!Number.isInteger(data.width) || !Number.isInteger(data.height) || data.data.length !== data.width * data.height * 4) {
      throw new FaceAnalyzeError('image_decode_failed', 'The ImageData has a size that does not match its pixel data.');
    }
    checkSize(data.width, data.height);
    return { source: data, width: data.width, height: data.height, release: () => undefined };
  }
  throw new FaceAnalyzeError('invalid_request', 'image must be an image, canvas, video, VideoFrame, ImageBitmap, ImageData or Blob.');
}

export async function readImage(source: ImageSource, ctx: InputContext): Promise<Pixels> {
  switch (source.kind) {
    case 'url': {
      const bytes = source.url.startsWith('data:') ? base64Bytes(source.url, 'image_url') : await fetchBytes(source.url, ctx);
      return decodeBytes(bytes, ctx);
    }
    case 'base64':
      return decodeBytes(base64Bytes(source.data, 'image_base64'), ctx);
    case 'image':
      return elementPixels(source.image, ctx);
  }
}
