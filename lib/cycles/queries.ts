import "server-only";
import { displayNames } from "@/lib/accounts/queries";
import { encodeCursor, type Cursor } from "@/lib/cursor";
import { db } from "@/lib/db/client";
import { htmlOf } from "@/lib/markdown/render";
import { Prisma } from "@/lib/db/generated/client";
import { can } from "@/lib/membership/policy";
import type { NetworkScope } from "@/lib/membership/scope";
import { cyclePhase, type CyclePhase } from "./phase";
import { canSeeReflection, mayRevealOthers } from "./policy";
import type { Area, ConsentChoice } from "./schema";

const cycleSelect = {
  id: true,
  title: true,
  question: true,
  focusArea: true,
  iDeadline: true,
  weDeadline: true,
  advancedToWeAt: true,
  closedAt: true,
  createdAt: true,
} as const;

/** The network's open (not closed) cycle with its phase now, or null. */
export async function findCurrentCycle(scope: NetworkScope, now = new Date()) {
  const cycle = await db(scope).cycle.findFirst({
    where: { networkId: scope.networkId, openSlot: true },
    select: cycleSelect,
  });
  return cycle ? { ...cycle, phase: cyclePhase(cycle, now) } : null;
}

/** The network's question, to prefill a new cycle ("is this the real question?"). */
export async function findWorkingQuestion(scope: NetworkScope): Promise<string> {
  const network = await db(scope).network.findUnique({ where: { id: scope.networkId }, select: { workingQuestion: true } });
  return network?.workingQuestion ?? "";
}

/**
 * How many of the people asked to reflect (active brokers and members) have submitted:
 * numbers only, for everyone in the network, funders included. One statement.
 */
export async function cycleParticipation(scope: NetworkScope, cycleId: string) {
  const rows = await db(scope).$queryRaw<{ submitted: number; eligible: number }[]>`
    SELECT count(r.id) FILTER (WHERE r."submittedAt" IS NOT NULL)::int AS submitted, count(m.id)::int AS eligible
    FROM "Membership" m
    LEFT JOIN "Reflection" r
      ON r."networkId" = m."networkId" AND r."cycleId" = ${cycleId} AND r."authorId" = m."userId"
    WHERE m."networkId" = ${scope.networkId} AND m.status = 'active' AND m.role IN ('broker', 'member')`;
  return rows[0] ?? { submitted: 0, eligible: 0 };
}

/** The viewer's own reflection in a cycle (draft or submitted), or null. Funders have none. */
export async function findOwnReflection(scope: NetworkScope, cycleId: string) {
  const own = await db(scope).reflection.findUnique({
    where: { networkId_cycleId_authorId: { networkId: scope.networkId, cycleId, authorId: scope.userId } },
    select: {
      id: true,
      authorId: true,
      body: true,
      bodyHtml: true,
      area: true,
      private: true,
      submittedAt: true,
      updatedAt: true,
      hiddenAt: true,
      hiddenReason: true,
    },
  });
  if (!own) return null;
  const { bodyHtml, hiddenAt, ...rest } = own;
  // Its author still sees a reflection a broker hid, with the notice (decision 027).
  const shown = { ...rest, html: htmlOf(bodyHtml, own.body), hidden: hiddenAt !== null };
  return canSeeReflection(scope, shown, { phase: "reflect", viewerSubmitted: own.submittedAt !== null }) ? shown : null;
}

export type VisibleReflection = {
  id: string;
  /** The text; "" when a broker hid it. */
  body: string;
  /** The body as sanitised HTML (stored when written); "" when a broker hid it. */
  html: string;
  /** Hidden by a broker: others (brokers too) see only the notice with the reason. */
  hidden: boolean;
  hiddenReason: string;
  area: Area;
  submittedAt: Date;
  authorName: string | null;
};

/**
 * Other people's reflections in a cycle, as this viewer may see them: nothing before
 * the viewer has submitted their own while the I phase lasts (brokers included), never
 * an "only for me" or draft reflection, and never anything for a funder. The viewer's own
 * reflection is not in the list (see findOwnReflection). Grouped by area, oldest first.
 */
export async function listVisibleReflections(
  scope: NetworkScope,
  cycleId: string,
  now = new Date(),
): Promise<{ phase: CyclePhase; revealed: boolean; reflections: VisibleReflection[] } | null> {
  return (await loadReflections(scope, cycleId, now))?.visible ?? null;
}

type OwnReflection = NonNullable<Awaited<ReturnType<typeof findOwnReflection>>>;

