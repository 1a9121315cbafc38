// Shared by authorization-matrix.test.ts and fuzz.test.ts (not a test file itself):
// finds every server action and route handler, builds a world of two networks with
// an object of every kind, and says how to call each action and route in it.
import { randomBytes, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { expect } from "vitest";
import { toLocalInput } from "@/lib/cycles/schema";
import { dbSystem } from "@/lib/db/client";
import { errorCodes, type ErrorCode } from "@/lib/errors";
import { timeZoneCookie } from "@/lib/i18n/config";
import { hashToken } from "@/lib/membership/invitations";
import { cookieJar, resetRequest } from "../setup/session";
import { call, formData, invitation, makeMembership, makeNetwork, member, signInAs, user, type User } from "./support";

const root = process.cwd();
export const ZONE = "Europe/Amsterdam";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// ---------------------------------------------------------------- discovery

export type DiscoveredAction = { key: string; file: string; name: string; fn: (...args: unknown[]) => Promise<unknown> };
export type DiscoveredRoute = {
  key: string;
  file: string;
  method: string;
  /** The URL path pattern, route groups dropped: `/n/[slug]/dialogue/[threadId]/live`. */
  pattern: string;
  handler: (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> | Response;
};

function walk(dir: string, visit: (file: string) => void) {
  for (const entry of readdirSync(dir)) {
    if (entry === "node_modules" || entry.startsWith(".") || entry === "generated") continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) walk(full, visit);
    else visit(full);
  }
}

const SOURCE = /\.(ts|tsx|js|jsx|mjs)$/;
/** A "use server" directive as the first statement of a module (comments and blank lines before it allowed). */
const MODULE_DIRECTIVE = /^(?:\s*(?:\/\/[^\n]*|\/\*[\s\S]*?\*\/))*\s*["']use server["']/;
const ANY_DIRECTIVE = /["']use server["']/;

/**
 * Every module with a "use server" directive under lib/, app/ and components/. An inline
 * directive (a server action declared inside a component) cannot be imported and run on its
 * own, so it is reported: it fails the matrix until it moves into a lib/<domain>/actions.ts.
 */
function serverActionModules(): { modules: string[]; inline: string[] } {
  const modules = new Set<string>();
  const inline: string[] = [];
  for (const dir of ["lib", "app", "components"]) {
    walk(path.join(root, dir), (file) => {
      if (!SOURCE.test(file)) return;
      const text = readFileSync(file, "utf8");
      if (!ANY_DIRECTIVE.test(text)) return;
      const rel = path.relative(root, file);
      if (MODULE_DIRECTIVE.test(text)) modules.add(rel);
      else inline.push(rel);
    });
  }
  // Every lib/<domain>/actions.ts, with or without the directive.
  for (const domain of readdirSync(path.join(root, "lib"))) {
    const file = path.join("lib", domain, "actions.ts");
    try {
      if (statSync(path.join(root, file)).isFile()) modules.add(file);
    } catch {
      // no actions in this domain
    }
  }
  return { modules: [...modules].sort(), inline: inline.sort() };
}

export async function discoverActions(): Promise<{ actions: DiscoveredAction[]; inline: string[] }> {
  const { modules, inline } = serverActionModules();
  const actions: DiscoveredAction[] = [];
  for (const file of modules) {
    const mod = (await import(/* @vite-ignore */ path.join(root, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value !== "function") continue;
      actions.push({ key: `${file}#${name}`, file, name, fn: value as DiscoveredAction["fn"] });
    }
  }
  return { actions: actions.sort((a, b) => a.key.localeCompare(b.key)), inline };
}

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export async function discoverRoutes(): Promise<DiscoveredRoute[]> {
  const files: string[] = [];
  walk(path.join(root, "app"), (file) => {
    if (/[/\\]route\.(ts|tsx|js|mjs)$/.test(file)) files.push(path.relative(root, file));
  });
  const routes: DiscoveredRoute[] = [];
  for (const file of files.sort()) {
    const mod = (await import(/* @vite-ignore */ path.join(root, file))) as Record<string, unknown>;
    const pattern =
      "/" +
      path
        .dirname(file)
        .split(path.sep)
        .slice(1)
        .filter((segment) => !/^\(.*\)$/.test(segment) && !segment.startsWith("@"))
        .join("/");
    for (const method of HTTP_METHODS) {
      const handler = mod[method];
      if (typeof handler !== "function") continue;
      routes.push({ key: `${file} ${method}`, file, method, pattern, handler: handler as DiscoveredRoute["handler"] });
    }
  }
  return routes;
}

export type DiscoveredPageGuard = {
  /** The page file, as the expected table names it. */
  key: string;
  /** The permission the page passes to requireMemberPage (undefined: members only). */
  permission: string | undefined;
};

/** The arguments of a page's requireMemberPage call, and the permission literal that ends them. */
const PAGE_GUARD = /requireMemberPage\(([^;]*)\);/;
const LAST_PERMISSION = /,\s*"([a-z_.]+)"\s*$/;

/**
 * Every page under app/ that guards itself with requireMemberPage, and the permission it names.
 * The matrix runs that guard as each persona: who may open the page.
 */
export function discoverPageGuards(): DiscoveredPageGuard[] {
  const guards: DiscoveredPageGuard[] = [];
  walk(path.join(root, "app"), (file) => {
    if (!/[/\\]page\.tsx?$/.test(file)) return;
    const text = readFileSync(file, "utf8");
    if (!text.includes("requireMemberPage(")) return;
    const args = PAGE_GUARD.exec(text)?.[1];
    if (args === undefined) throw new Error(`${file}: a requireMemberPage call this test cannot read`);
    guards.push({ key: path.relative(root, file), permission: LAST_PERMISSION.exec(args)?.[1] });
  });
  return guards.sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * Every permission string a server action or route handler names (`requireMember(slug, "...")`,
 * `can(role, "...")`): the permissions the matrix's action and route rows exercise.
 */
export function permissionsNamedByActionsAndRoutes(known: readonly string[]): Set<string> {
  const files: string[] = [];
  for (const domain of readdirSync(path.join(root, "lib"))) {
    const file = path.join(root, "lib", domain, "actions.ts");
    try {
      if (statSync(file).isFile()) files.push(file);
    } catch {
      // no actions in this domain
    }
  }
  walk(path.join(root, "app"), (file) => {
    if (/[/\\]route\.(ts|tsx|js|mjs)$/.test(file)) files.push(file);
  });
  const named = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    for (const permission of known) if (text.includes(`"${permission}"`)) named.add(permission);
  }
  return named;
}

/** What a page guard did: let the persona in, sent them to sign in, or answered 404. */
export async function pageGuardOutcome(run: () => Promise<unknown>): Promise<"ok" | "redirect" | "notFound" | `invalid result: ${string}`> {
  try {
    await run();
    return "ok";
  } catch (error) {
    const signal = nextSignal(error);
    if (signal) return signal;
    const e = error as { stack?: string };
    return `invalid result: threw ${e?.stack ?? String(error)}`;
  }
}

/** A request as Next hands it to a route handler (a NextRequest, with `nextUrl`). */
export function routeHandlerRequest(url: string, init: { method: string; signal?: AbortSignal; headers?: Record<string, string> }): Request {
  return new NextRequest(url, init);
}

/** The URL and the params object Next passes for `pattern`, with the dynamic segments filled in. */
export function routeRequest(pattern: string, values: Record<string, string | string[]>, query = "") {
  const params: Record<string, string | string[]> = {};
  const url = pattern.replace(/\[(\.\.\.)?([^\]]+)\]/g, (_, rest: string | undefined, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for the route segment [${rest ?? ""}${name}] of ${pattern}`);
    params[name] = rest ? (Array.isArray(value) ? value : value.split("/")) : value;
    return Array.isArray(value) ? value.map(encodeURIComponent).join("/") : encodeURIComponent(value);
  });
  return { url: `http://localhost${url}${query}`, params };
}

// ---------------------------------------------------------------- outcomes

export type ActionOutcome = "ok" | "redirect" | "notFound" | ErrorCode;

function digestOf(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "digest" in error ? String((error as { digest: unknown }).digest) : undefined;
}

/** Next's control-flow signals, which an action may throw on purpose. */
function nextSignal(error: unknown): "redirect" | "notFound" | undefined {
  const digest = digestOf(error);
  if (digest?.startsWith("NEXT_REDIRECT")) return "redirect";
  if (digest === "NEXT_HTTP_ERROR_FALLBACK;404" || digest === "NEXT_NOT_FOUND") return "notFound";
  return undefined;
}

export type RawResult =
  | { kind: "returned"; value: unknown }
  | { kind: "signal"; signal: "redirect" | "notFound" }
  | { kind: "threw"; error: unknown };

/**
 * Calls an action the way a form does: `(prevState, formData)` for form actions, `(formData)`
 * for a plain form action, `()` for one without arguments.
 */
export async function invokeAction(fn: DiscoveredAction["fn"], input: unknown): Promise<RawResult> {
  try {
    const value = fn.length >= 2 ? await fn(null, input) : fn.length === 1 ? await fn(input) : await fn();
    return { kind: "returned", value };
  } catch (error) {
    const signal = nextSignal(error);
    return signal ? { kind: "signal", signal } : { kind: "threw", error };
  }
}

const knownCodes = new Set<string>(errorCodes);

export function outcomeOf(raw: RawResult): ActionOutcome | `invalid result: ${string}` {
  if (raw.kind === "signal") return raw.signal;
  if (raw.kind === "threw") {
    const error = raw.error as { message?: string; stack?: string };
    return `invalid result: threw ${error?.stack ?? String(raw.error)}`;
  }
  const value = raw.value as { ok?: unknown; code?: unknown } | undefined;
  if (value === undefined || value === null) return "ok";
  if (value.ok === true) return "ok";
  if (value.ok === false && typeof value.code === "string" && knownCodes.has(value.code)) return value.code as ErrorCode;
  return `invalid result: ${JSON.stringify(value)}`;
}

// ---------------------------------------------------------------- the world

export type Objects = {
  networkId: string;
  slug: string;
  broker: User;
  member: User;
  funder: User;
  other: User;
  requester: User;
  targetUser: User;
  targetMembershipId: string;
  pendingMembershipId: string;
  invitationId: string;
  invitationToken: string;
  /** An open invitation sent to the outsider's address (accepted from the home, without the token). */
  addressedInvitationId: string;
  threadId: string;
  /** A locked and pinned thread, for unlock and unpin. */
  lockedThreadId: string;
  /** The member's reply in threadId. */
  replyId: string;
  /** The other member's reply in threadId (it notified the member). */
  otherReplyId: string;
  /** The other member's reply, hidden by the broker. */
  hiddenReplyId: string;
  /** An open report (by the other member) of the member's reply. */
  reportId: string;
  /** The member's notification about the other member's reply. */
  notificationId: string;
  /** The open cycle, in its WE phase, with a synthesis (revision 1) and an open consent round. */
  cycleId: string;
  iDeadline: Date;
  weDeadline: Date;
  roundId: string;
  /** The other member's submitted, shared reflection (cited by the synthesis). */
  reflectionId: string;
  /** The other member's concern in the open consent round. */
  consentAnswerId: string;
  initiativeId: string;
  /** A planned milestone with the funder's standing pledge. */
  milestoneId: string;
  /** The second milestone, reached, with the funder's pledge waiting to be released. */
  reachedMilestoneId: string;
  pledgeId: string;
  reachedPledgeId: string;
  /** The member's update on milestoneId. */
  updateId: string;
  /** The member's second update on milestoneId, hidden by the broker. */
  hiddenUpdateId: string;
  /** A members-only gathering next week, with an online link; the member is going. */
  gatheringId: string;
  /** The secret of the member's private calendar feed of this network. */
  memberFeedToken: string;
  /** The secret of the member's "my gatherings" feed. */
  personalFeedToken: string;
  /** A read API token of the network with every scope (decision 047), and its id. */
  apiToken: string;
  apiTokenId: string;
  /** A webhook endpoint of the network (on, to the tests' allowed local host) and one delivered entry of its log (decision 050). */
  webhookEndpointId: string;
  webhookDeliveryId: string;
  /** A listed entry of the support map, by the broker. */
  supportEntryId: string;
  commonsProposalId: string;
  /** A published item of the commons (the reached milestone's outcome). A takes questions about its items, B does not. */
  commonsItemId: string;
  /** The member's suggestion for the support map, waiting for a broker. */
  supportSuggestionId: string;
  /** A weekly series of two gatherings, by the broker. */
  seriesId: string;
  /** The member's proposal, waiting for a broker. */
  proposedGatheringId: string;
  /** A gathering that took place, hosted by the member, with its attendance (the member and a guest). */
  pastGatheringId: string;
  /** A gathering of two days ago that the member hosts, with its published harvest (edited once). */
  harvestGatheringId: string;
  /** That harvest's version (its `updatedAt` in ms), as its editor's form carries it. */
  harvestVersion: string;
  /** The vocabulary's tag "facilitation". */
  exchangeTagId: string;
  /** The member's request (a place in Tilburg, for the network only), answered by the other member. */
  exchangePostId: string;
  /** The other member's conversation on that request ("I can help"), started through its action. */
  conversationId: string;
  /** A ready export of the whole network, asked for by the broker (its file is a few bytes). */
  exportId: string;
  /** When that export's file and link expire (a day from now). */
  exportExpiresAt: Date;
};

export type World = {
  a: Objects;
  b: Objects;
  /** Signed in, a member of no network. */
  outsider: User;
};

let keySeq = 0;
export const key = () => `matrix-${Date.now().toString(36)}-${(keySeq++).toString(36).padStart(6, "0")}`;

async function must(label: string, run: () => Promise<unknown>) {
  const result = (await run()) as { ok?: boolean; data?: unknown };
  expect(result?.ok, `${label}: ${JSON.stringify(result)}`).toBe(true);
  return result.data as Record<string, string> | null;
}

async function populate(slug: string, label: string, outsider: User): Promise<Objects> {
  const { createReplyAction, createThreadAction } = await import("@/lib/dialogue/actions");
  const { hidePostAction, lockThreadAction, pinThreadAction, reportPostAction } = await import("@/lib/moderation/actions");
  const cycles = await import("@/lib/cycles/actions");
  const synthesis = await import("@/lib/synthesis/actions");
  const funding = await import("@/lib/funding/actions");
  const gatherings = await import("@/lib/gatherings/actions");
  const conversations = await import("@/lib/conversations/actions");

  const broker = await user(`Broker ${label}`);
  const plain = await user(`Member ${label}`);
  const funder = await user(`Funder ${label}`);
  const other = await user(`Other ${label}`);
  const requester = await user(`Requester ${label}`);
  const targetUser = await user(`Target ${label}`);
  const network = await makeNetwork(dbSystem(), { brokerId: broker.id, slug, name: `Network ${label}` });
  await member(network, plain);
  await member(network, funder, "funder");
  await member(network, other);
  const target = await member(network, targetUser);
  const pending = await makeMembership(dbSystem(), { networkId: network.id, userId: requester.id, status: "pending" });
  const inv = await invitation(network, broker, { role: "member" });
  const addressed = await invitation(network, broker, { role: "member", email: outsider.email });

  // Dialogue: the member's thread with replies by the member and the other member.
  signInAs(plain);
  await must("thread", () =>
    call(createThreadAction, { slug, title: `Thread of ${label}`, body: "What do we do?", level: "network", area: "means", idempotencyKey: key() }),
  );
  const thread = await dbSystem().thread.findFirstOrThrow({ where: { networkId: network.id }, select: { id: true } });
  const reply = await must("reply", () => call(createReplyAction, { slug, threadId: thread.id, body: "My reply", idempotencyKey: key() }));
  signInAs(other);
  const otherReply = await must("other reply", () =>
    call(createReplyAction, { slug, threadId: thread.id, body: "Another view", idempotencyKey: key() }),
  );
  const hidden = await must("to hide", () => call(createReplyAction, { slug, threadId: thread.id, body: "Spam", idempotencyKey: key() }));
  await must("report", () => call(reportPostAction, { slug, threadId: thread.id, replyId: reply!.replyId!, reason: "Off topic" }));
  signInAs(plain);
  await must("second thread", () =>
    call(createThreadAction, { slug, title: `Locked of ${label}`, body: "Closed.", level: "context", area: "objectives", idempotencyKey: key() }),
  );
  const locked = await dbSystem().thread.findFirstOrThrow({ where: { networkId: network.id, title: `Locked of ${label}` }, select: { id: true } });
  signInAs(broker);
  await must("hide", () => call(hidePostAction, { slug, threadId: thread.id, replyId: hidden!.replyId!, reason: "Spam" }));
  await must("lock", () => call(lockThreadAction, { slug, threadId: locked.id, reason: "Done" }));
  await must("pin", () => call(pinThreadAction, { slug, threadId: locked.id }));
  const report = await dbSystem().report.findFirstOrThrow({ where: { networkId: network.id, status: "open" }, select: { id: true } });
  const notification = await dbSystem().notification.findFirstOrThrow({
    where: { networkId: network.id, userId: plain.id, kind: "reply_to_thread" },
    select: { id: true },
  });

  // The cycle: opened, the other member reflects, moved to WE, a synthesis, a consent round.
  cookieJar.set(timeZoneCookie, encodeURIComponent(ZONE));
  const local = (ms: number) => toLocalInput(new Date(Date.now() + ms), ZONE);
  signInAs(broker);
  await cycles.openCycleAction(
    null,
    formData({ slug, title: "Spring round", question: "Is this the real question?", focusArea: "", iDeadline: local(7 * DAY), weDeadline: local(14 * DAY) }),
  ).catch((error: unknown) => {
    if (nextSignal(error) !== "redirect") throw error;
  });
  const cycle = await dbSystem().cycle.findFirstOrThrow({ where: { networkId: network.id, openSlot: true } });
  signInAs(other);
  await must("reflection", () =>
    call(cycles.saveReflectionAction, { slug, cycleId: cycle.id, body: "I see it so.", area: "means", intent: "submit", version: "" }),
  );
  const reflection = await dbSystem().reflection.findFirstOrThrow({ where: { networkId: network.id, cycleId: cycle.id }, select: { id: true } });
  signInAs(broker);
  await must("advance", () => call(cycles.advanceCycleAction, { slug, cycleId: cycle.id }));
  signInAs(plain);
  await must("synthesis", () =>
    call(synthesis.saveSynthesisAction, { slug, cycleId: cycle.id, base: "0", body: "## What connects us\nA lot.", [`cite.${reflection.id}`]: "on" }),
  );
  signInAs(broker);
  await must("consent", () => call(synthesis.callConsentAction, { slug, cycleId: cycle.id }));
  const round = await dbSystem().consentRound.findFirstOrThrow({ where: { networkId: network.id, cycleId: cycle.id }, select: { id: true } });
  signInAs(other);
  await must("concern", () => call(synthesis.answerConsentAction, { slug, cycleId: cycle.id, roundId: round.id, answer: "concern", text: "Mind the neighbours." }));
  const consentAnswer = await dbSystem().consentAnswer.findFirstOrThrow({ where: { networkId: network.id, roundId: round.id }, select: { id: true } });
  const times = await dbSystem().cycle.findFirstOrThrow({ where: { networkId: network.id, id: cycle.id }, select: { iDeadline: true, weDeadline: true } });

  // Funding: the member's initiative with two milestones, the funder's pledges, one reached.
  signInAs(plain);
  await funding
    .createInitiativeAction(
      null,
      formData({ slug, name: `Initiative ${label}`, description: "Neighbours.", systemChange: "Care in the street.", status: "active", [`team_${plain.id}`]: "on" }),
    )
    .catch((error: unknown) => {
      if (nextSignal(error) !== "redirect") throw error;
    });
  const initiative = await dbSystem().initiative.findFirstOrThrow({ where: { networkId: network.id }, select: { id: true } });
  const milestoneFields = { slug, initiativeId: initiative.id, unlocks: "More.", targetDate: "2030-06-30", amount: "1000", currency: "EUR" };
  const m1 = await must("milestone", () => call(funding.addMilestoneAction, { ...milestoneFields, title: "Pilot" }));
  const m2 = await must("milestone 2", () => call(funding.addMilestoneAction, { ...milestoneFields, title: "Scale" }));
  signInAs(funder);
  const p1 = await must("pledge", () => call(funding.pledgeAction, { slug, milestoneId: m1!.milestoneId!, amount: "100", currency: "EUR", idempotencyKey: key() }));
  const p2 = await must("pledge 2", () => call(funding.pledgeAction, { slug, milestoneId: m2!.milestoneId!, amount: "200", currency: "EUR", idempotencyKey: key() }));
  signInAs(plain);
  await must("active", () => call(funding.setMilestoneStatusAction, { slug, milestoneId: m2!.milestoneId!, status: "active" }));
  await must("reached", () => call(funding.setMilestoneStatusAction, { slug, milestoneId: m2!.milestoneId!, status: "reached" }));
  const updateFields = { slug, milestoneId: m1!.milestoneId!, kind: "evidence", progress: "", area: "" };
  await must("update", () => call(funding.postUpdateAction, { ...updateFields, body: "Minutes of the street meeting.", idempotencyKey: key() }));
  await must("update 2", () => call(funding.postUpdateAction, { ...updateFields, body: "Off-topic.", idempotencyKey: key() }));
  const [update, hiddenUpdate] = await dbSystem().milestoneUpdate.findMany({
    where: { networkId: network.id, milestoneId: m1!.milestoneId! },
    orderBy: { body: "asc" },
    select: { id: true },
  });
  signInAs(broker);
  await must("hide update", () => call(funding.hideUpdateAction, { slug, updateId: hiddenUpdate!.id, reason: "Off-topic" }));

  // Gatherings: a series (its agenda's first item hosted by the member), a proposal, one past.
  const gatheringFields = {
    slug,
    title: `Gathering ${label}`,
    purpose: "We meet.",
    startsAt: local(3 * DAY),
    endsAt: local(3 * DAY + 2 * HOUR),
    timeZone: ZONE,
    mode: "hybrid",
    placeName: "Town hall",
    address: "Main street 1",
    accessibility: "",
    onlineUrl: "https://meet.example.org/secret",
    visibility: "members",
    capacity: "2",
    "agenda.0.title": "Welcome",
    "agenda.0.minutes": "30",
    "agenda.0.hostId": plain.id,
    "agenda.0.threadId": thread.id,
  };
  const planned = async (fields: Record<string, string>) => {
    const result = await call(gatherings.createGatheringAction, { ...fields, idempotencyKey: key() });
    expect(result.redirect, JSON.stringify(result)).toBeTruthy();
    return result.redirect!.split("/").at(-1)!;
  };
  const seriesFirst = await planned({ ...gatheringFields, title: `Series ${label}`, capacity: "", repeat: "weekly", repeatCount: "2" });
  const { seriesId } = await dbSystem().gathering.findFirstOrThrow({ where: { networkId: network.id, id: seriesFirst }, select: { seriesId: true } });
  const proposal = await dbSystem().gathering.create({
    data: {
      networkId: network.id,
      title: `Proposal ${label}`,
      startsAt: new Date(Date.now() + 5 * DAY),
      endsAt: new Date(Date.now() + 5 * DAY + 2 * HOUR),
      timeZone: ZONE,
      placeName: "Park",
      status: "proposed",
      createdById: plain.id,
    },
  });
  await dbSystem().gatheringHost.create({ data: { networkId: network.id, gatheringId: proposal.id, userId: plain.id } });
  const past = await dbSystem().gathering.create({
    data: {
      networkId: network.id,
      title: `Past ${label}`,
      startsAt: new Date(Date.now() - 2 * DAY),
      endsAt: new Date(Date.now() - 2 * DAY + 2 * HOUR),
      timeZone: ZONE,
      placeName: "Library",
      createdById: broker.id,
    },
  });
  await dbSystem().gatheringHost.create({ data: { networkId: network.id, gatheringId: past.id, userId: plain.id } });
  await dbSystem().rsvp.create({ data: { networkId: network.id, gatheringId: past.id, userId: plain.id, status: "going" } });
  await dbSystem().attendance.createMany({
    data: [
      { networkId: network.id, gatheringId: past.id, userId: plain.id, recordedById: plain.id },
      { networkId: network.id, gatheringId: past.id, guestName: "Jan from the library", recordedById: plain.id },
    ],
  });
  // A gathering of two days ago, hosted by the member, and its harvest: written, edited, published.
  const harvested = await dbSystem().gathering.create({
    data: {
      networkId: network.id,
      title: `Gathering of ${label}`,
      startsAt: new Date(Date.now() - 2 * DAY),
      endsAt: new Date(Date.now() - 2 * DAY + 2 * HOUR),
      timeZone: ZONE,
      createdById: broker.id,
    },
    select: { id: true },
  });
  await dbSystem().gatheringHost.create({ data: { networkId: network.id, gatheringId: harvested.id, userId: plain.id } });
  const harvests = await import("@/lib/harvests/actions");
  const harvestFields = {
    slug,
    gatheringId: harvested.id,
    agreements: "We meet again.",
    nextSteps: "",
    cycleId: cycle.id,
    "insight.0.body": "The street knows more than we do.",
    "insight.0.level": "network",
    "insight.0.area": "observations_facts",
    [`thread.${thread.id}`]: "on",
    [`milestone.${m1!.milestoneId!}`]: "on",
  };
  signInAs(plain);
  const draft = await must("harvest", () => call(harvests.saveHarvestAction, { ...harvestFields, version: "", summary: "We met." }));
  await must("harvest edit", () => call(harvests.saveHarvestAction, { ...harvestFields, version: draft!.version!, summary: "We met, twelve of us." }));
  await must("publish harvest", () => call(harvests.publishHarvestAction, { slug, gatheringId: harvested.id }));
  // Publishing moved the harvest's version on: an editor's form loaded now carries this one.
  const harvest = await dbSystem().harvest.findFirstOrThrow({ where: { networkId: network.id, gatheringId: harvested.id }, select: { updatedAt: true } });
  signInAs(null);

  // Gatherings: a members-only one the member is going to, and the member's calendar feeds.
  const starts = new Date(Date.now() + 7 * DAY);
  const gathering = await dbSystem().gathering.create({
    data: {
      networkId: network.id,
      title: `Gathering ${label}`,
      startsAt: starts,
      endsAt: new Date(starts.getTime() + 2 * HOUR),
      timeZone: ZONE,
      mode: "hybrid",
      placeName: "Buurthuis",
      onlineUrl: "https://meet.example/room",
      visibility: "members",
      createdById: broker.id,
    },
    select: { id: true },
  });
  await dbSystem().rsvp.create({ data: { networkId: network.id, gatheringId: gathering.id, userId: plain.id, status: "going" } });
  const memberFeedToken = randomBytes(32).toString("base64url");
  const personalFeedToken = randomBytes(32).toString("base64url");
  await dbSystem().membership.updateMany({ where: { networkId: network.id, userId: plain.id }, data: { calendarTokenHash: hashToken(memberFeedToken) } });
  await dbSystem().user.update({ where: { id: plain.id }, data: { calendarTokenHash: hashToken(personalFeedToken) } });
  // A read API token of the network, made by its broker (decision 047).
  const apiPrefix = randomBytes(4).toString("hex");
  const apiToken = `kring_${apiPrefix}_${randomBytes(32).toString("base64url")}`;
  const apiTokenRow = await dbSystem().apiToken.create({
    data: {
      networkId: network.id,
      name: `Website ${label}`,
      prefix: apiPrefix,
      tokenHash: hashToken(apiToken),
      scopes: ["threads", "cycles", "initiatives", "funding", "members", "gatherings", "exchange", "support"],
      expiresAt: new Date(Date.now() + 300 * DAY),
      createdById: broker.id,
    },
    select: { id: true },
  });
  // A webhook endpoint of the network and one delivery it took (decision 050).
  const webhook = await dbSystem().webhookEndpoint.create({
    data: {
      networkId: network.id,
      url: "https://127.0.0.1:9/hooks",
      description: `Automation ${label}`,
      events: ["reply_created", "milestone_status_changed"],
      secret: `whsec_${randomBytes(32).toString("base64")}`,
      createdById: broker.id,
    },
    select: { id: true },
  });
  const webhookDelivery = await dbSystem().webhookDelivery.create({
    data: {
      id: randomBytes(16).toString("hex"),
      networkId: network.id,
      endpointId: webhook.id,
      eventType: "reply_created",
      payload: { type: "reply.created", timestamp: new Date().toISOString(), data: { network: slug } },
      status: "delivered",
      attempts: 1,
      lastAttemptAt: new Date(),
      lastStatus: 204,
      deliveredAt: new Date(),
    },
    select: { id: true },
  });

  // Exchange and the support map (issue 20): a tag of the vocabulary, the member's request with the
  // other member's conversation on it, and one entry of the map.
  const exchangeTag = await dbSystem().exchangeTag.create({
    data: { networkId: network.id, slug: "facilitation", labelEn: "Facilitation", labelNl: "Facilitatie" },
    select: { id: true },
  });
  const post = await dbSystem().exchangePost.create({
    data: { networkId: network.id, authorId: plain.id, direction: "request", capital: "place", title: `A room ${label}`, tags: ["facilitation"], town: "Tilburg", expiresAt: new Date(Date.now() + 60 * DAY) },
    select: { id: true },
  });
  // The other member answers the request ("I can help"): the conversation and its first message.
  signInAs(other);
  const answered = await call(conversations.startConversationAction, { slug, postId: post.id, body: "We have a room.", idempotencyKey: key() });
  expect(answered.redirect, JSON.stringify(answered)).toMatch(/\/conversations\/[^/]+$/);
  const conversation = { id: answered.redirect!.split("/").at(-1)! };
  const supportEntry = await dbSystem().supportEntry.create({
    data: { networkId: network.id, provider: "Provincie", name: `Fund ${label}`, kinds: ["grant"], stages: ["pilot"], checkedAt: new Date(), suggestedById: broker.id },
    select: { id: true },
  });
  const supportSuggestion = await dbSystem().supportEntry.create({
    data: { networkId: network.id, provider: "Bibliotheek", name: `Meeting room ${label}`, kinds: ["space"], status: "suggested", suggestedById: plain.id },
    select: { id: true },
  });

  // The commons (issue 21): the member's lesson proposed for the commons, the member asked to
  // consent, and a question about an item the network shared.
  const commonsProposal = await dbSystem().commonsProposal.create({
    data: { networkId: network.id, kind: "lesson", sourceId: update!.id, title: `Lesson ${label}`, body: "What we learned.", proposedById: broker.id },
    select: { id: true },
  });
  await dbSystem().commonsConsent.create({ data: { networkId: network.id, proposalId: commonsProposal.id, userId: plain.id } });
  await dbSystem().commonsQuestion.create({
    data: { networkId: network.id, itemId: randomUUID(), askerId: outsider.id, body: "How did you start?" },
  });
  // Published (decision 043): the reached milestone's outcome, a shared copy anyone may read.
  const publishedProposal = await dbSystem().commonsProposal.create({
    data: { networkId: network.id, kind: "milestone_outcome", sourceId: m2!.milestoneId!, title: `Reached ${label}`, body: "We got there.", status: "published", attribution: "network", licence: "cc_by_4_0", publishedAt: new Date(), proposedById: broker.id },
    select: { id: true },
  });
  const commonsItem = await dbSystem().commonsItem.create({
    data: { sourceNetworkId: network.id, proposalId: publishedProposal.id, kind: "milestone_outcome", language: "en", title: `Reached ${label}`, body: "We got there.", bodyHtml: "<p>We got there.</p>", attribution: "network", licence: "cc_by_4_0", sourceName: `Network ${label}`, outcome: "reached" },
    select: { id: true },
  });
  await dbSystem().network.update({ where: { id: network.id }, data: { allowCommonsQuestions: label === "A" } });

  // Portability (issue 22): a ready export by the broker, downloadable for a day.
  const exportExpiresAt = new Date(Date.now() + DAY);
  const networkExport = await dbSystem().networkExport.create({
    data: { networkId: network.id, requestedById: broker.id, status: "ready", progress: 100, file: Buffer.from(`zip ${label}`), size: 5, sha256: "0".repeat(64), readyAt: new Date(), expiresAt: exportExpiresAt },
    select: { id: true },
  });
  // Portability (issue 22, decision 049): the record of an import, as if the network had come from another Kring.
  await dbSystem().networkImport.create({
    data: { networkId: network.id, exportId: randomUUID(), sourceNetworkId: randomUUID(), sourceSlug: slug, formatVersion: "1.1.0", appVersion: "0.1.0", sha256: "0".repeat(64) },
  });

  return {
    networkId: network.id,
    slug,
    broker,
    member: plain,
    funder,
    other,
    requester,
    targetUser,
    targetMembershipId: target.id,
    pendingMembershipId: pending.id,
    invitationId: inv.id,
    invitationToken: inv.token,
    addressedInvitationId: addressed.id,
    threadId: thread.id,
    lockedThreadId: locked.id,
    replyId: reply!.replyId!,
    otherReplyId: otherReply!.replyId!,
    hiddenReplyId: hidden!.replyId!,
    reportId: report.id,
    notificationId: notification.id,
    cycleId: cycle.id,
    iDeadline: times.iDeadline,
    weDeadline: times.weDeadline,
    roundId: round.id,
    reflectionId: reflection.id,
    consentAnswerId: consentAnswer.id,
    initiativeId: initiative.id,
    milestoneId: m1!.milestoneId!,
    reachedMilestoneId: m2!.milestoneId!,
    pledgeId: p1!.pledgeId!,
    reachedPledgeId: p2!.pledgeId!,
    updateId: update!.id,
    hiddenUpdateId: hiddenUpdate!.id,
    gatheringId: gathering.id,
    memberFeedToken,
    personalFeedToken,
    apiToken,
    apiTokenId: apiTokenRow.id,
    webhookEndpointId: webhook.id,
    webhookDeliveryId: webhookDelivery.id,
    supportEntryId: supportEntry.id,
    supportSuggestionId: supportSuggestion.id,
    seriesId: seriesId!,
    proposedGatheringId: proposal.id,
    pastGatheringId: past.id,
    harvestGatheringId: harvested.id,
    harvestVersion: String(harvest.updatedAt.getTime()),
    exchangeTagId: exchangeTag.id,
    exchangePostId: post.id,
    conversationId: conversation.id,
    commonsProposalId: commonsProposal.id,
    commonsItemId: commonsItem.id,
    exportId: networkExport.id,
    exportExpiresAt,
  };
}

export async function buildWorld(): Promise<World> {
  // From empty tables: the setup empties them before each test, not before a file, so a file
  // that ran earlier in this worker may have left its last test's rows (its "net-a" too).
  await restoreDatabase({ tables: await tableNames(), rows: new Map() });
  const outsider = await user("Outsider");
  const a = await populate("net-a", "A", outsider);
  const b = await populate("net-b", "B", outsider);
  resetRequest();
  return { a, b, outsider };
}

// ---------------------------------------------------------------- dump and restore

type Dump = { tables: string[]; rows: Map<string, string> };

async function tableNames(): Promise<string[]> {
  const rows = await dbSystem().$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables
    WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'
    ORDER BY tablename`;
  return rows.map((r) => r.tablename);
}

/** Every row of every table as JSON, to put the world back after an action changed it. */
export async function dumpDatabase(): Promise<Dump> {
  const tables = await tableNames();
  const rows = new Map<string, string>();
  for (const t of tables) {
    const [row] = await dbSystem().$queryRawUnsafe<{ rows: string | null }[]>(`SELECT json_agg(t)::text AS rows FROM "${t}" t`);
    if (row?.rows) rows.set(t, row.rows);
  }
  return { tables, rows };
}

/**
 * Empties every table and writes the dump back, in one transaction with triggers off (as
 * pg_restore --disable-triggers does): tables kept by triggers (rollups) come back from the
 * dump as they were, not counted a second time. The tables are emptied by DELETE from those that
 * hold rows, not by TRUNCATE: TRUNCATE makes new files for all of them and their indexes, which
 * cost a quarter to half a second per restore, and the matrix restores after every success. With
 * triggers off, foreign keys are not checked either, so the order does not matter (every table
 * ends empty; tests/setup/integration.ts empties them the same way before each test).
 */
export async function restoreDatabase(dump: Dump): Promise<void> {
  const filled = [...dump.rows.keys()];
  await dbSystem().$transaction(async (tx) => {
    // As the tables' owner: the application role may not turn triggers off or see every row.
    await tx.$executeRawUnsafe("SET LOCAL ROLE NONE");
    await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
    await tx.$executeRawUnsafe(`DO $$
      DECLARE t text; rows_in boolean;
      BEGIN
        FOREACH t IN ARRAY ARRAY[${dump.tables.map((t) => `'${t}'`).join(", ")}]::text[] LOOP
          EXECUTE format('SELECT EXISTS (SELECT FROM %I)', t) INTO rows_in;
          IF rows_in THEN EXECUTE format('DELETE FROM %I', t); END IF;
        END LOOP;
      END $$`);
    if (filled.length === 0) return;
    const parts = filled.map((t, i) => `w${i} AS (INSERT INTO "${t}" SELECT * FROM json_populate_recordset(NULL::"${t}", $${i + 1}::json))`);
    await tx.$executeRawUnsafe(`WITH ${parts.join(", ")} SELECT 1`, ...filled.map((t) => dump.rows.get(t)!));
  });
}

export const HOURS = { HOUR, DAY };

/** The tables whose rows differ between two snapshotDatabase() results. */
export function changedTables(before: string, after: string): string[] {
  const a = JSON.parse(before) as Record<string, unknown>;
  const b = JSON.parse(after) as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((t) => JSON.stringify(a[t]) !== JSON.stringify(b[t])).sort();
}
