// Browser tests of the UI bundle in Debian's Chromium (never a downloaded browser), with
// the Tauri backend replaced at the IPC edge by a fake in e2e/backend.ts. The real
// backend is covered by the Rust command tests and the window test.
import { defineConfig } from '@playwright/test';

// Another port lets two checkouts run their browser tests side by side. (The UI's type
// check has no Node types, hence the environment read through `globalThis`.)
const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env;
const port = Number(env?.DRAGOMAN_UI_PORT ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  timeout: 30_000,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
  },
});
