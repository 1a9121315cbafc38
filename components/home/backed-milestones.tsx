import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { cardClass } from "@/components/ui/styles";
import { formatMoney } from "@/lib/funding/money";
import type { MemberHome } from "@/lib/home/queries";

/** For funders: the milestones they back in this network, their state and what they pledged. */
export async function BackedMilestones({
  slug,
  backed,
  lang,
}: {
  slug: string;
  backed: NonNullable<MemberHome["backed"]>;
  lang: string;
}) {
  const [t, tf, format, locale] = await Promise.all([
    getTranslations("networkHome"),
    getTranslations("funding"),
    getFormatter(),
    getLocale(),
  ]);
  return (
    <section aria-labelledby="home-backed" className={`${cardClass} space-y-3`}>
      <h2 id="home-backed" className="text-xl font-semibold">
        {t("backedTitle")}
      </h2>
      {backed.length === 0 ? (
        <p>{t("backedNone")}</p>
      ) : (
        <ul className="space-y-2">
          {backed.map((m) => (
            <li key={m.id}>
              <p>
                {t.rich("backedItem", {
                  title: m.title,
                  initiative: m.initiativeName,
                  status: tf(`milestoneStatus.${m.status}`),
                  link: (chunks) => (
                    <Link href={`/n/${slug}/initiatives/${m.initiativeId}`} className="font-medium" lang={lang}>
                      {chunks}
                    </Link>
                  ),
                })}
              </p>
              <p className="text-sm text-muted">
                {t("backedPledged", { amounts: m.pledged.map((p) => formatMoney(p.amount, p.currency, locale)).join(" + ") })}
                {m.targetDate ? ` · ${t("backedDue", { date: format.dateTime(m.targetDate, { dateStyle: "long", timeZone: "UTC" }) })}` : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link href={`/n/${slug}/initiatives`} className="font-medium">
          {t("toInitiatives")}
        </Link>
      </p>
    </section>
  );
}
