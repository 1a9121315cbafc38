import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { cardClass } from "@/components/ui/styles";
import { requireMemberPage } from "@/lib/membership/scope";
import { loadSharingPage } from "@/lib/sharing/queries";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("sharing"))("title") };
}

/**
 * What this network shares with the commons (decision 044): a broker sees every proposal with its
 * state, anyone else what they proposed or are asked about.
 */
export default async function SharingPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const scope = await requireMemberPage(slug, `/n/${slug}/sharing`, "commons.view");
  const [t, format, page] = await Promise.all([getTranslations("sharing"), getFormatter(), loadSharingPage(scope)]);
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="text-muted">{t(page.may.publish ? "introBroker" : "introMember")}</p>
        <p className="text-sm">
          <Link href="/commons">{t("toCommons")}</Link>
        </p>
      </div>
      {page.proposals.length === 0 ? (
        <p className="text-muted">{t("none")}</p>
      ) : (
        <ul className="space-y-3" aria-label={t("listLabel")}>
          {page.proposals.map((p) => (
            <li key={p.id} className={`${cardClass} space-y-1`}>
              <p className="font-medium">
                <Link href={`/n/${scope.slug}/sharing/${p.id}`}>{p.title || t(`kind.${p.kind}`)}</Link>
              </p>
              <p className="text-sm text-muted">
                {t(`kind.${p.kind}`)} · {t(`status.${p.status}`)} · {t("agreedCount", { agreed: p.agreed, asked: p.asked })} ·{" "}
                {p.proposedByName ? `${t("proposedBy", { name: p.proposedByName })} · ` : ""}
                <time dateTime={p.createdAt.toISOString()}>{format.dateTime(p.createdAt, { dateStyle: "medium" })}</time>
              </p>
              {p.waitsForMe ? <p className="font-medium text-accent-strong">{t("waitsForYou")}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
