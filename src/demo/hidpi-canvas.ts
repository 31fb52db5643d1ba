/**
 * Keeps a canvas's backing store at its displayed size in device pixels, so what is drawn stays
 * sharp on high-DPI screens and at any zoom, and calls back to redraw after each change with
 * the backing store's pixels per CSS pixel: a redraw that read clientWidth itself would force a
 * layout on every camera frame (3.7 ms a frame on the fake camera, most of the page's own work).
 */
export function keepCanvasSharp(canvas: HTMLCanvasElement, redraw: (pixelsPerCssPixel: number) => void): void {
  const fit = (entry: ResizeObserverEntry): void => {
    const box = entry.contentBoxSize[0];
    const cssWidth = (box?.inlineSize ?? 0) * devicePixelRatio;
    const cssHeight = (box?.blockSize ?? 0) * devicePixelRatio;
    // The device-pixel box is exact (it snaps like the compositor), but Chromium's device
    // emulation (DevTools device mode, headless tests) reports it in CSS pixels: use it only
    // when it agrees with devicePixelRatio.
    const device = entry.devicePixelContentBoxSize?.[0];
    const exact = device && Math.abs(device.inlineSize - cssWidth) <= 1 && Math.abs(device.blockSize - cssHeight) <= 1;
    const width = exact ? device.inlineSize : Math.round(cssWidth);
    const height = exact ? device.blockSize : Math.round(cssHeight);
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    redraw(width / Math.max(1, box?.inlineSize ?? 0));
  };
  let last: ResizeObserverEntry | undefined;
  const observer = new ResizeObserver((entries) => {
    last = entries[entries.length - 1] ?? last;
    if (last) fit(last);
  });
  try {
    observer.observe(canvas, { box: 'device-pixel-content-box' });
  } catch {
    observer.observe(canvas);
  }
  // A window moved to a screen of another density may keep its CSS size: refit on that too.
  let density: MediaQueryList | undefined;
  const watchDensity = (): void => {
    density?.removeEventListener('change', onDensity);
    density = matchMedia(`(resolution: ${devicePixelRatio}dppx)`);
    density.addEventListener('change', onDensity);
  };
  const onDensity = (): void => {
    watchDensity();
    if (last) fit(last);
  };
  watchDensity();
}
