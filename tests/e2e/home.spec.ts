import type { Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { newEmail, newSlug, signIn } from "./support/auth";
import { createNetwork } from "./support/networks";
import { expect, test } from "./support/test";

/** Opens the network home and waits until it has recorded the visit (a server action after render). */
async function visitHome(page: Page, slug: string) {
  const recorded = page.waitForResponse((r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined);
  await page.goto(`/n/${slug}`);
  await recorded;
}

test("a new broker sees the first steps on the home and follows them", async ({ page }) => {
  const slug = newSlug("home-new");
  await signIn(page, newEmail("home-broker"));
  await createNetwork(page, { slug, name: "First Steps Commons" });

  const steps = page.getByRole("region", { name: "First steps" });
  await expect(steps).toBeVisible();
  await expect(steps.getByRole("listitem")).toHaveCount(4);
  await expect(steps.getByRole("listitem").filter({ hasText: "Start a thread" })).toContainText("(to do)");
  await expect(page.getByRole("region", { name: "What waits for you" })).toContainText("Nothing waits for you");
  await expectNoSeriousA11yViolations(page, "network home, new broker");

  await steps.getByRole("link", { name: "Start a thread" }).click();
  await expect(page).toHaveURL(new RegExp(`/n/${slug}/dialogue/new$`));
  await page.getByLabel("Title").fill("Where do we start?");
  await page.getByLabel("Text").fill("A first question for all of us.");
  await page.getByRole("button", { name: "Start thread" }).click();
  await expect(page.getByRole("heading", { name: "Where do we start?", level: 1 })).toBeVisible();

  await page.goto(`/n/${slug}`);
  await expect(steps.getByRole("listitem").filter({ hasText: "Start a thread" })).toContainText("(done)");
  await expect(steps.getByRole("link", { name: "Start a thread" })).toHaveCount(0);
  await expect(steps.getByRole("link", { name: "Invite people" })).toHaveAttribute("href", `/n/${slug}/invitations`);
});

test("a member sees a reply since their last visit on the home and follows it", async ({ page: alice, newPage }) => {
  const slug = newSlug("home-since");
  await signIn(alice, newEmail("home-alice"));
  await createNetwork(alice, { slug, name: "Since Commons" });
  await alice.goto(`/n/${slug}/dialogue/new`);
  await alice.getByLabel("Title").fill("Tools we share");
  await alice.getByLabel("Text").fill("What can we lend each other?");
  await alice.getByRole("button", { name: "Start thread" }).click();
  await expect(alice.getByRole("heading", { name: "Tools we share", level: 1 })).toBeVisible();
  const threadUrl = alice.url();

  // Bob joins, reads the thread, and visits the home (the visit is recorded).
  const bob = await newPage();
  await signIn(bob, newEmail("home-bob"));
  await bob.goto(`/n/${slug}`);
  await bob.getByLabel("I have read the principles and accept them.").check();
  await bob.getByRole("button", { name: "Join" }).click();
  await expect(bob.getByRole("heading", { name: "Your next step" })).toBeVisible();
  await bob.goto(threadUrl);
  await expect(bob.getByRole("heading", { name: "Tools we share", level: 1 })).toBeVisible();
  await visitHome(bob, slug);

  // Alice replies while Bob is away.
  await alice.getByRole("textbox", { name: "Reply", exact: true }).fill("I have a drill to lend.");
  await alice.getByRole("button", { name: "Post reply" }).click();
  await expect(alice.getByRole("article").filter({ hasText: "I have a drill to lend." })).toBeVisible();

  // Bob's next visit shows the reply, as news and as his next step, and he follows it.
  await bob.goto(`/n/${slug}`);
  const since = bob.getByRole("region", { name: "Since your last visit" });
  await expect(since.getByRole("listitem").filter({ hasText: "1 new reply in Tools we share" })).toBeVisible();
  await expect(bob.getByRole("region", { name: "Your next step" })).toContainText("A thread you follow has 1 new reply: Tools we share");
  await expectNoSeriousA11yViolations(bob, "network home, member");
  await since.getByRole("link", { name: "Tools we share" }).click();
  await expect(bob).toHaveURL(/\/dialogue\/[^/#]+#reply-/);
  await expect(bob.getByRole("article").filter({ hasText: "I have a drill to lend." })).toBeVisible();
});
