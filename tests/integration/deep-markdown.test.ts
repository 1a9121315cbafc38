import { createElement, type FunctionComponent } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/dialogue/markdown";
import { loadCyclePage, listJourney } from "@/lib/cycles/queries";
import { dbSystem } from "@/lib/db/client";
import { renderMissingTexts } from "@/lib/db/render-backfill";
import { addMilestoneAction, createInitiativeAction, editInitiativeAction, hideUpdateAction, postUpdateAction, restoreUpdateAction } from "@/lib/funding/actions";
import { loadInitiativePage, loadLessonsPage } from "@/lib/funding/queries";
import { loadFunderDashboard } from "@/lib/portfolio/queries";
import en from "@/lib/i18n/messages/en.json";
import { UNRENDERABLE_HTML } from "@/lib/markdown/render";
import { requireMember } from "@/lib/membership/scope";
import { deepMarkdownPayloads } from "../fixtures/deep-markdown";
import { asUser, call, makeNetwork, member, signInAs, snapshotDatabase, user, type User } from "./support";

/**
 * Issue 15, item 3: deeply nested Markdown. Fields refuse it when written; a text written before
 * that bound is a notice where it stands, never a page that fails; brokers hide updates.
 */

const DEEP = `${">".repeat(3_000)} deep`;
let keySeq = 0;
const key = () => `deep-${Date.now().toString(36)}-${(keySeq++).toString(36).padStart(8, "0")}`;

async function buildWorld() {
  const broker = await user("Broker");
  const team = await user("Team");
  const plain = await user("Member");
  const funder = await user("Funder");
  const net = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: "net-a", name: "Network A" });
  await member(net, team);
  await member(net, plain);
  await member(net, funder, "funder");
  signInAs(team);
  const fields = { slug: "net-a", name: "Street care", description: "Neighbours.", systemChange: "Care in the street.", status: "active" };
  const created = await call(createInitiativeAction, { ...fields, [`team_${team.id}`]: "on" });
  expect(created.ok, JSON.stringify(created)).toBe(true);
  const initiative = await dbSystem().initiative.findFirstOrThrow({ where: { networkId: net.id }, select: { id: true } });
  const added = await call(addMilestoneAction, {
    slug: "net-a",
    initiativeId: initiative.id,
    title: "Pilot",
    unlocks: "More.",
    targetDate: "2030-06-30",
    amount: "1000",
    currency: "EUR",
  });
  expect(added.ok, JSON.stringify(added)).toBe(true);
  const milestoneId = (added as { data: { milestoneId: string } }).data.milestoneId;
  signInAs(null);
  return { net, broker, team, plain, funder, initiativeId: initiative.id, milestoneId, fields };
}

const scopeOf = (person: User) => asUser(person, () => requireMember("net-a"));

function shownOnPage(html: string): string {
  // The provider's children go in as createElement's third argument, which its props type does not know.
  const Provider = NextIntlClientProvider as unknown as FunctionComponent<{ locale: string; messages: typeof en; timeZone: string }>;
  return renderToStaticMarkup(createElement(Provider, { locale: "en", messages: en, timeZone: "Europe/Amsterdam" }, createElement(Markdown, { html })));
}

