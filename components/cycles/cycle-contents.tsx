import { getTranslations } from "next-intl/server";

/**
 * "On this page": from the WE phase on the cycle page runs long (reflections, the synthesis with
 * its revisions, the consent round), so it starts with links to its sections' headings. Plain
 * links in a named navigation landmark: no script, and the browser moves to the heading.
 */
export async function CycleContents({ own, brokerTools }: { own: boolean; brokerTools: boolean }) {
  const t = await getTranslations("cycles");
  const links = [
    ...(own ? [{ href: "#own-reflection", label: t("contents.own") }] : []),
    { href: "#others-reflections", label: t("contents.others") },
    { href: "#synthesis-title", label: t("contents.synthesis") },
    { href: "#consent-title", label: t("contents.consent") },
    ...(brokerTools ? [{ href: "#broker-tools", label: t("contents.brokerTools") }] : []),
  ];
  return (
    <nav aria-labelledby="cycle-contents" className="rounded-lg border border-line bg-white px-5 py-3">
      <p id="cycle-contents" className="text-sm font-semibold text-muted">
        {t("contents.title")}
      </p>
      <ul className="mt-1 flex flex-wrap gap-x-5 gap-y-1">
        {links.map((l) => (
          <li key={l.href}>
            <a href={l.href} className="inline-flex min-h-11 items-center font-medium underline underline-offset-4">
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
