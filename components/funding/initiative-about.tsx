import { getTranslations } from "next-intl/server";
import { Markdown } from "@/components/dialogue/markdown";
import { cardClass } from "@/components/ui/styles";
import type { InitiativePage } from "@/lib/funding/queries";
import { EditInitiativeForm } from "./initiative-form";
import { FormDisclosure } from "./milestone-forms";

/** What the initiative is, the system change it works toward and its team; the team and brokers edit it here. */
export async function InitiativeAbout({ slug, page, lang }: { slug: string; page: InitiativePage; lang?: string }) {
  const t = await getTranslations("funding");
  const { initiative } = page;
  return (
    <section aria-labelledby="about" className={`${cardClass} space-y-3`}>
      <h2 id="about" className="text-lg font-semibold">
        {t("about")}
      </h2>
      {/* Markdown, rendered when shown: short texts without a stored HTML column (decision 033). */}
      <Markdown source={initiative.description} lang={lang} />
      <h3 className="font-semibold">{t("systemChange")}</h3>
      <Markdown source={initiative.systemChange} lang={lang} />
      <h3 className="font-semibold">{t("team")}</h3>
      {initiative.team.length === 0 ? <p className="text-muted">{t("noTeam")}</p> : <p>{initiative.team.map((m) => m.name).join(", ")}</p>}
      {page.may.edit ? (
        <FormDisclosure summary={t("editInitiative")}>
          <EditInitiativeForm
            slug={slug}
            candidates={page.candidates}
            initiative={{
              id: initiative.id,
              name: initiative.name,
              description: initiative.description,
              systemChange: initiative.systemChange,
              status: initiative.status,
              team: initiative.team.map((m) => m.userId),
            }}
          />
        </FormDisclosure>
      ) : null}
    </section>
  );
}
