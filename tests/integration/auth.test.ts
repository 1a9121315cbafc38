import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { setNetworkEmailAction, signInAction, updateEmailSettingsAction, updateProfileAction } from "@/lib/accounts/actions";

import { getProfile, listNetworkEmailSettings } from "@/lib/accounts/queries";
import { signIn } from "@/lib/auth/config";
import { magicLinkEmail } from "@/lib/auth/magic-link-email";
import { getViewer, requireViewer } from "@/lib/auth/session";
import { authAdapter } from "@/lib/db/auth-adapter";
import { dbSystem } from "@/lib/db/client";
import { localeCookie } from "@/lib/i18n/config";
import enMessages from "@/lib/i18n/messages/en.json";
import nlMessages from "@/lib/i18n/messages/nl.json";
import { call, makeNetwork, member, signInAs, user } from "./support";

const token = () => randomBytes(32).toString("hex");

describe("the Auth.js adapter", () => {
  it("lets a verification token be used exactly once", async () => {
    const adapter = authAdapter();
    const t = token();
    const expires = new Date(Date.now() + 600_000);
    await adapter.createVerificationToken!({ identifier: "ada@example.test", token: t, expires });
    const used = await adapter.useVerificationToken!({ identifier: "ada@example.test", token: t });
    expect(used).toMatchObject({ identifier: "ada@example.test", token: t });
    expect(used?.expires.getTime()).toBe(expires.getTime());
    expect(await adapter.useVerificationToken!({ identifier: "ada@example.test", token: t })).toBeNull();
  });

  it("does not let a token be used for another address, or twice at the same moment", async () => {
    const adapter = authAdapter();
    const t = token();
    await adapter.createVerificationToken!({ identifier: "ada@example.test", token: t, expires: new Date(Date.now() + 600_000) });
    expect(await adapter.useVerificationToken!({ identifier: "eve@example.test", token: t })).toBeNull();
    const both = await Promise.all([
      adapter.useVerificationToken!({ identifier: "ada@example.test", token: t }),
      adapter.useVerificationToken!({ identifier: "ada@example.test", token: t }),
    ]);
    expect(both.filter((r) => r !== null)).toHaveLength(1);
  });

  it("forgets a session once it is deleted (sign-out)", async () => {
    const adapter = authAdapter();
    const ada = await user("Ada");
    const sessionToken = token();
    await adapter.createSession!({ sessionToken, userId: ada.id, expires: new Date(Date.now() + 86_400_000) });
    const found = await adapter.getSessionAndUser!(sessionToken);
    expect(found?.user).toMatchObject({ id: ada.id, email: ada.email });
    expect(found?.session.sessionToken).toBe(sessionToken);

    await adapter.deleteSession!(sessionToken);
    expect(await adapter.getSessionAndUser!(sessionToken)).toBeNull();
    expect(await dbSystem().session.count()).toBe(0);
    // The person is still there.
    expect(await adapter.getUser!(ada.id)).toMatchObject({ email: ada.email });
  });

  it("finds people by address, so a second sign-in does not create a second account", async () => {
    const adapter = authAdapter();
    const ada = await user("Ada");
    expect((await adapter.getUserByEmail!(ada.email))?.id).toBe(ada.id);
    expect(await adapter.getUserByEmail!("nobody@example.test")).toBeNull();
  });
});

describe("the sign-in link email", () => {
  const url = 'https://kring.example/api/auth/callback/email?token=abc&email=a%40b.c&x="><script>alert(1)</script>';

  it.each([
    ["en", enMessages.auth.email],
    ["nl", nlMessages.auth.email],
  ] as const)("renders in %s", async (locale, strings) => {
    const mail = await magicLinkEmail("ada@example.test", url, locale);
    expect(mail.to).toBe("ada@example.test");
    expect(mail.subject).toBe(strings.subject.replace("{host}", "kring.example"));
    expect(mail.text).toContain(url);
    expect(mail.text).toContain(strings.intro);
    expect(mail.html).toContain(`lang="${locale}"`);
    expect(mail.html).toContain(strings.button);
  });

  it("is not the same text in both languages", async () => {
    const [en, nl] = await Promise.all([magicLinkEmail("a@b.c", url, "en"), magicLinkEmail("a@b.c", url, "nl")]);
    expect(en.subject).not.toBe(nl.subject);
    expect(en.text).not.toBe(nl.text);
  });

  it("escapes HTML in the link", async () => {
    const mail = await magicLinkEmail("ada@example.test", url, "en");
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&amp;email=");
    expect(mail.html).toContain("&quot;&gt;&lt;script&gt;");
    // The href attribute holds the whole link and nothing else.
    const href = /<a href="([^"]*)"/.exec(mail.html)?.[1];
    const entities: Record<string, string> = { amp: "&", quot: '"', gt: ">", lt: "<", "#x27": "'" };
    const decoded = href?.replace(/&(amp|quot|gt|lt|#x27);/g, (_, name: string) => entities[name] ?? "");
    expect(decoded).toBe(url);
  });
});

