import { newEmail, newSlug, signIn } from "./support/auth";
import { createNetwork } from "./support/networks";
import { expect, test } from "./support/test";

test("a request is approved, the member's role changed, then the member removed", async ({ page: broker, newPage }) => {
  const network = { slug: newSlug("request"), name: "Request Garden" };
  const requesterName = `Robin Requester ${Date.now().toString(36)}`;
  await signIn(broker, newEmail("broker"));
  await createNetwork(broker, { ...network, joining: "Join by request" });

  // The requester arrives as a visitor, signs in from the network page and names themself.
  const requester = await newPage();
  await requester.goto(`/n/${network.slug}`);
  await expect(requester.getByText("Sign in to join this network.")).toBeVisible();
  await requester.getByRole("complementary", { name: "Membership" }).getByRole("link", { name: "Sign in" }).click();
  await expect(requester).toHaveURL(/\/signin\?callbackUrl=/);
  await signIn(requester, newEmail("requester"));
  await expect(requester).toHaveURL(new RegExp(`/n/${network.slug}$`));
  await requester.goto("/profile");
  await requester.getByRole("textbox", { name: "Name" }).fill(requesterName);
  await requester.getByRole("button", { name: "Save profile" }).click();
  await expect(requester.getByText("Your profile is saved.")).toBeVisible();

  // Asking to join needs the principles.
  await requester.goto(`/n/${network.slug}`);
  await expect(requester.getByRole("heading", { name: "Ask to join" })).toBeVisible();
  await requester.getByLabel("Message to the brokers").fill("I run the seed library on Elm Street.");
  await requester.getByRole("button", { name: "Send request" }).click();
  await expect(requester.getByText("Joining means accepting the principles: tick the box to go on.")).toBeVisible();
  await expect(requester.getByLabel("Message to the brokers")).toHaveValue("I run the seed library on Elm Street.");
  await requester.getByLabel("I have read the principles and accept them.").check();
  await requester.getByRole("button", { name: "Send request" }).click();
  // The page re-renders with the request pending (the form and its own "sent" message go).
  await expect(requester.getByRole("status").filter({ hasText: "Your request to join is waiting for a broker." })).toBeVisible();
  await requester.reload();
  await expect(requester.getByText("Your request to join is waiting for a broker.")).toBeVisible();
  await expect(requester.getByRole("button", { name: "Send request" })).toHaveCount(0);
  expect((await requester.goto(`/n/${network.slug}/members`))?.status()).toBe(404);

  // The broker approves it.
  await broker.goto(`/n/${network.slug}/requests`);
  const request = broker.getByRole("listitem").filter({ hasText: requesterName });
  await expect(request).toContainText("I run the seed library on Elm Street.");
  await request.getByRole("button", { name: "Approve" }).click();
  await expect(broker.getByText("No requests are waiting.")).toBeVisible();

  // The requester is in.
  await requester.goto(`/n/${network.slug}/members`);
  await expect(requester.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  await expect(requester.getByRole("heading", { name: requesterName })).toContainText("(you)");
  await expect(requester.getByRole("button", { name: "Change role" })).toHaveCount(0);

  // The broker makes them a funder; the audit log records it.
  await broker.goto(`/n/${network.slug}/members`);
  const member = broker.getByRole("listitem").filter({ has: broker.getByRole("heading", { name: requesterName }) });
  await expect(member).toContainText("Member · since");
  await member.getByLabel(`Role of ${requesterName}`).selectOption({ label: "Funder" });
  await member.getByRole("button", { name: "Change role" }).click();
  await expect(member.getByRole("status")).toHaveText("The role is changed.");
  await expect(member).toContainText("Funder · since");
  await expect(member.getByLabel(`Role of ${requesterName}`)).toHaveValue("funder");
  await broker.reload();
  await expect(member.getByLabel(`Role of ${requesterName}`)).toHaveValue("funder");
  await broker.getByRole("navigation", { name: "Network" }).getByRole("link", { name: "Audit" }).click();
  await expect(broker.getByRole("row").filter({ hasText: `changed the role of ${requesterName} from Member to Funder` })).toBeVisible();
  await expect(broker.getByRole("row").filter({ hasText: `approved the request of ${requesterName}` })).toBeVisible();

  // The broker removes them (after a confirmation dialog).
  await broker.goto(`/n/${network.slug}/members`);
  broker.once("dialog", async (dialog) => {
    expect(dialog.type()).toBe("confirm");
    expect(dialog.message()).toBe(`Remove ${requesterName} from this network?`);
    await dialog.accept();
  });
  await member.getByRole("button", { name: "Remove" }).click();
  await expect(broker.getByRole("heading", { name: requesterName })).toHaveCount(0);
  await broker.goto(`/n/${network.slug}/audit`);
  await expect(broker.getByRole("row").filter({ hasText: `removed ${requesterName}` })).toBeVisible();

  // The removed member is shut out of the members area, and told why on the home page.
  const response = await requester.goto(`/n/${network.slug}/members`);
  expect(response?.status()).toBe(404);
  await expect(requester.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await requester.goto(`/n/${network.slug}`);
  await expect(
    requester.getByText("A broker removed you from this network. You can come back with an invitation."),
  ).toBeVisible();
  await expect(requester.getByRole("button", { name: "Send request" })).toHaveCount(0);
});
