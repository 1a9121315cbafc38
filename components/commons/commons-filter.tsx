import Form from "next/form";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { inputClass } from "@/components/ui/styles";
import { AREAS, COMMONS_KINDS, COMMONS_QUERY_MAX, LEVELS, OUTCOMES, STAGES } from "@/lib/commons/limits";
import { isFiltered, type CommonsFilter } from "@/lib/commons/policy";

/**
 * The commons' search and filter: a GET form, so a search can be shared, bookmarked and used without
 * JavaScript. Every field has its label.
 */
export async function CommonsFilterForm({ filter, regions }: { filter: CommonsFilter; regions: string[] }) {
  const t = await getTranslations("commons");
  const tl = await getTranslations("levels");
  const ta = await getTranslations("areas");
  const select = (name: "kind" | "level" | "area" | "stage" | "outcome" | "region", label: string, options: readonly string[], value: string | null, text: (o: string) => string, any = t("any")) => (
    <div>
      <label htmlFor={`commons-${name}`}>{label}</label>
      <select id={`commons-${name}`} name={name} defaultValue={value ?? ""} key={value ?? ""} className={inputClass}>
        <option value="">{any}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {text(o)}
          </option>
        ))}
      </select>
    </div>
  );
  // A region typed in the address that no live item has is still kept (and finds nothing).
  const regionOptions = filter.region && !regions.includes(filter.region) ? [filter.region, ...regions] : regions;
  return (
    <Form action="/commons" className="commons-filter space-y-4" role="search" aria-label={t("filterLabel")}>
      <div className="space-y-1">
        <label htmlFor="commons-q">{t("q")}</label>
        <p id="commons-q-hint" className="text-sm text-muted">
          {t("qHint")}
        </p>
        <input id="commons-q" name="q" type="search" defaultValue={filter.q} key={filter.q} maxLength={COMMONS_QUERY_MAX} aria-describedby="commons-q-hint" className={inputClass} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {select("kind", t("kind"), COMMONS_KINDS, filter.kind, (o) => t(`kinds.${o as "lesson"}`))}
        {select("level", t("level"), LEVELS, filter.level, (o) => tl(o as "network"))}
        {select("area", t("area"), AREAS, filter.area, (o) => ta(o as "means"))}
        {select("stage", t("stage"), STAGES, filter.stage, (o) => t(`stages.${o as "idea"}`))}
        {select("outcome", t("outcome"), OUTCOMES, filter.outcome, (o) => t(`outcomes.${o as "reached"}`))}
        {select("region", t("region"), regionOptions, filter.region || null, (o) => o, t("anyRegion"))}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn btn-primary">
          {t("submit")}
        </button>
        {isFiltered(filter) ? (
          <Link href="/commons" className="underline">
            {t("clear")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
