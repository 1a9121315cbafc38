import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Tests run in a zone with a UTC offset and daylight saving, so date bugs show.
// Set here too (not only in `test.env`) so the forked workers inherit it at start.
process.env.TZ = "Europe/Amsterdam";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

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
    env: { TZ: "Europe/Amsterdam" },
    // A 2-core machine: at most two workers (and so at most two test databases).
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/setup/global-database.ts"],
          setupFiles: ["tests/setup/integration.ts"],
          // next-auth imports "next/server" without an extension, which Node's ESM loader
          // cannot resolve; inlined, Vite resolves it (only for importActual of lib/auth/config).
          server: { deps: { inline: ["next-auth"] } },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
