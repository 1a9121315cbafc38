import "server-only";
import { cyclePhase, weStartsAt, type CyclePhase } from "@/lib/cycles/phase";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { MilestoneStatus, Role, Visibility } from "@/lib/db/generated/enums";
import { visibleTo } from "@/lib/exchange/policy";
import { can } from "@/lib/membership/policy";
import type { NetworkRef, NetworkScope } from "@/lib/membership/scope";

/**
 * The network home's one loader (issue 18 item 1): a living overview, different per role.
 *
 * - Brokers, members and funders: what happened since their last visit (`SINCE` below: the page
 *   never writes, a client component records the visit after render through lib/home/actions.ts,
 *   and a visit keeps its window until the person stays away VISIT_GAP_MINUTES), their next step, and what is coming. Brokers also
 *   get what waits for them and, for a new network, the first steps; funders the milestones
 *   they back. Never a reflection: the home names a cycle and its phase, no one's text.
 * - Visitors (anyone without an active membership) of a public network: its journey of closed
 *   cycles, its lessons, its initiatives with their milestones and, when its broker allows it,
 *   the titles of its threads. A listed network shows visitors nothing beyond its text.
 *
 * Two statements for a member (one row of state, one list of items, sent together), one for a
 * visitor, none for a visitor of a listed network: the same whatever the data size, every
 * list limited (`LIMITS`), each with a link to the page that pages through all of it.
 */

/** How many rows each list of the home shows at most. */
export const LIMITS = {
  newThreads: 5,
  replies: 5,
  followed: 3,
  milestonesClosed: 5,
  lessons: 5,
  due: 5,
  overdue: 5,
  backed: 10,
  journey: 5,
  harvests: 3,
  posts: 3,
  initiatives: 5,
  milestonesPerInitiative: 5,
  threadTitles: 10,
  gatherings: 5,
} as const;

/** How far ahead "what is coming" looks for milestone target dates. */
const DUE_WINDOW_DAYS = 60;

type HomeCycle = {
  id: string;
  title: string;
  phase: CyclePhase;
  iDeadline: Date;
  weDeadline: Date;
  createdAt: Date;
  /** When the WE phase started (or starts). */
  weStartsAt: Date;
};

/** Something that happened since the viewer's last visit. */
export type HomeEvent =
  | { kind: "thread"; id: string; title: string; at: Date; replies: number }
  | { kind: "replies"; threadId: string; title: string; at: Date; count: number; firstReplyId: string | null }
  | { kind: "cycle_opened"; cycleId: string; title: string; at: Date }
  | { kind: "cycle_we"; cycleId: string; title: string; at: Date }
  | { kind: "cycle_closed"; cycleId: string; title: string; at: Date }
  /** A gathering's harvest was published (brokers and members; `id` is the gathering's). */
  | { kind: "harvest"; id: string; title: string; at: Date }
  /** An offer or a request posted by someone else, still open (only those shown to the viewer's role). */
  | { kind: "post"; id: string; title: string; direction: "offer" | "request"; at: Date }
  | { kind: "milestone"; id: string; title: string; status: "reached" | "learned"; initiativeId: string; initiativeName: string; at: Date }
  | { kind: "lesson"; id: string; milestoneTitle: string; initiativeId: string; initiativeName: string; excerpt: string; at: Date };

/** The viewer's next step, most pressing first. */
export type HomeStep =
  | { kind: "reflect"; cycleId: string; title: string; closes: Date }
  | { kind: "consent"; cycleId: string; title: string }
  /** Proposals to share with the commons that ask for the viewer's answer. */
  | { kind: "commons"; count: number }
  | { kind: "followed"; threadId: string; title: string; count: number; firstReplyId: string | null };

/** What is coming: a cycle deadline or a milestone's target date. */
export type HomeComing =
  | { kind: "i_deadline" | "we_deadline"; cycleId: string; title: string; at: Date }
  | { kind: "milestone_due"; id: string; title: string; initiativeId: string; initiativeName: string; at: Date };

type HomeMilestone = {
  id: string;
  title: string;
  status: MilestoneStatus;
  initiativeId: string;
  initiativeName: string;
  targetDate: Date | null;
};

