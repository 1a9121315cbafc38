import type { Metadata } from "next";
import Link from "next/link";
import { route } from "@/lib/route";
import { getFormatter, getTranslations } from "next-intl/server";
import { SearchForm } from "@/components/search/search-form";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { requireMemberPage, viewNetwork } from "@/lib/membership/scope";
import { decodeSearchCursor, searchDialogue, type Segment } from "@/lib/search/queries";
import { searchQuerySchema } from "@/lib/search/schema";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("search"))("title") };
}

/** An excerpt as text with the matched words in <mark>: never parsed as HTML. */
function Highlighted({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.mark ? (
          <mark key={i} className="rounded-sm bg-sand px-0.5 text-ink">
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

export default async function SearchPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ q?: string | string[]; after?: string | string[] }>;
}) {
  const { slug } = await params;
  const query = await searchParams;
  const q = searchQuerySchema.parse(query.q);
  const returnPath = `/n/${slug}/dialogue/search${q ? `?${new URLSearchParams({ q })}` : ""}`;
  const scope = await requireMemberPage(slug, returnPath, "thread.read");
  const after = decodeSearchCursor(typeof query.after === "string" ? query.after : undefined);
  const [{ items, next }, view] = await Promise.all([searchDialogue(scope, { q, after }), viewNetwork(scope.slug)]);
  const t = await getTranslations("search");
  const format = await getFormatter();
  const base = `/n/${scope.slug}/dialogue` as const;
  // Titles and excerpts are in the network's language, whatever the interface language.
  const lang = view?.network.locale;
  return (
    <div className="space-y-6">
      <p>
        <Link href={base}>{t("backToList")}</Link>
      </p>
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <SearchForm slug={scope.slug} q={q} />
      {!q ? (
        <p className="text-muted">{t("prompt")}</p>
      ) : items.length === 0 ? (
        <p className="text-muted">{t("noResults", { q })}</p>
      ) : (
        <section aria-labelledby="search-results" className="space-y-3">
          <h2 id="search-results" className="text-lg font-semibold">
            {t("resultsFor", { q })}
          </h2>
          {after ? (
            <p className="text-sm text-muted">
              <Link href={`${base}/search?${new URLSearchParams({ q })}`}>{t("firstResults")}</Link>
            </p>
          ) : null}
          <ol className="space-y-3">
            {items.map((item) => {
              const threadHref = `${base}/${item.threadId}${item.threadPage ? `?${new URLSearchParams({ after: item.threadPage })}` : ""}` as const;
              const href = route(item.kind === "reply" ? `${threadHref}#reply-${item.id}` : threadHref);
              const name = item.authorName ?? t("someone");
              return (
                <li key={`${item.kind}-${item.id}`} className={`${cardClass} space-y-1`}>
                  <h3 className="text-base font-semibold" lang={lang}>
                    <Link href={href}>
                      <Highlighted segments={item.title} />
                    </Link>
                  </h3>
                  <p className="text-sm text-muted">
                    {item.kind === "reply" ? t("replyBy", { name }) : t("threadBy", { name })} ·{" "}
                    {format.dateTime(item.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                    {item.hidden ? <> · <span className="text-danger">{t("hidden")}</span></> : null}
                  </p>
                  <p lang={lang}>
                    <Highlighted segments={item.excerpt} />
                  </p>
                </li>
              );
            })}
          </ol>
          {next ? (
            <Link href={`${base}/search?${new URLSearchParams({ q, after: next })}`} className={buttonClass.secondary}>
              {t("moreResults")}
            </Link>
          ) : null}
        </section>
      )}
    </div>
  );
}
