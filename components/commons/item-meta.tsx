import { getFormatter, getTranslations } from "next-intl/server";
import type { Formatter, Translator } from "@/lib/i18n/server-types";
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
  return itemMeta(item, await getTranslations("commons"), await getFormatter());
}

/** The same line without a component of its own: a list of items renders it inline (no async component per item). */
export function itemMeta(item: Meta, t: Translator<"commons">, format: Formatter) {
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
    <p className="item-meta">
      <span>{sourceText}</span>
      <span>
        {`${t("licence")} `}
        <a href={licence.url} rel="license noopener">
          {licence.name}
        </a>
      </span>
      <span>{t("shared", { date: format.dateTime(item.publishedAt, { dateStyle: "medium" }) })}</span>
      <span>{t(`language.${item.language}`)}</span>
    </p>
  );
}
