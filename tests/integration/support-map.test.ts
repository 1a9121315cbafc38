import { describe, expect, it } from "vitest";
import { GET as exportRoute } from "@/app/n/[slug]/(space)/support/export.json/route";
import { dbSystem } from "@/lib/db/client";
import { editMilestoneAction } from "@/lib/funding/actions";
import { requireMember } from "@/lib/membership/scope";
import {
  checkSupportEntryAction,
  createSupportEntryAction,
  removeSupportEntryAction,
  reviewSupportEntryAction,
  updateSupportEntryAction,
} from "@/lib/support/actions";
import { readSupportFilter } from "@/lib/support/policy";
import { MAP_PAGE_SIZE } from "@/lib/support/limits";
import { loadSupportMap } from "@/lib/support/queries";
import { asUser, call, expectRefused, makeNetwork, member, snapshotDatabase, user, type User } from "./support";

const DAY = 86_400_000;
let keys = 0;
const key = () => `support-key-${Date.now().toString(36)}-${(keys++).toString().padStart(6, "0")}`;

/** Network A's id: every read of a tenant table names its network, in tests too (the tenant guard). */
let A = "";

async function buildWorld() {
  const broker = await user("Broker");
  const broker2 = await user("Second broker");
  const funder = await user("Funder");
  const ann = await user("Ann");
  const outsider = await user("Outsider");
  const otherBroker = await user("Other broker");
  const a = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: "net-a", name: "Network A" });
  const b = await makeNetwork(dbSystem(), { brokerId: otherBroker.id, slug: "net-b", name: "Network B" });
  await member(a, broker2, "broker");
  await member(a, funder, "funder");
  await member(a, ann);
  A = a.id;
  return { a, b, broker, broker2, funder, ann, outsider, otherBroker };
}

function fields(overrides: Record<string, string | undefined> = {}) {
  return {
    slug: "net-a",
    idempotencyKey: key(),
    provider: "Provincie Noord-Brabant",
    name: "Subsidie sociale innovatie",
    description: "For **pilots** that change a system.",
    "kind.grant": "on",
    "kind.coaching": "on",
    "stage.pilot": "on",
    eligibility: "Foundations in Brabant",
    region: "Noord-Brabant",
    url: "https://www.brabant.nl/subsidies",
    email: "subsidies@brabant.example",
    phone: "+31 73 681 2812",
    sourceUrl: "https://www.brabant.nl",
    ...overrides,
  };
}

async function add(person: User, overrides: Record<string, string | undefined> = {}) {
  const result = await asUser(person, () => call(createSupportEntryAction, fields(overrides)));
  expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
  return (result as { data: { entryId: string } }).data.entryId;
}

async function entry(id: string) {
  return dbSystem().supportEntry.findFirstOrThrow({ where: { networkId: A, id } });
}

async function notificationsOf(person: User) {
  return dbSystem().notification.findMany({ where: { networkId: A, userId: person.id }, select: { kind: true, supportEntryId: true, note: true } });
}

async function mapOf(person: User, params: Record<string, string> = {}) {
  return asUser(person, async () => loadSupportMap(await requireMember("net-a"), readSupportFilter(params), undefined));
}

async function exportAs(person: User | null, slug = "net-a") {
  return asUser(person, () => exportRoute(new Request(`http://localhost/n/${slug}/support/export.json`), { params: Promise.resolve({ slug }) }));
}

