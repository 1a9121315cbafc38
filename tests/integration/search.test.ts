import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dbSystem } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/demo";
import { listCommonsPatterns } from "@/lib/commons/queries";
import { onQuery } from "@/lib/db/query-log";
import { createReply, createThread, deleteReply, editReply } from "@/lib/dialogue/mutations";
import { loadThreadPage } from "@/lib/dialogue/queries";
import { decodeCursor } from "@/lib/cursor";
import { requireMember, type NetworkScope } from "@/lib/membership/scope";
import { hidePost } from "@/lib/moderation/mutations";
import { backfillSearchVectors } from "@/lib/search/mutations";
import { decodeSearchCursor, searchDialogue, toSegments } from "@/lib/search/queries";
import { dutchAlternative, dutchPrefixQuery, searchQuerySchema } from "@/lib/search/schema";
import { xssPayloads } from "../fixtures/xss-corpus";
import SearchPage from "@/app/n/[slug]/(space)/dialogue/search/page";
import { asUser, makeNetwork, member, shown, user, type User } from "./support";

const naughty: string[] = JSON.parse(readFileSync(path.join(process.cwd(), "tests/fixtures/blns.json"), "utf8"));
const key = () => randomBytes(16).toString("hex");

async function scopeOf(person: User, slug: string): Promise<NetworkScope> {
  return asUser(person, () => requireMember(slug));
}

async function thread(scope: NetworkScope, title: string, body: string) {
  return createThread(scope, { title, body, level: "network", area: "means", idempotencyKey: key() });
}

async function reply(scope: NetworkScope, threadId: string, body: string) {
  return createReply(scope, { threadId, body, quotedReplyId: null, mentions: [], idempotencyKey: key() });
}

/** What a search finds, as "kind:id" strings in order. */
async function found(scope: NetworkScope, q: string) {
  const { items } = await searchDialogue(scope, { q });
  return items.map((i) => `${i.kind}:${i.id}`);
}

async function world(locale: "en" | "nl" = "en") {
  const broker = await user("Broker");
  const author = await user("Author");
  const plain = await user("Member");
  const net = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: `net-${locale}`, locale });
  await member(net, author);
  await member(net, plain);
  return {
    net,
    broker,
    author,
    plain,
    brokerScope: await scopeOf(broker, net.slug),
    authorScope: await scopeOf(author, net.slug),
    memberScope: await scopeOf(plain, net.slug),
  };
}

/** A thread's vector as PostgreSQL stores it (to check that writes keep it current). */
async function vectorOf(table: "Thread" | "Reply", id: string) {
  const rows =
    table === "Thread"
      ? await dbSystem().$queryRaw<{ v: string | null }[]>`SELECT "searchVector"::text AS v FROM "Thread" WHERE id = ${id}`
      : await dbSystem().$queryRaw<{ v: string | null }[]>`SELECT "searchVector"::text AS v FROM "Reply" WHERE id = ${id}`;
  return rows[0]?.v ?? null;
}

