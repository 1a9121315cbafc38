import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { route } from "@/lib/route";
import { NetworkNav } from "@/components/networks/network-nav";
import { can } from "@/lib/membership/policy";
import { countWaitingForBroker } from "@/lib/membership/queries";
import { viewNetwork } from "@/lib/membership/scope";

/**
 * The frame of a network's space. It shows where you are; it is not the guard:
 * every page and action below checks membership and role itself.
 */
export default async function NetworkLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const view = await viewNetwork(slug);
  if (!view) notFound();
  const t = await getTranslations("networkNav");
  const role = view.scope?.role ?? null;
  // Both tabs are brokers' (moderation.review, requests.review): one statement for the two counts.
  const waiting = view.scope && can(role, "requests.review") ? await countWaitingForBroker(view.scope) : { requests: 0, reports: 0 };
  const openReports = can(role, "moderation.review") ? waiting.reports : 0;
  const pendingRequests = waiting.requests;
  const links = [
    { href: route(`/n/${slug}`), label: t("home"), show: true },
    { href: route(`/n/${slug}/dialogue`), label: t("dialogue"), show: can(role, "thread.read") },
    { href: route(`/n/${slug}/cycles`), label: t("cycle"), show: can(role, "cycle.view") },
    { href: route(`/n/${slug}/gatherings`), label: t("gatherings"), show: can(role, "gathering.view") },
    { href: route(`/n/${slug}/exchange`), label: t("exchange"), show: can(role, "exchange.view") },
    { href: route(`/n/${slug}/initiatives`), label: t("initiatives"), show: can(role, "initiative.view") },
    { href: route(`/n/${slug}/members`), label: t("members"), show: can(role, "members.view") },
    {
      href: route(`/n/${slug}/requests`),
      label: pendingRequests ? t("requestsWaiting", { count: pendingRequests }) : t("requests"),
      show: can(role, "requests.review"),
    },
    { href: route(`/n/${slug}/invitations`), label: t("invitations"), show: can(role, "invitations.manage") },
    { href: route(`/n/${slug}/settings`), label: t("settings"), show: can(role, "network.edit") },
    {
      href: route(`/n/${slug}/moderation`),
      label: openReports ? t("moderationWaiting", { count: openReports }) : t("moderation"),
      show: can(role, "moderation.review"),
    },
    { href: route(`/n/${slug}/audit`), label: t("audit"), show: can(role, "audit.view") },
  ].filter((l) => l.show);
  return (
    <div className="space-y-6">
      <div className="space-y-3 border-b border-line pb-4">
        <p className="text-2xl font-semibold" lang={view.network.locale}>
          {view.network.name}
        </p>
        {links.length > 1 ? <NetworkNav links={links} label={t("label")} /> : null}
      </div>
      {children}
    </div>
  );
}
