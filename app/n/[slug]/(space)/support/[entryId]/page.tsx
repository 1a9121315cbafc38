import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { CheckEntryForm, RemoveEntryForm, ReviewEntryForm } from "@/components/support/entry-controls";
import { SupportEntryCard } from "@/components/support/support-entry";
import { buttonClass } from "@/components/ui/styles";
import { requireMemberPage, viewNetwork } from "@/lib/membership/scope";
import { loadSupportEntryPage } from "@/lib/support/queries";
import { ShareWithCommons } from "@/components/sharing/share-state";
import { shareStates } from "@/lib/sharing/queries";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("support"))("entryTitle") };
}

/**
 * One entry of the support map in full: what it offers, who may ask, how to reach it, its source
 * and when it was last checked. A broker edits it, marks it checked or removes it here, and lists
 * or declines it while it is a suggestion. Guard, one loader, the sections.
 */
export default async function SupportEntryPage({ params }: { params: Promise<{ slug: string; entryId: string }> }) {
  const { slug, entryId } = await params;
  const scope = await requireMemberPage(slug, `/n/${slug}/support/${entryId}`, "support.view");
  const [page, view, t] = await Promise.all([loadSupportEntryPage(scope, entryId), viewNetwork(scope.slug), getTranslations("support")]);
  if (!page) notFound();
  const { entry, may } = page;
  const lang = view?.network.locale;
  // A broker shares a listed entry with the commons (decision 044).
  const shared = may.manage && entry.status === "listed" ? await shareStates(scope, "support_entry", [entry.id]) : null;
  return (
    <ClientMessages namespaces={["supportControls", "sharing"]}>
      <div className="max-w-3xl space-y-6">
        <p>
          <Link href={`/n/${scope.slug}/support#entry-${entry.id}`} className="underline">
            {t("backToMap")}
          </Link>
        </p>
        {entry.status !== "listed" ? (
          <p className="font-medium">
            {t("stateLabel")}: {t(`status.${entry.status}`)}
          </p>
        ) : null}
        <SupportEntryCard entry={entry} lang={lang} />
        {may.manage ? (
          <section aria-labelledby="entry-manage-title" className="space-y-4 border-t border-line pt-6">
            <h2 id="entry-manage-title" className="text-xl font-semibold">
              {t("manageTitle")}
            </h2>
            {entry.status === "suggested" ? <ReviewEntryForm slug={scope.slug} entryId={entry.id} name={entry.name} /> : null}
            <div className="flex flex-wrap items-start gap-3">
              <Link href={`/n/${scope.slug}/support/${entry.id}/edit`} className={buttonClass.secondary}>
                {t("edit")}
              </Link>
              {entry.status === "listed" ? <CheckEntryForm slug={scope.slug} entryId={entry.id} name={entry.name} /> : null}
            </div>
            {shared ? <ShareWithCommons slug={scope.slug} kind="support_entry" sourceId={entry.id} what={entry.name} state={shared.get(entry.id)} mayPropose /> : null}
            <details className="rounded-md border border-line p-3">
              <summary className="cursor-pointer font-medium">{t("remove")}</summary>
              <div className="mt-3">
                <RemoveEntryForm slug={scope.slug} entryId={entry.id} name={entry.name} />
              </div>
            </details>
          </section>
        ) : null}
      </div>
    </ClientMessages>
  );
}
