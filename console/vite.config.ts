import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The staff console, served by the hub at `/` under a strict CSP ('self' only): everything bundled, no inline
// scripts or styles, no data: URLs.
export default defineConfig({
  root: 'console',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/console',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
});
