"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action";
import { requireMember } from "@/lib/membership/scope";
import { publishHarvest, saveHarvest } from "./mutations";
import { publishHarvestSchema, saveHarvestSchema } from "./schema";

/**
 * The pages a harvest shows on: its gathering's page, the gatherings list, the journey, the cycle,
 * the network's home, and (for its links) threads and initiatives, revalidated as a whole.
 */
function revalidateHarvest(slug: string, gatheringId: string) {
  revalidatePath(`/n/${slug}/gatherings/${gatheringId}`);
  revalidatePath(`/n/${slug}/gatherings`);
  revalidatePath(`/n/${slug}/cycles/journey`);
  revalidatePath(`/n/${slug}/cycles`);
  revalidatePath(`/n/${slug}`);
  revalidatePath(`/n/${slug}/dialogue/[threadId]`, "page");
  revalidatePath(`/n/${slug}/initiatives/[initiativeId]`, "page");
}

/** A host of the gathering (or a broker) writes or edits its harvest; see saveHarvest. */
export async function saveHarvestAction(_prev: unknown, form: FormData): Promise<ActionResult<{ version: string; published: boolean }>> {
  return runAction(
    saveHarvestSchema,
    form,
    async ({ slug, ...input }) => {
      const scope = await requireMember(slug, "harvest.write");
      const saved = await saveHarvest(scope, input);
      revalidateHarvest(scope.slug, input.gatheringId);
      return { version: saved.version, published: saved.published };
    },
    { rateLimit: { field: "summary" } },
  );
}

/** A host (or a broker) publishes the harvest: the network's brokers and members hear of it once. */
export async function publishHarvestAction(_prev: unknown, form: FormData): Promise<ActionResult> {
  return runAction(publishHarvestSchema, form, async ({ slug, gatheringId }) => {
    const scope = await requireMember(slug, "harvest.write");
    await publishHarvest(scope, { gatheringId });
    revalidateHarvest(scope.slug, gatheringId);
    return null;
  });
}
