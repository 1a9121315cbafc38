"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action";
import { requireMember } from "@/lib/membership/scope";
import { requestNetworkExport } from "./mutations";
import { startNetworkExportSchema } from "./schema";

/**
 * A broker starts an export of the whole network (issue 22). The request is a queued row; a worker
 * on any instance builds it (lib/jobs.ts) and the page shows its progress. Counted against the
 * writes budget, and limited per network (one at a time, EXPORTS_PER_DAY a day).
 */
export async function startNetworkExportAction(_prev: unknown, form: FormData): Promise<ActionResult<{ exportId: string }>> {
  return runAction(startNetworkExportSchema, form, async ({ slug }) => {
    const scope = await requireMember(slug, "network.export");
    const row = await requestNetworkExport(scope);
    revalidatePath(`/n/${scope.slug}/settings/export`);
    return { exportId: row.id };
  });
}
