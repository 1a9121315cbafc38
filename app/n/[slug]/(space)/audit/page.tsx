import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/styles";
import { listAudit } from "@/lib/audit/queries";
import { decodeCursor } from "@/lib/cursor";
import { requireMemberPage } from "@/lib/membership/scope";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ before?: string }>;
}) {
  const { slug } = await params;
  const scope = await requireMemberPage(slug, `/n/${slug}/audit`, "audit.view");
  const { before } = await searchParams;
  const { items, next } = await listAudit(scope, decodeCursor(before));
  const t = await getTranslations("audit");
  const tr = await getTranslations("roles");
  const tm = await getTranslations("funding.milestoneStatus");
  const milestoneStatus = (value: unknown) => (typeof value === "string" && tm.has(value) ? tm(value) : "");
  const format = await getFormatter();
  const role = (value: unknown) => (value === "broker" || value === "member" || value === "funder" ? tr(value) : "");
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="text-muted">{t("intro")}</p>
      {/* On a phone the table scrolls inside this named, focusable region, never the page. */}
      <div role="region" aria-label={t("title")} tabIndex={0} className="overflow-x-auto">
        <table className="w-full border-collapse text-left text-sm sm:text-base">
          <caption className="sr-only">{t("title")}</caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-2 pr-4">{t("when")}</th>
              <th scope="col" className="py-2 pr-4">{t("who")}</th>
              <th scope="col" className="py-2 pr-4">{t("what")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id} className="border-b border-line align-top">
                <td className="py-2 pr-4 text-sm whitespace-nowrap">
                  <time dateTime={e.createdAt.toISOString()}>{format.dateTime(e.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time>
                </td>
                <td className="py-2 pr-4">{e.actor ?? t("someone")}</td>
                <td className="min-w-48 py-2 pr-4 wrap-break-word">
                  {t.has(`action.${e.action.replace(".", "_")}`)
                    ? t(`action.${e.action.replace(".", "_")}`, {
                        subject: e.subject ?? t("someone"),
                        from: role(e.detail.from),
                        to: role(e.detail.to),
                        role: role(e.detail.role),
                        title: typeof e.detail.title === "string" ? e.detail.title : "",
                        reason: typeof e.detail.reason === "string" ? e.detail.reason : "",
                        status: milestoneStatus(e.detail.to),
                      })
                    : e.action}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {next ? (
        <Link href={`/n/${slug}/audit?before=${next}`} className={buttonClass.secondary}>
          {t("older")}
        </Link>
      ) : null}
    </div>
  );
}
