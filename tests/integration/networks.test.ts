import { describe, expect, it } from "vitest";
import { listAudit } from "@/lib/audit/queries";
import { dbSystem } from "@/lib/db/client";
import { requireMember } from "@/lib/membership/scope";
import { createNetworkAction, updateNetworkAction } from "@/lib/networks/actions";
import { findNetworkWithViewer, listDirectory } from "@/lib/networks/queries";
import { asUser, call, makeMembership, makeNetwork, member, membershipOf, networkFields, signInAs, snapshotDatabase, user } from "./support";

describe("creating a network", () => {
  it("makes the creator its active broker and writes an audit entry", async () => {
    const ada = await user("Ada");
    signInAs(ada);
    const result = await call(createNetworkAction, {
      slug: "  Repair-Cafes ",
      ...networkFields({
        name: "  Repair cafés  ",
        principles: "- Fix, don't buy.\n\n• Everyone can learn.\r\n",
        visibility: "listed",
        joinPolicy: "request",
        locale: "nl",
      }),
    });
    expect(result).toMatchObject({ ok: true, redirect: "/n/repair-cafes" });
    const network = await dbSystem().network.findUnique({ where: { slug: "repair-cafes" } });
    expect(network).toMatchObject({
      name: "Repair cafés",
      principles: ["Fix, don't buy.", "Everyone can learn."],
      visibility: "listed",
      joinPolicy: "request",
      locale: "nl",
    });
    expect(await membershipOf(network!.id, ada.id)).toMatchObject({ role: "broker", status: "active" });
    const scope = await requireMember("repair-cafes", "audit.view");
    const audit = await listAudit(scope);
    expect(audit.items.map((e) => [e.action, e.actor])).toEqual([["network.created", "Ada"]]);
  });

  it("refuses a taken slug on the slug field and echoes what was typed", async () => {
    const owner = await user("Owner");
    await makeNetwork(dbSystem(), { brokerId: owner.id, slug: "taken-slug" });
    signInAs(await user("Ada"));
    const before = await snapshotDatabase();
    const typed = { slug: "Taken-Slug", ...networkFields({ name: "  My own name  ", purpose: "Mine <b>too</b>" }) };
    const result = await call(createNetworkAction, typed);
    expect(result).toMatchObject({ ok: false, code: "slug_taken" });
    if (result.ok) throw new Error("unreachable");
    expect(result.fieldErrors?.slug).toContain("slug_taken");
    expect(result.values).toMatchObject({ slug: "Taken-Slug", name: "  My own name  ", purpose: "Mine <b>too</b>" });
    expect(await snapshotDatabase()).toBe(before);
  });

  it("gives a slug to exactly one of two people claiming it at the same moment", async () => {
    const [ada, bo] = [await user("Ada"), await user("Bo")];
    const results = await Promise.all(
      [ada, bo].map((who) => asUser(who, () => call(createNetworkAction, { slug: "same-slug", ...networkFields({ name: who.name! }) }))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ code: "slug_taken", fieldErrors: { slug: ["slug_taken"] } });
    const network = await dbSystem().network.findUniqueOrThrow({ where: { slug: "same-slug" } });
    // The loser left nothing behind: one network, one broker, one audit entry.
    expect(await dbSystem().membership.count({ where: { networkId: network.id } })).toBe(1);
    expect(await dbSystem().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "AuditEntry"`).toEqual([{ n: 1 }]);
  });

  const long = (n: number) => "x".repeat(n);
  const manyLines = Array.from({ length: 21 }, (_, i) => `Principle ${i + 1}`).join("\n");
  const refusals: [string, Record<string, string>, string, string][] = [
    ["slug with spaces", { slug: "hello world" }, "slug", "slug_format"],
    ["slug with punctuation", { slug: "hello_world!" }, "slug", "slug_format"],
    ["slug with a trailing dash", { slug: "hello-" }, "slug", "slug_format"],
    ["slug with a double dash", { slug: "a--b" }, "slug", "slug_format"],
    ["slug with an accent", { slug: "café" }, "slug", "slug_format"],
    ["reserved slug", { slug: "admin" }, "slug", "slug_reserved"],
    ["reserved slug in capitals", { slug: "New" }, "slug", "slug_reserved"],
    ["too short slug", { slug: "ab" }, "slug", "too_short|3"],
    ["too long slug", { slug: long(49) }, "slug", "too_long|48"],
    ["empty slug", { slug: "" }, "slug", "too_short|3"],
    ["empty name", { name: "" }, "name", "required"],
    ["blank name", { name: " \t\n " }, "name", "required"],
    ["too long name", { name: long(81) }, "name", "too_long|80"],
    ["empty purpose", { purpose: "" }, "purpose", "required"],
    ["too long purpose", { purpose: long(2001) }, "purpose", "too_long|2000"],
    ["empty working question", { workingQuestion: "" }, "workingQuestion", "required"],
    ["too long working question", { workingQuestion: long(501) }, "workingQuestion", "too_long|500"],
    ["no principles", { principles: "\n \n" }, "principles", "required"],
    ["too many principles", { principles: manyLines }, "principles", "too_many|20"],
    ["too long principle", { principles: `ok\n${long(301)}` }, "principles.1", "principle_too_long|300"],
    ["unknown visibility", { visibility: "secret" }, "visibility", "invalid_choice"],
    ["unknown join policy", { joinPolicy: "anyone" }, "joinPolicy", "invalid_choice"],
    ["unknown locale", { locale: "de" }, "locale", "invalid_choice"],
  ];

  it.each(refusals)("refuses %s with a field code", async (_name, override, field, code) => {
    signInAs(await user("Ada"));
    const before = await snapshotDatabase();
    const result = await call(createNetworkAction, { slug: "fine-slug", ...networkFields(), ...override });
    expect(result).toMatchObject({ ok: false, code: "invalid_input" });
    if (result.ok) throw new Error("unreachable");
    expect(result.fieldErrors?.[field]).toContain(code);
    // Only the field at fault is flagged.
    expect(Object.keys(result.fieldErrors ?? {})).toEqual([field]);
    expect(await snapshotDatabase()).toBe(before);
  });

  it("accepts the limits exactly", async () => {
    signInAs(await user("Ada"));
    const principles = Array.from({ length: 20 }, (_, i) => `${i}`.padEnd(300, "p")).join("\n");
    const result = await call(createNetworkAction, {
      slug: `a${"b".repeat(46)}c`,
      ...networkFields({ name: long(80), purpose: long(2000), workingQuestion: long(500), principles }),
    });
    expect(result.ok).toBe(true);
    const stored = await dbSystem().network.findUnique({ where: { slug: `a${"b".repeat(46)}c` } });
    expect(stored?.principles).toHaveLength(20);
    expect(stored?.purpose).toHaveLength(2000);
  });
});

describe("network settings", () => {
  it("are saved by a broker, and the audit entry names the fields that changed", async () => {
    const ada = await user("Ada");
    const net = await makeNetwork(dbSystem(), { brokerId: ada.id, slug: "commons", ...{ name: "Commons Lab" } });
    signInAs(ada);
    const current = {
      slug: "commons",
      name: "Commons Lab",
      purpose: net.purpose,
      workingQuestion: net.workingQuestion,
      principles: net.principles.join("\n"),
      visibility: net.visibility,
      joinPolicy: net.joinPolicy,
      locale: net.locale,
    };
    expect(await call(updateNetworkAction, { ...current, name: "Commons Lab 2", visibility: "private", principles: "One\nTwo" })).toEqual({
      ok: true,
      data: null,
    });
    const saved = await dbSystem().network.findUnique({ where: { id: net.id } });
    expect(saved).toMatchObject({ name: "Commons Lab 2", visibility: "private", principles: ["One", "Two"], slug: "commons" });

    // Saving without changes writes no audit entry.
    expect(await call(updateNetworkAction, { ...current, name: "Commons Lab 2", visibility: "private", principles: "One\nTwo" })).toMatchObject({ ok: true });
    const audit = await listAudit(await requireMember("commons", "audit.view"));
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]?.action).toBe("network.updated");
    expect((audit.items[0]?.detail.fields as string[]).sort()).toEqual(["name", "principles", "visibility"]);
  });

  it("let the broker show the thread titles to visitors of a public network, and show the choice again", async () => {
    const ada = await user("Ada");
    const net = await makeNetwork(dbSystem(), { brokerId: ada.id, slug: "titles" });
    signInAs(ada);
    expect((await findNetworkWithViewer("titles", ada.id))?.network.showPublicThreadTitles).toBe(false);
    const fields = { slug: "titles", ...networkFields({ name: net.name }), showPublicThreadTitles: "on" };
    expect(await call(updateNetworkAction, fields)).toEqual({ ok: true, data: null });
    expect((await findNetworkWithViewer("titles", ada.id))?.network.showPublicThreadTitles).toBe(true);
    // An unchecked box is absent from the form: the titles are hidden again.
    expect(await call(updateNetworkAction, { ...fields, showPublicThreadTitles: undefined })).toEqual({ ok: true, data: null });
    expect((await findNetworkWithViewer("titles", null))?.network.showPublicThreadTitles).toBe(false);
  });

  it("cannot change the slug (the slug names the network, it is not a setting)", async () => {
    const ada = await user("Ada");
    await makeNetwork(dbSystem(), { brokerId: ada.id, slug: "commons" });
    signInAs(ada);
    const result = await call(updateNetworkAction, { slug: "commons", ...networkFields({ name: "Renamed" }) });
    expect(result.ok).toBe(true);
    expect(await dbSystem().network.count({ where: { slug: "commons", name: "Renamed" } })).toBe(1);
  });

  it("refuse invalid values with field codes and keep the old ones", async () => {
    const ada = await user("Ada");
    const net = await makeNetwork(dbSystem(), { brokerId: ada.id, slug: "commons", name: "Commons Lab" });
    signInAs(ada);
    const result = await call(updateNetworkAction, { slug: "commons", ...networkFields({ name: "", visibility: "nope" }) });
    expect(result.ok ? null : result.fieldErrors).toEqual({ name: ["required"], visibility: ["invalid_choice"] });
    expect((await dbSystem().network.findUnique({ where: { id: net.id } }))?.name).toBe("Commons Lab");
  });
});

describe("the directory", () => {
  async function directoryWorld() {
    const owner = await user("Owner");
    const insider = await user("Insider");
    const requester = await user("Requester");
    const outsider = await user("Outsider");
    await makeNetwork(dbSystem(), { brokerId: owner.id, slug: "pub", name: "Public one", visibility: "public" });
    await makeNetwork(dbSystem(), { brokerId: owner.id, slug: "lis", name: "Listed one", visibility: "listed" });
    const priv = await makeNetwork(dbSystem(), { brokerId: owner.id, slug: "pri", name: "Private one", visibility: "private" });
    await member(priv, insider);
    await makeMembership(dbSystem(), { networkId: priv.id, userId: requester.id, status: "pending" });
    return { owner, insider, requester, outsider, priv };
  }
  const slugs = async (viewerId: string | null) => (await listDirectory(viewerId)).items.map((n) => n.slug).sort();

  it("shows public and listed networks, hides private ones from outsiders", async () => {
    const w = await directoryWorld();
    expect(await slugs(null)).toEqual(["lis", "pub"]);
    expect(await slugs(w.outsider.id)).toEqual(["lis", "pub"]);
    expect(await slugs(w.requester.id)).toEqual(["lis", "pub"]);
  });

  it("shows a private network to its active members", async () => {
    const w = await directoryWorld();
    expect(await slugs(w.insider.id)).toEqual(["lis", "pri", "pub"]);
    expect(await slugs(w.owner.id)).toEqual(["lis", "pri", "pub"]);
    const card = (await listDirectory(w.insider.id)).items.find((n) => n.slug === "pri");
    expect(card?.memberCount).toBe(2);
    await dbSystem().membership.update({
      where: { networkId_userId: { networkId: w.priv.id, userId: w.insider.id } },
      data: { status: "left" },
    });
    expect(await slugs(w.insider.id)).toEqual(["lis", "pub"]);
  });

  it("pages by keyset without duplicates or gaps", async () => {
    const owner = await user("Owner");
    const names = ["Alpha", "alpha", "Beta", "Beta", "Beta", "Gamma", "Ωmega", "Zeta", "Åland", "Éclair", "123", "Beta 2", "O'Brien", "a|b", "Zz"];
    const expected: string[] = [];
    for (const [i, name] of [...names, ...names].entries()) {
      const visibility = i % 5 === 4 ? "private" : i % 2 ? "listed" : "public";
      const n = await makeNetwork(dbSystem(), { brokerId: owner.id, slug: `n-${i}`, name, visibility });
      expected.push(n.slug);
    }
    const visibleTo = async (viewerId: string | null, pageSize: number) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 100; page++) {
        const result: Awaited<ReturnType<typeof listDirectory>> = await listDirectory(viewerId, cursor, pageSize);
        expect(result.items.length).toBeLessThanOrEqual(pageSize);
        seen.push(...result.items.map((n) => n.slug));
        cursor = result.next;
        if (!cursor) break;
      }
      return seen;
    };
    const everything = (await listDirectory(owner.id, null, 1000)).items.map((n) => n.slug);
    expect(everything.slice().sort()).toEqual(expected.slice().sort());
    for (const size of [1, 4, 7, 30]) {
      const paged = await visibleTo(owner.id, size);
      expect(new Set(paged).size).toBe(paged.length);
      expect(paged).toEqual(everything);
    }
    const publicOnly = await visibleTo(null, 4);
    expect(new Set(publicOnly).size).toBe(publicOnly.length);
    expect(publicOnly.length).toBe(24);
    // A last page that is exactly full says there is no next page.
    const exact = await listDirectory(owner.id, null, everything.length);
    expect(exact.next).toBeNull();
  });

  it("ignores a malformed cursor instead of failing", async () => {
    const owner = await user("Owner");
    await makeNetwork(dbSystem(), { brokerId: owner.id, slug: "pub" });
    for (const cursor of ["", "!!!", "bm90LWEtY3Vyc29y", "\u0000"]) {
      expect((await listDirectory(null, cursor)).items.map((n) => n.slug)).toEqual(["pub"]);
    }
  });
});
