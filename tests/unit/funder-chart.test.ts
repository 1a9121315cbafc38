import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FunderChart, type ChartPoint } from "@/components/portfolio/funder-chart";

const points: ChartPoint[] = [
  { label: "Jan", pledged: 0, released: 0 },
  { label: "Feb", pledged: 5_000, released: 0 },
  { label: "Mar", pledged: 10_500, released: 2_500 },
];

function render(locale = "en") {
  return renderToStaticMarkup(
    createElement(FunderChart, { points, currency: "EUR", locale, labels: { pledged: "Pledged", released: "Released" } }),
  );
}

describe("the funder chart", () => {
  it("is an SVG drawn on the server: one line per series, a point per month, hidden from assistive technology", () => {
    const html = render();
    expect(html).toMatch(/^<div aria-hidden="true"[^>]*data-testid="funder-chart-EUR"><svg /);
    expect(html.match(/<path /g)).toHaveLength(2);
    expect(html.match(/<circle /g)).toHaveLength(6);
    expect(html).not.toContain("NaN");
    for (const month of ["Jan", "Feb", "Mar"]) expect(html).toContain(`>${month}</text>`);
  });

  it("labels the axis in the currency, in the viewer's language, and the legend names both lines", () => {
    const html = render();
    expect(html).toMatch(/>€1\d(\.\d)?K<\/text>/);
    expect(html).toContain(">€0<");
    expect(html).toContain(">Pledged</text>");
    expect(html).toContain(">Released</text>");
    expect(render("nl")).toMatch(/>€\s1\d(,\d)?K<\/text>/);
  });

  it("puts the highest month at the top of the plot and no coordinate has decimals", () => {
    const html = render();
    const circles = [...html.matchAll(/<circle cx="(\d+)" cy="(\d+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(circles).toHaveLength(6);
    const ys = circles.map(([, cy]) => cy!);
    // March's pledges (10,500) are drawn highest (smallest y); January's zeros lowest.
    expect(Math.min(...ys)).toBe(circles[2]![1]);
    expect(Math.max(...ys)).toBe(circles[0]![1]);
    expect(html).not.toMatch(/\d\.\d{2,}/);
  });

  it("draws an empty series flat on the axis rather than failing", () => {
    const html = renderToStaticMarkup(
      createElement(FunderChart, {
        points: [{ label: "Jan", pledged: 0, released: 0 }],
        currency: "USD",
        locale: "en",
        labels: { pledged: "Pledged", released: "Released" },
      }),
    );
    expect(html.match(/<circle /g)).toHaveLength(2);
    expect(html).not.toContain("NaN");
  });
});

describe("the funder chart's text", () => {
  it("is escaped, so a label can never become markup", () => {
    const html = renderToStaticMarkup(
      createElement(FunderChart, {
        points: [{ label: "<b>Jan</b>", pledged: 1, released: 0 }],
        currency: "EUR",
        locale: "en",
        labels: { pledged: '<img src=x onerror="alert(1)">', released: "R&D's" },
      }),
    );
    expect(html).not.toContain("<b>");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;b&gt;Jan&lt;/b&gt;");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).toContain("R&amp;D&#39;s");
  });
});