/** A gathering still to come (planned), with the viewer's answer (members) or none (visitors). */
export type HomeGathering = {
  id: string;
  title: string;
  startsAt: Date;
  timeZone: string;
  placeName: string;
  mode: string;
  rsvp: string | null;
};

export type BrokerHome = {
  requests: number;
  reports: number;
  objections: number;
  /** Gatherings members proposed that have not happened yet: each waits for a broker to plan it. */
  proposals: number;
  /** Proposals to share with the commons that everyone asked agreed to: each waits to be published. */
  commonsReady: number;
  overdue: { total: number; items: HomeMilestone[] };
  /** For a new network, until every one is done; null once they are. */
  firstSteps: { invite: boolean; question: boolean; thread: boolean; cycle: boolean } | null;
};

export type MemberHome = {
  kind: "member";
  role: Role;
  /** The start of "since your last visit": the visit before this one, else when they joined. */
  since: Date;
  firstVisit: boolean;
  cycle: HomeCycle | null;
  events: HomeEvent[];
  steps: HomeStep[];
  coming: HomeComing[];
  /** The next gatherings on the calendar (planned, not yet over). */
  gatherings: HomeGathering[];
  broker: BrokerHome | null;
  /** The milestones this funder backs here, with their state (funders only). */
  backed: (HomeMilestone & { pledged: { amount: bigint; currency: string }[] })[] | null;
};

export type VisitorHome = {
  kind: "visitor";
  journey: { id: string; title: string; question: string; closedAt: Date }[];
  lessons: { id: string; milestoneTitle: string; initiativeName: string; excerpt: string; at: Date }[];
  initiatives: { id: string; name: string; status: string; milestones: { id: string; title: string; status: MilestoneStatus; targetDate: Date | null }[] }[];
  /** Null when the broker keeps thread titles to members. */
  threadTitles: { id: string; title: string }[] | null;
  /** The network's public gatherings still to come (never an online link). */
  gatherings: HomeGathering[];
};

export type NetworkHome = MemberHome | VisitorHome | { kind: "text" };

type StateRow = {
  since: Date;
  firstVisit: boolean;
  cycleId: string | null;
  cycleTitle: string | null;
  iDeadline: Date | null;
  weDeadline: Date | null;
  advancedToWeAt: Date | null;
  cycleCreatedAt: Date | null;
  ownSubmitted: boolean;
  roundOpen: boolean;
  answered: boolean;
  commonsAsked: number;
  commonsReady: number | null;
  requests: number | null;
  reports: number | null;
  objections: number | null;
  proposals: number | null;
  overdue: number | null;
  invited: boolean | null;
  questionEdited: boolean | null;
  threadStarted: boolean | null;
  cycleOpened: boolean | null;
};

/** One row of the home's list statement; the columns each kind uses are named at its part. */
type ItemRow = {
  kind: string;
  id: string;
  title: string;
  at: Date | null;
  n: number | null;
  ref: string | null;
  label: string | null;
  note: string | null;
  status: string | null;
  amount: bigint | null;
};

const EXCERPT = 240;

/**
 * `since` of the viewer's membership: the start of the current visit's window (`visitSince`) while
 * the visit lasts, else the last visit, else when they joined (or asked to). A visit lasts until
 * the home has not been opened for VISIT_GAP_MINUTES (lib/home/mutations.ts), so a reload, or
 * coming back from a thread the home pointed to, still shows what the visit began with.
 */
export const VISIT_GAP_MINUTES = 30;

const SINCE = (scope: NetworkScope, now: Date) => Prisma.sql`(
  SELECT CASE WHEN m."lastSeenAt" >= ${now}::timestamptz - make_interval(mins => ${VISIT_GAP_MINUTES})
    THEN coalesce(m."visitSince", m."joinedAt", m."createdAt")
    ELSE coalesce(m."lastSeenAt", m."joinedAt", m."createdAt") END
  FROM "Membership" m
  WHERE m."networkId" = ${scope.networkId} AND m.id = ${scope.membershipId})`;

