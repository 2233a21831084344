import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

// Vite 8 compiles JSX itself (Oxc): no React plugin. The API serves the output at /console/.
export default defineConfig({
  root: here,
  base: '/console/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    // No inline module-preload polyfill: the page's CSP allows scripts from files only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
