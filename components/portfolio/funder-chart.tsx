import { scaleLinear, scalePoint } from "d3-scale";
import { line } from "d3-shape";

/** One month: its short name ("Mar"), its year (shown under the first labelled month and where the year changes). */
export type ChartPoint = { label: string; year: string; pledged: number; released: number };

/**
 * One drawing, at about the size it is shown: the box is at most 28rem wide (beside its table from
 * a medium screen on), and an SVG scales its text with its width, so the text is drawn at 15 units,
 * about 12 px in a phone's 320 px box and 17 px at the full 28rem. It used to be two drawings, a
 * narrow and a wide one picked by a container query; the page sent both, twice each (HTML and React
 * payload), for one that showed (decision 053).
 */
export const CHART_LAYOUT = {
  width: 400,
  height: 300,
  font: 15,
  margin: { top: 14, right: 14, bottom: 68, left: 66 },
  yTicks: 4,
  legendGap: 180,
} as const;
type Layout = typeof CHART_LAYOUT;

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
  // React payload either way, and a string costs the server a fraction of rendering ~80 elements.
  // Every text in it is escaped; everything else is numbers and constants.
  const svg = drawChart(CHART_LAYOUT, markerId(currency), points, axis, labels);
  return (
    <div
      aria-hidden="true"
      className="w-full max-w-md print:hidden"
      data-testid={`funder-chart-${currency}`}
      dangerouslySetInnerHTML={{ __html: svg }}
    />
  );
}

/** The chart's markers' id prefix: unique on the page (one chart per currency), letters and digits only. */
function markerId(currency: string): string {
  return `fc-${currency.replace(/[^A-Za-z0-9]/g, "")}`;
}

function drawChart(layout: Layout, id: string, points: ChartPoint[], axis: Intl.NumberFormat, labels: { pledged: string; released: string }): string {
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
  // Whole pixels: the SVG is sent twice (HTML and the React payload), so every digit counts. Straight
  // lines from month to month: each point is a month's end, nothing is known between them, and a
  // curve took three coordinate pairs per month where a line takes one.
  const px = (i: number) => Math.round(x(i) ?? 0);
  const py = (value: number) => Math.round(y(value));
  const path = (key: "pledged" | "released") =>
    // A single month would be d3's closed lone moveto: a zero-length segment instead, which carries its markers.
    points.length === 1
      ? `M${px(0)},${py(points[0]![key])}h0`
      : (line<ChartPoint>()
          .x((_, i) => px(i))
          .y((p) => py(p[key]))
          .digits(0)(points) ?? "");

  const widest = Math.max(0, ...points.map((p) => Math.max(labelWidth(p.label, font), labelWidth(p.year, font))));
  const shown = monthTicks(points.length, x.step(), widest);
  // The grid as one path, and the points as markers on each line's vertices (one per month): a few
  // elements instead of one per grid line and point.
  const grid = ticks.map((tick) => `M${MARGIN.left},${py(tick)}H${WIDTH - MARGIN.right}`).join("");
  const yLabels = ticks.map((tick) => `<text x="${MARGIN.left - 8}" y="${py(tick) + Math.round(font / 3)}">${escapeXml(axis.format(tick))}</text>`);
  const labelY = HEIGHT - MARGIN.bottom + font + 6;
  const xLabels = shown.map((i, k) => {
    const p = points[i]!;
    const previous = k > 0 ? points[shown[k - 1]!] : undefined;
    const year = !previous || previous.year !== p.year ? `<text x="${px(i)}" y="${labelY + font + 2}">${escapeXml(p.year)}</text>` : "";
    return `<text x="${px(i)}" y="${labelY}">${escapeXml(p.label)}</text>${year}`;
  });
  const dash = (d: string | undefined) => (d ? ` stroke-dasharray="${d}"` : "");
  const markers = SERIES.map(
    (s) =>
      `<marker id="${id}-${s.key}" viewBox="-4 -4 8 8" markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse">` +
      `<circle r="3" fill="#fff" stroke="${s.colour}" stroke-width="2"/></marker>`,
  );
  const lines = SERIES.map((s) => {
    const url = `url(#${id}-${s.key})`;
    return `<path d="${path(s.key)}" fill="none" stroke="${s.colour}" stroke-width="2"${dash(s.dash)} marker-start="${url}" marker-mid="${url}" marker-end="${url}"/>`;
  });
  const legend = SERIES.map(
    (s, i) =>
      `<g transform="translate(${MARGIN.left + i * layout.legendGap}, ${HEIGHT - 8})">` +
      `<line x1="0" x2="24" y1="-4" y2="-4" stroke="${s.colour}" stroke-width="2"${dash(s.dash)}/>` +
      `<text x="30" y="0" fill="#1f2a29">${escapeXml(labels[s.key])}</text></g>`,
  );
  return (
    `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" class="block h-auto w-full" focusable="false" font-size="${font}">` +
    `<defs>${markers.join("")}</defs>` +
    `<path d="${grid}" stroke="#d5dfdc" stroke-dasharray="3 3"/>` +
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
