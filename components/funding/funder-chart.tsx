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
 * figures, exact, in a table right after it (so the points carry no tooltips of their own). The
 * numbers here are for plotting; no sum is made.
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
  const axis = new Intl.NumberFormat(locale, { style: "currency", currency, notation: "compact", minimumFractionDigits: 0, maximumFractionDigits: 1 });
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
  // Whole pixels: the SVG is sent twice (HTML and the React payload), so every digit counts.
  const px = (label: string) => Math.round(x(label) ?? 0);
  const py = (value: number) => Math.round(y(value));
  const path = (key: "pledged" | "released") =>
    line<ChartPoint>()
      .x((p) => px(p.label))
      .y((p) => py(p[key]))
      .curve(curveMonotoneX)
      .digits(0)(points) ?? "";

  return (
    <div aria-hidden="true" className="w-full print:hidden" data-testid={`funder-chart-${currency}`}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="block h-auto w-full" focusable="false">
        <g stroke="#d5dfdc" strokeDasharray="3 3">
          {ticks.map((tick) => (
            <line key={tick} x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={py(tick)} y2={py(tick)} />
          ))}
        </g>
        <g fontSize="12" fill="#52615f" textAnchor="end">
          {ticks.map((tick) => (
            <text key={tick} x={MARGIN.left - 8} y={py(tick) + 4}>
              {axis.format(tick)}
            </text>
          ))}
        </g>
        <g fontSize="12" fill="#52615f" textAnchor="middle">
          {points.map((p) => (
            <text key={p.label} x={px(p.label)} y={HEIGHT - MARGIN.bottom + 18}>
              {p.label}
            </text>
          ))}
        </g>
        {SERIES.map((s) => (
          <g key={s.key} stroke={s.colour} strokeWidth={2}>
            <path d={path(s.key)} fill="none" strokeDasharray={s.dash} />
            <g fill="#fff">
              {points.map((p) => (
                <circle key={p.label} cx={px(p.label)} cy={py(p[s.key])} r={3} />
              ))}
            </g>
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
