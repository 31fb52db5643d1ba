/**
 * YUV4MPEG2 (.y4m) video from RGBA pixels: the format Chromium's fake camera
 * (--use-file-for-fake-video-capture) plays in a loop. 4:2:0, full-range BT.601 ("C420jpeg").
 */
export interface RgbaFrame {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
}

export const y4mHeader = (width: number, height: number, fps: number): string =>
  `YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`;

const clampByte = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/** One frame's Y, U and V planes; chroma is the mean of each 2×2 block. */
export function rgbaToI420(frame: RgbaFrame): Uint8Array {
  const { width: w, height: h, data } = frame;
  if (w % 2 || h % 2) throw new Error(`4:2:0 needs an even frame size, not ${w}×${h}`);
  const cw = w / 2;
  const out = new Uint8Array(w * h + 2 * cw * (h / 2));
  const u = w * h;
  const v = u + cw * (h / 2);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      out[y * w + x] = clampByte(0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!);
    }
  }
  for (let y = 0; y < h; y += 2) {
    for (let x = 0; x < w; x += 2) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) {
        const i = ((y + dy) * w + x + dx) * 4;
        r += data[i]!;
        g += data[i + 1]!;
        b += data[i + 2]!;
      }
      r /= 4;
      g /= 4;
      b /= 4;
      const c = (y / 2) * cw + x / 2;
      out[u + c] = clampByte(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
      out[v + c] = clampByte(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
    }
  }
  return out;
}

export function encodeY4m(frames: readonly RgbaFrame[], fps: number): Buffer {
  const first = frames[0];
  if (!first) throw new Error('a video needs at least one frame');
  const parts: Uint8Array[] = [Buffer.from(y4mHeader(first.width, first.height, fps))];
  for (const f of frames) {
    if (f.width !== first.width || f.height !== first.height) throw new Error('every frame must have the same size');
    parts.push(Buffer.from('FRAME\n'), rgbaToI420(f));
  }
  return Buffer.concat(parts);
}
