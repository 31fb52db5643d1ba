import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One TF.js engine per file; files in parallel would fight over two cores.
    fileParallelism: false,
    setupFiles: ['test/support/setup.ts'],
  },
});
