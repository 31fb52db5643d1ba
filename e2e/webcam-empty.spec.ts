/**
 * The camera on Chromium's fake device showing no face (grass): nothing is found, the rate is
 * still shown (a frame with nothing in it must not cost a full search each time), and stopping
 * releases the camera. The measured rate is written to test-results/webcam-rate-empty.json.
 */
import { expect, test, type Browser } from '@playwright/test';
import { expectNoProblems, openDemo, screenshot, waitForResponse } from './support/demo';
import { keepRate, launchWithFakeCamera, shownRate, stopCamera } from './support/fake-camera';

/** How long the camera runs before its rate is read. */
const RUN_MS = 10_000;

let camera: Browser;

// eslint-disable-next-line no-empty-pattern -- Playwright passes fixtures first; this hook needs none.
test.beforeAll(async ({}, testInfo) => {
  camera = await launchWithFakeCamera(testInfo, 'facealignment_grass.jpg', 'grass-drift');
});

test.afterAll(async () => camera?.close());

test('a camera with no face: nothing found, the rate shown, the camera released on stop', async ({ baseURL }) => {
  const context = await camera.newContext({ baseURL, viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  await context.grantPermissions(['camera']);
  const page = await context.newPage();
  await openDemo(page);
  await page.getByTestId('webcam-toggle').click();
  await expect(page.getByTestId('webcam-toggle')).toHaveText('Stop camera');
  await expect(page.getByTestId('fps')).toHaveText(/^\d+\.\d fps · \d+ ms per frame$/);
  await page.waitForTimeout(RUN_MS);
  const measured = { ...(await shownRate(page)), frame: '640x480', face: false, at: new Date().toISOString() };
  keepRate('webcam-rate-empty.json', 'webcam rate, no face', measured);
  expect(measured.fps).toBeGreaterThan(0);
  await screenshot(page, '26-webcam-no-face');

  expect((await stopCamera(page)).ended).toBe(true);
  const last = await waitForResponse(page);
  expect([last.image_width, last.image_height, last.face_shape_set.length]).toEqual([640, 480, 0]);
  await expectNoProblems(page);
  await context.close();
});
