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

/** The links of the newest outbox mail to `email` whose text links to `marker`, once it is there. */
async function mailLinks(page: Page, email: string, marker: string): Promise<string[]> {
  let links: string[] = [];
  await expect
    .poll(
      async () => {
        await page.goto(`/dev/outbox?${new URLSearchParams({ to: email })}`);
        const message = page
          .getByTestId("outbox-message")
          .filter({ has: page.getByTestId("outbox-to").getByText(email, { exact: true }) })
          .filter({ has: page.locator(`[data-testid="outbox-link"][href*="${marker}"]`) })
          .first();
        if ((await message.count()) === 0) return 0;
        links = await message.getByTestId("outbox-link").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
        return links.length;
      },
      { timeout: 30_000, intervals: [1_000] },
    )
    .toBeGreaterThan(0);
  return links;
}

test("in Dutch, a member chooses email at once, is mentioned, follows the mail's link, and stops it from the footer", async ({
  page: alice,
  newPage,
}) => {
  const suffix = Date.now().toString(36);
  const aliceName = `Alice Arendt ${suffix}`;
  const bobName = `Bob Bakker ${suffix}`;
  const aliceEmail = newEmail("alice");
  const network = { slug: newSlug("mail"), name: `Mailed Commons ${suffix}` };

  await signIn(alice, aliceEmail);
  await setName(alice, aliceName);
  await createNetwork(alice, network);
  await alice.goto(`/n/${network.slug}/dialogue/new`);
  await alice.getByLabel("Title").fill("Where do we meet next?");
  await alice.getByLabel("Text").fill("Let us pick a place.");
  await alice.getByRole("button", { name: "Start thread" }).click();
  await expect(alice.getByRole("heading", { name: "Where do we meet next?", level: 1 })).toBeVisible();
  const threadPath = new URL(alice.url()).pathname;

  // Alice switches to Dutch and chooses email at once, in her profile.
  await alice.goto("/profile");
  await alice.getByRole("main").getByLabel("Language").selectOption("nl");
  await alice.getByRole("button", { name: "Save profile" }).click();
  await expect(alice.getByRole("heading", { name: "E-mail", level: 2 })).toBeVisible();
  await alice.getByLabel("Hoe vaak").selectOption("immediate");
  await alice.getByRole("button", { name: "E-mailinstellingen opslaan", exact: true }).click();
  await expect(alice.getByText("Je e-mailinstellingen zijn opgeslagen.")).toBeVisible();
  await expectNoSeriousA11yViolations(alice, "profile with the email settings");

  // Bob joins and mentions her.
  const bob = await newPage();
  await signIn(bob, newEmail("bob"));
  await setName(bob, bobName);
  await bob.goto(`/n/${network.slug}`);
  await bob.getByLabel("I have read the principles and accept them.").check();
  await bob.getByRole("button", { name: "Join" }).click();
  await expect(bob.getByRole("navigation", { name: "Network" }).getByRole("link", { name: "Dialogue" })).toBeVisible();
  await bob.goto(threadPath);
  const box = bob.getByRole("textbox", { name: "Reply", exact: true });
  await box.pressSequentially("The library suits me, @Ali");
  await expect(bob.getByRole("option", { name: aliceName })).toBeVisible();
  await box.press("Enter");
  await expect(bob.getByText(`Mentioning: ${aliceName}`)).toBeVisible();
  await bob.getByRole("button", { name: "Post reply" }).click();
  await expect(bob.getByRole("article", { name: `Reply by ${bobName}` })).toBeVisible();

  // The mail arrives in the development outbox, in Dutch, with its headers.
  const links = await mailLinks(alice, aliceEmail, "/notifications/");
  const message = alice.getByTestId("outbox-message").filter({ has: alice.getByTestId("outbox-to").getByText(aliceEmail, { exact: true }) }).first();
  await expect(message.getByRole("heading", { level: 2 })).toContainText(`${bobName} noemde je in`);
  await message.getByText("Kopregels").click();
  await expect(message.getByTestId("outbox-headers")).toContainText("List-Unsubscribe-Post");
  await expect(message.getByTestId("outbox-headers")).toContainText("List-Unsubscribe=One-Click");

  // Its link opens the thread at Bob's reply (and marks the notification read).
  const item = links.find((href) => href.includes("/notifications/"))!;
  await alice.goto(item);
  await expect(alice).toHaveURL(new RegExp(`${threadPath}#reply-`));
  await expect(alice.getByRole("article", { name: new RegExp(bobName) })).toBeVisible();

  // The footer's link turns this network's email off, says so, and offers the undo and the settings.
  const unsubscribe = links.find((href) => href.includes("/email/unsubscribe/"))!;
  expect(unsubscribe.startsWith(new URL(alice.url()).origin)).toBe(true);
  await alice.goto(unsubscribe);
  await expect(alice).toHaveURL(/\/email\/unsubscribe\?status=off/);
  await expect(alice.getByTestId("unsubscribe-status")).toHaveText(`Je krijgt geen e-mail meer van ${network.name}.`);
  await expectNoSeriousA11yViolations(alice, "unsubscribe page");
  await expect(alice.getByRole("link", { name: "Al je e-mailinstellingen" })).toBeVisible();
  await alice.getByRole("button", { name: "Weer aanzetten" }).click();
  await expect(alice.getByText("E-mail staat weer aan zoals eerst.")).toBeVisible();
});
