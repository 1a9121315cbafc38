"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import type { ActionResult } from "@/lib/action-types";
import { FormMessage } from "@/components/ui/messages";
import { inputClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";
import { renewNetworkFeedAction, renewPersonalFeedAction, revokeNetworkFeedAction, revokePersonalFeedAction } from "@/lib/calendar/actions";

/**
 * A calendar feed address of one's own (decision 037): the personal "my gatherings" feed
 * (no slug) or one's private feed of a network (`slug`). Only its hash is stored, so a new
 * address is shown once, here, right after it is made; making another replaces it.
 */
type Outcome = { intent: "renew" | "revoke"; result: ActionResult<{ url: string } | null> };

export function CalendarFeedForm({ slug, active }: { slug?: string; active: boolean }) {
  const t = useTranslations("calendar");
  // One form, two buttons: the newest outcome decides whether the feed is on.
  const [state, act] = useActionState(async (_prev: Outcome | null, form: FormData): Promise<Outcome> => {
    if (form.get("intent") === "revoke") {
      return { intent: "revoke", result: await (slug ? revokeNetworkFeedAction : revokePersonalFeedAction)(null, form) };
    }
    return { intent: "renew", result: await (slug ? renewNetworkFeedAction : renewPersonalFeedAction)(null, form) };
  }, null);
  const id = useId();
  const done = state?.result.ok ? state : null;
  // Built by the server on KRING_PUBLIC_URL, not from the address this page happens to be on.
  const url = done?.intent === "renew" && done.result.ok ? (done.result.data?.url ?? null) : null;
  const on = done ? done.intent === "renew" : active;
  return (
    <div className="space-y-3">
      <p className="text-muted">{on ? t("active") : done ? t("revoked") : t("none")}</p>
      <form action={act} className="flex flex-wrap gap-3">
        {slug ? <input type="hidden" name="slug" value={slug} /> : null}
        <SubmitButton name="intent" value="renew" pendingLabel={t("creating")} variant={on ? "secondary" : "primary"}>
          {on ? t("renew") : t("create")}
        </SubmitButton>
        {on ? (
          <SubmitButton name="intent" value="revoke" variant="secondary">
            {t("revoke")}
          </SubmitButton>
        ) : null}
      </form>
      {state && !state.result.ok ? <FormMessage state={state.result} /> : null}
      {url ? (
        <div role="status" className="space-y-2 rounded-md bg-accent-soft p-3">
          <label htmlFor={id} className="block font-medium text-accent-strong">
            {t("created")}
          </label>
          <input id={id} readOnly value={url} className={inputClass} onFocus={(e) => e.currentTarget.select()} data-testid="calendar-feed-url" />
          <p className="text-sm">{t("shownOnce")}</p>
          <a href={url.replace(/^https?:/, "webcal:")} className="underline">
            {t("openInApp")}
          </a>
        </div>
      ) : null}
    </div>
  );
}
