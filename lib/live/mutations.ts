import "server-only";
import type { Tx } from "@/lib/db/client";
import { LIVE_CHANNEL, type ThreadEvent } from "./events";

/**
 * Announces a change to everyone watching the thread, on every app instance:
 * NOTIFY inside the writing transaction, so PostgreSQL delivers it on commit
 * and never for a write that rolled back.
 */
export async function publishThreadEvent(tx: Tx, event: ThreadEvent) {
  await tx.$executeRaw`SELECT pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(event)})`;
}
