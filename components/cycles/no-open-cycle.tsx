import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass, cardClass } from "@/components/ui/styles";

/** The cycle page when no cycle is open: what a cycle is, and (brokers) a way to open one. */
export async function NoOpenCycle({ slug, mayOpen }: { slug: string; mayOpen: boolean }) {
  const t = await getTranslations("cycles");
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="text-muted">{t("intro")}</p>
      </div>
      <div className={`${cardClass} space-y-3`}>
        <p>{t("none")}</p>
        <div className="flex flex-wrap gap-3">
          {mayOpen ? (
            <Link href={`/n/${slug}/cycles/new`} className={buttonClass.primary}>
              {t("openLink")}
            </Link>
          ) : null}
          <Link href={`/n/${slug}/cycles/journey`} className={buttonClass.secondary}>
            {t("journeyLink")}
          </Link>
        </div>
      </div>
    </div>
  );
}
