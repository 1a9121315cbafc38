import "server-only";
import { db } from "@/lib/db/client";

/** Latest outbox messages, newest first (development and test only; the page checks). */
export async function listOutbox({ to, limit = 50 }: { to?: string; limit?: number } = {}) {
  return db().outboxEmail.findMany({
    where: to ? { to } : undefined,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, to: true, subject: true, text: true, html: true, headers: true, createdAt: true },
  });
}
