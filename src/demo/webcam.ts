/**
 * The camera: frames go to the engine to track, and come back with their outcome so the page
 * draws the points on the very frame they were found in. Where the engine can follow the camera
 * itself (a worker with MediaStreamTrackProcessor) it does; otherwise the page's loop reads each
 * new video frame. Either way one frame is in flight at a time, so a slow backend drops frames
 * instead of queueing them.
 */
import type { TrackOptions } from '/faceshape.js';
import type { Follower, OnTracked } from './engine';
import type { Outcome, Tracked } from './engine-protocol';

export interface WebcamHooks {
  track(frame: ImageData, options: TrackOptions): Promise<Tracked>;
  /** Lets the engine read the camera itself, where it can (see Engine.follow). */
  follow?(track: MediaStreamTrack, options: TrackOptions, onTracked: OnTracked): Follower | undefined;
  options(): TrackOptions;
  /** The frame's pixels and what was found in them. */
  onFrame(frame: ImageData, outcome: Outcome): void;
  /** The camera went away on its own (unplugged, revoked). */
  onLost(): void;
}

const insecureContext = (): Error =>
  Object.assign(new Error('navigator.mediaDevices is not available on this page.'), { name: 'InsecureContext' });

export class Webcam {
  private stream: MediaStream | null = null;
  private follower: Follower | undefined;
  private session = 0;
  /**
   * Reads frames for the page's loop. Drawn straight from the <video>, a frame is converted
   * once; an ImageBitmap of it read back in the worker cost three times as much without a GPU.
   */
  private reader: CanvasRenderingContext2D | undefined;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly hooks: WebcamHooks,
  ) {}

  get running(): boolean {
    return this.stream !== null;
  }

  /** Asks for the camera and starts the loop; rejects with getUserMedia's error. */
  async start(): Promise<void> {
    if (this.stream) return;
    if (!navigator.mediaDevices?.getUserMedia) throw insecureContext();
    const session = ++this.session;
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } },
    });
    if (session !== this.session) {
      stream.getTracks().forEach((t) => t.stop());
      return;
    }
    this.stream = stream;
    for (const track of stream.getVideoTracks()) track.addEventListener('ended', () => this.lost(session));
    this.video.srcObject = stream;
    await this.video.play();
    if (session !== this.session) return;
    const track = stream.getVideoTracks()[0]!;
    this.follower = this.hooks.follow?.(track, this.hooks.options(), ({ outcome, frame }) => {
      if (session === this.session) this.hooks.onFrame(frame, outcome);
    });
    if (!this.follower) void this.loop(session);
  }

  /** Applies new track options (the page's loop reads them each frame anyway). */
  optionsChanged(): void {
    this.follower?.setOptions(this.hooks.options());
  }

  /** The camera's frame size, once started. */
  get size(): { width: number; height: number } {
    return { width: this.video.videoWidth, height: this.video.videoHeight };
  }

  /** Stops the loop and releases the camera (its light goes off). */
  stop(): void {
    this.session++;
    this.follower?.stop();
    this.follower = undefined;
    this.stream?.getTracks().forEach((t) => t.stop());
    this.stream = null;
    this.video.pause();
    this.video.srcObject = null;
  }

  private lost(session: number): void {
    if (session !== this.session) return;
    this.stop();
    this.hooks.onLost();
  }

  /**
   * Resolves when the video shows a new frame (or after a short wait, so a video the browser
   * does not paint never stalls the loop). While the page is hidden it waits for it to show.
   */
  private nextFrame(): Promise<void> {
    if (document.hidden) {
      return new Promise((resolve) => document.addEventListener('visibilitychange', () => resolve(), { once: true }));
    }
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, 250);
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      if ('requestVideoFrameCallback' in this.video) this.video.requestVideoFrameCallback(done);
      else requestAnimationFrame(done);
    });
  }

  private readFrame(): ImageData {
    const { videoWidth: w, videoHeight: h } = this.video;
    if (!this.reader || this.reader.canvas.width !== w || this.reader.canvas.height !== h) {
      const canvas = document.createElement('canvas');
      canvas.width = w;
      canvas.height = h;
      this.reader = canvas.getContext('2d', { willReadFrequently: true })!;
    }
    this.reader.drawImage(this.video, 0, 0, w, h);
    return this.reader.getImageData(0, 0, w, h);
  }

  private async loop(session: number): Promise<void> {
    while (session === this.session) {
      await this.nextFrame();
      if (session !== this.session || this.video.readyState < 2) continue;
      // Read now: the time the smoothing goes by is when the frame was taken.
      const timestamp = performance.now();
      const { outcome, frame } = await this.hooks.track(this.readFrame(), { ...this.hooks.options(), timestamp });
      if (session !== this.session) return;
      this.hooks.onFrame(frame, outcome);
    }
  }
}
