/**
 * Live throughput over the last frames: frames per second (results delivered, so it includes
 * every cost of the loop) and the mean time the analyzer spent on each frame.
 */
export class FrameMeter {
  private readonly times: number[] = [];
  private readonly work: number[] = [];

  constructor(private readonly window = 30) {}

  /** One result delivered at `atMs`, whose analysis took `workMs`. */
  add(atMs: number, workMs: number): void {
    this.times.push(atMs);
    this.work.push(workMs);
    if (this.times.length > this.window) {
      this.times.shift();
      this.work.shift();
    }
  }

  /** Frames per second, once two frames have arrived. */
  get fps(): number | undefined {
    const n = this.times.length;
    if (n < 2) return undefined;
    const span = this.times[n - 1]! - this.times[0]!;
    return span > 0 ? ((n - 1) * 1000) / span : undefined;
  }

  get msPerFrame(): number | undefined {
    return this.work.length ? this.work.reduce((a, b) => a + b, 0) / this.work.length : undefined;
  }

  reset(): void {
    this.times.length = 0;
    this.work.length = 0;
  }
}

export function formatRate(fps: number | undefined, ms: number | undefined): string {
  if (fps === undefined || ms === undefined) return 'starting…';
  return `${fps.toFixed(1)} fps · ${Math.round(ms)} ms per frame`;
}
