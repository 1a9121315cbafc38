import { expectNoSeriousA11yViolations } from "./support/a11y";
import { signIn } from "./support/auth";
import { expect, test } from "./support/test";

const SLUG = "pathfinders-midden-brabant";

test("a member says what they can help with on the members page: a bad tag is refused at the field with the text kept, then the tags are stored normalised (Dutch)", async ({ page }) => {
  // Fatima, a Pathfinders member who writes in Dutch (lib/db/demo-content.ts); the other test signs in as Joris.
  await signIn(page, "fatima@pathfinders.example");
  await page.goto(`/n/${SLUG}/members`);
  const section = page.getByRole("region", { name: "Waarmee ik kan helpen" });
  const field = section.getByRole("textbox", { name: "Ik kan helpen met" });
  const typed = "Gemeente, Wonen, Vergaderruimte, ???";
  await field.fill(typed);
  await section.getByRole("button", { name: "Bewaar waarmee ik kan helpen" }).click();
  await expect(section.getByText("Gebruik letters of cijfers in elke tag")).toBeVisible();
  await expect(field).toHaveValue(typed);
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expectNoSeriousA11yViolations(page, "members page, help tags refused");
  await field.fill("Gemeente, Wonen, Vergaderruimte, Buurt Energie");
  await section.getByRole("button", { name: "Bewaar waarmee ik kan helpen" }).click();
  await expect(section.getByRole("status")).toContainText("Bewaard");
  // The vocabulary's label is stored as its slug, a free tag normalised.
  await expect(field).toHaveValue("gemeente, wonen, vergaderruimte, buurt-energie");
  await page.reload();
  // The directory names vocabulary tags by their label in the reader's language, free tags as stored.
  await expect(page.getByTestId("member-help-tags").filter({ hasText: "buurt-energie" })).toContainText("Gemeente, wonen, Vergaderruimte, buurt-energie");
});

test("the author of a request sees the posts and people that may match it, and its milestone lists it with 'offer help' (Dutch)", async ({ page }) => {
  // Joris asks for a room for 20 people in Tilburg for the Piushaven milestone; Fatima offers the
  // library's meeting room; Hanneke can help with meeting space (lib/db/demo-content.ts).
  await signIn(page, "joris@pathfinders.example");
  await page.goto(`/n/${SLUG}/exchange`);
  await page.getByRole("link", { name: "Ruimte voor 20 mensen in Tilburg" }).first().click();
  const matches = page.getByRole("region", { name: "Mensen en berichten die misschien passen" });
  await expect(matches.getByRole("link", { name: "Vergaderzaal in de bibliotheek, Tilburg" })).toBeVisible();
  await expect(matches).toContainText("Hanneke Smits");
  await expectNoSeriousA11yViolations(page, "post page with its matches");

  await page.goto(`/n/${SLUG}/initiatives`);
  await page.getByRole("link", { name: "Maak Tilburg Beter: studenten en buurtinitiatieven" }).click();
  const needs = page.getByRole("region", { name: /Wat deze stap nodig heeft naast geld/ }).first();
  await expect(needs.getByRole("link", { name: "Ruimte voor 20 mensen in Tilburg" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "initiative page with a milestone's needs");
  await needs.getByRole("link", { name: "Bied hulp aan bij deze stap" }).click();
  // The new post's form starts as an offer for that milestone.
  await expect(page.getByRole("combobox", { name: "Aanbod of vraag" })).toHaveValue("offer");
  await expect(page.getByRole("combobox", { name: "Wat dit mogelijk maakt" })).toHaveValue(/^milestone:/);
});
