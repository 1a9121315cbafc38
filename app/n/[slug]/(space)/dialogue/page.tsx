import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { SearchForm } from "@/components/search/search-form";
import { buttonClass, cardClass, inputClass } from "@/components/ui/styles";
import { listThreads } from "@/lib/dialogue/queries";
import { decodeCursor } from "@/lib/cursor";
import { AREAS, LEVELS, threadFilterSchema } from "@/lib/dialogue/schema";
import { requireMemberPage } from "@/lib/membership/scope";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dialogue"))("title") };
}

export default async function DialoguePage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ level?: string; area?: string; after?: string }>;
}) {
  const { slug } = await params;
  const scope = await requireMemberPage(slug, `/n/${slug}/dialogue`, "thread.read");
  const query = await searchParams;
  const { level, area } = threadFilterSchema.parse({ level: query.level, area: query.area });
  const { items, next } = await listThreads(scope, { level, area, after: decodeCursor(query.after) });
  const t = await getTranslations("dialogue");
  const tl = await getTranslations("levels");
  const ta = await getTranslations("areas");
  // One formatter for the page's fifty dates, in the viewer's language and time zone.
  const dateFormat = new Intl.DateTimeFormat(await getLocale(), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: await getTimeZone(),
  });
  const filters = new URLSearchParams({ ...(level ? { level } : {}), ...(area ? { area } : {}) });
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <Link href={`/n/${slug}/dialogue/new`} className={buttonClass.primary}>
          {t("newThread")}
        </Link>
      </div>
      <SearchForm slug={slug} />
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label={t("filters")}>
        <div className="space-y-1">
          <label htmlFor="filter-level" className="block font-medium">
            {t("level")}
          </label>
          <select id="filter-level" name="level" defaultValue={level ?? ""} className={inputClass}>
            <option value="">{t("anyLevel")}</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {tl(l)}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="filter-area" className="block font-medium">
            {t("area")}
          </label>
          <select id="filter-area" name="area" defaultValue={area ?? ""} className={inputClass}>
            <option value="">{t("anyArea")}</option>
            {AREAS.map((a) => (
              <option key={a} value={a}>
                {ta(a)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClass.secondary}>
          {t("filter")}
        </button>
        {level || area ? (
          <Link href={`/n/${slug}/dialogue`} className={buttonClass.quiet}>
            {t("clearFilters")}
          </Link>
        ) : null}
      </form>
      {items.length === 0 ? (
        <p className="text-muted">{level || area ? t("emptyFiltered") : t("empty")}</p>
      ) : (
        <ul className="space-y-3">
          {items.map((thread) => (
            <li key={thread.id} className={`${cardClass} space-y-1`}>
              <div className="flex flex-wrap items-baseline gap-2">
                {thread.unread ? (
                  <span className="rounded-full bg-accent px-2 text-xs font-semibold text-white">{t("unread")}</span>
                ) : null}
                {thread.pinnedAt ? <span className="text-sm font-medium text-accent-strong">{t("pinned")}</span> : null}
                {thread.lockedAt ? <span className="text-sm text-muted">{t("locked")}</span> : null}
                {thread.hiddenAt ? <span className="text-sm text-danger">{t("hidden")}</span> : null}
                <h2 className="text-lg font-semibold">
                  <Link href={`/n/${slug}/dialogue/${thread.id}`}>{thread.title}</Link>
                </h2>
              </div>
              <p className="text-sm text-muted">
                {[
                  tl(thread.level),
                  ta(thread.area),
                  t("replies", { count: thread.replyCount }),
                  t("lastActivity", { date: dateFormat.format(thread.lastActivityAt) }),
                  t("startedBy", { name: thread.authorName ?? t("someone") }),
                ].join(" · ")}
              </p>
            </li>
          ))}
        </ul>
      )}
      {next ? (
        <Link href={`/n/${slug}/dialogue?${new URLSearchParams([...filters, ["after", next]])}`} className={buttonClass.secondary}>
          {t("olderThreads")}
        </Link>
      ) : null}
    </div>
  );
}
