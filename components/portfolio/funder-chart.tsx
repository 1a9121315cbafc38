import { scaleLinear, scalePoint } from "d3-scale";
import { curveMonotoneX, line } from "d3-shape";

/** One month: its short name ("Mar"), its year (shown under the first labelled month and where the year changes). */
export type ChartPoint = { label: string; year: string; pledged: number; released: number };

/**
 * Two drawings of the same chart, for a narrow and a wide box: an SVG scales its text with its
 * width, so one drawing cannot keep its labels legible from a phone to a desktop. The page shows
 * the one that fits its container (a CSS container query): the narrow one in a box under 32rem,
 * where it is drawn at about its own size (text 15 units, so about 12 px at 390 px), the wide one
 * above, in a box at most 48rem wide.
 */
export const CHART_LAYOUTS = {
  wide: {
    width: 640,
    height: 268,
    font: 13,
    margin: { top: 12, right: 16, bottom: 60, left: 80 },
    yTicks: 5,
    legendGap: 170,
    className: "hidden h-auto w-full @lg:block",
  },
  narrow: {
    width: 400,
    height: 300,
    font: 15,
    margin: { top: 14, right: 14, bottom: 68, left: 66 },
    yTicks: 4,
    legendGap: 180,
    className: "block h-auto w-full @lg:hidden",
  },
} as const;
type Layout = (typeof CHART_LAYOUTS)[keyof typeof CHART_LAYOUTS];

/** Space kept between two month labels, in the drawing's units. */
const LABEL_GAP = 8;
/** A generous width per character of a label (most glyphs are narrower), as a share of the font size. */
const CHAR_WIDTH = 0.62;

/** How wide a label is taken to be, in the drawing's units. */
export function labelWidth(text: string, font: number): number {
  return Math.ceil([...text].length * font * CHAR_WIDTH);
}

/**
 * Which months get a label: every `step`-th one counted back from the latest (so the current
 * month is always named), with `step` the smallest that leaves room for the widest label and a
 * gap between neighbours. Never overlapping, whatever the number of months or the width.
 */
export function monthTicks(count: number, pointStep: number, widest: number): number[] {
  if (count <= 0) return [];
  const step = pointStep > 0 ? Math.max(1, Math.ceil((widest + LABEL_GAP) / pointStep)) : count;
  const ticks: number[] = [];
  for (let i = count - 1; i >= 0; i -= step) ticks.unshift(i);
  return ticks;
}

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
  // One string, not a tree of React elements: the page sends it once in the HTML and once in the
  // React payload either way, and a string costs the server a fraction of rendering ~150 elements.
  // Every text in it is escaped; everything else is numbers and constants. The wide drawing
  // comes first: it is the one a desktop shows.
  const svg = drawChart(CHART_LAYOUTS.wide, points, axis, labels) + drawChart(CHART_LAYOUTS.narrow, points, axis, labels);
  return (
    <div
      aria-hidden="true"
      className="@container w-full max-w-3xl print:hidden"
      data-testid={`funder-chart-${currency}`}
      dangerouslySetInnerHTML={{ __html: svg }}
    />
  );
}

function drawChart(layout: Layout, points: ChartPoint[], axis: Intl.NumberFormat, labels: { pledged: string; released: string }): string {
  const { width: WIDTH, height: HEIGHT, margin: MARGIN, font } = layout;
  const top = Math.max(1, ...points.flatMap((p) => [p.pledged, p.released]));
  const x = scalePoint<number>()
    .domain(points.map((_, i) => i))
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .padding(0.3);
  const y = scaleLinear()
    .domain([0, top])
    .nice(layout.yTicks)
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const ticks = y.ticks(layout.yTicks);
  // Whole pixels: the SVG is sent twice (HTML and the React payload), so every digit counts.
  const px = (i: number) => Math.round(x(i) ?? 0);
  const py = (value: number) => Math.round(y(value));
  const path = (key: "pledged" | "released") =>
    line<ChartPoint>()
      .x((_, i) => px(i))
      .y((p) => py(p[key]))
      .curve(curveMonotoneX)
      .digits(0)(points) ?? "";

  const widest = Math.max(0, ...points.map((p) => Math.max(labelWidth(p.label, font), labelWidth(p.year, font))));
  const shown = monthTicks(points.length, x.step(), widest);
  const grid = ticks.map((tick) => `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${py(tick)}" y2="${py(tick)}"/>`);
  const yLabels = ticks.map((tick) => `<text x="${MARGIN.left - 8}" y="${py(tick) + Math.round(font / 3)}">${escapeXml(axis.format(tick))}</text>`);
  const labelY = HEIGHT - MARGIN.bottom + font + 6;
  const xLabels = shown.map((i, k) => {
    const p = points[i]!;
    const previous = k > 0 ? points[shown[k - 1]!] : undefined;
    const year = !previous || previous.year !== p.year ? `<text x="${px(i)}" y="${labelY + font + 2}">${escapeXml(p.year)}</text>` : "";
    return `<text x="${px(i)}" y="${labelY}">${escapeXml(p.label)}</text>${year}`;
  });
  const dash = (d: string | undefined) => (d ? ` stroke-dasharray="${d}"` : "");
  const lines = SERIES.map(
    (s) =>
      `<g stroke="${s.colour}" stroke-width="2"><path d="${path(s.key)}" fill="none"${dash(s.dash)}/><g fill="#fff">` +
      points.map((p, i) => `<circle cx="${px(i)}" cy="${py(p[s.key])}" r="3"/>`).join("") +
      "</g></g>",
  );
  const legend = SERIES.map(
    (s, i) =>
      `<g transform="translate(${MARGIN.left + i * layout.legendGap}, ${HEIGHT - 8})">` +
      `<line x1="0" x2="24" y1="-4" y2="-4" stroke="${s.colour}" stroke-width="2"${dash(s.dash)}/>` +
      `<text x="30" y="0" fill="#1f2a29">${escapeXml(labels[s.key])}</text></g>`,
  );
  return (
    `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" class="${layout.className}" focusable="false" font-size="${font}">` +
    `<g stroke="#d5dfdc" stroke-dasharray="3 3">${grid.join("")}</g>` +
    `<g fill="#52615f" text-anchor="end">${yLabels.join("")}</g>` +
    `<g fill="#52615f" text-anchor="middle">${xLabels.join("")}</g>` +
    lines.join("") +
    legend.join("") +
    "</svg>"
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
