import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CHART_LAYOUT, FunderChart, labelWidth, monthTicks, type ChartPoint } from "@/components/portfolio/funder-chart";

const points: ChartPoint[] = [
  { label: "Jan", year: "2026", pledged: 0, released: 0 },
  { label: "Feb", year: "2026", pledged: 5_000, released: 0 },
  { label: "Mar", year: "2026", pledged: 10_500, released: 2_500 },
];

function render(locale = "en", data = points) {
  return renderToStaticMarkup(
    createElement(FunderChart, { points: data, currency: "EUR", locale, labels: { pledged: "Pledged", released: "Released" } }),
  );
}

/** The chart's drawings, as separate SVG strings (there is one). */
function drawings(html: string): string[] {
  return html.match(/<svg [\s\S]*?<\/svg>/g) ?? [];
}

/** The points a line passes through: its moveto and each segment's end (where its markers are drawn). */
function vertices(path: string): [number, number][] {
  const [, x, y] = /^M(\d+),(\d+)/.exec(path) ?? [];
  const ends = [...path.matchAll(/L(\d+),(\d+)/g)].map((m) => [Number(m[1]), Number(m[2])] as [number, number]);
  return [[Number(x), Number(y)], ...ends];
}

/** The two series' lines (pledged, released): their path data. */
function lines(svg: string): string[] {
  return [...svg.matchAll(/<path d="([^"]*)" fill="none"/g)].map((m) => m[1]!);
}

/** A year of months, as the dashboard passes them ("Sept" is en-GB's longest short name). */
const year: ChartPoint[] = ["Oct", "Nov", "Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept"].map((label, i) => ({
  label,
  year: i < 3 ? "2025" : "2026",
  pledged: i * 1_000,
  released: i * 400,
}));

/** The month labels a drawing shows, with their x positions (the year lines are left out). */
function monthLabels(svg: string, names: string[]): { x: number; text: string }[] {
  return [...svg.matchAll(/<text x="(\d+)" y="\d+">([^<]*)<\/text>/g)]
    .filter((m) => names.includes(m[2]!))
    .map((m) => ({ x: Number(m[1]), text: m[2]! }));
}

