import { getTranslations } from "next-intl/server";

/** What others see of a reflection a broker hid, and its author beside their text (decision 027). */
export async function HiddenNotice({ reason }: { reason: string }) {
  const t = await getTranslations("cycles");
  return (
    <p role="note" className="rounded-md bg-danger-soft px-3 py-2 text-sm text-danger">
      {t("reflectionHidden", { reason })}
    </p>
  );
}
