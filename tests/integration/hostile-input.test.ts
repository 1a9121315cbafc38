import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { updateProfileAction } from "@/lib/accounts/actions";
import { askCommonsQuestionAction } from "@/lib/commons/actions";
import { readCommonsFilter } from "@/lib/commons/policy";
import { decodeCommonsCursor, listCommons } from "@/lib/commons/queries";
import { getProfile } from "@/lib/accounts/queries";
import { sendMessageAction, startConversationAction } from "@/lib/conversations/actions";
import { dbSystem } from "@/lib/db/client";
import { createPostAction, fulfilPostAction } from "@/lib/exchange/actions";
import { saveHarvestAction } from "@/lib/harvests/actions";
import en from "@/lib/i18n/messages/en.json";
import { createGatheringAction, rsvpAction } from "@/lib/gatherings/actions";
import { toLocal } from "@/lib/gatherings/recurrence";
import { createInvitationAction, requestToJoinAction, updateHelpTagsAction } from "@/lib/membership/actions";
import { createNetworkAction } from "@/lib/networks/actions";
import { findNetworkWithViewer } from "@/lib/networks/queries";
import { createSupportEntryAction } from "@/lib/support/actions";
import { shareItem } from "./commons-fixtures";
import { GET as apiRepliesRoute } from "@/app/api/v1/networks/[slug]/threads/[threadId]/replies/route";
import { GET as apiUpdatesRoute } from "@/app/api/v1/networks/[slug]/updates/route";
import { createApiTokenAction } from "@/lib/api/actions";
import { createWebhookAction } from "@/lib/webhooks/actions";
import { makeInitiative, makeMilestone, makeMilestoneUpdate } from "@/lib/db/factories";
import { answerProposalAction, proposeForCommonsAction, publishProposalAction } from "@/lib/sharing/actions";
import { call, makeNetwork, networkFields, signInAs, user, type Outcome } from "./support";

/** The Big List of Naughty Strings (515 strings), shared test data. */
const naughty: string[] = JSON.parse(readFileSync(path.join(process.cwd(), "tests/fixtures/blns.json"), "utf8"));

const fieldCodes = new Set(Object.keys(en.validation));

/** What the schemas keep of free text: NFC-normalised and trimmed. */
const clean = (s: string) => s.normalize("NFC").trim();
/** Length limits count characters (code points), as zod 4 does, not UTF-16 units. */
const chars = (s: string) => [...s].length;
/** One principle per line, a leading bullet dropped, blank lines ignored. */
const principleLines = (s: string) =>
  s
    .normalize("NFC")
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*[-–•*]\s+/, "").trim())
    .filter((line) => line.length > 0);

/** A refusal must be a form refusal: field codes the form can translate, never `unexpected`. */
function expectFieldRefusal(result: Outcome, label: string) {
  expect(result.ok, label).toBe(false);
  if (result.ok) return;
  expect(result.code, label).toBe("invalid_input");
  const codes = Object.values(result.fieldErrors ?? {}).flat();
  expect(codes.length, label).toBeGreaterThan(0);
  for (const code of codes) expect(fieldCodes.has(code.split("|")[0]!), `${label}: ${code}`).toBe(true);
}

