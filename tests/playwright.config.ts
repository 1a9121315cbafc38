import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { E2E_SIGNIN_PER_ADDRESS, e2eDatabase } from "./e2e/support/run-env";

/**
 * End-to-end tests against the built app (`npm run build` first; `npm test` does).
 *
 * Each run gets its own database: with TEST_DATABASE_URL (a local PostgreSQL) a fresh
 * `kring_e2e_<run id>` created by the web server command just before `next start` and
 * dropped by the global teardown; without it, a fresh embedded PGlite folder under
 * tests/.tmp/. Playwright starts the web server before globalSetup, which is why the
 * database is created in the server command and not in a globalSetup.
 */
const port = Number(process.env.E2E_PORT ?? 3210);
// "localhost", not 127.0.0.1: Next normalises loopback addresses to "localhost" in a route
// handler's request URL, from which Auth.js takes the origin of its redirects and cookies.
const host = "localhost";
const baseURL = `http://${host}:${port}`;
const db = e2eDatabase();
const ci = !!process.env.CI;

/**
 * Debian's Chromium where it exists (Playwright cannot download browsers on our machines): its
 * headless shell first, the same lighter build Playwright itself runs for headless tests. The
 * full browser in headless mode cost 30% more CPU on the same specs (245 against 172 CPU
 * seconds, 131 s against 97 s), and the browsers are most of the run's CPU (decision 051).
 */
const systemChromium = ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"].find((p) => existsSync(p));
const launchOptions = systemChromium
  ? {
      executablePath: systemChromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        // Composite in software in the browser process instead of emulating a GPU: the browsers
        // are most of the run's CPU, and this took 5% of it off (the trace setting below 8% more).
        "--disable-gpu-compositing",
        "--disable-software-rasterizer",
        // Without these Chromium keeps calling home, which floods a closed network with refused connections.
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    }
  : {};

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./.tmp/test-results",
  // Two cores: the server and the browsers share them.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  fullyParallel: true,
  forbidOnly: ci,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: ci ? [["list"], ["html", { open: "never", outputFolder: "./.tmp/playwright-report" }]] : [["list"]],
  globalTeardown: "./e2e/support/global-teardown.ts",
  use: {
    baseURL,
    // A non-UTC zone, so date bugs show (the app renders times in the browser's zone).
    timezoneId: "Europe/Amsterdam",
    locale: "en-GB",
    // The app learns the browser's zone from this cookie and re-renders once when it is
    // missing; setting it up front keeps that refresh from racing the test's first clicks.
    // access.spec.ts checks the first-visit behaviour without it.
    storageState: {
      cookies: [
        {
          name: "kring-tz",
          value: encodeURIComponent("Europe/Amsterdam"),
          domain: host,
          path: "/",
          expires: -1,
          httpOnly: false,
          secure: false,
          sameSite: "Lax",
        },
      ],
      origins: [],
    },
    // A failed test keeps its trace with the DOM at every step, but no screencast: recording
    // the screen for every test, to throw it away when it passes, cost 8% of the run's CPU.
    trace: { mode: "retain-on-failure", screenshots: false, snapshots: true, sources: true },
    screenshot: "only-on-failure",
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], launchOptions } }],
  webServer: {
    command: `node_modules/.bin/tsx tests/e2e/support/create-db.ts && exec node_modules/.bin/next start -H ${host} -p ${port}`,
    cwd: "..",
    url: `${baseURL}/signin`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      NODE_ENV: "production",
      KRING_ENV: "test",
      // Every link in an email is built from this, never from the request (issue 15).
      KRING_PUBLIC_URL: baseURL,
      NEXT_TELEMETRY_DISABLED: "1",
      AUTH_SECRET: "kring-e2e-test-secret-not-for-production-0123456789",
      KRING_SEED_DEMO: "1",
      KRING_E2E_RUN_ID: process.env.KRING_E2E_RUN_ID ?? "",
      // Mail goes to the outbox (/dev/outbox), never to a real server; immediate mail after two
      // quiet seconds, swept every two (production: two minutes, every 30 s).
      SMTP_URL: "",
      KRING_RATE_SIGNIN_PER_ADDRESS: `${E2E_SIGNIN_PER_ADDRESS}/15m`,
      KRING_RATE_SIGNIN_PER_IP: "1000/15m",
      KRING_MAIL_QUIET_SECONDS: "2",
      KRING_MAIL_SWEEP_SECONDS: "2",
      // Webhooks may reach the receiver tests/e2e/webhooks.spec.ts runs on 127.0.0.1, over http too,
      // as the integration tests' receivers (tests/vitest.config.ts; decision 050). Only that literal:
      // a name resolving to loopback, and every other private address, is still refused.
      KRING_WEBHOOK_TEST_HOSTS: "127.0.0.1",
      DATABASE_URL: db.kind === "postgres" ? db.url : "",
      KRING_DATA_DIR: db.kind === "pglite" ? db.dataDir : "",
    },
  },
});
