/**
 * Page side: any image of a request in a form that crosses to the worker. It is checked first
 * exactly as the analyzer on the page checks it (same codes, same messages); what the worker
 * can decode itself (a Blob) goes as it is, a 2D canvas sends its pixels, anything else drawn in
 * the page becomes an ImageBitmap that is transferred, not copied, and raw pixels are copied.
 */
import { FaceAnalyzeError } from '../contract/errors';
import { checkSize, isA, readableOrigin, readImage, type InputContext } from '../image/image-input';
import type { ImageInput, RgbaPixels } from '../contract/types';
import type { WireImage } from './protocol';

/** How an image crosses: 'as-is' (structured clone), 'pixels' (copied), 'bitmap' or 'frame' (drawn into a transferred ImageBitmap). */
export type Crossing = 'as-is' | 'pixels' | 'bitmap' | 'frame';

export interface Crossed {
  image: WireImage;
  transfer: Transferable[];
}

const isPixels = (x: unknown): x is RgbaPixels =>
  typeof x === 'object' && x !== null && 'data' in x && (x.data instanceof Uint8ClampedArray || x.data instanceof Uint8Array);

export function crossingOf(image: unknown): Crossing {
  if (isA<Blob>('Blob', image)) return 'as-is';
  if (isA<VideoFrame>('VideoFrame', image)) return 'frame';
  // ImageData too: a copy of exactly its pixels, never the rest of a larger buffer they may sit in.
  if (isPixels(image)) return 'pixels';
  // Elements, bitmaps, OffscreenCanvas; anything else is refused by readImage as on the page.
  return 'bitmap';
}

/** Exactly the pixels, in a buffer of their own that can be transferred. */
export function copyPixels(pixels: RgbaPixels): Crossed {
  const data = pixels.data.slice();
  return { image: { data, width: pixels.width, height: pixels.height }, transfer: [data.buffer] };
}

// readImage fetches only for image_url and decodes only Blobs; neither comes here.
const IN_PAGE: InputContext = { fetch: (...args) => fetch(...args), timeoutMs: 1 };

async function bitmapOf(source: ImageBitmapSource): Promise<Crossed> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(source);
  } catch (e) {
    throw new FaceAnalyzeError('image_decode_failed', `The image could not be read in the page: ${(e as Error)?.message ?? e}`, { cause: e });
  }
  return { image: bitmap, transfer: [bitmap] };
}

/** The image, checked and ready to post; the caller posts `transfer` with it (or closes the bitmaps it holds). */
export async function crossImage(image: ImageInput): Promise<Crossed> {
  switch (crossingOf(image)) {
    case 'as-is':
      return { image: image as Blob, transfer: [] };
    case 'frame': {
      const frame = image as VideoFrame;
      checkSize(frame.displayWidth, frame.displayHeight);
      return bitmapOf(frame);
    }
    case 'pixels':
      await readImage({ kind: 'image', image: image as ImageInput }, IN_PAGE);
      return copyPixels(image as RgbaPixels);
    case 'bitmap': {
      const pixels = await readImage({ kind: 'image', image: image as ImageInput }, IN_PAGE);
      try {
        // A 2D canvas's own pixels, read on the page (about 1 ms at 640×480): a bitmap of a
        // GPU canvas is read back in the worker through the GPU process, which under software
        // rendering waits behind the page's painting (a tracked frame 31 ms instead of 18).
        const own = isA<HTMLCanvasElement>('HTMLCanvasElement', pixels.source) ? pixels.source.getContext('2d') : null;
        if (own) {
          const data = readableOrigin(() => own.getImageData(0, 0, pixels.width, pixels.height).data);
          return { image: { data, width: pixels.width, height: pixels.height }, transfer: [data.buffer] };
        }
        return await bitmapOf(pixels.source as ImageBitmapSource);
      } finally {
        pixels.release();
      }
    }
  }
}

/** Frees the bitmaps of a message that will not be sent. */
export function discard(transfer: Transferable[]): void {
  for (const t of transfer) if (isA<ImageBitmap>('ImageBitmap', t)) t.close();
}