describe("adding and suggesting entries", () => {
  it("lists a broker's entry at once, checked today, with its description rendered", async () => {
    const w = await buildWorld();
    const id = await add(w.broker);
    const e = await entry(id);
    expect(e).toMatchObject({ status: "listed", kinds: ["grant", "coaching"], stages: ["pilot"], region: "Noord-Brabant", phone: "+31 73 681 2812" });
    expect(e.descriptionHtml).toContain("<strong>pilots</strong>");
    expect(e.checkedAt).not.toBeNull();
    expect(await notificationsOf(w.broker2)).toEqual([]);
  });

  it("keeps a member's entry as a suggestion and tells every other broker once", async () => {
    const w = await buildWorld();
    const id = await add(w.ann);
    expect(await entry(id)).toMatchObject({ status: "suggested", suggestedById: w.ann.id, checkedAt: null });
    for (const b of [w.broker, w.broker2]) expect(await notificationsOf(b)).toEqual([{ kind: "support_suggested", supportEntryId: id, note: null }]);
    expect(await notificationsOf(w.funder)).toEqual([]);
    // Not on the map until a broker lists it; in the member's own suggestions and the brokers' queue.
    const annMap = await mapOf(w.ann);
    expect(annMap.entries.map((x) => x.id)).not.toContain(id);
    expect(annMap.own.map((x) => x.id)).toEqual([id]);
    const brokerMap = await mapOf(w.broker);
    expect(brokerMap.queueCount).toBe(1);
    expect(brokerMap.queue[0]).toMatchObject({ id, suggestedByName: "Ann" });
  });

  it("makes one entry of a double submit", async () => {
    const w = await buildWorld();
    const same = fields();
    const [one, two] = await Promise.all([
      asUser(w.broker, () => call(createSupportEntryAction, same)),
      asUser(w.broker, () => call(createSupportEntryAction, same)),
    ]);
    expect(one).toMatchObject({ ok: true });
    expect(two).toMatchObject({ ok: true, data: (one as { data: unknown }).data });
    expect(await dbSystem().supportEntry.count({ where: { networkId: A } })).toBe(1);
  });

  it("refuses funders, outsiders, visitors and another network's broker, and changes nothing", async () => {
    const w = await buildWorld();
    const before = await snapshotDatabase({ counters: false });
    expectRefused(await asUser(w.funder, () => call(createSupportEntryAction, fields())), "forbidden");
    expectRefused(await asUser(w.outsider, () => call(createSupportEntryAction, fields())), "forbidden");
    expectRefused(await asUser(w.otherBroker, () => call(createSupportEntryAction, fields())), "forbidden");
    expectRefused(await asUser(null, () => call(createSupportEntryAction, fields())), "unauthenticated");
    expect(await snapshotDatabase({ counters: false })).toBe(before);
  });
});

describe("validation", () => {
  it("answers a broken link, a bad address or phone and no kind at the field, keeping what was typed", async () => {
    const w = await buildWorld();
    const sent = fields({ url: "htp:/broken link", sourceUrl: "javascript:alert(1)", email: "not-an-address", phone: "call us", "kind.grant": undefined, "kind.coaching": undefined });
    const result = await asUser(w.broker, () => call(createSupportEntryAction, sent));
    expect(result).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { url: ["url_http"], sourceUrl: ["url_http"], email: ["email_invalid"], phone: ["phone_invalid"], kinds: ["kind_required"] },
    });
    // Nothing typed is lost.
    expect(!result.ok && result.values).toMatchObject({ url: "htp:/broken link", name: sent.name, description: sent.description, "stage.pilot": "on" });
    expect(await dbSystem().supportEntry.count({ where: { networkId: A } })).toBe(0);
  });

  it("bounds the text and refuses an unknown kind or a link with credentials", async () => {
    const w = await buildWorld();
    const result = await asUser(w.broker, () =>
      call(createSupportEntryAction, fields({ name: "x".repeat(201), "kind.money": "on", url: "https://user:pw@example.org" })),
    );
    expect(result).toMatchObject({ ok: false, fieldErrors: { name: ["too_long|200"], url: ["url_http"] } });
    expect(!result.ok && result.fieldErrors?.["kinds.2"]).toEqual(["invalid_choice"]);
  });

  it("needs a note to decline", async () => {
    const w = await buildWorld();
    const id = await add(w.ann);
    const result = await asUser(w.broker, () => call(reviewSupportEntryAction, { slug: "net-a", entryId: id, decision: "decline", note: "" }));
    expect(result).toMatchObject({ ok: false, fieldErrors: { note: ["decline_reason_required"] } });
  });
});

