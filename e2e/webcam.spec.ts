/**
 * The camera on Chromium's fake device, fed a video made at test time from a real photo in
 * which the face drifts around: faces are found in live frames, followed as they move, the
 * rate is shown, and stopping releases the camera. The measured rate is written to
 * test-results/webcam-rate.json.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectDrawnNear, expectNinetyPointsPerFace, expectNoProblems, openDemo, recordProblems, screenshot, waitForResponse, type PanelValue } from './support/demo';
import { openModulePage } from './support/module-page';
import { keepRate, launchWithFakeCamera, shownRate, stopCamera } from './support/fake-camera';

/** How long the camera runs before its rate is read, so the first (slow) frames do not count. */
const WARM_UP_MS = 10_000;

let camera: Browser;

// eslint-disable-next-line no-empty-pattern -- Playwright passes fixtures first; this hook needs none.
test.beforeAll(async ({}, testInfo) => {
  camera = await launchWithFakeCamera(testInfo, 'mediapipe_sergey.png', 'sergey-drift');
});

test.afterAll(async () => camera?.close());

async function cameraPage(baseURL: string | undefined): Promise<Page> {
  const context = await camera.newContext({ baseURL, viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  await context.grantPermissions(['camera']);
  return context.newPage();
}

const nosePosition = (v: PanelValue | undefined): string | undefined =>
  v && 'face_shape_set' in v && v.face_shape_set[0] ? JSON.stringify(v.face_shape_set[0].nose[0]) : undefined;

test('live frames: faces found and followed as they move, rate shown, camera released on stop', async ({ baseURL }) => {
  const page = await cameraPage(baseURL);
  await openDemo(page);
  await page.getByTestId('webcam-toggle').click();
  await expect(page.getByTestId('webcam-toggle')).toHaveText('Stop camera');
  await expect(page.getByTestId('webcam-toggle')).toHaveAttribute('aria-pressed', 'true');

  const first = await waitForResponse(page, (r) => r.face_shape_set.length === 1);
  expect([first.image_width, first.image_height]).toEqual([640, 480]);
  expectNinetyPointsPerFace(first);
  await expect(page.getByTestId('fps')).toHaveText(/^\d+\.\d fps · \d+ ms per frame$/);

  // The face drifts in the video, so the tracked nose tip must move from sample to sample.
  const noses = new Set<string>();
  await expect
    .poll(
      async () => {
        const nose = nosePosition(JSON.parse((await page.getByTestId('result-json').textContent()) || 'null') as PanelValue);
        if (nose) noses.add(nose);
        return noses.size;
      },
      { intervals: [300] },
    )
    .toBeGreaterThanOrEqual(4);
  await screenshot(page, '20-webcam-live');

  // Main-thread tasks over 50 ms while the camera runs (a measure, not a target).
  await page.evaluate(() => {
    const w = window as unknown as { __long: number[] };
    w.__long = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__long.push(Math.round(e.duration)))).observe({ type: 'longtask' });
  });
  await page.waitForTimeout(WARM_UP_MS);
  const longTasks = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
  const measured = {
    ...(await shownRate(page)),
    frame: '640x480',
    mainThreadLongTasks: { count: longTasks.length, maxMs: Math.max(0, ...longTasks), overMs: WARM_UP_MS },
    at: new Date().toISOString(),
  };
  keepRate('webcam-rate.json', 'webcam rate', measured);
  expect(measured.fps).toBeGreaterThan(0);
  await screenshot(page, '21-webcam-running');

  // Stopping ends every track of the stream (the camera light goes off) and keeps the last frame.
  expect(await stopCamera(page)).toEqual({ ended: true, attached: false });
  await expect(page.getByTestId('webcam-toggle')).toHaveText('Start camera');
  const last = await waitForResponse(page);
  expect(last.face_shape_set).toHaveLength(1);
  // The last frame stays with its (smoothed) points, within a few pixels of the last response.
  await expectDrawnNear(page, last, 8);
  await screenshot(page, '22-webcam-stopped');

  // A photo after the camera works as before.
  await page.getByRole('button', { name: 'Group of three' }).click();
  await waitForResponse(page, (r) => r.face_shape_set.length === 3 && r.image_width === 500);
  await expectNoProblems(page);
  await page.context().close();
});

test('on the main thread (?engine=main) the page reads the frames itself and finds the face', async ({ baseURL }) => {
  const page = await cameraPage(baseURL);
  await openDemo(page, '?engine=main');
  await expect(page.getByTestId('backend')).toHaveText(/· main thread$/);
  await page.getByTestId('webcam-toggle').click();
  const r = await waitForResponse(page, (x) => x.face_shape_set.length === 1);
  expect([r.image_width, r.image_height]).toEqual([640, 480]);
  expectNinetyPointsPerFace(r);
  await expect(page.getByTestId('fps')).toHaveText(/^\d+\.\d fps · \d+ ms per frame$/);
  await screenshot(page, '25-webcam-main-thread');
  await page.getByTestId('webcam-toggle').click();
  await expect(page.getByTestId('fps')).toHaveText(/^stopped · last /);
  await expectNoProblems(page);
  await page.context().close();
});

