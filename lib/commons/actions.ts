"use server";

import { runAction, type ActionResult } from "@/lib/action";
import { getViewer } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { askSourceNetwork } from "./mutations";
import { askCommonsQuestionSchema } from "./schema";

/**
 * "Ask the source network" (decision 045): anyone signed in, member of any network or of none, may ask
 * the brokers of the network that shared an item, if that network allows it. A visitor is refused
 * (`unauthenticated`). Counted against the writes budget, the wait shown at the question.
 */
export async function askCommonsQuestionAction(_prev: unknown, form: FormData): Promise<ActionResult<{ questionId: string }>> {
  return runAction(
    askCommonsQuestionSchema,
    form,
    async (input) => {
      const viewer = await getViewer();
      if (!viewer) throw new AppError("unauthenticated");
      return askSourceNetwork(viewer.id, input);
    },
    { rateLimit: { field: "body" } },
  );
}
