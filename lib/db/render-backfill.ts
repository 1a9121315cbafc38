import "server-only";
import { renderMarkdown } from "@/lib/markdown/render";
import { Prisma } from "./generated/client";
import type { Tx } from "./client";

type Sql = Pick<Tx, "$queryRaw" | "$executeRaw">;

/** The Markdown texts besides posts that keep their HTML (decision 027); posts: lib/dialogue/mutations.ts. */
const TABLES = ["Reflection", "SynthesisRevision", "MilestoneUpdate"] as const;

/**
 * Renders the stored HTML of reflections, synthesis revisions and milestone updates that have
 * none: rows written before texts were rendered when written, by a seed that bypasses the
 * mutations, or after a renderer change cleared the column. In batches; idempotent; run at
 * start-up. A text that cannot be rendered stores the renderer's marker (shown as a notice),
 * so it is not tried again.
 */
export async function renderMissingTexts(prisma: Sql): Promise<Record<(typeof TABLES)[number], number>> {
  const done = { Reflection: 0, SynthesisRevision: 0, MilestoneUpdate: 0 };
  const BATCH = 200;
  for (const table of TABLES) {
    const name = Prisma.raw(`"${table}"`);
    for (;;) {
      const rows = await prisma.$queryRaw<{ id: string; body: string }[]>`
        SELECT id, body FROM ${name} WHERE "bodyHtml" IS NULL LIMIT ${BATCH}`;
      if (rows.length === 0) break;
      const ids = rows.map((r) => r.id);
      const html = rows.map((r) => renderMarkdown(r.body));
      await prisma.$executeRaw`
        UPDATE ${name} t SET "bodyHtml" = v.html
        FROM unnest(${ids}::text[], ${html}::text[]) AS v(id, html) WHERE t.id = v.id`;
      done[table] += rows.length;
      if (rows.length < BATCH) break;
    }
  }
  return done;
}