describe("the funder chart", () => {
  it("is one SVG drawn on the server: one line per series, a point per month, hidden from assistive technology", () => {
    const html = render();
    expect(html).toMatch(/^<div aria-hidden="true"[^>]*data-testid="funder-chart-EUR"><svg /);
    const all = drawings(html);
    expect(all).toHaveLength(1);
    const svg = all[0]!;
    const [pledged, released] = lines(svg);
    expect(lines(svg)).toHaveLength(2);
    // A point per month: a vertex of each line, each carrying the series' marker (a circle) at its start, middle and end.
    expect(vertices(pledged!)).toHaveLength(3);
    expect(vertices(released!)).toHaveLength(3);
    for (const key of ["pledged", "released"]) {
      expect(svg).toContain(`<marker id="fc-EUR-${key}"`);
      for (const at of ["start", "mid", "end"]) expect(svg).toContain(`marker-${at}="url(#fc-EUR-${key})"`);
    }
    expect(svg.match(/<circle /g)).toHaveLength(2);
    for (const month of ["Jan", "Feb", "Mar"]) expect(svg).toContain(`>${month}</text>`);
    expect(html).not.toContain("NaN");
    // The box is never wider than the drawing is legible at (28rem).
    expect(html).toMatch(/^<div [^>]*class="w-full max-w-md /);
  });

  it("labels the axis in the currency, in the viewer's language, and the legend names both lines", () => {
    const html = render();
    expect(html).toMatch(/>€1\d(\.\d)?K<\/text>/);
    expect(html).toContain(">€0<");
    expect(html).toContain(">Pledged</text>");
    expect(html).toContain(">Released</text>");
    expect(render("nl")).toMatch(/>€\s1\d(,\d)?K<\/text>/);
  });

  it("names the year once under the first month, and again where it changes", () => {
    const [svg] = drawings(render("en", year));
    expect(svg!.match(/>2025<\/text>/g)).toHaveLength(1);
    expect(svg!.match(/>2026<\/text>/g)).toHaveLength(1);
  });

  it("puts the highest month at the top of the plot and no coordinate has decimals", () => {
    const [svg] = drawings(render());
    const points = lines(svg!).flatMap(vertices);
    expect(points).toHaveLength(6);
    const ys = points.map(([, y]) => y);
    // March's pledges (10,500) are drawn highest (smallest y); January's zeros lowest.
    expect(Math.min(...ys)).toBe(points[2]![1]);
    expect(Math.max(...ys)).toBe(points[0]![1]);
    expect(render()).not.toMatch(/\d\.\d{2,}/);
  });

  it("draws an empty series flat on the axis rather than failing", () => {
    const html = renderToStaticMarkup(
      createElement(FunderChart, {
        points: [{ label: "Jan", year: "2026", pledged: 0, released: 0 }],
        currency: "USD",
        locale: "en",
        labels: { pledged: "Pledged", released: "Released" },
      }),
    );
    // A lone month is a zero-length segment, so its markers are drawn.
    const axis = CHART_LAYOUT.height - CHART_LAYOUT.margin.bottom;
    expect(lines(html)).toHaveLength(2);
    for (const path of lines(html)) {
      expect(path).toMatch(/^M\d+,\d+h0$/);
      expect(vertices(path)).toEqual([[expect.any(Number), axis]]);
    }
    expect(html).not.toContain("NaN");
  });
});

describe("the funder chart's month labels", () => {
  it("label every 'step'-th month counted back from the latest, so the current month is always named", () => {
    expect(monthTicks(12, 50, 30)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(monthTicks(12, 20, 30)).toEqual([1, 3, 5, 7, 9, 11]);
    expect(monthTicks(12, 10, 30)).toEqual([3, 7, 11]);
    expect(monthTicks(1, 0, 30)).toEqual([0]);
    expect(monthTicks(0, 10, 30)).toEqual([]);
  });

  it("never overlap, for any number of months", () => {
    for (let count = 1; count <= 36; count++) {
      const data = Array.from({ length: count }, (_, i) => ({ ...year[i % 12]!, year: String(2020 + Math.floor(i / 12)) }));
      const html = render("en", data);
      for (const [d, svg] of drawings(html).entries()) {
        const font = CHART_LAYOUT.font;
        const shown = monthLabels(svg, year.map((p) => p.label));
        expect(shown.length, `${count} months`).toBeGreaterThan(0);
        // The latest month is always named.
        expect(shown.at(-1)?.text).toBe(data.at(-1)!.label);
        for (let i = 1; i < shown.length; i++) {
          const a = shown[i - 1]!;
          const b = shown[i]!;
          const room = b.x - a.x - (labelWidth(a.text, font) + labelWidth(b.text, font)) / 2;
          expect(room, `${count} months, drawing ${d}: ${a.text} and ${b.text}`).toBeGreaterThan(0);
        }
      }
    }
  });

  it("name every other month of a year, in type legible from a phone to a desktop", () => {
    const [svg] = drawings(render("en", year));
    const names = year.map((p) => p.label);
    expect(monthLabels(svg!, names).map((l) => l.text)).toEqual(["Nov", "Jan", "Mar", "May", "Jul", "Sept"]);
    // At 390 px the drawing's box is about 320 px wide: its text is drawn at 12 px or more; at its
    // widest (28rem, 448 px) at under 17 px.
    expect((CHART_LAYOUT.font * 320) / CHART_LAYOUT.width).toBeGreaterThanOrEqual(12);
    expect((CHART_LAYOUT.font * 448) / CHART_LAYOUT.width).toBeLessThan(17);
  });
});

describe("the funder chart's text", () => {
  it("is escaped, so a label can never become markup", () => {
    const html = renderToStaticMarkup(
      createElement(FunderChart, {
        points: [{ label: "<b>Jan</b>", year: "<i>", pledged: 1, released: 0 }],
        currency: "EUR",
        locale: "en",
        labels: { pledged: '<img src=x onerror="alert(1)">', released: "R&D's" },
      }),
    );
    expect(html).not.toContain("<b>");
    expect(html).not.toContain("<i>");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;b&gt;Jan&lt;/b&gt;");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).toContain("R&amp;D&#39;s");
  });
});
