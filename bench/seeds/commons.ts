// The commons (issue 21) for its pages: 3,001 published items shared by the 50 funding networks
// (net-00..net-49, after seedFunding), every kind, half in Dutch, with facets so every filter and the
// patterns have something to count, and 300 withdrawn items (emptied, as decision 043 says) that
// no page may show; and one lesson the bench network shared, with 2,000 questions asked about it
// ("Ask the source network") for its brokers' page. Plain SQL inside the caller's transaction; the search vectors are the trigger's.
// Used by bench/budgets.ts.
import type pg from "pg";
import { FUNDING } from "./funding";

export const COMMONS = {
  /** Live items 0..3000 (3000 the newest, first on /commons, and the item page measured); the next 300 are withdrawn. */
  items: 3_000,
  withdrawn: 300,
  newest: "Bench commons item 3000",
  item: "00000000-0000-4000-8000-000000000bb8",
  /** Questions asked to the bench network about its one shared lesson; the newest is first on its brokers' page. */
  questions: 2_000,
  newestQuestion: "Bench question 1999",
} as const;

export async function seedCommons(c: pg.Client): Promise<void> {
  const N = FUNDING.networks;
  await c.query(
    `INSERT INTO "CommonsProposal" (id, "networkId", kind, "sourceId", title, body, status, "activeSlot", attribution, licence, "publishedAt", "withdrawnAt", "updatedAt")
     SELECT 'cbench-' || g, 'n' || lpad((g % $2::int)::text, 2, '0'), (enum_range(NULL::"CommonsKind"))[1 + g % 5], 'source-' || g, 'Bench commons item ' || g, 'Text',
            (CASE WHEN g > $1::int THEN 'withdrawn' ELSE 'published' END)::"CommonsProposalStatus", CASE WHEN g > $1::int THEN NULL ELSE true END,
            'network', 'cc_by_4_0', now() - (($1::int + $3::int - g) || ' minutes')::interval, CASE WHEN g > $1::int THEN now() ELSE NULL END, now()
     FROM generate_series(0, $1::int + $3::int) g`,
    [COMMONS.items, N, COMMONS.withdrawn],
  );
  await c.query(
    `INSERT INTO "CommonsItem" (id, "sourceNetworkId", "proposalId", kind, language, title, body, "bodyHtml", attribution, licence, "sourceName", region,
                                level, area, stage, outcome, topic, "publishedAt", "withdrawnAt")
     SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, p."networkId", p.id, p.kind,
            (CASE WHEN g % 2 = 0 THEN 'nl' ELSE 'en' END)::"Locale",
            CASE WHEN g > $1::int THEN '' ELSE p.title END,
            CASE WHEN g > $1::int THEN '' WHEN g % 2 = 0 THEN 'Wat we leerden over de **gemeente** en de moestuin ' || g ELSE 'What we learned about the **municipality** and the garden ' || g END,
            CASE WHEN g > $1::int THEN '' WHEN g % 2 = 0 THEN '<p>Wat we leerden over de <strong>gemeente</strong> en de moestuin ' || g || '</p>'
                 ELSE '<p>What we learned about the <strong>municipality</strong> and the garden ' || g || '</p>' END,
            'network', 'cc_by_4_0', CASE WHEN g > $1::int THEN '' ELSE 'Bench network ' || (g % $2::int) END,
            CASE WHEN g > $1::int THEN '' WHEN g % 3 = 0 THEN 'Noord-Brabant' ELSE 'Utrecht' END,
            CASE WHEN g > $1::int THEN NULL ELSE (enum_range(NULL::"Level"))[1 + g % 3] END,
            CASE WHEN g > $1::int THEN NULL ELSE (enum_range(NULL::"Area"))[1 + g % 4] END,
            CASE WHEN g > $1::int THEN NULL ELSE (enum_range(NULL::"GrowthStage"))[1 + g % 4] END,
            CASE WHEN g > $1::int OR p.kind <> 'milestone_outcome' THEN NULL ELSE (ARRAY['reached', 'learned', 'dropped']::"MilestoneStatus"[])[1 + g % 3] END,
            CASE WHEN g > $1::int OR p.kind <> 'milestone_outcome' THEN '' ELSE 'Pilot with the municipality' END,
            p."publishedAt", p."withdrawnAt"
     FROM generate_series(0, $1::int + $3::int) g JOIN "CommonsProposal" p ON p.id = 'cbench-' || g`,
    [COMMONS.items, N, COMMONS.withdrawn],
  );
  // The bench network's own shared lesson (published ten days ago: not first on /commons), and the questions about it.
  await c.query(
    `INSERT INTO "CommonsProposal" (id, "networkId", kind, "sourceId", title, body, status, "activeSlot", attribution, licence, "publishedAt", "updatedAt")
     VALUES ('cbench-own', 'bench', 'lesson', 'source-own', 'Our shared lesson', 'Text', 'published', true, 'network', 'cc_by_4_0', now() - interval '10 days', now())`,
  );
  await c.query(
    `INSERT INTO "CommonsItem" (id, "sourceNetworkId", "proposalId", kind, language, title, body, "bodyHtml", attribution, licence, "sourceName", region, "publishedAt")
     VALUES ('00000000-0000-4000-8000-00000000ffff', 'bench', 'cbench-own', 'lesson', 'en', 'Our shared lesson', 'What we learned.', '<p>What we learned.</p>',
             'network', 'cc_by_4_0', 'Bench network', 'Utrecht', now() - interval '10 days')`,
  );
  await c.query(
    `INSERT INTO "CommonsQuestion" (id, "networkId", "itemId", "askerId", body, "bodyHtml", "replyEmail", "createdAt")
     SELECT 'qbench-' || g, 'bench', '00000000-0000-4000-8000-00000000ffff', 'u' || lpad(to_hex(1 + g % 19), 6, '0'),
            'Bench question ' || g || ': how did the **municipality** answer?', '<p>Bench question ' || g || ': how did the <strong>municipality</strong> answer?</p>',
            CASE WHEN g % 2 = 0 THEN 'asker' || g || '@example.org' ELSE '' END, now() - ((2000 - g) || ' minutes')::interval
     FROM generate_series(0, $1::int - 1) g`,
    [COMMONS.questions],
  );
}
