import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AcceptOrJoin } from "@/components/membership/accept-or-join";
import { PrinciplesList } from "@/components/networks/principles";
import { cardClass } from "@/components/ui/styles";
import { findCurrentCycle } from "@/lib/cycles/queries";
import { can } from "@/lib/membership/policy";
import { viewNetwork } from "@/lib/membership/scope";
import { isIndexable } from "@/lib/networks/policy";
import { ClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const view = await viewNetwork((await params).slug);
  if (!view) return {};
  return {
    title: view.network.name,
    description: view.network.purpose.slice(0, 160),
    robots: isIndexable(view.network.visibility) ? undefined : { index: false },
  };
}

export default async function NetworkHomePage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ joined?: string }>;
}) {
  const { slug } = await params;
  const { joined } = await searchParams;
  const view = await viewNetwork(slug);
  if (!view) notFound();
  const { network, membership, viewer, scope } = view;
  const t = await getTranslations("networkHome");
  const tn = await getTranslations("networks");
  const tc = await getTranslations("cycles");
  const cycle = scope && can(scope.role, "cycle.view") ? await findCurrentCycle(scope) : null;

  return (
    <ClientMessages namespaces={["errors", "join", "validation"]}>
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <div className="space-y-6">
          {joined && scope ? (
            <p role="status" className="rounded-md bg-accent-soft px-3 py-2 text-accent-strong">
              {t("welcome", { name: network.name })}
            </p>
          ) : null}
          <h1 className="sr-only" lang={network.locale}>
            {network.name}
          </h1>
          <section aria-labelledby="purpose" className="space-y-2">
            <h2 id="purpose" className="text-xl font-semibold">
              {t("purpose")}
            </h2>
            <p className="whitespace-pre-line" lang={network.locale}>
              {network.purpose}
            </p>
          </section>
          <section aria-labelledby="question" className="space-y-2">
            <h2 id="question" className="text-xl font-semibold">
              {t("workingQuestion")}
            </h2>
            <blockquote className="border-l-4 border-accent pl-4 text-lg" lang={network.locale}>
              {network.workingQuestion}
            </blockquote>
          </section>
          <section aria-labelledby="principles" className="space-y-2">
            <h2 id="principles" className="text-xl font-semibold">
              {t("principles")}
            </h2>
            <PrinciplesList principles={network.principles} lang={network.locale} />
          </section>
        </div>
        <aside className="space-y-4" aria-label={t("aside")}>
          <div className={`${cardClass} space-y-2`}>
            <p className="text-lg font-semibold">{tn("memberCount", { count: network.memberCount })}</p>
            <p className="text-sm text-muted">
              {tn(`visibility.${network.visibility}`)} · {tn(`joinPolicy.${network.joinPolicy}`)}
            </p>
          </div>
          {cycle ? (
            <div className={`${cardClass} space-y-2`}>
              <p>{tc("homeOpen", { title: cycle.title })}</p>
              <p className="text-sm text-muted">{tc(`phase.${cycle.phase}`)}</p>
              <Link href={`/n/${slug}/cycles`} className="block font-medium">
                {tc("homeLink")}
              </Link>
            </div>
          ) : null}
          <div className={`${cardClass} space-y-3`}>
            {scope ? (
              <>
                <p>{t("youAre", { role: scope.role })}</p>
                <Link href={`/n/${slug}/members`} className="block font-medium">
                  {t("toMembers")}
                </Link>
              </>
            ) : !viewer ? (
              <>
                <p>{t("signInToJoin")}</p>
                <Link href={`/signin?callbackUrl=${encodeURIComponent(`/n/${slug}`)}`} className="font-medium">
                  {t("signIn")}
                </Link>
              </>
            ) : membership?.status === "pending" ? (
              <p role="status">{t("pending")}</p>
            ) : membership?.status === "removed" && network.joinPolicy !== "invitation" ? (
              <p>{t("removed")}</p>
            ) : (
              <AcceptOrJoin slug={slug} joinPolicy={network.joinPolicy} declined={membership?.status === "declined"} />
            )}
          </div>
        </aside>
      </div>
    </ClientMessages>
  );
}
