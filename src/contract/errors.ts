/**
 * Every refusal has a stable code, the HTTP status the hosted API would answer with, and a
 * message a person understands. The README's error table is generated from ERROR_CODES.
 */
export const ERROR_CODES = {
  api_error: { status: 500, message: 'fetch failed', when: 'the image_url could not be fetched (unreachable, blocked by CORS, HTTP error, timed out)' },
  no_image: { status: 400, message: 'No image was given: pass one of image_url, image_base64 or image.', when: 'no image source' },
  multiple_images: { status: 400, message: 'More than one image was given: pass exactly one of image_url, image_base64 or image.', when: 'two or more image sources' },
  invalid_request: { status: 400, message: 'The request must be an object with the fields image_url, image_base64, image, mode, face_model_version, need_rotate_detection.', when: 'the request is not an object, or a field has the wrong type' },
  invalid_image_url: { status: 400, message: 'image_url must be an http(s), data: or blob: URL.', when: 'a javascript:, file: or malformed URL' },
  invalid_base64: { status: 400, message: 'image_base64 is not valid base64 (or a base64 data: URL).', when: 'image_base64 that does not decode' },
  not_an_image: { status: 400, message: 'The file is not an image the browser can read (JPEG, PNG, WebP, GIF, BMP, AVIF).', when: 'text, PDF, SVG or any other non-raster data' },
  image_decode_failed: { status: 400, message: 'The image could not be decoded: the file is damaged or truncated.', when: 'a corrupt or truncated image, or one from another origin without CORS (the browser will not let the page read it)' },
  image_too_small: { status: 400, message: 'The image is too small: each side must be at least 32 pixels.', when: 'a side under 32 px (no face can be found there)' },
  image_too_large: { status: 400, message: 'The image is too large: each side must be at most 16384 pixels and the whole at most 100 megapixels.', when: 'a side over 16384 px, or over 100 MP' },
  invalid_mode: { status: 400, message: 'mode must be 0 (every face) or 1 (the largest face).', when: 'mode other than 0 or 1' },
  invalid_face_model_version: { status: 400, message: 'face_model_version must be "3.0" or "2.0".', when: 'any other version' },
  invalid_need_rotate_detection: { status: 400, message: 'need_rotate_detection must be 0 or 1.', when: 'any other value' },
  analyzer_closed: { status: 400, message: 'The analyzer was closed; create a new one with createFaceAnalyzer().', when: 'analyze() after close()' },
  model_load_failed: { status: 500, message: 'The face models could not be loaded.', when: 'a model file is missing, unreadable or fails its checksum' },
  backend_unavailable: { status: 500, message: 'The requested TensorFlow.js backend could not start on this device.', when: 'backend forced to one the device lacks' },
  internal_error: { status: 500, message: 'Something went wrong while analysing the image.', when: 'an unexpected failure inside the engine' },
} as const satisfies Record<string, { status: number; message: string; when: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The hosted API's error body. */
export interface ErrorEnvelope {
  success: false;
  error: { code: ErrorCode; message: string };
  trace_id: string;
}

export function newTraceId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  // randomUUID exists only in secure contexts; a page on plain http still deserves a v4 UUID.
  const b = new Uint8Array(16);
  c.getRandomValues(b);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export class FaceAnalyzeError extends Error {
  readonly code: ErrorCode;
  readonly traceId: string;
  /** The HTTP status the hosted API answers this error with. */
  readonly status: number;

  constructor(code: ErrorCode, message: string = ERROR_CODES[code].message, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FaceAnalyzeError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.traceId = newTraceId();
  }

  toJSON(): ErrorEnvelope {
    return { success: false, error: { code: this.code, message: this.message }, trace_id: this.traceId };
  }
}

/** Anything thrown inside the engine leaves as a FaceAnalyzeError. */
export function toFaceAnalyzeError(e: unknown): FaceAnalyzeError {
  if (e instanceof FaceAnalyzeError) return e;
  return new FaceAnalyzeError('internal_error', `${ERROR_CODES.internal_error.message} (${String((e as Error)?.message ?? e)})`, { cause: e });
}
