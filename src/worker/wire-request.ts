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

export const wireTrackOptions = (valid: ValidRequest): TrackOptions => ({ mode: valid.mode, face_model_version: valid.version });
