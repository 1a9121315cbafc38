"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action";
import { getViewer } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { markAllNotificationsRead, markNotificationRead } from "./mutations";
import { markAllSchema, notificationIdSchema } from "./schema";

/**
 * Why marking read is not counted against the writes budget (decision 028): it changes only the
 * caller's own read marks, which nobody else sees, and following a notification
 * (GET /notifications/[id]) marks it read without any limit, so counting these would protect nothing.
 */
const UNCOUNTED = "marks only the caller's own notifications read, which nobody else sees; following a notification marks it read without a limit too";

async function requireViewerId() {
  const viewer = await getViewer();
  if (!viewer) throw new AppError("unauthenticated");
  return viewer.id;
}

/** Marks one of the viewer's notifications read; someone else's id is not found and changes nothing. */
export async function markNotificationReadAction(_prev: unknown, form: FormData): Promise<ActionResult<{ id: string }>> {
  return runAction(notificationIdSchema, form, async ({ id }) => {
    const userId = await requireViewerId();
    const target = await markNotificationRead(userId, id);
    if (!target) throw new AppError("not_found");
    revalidatePath("/", "layout");
    return { id };
  }, { rateLimit: { none: UNCOUNTED } });
}

export async function markAllNotificationsReadAction(_prev: unknown, form: FormData): Promise<ActionResult<{ count: number }>> {
  return runAction(markAllSchema, form, async () => {
    const userId = await requireViewerId();
    const count = await markAllNotificationsRead(userId);
    revalidatePath("/", "layout");
    return { count };
  }, { rateLimit: { none: UNCOUNTED } });
}
