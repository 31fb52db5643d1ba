/**
 * Page side of a worker analyzer's follow(): where the browser can hand a camera's frames to a
 * worker (MediaStreamTrackProcessor), the worker reads and tracks them itself and the page only
 * gets the answers with their frames; elsewhere the page reads each frame and sends it
 * (followOnPage with the worker's track()).
 */
import type { AnalyzeResponse } from '../contract/types';
import type { FollowOptions, FollowSource } from '../analyzer/api';
import { followOnPage, followTrackOptions, reportFollowError, trackProcessor, videoTrackOf, type OnFollowed, type TrackCanvas } from '../analyzer/follow-video';
import type { FromWorker, ToWorker } from './protocol';
import { reviveError } from './wire-error';

type Followed = Extract<FromWorker, { type: 'followed' }>;

export class FollowClient {
  private nextId = 1;
  private current: { id: number; onFrame: OnFollowed; options: FollowOptions } | undefined;

  constructor(private readonly send: (message: ToWorker, transfer: Transferable[]) => void) {}

  start(source: FollowSource, track: TrackCanvas, onFrame: OnFollowed, options: FollowOptions): () => void {
    this.stop();
    const Processor = trackProcessor();
    const camera = videoTrackOf(source);
    if (!Processor || !camera) return followOnPage(source, track, onFrame, options);
    const id = this.nextId++;
    this.current = { id, onFrame, options };
    // One frame buffered: the newest replaces it while the worker is busy.
    const frames = new Processor({ track: camera, maxBufferSize: 1 }).readable;
    this.send({ type: 'follow', id, frames, options: followTrackOptions(options) }, [frames]);
    return () => this.stop(id);
  }

  stop(id?: number): void {
    if (!this.current || (id !== undefined && this.current.id !== id)) return;
    this.send({ type: 'unfollow', id: this.current.id }, []);
    this.current = undefined;
  }

  /** A followed frame's answer: to the callback, then the frame is closed and the worker told. */
  deliver(data: Followed): void {
    const f = this.current;
    try {
      if (f?.id !== data.id) return;
      const { frame } = data;
      if (data.ok) f.onFrame(data.response as AnalyzeResponse, { image: frame, width: frame.width, height: frame.height, timestamp: data.timestamp, ms: data.ms });
      else reportFollowError(f.options, reviveError(data.error));
    } finally {
      data.frame.close();
      if (f?.id === data.id) this.send({ type: 'shown', id: data.id }, []);
    }
  }
}
