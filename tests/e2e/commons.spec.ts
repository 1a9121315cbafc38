import { expectNoSeriousA11yViolations } from "./support/a11y";
import { signIn } from "./support/auth";
import { share, sql } from "./support/commons";
import { e2eDatabase } from "./support/run-env";
import { expect, test } from "./support/test";

/**
 * The commons' public side (issue 21, decision 045), with items written straight into the run's
 * database as publication leaves them (the demo's own shared items come with lib/sharing): a
 * visitor searches in English and Dutch, reads an item with its licence and anonymous source, a
 * person of another network asks the source network and its broker reads the question, and a
 * withdrawn item's address answers 410. axe on every page, in English and in Dutch.
 */

const db = e2eDatabase();
test.skip(db.kind !== "postgres", "the fixture items are written with SQL into the run's PostgreSQL");

const stamp = Date.now().toString(36);
const DUTCH = `Samenwerken met de gemeente ${stamp}`;
const ENGLISH = `Working with the municipality ${stamp}`;

test("anyone searches the commons in English and Dutch, asks the source network, and a withdrawn item is gone with 410", async ({ page, newPage }) => {
  test.setTimeout(90_000);
  await sql(`UPDATE "Network" SET "allowCommonsQuestions" = true WHERE slug = 'siac'`);
  const dutch = await share("siac", { title: DUTCH, body: "De gemeenten wilden pas meedoen toen de buurt het voortouw nam.", language: "nl", attribution: "anonymous", region: "Noord-Brabant" });
  await share("pathfinders-midden-brabant", { title: ENGLISH, body: "The municipalities joined once neighbours led.", language: "en", attribution: "network", region: "Noord-Brabant" });

  // A visitor, in English: the header leads there; a Dutch word finds the Dutch item by its stem.
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Commons" }).click();
  await expect(page.getByRole("heading", { name: "The commons", level: 1 })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "commons, visitor");
  await page.getByRole("searchbox", { name: "Search" }).fill("gemeenten");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/q=gemeenten/);
  const results = page.getByRole("region", { name: /Items found/ });
  await expect(results.getByRole("link", { name: DUTCH })).toBeVisible();
  await expect(results.getByRole("link", { name: ENGLISH })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, "commons, searched");
  // An English word finds the English item, by its stem too.
  await page.goto(`/commons?q=${encodeURIComponent("municipalities")}`);
  await expect(page.getByRole("link", { name: ENGLISH })).toBeVisible();
  await expect(page.getByRole("link", { name: DUTCH })).toHaveCount(0);

  // The item: its licence links to the deed, its anonymous source names only the region.
  await page.goto(`/commons?q=gemeenten`);
  await page.getByRole("link", { name: DUTCH }).click();
  await expect(page.getByRole("heading", { name: DUTCH, level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "CC BY-SA 4.0" })).toHaveAttribute("href", "https://creativecommons.org/licenses/by-sa/4.0/");
  await expect(page.getByText("Shared by a network in Noord-Brabant")).toBeVisible();
  await expect(page.getByText("SIAC")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Sign in to ask the network that shared this a question" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "commons item, visitor");

  // In Dutch: the same pages, translated and accessible, on a phone's width.
  const nl = await newPage({ locale: "nl-NL", viewport: { width: 360, height: 780 } });
  await nl.goto("/commons");
  await expect(nl.getByRole("heading", { name: "De commons", level: 1 })).toBeVisible();
  expect(await nl.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoSeriousA11yViolations(nl, "commons, Dutch, phone");
  await nl.goto(`/commons/${dutch}`);
  await expect(nl.getByText("Gedeeld door een netwerk in Noord-Brabant")).toBeVisible();
  expect(await nl.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoSeriousA11yViolations(nl, "commons item, Dutch, phone");

  // A broker of the other network (her profile is in Dutch) asks the source network; its broker reads the question.
  const asker = await newPage();
  await signIn(asker, "hanneke@pathfinders.example");
  await asker.goto(`/commons/${dutch}`);
  const question = `Hoe nam de buurt het voortouw? ${stamp}`;
  await asker.getByRole("textbox", { name: "E-mailadres voor het antwoord (niet verplicht)" }).fill("geen adres");
  await asker.getByRole("textbox", { name: "Je vraag" }).fill(question);
  await asker.getByRole("button", { name: "Vraag versturen" }).click();
  // A malformed address is refused at its field, the question kept.
  await expect(asker.getByRole("textbox", { name: "Je vraag" })).toHaveValue(question);
  await expect(asker.getByText("Vul een e-mailadres in zoals naam@voorbeeld.nl.")).toBeVisible();
  await expectNoSeriousA11yViolations(asker, "commons item, question refused");
  await asker.getByRole("textbox", { name: "E-mailadres voor het antwoord (niet verplicht)" }).fill("");
  await asker.getByRole("button", { name: "Vraag versturen" }).click();
  await expect(asker.getByRole("status").filter({ hasText: "Je vraag is verstuurd" })).toBeVisible();
  await expectNoSeriousA11yViolations(asker, "commons item, asked");

  const broker = await newPage();
  await signIn(broker, "mara@siac.example");
  await broker.goto("/n/siac/commons/questions");
  await expect(broker.getByRole("heading", { name: "Questions about what we shared", level: 1 })).toBeVisible();
  await expect(broker.getByText(question)).toBeVisible();
  await expectNoSeriousA11yViolations(broker, "commons questions, broker");

  // Withdrawn (the row as decision 043 leaves it): gone from the search, and its address answers 410.
  await sql(
    `UPDATE "CommonsItem" SET title = '', body = '', "bodyHtml" = '', region = '', stage = NULL, "withdrawnAt" = now() WHERE id = $1`,
    [dutch],
  );
  const gone = await page.goto(`/commons/${dutch}`);
  expect(gone?.status()).toBe(410);
  await expect(page.getByRole("heading", { name: "Withdrawn from the commons", level: 1 })).toBeVisible();
  await expect(page.getByText(DUTCH)).toHaveCount(0);
  await page.goto("/commons?q=gemeenten");
  await expect(page.getByRole("link", { name: DUTCH })).toHaveCount(0);
  const feed = await page.request.get("/commons/feed.atom");
  expect(feed.status()).toBe(200);
  expect(await feed.text()).not.toContain(dutch);
  const nlGone = await nl.goto(`/commons/${dutch}`);
  expect(nlGone?.status()).toBe(410);
  await expect(nl.getByRole("heading", { name: "Teruggetrokken uit de commons", level: 1 })).toBeVisible();
});