describe("reviewing suggestions", () => {
  it("lists a suggestion once and tells the suggester", async () => {
    const w = await buildWorld();
    const id = await add(w.ann);
    expect(await asUser(w.broker, () => call(reviewSupportEntryAction, { slug: "net-a", entryId: id, decision: "list", note: "" }))).toMatchObject({ ok: true });
    const e = await entry(id);
    expect(e).toMatchObject({ status: "listed", reviewedById: w.broker.id });
    expect(e.checkedAt).not.toBeNull();
    expect(await notificationsOf(w.ann)).toEqual([{ kind: "support_reviewed", supportEntryId: id, note: null }]);
    // The second broker deciding after it finds it already decided.
    expectRefused(await asUser(w.broker2, () => call(reviewSupportEntryAction, { slug: "net-a", entryId: id, decision: "decline", note: "No" })), "invalid_transition");
    expect((await mapOf(w.ann)).entries.map((x) => x.id)).toContain(id);
  });

  it("declines with a note the suggester reads, and keeps it off the map", async () => {
    const w = await buildWorld();
    const id = await add(w.ann);
    await asUser(w.broker, () => call(reviewSupportEntryAction, { slug: "net-a", entryId: id, decision: "decline", note: "Closed since 2025." }));
    expect(await entry(id)).toMatchObject({ status: "declined", reviewNote: "Closed since 2025." });
    expect(await notificationsOf(w.ann)).toEqual([{ kind: "support_reviewed", supportEntryId: id, note: "Closed since 2025." }]);
    const map = await mapOf(w.ann);
    expect(map.entries).toEqual([]);
    expect(map.own[0]).toMatchObject({ id, status: "declined", reviewNote: "Closed since 2025." });
  });

  it("lets only brokers of the network edit, check, remove and review", async () => {
    const w = await buildWorld();
    const listed = await add(w.broker);
    const suggested = await add(w.ann);
    const before = await snapshotDatabase({ counters: false });
    for (const person of [w.ann, w.funder, w.outsider, w.otherBroker]) {
      expectRefused(await asUser(person, () => call(updateSupportEntryAction, { ...fields(), entryId: listed })), "forbidden");
      expectRefused(await asUser(person, () => call(checkSupportEntryAction, { slug: "net-a", entryId: listed })), "forbidden");
      expectRefused(await asUser(person, () => call(removeSupportEntryAction, { slug: "net-a", entryId: listed })), "forbidden");
      expectRefused(await asUser(person, () => call(reviewSupportEntryAction, { slug: "net-a", entryId: suggested, decision: "list", note: "" })), "forbidden");
    }
    // B's broker under B's own slug does not reach A's entries.
    expectRefused(await asUser(w.otherBroker, () => call(checkSupportEntryAction, { slug: "net-b", entryId: listed })), "not_found");
    expectRefused(await asUser(w.otherBroker, () => call(removeSupportEntryAction, { slug: "net-b", entryId: listed })), "not_found");
    expect(await snapshotDatabase({ counters: false })).toBe(before);
  });

  it("edits, marks checked and removes (with the entry's notifications)", async () => {
    const w = await buildWorld();
    const id = await add(w.ann);
    await dbSystem().supportEntry.update({ where: { id, networkId: A }, data: { status: "listed", checkedAt: new Date(Date.now() - 400 * DAY) } });
    const edited = await asUser(w.broker, () => call(updateSupportEntryAction, { ...fields({ name: "Renamed fund", "stage.scaling": "on" }), entryId: id }));
    expect(edited).toMatchObject({ ok: true, redirect: `/n/net-a/support#entry-${id}` });
    expect(await entry(id)).toMatchObject({ name: "Renamed fund", stages: ["pilot", "scaling"] });
    expect((await mapOf(w.ann)).entries[0]).toMatchObject({ id, stale: true });
    expect(await asUser(w.broker, () => call(checkSupportEntryAction, { slug: "net-a", entryId: id }))).toMatchObject({ ok: true });
    expect((await mapOf(w.ann)).entries[0]).toMatchObject({ id, stale: false });
    expect(await asUser(w.broker, () => call(removeSupportEntryAction, { slug: "net-a", entryId: id }))).toMatchObject({ ok: true, redirect: "/n/net-a/support" });
    expect(await dbSystem().supportEntry.count({ where: { networkId: A } })).toBe(0);
    expect(await dbSystem().notification.count({ where: { networkId: A, supportEntryId: id } })).toBe(0);
  });
});

