import type { Metadata } from "next";
import Link from "next/link";
import { route } from "@/lib/route";
import { getFormatter, getTranslations } from "next-intl/server";
import { DismissReportForm, HidePostForm, RestorePostForm } from "@/components/moderation/moderation-forms";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { decodeCursor } from "@/lib/cursor";
import { requireMemberPage } from "@/lib/membership/scope";
import { listOpenReports } from "@/lib/moderation/queries";
import { ClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("moderation"))("title") };
}

export default async function ModerationPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ after?: string }>;
}) {
  const { slug } = await params;
  const scope = await requireMemberPage(slug, `/n/${slug}/moderation`, "moderation.review");
  const { after } = await searchParams;
  const { items, next } = await listOpenReports(scope, { after: decodeCursor(after) });
  const t = await getTranslations("moderation");
  const td = await getTranslations("dialogue");
  const format = await getFormatter();
  return (
    <ClientMessages namespaces={["dialogue", "moderation"]}>
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="text-muted">{t("intro")}</p>
        {items.length === 0 ? (
          <p>{t("empty")}</p>
        ) : (
          <ol className="space-y-3" aria-label={t("queueLabel")}>
            {items.map((r) => {
              const author = r.authorName ?? td("someone");
              const post = { slug: scope.slug, threadId: r.threadId, replyId: r.replyId };
              const href = route(`/n/${scope.slug}/dialogue/${r.threadId}${r.replyId ? `#reply-${r.replyId}` : ""}`);
              return (
                <li key={r.id}>
                  <article className={`${cardClass} space-y-3`} aria-labelledby={`report-${r.id}`}>
                    <h2 id={`report-${r.id}`} className="font-semibold">
                      {t("reportOn", { title: r.title })}
                    </h2>
                    <p className="text-sm text-muted">
                      {r.replyId ? t("replyBy", { name: author }) : t("threadBy", { name: author })} ·{" "}
                      <Link href={href}>{t("openPost")}</Link>
                    </p>
                    <blockquote className="border-l-4 border-line pl-3">{r.excerpt}</blockquote>
                    {r.deleted ? <p className="italic text-muted">{t("postDeleted")}</p> : null}
                    {r.hiddenAt ? (
                      <p role="note" className="rounded-md bg-danger-soft px-3 py-2 text-danger">
                        {t("postHidden", { reason: r.hiddenReason || td("noReason") })}
                      </p>
                    ) : null}
                    <div className="rounded-md bg-sand px-3 py-2">
                      <p className="text-sm">
                        {t("reportedBy", { name: r.reporterName ?? td("someone") })} ·{" "}
                        <time dateTime={r.createdAt.toISOString()}>
                          {format.dateTime(r.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                        </time>
                      </p>
                      <p>
                        <span className="font-medium">{t("why")}:</span> {r.reason}
                      </p>
                    </div>
                    <div className="flex flex-wrap items-start gap-2">
                      {r.hiddenAt ? (
                        <RestorePostForm post={post} label={t("restore")} />
                      ) : r.deleted ? null : (
                        <HidePostForm post={post} submit={t("hidePost")} />
                      )}
                      <DismissReportForm slug={scope.slug} reportId={r.id} />
                    </div>
                  </article>
                </li>
              );
            })}
          </ol>
        )}
        {next ? (
          <Link href={`/n/${slug}/moderation?after=${next}`} className={buttonClass.secondary}>
            {t("laterReports")}
          </Link>
        ) : null}
      </div>
    </ClientMessages>
  );
}
