import { newEmail, newSlug, signIn } from "./support/auth";
import { createNetwork } from "./support/networks";
import { expect, test } from "./support/test";

test("a reply posted by someone else appears on an open thread page without a reload", async ({ page: reader, newPage }) => {
  const network = { slug: newSlug("live"), name: "Live Commons" };
  await signIn(reader, newEmail("reader"));
  await createNetwork(reader, network);
  await reader.goto(`/n/${network.slug}/dialogue/new`);
  await reader.getByLabel("Title").fill("Who is listening?");
  await reader.getByLabel("Text").fill("Say hello when you read this.");
  await reader.getByRole("button", { name: "Start thread" }).click();
  await expect(reader.getByRole("heading", { name: "Who is listening?", level: 1 })).toBeVisible();
  const threadUrl = reader.url();

  // Someone else joins and answers, in another browser.
  const writer = await newPage();
  await signIn(writer, newEmail("writer"));
  await writer.goto(`/n/${network.slug}`);
  await writer.getByLabel("I have read the principles and accept them.").check();
  await writer.getByRole("button", { name: "Join" }).click();
  await expect(writer.getByText(`Welcome to ${network.name}.`)).toBeVisible();
  await writer.goto(threadUrl);
  await writer.getByRole("textbox", { name: "Reply", exact: true }).fill("Hello from the other side.");
  await writer.getByRole("button", { name: "Post reply" }).click();
  await expect(writer.getByRole("paragraph").filter({ hasText: "Hello from the other side." })).toBeVisible();

  // The reader's page shows it within seconds, without navigating, and says so to screen readers.
  await expect(reader.getByRole("paragraph").filter({ hasText: "Hello from the other side." })).toBeVisible({ timeout: 8_000 });
  await expect(reader.getByTestId("live-status")).toHaveText("A new reply has arrived.");
  expect(reader.url()).toBe(threadUrl);
});
