/**
 * FaceAnalyzeError across postMessage: structured cloning keeps an Error's message but drops
 * its code and trace id, so errors cross as fields and the page builds the same error again.
 */
import { ERROR_CODES, FaceAnalyzeError, toFaceAnalyzeError } from '../contract/errors';
import type { WireError } from './protocol';

export function errorToWire(e: unknown): WireError {
  const error = toFaceAnalyzeError(e);
  return { code: error.code, message: error.message, traceId: error.traceId };
}

/** The error the worker threw, with its code, message and trace id, so toJSON() gives the same envelope. */
export function reviveError(wire: WireError): FaceAnalyzeError {
  if (!Object.hasOwn(ERROR_CODES, wire.code)) {
    return new FaceAnalyzeError('internal_error', `${ERROR_CODES.internal_error.message} (the worker answered an unknown error code ${JSON.stringify(wire.code)})`);
  }
  const error = new FaceAnalyzeError(wire.code, wire.message);
  // The worker's trace id is the one its logs and the envelope it made carry.
  (error as { traceId: string }).traceId = wire.traceId;
  return error;
}
