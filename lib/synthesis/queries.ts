import "server-only";
import { displayNames } from "@/lib/accounts/queries";
import type { Area, ConsentChoice } from "@/lib/cycles/limits";
import { db } from "@/lib/db/client";
import { htmlOf } from "@/lib/markdown/render";
import { can } from "@/lib/membership/policy";
import type { NetworkScope } from "@/lib/membership/scope";
import { answerTextFor } from "./policy";

// The WE phase of the open cycle as its page shows it (loadWePhase, read by loadCyclePage in
// lib/cycles/queries.ts): the synthesis, its revisions and the consent round.

/** A reflection the synthesis cites: where its anchor is and whose it is, never its text. */
export type CitedReflection = { id: string; area: Area; authorName: string | null };

/**
 * The cycle's current synthesis (its latest revision) with the reflections it cites, for
 * brokers and members; null for funders (they read the final synthesis in the journey) and
 * when nobody has written one yet. Citations point only at shared, submitted reflections.
 */
export async function findSynthesis(scope: NetworkScope, cycleId: string) {
  if (!can(scope.role, "synthesis.read")) return null;
  const latest = await db(scope).synthesisRevision.findFirst({
    where: { networkId: scope.networkId, cycleId },
    orderBy: { number: "desc" },
    select: {
      number: true,
      body: true,
      bodyHtml: true,
      authorId: true,
      createdAt: true,
      citations: {
        where: { reflection: { private: false, submittedAt: { not: null } } },
        select: { reflection: { select: { id: true, area: true, author: { select: { name: true } } } } },
        orderBy: { reflectionId: "asc" },
      },
    },
  });
  if (!latest) return null;
  const names = await displayNames([latest.authorId]);
  return {
    number: latest.number,
    body: latest.body,
    html: htmlOf(latest.bodyHtml, latest.body),
    createdAt: latest.createdAt,
    authorName: latest.authorId ? (names.get(latest.authorId) ?? null) : null,
    citations: latest.citations.map(
      (c): CitedReflection => ({ id: c.reflection.id, area: c.reflection.area, authorName: c.reflection.author.name }),
    ),
  };
}

/** The number of the latest revision (0 when none): what a new synthesis form is based on. */
async function latestRevisionNumber(scope: NetworkScope, cycleId: string): Promise<number> {
  const latest = await db(scope).synthesisRevision.findFirst({
    where: { networkId: scope.networkId, cycleId },
    orderBy: { number: "desc" },
    select: { number: true },
  });
  return latest?.number ?? 0;
}

/** Every revision of a cycle's synthesis, newest first: who saved it, when (no text). Brokers and members. */
export async function listRevisions(scope: NetworkScope, cycleId: string) {
  if (!can(scope.role, "synthesis.read")) return [];
  const rows = await db(scope).synthesisRevision.findMany({
    where: { networkId: scope.networkId, cycleId },
    orderBy: { number: "desc" },
    select: { number: true, authorId: true, createdAt: true },
  });
  const names = await displayNames(rows.map((r) => r.authorId));
  return rows.map((r) => ({ number: r.number, createdAt: r.createdAt, authorName: r.authorId ? (names.get(r.authorId) ?? null) : null }));
}

/** One revision and the text of its predecessor (for the diff); null when there is none or the viewer is a funder. */
export async function findRevision(scope: NetworkScope, cycleId: string, number: number) {
  if (!can(scope.role, "synthesis.read") || !Number.isSafeInteger(number) || number < 1) return null;
  const rows = await db(scope).synthesisRevision.findMany({
    where: { networkId: scope.networkId, cycleId, number: { in: [number, number - 1] } },
    select: { number: true, body: true, bodyHtml: true, authorId: true, createdAt: true },
  });
  const revision = rows.find((r) => r.number === number);
  if (!revision) return null;
  const names = await displayNames([revision.authorId]);
  return {
    number: revision.number,
    body: revision.body,
    html: htmlOf(revision.bodyHtml, revision.body),
    createdAt: revision.createdAt,
    authorName: revision.authorId ? (names.get(revision.authorId) ?? null) : null,
    previous: rows.find((r) => r.number === number - 1)?.body ?? null,
  };
}

type ConsentAnswerView = {
  id: string;
  userId: string;
  name: string | null;
  answer: ConsentChoice;
  /** The text; "" when a broker hid it, except for its author. */
  text: string;
  handledNote: string;
  /** Hidden by a broker: others (brokers too) see only the notice with the reason; its author the text too. */
  hidden: boolean;
  hiddenReason: string;
};

/** How many of the people asked (active brokers and members) answered a round. */
type RoundCountsRow = { answered: number; eligible: number };

/**
 * The cycle's latest consent round: which revision it asks about, whether it is open and
 * how many of the brokers and members have answered (numbers, for every role). The answers
 * themselves only for brokers and members.
 */
export async function findConsentRound(scope: NetworkScope, cycleId: string) {
  const round = await db(scope).consentRound.findFirst({
    where: { networkId: scope.networkId, cycleId },
    orderBy: [{ openedAt: "desc" }, { id: "desc" }],
    select: { id: true, revisionNumber: true, openedAt: true, closedAt: true },
  });
  if (!round) return null;
  const [counts] = await db(scope).$queryRaw<RoundCountsRow[]>`
    SELECT count(a.id)::int AS answered, count(m.id)::int AS eligible
    FROM "Membership" m
    LEFT JOIN "ConsentAnswer" a ON a."networkId" = m."networkId" AND a."roundId" = ${round.id} AND a."userId" = m."userId"
    WHERE m."networkId" = ${scope.networkId} AND m.status = 'active' AND m.role IN ('broker', 'member')`;
  const participation = counts ?? { answered: 0, eligible: 0 };
  if (!can(scope.role, "synthesis.read")) return { ...round, participation, answers: null };
  const rows = await db(scope).consentAnswer.findMany({
    where: { networkId: scope.networkId, roundId: round.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, userId: true, answer: true, text: true, handledNote: true, hiddenAt: true, hiddenReason: true },
  });
  const names = await displayNames(rows.map((r) => r.userId));
  const answers: ConsentAnswerView[] = rows.map(({ hiddenAt, ...r }) => ({
    ...r,
    text: answerTextFor(scope, { ...r, hiddenAt }),
    hidden: hiddenAt !== null,
    name: names.get(r.userId) ?? null,
  }));
  return { ...round, participation, answers };
}

/**
 * What the cycle page shows of the WE phase: the current synthesis, its revisions, the one
 * `?revision=N` names (with its predecessor's text for the diff), the latest consent round and
 * whether that round is on the latest revision and still open (`roundIsCurrent`: answers,
 * closing). Funders get the round's numbers and nothing of the text.
 */
export async function loadWePhase(scope: NetworkScope, cycleId: string, revision: number | null) {
  const [synthesis, revisions, round, shownRevision, latestNumber] = await Promise.all([
    findSynthesis(scope, cycleId),
    listRevisions(scope, cycleId),
    findConsentRound(scope, cycleId),
    revision === null ? Promise.resolve(null) : findRevision(scope, cycleId, revision),
    latestRevisionNumber(scope, cycleId),
  ]);
  const roundIsCurrent = round !== null && round.closedAt === null && round.revisionNumber === latestNumber;
  return { synthesis, revisions, round, roundIsCurrent, shownRevision };
}
