import { chromium } from "@playwright/test";
import { magicLinkFor, newEmail } from "./support/auth";
import { expect, test } from "./support/test";

/**
 * Issue 15, item 1, against the production build: an attacker asks for a victim's sign-in
 * link through a host they control (here a browser that resolves evil.example to this
 * server, so Host and Origin both say evil.example), or with forged X-Forwarded-Host and
 * Forwarded headers. The email must link to KRING_PUBLIC_URL (the config's baseURL) only.
 */

async function expectOutboxClean(page: import("@playwright/test").Page, email: string, baseURL: string) {
  const link = await magicLinkFor(page, email);
  expect(new URL(link).origin).toBe(new URL(baseURL).origin);
  const message = page
    .getByTestId("outbox-message")
    .filter({ has: page.getByTestId("outbox-to").getByText(email, { exact: true }) })
    .first();
  expect(await message.textContent()).not.toMatch(/evil\.example/);
}

test("a sign-in asked for under a forged Host links to the configured address only", async ({ page, baseURL }) => {
  const port = new URL(baseURL!).port;
  const use = test.info().project.use as { launchOptions?: { executablePath?: string; args?: string[] } };
  const attacker = await chromium.launch({
    ...use.launchOptions,
    args: [...(use.launchOptions?.args ?? []), "--host-resolver-rules=MAP evil.example 127.0.0.1"],
  });
  try {
    const context = await attacker.newContext({ baseURL: `http://evil.example:${port}` });
    const evil = await context.newPage();
    const victim = newEmail("victim");
    await evil.goto("/signin");
    await evil.locator('input[name="email"]').fill(victim);
    await evil.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(evil).toHaveURL(/\/signin\/check-email$/);
    await expectOutboxClean(page, victim, baseURL!);
  } finally {
    await attacker.close();
  }
});

test("a sign-in asked for with forged X-Forwarded-Host and Forwarded links to the configured address only", async ({ newPage, page, baseURL }) => {
  const forger = await newPage({
    // With a matching Origin, as an attacker sending requests by hand would (Next's own check of a
    // server action compares the Origin with X-Forwarded-Host, so it passes).
    extraHTTPHeaders: {
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
      forwarded: "host=evil.example;proto=https",
      origin: "https://evil.example",
    },
  });
  const victim = newEmail("victim");
  await forger.goto("/signin");
  await forger.locator('input[name="email"]').fill(victim);
  await forger.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(forger).toHaveURL(/\/signin\/check-email$/);
  await expectOutboxClean(page, victim, baseURL!);
});
