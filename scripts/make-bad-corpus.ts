/**
 * Writes the bad-input corpus (test/fixtures/bad/): files a user may drop on a page that are
 * not the photo they look like, or photos in every format and orientation the browser reads.
 * Run once with `npx tsx scripts/make-bad-corpus.ts`; the output is committed. WebP, AVIF,
 * the animated GIF and the CMYK JPEG need Debian's `webp`, `libavif-bin` and `imagemagick`.
 *
 * The one case too big to commit (a real 20000×20000 PNG) is made at test time by hugePng().
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';

export const BAD_DIR = fileURLToPath(new URL('../test/fixtures/bad/', import.meta.url));
/** The face every "correct answer" case shows: 324×400, one frontal face, not square (so EXIF turns change the size). */
export const SOURCE_PHOTO = fileURLToPath(new URL('../test/fixtures/faces/helen29_1477005205_1.jpg', import.meta.url));

interface Rgba {
  data: Uint8Array;
  width: number;
  height: number;
}

function chunk(type: string, body: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

/** A PNG from its header fields and already-deflated image data, which need not agree. */
export function pngFile(width: number, height: number, bitDepth: number, colorType: number, idat: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = bitDepth;
  ihdr[9] = colorType;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/**
 * A real, valid 20000×20000 PNG (1-bit grey, all black): about 50 KB on disk, 1.6 GB once
 * decoded to RGBA, which is what a decoder without a size limit would try to allocate.
 */
export function hugePng(side = 20000): Buffer {
  const row = 1 + Math.ceil(side / 8);
  return pngFile(side, side, 1, 0, deflateSync(Buffer.alloc(row * side), { level: 9 }));
}

/** An 8-bit RGBA or 16-bit RGB PNG of the pixels. */
function encodePng(p: Rgba, bitDepth: 8 | 16): Buffer {
  const channels = bitDepth === 8 ? 4 : 3;
  const bytesPerPixel = (channels * bitDepth) / 8;
  const raw = Buffer.alloc((1 + p.width * bytesPerPixel) * p.height);
  for (let y = 0; y < p.height; y++) {
    const rowAt = y * (1 + p.width * bytesPerPixel);
    for (let x = 0; x < p.width; x++) {
      for (let c = 0; c < channels; c++) {
        const v = p.data[(y * p.width + x) * 4 + c]!;
        const at = rowAt + 1 + x * bytesPerPixel + (c * bitDepth) / 8;
        // 16-bit: v·257 spreads 0-255 over 0-65535 with a low byte that is not just zero.
        if (bitDepth === 8) raw[at] = v;
        else raw.writeUInt16BE(v * 257, at);
      }
    }
  }
  return pngFile(p.width, p.height, bitDepth, bitDepth === 8 ? 6 : 2, deflateSync(raw));
}

function map(p: Rgba, width: number, height: number, from: (x: number, y: number) => [number, number]): Rgba {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [sx, sy] = from(x, y);
      data.set(p.data.subarray((sy * p.width + sx) * 4, (sy * p.width + sx) * 4 + 4), (y * width + x) * 4);
    }
  }
  return { data, width, height };
}

const flipH = (p: Rgba): Rgba => map(p, p.width, p.height, (x, y) => [p.width - 1 - x, y]);
const flipV = (p: Rgba): Rgba => map(p, p.width, p.height, (x, y) => [x, p.height - 1 - y]);
const turnCw = (p: Rgba): Rgba => map(p, p.height, p.width, (x, y) => [y, p.height - 1 - x]);
const turnCcw = (p: Rgba): Rgba => map(p, p.height, p.width, (x, y) => [p.width - 1 - y, x]);

/**
 * The pixels to store so that a viewer applying EXIF orientation n shows `shown`: each
 * orientation names what the viewer does (2 mirror, 3 half turn, 4 flip, 5 transpose,
 * 6 quarter turn clockwise, 7 transverse, 8 quarter turn anticlockwise); storing undoes it.
 */
export function storedFor(shown: Rgba, orientation: number): Rgba {
  switch (orientation) {
    case 2: return flipH(shown);
    case 3: return turnCw(turnCw(shown));
    case 4: return flipV(shown);
    case 5: return flipH(turnCw(shown));
    case 6: return turnCcw(shown);
    case 7: return flipV(turnCw(shown));
    case 8: return turnCw(shown);
    default: return shown;
  }
}

