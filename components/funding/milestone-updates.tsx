import { getFormatter, getTranslations } from "next-intl/server";
import { Markdown } from "@/components/dialogue/markdown";
import type { UpdateView } from "@/lib/funding/queries";
import { HideUpdateForm, RestoreUpdateForm } from "./update-moderation";

/**
 * A milestone's updates, newest first: kind, progress, area, author and date, the text (or, when a
 * broker hid it, the notice; brokers and its author still see the text), and for brokers hiding
 * and restoring.
 */
export async function MilestoneUpdates({
  slug,
  updates,
  headingId,
  mayModerate,
  lang,
}: {
  slug: string;
  updates: UpdateView[];
  headingId: string;
  mayModerate: boolean;
  lang?: string;
}) {
  const [t, tu, ta, format] = await Promise.all([
    getTranslations("funding"),
    getTranslations("funding.updateKinds"),
    getTranslations("areas"),
    getFormatter(),
  ]);
  return (
    <section aria-labelledby={headingId} className="space-y-2">
      <h4 id={headingId} className="font-semibold">
        {t("updates")}
      </h4>
      {updates.length === 0 ? (
        <p className="text-muted">{t("noUpdates")}</p>
      ) : (
        <ul className="space-y-3">
          {updates.map((u) => (
            <li key={u.id} className="space-y-1 border-l-4 border-line pl-3">
              <p className="text-sm text-muted">
                {tu(u.kind)}
                {u.progress !== null ? ` · ${t("percent", { value: u.progress })}` : ""}
                {u.area ? ` · ${ta(u.area)}` : ""} · {u.authorName ?? t("someone")} ·{" "}
                <time dateTime={u.createdAt.toISOString()}>{format.dateTime(u.createdAt, { dateStyle: "medium" })}</time>
              </p>
              {u.hidden ? (
                <p role="note" className="rounded-md bg-danger-soft px-3 py-2 text-sm text-danger">
                  {t("updateHidden", { reason: u.hiddenReason })}
                </p>
              ) : null}
              {u.html ? <Markdown html={u.html} lang={lang} /> : null}
              {mayModerate ? (
                u.hidden ? (
                  <RestoreUpdateForm slug={slug} updateId={u.id} label={t("restoreUpdate")} />
                ) : (
                  <HideUpdateForm
                    slug={slug}
                    updateId={u.id}
                    summaryLabel={t("hideUpdateNamed", {
                      name: u.authorName ?? t("someone"),
                      date: format.dateTime(u.createdAt, { dateStyle: "medium" }),
                    })}
                    submit={t("hideUpdateSubmit")}
                  />
                )
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
