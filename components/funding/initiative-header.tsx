import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { InitiativePage } from "@/lib/funding/queries";

/** The initiative page's heading: the way back to the list, the name (the page's one h1) and its status. */
export async function InitiativeHeader({ slug, initiative, lang }: { slug: string; initiative: InitiativePage["initiative"]; lang?: string }) {
  const t = await getTranslations("funding");
  return (
    <div className="space-y-1">
      <p className="text-muted">
        <Link href={`/n/${slug}/initiatives`}>{t("title")}</Link>
      </p>
      <h1 className="text-2xl font-semibold" lang={lang}>
        {initiative.name}
      </h1>
      <p>{t("statusShown", { status: t(`initiativeStatus.${initiative.status}`) })}</p>
    </div>
  );
}
