/**
 * A blank page on the preview server's origin that imports the built module like any app
 * would, with the repo's test photos served on the same origin under /fixtures/.
 */
import type { Page } from '@playwright/test';

export const FIXTURE_DIR = new URL('../../test/fixtures/faces/', import.meta.url).pathname;

export async function openModulePage(page: Page): Promise<void> {
  await page.route('**/__blank.html', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>' }),
  );
  await page.route('**/fixtures/*', (route) => {
    const name = decodeURIComponent(new URL(route.request().url()).pathname.split('/').pop()!);
    return route.fulfill({ path: FIXTURE_DIR + name });
  });
  await page.goto('/__blank.html');
}
