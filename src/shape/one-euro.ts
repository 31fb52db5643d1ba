/**
 * The One Euro filter (Casiez, Roussel and Vogel, CHI 2012): a low-pass filter whose cutoff
 * rises with the signal's speed, so a still face stops jittering while a moving one is followed
 * without visible lag. As in MediaPipe's landmark smoother, the speed that sets the cutoff can be
 * measured in units of the object's size (valueScale), so one setting suits near and far faces.
 */
export interface OneEuroParams {
  /** Cutoff in Hz when the value is still: lower removes more jitter. */
  minCutoff: number;
  /** How fast the cutoff rises with speed (Hz per unit of scaled speed): higher lags less. */
  beta: number;
  /** Cutoff in Hz of the speed estimate itself. */
  dCutoff: number;
}

/** Tuned on face points with speed measured in face widths per second. */
export const FACE_POINT_FILTER: OneEuroParams = { minCutoff: 0.5, beta: 40, dCutoff: 1 };

/** Weight of the new sample in an exponential low-pass with this cutoff, after dt seconds. */
export function smoothingFactor(cutoffHz: number, dt: number): number {
  const tau = 1 / (2 * Math.PI * cutoffHz);
  return 1 / (1 + tau / dt);
}

export class OneEuroFilter {
  private value: number | undefined;
  private speed = 0;
  private time = 0;

  constructor(private params: OneEuroParams) {}

  setParams(params: OneEuroParams): void {
    this.params = params;
  }

  /**
   * The filtered value at `timeSec`. A sample at or before the previous one's time (a repeated
   * frame) changes nothing.
   */
  filter(raw: number, timeSec: number, valueScale = 1): number {
    if (this.value === undefined) {
      this.value = raw;
      this.time = timeSec;
      return raw;
    }
    const dt = timeSec - this.time;
    if (!(dt > 0)) return this.value;
    this.time = timeSec;
    const rawSpeed = ((raw - this.value) * valueScale) / dt;
    this.speed += smoothingFactor(this.params.dCutoff, dt) * (rawSpeed - this.speed);
    const cutoff = this.params.minCutoff + this.params.beta * Math.abs(this.speed);
    this.value += smoothingFactor(cutoff, dt) * (raw - this.value);
    return this.value;
  }

  reset(): void {
    this.value = undefined;
    this.speed = 0;
  }
}
