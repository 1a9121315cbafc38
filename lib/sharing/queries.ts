import "server-only";
import { db } from "@/lib/db/client";
import type { CommonsAttribution, CommonsConsentChoice, CommonsKind, CommonsLicence, CommonsProposalStatus } from "@/lib/db/generated/enums";
import { env } from "@/lib/env";
import { renderMarkdown } from "@/lib/markdown/render";
import { can } from "@/lib/membership/policy";
import type { NetworkScope } from "@/lib/membership/scope";
import { sharedText } from "./anonymise";
import { PROPOSALS_PAGE_SIZE } from "./limits";
import { mayWithdraw } from "./policy";

/**
 * Reads of sharing with the commons (decision 044), always inside one network: the sharing page's
 * list, one proposal with its consents and its text before and after anonymising, and which records
 * of a page are already proposed or shared (for its "Share with the commons" buttons).
 */

export type ProposalSummary = {
  id: string;
  kind: CommonsKind;
  title: string;
  status: CommonsProposalStatus;
  createdAt: Date;
  proposedByName: string | null;
  /** How many of the people asked have agreed, and how many were asked. */
  agreed: number;
  asked: number;
  /** The viewer is asked and has not answered yet. */
  waitsForMe: boolean;
};

/**
 * The sharing page (`/n/<slug>/sharing`): a broker sees every proposal of the network, anyone else
 * those they proposed or are asked about; newest first, one statement.
 */
export async function loadSharingPage(scope: NetworkScope): Promise<{ proposals: ProposalSummary[]; may: { publish: boolean } }> {
  const broker = can(scope.role, "commons.publish");
  const rows = await db(scope).commonsProposal.findMany({
    where: broker
      ? { networkId: scope.networkId }
      : { networkId: scope.networkId, OR: [{ proposedById: scope.userId }, { consents: { some: { userId: scope.userId } } }] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: PROPOSALS_PAGE_SIZE,
    select: {
      id: true,
      kind: true,
      title: true,
      status: true,
      createdAt: true,
      proposedById: true,
      consents: { select: { userId: true, choice: true } },
    },
  });
  const proposerIds = [...new Set(rows.map((r) => r.proposedById).filter((id): id is string => !!id))];
  const proposers = proposerIds.length
    ? await db(scope).user.findMany({ where: { id: { in: proposerIds } }, select: { id: true, name: true } })
    : [];
  const nameOf = new Map(proposers.map((u) => [u.id, u.name]));
  return {
    may: { publish: broker },
    proposals: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      status: r.status,
      createdAt: r.createdAt,
      proposedByName: r.proposedById ? (nameOf.get(r.proposedById) ?? null) : null,
      agreed: r.consents.filter((c) => c.choice === "agree").length,
      asked: r.consents.length,
      waitsForMe: r.status === "asking" && r.consents.some((c) => c.userId === scope.userId && c.choice === null),
    })),
  };
}

type ConsentView = {
  userId: string;
  name: string | null;
  choice: CommonsConsentChoice | null;
  attribution: CommonsAttribution | null;
  licence: CommonsLicence | null;
  note: string;
  answeredAt: Date | null;
};

export type ProposalDetail = {
  id: string;
  kind: CommonsKind;
  status: CommonsProposalStatus;
  title: string;
  /** The snapshot as proposed, rendered. */
  html: string;
  attribution: CommonsAttribution | null;
  licence: CommonsLicence | null;
  createdAt: Date;
  publishedAt: Date | null;
  withdrawnAt: Date | null;
  proposedByName: string | null;
  consents: ConsentView[];
  mine: ConsentView | null;
  /** The text as the commons would hold it in the two modes that anonymise. */
  /**
   * The text as the commons would hold it: one preview per distinct text, with the modes that give
   * it (network only, anonymous), so a text without the network's name is shown once, not twice.
   */
  previews: { modes: ("network" | "anonymous")[]; title: string; html: string }[];
  itemId: string | null;
  may: { answer: boolean; publish: boolean; withdraw: boolean };
};

/**
 * One proposal, for a broker or someone it concerns (the proposer, a person asked); anyone else
 * gets null, as for a proposal that does not exist. The previews are anonymised with the member list
 * as it is now; publication anonymises again with the list as it is then.
 */
