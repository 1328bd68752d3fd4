import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

/*
 * End-to-end tests drive the built app (`npm run build`) in the system Chromium.
 * Without E2E_BASE_URL, a fresh server is started on its own port with an empty data directory,
 * so every run begins from a clean database.
 */
const PORT = 4180;
const externalBaseURL = process.env.E2E_BASE_URL;
const baseURL = externalBaseURL ?? `http://127.0.0.1:${PORT}`;

// The config is evaluated in the runner and again in each worker; workers inherit this variable,
// so only one temporary directory is created per run.
process.env.FLOWPILOT_E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), 'flowpilot-e2e-'));
const dataDir = process.env.FLOWPILOT_E2E_DATA_DIR;

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL,
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: chromiumArgs,
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: externalBaseURL
    ? undefined
    : {
        command: 'node apps/server/dist/server.js',
        url: `${baseURL}/api/v1/health`,
        reuseExistingServer: false,
        timeout: 60_000,
        stdout: 'pipe',
        stderr: 'pipe',
        env: {
          PORT: String(PORT),
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          LOG_LEVEL: 'warn',
          LLM_PROVIDER: 'offline',
          // Every spec signs up its own account; the production limit (10/min) would throttle the suite.
          AUTH_RATE_LIMIT_PER_MINUTE: '1000',
          // CI runs the suite a second time against a PostgreSQL server.
          ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
        },
      },
});