/** An APP1 Exif segment (big-endian TIFF) with one tag: Orientation. */
function exifSegment(orientation: number): Buffer {
  const tiff = Buffer.from([
    0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, // "MM", 42, IFD0 at 8
    0x00, 0x01, // one entry
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00, // Orientation, SHORT, 1, value
    0x00, 0x00, 0x00, 0x00, // no next IFD
  ]);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

/** A JPEG of `stored` carrying EXIF orientation n, placed after the JFIF segment. */
function jpegWithOrientation(stored: Rgba, orientation: number): Buffer {
  const encoded = Buffer.from(jpeg.encode({ data: stored.data, width: stored.width, height: stored.height }, 92).data);
  const app0End = 4 + encoded.readUInt16BE(4);
  return Buffer.concat([encoded.subarray(0, app0End), exifSegment(orientation), encoded.subarray(app0End)]);
}

function sourceFace(): Rgba {
  const decoded = jpeg.decode(readFileSync(SOURCE_PHOTO), { useTArray: true, formatAsRGBA: true });
  return { data: decoded.data, width: decoded.width, height: decoded.height };
}

/**
 * The source photo enlarged `factor` times (each pixel a block) and stored for EXIF
 * orientation n: a photo above the analyzer's working size, so the browser's own downscale
 * must respect the orientation too. Made at test time (about 300 KB at factor 8).
 */
export function largeExifJpeg(orientation: number, factor: number): Buffer {
  const face = sourceFace();
  const large = map(face, face.width * factor, face.height * factor, (x, y) => [Math.floor(x / factor), Math.floor(y / factor)]);
  return jpegWithOrientation(storedFor(large, orientation), orientation);
}

const MINIMAL_PDF = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj
trailer << /Root 1 0 R >>
%%EOF
`;

// The script sets a flag on every window it can reach: a test then proves it never ran.
const SCRIPTED_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <script>try { (window.top || window).__svgScriptRan = true; } catch (e) { window.__svgScriptRan = true; }</script>
  <rect width="256" height="256" fill="#c96"/>
  <circle cx="128" cy="128" r="80" fill="#fca"/>
</svg>
`;

function imageMagick(): string {
  // Some machines put a stand-in named `convert` first on the PATH; Debian's is here.
  for (const candidate of ['/usr/bin/convert', 'convert']) {
    try {
      if (execFileSync(candidate, ['-version'], { encoding: 'utf8' }).includes('ImageMagick')) return candidate;
    } catch {
      // try the next one
    }
  }
  throw new Error('ImageMagick is needed for the GIF and CMYK cases: apt-get install imagemagick');
}

function main(): void {
  const out = (name: string, bytes: Uint8Array | string): void => writeFileSync(join(BAD_DIR, name), bytes);
  const sourceBytes = readFileSync(SOURCE_PHOTO);
  const face = sourceFace();

  out('text.jpg', 'This is a text file with a .jpg name, not a photo.\n');
  out('pdf.jpg', MINIMAL_PDF);
  out('empty.jpg', new Uint8Array(0));
  out('truncated.jpg', sourceBytes.subarray(0, Math.floor(sourceBytes.length / 2)));
  out('script.svg', SCRIPTED_SVG);
  out('1x1.png', encodePng({ data: new Uint8Array([200, 150, 120, 255]), width: 1, height: 1 }, 8));
  out('0x0.png', pngFile(0, 0, 8, 6, deflateSync(Buffer.alloc(0))));
  // A few bytes of image data behind a header that promises 400 megapixels.
  out('claims-20000x20000.png', pngFile(20000, 20000, 8, 2, deflateSync(Buffer.alloc(64))));
  out('16bit.png', encodePng(face, 16));
  for (let n = 1; n <= 8; n++) out(`exif-${n}.jpg`, jpegWithOrientation(storedFor(face, n), n));

  const work = mkdtempSync(join(tmpdir(), 'bad-corpus-'));
  try {
    const png = join(work, 'face.png');
    writeFileSync(png, encodePng(face, 8));
    const blank = join(work, 'blank.png');
    writeFileSync(blank, encodePng({ data: new Uint8Array(face.width * face.height * 4).fill(128), width: face.width, height: face.height }, 8));
    execFileSync('cwebp', ['-quiet', '-q', '90', png, '-o', join(BAD_DIR, 'face.webp')]);
    execFileSync('avifenc', ['--speed', '6', '--min', '10', '--max', '30', png, join(BAD_DIR, 'face.avif')], { stdio: 'ignore' });
    const convert = imageMagick();
    // Frame 1 is the face: the analyzer reads the first frame, as <img> shows it before it animates.
    execFileSync(convert, ['-delay', '50', png, blank, '-loop', '0', join(BAD_DIR, 'animated.gif')]);
    execFileSync(convert, [SOURCE_PHOTO, '-colorspace', 'CMYK', '-quality', '92', join(BAD_DIR, 'cmyk.jpg')]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