async function loadState(scope: NetworkScope, broker: boolean, now: Date) {
  const n = scope.networkId;
  const today = now.toISOString().slice(0, 10);
  const brokerColumns = broker
    ? Prisma.sql`,
      (SELECT count(*)::int FROM "Membership" WHERE "networkId" = ${n} AND status = 'pending') AS requests,
      (SELECT count(*)::int FROM "Report" WHERE "networkId" = ${n} AND status = 'open') AS reports,
      (SELECT count(*)::int FROM "ConsentAnswer" a JOIN "ConsentRound" r ON r."networkId" = a."networkId" AND r.id = a."roundId"
        WHERE a."networkId" = ${n} AND r."cycleId" = c.id AND a.answer = 'object' AND a."handledAt" IS NULL) AS objections,
      (SELECT count(*)::int FROM "Milestone" WHERE "networkId" = ${n} AND status IN ('planned', 'active')
        AND "targetDate" < ${today}::date) AS overdue,
      (SELECT count(*)::int FROM "Gathering" WHERE "networkId" = ${n} AND status = 'proposed' AND "endsAt" > ${now}) AS proposals,
      (SELECT count(*)::int FROM "CommonsProposal" WHERE "networkId" = ${n} AND status = 'ready') AS "commonsReady",
      (EXISTS (SELECT 1 FROM "Invitation" WHERE "networkId" = ${n})
        OR EXISTS (SELECT 1 FROM "Membership" WHERE "networkId" = ${n} AND "userId" <> ${scope.userId})) AS invited,
      (EXISTS (SELECT 1 FROM "AuditEntry" WHERE "networkId" = ${n} AND action = 'network.updated' AND detail->'fields' ? 'workingQuestion')
        OR EXISTS (SELECT 1 FROM "Cycle" WHERE "networkId" = ${n})) AS "questionEdited",
      EXISTS (SELECT 1 FROM "Thread" WHERE "networkId" = ${n}) AS "threadStarted",
      EXISTS (SELECT 1 FROM "Cycle" WHERE "networkId" = ${n}) AS "cycleOpened"`
    : Prisma.empty;
  const [row] = await db(scope).$queryRaw<StateRow[]>`
    SELECT ${SINCE(scope, now)} AS since,
      (SELECT m."lastSeenAt" IS NULL FROM "Membership" m WHERE m."networkId" = ${n} AND m.id = ${scope.membershipId}) AS "firstVisit",
      c.id AS "cycleId", c.title AS "cycleTitle", c."iDeadline", c."weDeadline", c."advancedToWeAt", c."createdAt" AS "cycleCreatedAt",
      EXISTS (SELECT 1 FROM "Reflection" r WHERE r."networkId" = ${n} AND r."cycleId" = c.id AND r."authorId" = ${scope.userId}
        AND r."submittedAt" IS NOT NULL) AS "ownSubmitted",
      EXISTS (SELECT 1 FROM "ConsentRound" r WHERE r."networkId" = ${n} AND r."cycleId" = c.id AND r."closedAt" IS NULL) AS "roundOpen",
      EXISTS (SELECT 1 FROM "ConsentRound" r JOIN "ConsentAnswer" a ON a."networkId" = r."networkId" AND a."roundId" = r.id
        WHERE r."networkId" = ${n} AND r."cycleId" = c.id AND r."closedAt" IS NULL AND a."userId" = ${scope.userId}) AS answered,
      (SELECT count(*)::int FROM "CommonsConsent" cc JOIN "CommonsProposal" cp ON cp."networkId" = cc."networkId" AND cp.id = cc."proposalId"
        WHERE cc."networkId" = ${n} AND cc."userId" = ${scope.userId} AND cc.choice IS NULL AND cp.status = 'asking') AS "commonsAsked"
      ${brokerColumns}
    FROM (SELECT 1) one
    LEFT JOIN "Cycle" c ON c."networkId" = ${n} AND c."openSlot" = true`;
  return row!;
}