test('without MediaStreamTrackProcessor (as in Firefox, Safari) the page feeds frames to the worker', async ({ baseURL }) => {
  const page = await cameraPage(baseURL);
  await page.addInitScript(() => delete (window as unknown as Record<string, unknown>).MediaStreamTrackProcessor);
  await openDemo(page);
  expect(await page.evaluate(() => 'MediaStreamTrackProcessor' in window)).toBe(false);
  await expect(page.getByTestId('backend')).toHaveText(/· worker$/);
  await page.getByTestId('webcam-toggle').click();
  const r = await waitForResponse(page, (x) => x.face_shape_set.length === 1);
  expectNinetyPointsPerFace(r);
  await expect(page.getByTestId('fps')).toHaveText(/^\d+\.\d fps · \d+ ms per frame$/);
  await page.getByTestId('webcam-toggle').click();
  await expectNoProblems(page);
  await page.context().close();
});

test('analyzer.follow(): the worker and the page-thread analyzer follow a <video> and a camera track, and stop', async ({ baseURL }) => {
  const page = await cameraPage(baseURL);
  await recordProblems(page);
  await openModulePage(page);
  const result = await page.evaluate(async () => {
    const { createFaceAnalyzer, createWorkerAnalyzer } = (await import('/faceshape.js')) as typeof import('../src/index');
    const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
    const video = document.createElement('video');
    video.muted = true;
    video.srcObject = stream;
    await video.play();
    const track = stream.getVideoTracks()[0]!;
    type Seen = { faces: number; width: number; frameWidth: number; drawable: boolean; timestamps: number[] };
    const followFor = async (analyzer: Awaited<ReturnType<typeof createFaceAnalyzer>>, source: HTMLVideoElement | MediaStreamTrack): Promise<Seen & { afterStop: number }> => {
      const seen: Seen = { faces: 0, width: 0, frameWidth: 0, drawable: false, timestamps: [] };
      let calls = 0;
      const canvas = document.createElement('canvas');
      const stop = analyzer.follow(source, (response, frame) => {
        calls++;
        seen.faces = response.face_shape_set.length;
        seen.width = response.image_width;
        seen.frameWidth = frame.width;
        seen.timestamps.push(frame.timestamp);
        // The frame can be drawn during the callback: the points belong to it.
        canvas.getContext('2d')!.drawImage(frame.image, 0, 0);
        seen.drawable = true;
      });
      const start = performance.now();
      while ((calls < 5 || seen.faces === 0) && performance.now() - start < 60_000) await new Promise((r) => setTimeout(r, 100));
      stop();
      const atStop = calls;
      await new Promise((r) => setTimeout(r, 1000));
      // At most the frame in flight when stop() was called is still answered (not passed on).
      return { ...seen, afterStop: calls - atStop };
    };
    const worker = await createWorkerAnalyzer();
    const viaWorkerVideo = await followFor(worker, video);
    const viaWorkerTrack = await followFor(worker, track);
    worker.close();
    const main = await createFaceAnalyzer();
    const onPage = await followFor(main, video);
    main.close();
    track.stop();
    return { viaWorkerVideo, viaWorkerTrack, onPage };
  });
  for (const [name, seen] of Object.entries(result)) {
    expect(seen.faces, name).toBe(1);
    expect([seen.width, seen.frameWidth], name).toEqual([640, 640]);
    expect(seen.drawable, name).toBe(true);
    expect(seen.afterStop, name).toBe(0);
    // Capture times that only go forward: the smoothing goes by them.
    expect(seen.timestamps.every((t, i) => i === 0 || t > seen.timestamps[i - 1]!), name).toBe(true);
  }
  await expectNoProblems(page);
  await page.context().close();
});

test('no camera: a clear message, and the page keeps working', async ({ page }) => {
  // The default browser of the suite has no fake device: there is no camera to get.
  await openDemo(page);
  await page.getByTestId('webcam-toggle').click();
  await expect(page.getByTestId('error')).toBeVisible();
  await expect(page.getByTestId('error')).toContainText(/camera/i);
  await expect(page.getByTestId('webcam-toggle')).toHaveText('Start camera');
  await expect(page.getByTestId('webcam-toggle')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('fps')).toHaveText('off');
  await screenshot(page, '23-webcam-none');
  await page.getByRole('button', { name: 'Portrait' }).click();
  const r = await waitForResponse(page);
  expect(r.face_shape_set).toHaveLength(1);
  await expectNoProblems(page);
});

test('camera refused: a clear message', async ({ baseURL }) => {
  // A camera is there, but this context never grants it: the permission prompt is refused.
  const context = await camera.newContext({ baseURL });
  const page = await context.newPage();
  await openDemo(page);
  await page.getByTestId('webcam-toggle').click();
  await expect(page.getByTestId('error')).toContainText('Camera access was refused');
  await expect(page.getByTestId('webcam-toggle')).toHaveText('Start camera');
  await screenshot(page, '24-webcam-refused');
  await expectNoProblems(page);
  await context.close();
});
