import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as liveRoute } from "@/app/n/[slug]/(space)/dialogue/[threadId]/live/route";
import { dbSystem } from "@/lib/db/client";
import { subscribeToThread } from "@/lib/db/live-listener";
import { createReplyAction, editThreadAction } from "@/lib/dialogue/actions";
import { hidePostAction, lockThreadAction, restorePostAction } from "@/lib/moderation/actions";
import type { ThreadEvent } from "@/lib/live/events";
import { call, makeNetwork, member, signInAs, user } from "./support";

const key = () => randomBytes(16).toString("hex");

async function world() {
  const broker = await user("Broker");
  const writer = await user("Writer");
  const outsider = await user("Outsider");
  const a = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: "live-a" });
  await makeNetwork(dbSystem(), { brokerId: outsider.id, slug: "live-b" });
  await member(a, writer);
  const thread = await dbSystem().thread.create({
    data: { networkId: a.id, authorId: writer.id, title: "Live", body: "Body", level: "network", area: "means" },
    select: { id: true },
  });
  return { a, broker, writer, outsider, thread };
}

/** Collects a thread's events for a while. */
async function collect(threadId: string, during: () => Promise<unknown>, waitMs = 1500): Promise<ThreadEvent[]> {
  const events: ThreadEvent[] = [];
  const unsubscribe = await subscribeToThread(threadId, (e) => events.push(e));
  try {
    await during();
    const until = Date.now() + waitMs;
    while (events.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
    return events;
  } finally {
    unsubscribe();
  }
}

describe("live updates through LISTEN/NOTIFY", () => {
  it("announce a new reply to the thread's listeners, with ids only", async () => {
    const w = await world();
    signInAs(w.writer);
    let replyId: string | undefined;
    const events = await collect(w.thread.id, async () => {
      const result = await call(createReplyAction, { slug: "live-a", threadId: w.thread.id, body: "Hello, live", idempotencyKey: key() });
      expect(result.ok).toBe(true);
      replyId = (await dbSystem().reply.findFirst({ where: { networkId: w.a.id, threadId: w.thread.id }, select: { id: true } }))?.id;
    });
    expect(events).toEqual([{ networkId: w.a.id, threadId: w.thread.id, kind: "reply.created", replyId }]);
    expect(JSON.stringify(events)).not.toContain("Hello, live");
  });

  it("say nothing for a write that was refused and rolled back", async () => {
    const w = await world();
    await dbSystem().thread.update({ where: { id: w.thread.id, networkId: w.a.id }, data: { lockedAt: new Date() } });
    signInAs(w.writer);
    const events = await collect(
      w.thread.id,
      async () => {
        const result = await call(createReplyAction, { slug: "live-a", threadId: w.thread.id, body: "Too late", idempotencyKey: key() });
        expect(result).toMatchObject({ ok: false, code: "thread_locked" });
      },
      600,
    );
    expect(events).toEqual([]);
  });
});

describe("live updates of moderation and edits", () => {
  it("announce a thread edited, hidden, restored and locked, so open pages turn into the notice and back", async () => {
    const w = await world();
    const steps: [typeof w.broker, () => Promise<unknown>][] = [
      [w.writer, () => call(editThreadAction, { slug: "live-a", threadId: w.thread.id, title: "Live, edited", body: "Body" })],
      [w.broker, () => call(hidePostAction, { slug: "live-a", threadId: w.thread.id, reason: "Spam" })],
      [w.broker, () => call(restorePostAction, { slug: "live-a", threadId: w.thread.id })],
      [w.broker, () => call(lockThreadAction, { slug: "live-a", threadId: w.thread.id, reason: "Cooling off" })],
    ];
    for (const [actor, step] of steps) {
      signInAs(actor);
      const events = await collect(w.thread.id, async () => expect(await step()).toMatchObject({ ok: true }));
      expect(events).toEqual([{ networkId: w.a.id, threadId: w.thread.id, kind: "thread.updated" }]);
    }
  });
});

describe("the live stream's door", () => {
  const open = (slug: string, threadId: string, signal?: AbortSignal) =>
    liveRoute(new Request(`http://localhost/n/${slug}/dialogue/${threadId}/live`, { signal }), {
      params: Promise.resolve({ slug, threadId }),
    });

  it("is closed to a visitor (401) and to a broker of another network (404)", async () => {
    const w = await world();
    signInAs(null);
    expect((await open("live-a", w.thread.id)).status).toBe(401);
    signInAs(w.outsider);
    expect((await open("live-a", w.thread.id)).status).toBe(404);
  });

  it("does not open for a thread id of another network under this network's address", async () => {
    const w = await world();
    const other = await dbSystem().network.findUniqueOrThrow({ where: { slug: "live-b" }, select: { id: true } });
    const foreign = await dbSystem().thread.create({
      data: { networkId: other.id, authorId: w.outsider.id, title: "B", body: "B", level: "network", area: "means" },
      select: { id: true },
    });
    signInAs(w.writer);
    expect((await open("live-a", foreign.id)).status).toBe(404);
  });

  it("streams events to a member", async () => {
    const w = await world();
    signInAs(w.writer);
    const abort = new AbortController();
    const response = await open("live-a", w.thread.id, abort.signal);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    expect(text).toContain("retry:");
    await call(createReplyAction, { slug: "live-a", threadId: w.thread.id, body: "Over the wire", idempotencyKey: key() });
    const until = Date.now() + 3000;
    while (!text.includes("event: thread") && Date.now() < until) {
      const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), 3000))]);
      if (!chunk || chunk.done) break;
      text += decoder.decode(chunk.value);
    }
    expect(text).toContain("event: thread");
    expect(text).toContain('"kind":"reply.created"');
    expect(text).not.toContain("Over the wire");
    abort.abort();
    await reader.cancel();
  });
});
