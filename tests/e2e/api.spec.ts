import { expectNoSeriousA11yViolations } from "./support/a11y";
import { signIn } from "./support/auth";
import { expect, test } from "./support/test";

const SLUG = "siac";

test("a broker makes a read API token, sees it once, and a request with it lists the network's threads", async ({ page: broker }) => {
  test.setTimeout(60_000);
  const name = `Website ${Date.now().toString(36)}`;
  // The SIAC demo broker (lib/db/demo-content.ts).
  await signIn(broker, "mara@siac.example");
  await broker.goto(`/n/${SLUG}/settings`);
  await broker.getByRole("link", { name: "API tokens for the network's own tools" }).click();
  await expect(broker.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
  await expectNoSeriousA11yViolations(broker, "API tokens");

  // Nothing ticked: refused at the scopes, the name kept.
  await broker.getByRole("textbox", { name: "Name" }).fill(name);
  await broker.getByRole("checkbox", { name: "Dialogue: threads and replies" }).uncheck();
  await broker.getByRole("button", { name: "Make token" }).click();
  await expect(broker.getByText("Tick at least one thing the token may read.")).toBeVisible();
  await expect(broker.getByRole("textbox", { name: "Name" })).toHaveValue(name);

  await broker.getByRole("checkbox", { name: "Dialogue: threads and replies" }).check();
  await broker.getByRole("checkbox", { name: "Initiatives, milestones, updates and lessons" }).check();
  await broker.getByRole("combobox", { name: "Works for" }).selectOption({ label: "90 days" });
  await broker.getByRole("button", { name: "Make token" }).click();
  const shown = broker.getByTestId("api-token-secret");
  await expect(shown).toBeVisible();
  await expect(broker.getByText("Copy this token now: it is shown only once.")).toBeVisible();
  const token = await shown.inputValue();
  expect(token).toMatch(/^kring_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
  await expectNoSeriousA11yViolations(broker, "API tokens, a token just made");

  // The list names it by its prefix, never the secret; after a reload the token is gone from the page.
  await broker.reload();
  const list = broker.getByTestId("api-token-list");
  // The demo network's own website token is listed too (lib/db/demo.ts).
  await expect(list.getByRole("heading", { name: "The network's website" })).toBeVisible();
  const item = list.getByRole("listitem").filter({ has: broker.getByRole("heading", { name }) });
  await expect(item).toContainText(token.slice(0, "kring_".length + 8));
  await expect(item).toContainText("Never used");
  expect(await broker.content()).not.toContain(token);

  // A request with it lists the threads, as JSON, with the next page in the Link header.
  const response = await broker.request.get(`/api/v1/networks/${SLUG}/threads?limit=2`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { data: { title: string }[]; next: string | null };
  expect(body.data.length).toBeGreaterThan(0);
  if (body.next) expect(response.headers()["link"]).toContain('rel="next"');
  // Without the scope, and without a token: problem documents.
  const members = await broker.request.get(`/api/v1/networks/${SLUG}/members`, { headers: { authorization: `Bearer ${token}`, "accept-language": "nl" } });
  expect(members.status()).toBe(403);
  expect(members.headers()["content-type"]).toMatch(/^application\/problem\+json/);
  expect(((await members.json()) as { detail: string }).detail).toContain("Dit token mag dit deel van het netwerk niet lezen");
  expect((await broker.request.get(`/api/v1/networks/${SLUG}/threads`)).status()).toBe(401);

  // Used now: the list says so.
  await broker.reload();
  await expect(item).toContainText("Last used");
});

test("the API reference renders from the OpenAPI document, without outside scripts", async ({ page }) => {
  const outside: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(new URL(page.url() || "http://localhost").origin) && !r.url().startsWith("data:")) outside.push(r.url());
  });
  await page.goto("/api/docs");
  await expect(page.getByRole("heading", { name: /^Kring read API/, level: 1 })).toBeVisible();
  const threads = page.getByRole("article").filter({ has: page.getByRole("heading", { name: "List threads", level: 3 }) });
  await expect(threads).toBeVisible();
  await expect(page.getByText("GET /api/v1/networks/{slug}/milestones")).toBeVisible();
  // What every list shares is described once; an endpoint names it and describes its own parameters.
  await expect(page.locator("#api-parameters + p + dl")).toContainText("Items per page, 1 to 100 (default 25).");
  await expect(threads.getByRole("link", { name: "slug, limit, cursor" })).toHaveAttribute("href", "#api-parameters");
  await expect(page.getByRole("article").filter({ hasText: "List milestone updates" })).toContainText("Only updates of this kind");
  // Every problem type links here: its code, status and explanation.
  await expect(page.locator("#problem-invalid_limit")).toContainText("“limit” must be a whole number from 1 to 100.");
  await expectNoSeriousA11yViolations(page, "API reference");

  // The records have their own page: an answer's record name leads to its fields, and the page leads back.
  await threads.getByRole("link", { name: "ThreadPage" }).click();
  await expect(page).toHaveURL(/\/api\/docs\/records#ThreadPage$/);
  await expect(page.getByRole("heading", { name: /^Records of the Kring read API/, level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Problem", level: 3 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Webhook_pledge_released", level: 3 })).toBeVisible();
  // A webhook message's nested fields are there too.
  await expect(page.getByRole("term").filter({ hasText: /^releasedAt$/ })).toBeVisible();
  await page.getByRole("navigation", { name: "All records" }).getByRole("link", { name: "Thread", exact: true }).click();
  await expect(page).toHaveURL(/#Thread$/);
  await expectNoSeriousA11yViolations(page, "API records");
  await page.getByRole("link", { name: "Kring read API" }).click();
  await expect(page).toHaveURL(/\/api\/docs$/);
  expect(outside.filter((u) => !u.startsWith("http://localhost") && !u.startsWith("http://127.0.0.1"))).toEqual([]);
  const doc = await page.request.get("/api/v1/openapi.json");
  expect(doc.status()).toBe(200);
  expect(((await doc.json()) as { openapi: string }).openapi).toBe("3.1.0");
});

test("the API reference speaks Dutch to a Dutch browser", async ({ browser }) => {
  const context = await browser.newContext({ locale: "nl-NL" });
  const page = await context.newPage();
  await page.goto("/api/docs");
  await expect(page.getByRole("heading", { name: /^Lees-API van Kring/, level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Problemen", level: 2 })).toBeVisible();
  await expect(page.locator("#problem-scope_missing")).toContainText("Dit token mag dit deel van het netwerk niet lezen.");
  // The document's own words stay English, said so in Dutch, and marked as English for a screen reader.
  await expect(page.getByText(/^Het OpenAPI-document is in het Engels geschreven/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Get the network", level: 3 })).toHaveAttribute("lang", "en");
  await expectNoSeriousA11yViolations(page, "API reference (Dutch)");
  await page.getByRole("link", { name: "Gegevens", exact: true }).click();
  await expect(page.getByRole("heading", { name: /^Gegevens van de lees-API van Kring/, level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Webhookberichten", level: 2 })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "API records (Dutch)");
  await context.close();
});

test.describe("on a phone (360 px)", () => {
  test.use({ viewport: { width: 360, height: 780 } });

  test("the token page, the reference and its records read without sideways scrolling", async ({ page }) => {
    await signIn(page, "mara@siac.example");
    for (const path of [`/n/${SLUG}/settings/api`, "/api/docs", "/api/docs/records"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
      expect(scrollWidth, `${path}: ${scrollWidth} px wide in a ${innerWidth} px window`).toBeLessThanOrEqual(innerWidth);
      await expectNoSeriousA11yViolations(page, `${path} at 360 px`);
    }
  });
});
