import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { expectNoSeriousA11yViolations } from "./support/a11y";
import { newEmail, newSlug, signIn } from "./support/auth";
import { createNetwork } from "./support/networks";
import { expect, test } from "./support/test";

// The broker's webhooks page (decision 050), driven as a broker would. The SIAC demo network has one
// webhook, turned off, with a short past log (lib/db/demo.ts); the first test reads it and leaves it
// as it was. Deliveries are followed in a network of the test's own, to a receiver this file runs on
// 127.0.0.1 (which KRING_WEBHOOK_TEST_HOSTS in tests/playwright.config.ts lets the server reach): no
// other spec's replies reach it, and SIAC's demo content stays as the other specs read it.

const SLUG = "siac";
const SETTINGS_LINK = "Webhooks: tell the network's own tools when something happens";

async function openWebhooks(page: Page, slug: string) {
  await page.goto(`/n/${slug}/settings`);
  await page.getByRole("link", { name: SETTINGS_LINK }).click();
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
}

/** The list item of the addresses list (or of the log) that mentions `text`. */
function itemWith(page: Page, testId: "webhook-list" | "webhook-log", text: string | RegExp) {
  return page.getByTestId(testId).getByRole("listitem").filter({ hasText: text });
}

type Received = { headers: Record<string, string>; body: string };

