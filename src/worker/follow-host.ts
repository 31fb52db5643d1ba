/**
 * Worker side of follow(): reads the camera's frames from the stream the page transferred,
 * tracks each, and hands the frame back with its answer, so the page only draws. It reads the
 * next frame as soon as one is analysed, without waiting for the page to paint; it sends at
 * most UNSHOWN_MAX answers the page has not yet taken, and drops the frames beyond that, so a
 * page that paints slowly is never flooded and the analysis keeps the camera's pace.
 */
import type { FaceAnalyzer, TrackOptions } from '../analyzer/api';
import type { Answer, FromWorker } from './protocol';
import { errorToWire } from './wire-error';

const UNSHOWN_MAX = 2;

interface Following {
  id: number;
  reader: ReadableStreamDefaultReader<VideoFrame>;
  unshown: number;
}

export class FollowHost {
  private current: Following | undefined;
  /** The last frame's RGBA bytes; reused, since a frame is done with before the next is read. */
  private rgba: Uint8ClampedArray<ArrayBuffer> | undefined;
  /** Whether VideoFrame.copyTo converts to RGBA here (Chrome 127 on); else frames go through a canvas. */
  private copiesRgba = true;
  private context: OffscreenCanvasRenderingContext2D | undefined;

  constructor(private readonly post: (message: FromWorker, transfer: Transferable[]) => void) {}

  start(analyzer: FaceAnalyzer, id: number, frames: ReadableStream<VideoFrame>, options: TrackOptions): void {
    this.stop();
    analyzer.resetTracking();
    const f: Following = { id, reader: frames.getReader(), unshown: 0 };
    this.current = f;
    void this.run(analyzer, f, options);
  }

  shown(id: number): void {
    if (this.current?.id === id) this.current.unshown = Math.max(0, this.current.unshown - 1);
  }

  stop(id?: number): void {
    if (!this.current || (id !== undefined && this.current.id !== id)) return;
    void this.current.reader.cancel().catch(() => undefined);
    this.current = undefined;
  }

  /**
   * The frame's pixels. copyTo converts the camera's YUV to RGBA in about 1 ms; drawing the frame
   * into a canvas and reading it back took 11 ms of a 640×480 frame's CPU on two cores.
   */
  private async pixels(frame: VideoFrame): Promise<ImageData> {
    if (this.copiesRgba) {
      const { width, height } = frame.visibleRect ?? { width: frame.codedWidth, height: frame.codedHeight };
      const size = width * height * 4;
      if (this.rgba?.length !== size) this.rgba = new Uint8ClampedArray(size);
      try {
        await frame.copyTo(this.rgba, { format: 'RGBA' });
        return new ImageData(this.rgba, width, height);
      } catch {
        this.copiesRgba = false;
      }
    }
    const { displayWidth: w, displayHeight: h } = frame;
    if (!this.context || this.context.canvas.width !== w || this.context.canvas.height !== h) {
      this.context = new OffscreenCanvas(w, h).getContext('2d', { willReadFrequently: true })!;
    }
    this.context.drawImage(frame, 0, 0);
    return this.context.getImageData(0, 0, w, h);
  }

  private async run(analyzer: FaceAnalyzer, f: Following, options: TrackOptions): Promise<void> {
    while (this.current === f) {
      const { value: frame, done } = await f.reader.read().catch(() => ({ value: undefined, done: true }));
      if (done || !frame) return;
      const timestamp = frame.timestamp / 1000;
      const start = performance.now();
      let pixels: ImageData;
      try {
        pixels = await this.pixels(frame);
      } catch {
        // A frame the canvas cannot take (none has been seen from a camera): the next one may do.
        continue;
      } finally {
        // The camera's buffer goes back to it at once: held through the analysis and the
        // page's painting, the capture pool ran dry and the camera itself slowed down.
        frame.close();
      }
      // The page draws what was analysed; made while the analysis runs. As the bytes are, with
      // no premultiplying or colour conversion: those doubled the frame's CPU (camera frames are opaque).
      const shown = createImageBitmap(pixels, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' }).catch(() => null);
      let answer: Answer;
      try {
        answer = { ok: true, response: await analyzer.track(pixels, { ...options, timestamp }) };
      } catch (e) {
        answer = { ok: false, error: errorToWire(e) };
      }
      const bitmap = await shown;
      if (!bitmap || this.current !== f || f.unshown >= UNSHOWN_MAX) {
        bitmap?.close();
        continue;
      }
      f.unshown++;
      this.post({ type: 'followed', id: f.id, frame: bitmap, timestamp, ms: performance.now() - start, stats: analyzer.stats(), ...answer }, [bitmap]);
    }
  }
}
