/** The one PostgreSQL channel Kring's live updates travel on (LISTEN/NOTIFY). */
export const LIVE_CHANNEL = "kring_live";

/**
 * What a thread page hears about: something changed in this thread. A reply was
 * posted, or one was edited, deleted, hidden or restored; or the thread itself was
 * edited, hidden, restored, locked, unlocked, pinned or moved.
 */
const THREAD_EVENT_KINDS = ["reply.created", "reply.updated", "thread.updated"] as const;

export type ThreadEvent = {
  networkId: string;
  threadId: string;
  kind: (typeof THREAD_EVENT_KINDS)[number];
  replyId?: string;
};

export function parseThreadEvent(payload: string): ThreadEvent | null {
  try {
    const value: unknown = JSON.parse(payload);
    if (typeof value !== "object" || value === null) return null;
    const e = value as Record<string, unknown>;
    if (typeof e.networkId !== "string" || typeof e.threadId !== "string") return null;
    const kind = THREAD_EVENT_KINDS.find((k) => k === e.kind);
    if (!kind) return null;
    return {
      networkId: e.networkId,
      threadId: e.threadId,
      kind,
      ...(typeof e.replyId === "string" ? { replyId: e.replyId } : {}),
    };
  } catch {
    return null;
  }
}
