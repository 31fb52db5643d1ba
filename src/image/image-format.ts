/**
 * Recognises raster image formats by their first bytes and reads the pixel size from the
 * header where that is cheap, so that non-images and absurd sizes are refused before the
 * browser spends memory decoding them.
 */
export interface SniffedImage {
  mime: string;
  /** Size as stored (before EXIF orientation), when the header gives it. */
  width?: number;
  height?: number;
}

const ascii = (b: Uint8Array, at: number, text: string): boolean =>
  [...text].every((ch, i) => b[at + i] === ch.charCodeAt(0));

function jpegSize(b: Uint8Array): { width: number; height: number } | undefined {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    const length = (b[i + 2]! << 8) | b[i + 3]!;
    // SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: (b[i + 5]! << 8) | b[i + 6]!, width: (b[i + 7]! << 8) | b[i + 8]! };
    }
    i += 2 + length;
  }
  return undefined;
}

/**
 * An AVIF's size from its 'ispe' boxes (one per image item; a grid's is the largest), which
 * sit in the metadata at the start of the file.
 */
function avifSize(b: Uint8Array): { width: number; height: number } | undefined {
  let best: { width: number; height: number } | undefined;
  const end = Math.min(b.length - 16, 4096);
  for (let i = 4; i < end; i++) {
    if (!ascii(b, i, 'ispe')) continue;
    const u32 = (at: number): number => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
    const size = { width: u32(i + 8), height: u32(i + 12) };
    if (!best || size.width * size.height > best.width * best.height) best = size;
  }
  return best;
}

export function sniffImage(b: Uint8Array): SniffedImage | null {
  const u32be = (at: number): number => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
  const u16le = (at: number): number => b[at]! | (b[at + 1]! << 8);
  if (b.length >= 24 && b[0] === 0x89 && ascii(b, 1, 'PNG')) return { mime: 'image/png', width: u32be(16), height: u32be(20) };
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { mime: 'image/jpeg', ...jpegSize(b) };
  if (b.length >= 10 && (ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a'))) return { mime: 'image/gif', width: u16le(6), height: u16le(8) };
  if (b.length >= 26 && ascii(b, 0, 'BM')) {
    const width = Math.abs(new DataView(b.buffer, b.byteOffset).getInt32(18, true));
    const height = Math.abs(new DataView(b.buffer, b.byteOffset).getInt32(22, true));
    return { mime: 'image/bmp', width, height };
  }
  if (b.length >= 30 && ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) {
    if (ascii(b, 12, 'VP8X')) return { mime: 'image/webp', width: 1 + (b[24]! | (b[25]! << 8) | (b[26]! << 16)), height: 1 + (b[27]! | (b[28]! << 8) | (b[29]! << 16)) };
    if (ascii(b, 12, 'VP8L')) {
      const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
      return { mime: 'image/webp', width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
    }
    if (ascii(b, 12, 'VP8 ')) return { mime: 'image/webp', width: u16le(26) & 0x3fff, height: u16le(28) & 0x3fff };
    return { mime: 'image/webp' };
  }
  if (b.length >= 12 && ascii(b, 4, 'ftyp') && (ascii(b, 8, 'avif') || ascii(b, 8, 'avis') || ascii(b, 8, 'mif1'))) return { mime: 'image/avif', ...avifSize(b) };
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 1 && b[3] === 0) return { mime: 'image/x-icon' };
  return null;
}
