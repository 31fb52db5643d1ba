/** An analysis outcome as the hosted API answers it over HTTP: status and JSON body. */
import { ERROR_CODES, toFaceAnalyzeError, type ErrorEnvelope } from '../contract/errors';
import type { AnalyzeResponse } from '../contract/types';

export interface HttpAnswer {
  status: number;
  body: AnalyzeResponse | ErrorEnvelope;
}

export const okAnswer = (response: AnalyzeResponse): HttpAnswer => ({ status: 200, body: response });

/** Any failure becomes the error envelope, with the HTTP status its code has in the hosted API. */
export function errorAnswer(error: unknown): HttpAnswer {
  const e = toFaceAnalyzeError(error);
  return { status: ERROR_CODES[e.code].status, body: e.toJSON() };
}

export const toHttpResponse = (answer: HttpAnswer): Response =>
  new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
