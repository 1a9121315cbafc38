import type { GatheringStatus, Role } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { can } from "@/lib/membership/policy";

/**
 * Who writes and who reads a gathering's harvest (decision 038). The role table lives in
 * lib/membership/policy.ts (harvest.read, harvest.write); these are the rules that also depend on
 * the gathering (its hosts, its time, whether it was cancelled) and on the harvest (a draft or
 * published).
 */

export type HarvestViewer = { userId: string; role: Role };

/** A broker, or a host of the gathering who is a broker or member (funders fund; they do not write harvests). */
export function mayWriteHarvest(viewer: HarvestViewer, isHost: boolean): boolean {
  if (viewer.role === "broker") return true;
  return isHost && can(viewer.role, "harvest.write");
}

export function assertMayWriteHarvest(viewer: HarvestViewer, isHost: boolean): void {
  if (!mayWriteHarvest(viewer, isHost)) throw new AppError("forbidden");
}

/**
 * A harvest is what a gathering produced: written once a planned gathering has started, never for
 * one that was cancelled (nothing happened) or only proposed (it has not been planned).
 */
export function assertHarvestable(gathering: { status: GatheringStatus; startsAt: Date }, now: Date): void {
  if (gathering.status === "cancelled") throw new AppError("harvest_gathering_cancelled");
  if (gathering.status !== "planned" || gathering.startsAt.getTime() > now.getTime()) throw new AppError("harvest_too_early");
}

/**
 * Whether this viewer reads a harvest where it shows (the gathering page, a thread, the cycle, the
 * journey): a published one every broker and member; a draft only those who may write it. Funders
 * read a harvest only as evidence on a milestone they back (`mayReadAsEvidence`).
 */
export function mayReadHarvest(viewer: HarvestViewer, harvest: { publishedAt: Date | null }, isHost: boolean): boolean {
  if (harvest.publishedAt === null) return mayWriteHarvest(viewer, isHost);
  return can(viewer.role, "harvest.read");
}

/**
 * A published harvest linked to a milestone, on that milestone: brokers and members always; a
 * funder only on a milestone they back (a pledge of theirs that stands or was released).
 */
export function mayReadAsEvidence(viewer: HarvestViewer, backsMilestone: boolean): boolean {
  if (can(viewer.role, "harvest.read")) return true;
  return viewer.role === "funder" && backsMilestone;
}
