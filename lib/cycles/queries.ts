import "server-only";
import { displayNames } from "@/lib/accounts/queries";
import { encodeCursor, type Cursor } from "@/lib/cursor";
import { db } from "@/lib/db/client";
import { htmlOf } from "@/lib/markdown/render";
import { Prisma } from "@/lib/db/generated/client";
import { HARVESTS_OF_CYCLE, mentionsFrom } from "@/lib/harvests/queries";
import { can } from "@/lib/membership/policy";
import type { NetworkScope } from "@/lib/membership/scope";
import { answerTextFor } from "@/lib/synthesis/policy";
import { loadWePhase } from "@/lib/synthesis/queries";
import { cyclePhase, type CyclePhase } from "./phase";
import { canSeeReflection, mayRevealOthers } from "./policy";
import type { Area } from "./schema";
import type { Level } from "@/lib/dialogue/limits";

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
async function findWorkingQuestion(scope: NetworkScope): Promise<string> {
  const network = await db(scope).network.findUnique({ where: { id: scope.networkId }, select: { workingQuestion: true } });
  return network?.workingQuestion ?? "";
}

/**
 * How many of the people asked to reflect (active brokers and members) have submitted in cycle
 * `c`: numbers only, for everyone in the network, funders included. The one statement of it, a
 * lateral join after `FROM "Cycle" c` (the cycle page and the journey), giving `p.submitted`,
 * `p.eligible`.
 */
const PARTICIPATION = Prisma.sql`CROSS JOIN LATERAL (
      SELECT count(r.id) FILTER (WHERE r."submittedAt" IS NOT NULL)::int AS submitted, count(m.id)::int AS eligible
      FROM "Membership" m
      LEFT JOIN "Reflection" r ON r."networkId" = m."networkId" AND r."cycleId" = c.id AND r."authorId" = m."userId"
      WHERE m."networkId" = c."networkId" AND m.status = 'active' AND m.role IN ('broker', 'member')
    ) p`;

/** The viewer's own reflection in a cycle (draft or submitted), as its author sees it. Funders have none. */
export type OwnReflection = {
  id: string;
  authorId: string;
  body: string;
  /** The body as sanitised HTML (stored when written); its author sees it even when a broker hid it. */
  html: string;
  area: Area;
  private: boolean;
  submittedAt: Date | null;
  /** The version the reflection form carries (a save from an outdated form is a conflict). */
  updatedAt: Date;
  /** Hidden by a broker: its author sees the text with the notice and the reason (decision 027). */
  hidden: boolean;
  hiddenReason: string;
};

