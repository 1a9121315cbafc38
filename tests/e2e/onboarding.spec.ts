import { newEmail, newSlug, SESSION_COOKIE } from "./support/auth";
import { createNetwork } from "./support/networks";
import { expect, test } from "./support/test";

test("a new person signs in, fills the profile, creates a network and signs out", async ({ page, context }) => {
  const email = newEmail("onboarding");
  const slug = newSlug("onboarding");

  // Sign in from the home page, through the real magic link.
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const link = await signInLinkFromOutbox();
  await page.goto(link);
  await expect(page).toHaveURL(/\/$/);
  const header = page.getByRole("navigation", { name: "Main" });
  await expect(header.getByRole("link", { name: "Profile" })).toBeVisible();
  await expect(header.getByRole("button", { name: "Sign out" })).toBeVisible();
  const addName = page.getByText("Add your name, so the people in your networks know who you are.");
  await expect(addName).toBeVisible();

  // A first-time profile.
  await header.getByRole("link", { name: "Profile" }).click();
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  await expect(page.getByText("Welcome to Kring.")).toBeVisible();
  await page.getByRole("textbox", { name: "Name" }).fill("Noor Onboarding");
  await page.getByLabel("Short bio").fill("Neighbourhood organiser.\nLikes long walks.");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your profile is saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveValue("Noor Onboarding");
  await expect(page.getByLabel("Short bio")).toHaveValue("Neighbourhood organiser.\nLikes long walks.");
  await expect(page.getByText("Welcome to Kring.")).toHaveCount(0);
  await expect(addName).toHaveCount(0);

  // A network that people join by request.
  const network = await createNetwork(page, {
    slug,
    name: "Onboarding Commons",
    purpose: "Neighbours who share tools, time and skills.",
    workingQuestion: "How do we make sharing the easy choice?",
    joining: "Join by request",
  });
  await expect(page.getByRole("heading", { name: "Purpose" })).toBeVisible();
  await expect(page.getByText(network.purpose)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Working question" })).toBeVisible();
  await expect(page.getByText(network.workingQuestion)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Principles" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "No one has a monopoly on the truth." })).toBeVisible();
  await expect(page.getByText("You are a Broker of this network.")).toBeVisible();
  await expect(page.getByText("Join by request")).toBeVisible();

  // Sign out revokes the session, not just the cookie.
  const session = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
  expect(session).toBeTruthy();
  await header.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(header.getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=(%2F|\/)profile$/);

  // Putting the old cookie back does not help: the session row is gone.
  await context.addCookies([session!]);
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=(%2F|\/)profile$/);
  await context.clearCookies({ name: SESSION_COOKIE });

  // The magic link worked once.
  await page.goto(link);
  await expect(page).toHaveURL(/\/signin\/error\?error=Verification/);
  await expect(page.getByRole("heading", { name: "That sign-in link did not work" })).toBeVisible();
  await expect(page.getByText("The link has expired or was already used.")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" })).toBeVisible();

  async function signInLinkFromOutbox() {
    await page.getByRole("link", { name: "development outbox" }).click();
    await expect(page).toHaveURL(/\/dev\/outbox$/);
    const message = page
      .getByTestId("outbox-message")
      .filter({ has: page.getByTestId("outbox-to").getByText(email, { exact: true }) });
    await expect(message).toHaveCount(1);
    await expect(message.getByRole("heading")).toContainText("Your sign-in link for Kring");
    return (await message.getByTestId("outbox-link").getAttribute("href"))!;
  }
});

test("the sign-in callback redirects to the configured public address, never to a forwarded host", async ({ request, baseURL }) => {
  // KRING_PUBLIC_URL decides where Auth.js sends people, whatever a proxy or an attacker says (issue 15).
  const response = await request.get("/api/auth/callback/email?callbackUrl=%2Fprofile&token=not-a-token&email=a%40e2e.example", {
    headers: { "x-forwarded-host": "kring.example", "x-forwarded-proto": "https", forwarded: "host=kring.example;proto=https" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  expect(response.headers()["location"]).toBe(`${baseURL}/signin/error?error=Verification`);
});
