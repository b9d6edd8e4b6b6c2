/**
 * Builds the renderer into dist-renderer/. pdf.js is split out (loaded by a dynamic import only when a
 * document opens); its worker, character maps and standard fonts are copied next to the page so that
 * nothing is fetched from the network (the CSP forbids it anyway).
 */
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import fs from 'node:fs';
import path from 'node:path';

const pdfjsDir = path.resolve('node_modules/pdfjs-dist');

function copyPdfjsAssets(): Plugin {
  let outDir = 'dist-renderer';
  return {
    name: 'hosoky-copy-pdfjs-assets',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const folder of ['cmaps', 'standard_fonts']) {
        fs.cpSync(path.join(pdfjsDir, folder), path.join(outDir, 'pdfjs', folder), { recursive: true });
      }
    },
  };
}

export default defineConfig({
  root: '.',
  base: './',
  // The app icon doubles as the page icon (no request left unanswered).
  publicDir: 'resources/icons',
  plugins: [react(), copyPdfjsAssets()],
  build: {
    outDir: 'dist-renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
    // One small initial chunk; pdf.js is big and comes only with the Document screen.
    chunkSizeWarningLimit: 1500,
    modulePreload: { polyfill: false },
  },
});
