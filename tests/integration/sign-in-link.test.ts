import { describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { dbSystem } from "@/lib/db/client";
import { requestHeaders } from "../setup/session";

/**
 * The real Auth.js (not the mock the other integration tests use) with Kring's adapter and
 * database: a sign-in link is made by `signIn("email")` as the sign-in form's action makes it,
 * read from the outbox, and followed through the real callback route handler. Decision 017.
 */
type AuthConfig = typeof import("@/lib/auth/config");
const actual = () => vi.importActual<AuthConfig>("@/lib/auth/config");

async function requestLink(email: string, origin = "http://localhost:3000"): Promise<{ link: URL; requestedAt: number }> {
  const url = new URL(origin);
  requestHeaders.set("host", url.host);
  requestHeaders.set("x-forwarded-proto", url.protocol.replace(":", ""));
  const { signIn } = await actual();
  const requestedAt = Date.now();
  await signIn("email", { email, redirectTo: "/profile", redirect: false });
  const mail = await dbSystem().outboxEmail.findFirst({ where: { to: email }, orderBy: { createdAt: "desc" } });
  const href = /https?:\/\/\S+\/api\/auth\/callback\/email\?[^\s"<]+/.exec(mail?.text ?? "")?.[0];
  expect(href, "the outbox holds a sign-in link").toBeTruthy();
  return { link: new URL(href!), requestedAt };
}

async function follow(link: URL): Promise<Response> {
  const { handlers } = await actual();
  return handlers.GET(new NextRequest(link));
}

function sessionCookie(res: Response): string | undefined {
  return res.headers.getSetCookie().find((c) => /^(__Secure-)?authjs\.session-token=/.test(c));
}

describe("sign-in links", () => {
  it("sign in once; the same link a second time is refused", async () => {
    const email = "once@example.test";
    const { link } = await requestLink(email);
    const first = await follow(link);
    expect(first.status).toBe(302);
    expect(new URL(first.headers.get("location")!).pathname).toBe("/profile");
    expect(sessionCookie(first)).toBeTruthy();
    expect(await dbSystem().session.count()).toBe(1);

    const second = await follow(link);
    expect(second.status).toBe(302);
    const target = new URL(second.headers.get("location")!);
    expect(target.pathname).toBe("/signin/error");
    expect(target.searchParams.get("error")).toBe("Verification");
    expect(sessionCookie(second)).toBeUndefined();
    expect(await dbSystem().session.count()).toBe(1);
  });

  it("is valid for ten minutes and refused once older", async () => {
    const email = "late@example.test";
    const { link, requestedAt } = await requestLink(email);
    const token = await dbSystem().verificationToken.findFirst({ where: { identifier: email } });
    // Made valid for exactly ten minutes from when it was asked for (the clock is the same).
    const lifetime = token!.expires.getTime() - requestedAt;
    expect(lifetime).toBeGreaterThan(10 * 60_000 - 5_000);
    expect(lifetime).toBeLessThanOrEqual(10 * 60_000 + 1_000);

    // Ten minutes and a second later, as far as the stored link is concerned.
    await dbSystem().verificationToken.updateMany({ where: { identifier: email }, data: { expires: new Date(Date.now() - 1_000) } });
    const res = await follow(link);
    const target = new URL(res.headers.get("location")!);
    expect(target.pathname).toBe("/signin/error");
    expect(target.searchParams.get("error")).toBe("Verification");
    expect(sessionCookie(res)).toBeUndefined();
    expect(await dbSystem().session.count()).toBe(0);
  });

  it("sets the session cookie HttpOnly and SameSite=Lax; over http it cannot be Secure", async () => {
    const { link } = await requestLink("plain@example.test");
    const cookie = sessionCookie(await follow(link))!;
    expect(cookie).toMatch(/^authjs\.session-token=/);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
    expect(cookie).not.toMatch(/;\s*Secure/i);
  });
  // Behind https (KRING_PUBLIC_URL https://...), the cookie is Secure: tests/integration/public-url.test.ts.
});
