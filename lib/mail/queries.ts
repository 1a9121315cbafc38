import "server-only";
import { db } from "@/lib/db/client";

/** Latest outbox messages, newest first (development and test only; the page checks). */
export async function listOutbox(limit = 50) {
  return db().outboxEmail.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, to: true, subject: true, text: true, html: true, headers: true, createdAt: true },
  });
}
