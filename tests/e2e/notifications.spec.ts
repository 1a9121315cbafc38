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

function header(page: Page) {
  return page.getByRole("navigation", { name: "Main" });
}

test("a mention reaches the notification centre and reading it lowers the count", async ({ page: alice, newPage }) => {
  // Three people and several axe runs: 53 to 66 s on a quiet 2-core machine, over the default minute.
  test.setTimeout(120_000);
  const suffix = Date.now().toString(36);
  const aliceName = `Alice Arendt ${suffix}`;
  const bobName = `Bob Bakker ${suffix}`;
  const network = { slug: newSlug("notify"), name: "Notified Commons" };
  const title = "Where do we meet next?";

  // A visitor is sent to sign in.
  const visitor = await newPage();
  await visitor.goto("/notifications");
  await expect(visitor).toHaveURL(/\/signin\?callbackUrl=(%2F|\/)notifications$/);

  // Alice creates the network and starts a thread; she has nothing to read yet.
  await signIn(alice, newEmail("alice"));
  await setName(alice, aliceName);
  await createNetwork(alice, network);
  await alice.goto(`/n/${network.slug}/dialogue/new`);
  await alice.getByLabel("Title").fill(title);
  await alice.getByLabel("Text").fill("Let us pick a place.");
  await alice.getByRole("button", { name: "Start thread" }).click();
  await expect(alice.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  const threadUrl = alice.url();
  await expect(header(alice).getByRole("link", { name: "Notifications (0)" })).toBeVisible();

  // Bob joins and mentions her in a reply.
  const bob = await newPage();
  await signIn(bob, newEmail("bob"));
  await setName(bob, bobName);
  await bob.goto(`/n/${network.slug}`);
  await bob.getByLabel("I have read the principles and accept them.").check();
  await bob.getByRole("button", { name: "Join" }).click();
  await expect(bob.getByRole("navigation", { name: "Network" }).getByRole("link", { name: "Dialogue" })).toBeVisible();
  await bob.goto(threadUrl);
  const box = bob.getByRole("textbox", { name: "Reply", exact: true });
  await box.pressSequentially("The library suits me, @Ali");
  await expect(bob.getByRole("option", { name: aliceName })).toBeVisible();
  await box.press("Enter");
  await expect(bob.getByText(`Mentioning: ${aliceName}`)).toBeVisible();
  await bob.getByRole("button", { name: "Post reply" }).click();
  await expect(bob.getByRole("article", { name: `Reply by ${bobName}` })).toBeVisible();

  // Alice sees the count in the header and opens the centre.
  await alice.goto("/");
  await header(alice).getByRole("link", { name: "Notifications (1)" }).click();
  await expect(alice.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
  const list = alice.getByRole("list", { name: "Your notifications" });
  const item = list.getByRole("listitem").filter({ hasText: `${bobName} mentioned you in “${title}” (${network.name})` });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText("Unread");
  await expectNoSeriousA11yViolations(alice, "notification centre");

  // Following the item opens the thread at the reply and marks it read.
  await item.getByRole("link", { name: `${bobName} mentioned you in “${title}” (${network.name})` }).click();
  await expect(alice.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await expect(header(alice).getByRole("link", { name: "Notifications (0)" })).toBeVisible();
  await alice.goto("/notifications");
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(list).not.toContainText("Unread");
  await expectNoSeriousA11yViolations(alice, "notification centre, all read");
});
