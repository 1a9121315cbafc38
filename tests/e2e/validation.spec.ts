import { newEmail, signIn } from "./support/auth";
import { expect, test } from "./support/test";

test("creating a network with a taken or malformed address keeps the input and says why", async ({ page }) => {
  await signIn(page, newEmail("validation"), { callbackUrl: "/networks/new" });
  await expect(page.getByRole("heading", { name: "Create a network" })).toBeVisible();
  const address = page.getByRole("textbox", { name: "Address" });
  const name = page.getByRole("textbox", { name: "Name", exact: true });
  const typed = {
    name: "Second SIAC",
    purpose: "A purpose that must survive the round trip.",
    workingQuestion: "Does the form keep what I typed?",
  };
  await address.fill("siac");
  await name.fill(typed.name);
  await page.getByLabel("Purpose").fill(typed.purpose);
  await page.getByLabel("Working question").fill(typed.workingQuestion);
  await page.getByLabel("Joining").selectOption({ label: "By invitation" });
  await page.getByRole("button", { name: "Create network" }).click();

  // The seeded network owns "siac".
  await expect(page.getByRole("alert").filter({ hasText: "Another network already uses this address." })).toBeVisible();
  await expect(address).toHaveAttribute("aria-invalid", "true");
  await expect(address).toHaveAccessibleDescription(/Another network already uses this address\./);
  await expect(page).toHaveURL(/\/networks\/new$/);
  await expect(address).toHaveValue("siac");
  await expect(name).toHaveValue(typed.name);
  await expect(page.getByLabel("Purpose")).toHaveValue(typed.purpose);
  await expect(page.getByLabel("Working question")).toHaveValue(typed.workingQuestion);
  await expect(page.getByLabel("Joining")).toHaveValue("invitation");

  await address.fill("Bad Slug!");
  await page.getByRole("button", { name: "Create network" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Some fields need your attention." })).toBeVisible();
  await expect(address).toHaveAccessibleDescription(/Use lowercase letters, digits and single hyphens between them/);
  await expect(address).toHaveAttribute("aria-invalid", "true");
  await expect(address).toHaveValue("Bad Slug!");
  await expect(name).toHaveValue(typed.name);
  await expect(page.getByLabel("Purpose")).toHaveValue(typed.purpose);
  await expect(page.getByLabel("Working question")).toHaveValue(typed.workingQuestion);
  await expect(name).toHaveAttribute("aria-invalid", "false");

  // Emptied required fields are named too.
  await name.fill("");
  await page.getByRole("button", { name: "Create network" }).click();
  await expect(name).toHaveAccessibleDescription("Please fill this in.");
});
