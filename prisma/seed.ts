// `npm run db:seed`: creates the demo networks that are missing (idempotent).
import { closeDatabase, db } from "../lib/db/client";
import { seedDemo } from "../lib/db/demo";
import { prepareDatabase } from "../lib/db/bootstrap";

await prepareDatabase({ seed: false });
const created = await seedDemo(db());
console.log(created.length ? `Seeded demo networks: ${created.join(", ")}` : "Demo networks already present");
await closeDatabase();
