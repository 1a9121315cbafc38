import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { cardClass } from "@/components/ui/styles";
import type { Matches } from "@/lib/exchange/matching/queries";

/**
 * "People and posts that may match", on a post's page for its author (decision 041): the best
 * open posts of the other direction, and for a request the members whose "I can help with" meets
 * it. Each was told once when the post was saved; here the author can follow up.
 */
export async function MatchesSection({ slug, matches, lang }: { slug: string; matches: Matches; lang?: string }) {
  const [t, te] = await Promise.all([getTranslations("matching"), getTranslations("exchange")]);
  const { posts, people } = matches;
  return (
    <section aria-labelledby="matches" className={`${cardClass} space-y-4`} data-testid="matches">
      <div className="space-y-1">
        <h2 id="matches" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <p className="text-sm text-muted">{t("intro")}</p>
      </div>
      {posts.length === 0 && people.length === 0 ? <p className="text-muted">{t("none")}</p> : null}
      {posts.length > 0 ? (
        <div className="space-y-2">
          <h3 className="font-semibold">{t("postsTitle")}</h3>
          <ul className="space-y-2">
            {posts.map((p) => (
              <li key={p.id} className="rounded-md border border-line p-3">
                <p className="font-medium">
                  <Link href={`/n/${slug}/exchange/${p.id}`} className="underline" lang={lang}>
                    {p.title}
                  </Link>
                </p>
                <p className="text-sm text-muted">
                  {te(`direction.${p.direction}`)} · {te(`capital.${p.capital}`)}
                  {p.town ? ` · ${p.town}` : null}
                  {p.authorName ? ` · ${p.authorName}` : null}
                  {p.sharedTags.length > 0 ? ` · ${t("sharedTags", { tags: p.sharedTags.join(", ") })}` : null}
                </p>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {people.length > 0 ? (
        <div className="space-y-2">
          <h3 className="font-semibold">{t("peopleTitle")}</h3>
          <ul className="space-y-2">
            {people.map((person) => (
              <li key={person.userId} className="rounded-md border border-line p-3">
                <p className="font-medium">{person.name ?? t("unnamed")}</p>
                <p className="text-sm text-muted">
                  {person.sharedTags.length > 0 ? t("canHelpWith", { tags: person.sharedTags.join(", ") }) : t("canHelpWithWords")}
                </p>
              </li>
            ))}
          </ul>
          <p className="text-sm">
            <Link href={`/n/${slug}/members`} className="underline">
              {t("allMembers")}
            </Link>
          </p>
        </div>
      ) : null}
    </section>
  );
}
