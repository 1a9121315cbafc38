import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";

/** An address no other test (or earlier run against a kept database) uses. */
export function newEmail(label = "person"): string {
  return `${label}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}@e2e.example`;
}

/** A network address (slug) that is unique per test. */
export function newSlug(label = "net"): string {
  return `${label}-${Date.now().toString(36)}-${randomBytes(2).toString("hex")}`;
}

export const SESSION_COOKIE = "authjs.session-token";

/** The newest sign-in link the development outbox holds for `email`. */
export async function magicLinkFor(page: Page, email: string): Promise<string> {
  await page.goto(`/dev/outbox?${new URLSearchParams({ to: email })}`);
  const message = page
    .getByTestId("outbox-message")
    .filter({ has: page.getByTestId("outbox-to").getByText(email, { exact: true }) })
    .first();
  await expect(message, `no message to ${email} in the outbox`).toBeVisible();
  const href = await message.getByTestId("outbox-link").first().getAttribute("href");
  expect(href, "the message has no link").toBeTruthy();
  expect(href).toContain("/api/auth/callback/email");
  return href!;
}

/**
 * The newest sign-in link the outbox holds for `email`, read over HTTP with the page's cookies
 * instead of rendering the outbox in the browser: sign-in runs about 80 times a run, and the
 * outbox page renders every message to an address in its own frame (the demo broker's are many).
 */
async function newestSignInLink(page: Page, email: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const res = await page.request.get(`/dev/outbox?${new URLSearchParams({ to: email })}`);
        const html = await res.text();
        for (const [tag] of html.matchAll(/<a\b[^>]*data-testid="outbox-link"[^>]*>/g)) {
          const href = /\bhref="([^"]*)"/.exec(tag)?.[1]?.replaceAll("&amp;", "&");
          if (href?.includes("/api/auth/callback/email")) return (link = href);
        }
        return undefined;
      },
      { message: `no sign-in link to ${email} in the outbox` },
    )
    .toBeTruthy();
  return link!;
}

/**
 * Signs in through the real magic-link flow: the sign-in form (the current page when it
 * is one, else /signin?callbackUrl=...), the outbox, the link. Resolves once the session
 * cookie is set and the app has redirected; returns the link that was used.
 */
export async function signIn(page: Page, email: string, opts: { callbackUrl?: string } = {}): Promise<string> {
  if (!new URL(page.url(), "http://x").pathname.startsWith("/signin") || opts.callbackUrl) {
    await page.goto(`/signin${opts.callbackUrl ? `?callbackUrl=${encodeURIComponent(opts.callbackUrl)}` : ""}`);
  }
  const signInPage = new URL(page.url());
  // Two workers may sign in the same demo person at once: each takes the newest link in the
  // outbox, and one of them may take (and spend) the other's. The one left with a spent link
  // asks for a new one.
  for (let attempt = 1; ; attempt += 1) {
    // By name, not label, so the helper also works on the Dutch form.
    const form = page.getByRole("main").locator("form").filter({ has: page.locator('input[name="email"]') });
    await form.locator('input[name="email"]').fill(email);
    await form.locator('button[type="submit"]').click();
    await expect(page).toHaveURL(/\/signin\/check-email$/);
    const link = await newestSignInLink(page, email);
    await page.goto(link);
    const spent = await expect(page)
      .not.toHaveURL(/\/api\/auth\/|\/signin/, { timeout: attempt < 3 ? 5_000 : undefined })
      .then(() => false, (error: unknown) => {
        if (attempt >= 3) throw error;
        return true;
      });
    if (spent) {
      await page.goto(signInPage.pathname + signInPage.search);
      continue;
    }
    const cookies = await page.context().cookies();
    expect(cookies.some((c) => c.name === SESSION_COOKIE), "no session cookie after following the link").toBe(true);
    return link;
  }
}
