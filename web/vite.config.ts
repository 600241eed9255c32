/// <reference types="vitest/config" />
// Vite builds the app into dist/, which `fairqm serve` serves (web_root).
// In development `npm run dev` proxies /api to a running `fairqm serve`.
import { defineConfig } from 'vite';

export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The CSP forbids inline scripts; Vite emits module files only.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 700,
    sourcemap: false,
  },
  server: {
    proxy: { '/api': process.env.FAIRQM_API ?? 'http://127.0.0.1:8080' },
  },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'jsdom',
  },
});
