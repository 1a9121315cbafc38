import "server-only";
import { subscribeToThread as subscribe } from "@/lib/db/live-listener";

/**
 * Follows one thread's changes (LISTEN/NOTIFY through the process's one listening connection,
 * decision 010): `listener` gets each event's kind and ids, never content; `end` runs when the
 * server stops. Resolves to the unsubscribe function. The caller checks membership first.
 */
export function subscribeToThread(...args: Parameters<typeof subscribe>): ReturnType<typeof subscribe> {
  return subscribe(...args);
}
