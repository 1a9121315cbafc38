import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { dbSystem } from "@/lib/db/client";
import { onQuery } from "@/lib/db/query-log";
import { createReply, createThread } from "@/lib/dialogue/mutations";
import { loadThreadPage } from "@/lib/dialogue/queries";
import { requireMember, type NetworkScope } from "@/lib/membership/scope";
import { plainText } from "@/lib/markdown/text";
import { reportPost } from "@/lib/moderation/mutations";
import { listOpenReports } from "@/lib/moderation/queries";
import { searchDialogue } from "@/lib/search/queries";
import { xssPayloads } from "../fixtures/xss-corpus";
import { asUser, makeNetwork, member, shown, user, type User } from "./support";

/**
 * Markdown shown the same everywhere (issue 18 item 3, decision 033): the loaders that show a
 * post short (search snippets, the moderation queue) give the words of the rendered text, never
 * its Markdown syntax, and never HTML from the source.
 */
const key = () => randomBytes(16).toString("hex");

async function scopeOf(person: User, slug: string): Promise<NetworkScope> {
  return asUser(person, () => requireMember(slug));
}

async function world() {
  const broker = await user("Broker");
  const author = await user("Author");
  const net = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: `md-${key().slice(0, 8)}` });
  await member(net, author);
  return { net, brokerScope: await scopeOf(broker, net.slug), authorScope: await scopeOf(author, net.slug) };
}

const MARKDOWN = "## Why compost\n\nWe **compost** [kitchen waste](https://example.org \"a>b\") & more, `a < b`.\n\n- one\n- two";

describe("search snippets over the rendered text", () => {
  it("highlights words of the rendered text, without Markdown syntax", async () => {
    const w = await world();
    const t = await createThread(w.authorScope, { title: "Soil", body: MARKDOWN, level: "network", area: "means", idempotencyKey: key() });
    const r = await createReply(w.authorScope, { threadId: t.id, body: "> quoted\n\n*Compost* again", quotedReplyId: null, mentions: [], idempotencyKey: key() });
    const { items } = await searchDialogue(w.brokerScope, { q: "compost" });
    const byId = new Map(items.map((i) => [i.id, i.excerpt]));
    const threadText = byId.get(t.id)?.map((s) => s.text).join("") ?? "";
    expect(threadText).toContain("We compost kitchen waste & more");
    expect(threadText).not.toMatch(/\*\*|##|\]\(|^- /);
    expect(byId.get(t.id)?.filter((s) => s.mark).map((s) => s.text)).toEqual(["compost", "compost"]);
    expect(byId.get(r.id)?.map((s) => s.text).join("")).toBe("quoted Compost again");
  });

  it("never passes on HTML from the source", async () => {
    const w = await world();
    const bodies = new Map<string, string>();
    for (const payload of xssPayloads) {
      const { id } = await createThread(w.authorScope, { title: "Payload", body: `needle ${payload}`, level: "network", area: "means", idempotencyKey: key() });
      bodies.set(id, `needle ${payload}`);
    }
    let after: string | null = null;
    let seen = 0;
    do {
      const { items, next }: Awaited<ReturnType<typeof searchDialogue>> = await searchDialogue(w.brokerScope, {
        q: "needle",
        after: after ? (await import("@/lib/search/queries")).decodeSearchCursor(after) : undefined,
      });
      for (const item of items) {
        const source = bodies.get(item.id) ?? "";
        // Every word of the snippet is a word the rendered post shows as text: HTML from the
        // source that the renderer dropped never comes back in a snippet.
        const shown = plainText(source);
        for (const word of item.excerpt.map((s) => s.text).join("").split(/\s+|…/)) {
          if (word) expect(shown, source).toContain(word);
        }
      }
      seen += items.length;
      after = next;
    } while (after);
    expect(seen).toBeGreaterThan(10);
  });
});

describe("the moderation queue's excerpts", () => {
  it("are the rendered words of the reported post", async () => {
    const w = await world();
    const t = await createThread(w.authorScope, { title: "Soil", body: MARKDOWN, level: "network", area: "means", idempotencyKey: key() });
    const r = await createReply(w.authorScope, {
      threadId: t.id,
      body: "Look <img src=x onerror=alert(1)> at **this**",
      quotedReplyId: null,
      mentions: [],
      idempotencyKey: key(),
    });
    await reportPost(w.brokerScope, { threadId: t.id, replyId: null, reason: "Check" });
    await reportPost(w.brokerScope, { threadId: t.id, replyId: r.id, reason: "Check" });
    const queue = await listOpenReports(w.brokerScope);
    expect(queue.items.map((i) => i.excerpt)).toEqual(["Why compost We compost kitchen waste & more, a < b. one two", "Look at this"]);
  });
});

describe("mentions on the thread page", () => {
  it("shows a mentioned member's @Name as a mention, an unresolved @name plain, in the same statements", async () => {
    const w = await world();
    const t = await createThread(w.brokerScope, { title: "Hello", body: "Start", level: "network", area: "means", idempotencyKey: key() });
    const r = await createReply(w.brokerScope, {
      threadId: t.id,
      body: "Thanks @Author, and @Nobody; `@Author` in code stays code.",
      quotedReplyId: null,
      mentions: [w.authorScope.userId],
      idempotencyKey: key(),
    });
    const statements: string[] = [];
    const stop = onQuery((sql) => statements.push(sql));
    let page;
    try {
      page = shown(await loadThreadPage(w.authorScope, t.id));
    } finally {
      stop();
    }
    const html = page.replies.find((x) => x.id === r.id)?.bodyHtml ?? "";
    expect(html).toBe(
      '<p>Thanks <span class="mention">@Author</span>, and @Nobody; <code>@Author</code> in code stays code.</p>',
    );
    expect(statements.length).toBeLessThanOrEqual(4);
  });
});
