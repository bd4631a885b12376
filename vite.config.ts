import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is served from a custom protocol (Electron) or from the kiosk's
// own HTTP server under a strict CSP, so everything is bundled and relative.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No inline scripts or data: URLs: the CSP allows 'self' only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    // Loaded from the local disk, never over a network: one bundle is fine.
    chunkSizeWarningLimit: 1500,
  },
});
