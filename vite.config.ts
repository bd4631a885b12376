import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { skipLocaleProbe } from './build/skip-locale-probe.ts';

/**
 * Preloads the web fonts (Atkinson Hyperlegible Next, woff2) with the page instead of discovering
 * them only at the first layout: the start screen then comes up in its own font, without a
 * second layout when the fonts arrive. Start-up time is waited for at a terminal after every restart.
 */
function preloadFonts(): Plugin {
  return {
    name: 'kiosk-preload-fonts',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        return Object.values(context.bundle ?? {})
          .filter((output) => output.type === 'asset' && output.fileName.endsWith('.woff2'))
          .map((font) => ({
            tag: 'link',
            attrs: { rel: 'preload', as: 'font', type: 'font/woff2', crossorigin: true, href: `./${font.fileName}` },
            injectTo: 'head' as const,
          }));
      },
    },
  };
}

// The renderer is served from a custom protocol (Electron) or from the kiosk's
// own HTTP server under a strict CSP, so everything is bundled and relative.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), preloadFonts(), skipLocaleProbe()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No inline scripts or data: URLs: the CSP allows 'self' only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    // Loaded from the local disk, never over a network: large chunks are fine.
    chunkSizeWarningLimit: 1500,
  },
});
