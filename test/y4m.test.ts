import { describe, expect, it } from 'vitest';
import { encodeY4m, rgbaToI420, y4mHeader } from '../e2e/support/y4m';

const solid = (w: number, h: number, rgb: [number, number, number]) => {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let i = 0; i < w * h; i++) data.set([...rgb, 255], i * 4);
  return { data, width: w, height: h };
};

describe('y4m', () => {
  it('writes the header Chromium reads', () => {
    expect(y4mHeader(640, 480, 30)).toBe('YUV4MPEG2 W640 H480 F30:1 Ip A1:1 C420jpeg\n');
  });

  it('converts with full-range BT.601: white, black and red', () => {
    const white = rgbaToI420(solid(2, 2, [255, 255, 255]));
    expect(Array.from(white)).toEqual([255, 255, 255, 255, 128, 128]);
    const black = rgbaToI420(solid(2, 2, [0, 0, 0]));
    expect(Array.from(black)).toEqual([0, 0, 0, 0, 128, 128]);
    // Red: Y = 0.299·255, Cb = 128 − 0.1687·255, Cr = 128 + 0.5·255 (clamped).
    const red = rgbaToI420(solid(2, 2, [255, 0, 0]));
    expect(Array.from(red)).toEqual([76, 76, 76, 76, 85, 255]);
  });

  it('averages chroma over 2×2 blocks and keeps luma per pixel', () => {
    const f = solid(4, 2, [0, 0, 0]);
    f.data.set([255, 255, 255, 255], 0);
    const out = rgbaToI420(f);
    expect(Array.from(out.subarray(0, 8))).toEqual([255, 0, 0, 0, 0, 0, 0, 0]);
    expect(out.length).toBe(8 + 2 + 2);
  });

  it('frames the planes: header, then FRAME and w·h·1.5 bytes per frame', () => {
    const video = encodeY4m([solid(4, 2, [10, 20, 30]), solid(4, 2, [10, 20, 30])], 30);
    const header = y4mHeader(4, 2, 30);
    expect(video.length).toBe(header.length + 2 * ('FRAME\n'.length + 12));
    expect(video.subarray(header.length, header.length + 6).toString()).toBe('FRAME\n');
  });

  it('refuses odd sizes and mixed sizes', () => {
    expect(() => rgbaToI420(solid(3, 2, [0, 0, 0]))).toThrow(/even/);
    expect(() => encodeY4m([solid(2, 2, [0, 0, 0]), solid(4, 2, [0, 0, 0])], 30)).toThrow(/same size/);
  });
});
