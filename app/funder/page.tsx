import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { FunderDashboardView } from "@/components/portfolio/funder-dashboard";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { getViewer } from "@/lib/auth/session";
import { loadFunderDashboard } from "@/lib/portfolio/queries";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("funder"))("title") };
}

/**
 * The funder dashboard (F8): one page across every network where the signed-in person is
 * an active funder. A visitor is sent to sign in; someone who funds nowhere sees an empty
 * state. Milestones, updates, lessons and syntheses only: no dialogue, no reflections.
 */
export default async function FunderPage() {
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent("/funder")}`);
  const [t, data] = await Promise.all([getTranslations("funder"), loadFunderDashboard(viewer.id)]);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h1 className="text-xl font-semibold">{t("title")}</h1>
          <p className="text-muted">{data.networks.length > 0 ? t("intro", { count: data.networks.length }) : t("introEmpty")}</p>
        </div>
        {data.networks.length > 0 ? (
          <ul className="flex flex-wrap gap-2" aria-label={t("exportsLabel")}>
            <li>
              <a href="/funder/export?format=csv" className={buttonClass.secondary} download>
                {t("exportCsv")}
              </a>
            </li>
            <li>
              <a href="/funder/export?format=json" className={buttonClass.secondary} download>
                {t("exportJson")}
              </a>
            </li>
            <li>
              <Link href="/funder/report" className={buttonClass.secondary}>
                {t("report")}
              </Link>
            </li>
          </ul>
        ) : null}
      </div>
      {data.networks.length === 0 ? (
        <section className={`${cardClass} space-y-2`}>
          <h2 className="text-lg font-semibold">{t("emptyTitle")}</h2>
          <p>{t("emptyBody")}</p>
          <p>
            <Link href="/#directory">{t("emptyLink")}</Link>
          </p>
        </section>
      ) : (
        <FunderDashboardView data={data} mode="screen" />
      )}
    </div>
  );
}