/** The viewer's own reflection's columns, as the loaders below read them beside the cycle. */
type OwnColumns = {
  ownId: string | null;
  ownAuthorId: string | null;
  ownBody: string | null;
  ownBodyHtml: string | null;
  ownArea: Area | null;
  ownPrivate: boolean | null;
  ownSubmittedAt: Date | null;
  ownUpdatedAt: Date | null;
  ownHiddenAt: Date | null;
  ownHiddenReason: string | null;
};

const OWN_COLUMNS = Prisma.sql`o.id AS "ownId", o."authorId" AS "ownAuthorId", o.body AS "ownBody", o."bodyHtml" AS "ownBodyHtml", o.area::text AS "ownArea",
  o.private AS "ownPrivate", o."submittedAt" AS "ownSubmittedAt", o."updatedAt" AS "ownUpdatedAt",
  o."hiddenAt" AS "ownHiddenAt", o."hiddenReason" AS "ownHiddenReason"`;

type Reflections = { own: OwnReflection | null; visible: { phase: CyclePhase; revealed: boolean; reflections: VisibleReflection[] } };

/**
 * The viewer's own reflection (as findOwnReflection shows it) and the others they may see (as
 * listVisibleReflections), from the own columns read beside the cycle: one more statement when
 * the others are revealed, none while they stay hidden.
 */
async function reflectionsFrom(scope: NetworkScope, cycleId: string, phase: CyclePhase, row: OwnColumns): Promise<Reflections> {
  const viewerSubmitted = row.ownSubmittedAt != null;
  const ownRow =
    row.ownId !== null
      ? {
          id: row.ownId,
          authorId: row.ownAuthorId!,
          body: row.ownBody!,
          html: htmlOf(row.ownBodyHtml, row.ownBody!),
          area: row.ownArea!,
          private: row.ownPrivate!,
          submittedAt: row.ownSubmittedAt,
          updatedAt: row.ownUpdatedAt!,
          hidden: row.ownHiddenAt != null,
          hiddenReason: row.ownHiddenReason ?? "",
        }
      : null;
  const own = ownRow && canSeeReflection(scope, ownRow, { phase: "reflect", viewerSubmitted }) ? ownRow : null;
  if (!mayRevealOthers(scope, phase, viewerSubmitted)) return { own, visible: { phase, revealed: false, reflections: [] } };
  // Others' shared, submitted reflections with their authors' names, in one statement; the
  // policy still decides per reflection below.
  const rows = await db(scope).$queryRaw<
    {
      id: string;
      authorId: string;
      body: string;
      bodyHtml: string | null;
      area: Area;
      private: boolean;
      submittedAt: Date;
      hiddenAt: Date | null;
      hiddenReason: string;
      authorName: string | null;
    }[]
  >`
    SELECT r.id, r."authorId", r.body, r."bodyHtml", r.area::text AS area, r.private, r."submittedAt",
           r."hiddenAt", r."hiddenReason", u.name AS "authorName"
    FROM "Reflection" r
    LEFT JOIN "User" u ON u.id = r."authorId"
    WHERE r."networkId" = ${scope.networkId} AND r."cycleId" = ${cycleId} AND r.private = false
      AND r."submittedAt" IS NOT NULL AND r."authorId" <> ${scope.userId}
    ORDER BY r.area, r."submittedAt", r.id`;
  const reflections = rows
    .filter((r) => canSeeReflection(scope, r, { phase, viewerSubmitted }))
    .map((r): VisibleReflection => {
      // A reflection a broker hid shows others (brokers too) only the notice (decision 027).
      const hidden = r.hiddenAt !== null;
      return {
        id: r.id,
        body: hidden ? "" : r.body,
        html: hidden ? "" : htmlOf(r.bodyHtml, r.body),
        hidden,
        hiddenReason: hidden ? r.hiddenReason : "",
        area: r.area,
        submittedAt: r.submittedAt,
        authorName: r.authorName,
      };
    });
  return { own, visible: { phase, revealed: true, reflections } };
}

/**
 * What the cycle page shows of the reflections: the viewer's own (as findOwnReflection) and the
 * others they may see (as listVisibleReflections), in two statements, one while the others stay
 * hidden. Null when the cycle is not in this network.
 */
export async function loadReflections(scope: NetworkScope, cycleId: string, now = new Date()): Promise<Reflections | null> {
  // The cycle's deadlines and the viewer's own reflection, in one statement.
  const [cycle] = await db(scope).$queryRaw<({ iDeadline: Date; weDeadline: Date; advancedToWeAt: Date | null; closedAt: Date | null } & OwnColumns)[]>`
    SELECT c."iDeadline", c."weDeadline", c."advancedToWeAt", c."closedAt", ${OWN_COLUMNS}
    FROM "Cycle" c
    LEFT JOIN "Reflection" o ON o."networkId" = c."networkId" AND o."cycleId" = c.id AND o."authorId" = ${scope.userId}
    WHERE c."networkId" = ${scope.networkId} AND c.id = ${cycleId}`;
  if (!cycle) return null;
  return reflectionsFrom(scope, cycleId, cyclePhase(cycle, now), cycle);
}

