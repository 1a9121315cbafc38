import type { Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { signIn } from "./support/auth";
import { expect, test } from "./support/test";

const SLUG = "siac";

async function answer(page: Page, url: string, choice: "Going" | "Maybe" | "Not going") {
  await page.goto(url);
  const rsvp = page.getByRole("region", { name: "Are you going?" });
  await rsvp.getByRole("radio", { name: choice, exact: true }).check();
  await rsvp.getByRole("button", { name: "Send my answer" }).click();
  return rsvp;
}

test("a broker plans a gathering with one seat; the second member waits and moves up when the first cancels; a host records who came", async ({ page: broker, newPage }) => {
  test.setTimeout(60_000);
  const title = `Lab night ${Date.now().toString(36)}`;
  // The SIAC demo broker and two members (lib/db/demo-content.ts).
  await signIn(broker, "mara@siac.example");
  await broker.goto(`/n/${SLUG}/gatherings`);
  await broker.getByRole("link", { name: "Plan a gathering" }).click();
  await expect(broker.getByRole("heading", { name: "Plan a gathering", level: 1 })).toBeVisible();
  await broker.getByRole("textbox", { name: "Title", exact: true }).fill(title);
  await broker.getByRole("textbox", { name: "Place", exact: true }).fill("Community kitchen");
  await broker.getByRole("spinbutton", { name: "Seats" }).fill("1");
  await broker.getByRole("textbox", { name: "What", exact: true }).fill("Cook and talk");
  await broker.getByRole("spinbutton", { name: "Minutes" }).fill("300");
  await broker.getByRole("button", { name: "Plan it" }).click();
  // Refused at its field, everything typed kept.
  await expect(broker.getByText(/The agenda takes longer than the gathering/)).toBeVisible();
  await expect(broker.getByRole("textbox", { name: "Title", exact: true })).toHaveValue(title);
  await expect(broker.getByRole("textbox", { name: "What", exact: true })).toHaveValue("Cook and talk");
  await expectNoSeriousA11yViolations(broker, "new gathering, refused");
  await broker.getByRole("spinbutton", { name: "Minutes" }).fill("90");
  await broker.getByRole("button", { name: "Plan it" }).click();
  await expect(broker.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  const url = new URL(broker.url()).pathname;

  const tomas = await newPage();
  await signIn(tomas, "tomas@siac.example");
  await expect((await answer(tomas, url, "Going")).getByRole("status")).toHaveText("You are going.");

  const ioana = await newPage();
  await signIn(ioana, "ioana@siac.example");
  await expect((await answer(ioana, url, "Going")).getByRole("status")).toContainText("you are on the waitlist");
  await expect(ioana.getByRole("region", { name: "Who is going" })).toContainText("Tomas");

  // Tomas cannot come after all: Ioana takes the seat and hears of it.
  await expect((await answer(tomas, url, "Not going")).getByRole("status")).toHaveText("You are not going.");
  await ioana.goto("/notifications");
  await ioana.getByRole("link", { name: new RegExp(`A seat came free: you are now going to “${title}”`) }).click();
  await expect(ioana.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await expect(ioana.getByRole("region", { name: "Are you going?" })).toContainText("You are going.");
  await expectNoSeriousA11yViolations(ioana, "gathering page, member");

  // After the kick-off the broker, a host, records who came: pre-ticked from "going", plus a guest.
  await broker.goto(`/n/${SLUG}/gatherings`);
  await broker.getByRole("region", { name: "Past gatherings" }).getByRole("link", { name: "Kick-off in Berlin" }).click();
  const came = broker.getByRole("region", { name: "Who came" });
  await expect(came.getByRole("checkbox", { name: /Tomas/ })).toBeChecked();
  await came.getByRole("textbox", { name: "Guests without an account" }).fill("Anna from the city");
  await came.getByRole("button", { name: "Save attendance" }).click();
  await expect(came.getByText("3 members and 1 guest came.")).toBeVisible();
  await expect(came.getByText("Guests: Anna from the city")).toBeVisible();
  await expectNoSeriousA11yViolations(broker, "gathering page, attendance");

  // The broker writes the kick-off's harvest, linked to a thread, and publishes it: it shows on the
  // thread and in the journey (decision 038).
  const harvest = broker.getByRole("region", { name: "Harvest", exact: true });
  await harvest.getByRole("textbox", { name: "What happened" }).fill("Two days in one room: what connects us is a stance, not a method.");
  await harvest.getByRole("textbox", { name: "Insight 1: what did we see?" }).fill("Trust comes before any project.");
  await harvest.getByRole("combobox", { name: "Level" }).first().selectOption({ label: "The bigger context" });
  await harvest.getByRole("combobox", { name: "Area" }).first().selectOption({ label: "Observations and facts" });
  await harvest.getByRole("checkbox", { name: "Means: accelerators, partners and funds" }).check();
  await harvest.getByRole("button", { name: "Save the draft" }).click();
  await expect(harvest.getByText("Draft: only the hosts and brokers see it until it is published.")).toBeVisible();
  await harvest.getByRole("button", { name: "Publish the harvest" }).click();
  await expect(harvest.getByText(/^Published on/)).toBeVisible();
  await harvest.getByRole("link", { name: "Means: accelerators, partners and funds" }).click();
  await expect(broker.getByText("From the gathering Kick-off in Berlin", { exact: false })).toBeVisible();
  await broker.goto(`/n/${SLUG}/cycles/journey`);
  await expect(broker.getByRole("heading", { name: "Kick-off in Berlin", level: 2 })).toBeVisible();
});