describe("search: indexing at write time", () => {
  it("thread create, reply create and reply edit keep the vectors current", async () => {
    const w = await world();
    const t = await thread(w.authorScope, "Gardening together", "Community gardens in the city");
    expect(await vectorOf("Thread", t.id)).toMatch(/'garden':1A/);
    const r = await reply(w.memberScope, t.id, "Bicycles everywhere");
    expect(await vectorOf("Reply", r.id)).toContain("'bicycl'");
    await editReply(w.memberScope, { replyId: r.id, body: "Composting works well" });
    const v = await vectorOf("Reply", r.id);
    expect(v).toContain("'compost'");
    expect(v).not.toContain("bicycl");
    expect(await found(w.memberScope, "bicycles")).toEqual([]);
    expect(await found(w.memberScope, "composting")).toEqual([`reply:${r.id}`]);
  });

  it("the demo seed indexes its threads and replies", async () => {
    await seedDemo(dbSystem());
    const hanneke = await dbSystem().user.findUniqueOrThrow({ where: { email: "hanneke@pathfinders.example" } });
    const scope = await scopeOf(hanneke as User, "pathfinders-midden-brabant");
    const { items } = await searchDialogue(scope, { q: "initiatief" });
    expect(items.map((i) => i.title.map((x) => x.text).join(""))).toContain(
      "Hoe verbinden we lokale initiatieven met het bestuurlijke circuit?",
    );
    const empty = await dbSystem().$queryRaw<{ n: number }[]>`
      SELECT (SELECT count(*) FROM "Thread" WHERE "searchVector" IS NULL)::int
           + (SELECT count(*) FROM "Reply" WHERE "searchVector" IS NULL)::int AS n`;
    expect(empty[0]?.n).toBe(0);
    // The demo's commons shows its one pattern on a fresh install (decision 044), stored by the trigger as it published (decision 052).
    expect(await listCommonsPatterns()).toContainEqual(expect.objectContaining({ kind: "milestone_outcome", networks: 3 }));
  });

  it("the backfill fills vectors that are still empty, in the network's language", async () => {
    const w = await world("nl");
    const row = await dbSystem().thread.create({
      data: { networkId: w.net.id, authorId: w.author.id, title: "Initiatieven", body: "Lokale initiatieven", level: "network", area: "means" },
      select: { id: true },
    });
    expect(await vectorOf("Thread", row.id)).toBeNull();
    expect(await backfillSearchVectors(dbSystem())).toMatchObject({ threads: 1 });
    expect(await found(w.memberScope, "initiatief")).toEqual([`thread:${row.id}`]);
    expect(await backfillSearchVectors(dbSystem())).toEqual({ threads: 0, replies: 0, exchangePosts: 0 });
  });
});

