import "server-only";
import { htmlOf } from "@/lib/markdown/render";
import { canSeeHiddenText } from "@/lib/moderation/policy";
import { encodeCursor, type Cursor } from "@/lib/cursor";
import { db } from "@/lib/db/client";
import type { CapitalKind, ExchangeStatus } from "@/lib/db/generated/enums";
import { listExchangeLessons } from "@/lib/exchange/queries";
import { listHarvestEvidence, type HarvestMention } from "@/lib/harvests/queries";
import { mayReadAsEvidence } from "@/lib/harvests/policy";
import { can } from "@/lib/membership/policy";
import type { NetworkScope } from "@/lib/membership/scope";
import type { GrowthStage } from "@/lib/db/generated/enums";
import type { Money } from "./money";
import { mayEditInitiative, mayJoinTeam, needsFunders } from "./policy";
import { LESSONS_PAGE_SIZE, type Area, type InitiativeStatus, type MilestoneStatus } from "./schema";

/**
 * Reads of initiatives, growth paths, pledges and lessons, always inside one network.
 * Every money total is a SQL `sum(...)` grouped by currency (bigint, never a float),
 * never a sum across currencies.
 */

const INITIATIVES_PAGE_SIZE = 25;

/** The network's initiatives, newest first (keyset pages), with milestone counts. */
export async function listInitiatives(scope: NetworkScope, after?: Cursor, take = INITIATIVES_PAGE_SIZE) {
  const rows = await db(scope).initiative.findMany({
    where: {
      networkId: scope.networkId,
      ...(after ? { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] } : {}),
    },
    select: {
      id: true,
      name: true,
      description: true,
      status: true,
      createdAt: true,
      _count: { select: { milestones: true, team: true } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
  });
  const page = rows.slice(0, take);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      name: r.name,
      description: r.description,
      status: r.status as InitiativeStatus,
      milestones: r._count.milestones,
      team: r._count.team,
    })),
    next: rows.length > take && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
  };
}

/** Active brokers and members who can be on a team, by name. */
export async function listTeamCandidates(scope: NetworkScope) {
  const rows = await db(scope).membership.findMany({
    where: { networkId: scope.networkId, status: "active", role: { in: ["broker", "member"] } },
    select: { userId: true, role: true, user: { select: { name: true, email: true } } },
    orderBy: { joinedAt: "asc" },
  });
  return rows
    .filter((m) => mayJoinTeam(m.role))
    .map((m) => ({ userId: m.userId, name: m.user.name ?? m.user.email.split("@")[0] ?? "" }));
}

type PledgeView = {
  id: string;
  funderId: string | null;
  funderName: string | null;
  amount: bigint;
  currency: string;
  condition: string;
  status: "pledged" | "released" | "withdrawn";
  withdrawReason: string;
  releasedAt: Date | null;
  createdAt: Date;
};

export type UpdateView = {
  id: string;
  kind: "progress" | "evidence" | "setback" | "lesson";
  /** The text as sanitised HTML (stored when written); "" when hidden from this viewer. */
  html: string;
  /** Hidden by a broker: brokers and the author still see it, with the reason; others see the notice only. */
  hidden: boolean;
  hiddenReason: string;
  progress: number | null;
  area: Area | null;
  authorName: string | null;
  createdAt: Date;
};

export type MilestoneView = {
  id: string;
  position: number;
  title: string;
  unlocks: string;
  targetDate: Date | null;
  amountNeeded: bigint;
  currency: string;
  status: MilestoneStatus;
  progress: number;
  closingNote: string;
  /** The growth stage of this step, if the team set one (the support map filters by it). */
  stage: GrowthStage | null;
  /** Pledged (standing or released) per currency; never one total across currencies. */
  funded: Money[];
  needsFunders: boolean;
  pledges: PledgeView[];
  updates: UpdateView[];
  /** Published harvests linked to the milestone, as evidence: for funders only on a milestone they back (decision 038). */
  evidence: HarvestMention[];
};

/**
 * Everything the initiative page (`/n/<slug>/initiatives/<id>`) shows: the initiative with its
 * team and growth path (below), what this viewer may do there, and, when they may edit it, the
 * people who can join its team. A bounded number of statements whatever the path's length. Null
 * when the initiative is not in this network.
 */
