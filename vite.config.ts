/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// three.js does not tree-shake under R3F: keep it, React and the app in separate cacheable chunks.
function vendorChunk(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined;
  if (/node_modules[\\/](three|three-stdlib|@react-three)[\\/]/.test(id)) return 'three';
  if (/node_modules[\\/](react|react-dom|scheduler|zustand|zundo)[\\/]/.test(id)) return 'react';
  // Vector basemaps only: loaded with the app's vector-tile code when a vector basemap is opened.
  if (/node_modules[\\/](@maplibre|@mapbox[\\/]vector-tile|pbf)[\\/]/.test(id)) return undefined;
  return 'vendor';
}

/**
 * Cross-origin isolation lets the app share a cancel flag (SharedArrayBuffer) with the planner worker.
 * `credentialless` keeps optional map tiles from other origins loading (fetched without cookies).
 */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'credentialless',
};

export default defineConfig({
  plugins: [react()],
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  build: {
    chunkSizeWarningLimit: 1500,
    rollupOptions: { output: { manualChunks: vendorChunk } },
  },
  worker: { format: 'es' },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
