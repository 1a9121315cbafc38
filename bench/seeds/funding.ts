// The funding data set (issue 5's benchmark): one funder in 50 networks x 40 initiatives x 5 milestones
// x 3 pledges (30,000 pledges in EUR, USD and GBP, pledged, released and withdrawn), a progress update
// on every milestone, a lesson on every learned one and a closed cycle with its synthesis per network.
// Plain SQL inside the caller's transaction: the seed is setup, not the code under test.
// Used by bench/funding.ts, bench/budgets.ts and bench/faults/backup.ts (through bench/funding.ts).
import type pg from "pg";

export const FUNDING = {
  networks: 50,
  initiatives: 40,
  milestones: 5,
  pledges: 3,
  /** The measured person: the funder in every network. */
  funder: "funder",
  /** The name of the last network, which the dashboard must show. */
  lastNetworkName: "Network 49",
} as const;

/** Users `funder` and `broker`, networks n00..n49 (slugs net-00..net-49) and everything the dashboard sums. */
export async function seedFunding(c: pg.Client): Promise<void> {
  const { networks: NETWORKS, initiatives: INITIATIVES, milestones: MILESTONES, pledges: PLEDGES, funder: FUNDER } = FUNDING;
  await c.query(
    `INSERT INTO "User" (id, email, name, bio, "updatedAt") VALUES
     ('${FUNDER}', 'funder@bench.test', 'Bench Fund', '', now()), ('broker', 'broker@bench.test', 'Bench Broker', '', now())`,
  );
  await c.query(
    `INSERT INTO "Network" (id, slug, name, purpose, "workingQuestion", principles, visibility, "joinPolicy", locale, "updatedAt")
     SELECT 'n' || lpad(g::text, 2, '0'), 'net-' || lpad(g::text, 2, '0'), 'Network ' || lpad(g::text, 2, '0'),
            'Measuring the funder dashboard.', 'Is it fast?', ARRAY['Stay open.'], 'public', 'open', 'en', now()
     FROM generate_series(0, $1 - 1) g`,
    [NETWORKS],
  );
  await c.query(
    `INSERT INTO "Membership" (id, "networkId", "userId", role, status, "principlesAcceptedAt", "joinedAt", "updatedAt")
     SELECT 'm' || u.k || lpad(g::text, 2, '0'), 'n' || lpad(g::text, 2, '0'), u.id, u.role::"Role", 'active', now(), now(), now()
     FROM generate_series(0, $1 - 1) g, (VALUES ('f', '${FUNDER}', 'funder'), ('b', 'broker', 'broker')) AS u(k, id, role)`,
    [NETWORKS],
  );
  await c.query(
    `INSERT INTO "Initiative" (id, "networkId", name, description, "systemChange", status, "createdById", "createdAt", "updatedAt")
     SELECT 'i' || lpad(g::text, 2, '0') || '-' || lpad(k::text, 2, '0'), 'n' || lpad(g::text, 2, '0'),
            'Initiative ' || k || ' of network ' || g, 'What it does.', 'What it changes.', 'active', 'broker',
            now() - (k || ' days')::interval, now()
     FROM generate_series(0, $1 - 1) g, generate_series(0, $2 - 1) k`,
    [NETWORKS, INITIATIVES],
  );
  // Five milestones per initiative: target dates from 90 days back to 200 ahead, every status, three currencies.
  await c.query(
    `INSERT INTO "Milestone" (id, "networkId", "initiativeId", position, title, unlocks, "targetDate", "amountNeeded", currency,
                             status, progress, "closingNote", "closedAt", "updatedAt")
     SELECT i.id || '-' || p, i."networkId", i.id, p, 'Milestone ' || p || ' of ' || i.name, 'What it unlocks.',
            (current_date + ((((hashtext(i.id) & 1023) + p * 37) % 290) - 90))::date,
            (1000 + p * 250) * 100, (ARRAY['EUR', 'EUR', 'USD', 'EUR', 'GBP'])[1 + p],
            (ARRAY['reached', 'active', 'planned', 'learned', 'planned'])[1 + p]::"MilestoneStatus",
            (ARRAY[100, 40, 0, 60, 0])[1 + p],
            CASE WHEN p = 3 THEN 'What we learned at step ' || p ELSE '' END,
            CASE WHEN p IN (0, 3) THEN now() - interval '20 days' END, now()
     FROM "Initiative" i, generate_series(0, $1 - 1) p
     WHERE i.id ~ '^i[0-9]{2}-[0-9]{2}$'`,
    [MILESTONES],
  );
  // Three pledges by the funder on every milestone: released on reached ones (but one withdrawn), pledged elsewhere.
  await c.query(
    `INSERT INTO "Pledge" (id, "networkId", "milestoneId", "funderId", amount, currency, condition, status, "idempotencyKey",
                          "releasedAt", "withdrawnAt", "withdrawReason", "createdAt", "updatedAt")
     SELECT m.id || '-' || k, m."networkId", m.id, '${FUNDER}', (100 + k * 25) * 100 + k, m.currency, '',
            (CASE WHEN k = 2 AND m.status = 'planned' THEN 'withdrawn' WHEN m.status = 'reached' THEN 'released' ELSE 'pledged' END)::"PledgeStatus",
            m.id || '-' || k,
            CASE WHEN m.status = 'reached' THEN now() - ((hashtext(m.id) & 255) || ' days')::interval END,
            CASE WHEN k = 2 AND m.status = 'planned' THEN now() END,
            CASE WHEN k = 2 AND m.status = 'planned' THEN 'Moved elsewhere.' ELSE '' END,
            now() - (((hashtext(m.id) & 511) + k) || ' days')::interval, now()
     FROM "Milestone" m, generate_series(0, $1 - 1) k
     WHERE m.id ~ '^i[0-9]{2}-'`,
    [PLEDGES],
  );
  await c.query(
    `INSERT INTO "MilestoneUpdate" (id, "networkId", "initiativeId", "milestoneId", "authorId", kind, body, progress, area, "createdAt")
     SELECT 'u' || m.id, m."networkId", m."initiativeId", m.id, 'broker', 'progress'::"UpdateKind", 'Progress on ' || m.title, m.progress, NULL::"Area",
            now() - ((hashtext(m.id) & 255) || ' hours')::interval
     FROM "Milestone" m WHERE m.id ~ '^i[0-9]{2}-'
     UNION ALL
     SELECT 'l' || m.id, m."networkId", m."initiativeId", m.id, 'broker', 'lesson'::"UpdateKind", m."closingNote", NULL, 'means'::"Area",
            now() - ((hashtext(m.id) & 255) || ' hours')::interval
     FROM "Milestone" m WHERE m.status = 'learned' AND m.id ~ '^i[0-9]{2}-'`,
  );
  await c.query(
    `INSERT INTO "Cycle" (id, "networkId", title, question, "iDeadline", "weDeadline", "openedById", "advancedToWeAt", "closedAt", "openSlot", "createdAt", "updatedAt")
     SELECT 'c' || n.id, n.id, 'Cycle of ' || n.name, 'What are we working on?', now() - interval '30 days', now() - interval '20 days',
            'broker', now() - interval '25 days', now() - ((hashtext(n.id) & 63) || ' hours')::interval, NULL, now() - interval '40 days', now()
     FROM "Network" n WHERE n.id ~ '^n[0-9]{2}$'`,
  );
  await c.query(
    `INSERT INTO "SynthesisRevision" (id, "networkId", "cycleId", number, body, "authorId", "createdAt")
     SELECT 's' || c.id || '-' || r, c."networkId", c.id, r, 'What we concluded, **revision ' || r || '**.', 'broker', now() - interval '21 days'
     FROM "Cycle" c, generate_series(1, 2) r
     WHERE c.id ~ '^cn[0-9]{2}$'`,
  );
}
