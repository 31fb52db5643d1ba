/**
 * follow() on the page: each new frame of a <video> (as requestVideoFrameCallback reports it),
 * or of a camera track (read with MediaStreamTrackProcessor where the browser has one), is
 * drawn into a canvas and tracked, one at a time. Frames that come while one is analysed are
 * not queued: the next frame taken is the newest, so the responses keep up with the camera.
 */
import { toFaceAnalyzeError } from '../contract/errors';
import type { AnalyzeResponse } from '../contract/types';
import type { FollowedFrame, FollowOptions, FollowSource, TrackOptions } from './api';

export type TrackCanvas = (frame: HTMLCanvasElement, options: TrackOptions) => Promise<AnalyzeResponse>;
export type OnFollowed = (response: AnalyzeResponse, frame: FollowedFrame) => void;

/** Chrome's MediaStreamTrackProcessor (not in TypeScript's DOM types): a track's frames as a stream. */
type TrackProcessorClass = new (init: { track: MediaStreamTrack; maxBufferSize?: number }) => { readable: ReadableStream<VideoFrame> };
export const trackProcessor = (): TrackProcessorClass | undefined =>
  (globalThis as { MediaStreamTrackProcessor?: TrackProcessorClass }).MediaStreamTrackProcessor;

/** A video frame waited for this long at most: a video the browser does not paint has no frame callbacks. */
const FRAME_WAIT_MS = 250;

const isTrack = (source: FollowSource): source is MediaStreamTrack => typeof MediaStreamTrack !== 'undefined' && source instanceof MediaStreamTrack;

/** The camera track a source shows: the track itself, or the first video track of a <video>'s stream. */
export function videoTrackOf(source: FollowSource): MediaStreamTrack | undefined {
  if (isTrack(source)) return source;
  const stream = source.srcObject;
  return typeof MediaStream !== 'undefined' && stream instanceof MediaStream ? stream.getVideoTracks()[0] : undefined;
}

/** A frame that failed goes to onError, or else surfaces as an uncaught error of the page. */
export function reportFollowError(options: FollowOptions, e: unknown): void {
  const error = toFaceAnalyzeError(e);
  if (options.onError) options.onError(error);
  else
    queueMicrotask(() => {
      throw error;
    });
}

/** The track() options of a follow (each frame adds its capture time). */
export const followTrackOptions = (options: FollowOptions): TrackOptions => ({
  mode: options.mode,
  face_model_version: options.face_model_version,
  smoothing: options.smoothing,
});

/** Draws frames into one canvas and tracks them, one at a time; stop() ends it. */
class CanvasFollower {
  private readonly canvas = document.createElement('canvas');
  private readonly context = this.canvas.getContext('2d', { willReadFrequently: true })!;
  on = true;

  constructor(
    private readonly track: TrackCanvas,
    private readonly onFrame: OnFollowed,
    private readonly options: FollowOptions,
  ) {}

  async analyse(image: CanvasImageSource, width: number, height: number, timestamp: number): Promise<void> {
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    this.context.drawImage(image, 0, 0, width, height);
    const start = performance.now();
    try {
      const response = await this.track(this.canvas, { ...followTrackOptions(this.options), timestamp });
      if (this.on) this.onFrame(response, { image: this.canvas, width, height, timestamp, ms: performance.now() - start });
    } catch (e) {
      if (this.on) reportFollowError(this.options, e);
    }
  }
}

/** Resolves with the time of the video's next painted frame (ms), or its current time after a short wait. */
function nextVideoFrame(video: HTMLVideoElement): Promise<number> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(video.currentTime * 1000), FRAME_WAIT_MS);
    const done = (time: number): void => {
      clearTimeout(timer);
      resolve(time);
    };
    // Not in every browser (Firefox before 132): the next animation frame then stands in.
    if (typeof video.requestVideoFrameCallback === 'function') video.requestVideoFrameCallback((_, meta) => done(meta.mediaTime * 1000));
    else requestAnimationFrame(() => done(video.currentTime * 1000));
  });
}

function followVideo(video: HTMLVideoElement, follower: CanvasFollower): void {
  void (async () => {
    let last = Number.NaN;
    while (follower.on) {
      const time = await nextVideoFrame(video);
      // Nothing new (paused, or not started yet): wait for the next frame.
      if (!follower.on || video.readyState < 2 || time === last) continue;
      last = time;
      await follower.analyse(video, video.videoWidth, video.videoHeight, time);
    }
  })();
}

function followStream(frames: ReadableStream<VideoFrame>, follower: CanvasFollower): () => void {
  const reader = frames.getReader();
  void (async () => {
    while (follower.on) {
      const { value: frame, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done || !frame) return;
      try {
        await follower.analyse(frame, frame.displayWidth, frame.displayHeight, frame.timestamp / 1000);
      } finally {
        frame.close();
      }
    }
  })();
  return () => void reader.cancel().catch(() => undefined);
}

/** Follows `source` on the page, tracking with `track`; returns stop. */
export function followOnPage(source: FollowSource, track: TrackCanvas, onFrame: OnFollowed, options: FollowOptions): () => void {
  const follower = new CanvasFollower(track, onFrame, options);
  let release = (): void => undefined;
  const Processor = trackProcessor();
  const camera = videoTrackOf(source);
  if (Processor && camera) {
    // Straight from the camera, not from a <video> the page may not paint (no frame callbacks
    // then). One frame buffered: the newest replaces it, so a slow analysis drops frames.
    release = followStream(new Processor({ track: camera, maxBufferSize: 1 }).readable, follower);
  } else if (!isTrack(source)) {
    followVideo(source, follower);
  } else {
    // A track where the browser cannot read one directly: played in a <video> of its own.
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.srcObject = new MediaStream([source]);
    void video.play().catch((e: unknown) => reportFollowError(options, e));
    followVideo(video, follower);
    release = () => {
      video.pause();
      video.srcObject = null;
    };
  }
  return () => {
    follower.on = false;
    release();
  };
}
