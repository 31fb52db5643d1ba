/** The repo's test photos, decoded in Node into RGBA pixels (the shape ImageData has). */
import { readFileSync } from 'node:fs';
import { decodeImage } from '../../src/node/decode';
import { sniffImage } from '../../src/image/image-format';
import type { RgbaPixels } from '../../src/image/image-input';

export const FIXTURES = new URL('../fixtures/faces/', import.meta.url);

export const fixtureBytes = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, FIXTURES)));

export async function loadPixels(nameOrPath: string): Promise<RgbaPixels> {
  const bytes = nameOrPath.includes('/') ? new Uint8Array(readFileSync(nameOrPath)) : fixtureBytes(nameOrPath);
  return decodeImage(bytes, sniffImage(bytes)!.mime);
}

/** The photo turned clockwise by quarterTurns × 90°. */
export function rotatePixels(p: RgbaPixels, quarterTurns: number): RgbaPixels {
  const q = ((quarterTurns % 4) + 4) % 4;
  const width = q % 2 ? p.height : p.width;
  const height = q % 2 ? p.width : p.height;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < p.height; y++) {
    for (let x = 0; x < p.width; x++) {
      const [nx, ny] = q === 1 ? [p.height - 1 - y, x] : q === 2 ? [p.width - 1 - x, p.height - 1 - y] : q === 3 ? [y, p.width - 1 - x] : [x, y];
      data.set(p.data.subarray((y * p.width + x) * 4, (y * p.width + x) * 4 + 4), (ny * width + nx) * 4);
    }
  }
  return { data, width, height };
}
