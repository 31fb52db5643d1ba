/** RGBA bytes to RGB floats, wherever in their buffer the bytes start. */
import { describe, expect, it } from 'vitest';
import { rgbInto } from '../../src/image/image-tensor';

describe('rgbInto', () => {
  const rgba = [10, 20, 30, 255, 40, 50, 60, 0, 255, 0, 128, 7];
  const rgb = [10, 20, 30, 40, 50, 60, 255, 0, 128];

  it('drops alpha and keeps the order of the channels', () => {
    const out = new Float32Array(9);
    rgbInto(Uint8ClampedArray.from(rgba), out);
    expect(Array.from(out)).toEqual(rgb);
  });

  it('reads bytes that start at an offset not a multiple of 4 (a Node Buffer in a shared pool)', () => {
    const buffer = new Uint8Array(3 + rgba.length);
    buffer.set(rgba, 3);
    const out = new Float32Array(9);
    rgbInto(buffer.subarray(3), out);
    expect(Array.from(out)).toEqual(rgb);
  });
});
