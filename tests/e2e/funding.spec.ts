import { readFile } from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";
import { parseCsv } from "../../lib/portfolio/export";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { signIn } from "./support/auth";
import { expect, test } from "./support/test";

const SLUG = "siac";
const INITIATIVE = "City co-creation labs";
const MILESTONE = "Peer exchange across five countries";

/** One milestone of the growth path, found by its heading. */
function milestone(page: Page, title: string): Locator {
  return page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: new RegExp(title), level: 3 }) });
}

async function openInitiative(page: Page) {
  await page.goto(`/n/${SLUG}`);
  await page.getByRole("navigation", { name: "Network" }).getByRole("link", { name: "Initiatives" }).click();
  await expect(page.getByRole("heading", { name: "Initiatives", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: INITIATIVE }).click();
  await expect(page.getByRole("heading", { name: INITIATIVE, level: 1 })).toBeVisible();
}

test("on the demo data a funder pledges, the team reaches the milestone, the funder releases its pledge", async ({ page: funder, newPage }) => {
  test.setTimeout(120_000);
  // The SIAC demo funder and broker (lib/db/demo.ts); the broker is on the initiative's team.
  await signIn(funder, "fund@cityfund.example");
  await openInitiative(funder);
  await expectNoSeriousA11yViolations(funder, "initiative page, funder");
  const target = milestone(funder, MILESTONE);
  await expect(target.getByTestId("milestone-status")).toHaveText("Planned");
  await expect(target.getByText("This milestone needs funders.")).toBeVisible();

  // A refused pledge says why, at the field, and keeps what was typed.
  await target.locator("summary", { hasText: "Pledge to this milestone" }).click();
  await target.getByRole("textbox", { name: "Amount", exact: true }).fill("-250");
  await target.getByLabel("Condition (optional)").fill("Shared with the cities' own budgets.");
  await target.getByRole("button", { name: "Pledge", exact: true }).click();
  await expect(target.getByText("Enter an amount greater than zero.")).toBeVisible();
  await expect(target.getByRole("textbox", { name: "Amount", exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(target.getByLabel("Condition (optional)")).toHaveValue("Shared with the cities' own budgets.");
  await expectNoSeriousA11yViolations(funder, "initiative page, refused pledge");
  await target.getByRole("textbox", { name: "Amount", exact: true }).fill("2,500.00");
  await target.getByRole("button", { name: "Pledge", exact: true }).click();
  await expect(target.getByText("Your pledge is recorded.")).toBeVisible();
  await expect(target.getByTestId("pledge").filter({ hasText: "You: €2,500.00, pledged" })).toBeVisible();
  await expect(target.getByTestId("milestone-funded")).toHaveText("€2,500.00 of €8,000.00");
  // Not reached yet: there is nothing to release.
  await expect(target.getByRole("button", { name: /Confirm the release/ })).toHaveCount(0);

  // The team (the broker) marks it reached.
  const broker = await newPage();
  await signIn(broker, "mara@siac.example");
  await openInitiative(broker);
  const own = milestone(broker, MILESTONE);
  // A team member cannot confirm a release for the funder: no control is offered.
  await expect(own.getByRole("button", { name: /Confirm the release/ })).toHaveCount(0);
  await own.locator("summary", { hasText: "Change status" }).click();
  await own.getByLabel("New status").selectOption("reached");
  await own.locator("form").getByRole("button", { name: "Change status" }).click();
  // A closed milestone takes no more status changes: its controls go, its status shows.
  await expect(own.getByTestId("milestone-status")).toHaveText("Reached");
  await expect(own.locator("summary", { hasText: "Change status" })).toHaveCount(0);
  // The form is gone, so the page's live region says what happened.
  await expect(broker.getByTestId("announcer")).toHaveText("Status changed.");
  await expectNoSeriousA11yViolations(broker, "initiative page, team");
  // Reordering works from the keyboard: the reached milestone moves up one place.
  await own.getByRole("button", { name: `Move up: “${MILESTONE}”` }).focus();
  await broker.keyboard.press("Enter");
  await expect(broker.getByRole("heading", { name: `2. ${MILESTONE}`, level: 3 })).toBeVisible();
  await expect(broker.getByRole("heading", { name: "3. Open labs running in three cities", level: 3 })).toBeVisible();

  // The funder hears of it and confirms the release of its own pledge.
  await funder.goto("/notifications");
  await expect(funder.getByRole("link", { name: `The milestone “${MILESTONE}” was reached (SIAC: Social Innovation Acceleration in Cities)` })).toBeVisible();
  await funder.getByRole("link", { name: `The milestone “${MILESTONE}” was reached`, exact: false }).click();
  await expect(funder.getByRole("heading", { name: INITIATIVE, level: 1 })).toBeVisible();
  const reached = milestone(funder, MILESTONE);
  await expect(reached.getByTestId("milestone-status")).toHaveText("Reached");
  await reached.getByRole("button", { name: "Confirm the release of €2,500.00" }).click();
  await expect(reached.getByTestId("pledge").filter({ hasText: "You: €2,500.00, released" })).toBeVisible();
  await expect(funder.getByTestId("announcer")).toHaveText("Release confirmed.");
  await funder.reload();
  await expect(milestone(funder, MILESTONE).getByTestId("pledge").filter({ hasText: "You: €2,500.00, released" })).toBeVisible();
  await expect(milestone(funder, MILESTONE).getByRole("button", { name: /Confirm the release/ })).toHaveCount(0);

  // The broker sees it released in the funding overview; the lesson of the learned milestone is in the log.
  await broker.goto(`/n/${SLUG}/initiatives/funding`);
  await expect(broker.getByRole("heading", { name: "Funding overview", level: 1 })).toBeVisible();
  await expect(broker.getByRole("row", { name: /City co-creation labs/ })).toContainText("€2,500.00");
  await expectNoSeriousA11yViolations(broker, "funding overview");
  await broker.goto(`/n/${SLUG}/initiatives/lessons`);
  await expect(broker.getByText("Starting from the municipality's agenda made the citizens passive.", { exact: false })).toBeVisible();
  await broker.getByLabel("Area").selectOption("objectives");
  await broker.getByRole("button", { name: "Filter" }).click();
  await expect(broker.getByText("No lessons yet.")).toBeVisible();
  await expectNoSeriousA11yViolations(broker, "lessons log");

  // The funder's dashboard spans both demo networks and shows the release.
  // City Futures Fund: €5,000 on SIAC's open labs, €2,500 released here, €3,000 co-funded in Pathfinders.
  await funder.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Funder dashboard" }).click();
  await expect(funder.getByRole("heading", { name: "Funder dashboard", level: 1 })).toBeVisible();
  await expect(funder.getByText("across the 2 networks where you are a funder", { exact: false })).toBeVisible();
  const totals = funder.getByRole("table", { name: "Your pledges per currency" });
  await expect(totals.getByRole("row", { name: /EUR/ })).toHaveText(/€10,500\.00\s*€2,500\.00\s*€8,000\.00\s*3/);
  const perNetwork = funder.getByRole("table", { name: "Per network" });
  await expect(perNetwork.getByRole("row", { name: /SIAC/ })).toContainText("€7,500.00");
  await expect(perNetwork.getByRole("row", { name: /Pathfinders Midden-Brabant/ })).toContainText("€3,000.00");
  // The chart, and its figures as a table: the current month holds the totals.
  await expect(funder.getByTestId("funder-chart-EUR").locator("svg").first()).toBeVisible();
  const progress = funder.getByRole("table", { name: "Pledged and released per month, EUR" });
  await expect(progress.getByRole("row")).toHaveCount(13);
  await expect(progress.getByRole("row").last()).toHaveText(/€10,500\.00\s*€2,500\.00/);
  await expect(funder.getByRole("list", { name: "Latest lessons" })).toContainText("Starting from the municipality's agenda made the citizens passive.");
  await expect(funder.getByRole("list", { name: "Latest lessons" })).toContainText("Koppelen via een formulier werkte niet");
  await expectNoSeriousA11yViolations(funder, "funder dashboard");

  // The CSV export has the released pledge, with exact amounts.
  const [download] = await Promise.all([funder.waitForEvent("download"), funder.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^kring-funder-portfolio-\d{4}-\d{2}-\d{2}\.csv$/);
  const [header, ...rows] = parseCsv(await readFile(await download.path(), "utf8"));
  const records = rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]])));
  expect(records).toHaveLength(3);
  expect(records.find((r) => r.milestone === MILESTONE)).toMatchObject({
    network: "SIAC: Social Innovation Acceleration in Cities",
    pledge_status: "released",
    currency: "EUR",
    amount: "2500.00",
    amount_minor: "250000",
  });
  const released = await funder.request.get("/funder/export?format=json");
  expect(released.status()).toBe(200);
  const json = (await released.json()) as { totals: { currency: string; released: { amount: string } }[] };
  expect(json.totals).toEqual([expect.objectContaining({ currency: "EUR", released: { amount: "2500.00", minor: "250000", currency: "EUR" } })]);

  // The printable report, and the drill-down to an initiative.
  await funder.getByRole("link", { name: "Printable report" }).click();
  await expect(funder.getByRole("heading", { name: "Funder report", level: 1 })).toBeVisible();
  await expect(funder.getByRole("table", { name: "Your pledges per currency" }).getByRole("row", { name: /EUR/ })).toContainText("€10,500.00");
  await expectNoSeriousA11yViolations(funder, "funder report");
  await funder.goto("/funder");
  await funder.getByRole("link", { name: "Open labs running in three cities" }).first().click();
  await expect(funder.getByRole("heading", { name: INITIATIVE, level: 1 })).toBeVisible();
});

