import "server-only";
import { renderMarkdown } from "@/lib/markdown/render";
import { Prisma } from "./generated/client";
import type { Tx } from "./client";

type Sql = Pick<Tx, "$queryRaw" | "$executeRaw">;

/** Every table whose Markdown `body` keeps its rendered HTML in `bodyHtml` (decisions 014, 027). */
const TABLES = ["Thread", "Reply", "Reflection", "SynthesisRevision", "MilestoneUpdate"] as const;
type RenderedTable = (typeof TABLES)[number];

/**
 * Renders the stored HTML of every Markdown text that has none: rows written before texts were
 * rendered when written, by a seed that bypasses the mutations, or after a renderer change
 * cleared the column (see lib/markdown/render.ts). In batches; idempotent; run at start-up. With
 * `networkId` it covers one network only (the demo seed). A text that cannot be rendered stores
 * the renderer's marker (shown as a notice), so it is not tried again. Returns the rows per table.
 */
export async function renderMissingTexts(prisma: Sql, networkId?: string): Promise<Record<RenderedTable, number>> {
  const only = networkId ? Prisma.sql`AND "networkId" = ${networkId}` : Prisma.empty;
  const done = { Thread: 0, Reply: 0, Reflection: 0, SynthesisRevision: 0, MilestoneUpdate: 0 };
  const BATCH = 200;
  for (const table of TABLES) {
    const name = Prisma.raw(`"${table}"`);
    for (;;) {
      const rows = await prisma.$queryRaw<{ id: string; body: string }[]>`
        SELECT id, body FROM ${name} WHERE "bodyHtml" IS NULL ${only} LIMIT ${BATCH}`;
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
