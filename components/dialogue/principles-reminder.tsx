import { getTranslations } from "next-intl/server";
import { PrinciplesList } from "@/components/networks/principles";

/** The network's principles at the point of writing: open at first, closed with one click. */
export async function PrinciplesReminder({ principles, lang }: { principles: string[]; lang: string }) {
  if (principles.length === 0) return null;
  const t = await getTranslations("dialogue");
  return (
    <details open className="rounded-md border border-line bg-sand/40 px-4 py-2 text-sm">
      <summary className="cursor-pointer py-1 font-medium">{t("principlesSummary")}</summary>
      <div className="pt-2">
        <PrinciplesList principles={principles} lang={lang} />
      </div>
    </details>
  );
}
