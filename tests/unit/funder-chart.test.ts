import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FunderChart, type ChartPoint } from "@/components/funding/funder-chart";

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

  it("labels the axis in the currency and gives each point its exact figure", () => {
    const html = render();
    expect(html).toMatch(/>€1\d(\.\d)?K<\/text>/);
    expect(html).toContain("<title>Pledged, Mar: €10,500.00</title>");
    expect(html).toContain("<title>Released, Mar: €2,500.00</title>");
    expect(render("nl")).toMatch(/<title>Pledged, Mar: €\s10\.500,00<\/title>/);
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
