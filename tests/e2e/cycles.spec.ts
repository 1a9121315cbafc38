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
  // Two people, a refused and a valid cycle form, four reflections' worth of pages and five axe
  // checks: close to the default minute on a quiet machine, past it on a busy one.
  test.setTimeout(120_000);
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
  // Years ahead is refused too (the year 9999 once was accepted); two months ahead is fine.
  await alice.getByLabel("End of the WE phase").fill("2099-06-01T18:00");
  await alice.getByRole("button", { name: "Open the cycle" }).click();
  await expect(alice.getByText("Choose a moment within 366 days from now.")).toBeVisible();
  await alice.getByLabel("End of the WE phase").fill(new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 11) + "18:00");
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
  // The long WE-phase page starts with links to its sections; one moves to the synthesis.
  const contents = alice.getByRole("navigation", { name: "On this page" });
  await expect(contents.getByRole("link")).toHaveText(["Your reflection", "Others' reflections", "Synthesis", "Consent", "Broker tools"]);
  await contents.getByRole("link", { name: "Synthesis" }).click();
  await expect(alice).toHaveURL(/#synthesis-title$/);
  await expect(alice.locator("#synthesis-title")).toBeInViewport();
  await expectNoSeriousA11yViolations(alice, "cycle page, WE phase");
});

test("on the Dutch demo network the broker sees no reflection before reflecting, and the funder never does", async ({ page: broker, newPage }) => {
  // Hanneke, the broker, has not reflected yet; Joris and Fatima have (lib/db/demo.ts). Other
  // specs may join this open network meanwhile, so only the number who reflected is fixed.
  await signIn(broker, "hanneke@pathfinders.example");
  await broker.goto("/n/pathfinders-midden-brabant/cycles");
  await expect(broker.getByRole("heading", { name: "Na vijftien bijeenkomsten: wat is onze echte vraag?", level: 1 })).toBeVisible();
  await expect(broker.getByText("IK-fase: ieder reflecteert")).toBeVisible();
  await expect(broker.getByText(/^2 van \d+ hebben gereflecteerd$/)).toBeVisible();
  await expect(broker.getByText("Verborgen tot je je eigen reflectie hebt ingediend (of tot de WIJ-fase begint).")).toBeVisible();
  await expect(broker.getByText("Mijn betrokkenheid: ik zit hier namens een woningcorporatie", { exact: false })).toHaveCount(0);
  await expect(broker.getByText("Mijn autonomie: wat kan ik zelf doen?")).toBeVisible();
  await expectNoSeriousA11yViolations(broker, "cycle page in Dutch, broker before reflecting");

  const funder = await newPage();
  await signIn(funder, "fonds@brabantfonds.example");
  await funder.goto("/n/pathfinders-midden-brabant/cycles");
  await expect(funder.getByText(/^2 van \d+ hebben gereflecteerd$/)).toBeVisible();
  await expect(funder.getByText(/financiers zien hoeveel mensen gereflecteerd hebben/)).toBeVisible();
  await expect(funder.getByRole("textbox", { name: "Reflectie" })).toHaveCount(0);
  await expect(funder.getByText("woningcorporatie", { exact: false })).toHaveCount(0);
  await expectNoSeriousA11yViolations(funder, "cycle page in Dutch, funder");
});

async function join(page: Page, slug: string) {
  await page.goto(`/n/${slug}`);
  await page.getByLabel("I have read the principles and accept them.").check();
  await page.getByRole("button", { name: "Join" }).click();
  await expect(page.getByRole("navigation", { name: "Network" }).getByRole("link", { name: "Cycle" })).toBeVisible();
}

