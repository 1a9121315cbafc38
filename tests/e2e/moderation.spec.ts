import type { Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { newEmail, newSlug, signIn } from "./support/auth";
import { createNetwork } from "./support/networks";
import { expect, test } from "./support/test";

async function setName(page: Page, name: string) {
  await page.goto("/profile");
  await page.getByRole("textbox", { name: "Name" }).fill(name);
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Your profile is saved.")).toBeVisible();
}

async function join(page: Page, email: string, name: string, slug: string) {
  await signIn(page, email);
  await setName(page, name);
  await page.goto(`/n/${slug}`);
  await page.getByLabel("I have read the principles and accept them.").check();
  await page.getByRole("button", { name: "Join" }).click();
  await expect(page.getByRole("navigation", { name: "Network" }).getByRole("link", { name: "Dialogue" })).toBeVisible();
}

test("a member reports a reply, a broker hides it and locks the thread", async ({ page: broker, newPage }) => {
  // Three people and several axe runs: 53 to 66 s on a quiet 2-core machine, over the default minute.
  test.setTimeout(120_000);
  const suffix = Date.now().toString(36);
  const brokerName = `Bea Broker ${suffix}`;
  const bobName = `Bob Bakker ${suffix}`;
  const carolName = `Carol Claes ${suffix}`;
  const network = { slug: newSlug("moderation"), name: "Moderated Commons" };

  // The broker creates the network and starts a thread.
  await signIn(broker, newEmail("bea"));
  await setName(broker, brokerName);
  await createNetwork(broker, network);
  await broker.goto(`/n/${network.slug}/dialogue/new`);
  await broker.getByLabel("Title").fill("How do we disagree well?");
  await broker.getByLabel("Text").fill("Let us collect what helps.");
  await broker.getByRole("button", { name: "Start thread" }).click();
  await expect(broker.getByRole("heading", { name: "How do we disagree well?", level: 1 })).toBeVisible();
  const threadUrl = broker.url();

  // Bob joins and posts an unkind reply.
  const bob = await newPage();
  await join(bob, newEmail("bob"), bobName, network.slug);
  await bob.goto(threadUrl);
  await bob.getByRole("textbox", { name: "Reply", exact: true }).fill("Only fools disagree with me.");
  await bob.getByRole("button", { name: "Post reply" }).click();
  await expect(bob.getByRole("article", { name: `Reply by ${bobName}` })).toContainText("Only fools disagree with me.");

  // Carol joins and reports it, by keyboard-usable disclosure; a second report is refused.
  const carol = await newPage();
  await join(carol, newEmail("carol"), carolName, network.slug);
  await carol.goto(threadUrl);
  const reported = carol.getByRole("article", { name: `Reply by ${bobName}` });
  await reported.getByText("Report", { exact: true }).click();
  await reported.getByLabel("Why should a broker look at this?").fill("This calls people fools.");
  await reported.getByRole("button", { name: "Send report" }).click();
  await expect(reported.getByText("Thank you. A broker will look at it.")).toBeVisible();
  await expectNoSeriousA11yViolations(carol, "thread page, report sent");
  await reported.getByLabel("Why should a broker look at this?").fill("Again.");
  await reported.getByRole("button", { name: "Send report" }).click();
  await expect(reported.getByText("You have already reported this post.")).toBeVisible();

  // The broker sees the count in the nav, opens the queue and hides the reply with a reason.
  await broker.goto(`/n/${network.slug}`);
  await broker.getByRole("navigation", { name: "Network" }).getByRole("link", { name: "Moderation (1)" }).click();
  await expect(broker.getByRole("heading", { name: "Moderation", level: 1 })).toBeVisible();
  const item = broker.getByRole("article", { name: "Report on “How do we disagree well?”" });
  await expect(item).toContainText("Only fools disagree with me.");
  await expect(item).toContainText(`Reported by ${carolName}`);
  await expect(item).toContainText("This calls people fools.");
  await expectNoSeriousA11yViolations(broker, "moderation queue");
  await item.getByText("Hide", { exact: true }).click();
  await item.getByLabel("Reason for hiding (everyone sees it)").fill("Name-calling is not how we talk here.");
  await expectNoSeriousA11yViolations(broker, "moderation queue, hide form open");
  await item.getByRole("button", { name: "Hide post" }).click();
  await expect(broker.getByText("No open reports.")).toBeVisible();
  await expect(broker.getByRole("navigation", { name: "Network" }).getByRole("link", { name: "Moderation", exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(broker, "moderation queue, empty");

  // Carol sees the notice instead of the text; Bob still sees his text with the notice.
  await carol.reload();
  const seenByCarol = carol.getByRole("article", { name: `Reply by ${bobName}` });
  await expect(seenByCarol).toContainText("A broker hid this reply. Reason: Name-calling is not how we talk here.");
  await expect(seenByCarol).not.toContainText("Only fools");
  await bob.reload();
  const seenByBob = bob.getByRole("article", { name: `Reply by ${bobName}` });
  await expect(seenByBob).toContainText("A broker hid this reply. Reason: Name-calling is not how we talk here.");
  await expect(seenByBob).toContainText("Only fools disagree with me.");
  await expect(seenByBob.getByText("Edit", { exact: true })).toHaveCount(0);

  // The broker locks the thread with a reason; Carol sees the notice and no composer.
  await broker.goto(threadUrl);
  const tools = broker.getByRole("region", { name: "Moderate this thread" });
  await tools.getByText("Lock", { exact: true }).click();
  await tools.getByLabel("Reason for locking (everyone sees it)").fill("Taking a breather until Monday.");
  await tools.getByRole("button", { name: "Lock thread" }).click();
  await expect(broker.getByText("This thread is locked and takes no new replies. Reason: Taking a breather until Monday.")).toBeVisible();
  await expect(tools.getByRole("button", { name: "Unlock thread" })).toBeVisible();
  await expectNoSeriousA11yViolations(broker, "thread page, broker tools");
  await carol.reload();
  await expect(carol.getByText("This thread is locked and takes no new replies. Reason: Taking a breather until Monday.")).toBeVisible();
  await expect(carol.getByRole("textbox", { name: "Reply", exact: true })).toHaveCount(0);
  await expect(carol.getByRole("button", { name: "Post reply" })).toHaveCount(0);

  // The audit log says who did what and why.
  await broker.goto(`/n/${network.slug}/audit`);
  await expect(broker.getByText(`hid a reply by ${bobName} in “How do we disagree well?”. Reason: Name-calling is not how we talk here.`)).toBeVisible();
  await expect(broker.getByText("locked the thread “How do we disagree well?”. Reason: Taking a breather until Monday.")).toBeVisible();
});
