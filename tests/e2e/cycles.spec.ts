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

test("a broker opens a cycle; a member sees others' reflections only after submitting their own", async ({ page: alice, newPage }) => {
  const suffix = Date.now().toString(36);
  const aliceName = `Alice Arendt ${suffix}`;
  const bobName = `Bob Bakker ${suffix}`;
  const network = { slug: newSlug("cycles"), name: "Cycle Commons", workingQuestion: "What are we really working on?" };

  // Alice creates the network (she is its broker) and opens a cycle.
  await signIn(alice, newEmail("alice"));
  await setName(alice, aliceName);
  await createNetwork(alice, network);
  await alice.getByRole("navigation", { name: "Network" }).getByRole("link", { name: "Cycle" }).click();
  await expect(alice.getByText("No reflection cycle is open at the moment.")).toBeVisible();
  await expectNoSeriousA11yViolations(alice, "cycle page, none open");
  await alice.getByRole("link", { name: "Open a cycle" }).click();
  await expect(alice.getByRole("heading", { name: "Open a reflection cycle", level: 1 })).toBeVisible();
  await expect(alice.getByLabel("Question")).toHaveValue(network.workingQuestion);
  await expectNoSeriousA11yViolations(alice, "open a cycle");

  // A refused form keeps what was typed and says which field is wrong.
  await alice.getByLabel("Question").fill("Is this the real question for us?");
  await alice.getByLabel("End of the WE phase").fill("2020-01-01T10:00");
  await alice.getByRole("button", { name: "Open the cycle" }).click();
  await expect(alice.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  await expect(alice.getByText("Please fill this in.")).toBeVisible();
  await expect(alice.getByLabel("Question")).toHaveValue("Is this the real question for us?");
  await expectNoSeriousA11yViolations(alice, "open a cycle, invalid");
  await alice.getByLabel("Title").fill("Our first round");
  await alice.getByRole("button", { name: "Open the cycle" }).click();
  await expect(alice.getByLabel("End of the WE phase")).toHaveAttribute("aria-invalid", "true");
  await expect(alice.getByText("Choose a moment in the future.")).toBeVisible();
  await alice.getByLabel("End of the WE phase").fill("2099-06-01T18:00");
  await alice.getByRole("button", { name: "Open the cycle" }).click();
  await expect(alice).toHaveURL(new RegExp(`/n/${network.slug}/cycles$`));
  await expect(alice.getByRole("heading", { name: "Our first round", level: 1 })).toBeVisible();
  await expect(alice.getByText("Is this the real question for us?")).toBeVisible();
  await expect(alice.getByText("I phase: each of us reflects")).toBeVisible();
  await expect(alice.getByText("0 of 1 have reflected")).toBeVisible();

  // Alice reflects first.
  await alice.getByRole("textbox", { name: "Reflection", exact: true }).fill("**My autonomy:** I can convene the next meeting myself.");
  await alice.getByLabel("Area").selectOption({ label: "Means" });
  await alice.getByRole("button", { name: "Submit reflection" }).click();
  await expect(alice.getByText("Your reflection is submitted.")).toBeVisible();
  await expect(alice.getByText("No shared reflections yet.")).toBeVisible();
  await expectNoSeriousA11yViolations(alice, "cycle page, broker after reflecting");

  // Bob joins: he sees the question and participation, but not Alice's reflection.
  const bob = await newPage();
  await signIn(bob, newEmail("bob"));
  await setName(bob, bobName);
  await bob.goto(`/n/${network.slug}`);
  await bob.getByLabel("I have read the principles and accept them.").check();
  await bob.getByRole("button", { name: "Join" }).click();
  await bob.getByRole("navigation", { name: "Network" }).getByRole("link", { name: "Cycle" }).click();
  await expect(bob.getByRole("heading", { name: "Our first round", level: 1 })).toBeVisible();
  await expect(bob.getByText("1 of 2 have reflected")).toBeVisible();
  await expect(bob.getByText(/You will see the others' reflections once you have submitted your own/)).toBeVisible();
  await expect(bob.getByText("Hidden until you submit your own reflection")).toBeVisible();
  await expect(bob.getByText("I can convene the next meeting myself.")).toHaveCount(0);
  await expect(bob.getByText("My involvement: how am I part of this question?")).toBeVisible();
  await expectNoSeriousA11yViolations(bob, "cycle page, member before reflecting");

  // A draft is kept on the server: it survives leaving the page, and reveals nothing.
  await bob.getByRole("textbox", { name: "Reflection", exact: true }).fill("What I observe: people come when the agenda is open.");
  await bob.getByRole("button", { name: "Save draft" }).click();
  await expect(bob.getByText("Your draft is saved. Only you can see it.")).toBeVisible();
  await bob.reload();
  await expect(bob.getByRole("textbox", { name: "Reflection", exact: true })).toHaveValue("What I observe: people come when the agenda is open.");
  await expect(bob.getByText("Draft: not submitted yet.")).toBeVisible();
  await expect(bob.getByText("I can convene the next meeting myself.")).toHaveCount(0);

  // Bob submits: now Alice's reflection appears, grouped under its area.
  await bob.getByRole("button", { name: "Submit reflection" }).click();
  await expect(bob.getByText("Your reflection is submitted.")).toBeVisible();
  const aliceReflection = bob.getByRole("article", { name: `By ${aliceName}` });
  await expect(aliceReflection).toContainText("I can convene the next meeting myself.");
  await expect(aliceReflection.locator("strong")).toHaveText("My autonomy:");
  await expect(bob.getByRole("heading", { name: "Means", level: 3 })).toBeVisible();
  await expect(bob.getByText("2 of 2 have reflected")).toBeVisible();
  await expectNoSeriousA11yViolations(bob, "cycle page, member after reflecting");

  // Alice now sees Bob's, and moves the cycle to the WE phase.
  await alice.reload();
  await expect(alice.getByRole("article", { name: `By ${bobName}` })).toContainText("people come when the agenda is open");
  await alice.getByRole("button", { name: "Start the WE phase now" }).click();
  await expect(alice.getByText("WE phase: the synthesis")).toBeVisible();
  await expect(alice.getByText("The I phase is over. This is your reflection:")).toBeVisible();
  await expectNoSeriousA11yViolations(alice, "cycle page, WE phase");
});

test("on the Dutch demo network the broker sees no reflection before reflecting, and the funder never does", async ({ page: broker, newPage }) => {
  // Hanneke, the broker, has not reflected yet; Joris and Fatima have (lib/db/demo.ts).
  await signIn(broker, "hanneke@pathfinders.example");
  await broker.goto("/n/pathfinders-midden-brabant/cycles");
  await expect(broker.getByRole("heading", { name: "Na vijftien bijeenkomsten: wat is onze echte vraag?", level: 1 })).toBeVisible();
  await expect(broker.getByText("IK-fase: ieder reflecteert")).toBeVisible();
  await expect(broker.getByText("2 van 3 hebben gereflecteerd")).toBeVisible();
  await expect(broker.getByText("Verborgen tot je je eigen reflectie hebt ingediend (of tot de WIJ-fase begint).")).toBeVisible();
  await expect(broker.getByText("Mijn betrokkenheid: ik zit hier namens een woningcorporatie", { exact: false })).toHaveCount(0);
  await expect(broker.getByText("Mijn autonomie: wat kan ik zelf doen?")).toBeVisible();
  await expectNoSeriousA11yViolations(broker, "cycle page in Dutch, broker before reflecting");

  const funder = await newPage();
  await signIn(funder, "fonds@brabantfonds.example");
  await funder.goto("/n/pathfinders-midden-brabant/cycles");
  await expect(funder.getByText("2 van 3 hebben gereflecteerd")).toBeVisible();
  await expect(funder.getByText(/financiers zien hoeveel mensen gereflecteerd hebben/)).toBeVisible();
  await expect(funder.getByRole("textbox", { name: "Reflectie" })).toHaveCount(0);
  await expect(funder.getByText("woningcorporatie", { exact: false })).toHaveCount(0);
  await expectNoSeriousA11yViolations(funder, "cycle page in Dutch, funder");
});
