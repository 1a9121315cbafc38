import "server-only";
import { recordAudit, type AuditAction } from "@/lib/audit/mutations";
import { db, type Tx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import type { Area, CommonsAttribution, CommonsKind, CommonsLicence, CommonsProposalStatus, GrowthStage, MilestoneStatus, NotificationKind } from "@/lib/db/generated/enums";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { renderMarkdown } from "@/lib/markdown/render";
import { can } from "@/lib/membership/policy";
import type { NetworkScope } from "@/lib/membership/scope";
import { sharedText } from "./anonymise";
import { SNAPSHOT_BODY_MAX, SNAPSHOT_TITLE_MAX } from "./limits";
import { emptiedCopy, isOpen, mayPropose, mayWithdraw, mostProtectiveAttribution, mostProtectiveLicence, SNAPSHOT_LABELS, statusAfterAnswers } from "./policy";
import type { AnswerInput, ProposeInput } from "./schema";

/**
 * Writes of sharing with the commons (decisions 043 and 044). A proposal snapshots a record of this
 * network as it stands; the people named in it are asked; one objection blocks it, everyone agreeing
 * makes it ready; a broker publishes it, which writes the shared copy (CommonsItem) anonymised as the
 * consenters chose; any consenter or broker withdraws it, which empties the copy. Every step is in
 * the audit log, and the people concerned hear of it through the one notification system.
 */

/** A record of this network that can be shared, read as its kind, and who is named in it. */
type Source = {
  title: string;
  body: string;
  /** The people named as its authors: asked for consent (none: the proposing broker is asked). */
  named: string[];
  /** May propose it without being a broker (authors of the record; for a synthesis also its writers). */
  authors: string[];
  facets: { area: Area | null; stage: GrowthStage | null; outcome: MilestoneStatus | null };
};

const CLOSED_OUTCOMES: readonly MilestoneStatus[] = ["reached", "learned", "dropped"];

function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}

function sections(parts: [string, string][]): string {
  return parts
    .filter(([, text]) => text.trim() !== "")
    .map(([heading, text]) => `**${heading}**\n\n${text.trim()}`)
    .join("\n\n");
}

/**
 * The record `sourceId` as a `kind` of this network, or `not_found`: an id of another kind (a
 * reflection's, say) or of another network finds nothing. A hidden lesson, an open cycle, a milestone
 * still under way, an unpublished harvest or an unlisted entry is `commons_not_shareable`.
 */
