"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/action";
import { fallbackTimeZone, isTimeZone, timeZoneCookie } from "@/lib/i18n/config";
import { requireMember } from "@/lib/membership/scope";
import {
  advanceCycle,
  answerConsent,
  callConsent,
  closeCycle,
  extendCycle,
  hideConsentAnswer,
  hideReflection,
  openCycle,
  restoreConsentAnswer,
  restoreReflection,
  saveReflection,
  saveSynthesis,
} from "./mutations";
import {
  advanceCycleSchema,
  answerConsentSchema,
  callConsentSchema,
  closeCycleSchema,
  extendCycleSchema,
  hideConsentAnswerSchema,
  hideReflectionSchema,
  openCycleSchema,
  restoreConsentAnswerSchema,
  restoreReflectionSchema,
  saveReflectionSchema,
  saveSynthesisSchema,
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

/** A broker hides the text of a member's consent answer with a reason (moderation, audited; decision 027). */
export async function hideConsentAnswerAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(hideConsentAnswerSchema, form, async ({ slug, ...input }) => {
    const scope = await requireMember(slug, "moderation.hide");
    await hideConsentAnswer(scope, input);
    revalidateCycles(scope.slug);
    return null;
  });
}

/** A broker restores a hidden consent answer's text. */
export async function restoreConsentAnswerAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(restoreConsentAnswerSchema, form, async ({ slug, ...input }) => {
    const scope = await requireMember(slug, "moderation.hide");
    await restoreConsentAnswer(scope, input);
    revalidateCycles(scope.slug);
    return null;
  });
}

/**
 * Saves the synthesis as a new revision. On a conflict the page is revalidated too, so
 * the form shows the text saved in between next to the one typed (kept in `values`).
 */
export async function saveSynthesisAction(_prev: unknown, form: FormData): Promise<ActionResult<{ number: number }>> {
  let slug: string | null = null;
  const result = await runAction(saveSynthesisSchema, form, async ({ slug: raw, ...input }) => {
    const scope = await requireMember(raw, "synthesis.write");
    slug = scope.slug;
    const saved = await saveSynthesis(scope, input);
    return { number: saved.number };
  });
  if (slug) revalidateCycles(slug);
  return result;
}

export async function callConsentAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(callConsentSchema, form, async ({ slug, cycleId }) => {
    const scope = await requireMember(slug, "consent.call");
    await callConsent(scope, { cycleId });
    revalidateCycles(scope.slug);
    return null;
  });
}

export async function answerConsentAction(_prev: unknown, form: FormData): Promise<ActionResult<{ answer: string }>> {
  return runAction(answerConsentSchema, form, async ({ slug, ...input }) => {
    const scope = await requireMember(slug, "consent.answer");
    const saved = await answerConsent(scope, input);
    revalidateCycles(scope.slug);
    return { answer: saved.answer };
  });
}

/**
 * Closes the cycle into the journey. A refusal revalidates the page too: an objection
 * raised while the broker was writing the notes then shows up with its own note field.
 */
export async function closeCycleAction(_prev: unknown, form: FormData): Promise<ActionResult<{ slug: string }>> {
  let slug: string | null = null;
  const result = await runAction(closeCycleSchema, form, async ({ slug: raw, ...input }) => {
    const scope = await requireMember(raw, "cycle.close");
    slug = scope.slug;
    await closeCycle(scope, input);
    return { slug: scope.slug };
  });
  if (slug) revalidateCycles(slug);
  if (result.ok) redirect(`/n/${result.data.slug}/cycles/journey`);
  return result;
}