type VisibleReflection = {
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
 * What the cycle page shows a broker or member of the reflections: their own, and the others'
 * as lib/cycles/policy.ts lets them see those: nothing before they submitted their own while the
 * I phase lasts, never an "only for me" or draft reflection. The own is not among the others.
 */
type Reflections = { own: OwnReflection | null; visible: { phase: CyclePhase; revealed: boolean; reflections: VisibleReflection[] } };

/** The viewer's own reflection's columns, as the page's loader reads them beside the cycle. */
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

/** Another person's shared, submitted reflection with its author's name, before the policy decides. */
type OthersReflectionRow = {
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
};

/**
 * The viewer's own reflection and the others they may see, from the own columns read beside the
 * cycle: one more statement when the others are revealed, none while they stay hidden.
 */
async function reflectionsFrom(scope: NetworkScope, cycleId: string, phase: CyclePhase, row: OwnColumns): Promise<Reflections> {
  const viewerSubmitted = row.ownSubmittedAt != null;
  const ownRow: OwnReflection | null =
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
  const rows = await db(scope).$queryRaw<OthersReflectionRow[]>`
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

/** The open cycle, how many have submitted, and the viewer's own reflection, as one row. */
type CyclePageRow = {
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
  /** The gatherings whose published harvest names this cycle (HARVESTS_OF_CYCLE). */
  harvests: unknown;
} & OwnColumns;

/**
 * The cycle page's one loader: the network's open cycle with its phase (as findCurrentCycle), how
 * many have submitted (and the gatherings whose harvest names the cycle), for those who reflect the reflections (their own and the others' they may
 * see), and from the WE phase on the synthesis and consent round (`we`, lib/synthesis/queries.ts;
 * `revision` is the one `?revision=N` shows). One statement for the cycle, participation and the
 * own reflection; one more when others' reflections are revealed; the WE phase's after the I
 * phase. Null when no cycle is open.
 */
export async function loadCyclePage(scope: NetworkScope, now = new Date(), revision: number | null = null) {
  const [row] = await db(scope).$queryRaw<CyclePageRow[]>`
    SELECT c.id, c.title, c.question, c."focusArea"::text AS "focusArea", c."iDeadline", c."weDeadline",
           c."advancedToWeAt", c."closedAt", c."createdAt", p.submitted, p.eligible, ${OWN_COLUMNS},
           ${HARVESTS_OF_CYCLE} AS harvests
    FROM "Cycle" c
    ${PARTICIPATION}
    LEFT JOIN "Reflection" o ON o."networkId" = c."networkId" AND o."cycleId" = c.id AND o."authorId" = ${scope.userId}
    WHERE c."networkId" = ${scope.networkId} AND c."openSlot" = true`;
  if (!row) return null;
  const {
    submitted,
    eligible,
    harvests,
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
  const [reflections, we] = await Promise.all([
    can(scope.role, "reflection.write") ? reflectionsFrom(scope, cycle.id, phase, own) : Promise.resolve(null),
    phase === "reflect" ? Promise.resolve(null) : loadWePhase(scope, cycle.id, revision),
  ]);
  // "This gathering opened cycle 3": the gatherings whose harvest names the cycle (decision 038).
  return { cycle: { ...cycle, phase }, participation: { submitted, eligible }, reflections, we, harvests: mentionsFrom(scope, harvests) };
}

/** What the cycle page shows when a cycle is open. */
export type CyclePage = NonNullable<Awaited<ReturnType<typeof loadCyclePage>>>;
/** The WE phase's part of it (from the end of the I phase on). */
export type WePhase = NonNullable<CyclePage["we"]>;

/**
 * The new-cycle page's one loader (brokers): whether a cycle is open already, the network's
 * working question to prefill, and the journey's concern `?from=` names, whose text replaces it.
 */
export async function loadNewCyclePage(scope: NetworkScope, fromConcernId: string | null) {
  const [current, question, concern] = await Promise.all([
    findCurrentCycle(scope),
    findWorkingQuestion(scope),
    fromConcernId ? findJourneyConcern(scope, fromConcernId) : Promise.resolve(null),
  ]);
  return { current, question: concern?.text ?? question, fromConcernId: concern?.id ?? "" };
}

// ---------- the journey: closed cycles ----------


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
 * A gathering's published harvest in the journey, beside the closed cycles, at the gathering's
 * start: what happened and its insights (decision 038). Brokers and members only.
 */
export type JourneyHarvest = {
  id: string;
  gatheringId: string;
  title: string;
  startsAt: Date;
  summaryHtml: string;
  insights: { id: string; body: string; level: Level; area: Area }[];
};

/** One row of the journey's timeline: a closed cycle, or (with its text) a published harvest. */
type TimelineRow = {
  kind: "cycle" | "harvest";
  id: string;
  at: Date;
  title: string;
  question: string | null;
  gatheringId: string | null;
  summary: string | null;
  summaryHtml: string | null;
  insights: [string, string, Level, Area][] | null;
};

/** A closed cycle's final synthesis (its latest revision) and how many reflections it cites. */
type FinalRevisionRow = { cycleId: string; number: number; body: string; bodyHtml: string | null; citations: number };
/** How many had submitted in a closed cycle, counted against today's active brokers and members. */
type JourneyParticipationRow = { cycleId: string; submitted: number; eligible: number };

/**
 * The network's journey (its page's one loader): its closed cycles and, for brokers and members,
 * the published harvests of its gatherings (at the gathering's start), newest first, a page at a
 * time (keyset on the moment and the id over both, in one statement): for a cycle the question, the
 * final synthesis (the latest revision), participation and (for brokers and members) the concerns
 * raised in the final consent round; for a harvest what happened and its insights. Never a
 * reflection: citations are a count. A bounded number of statements per page. `items` are the
 * cycles, `harvests` the harvests of the same page: the page shows them together by date.
 */
export async function listJourney(scope: NetworkScope, after?: Cursor, take = JOURNEY_PAGE_SIZE) {
  const withHarvests = can(scope.role, "harvest.read");
  const before = after ? Prisma.sql`WHERE (j.at, j.id) < (${after.at}, ${after.id})` : Prisma.empty;
  const rows = await db(scope).$queryRaw<TimelineRow[]>`
    SELECT j.* FROM (
      SELECT 'cycle'::text AS kind, c.id, c."closedAt" AS at, c.title, c.question, NULL::text AS "gatheringId",
             NULL::text AS summary, NULL::text AS "summaryHtml", NULL::json AS insights
      FROM "Cycle" c WHERE c."networkId" = ${scope.networkId} AND c."closedAt" IS NOT NULL
      UNION ALL
      SELECT 'harvest', h.id, g."startsAt", g.title, NULL, g.id, h.summary, h."summaryHtml",
             COALESCE((SELECT json_agg(json_build_array(i.id, i.body, i.level, i.area) ORDER BY i.position)
                       FROM "HarvestInsight" i WHERE i."networkId" = h."networkId" AND i."harvestId" = h.id), '[]'::json)
      FROM "Harvest" h JOIN "Gathering" g ON g."networkId" = h."networkId" AND g.id = h."gatheringId"
      WHERE h."networkId" = ${scope.networkId} AND h."publishedAt" IS NOT NULL AND ${withHarvests}
    ) j
    ${before}
    ORDER BY j.at DESC, j.id DESC
    LIMIT ${take + 1}`;
  const window = rows.slice(0, take);
  const last = window.at(-1);
  const next = rows.length > take && last ? encodeCursor({ at: last.at, id: last.id }) : null;
  const harvests = window
    .filter((r) => r.kind === "harvest")
    .map(
      (r): JourneyHarvest => ({
        id: r.id,
        gatheringId: r.gatheringId!,
        title: r.title,
        startsAt: r.at,
        summaryHtml: htmlOf(r.summaryHtml, r.summary ?? ""),
        insights: (r.insights ?? []).map(([id, body, level, area]) => ({ id, body, level, area })),
      }),
    );
  const page = window.filter((r) => r.kind === "cycle").map((r) => ({ id: r.id, title: r.title, question: r.question ?? "", closedAt: r.at }));
  if (page.length === 0) return { items: [] as JourneyEntry[], harvests, next };
  const ids = Prisma.join(page.map((c) => c.id));
  const finals = await db(scope).$queryRaw<FinalRevisionRow[]>`
    SELECT DISTINCT ON (r."cycleId") r."cycleId", r.number, r.body, r."bodyHtml",
      (SELECT count(*)::int FROM "SynthesisCitation" c WHERE c."networkId" = r."networkId" AND c."revisionId" = r.id) AS citations
    FROM "SynthesisRevision" r
    WHERE r."networkId" = ${scope.networkId} AND r."cycleId" IN (${ids})
    ORDER BY r."cycleId", r.number DESC`;
  const participation = await db(scope).$queryRaw<JourneyParticipationRow[]>`
    SELECT c.id AS "cycleId", p.submitted, p.eligible
    FROM "Cycle" c
    ${PARTICIPATION}
    WHERE c."networkId" = ${scope.networkId} AND c.id IN (${ids})`;
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
          text: answerTextFor(scope, a),
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
        closedAt: c.closedAt,
        synthesis: final ? { body: final.body, html: htmlOf(final.bodyHtml, final.body), number: final.number, citations: final.citations } : null,
        participation: participation.find((p) => p.cycleId === c.id) ?? { submitted: 0, eligible: 0 },
        concerns: concerns ? (concerns.get(c.id) ?? []) : null,
      };
    },
  );
  return { items, harvests, next };
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
