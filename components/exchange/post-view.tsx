import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Markdown } from "@/components/dialogue/markdown";
import { cardClass } from "@/components/ui/styles";
import type { PostPage } from "@/lib/exchange/queries";

/**
 * One offer or request: its kind, title, status, who wrote it, where, until when, what it unlocks,
 * its tags and text; once fulfilled, who helped, the thanks and the lesson.
 */
export async function PostView({ slug, page, lang }: { slug: string; page: PostPage; lang: string }) {
  const [t, format, locale] = await Promise.all([getTranslations("exchange"), getFormatter(), getLocale()]);
  const p = page.post;
  const closed = p.status === "withdrawn" || p.status === "expired";
  return (
    <div className="space-y-4">
      <p>
        <Link href={`/n/${slug}/exchange`} className="text-sm">
          {t("back")}
        </Link>
      </p>
      <p className="flex flex-wrap items-baseline gap-2">
        <span className="rounded-md bg-accent-soft px-2 py-0.5 text-sm font-semibold text-accent-strong">{t(`direction.${p.direction}`)}</span>
        <span className="text-sm text-muted">{t(`capital.${p.capital}`)}</span>
        <span className="rounded-md bg-sand px-2 py-0.5 text-sm">{t(`status.${p.status}`)}</span>
      </p>
      <h1 className={`text-2xl font-semibold ${closed ? "text-muted" : ""}`} lang={lang}>
        {p.title}
      </h1>
      {closed ? (
        <p role="status" className="rounded-md bg-sand px-3 py-2">
          {p.status === "expired" ? t("expiredNotice") : t("withdrawnNotice")}
        </p>
      ) : null}
      <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt className="font-medium">{t(p.direction === "offer" ? "offeredBy" : "askedBy")}</dt>
        <dd>{p.authorName ?? t("someone")}</dd>
        {p.town ? (
          <>
            <dt className="font-medium">{t("where")}</dt>
            <dd lang={lang}>{p.town}</dd>
          </>
        ) : null}
        {p.address ? (
          <>
            <dt className="font-medium">{t("address")}</dt>
            <dd lang={lang}>{p.address}</dd>
          </>
        ) : null}
        <dt className="font-medium">{closed ? t("expired") : t("expires")}</dt>
        <dd>
          <time dateTime={p.expiresAt.toISOString()}>{format.dateTime(p.expiresAt, { dateStyle: "long" })}</time>
        </dd>
        <dt className="font-medium">{t("seenBy")}</dt>
        <dd>{t(`visibility.${p.visibility}`)}</dd>
        {p.initiativeId && p.initiativeName ? (
          <>
            <dt className="font-medium">{t("unlocks")}</dt>
            <dd lang={lang}>
              <Link href={`/n/${slug}/initiatives/${p.initiativeId}`} className="underline">
                {p.initiativeName}
              </Link>
              {p.milestoneTitle ? `: ${p.milestoneTitle}` : null}
            </dd>
          </>
        ) : null}
      </dl>
      {page.tags.length ? (
        <ul className="flex flex-wrap gap-2" aria-label={t("tags")}>
          {page.tags.map((tag) => (
            <li key={tag.slug}>
              <Link href={`/n/${slug}/exchange?tag=${tag.slug}`} className="inline-flex rounded-md border border-line px-2 py-0.5 text-sm">
                {tag.label ? (locale === "nl" ? tag.label.nl : tag.label.en) : tag.slug}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {p.bodyHtml ? <Markdown html={p.bodyHtml} lang={lang} /> : null}
      {p.status === "fulfilled" ? (
        <section aria-labelledby="post-fulfilled" className={`${cardClass} space-y-2`}>
          <h2 id="post-fulfilled" className="text-lg font-semibold">
            {t("fulfilledTitle")}
          </h2>
          <p>{p.helperName ? t("helpedBy", { name: p.helperName }) : t("fulfilledNoHelper")}</p>
          {p.thanksHtml ? (
            <div className="space-y-1">
              <h3 className="font-medium">{t("thanks")}</h3>
              <Markdown html={p.thanksHtml} lang={lang} />
            </div>
          ) : null}
          {p.lessonHtml ? (
            <div className="space-y-1">
              <h3 className="font-medium">{t("lesson")}</h3>
              <Markdown html={p.lessonHtml} lang={lang} />
              <p className="text-sm">
                <Link href={`/n/${slug}/initiatives/lessons`} className="underline">
                  {t("inLessonsLog")}
                </Link>
              </p>
            </div>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
