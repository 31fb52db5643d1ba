/** Answers one HTTP request to the analyze endpoint locally: the fetch shim and the service worker share it. */
import { FaceAnalyzeError } from '../contract/errors';
import { validateRequest } from '../contract/request';
import type { FaceAnalyzer } from '../analyzer/api';
import { errorAnswer, okAnswer, toHttpResponse } from './answer';
import { parseAnalyzeBody } from './body';

/** The authorization header is not read: there is no account to check on the device. */
export async function answerAnalyzeCall(request: Request, analyzer: () => Promise<FaceAnalyzer>): Promise<Response> {
  try {
    if (request.method !== 'POST') {
      throw new FaceAnalyzeError('invalid_request', `The face analyze endpoint takes POST with a JSON body, not ${request.method}.`);
    }
    const body = parseAnalyzeBody(await request.text());
    // Bad parameters are answered before the models load (or fail to).
    validateRequest(body);
    return toHttpResponse(okAnswer(await (await analyzer()).analyze(body)));
  } catch (e) {
    return toHttpResponse(errorAnswer(e));
  }
}
