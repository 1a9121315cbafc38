"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/action";
import type { SupportEntryStatus } from "@/lib/db/generated/enums";
import { requireMember } from "@/lib/membership/scope";
import { createSupportEntry, markSupportEntryChecked, removeSupportEntry, reviewSupportEntry, updateSupportEntry } from "./mutations";
import {
  checkSupportEntrySchema,
  createSupportEntrySchema,
  removeSupportEntrySchema,
  reviewSupportEntrySchema,
  updateSupportEntrySchema,
} from "./schema";

function revalidateSupport(slug: string) {
  revalidatePath(`/n/${slug}/support`);
  // The add form's page too: it renders with the next idempotency key.
  revalidatePath(`/n/${slug}/support/new`);
}

/** A broker adds an entry to the map; a member suggests one for a broker to review. */
export async function createSupportEntryAction(_prev: unknown, form: FormData): Promise<ActionResult<{ entryId: string; status: SupportEntryStatus }>> {
  return runAction(
    createSupportEntrySchema,
    form,
    async ({ slug, ...input }) => {
      const scope = await requireMember(slug, "support.suggest");
      const entry = await createSupportEntry(scope, input);
      revalidateSupport(scope.slug);
      return { entryId: entry.id, status: entry.status };
    },
    { rateLimit: { field: "name" } },
  );
}

/** A broker edits an entry, then goes back to the map. */
export async function updateSupportEntryAction(_prev: unknown, form: FormData): Promise<ActionResult<{ entryId: string }>> {
  const result = await runAction(
    updateSupportEntrySchema,
    form,
    async ({ slug, ...input }) => {
      const scope = await requireMember(slug, "support.manage");
      const entry = await updateSupportEntry(scope, input);
      revalidateSupport(scope.slug);
      return { entryId: entry.id, slug: scope.slug };
    },
    { rateLimit: { field: "name" } },
  );
  if (result.ok) redirect(`/n/${result.data.slug}/support#entry-${result.data.entryId}`);
  return result;
}

/** A broker marks an entry as checked today. */
export async function checkSupportEntryAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(checkSupportEntrySchema, form, async ({ slug, entryId }) => {
    const scope = await requireMember(slug, "support.manage");
    await markSupportEntryChecked(scope, { entryId });
    revalidateSupport(scope.slug);
    return null;
  });
}

/** A broker removes an entry from the map (from its page), and is back on the map. */
export async function removeSupportEntryAction(_prev: unknown, form: FormData): Promise<ActionResult<{ slug: string }>> {
  const result = await runAction(removeSupportEntrySchema, form, async ({ slug, entryId }) => {
    const scope = await requireMember(slug, "support.manage");
    await removeSupportEntry(scope, { entryId });
    revalidateSupport(scope.slug);
    return { slug: scope.slug };
  });
  if (result.ok) redirect(`/n/${result.data.slug}/support`);
  return result;
}

/** A broker lists a member's suggestion, or declines it with a note. */
export async function reviewSupportEntryAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(
    reviewSupportEntrySchema,
    form,
    async ({ slug, ...input }) => {
      const scope = await requireMember(slug, "support.manage");
      await reviewSupportEntry(scope, input);
      revalidateSupport(scope.slug);
      return null;
    },
    { rateLimit: { field: "note" } },
  );
}
