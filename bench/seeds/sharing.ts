// Sharing with the commons in the dialogue network (`bench`), for the sharing page and a proposal's
// page: 1,000 proposals of lessons (the page lists the newest 50), each asking the measured member
// and one other member, the newest with a long text full of member names, email addresses and phone
// numbers for the page's two anonymised previews. Plain SQL inside the caller's transaction, after
// seedDialogue. Used by bench/budgets.ts.
import type pg from "pg";
import { DIALOGUE } from "./dialogue";

export const SHARING = { proposals: 1_000, newest: "csbench-0999", newestTitle: "Shared lesson 0999" } as const;

export async function seedSharing(c: pg.Client): Promise<void> {
  const n = DIALOGUE.network;
  const paragraph = "Member 1 (member1@bench.test, 06-12345678) and Member 2 learned that the neighbourhood needs time. ";
  await c.query(
    `INSERT INTO "CommonsProposal" (id, "networkId", kind, "sourceId", title, body, status, "activeSlot", "proposedById", "createdAt", "updatedAt")
     SELECT 'csbench-' || lpad(g::text, 4, '0'), $1, 'lesson', 'bench-lesson-' || g, 'Shared lesson ' || lpad(g::text, 4, '0'),
            CASE WHEN g = $2 - 1 THEN repeat($3, 150) ELSE 'What we learned ' || g END,
            (ARRAY['asking', 'ready', 'published', 'blocked']::"CommonsProposalStatus"[])[1 + g % 4],
            CASE WHEN g % 4 = 3 THEN NULL ELSE true END, 'u000000', now() - ((1000 - g) || ' minutes')::interval, now()
     FROM generate_series(0, $2 - 1) g`,
    [n, SHARING.proposals, paragraph],
  );
  await c.query(
    `INSERT INTO "CommonsConsent" (id, "networkId", "proposalId", "userId", "createdAt")
     SELECT 'ccbench-' || g || '-' || u, $1, 'csbench-' || lpad(g::text, 4, '0'), u, now()
     FROM generate_series(0, $2 - 1) g, unnest(ARRAY[$3, 'u000002']) u`,
    [n, SHARING.proposals, DIALOGUE.member],
  );
}