async function loadItems(scope: NetworkScope, now: Date) {
  const n = scope.networkId;
  const u = scope.userId;
  const since = SINCE(scope, now);
  // Target dates are calendar dates (UTC, as the initiative page reads them).
  const today = now.toISOString().slice(0, 10);
  const dueUntil = new Date(now.getTime() + DUE_WINDOW_DAYS * 86_400_000).toISOString().slice(0, 10);
  const cols = (kind: string) => Prisma.sql`${kind}::text AS kind`;
  const parts: Prisma.Sql[] = [
    // New threads by others: id, title, at = created, n = replies.
    Prisma.sql`(SELECT ${cols("thread")}, t.id, t.title, t."createdAt" AS at, t."replyCount" AS n, NULL::text AS ref, NULL::text AS label,
        NULL::text AS note, NULL::text AS status, NULL::bigint AS amount
      FROM "Thread" t
      WHERE t."networkId" = ${n} AND t."createdAt" > ${since} AND t."hiddenAt" IS NULL AND t."authorId" IS DISTINCT FROM ${u}
      ORDER BY t."createdAt" DESC, t.id DESC LIMIT ${LIMITS.newThreads})`,
    // Threads with replies by others since: n = how many, ref = the first new one, at = the latest.
    Prisma.sql`(SELECT ${cols("replies")}, t.id, t.title, t."lastActivityAt", x.n, x.first, NULL, NULL, NULL, NULL
      FROM "Thread" t
      CROSS JOIN LATERAL (
        SELECT count(*)::int AS n, (array_agg(r.id ORDER BY r."createdAt", r.id))[1] AS first FROM "Reply" r
        WHERE r."networkId" = ${n} AND r."threadId" = t.id AND r."createdAt" > ${since}
          AND r."deletedAt" IS NULL AND r."hiddenAt" IS NULL AND r."authorId" IS DISTINCT FROM ${u}) x
      WHERE t."networkId" = ${n} AND t."lastActivityAt" > ${since} AND t."hiddenAt" IS NULL AND x.n > 0
      ORDER BY t."lastActivityAt" DESC, t.id DESC LIMIT ${LIMITS.replies})`,
    // Threads the viewer has read before, with replies by others since they last read them.
    Prisma.sql`(SELECT ${cols("followed")}, t.id, t.title, t."lastActivityAt", x.n, x.first, NULL, NULL, NULL, NULL
      FROM "ThreadRead" tr
      JOIN "Thread" t ON t."networkId" = tr."networkId" AND t.id = tr."threadId"
      CROSS JOIN LATERAL (
        SELECT count(*)::int AS n, (array_agg(r.id ORDER BY r."createdAt", r.id))[1] AS first FROM "Reply" r
        WHERE r."networkId" = ${n} AND r."threadId" = t.id AND r."createdAt" > tr."lastReadAt"
          AND r."deletedAt" IS NULL AND r."hiddenAt" IS NULL AND r."authorId" IS DISTINCT FROM ${u}) x
      WHERE tr."networkId" = ${n} AND tr."userId" = ${u} AND t."lastActivityAt" > tr."lastReadAt" AND t."hiddenAt" IS NULL AND x.n > 0
      ORDER BY t."lastActivityAt" DESC, t.id DESC LIMIT ${LIMITS.followed})`,
    // Cycles that changed since: the open one and any closed since (title; at = created; note = closed).
    Prisma.sql`(SELECT ${cols("cycle")}, c.id, c.title, c."createdAt", NULL, NULL, NULL, NULL,
        to_char(c."closedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), NULL
      FROM "Cycle" c
      WHERE c."networkId" = ${n} AND (c."openSlot" = true OR c."closedAt" > ${since})
      ORDER BY c."createdAt" DESC, c.id DESC LIMIT 3)`,
    // Milestones reached or learned since: ref = initiative, label = its name, status.
    Prisma.sql`(SELECT ${cols("milestone")}, m.id, m.title, m."closedAt", NULL, i.id, i.name, NULL, m.status::text, NULL
      FROM "Milestone" m JOIN "Initiative" i ON i."networkId" = m."networkId" AND i.id = m."initiativeId"
      WHERE m."networkId" = ${n} AND m.status IN ('reached', 'learned') AND m."closedAt" > ${since}
      ORDER BY m."closedAt" DESC, m.id DESC LIMIT ${LIMITS.milestonesClosed})`,
    // New lessons (not hidden): title = milestone, ref = initiative, label = its name, note = excerpt.
    Prisma.sql`(SELECT ${cols("lesson")}, up.id, m.title, up."createdAt", NULL, i.id, i.name, left(up.body, ${EXCERPT}), NULL, NULL
      FROM "MilestoneUpdate" up
      JOIN "Milestone" m ON m."networkId" = up."networkId" AND m.id = up."milestoneId"
      JOIN "Initiative" i ON i."networkId" = up."networkId" AND i.id = up."initiativeId"
      WHERE up."networkId" = ${n} AND up.kind = 'lesson' AND up."hiddenAt" IS NULL AND up."createdAt" > ${since}
        AND up."authorId" IS DISTINCT FROM ${u}
      ORDER BY up."createdAt" DESC, up.id DESC LIMIT ${LIMITS.lessons})`,
    // Harvests published since, by someone else (brokers and members read them, decision 038): id = the gathering.
    Prisma.sql`(SELECT ${cols("harvest")}, g.id, g.title, h."publishedAt", NULL, NULL, NULL, NULL, NULL, NULL
      FROM "Harvest" h JOIN "Gathering" g ON g."networkId" = h."networkId" AND g.id = h."gatheringId"
      WHERE h."networkId" = ${n} AND h."publishedAt" > ${since} AND h."authorId" IS DISTINCT FROM ${u}
        AND ${can(scope.role, "harvest.read")}
      ORDER BY h."publishedAt" DESC, h.id DESC LIMIT ${LIMITS.harvests})`,
    // Offers and requests posted since by someone else, still open, as the viewer's role may read them
    // (decision 039: a funder only those shown to funders): status = offer or request.
    Prisma.sql`(SELECT ${cols("post")}, p.id, p.title, p."createdAt", NULL, NULL, NULL, NULL, p.direction::text, NULL
      FROM "ExchangePost" p
      WHERE p."networkId" = ${n} AND p."createdAt" > ${since} AND p.status IN ('open', 'in_progress')
        AND p."authorId" IS DISTINCT FROM ${u}
        AND p.visibility::text IN (${Prisma.join(visibleTo(scope.role).length ? visibleTo(scope.role) : ["none"])})
      ORDER BY p."createdAt" DESC, p.id DESC LIMIT ${LIMITS.posts})`,
    // Milestones due within the window.
    Prisma.sql`(SELECT ${cols("due")}, m.id, m.title, m."targetDate"::timestamp, NULL, i.id, i.name, NULL, m.status::text, NULL
      FROM "Milestone" m JOIN "Initiative" i ON i."networkId" = m."networkId" AND i.id = m."initiativeId"
      WHERE m."networkId" = ${n} AND m.status IN ('planned', 'active')
        AND m."targetDate" >= ${today}::date AND m."targetDate" <= ${dueUntil}::date
      ORDER BY m."targetDate", m.id LIMIT ${LIMITS.due})`,
    // Gatherings still to come: at = start, ref = zone, label = place, note = the viewer's answer, status = mode.
    Prisma.sql`(SELECT ${cols("gathering")}, g.id, g.title, g."startsAt", NULL, g."timeZone", g."placeName",
        (SELECT r.status::text FROM "Rsvp" r WHERE r."networkId" = g."networkId" AND r."gatheringId" = g.id AND r."userId" = ${u}),
        g.mode::text, NULL
      FROM "Gathering" g
      WHERE g."networkId" = ${n} AND g.status = 'planned' AND g."endsAt" > ${now}
      ORDER BY g."startsAt", g.id LIMIT ${LIMITS.gatherings})`,
  ];
  if (can(scope.role, "requests.review")) {
    parts.push(Prisma.sql`(SELECT ${cols("overdue")}, m.id, m.title, m."targetDate"::timestamp, NULL, i.id, i.name, NULL, m.status::text, NULL
      FROM "Milestone" m JOIN "Initiative" i ON i."networkId" = m."networkId" AND i.id = m."initiativeId"
      WHERE m."networkId" = ${n} AND m.status IN ('planned', 'active') AND m."targetDate" < ${today}::date
      ORDER BY m."targetDate", m.id LIMIT ${LIMITS.overdue})`);
  }
  if (can(scope.role, "pledge.create")) {
    // The milestones this funder backs (pledges not withdrawn), one row per milestone and currency.
    parts.push(Prisma.sql`(SELECT ${cols("backed")}, m.id, m.title, m."targetDate"::timestamp, NULL, i.id, i.name, p.currency, m.status::text, p.amount
      FROM (SELECT "milestoneId", currency, sum(amount)::bigint AS amount FROM "Pledge"
            WHERE "networkId" = ${n} AND "funderId" = ${u} AND status <> 'withdrawn'
            GROUP BY "milestoneId", currency) p
      JOIN "Milestone" m ON m."networkId" = ${n} AND m.id = p."milestoneId"
      JOIN "Initiative" i ON i."networkId" = m."networkId" AND i.id = m."initiativeId"
      ORDER BY m."targetDate" NULLS LAST, m.id, p.currency LIMIT ${LIMITS.backed})`);
  }
  return db(scope).$queryRaw<ItemRow[]>`${Prisma.join(parts, " UNION ALL ")}`;
}

