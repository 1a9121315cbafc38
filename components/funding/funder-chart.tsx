import { scaleLinear, scalePoint } from "d3-scale";
import { curveMonotoneX, line } from "d3-shape";

export type ChartPoint = { label: string; pledged: number; released: number };

const WIDTH = 640;
const HEIGHT = 256;
const MARGIN = { top: 12, right: 16, bottom: 48, left: 80 };
const SERIES = [
  { key: "pledged", colour: "#0d6b61", dash: undefined },
  { key: "released", colour: "#a8322d", dash: "6 3" },
] as const;

/**
 * The funder's pledged and released amounts month by month, for one currency, drawn on the
 * server as SVG (d3's scales and line shapes; decision 023): no JavaScript reaches the browser
 * for it. A picture only: it is hidden from assistive technology, and the page shows the same
 * figures, exact, in a table right after it. The numbers here are for plotting; no sum is made.
 */
export function FunderChart({
  points,
  currency,
  locale,
  labels,
}: {
  points: ChartPoint[];
  currency: string;
  locale: string;
  labels: { pledged: string; released: string };
}) {
  const axis = new Intl.NumberFormat(locale, { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 });
  const exact = new Intl.NumberFormat(locale, { style: "currency", currency });
  const top = Math.max(1, ...points.flatMap((p) => [p.pledged, p.released]));
  const x = scalePoint<string>()
    .domain(points.map((p) => p.label))
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .padding(0.3);
  const y = scaleLinear()
    .domain([0, top])
    .nice(5)
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const ticks = y.ticks(5);
  const path = (key: "pledged" | "released") =>
    line<ChartPoint>()
      .x((p) => x(p.label) ?? 0)
      .y((p) => y(p[key]))
      .curve(curveMonotoneX)(points) ?? "";

  return (
    <div aria-hidden="true" className="w-full print:hidden" data-testid={`funder-chart-${currency}`}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="block h-auto w-full" focusable="false">
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} stroke="#d5dfdc" strokeDasharray="3 3" />
            <text x={MARGIN.left - 8} y={y(tick)} dy="0.32em" textAnchor="end" fontSize="12" fill="#52615f">
              {axis.format(tick)}
            </text>
          </g>
        ))}
        {points.map((p) => (
          <text key={p.label} x={x(p.label)} y={HEIGHT - MARGIN.bottom + 18} textAnchor="middle" fontSize="12" fill="#52615f">
            {p.label}
          </text>
        ))}
        {SERIES.map((s) => (
          <g key={s.key}>
            <path d={path(s.key)} fill="none" stroke={s.colour} strokeWidth={2} strokeDasharray={s.dash} />
            {points.map((p) => (
              <circle key={p.label} cx={x(p.label)} cy={y(p[s.key])} r={3} fill="#fff" stroke={s.colour} strokeWidth={2}>
                <title>{`${labels[s.key]}, ${p.label}: ${exact.format(p[s.key])}`}</title>
              </circle>
            ))}
          </g>
        ))}
        {SERIES.map((s, i) => (
          <g key={s.key} transform={`translate(${MARGIN.left + i * 160}, ${HEIGHT - 12})`}>
            <line x1={0} x2={24} y1={-4} y2={-4} stroke={s.colour} strokeWidth={2} strokeDasharray={s.dash} />
            <text x={30} y={0} fontSize="12" fill="#1f2a29">
              {labels[s.key]}
            </text>
          </g>
        ))}
      </svg>
    </div>
  );
}
