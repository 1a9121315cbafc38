/** The one PostgreSQL channel Kring's live updates travel on (LISTEN/NOTIFY). */
export const LIVE_CHANNEL = "kring_live";

/** What a thread page hears about: something changed in this thread. */
export type ThreadEvent = {
  networkId: string;
  threadId: string;
  kind: "reply.created" | "reply.updated";
  replyId?: string;
};

export function parseThreadEvent(payload: string): ThreadEvent | null {
  try {
    const value: unknown = JSON.parse(payload);
    if (typeof value !== "object" || value === null) return null;
    const e = value as Record<string, unknown>;
    if (typeof e.networkId !== "string" || typeof e.threadId !== "string") return null;
    if (e.kind !== "reply.created" && e.kind !== "reply.updated") return null;
    return {
      networkId: e.networkId,
      threadId: e.threadId,
      kind: e.kind,
      ...(typeof e.replyId === "string" ? { replyId: e.replyId } : {}),
    };
  } catch {
    return null;
  }
}
