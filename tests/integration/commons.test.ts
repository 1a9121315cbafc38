import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { GET as withdrawnRoute } from "@/app/commons/[itemId]/withdrawn/route";
import { GET as atomRoute } from "@/app/commons/feed.atom/route";
import { GET as jsonRoute } from "@/app/commons/feed.json/route";
import { askCommonsQuestionAction } from "@/lib/commons/actions";
import { PATTERN_MIN_NETWORKS } from "@/lib/commons/limits";
import { readCommonsFilter } from "@/lib/commons/policy";
import { decodeCommonsCursor, findCommonsItem, listCommons, listCommonsPatterns, listCommonsQuestions, loadCommons } from "@/lib/commons/queries";
import { dbSystem } from "@/lib/db/client";
import type { Tx } from "@/lib/db/tenant-binding";
import { makeInitiative, makeMilestone, makeMilestoneUpdate } from "@/lib/db/factories";
import { requireMember } from "@/lib/membership/scope";
import { updateNetworkAction } from "@/lib/networks/actions";
import { listNotifications } from "@/lib/notifications/queries";
import { proxy } from "@/proxy";
import { GET as exportRoute } from "@/app/api/account/export/route";
import { deleteAccountAction } from "@/lib/accounts/actions";
import { shareItem, withdrawItem } from "./commons-fixtures";
import { asUser, call, expectRefused, makeNetwork, member, networkFields, user, type User } from "./support";

let keys = 0;
const key = () => `commons-key-${Date.now().toString(36)}-${(keys++).toString().padStart(6, "0")}`;

async function buildWorld() {
  const broker = await user("Broker");
  const broker2 = await user("Second broker");
  const memberA = await user("Member");
  const funder = await user("Funder");
  const outsider = await user("Outsider");
  const otherBroker = await user("Other broker");
  const a = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: "net-a", name: "Network A", locale: "nl" });
  const b = await makeNetwork(dbSystem(), { brokerId: otherBroker.id, slug: "net-b", name: "Network B" });
  await member(a, broker2, "broker");
  await member(a, memberA);
  await member(a, funder, "funder");
  NETWORKS = [a.id, b.id];
  return { a, b, broker, broker2, memberA, funder, outsider, otherBroker };
}

/** Every network of a test: reads of tenant tables name their networks, in tests too (the tenant guard). */
let NETWORKS: string[] = [];
const anywhere = () => ({ networkId: { in: NETWORKS } });

const all = (params: Record<string, string> = {}) => readCommonsFilter(params);

async function titlesFor(params: Record<string, string>) {
  return (await listCommons(all(params))).items.map((i) => i.title);
}

async function feedTexts() {
  const request = () => new Request("http://localhost/commons/feed", { headers: { "x-forwarded-for": "203.0.113.7" } });
  const atom = await atomRoute(request());
  const json = await jsonRoute(request());
  expect(atom.status).toBe(200);
  expect(json.status).toBe(200);
  return { atom: await atom.text(), json: await json.text() };
}

async function ask(person: User | null, itemId: string, fields: Record<string, string> = {}) {
  return asUser(person, () => call(askCommonsQuestionAction, { itemId, body: "How did you *convince* the municipality?", replyEmail: "", idempotencyKey: key(), ...fields }));
}

describe("the commons' search vector", () => {
  it("is filled by the trigger in the item's own language, title weighted first, and emptied with the text", async () => {
    const w = await buildWorld();
    const nl = await shareItem(w.a, { language: "nl", title: "Samenwerken met de gemeente", body: "De gemeenten **wilden** meedoen." });
    const en = await shareItem(w.b, { language: "en", title: "Working with municipalities", body: "The [council](https://example.org/secret-link) joined." });
    const vectors = await dbSystem().$queryRaw<{ id: string; v: string }[]>`SELECT id::text, "searchVector"::text AS v FROM "CommonsItem" ORDER BY id`;
    const of = (id: string) => vectors.find((r) => r.id === id)?.v ?? "";
    expect(of(nl)).toContain("'gemeent':");
    expect(of(nl)).toMatch(/'gemeent':\d+A/);
    expect(of(en)).toContain("'municip':");
    // A link's target is not a word of the text.
    expect(of(en)).not.toContain("secret");
    await withdrawItem(nl);
    const [after] = await dbSystem().$queryRaw<{ v: string }[]>`SELECT "searchVector"::text AS v FROM "CommonsItem" WHERE id = ${nl}::uuid`;
    expect(after?.v).toBe("");
  });
});

