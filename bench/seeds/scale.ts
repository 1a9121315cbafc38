// The scale data set (issue 6 item 6): 10,000 more networks around the measured ones, each with a
// broker and a member (10,000 users), 10 threads of 10 replies (100,000 threads, 1,000,000 replies),
// an open cycle with two reflections, and an initiative with two milestones, each pledged by one of
// 100 funders (20,000 pledges through the rollup triggers). Bulk INSERT ... SELECT generate_series;
// ids start with `s` so they never meet the other seeds'. Posts are plain sentences stored with
// their HTML and search vectors, as the app's own writes leave them (the server's start-up backfill
// of missing ones would otherwise render a million replies).
// The measured pages stay the same (the `bench` network, the `funder`): the figures show what the
// data around them costs. Used by bench/budgets.ts with BENCH_SCALE=1.
import type pg from "pg";

export const SCALE = { networks: 10_000, threadsPerNetwork: 10, repliesPerThread: 10, funders: 100 } as const;

/**
 * Seeds on `c`, a connection outside any transaction: everything but the pledges in one transaction,
 * then the pledges in transactions of 250 networks each (the tally trigger takes an advisory lock
 * per milestone and funder, and 20,000 in one transaction overflow PostgreSQL's lock table).
 */
export async function seedScale(c: pg.Client, log: (line: string) => void = () => undefined): Promise<void> {
  const { networks: N, threadsPerNetwork: T, repliesPerThread: R, funders: F } = SCALE;
  const step = async (what: string, sql: string, params: unknown[] = []) => {
    const t0 = Date.now();
    const res = await c.query(sql, params);
    log(`  ${what}: ${res.rowCount ?? 0} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  };
  await c.query("BEGIN");
  await step(
    "users",
    `INSERT INTO "User" (id, email, name, bio, "updatedAt")
     SELECT 'su' || g, 'scale' || g || '@bench.test', 'Scale person ' || g, '', now() FROM generate_series(0, $1 - 1) g
     UNION ALL
     SELECT 'sf' || g, 'scale-funder' || g || '@bench.test', 'Scale fund ' || g, '', now() FROM generate_series(0, $2 - 1) g`,
    [N, F],
  );
  await step(
    "networks",
    `INSERT INTO "Network" (id, slug, name, purpose, "workingQuestion", principles, visibility, "joinPolicy", locale, "updatedAt")
     SELECT 's' || g, 'scale-' || g, 'Scale network ' || g, 'Being many.', 'Does it scale?', ARRAY['Stay open.'],
            (CASE WHEN g % 5 = 0 THEN 'private' ELSE 'public' END)::"Visibility", 'open',
            (CASE WHEN g % 2 = 0 THEN 'en' ELSE 'nl' END)::"Locale", now()
     FROM generate_series(0, $1 - 1) g`,
    [N],
  );
  await step(
    "memberships",
    `INSERT INTO "Membership" (id, "networkId", "userId", role, status, "principlesAcceptedAt", "joinedAt", "updatedAt")
     SELECT 'sm' || g || '-' || k, 's' || g, CASE k WHEN 0 THEN 'su' || g WHEN 1 THEN 'su' || ((g + 1) % $1) ELSE 'sf' || (g % $2) END,
            (ARRAY['broker', 'member', 'funder'])[1 + k]::"Role", 'active', now(), now(), now()
     FROM generate_series(0, $1 - 1) g, generate_series(0, 2) k`,
    [N, F],
  );
  await step(
    "threads",
    `INSERT INTO "Thread" (id, "networkId", "authorId", title, body, "bodyHtml", "searchVector", level, area, "replyCount", "lastActivityAt", "createdAt", "updatedAt")
     SELECT id, "networkId", "authorId", title, body, '<p>' || body || '</p>',
            setweight(to_tsvector(lang, title), 'A') || setweight(to_tsvector(lang, body), 'B'), level, area, "replyCount", at, at, now()
     FROM (
       SELECT 'st' || g || '-' || t AS id, 's' || g AS "networkId", 'su' || g AS "authorId",
              'Thread ' || t || ' of scale network ' || g AS title, 'A thread about growing, number ' || t || '.' AS body,
              (CASE WHEN g % 2 = 0 THEN 'english' ELSE 'dutch' END)::regconfig AS lang,
              (ARRAY['social_innovation','network','context'])[1 + t % 3]::"Level" AS level,
              (ARRAY['means','objectives','vision_values','observations_facts'])[1 + t % 4]::"Area" AS area,
              $3::int AS "replyCount", now() - ((g % 500) || ' hours')::interval - (t || ' minutes')::interval AS at
       FROM generate_series(0, $1 - 1) g, generate_series(0, $2 - 1) t
     ) x`,
    [N, T, R],
  );
  await step(
    "replies",
    `INSERT INTO "Reply" (id, "networkId", "threadId", "authorId", body, "bodyHtml", "searchVector", "createdAt", "updatedAt")
     SELECT id, "networkId", "threadId", "authorId", body, '<p>' || body || '</p>', to_tsvector(lang, body), at, now()
     FROM (
       SELECT 'sr' || g || '-' || t || '-' || r AS id, 's' || g AS "networkId", 'st' || g || '-' || t AS "threadId",
              'su' || ((g + r % 2) % $1) AS "authorId", 'Reply ' || r || ' to thread ' || t || ' in scale network ' || g || '.' AS body,
              (CASE WHEN g % 2 = 0 THEN 'english' ELSE 'dutch' END)::regconfig AS lang,
              now() - interval '30 days' + (r || ' minutes')::interval AS at
       FROM generate_series(0, $1 - 1) g, generate_series(0, $2 - 1) t, generate_series(0, $3 - 1) r
     ) x`,
    [N, T, R],
  );
  await step(
    "cycles",
    `INSERT INTO "Cycle" (id, "networkId", title, question, "iDeadline", "weDeadline", "openedById", "openSlot", "createdAt", "updatedAt")
     SELECT 'sc' || g, 's' || g, 'Cycle of scale network ' || g, 'Does it scale?', now() + interval '7 days', now() + interval '14 days',
            'su' || g, true, now() - interval '1 day', now()
     FROM generate_series(0, $1 - 1) g`,
    [N],
  );
  await step(
    "reflections",
    `INSERT INTO "Reflection" (id, "networkId", "cycleId", "authorId", body, area, private, "submittedAt", "createdAt", "updatedAt")
     SELECT 'sx' || g || '-' || k, 's' || g, 'sc' || g, 'su' || ((g + k) % $1), 'A reflection.', 'means', false, now(), now(), now()
     FROM generate_series(0, $1 - 1) g, generate_series(0, 1) k`,
    [N],
  );
  await step(
    "initiatives",
    `INSERT INTO "Initiative" (id, "networkId", name, description, "systemChange", status, "createdById", "createdAt", "updatedAt")
     SELECT 'si' || g, 's' || g, 'Initiative of scale network ' || g, 'What it does.', 'What it changes.', 'active', 'su' || g, now(), now()
     FROM generate_series(0, $1 - 1) g`,
    [N],
  );
  await step(
    "milestones",
    `INSERT INTO "Milestone" (id, "networkId", "initiativeId", position, title, unlocks, "targetDate", "amountNeeded", currency, status, progress, "updatedAt")
     SELECT 'si' || g || '-' || p, 's' || g, 'si' || g, p, 'Milestone ' || p, 'What it unlocks.', current_date + 30 * (p + 1),
            100000, 'EUR', (ARRAY['active', 'planned'])[1 + p]::"MilestoneStatus", 10 * (1 - p), now()
     FROM generate_series(0, $1 - 1) g, generate_series(0, 1) p`,
    [N],
  );
  // The commons is one table across every network: each scale network shared two items (20,000),
  // its lesson in its own language and its milestone's outcome (the trigger makes the search vectors).
  await step(
    "commons proposals",
    `INSERT INTO "CommonsProposal" (id, "networkId", kind, "sourceId", title, body, status, attribution, licence, "publishedAt", "updatedAt")
     SELECT 'sc' || g || '-' || p, 's' || g, (ARRAY['lesson', 'milestone_outcome'])[1 + p]::"CommonsKind", 'si' || g || '-' || p, 'Shared by scale network ' || g, 'Text',
            'published', 'network', 'cc_by_4_0', now() - ((g % 500) || ' hours')::interval, now()
     FROM generate_series(0, $1 - 1) g, generate_series(0, 1) p`,
    [N],
  );
  await step(
    "commons items",
    `INSERT INTO "CommonsItem" (id, "sourceNetworkId", "proposalId", kind, language, title, body, "bodyHtml", attribution, licence, "sourceName", region,
                                stage, outcome, topic, "publishedAt")
     SELECT gen_random_uuid(), p."networkId", p.id, p.kind, (CASE WHEN g % 2 = 0 THEN 'en' ELSE 'nl' END)::"Locale", p.title,
            'What scale network ' || g || ' learned.', '<p>What scale network ' || g || ' learned.</p>', 'network', 'cc_by_4_0', 'Scale network ' || g,
            'Region ' || (g % 12), (enum_range(NULL::"GrowthStage"))[1 + g % 4],
            CASE WHEN p.kind = 'milestone_outcome' THEN (ARRAY['reached', 'learned', 'dropped']::"MilestoneStatus"[])[1 + g % 3] END,
            CASE WHEN p.kind = 'milestone_outcome' THEN 'Pilot with the municipality' ELSE '' END, p."publishedAt"
     FROM generate_series(0, $1 - 1) g CROSS JOIN generate_series(0, 1) k JOIN "CommonsProposal" p ON p.id = 'sc' || g || '-' || k`,
    [N],
  );
  await c.query("COMMIT");
  const BATCH = 250;
  const t0 = Date.now();
  let pledges = 0;
  for (let from = 0; from < N; from += BATCH) {
    await c.query("BEGIN");
    const res = await c.query(
      `INSERT INTO "Pledge" (id, "networkId", "milestoneId", "funderId", amount, currency, condition, status, "idempotencyKey", "createdAt", "updatedAt")
       SELECT 'sp' || g || '-' || p, 's' || g, 'si' || g || '-' || p, 'sf' || (g % $2), 25000, 'EUR', '', 'pledged', 'sp' || g || '-' || p,
              now() - ((g % 300) || ' days')::interval, now()
       FROM generate_series($1::int, $3::int - 1) g, generate_series(0, 1) p`,
      [from, F, Math.min(N, from + BATCH)],
    );
    await c.query("COMMIT");
    pledges += res.rowCount ?? 0;
  }
  log(`  pledges: ${pledges} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
