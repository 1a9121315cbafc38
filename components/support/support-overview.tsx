import { route } from "@/lib/route";
import { FINANCIAL_KINDS, GROWTH_STAGES, NON_FINANCIAL_KINDS } from "@/lib/support/limits";
import { filterQuery } from "@/lib/support/policy";
import type { OverviewCell } from "@/lib/support/queries";
import { supportTools } from "./support-entry";

/** A cell's shade by its share of the fullest cell: four steps, and the count is always written. */
function shade(count: number, max: number): string {
  if (count === 0 || max === 0) return "";
  const step = Math.ceil((count / max) * 4);
  return ["", "bg-sand", "bg-accent-soft", "bg-accent-soft font-semibold", "bg-accent-soft font-bold"][step] ?? "";
}

/**
 * The overview of the map by growth stage (columns) and kind of support (rows): an HTML table of
 * counts, shaded by how full each cell is, every count a link to the list filtered by its stage and
 * kind. Rendered on the server with nothing from outside (no tiles, no fonts, no script). Its
 * forty-odd links are plain anchors, not next/link: each Link is a client component to render,
 * hydrate and prefetch, and a filter's link may load its page like the filter form does (decision 054).
 */
export async function SupportOverview({ slug, cells }: { slug: string; cells: OverviewCell[] }) {
  // Each name once, not once per cell (36 cells name their kind and stage in their label).
  const { t, kindName, stageName } = await supportTools();
  const count = (stage: string, kind: string) => cells.find((c) => c.stage === stage && c.kind === kind)?.count ?? 0;
  const max = Math.max(0, ...cells.map((c) => c.count));
  const groups = [
    { label: t("type.financial"), kinds: FINANCIAL_KINDS },
    { label: t("type.non_financial"), kinds: NON_FINANCIAL_KINDS },
  ];
  const link = (query: Parameters<typeof filterQuery>[0]) => route(`/n/${slug}/support?${filterQuery(query)}#support-results`);
  return (
    <section aria-labelledby="support-overview-title" className="space-y-3">
      <h2 id="support-overview-title" className="text-xl font-semibold">
        {t("overviewTitle")}
      </h2>
      <p className="text-muted">{t("overviewIntro")}</p>
      <div className="overflow-x-auto">
        {/* The cells' common look is set once on the table, not repeated on each of its 36 cells. */}
        <table
          className="min-w-full border-collapse text-left [&_td]:border [&_td]:border-line [&_td]:px-2 [&_td]:py-1 [&_td]:text-center"
          data-testid="support-overview"
        >
          <caption className="sr-only">{t("overviewCaption")}</caption>
          <thead>
            <tr>
              <th scope="col" className="border-b border-line py-2 pr-4">
                {t("kindsLabel")}
              </th>
              {GROWTH_STAGES.map((stage) => (
                <th key={stage} scope="col" className="border-b border-line px-2 py-2 text-center">
                  <a href={link({ stage })} className="underline">
                    {stageName[stage]}
                  </a>
                </th>
              ))}
            </tr>
          </thead>
          {groups.map((g) => (
            <tbody key={g.label}>
              <tr>
                <th scope="colgroup" colSpan={GROWTH_STAGES.length + 1} className="pt-3 pb-1 text-sm text-muted">
                  {g.label}
                </th>
              </tr>
              {g.kinds.map((kind) => (
                <tr key={kind}>
                  <th scope="row" className="py-1 pr-4 font-medium">
                    <a href={link({ kind })} className="underline">
                      {kindName[kind]}
                    </a>
                  </th>
                  {GROWTH_STAGES.map((stage) => {
                    const n = count(stage, kind);
                    return (
                      <td key={stage} className={shade(n, max) || undefined}>
                        {n === 0 ? (
                          <span className="text-muted">0</span>
                        ) : (
                          <a href={link({ stage, kind })} className="underline" aria-label={t("cellLabel", { count: n, kind: kindName[kind], stage: stageName[stage] })}>
                            {n}
                          </a>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
    </section>
  );
}
