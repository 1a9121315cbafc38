import { expectNoSeriousA11yViolations } from "./support/a11y";
import { signIn } from "./support/auth";
import { expect, test } from "./support/test";

const SLUG = "siac";

test("a member asks for time (money refused at its field, nothing typed lost), then marks it fulfilled and thanks the helper; a broker adds a tag", async ({
  page: tomas,
  newPage,
}) => {
  test.setTimeout(60_000);
  const title = `Help with our flyer ${Date.now().toString(36)}`;
  // The SIAC demo member (lib/db/demo-content.ts): the demo's offers and requests are there.
  await signIn(tomas, "tomas@siac.example");
  await tomas.goto(`/n/${SLUG}`);
  await tomas.getByRole("navigation", { name: "Network" }).getByRole("link", { name: "Exchange" }).click();
  await expect(tomas.getByRole("heading", { name: "Offers and requests", level: 1 })).toBeVisible();
  await expect(tomas.getByRole("region", { name: "Open offers and requests" })).toContainText("A room for 20 people in Baia Mare");
  await expectNoSeriousA11yViolations(tomas, "offers and requests");

  await tomas.getByRole("link", { name: "New offer or request" }).click();
  await tomas.getByRole("combobox", { name: "Kind of capital" }).selectOption("money");
  await tomas.getByRole("textbox", { name: "Title" }).fill(title);
  await tomas.getByRole("textbox", { name: "Description" }).fill("Two hours of **design** help.");
  await tomas.getByRole("textbox", { name: "Town or area" }).fill("Stationsstraat 12, Baia Mare");
  await tomas.getByRole("button", { name: "Post", exact: true }).click();
  await expect(tomas.getByText(/Money is not exchanged here: pledge it/)).toBeVisible();
  await expect(tomas.getByText(/Give a town or area, not a street address/)).toBeVisible();
  await expect(tomas.getByRole("textbox", { name: "Title" })).toHaveValue(title);
  await expect(tomas.getByRole("textbox", { name: "Description" })).toHaveValue("Two hours of **design** help.");
  await expectNoSeriousA11yViolations(tomas, "new offer or request, refused");
  await tomas.getByRole("combobox", { name: "Kind of capital" }).selectOption("time");
  await tomas.getByRole("textbox", { name: "Town or area" }).fill("Baia Mare");
  await tomas.getByRole("button", { name: "Post", exact: true }).click();
  await expect(tomas.getByRole("heading", { name: title, level: 1 })).toBeVisible();

  await tomas.getByRole("button", { name: "Someone is on it" }).click();
  await expect(tomas.getByText("In progress").first()).toBeVisible();
  await tomas.getByRole("combobox", { name: "Who helped" }).selectOption({ label: "Ioana Pop" });
  await tomas.getByRole("textbox", { name: "A public thank-you" }).fill("Thank you, Ioana!");
  await tomas.getByRole("textbox", { name: "A lesson" }).fill("Ask early.");
  await tomas.getByRole("button", { name: "Mark fulfilled" }).click();
  await expect(tomas.getByRole("region", { name: "Fulfilled" })).toContainText("Ioana Pop helped.");
  await expect(tomas.getByRole("region", { name: "Fulfilled" })).toContainText("Thank you, Ioana!");
  await expectNoSeriousA11yViolations(tomas, "a fulfilled request");
  await tomas.goto(`/n/${SLUG}/initiatives/lessons`);
  await expect(tomas.getByRole("list", { name: "Lessons log" })).toContainText("Ask early.");

  const mara = await newPage();
  await signIn(mara, "mara@siac.example");
  await mara.goto(`/n/${SLUG}/exchange`);
  await mara.getByRole("link", { name: "Tags", exact: true }).click();
  await mara.getByRole("textbox", { name: "Tag", exact: true }).fill("Legal Help");
  await mara.getByRole("textbox", { name: "Label in English" }).first().fill("Legal help");
  await mara.getByRole("textbox", { name: "Label in Dutch" }).first().fill("Juridische hulp");
  await mara.getByRole("button", { name: "Add a tag" }).click();
  await expect(mara.getByText("The tag was added.")).toBeVisible();
  await expect(mara.getByRole("button", { name: "Remove “legal-help”" })).toBeVisible();
  await expectNoSeriousA11yViolations(mara, "the tags of offers and requests");
});

