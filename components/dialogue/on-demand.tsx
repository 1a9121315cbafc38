"use client";

import { onDemand } from "@/components/ui/on-demand";

/*
 * Forms of the thread page that only some viewers see, each loaded when first rendered: the
 * author's edit form, a broker's moderation tools, and the hide form that mounts when its
 * disclosure opens. A plain member reading a thread downloads none of them.
 */
export const EditThreadForm = onDemand(() => import("./thread-form").then((m) => m.EditThreadForm));
export const ThreadModeration = onDemand(() =>
  import("@/components/moderation/moderation-forms").then((m) => m.ThreadModeration),
);
export const HidePostFields = onDemand(() =>
  import("@/components/moderation/moderation-forms").then((m) => m.HidePostFields),
);
export const RestorePostForm = onDemand(() =>
  import("@/components/moderation/moderation-forms").then((m) => m.RestorePostForm),
);
