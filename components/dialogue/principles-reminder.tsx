import { cookies } from "next/headers";
import { getTranslations } from "next-intl/server";
import { PrinciplesList } from "@/components/networks/principles";
import { PrinciplesDisclosure } from "./principles-disclosure";

/** Set (for a year, in this browser) the first time a person folds the reminder. */
const FOLDED_COOKIE = "kring-principles-folded";

/**
 * The network's principles at the point of writing: open until the person first folds them, folded
 * (one click away) from then on. The choice is a cookie, so the server renders it folded: no schema
 * change, and no reminder that flashes open first.
 */
export async function PrinciplesReminder({ principles, lang }: { principles: string[]; lang: string }) {
  if (principles.length === 0) return null;
  const [t, jar] = await Promise.all([getTranslations("dialogue"), cookies()]);
  return (
    <PrinciplesDisclosure open={jar.get(FOLDED_COOKIE)?.value !== "1"} cookie={FOLDED_COOKIE}>
      <summary className="cursor-pointer py-1 font-medium">{t("principlesSummary")}</summary>
      <div className="pt-2">
        <PrinciplesList principles={principles} lang={lang} />
      </div>
    </PrinciplesDisclosure>
  );
}
