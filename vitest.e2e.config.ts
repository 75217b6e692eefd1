/// <reference types="vitest/config" />
import { defineConfig } from 'vitest/config';

// End-to-end tests: the built app (dist/) served by `vite preview`, driven in Debian's Chromium.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/globalSetup.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
