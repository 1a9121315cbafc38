import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { MarkAllReadForm } from "@/components/notifications/mark-all-read-form";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { getProfile } from "@/lib/accounts/queries";
import { getViewer } from "@/lib/auth/session";
import { decodeCursor } from "@/lib/cursor";
import { listNotifications } from "@/lib/notifications/queries";
import { notificationMessageKey } from "@/lib/notifications/schema";
import { ClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notifications"))("title") };
}

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ after?: string }> }) {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin?callbackUrl=/notifications");
  const { after } = await searchParams;
  const [{ items, next }, profile, te] = await Promise.all([
    listNotifications(viewer.id, decodeCursor(after)),
    getProfile(viewer.id),
    getTranslations("emailSettings"),
  ]);
  const t = await getTranslations("notifications");
  const roles = await getTranslations("roles");
  const format = await getFormatter();
  return (
    <ClientMessages namespaces={["notifications"]}>
      <div className="mx-auto max-w-2xl space-y-6">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="space-y-1">
            <h1 className="text-2xl font-semibold">{t("title")}</h1>
            <p className="text-muted">{t("intro")}</p>
            <p className="text-sm">
              {profile ? <span data-testid="email-frequency">{te("now", { frequency: te(`frequencyShort.${profile.emailFrequency}`) })} </span> : null}
              <Link href="/profile#email">{t("emailSettings")}</Link>
            </p>
          </div>
          <MarkAllReadForm />
        </div>
        {items.length === 0 ? (
          <p className={cardClass}>{t("empty")}</p>
        ) : (
          <ol aria-label={t("listLabel")} className="space-y-3">
            {items.map((item) => {
              const unread = item.readAt === null;
              return (
                <li
                  key={item.id}
                  className={`${cardClass} space-y-1 ${unread ? "border-l-4 border-l-accent" : ""}`}
                >
                  <p className="flex flex-wrap items-baseline gap-2">
                    {unread ? (
                      <span className="rounded-md bg-accent-soft px-2 py-0.5 text-sm font-semibold text-accent-strong">
                        {t("unread")}
                      </span>
                    ) : null}
                    {/* A plain link: following it marks the item read, so it must not be prefetched. */}
                    <a href={`/notifications/${item.id}`} className={unread ? "font-semibold" : "font-normal"}>
                      {t(notificationMessageKey(item), {
                        actor: item.actorName || t("someone"),
                        thread: item.threadTitle ?? t("aThread"),
                        milestone: item.milestoneTitle ?? t("aMilestone"),
                        gathering: item.gatheringTitle ?? t("aGathering"),
                        post: item.exchangePostTitle ?? t("aPost"),
                        entry: item.supportEntryName ?? t("anEntry"),
                        proposal: item.commonsProposalTitle ?? t("aProposal"),
                        when: item.gatheringStartsAt ? format.dateTime(item.gatheringStartsAt, { dateStyle: "full", timeStyle: "short" }) : "",
                        network: item.networkName,
                      })}
                    </a>
                  </p>
                  {item.note ? <p className="whitespace-pre-line">{t("declineNote", { note: item.note })}</p> : null}
                  {item.role ? <p>{t(item.kind === "membership_invited" ? "invitedAs" : "newRole", { role: roles(item.role) })}</p> : null}
                  <p className="text-sm text-muted">
                    <time dateTime={item.createdAt.toISOString()}>
                      {format.dateTime(item.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                    </time>
                  </p>
                </li>
              );
            })}
          </ol>
        )}
        <div className="flex flex-wrap gap-3">
          {after ? (
            <Link href="/notifications" className={buttonClass.secondary}>
              {t("newest")}
            </Link>
          ) : null}
          {next ? (
            <Link href={`/notifications?after=${next}`} className={buttonClass.secondary}>
              {t("older")}
            </Link>
          ) : null}
        </div>
      </div>
    </ClientMessages>
  );
}
