"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/action";
import { fallbackTimeZone, isTimeZone, timeZoneCookie } from "@/lib/i18n/config";
import { requireMember } from "@/lib/membership/scope";
import { advanceCycle, extendCycle, hideReflection, openCycle, restoreReflection, saveReflection } from "./mutations";
import {
  advanceCycleSchema,
  extendCycleSchema,
  hideReflectionSchema,
  openCycleSchema,
  restoreReflectionSchema,
  saveReflectionSchema,
} from "./schema";

/**
 * Deadlines are typed as wall-clock times in the viewer's zone, the one the pages show
 * times in (the `kring-tz` cookie set by TimeZoneSync; UTC without it).
 */
async function viewerTimeZone(): Promise<string> {
  const zone = (await cookies()).get(timeZoneCookie)?.value;
  const decoded = zone ? decodeURIComponent(zone) : undefined;
  return isTimeZone(decoded) ? decoded : fallbackTimeZone;
}

function revalidateCycles(slug: string) {
  revalidatePath(`/n/${slug}/cycles`);
  revalidatePath(`/n/${slug}/cycles/journey`);
  revalidatePath(`/n/${slug}`);
}

export async function openCycleAction(_prev: unknown, form: FormData): Promise<ActionResult<{ cycleId: string }>> {
  const result = await runAction(openCycleSchema, form, async ({ slug, ...input }) => {
    const scope = await requireMember(slug, "cycle.open");
    const cycle = await openCycle(scope, { ...input, zone: await viewerTimeZone() });
    revalidateCycles(scope.slug);
    return { cycleId: cycle.id, slug: scope.slug };
  });
  if (result.ok) redirect(`/n/${result.data.slug}/cycles`);
  return result;
}

export async function extendCycleAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(extendCycleSchema, form, async ({ slug, ...input }) => {
    const scope = await requireMember(slug, "cycle.extend");
    await extendCycle(scope, { ...input, zone: await viewerTimeZone() });
    revalidateCycles(scope.slug);
    return null;
  });
}

export async function advanceCycleAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(advanceCycleSchema, form, async ({ slug, cycleId }) => {
    const scope = await requireMember(slug, "cycle.advance");
    await advanceCycle(scope, { cycleId });
    revalidateCycles(scope.slug);
    return null;
  });
}

export async function saveReflectionAction(
  _prev: unknown,
  form: FormData,
): Promise<ActionResult<{ submitted: boolean; intent: "draft" | "submit"; version: string }>> {
  return runAction(saveReflectionSchema, form, async ({ slug, ...input }) => {
    const scope = await requireMember(slug, "reflection.write");
    const saved = await saveReflection(scope, input);
    revalidateCycles(scope.slug);
    return { submitted: saved.submittedAt !== null, intent: input.intent, version: String(saved.updatedAt.getTime()) };
  });
}

/** A broker hides a member's shared reflection with a reason (moderation, audited; decision 027). */
export async function hideReflectionAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(hideReflectionSchema, form, async ({ slug, ...input }) => {
    const scope = await requireMember(slug, "moderation.hide");
    await hideReflection(scope, input);
    revalidateCycles(scope.slug);
    return null;
  });
}

/** A broker restores a hidden reflection. */
export async function restoreReflectionAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(restoreReflectionSchema, form, async ({ slug, ...input }) => {
    const scope = await requireMember(slug, "moderation.hide");
    await restoreReflection(scope, input);
    revalidateCycles(scope.slug);
    return null;
  });
}
