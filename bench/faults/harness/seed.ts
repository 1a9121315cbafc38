// The fault scripts' database: writers who are members of a few networks (threads, an open
// cycle) and funders of one more (an initiative with open milestones), each signed in.
import { randomBytes } from "node:crypto";
import pg from "pg";

export const NETWORKS = 4;
export const THREADS_PER_NETWORK = 5;
export const MILESTONES = 4;
export const FUND = "ff";
export const FUND_SLUG = "faults-fund";
export const INITIATIVE = "fi";

export type Writer = {
  index: number;
  userId: string;
  name: string;
  cookie: string;
  /** Sends every request twice with the same key, as a browser retry after a timeout would. */
  retries: boolean;
};

export type Seeded = { writers: Writer[] };

export const networkSlug = (k: number) => `faults-${k}`;
export const threadId = (k: number, t: number) => `f${k}-t${t}`;
export const cycleId = (k: number) => `f${k}-c`;
export const milestoneId = (m: number) => `${INITIATIVE}-m${m}`;

/**
 * The writers: members of NETWORKS networks (each with threads by a broker and an open
 * cycle in its I phase) and funders of one more (an active initiative with open
 * milestones), each with a database session as after signing in. One in ten retries.
 */
export async function seed(url: string, writers: number): Promise<Seeded> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const people: Writer[] = [];
  try {
    await c.query("BEGIN");
    await c.query(
      `INSERT INTO "User" (id, email, name, bio, locale, "updatedAt")
       SELECT 'w' || lpad(g::text, 4, '0'), 'writer' || g || '@faults.test', 'Writer' || g, '', 'en'::"Locale", now()
       FROM generate_series(0, $1 - 1) g
       UNION ALL SELECT 'broker', 'broker@faults.test', 'Broker', '', 'en'::"Locale", now()`,
      [writers],
    );
    await c.query(
      `INSERT INTO "Network" (id, slug, name, purpose, "workingQuestion", principles, visibility, "joinPolicy", locale, "updatedAt")
       SELECT 'f' || k, 'faults-' || k, 'Faults ' || k, 'Writing under faults.', 'Is every write kept?', ARRAY['Stay open.'],
              'public'::"Visibility", 'open'::"JoinPolicy", 'en'::"Locale", now()
       FROM generate_series(0, $1 - 1) k
       UNION ALL SELECT '${FUND}', '${FUND_SLUG}', 'Faults fund', 'Pledging under faults.', 'Is every pledge kept?', ARRAY['Stay open.'],
              'public'::"Visibility", 'open'::"JoinPolicy", 'en'::"Locale", now()`,
      [NETWORKS],
    );
    await c.query(
      `INSERT INTO "Membership" (id, "networkId", "userId", role, status, "principlesAcceptedAt", "joinedAt", "updatedAt")
       SELECT 'm-' || n.id || '-' || u.id, n.id, u.id,
              (CASE WHEN u.id = 'broker' THEN 'broker' WHEN n.id = '${FUND}' THEN 'funder' ELSE 'member' END)::"Role",
              'active', now(), now(), now()
       FROM "Network" n, "User" u`,
    );
    await c.query(
      `INSERT INTO "Thread" (id, "networkId", "authorId", title, body, level, area, "lastActivityAt", "updatedAt")
       SELECT 'f' || k || '-t' || t, 'f' || k, 'broker', 'Thread ' || t || ' of network ' || k, 'What are we working on?',
              'network', 'means', now(), now()
       FROM generate_series(0, $1 - 1) k, generate_series(0, $2 - 1) t`,
      [NETWORKS, THREADS_PER_NETWORK],
    );
    await c.query(
      `INSERT INTO "Cycle" (id, "networkId", title, question, "iDeadline", "weDeadline", "openedById", "updatedAt")
       SELECT 'f' || k || '-c', 'f' || k, 'Cycle of network ' || k, 'What are we working on?',
              now() + interval '7 days', now() + interval '14 days', 'broker', now()
       FROM generate_series(0, $1 - 1) k`,
      [NETWORKS],
    );
    await c.query(
      `INSERT INTO "Initiative" (id, "networkId", name, description, "systemChange", status, "createdById", "updatedAt")
       VALUES ('${INITIATIVE}', '${FUND}', 'Faults initiative', 'What it does.', 'What it changes.', 'active', 'broker', now())`,
    );
    await c.query(
      `INSERT INTO "Milestone" (id, "networkId", "initiativeId", position, title, unlocks, "amountNeeded", currency, status, "updatedAt")
       SELECT '${INITIATIVE}-m' || p, '${FUND}', '${INITIATIVE}', p, 'Milestone ' || p, 'What it unlocks.', 1000000, 'EUR', 'active', now()
       FROM generate_series(0, $1 - 1) p`,
      [MILESTONES],
    );
    for (let i = 0; i < writers; i++) {
      const token = randomBytes(32).toString("hex");
      const userId = `w${String(i).padStart(4, "0")}`;
      await c.query(
        `INSERT INTO "Session" ("sessionToken", "userId", expires, "updatedAt") VALUES ($1, $2, now() + interval '1 day', now())`,
        [token, userId],
      );
      people.push({ index: i, userId, name: `Writer${i}`, cookie: `authjs.session-token=${token}`, retries: i % 10 === 0 });
    }
    await c.query("COMMIT");
    await c.query("ANALYZE");
  } finally {
    await c.end();
  }
  return { writers: people };
}
