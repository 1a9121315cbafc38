import { newEmail, signIn } from "./support/auth";
import { expect, test } from "./support/test";

test("a person downloads their data, then deletes their account", async ({ page }) => {
  const email = newEmail("account");
  await signIn(page, email);
  await page.goto("/profile");

  // Download my data: the file is this person's own JSON.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download my data" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^kring-account-\d{4}-\d{2}-\d{2}\.json$/);
  const body = JSON.parse(await (await import("node:fs/promises")).readFile((await download.path())!, "utf8"));
  expect(body.account.email).toBe(email);

  // A wrong confirmation changes nothing and says why.
  const confirm = page.getByRole("textbox", { name: /Type your email address/ });
  await confirm.fill("not-me@example.test");
  await page.getByRole("button", { name: "Delete my account for good" }).click();
  await expect(page.getByText("Type your email address exactly as shown to confirm.")).toBeVisible();
  await expect(confirm).toHaveValue("not-me@example.test");

  await confirm.fill(email);
  await page.getByRole("button", { name: "Delete my account for good" }).click();
  await expect(page.getByText("Your account is deleted. Thank you for taking part.")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" })).toBeVisible();

  // The session went with the account.
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/signin/);
  const response = await page.request.get("/api/account/export");
  expect(response.status()).toBe(401);
});