describe("search: language, ranking and pagination", () => {
  it("stems English in an English network", async () => {
    const w = await world("en");
    const t = await thread(w.authorScope, "About our work", "We keep networking with the city council.");
    expect(await found(w.memberScope, "networks")).toEqual([`thread:${t.id}`]);
  });

  it("stems Dutch in a Dutch network", async () => {
    const w = await world("nl");
    const t = await thread(w.authorScope, "Over ons werk", "Elk initiatief begint klein.");
    const r = await reply(w.memberScope, t.id, "Wij verbinden lokale initiatieven met de gemeente.");
    expect((await found(w.memberScope, "initiatieven")).sort()).toEqual([`reply:${r.id}`, `thread:${t.id}`].sort());
    expect(await found(w.memberScope, "gemeenten")).toEqual([`reply:${r.id}`]);
    // Both ways round: the singular finds the plural.
    expect((await found(w.memberScope, "initiatief")).sort()).toEqual([`reply:${r.id}`, `thread:${t.id}`].sort());
    // An exclusion is taken as typed.
    expect(await found(w.memberScope, "initiatief -gemeente")).toEqual([`thread:${t.id}`]);
  });

  it("finds a Dutch verb's other forms: verbindt finds verbinden, and a word typed in part", async () => {
    const w = await world("nl");
    const t = await thread(w.authorScope, "Samen werken", "Wij verbinden buurten en maken plannen.");
    const r = await reply(w.memberScope, t.id, "Dit netwerk verbindt mensen.");
    expect((await found(w.memberScope, "verbindt")).sort()).toEqual([`reply:${r.id}`, `thread:${t.id}`].sort());
    expect((await found(w.memberScope, "verbinden")).sort()).toEqual([`reply:${r.id}`, `thread:${t.id}`].sort());
    expect(await found(w.memberScope, "werkt")).toEqual([`thread:${t.id}`]);
    expect(await found(w.memberScope, "maakt plannen")).toEqual([`thread:${t.id}`]);
    expect(await found(w.memberScope, "buurt")).toEqual([`thread:${t.id}`]);
    // Every word is still required, an excluded word stays excluded, and a phrase is taken as typed.
    expect(await found(w.memberScope, "verbindt fietsen")).toEqual([]);
    expect(await found(w.memberScope, "verbindt -mensen")).toEqual([`thread:${t.id}`]);
    expect(await found(w.memberScope, '"verbindt buurten"')).toEqual([]);
    // The match is marked in the excerpt.
    const { items } = await searchDialogue(w.memberScope, { q: "verbindt" });
    const thread0 = items.find((i) => i.kind === "thread");
    expect(thread0?.excerpt.filter((s) => s.mark).map((s) => s.text)).toEqual(["verbinden"]);
  });

  it("keeps English stemming as it was: no prefix matching there", async () => {
    const w = await world("en");
    await thread(w.authorScope, "Gardening", "We connect neighbours.");
    expect(await found(w.memberScope, "conn")).toEqual([]);
  });

  it("ranks a title match before a body match, ties newest first", async () => {
    const w = await world();
    const inBody = await thread(w.authorScope, "Something else", "A word about compost here.");
    const inTitle = await thread(w.authorScope, "Compost", "Nothing more to say.");
    expect(await found(w.memberScope, "compost")).toEqual([`thread:${inTitle.id}`, `thread:${inBody.id}`]);
  });

  it("highlights with markers that become text segments, never HTML", async () => {
    const w = await world();
    await thread(w.authorScope, "Markup <b>test</b>", "A <script>alert(1)</script> compost heap \uE000 and \uE001 markers.");
    const { items } = await searchDialogue(w.memberScope, { q: "compost" });
    const excerpt = items[0]?.excerpt ?? [];
    expect(excerpt.filter((s) => s.mark).map((s) => s.text)).toEqual(["compost"]);
    // The parser drops markup from excerpts; whatever is left is rendered as text anyway.
    expect(excerpt.map((s) => s.text).join("")).not.toContain("<script>");
    expect(excerpt.map((s) => s.text).join("")).not.toMatch(/[\uE000\uE001]/);
    expect(toSegments("a \uE000b\uE001 c")).toEqual([
      { text: "a ", mark: false },
      { text: "b", mark: true },
      { text: " c", mark: false },
    ]);
  });

  it("costs one query per page, however many hits", async () => {
    const w = await world();
    const t = await thread(w.authorScope, "Orchard", "An orchard");
    for (let i = 0; i < 5; i++) await reply(w.memberScope, t.id, `Orchard note ${i}`);
    const statements: string[] = [];
    const stop = onQuery((sql) => statements.push(sql));
    try {
      const { items } = await searchDialogue(w.memberScope, { q: "orchard" });
      expect(items).toHaveLength(6);
    } finally {
      stop();
    }
    expect(statements).toHaveLength(1);
  });

  it("pages by key without duplicates or gaps", async () => {
    const w = await world();
    const ids = new Set<string>();
    for (let i = 0; i < 7; i++) ids.add((await thread(w.authorScope, `Meadow ${i}`, `Wild meadow number ${i}`)).id);
    const t = await thread(w.authorScope, "Other", "Flowers");
    for (let i = 0; i < 6; i++) ids.add((await reply(w.memberScope, t.id, `The meadow ${"again ".repeat(i)}`)).id);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof searchDialogue>> = await searchDialogue(w.memberScope, {
        q: "meadow",
        after: decodeSearchCursor(after),
        take: 4,
      });
      seen.push(...page.items.map((i) => i.id));
      after = page.next;
      pages++;
    } while (after && pages < 10);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(13);
    expect(new Set(seen)).toEqual(ids);
  });
});