/**
 * The cycle page's reads: the network's open cycle with its phase (as findCurrentCycle), how many
 * have submitted (as cycleParticipation) and, for those who reflect, the reflections (as
 * loadReflections); one statement for the first three, one more when others' reflections are
 * revealed. Null when no cycle is open.
 */
export async function loadCyclePage(scope: NetworkScope, now = new Date()) {
  const [row] = await db(scope).$queryRaw<
    ({
      id: string;
      title: string;
      question: string;
      focusArea: Area | null;
      iDeadline: Date;
      weDeadline: Date;
      advancedToWeAt: Date | null;
      closedAt: Date | null;
      createdAt: Date;
      submitted: number;
      eligible: number;
    } & OwnColumns)[]
  >`
    SELECT c.id, c.title, c.question, c."focusArea"::text AS "focusArea", c."iDeadline", c."weDeadline",
           c."advancedToWeAt", c."closedAt", c."createdAt", p.submitted, p.eligible, ${OWN_COLUMNS}
    FROM "Cycle" c
    CROSS JOIN LATERAL (
      SELECT count(r.id) FILTER (WHERE r."submittedAt" IS NOT NULL)::int AS submitted, count(m.id)::int AS eligible
      FROM "Membership" m
      LEFT JOIN "Reflection" r ON r."networkId" = m."networkId" AND r."cycleId" = c.id AND r."authorId" = m."userId"
      WHERE m."networkId" = c."networkId" AND m.status = 'active' AND m.role IN ('broker', 'member')
    ) p
    LEFT JOIN "Reflection" o ON o."networkId" = c."networkId" AND o."cycleId" = c.id AND o."authorId" = ${scope.userId}
    WHERE c."networkId" = ${scope.networkId} AND c."openSlot" = true`;
  if (!row) return null;
  const {
    submitted,
    eligible,
    ownId,
    ownAuthorId,
    ownBody,
    ownBodyHtml,
    ownArea,
    ownPrivate,
    ownSubmittedAt,
    ownUpdatedAt,
    ownHiddenAt,
    ownHiddenReason,
    ...cycle
  } = row;
  const phase = cyclePhase(cycle, now);
  const own = { ownId, ownAuthorId, ownBody, ownBodyHtml, ownArea, ownPrivate, ownSubmittedAt, ownUpdatedAt, ownHiddenAt, ownHiddenReason };
  return {
    cycle: { ...cycle, phase },
    participation: { submitted, eligible },
    reflections: can(scope.role, "reflection.write") ? await reflectionsFrom(scope, cycle.id, phase, own) : null,
  };
}

