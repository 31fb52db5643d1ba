/**
 * A request as it crosses: checked on the page already (validateRequest), so it carries its
 * one image source and every option explicitly, and an image_url that is already absolute:
 * a relative one means the page's address, which the worker does not know.
 */
import type { ValidRequest } from '../contract/request';
import type { TrackOptions } from '../analyzer/api';
import type { WireImage, WireRequest } from './protocol';

/** `image` is the request's image as it crosses (crossImage); needed when the source is an image. */
export function wireRequest(valid: ValidRequest, image?: WireImage): WireRequest {
  const options = { mode: valid.mode, face_model_version: valid.version, need_rotate_detection: valid.rotate ? 1 : 0, output: valid.output } as const;
  const { source } = valid;
  switch (source.kind) {
    case 'url':
      return { image_url: source.url, ...options };
    case 'base64':
      return { image_base64: source.data, ...options };
    case 'image':
      return { image, ...options };
  }
}

/**
 * track()'s options as they cross: the frame's own time goes with them, read on the page, since
 * the frame crosses as a bitmap or pixels that carry no time.
 */
export function wireTrackOptions(valid: ValidRequest, options: TrackOptions = {}, frameTimeMs?: number): TrackOptions {
  const wire: TrackOptions = { mode: valid.mode, face_model_version: valid.version };
  if (options.smoothing !== undefined) wire.smoothing = options.smoothing;
  const timestamp = options.timestamp ?? frameTimeMs;
  if (timestamp !== undefined) wire.timestamp = timestamp;
  return wire;
}
