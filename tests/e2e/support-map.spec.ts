import { expectNoSeriousA11yViolations } from "./support/a11y";
import { signIn } from "./support/auth";
import { expect, test } from "./support/test";

const SLUG = "siac";

test("a broker adds a support entry, and a member finds it from a milestone: find support for this step", async ({ page: broker, newPage }) => {
  test.setTimeout(60_000);
  const name = `Citizen lab pilot grant ${Date.now().toString(36)}`;
  // The SIAC demo broker (lib/db/demo-content.ts).
  await signIn(broker, "mara@siac.example");
  await broker.goto(`/n/${SLUG}/support`);
  await expect(broker.getByRole("heading", { name: "Support map", level: 1 })).toBeVisible();
  // The demo map flags the entry nobody checked for over a year, and a member's suggestion waits.
  await expect(broker.getByTestId("support-stale").first()).toContainText("may be out of date");
  await expect(broker.getByTestId("support-queue")).toContainText("Free workshop and meeting space for citizen labs");
  await expectNoSeriousA11yViolations(broker, "support map, broker");

  await broker.getByRole("link", { name: "Add a support entry" }).click();
  await expect(broker.getByRole("heading", { name: "Add a support entry", level: 1 })).toBeVisible();
  await broker.getByRole("textbox", { name: "Name of the fund, programme or service" }).fill(name);
  await broker.getByRole("textbox", { name: "Who offers it" }).fill("City Fund Foundation");
  await broker.getByRole("textbox", { name: "What it offers" }).fill("Up to **€20,000** for a first pilot with a city.");
  await broker.getByRole("checkbox", { name: "Grant" }).check();
  await broker.getByRole("checkbox", { name: "Pilot" }).check();
  await broker.getByRole("textbox", { name: "Website" }).fill("www.cityfund.example/pilots");
  await broker.getByRole("button", { name: "Add a support entry" }).click();
  // A broken link: refused at its field, everything typed kept.
  await expect(broker.getByText("Enter a link that starts with https:// or http://.")).toBeVisible();
  await expect(broker.getByRole("textbox", { name: "Name of the fund, programme or service" })).toHaveValue(name);
  await expect(broker.getByRole("checkbox", { name: "Pilot" })).toBeChecked();
  await expectNoSeriousA11yViolations(broker, "new support entry, refused");
  await broker.getByRole("textbox", { name: "Website" }).fill("https://www.cityfund.example/pilots");
  await broker.getByRole("button", { name: "Add a support entry" }).click();
  await expect(broker.getByRole("status").filter({ hasText: "The entry is on the map." })).toBeVisible();

  // A member finds it from the milestone of the pilot stage, then narrows the map to grants.
  const tomas = await newPage();
  await signIn(tomas, "tomas@siac.example");
  await tomas.goto(`/n/${SLUG}/initiatives`);
  await tomas.getByRole("link", { name: "City co-creation labs" }).click();
  await tomas.getByRole("link", { name: /^Find support for this step \(Pilot\)\s?: Open labs running in three cities$/ }).click();
  await expect(tomas.getByRole("heading", { name: "Support map", level: 1 })).toBeVisible();
  await expect(tomas.getByRole("combobox", { name: "Growth stage" })).toHaveValue("pilot");
  await tomas.getByRole("combobox", { name: "Kind of support" }).selectOption({ label: "Grant" });
  await tomas.getByRole("button", { name: "Show" }).click();
  await expect(tomas).toHaveURL(/kind=grant/);
  await expect(tomas.getByTestId("support-count")).toContainText(/entr(y|ies) match/);
  const results = tomas.getByRole("region", { name: "Entries" });
  await expect(results.getByRole("heading", { name })).toBeVisible();
  await expectNoSeriousA11yViolations(tomas, "support map, filtered");
  // The entry's page has what it offers and how to reach it.
  await results.getByRole("link", { name }).click();
  await expect(tomas.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(tomas.getByRole("link", { name: "https://www.cityfund.example/pilots" })).toBeVisible();
  await expect(tomas.getByRole("button", { name: "Checked today" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(tomas, "support entry");

  // The broker keeps it from the same page: checked today, then removed, back on the map.
  await broker.goto(tomas.url());
  await broker.getByRole("button", { name: "Checked today" }).click();
  await expect(broker.getByRole("status").filter({ hasText: "is marked as checked today" })).toBeVisible();
  await broker.getByText("Remove", { exact: true }).click();
  await broker.getByRole("button", { name: "Remove from the map" }).click();
  await expect(broker.getByRole("heading", { name: "Support map", level: 1 })).toBeVisible();
  await expect(broker.getByRole("heading", { name })).toHaveCount(0);
});