// ---------- the WE phase: synthesis, consent, journey ----------

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
export async function latestRevisionNumber(scope: NetworkScope, cycleId: string): Promise<number> {
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

/** A consent answer's text as this viewer sees it: one a broker hid only for its author (decision 027). */
function answerText(scope: NetworkScope, a: { userId: string; text: string; hiddenAt: Date | null }): string {
  return a.hiddenAt !== null && a.userId !== scope.userId ? "" : a.text;
}

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
  const [counts] = await db(scope).$queryRaw<{ answered: number; eligible: number }[]>`
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
    text: answerText(scope, { ...r, hiddenAt }),
    hidden: hiddenAt !== null,
    name: names.get(r.userId) ?? null,
  }));
  return { ...round, participation, answers };
}

const JOURNEY_PAGE_SIZE = 10;

type JourneyConcern = {
  id: string;
  answer: "concern" | "object";
  /** "" when a broker hid it (its author still sees it). */
  text: string;
  hidden: boolean;
  hiddenReason: string;
  handledNote: string;
  name: string | null;
};

export type JourneyEntry = {
  id: string;
  title: string;
  question: string;
  closedAt: Date;
  synthesis: { body: string; html: string; number: number; citations: number } | null;
  participation: { submitted: number; eligible: number };
  /** Concerns and objections of the round the cycle closed on; null for funders. */
  concerns: JourneyConcern[] | null;
};

/**
 * The network's journey: its closed cycles, newest first, a page at a time (keyset on
 * closedAt, id): the question, the final synthesis (the latest revision), participation
 * and (for brokers and members) the concerns raised in the final consent round. Never a
 * reflection: citations are a count. A bounded number of statements per page.
 */
export async function listJourney(scope: NetworkScope, after?: Cursor, take = JOURNEY_PAGE_SIZE) {
  const cycles = await db(scope).cycle.findMany({
    where: {
      networkId: scope.networkId,
      closedAt: after ? { not: null, lte: after.at } : { not: null },
      ...(after ? { NOT: { closedAt: after.at, id: { gte: after.id } } } : {}),
    },
    orderBy: [{ closedAt: "desc" }, { id: "desc" }],
    take: take + 1,
    select: { id: true, title: true, question: true, closedAt: true },
  });
  const page = cycles.slice(0, take);
  const last = page.at(-1);
  const next = cycles.length > take && last?.closedAt ? encodeCursor({ at: last.closedAt, id: last.id }) : null;
  if (page.length === 0) return { items: [] as JourneyEntry[], next };
  const ids = Prisma.join(page.map((c) => c.id));
  const finals = await db(scope).$queryRaw<{ cycleId: string; number: number; body: string; bodyHtml: string | null; citations: number }[]>`
    SELECT DISTINCT ON (r."cycleId") r."cycleId", r.number, r.body, r."bodyHtml",
      (SELECT count(*)::int FROM "SynthesisCitation" c WHERE c."networkId" = r."networkId" AND c."revisionId" = r.id) AS citations
    FROM "SynthesisRevision" r
    WHERE r."networkId" = ${scope.networkId} AND r."cycleId" IN (${ids})
    ORDER BY r."cycleId", r.number DESC`;
  const participation = await db(scope).$queryRaw<{ cycleId: string; submitted: number; eligible: number }[]>`
    SELECT c.id AS "cycleId", count(r.id) FILTER (WHERE r."submittedAt" IS NOT NULL)::int AS submitted, count(m.id)::int AS eligible
    FROM "Cycle" c
    JOIN "Membership" m ON m."networkId" = c."networkId" AND m.status = 'active' AND m.role IN ('broker', 'member')
    LEFT JOIN "Reflection" r ON r."networkId" = c."networkId" AND r."cycleId" = c.id AND r."authorId" = m."userId"
    WHERE c."networkId" = ${scope.networkId} AND c.id IN (${ids})
    GROUP BY c.id`;
  let concerns: Map<string, JourneyConcern[]> | null = null;
  if (can(scope.role, "synthesis.read")) {
    concerns = new Map();
    const rounds =
      finals.length === 0
        ? []
        : await db(scope).consentRound.findMany({
            where: { networkId: scope.networkId, OR: finals.map((f) => ({ cycleId: f.cycleId, revisionNumber: f.number })) },
            select: {
              cycleId: true,
              answers: {
                where: { answer: { in: ["concern", "object"] } },
                orderBy: [{ createdAt: "asc" }, { id: "asc" }],
                select: { id: true, userId: true, answer: true, text: true, handledNote: true, hiddenAt: true, hiddenReason: true },
              },
            },
          });
    const names = await displayNames(rounds.flatMap((r) => r.answers.map((a) => a.userId)));
    for (const round of rounds) {
      concerns.set(
        round.cycleId,
        round.answers.map((a) => ({
          id: a.id,
          answer: a.answer === "object" ? "object" : "concern",
          text: answerText(scope, a),
          hidden: a.hiddenAt !== null,
          hiddenReason: a.hiddenReason,
          handledNote: a.handledNote,
          name: names.get(a.userId) ?? null,
        })),
      );
    }
  }
  const items = page.map(
    (c): JourneyEntry => {
      const final = finals.find((f) => f.cycleId === c.id);
      return {
        id: c.id,
        title: c.title,
        question: c.question,
        closedAt: c.closedAt as Date,
        synthesis: final ? { body: final.body, html: htmlOf(final.bodyHtml, final.body), number: final.number, citations: final.citations } : null,
        participation: participation.find((p) => p.cycleId === c.id) ?? { submitted: 0, eligible: 0 },
        concerns: concerns ? (concerns.get(c.id) ?? []) : null,
      };
    },
  );
  return { items, next };
}

/** A concern or objection of this network's journey, to start the next cycle from (brokers). */
export async function findJourneyConcern(scope: NetworkScope, answerId: string) {
  if (!can(scope.role, "cycle.open") || answerId.length > 64) return null;
  return db(scope).consentAnswer.findFirst({
    where: {
      networkId: scope.networkId,
      id: answerId,
      answer: { in: ["concern", "object"] },
      // A text a broker hid is no question to start from (decision 027).
      hiddenAt: null,
      round: { cycle: { closedAt: { not: null } } },
    },
    select: { id: true, text: true },
  });
}
