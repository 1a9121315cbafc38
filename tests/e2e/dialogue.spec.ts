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

test("members start a thread, reply with a quote and a mention, react, edit and delete", async ({ page: alice, newPage }) => {
  // Three people and several axe runs: 53 to 66 s on a quiet 2-core machine, over the default minute.
  test.setTimeout(120_000);
  const suffix = Date.now().toString(36);
  const aliceName = `Alice Arendt ${suffix}`;
  const bobName = `Bob Bakker ${suffix}`;
  const network = { slug: newSlug("dialogue"), name: "Dialogue Commons" };

  // Alice creates the network (she is its broker) and starts a thread.
  await signIn(alice, newEmail("alice"));
  await setName(alice, aliceName);
  await createNetwork(alice, network);
  await alice.getByRole("navigation", { name: "Network" }).getByRole("link", { name: "Dialogue" }).click();
  await expect(alice.getByRole("heading", { name: "Dialogue", level: 1 })).toBeVisible();
  await expect(alice.getByText("No threads yet. Start the first one.")).toBeVisible();
  await expectNoSeriousA11yViolations(alice, "dialogue list, empty");

  await alice.getByRole("link", { name: "Start a thread" }).click();
  await expect(alice.getByText("Our principles, for a good conversation")).toBeVisible();
  await expectNoSeriousA11yViolations(alice, "new thread");
  // The principles above the composer are open until she folds them once; then they stay folded.
  const principles = (page: typeof alice) => page.locator("details").filter({ has: page.getByText("Our principles, for a good conversation") });
  await expect(principles(alice)).toHaveJSProperty("open", true);
  await alice.getByText("Our principles, for a good conversation").click();
  await expect(principles(alice)).toHaveJSProperty("open", false);
  // A refused form keeps what was typed.
  await alice.getByLabel("Text").fill("What do we mean by *system change*?");
  await alice.getByRole("button", { name: "Start thread" }).click();
  await expect(alice.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  await expect(alice.getByText("Please fill this in.")).toBeVisible();
  await expect(alice.getByLabel("Text")).toHaveValue("What do we mean by *system change*?");
  await expectNoSeriousA11yViolations(alice, "new thread, invalid");
  await alice.getByLabel("Title").fill("System change, in our own words");
  await alice.getByLabel("Level").selectOption({ label: "Social innovation itself" });
  await alice.getByLabel("Area").selectOption({ label: "Vision and values" });
  await alice.getByRole("button", { name: "Start thread" }).click();
  await expect(alice.getByRole("heading", { name: "System change, in our own words", level: 1 })).toBeVisible();
  await expect(alice.locator("article em")).toHaveText("system change");
  const threadUrl = alice.url();
  // Rendered folded by the server from now on, one click away.
  await expect(principles(alice)).toHaveJSProperty("open", false);

  // Alice opens the conversation with a first reply.
  await alice.getByRole("textbox", { name: "Reply", exact: true }).fill("For me it starts with who gets a say.");
  await alice.getByRole("button", { name: "Post reply" }).click();
  const aliceReply = alice.getByRole("article", { name: `Reply by ${aliceName}` });
  await expect(aliceReply).toContainText("For me it starts with who gets a say.");
  await expect(alice.getByRole("textbox", { name: "Reply", exact: true })).toHaveValue("");
  await expectNoSeriousA11yViolations(alice, "thread page");

  // Bob joins and sees the thread as unread.
  const bob = await newPage();
  await signIn(bob, newEmail("bob"));
  await setName(bob, bobName);
  await bob.goto(`/n/${network.slug}`);
  await bob.getByLabel("I have read the principles and accept them.").check();
  await bob.getByRole("button", { name: "Join" }).click();
  await bob.getByRole("navigation", { name: "Network" }).getByRole("link", { name: "Dialogue" }).click();
  const listed = bob.getByRole("listitem").filter({ hasText: "System change, in our own words" });
  await expect(listed).toContainText("Unread");
  await expect(listed).toContainText("1 reply");
  await expectNoSeriousA11yViolations(bob, "dialogue list");
  await listed.getByRole("link", { name: "System change, in our own words" }).click();

  // Bob quotes Alice's reply and mentions her through the autocomplete.
  await bob.getByRole("article", { name: `Reply by ${aliceName}` }).getByRole("link", { name: `Quote the reply by ${aliceName}` }).click();
  const box = bob.getByRole("textbox", { name: "Reply", exact: true });
  await expect(box).toHaveValue(new RegExp(`^> \\*\\*${aliceName}:\\*\\*\\n> For me it starts with who gets a say.`));
  await expect(bob.getByText("Your reply quotes an earlier post.")).toBeVisible();
  // The quote is in the server's HTML, so the box shows it before React has hydrated the page.
  // Bob types at once, scripts loaded or not: what he types is kept, after the quote.
  await box.focus();
  await box.pressSequentially("Agreed, @Ali");
  const option = bob.getByRole("option", { name: aliceName });
  await expect(option).toBeVisible();
  await expectNoSeriousA11yViolations(bob, "thread page, mention suggestions");
  await box.press("Enter");
  await expect(bob.getByRole("listbox")).toHaveCount(0);
  await box.pressSequentially("and who decides.");
  await expect(box).toHaveValue(
    new RegExp(`^> \\*\\*${aliceName}:\\*\\*\\n> For me it starts with who gets a say\\.\\n\\nAgreed, @${aliceName} and who decides\\.$`),
  );
  await expect(bob.getByText(`Mentioning: ${aliceName}`)).toBeVisible();
  await bob.getByRole("button", { name: "Post reply" }).click();
  const bobReply = bob.getByRole("article", { name: `Reply by ${bobName}` });
  // Alice still has the thread open: Bob's reply arrives there live, marked as new since her visit.
  await expect(alice.getByRole("article", { name: `Reply by ${bobName}` })).toBeVisible({ timeout: 8_000 });
  await expect(alice.getByText("New since your last visit")).toBeVisible();
  await expect(bobReply).toContainText(`Agreed, @${aliceName} and who decides.`);
  await expect(bobReply.locator("blockquote")).toContainText("For me it starts with who gets a say.");
  await expect(bobReply.getByRole("link", { name: "in reply to an earlier post" })).toBeVisible();

  // Bob reacts to Alice's reply, and takes one reaction back.
  const agree = bob.getByRole("article", { name: `Reply by ${aliceName}` }).getByRole("button", { name: /^Agree/ });
  await expect(agree).toHaveAttribute("aria-pressed", "false");
  await agree.click();
  await expect(agree).toHaveAttribute("aria-pressed", "true");
  await expect(agree).toHaveAccessibleName("Agree 1");
  const question = bob.getByRole("article", { name: `Reply by ${aliceName}` }).getByRole("button", { name: /^Question/ });
  await question.click();
  await expect(question).toHaveAttribute("aria-pressed", "true");
  await question.click();
  await expect(question).toHaveAttribute("aria-pressed", "false");
  await expect(question).toHaveAccessibleName("Question 0");

  // Bob edits his reply; Alice, a broker, can read the earlier version.
  await bobReply.getByText("Edit", { exact: true }).click();
  await bobReply.getByLabel("Edit your reply").fill("Agreed: who decides matters most.");
  await bobReply.getByRole("button", { name: "Save changes" }).click();
  await expect(bobReply).toContainText("Agreed: who decides matters most.");
  await expect(bobReply).toContainText("edited");
  await alice.goto(threadUrl);
  const seenByAlice = alice.getByRole("article", { name: `Reply by ${bobName}` });
  await expect(seenByAlice).toContainText("Agreed: who decides matters most.");
  await seenByAlice.getByText("1 earlier version").click();
  await expect(seenByAlice).toContainText(`Agreed, @${aliceName} and who decides.`);

  // Bob deletes it; a tombstone stays.
  await bob.reload();
  await bobReply.getByText("Delete", { exact: true }).click();
  await bobReply.getByRole("button", { name: "Delete reply" }).click();
  await expect(bobReply).toContainText("This reply was deleted.");
  await expect(bobReply).not.toContainText("who decides");
  await expectNoSeriousA11yViolations(bob, "thread page, with a deleted reply");
});
