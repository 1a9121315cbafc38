import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { FunderDashboardView } from "@/components/portfolio/funder-dashboard";
import { PrintButton } from "@/components/portfolio/print-button";
import { getViewer } from "@/lib/auth/session";
import { loadFunderDashboard } from "@/lib/portfolio/queries";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("funder"))("reportTitle") };
}

/**
 * The funder dashboard as a printable report: the same figures, tables only, with print
 * styles (app/globals.css, `.print-report`) that drop the site's header and footer.
 */
export default async function FunderReportPage() {
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent("/funder/report")}`);
  const now = new Date();
  const [t, format, data] = await Promise.all([getTranslations("funder"), getFormatter(), loadFunderDashboard(viewer.id, now)]);
  return (
    <article className="print-report space-y-6">
      <p className="print:hidden">
        <Link href="/funder">{t("backToDashboard")}</Link>
      </p>
      <header className="space-y-1">
        <h1 className="text-xl font-semibold">{t("reportTitle")}</h1>
        <p className="text-muted">
          {viewer.name ? `${viewer.name} · ` : null}{t("reportDate")}{" "}
          <time dateTime={now.toISOString()}>{format.dateTime(now, { dateStyle: "long" })}</time>
        </p>
        {data.networks.length > 0 ? (
          <p>{t("reportNetworks", { networks: data.networks.map((n) => n.name).join(", ") })}</p>
        ) : null}
      </header>
      {data.networks.length === 0 ? (
        <p>{t("emptyBody")}</p>
      ) : (
        <>
          <PrintButton label={t("print")} />
          <FunderDashboardView data={data} mode="print" />
        </>
      )}
    </article>
  );
}
