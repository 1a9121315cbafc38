import type { Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { signIn } from "./support/auth";
import { expect, test } from "./support/test";

// The demo's SIAC funder and broker (lib/db/demo.ts).
const FUNDER = "fund@cityfund.example";
const BROKER = "mara@siac.example";
const PHONE = { width: 390, height: 844 };

/** The page itself never scrolls sideways: whatever is wide scrolls inside its own region. */
async function expectNoSidewaysScroll(page: Page, label: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `${label}: the page is ${scrollWidth} px wide in a ${innerWidth} px window`).toBeLessThanOrEqual(innerWidth);
}

test.describe("on a phone (390 × 844)", () => {
  test.use({ viewport: PHONE });

  test("the funder dashboard and report read without sideways scrolling, and axe finds nothing serious", async ({ page }) => {
    await signIn(page, FUNDER, { callbackUrl: "/funder" });
    await expect(page.getByRole("heading", { name: "Funder dashboard", level: 1 })).toBeVisible();
    await expectNoSidewaysScroll(page, "/funder");
    // The header folds into a menu: it opens below the header, and Escape closes it onto its button.
    const menu = page.getByRole("banner").locator("summary", { hasText: "Menu" });
    const profile = page.getByRole("banner").getByRole("link", { name: "Profile" });
    await expect(profile).toBeHidden();
    await menu.click();
    await expect(profile).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(menu).toBeFocused();
    await expect(menu.locator("xpath=..")).toHaveJSProperty("open", false);

    // A wide table scrolls inside a named region that the keyboard can reach.
    const totals = page.getByRole("region", { name: "Your pledges per currency" });
    await expect(totals.getByRole("table", { name: "Your pledges per currency" })).toBeVisible();
    await expect(totals).toHaveAttribute("tabindex", "0");

    // The chart is one drawing, whose month labels are drawn at 11 px or more and never overlap.
    const drawing = page.getByTestId("funder-chart-EUR").locator("svg");
    await expect(drawing).toHaveCount(1);
    await expect(drawing).toBeVisible();
    const labels = await drawing.evaluate((svg) =>
      [...svg.querySelectorAll("g[text-anchor=middle] text")].map((t) => {
        const r = t.getBoundingClientRect();
        return { left: r.left, right: r.right, height: r.height, y: r.top };
      }),
    );
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) expect(l.height).toBeGreaterThanOrEqual(11);
    const months = labels.filter((l) => l.y === labels[0]!.y).sort((a, b) => a.left - b.left);
    for (let i = 1; i < months.length; i++) expect(months[i]!.left).toBeGreaterThan(months[i - 1]!.right);

    await expectNoSeriousA11yViolations(page, "funder dashboard at 390 px");

    await page.getByRole("link", { name: "Printable report" }).click();
    await expect(page.getByRole("heading", { name: "Funder report", level: 1 })).toBeVisible();
    await expectNoSidewaysScroll(page, "/funder/report");
    await expectNoSeriousA11yViolations(page, "funder report at 390 px");
  });

  test("a broker's audit log reads without sideways scrolling, and axe finds nothing serious", async ({ page }) => {
    await signIn(page, BROKER, { callbackUrl: "/n/siac/audit" });
    await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
    await expectNoSidewaysScroll(page, "/n/siac/audit");
    await expect(page.getByRole("region", { name: "Audit log" })).toHaveAttribute("tabindex", "0");
    await expectNoSeriousA11yViolations(page, "audit log at 390 px");
  });

  test("a visitor in a Dutch browser sees the public network's journey, lessons and initiatives on its home", async ({ newPage }) => {
    const page = await newPage({ locale: "nl-NL", viewport: PHONE });
    await page.goto("/n/pathfinders-midden-brabant");
    const shared = page.getByRole("region", { name: "Wat dit netwerk deelt" });
    // The demo's earlier cycle, closed 120 days ago (lib/db/demo-content.ts), starts its journey.
    const journey = shared.getByRole("region", { name: "De reis" });
    await expect(journey.getByRole("listitem").filter({ hasText: "Het eerste jaar: wat bracht de beweging ons?" })).toContainText("gesloten");
    await expect(shared.getByRole("region", { name: "De lessen" }).getByRole("listitem")).not.toHaveCount(0);
    await expect(shared.getByRole("region", { name: "De initiatieven" }).getByRole("listitem").first()).toBeVisible();
    // A visitor reads; nothing of the members' own pages is offered.
    await expect(page.getByRole("navigation", { name: "Netwerk" })).toHaveCount(0);
    await expectNoSidewaysScroll(page, "/n/pathfinders-midden-brabant (visitor)");
    await expectNoSeriousA11yViolations(page, "network home, visitor, Dutch, 390 px");
  });
});

// Brokers see every tab; Dutch labels are the longest.
for (const [who, email, path, nav] of [
  ["English", BROKER, "/n/siac/audit", "Network"],
  ["Dutch", "hanneke@pathfinders.example", "/n/pathfinders-midden-brabant/audit", "Netwerk"],
] as const) {
  test(`at 1280 px the broker's tab bar fits on one row (${who})`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, email, { callbackUrl: path });
    const tabs = page.getByRole("navigation", { name: nav }).getByRole("listitem");
    await expect(tabs.last()).toBeVisible();
    expect(await tabs.count()).toBeGreaterThanOrEqual(11);
    const tops = await tabs.evaluateAll((items) => items.map((li) => Math.round(li.getBoundingClientRect().top)));
    expect(new Set(tops).size, `tab rows at ${JSON.stringify(tops)}`).toBe(1);
  });
}
