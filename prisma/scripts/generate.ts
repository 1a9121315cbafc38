// `npm run db:generate` (and npm's postinstall): `prisma generate`, offline.
// The Prisma CLI refuses to start without its native schema engine, which cannot be downloaded
// here; `generate` only checks that the file exists and never runs it. So point
// PRISMA_SCHEMA_ENGINE_BINARY at a placeholder (unless it is already set to a real engine).
// Migrations go through lib/db/migrations.ts instead (npm run db:migration / db:migrate).
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const placeholder = path.join(process.cwd(), "node_modules", ".cache", "kring", "schema-engine-placeholder");
mkdirSync(path.dirname(placeholder), { recursive: true });
writeFileSync(
  placeholder,
  '#!/bin/sh\necho "No native Prisma schema engine here: use npm run db:migration / db:migrate (lib/db/migrations.ts)." >&2\nexit 1\n',
  { mode: 0o755 },
);

const require = createRequire(path.join(process.cwd(), "package.json"));
const cli = path.join(path.dirname(require.resolve("prisma/package.json")), "build", "index.js");

const result = spawnSync(process.execPath, [cli, "generate", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || placeholder,
    CHECKPOINT_DISABLE: process.env.CHECKPOINT_DISABLE ?? "1", // no update check over the network
  },
});
if (result.error) console.error(result.error);
process.exit(result.status ?? 1);
