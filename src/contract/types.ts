import type { GroupName } from './schema';

/** A point in integer pixels of the image as displayed (origin top-left, y down). */
export interface Point {
  x: number;
  y: number;
}

/** One face: the nine groups of the 90-point contract, in the spec's key order. */
export type FaceShape = { [K in GroupName]: Point[] };

export type FaceModelVersion = '2.0' | '3.0';

/** The hosted API's response body, key for key. */
export interface AnalyzeResponse {
  image_width: number;
  image_height: number;
  face_model_version: FaceModelVersion;
  face_shape_set: FaceShape[];
}

/** Raw RGBA pixels, row by row, as ImageData holds them (also what a custom decoder returns). */
export interface RgbaPixels {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
}

/**
 * Anything in the page that holds pixels. Blobs and Files are decoded (EXIF orientation
 * honoured); RgbaPixels serve runtimes without a DOM (Node, workers with decoded frames).
 */
export type ImageInput =
  | RgbaPixels
  | HTMLImageElement
  | HTMLCanvasElement
  | OffscreenCanvas
  | ImageBitmap
  | ImageData
  | HTMLVideoElement
  | VideoFrame
  | Blob;

/** The hosted API's request fields, plus two in-page image sources. Exactly one image source. */
export interface AnalyzeRequest {
  /** An image to fetch (same origin, CORS-enabled, `data:` or `blob:` URL). */
  image_url?: string;
  /** A `data:` URL or bare base64 of an encoded image. */
  image_base64?: string;
  /** An image already in the page. */
  image?: ImageInput;
  /** 0: every face, largest first (default); 1: only the largest face. */
  mode?: 0 | 1;
  /** "3.0" (default): attention mesh with refined eyes, lips and irises. "2.0": plain mesh, faster. */
  face_model_version?: FaceModelVersion;
  /** 1: also find faces in images turned by 90, 180 or 270 degrees. */
  need_rotate_detection?: 0 | 1;
  /** 'tencent': answer in the upstream cloud SDK's shape (TencentAnalyzeResponse) instead. */
  output?: 'default' | 'tencent';
}
