/**
 * When a video frame was captured, where the frame itself says so: a VideoFrame's timestamp,
 * a <video>'s current time. Other images (canvases, bitmaps, pixels) carry no time.
 */
import { isA } from './image-input';

/** Milliseconds, or undefined for an image without a time of its own. */
export function frameTimeMs(image: unknown): number | undefined {
  if (isA<VideoFrame>('VideoFrame', image)) return image.timestamp / 1000;
  if (isA<HTMLVideoElement>('HTMLVideoElement', image)) return image.currentTime * 1000;
  return undefined;
}