async function loadSource(tx: Tx, scope: NetworkScope, kind: CommonsKind, sourceId: string, locale: "en" | "nl"): Promise<Source> {
  const labels = SNAPSHOT_LABELS[locale];
  const where = { networkId: scope.networkId, id: sourceId };
  switch (kind) {
    case "lesson": {
      const u = await tx.milestoneUpdate.findFirst({
        where: { ...where, kind: "lesson" },
        select: { body: true, hiddenAt: true, authorId: true, area: true, milestone: { select: { title: true, stage: true } } },
      });
      if (u) {
        if (u.hiddenAt) throw new AppError("commons_not_shareable");
        const named = u.authorId ? [u.authorId] : [];
        return { title: u.milestone.title, body: u.body, named, authors: named, facets: { area: u.area, stage: u.milestone.stage, outcome: null } };
      }
      // The lessons log also holds the lessons of fulfilled offers and requests (decision 039): their
      // post is the source, its author the one named. Ids are unique across tables (cuid).
      const p = await tx.exchangePost.findFirst({
        where: { ...where, status: "fulfilled", lesson: { not: "" } },
        select: { title: true, lesson: true, authorId: true },
      });
      if (!p) throw new AppError("not_found");
      const named = p.authorId ? [p.authorId] : [];
      return { title: p.title, body: p.lesson, named, authors: named, facets: { area: null, stage: null, outcome: null } };
    }
    case "synthesis": {
      const c = await tx.cycle.findFirst({
        where,
        select: {
          title: true,
          question: true,
          focusArea: true,
          closedAt: true,
          revisions: { orderBy: { number: "desc" }, take: 1, select: { body: true } },
          consentRounds: { orderBy: { openedAt: "desc" }, take: 1, select: { answers: { select: { userId: true } } } },
        },
      });
      if (!c) throw new AppError("not_found");
      const revision = c.revisions[0];
      if (!c.closedAt || !revision) throw new AppError("commons_not_shareable");
      const answered = (c.consentRounds[0]?.answers ?? []).map((a) => a.userId);
      const writers = await tx.synthesisRevision.findMany({
        where: { networkId: scope.networkId, cycleId: sourceId, authorId: { not: null } },
        select: { authorId: true },
        distinct: ["authorId"],
      });
      return {
        title: c.title,
        body: `> **${labels.question}:** ${c.question}\n\n${revision.body}`,
        named: answered,
        authors: [...answered, ...writers.map((w) => w.authorId as string)],
        facets: { area: c.focusArea, stage: null, outcome: null },
      };
    }
    case "milestone_outcome": {
      const m = await tx.milestone.findFirst({
        where,
        select: { title: true, unlocks: true, status: true, closingNote: true, stage: true, initiative: { select: { team: { select: { userId: true } } } } },
      });
      if (!m) throw new AppError("not_found");
      if (!CLOSED_OUTCOMES.includes(m.status)) throw new AppError("commons_not_shareable");
      const outcome = m.status as "reached" | "learned" | "dropped";
      const team = m.initiative.team.map((t) => t.userId);
      return {
        title: m.title,
        body: `**${labels.outcome[outcome]}**\n\n${sections([
          [labels.unlocks, m.unlocks],
          [labels.closingNote[outcome], m.closingNote],
        ])}`,
        named: team,
        authors: team,
        facets: { area: null, stage: m.stage, outcome: m.status },
      };
    }
    case "harvest": {
      const h = await tx.harvest.findFirst({
        where,
        select: { summary: true, agreements: true, nextSteps: true, authorId: true, publishedAt: true, cycleId: true, gathering: { select: { title: true } } },
      });
      if (!h) throw new AppError("not_found");
      if (!h.publishedAt) throw new AppError("commons_not_shareable");
      const cycle = h.cycleId ? await tx.cycle.findFirst({ where: { networkId: scope.networkId, id: h.cycleId }, select: { focusArea: true } }) : null;
      const named = h.authorId ? [h.authorId] : [];
      return {
        title: h.gathering.title,
        body: sections([
          [labels.summary, h.summary],
          [labels.agreements, h.agreements],
          [labels.nextSteps, h.nextSteps],
        ]),
        named,
        authors: named,
        facets: { area: cycle?.focusArea ?? null, stage: null, outcome: null },
      };
    }
    case "support_entry": {
      const e = await tx.supportEntry.findFirst({
        where,
        select: { provider: true, name: true, description: true, eligibility: true, region: true, url: true, status: true, stages: true },
      });
      if (!e) throw new AppError("not_found");
      if (e.status !== "listed") throw new AppError("commons_not_shareable");
      return {
        title: e.name,
        body: [
          e.description.trim(),
          sections([
            [labels.provider, e.provider],
            [labels.eligibility, e.eligibility],
            [labels.region, e.region],
            [labels.link, e.url ? `<${e.url}>` : ""],
          ]),
        ]
          .filter(Boolean)
          .join("\n\n"),
        // A support entry names no author: the broker who proposes it answers for the network.
        named: [],
        authors: [],
        facets: { area: null, stage: e.stages.length === 1 ? (e.stages[0] ?? null) : null, outcome: null },
      };
    }
  }
}

async function networkOf(tx: Tx, scope: NetworkScope) {
  return tx.network.findUniqueOrThrow({ where: { id: scope.networkId }, select: { name: true, slug: true, locale: true, region: true } });
}

async function activeBrokers(tx: Tx, scope: NetworkScope): Promise<string[]> {
  const rows = await tx.membership.findMany({ where: { networkId: scope.networkId, status: "active", role: "broker" }, select: { userId: true } });
  return rows.map((r) => r.userId);
}

async function notify(tx: Tx, scope: NetworkScope, kind: NotificationKind, proposalId: string, userIds: Iterable<string>, key: string) {
  const to = [...new Set(userIds)].filter((id) => id !== scope.userId);
  if (to.length === 0) return;
  await tx.notification.createMany({
    data: to.map((userId) => ({
      networkId: scope.networkId,
      userId,
      kind,
      actorId: scope.userId,
      commonsProposalId: proposalId,
      dedupeKey: `${key}:${proposalId}`,
    })),
    skipDuplicates: true,
  });
}

async function audit(tx: Tx, scope: NetworkScope, action: AuditAction, proposal: { id: string; title: string; kind: CommonsKind }, extra: Record<string, string> = {}) {
  await recordAudit(tx, {
    networkId: scope.networkId,
    actorId: scope.userId,
    action,
    detail: { proposalId: proposal.id, title: proposal.title, kind: proposal.kind, ...extra },
  });
}

