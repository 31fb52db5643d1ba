/**
 * track()'s smoothing options, checked: the filter parameters to use (or none), and the frame's
 * time in seconds. A wrong value fails as invalid_request, as other options do.
 */
import { FaceAnalyzeError } from '../contract/errors';
import { FACE_POINT_FILTER } from '../shape/one-euro';
import type { SmoothingParams, TrackOptions } from './api';

/** Frames without a time of their own are taken to be this far apart (a 30 fps camera). */
export const ASSUMED_FRAME_SEC = 1 / 30;

const positive = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;

/** The filter's parameters, or null when smoothing is off. */
export function smoothingParams(option: TrackOptions['smoothing']): SmoothingParams | null {
  if (option === undefined || option === true) return FACE_POINT_FILTER;
  if (option === false) return null;
  if (option === null || typeof option !== 'object') throw new FaceAnalyzeError('invalid_request', 'smoothing must be true, false or an object of filter parameters.');
  const params = { ...FACE_POINT_FILTER, ...option };
  for (const key of ['minCutoff', 'beta', 'dCutoff'] as const) {
    if (!positive(params[key]) || (key !== 'beta' && params[key] === 0)) {
      throw new FaceAnalyzeError('invalid_request', `smoothing.${key} must be a number above 0${key === 'beta' ? ' or 0' : ''}.`);
    }
  }
  return params;
}

/** The frame's time in seconds: the option, else the frame's own, else `frameIndex` frames of 1/30 s. */
export function frameTimeSec(option: unknown, own: number | undefined, frameIndex: number): number {
  if (option !== undefined) {
    if (typeof option !== 'number' || !Number.isFinite(option)) throw new FaceAnalyzeError('invalid_request', 'timestamp must be a number of milliseconds.');
    return option / 1000;
  }
  return own !== undefined ? own / 1000 : frameIndex * ASSUMED_FRAME_SEC;
}
