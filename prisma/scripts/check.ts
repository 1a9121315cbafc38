// `npm run db:check`: fails when prisma/schema.prisma and prisma/migrations disagree,
// i.e. when someone changed the schema without writing a migration.
import { diffSchemaAgainstMigrations } from "../../lib/db/migrations";

async function main(): Promise<number> {
  const sql = await diffSchemaAgainstMigrations();
  if (sql === "") {
    console.log("Schema and migrations agree");
    return 0;
  }
  console.error("prisma/schema.prisma and prisma/migrations disagree. The missing migration:\n");
  console.error(sql);
  console.error("Create it with: npm run db:migration -- <name>");
  return 1;
}

// Exit explicitly: the schema engine leaves a 10 s timer behind (see lib/db/migrations.ts).
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
