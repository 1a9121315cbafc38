import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass, cardClass } from "@/components/ui/styles";
import type { GatheringPage } from "@/lib/gatherings/queries";
import { CancelGatheringForm, EndSeriesForm, PlanGatheringForm } from "./manage-forms";

/** For brokers (and a proposal's author): plan, edit, cancel this one, end its series. */
export async function ManageSection({ slug, page }: { slug: string; page: GatheringPage }) {
  const t = await getTranslations("gatherings");
  const v = page.viewer;
  const g = page.gathering;
  if (!v.mayEdit && !v.mayCancel && !v.mayPlan && !v.mayEndSeries) return null;
  return (
    <section aria-labelledby="gathering-manage" className={`${cardClass} space-y-4`}>
      <h2 id="gathering-manage" className="text-xl font-semibold">
        {t("manageTitle")}
      </h2>
      {v.mayPlan ? <PlanGatheringForm slug={slug} gatheringId={g.id} /> : null}
      {v.mayEdit ? (
        <p>
          <Link href={`/n/${slug}/gatherings/${g.id}/edit`} className={buttonClass.secondary}>
            {t("edit")}
          </Link>
        </p>
      ) : null}
      {v.mayCancel ? (
        <details>
          <summary className="cursor-pointer font-medium">{t("cancel")}</summary>
          <div className="mt-3">
            <CancelGatheringForm slug={slug} gatheringId={g.id} />
          </div>
        </details>
      ) : null}
      {v.mayEndSeries && page.series ? (
        <details>
          <summary className="cursor-pointer font-medium">{t("endSeries")}</summary>
          <div className="mt-3">
            <EndSeriesForm slug={slug} seriesId={page.series.id} />
          </div>
        </details>
      ) : null}
    </section>
  );
}
