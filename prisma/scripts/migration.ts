// `npm run db:migration -- <name>`: writes the next migration (what `prisma migrate dev
// --create-only` would) from the difference between prisma/schema.prisma and prisma/migrations.
import { access, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { diffSchemaAgainstMigrations, MIGRATION_LOCKFILE } from "../../lib/db/migrations";

async function main(): Promise<number> {
  const name = process.argv[2] ?? "";
  if (!/^[a-z0-9_]{1,200}$/.test(name) || process.argv.length > 3) {
    console.error("Usage: npm run db:migration -- <name>   (lowercase letters, digits and underscores)");
    return 1;
  }

  const sql = await diffSchemaAgainstMigrations();
  if (sql === "") {
    console.log("No schema changes");
    return 0;
  }

  const migrationsDir = path.join(process.cwd(), "prisma", "migrations");
  const timestamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14); // UTC YYYYMMDDHHMMSS
  const dir = path.join(migrationsDir, `${timestamp}_${name}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "migration.sql"), sql, { flag: "wx" });
  const lockfile = path.join(migrationsDir, "migration_lock.toml");
  await access(lockfile).catch(() => writeFile(lockfile, MIGRATION_LOCKFILE));

  console.log(sql);
  console.log(`Created ${path.relative(process.cwd(), path.join(dir, "migration.sql"))}`);
  console.log("Review it, then apply it with: npm run db:migrate");
  return 0;
}

// Exit explicitly: the schema engine leaves a 10 s timer behind (see lib/db/migrations.ts).
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
