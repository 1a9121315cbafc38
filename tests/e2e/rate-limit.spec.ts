import type { Page } from "@playwright/test";
import { newEmail } from "./support/auth";
import { E2E_SIGNIN_PER_ADDRESS } from "./support/run-env";
import { expect, test } from "./support/test";

/** Asks for a sign-in link on the form, in whatever language the page speaks. */
async function askForLink(page: Page, email: string) {
  await page.goto("/signin");
  const form = page.getByRole("main").locator("form").filter({ has: page.locator('input[name="email"]') });
  await form.locator('input[name="email"]').fill(email);
  await form.locator('button[type="submit"]').click();
}

// The end-to-end server's limit of sign-in links per address (KRING_RATE_SIGNIN_PER_ADDRESS; the
// default, 5 per 15 minutes, is tested in tests/integration/rate-limit.test.ts).
const PER_ADDRESS = E2E_SIGNIN_PER_ADDRESS;

test("asking for too many sign-in links says when to try again, in English and in Dutch", async ({ page, newPage }) => {
  const email = newEmail("limited");
  for (let i = 0; i < PER_ADDRESS; i++) {
    await askForLink(page, email);
    await expect(page).toHaveURL(/\/signin\/check-email$/);
  }

  await askForLink(page, email);
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByRole("alert").filter({ hasText: "Too many attempts" })).toBeVisible();
  const field = page.getByLabel("Email address");
  await expect(field).toHaveAccessibleDescription(/You can try again in \d+ minutes?\./);
  // What was typed stays, for the next try.
  await expect(field).toHaveValue(email);

  const dutch = await newPage({ locale: "nl-NL" });
  await askForLink(dutch, email);
  await expect(dutch.getByRole("alert").filter({ hasText: "Te veel pogingen" })).toBeVisible();
  await expect(dutch.getByLabel("E-mailadres")).toHaveAccessibleDescription(/Je kunt het over \d+ (minuut|minuten) opnieuw proberen\./);
  await expect(dutch.getByLabel("E-mailadres")).toHaveValue(email);

  // Another address is not held back.
  await askForLink(page, newEmail("unlimited"));
  await expect(page).toHaveURL(/\/signin\/check-email$/);
});