test("a member asks for help with a milestone; another offers it in a private conversation; the request is fulfilled with a thank-you", async ({ page: ioana, newPage }) => {
  test.setTimeout(90_000);
  const title = `A projector for the lab ${Date.now().toString(36)}`;

  // Ioana (a member of the SIAC demo network) asks, for a milestone of the network's initiative.
  await signIn(ioana, "ioana@siac.example");
  await ioana.goto(`/n/${SLUG}/exchange`);
  await ioana.getByRole("link", { name: "New offer or request" }).click();
  await ioana.getByRole("combobox", { name: "Offer or request" }).selectOption("request");
  await ioana.getByRole("combobox", { name: "Kind of capital" }).selectOption("materials");
  await ioana.getByRole("textbox", { name: "Title", exact: true }).fill(title);
  await ioana.getByRole("textbox", { name: "Description" }).fill("For the **co-creation session** with the city: a projector for one afternoon.");
  const unlocks = ioana.getByRole("combobox", { name: "What this unlocks" });
  const milestone = (await unlocks.locator("option").allTextContents()).find((label) => label.includes(": "));
  expect(milestone, "the demo initiative has a milestone to link").toBeTruthy();
  await unlocks.selectOption({ label: milestone! });
  await ioana.getByRole("textbox", { name: "Town or area" }).fill("Baia Mare");
  await ioana.getByRole("button", { name: "Post", exact: true }).click();
  await expect(ioana.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  const postUrl = new URL(ioana.url()).pathname;
  // Her own post takes no "I can help" from her: she sees the conversations on it (none yet).
  const onYours = ioana.getByRole("region", { name: "Conversations on your post" });
  await expect(onYours).toContainText("Nobody has answered yet.");
  await expectNoSeriousA11yViolations(ioana, "a request's page, its author");

  // Tomas offers help: the first message opens a private conversation with her.
  const tomas = await newPage();
  await signIn(tomas, "tomas@siac.example");
  await tomas.goto(postUrl);
  const answer = tomas.getByRole("region", { name: "I can help" });
  await expect(answer).toContainText("Only the two of you read it");
  await answer.getByRole("button", { name: "I can help" }).click();
  // Nothing typed: refused at the field, and nothing sent.
  await expect(answer.getByText("Please fill this in.")).toBeVisible();
  await expectNoSeriousA11yViolations(tomas, "a request's page, answering, refused");
  await answer.getByRole("textbox", { name: /^Your message to Ioana Pop/ }).fill("Our lab has a **projector**. I can bring it on Tuesday.");
  await answer.getByRole("button", { name: "I can help" }).click();
  await expect(tomas.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await expect(tomas).toHaveURL(new RegExp(`${postUrl}/conversations/[^/]+$`));
  const conversationUrl = new URL(tomas.url()).pathname;
  await expect(tomas.getByRole("list", { name: "Messages" })).toContainText("Our lab has a projector.");
  await expect(tomas.getByText(/Only you and Ioana Pop can read this conversation/)).toBeVisible();
  await expectNoSeriousA11yViolations(tomas, "a conversation, its starter");

  // Ioana hears of it, follows the notification, and answers.
  await ioana.goto("/notifications");
  await ioana.getByRole("link", { name: new RegExp(`Tomas Novak answered “${title}”`) }).click();
  await expect(ioana).toHaveURL(new RegExp(`${conversationUrl}$`));
  await ioana.getByRole("textbox", { name: /^Your message to Tomas Novak/ }).fill("Wonderful: Tuesday at two, at the cultural centre.");
  await ioana.getByRole("button", { name: "Send message" }).click();
  await expect(ioana.getByText("Message sent.")).toBeVisible();
  await expect(ioana.getByRole("list", { name: "Messages" }).getByRole("listitem")).toHaveCount(2);
  await expect(ioana.getByRole("textbox", { name: /^Your message to Tomas Novak/ })).toHaveValue("");
  await expectNoSeriousA11yViolations(ioana, "a conversation, the post's author");

  // Tomas reads her answer; his list of conversations has it.
  await tomas.goto(`/n/${SLUG}/exchange/conversations`);
  await tomas.getByRole("link", { name: title }).click();
  await expect(tomas.getByRole("list", { name: "Messages" })).toContainText("Tuesday at two");

  // Nobody else reads it: not the network's broker.
  const mara = await newPage();
  await signIn(mara, "mara@siac.example");
  const refused = await mara.goto(conversationUrl);
  expect(refused?.status()).toBe(404);

  // The request is fulfilled: Tomas helped, with a public thank-you.
  await ioana.goto(postUrl);
  await expect(ioana.getByRole("region", { name: "Conversations on your post" }).getByRole("link", { name: "Tomas Novak" })).toBeVisible();
  await ioana.getByRole("combobox", { name: "Who helped" }).selectOption({ label: "Tomas Novak" });
  await ioana.getByRole("textbox", { name: "A public thank-you" }).fill("Thank you, Tomas: the projector made the session.");
  await ioana.getByRole("button", { name: "Mark fulfilled" }).click();
  await expect(ioana.getByText("Tomas Novak helped.")).toBeVisible();
  await expect(ioana.getByText("Thank you, Tomas: the projector made the session.")).toBeVisible();
  await expectNoSeriousA11yViolations(ioana, "a fulfilled request");

  // Closed: it takes no new conversations, and the one there stays readable.
  await mara.goto(postUrl);
  await expect(mara.getByText("This post is closed: it takes no new conversations.")).toBeVisible();
  await tomas.goto(conversationUrl);
  await expect(tomas.getByRole("list", { name: "Messages" }).getByRole("listitem")).toHaveCount(2);
});

test.describe("on a phone (390 × 844), in Dutch", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("a broker finds the demo conversation on her offer, reads it without sideways scrolling and answers", async ({ page }) => {
    // The Pathfinders' broker (lib/db/demo-content.ts): Joris answered her coaching offer.
    await signIn(page, "hanneke@pathfinders.example");
    await page.goto("/n/pathfinders-midden-brabant/exchange/conversations");
    await expect(page.getByRole("heading", { name: "Mijn gesprekken", level: 1 })).toBeVisible();
    await page.getByRole("link", { name: "Coaching bij het schrijven van een subsidieaanvraag" }).click();
    await expect(page.getByRole("list", { name: "Berichten" })).toContainText("Stuur me je eerste opzet");
    await expect(page.getByText(/Alleen jij en Joris .* kunnen dit gesprek lezen/)).toBeVisible();
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    await expectNoSeriousA11yViolations(page, "a conversation on a phone, in Dutch");
    await page.getByRole("textbox", { name: /^Je bericht aan Joris/ }).fill("Tot dan!");
    await page.getByRole("button", { name: "Bericht versturen" }).click();
    await expect(page.getByText("Bericht verstuurd.")).toBeVisible();
    await expect(page.getByRole("list", { name: "Berichten" })).toContainText("Tot dan!");
  });
});
