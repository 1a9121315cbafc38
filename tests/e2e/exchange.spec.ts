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
