/**
 * The picture area: a photo (an <img>) or a camera frame (a canvas) with the point overlay on
 * top, kept at the picture's aspect ratio inside a fixed-size stage so nothing around it moves.
 */
import type { FaceShape, GroupName, GroupSpec } from '/faceshape.js';
import { drawOverlay } from './overlay';
import { planOverlay } from './overlay-plan';
import { keepCanvasSharp } from './hidpi-canvas';

export interface StageElements {
  stage: HTMLElement;
  frame: HTMLElement;
  photo: HTMLImageElement;
  /** The live camera, under the canvas that shows the analysed frames. */
  live: HTMLVideoElement;
  /** The camera frame the current points were found in. */
  frameCanvas: HTMLCanvasElement;
  overlay: HTMLCanvasElement;
  empty: HTMLElement;
  busy: HTMLElement;
  error: HTMLElement;
  errorTitle: HTMLElement;
  errorDetail: HTMLElement;
}

export interface DisplayOptions {
  showIndices: boolean;
  hidden: ReadonlySet<GroupName>;
}

/**
 * The canvas camera frames go to, made for how they come. A bitmap (a worker read the camera) is
 * handed over whole: the page copies nothing and its canvas has no drawing to push to the
 * compositor. A canvas frame (the page read the video) is drawn. A canvas keeps the kind of its
 * first context, so a change of kind takes a fresh canvas in its place.
 */
type FrameSurface =
  | { kind: 'bitmap'; canvas: HTMLCanvasElement; context: ImageBitmapRenderingContext }
  | { kind: 'drawn'; canvas: HTMLCanvasElement; context: CanvasRenderingContext2D };

type Picture = { kind: 'none' } | { kind: 'photo'; width: number; height: number } | { kind: 'frame'; width: number; height: number };

/** Image pixels the exported PNG's dots are sized for, as if shown this wide on screen. */
const EXPORT_VIEW_SIDE = 800;

export class Stage {
  private picture: Picture = { kind: 'none' };
  private faces: readonly FaceShape[] = [];
  private display: DisplayOptions = { showIndices: false, hidden: new Set() };
  private photoBlob: Blob | null = null;
  private frameSurface: FrameSurface | null = null;
  /** The overlay's backing-store pixels per CSS pixel: what one line width is drawn in. */
  private overlayUnit = 1;

  constructor(
    private readonly el: StageElements,
    private readonly groups: readonly GroupSpec[],
  ) {
    // The overlay, and a drawn frame canvas, are drawn by the CPU (the first getContext fixes it).
    // Rasterised on the GPU under software WebGL (SwiftShader), a face's contours and each camera
    // frame cost the page more than a frame's time, now that the analysis runs on without waiting
    // for the page: the demo on the fake camera went from 6.4 to 23 fps with a face.
    el.overlay.getContext('2d', { willReadFrequently: true });
    keepCanvasSharp(el.overlay, (unit) => {
      this.overlayUnit = unit;
      this.redraw();
    });
    el.error.querySelector('button')?.addEventListener('click', () => this.showError(null));
  }

  get hasPicture(): boolean {
    return this.picture.kind !== 'none';
  }

  /** Shows a photo (a Blob the page holds) with nothing drawn on it yet. */
  async showPhoto(blob: Blob | null, width: number, height: number): Promise<void> {
    const { photo } = this.el;
    if (this.photoBlob !== blob) {
      this.photoBlob = blob;
      if (photo.src.startsWith('blob:')) URL.revokeObjectURL(photo.src);
      if (blob) {
        const url = URL.createObjectURL(blob);
        // Decoded aside first, so the old photo and its points stay until the new one can show.
        const next = new Image();
        next.src = url;
        try {
          await next.decode();
        } catch {
          // The module decoded it, so this is rare; the points still show, on an empty frame.
        }
        if (this.photoBlob !== blob) {
          URL.revokeObjectURL(url);
          return;
        }
        photo.src = url;
      } else {
        photo.removeAttribute('src');
      }
    }
    this.setPicture({ kind: 'photo', width, height });
  }

  /** Shows the live camera until the first analysed frame arrives. */
  showCamera(width: number, height: number): void {
    const s = this.frameSurface;
    if (s?.kind === 'bitmap') s.context.transferFromImageBitmap(null);
    else s?.context.clearRect(0, 0, s.canvas.width, s.canvas.height);
    this.el.live.classList.remove('covered');
    this.faces = [];
    this.setPicture({ kind: 'frame', width, height });
  }