describe("searching and browsing the commons", () => {
  it("finds a Dutch item by a Dutch stemmed word and an English item by an English one", async () => {
    const w = await buildWorld();
    await shareItem(w.a, { language: "nl", title: "Pilot met de gemeente", body: "Wat we leerden over samenwerken." });
    await shareItem(w.b, { language: "en", title: "Pilot with the municipality", body: "What we learned about working together." });
    expect(await titlesFor({ q: "gemeenten" })).toEqual(["Pilot met de gemeente"]);
    expect(await titlesFor({ q: "municipalities" })).toEqual(["Pilot with the municipality"]);
    expect(await titlesFor({ q: "samenwerking" })).toEqual(["Pilot met de gemeente"]);
    expect(await titlesFor({ q: "learning" })).toEqual(["Pilot with the municipality"]);
    // A word both languages share finds both, ranked.
    expect((await titlesFor({ q: "pilot" })).sort()).toEqual(["Pilot met de gemeente", "Pilot with the municipality"]);
  });

  it("filters by kind, level, area, growth stage, outcome and region", async () => {
    const w = await buildWorld();
    await shareItem(w.a, { title: "Lesson one", kind: "lesson", level: "network", area: "means", region: "Noord-Brabant" });
    await shareItem(w.a, { title: "Outcome one", kind: "milestone_outcome", outcome: "learned", stage: "pilot", region: "Noord-Brabant" });
    await shareItem(w.b, { title: "Outcome two", kind: "milestone_outcome", outcome: "reached", stage: "scaling", level: "context", region: "Utrecht" });
    await shareItem(w.b, { title: "Synthesis one", kind: "synthesis", area: "vision_values" });
    expect(await titlesFor({ kind: "milestone_outcome" })).toEqual(["Outcome two", "Outcome one"]);
    expect(await titlesFor({ level: "context" })).toEqual(["Outcome two"]);
    expect(await titlesFor({ area: "vision_values" })).toEqual(["Synthesis one"]);
    expect(await titlesFor({ stage: "pilot" })).toEqual(["Outcome one"]);
    expect(await titlesFor({ outcome: "learned" })).toEqual(["Outcome one"]);
    expect(await titlesFor({ region: "noord-brabant" })).toEqual(["Outcome one", "Lesson one"]);
    expect(await titlesFor({ region: "Noord-Brabant", kind: "lesson" })).toEqual(["Lesson one"]);
    // An unknown choice is no filter.
    expect(await titlesFor({ kind: "reflection" })).toHaveLength(4);
    const { regions } = await loadCommons(all());
    expect(regions).toEqual(["Noord-Brabant", "Utrecht"]);
  });

  it("pages by key, newest first, and by rank when searching, without repeating or skipping an item", async () => {
    const w = await buildWorld();
    const start = Date.UTC(2026, 10, 1);
    for (let i = 0; i < 45; i++) {
      await shareItem(i % 2 ? w.a : w.b, {
        title: `Item ${String(i).padStart(2, "0")}`,
        // Ranks differ: some items say "gardens" three times, some once.
        body: i % 3 === 0 ? "community gardens, gardens and more gardens" : "a community garden",
        publishedAt: new Date(start + (i % 5 === 0 ? 0 : i) * 60_000),
      });
    }
    for (const params of [{}, { q: "gardens" }] as Record<string, string>[]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await listCommons(all(params), decodeCommonsCursor(cursor ?? undefined));
        expect(page.items.length).toBeLessThanOrEqual(20);
        seen.push(...page.items.map((i) => i.id));
        cursor = page.next;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(new Set(seen).size).toBe(45);
      if (!("q" in params)) {
        const times = await dbSystem().commonsItem.findMany({ select: { id: true, publishedAt: true } });
        const at = new Map(times.map((t) => [t.id, t.publishedAt.getTime()]));
        const order = seen.map((id) => at.get(id) ?? 0);
        expect(order).toEqual([...order].sort((x, y) => y - x));
      }
    }
    // A tampered cursor is the first page.
    expect(decodeCommonsCursor("not-a-cursor")).toBeUndefined();
  });
});

