/**
 * Draws an overlay plan onto a 2D canvas: dark halos under coloured lines and dots, so the
 * points read on light and dark photos alike.
 */
import type { FacePlan } from './overlay-plan';

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

const HALO = 'rgba(0, 0, 0, 0.55)';

export interface DrawOptions {
  showIndices: boolean;
  /** Number the faces (when there are several, to match face_shape_set's order). */
  showTags: boolean;
}

export function drawOverlay(ctx: Context2D, plan: readonly FacePlan[], options: DrawOptions): void {
  ctx.save();
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  for (const face of plan) {
    for (const pass of ['halo', 'color'] as const) {
      for (const g of face.groups) {
        ctx.strokeStyle = pass === 'halo' ? HALO : g.color;
        ctx.lineWidth = pass === 'halo' ? face.lineWidth * 2.5 : face.lineWidth;
        for (const line of g.lines) {
          ctx.beginPath();
          line.forEach((p, k) => (k === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
          ctx.stroke();
        }
      }
    }
    for (const g of face.groups) {
      for (const p of g.points) {
        ctx.beginPath();
        ctx.arc(p.x, p.y, face.radius, 0, 2 * Math.PI);
        ctx.fillStyle = g.color;
        ctx.fill();
        ctx.lineWidth = Math.max(1, face.radius * 0.35);
        ctx.strokeStyle = HALO;
        ctx.stroke();
      }
    }
    if (options.showIndices) drawIndices(ctx, face);
    if (options.showTags) drawTag(ctx, face);
  }
  ctx.restore();
}

function drawIndices(ctx: Context2D, face: FacePlan): void {
  const size = Math.max(9, face.radius * 3.2);
  ctx.font = `600 ${size}px system-ui, sans-serif`;
  ctx.textBaseline = 'bottom';
  ctx.lineWidth = Math.max(2, size / 4);
  ctx.strokeStyle = HALO;
  for (const g of face.groups) {
    ctx.fillStyle = g.color;
    g.points.forEach((p, k) => {
      const x = p.x + face.radius;
      const y = p.y - face.radius * 0.5;
      ctx.strokeText(String(k), x, y);
      ctx.fillText(String(k), x, y);
    });
  }
}

function drawTag(ctx: Context2D, face: FacePlan): void {
  const size = Math.max(11, face.radius * 4);
  ctx.font = `700 ${size}px system-ui, sans-serif`;
  const w = ctx.measureText(face.tag.text).width + size * 0.8;
  const h = size * 1.4;
  const x = face.tag.x - w / 2;
  const y = face.tag.y - h;
  ctx.fillStyle = 'rgba(17, 24, 39, 0.8)';
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, h / 2);
  ctx.fill();
  ctx.fillStyle = '#fff';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(face.tag.text, face.tag.x, y + h / 2);
  ctx.textAlign = 'start';
}
