import { getTranslations } from "next-intl/server";
import { buttonClass, inputClass } from "@/components/ui/styles";
import { SEARCH_QUERY_MAX } from "@/lib/search/schema";

/** The dialogue's search box: a plain GET form, so it works without JavaScript. */
export async function SearchForm({ slug, q = "", id = "dialogue-search" }: { slug: string; q?: string; id?: string }) {
  const t = await getTranslations("search");
  return (
    <form method="get" action={`/n/${slug}/dialogue/search`} role="search" className="flex flex-wrap items-end gap-3">
      <div className="min-w-64 flex-1 space-y-1">
        <label htmlFor={id} className="block font-medium">
          {t("label")}
        </label>
        <input id={id} name="q" type="search" defaultValue={q} maxLength={SEARCH_QUERY_MAX} className={inputClass} />
      </div>
      <button type="submit" className={buttonClass.secondary}>
        {t("submit")}
      </button>
    </form>
  );
}
