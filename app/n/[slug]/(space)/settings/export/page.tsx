import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { ExportProgressPoll, StartExportForm } from "@/components/portability/export-forms";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { requireMemberPage } from "@/lib/membership/scope";
import { exportDownloadPath } from "@/lib/portability/link";
import { listNetworkExports } from "@/lib/portability/queries";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("networkExport"))("title") };
}

/**
 * A network's whole export (issue 22, decision 046): a broker starts it, a worker builds it in the
 * background (the list shows its progress), and the broker who asked downloads the ZIP for a day.
 */
export default async function NetworkExportPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const scope = await requireMemberPage(slug, `/n/${slug}/settings/export`, "network.export");
  const [exports, t, format] = await Promise.all([listNetworkExports(scope), getTranslations("networkExport"), getFormatter()]);
  const running = exports.some((e) => e.status === "queued" || e.status === "building");
  return (
    <ClientMessages namespaces={["networkExport"]}>
      <div className="max-w-3xl space-y-6">
        <div className="space-y-1">
          <p>
            <Link href={`/n/${scope.slug}/settings`} className="text-sm">
              {t("back")}
            </Link>
          </p>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="text-muted">{t("intro")}</p>
          <p className="text-muted">{t("privacy")}</p>
        </div>
        <section aria-labelledby="export-start" className={`${cardClass} space-y-3`}>
          <h2 id="export-start" className="text-lg font-semibold">
            {t("startTitle")}
          </h2>
          <StartExportForm slug={scope.slug} />
        </section>
        <section aria-labelledby="export-list" className="space-y-3">
          <h2 id="export-list" className="text-xl font-semibold">
            {t("listTitle")}
          </h2>
          <ExportProgressPoll active={running} />
          {exports.length === 0 ? (
            <p className={cardClass}>{t("none")}</p>
          ) : (
            <ul className="space-y-3" aria-live="polite">
              {exports.map((e) => {
                const mine = e.requestedById === scope.userId;
                const rows = Object.values(e.counts).reduce((sum, n) => sum + n, 0);
                return (
                  <li key={e.id} className={`${cardClass} space-y-2`} data-testid="network-export">
                    <p className="font-semibold">
                      {t("requested", { name: e.requesterName ?? t("someone"), when: format.dateTime(e.createdAt, { dateStyle: "medium", timeStyle: "short" }) })}
                    </p>
                    <p>{t(`status.${e.status}`)}</p>
                    {e.status === "queued" || e.status === "building" ? (
                      <p className="flex items-center gap-3">
                        <progress max={100} value={e.progress} aria-label={t("progressLabel")} className="w-48" />
                        <span>{t("progress", { percent: e.progress })}</span>
                      </p>
                    ) : null}
                    {e.downloadable && e.expiresAt ? (
                      <>
                        <p className="text-sm text-muted">
                          {t("ready", {
                            rows,
                            size: format.number((e.size ?? 0) / 1024, { maximumFractionDigits: 0 }),
                            until: format.dateTime(e.expiresAt, { dateStyle: "medium", timeStyle: "short" }),
                          })}
                        </p>
                        {mine ? (
                          <p className="space-y-1">
                            <a href={exportDownloadPath(scope.slug, e.id, scope.userId, e.expiresAt)} download className={buttonClass.primary}>
                              {t("download")}
                            </a>
                          </p>
                        ) : (
                          <p className="text-sm">{t("notYours")}</p>
                        )}
                        <p className="break-all text-xs text-muted">{t("checksum", { sha256: e.sha256 ?? "" })}</p>
                      </>
                    ) : null}
                    {e.status === "failed" ? <p role="alert">{t("failedHint")}</p> : null}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      </div>
    </ClientMessages>
  );
}
