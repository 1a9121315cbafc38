// Commons items written straight into the run's PostgreSQL as publication leaves them (decision 043),
// for the specs of the commons' public side (the demo's own shared items come through lib/sharing).
import { randomUUID } from "node:crypto";
import pg from "pg";
import { e2eDatabase } from "./run-env";

const db = e2eDatabase();

/** One statement on the run's database (PostgreSQL runs only; on PGlite the server holds the folder). */
export async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  if (db.kind !== "postgres") return [];
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** A published item of the network `slug` (its proposal first, for the foreign key); returns its UUID. */
export async function share(slug: string, item: { title: string; body: string; language: "en" | "nl"; attribution: "network" | "anonymous"; region: string }) {
  const [network] = await sql<{ id: string; name: string }>(`SELECT id, name FROM "Network" WHERE slug = $1`, [slug]);
  const proposalId = `e2e-${randomUUID()}`;
  const id = randomUUID();
  await sql(
    `INSERT INTO "CommonsProposal" (id, "networkId", kind, "sourceId", title, body, status, attribution, licence, "publishedAt", "updatedAt")
     VALUES ($1, $2, 'lesson', $3, $4, $5, 'published', $6, 'cc_by_sa_4_0', now(), now())`,
    [proposalId, network!.id, randomUUID(), item.title, item.body, item.attribution],
  );
  await sql(
    `INSERT INTO "CommonsItem" (id, "sourceNetworkId", "proposalId", kind, language, title, body, "bodyHtml", attribution, licence, "sourceName", region, stage, "publishedAt")
     VALUES ($1, $2, $3, 'lesson', $4, $5, $6, $7, $8, 'cc_by_sa_4_0', $9, $10, 'pilot', now())`,
    [id, network!.id, proposalId, item.language, item.title, item.body, `<p>${item.body}</p>`, item.attribution, item.attribution === "anonymous" ? "" : network!.name, item.region],
  );
  return id;
}