async function loadMemberHome(scope: NetworkScope, now: Date): Promise<MemberHome> {
  const broker = can(scope.role, "requests.review");
  const [state, items] = await Promise.all([loadState(scope, broker, now), loadItems(scope, now)]);
  const since = state.since;
  const of = (kind: string) => items.filter((r) => r.kind === kind);
  const milestone = (r: ItemRow): HomeMilestone => ({
    id: r.id,
    title: r.title,
    status: r.status as MilestoneStatus,
    initiativeId: r.ref ?? "",
    initiativeName: r.label ?? "",
    targetDate: r.at,
  });

  const cycle: HomeCycle | null =
    state.cycleId && state.iDeadline && state.weDeadline && state.cycleCreatedAt
      ? (() => {
          const times = { iDeadline: state.iDeadline, weDeadline: state.weDeadline, advancedToWeAt: state.advancedToWeAt, closedAt: null };
          return {
            id: state.cycleId,
            title: state.cycleTitle ?? "",
            phase: cyclePhase(times, now),
            iDeadline: state.iDeadline,
            weDeadline: state.weDeadline,
            createdAt: state.cycleCreatedAt,
            weStartsAt: weStartsAt(times),
          };
        })()
      : null;

  const events: HomeEvent[] = [];
  for (const r of of("thread")) events.push({ kind: "thread", id: r.id, title: r.title, at: r.at!, replies: r.n ?? 0 });
  for (const r of of("replies")) {
    events.push({ kind: "replies", threadId: r.id, title: r.title, at: r.at!, count: r.n ?? 0, firstReplyId: r.ref });
  }
  for (const r of of("cycle")) {
    const closedAt = r.note ? new Date(r.note) : null;
    if (closedAt && closedAt > since) events.push({ kind: "cycle_closed", cycleId: r.id, title: r.title, at: closedAt });
    else if (cycle && r.id === cycle.id) {
      if (cycle.phase !== "reflect" && cycle.weStartsAt > since && cycle.weStartsAt <= now) {
        events.push({ kind: "cycle_we", cycleId: r.id, title: r.title, at: cycle.weStartsAt });
      }
      if (cycle.createdAt > since) events.push({ kind: "cycle_opened", cycleId: r.id, title: r.title, at: cycle.createdAt });
    }
  }
  for (const r of of("milestone")) {
    events.push({
      kind: "milestone",
      id: r.id,
      title: r.title,
      status: r.status === "learned" ? "learned" : "reached",
      initiativeId: r.ref ?? "",
      initiativeName: r.label ?? "",
      at: r.at!,
    });
  }
  for (const r of of("harvest")) events.push({ kind: "harvest", id: r.id, title: r.title, at: r.at! });
  for (const r of of("post")) events.push({ kind: "post", id: r.id, title: r.title, direction: r.status === "offer" ? "offer" : "request", at: r.at! });
  for (const r of of("lesson")) {
    events.push({
      kind: "lesson",
      id: r.id,
      milestoneTitle: r.title,
      initiativeId: r.ref ?? "",
      initiativeName: r.label ?? "",
      excerpt: r.note ?? "",
      at: r.at!,
    });
  }
  events.sort((a, b) => b.at.getTime() - a.at.getTime());

  const steps: HomeStep[] = [];
  if (cycle && can(scope.role, "reflection.write") && cycle.phase === "reflect" && !state.ownSubmitted) {
    steps.push({ kind: "reflect", cycleId: cycle.id, title: cycle.title, closes: cycle.weStartsAt });
  }
  if (cycle && can(scope.role, "consent.answer") && cycle.phase !== "reflect" && state.roundOpen && !state.answered) {
    steps.push({ kind: "consent", cycleId: cycle.id, title: cycle.title });
  }
  if (state.commonsAsked > 0 && can(scope.role, "commons.answer")) steps.push({ kind: "commons", count: state.commonsAsked });
  for (const r of of("followed")) {
    steps.push({ kind: "followed", threadId: r.id, title: r.title, count: r.n ?? 0, firstReplyId: r.ref });
  }

  const coming: HomeComing[] = [];
  if (cycle?.phase === "reflect") coming.push({ kind: "i_deadline", cycleId: cycle.id, title: cycle.title, at: cycle.weStartsAt });
  if (cycle && (cycle.phase === "reflect" || cycle.phase === "synthesise")) {
    coming.push({ kind: "we_deadline", cycleId: cycle.id, title: cycle.title, at: cycle.weDeadline });
  }
  for (const r of of("due")) {
    coming.push({ kind: "milestone_due", id: r.id, title: r.title, initiativeId: r.ref ?? "", initiativeName: r.label ?? "", at: r.at! });
  }
  coming.sort((a, b) => a.at.getTime() - b.at.getTime());

  let brokerHome: BrokerHome | null = null;
  if (broker) {
    const steps = {
      invite: state.invited === true,
      question: state.questionEdited === true,
      thread: state.threadStarted === true,
      cycle: state.cycleOpened === true,
    };
    brokerHome = {
      requests: state.requests ?? 0,
      reports: state.reports ?? 0,
      objections: state.objections ?? 0,
      proposals: state.proposals ?? 0,
      commonsReady: state.commonsReady ?? 0,
      overdue: { total: state.overdue ?? 0, items: of("overdue").map(milestone) },
      firstSteps: Object.values(steps).every(Boolean) ? null : steps,
    };
  }

  let backed: MemberHome["backed"] = null;
  if (can(scope.role, "pledge.create")) {
    backed = [];
    for (const r of of("backed")) {
      const pledged = { amount: r.amount ?? 0n, currency: r.note ?? "" };
      const same = backed.at(-1);
      if (same && same.id === r.id) same.pledged.push(pledged);
      else backed.push({ ...milestone(r), pledged: [pledged] });
    }
  }

  const gatherings = of("gathering").map(
    (r): HomeGathering => ({ id: r.id, title: r.title, startsAt: r.at!, timeZone: r.ref ?? "UTC", placeName: r.label ?? "", mode: r.status ?? "", rsvp: r.note }),
  );

  return {
    kind: "member",
    role: scope.role,
    since,
    firstVisit: state.firstVisit,
    cycle,
    events,
    steps,
    coming,
    gatherings,
    broker: brokerHome,
    backed,
  };
}

