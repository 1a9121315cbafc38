"use server";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/action";
import { resolveLocale } from "@/lib/i18n/locale";
import { requireMember } from "@/lib/membership/scope";
import {
  addMilestone,
  createInitiative,
  createPledge,
  editInitiative,
  editMilestone,
  hideUpdate,
  moveMilestone,
  postUpdate,
  releasePledge,
  restoreUpdate,
  setMilestoneStatus,
  withdrawPledge,
} from "./mutations";
import {
  addMilestoneSchema,
  createInitiativeSchema,
  editInitiativeSchema,
  editMilestoneSchema,
  hideUpdateSchema,
  moveMilestoneSchema,
  pledgeSchema,
  postUpdateSchema,
  readMoney,
  releasePledgeSchema,
  restoreUpdateSchema,
  setMilestoneStatusSchema,
  withdrawPledgeSchema,
} from "./schema";

function revalidateFunding(slug: string, initiativeId?: string) {
  revalidatePath(`/n/${slug}/initiatives`);
  if (initiativeId) revalidatePath(`/n/${slug}/initiatives/${initiativeId}`);
  revalidatePath(`/n/${slug}/initiatives/lessons`);
  revalidatePath(`/n/${slug}/initiatives/funding`);
}

/** A fresh key for the next record from the same form. */
function nextKey() {
  return randomUUID().replaceAll("-", "");
}

export async function createInitiativeAction(_prev: unknown, form: FormData): Promise<ActionResult<{ initiativeId: string }>> {
  const result = await runAction(createInitiativeSchema, form, async ({ slug, ...input }) => {
    const scope = await requireMember(slug, "initiative.create");
    const initiative = await createInitiative(scope, input);
    revalidateFunding(scope.slug);
    return { initiativeId: initiative.id, slug: scope.slug };
  });
  if (result.ok) redirect(`/n/${result.data.slug}/initiatives/${result.data.initiativeId}`);
  return result;
}

export async function editInitiativeAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(editInitiativeSchema, form, async ({ slug, ...input }) => {
    const scope = await requireMember(slug, "initiative.edit");
    await editInitiative(scope, input);
    revalidateFunding(scope.slug, input.initiativeId);
    return null;
  });
}

export async function addMilestoneAction(_prev: unknown, form: FormData): Promise<ActionResult<{ milestoneId: string }>> {
  return runAction(addMilestoneSchema, form, async ({ slug, amount, currency, ...input }) => {
    const scope = await requireMember(slug, "milestone.manage");
    const money = readMoney({ amount, currency }, await resolveLocale());
    const milestone = await addMilestone(scope, { ...input, money });
    revalidateFunding(scope.slug, input.initiativeId);
    return { milestoneId: milestone.id };
  });
}

export async function editMilestoneAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(editMilestoneSchema, form, async ({ slug, amount, currency, ...input }) => {
    const scope = await requireMember(slug, "milestone.manage");
    const money = readMoney({ amount, currency }, await resolveLocale());
    const saved = await editMilestone(scope, { ...input, money });
    revalidateFunding(scope.slug, saved.initiativeId);
    return null;
  });
}

export async function moveMilestoneAction(_prev: unknown, form: FormData): Promise<ActionResult<{ moved: boolean }>> {
  return runAction(moveMilestoneSchema, form, async ({ slug, ...input }) => {
    const scope = await requireMember(slug, "milestone.manage");
    const moved = await moveMilestone(scope, input);
    revalidateFunding(scope.slug, moved.initiativeId);
    return { moved: moved.moved };
  });
}

export async function setMilestoneStatusAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(setMilestoneStatusSchema, form, async ({ slug, ...input }) => {
    const scope = await requireMember(slug, "milestone.manage");
    const saved = await setMilestoneStatus(scope, input);
    revalidateFunding(scope.slug, saved.initiativeId);
    return null;
  });
}

export async function postUpdateAction(_prev: unknown, form: FormData): Promise<ActionResult<{ nextKey: string }>> {
  return runAction(postUpdateSchema, form, async ({ slug, ...input }) => {
    const scope = await requireMember(slug, "milestone.update");
    const saved = await postUpdate(scope, input);
    revalidateFunding(scope.slug, saved.initiativeId);
    return { nextKey: nextKey() };
  });
}

export async function pledgeAction(_prev: unknown, form: FormData): Promise<ActionResult<{ pledgeId: string; nextKey: string }>> {
  return runAction(pledgeSchema, form, async ({ slug, amount, currency, ...input }) => {
    const scope = await requireMember(slug, "pledge.create");
    const money = readMoney({ amount, currency }, await resolveLocale());
    const pledge = await createPledge(scope, { ...input, money });
    revalidateFunding(scope.slug, pledge.initiativeId);
    return { pledgeId: pledge.id, nextKey: nextKey() };
  });
}

export async function releasePledgeAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(releasePledgeSchema, form, async ({ slug, ...input }) => {
    const scope = await requireMember(slug, "pledge.release");
    const saved = await releasePledge(scope, input);
    revalidateFunding(scope.slug, saved.initiativeId);
    return null;
  });
}

export async function withdrawPledgeAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(withdrawPledgeSchema, form, async ({ slug, ...input }) => {
    const scope = await requireMember(slug, "pledge.withdraw");
    const saved = await withdrawPledge(scope, input);
    revalidateFunding(scope.slug, saved.initiativeId);
    return null;
  });
}

/** A broker hides a milestone update or lesson with a reason (moderation, audited; decision 027). */
export async function hideUpdateAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(hideUpdateSchema, form, async ({ slug, ...input }) => {
    const scope = await requireMember(slug, "moderation.hide");
    const { initiativeId } = await hideUpdate(scope, input);
    revalidateFunding(scope.slug, initiativeId);
    return null;
  });
}

/** A broker restores a hidden milestone update or lesson. */
export async function restoreUpdateAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(restoreUpdateSchema, form, async ({ slug, ...input }) => {
    const scope = await requireMember(slug, "moderation.hide");
    const { initiativeId } = await restoreUpdate(scope, input);
    revalidateFunding(scope.slug, initiativeId);
    return null;
  });
}
