import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { GatheringStatus } from "@/lib/db/generated/enums";
import type { Area, Level } from "@/lib/dialogue/limits";
import { htmlOf } from "@/lib/markdown/render";
import { can } from "@/lib/membership/policy";
import type { NetworkScope } from "@/lib/membership/scope";
import { mayReadHarvest, mayWriteHarvest } from "./policy";

// What the pages show of harvests (decision 038): the harvest section of a gathering's page, and
// the short mentions a linked thread, the cycle, a milestone and the journey carry. The mentions are
// SQL fragments and row mappers that those pages' own loaders put into a statement they already run,
// so no page gets a statement more for them (except the initiative page: one, for all its milestones).

/** A published harvest as a thread, the cycle or the journey mentions it: its gathering, and when. */
export type HarvestMention = { gatheringId: string; title: string; startsAt: Date };

/**
 * A JSON array of the published harvests that name the thread `t` (a `FROM "Thread" t` statement):
 * `[gatheringId, title, startsAt]`, oldest gathering first. Read it with `mentionsFrom`.
 */
export const HARVESTS_OF_THREAD = Prisma.sql`COALESCE((
    SELECT json_agg(json_build_array(g.id, g.title, g."startsAt") ORDER BY g."startsAt", g.id)
    FROM "HarvestThread" ht
    JOIN "Harvest" h ON h."networkId" = ht."networkId" AND h.id = ht."harvestId" AND h."publishedAt" IS NOT NULL
    JOIN "Gathering" g ON g."networkId" = h."networkId" AND g.id = h."gatheringId"
    WHERE ht."networkId" = t."networkId" AND ht."threadId" = t.id
  ), '[]'::json)`;

/** The same for the cycle `c` (a `FROM "Cycle" c` statement): the gatherings whose harvest names it. */
export const HARVESTS_OF_CYCLE = Prisma.sql`COALESCE((
    SELECT json_agg(json_build_array(g.id, g.title, g."startsAt") ORDER BY g."startsAt", g.id)
    FROM "Harvest" h
    JOIN "Gathering" g ON g."networkId" = h."networkId" AND g.id = h."gatheringId"
    WHERE h."networkId" = c."networkId" AND h."cycleId" = c.id AND h."publishedAt" IS NOT NULL
  ), '[]'::json)`;

/** The mentions of a HARVESTS_OF_* column, for a viewer who reads harvests there (brokers, members); none for others. */
export function mentionsFrom(scope: NetworkScope, json: unknown): HarvestMention[] {
  if (!can(scope.role, "harvest.read") || !Array.isArray(json)) return [];
  return (json as [string, string, string][]).map(([gatheringId, title, startsAt]) => ({ gatheringId, title, startsAt: new Date(startsAt) }));
}

/** A harvest as evidence on a milestone: the gathering it came from. */
export type HarvestEvidence = HarvestMention & { milestoneId: string };

/**
 * The published harvests linked to any of an initiative's milestones (the initiative page's loader
 * reads them beside the milestones, one statement): who sees which is `mayReadAsEvidence`.
 */
export async function listHarvestEvidence(scope: NetworkScope, initiativeId: string): Promise<HarvestEvidence[]> {
  return db(scope).$queryRaw<HarvestEvidence[]>`
    SELECT hm."milestoneId", g.id AS "gatheringId", g.title, g."startsAt"
    FROM "HarvestMilestone" hm
    JOIN "Milestone" m ON m."networkId" = hm."networkId" AND m.id = hm."milestoneId"
    JOIN "Harvest" h ON h."networkId" = hm."networkId" AND h.id = hm."harvestId" AND h."publishedAt" IS NOT NULL
    JOIN "Gathering" g ON g."networkId" = h."networkId" AND g.id = h."gatheringId"
    WHERE hm."networkId" = ${scope.networkId} AND m."initiativeId" = ${initiativeId}
    ORDER BY g."startsAt", g.id`;
}

type HarvestInsightView = { id: string; body: string; level: Level; area: Area };
type HarvestRevisionView = { id: string; editorName: string | null; createdAt: Date; summary: string; agreements: string; nextSteps: string };
type HarvestLink = { id: string; title: string };

