import { FaceAnalyzeError } from './errors';
import type { AnalyzeRequest, FaceModelVersion, ImageInput } from './types';

export type ImageSource =
  | { kind: 'url'; url: string }
  | { kind: 'base64'; data: string }
  | { kind: 'image'; image: ImageInput };

export interface ValidRequest {
  source: ImageSource;
  mode: 0 | 1;
  version: FaceModelVersion;
  rotate: boolean;
  output: 'default' | 'tencent';
}

const FIELDS = ['image_url', 'image_base64', 'image', 'mode', 'face_model_version', 'need_rotate_detection', 'output'];

/** Checks the request fields the way the hosted API does, before any pixel is touched. */
export function validateRequest(request: unknown): ValidRequest {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) {
    throw new FaceAnalyzeError('invalid_request');
  }
  const r = request as Record<string, unknown>;
  const given = FIELDS.slice(0, 3).filter((k) => r[k] !== undefined && r[k] !== null && r[k] !== '');
  if (given.length === 0) throw new FaceAnalyzeError('no_image');
  if (given.length > 1) throw new FaceAnalyzeError('multiple_images', `More than one image was given (${given.join(', ')}): pass exactly one.`);

  const mode = r.mode ?? 0;
  if (mode !== 0 && mode !== 1) throw new FaceAnalyzeError('invalid_mode', `mode must be 0 (every face) or 1 (the largest face), not ${JSON.stringify(mode)}.`);

  const version = r.face_model_version ?? '3.0';
  if (version !== '3.0' && version !== '2.0') {
    throw new FaceAnalyzeError('invalid_face_model_version', `face_model_version must be "3.0" or "2.0" (a string), not ${JSON.stringify(version)}.`);
  }
  const rotate = r.need_rotate_detection ?? 0;
  if (rotate !== 0 && rotate !== 1) {
    throw new FaceAnalyzeError('invalid_need_rotate_detection', `need_rotate_detection must be 0 or 1, not ${JSON.stringify(rotate)}.`);
  }
  const output = r.output ?? 'default';
  if (output !== 'default' && output !== 'tencent') {
    throw new FaceAnalyzeError('invalid_request', `output must be "default" or "tencent", not ${JSON.stringify(output)}.`);
  }
  return { source: imageSource(r as AnalyzeRequest, given[0]!), mode, version, rotate: rotate === 1, output };
}

function imageSource(r: AnalyzeRequest, key: string): ImageSource {
  if (key === 'image_url') {
    if (typeof r.image_url !== 'string') throw new FaceAnalyzeError('invalid_request', 'image_url must be a string.');
    return { kind: 'url', url: checkUrl(r.image_url) };
  }
  if (key === 'image_base64') {
    if (typeof r.image_base64 !== 'string') throw new FaceAnalyzeError('invalid_request', 'image_base64 must be a string.');
    return { kind: 'base64', data: r.image_base64 };
  }
  if (typeof r.image !== 'object') throw new FaceAnalyzeError('invalid_request', 'image must be an image, canvas, video, VideoFrame, ImageBitmap, ImageData or Blob.');
  return { kind: 'image', image: r.image as ImageInput };
}

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'data:', 'blob:']);

function checkUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url, globalThis.location?.href);
  } catch {
    throw new FaceAnalyzeError('invalid_image_url', `image_url is not a valid URL: ${JSON.stringify(url.slice(0, 100))}.`);
  }
  if (!ALLOWED_PROTOCOLS.has(parsed.protocol)) {
    throw new FaceAnalyzeError('invalid_image_url', `image_url must be an http(s), data: or blob: URL, not ${parsed.protocol}.`);
  }
  return parsed.href;
}
