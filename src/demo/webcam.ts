/**
 * The camera: the analyzer follows its video (analyzer.follow: in the worker, straight from the
 * camera where the browser allows) and hands back each frame with what was found in it, so the
 * page draws the points on the very frame they were found in. Frames that come while one is
 * analysed are dropped by the analyzer, never queued.
 */
import type { FollowedFrame, TrackOptions } from '/faceshape.js';
import type { OnFollowed } from './engine';
import type { Outcome } from './engine-protocol';

export interface WebcamHooks {
  /** Starts following the playing video; returns stop (Engine.follow). */
  follow(video: HTMLVideoElement, options: TrackOptions, onFrame: OnFollowed): () => void;
  options(): TrackOptions;
  /** What was found in a frame, and the frame (none when its analysis failed). */
  onFrame(outcome: Outcome, frame?: FollowedFrame): void;
  /** The camera went away on its own (unplugged, revoked). */
  onLost(): void;
}

const insecureContext = (): Error =>
  Object.assign(new Error('navigator.mediaDevices is not available on this page.'), { name: 'InsecureContext' });

export class Webcam {
  private stream: MediaStream | null = null;
  private unfollow: (() => void) | undefined;
  private session = 0;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly hooks: WebcamHooks,
  ) {}

  get running(): boolean {
    return this.stream !== null;
  }

  /** Asks for the camera and starts following it; rejects with getUserMedia's error. */
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
    this.follow(session);
  }

  /** New track options: following starts again with them (and fresh tracking). */
  optionsChanged(): void {
    if (!this.unfollow) return;
    this.unfollow();
    this.follow(this.session);
  }

  /** The camera's frame size, once started. */
  get size(): { width: number; height: number } {
    return { width: this.video.videoWidth, height: this.video.videoHeight };
  }

  /** Stops following and releases the camera (its light goes off). */
  stop(): void {
    this.session++;
    this.unfollow?.();
    this.unfollow = undefined;
    this.stream?.getTracks().forEach((t) => t.stop());
    this.stream = null;
    this.video.pause();
    this.video.srcObject = null;
  }

  private follow(session: number): void {
    this.unfollow = this.hooks.follow(this.video, this.hooks.options(), (outcome, frame) => {
      if (session === this.session) this.hooks.onFrame(outcome, frame);
    });
  }

  private lost(session: number): void {
    if (session !== this.session) return;
    this.stop();
    this.hooks.onLost();
  }
}
