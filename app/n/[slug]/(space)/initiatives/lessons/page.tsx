import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Markdown } from "@/components/dialogue/markdown";
import { ClientMessages } from "@/components/i18n/client-messages";
import { buttonClass, cardClass, inputClass } from "@/components/ui/styles";
import { decodeCursor } from "@/lib/cursor";
import { loadLessonsPage } from "@/lib/funding/queries";
import { AREAS, lessonFilterSchema } from "@/lib/funding/schema";
import { requireMemberPage, viewNetwork } from "@/lib/membership/scope";
import { ShareWithCommons } from "@/components/sharing/share-state";
import { mayPropose } from "@/lib/sharing/policy";
import { shareStates } from "@/lib/sharing/queries";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("funding"))("lessonsLog") };
}

/**
 * The network's lessons log: lessons from updates and learned milestones, failures included, and
 * those of fulfilled offers and requests.
 */
export default async function LessonsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ initiative?: string; area?: string; after?: string }>;
}) {
  const { slug } = await params;
  const scope = await requireMemberPage(slug, `/n/${slug}/initiatives/lessons`, "lessons.view");
  const query = await searchParams;
  const filter = lessonFilterSchema.parse({ initiative: query.initiative, area: query.area });
  const [t, ta, te, format, view, page] = await Promise.all([
    getTranslations("funding"),
    getTranslations("areas"),
    getTranslations("exchange"),
    getFormatter(),
    viewNetwork(scope.slug),
    loadLessonsPage(scope, filter, decodeCursor(query.after)),
  ]);
  const { items, next } = page.lessons;
  // Every lesson of the log can be shared with the commons: a milestone's, and a fulfilled offer's or
  // request's (its post is the source, decision 044).
  const shared = await shareStates(
    scope,
    "lesson",
    items.map((l) => l.id),
  );
  const lang = view?.network.locale;
  const filters = new URLSearchParams({
    ...(filter.initiative ? { initiative: filter.initiative } : {}),
    ...(filter.area ? { area: filter.area } : {}),
  });
  return (
    <ClientMessages namespaces={["sharing"]}>
      <div className="space-y-6">
        <div className="space-y-1">
          <p className="text-muted">
            <Link href={`/n/${scope.slug}/initiatives`}>{t("title")}</Link>
          </p>
          <h1 className="text-xl font-semibold">{t("lessonsLog")}</h1>
          <p className="text-muted">{t("lessonsIntro")}</p>
        </div>
        <form method="get" className="flex flex-wrap items-end gap-3" aria-label={t("lessonFilters")}>
          <div className="space-y-1">
            <label htmlFor="filter-initiative" className="block font-medium">
              {t("initiative")}
            </label>
            <select id="filter-initiative" name="initiative" defaultValue={filter.initiative ?? ""} className={inputClass}>
              <option value="">{t("anyInitiative")}</option>
              {page.initiatives.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.name}
                </option>
              ))}
            </select>
          </div>
          <div className="space-y-1">
            <label htmlFor="filter-area" className="block font-medium">
              {t("area")}
            </label>
            <select id="filter-area" name="area" defaultValue={filter.area ?? ""} className={inputClass}>
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
          {filter.initiative || filter.area ? (
            <Link href={`/n/${scope.slug}/initiatives/lessons`} className={buttonClass.quiet}>
              {t("clearFilters")}
            </Link>
          ) : null}
        </form>
        {items.length === 0 ? (
          <p className="text-muted">{t("noLessons")}</p>
        ) : (
          <ul className="space-y-3" aria-label={t("lessonsLog")}>
            {items.map((l) => (
              <li key={l.id} className={`${cardClass} space-y-2`}>
                <p className="text-sm text-muted">
                  {l.post ? (
                    <>
                      <Link href={`/n/${scope.slug}/exchange/${l.post.id}`}>{te("lessonFrom", { title: l.post.title })}</Link> ·{" "}
                    </>
                  ) : null}
                  {l.initiativeId ? <Link href={`/n/${scope.slug}/initiatives/${l.initiativeId}`}>{l.initiativeName}</Link> : null}
                  {l.milestoneTitle ? ` · ${l.milestoneTitle}` : ""}
                  {l.area ? ` · ${ta(l.area)}` : ""}
                  {l.initiativeId || l.area ? " · " : ""}
                  {l.authorName ?? t("someone")} · <time dateTime={l.createdAt.toISOString()}>{format.dateTime(l.createdAt, { dateStyle: "medium" })}</time>
                </p>
                {l.fromLearned ? <p className="font-medium">{t("fromLearned")}</p> : null}
                <Markdown html={l.html} lang={lang} />
                <ShareWithCommons
                  slug={scope.slug}
                  kind="lesson"
                  sourceId={l.id}
                  what={l.post?.title ?? l.milestoneTitle ?? t("lessonsLog")}
                  state={shared.get(l.id)}
                  mayPropose={mayPropose(scope.role, l.authorId === scope.userId)}
                />
              </li>
            ))}
          </ul>
        )}
        {next ? (
          <Link href={`/n/${scope.slug}/initiatives/lessons?${new URLSearchParams([...filters, ["after", next]])}`} className={buttonClass.secondary}>
            {t("olderLessons")}
          </Link>
        ) : null}
      </div>
    </ClientMessages>
  );
}
