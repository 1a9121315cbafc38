"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/action";
import { requireMember } from "@/lib/membership/scope";
import { answerConsent, callConsent, closeCycle, hideConsentAnswer, restoreConsentAnswer, saveSynthesis } from "./mutations";
import {
  answerConsentSchema,
  callConsentSchema,
  closeCycleSchema,
  hideConsentAnswerSchema,
  restoreConsentAnswerSchema,
  saveSynthesisSchema,
} from "./schema";

/**
 * The pages that show the WE phase: the cycle page, the journey (a closed cycle joins it) and the
 * network's home. The same list as in lib/cycles/actions.ts; a "use server" file exports only actions.
 */
function revalidateCycles(slug: string) {
  revalidatePath(`/n/${slug}/cycles`);
  revalidatePath(`/n/${slug}/cycles/journey`);
  revalidatePath(`/n/${slug}`);
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