type HarvestView = {
  id: string;
  summary: string;
  summaryHtml: string;
  agreements: string;
  agreementsHtml: string;
  nextSteps: string;
  nextStepsHtml: string;
  authorName: string | null;
  publishedAt: Date | null;
  editedAt: Date | null;
  /** The form's optimistic-concurrency key: `updatedAt` in ms. */
  version: string;
  cycle: HarvestLink | null;
  insights: HarvestInsightView[];
  threads: HarvestLink[];
  milestones: (HarvestLink & { initiativeId: string })[];
  /** Earlier versions, newest first: what the text was before each edit, who changed it and when. */
  revisions: HarvestRevisionView[];
};

type SectionRow = {
  status: GatheringStatus;
  startsAt: Date;
  isHost: boolean;
  harvestId: string | null;
  summary: string | null;
  summaryHtml: string | null;
  agreements: string | null;
  agreementsHtml: string | null;
  nextSteps: string | null;
  nextStepsHtml: string | null;
  authorName: string | null;
  publishedAt: Date | null;
  editedAt: Date | null;
  updatedAt: Date | null;
  cycleId: string | null;
  cycleTitle: string | null;
  insights: [string, string, Level, Area][];
  threads: [string, string][];
  milestones: [string, string, string][];
  revisions: [string, string | null, string, string, string, string][];
};

/** What the editor offers to link: the network's recent threads, its milestones and its cycles. */
export type HarvestOptions = { threads: HarvestLink[]; milestones: (HarvestLink & { initiativeName: string })[]; cycles: HarvestLink[] };

/** How many of each the editor offers (besides the ones linked already, which it always shows). */
const OPTIONS_MAX = 100;

type OptionRow = { kind: "thread" | "milestone" | "cycle"; id: string; title: string; label: string | null };

async function loadOptions(scope: NetworkScope): Promise<HarvestOptions> {
  const n = scope.networkId;
  const rows = await db(scope).$queryRaw<OptionRow[]>`
    (SELECT 'thread'::text AS kind, t.id, t.title, NULL::text AS label FROM "Thread" t
      WHERE t."networkId" = ${n} AND t."hiddenAt" IS NULL ORDER BY t."lastActivityAt" DESC, t.id DESC LIMIT ${OPTIONS_MAX})
    UNION ALL
    (SELECT 'milestone', m.id, m.title, i.name FROM "Milestone" m
      JOIN "Initiative" i ON i."networkId" = m."networkId" AND i.id = m."initiativeId"
      WHERE m."networkId" = ${n} ORDER BY i."createdAt" DESC, m.position LIMIT ${OPTIONS_MAX})
    UNION ALL
    (SELECT 'cycle', c.id, c.title, NULL FROM "Cycle" c
      WHERE c."networkId" = ${n} ORDER BY c."createdAt" DESC, c.id DESC LIMIT ${OPTIONS_MAX})`;
  return {
    threads: rows.filter((r) => r.kind === "thread").map(({ id, title }) => ({ id, title })),
    milestones: rows.filter((r) => r.kind === "milestone").map(({ id, title, label }) => ({ id, title, initiativeName: label ?? "" })),
    cycles: rows.filter((r) => r.kind === "cycle").map(({ id, title }) => ({ id, title })),
  };
}

/**
 * The harvest section of a gathering's page: the harvest as this viewer may read it (a draft only
 * for its hosts and brokers, nothing for funders), whether they may write it, and whether it can be
 * written now (`open`: the gathering started and was not cancelled). One statement; one more, what
 * the editor offers to link, for those who may write. Null when the gathering is not in this network.
 */
