// This file's module graph reads the environment afresh (Vitest isolates files), so the public
// address set here is the one lib/env.ts parses on first use; it is put back after the file.
process.env.KRING_PUBLIC_URL = "https://kring.example";
delete process.env.AUTH_URL;

import { afterAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { dbSystem } from "@/lib/db/client";
import { requestHeaders } from "../setup/session";
import { signInAs, user } from "./support";

/**
 * Issue 15, item 1: the sign-in link in the email, and Auth.js's callbacks, use the configured
 * public address only. An attacker who asks for a victim's link with a forged Host,
 * X-Forwarded-Host or Forwarded header (and a matching Origin) must not get a link to their host.
 */
type AuthConfig = typeof import("@/lib/auth/config");
const actual = () => vi.importActual<AuthConfig>("@/lib/auth/config");

afterAll(() => {
  delete process.env.KRING_PUBLIC_URL;
});

const forgeries: Record<string, Record<string, string>> = {
  Host: { host: "evil.example", origin: "https://evil.example" },
  "X-Forwarded-Host": { host: "kring.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "http", origin: "https://evil.example" },
  Forwarded: { host: "kring.example", forwarded: "for=1.2.3.4;host=evil.example;proto=http", origin: "https://evil.example" },
  "all at once": {
    host: "evil.example:8443",
    "x-forwarded-host": "evil.example, kring.example",
    forwarded: "host=evil.example",
    "x-forwarded-proto": "http",
    origin: "https://evil.example:8443",
  },
};

async function requestLink(email: string, headers: Record<string, string>) {
  for (const [name, value] of Object.entries(headers)) requestHeaders.set(name, value);
  const { signIn } = await actual();
  await signIn("email", { email, redirectTo: "/profile", redirect: false });
  const mail = await dbSystem().outboxEmail.findFirst({ where: { to: email }, orderBy: { createdAt: "desc" } });
  expect(mail, "a sign-in email was sent").toBeTruthy();
  return mail!;
}

describe("links in email come from KRING_PUBLIC_URL, never from request headers", () => {
  for (const [name, headers] of Object.entries(forgeries)) {
    it(`a forged ${name} appears nowhere in the sign-in email`, async () => {
      const mail = await requestLink(`victim-${name.replace(/\W/g, "").toLowerCase()}@example.test`, headers);
      for (const part of [mail.text, mail.html, mail.subject]) expect(part).not.toContain("evil.example");
      const href = /https?:\/\/[^\s"<]+\/api\/auth\/callback\/email\?[^\s"<]+/.exec(mail.text)?.[0];
      expect(new URL(href!).origin).toBe("https://kring.example");
      expect(mail.subject).toContain("kring.example");
    });
  }

  it("the callback, reached under a forged host, redirects to and sets its cookie for the public address", async () => {
    const mail = await requestLink("callback@example.test", forgeries["all at once"]!);
    const href = /https?:\/\/[^\s"<]+\/api\/auth\/callback\/email\?[^\s"<]+/.exec(mail.text)![0];
    const forged = new URL(href);
    forged.host = "evil.example";
    const { handlers } = await actual();
    const res = await handlers.GET(
      new NextRequest(forged, { headers: { host: "evil.example", "x-forwarded-host": "evil.example", forwarded: "host=evil.example" } }),
    );
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location")!);
    expect(location.origin).toBe("https://kring.example");
    expect(location.pathname).toBe("/profile");
    // https, so the cookie is Secure with the __Secure- prefix, whatever the request said.
    const cookie = res.headers.getSetCookie().find((c) => /authjs\.session-token=/.test(c))!;
    expect(cookie).toMatch(/^__Secure-authjs\.session-token=/);
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).not.toMatch(/evil/i);
  });

  it("a sign-in link Auth.js would build elsewhere is never sent", async () => {
    // Someone sets AUTH_URL behind Kring's back: the config puts the public address back before use.
    process.env.AUTH_URL = "https://evil.example/api/auth";
    const mail = await requestLink("pinned@example.test", { host: "evil.example" });
    expect(mail.text).not.toContain("evil.example");
    expect(process.env.AUTH_URL).toBe("https://kring.example/api/auth");
  });

  it("a cycle reminder links to the public address", async () => {
    const { emailLink } = await import("@/lib/mail/links");
    requestHeaders.set("host", "evil.example");
    expect(emailLink("/n/siac/cycles")).toBe("https://kring.example/n/siac/cycles");
    expect(() => emailLink("//evil.example/x")).toThrow();
  });
});

describe("the session a script can read", () => {
  it("GET /api/auth/session carries the id, name, language and expiry, never the session token or the address", async () => {
    const me = await user("Sam Session");
    await dbSystem().user.update({ where: { id: me.id }, data: { locale: "nl" } });
    signInAs(null);
    const token = `tok-${crypto.randomUUID()}`;
    await dbSystem().session.create({ data: { sessionToken: token, userId: me.id, expires: new Date(Date.now() + 86_400_000) } });
    const { handlers } = await actual();
    const res = await handlers.GET(
      new NextRequest("https://kring.example/api/auth/session", { headers: { cookie: `__Secure-authjs.session-token=${token}` } }),
    );
    const text = await res.text();
    expect(text).not.toContain(token);
    expect(text).not.toContain(me.email);
    const body = JSON.parse(text) as { user: Record<string, unknown>; expires: string };
    expect(Object.keys(body).sort()).toEqual(["expires", "user"]);
    expect(body.user).toEqual({ id: me.id, name: "Sam Session", locale: "nl" });
    expect(new Date(body.expires).getTime()).toBeGreaterThan(Date.now());
  });
});
