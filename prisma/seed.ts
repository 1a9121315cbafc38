// `npm run db:seed`: creates the demo networks that are missing (idempotent).
import { closeDatabase, dbSystem } from "../lib/db/client";
import { seedDemo } from "../lib/db/demo";
import { prepareDatabase } from "../lib/db/bootstrap";

await prepareDatabase({ seed: false });
const created = await seedDemo(dbSystem());
console.log(created.length ? `Seeded demo networks: ${created.join(", ")}` : "Demo networks already present");
await closeDatabase();