describe("what the commons never shows", () => {
  it("a text that was never shared is found by no search, feed or page", async () => {
    const w = await buildWorld();
    const secret = "zqxsecretlesson";
    const initiative = await makeInitiative(dbSystem(), { networkId: w.a.id, name: "Garden", createdById: w.broker.id });
    const milestone = await makeMilestone(dbSystem(), { networkId: w.a.id, initiativeId: initiative.id, position: 0, amountNeeded: 0n, title: `Milestone ${secret}` });
    await makeMilestoneUpdate(dbSystem(), { networkId: w.a.id, initiativeId: initiative.id, milestoneId: milestone.id, authorId: w.broker.id, kind: "lesson", body: `We learned ${secret}` });
    // Proposed but never published: only in the source network.
    await dbSystem().commonsProposal.create({
      data: { networkId: w.a.id, kind: "lesson", sourceId: milestone.id, title: `Proposed ${secret}`, body: `Asking consent ${secret}`, status: "asking" },
    });
    await shareItem(w.a, { title: "Something else that was shared" });
    expect((await listCommons(all({ q: secret }))).items).toEqual([]);
    const everything = await loadCommons(all());
    expect(JSON.stringify(everything)).not.toContain(secret);
    const feeds = await feedTexts();
    expect(feeds.atom).not.toContain(secret);
    expect(feeds.json).not.toContain(secret);
    expect(JSON.stringify(await listCommonsPatterns())).not.toContain(secret);
  });

  it("a withdrawn item answers 410, and is gone from search, lists, patterns and feeds from the next request on", async () => {
    const w = await buildWorld();
    const id = await shareItem(w.a, { title: "Withdrawable zqxwithdrawn", body: "Our text zqxwithdrawn", kind: "milestone_outcome", outcome: "learned" });
    expect((await listCommons(all({ q: "zqxwithdrawn" }))).items.map((i) => i.id)).toEqual([id]);
    expect((await feedTexts()).atom).toContain(`urn:uuid:${id}`);
    expect(await findCommonsItem(id)).toMatchObject({ state: "live" });
    const pageRequest = () => new NextRequest(`http://localhost:3000/commons/${id}`);
    expect((await proxy(pageRequest())).headers.get("x-middleware-rewrite")).toBeNull();

    await withdrawItem(id);
    expect((await listCommons(all({ q: "zqxwithdrawn" }))).items).toEqual([]);
    expect((await listCommons(all())).items).toEqual([]);
    expect(await findCommonsItem(id)).toEqual({ state: "withdrawn" });
    const feeds = await feedTexts();
    expect(feeds.atom).not.toContain(id);
    expect(feeds.json).not.toContain(id);
    // The item's address is rewritten to the notice, which answers 410 and tells nothing of the item.
    expect((await proxy(pageRequest())).headers.get("x-middleware-rewrite")).toBe(`http://localhost:3000/commons/${id}/withdrawn`);
    const gone = await withdrawnRoute(new Request(`http://localhost/commons/${id}/withdrawn`), { params: Promise.resolve({ itemId: id }) });
    expect(gone.status).toBe(410);
    const html = await gone.text();
    expect(html).not.toContain("zqxwithdrawn");
    expect(html).toContain('href="/commons"');
    // The notice's own address answers 404 for a live item, an unknown one and a malformed one.
    const live = await shareItem(w.b, { title: "Still here" });
    for (const other of [live, "6f1c1f9e-9a43-4c1e-9d1e-3f0b8a1b2c3d", "not-a-uuid"]) {
      expect((await withdrawnRoute(new Request("http://localhost/x"), { params: Promise.resolve({ itemId: other }) })).status).toBe(404);
    }
    expect(await findCommonsItem("not-a-uuid")).toBeNull();
    expect(await findCommonsItem("6f1c1f9e-9a43-4c1e-9d1e-3f0b8a1b2c3d")).toBeNull();
  });
});