test("the WE phase: a co-written synthesis with a conflict, a consent round, closing, and the journey", async ({ page: alice, newPage }) => {
  test.setTimeout(120_000);
  const suffix = Date.now().toString(36);
  const names = { alice: `Alice Arendt ${suffix}`, bob: `Bob Bakker ${suffix}`, carol: `Carol Claes ${suffix}` };
  const network = { slug: newSlug("we"), name: "WE Commons", workingQuestion: "What connects our street?" };

  await signIn(alice, newEmail("alice"));
  await setName(alice, names.alice);
  await createNetwork(alice, network);
  const bob = await newPage();
  await signIn(bob, newEmail("bob"));
  await setName(bob, names.bob);
  await join(bob, network.slug);
  const carol = await newPage();
  await signIn(carol, newEmail("carol"));
  await setName(carol, names.carol);
  await join(carol, network.slug);
  // Dana joins as a funder through an invitation link.
  await alice.goto(`/n/${network.slug}/invitations`);
  await alice.getByLabel("Role").selectOption("funder");
  await alice.getByRole("button", { name: "Create link" }).click();
  const link = await alice.getByTestId("invitation-link").inputValue();
  const dana = await newPage();
  await signIn(dana, newEmail("dana"));
  await dana.goto(link);
  await dana.getByLabel("I have read the principles and accept them.").check();
  await dana.getByRole("button", { name: "Accept and join" }).click();
  await expect(dana).toHaveURL(new RegExp(`/n/${network.slug}\\?joined=1$`));

  // Alice opens a cycle; Bob reflects; Alice moves the cycle to the WE phase.
  await alice.goto(`/n/${network.slug}/cycles/new`);
  await alice.getByLabel("Title").fill("Our street");
  await alice.getByRole("button", { name: "Open the cycle" }).click();
  await expect(alice.getByRole("heading", { name: "Our street", level: 1 })).toBeVisible();
  await bob.goto(`/n/${network.slug}/cycles`);
  await bob.getByRole("textbox", { name: "Reflection", exact: true }).fill("What I observe: the bench is where people meet.");
  await bob.getByRole("button", { name: "Submit reflection" }).click();
  await expect(bob.getByText("Your reflection is submitted.")).toBeVisible();
  await alice.getByRole("button", { name: "Start the WE phase now" }).click();
  await expect(alice.getByText("WE phase: the synthesis")).toBeVisible();
  await expect(alice.getByText("Nobody has written the synthesis yet.")).toBeVisible();
  await expectNoSeriousA11yViolations(alice, "cycle page, WE phase, no synthesis");

  // Bob and Carol both open the synthesis form on "no revision yet".
  await bob.goto(`/n/${network.slug}/cycles`);
  await carol.goto(`/n/${network.slug}/cycles`);
  const bobText = bob.getByRole("textbox", { name: "Synthesis", exact: true });
  await expect(bobText).toHaveValue(/## What connects us/);
  await bobText.fill("## What connects us\n\nThe bench in our street.\n\n## Our common interest\n\nA place to meet.\n\n## What we will do next\n\nPaint the bench.");
  await bob.getByRole("checkbox", { name: "The reflection by you (Observations and facts)" }).check();
  await bob.getByRole("button", { name: "Save the synthesis" }).click();
  await expect(bob.getByText("Saved as revision 1.")).toBeVisible();

  // Carol saves on the same starting point: a conflict, and she sees both texts.
  const carolText = carol.getByRole("textbox", { name: "Synthesis", exact: true });
  await carolText.fill("## What connects us\n\nCarol's view: the corner shop.");
  await carol.getByRole("button", { name: "Save the synthesis" }).click();
  await expect(carol.getByText("Someone saved the synthesis while you were writing")).toHaveAttribute("role", "alert");
  await expect(carol.getByRole("textbox", { name: "Your text (not saved yet)" })).toHaveValue("## What connects us\n\nCarol's view: the corner shop.");
  await expect(carol.getByRole("textbox", { name: `The text saved in the meantime: revision 1 by ${names.bob}` })).toHaveValue(/The bench in our street\./);
  await expectNoSeriousA11yViolations(carol, "cycle page, synthesis conflict");
  await carol
    .getByRole("textbox", { name: "Your text (not saved yet)" })
    .fill("## What connects us\n\nThe bench in our street, and the corner shop.\n\n## Our common interest\n\nA place to meet.\n\n## What we will do next\n\nPaint the bench.");
  await carol.getByRole("checkbox", { name: `The reflection by ${names.bob} (Observations and facts)` }).check();
  await carol.getByRole("button", { name: "Save the synthesis" }).click();
  await expect(carol.getByText("Saved as revision 2.")).toBeVisible();

  // Revision 2 can be viewed with what changed since revision 1.
  await carol.getByRole("link", { name: `Revision 2 by ${names.carol}` }).click();
  await expect(carol.getByRole("heading", { name: "What changed since revision 1" })).toBeVisible();
  await expect(carol.locator("ins").first()).toContainText("corner shop");
  await expectNoSeriousA11yViolations(carol, "cycle page, a revision with its diff");

  // Alice asks for consent; Bob agrees; Carol agrees with a concern.
  await alice.reload();
  await expect(alice.getByRole("link", { name: `The reflection by ${names.bob} (Observations and facts)` })).toBeVisible();
  await alice.getByRole("button", { name: "Ask for consent on revision 2" }).click();
  await expect(alice.getByText("0 of 3 have answered")).toBeVisible();
  await bob.goto(`/n/${network.slug}/cycles`);
  await bob.getByRole("radio", { name: "I agree", exact: true }).check();
  await bob.getByRole("button", { name: "Save my answer" }).click();
  await expect(bob.getByText("Your answer is saved.")).toBeVisible();
  await carol.goto(`/n/${network.slug}/cycles`);
  await carol.getByRole("radio", { name: "I agree, with a concern" }).check();
  await carol.getByRole("button", { name: "Save my answer" }).click();
  await expect(carol.getByText("Please fill this in.")).toBeVisible();
  await carol.getByLabel("Your concern or reason").fill("Who pays for the paint?");
  await carol.getByRole("button", { name: "Save my answer" }).click();
  await expect(carol.getByText("Your answer is saved.")).toBeVisible();
  await expectNoSeriousA11yViolations(carol, "cycle page, consent answered");

  // The funder sees participation, never a reflection, nor the synthesis being written, nor the answers.
  await dana.goto(`/n/${network.slug}/cycles`);
  await expect(dana.getByText("2 of 3 have answered")).toBeVisible();
  await expect(dana.getByText("1 of 3 have reflected")).toBeVisible();
  await expect(dana.getByText("the bench is where people meet")).toHaveCount(0);
  await expect(dana.getByText("corner shop")).toHaveCount(0);
  await expect(dana.getByText("Who pays for the paint?")).toHaveCount(0);
  await expect(dana.getByRole("textbox")).toHaveCount(0);
  await expectNoSeriousA11yViolations(dana, "cycle page, WE phase, funder");

  // Alice closes the cycle: it appears in the journey, with the concern.
  await alice.reload();
  await expect(alice.getByText("2 of 3 have answered")).toBeVisible();
  await alice.getByRole("button", { name: "Close the cycle" }).click();
  await expect(alice).toHaveURL(new RegExp(`/n/${network.slug}/cycles/journey$`));
  await expect(alice.getByRole("heading", { name: "Our journey", level: 1 })).toBeVisible();
  const entry = alice.getByRole("article", { name: "Our street" });
  await expect(entry).toContainText("The bench in our street, and the corner shop.");
  await expect(entry).toContainText("1 of 3 have reflected");
  await expect(entry).toContainText(`Concern from ${names.carol}: Who pays for the paint?`);
  await expectNoSeriousA11yViolations(alice, "journey");

  // The funder reads the journey: the synthesis and participation, no concern, no reflection.
  await dana.goto(`/n/${network.slug}/cycles/journey`);
  const seen = dana.getByRole("article", { name: "Our street" });
  await expect(seen).toContainText("The bench in our street, and the corner shop.");
  await expect(seen).toContainText("1 of 3 have reflected");
  await expect(seen).toContainText("draws on 1 reflection");
  await expect(seen).not.toContainText("Who pays for the paint?");
  await expect(seen).not.toContainText("the bench is where people meet");
  await expect(seen.getByRole("link")).toHaveCount(0);
  await expectNoSeriousA11yViolations(dana, "journey, funder");

  // The next cycle can start from that concern.
  await entry.getByRole("link", { name: "Start the next cycle from this concern" }).click();
  await expect(alice.getByLabel("Question")).toHaveValue("Who pays for the paint?");
  await alice.goto(`/n/${network.slug}/cycles`);
  await expect(alice.getByText("No reflection cycle is open at the moment.")).toBeVisible();
});