describe("the map", () => {
  it("filters by kind, type, stage, region and text, counts, flags what is a year unchecked, and overviews stage by kind", async () => {
    const w = await buildWorld();
    const grant = await add(w.broker);
    const space = await add(w.broker, { provider: "Bibliotheek Tilburg", name: "Vergaderzaal", region: "Tilburg", "kind.grant": undefined, "kind.coaching": undefined, "kind.space": "on", "stage.pilot": undefined });
    const loan = await add(w.broker, { provider: "BOM", name: "Impact loan", region: "Noord-Brabant", "kind.grant": undefined, "kind.coaching": undefined, "kind.loan": "on", "stage.pilot": undefined, "stage.scaling": "on" });
    await dbSystem().supportEntry.update({ where: { id: loan, networkId: A }, data: { checkedAt: new Date(Date.now() - 366 * DAY) } });
    const ids = async (params: Record<string, string>) => (await mapOf(w.funder, params)).entries.map((e) => e.id).sort();
    expect((await mapOf(w.funder)).total).toBe(3);
    expect(await ids({ kind: "grant" })).toEqual([grant]);
    expect(await ids({ type: "financial" })).toEqual([grant, loan].sort());
    expect(await ids({ type: "non_financial" })).toEqual([grant, space].sort());
    // An entry without stages serves every stage.
    expect(await ids({ stage: "scaling" })).toEqual([loan, space].sort());
    expect(await ids({ region: "tilburg" })).toEqual([space]);
    expect(await ids({ q: "VERGADER" })).toEqual([space]);
    expect(await ids({ kind: "nonsense" })).toHaveLength(3);
    const map = await mapOf(w.funder);
    expect(map.entries.find((e) => e.id === loan)?.stale).toBe(true);
    expect(map.entries.find((e) => e.id === grant)?.stale).toBe(false);
    const cell = (stage: string, kind: string) => map.overview.find((c) => c.stage === stage && c.kind === kind)?.count ?? 0;
    expect(cell("pilot", "grant")).toBe(1);
    expect(cell("scaling", "loan")).toBe(1);
    expect(cell("idea", "space")).toBe(1);
    expect(cell("idea", "loan")).toBe(0);
    // A funder reads the map but has no queue and no suggestions of its own.
    expect(map.may).toEqual({ manage: false, suggest: false });
  });

  it("keeps the overview's counts by the database, equal to a recount after every kind of change", async () => {
    const w = await buildWorld();
    // What the overview showed before the tally: counted from the entries on every request.
    const recount = async () => {
      const rows = await dbSystem().$queryRaw<{ status: string; stage: string; kind: string; entries: number }[]>`
        SELECT e.status::text AS status, '' AS stage, '' AS kind, count(*)::int AS entries FROM "SupportEntry" e WHERE e."networkId" = ${A} GROUP BY e.status
        UNION ALL
        SELECT 'listed', s.stage::text, k.kind::text, count(DISTINCT e.id)::int
        FROM "SupportEntry" e
        CROSS JOIN LATERAL unnest(CASE WHEN cardinality(e.stages) = 0 THEN enum_range(NULL::"GrowthStage") ELSE e.stages END) AS s(stage)
        CROSS JOIN LATERAL unnest(e.kinds) AS k(kind)
        WHERE e."networkId" = ${A} AND e.status = 'listed'
        GROUP BY s.stage, k.kind`;
      return rows.map((r) => `${r.status}/${r.stage}/${r.kind}=${r.entries}`).sort();
    };
    const tally = async () =>
      (await dbSystem().supportTally.findMany({ where: { networkId: A } })).map((r) => `${r.status}/${r.stage}/${r.kind}=${r.entries}`).sort();
    const grant = await add(w.broker);
    const suggested = await add(w.ann, { name: "A room", "kind.space": "on", "stage.pilot": undefined });
    expect(await tally()).toEqual(await recount());
    expect((await mapOf(w.broker)).queueCount).toBe(1);
    await asUser(w.broker, () => call(reviewSupportEntryAction, { slug: "net-a", entryId: suggested, decision: "list", note: "" }));
    expect(await tally()).toEqual(await recount());
    await asUser(w.broker, () => call(updateSupportEntryAction, { ...fields({ name: "Renamed", "stage.scaling": "on", "kind.loan": "on" }), entryId: grant }));
    expect(await tally()).toEqual(await recount());
    await asUser(w.broker, () => call(removeSupportEntryAction, { slug: "net-a", entryId: grant }));
    expect(await tally()).toEqual(await recount());
    const map = await mapOf(w.broker);
    expect(map).toMatchObject({ total: 1, queueCount: 0 });
    expect(map.overview.map((c) => c.count)).toEqual(map.overview.map(() => 1));
    // Another network's entries count in its own tally only.
    await dbSystem().supportEntry.create({ data: { networkId: w.b.id, provider: "Elsewhere", name: "Fund", kinds: ["grant"], stages: ["idea"] } });
    expect(await tally()).toEqual(await recount());
    expect(await dbSystem().supportTally.findMany({ where: { networkId: w.b.id, stage: "idea", kind: "grant" } })).toMatchObject([{ entries: 1 }]);
  });

  it("pages by keyset", async () => {
    const w = await buildWorld();
    await dbSystem().supportEntry.createMany({
      // A page and five more.
      data: Array.from({ length: MAP_PAGE_SIZE + 5 }, (_, i) => ({ networkId: A, provider: `Provider ${String(i).padStart(2, "0")}`, name: "Fund", kinds: ["grant" as const], checkedAt: new Date() })),
    });
    const first = await mapOf(w.ann);
    expect(first.entries).toHaveLength(MAP_PAGE_SIZE);
    expect(first.next).not.toBeNull();
    const second = await asUser(w.ann, async () => {
      const { decodeMapCursor } = await import("@/lib/support/queries");
      return loadSupportMap(await requireMember("net-a"), readSupportFilter({}), decodeMapCursor(first.next!));
    });
    expect(second.entries.map((e) => e.provider)).toEqual(Array.from({ length: 5 }, (_, i) => `Provider ${String(MAP_PAGE_SIZE + i).padStart(2, "0")}`));
    expect(second.next).toBeNull();
  });
});