describe("search: links into long threads", () => {
  it("gives a reply past the thread page's first page the cursor that shows it", async () => {
    const w = await world();
    const t = await thread(w.authorScope, "Long thread", "Many replies");
    const start = Date.now() - 3_600_000;
    await dbSystem().reply.createMany({
      data: Array.from({ length: 50 }, (_, i) => ({
        networkId: w.net.id,
        threadId: t.id,
        authorId: w.plain.id,
        body: `Filler ${i}`,
        createdAt: new Date(start + i * 1000),
      })),
    });
    const late = await reply(w.memberScope, t.id, "Finally a kingfisher");
    const early = await thread(w.authorScope, "Short thread", "Few replies");
    const first = await reply(w.memberScope, early.id, "Another kingfisher");
    const { items } = await searchDialogue(w.memberScope, { q: "kingfisher" });
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(byId.get(first.id)?.threadPage).toBeNull();
    const cursor = byId.get(late.id)?.threadPage;
    expect(cursor).toBeTruthy();
    const page = shown(await loadThreadPage(w.memberScope, t.id, { after: decodeCursor(cursor) }));
    expect(page.replies[0]?.id).toBe(late.id);
  });
});

describe("search: who sees what", () => {
  it("never returns another network's content, even with the same words", async () => {
    const w = await world();
    const mine = await thread(w.authorScope, "Solar panels", "Solar cooperative");
    const otherBroker = await user("Other Broker");
    const other = await makeNetwork(dbSystem(), { brokerId: otherBroker.id, slug: "net-other" });
    await member(other, w.plain);
    const otherScope = await scopeOf(otherBroker, other.slug);
    const theirs = await thread(otherScope, "Solar panels", "Solar cooperative");
    await reply(otherScope, theirs.id, "Solar solar solar");
    expect(await found(w.brokerScope, "solar")).toEqual([`thread:${mine.id}`]);
    expect(await found(w.memberScope, "solar")).toEqual([`thread:${mine.id}`]);
    const inOther = await found(await scopeOf(w.plain, other.slug), "solar");
    expect(inOther).not.toContain(`thread:${mine.id}`);
    expect(inOther).toHaveLength(2);
  });

  it("shows hidden threads and their replies only to brokers and the thread's author", async () => {
    const w = await world();
    const t = await thread(w.authorScope, "Beehives", "Beehives on the roof");
    const r = await reply(w.memberScope, t.id, "Beehives need care");
    await hidePost(w.brokerScope, { threadId: t.id, replyId: null, reason: "off topic" });
    expect(await found(w.memberScope, "beehives")).toEqual([]);
    expect((await found(w.authorScope, "beehives")).sort()).toEqual([`reply:${r.id}`, `thread:${t.id}`].sort());
    expect((await found(w.brokerScope, "beehives")).sort()).toEqual([`reply:${r.id}`, `thread:${t.id}`].sort());
    const { items } = await searchDialogue(w.brokerScope, { q: "beehives" });
    expect(items.every((i) => i.hidden)).toBe(true);
  });

  it("shows a hidden reply only to brokers and its author", async () => {
    const w = await world();
    const t = await thread(w.brokerScope, "Rain barrels", "Collecting water");
    const r = await reply(w.authorScope, t.id, "Rain barrels overflow");
    await hidePost(w.brokerScope, { threadId: t.id, replyId: r.id, reason: "spam" });
    expect(await found(w.memberScope, "overflow")).toEqual([]);
    expect(await found(w.authorScope, "overflow")).toEqual([`reply:${r.id}`]);
    expect(await found(w.brokerScope, "overflow")).toEqual([`reply:${r.id}`]);
  });

  it("never returns deleted replies, not even to their author or a broker", async () => {
    const w = await world();
    const t = await thread(w.brokerScope, "Tools", "Shared tools");
    const r = await reply(w.authorScope, t.id, "Lawnmower available");
    await deleteReply(w.authorScope, { replyId: r.id });
    for (const scope of [w.memberScope, w.authorScope, w.brokerScope]) expect(await found(scope, "lawnmower")).toEqual([]);
  });
});

type Thrown = { digest?: string };