/** A local webhook receiver: records every message and answers with the status the test sets. */
async function startReceiver() {
  const received: Received[] = [];
  let answer = 204;
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      const headers = Object.fromEntries(["webhook-id", "webhook-timestamp", "webhook-signature", "content-type"].map((h) => [h, String(req.headers[h] ?? "")]));
      received.push({ headers, body });
      res.statusCode = answer;
      res.end(answer >= 300 ? "receiver down for maintenance" : "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    answerWith(status: number) {
      answer = status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test("a broker registers an https address, sees its secret once, is refused unsafe addresses, and reads the demo log", async ({ page: broker }) => {
  const suffix = Date.now().toString(36);
  const description = `Website ${suffix}`;
  // A global unicast IPv6 literal (the old 6bone prefix, returned to IANA and never given out again):
  // public to the address check without a name to resolve, and it reaches nobody.
  const url = `https://[3ffe::1]/kring/${suffix}`;

  // The SIAC demo broker (lib/db/demo-content.ts), from the network's settings.
  await signIn(broker, "mara@siac.example");
  await openWebhooks(broker, SLUG);
  await expectNoSeriousA11yViolations(broker, "webhooks");

  // The demo address: turned off by the broker, with its events and its log, newest first.
  const demo = itemWith(broker, "webhook-list", "Newsletter automation");
  await expect(demo.getByRole("heading", { name: "Newsletter automation", level: 3 })).toBeVisible();
  await expect(demo).toContainText("https://example.org/siac/kring-webhook");
  await expect(demo).toContainText("Turned off");
  await expect(demo).toContainText("reply.created, cycle.closed, milestone.status_changed");
  await expect(demo.getByRole("button", { name: "Turn on Newsletter automation" })).toBeVisible();
  const demoLog = itemWith(broker, "webhook-log", "to Newsletter automation");
  await expect(demoLog).toHaveCount(3);
  await expect(demoLog.nth(0)).toContainText("Delivered · milestone.status_changed to Newsletter automation");
  await expect(demoLog.nth(1)).toContainText("Given up · reply.created to Newsletter automation");
  await expect(demoLog.nth(2)).toContainText("Delivered · reply.created to Newsletter automation");
  await expect(demoLog.nth(0)).toContainText("1 attempt · last answer 204");
  const givenUp = demoLog.nth(1);
  await expect(givenUp).toContainText("8 attempts · last answer 503");
  await expect(givenUp).toContainText("Why: http_503");
  // Sending again needs the address on: refused, and the delivery stays given up.
  await givenUp.getByRole("button", { name: "Send again reply.created to Newsletter automation" }).click();
  await expect(givenUp.getByRole("alert")).toHaveText("This webhook address is turned off. Turn it on before sending anything again.");
  await expect(givenUp).toContainText("Given up");

  // Refused addresses, each with its reason at the field, what was typed kept. No two in a row share
  // a reason, so each reason shows that its own answer has come (the form is re-filled from it).
  const address = broker.getByRole("textbox", { name: "Address" });
  const register = broker.getByRole("button", { name: "Register" });
  const privateAddress = "This address leads to a private, local or reserved network address. Kring sends webhooks only to the public internet.";
  await broker.getByRole("textbox", { name: "Description" }).fill(description);
  for (const [refused, reason] of [
    ["http://example.org/kring-hook", "The address must start with https://."],
    // A name that resolves to loopback (only the literal 127.0.0.1 is let through, for the tests).
    ["https://localhost/kring-hook", privateAddress],
    ["https://mara:secret@example.org/kring-hook", "Leave the user name and password out of the address."],
    // A cloud metadata service's address (link-local).
    ["https://169.254.169.254/latest/meta-data/", privateAddress],
  ] as const) {
    await address.fill(refused);
    await register.click();
    await expect(address).toHaveAttribute("aria-invalid", "true");
    await expect(address).toHaveAccessibleDescription(new RegExp(reason.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    await expect(address).toHaveValue(refused);
    await expect(broker.getByRole("textbox", { name: "Description" })).toHaveValue(description);
  }
  await expectNoSeriousA11yViolations(broker, "webhooks, an address refused");

  // No event ticked: refused at the events, which are announced with the message.
  await address.fill(url);
  const events = broker.getByRole("group", { name: "Events to send" });
  for (const box of await events.getByRole("checkbox").all()) await box.uncheck();
  await register.click();
  await expect(events).toHaveAccessibleDescription("Tick at least one event to send.");
  await expect(events.getByRole("checkbox", { checked: true })).toHaveCount(0);

  // Registered for one event: the signing secret is shown once, with its warning.
  await events.getByRole("checkbox", { name: "A pledge is released (pledge.released)" }).check();
  await register.click();
  const shown = broker.getByRole("textbox", { name: `Signing secret for ${url}` });
  await expect(shown).toBeVisible();
  await expect(broker.getByText("Copy this signing secret now: it is shown only once.")).toBeVisible();
  const secret = await shown.inputValue();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  const added = itemWith(broker, "webhook-list", description);
  await expect(added.getByRole("heading", { name: description, level: 3 })).toBeVisible();
  await expect(added).toContainText(url);
  await expect(added).toContainText("On · Registered");
  await expect(added).toContainText("pledge.released");
  await expectNoSeriousA11yViolations(broker, "webhooks, a secret just shown");

  // After a reload the secret is gone from the page; the address stays listed.
  await broker.reload();
  await expect(added.getByRole("heading", { name: description, level: 3 })).toBeVisible();
  await expect(broker.getByTestId("webhook-secret")).toHaveCount(0);
  expect(await broker.content()).not.toContain(secret);

  // Deleted again: SIAC is left with its demo address, still off, and its log.
  await added.getByRole("button", { name: `Delete ${description}` }).click();
  await expect(added).toHaveCount(0);
  await expect(demo).toContainText("Turned off");
  await expect(demoLog).toHaveCount(3);
});

test("a registered address gets a signed message for a reply; sent again it fails, and the broker turns it off, on and deletes it", async ({ page: broker }) => {
  test.setTimeout(90_000);
  const suffix = Date.now().toString(36);
  const receiver = await startReceiver();
  try {
    const network = { slug: newSlug("hooks"), name: `Hooks ${suffix}` };
    const description = `Receiver ${suffix}`;
    const url = `${receiver.origin}/kring/${suffix}`;
    // Whoever makes a network is its broker.
    await signIn(broker, newEmail("hooks"));
    await createNetwork(broker, network);

    await openWebhooks(broker, network.slug);
    await expect(broker.getByText("No addresses yet.")).toBeVisible();
    await expect(broker.getByText("Nothing sent yet.")).toBeVisible();
    await broker.getByRole("textbox", { name: "Address" }).fill(url);
    await broker.getByRole("textbox", { name: "Description" }).fill(description);
    const events = broker.getByRole("group", { name: "Events to send" });
    for (const box of await events.getByRole("checkbox").all()) await box.uncheck();
    await events.getByRole("checkbox", { name: "A reply is posted (reply.created)" }).check();
    await broker.getByRole("button", { name: "Register" }).click();
    const secret = await broker.getByRole("textbox", { name: `Signing secret for ${url}` }).inputValue();
    const endpoint = itemWith(broker, "webhook-list", description);
    await expect(endpoint).toContainText("On · Registered");
    await expect(endpoint).toContainText("reply.created");

    // A thread and a reply in it: the reply is the event.
    await broker.goto(`/n/${network.slug}/dialogue/new`);
    await broker.getByLabel("Title").fill(`Hooked ${suffix}`);
    await broker.getByLabel("Text").fill("Who listens to our replies?");
    await broker.getByLabel("Level").selectOption({ label: "Social innovation itself" });
    await broker.getByLabel("Area").selectOption({ label: "Vision and values" });
    await broker.getByRole("button", { name: "Start thread" }).click();
    await expect(broker.getByRole("heading", { name: `Hooked ${suffix}`, level: 1 })).toBeVisible();
    const threadId = /\/dialogue\/([^/?#]+)$/.exec(broker.url())?.[1];
    expect(threadId).toBeTruthy();
    await broker.getByRole("textbox", { name: "Reply", exact: true }).fill("Our website does, through a webhook.");
    await broker.getByRole("button", { name: "Post reply" }).click();
    await expect(broker.getByRole("article").filter({ hasText: "Our website does, through a webhook." })).toBeVisible();

    // The worker sends it within seconds, signed with the secret shown once; the message carries ids, not the text.
    await expect.poll(() => receiver.received.length, { message: "the receiver got the reply's message", timeout: 30_000 }).toBe(1);
    const [first] = receiver.received;
    const message = new Webhook(secret).verify(first!.body, first!.headers) as { type: string; data: { network: string; reply: { threadId: string } } };
    expect(message.type).toBe("reply.created");
    expect(message.data.network).toBe(network.slug);
    expect(message.data.reply.threadId).toBe(threadId);
    expect(first!.body).not.toContain("Our website does");
    expect(first!.headers["webhook-id"]).toMatch(/^msg_/);
    expect(first!.headers["content-type"]).toBe("application/json");

    await openWebhooks(broker, network.slug);
    const logged = itemWith(broker, "webhook-log", `reply.created to ${description}`);
    await expect(logged).toContainText(`Delivered · reply.created to ${description}`);
    await expect(logged).toContainText("1 attempt · last answer 204");
    await expectNoSeriousA11yViolations(broker, "webhooks, a delivery logged");

    // Sent again, to a receiver that now fails: the same message id, signed again, and the log and
    // the address say so. Its first retry comes 5 s later; the next one not for 5 minutes.
    receiver.answerWith(503);
    await logged.getByRole("button", { name: `Send again reply.created to ${description}` }).click();
    await expect(logged.getByRole("status")).toHaveText("Queued again: it is sent within seconds.");
    await expect.poll(() => receiver.received.length, { message: "the message was sent again and retried once", timeout: 30_000 }).toBe(3);
    for (const again of receiver.received.slice(1)) {
      expect(again.headers["webhook-id"]).toBe(first!.headers["webhook-id"]);
      expect(() => new Webhook(secret).verify(again.body, again.headers)).not.toThrow();
    }
    await expect(async () => {
      await broker.reload();
      await expect(logged).toContainText(`Waiting · reply.created to ${description}`, { timeout: 1_000 });
      await expect(logged).toContainText("2 attempts · last answer 503", { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await expect(logged).toContainText("Why: http_503: receiver down for maintenance");
    await expect(logged).toContainText("Next attempt");
    // Waiting: nothing to send again yet.
    await expect(logged.getByRole("button", { name: /^Send again/ })).toHaveCount(0);
    await expect(endpoint).toContainText("On, failing since");

    // Turned off, and on again: its run of failures forgotten.
    await endpoint.getByRole("button", { name: `Turn off ${description}` }).click();
    await expect(endpoint).toContainText("Turned off · Registered");
    await endpoint.getByRole("button", { name: `Turn on ${description}` }).click();
    await expect(endpoint).toContainText("On · Registered");
    await expect(endpoint).not.toContainText("failing");
    await expectNoSeriousA11yViolations(broker, "webhooks, turned on again");

    // Deleted, with its log.
    await endpoint.getByRole("button", { name: `Delete ${description}` }).click();
    await expect(broker.getByText("No addresses yet.")).toBeVisible();
    await expect(broker.getByText("Nothing sent yet.")).toBeVisible();
  } finally {
    await receiver.close();
  }
});

test("a member and a visitor do not get the webhooks page", async ({ page: member, newPage }) => {
  // A member of SIAC (lib/db/demo-content.ts): the page does not exist for them.
  await signIn(member, "tomas@siac.example");
  await member.goto(`/n/${SLUG}/settings/webhooks`);
  await expect(member.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(member.getByRole("heading", { name: "Webhooks" })).toHaveCount(0);
  await expect(member.getByRole("textbox", { name: "Address" })).toHaveCount(0);

  // Someone not signed in is asked to sign in first, and comes back here.
  const visitor = await newPage();
  await visitor.goto(`/n/${SLUG}/settings/webhooks`);
  await expect(visitor).toHaveURL(/\/signin\?callbackUrl=%2Fn%2Fsiac%2Fsettings%2Fwebhooks$/);
});
