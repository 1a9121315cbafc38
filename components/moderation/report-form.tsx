"use client";

import { useTranslations } from "next-intl";
import { useDisclosure } from "@/components/ui/disclosure";
import { onDemand } from "@/components/ui/on-demand";
import { buttonClass } from "@/components/ui/styles";

/** Loaded when a report disclosure first opens: most readers never report anything. */
export const ReportFields = onDemand(() => import("./report-fields").then((m) => m.ReportFields));

/** A member's report of a thread or a reply: a small disclosure with the reason. */
export function ReportForm({
  slug,
  threadId,
  replyId,
  label,
}: {
  slug: string;
  threadId: string;
  replyId?: string;
  /** What is reported, for screen readers ("Report the reply by Ann"); the visible text stays "Report". */
  label: string;
}) {
  const t = useTranslations("moderation");
  const { ref, opened, onToggle } = useDisclosure();
  return (
    <details ref={ref} onToggle={onToggle} className="text-sm">
      <summary className={`${buttonClass.quiet} cursor-pointer`} aria-label={label}>
        {t("report")}
      </summary>
      {opened ? <ReportFields slug={slug} threadId={threadId} replyId={replyId} /> : null}
    </details>
  );
}
