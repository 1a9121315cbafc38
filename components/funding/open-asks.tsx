import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { cardClass } from "@/components/ui/styles";
import type { listOpenAsks } from "@/lib/funding/queries";

type OpenAsks = Awaited<ReturnType<typeof listOpenAsks>>;

/**
 * The funding overview's other column: per running milestone, how many requests for what money
 * does not buy (knowledge, contacts, time, a place, materials) are open, each a link to the
 * milestone, where its card lists them (decision 041).
 */
export async function OpenAsksSection({ slug, asks }: { slug: string; asks: OpenAsks }) {
  const t = await getTranslations("funding");
  return (
    <section aria-labelledby="open-asks" className={`${cardClass} space-y-3`}>
      <h2 id="open-asks" className="text-lg font-semibold">
        {t("openAsksTitle")}
      </h2>
      <p className="text-sm text-muted">{t("openAsksIntro")}</p>
      {asks.length === 0 ? (
        <p className="text-muted">{t("noOpenAsks")}</p>
      ) : (
        <ul className="space-y-2" data-testid="open-asks">
          {asks.map((a) => (
            <li key={a.milestoneId} className="rounded-md border border-line p-3">
              <p className="font-medium">
                <Link href={`/n/${slug}/initiatives/${a.initiativeId}#milestone-${a.milestoneId}`} className="underline">
                  {a.title}
                </Link>{" "}
                · {a.initiativeName}
              </p>
              <p className="text-sm">{t("openAsks", { count: a.asks })}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