test("on the Dutch demo network the growth path and the lessons log speak Dutch", async ({ page }) => {
  await signIn(page, "fonds@brabantfonds.example");
  await page.goto("/n/pathfinders-midden-brabant/initiatives");
  await expect(page.getByRole("heading", { name: "Initiatieven", level: 1 })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "initiatives in Dutch");
  await page.getByRole("link", { name: "Maak Tilburg Beter: studenten en buurtinitiatieven" }).click();
  const active = milestone(page, "Een vaste ontmoetingsplek in de Piushaven");
  await expect(active.getByTestId("milestone-funded")).toHaveText("€ 4.000,00 van € 12.000,00");
  await expect(active.getByTestId("pledge").filter({ hasText: "Jij: € 4.000,00, toegezegd" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "initiative page in Dutch");
  await page.goto("/n/pathfinders-midden-brabant/initiatives/lessons");
  await expect(page.getByText("Koppelen via een formulier werkte niet", { exact: false })).toBeVisible();
});

test("a member without the funder role gets no pledge form, and a visitor is sent to sign in", async ({ page }) => {
  await page.goto(`/n/${SLUG}/initiatives`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fn%2Fsiac%2Finitiatives$/);
  await signIn(page, "tomas@siac.example");
  await openInitiative(page);
  await expect(page.locator("summary", { hasText: "Pledge to this milestone" })).toHaveCount(0);
  // Tomas is not on the team: no controls to change the path.
  await expect(page.locator("summary", { hasText: "Change status" })).toHaveCount(0);
  await page.goto(`/n/${SLUG}/initiatives/funding`);
  await expect(page.getByRole("heading", { name: "Funding overview" })).toHaveCount(0);
});

test("the funder dashboard: a visitor signs in first; a member who funds nothing sees an empty state and no export", async ({ page }) => {
  await page.goto("/funder");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Ffunder$/);
  expect((await page.request.get("/funder/export?format=csv")).status()).toBe(401);
  await signIn(page, "ioana@siac.example");
  await page.goto("/funder");
  await expect(page.getByRole("heading", { name: "You are not a funder in any network yet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Funder dashboard" })).toHaveCount(0);
  expect((await page.request.get("/funder/export?format=csv")).status()).toBe(404);
  await expectNoSeriousA11yViolations(page, "funder dashboard, empty");
});

test("the funder dashboard speaks Dutch to a Dutch funder", async ({ page }) => {
  await signIn(page, "fonds@brabantfonds.example");
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Financiersdashboard" }).click();
  await expect(page.getByRole("heading", { name: "Financiersdashboard", level: 1 })).toBeVisible();
  await expect(page.getByRole("table", { name: "Je toezeggingen per valuta" }).getByRole("row", { name: /EUR/ })).toContainText("€ 4.000,00");
  await expect(page.getByRole("table", { name: "Toegezegd en vrijgegeven per maand, EUR" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "funder dashboard in Dutch");
});
