import { defineConfig } from '@playwright/test';

// Browser tests drive Debian's chromium; no browser is ever downloaded by a test tool.
// scripts/test.sh starts the real API (which serves web/dist) and passes its URL in.
const baseURL = process.env.KLIMA_BASE_URL ?? 'http://127.0.0.1:5000';

export default defineConfig({
  testDir: './browser',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  outputDir: 'test-results/browser-artifacts',
  reporter: [['list'], ['json', { outputFile: 'test-results/browser.json' }]],
  use: {
    baseURL,
    viewport: { width: 1366, height: 900 },
    locale: 'da-DK',
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        // Chromium draws date fields in its own UI language, not the page's: Danish, as staff see them.
        '--lang=da-DK',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
});
