"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { FormMessage } from "@/components/ui/messages";
import { SubmitButton } from "@/components/ui/submit-button";
import { startNetworkExportAction } from "@/lib/portability/actions";

/** The broker starts an export of the whole network; the list below shows its progress. */
export function StartExportForm({ slug }: { slug: string }) {
  const t = useTranslations("networkExport");
  const [state, action] = useActionState(startNetworkExportAction, null);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="slug" value={slug} />
      <FormMessage state={state} success={t("started")} />
      <SubmitButton pendingLabel={t("starting")}>{t("start")}</SubmitButton>
    </form>
  );
}

/**
 * While an export is waiting or being built, the page asks the server again every two seconds
 * (the row in PostgreSQL is the truth, whichever instance builds it); it stops once none is.
 */
export function ExportProgressPoll({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(timer);
  }, [active, router]);
  return null;
}