  /**
   * Shows one camera frame (the one the faces were found in, so they line up), at once, as
   * `image` lasts only this call: a bitmap is taken over, a canvas drawn.
   */
  showFrame(image: ImageBitmap | HTMLCanvasElement, width: number, height: number): void {
    const s = this.surface(image instanceof ImageBitmap ? 'bitmap' : 'drawn');
    if (s.canvas.width !== width || s.canvas.height !== height) {
      s.canvas.width = width;
      s.canvas.height = height;
    }
    if (s.kind === 'bitmap') s.context.transferFromImageBitmap(image as ImageBitmap);
    else s.context.drawImage(image, 0, 0, width, height);
    // Once analysed frames cover it, the live video need not be painted: compositing it in
    // software took over a third of each frame's time on a machine without a GPU.
    this.el.live.classList.add('covered');
    if (this.picture.kind !== 'frame' || this.picture.width !== width || this.picture.height !== height) {
      this.setPicture({ kind: 'frame', width, height });
    }
  }

  clear(): void {
    this.faces = [];
    this.setPicture({ kind: 'none' });
  }

  setFaces(faces: readonly FaceShape[]): void {
    this.faces = faces;
    this.redraw();
  }

  setDisplay(display: DisplayOptions): void {
    this.display = display;
    this.redraw();
  }

  setBusy(busy: boolean): void {
    this.el.busy.hidden = !busy;
    this.el.stage.setAttribute('aria-busy', String(busy));
  }

  showError(message: { title: string; detail: string } | null): void {
    this.el.error.hidden = message === null;
    this.el.errorTitle.textContent = message?.title ?? '';
    this.el.errorDetail.textContent = message?.detail ?? '';
  }

  /** The picture with its points at full resolution, as a PNG. */
  exportPng(): Promise<Blob | null> {
    const p = this.picture;
    if (p.kind === 'none') return Promise.resolve(null);
    const canvas = document.createElement('canvas');
    canvas.width = p.width;
    canvas.height = p.height;
    const ctx = canvas.getContext('2d')!;
    const { photo } = this.el;
    // A photo the page could not load for display still exports its points.
    if (p.kind === 'frame') ctx.drawImage(this.frameCanvas, 0, 0, p.width, p.height);
    else if (photo.complete && photo.naturalWidth > 0) ctx.drawImage(photo, 0, 0, p.width, p.height);
    const unit = Math.max(1, Math.max(p.width, p.height) / EXPORT_VIEW_SIDE);
    const plan = planOverlay(this.faces, this.groups, { scaleX: 1, scaleY: 1, unit, hidden: this.display.hidden });
    drawOverlay(ctx, plan, { showIndices: this.display.showIndices, showTags: this.faces.length > 1 });
    return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  }

  private setPicture(picture: Picture): void {
    this.picture = picture;
    const { frame, photo, live, empty } = this.el;
    photo.hidden = picture.kind !== 'photo';
    this.frameCanvas.hidden = live.hidden = picture.kind !== 'frame';
    frame.hidden = picture.kind === 'none';
    empty.hidden = picture.kind !== 'none';
    if (picture.kind !== 'none') frame.style.setProperty('--aspect', String(picture.width / picture.height));
    this.redraw();
  }

  private get frameCanvas(): HTMLCanvasElement {
    return this.frameSurface?.canvas ?? this.el.frameCanvas;
  }

  private surface(kind: FrameSurface['kind']): FrameSurface {
    const old = this.frameSurface;
    if (old?.kind === kind) return old;
    const canvas = old ? (old.canvas.cloneNode(false) as HTMLCanvasElement) : this.el.frameCanvas;
    old?.canvas.replaceWith(canvas);
    this.frameSurface =
      kind === 'bitmap'
        ? { kind, canvas, context: canvas.getContext('bitmaprenderer')! }
        : { kind, canvas, context: canvas.getContext('2d', { willReadFrequently: true })! };
    return this.frameSurface;
  }

  private redraw(): void {
    const { overlay } = this.el;
    const ctx = overlay.getContext('2d')!;
    ctx.clearRect(0, 0, overlay.width, overlay.height);
    const p = this.picture;
    if (p.kind === 'none' || overlay.width === 0) {
      overlay.setAttribute('aria-label', 'No picture yet.');
      return;
    }
    const plan = planOverlay(this.faces, this.groups, {
      scaleX: overlay.width / p.width,
      scaleY: overlay.height / p.height,
      unit: this.overlayUnit,
      hidden: this.display.hidden,
    });
    drawOverlay(ctx, plan, { showIndices: this.display.showIndices, showTags: this.faces.length > 1 });
    overlay.setAttribute(
      'aria-label',
      this.faces.length === 0 ? 'No face found in the picture.' : `${this.faces.length} ${this.faces.length === 1 ? 'face' : 'faces'} marked with 90 points each.`,
    );
  }
}
