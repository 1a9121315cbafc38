// An open cycle in the dialogue network (`bench`), in its I phase, for the cycle page: every one
// of the network's 20 members has submitted a reflection (three of them "only for me"), the
// measured member included, so the page shows the others' shared reflections. Plain SQL inside
// the caller's transaction, after seedDialogue. Used by bench/budgets.ts.
import type pg from "pg";
import { DIALOGUE } from "./dialogue";

export const CYCLE = { id: "cbench-open", reflections: DIALOGUE.members, privateReflections: 3 } as const;

export async function seedCycle(c: pg.Client): Promise<void> {
  await c.query(
    `INSERT INTO "Cycle" (id, "networkId", title, question, "focusArea", "iDeadline", "weDeadline", "openedById", "openSlot", "createdAt", "updatedAt")
     VALUES ($1, $2, 'Where do we stand?', 'What are we working on, and is it the real question?', 'means',
             now() + interval '7 days', now() + interval '14 days', 'u000000', true, now() - interval '3 days', now())`,
    [CYCLE.id, DIALOGUE.network],
  );
  await c.query(
    `INSERT INTO "Reflection" (id, "networkId", "cycleId", "authorId", body, area, private, "submittedAt", "createdAt", "updatedAt")
     SELECT 'f' || lpad(to_hex(g), 6, '0'), $2, $1, 'u' || lpad(to_hex(g), 6, '0'),
            'What I see from where I stand, number ' || g || ': **more** than one paragraph of it.' || E'\\n\\n' ||
            'A second paragraph with a [link](https://example.org/' || g || ').',
            (ARRAY['means','objectives','vision_values','observations_facts'])[1 + g % 4]::"Area",
            g >= $3 - $4, now() - (g || ' hours')::interval, now() - interval '2 days', now()
     FROM generate_series(0, $3 - 1) g`,
    [CYCLE.id, DIALOGUE.network, CYCLE.reflections, CYCLE.privateReflections],
  );
}
