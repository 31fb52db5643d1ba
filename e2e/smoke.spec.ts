import { expect, test } from '@playwright/test';

test('the built module loads its models and reports a backend', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('status')).toContainText('ready');
});
