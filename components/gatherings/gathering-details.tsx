import { getTranslations } from "next-intl/server";
import { Markdown } from "@/components/dialogue/markdown";
import { richLink } from "@/components/home/rich-link";
import { cardClass } from "@/components/ui/styles";
import { htmlOf } from "@/lib/markdown/render";
import type { GatheringPage } from "@/lib/gatherings/queries";

/** Why the gathering meets, where, and its agenda in order. The online link only when the loader gave it. */
export async function GatheringDetails({ slug, page, lang }: { slug: string; page: GatheringPage; lang: string }) {
  const t = await getTranslations("gatherings");
  const g = page.gathering;
  return (
    <>
      {g.purpose ? (
        <section aria-labelledby="gathering-purpose" className={`${cardClass} space-y-2`}>
          <h2 id="gathering-purpose" className="text-xl font-semibold">
            {t("purposeTitle")}
          </h2>
          <Markdown html={htmlOf(g.purposeHtml, g.purpose)} lang={lang} />
        </section>
      ) : null}
      <section aria-labelledby="gathering-place" className={`${cardClass} space-y-2`}>
        <h2 id="gathering-place" className="text-xl font-semibold">
          {t("placeTitle")}
        </h2>
        <p className="font-medium">{t(`mode.${g.mode}`)}</p>
        {g.mode !== "online" ? (
          <div lang={lang}>
            {g.placeName ? <p>{g.placeName}</p> : null}
            {g.address ? <p className="whitespace-pre-line">{g.address}</p> : null}
            {g.accessibility ? <p className="text-sm whitespace-pre-line">{t("accessibility", { text: g.accessibility })}</p> : null}
          </div>
        ) : null}
        {g.mode !== "in_person" ? (
          g.onlineUrl ? (
            <p>
              <a href={g.onlineUrl} rel="noopener noreferrer nofollow" target="_blank" className="font-medium">
                {t("onlineLink")}
              </a>{" "}
              <span className="text-sm break-all text-muted">{g.onlineUrl}</span>
            </p>
          ) : (
            <p className="text-sm text-muted">{t("onlineHidden")}</p>
          )
        ) : null}
      </section>
      <section aria-labelledby="gathering-agenda" className={`${cardClass} space-y-2`}>
        <h2 id="gathering-agenda" className="text-xl font-semibold">
          {t("agendaTitle")}
        </h2>
        {page.agenda.length === 0 ? (
          <p>{t("agendaNone")}</p>
        ) : (
          <ol className="list-decimal space-y-2 pl-6">
            {page.agenda.map((item) => (
              <li key={item.id}>
                <span className="font-medium" lang={lang}>
                  {item.title}
                </span>{" "}
                <span className="text-sm text-muted">
                  ({t("agendaMinutesShort", { minutes: item.minutes })}
                  {item.host ? `, ${t("agendaHostedBy", { name: item.host.name })}` : ""})
                </span>
                {item.thread ? (
                  <span className="block text-sm">{t.rich("agendaPrepare", { title: item.thread.title, link: richLink(`/n/${slug}/dialogue/${item.thread.id}`, lang) })}</span>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
