import Form from "next/form";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { inputClass } from "@/components/ui/styles";
import { GROWTH_STAGES, QUERY_MAX, REGION_MAX, SUPPORT_KINDS, SUPPORT_TYPES } from "@/lib/support/limits";
import { isFiltered, type SupportFilter } from "@/lib/support/policy";

/**
 * The map's filter: a GET form (the filter lives in the address, so it can be shared, bookmarked and
 * used without JavaScript; with it, next/form moves without a full reload). Every field has its
 * label; the results count after it is a live region.
 */
export async function SupportFilterForm({ slug, filter }: { slug: string; filter: SupportFilter }) {
  const t = await getTranslations("support");
  const select = (name: "kind" | "type" | "stage", label: string, options: readonly string[], value: string | null, text: (o: string) => string) => (
    <div className="space-y-1">
      <label htmlFor={`support-filter-${name}`} className="block font-medium">
        {label}
      </label>
      <select id={`support-filter-${name}`} name={name} defaultValue={value ?? ""} key={value ?? ""} className={inputClass}>
        <option value="">{t("any")}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {text(o)}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <Form action={`/n/${slug}/support`} className="space-y-4" role="search" aria-label={t("filterLabel")}>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <div className="space-y-1">
          <label htmlFor="support-filter-q" className="block font-medium">
            {t("filterText")}
          </label>
          <input id="support-filter-q" name="q" type="search" defaultValue={filter.q} key={filter.q} maxLength={QUERY_MAX} className={inputClass} />
        </div>
        {select("type", t("filterType"), SUPPORT_TYPES, filter.type, (o) => t(`type.${o}`))}
        {select("kind", t("filterKind"), SUPPORT_KINDS, filter.kind, (o) => t(`kind.${o}`))}
        {select("stage", t("filterStage"), GROWTH_STAGES, filter.stage, (o) => t(`stage.${o}`))}
        <div className="space-y-1">
          <label htmlFor="support-filter-region" className="block font-medium">
            {t("fieldRegion")}
          </label>
          <input id="support-filter-region" name="region" type="text" defaultValue={filter.region} key={filter.region} maxLength={REGION_MAX} className={inputClass} />
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn btn-primary">
          {t("filterSubmit")}
        </button>
        {isFiltered(filter) ? (
          <Link href={`/n/${slug}/support`} className="underline">
            {t("filterClear")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
