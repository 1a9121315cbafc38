import { newEmail, signIn } from "./support/auth";
import { expect, test } from "./support/test";

test("the language switch turns the interface Dutch and back", async ({ page }) => {
  await page.goto("/signin");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  const header = page.getByRole("banner");
  await header.getByRole("button", { name: "Nederlands" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByRole("heading", { name: "Inloggen", level: 1 })).toBeVisible();
  await expect(page.getByLabel("E-mailadres")).toBeVisible();
  await expect(page.getByRole("button", { name: "Mail mij een inloglink" })).toBeVisible();
  await expect(header.getByRole("button", { name: "Nederlands" })).toHaveAttribute("aria-pressed", "true");

  // Remembered across pages.
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Netwerken die samen denken en doen" })).toBeVisible();

  await header.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(header.getByRole("link", { name: "Sign in" })).toBeVisible();
});

test("a Dutch browser gets Dutch on its first visit", async ({ newPage }) => {
  const page = await newPage({ locale: "nl-NL" });
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await expect(page.getByRole("banner").getByRole("link", { name: "Inloggen" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Naar de inhoud" })).toBeAttached();
});

test("a signed-in person's language choice is kept in the profile", async ({ page, newPage }) => {
  const email = newEmail("taal");
  await signIn(page, email, { callbackUrl: "/profile" });
  await page.getByRole("banner").getByRole("button", { name: "Nederlands" }).click();
  await expect(page.getByRole("heading", { name: "Je profiel" })).toBeVisible();

  // Another browser, English by default, signs in as the same person and gets Dutch.
  const other = await newPage({ locale: "en-GB" });
  await signIn(other, email, { callbackUrl: "/profile" });
  await expect(other.locator("html")).toHaveAttribute("lang", "nl");
  await expect(other.getByRole("heading", { name: "Je profiel" })).toBeVisible();
});
