/** Plain 2-D geometry shared by detection, cropping and mapping: no TF.js, no DOM. */

export interface Vec2 {
  x: number;
  y: number;
}

export interface Vec3 extends Vec2 {
  z: number;
}

/** A square region of the image, turned by `angle` (radians, clockwise in image coordinates). */
export interface Roi {
  cx: number;
  cy: number;
  size: number;
  angle: number;
}

export interface Box {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export const boxArea = (b: Box): number => Math.max(0, b.xMax - b.xMin) * Math.max(0, b.yMax - b.yMin);

export function iou(a: Box, b: Box): number {
  const inter = boxArea({
    xMin: Math.max(a.xMin, b.xMin),
    yMin: Math.max(a.yMin, b.yMin),
    xMax: Math.min(a.xMax, b.xMax),
    yMax: Math.min(a.yMax, b.yMax),
  });
  const union = boxArea(a) + boxArea(b) - inter;
  return union > 0 ? inter / union : 0;
}

export function boundingBox(points: readonly Vec2[]): Box {
  let xMin = Infinity;
  let yMin = Infinity;
  let xMax = -Infinity;
  let yMax = -Infinity;
  for (const p of points) {
    if (p.x < xMin) xMin = p.x;
    if (p.x > xMax) xMax = p.x;
    if (p.y < yMin) yMin = p.y;
    if (p.y > yMax) yMax = p.y;
  }
  return { xMin, yMin, xMax, yMax };
}

export const distance = (a: Vec2, b: Vec2): number => Math.hypot(a.x - b.x, a.y - b.y);

export const lerp = (a: Vec2, b: Vec2, t: number): Vec2 => ({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });

/** Angle that turns the image x-axis onto the direction from `from` to `to`. */
export const angleOf = (from: Vec2, to: Vec2): number => Math.atan2(to.y - from.y, to.x - from.x);

/**
 * The square region the landmark model wants around a face: centred on the box, as wide as
 * its longer side times `scale`, turned so the eye line is level (MediaPipe's
 * RectTransformation with squareLong).
 */
export function roiAround(box: Box, angle: number, scale: number): Roi {
  return {
    cx: (box.xMin + box.xMax) / 2,
    cy: (box.yMin + box.yMax) / 2,
    size: Math.max(box.xMax - box.xMin, box.yMax - box.yMin) * scale,
    angle,
  };
}

/** Maps a point of a `side`×`side` crop of `roi` back into image pixels. */
export function fromCrop(roi: Roi, side: number, p: Vec3): Vec3 {
  const s = roi.size / side;
  const c = Math.cos(roi.angle);
  const d = Math.sin(roi.angle);
  const u = p.x - side / 2;
  const v = p.y - side / 2;
  return { x: roi.cx + s * (c * u - d * v), y: roi.cy + s * (d * u + c * v), z: p.z * s };
}

/**
 * The 8 numbers of tf.image.transform that sample a `side`×`side` crop of `roi`: each output
 * pixel index (u, v) reads input pixel index (a0·u + a1·v + a2, b0·u + b1·v + b2). Pixel
 * centres sit at index + 0.5 on both sides, hence the half-pixel terms.
 */
export function cropTransform(roi: Roi, side: number): number[] {
  const s = roi.size / side;
  const c = Math.cos(roi.angle) * s;
  const d = Math.sin(roi.angle) * s;
  const o = 0.5 - side / 2;
  return [c, -d, roi.cx - 0.5 + c * o - d * o, d, c, roi.cy - 0.5 + d * o + c * o, 0, 0];
}

/**
 * A point of an image turned by `quarterTurns`×90° clockwise, mapped back into the frame of
 * the image as given (`width`×`height` are the given image's).
 */
export function unrotatePoint(p: Vec2, quarterTurns: number, width: number, height: number): Vec2 {
  switch (((quarterTurns % 4) + 4) % 4) {
    case 1:
      return { x: p.y, y: height - p.x };
    case 2:
      return { x: width - p.x, y: height - p.y };
    case 3:
      return { x: width - p.y, y: p.x };
    default:
      return { x: p.x, y: p.y };
  }
}

/**
 * The whole pixels a `side`×`side` crop of `roi` can read, bilinear neighbours included, within
 * a `width`×`height` image: [xMin, xMax) × [yMin, yMax). Read from only this span, the crop is
 * the same as read from the whole image.
 */
export function cropSpan(roi: Roi, side: number, width: number, height: number): Box {
  const [a0, a1, a2, b0, b1, b2] = cropTransform(roi, side);
  const last = side - 1;
  const corners = [0, last].flatMap((u) => [0, last].map((v) => ({ x: a0! * u + a1! * v + a2!, y: b0! * u + b1! * v + b2! })));
  const b = boundingBox(corners);
  // The floor of the lowest coordinate and the neighbour after the highest one's floor.
  const clamp = (v: number, max: number): number => Math.min(Math.max(v, 0), max);
  return {
    xMin: clamp(Math.floor(b.xMin), width),
    yMin: clamp(Math.floor(b.yMin), height),
    xMax: clamp(Math.floor(b.xMax) + 2, width),
    yMax: clamp(Math.floor(b.yMax) + 2, height),
  };
}

/** The smallest box holding all the boxes. */
export const unionBox = (boxes: readonly Box[]): Box => ({
  xMin: Math.min(...boxes.map((b) => b.xMin)),
  yMin: Math.min(...boxes.map((b) => b.yMin)),
  xMax: Math.max(...boxes.map((b) => b.xMax)),
  yMax: Math.max(...boxes.map((b) => b.yMax)),
});
