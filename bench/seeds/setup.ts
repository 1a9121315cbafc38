import { randomBytes } from "node:crypto";
import pg from "pg";

/** A database session for `userId`, as after signing in; returns the cookie that carries it. */
export async function createSession(c: pg.Client, userId: string): Promise<string> {
  const token = randomBytes(32).toString("hex");
  await c.query(
    `INSERT INTO "Session" ("sessionToken", "userId", expires, "updatedAt") VALUES ($1, $2, now() + interval '1 day', now())`,
    [token, userId],
  );
  return `authjs.session-token=${token}`;
}

/** Runs `body` on a connection to `url` inside one transaction, then VACUUM ANALYZE, as autovacuum leaves tables in production. */
export async function seedInTransaction<T>(url: string, body: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query("BEGIN");
    const result = await body(c);
    await c.query("COMMIT");
    // Statistics and the visibility map (index-only scans), as autovacuum leaves a table in production.
    await c.query("VACUUM ANALYZE");
    return result;
  } finally {
    await c.end();
  }
}

/** Runs `fn` on its own connection to `url`. */
export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
