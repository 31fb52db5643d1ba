/**
 * Image decoding for Node, which has no createImageBitmap: JPEG (with its EXIF orientation
 * applied, as a browser would) and PNG, in pure JavaScript.
 */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { RgbaPixels } from '../image/image-input';

/** EXIF orientation (1-8) of a JPEG, 1 when absent. */
export function jpegOrientation(b: Uint8Array): number {
  let i = 2;
  while (i + 4 < b.length && b[i] === 0xff) {
    const marker = b[i + 1]!;
    const length = (b[i + 2]! << 8) | b[i + 3]!;
    if (marker === 0xe1 && String.fromCharCode(...b.subarray(i + 4, i + 8)) === 'Exif') {
      const t = i + 10;
      const little = b[t] === 0x49;
      const u16 = (at: number): number => (little ? b[at]! | (b[at + 1]! << 8) : (b[at]! << 8) | b[at + 1]!);
      const u32 = (at: number): number => (little ? u16(at) + u16(at + 2) * 65536 : u16(at) * 65536 + u16(at + 2));
      const ifd = t + u32(t + 4);
      for (let e = 0; e < u16(ifd); e++) {
        const entry = ifd + 2 + e * 12;
        if (u16(entry) === 0x0112) return u16(entry + 8);
      }
      return 1;
    }
    if (marker === 0xda) break;
    i += 2 + length;
  }
  return 1;
}

/** Applies an EXIF orientation to RGBA pixels, giving the image as displayed. */
export function orient(p: RgbaPixels, orientation: number): RgbaPixels {
  if (orientation <= 1 || orientation > 8) return p;
  const swap = orientation >= 5;
  const width = swap ? p.height : p.width;
  const height = swap ? p.width : p.height;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // (sx, sy): the stored pixel shown at displayed (x, y).
      let sx = x;
      let sy = y;
      switch (orientation) {
        case 2: sx = p.width - 1 - x; break;
        case 3: sx = p.width - 1 - x; sy = p.height - 1 - y; break;
        case 4: sy = p.height - 1 - y; break;
        case 5: sx = y; sy = x; break;
        case 6: sx = y; sy = p.height - 1 - x; break;
        case 7: sx = p.width - 1 - y; sy = p.height - 1 - x; break;
        case 8: sx = p.width - 1 - y; sy = x; break;
      }
      const from = (sy * p.width + sx) * 4;
      data.set(p.data.subarray(from, from + 4), (y * width + x) * 4);
    }
  }
  return { data, width, height };
}

export async function decodeImage(bytes: Uint8Array, mime: string): Promise<RgbaPixels> {
  if (mime === 'image/png') {
    const png = PNG.sync.read(Buffer.from(bytes));
    return { data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), width: png.width, height: png.height };
  }
  if (mime === 'image/jpeg') {
    const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
    return orient({ data: new Uint8ClampedArray(img.data.buffer), width: img.width, height: img.height }, jpegOrientation(bytes));
  }
  throw new Error(`Node can decode JPEG and PNG only, not ${mime}.`);
}
