/**
 * A fake-camera video made at test time from a real photo: the face drifts left and right and
 * up and down across a 640×480 frame (one smooth loop), so tracking must follow it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { chromium, expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { loadPixels } from '../../test/support/images';
import { encodeY4m, type RgbaFrame } from './y4m';

export interface FakeCameraOptions {
  width?: number;
  height?: number;
  frames?: number;
  fps?: number;
  /** Largest shift of the photo from the centre, in pixels. */
  drift?: number;
}

/** The photo scaled to fill `height`, shifted by (dx, dy), on a grey background (bilinear). */
export function placePhoto(photo: RgbaFrame, width: number, height: number, dx: number, dy: number): RgbaFrame {
  const scale = photo.height / height;
  const shownWidth = photo.width / scale;
  const left = (width - shownWidth) / 2 + dx;
  const data = new Uint8ClampedArray(width * height * 4).fill(96);
  for (let y = 0; y < height; y++) {
    const sy = (y + 0.5 - dy) * scale - 0.5;
    for (let x = 0; x < width; x++) {
      const sx = (x + 0.5 - left) * scale - 0.5;
      const o = (y * width + x) * 4;
      data[o + 3] = 255;
      if (sx < 0 || sy < 0 || sx > photo.width - 1 || sy > photo.height - 1) continue;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const x1 = Math.min(photo.width - 1, x0 + 1);
      const y1 = Math.min(photo.height - 1, y0 + 1);
      const fx = sx - x0;
      const fy = sy - y0;
      for (let c = 0; c < 3; c++) {
        const at = (px: number, py: number): number => photo.data[(py * photo.width + px) * 4 + c]!;
        data[o + c] = (at(x0, y0) * (1 - fx) + at(x1, y0) * fx) * (1 - fy) + (at(x0, y1) * (1 - fx) + at(x1, y1) * fx) * fy;
      }
    }
  }
  return { data, width, height };
}

export async function writeFakeCamera(photoName: string, outPath: string, options: FakeCameraOptions = {}): Promise<void> {
  const { width = 640, height = 480, frames = 40, fps = 30, drift = 40 } = options;
  const photo = await loadPixels(photoName);
  const video = Array.from({ length: frames }, (_, k) => {
    const phase = (2 * Math.PI * k) / frames;
    return placePhoto(photo, width, height, drift * Math.sin(phase), (drift / 3) * Math.sin(2 * phase));
  });
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, encodeY4m(video, fps));
}

/**
 * A Chromium whose camera plays `photo` drifting (the video made at test time as
 * test-results/fake-camera/<name>.y4m). No --use-fake-ui-for-media-stream: each context grants
 * the camera or leaves it refused.
 */
export async function launchWithFakeCamera(testInfo: TestInfo, photo: string, name: string): Promise<Browser> {
  const video = resolve(`test-results/fake-camera/${name}.y4m`);
  await writeFakeCamera(photo, video);
  const launch = testInfo.project.use.launchOptions ?? {};
  return chromium.launch({
    ...launch,
    args: [...(launch.args ?? CHROMIUM_ARGS), '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  });
}

/** The rate the demo shows under the camera ("23.2 fps · 39 ms per frame") and its backend. */
export async function shownRate(page: Page): Promise<{ fps: number; msPerFrame: number; backend: string | null }> {
  const rate = (await page.getByTestId('fps').textContent())!;
  const [, fps, ms] = /^([\d.]+) fps · (\d+) ms per frame$/.exec(rate)!;
  return { fps: Number(fps), msPerFrame: Number(ms), backend: await page.getByTestId('backend').textContent() };
}

/** Keeps a measured rate in test-results/<file> and as an annotation of the running test. */
export function keepRate(file: string, label: string, measured: object): void {
  writeFileSync(`test-results/${file}`, `${JSON.stringify(measured, null, 2)}\n`);
  test.info().annotations.push({ type: label, description: JSON.stringify(measured) });
}

/**
 * Presses the demo's camera toggle to stop it, waits until it says so, and tells whether every
 * track of the stream it had ended (the camera light off) and whether the video still holds it.
 */
export async function stopCamera(page: Page): Promise<{ ended: boolean; attached: boolean }> {
  const live = page.locator('#live');
  await live.evaluate((video: HTMLVideoElement) => {
    (window as unknown as { __stream: MediaStream }).__stream = video.srcObject as MediaStream;
  });
  await page.getByTestId('webcam-toggle').click();
  await expect(page.getByTestId('fps')).toHaveText(/^stopped · last /);
  return live.evaluate((video: HTMLVideoElement) => ({
    ended: (window as unknown as { __stream: MediaStream }).__stream.getTracks().every((t) => t.readyState === 'ended'),
    attached: video.srcObject !== null,
  }));
}