export async function loadHarvestSection(scope: NetworkScope, gatheringId: string, now = new Date()) {
  const [row] = await db(scope).$queryRaw<SectionRow[]>`
    SELECT g.status::text AS status, g."startsAt",
      EXISTS (SELECT 1 FROM "GatheringHost" gh
              WHERE gh."networkId" = g."networkId" AND gh."gatheringId" = g.id AND gh."userId" = ${scope.userId}) AS "isHost",
      h.id AS "harvestId", h.summary, h."summaryHtml", h.agreements, h."agreementsHtml", h."nextSteps", h."nextStepsHtml",
      au.name AS "authorName", h."publishedAt", h."editedAt", h."updatedAt", c.id AS "cycleId", c.title AS "cycleTitle",
      COALESCE((SELECT json_agg(json_build_array(i.id, i.body, i.level, i.area) ORDER BY i.position)
                FROM "HarvestInsight" i WHERE i."networkId" = h."networkId" AND i."harvestId" = h.id), '[]'::json) AS insights,
      COALESCE((SELECT json_agg(json_build_array(t.id, t.title) ORDER BY t.title, t.id)
                FROM "HarvestThread" ht JOIN "Thread" t ON t."networkId" = ht."networkId" AND t.id = ht."threadId"
                WHERE ht."networkId" = h."networkId" AND ht."harvestId" = h.id AND t."hiddenAt" IS NULL), '[]'::json) AS threads,
      COALESCE((SELECT json_agg(json_build_array(m.id, m.title, m."initiativeId") ORDER BY m.title, m.id)
                FROM "HarvestMilestone" hm JOIN "Milestone" m ON m."networkId" = hm."networkId" AND m.id = hm."milestoneId"
                WHERE hm."networkId" = h."networkId" AND hm."harvestId" = h.id), '[]'::json) AS milestones,
      COALESCE((SELECT json_agg(json_build_array(r.id, eu.name, r."createdAt", r.summary, r.agreements, r."nextSteps")
                                ORDER BY r."createdAt" DESC, r.id DESC)
                FROM "HarvestRevision" r LEFT JOIN "User" eu ON eu.id = r."editorId"
                WHERE r."networkId" = h."networkId" AND r."harvestId" = h.id), '[]'::json) AS revisions
    FROM "Gathering" g
    LEFT JOIN "Harvest" h ON h."networkId" = g."networkId" AND h."gatheringId" = g.id
    LEFT JOIN "User" au ON au.id = h."authorId"
    LEFT JOIN "Cycle" c ON c."networkId" = h."networkId" AND c.id = h."cycleId"
    WHERE g."networkId" = ${scope.networkId} AND g.id = ${gatheringId}`;
  if (!row) return null;
  const mayWrite = mayWriteHarvest(scope, row.isHost);
  const open = row.status === "planned" && row.startsAt.getTime() <= now.getTime();
  const readable = row.harvestId !== null && mayReadHarvest(scope, { publishedAt: row.publishedAt }, row.isHost);
  const harvest: HarvestView | null = readable
    ? {
        id: row.harvestId!,
        summary: row.summary!,
        summaryHtml: htmlOf(row.summaryHtml, row.summary!),
        agreements: row.agreements!,
        agreementsHtml: row.agreements ? htmlOf(row.agreementsHtml, row.agreements) : "",
        nextSteps: row.nextSteps!,
        nextStepsHtml: row.nextSteps ? htmlOf(row.nextStepsHtml, row.nextSteps) : "",
        authorName: row.authorName,
        publishedAt: row.publishedAt,
        editedAt: row.editedAt,
        version: String(row.updatedAt!.getTime()),
        cycle: row.cycleId ? { id: row.cycleId, title: row.cycleTitle ?? "" } : null,
        insights: row.insights.map(([id, body, level, area]) => ({ id, body, level, area })),
        threads: row.threads.map(([id, title]) => ({ id, title })),
        milestones: row.milestones.map(([id, title, initiativeId]) => ({ id, title, initiativeId })),
        revisions: row.revisions.map(([id, editorName, createdAt, summary, agreements, nextSteps]) => ({
          id,
          editorName,
          createdAt: new Date(createdAt),
          summary,
          agreements,
          nextSteps,
        })),
      }
    : null;
  const options = mayWrite && open ? await loadOptions(scope) : null;
  return { harvest, mayWrite: mayWrite && open, open, cancelled: row.status === "cancelled", options };
}
