import { expectNoSeriousA11yViolations } from "./support/a11y";
import { newEmail, newSlug, signIn } from "./support/auth";
import { createNetwork } from "./support/networks";
import { expect, test } from "./support/test";

test("public pages have no serious accessibility problems", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Networks that think and act together" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "home");

  await page.goto("/signin");
  await expectNoSeriousA11yViolations(page, "sign in");
  // With field errors showing.
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByLabel("Email address")).toHaveAttribute("aria-invalid", "true");
  await expectNoSeriousA11yViolations(page, "sign in, invalid");

  await page.goto("/signin/check-email");
  await expectNoSeriousA11yViolations(page, "check email");

  await page.goto("/signin/error?error=Verification");
  await expectNoSeriousA11yViolations(page, "sign-in error");

  await page.goto("/n/siac");
  await expectNoSeriousA11yViolations(page, "network home, anonymous visitor");

  await page.goto(`/n/${newSlug("missing")}`);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "404");
});

test("a broker's pages have no serious accessibility problems", async ({ page, newPage }) => {
  const slug = newSlug("a11y");
  await signIn(page, newEmail("a11y-broker"), { callbackUrl: "/profile" });
  await expectNoSeriousA11yViolations(page, "profile");

  await page.goto("/networks/new");
  await expectNoSeriousA11yViolations(page, "new network");
  await page.getByRole("button", { name: "Create network" }).click();
  await expect(page.getByLabel("Address")).toHaveAttribute("aria-invalid", "true");
  await expectNoSeriousA11yViolations(page, "new network, invalid");

  await createNetwork(page, { slug, name: "Accessible Assembly", joining: "Join by request" });
  await expectNoSeriousA11yViolations(page, "network home, broker");

  await page.goto(`/n/${slug}/invitations`);
  await expectNoSeriousA11yViolations(page, "invitations");
  await page.getByRole("button", { name: "Create link" }).click();
  const link = await page.getByTestId("invitation-link").inputValue();
  await expectNoSeriousA11yViolations(page, "invitations, link created");

  await page.goto(`/n/${slug}/settings`);
  await expectNoSeriousA11yViolations(page, "settings");

  await page.goto(`/n/${slug}/audit`);
  await expect(page.getByRole("row")).not.toHaveCount(0);
  await expectNoSeriousA11yViolations(page, "audit");

  await page.goto(`/n/${slug}/moderation`);
  await expect(page.getByText("No open reports.")).toBeVisible();
  await expectNoSeriousA11yViolations(page, "moderation queue, empty");

  await page.goto("/dev/outbox");
  await expectNoSeriousA11yViolations(page, "outbox");

  // The invitation page, for a visitor and for a signed-in person.
  const invited = await newPage();
  await invited.goto(link);
  await expect(invited.getByRole("link", { name: "Sign in to accept" })).toBeVisible();
  await expectNoSeriousA11yViolations(invited, "invitation, visitor");
  await signIn(invited, newEmail("a11y-invited"), { callbackUrl: new URL(link).pathname });
  await expect(invited.getByRole("button", { name: "Accept and join" })).toBeVisible();
  await expectNoSeriousA11yViolations(invited, "invitation, signed in");
});

test("requests and members pages have no serious accessibility problems", async ({ page, newPage }) => {
  const slug = newSlug("a11y-req");
  await signIn(page, newEmail("a11y-broker"));
  await createNetwork(page, { slug, name: "Accessible Requests", joining: "Join by request" });

  // A signed-in visitor sees the request form; their request gives the requests page something to show.
  const requester = await newPage();
  await signIn(requester, newEmail("a11y-requester"), { callbackUrl: `/n/${slug}` });
  await expectNoSeriousA11yViolations(requester, "network home, signed-in visitor (request form)");
  await requester.getByLabel("I have read the principles and accept them.").check();
  await requester.getByRole("button", { name: "Send request" }).click();
  await expect(requester.getByText("Your request to join is waiting for a broker.")).toBeVisible();
  await expectNoSeriousA11yViolations(requester, "network home, request pending");

  await page.goto(`/n/${slug}/requests`);
  await expect(page.getByRole("button", { name: "Approve" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "requests");
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText("No requests are waiting.")).toBeVisible();

  await page.goto(`/n/${slug}/members`);
  await expect(page.getByRole("button", { name: "Change role" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "members, broker view");
});

test("the member view of a network has no serious accessibility problems", async ({ page }) => {
  // An open network: join it as a plain member.
  await signIn(page, newEmail("a11y-member"), { callbackUrl: "/n/pathfinders-midden-brabant" });
  await page.getByLabel("I have read the principles and accept them.").check();
  await page.getByRole("button", { name: "Join" }).click();
  await expect(page).toHaveURL(/\?joined=1$/);
  await expectNoSeriousA11yViolations(page, "network home, member (Dutch network)");
  await page.goto("/n/pathfinders-midden-brabant/members");
  await expectNoSeriousA11yViolations(page, "members, member view");
  // The network switcher, open.
  await page.getByRole("navigation", { name: "Main" }).locator("summary").click();
  await expectNoSeriousA11yViolations(page, "network switcher open");
});

test("the skip link is the first stop of the keyboard and moves focus to the content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  // Visible once focused (it is screen-reader-only until then).
  await expect(skip).toBeInViewport();
  const box = await skip.boundingBox();
  expect(box && box.width > 1 && box.height > 1).toBe(true);
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
  // The next Tab continues inside the content, not back in the header.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("main").getByRole("link", { name: "Create a network" })).toBeFocused();
});
