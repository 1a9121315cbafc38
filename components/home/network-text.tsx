import { getTranslations } from "next-intl/server";
import { PrinciplesList } from "@/components/networks/principles";

/** The network's own text: purpose, working question and principles, for everyone who may see it. */
export async function NetworkText({
  network,
}: {
  network: { purpose: string; workingQuestion: string; principles: string[]; locale: string };
}) {
  const t = await getTranslations("networkHome");
  return (
    <>
      <section aria-labelledby="purpose" className="space-y-2">
        <h2 id="purpose" className="text-xl font-semibold">
          {t("purpose")}
        </h2>
        <p className="whitespace-pre-line" lang={network.locale}>
          {network.purpose}
        </p>
      </section>
      <section aria-labelledby="question" className="space-y-2">
        <h2 id="question" className="text-xl font-semibold">
          {t("workingQuestion")}
        </h2>
        <blockquote className="border-l-4 border-accent pl-4 text-lg" lang={network.locale}>
          {network.workingQuestion}
        </blockquote>
      </section>
      <section aria-labelledby="principles" className="space-y-2">
        <h2 id="principles" className="text-xl font-semibold">
          {t("principles")}
        </h2>
        <PrinciplesList principles={network.principles} lang={network.locale} />
      </section>
    </>
  );
}