describe("deeply nested Markdown", { timeout: 120_000 }, () => {
  it("is refused with too_deep by the update, initiative and description fields, and nothing is written", async () => {
    const w = await buildWorld();
    signInAs(w.team);
    for (const [name, text] of Object.entries(deepMarkdownPayloads)) {
      const before = await snapshotDatabase();
      const update = await call(postUpdateAction, { slug: "net-a", milestoneId: w.milestoneId, kind: "evidence", body: text, progress: "", area: "", idempotencyKey: key() });
      if (!update.ok) {
        expect(update, name).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { body: ["too_deep|20"] } });
        expect(await snapshotDatabase(), name).toBe(before);
      }
      const edited = await call(editInitiativeAction, { ...w.fields, initiativeId: w.initiativeId, description: text, [`team_${w.team.id}`]: "on" });
      // A text both too long and too deep is told both.
      if (!edited.ok) expect(edited.fieldErrors?.description, name).toContain("too_deep|20");
    }
    // Whatever was accepted renders, and was rendered once, when written.
    const stored = await dbSystem().milestoneUpdate.findMany({ where: { networkId: w.net.id }, select: { bodyHtml: true } });
    for (const row of stored) {
      expect(row.bodyHtml).not.toBeNull();
      expect(row.bodyHtml).not.toBe(UNRENDERABLE_HTML);
    }
  });

  it("written before the bound, shows as a notice on every page that has it, and the page still loads", async () => {
    const w = await buildWorld();
    const now = new Date();
    // Rows as an older Kring (or a script) wrote them: no bound, no stored HTML.
    await dbSystem().milestoneUpdate.create({
      data: { networkId: w.net.id, initiativeId: w.initiativeId, milestoneId: w.milestoneId, authorId: w.team.id, kind: "lesson", body: DEEP, area: "means" },
    });
    await dbSystem().milestoneUpdate.create({
      data: { networkId: w.net.id, initiativeId: w.initiativeId, milestoneId: w.milestoneId, authorId: w.team.id, kind: "progress", body: "Half *way*.", progress: 50 },
    });
    const closed = await dbSystem().cycle.create({
      data: {
        networkId: w.net.id,
        title: "Closed",
        question: "Q?",
        iDeadline: new Date(now.getTime() - 3 * 86_400_000),
        weDeadline: new Date(now.getTime() - 86_400_000),
        closedAt: new Date(now.getTime() - 3_600_000),
        openSlot: null,
      },
    });
    await dbSystem().synthesisRevision.create({ data: { networkId: w.net.id, cycleId: closed.id, number: 1, body: DEEP } });
    const open = await dbSystem().cycle.create({
      data: { networkId: w.net.id, title: "Open", question: "Q?", iDeadline: new Date(now.getTime() + 86_400_000), weDeadline: new Date(now.getTime() + 2 * 86_400_000) },
    });
    await dbSystem().reflection.create({ data: { networkId: w.net.id, cycleId: open.id, authorId: w.broker.id, body: DEEP, area: "means", submittedAt: now } });

    const broker = await scopeOf(w.broker);
    const initiative = (await loadInitiativePage(broker, w.initiativeId))?.initiative;
    const updates = initiative!.milestones[0]!.updates;
    expect(updates.map((u) => u.html)).toEqual(["<p>Half <em>way</em>.</p>", UNRENDERABLE_HTML]);
    expect((await loadLessonsPage(broker, {})).lessons.items.map((l) => l.html)).toEqual([UNRENDERABLE_HTML]);
    expect((await listJourney(broker)).items[0]?.synthesis?.html).toBe(UNRENDERABLE_HTML);
    expect((await loadCyclePage(broker, now))?.reflections?.own?.html).toBe(UNRENDERABLE_HTML);
    const dashboard = await loadFunderDashboard(w.funder.id, now);
    expect(dashboard.syntheses.map((s) => s.html)).toEqual([UNRENDERABLE_HTML]);
    expect(dashboard.lessons).toHaveLength(1);

    // On the page: the translated notice for that text only.
    const page = shownOnPage(UNRENDERABLE_HTML);
    expect(page).toContain(en.markdown.unrenderable);
    expect(page).toContain('role="note"');
    expect(shownOnPage("<p>Half <em>way</em>.</p>")).toBe('<div class="prose-kring"><p>Half <em>way</em>.</p></div>');

    // Start-up stores what the pages showed, once: the marker for the deep texts, HTML for the rest.
    expect(await renderMissingTexts(dbSystem())).toEqual({ Thread: 0, Reply: 0, Reflection: 1, SynthesisRevision: 1, MilestoneUpdate: 2 });
    expect(await renderMissingTexts(dbSystem())).toEqual({ Thread: 0, Reply: 0, Reflection: 0, SynthesisRevision: 0, MilestoneUpdate: 0 });
    const rows = await dbSystem().milestoneUpdate.findMany({ where: { networkId: w.net.id }, select: { bodyHtml: true }, orderBy: { body: "asc" } });
    expect(rows.map((r) => r.bodyHtml)).toEqual([UNRENDERABLE_HTML, "<p>Half <em>way</em>.</p>"]);
  });

  it("lets brokers hide and restore an update: others see the notice, the lessons log and funders' dashboards leave it out", async () => {
    const w = await buildWorld();
    signInAs(w.team);
    const posted = await call(postUpdateAction, { slug: "net-a", milestoneId: w.milestoneId, kind: "lesson", body: "Ask *first*.", progress: "", area: "means", idempotencyKey: key() });
    expect(posted.ok, JSON.stringify(posted)).toBe(true);
    const update = await dbSystem().milestoneUpdate.findFirstOrThrow({ where: { networkId: w.net.id }, select: { id: true, bodyHtml: true } });
    expect(update.bodyHtml).toBe("<p>Ask <em>first</em>.</p>");
    expect((await loadFunderDashboard(w.funder.id)).lessons).toHaveLength(1);

    // Only brokers may hide: the team member who wrote it, a member and a funder may not.
    for (const person of [w.team, w.plain, w.funder]) {
      signInAs(person);
      const before = await snapshotDatabase();
      expect(await call(hideUpdateAction, { slug: "net-a", updateId: update.id, reason: "No." })).toMatchObject({ ok: false, code: "forbidden" });
      expect(await snapshotDatabase()).toBe(before);
    }
    signInAs(w.broker);
    expect(await call(hideUpdateAction, { slug: "net-a", updateId: update.id, reason: "Names a neighbour" })).toEqual({ ok: true, data: null });
    // Again: nothing changes, the first reason stays.
    expect(await call(hideUpdateAction, { slug: "net-a", updateId: update.id, reason: "Other" })).toEqual({ ok: true, data: null });

    const viewOf = async (person: User) => (await loadInitiativePage(await scopeOf(person), w.initiativeId))!.initiative.milestones[0]!.updates[0]!;
    expect(await viewOf(w.plain)).toMatchObject({ hidden: true, hiddenReason: "Names a neighbour", html: "" });
    expect(await viewOf(w.funder)).toMatchObject({ hidden: true, html: "" });
    expect(await viewOf(w.team)).toMatchObject({ hidden: true, html: "<p>Ask <em>first</em>.</p>" });
    expect(await viewOf(w.broker)).toMatchObject({ hidden: true, html: "<p>Ask <em>first</em>.</p>" });
    expect((await loadLessonsPage(await scopeOf(w.plain), {})).lessons.items).toEqual([]);
    expect((await loadFunderDashboard(w.funder.id)).lessons).toEqual([]);

    expect(await call(restoreUpdateAction, { slug: "net-a", updateId: update.id })).toEqual({ ok: true, data: null });
    expect(await viewOf(w.plain)).toMatchObject({ hidden: false, html: "<p>Ask <em>first</em>.</p>" });
    expect((await loadFunderDashboard(w.funder.id)).lessons).toHaveLength(1);

    const audit = await dbSystem().auditEntry.findMany({
      where: { networkId: w.net.id, action: { startsWith: "update." } },
      orderBy: { createdAt: "asc" },
      select: { action: true, actorId: true, subjectUserId: true, detail: true },
    });
    expect(audit).toMatchObject([
      { action: "update.hidden", actorId: w.broker.id, subjectUserId: w.team.id, detail: { title: "Pilot", reason: "Names a neighbour" } },
      { action: "update.restored", actorId: w.broker.id, subjectUserId: w.team.id, detail: { title: "Pilot", reason: "Names a neighbour" } },
    ]);
  });
});