describe("configuration", () => {
  it("sign-in links live ten minutes", async () => {
    const actual = await vi.importActual<typeof import("@/lib/auth/config")>("@/lib/auth/config");
    expect(actual.MAGIC_LINK_MAX_AGE_SECONDS).toBe(600);
  });
});

describe("the session helpers", () => {
  it("read the signed-in person, or refuse a visitor", async () => {
    const ada = await user("Ada");
    signInAs(null);
    expect(await getViewer()).toBeNull();
    await expect(requireViewer()).rejects.toMatchObject({ code: "unauthenticated" });
    signInAs(ada);
    expect(await getViewer()).toEqual({ id: ada.id, name: "Ada" });
  });
});

describe("the profile action", () => {
  it("refuses a visitor", async () => {
    const before = await dbSystem().user.count();
    expect(await call(updateProfileAction, { name: "Eve", locale: "en" })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await dbSystem().user.count()).toBe(before);
  });

  it("saves the profile, remembers the language in a cookie and refreshes the pages", async () => {
    const ada = await user("Ada");
    signInAs(ada);
    expect(await call(updateProfileAction, { name: " Ada L. ", bio: "Engines.", locale: "nl" })).toEqual({ ok: true, data: null });
    expect(await getProfile(ada.id)).toMatchObject({ name: "Ada L.", bio: "Engines.", locale: "nl" });
    expect((await cookies()).get(localeCookie)?.value).toBe("nl");
    expect(vi.mocked(revalidatePath)).toHaveBeenCalledWith("/", "layout");
  });

  it("saves the email settings, refuses nonsense field by field, and lifts a mail server's refusal", async () => {
    const ada = await user("Ada");
    signInAs(ada);
    expect(await getProfile(ada.id)).toMatchObject({ emailFrequency: "daily", digestHour: 8, digestWeekday: 1, emailRefusedAt: null });
    const bad = await call(updateEmailSettingsAction, { frequency: "hourly", digestHour: "25", digestWeekday: "0", timeZone: "Mars/Olympus" });
    expect(bad).toMatchObject({ ok: false, code: "invalid_input" });
    expect(Object.keys(bad.ok ? {} : (bad.fieldErrors ?? {})).sort()).toEqual(["digestHour", "digestWeekday", "frequency", "timeZone"]);
    await dbSystem().user.update({ where: { id: ada.id }, data: { emailRefusedAt: new Date() } });
    const ok = await call(updateEmailSettingsAction, { frequency: "weekly", digestHour: "18", digestWeekday: "5", timeZone: "America/New_York" });
    expect(ok).toEqual({ ok: true, data: null });
    expect(await getProfile(ada.id)).toMatchObject({
      emailFrequency: "weekly",
      digestHour: 18,
      digestWeekday: 5,
      timeZone: "America/New_York",
      emailRefusedAt: null,
    });
  });
});

describe("the profile's email section", () => {
  it("lists the person's networks with their own frequency, and sets one network's", async () => {
    const ada = await user("Ada");
    const bea = await user("Bea");
    const network = await makeNetwork(dbSystem(), { brokerId: bea.id, name: "Commons" });
    await member(network, ada);
    signInAs(ada);
    expect(await listNetworkEmailSettings(ada.id)).toEqual([{ slug: network.slug, name: "Commons", frequency: null, emailInExport: false }]);
    expect(await call(setNetworkEmailAction, { slug: network.slug, frequency: "weekly" })).toEqual({ ok: true, data: null });
    expect(await listNetworkEmailSettings(ada.id)).toEqual([{ slug: network.slug, name: "Commons", frequency: "weekly", emailInExport: false }]);
    expect(await listNetworkEmailSettings(bea.id)).toEqual([{ slug: network.slug, name: "Commons", frequency: null, emailInExport: false }]);
  });
});

describe("the sign-in action", () => {
  it("asks Auth.js for a link and keeps the return path on this site", async () => {
    const result = await call(signInAction, { email: "  ada@example.test ", callbackUrl: "/n/commons?tab=members" });
    expect(result).toMatchObject({ ok: true, redirect: "/signin/check-email" });
    expect(vi.mocked(signIn)).toHaveBeenCalledWith("email", {
      email: "ada@example.test",
      redirectTo: "/n/commons?tab=members",
      redirect: false,
    });
  });

  it.each(["//evil.example", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "/.//evil.example"])(
    "does not return to %s",
    async (callbackUrl) => {
      await call(signInAction, { email: "ada@example.test", callbackUrl });
      expect(vi.mocked(signIn).mock.calls[0]?.[1]).toMatchObject({ redirectTo: "/" });
    },
  );

  it("refuses an invalid address with a field code and sends nothing", async () => {
    const result = await call(signInAction, { email: "not an address" });
    expect(result).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { email: ["email_invalid"] } });
    expect(vi.mocked(signIn)).not.toHaveBeenCalled();
  });
});
