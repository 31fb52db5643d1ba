/**
 * SSD anchors and box decoding for the BlazeFace detectors, as MediaPipe's
 * SsdAnchorsCalculator and TensorsToDetectionsCalculator do them (fixed-size anchors).
 */
import type { Vec2 } from '../shape/geometry';

export interface DetectorConfig {
  /** Model file stem in models/. */
  model: string;
  inputSize: number;
  /** Anchor strides, one per layer; consecutive equal strides share a grid. */
  strides: readonly number[];
  /** Anchors per grid cell contributed by each layer. */
  anchorsPerLayer: number;
  minScore: number;
  /** Landmark crop side / detector box side: the two models draw their boxes differently. */
  roiScale: number;
}

export const SHORT_RANGE: DetectorConfig = {
  model: 'facemesh-detection-short',
  inputSize: 128,
  strides: [8, 16, 16, 16],
  anchorsPerLayer: 2,
  minScore: 0.5,
  roiScale: 1.5,
};

export const FULL_RANGE: DetectorConfig = {
  model: 'facemesh-detection-full',
  inputSize: 192,
  strides: [4],
  anchorsPerLayer: 1,
  minScore: 0.6,
  roiScale: 2.1,
};

/** Anchor centres in [0, 1] input coordinates, in the order the model emits them. */
export function createAnchors(config: DetectorConfig): Vec2[] {
  const anchors: Vec2[] = [];
  const { strides, inputSize } = config;
  for (let layer = 0; layer < strides.length; ) {
    let last = layer;
    while (last < strides.length && strides[last] === strides[layer]) last++;
    const perCell = (last - layer) * config.anchorsPerLayer;
    const grid = Math.ceil(inputSize / strides[layer]!);
    for (let y = 0; y < grid; y++) {
      for (let x = 0; x < grid; x++) {
        for (let k = 0; k < perCell; k++) anchors.push({ x: (x + 0.5) / grid, y: (y + 0.5) / grid });
      }
    }
    layer = last;
  }
  return anchors;
}

/** A face found by a detector, in pixels of the detector's input frame. */
export interface RawDetection {
  score: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  /** Right eye, left eye (the subject's), nose tip, mouth, right ear, left ear. */
  keypoints: Vec2[];
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-Math.max(-100, Math.min(100, x))));
const VALUES = 17;

/**
 * Decodes the detector's [anchors, 17] output (logit, then x, y, w, h and six keypoints,
 * relative to the anchor in input pixels) into detections above the score threshold,
 * in input pixels.
 */
export function decodeDetections(raw: Float32Array, anchors: readonly Vec2[], config: DetectorConfig): RawDetection[] {
  const out: RawDetection[] = [];
  const size = config.inputSize;
  for (let i = 0; i < anchors.length; i++) {
    const o = i * VALUES;
    const score = sigmoid(raw[o]!);
    if (score < config.minScore) continue;
    const a = anchors[i]!;
    const cx = raw[o + 1]! + a.x * size;
    const cy = raw[o + 2]! + a.y * size;
    const w = raw[o + 3]!;
    const h = raw[o + 4]!;
    const keypoints: Vec2[] = [];
    for (let k = 0; k < 6; k++) keypoints.push({ x: raw[o + 5 + 2 * k]! + a.x * size, y: raw[o + 6 + 2 * k]! + a.y * size });
    out.push({ score, xMin: cx - w / 2, yMin: cy - h / 2, xMax: cx + w / 2, yMax: cy + h / 2, keypoints });
  }
  return out;
}
