import { expectNoSeriousA11yViolations } from "./support/a11y";
import { newEmail, newSlug, signIn } from "./support/auth";
import { createNetwork } from "./support/networks";
import { expect, test } from "./support/test";

test("a member searches the dialogue and opens what was found", async ({ page }) => {
  const network = { slug: newSlug("search"), name: "Search Commons" };
  await signIn(page, newEmail("searcher"));
  await createNetwork(page, network);

  // A thread and a reply to find.
  await page.goto(`/n/${network.slug}/dialogue/new`);
  await page.getByLabel("Title").fill("Community gardens on every block");
  await page.getByLabel("Text").fill("Who wants to start with the empty lot on the corner?");
  await page.getByRole("button", { name: "Start thread" }).click();
  await expect(page.getByRole("heading", { name: "Community gardens on every block", level: 1 })).toBeVisible();
  await page.getByRole("textbox", { name: "Reply", exact: true }).fill("We are networking with the allotment association.");
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(page.getByRole("paragraph").filter({ hasText: "We are networking with the allotment association." })).toBeVisible();

  // Search from the dialogue page: a plain GET form.
  await page.goto(`/n/${network.slug}/dialogue`);
  await page.getByRole("searchbox", { name: "Search threads and replies" }).fill("networks");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/n/${network.slug}/dialogue/search\\?q=networks$`));
  await expect(page.getByRole("heading", { name: "Results for “networks”", level: 2 })).toBeVisible();
  const result = page.getByRole("listitem").filter({ hasText: "allotment association" });
  await expect(result.locator("mark")).toHaveText("networking");
  await expectNoSeriousA11yViolations(page, "search results");

  // The result leads to the reply on the thread page.
  await result.getByRole("link", { name: "Community gardens on every block" }).click();
  await expect(page).toHaveURL(/#reply-/);
  await expect(page.getByRole("heading", { name: "Community gardens on every block", level: 1 })).toBeVisible();

  // Nothing found is said so.
  await page.goto(`/n/${network.slug}/dialogue/search?q=volcano`);
  await expect(page.getByText("Nothing found for “volcano”. Try other or fewer words.")).toBeVisible();
});
