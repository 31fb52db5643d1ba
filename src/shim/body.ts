/** Reads the hosted API's JSON request body into an analyze() request. */
import { FaceAnalyzeError } from '../contract/errors';
import type { AnalyzeRequest } from '../contract/types';

/** The body fields passed on to analyze(); anything else is ignored, as the hosted API does. */
const BODY_FIELDS = ['image_url', 'image_base64', 'mode', 'face_model_version', 'need_rotate_detection'] as const;

export function parseAnalyzeBody(text: string): AnalyzeRequest {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new FaceAnalyzeError(
      'invalid_request',
      text.trim() === '' ? 'The request has no body: send a JSON object such as {"image_url": "…"}.' : 'The request body is not valid JSON.',
    );
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new FaceAnalyzeError('invalid_request', 'The request body must be a JSON object such as {"image_url": "…"}.');
  }
  const fields = body as Record<string, unknown>;
  // An in-page image cannot travel as JSON; say so rather than report "no image".
  if (fields.image !== undefined) {
    throw new FaceAnalyzeError('invalid_request', 'A JSON body cannot carry an image object: send image_url or image_base64.');
  }
  const request: Record<string, unknown> = {};
  for (const key of BODY_FIELDS) if (key in fields) request[key] = fields[key];
  return request as AnalyzeRequest;
}
