"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/action";
import { requireMember } from "@/lib/membership/scope";
import type { RsvpStatus } from "@/lib/db/generated/enums";
import { answerRsvp, cancelGathering, createGathering, endSeries, planGathering, recordAttendance, updateGathering } from "./mutations";
import { membersProposeGatherings } from "./queries";
import {
  attendanceSchema,
  cancelGatheringSchema,
  createGatheringSchema,
  endSeriesSchema,
  planGatheringSchema,
  rsvpSchema,
  updateGatheringSchema,
} from "./schema";

function revalidateGatherings(slug: string, gatheringId?: string) {
  revalidatePath(`/n/${slug}/gatherings`);
  if (gatheringId) revalidatePath(`/n/${slug}/gatherings/${gatheringId}`);
  revalidatePath(`/n/${slug}`);
}

/** A broker plans a gathering (or a series); a member proposes one where the network allows it. */
export async function createGatheringAction(_prev: unknown, form: FormData): Promise<ActionResult<{ gatheringId: string }>> {
  const result = await runAction(
    createGatheringSchema,
    form,
    async ({ slug, ...input }) => {
      const scope = await requireMember(slug, "gathering.propose");
      const gathering = await createGathering(scope, { ...input, membersPropose: await membersProposeGatherings(scope) });
      revalidateGatherings(scope.slug);
      return { gatheringId: gathering.id, slug: scope.slug };
    },
  );
  if (result.ok) redirect(`/n/${result.data.slug}/gatherings/${result.data.gatheringId}`);
  return result;
}

/** Edits one gathering (one occurrence of a series). */
export async function updateGatheringAction(_prev: unknown, form: FormData): Promise<ActionResult<{ gatheringId: string }>> {
  const result = await runAction(
    updateGatheringSchema,
    form,
    async ({ slug, ...input }) => {
      const scope = await requireMember(slug, "gathering.propose");
      const gathering = await updateGathering(scope, input);
      revalidateGatherings(scope.slug, gathering.id);
      return { gatheringId: gathering.id, slug: scope.slug };
    },
  );
  if (result.ok) redirect(`/n/${result.data.slug}/gatherings/${result.data.gatheringId}`);
  return result;
}

export async function cancelGatheringAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(cancelGatheringSchema, form, async ({ slug, gatheringId, reason }) => {
    const scope = await requireMember(slug, "gathering.propose");
    await cancelGathering(scope, { gatheringId, reason });
    revalidateGatherings(scope.slug, gatheringId);
    return null;
  });
}

/** A broker plans what a member proposed. */
export async function planGatheringAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(planGatheringSchema, form, async ({ slug, gatheringId }) => {
    const scope = await requireMember(slug, "gathering.plan");
    await planGathering(scope, { gatheringId });
    revalidateGatherings(scope.slug, gatheringId);
    return null;
  });
}

/** A broker ends a series: what is still to come is cancelled, the past stays. */
export async function endSeriesAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(endSeriesSchema, form, async ({ slug, seriesId }) => {
    const scope = await requireMember(slug, "gathering.plan");
    await endSeries(scope, { seriesId });
    revalidateGatherings(scope.slug);
    return null;
  });
}

export async function rsvpAction(_prev: unknown, form: FormData): Promise<ActionResult<{ status: RsvpStatus }>> {
  return runAction(rsvpSchema, form, async ({ slug, gatheringId, status, note }) => {
    const scope = await requireMember(slug, "gathering.rsvp");
    const answer = await answerRsvp(scope, { gatheringId, status, note });
    revalidateGatherings(scope.slug, gatheringId);
    return answer;
  });
}

/** A host (or a broker) records who came. */
export async function recordAttendanceAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(attendanceSchema, form, async ({ slug, gatheringId, came, guests }) => {
    const scope = await requireMember(slug, "gathering.attendance");
    await recordAttendance(scope, { gatheringId, came, guests });
    revalidateGatherings(scope.slug, gatheringId);
    return null;
  });
}
