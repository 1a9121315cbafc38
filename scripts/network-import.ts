// `npm run network:import -- <export.zip> [--dry-run]`: imports a network's export from another Kring
// (issue 22 item 3, decision 049) into this instance's database: PostgreSQL with DATABASE_URL, else the
// embedded PGlite in KRING_DATA_DIR (stop the app first: PGlite is one process's database). With
// --dry-run it prints what it would create and writes nothing. An export that fails a check (a file
// changed, missing or extra, a format from a newer Kring, the same export imported before) is refused
// with the file and the reason, and the database is left as it was.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { prepareDatabase } from "../lib/db/bootstrap";
import { closeDatabase } from "../lib/db/client";
import { describeImport, ImportRefused } from "../lib/portability/import";
import { importNetworkExport } from "../lib/portability/mutations";

const args = process.argv.slice(2);
const dryRun = args.includes("--dry-run");
const files = args.filter((a) => a !== "--dry-run");
if (files.length !== 1 || files[0]!.startsWith("-")) {
  console.error("Usage: npm run network:import -- <export.zip> [--dry-run]");
  process.exit(2);
}
const file = files[0]!;

let code = 0;
try {
  const zip = new Uint8Array(await readFile(file));
  await prepareDatabase({ seed: false });
  const summary = await importNetworkExport(zip, path.basename(file), { dryRun });
  process.stdout.write(describeImport(summary));
} catch (error) {
  code = 1;
  if (error instanceof ImportRefused) {
    console.error(`Import refused: ${error.message}\nThe database was not changed.`);
  } else if ((error as NodeJS.ErrnoException).code === "ENOENT") {
    console.error(`Import refused: ${file}: no such file.`);
  } else {
    console.error("The import failed; the database was not changed.", error);
  }
} finally {
  await closeDatabase();
}
process.exit(code);
