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
  const axis = axisFormat(locale, currency);
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

  const grid = ticks.map((tick) => `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${py(tick)}" y2="${py(tick)}"/>`);
  const yLabels = ticks.map((tick) => `<text x="${MARGIN.left - 8}" y="${py(tick) + 4}">${escapeXml(axis.format(tick))}</text>`);
  const xLabels = points.map((p) => `<text x="${px(p.label)}" y="${HEIGHT - MARGIN.bottom + 18}">${escapeXml(p.label)}</text>`);
  const dash = (d: string | undefined) => (d ? ` stroke-dasharray="${d}"` : "");
  const lines = SERIES.map(
    (s) =>
      `<g stroke="${s.colour}" stroke-width="2"><path d="${path(s.key)}" fill="none"${dash(s.dash)}/><g fill="#fff">` +
      points.map((p) => `<circle cx="${px(p.label)}" cy="${py(p[s.key])}" r="3"/>`).join("") +
      "</g></g>",
  );
  const legend = SERIES.map(
    (s, i) =>
      `<g transform="translate(${MARGIN.left + i * 160}, ${HEIGHT - 12})">` +
      `<line x1="0" x2="24" y1="-4" y2="-4" stroke="${s.colour}" stroke-width="2"${dash(s.dash)}/>` +
      `<text x="30" y="0" font-size="12" fill="#1f2a29">${escapeXml(labels[s.key])}</text></g>`,
  );
  // One string, not a tree of React elements: the page sends it once in the HTML and once in the
  // React payload either way, and a string costs the server a fraction of rendering ~150 elements.
  // Every text in it is escaped; everything else is numbers and constants.
  const svg =
    `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" class="block h-auto w-full" focusable="false">` +
    `<g stroke="#d5dfdc" stroke-dasharray="3 3">${grid.join("")}</g>` +
    `<g font-size="12" fill="#52615f" text-anchor="end">${yLabels.join("")}</g>` +
    `<g font-size="12" fill="#52615f" text-anchor="middle">${xLabels.join("")}</g>` +
    lines.join("") +
    legend.join("") +
    "</svg>";
  return (
    <div
      aria-hidden="true"
      className="w-full print:hidden"
      data-testid={`funder-chart-${currency}`}
      dangerouslySetInnerHTML={{ __html: svg }}
    />
  );
}

const axisFormats = new Map<string, Intl.NumberFormat>();

/** The axis's compact currency format ("€1.5M"), made once per language and currency: making one costs more than drawing. */
function axisFormat(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let format = axisFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "currency", currency, notation: "compact", minimumFractionDigits: 0, maximumFractionDigits: 1 });
    // Few languages and currencies; the bound only guards odd input.
    if (axisFormats.size < 1000) axisFormats.set(key, format);
  }
  return format;
}

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text for SVG markup: the five characters that could end an element or an attribute, escaped. */
function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}