type VisitorRow = {
  kind: string;
  id: string;
  title: string;
  at: Date | null;
  ref: string | null;
  label: string | null;
  note: string | null;
  status: string | null;
};

async function loadVisitorHome(ref: NetworkRef, now: Date): Promise<VisitorHome> {
  const n = ref.networkId;
  const rows = await db(ref).$queryRaw<VisitorRow[]>`
    (SELECT 'journey'::text AS kind, c.id, c.title, c."closedAt" AS at, NULL::text AS ref, NULL::text AS label,
        left(c.question, ${EXCERPT}) AS note, NULL::text AS status
      FROM "Cycle" c WHERE c."networkId" = ${n} AND c."closedAt" IS NOT NULL
      ORDER BY c."closedAt" DESC, c.id DESC LIMIT ${LIMITS.journey})
    UNION ALL
    (SELECT 'lesson', up.id, m.title, up."createdAt", NULL, i.name, left(up.body, ${EXCERPT}), NULL
      FROM "MilestoneUpdate" up
      JOIN "Milestone" m ON m."networkId" = up."networkId" AND m.id = up."milestoneId"
      JOIN "Initiative" i ON i."networkId" = up."networkId" AND i.id = up."initiativeId"
      WHERE up."networkId" = ${n} AND up.kind = 'lesson' AND up."hiddenAt" IS NULL
      ORDER BY up."createdAt" DESC, up.id DESC LIMIT ${LIMITS.lessons})
    UNION ALL
    (SELECT 'initiative', i.id, i.name, i."createdAt", NULL, NULL, left(i.description, ${EXCERPT}), i.status::text
      FROM "Initiative" i WHERE i."networkId" = ${n}
      ORDER BY i."createdAt" DESC, i.id DESC LIMIT ${LIMITS.initiatives})
    UNION ALL
    (SELECT 'milestone', m.id, m.title, m."targetDate"::timestamp, m."initiativeId", NULL, NULL, m.status::text
      FROM (SELECT i.id FROM "Initiative" i WHERE i."networkId" = ${n}
            ORDER BY i."createdAt" DESC, i.id DESC LIMIT ${LIMITS.initiatives}) i
      CROSS JOIN LATERAL (
        SELECT m.* FROM "Milestone" m WHERE m."networkId" = ${n} AND m."initiativeId" = i.id AND m.status <> 'dropped'
        ORDER BY m.position LIMIT ${LIMITS.milestonesPerInitiative}) m)
    UNION ALL
    (SELECT 'thread', t.id, t.title, t."lastActivityAt", NULL, NULL, NULL, NULL
      FROM "Thread" t JOIN "Network" nw ON nw.id = t."networkId"
      WHERE t."networkId" = ${n} AND t."hiddenAt" IS NULL AND nw."showPublicThreadTitles"
      ORDER BY t."lastActivityAt" DESC, t.id DESC LIMIT ${LIMITS.threadTitles})
    UNION ALL
    (SELECT 'gathering', g.id, g.title, g."startsAt", g."timeZone", g."placeName", NULL, g.mode::text
      FROM "Gathering" g
      WHERE g."networkId" = ${n} AND g.visibility = 'public' AND g.status = 'planned' AND g."endsAt" > ${now}
      ORDER BY g."startsAt", g.id LIMIT ${LIMITS.gatherings})
    UNION ALL
    (SELECT 'setting', nw.id, '', NULL, NULL, NULL, NULL, nw."showPublicThreadTitles"::text
      FROM "Network" nw WHERE nw.id = ${n})`;
  const of = (kind: string) => rows.filter((r) => r.kind === kind);
  const milestones = of("milestone");
  const titlesShown = of("setting")[0]?.status === "true";
  return {
    kind: "visitor",
    journey: of("journey").map((r) => ({ id: r.id, title: r.title, question: r.note ?? "", closedAt: r.at! })),
    lessons: of("lesson").map((r) => ({ id: r.id, milestoneTitle: r.title, initiativeName: r.label ?? "", excerpt: r.note ?? "", at: r.at! })),
    initiatives: of("initiative").map((r) => ({
      id: r.id,
      name: r.title,
      status: r.status ?? "",
      milestones: milestones
        .filter((m) => m.ref === r.id)
        .map((m) => ({ id: m.id, title: m.title, status: m.status as MilestoneStatus, targetDate: m.at })),
    })),
    threadTitles: titlesShown ? of("thread").map((r) => ({ id: r.id, title: r.title })) : null,
    gatherings: of("gathering").map((r) => ({
      id: r.id,
      title: r.title,
      startsAt: r.at!,
      timeZone: r.ref ?? "UTC",
      placeName: r.label ?? "",
      mode: r.status ?? "",
      rsvp: null,
    })),
  };
}

/**
 * The network home for whoever views it (`viewNetwork`'s answer): the member's overview for an
 * active member, the public overview for a visitor of a public network, the text alone otherwise.
 */
export async function loadNetworkHome(
  view: { scope: NetworkScope | null; ref: NetworkRef; network: { visibility: Visibility } },
  now = new Date(),
): Promise<NetworkHome> {
  if (view.scope) return loadMemberHome(view.scope, now);
  if (view.network.visibility === "public") return loadVisitorHome(view.ref, now);
  return { kind: "text" };
}
