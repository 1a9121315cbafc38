// The dialogue data set (issue 3's benchmark): one public network `bench` with 20 members, at least
// 1,000 threads (enough for a 100th page of the list) and one thread `t000000` of 5,000 replies, each
// with a mention and three reactions. Plain SQL inside the caller's transaction: the seed is setup,
// not the code under test. Used by bench/dialogue.ts and bench/budgets.ts.
import type pg from "pg";
import { encodeCursor } from "../../lib/cursor";
import { THREADS_PAGE_SIZE } from "../../lib/dialogue/schema";

export const DIALOGUE = {
  network: "bench",
  slug: "bench",
  /** At least 1,000 threads, and enough for a 100th page of the list. */
  threads: Math.max(1_000, 100 * THREADS_PAGE_SIZE + 10),
  replies: 5_000,
  members: 20,
  bigThread: "t000000",
  /** The measured person: an ordinary member (u000000 is the broker). */
  member: "u000001",
} as const;

/** The users, the network, its members, the threads and the big thread's replies, mentions and reactions. */
export async function seedDialogue(c: pg.Client): Promise<void> {
  const { members, threads, replies } = DIALOGUE;
  await c.query(
    `INSERT INTO "User" (id, email, name, bio, "updatedAt")
     SELECT 'u' || lpad(to_hex(g), 6, '0'), 'member' || g || '@bench.test', 'Member ' || g, '', now()
     FROM generate_series(0, $1 - 1) g`,
    [members],
  );
  await c.query(
    `INSERT INTO "Network" (id, slug, name, purpose, "workingQuestion", principles, visibility, "joinPolicy", locale, "updatedAt")
     VALUES ('bench', 'bench', 'Bench network', 'Measuring the dialogue.', 'Is it fast?', ARRAY['Stay open.'], 'public', 'open', 'en', now())`,
  );
  await c.query(
    `INSERT INTO "Membership" (id, "networkId", "userId", role, status, "principlesAcceptedAt", "joinedAt", "updatedAt")
     SELECT 'm' || lpad(to_hex(g), 6, '0'), 'bench', 'u' || lpad(to_hex(g), 6, '0'),
            (CASE WHEN g = 0 THEN 'broker' ELSE 'member' END)::"Role", 'active', now(), now(), now()
     FROM generate_series(0, $1 - 1) g`,
    [members],
  );
  // The threads, one an hour back in time, across levels and areas.
  await c.query(
    `INSERT INTO "Thread" (id, "networkId", "authorId", title, body, level, area, "replyCount", "lastActivityAt", "createdAt", "updatedAt")
     SELECT 't' || lpad(to_hex(g), 6, '0'), 'bench', 'u' || lpad(to_hex(g % $2), 6, '0'),
            'Thread ' || g || ': what are we working on?', 'A **thread** about the working question, number ' || g || '.',
            (ARRAY['social_innovation','network','context'])[1 + g % 3]::"Level",
            (ARRAY['means','objectives','vision_values','observations_facts'])[1 + g % 4]::"Area",
            CASE WHEN g = 0 THEN $3 ELSE g % 7 END,
            now() - (g || ' hours')::interval, now() - (g || ' hours')::interval, now()
     FROM generate_series(0, $1 - 1) g`,
    [threads, members, replies],
  );
  // The big thread: t000000 with 5,000 replies, each with a mention and reactions.
  await c.query(
    `INSERT INTO "Reply" (id, "networkId", "threadId", "authorId", body, "createdAt", "updatedAt")
     SELECT 'r' || lpad(to_hex(g), 6, '0'), 'bench', 't000000', 'u' || lpad(to_hex(g % $2), 6, '0'),
            'Reply ' || g || ' with *emphasis*, a [link](https://example.org/' || g || ') and @Member ' || ((g + 1) % $2) || '.',
            now() - interval '2 days' + (g || ' seconds')::interval, now()
     FROM generate_series(0, $1 - 1) g`,
    [replies, members],
  );
  await c.query(
    `INSERT INTO "Mention" ("networkId", "replyId", "userId")
     SELECT 'bench', 'r' || lpad(to_hex(g), 6, '0'), 'u' || lpad(to_hex((g + 1) % $2), 6, '0')
     FROM generate_series(0, $1 - 1) g`,
    [replies, members],
  );
  await c.query(
    `INSERT INTO "Reaction" ("networkId", "replyId", "userId", kind)
     SELECT 'bench', 'r' || lpad(to_hex(g), 6, '0'), 'u' || lpad(to_hex(k), 6, '0'),
            (ARRAY['agree','heart','insight','question'])[1 + (g + k) % 4]::"ReactionKind"
     FROM generate_series(0, $1 - 1) g, generate_series(0, 2) k`,
    [replies],
  );
}

/** The cursor of the thread list's 100th page (after the seed is committed). */
export async function page100Cursor(c: pg.Client): Promise<string> {
  const { rows } = await c.query<{ lastActivityAt: Date; id: string }>(
    `SELECT "lastActivityAt", id FROM "Thread" WHERE "networkId" = 'bench'
     ORDER BY "lastActivityAt" DESC, id DESC OFFSET $1 LIMIT 1`,
    [99 * THREADS_PAGE_SIZE - 1],
  );
  const last = rows[0];
  if (!last) throw new Error("not enough threads for page 100");
  return encodeCursor({ at: last.lastActivityAt, id: last.id });
}