async function renderPage(person: User | null, slug: string, q: string): Promise<string> {
  try {
    await asUser(person, () => SearchPage({ params: Promise.resolve({ slug }), searchParams: Promise.resolve({ q }) }));
    return "rendered";
  } catch (error) {
    return String((error as Thrown).digest ?? error);
  }
}

describe("search: the page's gate", () => {
  it("sends visitors to sign in and shows outsiders a 404", async () => {
    const w = await world();
    const outsider = await user("Outsider");
    expect(await renderPage(null, w.net.slug, "solar")).toMatch(/^NEXT_REDIRECT;.*\/signin\?callbackUrl=/);
    expect(await renderPage(outsider, w.net.slug, "solar")).toMatch(/NEXT_HTTP_ERROR_FALLBACK;404/);
    expect(await renderPage(outsider, "no-such-network", "solar")).toMatch(/NEXT_HTTP_ERROR_FALLBACK;404/);
  });
});

describe("search: hostile queries", () => {
  it("answers every string of the big list of naughty strings without an error", async () => {
    const w = await world();
    await thread(w.authorScope, "Anything", "Some text to search through, with null and undefined words.");
    for (const [i, s] of naughty.entries()) {
      const q = searchQuerySchema.parse(s);
      const result = await searchDialogue(w.memberScope, { q }).catch((error: unknown) => error);
      expect(result, `blns[${i}] ${JSON.stringify(s)}`).toHaveProperty("items");
    }
  });

  it("answers every naughty string and script payload in a Dutch network too, where words become prefix terms", async () => {
    const w = await world("nl");
    await thread(w.authorScope, "Alles", "Wat tekst om in te zoeken, met null en undefined erin.");
    for (const [i, s] of [...naughty, ...xssPayloads].entries()) {
      const q = searchQuerySchema.parse(s);
      const result = await searchDialogue(w.memberScope, { q }).catch((error: unknown) => error);
      expect(result, `input ${i} ${JSON.stringify(s)}`).toHaveProperty("items");
    }
  });

  it("builds the prefix query from letters and digits only, each term quoted", () => {
    expect(dutchPrefixQuery("verbindt")).toBe("('verbindt':* | 'verbind':*)");
    expect(dutchPrefixQuery("EU plan")).toBe("'EU' & 'plan':*");
    expect(dutchPrefixQuery("a'):* | !b & <c>")).toBe("'a' & 'b' & 'c'");
    expect(dutchPrefixQuery("verbindt -mensen's")).toBe("('verbindt':* | 'verbind':*) & !'mensen' & !'s'");
    expect(dutchPrefixQuery("-mensen")).toBe("");
    expect(dutchPrefixQuery('"samen werken"')).toBe("");
    expect(dutchPrefixQuery("fietsen or lopen")).toBe("");
    expect(dutchPrefixQuery("!?* :")).toBe("");
    expect(dutchPrefixQuery("een twee drie vier vijf zes zeven acht negen tien -elf").split(" & ")).toHaveLength(9);
  });

  it("cleans what cannot reach the database and ignores malformed cursors", async () => {
    expect(searchQuerySchema.parse("a\u0000b")).toBe("a b");
    expect(searchQuerySchema.parse(["x", "y"])).toBe("x");
    expect(searchQuerySchema.parse(undefined)).toBe("");
    expect(searchQuerySchema.parse("z".repeat(1000))).toHaveLength(200);
    expect(dutchAlternative("lokale initiatieven en huizen")).toBe("lokale initiatief en huis");
    expect(dutchAlternative("initiatief huis")).toBe("initiatieven huizen");
    expect(dutchAlternative("initiatieven -huis")).toBe("");
    expect(decodeSearchCursor("not-a-cursor")).toBeUndefined();
    expect(decodeSearchCursor(Buffer.from("NaN|x|y").toString("base64url"))).toBeUndefined();
  });
});