export async function loadInitiativePage(scope: NetworkScope, initiativeId: string) {
  const initiative = await findInitiative(scope, initiativeId);
  if (!initiative) return null;
  const may = {
    edit: mayEditInitiative(scope, initiative.team.map((m) => m.userId)),
    pledge: can(scope.role, "pledge.create"),
    moderate: can(scope.role, "moderation.hide"),
  };
  return { initiative, may, candidates: may.edit ? await listTeamCandidates(scope) : [] };
}

export type InitiativePage = NonNullable<Awaited<ReturnType<typeof loadInitiativePage>>>;

/** What a milestone has pledged (standing or released) in one currency. */
type FundedRow = { milestoneId: string; currency: string; amount: bigint };

/**
 * One initiative with its team and growth path: each milestone with its pledges,
 * funded-per-currency totals (summed in SQL) and updates. Null when it is not in this network.
 */
async function findInitiative(scope: NetworkScope, initiativeId: string) {
  const initiative = await db(scope).initiative.findFirst({
    where: { networkId: scope.networkId, id: initiativeId },
    select: {
      id: true,
      name: true,
      description: true,
      systemChange: true,
      status: true,
      team: {
        where: { networkId: scope.networkId },
        select: { userId: true, user: { select: { name: true, email: true } } },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  if (!initiative) return null;
  const [milestones, totals, pledges, updates, evidence] = await Promise.all([
    db(scope).milestone.findMany({
      where: { networkId: scope.networkId, initiativeId: initiative.id },
      select: {
        id: true,
        position: true,
        title: true,
        unlocks: true,
        targetDate: true,
        amountNeeded: true,
        currency: true,
        status: true,
        progress: true,
        closingNote: true,
        stage: true,
      },
      orderBy: { position: "asc" },
    }),
    db(scope).$queryRaw<FundedRow[]>`
      SELECT p."milestoneId", p.currency, sum(p.amount)::bigint AS amount
      FROM "Pledge" p
      JOIN "Milestone" m ON m.id = p."milestoneId" AND m."networkId" = p."networkId"
      WHERE p."networkId" = ${scope.networkId} AND m."initiativeId" = ${initiative.id} AND p.status IN ('pledged', 'released')
      GROUP BY p."milestoneId", p.currency
      ORDER BY p.currency`,
    db(scope).pledge.findMany({
      where: { networkId: scope.networkId, milestone: { networkId: scope.networkId, initiativeId: initiative.id } },
      select: {
        id: true,
        milestoneId: true,
        funderId: true,
        amount: true,
        currency: true,
        condition: true,
        status: true,
        withdrawReason: true,
        releasedAt: true,
        createdAt: true,
        funder: { select: { name: true } },
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
    db(scope).milestoneUpdate.findMany({
      where: { networkId: scope.networkId, initiativeId: initiative.id },
      select: {
        id: true,
        milestoneId: true,
        kind: true,
        body: true,
        bodyHtml: true,
        hiddenAt: true,
        hiddenReason: true,
        authorId: true,
        progress: true,
        area: true,
        createdAt: true,
        author: { select: { name: true } },
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 200,
    }),
    listHarvestEvidence(scope, initiative.id),
  ]);
  return {
    id: initiative.id,
    name: initiative.name,
    description: initiative.description,
    systemChange: initiative.systemChange,
    status: initiative.status as InitiativeStatus,
    team: initiative.team.map((m) => ({ userId: m.userId, name: m.user.name ?? m.user.email.split("@")[0] ?? "" })),
    milestones: milestones.map((m): MilestoneView => {
      const funded = totals.filter((t) => t.milestoneId === m.id).map((t) => ({ currency: t.currency, amount: BigInt(t.amount) }));
      const own = funded.find((f) => f.currency === m.currency)?.amount ?? 0n;
      const backs = pledges.some((p) => p.milestoneId === m.id && p.funderId === scope.userId && p.status !== "withdrawn");
      return {
        ...m,
        status: m.status as MilestoneStatus,
        funded,
        needsFunders: needsFunders(m.status as MilestoneStatus, own, m.amountNeeded),
        pledges: pledges
          .filter((p) => p.milestoneId === m.id)
          .map(({ milestoneId: _m, funder, ...p }) => ({ ...p, funderName: funder?.name ?? null })),
        updates: updates
          .filter((u) => u.milestoneId === m.id)
          .map(({ milestoneId: _m, author, authorId, body, bodyHtml, hiddenAt, ...u }): UpdateView => {
            const hidden = hiddenAt !== null;
            const concealed = hidden && !canSeeHiddenText(scope, { authorId });
            return {
              ...u,
              html: concealed ? "" : htmlOf(bodyHtml, body),
              hidden,
              area: u.area as Area | null,
              authorName: author?.name ?? null,
            };
          }),
        evidence: mayReadAsEvidence(scope, backs)
          ? evidence.filter((e) => e.milestoneId === m.id).map(({ milestoneId: _m, ...e }) => e)
          : [],
      };
    }),
  };
}

type LessonItem = {
  id: string;
  body: string;
  /** The lesson as sanitised HTML (stored when written). */
  html: string;
  area: Area | null;
  createdAt: Date;
  /** The author of the lesson (of the milestone update, or of the fulfilled offer or request): who may share it with the commons. */
  authorId: string | null;
  authorName: string | null;
  initiativeId: string | null;
  initiativeName: string | null;
  milestoneTitle: string | null;
  /** The lesson closed its milestone as "learned" (a failure turned into learning). */
  fromLearned: boolean;
  /** A fulfilled offer or request the lesson comes from (decision 039), else null. */
  post: { id: string; title: string } | null;
};

/**
 * Everything the lessons log page (`/n/<slug>/initiatives/lessons`) shows: the initiatives to
 * filter by, and one page of lessons for the filter.
 */
export async function loadLessonsPage(scope: NetworkScope, filter: { initiative?: string; area?: Area }, after?: Cursor) {
  const [initiatives, lessons] = await Promise.all([listInitiativeNames(scope), listLessons(scope, filter, after)]);
  return { initiatives, lessons };
}

/**
 * The network's lessons log: every lesson update (learned milestones post theirs) and the lessons
 * of fulfilled offers and requests (decision 039; not for an area filter, as posts have none),
 * newest first, optionally for one initiative and one area, in keyset pages. Two statements, each
 * a page plus one: the merge of two ordered pages is the first page of their union.
 */
async function listLessons(
  scope: NetworkScope,
  filter: { initiative?: string; area?: Area },
  after?: Cursor,
  take = LESSONS_PAGE_SIZE,
) {
  const [rows, posts] = await Promise.all([
    db(scope).milestoneUpdate.findMany({
      where: {
        networkId: scope.networkId,
        kind: "lesson",
        // A lesson a broker hid is not in the log (its initiative's page shows brokers and its author the notice).
        hiddenAt: null,
        ...(filter.initiative ? { initiativeId: filter.initiative } : {}),
        ...(filter.area ? { area: filter.area } : {}),
        ...(after ? { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] } : {}),
      },
      select: {
        id: true,
        body: true,
        bodyHtml: true,
        area: true,
        createdAt: true,
        authorId: true,
        author: { select: { name: true } },
        initiative: { select: { id: true, name: true } },
        milestone: { select: { title: true, status: true, closingNote: true } },
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: take + 1,
    }),
    filter.area ? Promise.resolve([]) : listExchangeLessons(scope, filter, after, take + 1),
  ]);
  const merged = [
    ...rows.map(
      (r): LessonItem => ({
        id: r.id,
        body: r.body,
        html: htmlOf(r.bodyHtml, r.body),
        area: r.area as Area | null,
        createdAt: r.createdAt,
        authorId: r.authorId,
        authorName: r.author?.name ?? null,
        initiativeId: r.initiative.id,
        initiativeName: r.initiative.name,
        milestoneTitle: r.milestone.title,
        fromLearned: r.milestone.status === "learned" && r.milestone.closingNote === r.body,
        post: null,
      }),
    ),
    ...posts.map(
      (p): LessonItem => ({
        id: p.id,
        body: p.lesson,
        html: htmlOf(p.lessonHtml, p.lesson),
        area: null,
        createdAt: p.closedAt,
        authorId: p.authorId,
        authorName: p.authorName,
        initiativeId: p.initiativeId,
        initiativeName: p.initiativeName,
        milestoneTitle: p.milestoneTitle,
        fromLearned: false,
        post: { id: p.id, title: p.title },
      }),
    ),
  ].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const page = merged.slice(0, take);
  const last = page.at(-1);
  return {
    items: page,
    next: merged.length > take && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
  };
}

/** Initiative names for the lessons filter. */
async function listInitiativeNames(scope: NetworkScope) {
  return db(scope).initiative.findMany({
    where: { networkId: scope.networkId },
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}

/** Per initiative and currency: needed (milestones not dropped), pledged (standing and released), released. */
type FundingRow = { initiativeId: string; initiativeName: string; currency: string; needed: bigint; pledged: bigint; released: bigint };
/** An open milestone still short of its amount in its own currency. */
type ShortMilestoneRow = {
  milestoneId: string;
  title: string;
  initiativeId: string;
  initiativeName: string;
  status: MilestoneStatus;
  targetDate: Date | null;
  currency: string;
  needed: bigint;
  pledged: bigint;
};

/**
 * The broker's view of a network's funding: per initiative and currency, what its growth
 * path needs (milestones not dropped) against what is pledged and released, and the open
 * milestones still short of their amount in their own currency. Two grouped statements.
 */
export async function fundingOverview(scope: NetworkScope) {
  const [rows, short] = await Promise.all([
    db(scope).$queryRaw<FundingRow[]>`
      WITH needed AS (
        SELECT m."initiativeId", m.currency, sum(m."amountNeeded")::bigint AS needed
        FROM "Milestone" m
        WHERE m."networkId" = ${scope.networkId} AND m.status <> 'dropped'
        GROUP BY m."initiativeId", m.currency
      ), pledged AS (
        SELECT m."initiativeId", p.currency,
               sum(p.amount) FILTER (WHERE p.status IN ('pledged', 'released'))::bigint AS pledged,
               sum(p.amount) FILTER (WHERE p.status = 'released')::bigint AS released
        FROM "Pledge" p
        JOIN "Milestone" m ON m.id = p."milestoneId" AND m."networkId" = p."networkId"
        WHERE p."networkId" = ${scope.networkId} AND m.status <> 'dropped'
        GROUP BY m."initiativeId", p.currency
      )
      SELECT i.id AS "initiativeId", i.name AS "initiativeName", c.currency,
             coalesce(n.needed, 0)::bigint AS needed, coalesce(p.pledged, 0)::bigint AS pledged,
             coalesce(p.released, 0)::bigint AS released
      FROM "Initiative" i
      JOIN (SELECT "initiativeId", currency FROM needed UNION SELECT "initiativeId", currency FROM pledged) c
        ON c."initiativeId" = i.id
      LEFT JOIN needed n ON n."initiativeId" = i.id AND n.currency = c.currency
      LEFT JOIN pledged p ON p."initiativeId" = i.id AND p.currency = c.currency
      WHERE i."networkId" = ${scope.networkId}
      ORDER BY i.name, i.id, c.currency`,
    db(scope).$queryRaw<ShortMilestoneRow[]>`
      SELECT m.id AS "milestoneId", m.title, i.id AS "initiativeId", i.name AS "initiativeName", m.status::text AS status,
             m."targetDate", m.currency, m."amountNeeded" AS needed,
             coalesce(sum(p.amount) FILTER (WHERE p.status IN ('pledged', 'released') AND p.currency = m.currency), 0)::bigint AS pledged
      FROM "Milestone" m
      JOIN "Initiative" i ON i.id = m."initiativeId" AND i."networkId" = m."networkId"
      LEFT JOIN "Pledge" p ON p."milestoneId" = m.id AND p."networkId" = m."networkId"
      WHERE m."networkId" = ${scope.networkId} AND m.status IN ('planned', 'active')
      GROUP BY m.id, i.id
      HAVING coalesce(sum(p.amount) FILTER (WHERE p.status IN ('pledged', 'released') AND p.currency = m.currency), 0) < m."amountNeeded"
      ORDER BY m."targetDate" ASC NULLS LAST, i.name, m.position`,
  ]);
  const initiatives: { id: string; name: string; totals: { currency: string; needed: bigint; pledged: bigint; released: bigint }[] }[] = [];
  for (const row of rows) {
    let entry = initiatives.at(-1);
    if (!entry || entry.id !== row.initiativeId) {
      entry = { id: row.initiativeId, name: row.initiativeName, totals: [] };
      initiatives.push(entry);
    }
    entry.totals.push({ currency: row.currency, needed: BigInt(row.needed), pledged: BigInt(row.pledged), released: BigInt(row.released) });
  }
  return {
    initiatives,
    needFunders: short.map((m) => ({ ...m, needed: BigInt(m.needed), pledged: BigInt(m.pledged), missing: BigInt(m.needed) - BigInt(m.pledged) })),
  };
}

/** How many of one milestone's open requests its card lists (the count says how many there are). */
const MILESTONE_NEEDS_SHOWN = 5;

/** An open request that names a milestone: what the step needs besides money (issue 20, decision 041). */
export type MilestoneNeed = { id: string; milestoneId: string; title: string; capital: CapitalKind; status: ExchangeStatus; town: string };

type MilestoneNeedRow = MilestoneNeed & { total: number | bigint };

/**
 * The open requests (open or in progress, not expired) linked to the milestones of one initiative
 * that the viewer may read (a funder: only those shown to funders), newest first, at most
 * MILESTONE_NEEDS_SHOWN per milestone with each milestone's full count. One statement for the
 * whole growth path, whatever the number of milestones.
 */
export async function listMilestoneNeeds(scope: NetworkScope, initiativeId: string) {
  const fundersOnly = scope.role === "funder";
  const rows = await db(scope).$queryRaw<MilestoneNeedRow[]>`
    SELECT id, "milestoneId", title, capital, status, town, total
    FROM (
      SELECT p.id, p."milestoneId", p.title, p.capital, p.status, p.town,
             count(*) OVER (PARTITION BY p."milestoneId") AS total,
             row_number() OVER (PARTITION BY p."milestoneId" ORDER BY p."createdAt" DESC, p.id DESC) AS rank
      FROM "ExchangePost" p
      JOIN "Milestone" m ON m.id = p."milestoneId" AND m."networkId" = p."networkId"
      WHERE p."networkId" = ${scope.networkId} AND m."initiativeId" = ${initiativeId}
        AND p.direction = 'request' AND p.status IN ('open', 'in_progress') AND p."expiresAt" > now()
        AND (${fundersOnly}::boolean = false OR p.visibility = 'network_and_funders')
    ) needs
    WHERE rank <= ${MILESTONE_NEEDS_SHOWN}
    ORDER BY "milestoneId", rank`;
  const byMilestone = new Map<string, { total: number; requests: MilestoneNeed[] }>();
  for (const { total, ...need } of rows) {
    const entry = byMilestone.get(need.milestoneId) ?? { total: Number(total), requests: [] };
    entry.requests.push(need);
    byMilestone.set(need.milestoneId, entry);
  }
  return byMilestone;
}

type OpenAsksRow = { milestoneId: string; title: string; initiativeId: string; initiativeName: string; asks: number | bigint };

/**
 * The broker's funding overview, beside the money still needed: per milestone of the network that
 * is not closed, how many requests for other kinds of capital are open (open or in progress, not
 * expired). One grouped statement; a funder's count would only include posts shown to funders.
 */
export async function listOpenAsks(scope: NetworkScope) {
  const fundersOnly = scope.role === "funder";
  const rows = await db(scope).$queryRaw<OpenAsksRow[]>`
    SELECT m.id AS "milestoneId", m.title, i.id AS "initiativeId", i.name AS "initiativeName", count(*)::int AS asks
    FROM "ExchangePost" p
    JOIN "Milestone" m ON m.id = p."milestoneId" AND m."networkId" = p."networkId"
    JOIN "Initiative" i ON i.id = m."initiativeId" AND i."networkId" = m."networkId"
    WHERE p."networkId" = ${scope.networkId} AND p.direction = 'request'
      AND p.status IN ('open', 'in_progress') AND p."expiresAt" > now()
      AND m.status IN ('planned', 'active')
      AND (${fundersOnly}::boolean = false OR p.visibility = 'network_and_funders')
    GROUP BY m.id, i.id
    ORDER BY count(*) DESC, i.name, m.position
    LIMIT 200`;
  return rows.map((r) => ({ ...r, asks: Number(r.asks) }));
}
