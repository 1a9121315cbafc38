import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { cardClass } from "@/components/ui/styles";
import { plainExcerpt } from "@/lib/markdown/text";

/** How much of the purpose a card shows: the words of its rendered Markdown, clamped to three lines. */
const PURPOSE_EXCERPT_MAX = 300;

export async function NetworkCard({
  network,
}: {
  network: { slug: string; name: string; purpose: string; visibility: string; joinPolicy: string; memberCount: number; locale: string };
}) {
  const t = await getTranslations("networks");
  return (
    <li className={`${cardClass} flex flex-col gap-2`}>
      <h3 className="text-lg font-semibold">
        <Link href={`/n/${network.slug}`} className="text-ink">
          {network.name}
        </Link>
      </h3>
      <p className="line-clamp-3 text-muted" lang={network.locale}>
        {plainExcerpt(network.purpose, PURPOSE_EXCERPT_MAX)}
      </p>
      <p className="mt-auto flex flex-wrap gap-x-3 text-sm text-muted">
        <span>{t("memberCount", { count: network.memberCount })}</span>
        <span>{t(`joinPolicy.${network.joinPolicy}`)}</span>
        {network.visibility === "private" ? <span>{t("visibility.private")}</span> : null}
      </p>
    </li>
  );
}
