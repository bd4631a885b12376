import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The staff console, served by the hub at `/` under a strict CSP ('self' only): everything bundled, no inline
// scripts or styles, no data: URLs. A second page, the public usage dashboard (issue 18), is built alongside it
// into dashboard/ and shares the chart components; the hub serves it without login at /dashboard/.
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
    // Paths from the root (console/).
    rollupOptions: { input: { console: 'index.html', dashboard: 'dashboard/index.html' } },
  },
});
