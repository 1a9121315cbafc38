import { getFormatter, getTranslations } from "next-intl/server";
import { Markdown } from "@/components/dialogue/markdown";
import { HideReflectionForm, RestoreReflectionForm } from "@/components/moderation/moderation-forms";
import { cardClass } from "@/components/ui/styles";
import type { CyclePage } from "@/lib/cycles/queries";
import { AREAS } from "@/lib/cycles/limits";
import { HiddenNotice } from "./hidden-notice";

/**
 * Others' reflections, grouped by area, exactly as the loader let this viewer see them
 * (lib/cycles/policy.ts, on the server): none for funders, none before the viewer reflected
 * while the I phase lasts. Brokers hide and restore them here.
 */
export async function OthersReflections({
  slug,
  reflections,
  mayModerate,
}: {
  slug: string;
  /** Null for funders: they do not reflect and see no reflection. */
  reflections: CyclePage["reflections"];
  mayModerate: boolean;
}) {
  const [t, ta, format] = await Promise.all([getTranslations("cycles"), getTranslations("areas"), getFormatter()]);
  const visible = reflections?.visible ?? null;
  const byArea = AREAS.map((area) => ({ area, items: (visible?.reflections ?? []).filter((r) => r.area === area) })).filter(
    (g) => g.items.length > 0,
  );
  return (
    <section aria-labelledby="others-reflections" className="space-y-4">
      <h2 id="others-reflections" className="scroll-mt-6 text-lg font-semibold">
        {t("others")}
      </h2>
      {!reflections ? (
        <p className={cardClass}>{t("funderNotice")}</p>
      ) : !visible?.revealed ? (
        <p className={cardClass}>{t("othersHidden")}</p>
      ) : byArea.length === 0 ? (
        <p className={cardClass}>{t("othersNone")}</p>
      ) : (
        byArea.map((group) => (
          <section key={group.area} aria-labelledby={`area-${group.area}`} className="space-y-3">
            <h3 id={`area-${group.area}`} className="font-semibold">
              {ta(group.area)}
            </h3>
            {group.items.map((r) => (
              <article
                key={r.id}
                id={`reflection-${r.id}`}
                aria-label={t("by", { name: r.authorName || t("someone") })}
                className={`${cardClass} scroll-mt-4 space-y-2`}
              >
                <p className="text-sm text-muted">
                  {t("by", { name: r.authorName || t("someone") })} ·{" "}
                  <time dateTime={r.submittedAt.toISOString()}>{format.dateTime(r.submittedAt, { dateStyle: "medium", timeStyle: "short" })}</time>
                </p>
                {r.hidden ? <HiddenNotice reason={r.hiddenReason} /> : null}
                {r.html ? <Markdown html={r.html} /> : null}
                {mayModerate ? (
                  r.hidden ? (
                    <RestoreReflectionForm slug={slug} reflectionId={r.id} label={t("restoreReflection")} />
                  ) : (
                    <HideReflectionForm
                      slug={slug}
                      reflectionId={r.id}
                      summaryLabel={t("hideReflectionNamed", { name: r.authorName || t("someone") })}
                      submit={t("hideReflectionSubmit")}
                    />
                  )
                ) : null}
              </article>
            ))}
          </section>
        ))
      )}
    </section>
  );
}