// Batch tests: 515 actions each. Generous timeouts, for a loaded 2-core machine.
describe("the Big List of Naughty Strings", { timeout: 180_000 }, () => {
  it("is all there", () => {
    expect(naughty).toHaveLength(515);
  });

  it("in a profile's name and bio: stored exactly, or refused with a field code", async () => {
    const me = await user("Me");
    signInAs(me);
    let stored = 0;
    for (const [i, s] of naughty.entries()) {
      const label = `blns[${i}] ${JSON.stringify(s)}`;
      const result = await call(updateProfileAction, { name: s, bio: s, locale: "nl" });
      const name = clean(s);
      const valid = chars(name) >= 1 && chars(name) <= 80;
      if (!valid) {
        expectFieldRefusal(result, label);
        expect(Object.keys(result.ok ? {} : (result.fieldErrors ?? {})), label).toEqual(["name"]);
        continue;
      }
      expect(result, label).toEqual({ ok: true, data: null });
      const profile = await getProfile(me.id);
      expect(profile?.name, label).toBe(name);
      expect(profile?.bio, label).toBe(name);
      stored++;
    }
    expect(stored).toBeGreaterThan(400);
  });

  it("in a new network's texts: stored exactly, or refused with a field code", async () => {
    const me = await user("Me");
    signInAs(me);
    const expected = new Map<string, { name: string; lines: string[]; label: string }>();
    for (const [i, s] of naughty.entries()) {
      const label = `blns[${i}] ${JSON.stringify(s)}`;
      const slug = `naughty-${i}`;
      const result = await call(createNetworkAction, {
        slug,
        ...networkFields({ name: s, purpose: s, workingQuestion: s, principles: s }),
      });
      const text = clean(s);
      const lines = principleLines(s);
      const valid =
        chars(text) >= 1 && chars(text) <= 80 && lines.length >= 1 && lines.length <= 20 && lines.every((l) => chars(l) <= 300);
      if (!valid) {
        expectFieldRefusal(result, label);
        continue;
      }
      expect(result, label).toMatchObject({ ok: true, redirect: `/n/${slug}` });
      expected.set(slug, { name: text, lines, label });
    }
    // Read back in one go, as the directory would.
    const rows = await dbSystem().network.findMany({
      where: { slug: { startsWith: "naughty-" } },
      select: { slug: true, name: true, purpose: true, workingQuestion: true, principles: true },
    });
    expect(rows).toHaveLength(expected.size);
    for (const row of rows) {
      const want = expected.get(row.slug)!;
      expect(row, want.label).toEqual({ slug: row.slug, name: want.name, purpose: want.name, workingQuestion: want.name, principles: want.lines });
    }
    // And one through the page's own query.
    const [sample] = expected.keys();
    expect((await findNetworkWithViewer(sample!, me.id))?.network.name).toBe(expected.get(sample!)?.name);
    expect(expected.size).toBeGreaterThan(400);
  });

  it("as a network address: refused with a slug code, or a valid slug", async () => {
    signInAs(await user("Me"));
    const taken = new Set<string>();
    for (const [i, s] of naughty.entries()) {
      const label = `blns[${i}] ${JSON.stringify(s)}`;
      const result = await call(createNetworkAction, { slug: s, ...networkFields() });
      const slug = s.trim().toLowerCase();
      if (result.ok) {
        // Some naughty strings ("undefined", "null", "nan") are well-formed addresses.
        expect(slug, label).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
        expect(result.redirect, label).toBe(`/n/${slug}`);
        expect(await dbSystem().network.count({ where: { slug } }), label).toBe(1);
        taken.add(slug);
        continue;
      }
      expect(["invalid_input", "slug_taken"], label).toContain(result.code);
      if (result.code === "slug_taken") expect(taken.has(slug), label).toBe(true);
      expect(Object.keys(result.fieldErrors ?? {}), label).toEqual(["slug"]);
      for (const code of result.fieldErrors?.slug ?? []) expect(fieldCodes.has(code.split("|")[0]!), label).toBe(true);
    }
    expect(taken.size).toBeGreaterThan(0);
  });

  it("in a request to join: stored exactly", async () => {
    const owner = await user("Owner");
    const net = await makeNetwork(dbSystem(), { brokerId: owner.id, slug: "by-request", joinPolicy: "request" });
    // One person per string, made in bulk.
    await dbSystem().user.createMany({ data: naughty.map((_, i) => ({ email: `asker-${i}@example.test`, name: `Asker ${i}` })) });
    const askers = await dbSystem().user.findMany({ where: { email: { startsWith: "asker-" } }, select: { id: true, email: true } });
    const idOf = new Map(askers.map((u) => [u.email, u.id]));
    for (const [i, s] of naughty.entries()) {
      const email = `asker-${i}@example.test`;
      signInAs({ id: idOf.get(email)!, email, name: null });
      const result = await call(requestToJoinAction, { slug: net.slug, acceptPrinciples: "on", message: s });
      expect(result, `blns[${i}] ${JSON.stringify(s)}`).toEqual({ ok: true, data: null });
    }
    const rows = await dbSystem().membership.findMany({
      where: { networkId: net.id, status: "pending" },
      select: { requestMessage: true, user: { select: { email: true } } },
    });
    expect(rows).toHaveLength(naughty.length);
    for (const row of rows) {
      const i = Number(/^asker-(\d+)@/.exec(row.user.email)![1]);
      expect(row.requestMessage, `blns[${i}] ${JSON.stringify(naughty[i])}`).toBe(clean(naughty[i]!));
    }
  });

  it("in a gathering's texts and an answer's note: stored exactly, or refused with a field code", async () => {
    const broker = await user("Broker");
    const net = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: "gatherings" });
    const starts = new Date(Date.now() + 7 * 86_400_000);
    const day = toLocal(starts, "Europe/Amsterdam").slice(0, 10);
    const base = { slug: net.slug, startsAt: `${day}T19:30`, endsAt: `${day}T21:30`, timeZone: "Europe/Amsterdam", mode: "in_person", visibility: "members", capacity: "" };
    signInAs(broker);
    const expected = new Map<string, { text: string; label: string }>();
    for (const [i, s] of naughty.entries()) {
      const label = `blns[${i}] ${JSON.stringify(s)}`;
      const fields = { ...base, idempotencyKey: `naughty-gathering-${String(i).padStart(4, "0")}`, title: s, purpose: s, placeName: s, address: s, accessibility: s };
      const result = await call(createGatheringAction, { ...fields, "agenda.0.title": s, "agenda.0.minutes": "10" });
      const text = clean(s);
      if (!(chars(text) >= 1 && chars(text) <= 200)) {
        expectFieldRefusal(result, label);
        continue;
      }
      expect(result, label).toMatchObject({ ok: true });
      expected.set(result.redirect!.split("/").at(-1)!, { text, label });
    }
    const rows = await dbSystem().gathering.findMany({
      where: { networkId: net.id },
      select: { id: true, title: true, purpose: true, placeName: true, address: true, accessibility: true, agenda: { where: { networkId: net.id }, select: { title: true } } },
    });
    expect(rows).toHaveLength(expected.size);
    for (const row of rows) {
      const want = expected.get(row.id)!;
      expect(row, want.label).toEqual({ id: row.id, title: want.text, purpose: want.text, placeName: want.text, address: want.text, accessibility: want.text, agenda: [{ title: want.text }] });
    }
    expect(expected.size).toBeGreaterThan(400);
    // An answer's note, on one of them.
    const [gatheringId] = expected.keys();
    for (const [i, s] of naughty.entries()) {
      const result = await call(rsvpAction, { slug: net.slug, gatheringId: gatheringId!, status: "going", note: s });
      if (chars(clean(s)) > 500) {
        expectFieldRefusal(result, `blns[${i}]`);
        continue;
      }
      expect(result, `blns[${i}]`).toMatchObject({ ok: true });
      const row = await dbSystem().rsvp.findFirst({ where: { networkId: net.id, gatheringId: gatheringId!, userId: broker.id }, select: { note: true } });
      expect(row?.note, `blns[${i}] ${JSON.stringify(s)}`).toBe(clean(s));
    }
  });

  it("in an offer's texts, free tags and a thank-you: stored exactly (tags normalised), or refused with a field code", async () => {
    const author = await user("Author");
    const helper = await user("Helper");
    const net = await makeNetwork(dbSystem(), { brokerId: author.id, slug: "naughty-exchange" });
    await dbSystem().membership.create({ data: { networkId: net.id, userId: helper.id, role: "member", status: "active" } });
    const expiresOn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    signInAs(author);
    let stored = 0;
    // Every third string: each post is a transaction of several statements.
    for (const [i, s] of naughty.entries()) {
      if (i % 3 !== 0) continue;
      const label = `blns[${i}] ${JSON.stringify(s)}`;
      const typed = {
        slug: net.slug,
        idempotencyKey: `naughty-post-${String(i).padStart(4, "0")}`,
        direction: "offer",
        capital: "knowledge",
        title: s,
        body: s,
        freeTags: s,
        town: "Tilburg",
        expiresOn,
        visibility: "network",
      };
      const result = await call(createPostAction, typed);
      const text = clean(s);
      if (!result.ok) {
        expectFieldRefusal(result, label);
        expect(result.values, label).toMatchObject({ title: s, body: s });
        continue;
      }
      const id = result.redirect!.split("/").at(-1)!;
      const row = await dbSystem().exchangePost.findFirstOrThrow({ where: { networkId: net.id, id }, select: { title: true, body: true, bodyHtml: true, tags: true } });
      expect([row.title, row.body], label).toEqual([text, text]);
      expect(row.bodyHtml, label).not.toBeNull();
      for (const tag of row.tags) expect(tag, label).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      const thanked = await call(fulfilPostAction, { slug: net.slug, postId: id, helperId: helper.id, thanks: s, lesson: s });
      if (!thanked.ok) {
        expectFieldRefusal(thanked, label);
        continue;
      }
      const closed = await dbSystem().exchangePost.findFirstOrThrow({ where: { networkId: net.id, id }, select: { thanks: true, lesson: true, status: true } });
      expect(closed, label).toEqual({ thanks: text, lesson: text, status: "fulfilled" });
      stored++;
    }
    expect(stored).toBeGreaterThan(100);
  });

  it("in a harvest's texts and an insight: stored exactly, or refused with a field code", async () => {
    const host = await user("Host");
    const net = await makeNetwork(dbSystem(), { brokerId: host.id, slug: "harvests" });
    const gathering = await dbSystem().gathering.create({
      data: { networkId: net.id, title: "Met", startsAt: new Date(Date.now() - 86_400_000), endsAt: new Date(), timeZone: "UTC" },
      select: { id: true },
    });
    signInAs(host);
    let version = "";
    let stored = 0;
    // Every fifth string: each save is a transaction of a dozen statements, the whole list took 100 s.
    for (const [i, s] of naughty.entries()) {
      if (i % 5 !== 0) continue;
      const label = `blns[${i}] ${JSON.stringify(s)}`;
      const result = await call(saveHarvestAction, {
        slug: net.slug,
        gatheringId: gathering.id,
        version,
        summary: s,
        agreements: s,
        nextSteps: "",
        cycleId: "",
        "insight.0.body": s,
        "insight.0.level": "network",
        "insight.0.area": "means",
      });
      const text = clean(s);
      if (chars(text) < 1) {
        expectFieldRefusal(result, label);
        continue;
      }
      expect(result, label).toMatchObject({ ok: true });
      version = (result as { data: { version: string } }).data.version;
      const row = await dbSystem().harvest.findFirstOrThrow({
        where: { networkId: net.id, gatheringId: gathering.id },
        select: { summary: true, agreements: true, summaryHtml: true, insights: { select: { body: true } } },
      });
      expect([row.summary, row.agreements, row.insights.map((x) => x.body)], label).toEqual([text, text, [text]]);
      expect(row.summaryHtml, label).not.toBeNull();
      stored++;
    }
    expect(stored).toBeGreaterThan(80);
  });

  it("in a support entry's texts: stored exactly (the description rendered without script), or refused with a field code", async () => {
    const broker = await user("Broker");
    const net = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: "support-texts" });
    signInAs(broker);
    const expected = new Map<string, { text: string; label: string }>();
    // Every third string: each entry is a write with its audit row.
    for (const [i, s] of naughty.entries()) {
      if (i % 3 !== 0) continue;
      const label = `blns[${i}] ${JSON.stringify(s)}`;
      const result = await call(createSupportEntryAction, {
        slug: net.slug,
        idempotencyKey: `naughty-support-${String(i).padStart(4, "0")}`,
        provider: s,
        name: s,
        description: s,
        eligibility: s,
        region: s,
        "kind.grant": "on",
      });
      const text = clean(s);
      if (!(chars(text) >= 1 && chars(text) <= 200)) {
        expectFieldRefusal(result, label);
        continue;
      }
      if (!result.ok) {
        // Only nesting too deep for Markdown may refuse a text of the right length, on the description alone.
        expectFieldRefusal(result, label);
        expect(Object.keys(result.fieldErrors ?? {}), label).toEqual(["description"]);
        continue;
      }
      expected.set((result as { data: { entryId: string } }).data.entryId, { text, label });
    }
    const rows = await dbSystem().supportEntry.findMany({
      where: { networkId: net.id },
      select: { id: true, provider: true, name: true, description: true, eligibility: true, region: true, descriptionHtml: true },
    });
    expect(rows).toHaveLength(expected.size);
    for (const row of rows) {
      const want = expected.get(row.id)!;
      const { descriptionHtml, ...texts } = row;
      expect(texts, want.label).toEqual({ id: row.id, provider: want.text, name: want.text, description: want.text, eligibility: want.text, region: want.text });
      // No script element, no event-handler attribute, no script link (as text, escaped, it may say anything).
      expect(descriptionHtml ?? "", want.label).not.toMatch(/<script|<[a-z][^>]*\son[a-z]+=|(href|src)="\s*javascript:/i);
    }
    expect(expected.size).toBeGreaterThan(130);
  });

  it("as a commons search, filter or cursor: never an error, and only what was shared is found", async () => {
    const broker = await user("Broker");
    const net = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: "commons-search" });
    const nl = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: "commons-search-nl", locale: "nl" });
    await shareItem(net, { title: "<script>alert(1)</script> community garden", body: "A garden with the municipality." });
    await shareItem(nl, { title: "Moestuin met de gemeente", body: "Wat we leerden.", language: "nl" });
    for (const [i, s] of naughty.entries()) {
      const label = `blns[${i}] ${JSON.stringify(s)}`;
      const filter = readCommonsFilter({ q: s, region: s, kind: s, level: s, area: s, stage: s, outcome: s });
      expect(filter.q.includes("\u0000"), label).toBe(false);
      const page = await listCommons(filter, decodeCommonsCursor(s));
      expect(Array.isArray(page.items), label).toBe(true);
      // A naughty region names no shared item's region, so nothing is found, whatever the query.
      if (filter.region) expect(page.items, label).toEqual([]);
      const searched = await listCommons(readCommonsFilter({ q: s }));
      for (const item of searched.items) expect(["<script>alert(1)</script> community garden", "Moestuin met de gemeente"], label).toContain(item.title);
    }
  });

  it("in a question to the source network: stored exactly (rendered without script), or refused with a field code", async () => {
    const broker = await user("Broker");
    const asker = await user("Asker");
    const net = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: "commons-questions" });
    await dbSystem().network.update({ where: { id: net.id }, data: { allowCommonsQuestions: true } });
    const itemId = await shareItem(net, { title: "Ask us" });
    signInAs(asker);
    const expected = new Map<string, { text: string; label: string }>();
    // Every third string: each question is a write with the brokers' notification.
    for (const [i, s] of naughty.entries()) {
      if (i % 3 !== 0) continue;
      const label = `blns[${i}] ${JSON.stringify(s)}`;
      const result = await call(askCommonsQuestionAction, { itemId, body: s, replyEmail: "", idempotencyKey: `naughty-question-${String(i).padStart(4, "0")}` });
      const text = clean(s);
      if (!(chars(text) >= 1 && chars(text) <= 4_000)) {
        expectFieldRefusal(result, label);
        continue;
      }
      if (!result.ok) {
        expectFieldRefusal(result, label);
        expect(Object.keys(result.fieldErrors ?? {}), label).toEqual(["body"]);
        continue;
      }
      expected.set((result as { data: { questionId: string } }).data.questionId, { text, label });
    }
    const rows = await dbSystem().commonsQuestion.findMany({ where: { networkId: net.id }, select: { id: true, body: true, bodyHtml: true } });
    expect(rows).toHaveLength(expected.size);
    for (const row of rows) {
      const want = expected.get(row.id)!;
      expect(row.body, want.label).toBe(want.text);
      expect(row.bodyHtml ?? "", want.label).not.toMatch(/<script|<[a-z][^>]*\son[a-z]+=|(href|src)="\s*javascript:/i);
    }
    expect(expected.size).toBeGreaterThan(130);
    // A naughty reply address is refused at its field, nothing stored.
    for (const s of naughty.filter((_, i) => i % 25 === 0)) {
      const result = await call(askCommonsQuestionAction, { itemId, body: "A question", replyEmail: s, idempotencyKey: `naughty-mail-${naughty.indexOf(s)}` });
      if (!result.ok) expect(Object.keys(result.fieldErrors ?? {})).toEqual(["replyEmail"]);
    }
  });

  it("in an API token's name: stored exactly, or refused with a field code", async () => {
    const broker = await user("Broker");
    const net = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: "api-token-names" });
    signInAs(broker);
    const expected: string[] = [];
    // Every 25th string: a network holds at most 25 working tokens.
    for (const [i, s] of naughty.entries()) {
      if (i % 25 !== 0) continue;
      const label = `blns[${i}] ${JSON.stringify(s)}`;
      const result = await call(createApiTokenAction, { slug: net.slug, name: s, expiresInDays: "30", "scope.threads": "on" });
      const name = clean(s);
      if (!(chars(name) >= 1 && chars(name) <= 80)) {
        expectFieldRefusal(result, label);
        continue;
      }
      expect(result.ok, `${label}: ${JSON.stringify(result)}`).toBe(true);
      expected.push(name);
    }
    const rows = await dbSystem().apiToken.findMany({ where: { networkId: net.id }, select: { name: true } });
    expect(rows.map((r) => r.name).sort()).toEqual(expected.sort());
  });

  it("in a webhook's description: stored exactly, or refused with a field code; as its address: refused with a field code", async () => {
    const broker = await user("Broker");
    const net = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: "webhook-texts" });
    signInAs(broker);
    // Every 10th string as a description (each stored one deleted again: a network holds at most 10
    // endpoints), every 5th as the address: none is an https address on the public internet.
    for (const [i, s] of naughty.entries()) {
      const label = `blns[${i}] ${JSON.stringify(s)}`;
      if (i % 10 === 0) {
        const result = await call(createWebhookAction, { slug: net.slug, url: "https://127.0.0.1:9/hook", description: s, "event.reply_created": "on" });
        const description = clean(s);
        if (chars(description) > 200 || s.includes("\u0000")) {
          expectFieldRefusal(result, label);
        } else {
          expect(result.ok, `${label}: ${JSON.stringify(result)}`).toBe(true);
          const rows = await dbSystem().webhookEndpoint.findMany({ where: { networkId: net.id }, select: { description: true } });
          expect(rows.map((r) => r.description), label).toEqual([description]);
          await dbSystem().webhookEndpoint.deleteMany({ where: { networkId: net.id } });
        }
      }
      if (i % 5 === 0) {
        const result = await call(createWebhookAction, { slug: net.slug, url: s, description: "", "event.reply_created": "on" });
        expectFieldRefusal(result, `${label} as the address`);
      }
    }
    expect(await dbSystem().webhookEndpoint.count({ where: { networkId: net.id } })).toBe(0);
  });

  it("in the read API's path and query: a problem document, never a 500", async () => {
    const broker = await user("Broker");
    const net = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: "api-hostile" });
    signInAs(broker);
    const made = await call(createApiTokenAction, { slug: net.slug, name: "hostile", expiresInDays: "30", "scope.threads": "on", "scope.initiatives": "on" });
    const token = made.ok ? made.data.token : "";
    const headers = { authorization: `Bearer ${token}` };
    // Every 5th string as a cursor, a limit, a kind and a thread id.
    for (const [i, s] of naughty.entries()) {
      if (i % 5 !== 0) continue;
      const label = `blns[${i}] ${JSON.stringify(s)}`;
      const v = encodeURIComponent(s);
      for (const query of [`cursor=${v}`, `limit=${v}`, `kind=${v}`]) {
        const response = await apiUpdatesRoute(new Request(`http://localhost/api/v1/networks/${net.slug}/updates?${query}`, { headers }), {
          params: Promise.resolve({ slug: net.slug }),
        });
        expect(response.status, `${label} ${query}`).toBeLessThan(500);
        if (response.status !== 200) expect(response.headers.get("content-type"), label).toMatch(/^application\/problem\+json/);
      }
      const replies = await apiRepliesRoute(new Request(`http://localhost/api/v1/networks/${net.slug}/threads/x/replies`, { headers }), {
        params: Promise.resolve({ slug: net.slug, threadId: s }),
      });
      expect([404], label).toContain(replies.status);
    }
  });

  it("as a member's name, a shared lesson and a consent note: anonymised and published without script, or refused with a field code", async () => {
    const broker = await user("Broker");
    const net = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: "commons-texts", locale: "nl" });
    const initiative = await makeInitiative(dbSystem(), { networkId: net.id, createdById: broker.id });
    const milestone = await makeMilestone(dbSystem(), { networkId: net.id, initiativeId: initiative.id, position: 0, amountNeeded: 1n });
    let published = 0;
    // Every fifth string: each is a proposal, an answer and a publication, with their audit rows.
    for (const [i, raw] of naughty.entries()) {
      if (i % 5 !== 0) continue;
      const label = `blns[${i}] ${JSON.stringify(raw)}`;
      // PostgreSQL text holds no U+0000: records written directly leave it out (forms refuse it).
      const s = raw.replaceAll("\u0000", "");
      const author = await user(s.slice(0, 80) || "Nameless");
      await dbSystem().membership.create({ data: { networkId: net.id, userId: author.id, role: "member", status: "active", joinedAt: new Date() } });
      const lesson = await makeMilestoneUpdate(dbSystem(), {
        networkId: net.id,
        initiativeId: initiative.id,
        milestoneId: milestone.id,
        authorId: author.id,
        kind: "lesson",
        body: `${s}\n\n${author.name ?? ""} <script>alert(1)</script> [x](javascript:alert(1))`,
      });
      signInAs(broker);
      const proposed = await call(proposeForCommonsAction, { slug: net.slug, kind: "lesson", sourceId: lesson.id, idempotencyKey: `naughty-commons-${String(i).padStart(4, "0")}` });
      expect(proposed.redirect, `${label}: ${JSON.stringify(proposed)}`).toBeTruthy();
      const proposalId = proposed.redirect!.split("/").at(-1)!;
      signInAs(author);
      const answered = await call(answerProposalAction, { slug: net.slug, proposalId, choice: "agree", attribution: "anonymous", licence: "cc0_1_0", note: s });
      if (!answered.ok) {
        expectFieldRefusal(answered, label);
        continue;
      }
      const consent = await dbSystem().commonsConsent.findFirstOrThrow({ where: { networkId: net.id, proposalId }, select: { note: true } });
      expect(consent.note, label).toBe(clean(s));
      signInAs(broker);
      const result = await call(publishProposalAction, { slug: net.slug, proposalId });
      expect(result, label).toMatchObject({ ok: true });
      const item = await dbSystem().commonsItem.findFirstOrThrow({ where: { proposalId }, select: { bodyHtml: true, body: true } });
      expect(item.bodyHtml, label).not.toMatch(/<script|<[a-z][^>]*\son[a-z]+=|(href|src)="\s*javascript:/i);
      published++;
    }
    expect(published).toBeGreaterThan(90);
  });

  it("as a support entry's link: refused with url_http unless it is a well-formed http(s) address, nothing typed lost", async () => {
    const broker = await user("Broker");
    const net = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: "support-links" });
    signInAs(broker);
    for (const [i, s] of naughty.entries()) {
      const label = `blns[${i}] ${JSON.stringify(s)}`;
      const result = await call(createSupportEntryAction, {
        slug: net.slug,
        idempotencyKey: `naughty-link-${String(i).padStart(4, "0")}`,
        provider: "Provider",
        name: "Fund",
        "kind.grant": "on",
        url: s,
        sourceUrl: s,
      });
      if (s.trim() === "") {
        expect(result, label).toMatchObject({ ok: true });
        continue;
      }
      if (result.ok) {
        // A string of the list that is itself a web address is kept as one.
        expect(s.trim(), label).toMatch(/^https?:\/\/[^\s]+$/i);
        continue;
      }
      expect(result, label).toMatchObject({ ok: false, code: "invalid_input" });
      if (!result.ok) {
        expect(result.fieldErrors?.url?.[0]?.split("|")[0], label).toMatch(/^(url_http|too_long|invalid)$/);
        if (!s.includes("\u0000")) expect(result.values?.url, label).toBe(s);
      }
    }
  });

  it("in a conversation's messages: stored exactly, or refused with a field code", async () => {
    const author = await user("Author");
    const helper = await user("Helper");
    const net = await makeNetwork(dbSystem(), { brokerId: author.id, slug: "conversations" });
    await dbSystem().membership.create({ data: { networkId: net.id, userId: helper.id, role: "member", status: "active" } });
    const post = await dbSystem().exchangePost.create({
      data: { networkId: net.id, authorId: author.id, direction: "request", capital: "time", title: "Hands", expiresAt: new Date(Date.now() + 30 * 86_400_000) },
      select: { id: true },
    });
    signInAs(helper);
    const opened = await call(startConversationAction, { slug: net.slug, postId: post.id, body: "I can help.", idempotencyKey: "naughty-conversation-start" });
    expect(opened).toMatchObject({ ok: true });
    const conversationId = opened.redirect!.split("/").at(-1)!;
    const expected: string[] = [];
    // Every other string (the whole list took 22 s on a loaded machine).
    for (const [i, s] of naughty.entries()) {
      if (i % 2 !== 0) continue;
      // Messages count against the posting limit (30 in 5 minutes): each one starts from an empty counter.
      await dbSystem().rateLimitBucket.deleteMany({});
      const label = `blns[${i}] ${JSON.stringify(s)}`;
      const result = await call(sendMessageAction, { slug: net.slug, conversationId, body: s, idempotencyKey: `naughty-message-${String(i).padStart(4, "0")}` });
      const text = clean(s);
      if (!(chars(text) >= 1 && chars(text) <= 4000)) {
        expectFieldRefusal(result, label);
        expect(Object.keys(result.ok ? {} : (result.fieldErrors ?? {})), label).toEqual(["body"]);
        continue;
      }
      expect(result, label).toMatchObject({ ok: true });
      expected.push(text);
    }
    const rows = await dbSystem().exchangeMessage.findMany({
      where: { networkId: net.id, conversationId, idempotencyKey: { startsWith: "naughty-message-" } },
      orderBy: { idempotencyKey: "asc" },
      select: { body: true, bodyHtml: true },
    });
    expect(rows.map((r) => r.body)).toEqual(expected);
    for (const row of rows) expect(row.bodyHtml).not.toBeNull();
    expect(expected.length).toBeGreaterThan(200);
  });

  it("as an invitation's address: refused with a field code on the address alone, nothing typed lost and nothing sent; or sent to it lower-cased", async () => {
    const broker = await user("Broker");
    const net = await makeNetwork(dbSystem(), { brokerId: broker.id, slug: "naughty-invites", joinPolicy: "invitation" });
    signInAs(broker);
    for (const [i, s] of naughty.entries()) {
      const label = `blns[${i}] ${JSON.stringify(s)}`;
      const typed = { slug: net.slug, role: "member", expiresInDays: "7", note: "Kept", email: s };
      const result = await call(createInvitationAction, typed);
      if (!result.ok) {
        expectFieldRefusal(result, label);
        expect(Object.keys(result.fieldErrors ?? {}), label).toEqual(["email"]);
        expect(result.values, label).toMatchObject(typed);
        continue;
      }
      // An empty address is a plain link; anything else sent is a real address, as stored.
      expect(result.data!.sentTo, label).toBe(clean(s) === "" ? null : clean(s).toLowerCase());
    }
    const stored = await dbSystem().invitation.findMany({ where: { networkId: net.id, email: { not: null } }, select: { email: true } });
    const mailed = await dbSystem().mailMessage.count({ where: { kind: "invitation", to: { in: stored.map((r) => r.email!) } } });
    expect(mailed).toBe(stored.length);
  });

  it("as 'I can help with': stored as normalised tags, or refused with a field code on the field alone", async () => {
    const owner = await user("Owner");
    const net = await makeNetwork(dbSystem(), { brokerId: owner.id, slug: "naughty-help" });
    signInAs(owner);
    let stored = 0;
    for (const [i, s] of naughty.entries()) {
      const label = `blns[${i}] ${JSON.stringify(s)}`;
      const result = await call(updateHelpTagsAction, { slug: net.slug, helpTags: s });
      if (!result.ok) {
        expectFieldRefusal(result, label);
        expect(Object.keys(result.fieldErrors ?? {}), label).toEqual(["helpTags"]);
        expect(result.values?.helpTags, label).toBe(s);
        continue;
      }
      const row = await dbSystem().membership.findFirstOrThrow({ where: { networkId: net.id, userId: owner.id }, select: { helpTags: true } });
      expect(row.helpTags, label).toEqual((result.data as { helpTags: string[] }).helpTags);
      for (const tag of row.helpTags) expect(tag, label).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(row.helpTags.length, label).toBeLessThanOrEqual(12);
      stored++;
    }
    expect(stored).toBeGreaterThan(100);
  });

  it("beyond the list: a NUL character (which PostgreSQL text cannot hold) is a field error, not a crash", async () => {
    const owner = await user("Owner");
    const net = await makeNetwork(dbSystem(), { brokerId: owner.id, slug: "by-request", joinPolicy: "request" });
    const me = await user("Me");
    signInAs(me);
    for (const s of ["\u0000", "a\u0000b", "name\u0000"]) {
      const label = JSON.stringify(s);
      const profile = await call(updateProfileAction, { name: "Me", bio: s, locale: "en" });
      expectFieldRefusal(profile, label);
      expect(profile.ok ? null : profile.fieldErrors, label).toEqual({ bio: ["invalid"] });
      const created = await call(createNetworkAction, { slug: "nul-test", ...networkFields({ purpose: s }) });
      expect(created.ok ? null : created.fieldErrors, label).toEqual({ purpose: ["invalid"] });
      const asked = await call(requestToJoinAction, { slug: net.slug, acceptPrinciples: "on", message: s });
      expect(asked.ok ? null : asked.fieldErrors, label).toEqual({ message: ["invalid"] });
    }
    expect((await getProfile(me.id))?.bio).toBe("");
    expect(await dbSystem().network.count({ where: { slug: "nul-test" } })).toBe(0);
    expect(await dbSystem().membership.count({ where: { networkId: net.id, userId: me.id } })).toBe(0);
  });
});
