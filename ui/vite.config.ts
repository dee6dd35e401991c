import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [svelte()],
  resolve: {
    alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) },
  },
  // The web view is a recent WebKitGTK, WebView2 or WKWebView: no legacy syntax needed.
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  clearScreen: false,
  test: { include: ['src/**/*.test.ts'] },
});
