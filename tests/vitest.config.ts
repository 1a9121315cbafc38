import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

// Tests run in a zone with a UTC offset and daylight saving, so date bugs show.
// Set here too (not only in `test.env`) so the forked workers inherit it at start.
process.env.TZ = "Europe/Amsterdam";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The integration files that run a second time on the embedded database (`npm run
 * test:integration:embedded-too`, the `embedded` project), after the whole suite has run on
 * PostgreSQL. Both databases run the same SQL (PGlite is PostgreSQL compiled to WebAssembly),
 * so a second full run proves little more and takes about as long as the first. What
 * differs on the embedded path is proven here: migrations on PGlite (the global setup applies them all, each file's start applies none),
 * the tenant guard and the row-level-security fallbacks (one shared session, the tenant
 * setting made local to each statement), LISTEN/NOTIFY without a pool, the Auth.js adapter
 * and the database-kept counters; then one file per domain, the cheaper where there are two,
 * that still runs that domain's queries and mutations (tests/unit/embedded-files.test.ts
 * checks that every domain of lib/ has one). Before, the embedded run was the whole suite
 * again: 13 minutes on a busy machine, where files also failed on their set-up's timeout.
 */
export const EMBEDDED_FILES = [
  // The embedded path itself.
  "tests/integration/tenant-guard.test.ts",
  "tests/integration/row-level-security.test.ts", // also cycles, dialogue, funding, membership
  "tests/integration/availability.test.ts",
  "tests/integration/sign-in-link.test.ts", // Auth.js's adapter and the outbox
  "tests/integration/live.test.ts", // live: LISTEN/NOTIFY on the one PGlite session
  "tests/integration/rate-limit.test.ts", // rate-limit: counters upserted in the database
  // One representative file per domain.
  "tests/integration/accounts.test.ts", // accounts: export and deletion across every table; the exchange: a post and its conversations
  "tests/integration/notifications.test.ts", // notifications, dialogue, moderation
  "tests/integration/search.test.ts", // search (English and Dutch stemming), dialogue, moderation
  "tests/integration/cycles.test.ts", // cycles, notifications, the reminder sweep's advisory lock
  "tests/integration/funder-dashboard.test.ts", // funding, its rollup and change-counter triggers
  "tests/integration/networks.test.ts", // networks, membership, audit
  "tests/integration/public-url.test.ts", // mail: links and the outbox
  "tests/integration/email.test.ts", // mail and digests: the queue (SKIP LOCKED) and the digest claims on the one PGlite session
  "tests/integration/home.test.ts", // home: the network home's loader (every kind of row) and its visit
  "tests/integration/calendar.test.ts", // calendar: feeds by secret across networks, downloads, the feed rate limit
  "tests/integration/gatherings.test.ts", // gatherings: the waitlist under row locks, series, reminders on the one PGlite session
  "tests/integration/harvests.test.ts", // harvests: writing, revisions, links, publishing and where they show
  "tests/integration/exchange.test.ts", // exchange: posts, tags, the expiry sweep, funder visibility
  "tests/integration/network-export.test.ts", // portability: the export queue (SKIP LOCKED), catalogue reads, bytea, RLS on the one PGlite session
  "tests/integration/support-map.test.ts", // support: the map's filter and overview (unnest over enum arrays), reviews under row locks
  "tests/integration/commons.test.ts", // commons: the search-vector trigger (dutch and english), patterns, feeds, the proxy's 410, questions
  "tests/integration/api.test.ts", // api: tokens found by hash in one network, keyset pages, problem documents, the per-token rate limit
  "tests/integration/webhooks.test.ts", // webhooks: the outbox in the event's transaction, the delivery queue (SKIP LOCKED), local receivers
  "tests/integration/sharing.test.ts", // sharing: proposals, consent and publication under row locks, the shared copy beside the tenant rows
];

/** What both database projects share: the database set-up, and Auth.js made resolvable. */
const databaseTests: TestProjectInlineConfiguration["test"] = {
  environment: "node",
  globalSetup: ["tests/setup/global-database.ts"],
  setupFiles: ["tests/setup/integration.ts"],
  // next-auth imports "next/server" without an extension, which Node's ESM loader
  // cannot resolve; inlined, Vite resolves it (only for importActual of lib/auth/config).
  server: { deps: { inline: ["next-auth"] } },
};

export default defineConfig({
  root,
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // `server-only` throws outside a React Server Components bundle; tests are server code.
      { find: /^server-only$/, replacement: path.join(root, "tests/setup/server-only.ts") },
    ],
  },
  test: {
    // KRING_WEBHOOK_TEST_HOSTS: webhooks may reach the tests' local receivers on 127.0.0.1 (decision 050);
    // only this literal host, and never in production (lib/env.ts refuses it there).
    env: { TZ: "Europe/Amsterdam", KRING_WEBHOOK_TEST_HOSTS: "127.0.0.1" },
    // A 2-core machine: at most two workers (and so at most two test databases).
    maxWorkers: 2,
    // Bounds for every test and hook that hold on a busy machine (others' builds and browsers
    // on the same two cores): the slowest test (search's naughty strings) takes about 12 s
    // there, a file's set-up on PGlite a few seconds (tests/setup/integration.ts).
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
        },
      },
      // `npm test` runs `unit` and `integration` (on PostgreSQL when TEST_DATABASE_URL is set),
      // then `embedded` on PGlite (test:integration:embedded-too).
      { extends: true, test: { name: "integration", include: ["tests/integration/**/*.test.ts"], ...databaseTests } },
      { extends: true, test: { name: "embedded", include: EMBEDDED_FILES, ...databaseTests } },
    ],
  },
});
