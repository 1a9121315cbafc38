import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { EditSupportEntryForm } from "@/components/support/support-entry-form";
import { requireMemberPage } from "@/lib/membership/scope";
import { findSupportEntry } from "@/lib/support/queries";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("support"))("editTitle") };
}

/** A broker edits one entry of the map (a waiting suggestion too, before listing it). */
export default async function EditSupportEntryPage({ params }: { params: Promise<{ slug: string; entryId: string }> }) {
  const { slug, entryId } = await params;
  const scope = await requireMemberPage(slug, `/n/${slug}/support/${entryId}/edit`, "support.manage");
  const [entry, t] = await Promise.all([findSupportEntry(scope, entryId), getTranslations("support")]);
  if (!entry) notFound();
  return (
    <ClientMessages namespaces={["support"]}>
      <div className="max-w-2xl space-y-6">
        <p>
          <Link href={`/n/${scope.slug}/support#entry-${entry.id}`} className="underline">
            {t("backToMap")}
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">{t("editTitle")}</h1>
        <EditSupportEntryForm
          slug={scope.slug}
          entryId={entry.id}
          initial={{
            provider: entry.provider,
            name: entry.name,
            description: entry.description,
            kinds: entry.kinds,
            stages: entry.stages,
            eligibility: entry.eligibility,
            region: entry.region,
            url: entry.url,
            email: entry.email,
            phone: entry.phone,
            sourceUrl: entry.sourceUrl,
          }}
        />
      </div>
    </ClientMessages>
  );
}
