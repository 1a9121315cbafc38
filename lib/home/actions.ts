"use server";

import { runAction, type ActionResult } from "@/lib/action";
import { requireMember } from "@/lib/membership/scope";
import { recordVisit } from "./mutations";
import { recordVisitSchema } from "./schema";

/**
 * Why recording a visit is not counted against the writes budget (decision 028): it moves only
 * the caller's own "last seen" time in a network they belong to, which nobody else sees, and the
 * home calls it on every visit, so counting it would spend the budget on reading.
 */
const UNCOUNTED = "moves only the caller's own last-visit time, which nobody else sees; the home records every visit";

/**
 * The network home's visit, recorded after the page rendered (components/home/record-visit.tsx):
 * the page itself never writes on GET. Active members only; nothing is revalidated, so the home
 * the person is reading keeps showing what was new.
 */
export async function recordVisitAction(_prev: unknown, form: FormData): Promise<ActionResult<null>> {
  return runAction(
    recordVisitSchema,
    form,
    async ({ slug }) => {
      const scope = await requireMember(slug);
      await recordVisit(scope);
      return null;
    },
    { rateLimit: { none: UNCOUNTED } },
  );
}
