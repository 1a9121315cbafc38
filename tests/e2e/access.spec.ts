import { newEmail, newSlug, signIn } from "./support/auth";
import { createNetwork } from "./support/networks";
import { expect, test } from "./support/test";

test("a private network looks exactly like one that does not exist", async ({ page: broker, newPage }) => {
  const network = { slug: newSlug("private"), name: "Quiet Private Circle" };
  await signIn(broker, newEmail("broker"));
  await createNetwork(broker, { ...network, visibility: "Private", joining: "By invitation" });
  await expect(broker.getByText(`Purpose of ${network.name}`)).toBeVisible();

  const visitor = await newPage();
  const seen = async (path: string) => {
    const response = await visitor.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(visitor.getByRole("heading", { name: "Page not found" })).toBeVisible();
    return { text: await visitor.locator("body").innerText(), title: await visitor.title() };
  };
  const hidden = await seen(`/n/${network.slug}`);
  const unknown = await seen(`/n/${newSlug("nothing-here")}`);
  expect(hidden).toEqual(unknown);
  expect(hidden.text).not.toContain(network.name);

  // The same for its sub-pages, and for a signed-in non-member.
  expect(await seen(`/n/${network.slug}/members`)).toEqual(await seen(`/n/${newSlug("nothing-here")}/members`));
  await signIn(visitor, newEmail("outsider"));
  const response = await visitor.goto(`/n/${network.slug}`);
  expect(response?.status()).toBe(404);
  await expect(visitor.getByText(network.name)).toHaveCount(0);
});

test("a visitor is sent to sign in for a public network's members", async ({ page }) => {
  await page.goto("/n/siac");
  await expect(page.getByRole("heading", { name: "SIAC: Social Innovation Acceleration in Cities", level: 1 })).toBeAttached();
  await expect(page.getByText("Sign in to join this network.")).toBeVisible();
  await page.goto("/n/siac/members");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fn%2Fsiac%2Fmembers$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("the development outbox exists in test mode", async ({ page }) => {
  const response = await page.goto("/dev/outbox");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Development outbox" })).toBeVisible();
});

test("the first visit tells the server the browser's time zone", async ({ newPage }) => {
  // No preset cookie here (the config presets it for every other test).
  const page = await newPage({ storageState: { cookies: [], origins: [] }, timezoneId: "America/Sao_Paulo" });
  await page.goto("/");
  await expect
    .poll(async () => (await page.context().cookies()).find((c) => c.name === "kring-tz")?.value)
    .toBe(encodeURIComponent("America/Sao_Paulo"));
});
