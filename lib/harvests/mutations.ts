import "server-only";
import { db, type Tx } from "@/lib/db/client";
import type { GatheringStatus } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { renderMarkdown } from "@/lib/markdown/render";
import type { NetworkScope } from "@/lib/membership/scope";
import { notifyHarvestPublished } from "@/lib/notifications/mutations";
import { assertHarvestable, assertMayWriteHarvest } from "./policy";
import type { SaveHarvestInput } from "./schema";

// Writing a gathering's harvest (decision 038): saving it (a draft, or an edit of a published one,
// keeping the earlier text as a revision) and publishing it, which tells the network once.

type LockedGathering = { id: string; title: string; status: GatheringStatus; startsAt: Date; isHost: boolean };

/**
 * The gathering of this network, its row locked (saves and publishing of one harvest take turns),
 * and whether the writer hosts it; refused unless they may write its harvest now.
 */
async function lockForHarvest(tx: Tx, scope: NetworkScope, gatheringId: string, now: Date): Promise<LockedGathering> {
  const rows = await tx.$queryRaw<LockedGathering[]>`
    SELECT g.id, g.title, g.status::text AS status, g."startsAt",
           EXISTS (SELECT 1 FROM "GatheringHost" h
                   WHERE h."networkId" = g."networkId" AND h."gatheringId" = g.id AND h."userId" = ${scope.userId}) AS "isHost"
    FROM "Gathering" g
    WHERE g."networkId" = ${scope.networkId} AND g.id = ${gatheringId}
    FOR UPDATE OF g`;
  const gathering = rows[0];
  if (!gathering) throw new AppError("not_found");
  assertMayWriteHarvest(scope, gathering.isHost);
  assertHarvestable(gathering, now);
  return gathering;
}

/** Refuses links to threads, milestones or a cycle that are not this network's (a field message each). */
async function assertLinksInNetwork(tx: Tx, scope: NetworkScope, input: Pick<SaveHarvestInput, "threadIds" | "milestoneIds" | "cycleId">) {
  const networkId = scope.networkId;
  const [threads, milestones, cycles] = await Promise.all([
    input.threadIds.length ? tx.thread.count({ where: { networkId, id: { in: input.threadIds } } }) : 0,
    input.milestoneIds.length ? tx.milestone.count({ where: { networkId, id: { in: input.milestoneIds } } }) : 0,
    input.cycleId ? tx.cycle.count({ where: { networkId, id: input.cycleId } }) : 0,
  ]);
  const errors: Record<string, string[]> = {};
  if (threads !== input.threadIds.length) errors.threads = ["link_unknown"];
  if (milestones !== input.milestoneIds.length) errors.milestones = ["link_unknown"];
  if (input.cycleId && cycles !== 1) errors.cycleId = ["link_unknown"];
  if (Object.keys(errors).length) throw new AppError("invalid_input", errors);
}

/**
 * Saves the harvest of a gathering: creates it (a draft) or changes it. A change of a text keeps
 * the earlier three parts as a HarvestRevision (who changed it, when), and a change after
 * publishing sets `editedAt`. The Markdown is rendered here, once. Insights and links are written
 * as the form sent them (the form shows all of them). `version` must be the harvest's `updatedAt`
 * as the form loaded it: a save from an outdated form is `conflict` and changes nothing.
 */
export async function saveHarvest(scope: NetworkScope, input: SaveHarvestInput, now = new Date()) {
  return db(scope).$transaction(async (tx) => {
    const gathering = await lockForHarvest(tx, scope, input.gatheringId, now);
    await assertLinksInNetwork(tx, scope, input);
    const networkId = scope.networkId;
    const existing = await tx.harvest.findFirst({
      where: { networkId, gatheringId: gathering.id },
      select: { id: true, summary: true, agreements: true, nextSteps: true, publishedAt: true, updatedAt: true },
    });
    if (existing ? input.version !== String(existing.updatedAt.getTime()) : input.version !== "") throw new AppError("conflict");
    const texts = {
      summary: input.summary,
      summaryHtml: renderMarkdown(input.summary),
      agreements: input.agreements,
      agreementsHtml: input.agreements ? renderMarkdown(input.agreements) : null,
      nextSteps: input.nextSteps,
      nextStepsHtml: input.nextSteps ? renderMarkdown(input.nextSteps) : null,
      cycleId: input.cycleId,
    };
    let harvestId: string;
    let updatedAt: Date;
    if (existing) {
      const textChanged =
        existing.summary !== input.summary || existing.agreements !== input.agreements || existing.nextSteps !== input.nextSteps;
      if (textChanged) {
        await tx.harvestRevision.create({
          data: {
            networkId,
            harvestId: existing.id,
            editorId: scope.userId,
            summary: existing.summary,
            agreements: existing.agreements,
            nextSteps: existing.nextSteps,
            createdAt: now,
          },
        });
      }
      const saved = await tx.harvest.update({
        where: { id: existing.id, networkId },
        data: { ...texts, ...(textChanged && existing.publishedAt ? { editedAt: now } : {}) },
        select: { id: true, updatedAt: true },
      });
      harvestId = saved.id;
      updatedAt = saved.updatedAt;
      await tx.harvestInsight.deleteMany({ where: { networkId, harvestId } });
      await tx.harvestThread.deleteMany({ where: { networkId, harvestId } });
      await tx.harvestMilestone.deleteMany({ where: { networkId, harvestId } });
    } else {
      const saved = await tx.harvest.create({
        data: { networkId, gatheringId: gathering.id, authorId: scope.userId, ...texts },
        select: { id: true, updatedAt: true },
      });
      harvestId = saved.id;
      updatedAt = saved.updatedAt;
    }
    if (input.insights.length) {
      await tx.harvestInsight.createMany({
        data: input.insights.map((insight, position) => ({ networkId, harvestId, position, ...insight })),
      });
    }
    if (input.threadIds.length) {
      await tx.harvestThread.createMany({ data: input.threadIds.map((threadId) => ({ networkId, harvestId, threadId })) });
    }
    if (input.milestoneIds.length) {
      await tx.harvestMilestone.createMany({ data: input.milestoneIds.map((milestoneId) => ({ networkId, harvestId, milestoneId })) });
    }
    return { id: harvestId, version: String(updatedAt.getTime()), published: existing?.publishedAt != null };
  });
}

/**
 * Publishes a written harvest: from now on every broker and member reads it, and each of them
 * (but the one publishing) hears of it once (`harvest-published:<harvestId>`). Publishing a
 * published harvest changes nothing and tells nobody again. Without a harvest: `harvest_not_written`.
 */
export async function publishHarvest(scope: NetworkScope, input: { gatheringId: string }, now = new Date()) {
  return db(scope).$transaction(async (tx) => {
    const gathering = await lockForHarvest(tx, scope, input.gatheringId, now);
    const harvest = await tx.harvest.findFirst({
      where: { networkId: scope.networkId, gatheringId: gathering.id },
      select: { id: true, publishedAt: true },
    });
    if (!harvest) throw new AppError("harvest_not_written");
    if (harvest.publishedAt) return { id: harvest.id, publishedAt: harvest.publishedAt };
    await tx.harvest.update({ where: { id: harvest.id, networkId: scope.networkId }, data: { publishedAt: now } });
    await notifyHarvestPublished(tx, scope, { harvestId: harvest.id, gatheringId: gathering.id });
    return { id: harvest.id, publishedAt: now };
  });
}