describe("patterns across networks", () => {
  it("hide a cell two networks contribute to and show it with a third, over the networks that shared the kind", async () => {
    // The trigger that keeps the cells (migration 20261207201201_commons_patterns) writes the same
    // bound in SQL: a change to the constant alone would leave it keeping cells of three networks.
    expect(PATTERN_MIN_NETWORKS).toBe(3);
    const w = await buildWorld();
    const c = await makeNetwork(dbSystem(), { brokerId: w.outsider.id, slug: "net-c", name: "Network C" });
    const d = await makeNetwork(dbSystem(), { brokerId: w.outsider.id, slug: "net-d", name: "Network D" });
    const outcome = (n: { id: string }, status: "learned" | "reached") =>
      shareItem(n, { kind: "milestone_outcome", outcome: status, topic: "Pilot with the municipality", stage: "pilot" });
    await outcome(w.a, "learned");
    await outcome(w.a, "learned");
    await outcome(w.b, "learned");
    await outcome(d, "reached");
    let cells = await listCommonsPatterns();
    expect(cells.filter((cell) => cell.facet === "outcome")).toEqual([]);
    expect(cells.filter((cell) => cell.facet === "stage")).toEqual([
      { kind: "milestone_outcome", facet: "stage", value: "pilot", outcome: null, networks: 3, kindNetworks: 3, items: 4 },
    ]);

    await outcome(c, "learned");
    cells = await listCommonsPatterns();
    expect(cells.filter((cell) => cell.facet === "outcome")).toEqual([
      { kind: "milestone_outcome", facet: "outcome", value: "learned", outcome: null, networks: 3, kindNetworks: 4, items: 4 },
    ]);
    expect(cells.filter((cell) => cell.facet === "topic")).toEqual([
      { kind: "milestone_outcome", facet: "topic", value: "Pilot with the municipality", outcome: "learned", networks: 3, kindNetworks: 4, items: 4 },
    ]);
    // The one network that reached it is never shown, not even as a small number.
    expect(cells.some((cell) => cell.value === "reached" || cell.outcome === "reached")).toBe(false);
    // A withdrawn item stops counting.
    const [first] = await dbSystem().commonsItem.findMany({ where: { sourceNetworkId: c.id }, select: { id: true } });
    await withdrawItem(first?.id ?? "");
    expect((await listCommonsPatterns()).filter((cell) => cell.facet === "outcome")).toEqual([]);
  });

  it("are stored with the publication and the withdrawal that change them, in the same transaction, also when two publish at once", async () => {
    const w = await buildWorld();
    const c = await makeNetwork(dbSystem(), { brokerId: w.outsider.id, slug: "net-c", name: "Network C" });
    const d = await makeNetwork(dbSystem(), { brokerId: w.outsider.id, slug: "net-d", name: "Network D" });
    const e = await makeNetwork(dbSystem(), { brokerId: w.outsider.id, slug: "net-e", name: "Network E" });
    await shareItem(w.a, { kind: "harvest", area: "means" });
    await shareItem(w.b, { kind: "harvest", area: "means" });
    const stored = () => dbSystem().$queryRaw<{ networks: number; items: number }[]>`
      SELECT networks, items FROM "CommonsPattern" WHERE kind = 'harvest' AND facet = 'area' AND value = 'means'`;
    expect(await stored()).toEqual([]);
    // A publication the way lib/sharing writes it: the proposal and the item in one transaction.
    const publish = (tx: Tx, network: { id: string }) =>
      tx.commonsProposal
        .create({ data: { networkId: network.id, kind: "harvest", sourceId: randomUUID(), title: "H", body: "B", status: "published", attribution: "network", licence: "cc_by_4_0", publishedAt: new Date() } })
        .then((p) =>
          tx.commonsItem.create({
            data: { sourceNetworkId: network.id, proposalId: p.id, kind: "harvest", language: "en", title: "H", body: "B", bodyHtml: "<p>B</p>", attribution: "network", licence: "cc_by_4_0", area: "means" },
          }),
        );
    // Inside the transaction the cell is there; a rolled-back publication leaves nothing behind.
    await expect(
      dbSystem().$transaction(async (tx) => {
        await publish(tx, c);
        expect(await tx.$queryRaw`SELECT networks, items FROM "CommonsPattern" WHERE kind = 'harvest' AND facet = 'area' AND value = 'means'`).toEqual([{ networks: 3, items: 3 }]);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await stored()).toEqual([]);
    // Two publications at once: the one that commits last counts the other's item as well.
    await Promise.all([
      dbSystem().$transaction(async (tx) => {
        await publish(tx, c);
        await new Promise((resolve) => setTimeout(resolve, 300));
      }),
      new Promise((resolve) => setTimeout(resolve, 50)).then(() => dbSystem().$transaction((tx) => publish(tx, d))),
    ]);
    expect(await stored()).toEqual([{ networks: 4, items: 4 }]);
    expect(await listCommonsPatterns()).toContainEqual({ kind: "harvest", facet: "area", value: "means", outcome: null, networks: 4, kindNetworks: 4, items: 4 });
    // A withdrawal takes the item out of the counts in its own transaction.
    const [ofC] = await dbSystem().commonsItem.findMany({ where: { sourceNetworkId: c.id }, select: { id: true } });
    await withdrawItem(ofC?.id ?? "");
    expect(await stored()).toEqual([{ networks: 3, items: 3 }]);
    // The regions the filter offers are kept by the same trigger.
    await shareItem(e, { kind: "lesson", region: "Zeeland" });
    expect((await loadCommons(all())).regions).toEqual(["Zeeland"]);
  });
});

describe("asking the source network", () => {
  it("refuses a visitor, and a signed-in person when the network does not take questions", async () => {
    const w = await buildWorld();
    const id = await shareItem(w.a, { title: "Ask me" });
    expectRefused(await ask(null, id), "unauthenticated");
    expectRefused(await ask(w.outsider, id), "commons_questions_closed");
    expect(await dbSystem().commonsQuestion.count({ where: anywhere() })).toBe(0);
  });

  it("lets anyone signed in ask when the network allows it; its brokers, and nobody else, hear of it", async () => {
    const w = await buildWorld();
    await dbSystem().network.update({ where: { id: w.a.id }, data: { allowCommonsQuestions: true } });
    const id = await shareItem(w.a, { title: "Ask me", attribution: "anonymous", region: "Noord-Brabant" });
    for (const person of [w.outsider, w.otherBroker, w.memberA, w.funder]) {
      const result = await ask(person, id, { body: `A question from ${person.name}`, replyEmail: person === w.outsider ? "me@example.org" : "" });
      expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    }
    const questions = await dbSystem().commonsQuestion.findMany({ where: anywhere(), orderBy: { createdAt: "asc" } });
    expect(questions).toHaveLength(4);
    expect(new Set(questions.map((q) => q.networkId))).toEqual(new Set([w.a.id]));
    expect(questions[0]).toMatchObject({ itemId: id, askerId: w.outsider.id, replyEmail: "me@example.org" });
    const notified = await dbSystem().notification.findMany({ where: { ...anywhere(), kind: "commons_question" }, select: { userId: true, networkId: true } });
    expect(new Set(notified.map((n) => n.userId))).toEqual(new Set([w.broker.id, w.broker2.id]));
    expect(notified.every((n) => n.networkId === w.a.id)).toBe(true);
    expect(notified).toHaveLength(8);
    // The brokers read them in the notification centre and on the list; nobody else does.
    const centre = await listNotifications(w.broker.id);
    expect(centre.items.filter((n) => n.kind === "commons_question")).toHaveLength(4);
    expect((await listNotifications(w.memberA.id)).items.filter((n) => n.kind === "commons_question")).toHaveLength(0);
    const list = await asUser(w.broker, async () => listCommonsQuestions(await requireMember("net-a", "commons.questions")));
    expect(list.items.map((q) => q.body)).toContain("A question from Outsider");
    expect(list.items[0]?.bodyHtml).toContain("<p>");
    await expect(asUser(w.memberA, async () => requireMember("net-a", "commons.questions"))).rejects.toMatchObject({ code: "forbidden" });
  });

  it("asks once on a double submit, and refuses a withdrawn, unknown or malformed item", async () => {
    const w = await buildWorld();
    await dbSystem().network.update({ where: { id: w.a.id }, data: { allowCommonsQuestions: true } });
    const id = await shareItem(w.a);
    const same = key();
    const [one, two] = await Promise.all([ask(w.outsider, id, { idempotencyKey: same }), ask(w.outsider, id, { idempotencyKey: same })]);
    expect(one).toMatchObject({ ok: true });
    expect(two).toMatchObject({ ok: true });
    expect(await dbSystem().commonsQuestion.count({ where: anywhere() })).toBe(1);
    expect(await dbSystem().notification.count({ where: { ...anywhere(), kind: "commons_question" } })).toBe(2);
    expectRefused(await ask(w.outsider, "6f1c1f9e-9a43-4c1e-9d1e-3f0b8a1b2c3d"), "not_found");
    expectRefused(await ask(w.outsider, "'; DROP TABLE x; --"), "invalid_input");
    expectRefused(await ask(w.outsider, id, { replyEmail: "not an address" }), "invalid_input");
    expectRefused(await ask(w.outsider, id, { body: "" }), "invalid_input");
    await withdrawItem(id);
    expectRefused(await ask(w.outsider, id), "commons_withdrawn");
    expect(await dbSystem().commonsQuestion.count({ where: anywhere() })).toBe(1);
  });
});

describe("a network's commons settings", () => {
  it("a broker sets the region and whether the network takes questions; a member may not", async () => {
    const w = await buildWorld();
    const fields = networkFields({ slug: "net-a", name: "Network A", locale: "nl", region: "  Noord-Brabant ", allowCommonsQuestions: "on" });
    expect(await asUser(w.broker, () => call(updateNetworkAction, fields))).toMatchObject({ ok: true });
    expect(await dbSystem().network.findUnique({ where: { id: w.a.id }, select: { region: true, allowCommonsQuestions: true } })).toEqual({
      region: "Noord-Brabant",
      allowCommonsQuestions: true,
    });
    expectRefused(await asUser(w.memberA, () => call(updateNetworkAction, { ...fields, allowCommonsQuestions: undefined })), "forbidden");
    expect(await asUser(w.broker, () => call(updateNetworkAction, { ...fields, region: "x".repeat(101) }))).toMatchObject({ ok: false, fieldErrors: { region: ["too_long|100"] } });
  });
});

describe("the feeds", () => {
  it("carry each live item with its licence, link and urn:uuid id, and name an anonymous source by its region only", async () => {
    const w = await buildWorld();
    const anonymous = await shareItem(w.a, { title: "Anoniem <geleerd> & gedeeld", language: "nl", attribution: "anonymous", region: "Noord-Brabant", licence: "cc_by_sa_4_0" });
    const named = await shareItem(w.b, { title: "Named", attribution: "names", authorNames: ["Jan van der Berg"], licence: "cc0_1_0" });
    const { atom, json } = await feedTexts();
    expect(atom).toContain(`<id>urn:uuid:${anonymous}</id>`);
    expect(atom).toContain('<link rel="license" type="text/html" href="https://creativecommons.org/licenses/by-sa/4.0/" title="CC BY-SA 4.0"/>');
    expect(atom).toContain("Anoniem &lt;geleerd&gt; &amp; gedeeld");
    expect(atom).toContain("<name>Gedeeld door een netwerk in Noord-Brabant</name>");
    expect(atom).not.toContain("Network A");
    expect(atom).toContain("<name>Network B: Jan van der Berg</name>");
    const parsed = JSON.parse(json) as { version: string; items: { id: string; url: string; _kring: { licence: { url: string } } }[] };
    expect(parsed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(parsed.items.map((i) => i.id)).toEqual([`urn:uuid:${named}`, `urn:uuid:${anonymous}`]);
    expect(parsed.items[0]?._kring.licence.url).toBe("https://creativecommons.org/publicdomain/zero/1.0/");
    expect(parsed.items[1]?.url).toMatch(new RegExp(`/commons/${anonymous}$`));
    expect(json).not.toContain("Network A");
  });
});

describe("a person's questions to networks they are not in", () => {
  it("are in their own data export, and stay with the brokers without them once they delete their account", async () => {
    const w = await buildWorld();
    await dbSystem().network.update({ where: { id: w.a.id }, data: { allowCommonsQuestions: true } });
    const id = await shareItem(w.a, { title: "Ask me", attribution: "anonymous", region: "Noord-Brabant" });
    expect(await ask(w.outsider, id, { body: "How did *you* start?", replyEmail: "outsider@example.org" })).toMatchObject({ ok: true });
    expect(await ask(w.memberA, id, { body: "Someone else's question" })).toMatchObject({ ok: true });
    // Download my data: the outsider's own question, not the member's.
    const exported = await asUser(w.outsider, async () => (await exportRoute()).json());
    expect(exported.account.memberships).toEqual([]);
    expect(exported.account.commonsQuestions).toEqual([expect.objectContaining({ itemId: id, body: "How did *you* start?", replyEmail: "outsider@example.org" })]);
    // Deleting the account: the question stays for the brokers, without its asker or the address.
    expect(await asUser(w.outsider, () => call(deleteAccountAction, { confirmEmail: w.outsider.email }))).toMatchObject({ ok: true });
    const left = await dbSystem().commonsQuestion.findMany({ where: anywhere(), orderBy: { createdAt: "asc" }, select: { askerId: true, replyEmail: true, body: true } });
    expect(left).toEqual([
      { askerId: null, replyEmail: "", body: "How did *you* start?" },
      { askerId: w.memberA.id, replyEmail: "", body: "Someone else's question" },
    ]);
  });
});
