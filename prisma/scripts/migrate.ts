// `npm run db:migrate`: applies pending migrations to DATABASE_URL when set, otherwise to the
// embedded PGlite database in ${KRING_DATA_DIR ?? ".data"}/pglite (as lib/db/client.ts opens it).
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { applyMigrations } from "../../lib/db/migrations";

function describe(url: string): string {
  try {
    const { protocol, host, pathname } = new URL(url); // without the password
    return `${protocol}//${host}${pathname}`;
  } catch {
    return "DATABASE_URL";
  }
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  let where: string;
  let applied: string[];
  if (url) {
    where = describe(url);
    applied = await applyMigrations({ kind: "postgres", url });
  } else if (process.env.KRING_DATA_DIR === "memory://") {
    console.log("KRING_DATA_DIR=memory:// is an in-memory database: the app migrates it when it starts");
    return;
  } else {
    // Blank counts as unset, as in lib/env.ts.
    const dataDir = path.join(process.env.KRING_DATA_DIR || ".data", "pglite");
    await mkdir(dataDir, { recursive: true });
    where = `PGlite at ${dataDir}`;
    const db = new PGlite(path.resolve(dataDir));
    try {
      applied = await applyMigrations({ kind: "pglite", db });
    } finally {
      await db.close();
    }
  }
  if (applied.length === 0) console.log(`No pending migrations (${where})`);
  else console.log(`Applied to ${where}:\n${applied.map((name) => `  ${name}`).join("\n")}`);
}

// Exit explicitly: the schema engine leaves a 10 s timer behind (see lib/db/migrations.ts).
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
