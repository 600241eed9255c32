// End-to-end journeys: a real `fairqm serve` with demo data on loopback,
// driven by playwright-core in Debian's Chromium. One file per role; they
// run one after another because they share one server and one browser.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 180_000,
    reporters: ['verbose'],
  },
});
