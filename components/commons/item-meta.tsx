import { getFormatter, getTranslations } from "next-intl/server";
import { LICENCES, type LicenceName } from "@/lib/commons/limits";
import { sourceOf } from "@/lib/commons/policy";

type Meta = {
  licence: LicenceName;
  attribution: "names" | "network" | "anonymous";
  sourceName: string;
  region: string;
  authorNames: string[];
  publishedAt: Date;
  language: "en" | "nl";
};

/**
 * Where an item comes from and under which licence: the source as its people chose to be named
 * (never the network of an anonymous item), the licence's name linked to its deed, the date it was
 * shared and its language.
 */
export async function ItemMeta({ item }: { item: Meta }) {
  const t = await getTranslations("commons");
  const format = await getFormatter();
  const source = sourceOf(item);
  const licence = LICENCES[item.licence];
  const sourceText =
    source.mode === "names"
      ? t("sourceNames", { network: source.network, names: source.names.join(", ") })
      : source.mode === "network"
        ? t("sourceNetwork", { network: source.network })
        : source.region
          ? t("sourceRegion", { region: source.region })
          : t("sourceUnknown");
  return (
    <p className="flex flex-wrap gap-x-3 gap-y-1 text-sm text-muted">
      <span>{sourceText}</span>
      <span>
        {t("licence")}{" "}
        <a href={licence.url} rel="license noopener" className="underline">
          {licence.name}
        </a>
      </span>
      <span>{t("shared", { date: format.dateTime(item.publishedAt, { dateStyle: "medium" }) })}</span>
      <span>{t(`language.${item.language}`)}</span>
    </p>
  );
}