export async function loadProposal(
  scope: NetworkScope,
  proposalId: string,
  network: { name: string; slug: string; locale: "en" | "nl" },
): Promise<ProposalDetail | null> {
  const [p, members] = await Promise.all([
    db(scope).commonsProposal.findFirst({
      where: { networkId: scope.networkId, id: proposalId },
      select: {
        id: true,
        kind: true,
        status: true,
        title: true,
        body: true,
        attribution: true,
        licence: true,
        createdAt: true,
        publishedAt: true,
        withdrawnAt: true,
        proposedById: true,
        consents: {
          orderBy: { createdAt: "asc" },
          select: { userId: true, choice: true, attribution: true, licence: true, note: true, answeredAt: true },
        },
      },
    }),
    // Everyone who ever had a membership here, with their names: what anonymising removes (one statement).
    db(scope).$queryRaw<{ userId: string; name: string | null }[]>`
      SELECT m."userId", u.name FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE m."networkId" = ${scope.networkId}`,
  ]);
  if (!p) return null;
  // The shared copy's address, once published.
  const item = p.status === "published" ? await db(scope).commonsItem.findUnique({ where: { proposalId: p.id }, select: { id: true } }) : null;
  const broker = can(scope.role, "commons.publish");
  const isConsenter = p.consents.some((c) => c.userId === scope.userId);
  const isProposer = p.proposedById === scope.userId;
  if (!broker && !isConsenter && !isProposer) return null;
  const nameOf = new Map(members.map((m) => [m.userId, m.name]));
  const consents = p.consents.map((c) => ({ ...c, name: nameOf.get(c.userId) ?? null }));
  const context = { network, memberNames: members.map((m) => m.name ?? "").filter((n) => n.trim() !== ""), publicUrl: env().publicUrl };
  const preview = (mode: "network" | "anonymous") => {
    const text = sharedText(p, mode, context);
    return { title: text.title, html: renderMarkdown(text.body) };
  };
  const mine = consents.find((c) => c.userId === scope.userId) ?? null;
  return {
    id: p.id,
    kind: p.kind,
    status: p.status,
    title: p.title,
    html: renderMarkdown(p.body),
    attribution: p.attribution,
    licence: p.licence,
    createdAt: p.createdAt,
    publishedAt: p.publishedAt,
    withdrawnAt: p.withdrawnAt,
    proposedByName: p.proposedById ? (nameOf.get(p.proposedById) ?? null) : null,
    consents,
    mine,
    previews: distinctPreviews(preview("network"), preview("anonymous")),
    itemId: item?.id ?? null,
    may: {
      answer: p.status === "asking" && mine !== null && mine.choice === null && can(scope.role, "commons.answer"),
      publish: p.status === "ready" && broker,
      withdraw: can(scope.role, "commons.answer") && mayWithdraw(scope.role, { isConsenter, isProposer }, p.status),
    },
  };
}

function distinctPreviews(network: { title: string; html: string }, anonymous: { title: string; html: string }): ProposalDetail["previews"] {
  if (network.title === anonymous.title && network.html === anonymous.html) return [{ modes: ["network", "anonymous"], ...anonymous }];
  return [
    { modes: ["network"], ...network },
    { modes: ["anonymous"], ...anonymous },
  ];
}

/** What a page's "Share with the commons" shows for a record: nothing yet, or the open or published proposal. */
export type ShareState = { proposalId: string; status: CommonsProposalStatus };

/**
 * The open and published proposals of `sourceIds` (of one kind), by source id: one statement, so a
 * page of lessons or milestones knows which are already proposed or shared.
 */
export async function shareStates(scope: NetworkScope, kind: CommonsKind, sourceIds: readonly string[]): Promise<Map<string, ShareState>> {
  if (sourceIds.length === 0 || !can(scope.role, "commons.view")) return new Map();
  const rows = await db(scope).commonsProposal.findMany({
    where: { networkId: scope.networkId, kind, sourceId: { in: [...sourceIds] }, activeSlot: true },
    select: { id: true, sourceId: true, status: true },
  });
  return new Map(rows.map((r) => [r.sourceId, { proposalId: r.id, status: r.status }]));
}

/**
 * Which of a journey page's syntheses and harvests the viewer is an author of, as the proposal counts
 * authors (lib/sharing/mutations.ts): a synthesis they wrote a revision of or answered its last
 * consent round on, a harvest they wrote. A member proposes those for the commons; a broker proposes
 * any. One statement, bounded by the page.
 */
export async function authoredOnJourney(scope: NetworkScope, cycleIds: readonly string[], harvestIds: readonly string[]): Promise<Set<string>> {
  if ((cycleIds.length === 0 && harvestIds.length === 0) || !can(scope.role, "commons.propose")) return new Set();
  const n = scope.networkId;
  const u = scope.userId;
  const rows = await db(scope).$queryRaw<{ id: string }[]>`
    SELECT c.id FROM "Cycle" c
    WHERE c."networkId" = ${n} AND c.id = ANY(${[...cycleIds, ""]}::text[])
      AND (EXISTS (SELECT 1 FROM "SynthesisRevision" r WHERE r."networkId" = ${n} AND r."cycleId" = c.id AND r."authorId" = ${u})
        OR EXISTS (SELECT 1 FROM "ConsentAnswer" a
          WHERE a."networkId" = ${n} AND a."userId" = ${u} AND a."roundId" = (
            SELECT cr.id FROM "ConsentRound" cr WHERE cr."networkId" = ${n} AND cr."cycleId" = c.id ORDER BY cr."openedAt" DESC LIMIT 1)))
    UNION ALL
    SELECT h.id FROM "Harvest" h
    WHERE h."networkId" = ${n} AND h.id = ANY(${[...harvestIds, ""]}::text[]) AND h."authorId" = ${u}`;
  return new Set(rows.map((r) => r.id));
}

/** How many proposals wait for the viewer's answer (the home's "waits for you"). */
export async function countConsentsWaiting(scope: NetworkScope): Promise<number> {
  if (!can(scope.role, "commons.answer")) return 0;
  return db(scope).commonsConsent.count({
    where: { networkId: scope.networkId, userId: scope.userId, choice: null, proposal: { status: "asking" } },
  });
}