describe("a milestone's growth stage", () => {
  it("is set where the milestone is edited, and optional", async () => {
    const w = await buildWorld();
    const initiative = await dbSystem().initiative.create({ data: { networkId: A, name: "Repair café", description: "Fix", systemChange: "Less waste", createdById: w.ann.id } });
    await dbSystem().initiativeMember.create({ data: { networkId: A, initiativeId: initiative.id, userId: w.ann.id } });
    const m = await dbSystem().milestone.create({
      data: { networkId: A, initiativeId: initiative.id, position: 0, title: "Pilot", unlocks: "A first café", amountNeeded: 100000n, currency: "EUR" },
    });
    const base = { slug: "net-a", milestoneId: m.id, title: "Pilot", unlocks: "A first café", targetDate: "", amount: "1000", currency: "EUR" };
    expect(await asUser(w.ann, () => call(editMilestoneAction, { ...base, stage: "pilot" }))).toMatchObject({ ok: true });
    expect((await dbSystem().milestone.findFirstOrThrow({ where: { networkId: A, id: m.id } })).stage).toBe("pilot");
    expect(await asUser(w.ann, () => call(editMilestoneAction, { ...base, stage: "launch" }))).toMatchObject({ ok: false, fieldErrors: { stage: ["invalid_choice"] } });
    expect(await asUser(w.ann, () => call(editMilestoneAction, base))).toMatchObject({ ok: true });
    expect((await dbSystem().milestone.findFirstOrThrow({ where: { networkId: A, id: m.id } })).stage).toBeNull();
  });
});

describe("the open export (HSDS)", () => {
  it("gives the network's members its listed entries with HSDS field names, nothing suggested, declined or of another network", async () => {
    const w = await buildWorld();
    const listed = await add(w.broker);
    const suggested = await add(w.ann, { name: "Suggested fund" });
    const declined = await add(w.ann, { name: "Declined fund" });
    await asUser(w.broker, () => call(reviewSupportEntryAction, { slug: "net-a", entryId: declined, decision: "decline", note: "Gone" }));
    await dbSystem().supportEntry.create({ data: { networkId: w.b.id, provider: "Elsewhere", name: "Foreign fund", kinds: ["grant"] } });

    const response = await exportAs(w.funder);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    const body = (await response.json()) as { services: Record<string, unknown>[]; organizations: { id: string; name: string }[] };
    expect(body.services.map((s) => s.id)).toEqual([listed]);
    const text = JSON.stringify(body);
    for (const hidden of [suggested, declined, "Foreign fund", "Suggested fund", "Declined fund"]) expect(text).not.toContain(hidden);
    const service = body.services[0]!;
    expect(service).toMatchObject({
      name: "Subsidie sociale innovatie",
      description: "For **pilots** that change a system.",
      url: "https://www.brabant.nl/subsidies",
      email: "subsidies@brabant.example",
      status: "active",
      eligibility_description: "Foundations in Brabant",
      organization: { name: "Provincie Noord-Brabant" },
      phones: [{ number: "+31 73 681 2812" }],
      service_areas: [{ name: "Noord-Brabant" }],
    });
    expect(service.assured_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(typeof service.last_modified).toBe("string");
    expect(service.organization_id).toBe(body.organizations[0]!.id);
    expect(service.attributes).toEqual(
      expect.arrayContaining([expect.objectContaining({ taxonomy_term: { term: "grant", taxonomy: "kring-support-kind" } })]),
    );
  });

  it("is for members only", async () => {
    const w = await buildWorld();
    expect((await exportAs(null)).status).toBe(401);
    expect((await exportAs(w.outsider)).status).toBe(404);
    expect((await exportAs(w.otherBroker)).status).toBe(404);
    expect((await exportAs(w.ann)).status).toBe(200);
    expect((await exportAs(w.broker)).status).toBe(200);
  });
});
