import { newEmail, newSlug, signIn } from "./support/auth";
import { createNetwork } from "./support/networks";
import { expect, test } from "./support/test";

test("an invitation link lets one person join, once; a revoked link stays shut", async ({ page: broker, newPage }) => {
  const network = { slug: newSlug("invite"), name: "Invitation Circle" };
  await signIn(broker, newEmail("broker"));
  // Private and by invitation: the link is the only way in.
  await createNetwork(broker, { ...network, visibility: "Private", joining: "By invitation" });

  // The broker makes a member link.
  await broker.getByRole("navigation", { name: "Network" }).getByRole("link", { name: "Invites" }).click();
  await expect(broker).toHaveURL(new RegExp(`/n/${network.slug}/invitations$`));
  await expect(broker.getByText("No invitations yet.")).toBeVisible();
  await expect(broker.getByLabel("Role")).toHaveValue("member");
  await broker.getByLabel("Valid for (days)").fill("3");
  await broker.getByLabel("Note").fill("For the guest");
  await broker.getByRole("button", { name: "Create link" }).click();
  const linkField = broker.getByTestId("invitation-link");
  await expect(linkField).toHaveValue(new RegExp(`/n/${network.slug}/invite/[A-Za-z0-9_-]{43}$`));
  const link = await linkField.inputValue();
  await expect(broker.getByRole("listitem").filter({ hasText: "For the guest" })).toContainText("Member · open");

  // A second person opens it, signs in from there and comes back to it.
  const guest = await newPage();
  await guest.goto(link);
  await expect(guest.getByRole("heading", { name: `Invitation: ${network.name}` })).toBeVisible();
  await expect(guest.getByText("You are invited to join as Member.")).toBeVisible();
  await guest.getByRole("link", { name: "Sign in to accept" }).click();
  await expect(guest).toHaveURL(/\/signin\?callbackUrl=/);
  await signIn(guest, newEmail("guest"));
  expect(guest.url()).toBe(link);
  await guest.getByLabel("I have read the principles and accept them.").check();
  await guest.getByRole("button", { name: "Accept and join" }).click();
  await expect(guest).toHaveURL(new RegExp(`/n/${network.slug}\\?joined=1$`));
  await expect(guest.getByRole("status").filter({ hasText: `Welcome to ${network.name}.` })).toBeVisible();
  await expect(guest.getByText("You are a Member of this network.")).toBeVisible();

  // The header's network switcher lists it.
  await guest.goto("/");
  const switcher = guest.getByRole("navigation", { name: "Main" }).locator("details");
  await switcher.locator("summary").click();
  await expect(switcher.getByRole("link", { name: network.name })).toBeVisible();
  await switcher.getByRole("link", { name: network.name }).click();
  await expect(guest).toHaveURL(new RegExp(`/n/${network.slug}$`));

  // The link is spent: a third person gets told so.
  const third = await newPage();
  const thirdEmail = newEmail("third");
  await signIn(third, thirdEmail);
  await third.goto(link);
  await expect(third.getByRole("main").getByRole("alert")).toHaveText("This invitation has already been used.");
  await expect(third.getByRole("button", { name: "Accept and join" })).toHaveCount(0);
  // ...and the private network itself stays invisible to them.
  const response = await third.goto(`/n/${network.slug}`);
  expect(response?.status()).toBe(404);

  // The broker sees it used, sends another one to the third person's address, and revokes it.
  await broker.reload();
  await expect(broker.getByRole("listitem").filter({ hasText: "For the guest" })).toContainText("Member · used");
  await broker.getByLabel("Note").fill("To be withdrawn");
  await broker.getByLabel("Send to (optional)").fill(thirdEmail);
  await broker.getByRole("button", { name: "Create link" }).click();
  await expect(linkField).not.toHaveValue(link);
  const second = await linkField.inputValue();
  const pending = broker.getByRole("listitem").filter({ hasText: "To be withdrawn" });
  await expect(pending).toContainText("Member · open");
  await expect(pending).toContainText(`Sent to ${thirdEmail}`);

  // The mail with the link reaches the address; the network's home offers it to its account.
  await expect(async () => {
    await third.goto(`/dev/outbox?${new URLSearchParams({ to: thirdEmail })}`);
    await expect(third.getByTestId("outbox-link").filter({ hasText: second })).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await third.goto(`/n/${network.slug}`);
  await expect(third.getByText("You are invited to join as a member.")).toBeVisible();

  await pending.getByRole("button", { name: "Revoke" }).click();
  await expect(pending).toContainText("Member · revoked");
  await expect(pending.getByRole("button", { name: "Revoke" })).toHaveCount(0);
  // Revoked: the private network is closed to them again.
  expect((await third.goto(`/n/${network.slug}`))?.status()).toBe(404);

  await third.goto(second);
  await expect(third.getByRole("main").getByRole("alert")).toHaveText("This invitation was withdrawn by a broker.");
  await expect(third.getByRole("button", { name: "Accept and join" })).toHaveCount(0);
});