// ---------------------------------------------------------------- propose

/**
 * A broker, or an author of the record, proposes it for the commons. The title and body are
 * snapshotted as they stand; everyone named is asked (for a synthesis, everyone who answered its last
 * consent round; where nobody is named, the proposing broker). A double submit (the same idempotency
 * key) makes one proposal; a record already proposed or shared is `commons_already_shared`.
 */
export async function proposeForCommons(scope: NetworkScope, input: ProposeInput): Promise<{ id: string }> {
  if (!can(scope.role, "commons.propose")) throw new AppError("forbidden");
  const key = { networkId: scope.networkId, proposedById: scope.userId, idempotencyKey: input.idempotencyKey };
  const existing = () => db(scope).commonsProposal.findFirst({ where: key, select: { id: true } });
  const found = await existing();
  if (found) return found;
  try {
    return await db(scope).$transaction(async (tx) => {
      const network = await networkOf(tx, scope);
      const source = await loadSource(tx, scope, input.kind, input.sourceId, network.locale);
      if (!mayPropose(scope.role, source.authors.includes(scope.userId))) throw new AppError("forbidden");
      const asked = source.named.length > 0 ? [...new Set(source.named)] : [scope.userId];
      const proposal = await tx.commonsProposal.create({
        data: {
          networkId: scope.networkId,
          kind: input.kind,
          sourceId: input.sourceId,
          title: clip(source.title, SNAPSHOT_TITLE_MAX),
          body: clip(source.body, SNAPSHOT_BODY_MAX),
          proposedById: scope.userId,
          idempotencyKey: input.idempotencyKey,
          consents: { create: asked.map((userId) => ({ networkId: scope.networkId, userId })) },
        },
        select: { id: true, title: true, kind: true },
      });
      await audit(tx, scope, "commons.proposed", proposal);
      await notify(tx, scope, "commons_consent_asked", proposal.id, asked, "commons-asked");
      return { id: proposal.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const winner = await existing();
      if (winner) return winner;
      throw new AppError("commons_already_shared");
    }
    throw error;
  }
}

// ---------------------------------------------------------------- answer

type LockedProposal = {
  id: string;
  title: string;
  kind: CommonsKind;
  status: CommonsProposalStatus;
  proposedById: string | null;
};

/** Locks one proposal of this network (SELECT ... FOR UPDATE), so answers, publication and withdrawal take turns. */
async function lockProposal(tx: Tx, scope: NetworkScope, proposalId: string): Promise<LockedProposal> {
  const rows = await tx.$queryRaw<LockedProposal[]>`
    SELECT id, title, kind::text AS kind, status::text AS status, "proposedById"
    FROM "CommonsProposal" WHERE id = ${proposalId} AND "networkId" = ${scope.networkId} FOR UPDATE`;
  const proposal = rows[0];
  if (!proposal) throw new AppError("not_found");
  return proposal;
}

/**
 * A person asked agrees (with an attribution and a licence) or objects (with a reason). One objection
 * blocks the proposal (the proposer and brokers hear of it); the last agreement makes it ready, with
 * the most protective attribution and licence anyone chose (brokers hear of it). Someone not asked is
 * `commons_not_asked`; an answer is given once.
 */
export async function answerProposal(scope: NetworkScope, input: AnswerInput, now = new Date()): Promise<{ status: CommonsProposalStatus }> {
  if (!can(scope.role, "commons.answer")) throw new AppError("forbidden");
  return db(scope).$transaction(async (tx) => {
    const proposal = await lockProposal(tx, scope, input.proposalId);
    const consents = await tx.commonsConsent.findMany({
      where: { networkId: scope.networkId, proposalId: proposal.id },
      select: { id: true, userId: true, choice: true, attribution: true, licence: true },
    });
    const mine = consents.find((c) => c.userId === scope.userId);
    if (!mine) throw new AppError("commons_not_asked");
    if (proposal.status !== "asking") throw new AppError("commons_closed");
    if (mine.choice) throw new AppError("commons_already_answered");
    const agree = input.choice === "agree";
    await tx.commonsConsent.update({
      where: { id: mine.id, networkId: scope.networkId },
      data: {
        choice: input.choice,
        attribution: agree ? input.attribution : null,
        licence: agree ? input.licence : null,
        note: input.note,
        answeredAt: now,
      },
    });
    await audit(tx, scope, agree ? "commons.agreed" : "commons.objected", proposal, agree ? { attribution: input.attribution, licence: input.licence } : { reason: input.note });
    const answers = consents.map((c) => (c.id === mine.id ? { ...c, choice: input.choice, attribution: agree ? input.attribution : null, licence: agree ? input.licence : null } : c));
    const status = statusAfterAnswers(answers.map((a) => a.choice));
    if (status === "asking") return { status };
    const brokers = await activeBrokers(tx, scope);
    if (status === "blocked") {
      await tx.commonsProposal.update({
        where: { id: proposal.id, networkId: scope.networkId },
        data: { status: "blocked", activeSlot: null, decidedAt: now },
      });
      await notify(tx, scope, "commons_blocked", proposal.id, [...brokers, ...(proposal.proposedById ? [proposal.proposedById] : [])], "commons-blocked");
      return { status };
    }
    await tx.commonsProposal.update({
      where: { id: proposal.id, networkId: scope.networkId },
      data: {
        status: "ready",
        decidedAt: now,
        attribution: mostProtectiveAttribution(answers.map((a) => a.attribution as CommonsAttribution)),
        licence: mostProtectiveLicence(answers.map((a) => a.licence as CommonsLicence)),
      },
    });
    await notify(tx, scope, "commons_ready", proposal.id, brokers, "commons-ready");
    return { status };
  });
}

// ---------------------------------------------------------------- anonymising

/** Everyone who ever had a membership here, and the network: what anonymising removes. */
async function anonymiseContext(tx: Tx, scope: NetworkScope) {
  const [network, members] = await Promise.all([
    networkOf(tx, scope),
    tx.membership.findMany({ where: { networkId: scope.networkId }, select: { user: { select: { name: true } } } }),
  ]);
  const memberNames = members.map((m) => m.user.name ?? "").filter((n) => n.trim() !== "");
  return { network, memberNames };
}

// ---------------------------------------------------------------- publish

/**
 * A broker publishes a ready proposal (never before everyone asked agreed): the shared copy is
 * written once, anonymised in the chosen mode and rendered to HTML, with the network's language,
 * region and (unless anonymous) name, the names only when everyone agreed to be named, and the
 * record's facets. Later edits at the source never reach it. The consenters hear of it.
 */
export async function publishProposal(scope: NetworkScope, input: { proposalId: string }, now = new Date()): Promise<{ itemId: string }> {
  if (!can(scope.role, "commons.publish")) throw new AppError("forbidden");
  return db(scope).$transaction(async (tx) => {
    const locked = await lockProposal(tx, scope, input.proposalId);
    if (locked.status === "asking") throw new AppError("commons_not_ready");
    if (locked.status !== "ready") throw new AppError("commons_closed");
    const proposal = await tx.commonsProposal.findUniqueOrThrow({
      where: { id: locked.id, networkId: scope.networkId },
      select: { id: true, kind: true, sourceId: true, title: true, body: true, attribution: true, licence: true, consents: { select: { userId: true, choice: true } } },
    });
    if (!proposal.attribution || !proposal.licence || proposal.consents.some((c) => c.choice !== "agree")) throw new AppError("commons_not_ready");
    const context = await anonymiseContext(tx, scope);
    const text = sharedText(proposal, proposal.attribution, { ...context, publicUrl: env().publicUrl });
    // The facets are read from the record now; a record gone since the proposal shares none.
    const facets = await loadSource(tx, scope, proposal.kind, proposal.sourceId, context.network.locale).then(
      (s) => s.facets,
      () => ({ area: null, stage: null, outcome: null }),
    );
    const names =
      proposal.attribution === "names" && proposal.kind !== "support_entry"
        ? await tx.user.findMany({ where: { id: { in: proposal.consents.map((c) => c.userId) } }, select: { name: true }, orderBy: { name: "asc" } })
        : [];
    const item = await tx.commonsItem.create({
      data: {
        sourceNetworkId: scope.networkId,
        proposalId: proposal.id,
        kind: proposal.kind,
        language: context.network.locale,
        title: text.title,
        body: text.body,
        bodyHtml: renderMarkdown(text.body),
        attribution: proposal.attribution,
        licence: proposal.licence,
        sourceName: proposal.attribution === "anonymous" ? "" : context.network.name,
        region: context.network.region,
        authorNames: names.map((n) => n.name ?? "").filter(Boolean),
        area: facets.area,
        stage: facets.stage,
        outcome: facets.outcome,
        publishedAt: now,
      },
      select: { id: true },
    });
    await tx.commonsProposal.update({
      where: { id: proposal.id, networkId: scope.networkId },
      data: { status: "published", publishedById: scope.userId, publishedAt: now },
    });
    await audit(tx, scope, "commons.published", proposal, { itemId: item.id });
    await notify(tx, scope, "commons_published", proposal.id, proposal.consents.map((c) => c.userId), "commons-published");
    return { itemId: item.id };
  });
}

// ---------------------------------------------------------------- withdraw or cancel

/**
 * Takes a proposal back. Published: any consenter or a broker withdraws it; the shared copy keeps
 * its id, kind and dates and loses everything else (decision 043), so from the next request it is
 * gone from every commons page, search, pattern and feed. Still open: its proposer, a consenter or a
 * broker cancels it. Either way the record may be proposed again later, with new consent.
 */
export async function withdrawProposal(scope: NetworkScope, input: { proposalId: string }, now = new Date()): Promise<{ status: CommonsProposalStatus }> {
  if (!can(scope.role, "commons.answer")) throw new AppError("forbidden");
  return db(scope).$transaction(async (tx) => {
    const proposal = await lockProposal(tx, scope, input.proposalId);
    const consents = await tx.commonsConsent.findMany({ where: { networkId: scope.networkId, proposalId: proposal.id }, select: { userId: true } });
    const who = { isConsenter: consents.some((c) => c.userId === scope.userId), isProposer: proposal.proposedById === scope.userId };
    if (!isOpen(proposal.status) && proposal.status !== "published") throw new AppError("commons_closed");
    if (!mayWithdraw(scope.role, who, proposal.status)) throw new AppError("forbidden");
    const published = proposal.status === "published";
    const status = published ? "withdrawn" : "cancelled";
    await tx.commonsProposal.update({
      where: { id: proposal.id, networkId: scope.networkId },
      data: { status, activeSlot: null, withdrawnById: scope.userId, withdrawnAt: now },
    });
    if (published) {
      await tx.commonsItem.updateMany({
        where: { proposalId: proposal.id, sourceNetworkId: scope.networkId },
        data: emptiedCopy(now),
      });
    }
    await audit(tx, scope, published ? "commons.withdrawn" : "commons.cancelled", proposal);
    const told = [...consents.map((c) => c.userId), ...(proposal.proposedById ? [proposal.proposedById] : [])];
    if (published) await notify(tx, scope, "commons_withdrawn", proposal.id, told, "commons-withdrawn");
    return { status };
  });
}

// ---------------------------------------------------------------- a deleted account

/**
 * When a person deletes their account (lib/accounts/mutations.ts), inside its transaction: an open
 * proposal that asks them can no longer have everyone's consent, so it is cancelled; their answers
 * (and the reasons they gave) go; proposals they made, published or withdrew stay without them; and
 * a shared copy that names them no longer does. The copy's text is what everyone asked agreed to
 * and stays; whoever wants it gone withdraws it.
 */
export async function forgetPersonInCommons(tx: Tx, networkIds: string[], userId: string, name: string | null, now = new Date()) {
  if (networkIds.length === 0) return;
  const inTheirNetworks = { networkId: { in: networkIds } };
  const asked = await tx.commonsConsent.findMany({ where: { ...inTheirNetworks, userId }, select: { proposalId: true } });
  await tx.commonsProposal.updateMany({
    where: { ...inTheirNetworks, id: { in: asked.map((a) => a.proposalId) }, status: { in: ["asking", "ready"] } },
    data: { status: "cancelled", activeSlot: null, withdrawnAt: now },
  });
  await tx.commonsConsent.deleteMany({ where: { ...inTheirNetworks, userId } });
  await tx.commonsProposal.updateMany({ where: { ...inTheirNetworks, proposedById: userId }, data: { proposedById: null } });
  await tx.commonsProposal.updateMany({ where: { ...inTheirNetworks, publishedById: userId }, data: { publishedById: null } });
  await tx.commonsProposal.updateMany({ where: { ...inTheirNetworks, withdrawnById: userId }, data: { withdrawnById: null } });
  if (name) {
    await tx.$executeRaw`
      UPDATE "CommonsItem" SET "authorNames" = array_remove("authorNames", ${name})
      WHERE "sourceNetworkId" = ANY(${networkIds}::text[]) AND ${name} = ANY("authorNames")`;
  }
}
