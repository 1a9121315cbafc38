// A real SMTP server in this test process (smtp-server, from the nodemailer project) receives
// what Kring sends; the tests read what actually arrived. This file's module graph parses the
// environment afresh (Vitest isolates files), so SMTP_URL set here is the one lib/env.ts reads.
const SMTP_PORT = 42500 + Number(process.env.VITEST_POOL_ID ?? 0);
process.env.SMTP_URL = `smtp://127.0.0.1:${SMTP_PORT}`;

import { TZDate } from "@date-fns/tz";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as unsubscribePost, GET as unsubscribeGet } from "@/app/email/unsubscribe/[token]/route";
import { magicLinkEmail } from "@/lib/auth/magic-link-email";
import { dbSystem } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/demo";
import { makeMembership, makeNetwork, makeReply, makeThread, makeUser } from "@/lib/db/factories";
import type { NotificationKind } from "@/lib/db/generated/enums";
import { MAX_GROUPS } from "@/lib/digests/compose";
import { sendDueNotificationMail } from "@/lib/digests/mutations";
import { deliverQueuedMail, enqueueMail, retryDelayMs } from "@/lib/mail/mutations";
import { unsubscribeToken } from "@/lib/mail/token";

type Received = { to: string; subject: string; text: string; html: string; headers: Map<string, unknown>; raw: string };

let received: Received[] = [];
/** What the server does with the next connections: accept, be down (421), or refuse some addresses (550). */
let mode: "up" | "down" = "up";
const refused = new Set<string>();

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onConnect(_session, callback) {
    if (mode === "down") return callback(Object.assign(new Error("Service not available"), { responseCode: 421 }));
    callback();
  },
  onRcptTo(address, _session, callback) {
    if (refused.has(address.address)) return callback(Object.assign(new Error("No such user"), { responseCode: 550 }));
    callback();
  },
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      simpleParser(raw).then(
        (m) => {
          const to = Array.isArray(m.to) ? m.to[0]?.text : m.to?.text;
          received.push({ to: to ?? "", subject: m.subject ?? "", text: m.text ?? "", html: String(m.html || ""), headers: m.headers, raw });
          callback();
        },
        (error: Error) => callback(error),
      );
    });
  },
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(SMTP_PORT, "127.0.0.1", resolve));
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  delete process.env.SMTP_URL;
});
beforeEach(() => {
  received = [];
  mode = "up";
  refused.clear();
});

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

async function world(options: { locale?: "en" | "nl" } = {}) {
  const db = dbSystem();
  const broker = await makeUser(db, { name: "Bea Broker" });
  const network = await makeNetwork(db, { brokerId: broker.id, name: "Pathfinders", locale: options.locale ?? "en" });
  const person = async (name: string, settings: Partial<{ emailFrequency: "immediate" | "daily" | "weekly" | "off"; digestHour: number; digestWeekday: number; timeZone: string; locale: "en" | "nl" }> = {}) => {
    const u = await makeUser(db, { name, locale: settings.locale ?? null });
    await db.user.update({ where: { id: u.id }, data: { emailFrequency: settings.emailFrequency ?? "daily", digestHour: settings.digestHour ?? 8, digestWeekday: settings.digestWeekday ?? 1, timeZone: settings.timeZone ?? "Europe/Amsterdam" } });
    await makeMembership(db, { networkId: network.id, userId: u.id });
    return u;
  };
  const threads = await Promise.all(
    ["Water", "Housing", "Food", "Energy", "Care", "Mobility", "Schools", "Parks", "Arts", "Work"].map((title) =>
      makeThread(db, { networkId: network.id, authorId: broker.id, title }),
    ),
  );
  return { db, broker, network, person, threads };
}

type World = Awaited<ReturnType<typeof world>>;

/** A mention of `userId` by the broker in a thread, written at `at` (a new reply each time). */
async function mention(w: World, userId: string, threadIndex: number, at: Date, kind: NotificationKind = "mention") {
  const thread = w.threads[threadIndex]!;
  const reply = await makeReply(w.db, { networkId: w.network.id, threadId: thread.id, authorId: w.broker.id, body: "Hello @someone", createdAt: at });
  return w.db.notification.create({
    data: { networkId: w.network.id, userId, kind, actorId: w.broker.id, threadId: thread.id, replyId: reply.id, dedupeKey: `${kind}:${reply.id}`, createdAt: at },
    select: { id: true, replyId: true },
  });
}

/** The notification ids a mail links to, in the order it lists them. */
function linkedIds(mail: Received): string[] {
  return [...mail.text.matchAll(/\/notifications\/([A-Za-z0-9-]+)/g)].map((m) => m[1]!);
}

async function sweep(now: Date) {
  const queued = await sendDueNotificationMail(now);
  await deliverQueuedMail({ now });
  return queued;
}

describe("digests", () => {
  it("over seven days, daily and weekly: every notification in exactly one mail, newest first, none read in the app", async () => {
    const w = await world();
    const daily = await w.person("Dana Daily");
    const weekly = await w.person("Wim Weekly", { emailFrequency: "weekly", digestWeekday: 3 });
    // Monday 2026-11-02, 00:00 UTC; Amsterdam is UTC+1 then, so 08:00 local is 07:00 UTC.
    const start = Date.UTC(2026, 10, 2);
    const written: { id: string; userId: string; at: number }[] = [];
    let readInApp: string | null = null;
    for (let hour = 0; hour < 8 * 24; hour++) {
      const now = new Date(start + hour * HOUR);
      if (hour < 7 * 24 && (hour % 24 === 6 || hour % 24 === 12 || hour % 24 === 18)) {
        for (const [i, who] of [daily, weekly].entries()) {
          const n = await mention(w, who.id, (hour + i) % w.threads.length, now);
          written.push({ id: n.id, userId: who.id, at: now.getTime() });
        }
        // One is read in the app before its digest was due: it is never mailed.
        if (hour === 30) {
          readInApp = written.at(-2)!.id;
          await w.db.notification.update({ where: { id: readInApp, networkId: w.network.id }, data: { readAt: new Date(now.getTime() + 1000) } });
        }
      }
      await sweep(now);
    }
    const toDaily = received.filter((m) => m.to === daily.email);
    const toWeekly = received.filter((m) => m.to === weekly.email);
    // Daily: one digest each morning of 2026-11-02 ... 2026-11-09; weekly: Wednesdays 4 and (not yet) 11 November,
    // so everything written after Wednesday 07:00 UTC waits for the next Wednesday.
    expect(toDaily).toHaveLength(8);
    expect(toWeekly).toHaveLength(1);
    const mailedIds = [...toDaily, ...toWeekly].flatMap(linkedIds);
    expect(new Set(mailedIds).size).toBe(mailedIds.length); // no notification in two mails
    expect(mailedIds).not.toContain(readInApp);
    const dailyWritten = written.filter((n) => n.userId === daily.id && n.id !== readInApp).map((n) => n.id);
    expect(toDaily.flatMap(linkedIds).sort()).toEqual(dailyWritten.sort()); // and none left out
    // Each digest lists its items newest first (groups by newest activity, items newest first within).
    const at = new Map(written.map((n) => [n.id, n.at]));
    for (const mail of toDaily) {
      const times = linkedIds(mail).map((id) => at.get(id)!);
      expect(times).toEqual([...times].sort((a, b) => b - a));
    }
    // The weekly digest took what was written before Wednesday 08:00 local, not after.
    const weeklyIds = linkedIds(toWeekly[0]!);
    const cutoff = start + 2 * DAY + 7 * HOUR;
    expect(weeklyIds.sort()).toEqual(written.filter((n) => n.userId === weekly.id && n.at < cutoff).map((n) => n.id).sort());
    // The subject and the headers of a digest.
    const first = toDaily[0]!;
    expect(first.subject).toMatch(/^Pathfinders: your daily summary/);
    expect(first.raw).toMatch(new RegExp(`^List-ID: <${w.network.slug}\\.localhost>\r?$`, "mi"));
    // (Long headers are folded onto a second line: RFC 5322 allows whitespace before the value.)
    expect(first.raw).toMatch(/^List-Unsubscribe:\s+<http:\/\/localhost:3000\/email\/unsubscribe\/[^>]+>\r?$/m);
    expect(first.raw).toMatch(/^Message-ID: <digest\.[0-9a-f-]+@localhost>\r?$/m);
    expect(first.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    expect(first.raw).toMatch(/^Auto-Submitted: auto-generated\r?$/m);
    expect(first.html).toMatch(/<h1[^>]*>What happened in Pathfinders<\/h1>/);
    expect(first.text).toContain("http://localhost:3000/profile#email");
  });

  it("a digest job run twice at once, or again after, sends one digest", async () => {
    const w = await world();
    const dana = await w.person("Dana");
    const now = new Date(Date.UTC(2026, 10, 3, 7, 30));
    await mention(w, dana.id, 0, new Date(now.getTime() - 3 * HOUR));
    await mention(w, dana.id, 1, new Date(now.getTime() - 2 * HOUR));
    const runs = await Promise.all([sendDueNotificationMail(now), sendDueNotificationMail(now), sendDueNotificationMail(now)]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await sendDueNotificationMail(new Date(now.getTime() + HOUR))).toBe(0);
    await Promise.all([deliverQueuedMail({ now }), deliverQueuedMail({ now })]);
    expect(received).toHaveLength(1);
    expect(linkedIds(received[0]!)).toHaveLength(2);
    expect(await w.db.mailDigest.count({ where: { networkId: w.network.id } })).toBe(1);
  });

  it("arrives at the chosen local hour on both sides of a daylight-saving change", async () => {
    const w = await world();
    const dana = await w.person("Dana", { digestHour: 8, timeZone: "Europe/Amsterdam" });
    // Spring: Sunday 2026-03-29 clocks go 02:00 -> 03:00; 08:00 local is 07:00 UTC before, 06:00 UTC after.
    // Autumn: Sunday 2026-10-25 clocks go 03:00 -> 02:00; 08:00 local is 06:00 UTC before, 07:00 UTC after.
    const cases = [
      { written: Date.UTC(2026, 2, 27, 12), before: Date.UTC(2026, 2, 28, 6, 59), due: Date.UTC(2026, 2, 28, 7) },
      { written: Date.UTC(2026, 2, 28, 12), before: Date.UTC(2026, 2, 29, 5, 59), due: Date.UTC(2026, 2, 29, 6) },
      { written: Date.UTC(2026, 9, 23, 12), before: Date.UTC(2026, 9, 24, 5, 59), due: Date.UTC(2026, 9, 24, 6) },
      { written: Date.UTC(2026, 9, 24, 12), before: Date.UTC(2026, 9, 25, 6, 59), due: Date.UTC(2026, 9, 25, 7) },
    ];
    for (const c of cases) {
      await mention(w, dana.id, 0, new Date(c.written));
      expect(await sendDueNotificationMail(new Date(c.before)), new Date(c.before).toISOString()).toBe(0);
      expect(await sendDueNotificationMail(new Date(c.due)), new Date(c.due).toISOString()).toBe(1);
    }
    const periods = await w.db.mailDigest.findMany({ where: { networkId: w.network.id }, orderBy: { createdAt: "asc" }, select: { period: true } });
    expect(periods.map((p) => p.period)).toEqual(["daily:2026-03-28", "daily:2026-03-29", "daily:2026-10-24", "daily:2026-10-25"]);
  });

  it("says how many more there are beyond the groups it lists; nothing is dropped silently", async () => {
    const w = await world();
    const dana = await w.person("Dana");
    const base = Date.UTC(2026, 10, 3, 1);
    for (let i = 0; i < w.threads.length; i++) await mention(w, dana.id, i, new Date(base + i * 60_000));
    await sweep(new Date(Date.UTC(2026, 10, 3, 7)));
    expect(received).toHaveLength(1);
    expect(linkedIds(received[0]!)).toHaveLength(MAX_GROUPS);
    expect(received[0]!.text).toContain(`and ${w.threads.length - MAX_GROUPS} more notifications in your notification centre`);
    // The newest threads first ("Work" was written last); the oldest two are counted, not listed.
    expect(received[0]!.text.indexOf("Work")).toBeGreaterThan(-1);
    expect(received[0]!.text.indexOf("Work")).toBeLessThan(received[0]!.text.indexOf("Arts"));
    expect(received[0]!.text).not.toContain("Water");
  });

  it("is in the recipient's language", async () => {
    const w = await world();
    const dana = await w.person("Dana", { locale: "nl" });
    await mention(w, dana.id, 0, new Date(Date.UTC(2026, 10, 3, 1)));
    await sweep(new Date(Date.UTC(2026, 10, 3, 7)));
    expect(received[0]!.subject).toMatch(/^Pathfinders: je dagelijkse overzicht/);
    expect(received[0]!.text).toContain("Bea Broker noemde je in");
  });
});

describe("immediate mail", () => {
  it("batches several events on one thread into one mail, threaded with In-Reply-To", async () => {
    const w = await world();
    const ivo = await w.person("Ivo", { emailFrequency: "immediate" });
    const t0 = Date.UTC(2026, 10, 3, 10);
    await mention(w, ivo.id, 0, new Date(t0));
    await mention(w, ivo.id, 0, new Date(t0 + 40_000));
    await mention(w, ivo.id, 1, new Date(t0 + 50_000));
    // Still busy: nothing yet.
    expect(await sweep(new Date(t0 + 60_000))).toBe(0);
    // Quiet for two minutes: one mail per thread.
    expect(await sweep(new Date(t0 + 50_000 + 2 * 60_000))).toBe(2);
    expect(received).toHaveLength(2);
    const water = received.find((m) => m.text.includes("Water"))!;
    expect(linkedIds(water)).toHaveLength(2);
    expect(water.raw).toMatch(/^In-Reply-To:\s+<thread\.[^>]+@localhost>\r?$/m);
    expect(water.raw).toMatch(/^References:\s+<thread\.[^>]+@localhost>\r?$/m);
    expect(await sweep(new Date(t0 + HOUR))).toBe(0);
  });
});

describe("exchange and support-map news by email", () => {
  it("groups by the offer or request and the entry, names them, and links them from the public URL", async () => {
    const w = await world();
    const nina = await w.person("Nina", { emailFrequency: "immediate" });
    const at = new Date(Date.UTC(2026, 10, 3, 10));
    const post = await w.db.exchangePost.create({
      data: { networkId: w.network.id, authorId: nina.id, direction: "request", capital: "place", title: "A room for twenty", expiresAt: new Date(at.getTime() + 60 * DAY) },
      select: { id: true },
    });
    const entry = await w.db.supportEntry.create({ data: { networkId: w.network.id, provider: "Provincie", name: "Pilot fund", kinds: ["grant"], suggestedById: nina.id }, select: { id: true } });
    for (const [kind, more] of [
      ["exchange_matched", { exchangePostId: post.id }],
      ["exchange_expiring", { exchangePostId: post.id }],
      ["support_reviewed", { supportEntryId: entry.id }],
    ] as const) {
      await w.db.notification.create({ data: { networkId: w.network.id, userId: nina.id, kind, actorId: w.broker.id, dedupeKey: `${kind}:x`, createdAt: at, ...more } });
    }
    expect(await sweep(new Date(at.getTime() + HOUR))).toBe(2);
    const exchange = received.find((m) => m.text.includes("A room for twenty"))!;
    expect(linkedIds(exchange)).toHaveLength(2);
    expect(exchange.text).toContain("“A room for twenty” expires in a week");
    expect(exchange.text).toContain(`http://localhost:3000/n/${w.network.slug}/exchange/${post.id}`);
    const support = received.find((m) => m.text.includes("Pilot fund"))!;
    expect(support.text).toContain("A broker reviewed your suggestion “Pilot fund”");
    expect(support.text).toContain(`/n/${w.network.slug}/support#entry-${entry.id}`);
  });
});

describe("commons news in a mail", () => {
  it("groups by the proposal, names it, and links it from the public URL", async () => {
    const w = await world();
    const nina = await w.person("Nina", { emailFrequency: "immediate" });
    const at = new Date(Date.UTC(2026, 10, 3, 10));
    const proposal = await w.db.commonsProposal.create({
      data: { networkId: w.network.id, kind: "lesson", sourceId: "a-lesson", title: "What the street taught us", body: "Text", proposedById: w.broker.id },
      select: { id: true },
    });
    for (const kind of ["commons_consent_asked", "commons_published"] as const) {
      await w.db.notification.create({ data: { networkId: w.network.id, userId: nina.id, kind, actorId: w.broker.id, commonsProposalId: proposal.id, dedupeKey: `${kind}:x`, createdAt: at } });
    }
    expect(await sweep(new Date(at.getTime() + HOUR))).toBe(1);
    const mail = received.find((m) => m.text.includes("What the street taught us"))!;
    expect(linkedIds(mail)).toHaveLength(2);
    expect(mail.text).toContain("proposed to share “What the street taught us” with the commons");
    expect(mail.text).toContain(`http://localhost:3000/n/${w.network.slug}/sharing/${proposal.id}`);
  });
});

describe("what a mail never carries", () => {
  it("a post hidden since, a network left, or anything for someone who turned email off", async () => {
    const w = await world();
    const dana = await w.person("Dana");
    const lea = await w.person("Lea");
    const otto = await w.person("Otto", { emailFrequency: "off" });
    const at = new Date(Date.UTC(2026, 10, 3, 1));
    const hidden = await mention(w, dana.id, 0, at);
    const kept = await mention(w, dana.id, 1, at);
    await mention(w, lea.id, 0, at);
    await mention(w, otto.id, 0, at);
    await w.db.reply.update({ where: { id: hidden.replyId!, networkId: w.network.id }, data: { hiddenAt: new Date(), hiddenReason: "Off topic" } });
    await w.db.membership.updateMany({ where: { networkId: w.network.id, userId: lea.id }, data: { status: "left" } });
    await sweep(new Date(Date.UTC(2026, 10, 3, 7)));
    expect(received.map((m) => m.to)).toEqual([dana.email]);
    expect(linkedIds(received[0]!)).toEqual([kept.id]);
    expect(received[0]!.text).not.toContain("Hello @someone"); // titles and names only, never a post's text
  });
});

describe("membership news by email", () => {
  it("reaches a person whose request was declined, with the broker's note, though they are no member", async () => {
    const w = await world();
    const asker = await w.person("Asker");
    await w.db.membership.updateMany({ where: { networkId: w.network.id, userId: asker.id }, data: { status: "declined" } });
    await w.db.notification.create({
      data: {
        networkId: w.network.id,
        userId: asker.id,
        kind: "membership_declined",
        actorId: w.broker.id,
        dedupeKey: `membership-declined:${asker.id}`,
        note: "We are full until spring.",
        createdAt: new Date(Date.UTC(2026, 10, 3, 1)),
      },
    });
    await sweep(new Date(Date.UTC(2026, 10, 3, 7)));
    expect(received.map((m) => m.to)).toEqual([asker.email]);
    expect(received[0]!.text).toContain("We are full until spring.");
  });
});

describe("the mail queue", () => {
  it("an SMTP server that is down gets every mail once after it comes back", async () => {
    const w = await world();
    const people = await Promise.all(["A", "B", "C"].map((n) => w.person(n)));
    for (const p of people) await mention(w, p.id, 0, new Date(Date.UTC(2026, 10, 3, 1)));
    const now = new Date(Date.UTC(2026, 10, 3, 7));
    mode = "down";
    expect(await sendDueNotificationMail(now)).toBe(3);
    expect(await deliverQueuedMail({ now })).toMatchObject({ sent: 0, retry: 1 });
    expect(await deliverQueuedMail({ now: new Date(now.getTime() + retryDelayMs(1) + 1000) })).toMatchObject({ sent: 0, retry: 1 });
    expect(received).toHaveLength(0);
    expect(await w.db.mailAttempt.count({ where: { outcome: "retry" } })).toBe(2);
    mode = "up";
    // Before the backoff has passed, nothing is tried.
    expect(await deliverQueuedMail({ now: new Date(now.getTime() + retryDelayMs(1) + 2000) })).toMatchObject({ sent: 0 });
    expect(await deliverQueuedMail({ now: new Date(now.getTime() + HOUR) })).toMatchObject({ sent: 3, retry: 0 });
    expect(await deliverQueuedMail({ now: new Date(now.getTime() + 2 * HOUR) })).toMatchObject({ sent: 0 });
    expect(received.map((m) => m.to).sort()).toEqual(people.map((p) => p.email).sort());
    expect(await w.db.mailMessage.count({ where: { status: "sent" } })).toBe(3);
  });

  it("a permanent refusal stops mail to that address and tells the person", async () => {
    const w = await world();
    const gone = await w.person("Gone");
    refused.add(gone.email);
    await mention(w, gone.id, 0, new Date(Date.UTC(2026, 10, 3, 1)));
    await sweep(new Date(Date.UTC(2026, 10, 3, 7)));
    expect(received).toHaveLength(0);
    expect(await w.db.mailMessage.findFirst({ where: { to: gone.email }, select: { status: true } })).toEqual({ status: "refused" });
    expect((await w.db.user.findUnique({ where: { id: gone.id }, select: { emailRefusedAt: true } }))?.emailRefusedAt).not.toBeNull();
    await mention(w, gone.id, 1, new Date(Date.UTC(2026, 10, 3, 12)));
    expect(await sendDueNotificationMail(new Date(Date.UTC(2026, 10, 4, 7)))).toBe(0);
  });

  it("the sign-in mail carries no List-Unsubscribe and ignores email settings", async () => {
    const w = await world();
    const off = await w.person("Off", { emailFrequency: "off" });
    const id = await enqueueMail({ kind: "sign_in", userId: null, ...(await magicLinkEmail(off.email, "http://localhost:3000/api/auth/callback/email?token=t", "en")) });
    expect(await deliverQueuedMail({ id })).toMatchObject({ sent: 1 });
    expect(received).toHaveLength(1);
    expect(received[0]!.raw).not.toMatch(/^List-Unsubscribe/im);
    expect(received[0]!.raw).toMatch(/^Auto-Submitted: auto-generated\r?$/m);
  });
});

describe("one-click unsubscribe (RFC 8058)", () => {
  const post = (token: string, body?: string) =>
    unsubscribePost(new Request(`http://localhost:3000/email/unsubscribe/${token}`, { method: "POST", body, headers: body ? { "content-type": "application/x-www-form-urlencoded" } : {} }), {
      params: Promise.resolve({ token }),
    });
  const frequency = async (w: World, userId: string) =>
    (await w.db.membership.findFirst({ where: { networkId: w.network.id, userId }, select: { emailFrequency: true } }))?.emailFrequency;

  it("turns that network's email off at once, with or without a body, however often", async () => {
    const w = await world();
    const dana = await w.person("Dana");
    const token = unsubscribeToken({ userId: dana.id, networkId: w.network.id });
    expect((await post(token, "List-Unsubscribe=One-Click")).status).toBe(200);
    expect(await frequency(w, dana.id)).toBe("off");
    expect((await post(token)).status).toBe(200);
    expect(await frequency(w, dana.id)).toBe("off");
    // Nothing more is mailed from this network.
    await mention(w, dana.id, 0, new Date(Date.UTC(2026, 10, 3, 1)));
    expect(await sendDueNotificationMail(new Date(Date.UTC(2026, 10, 3, 7)))).toBe(0);
  });

  it("a tampered or expired token changes nothing and says so", async () => {
    const w = await world();
    const dana = await w.person("Dana");
    const token = unsubscribeToken({ userId: dana.id, networkId: w.network.id });
    const tampered = token.replace(dana.id, w.broker.id);
    expect((await post(tampered, "List-Unsubscribe=One-Click")).status).toBe(400);
    const old = unsubscribeToken({ userId: dana.id, networkId: w.network.id }, new Date(Date.now() - 200 * DAY));
    expect((await post(old, "List-Unsubscribe=One-Click")).status).toBe(410);
    expect(await frequency(w, dana.id)).toBeNull();
    expect(await frequency(w, w.broker.id)).toBeNull();
  });

  it("a GET (the footer link) turns it off and shows what, with an undo", async () => {
    const w = await world();
    const dana = await w.person("Dana");
    const token = unsubscribeToken({ userId: dana.id, networkId: w.network.id });
    const res = await unsubscribeGet(new Request(`http://localhost:3000/email/unsubscribe/${token}`), { params: Promise.resolve({ token }) });
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get("location")!);
    expect(location.pathname).toBe("/email/unsubscribe");
    expect(location.searchParams.get("status")).toBe("off");
    expect(await frequency(w, dana.id)).toBe("off");
  });
});

describe("on the demo data", () => {
  it("a daily member gets one digest the next morning, in Dutch, with the mention and their turn to reflect, never again; one click stops it", async () => {
    await seedDemo(dbSystem());
    const joris = (await dbSystem().user.findUnique({ where: { email: "joris@pathfinders.example" }, select: { id: true } }))!;
    // The next morning at 08:00 in Amsterdam (the default hour and zone of a new person); the demo
    // was seeded the evening before (its notices are dated so, whatever the hour this test runs).
    const tomorrow = new TZDate(Date.now() + DAY, "Europe/Amsterdam");
    const morning = new Date(new TZDate(tomorrow.getFullYear(), tomorrow.getMonth(), tomorrow.getDate(), 8, 0, 0, "Europe/Amsterdam").getTime());
    const pathfindersId = (await dbSystem().network.findUnique({ where: { slug: "pathfinders-midden-brabant" }, select: { id: true } }))!.id;
    // Everything else the demo tells (a conversation's message, ...) came the same evening, later.
    await dbSystem().notification.updateMany({ where: { networkId: pathfindersId }, data: { createdAt: new Date(morning.getTime() - 10 * HOUR) } });
    for (const [kind, hours] of [["cycle_opened", 12], ["mention", 11]] as const) {
      await dbSystem().notification.updateMany({ where: { networkId: pathfindersId, kind }, data: { createdAt: new Date(morning.getTime() - hours * HOUR) } });
    }
    await sweep(new Date(morning.getTime() - 60_000));
    expect(received.filter((m) => m.to === "joris@pathfinders.example")).toHaveLength(0);
    await sweep(morning);
    const mails = received.filter((m) => m.to === "joris@pathfinders.example");
    expect(mails).toHaveLength(1);
    const [digest] = mails;
    expect(digest!.subject).toMatch(/je dagelijkse overzicht/);
    expect(digest!.text).toContain("Hanneke Smits noemde je in");
    expect(digest!.text).toContain("opende een reflectiecyclus");
    // The mention (an hour old) comes before the cycle (two days old): newest first.
    expect(digest!.text.indexOf("noemde je")).toBeLessThan(digest!.text.indexOf("opende een reflectiecyclus"));
    // Never again in a later digest.
    await sweep(new Date(morning.getTime() + DAY));
    expect(received.filter((m) => m.to === "joris@pathfinders.example")).toHaveLength(1);
    // One click on the footer's link (its List-Unsubscribe twin) stops it.
    const token = /\/email\/unsubscribe\/([^\s>"]+)/.exec(digest!.raw.replace(/=\r?\n/g, ""))![1]!;
    const res = await unsubscribePost(new Request(`http://localhost:3000/email/unsubscribe/${token}`, { method: "POST" }), { params: Promise.resolve({ token }) });
    expect(res.status).toBe(200);
    const membership = await dbSystem().membership.findFirst({ where: { networkId: pathfindersId, userId: joris.id }, select: { emailFrequency: true } });
    expect(membership?.emailFrequency).toBe("off");
  });

  it("a daily member of the network whose cycle is in its WE phase gets the mention and the consent request, newest first, once", async () => {
    await seedDemo(dbSystem());
    const tomas = "tomas@siac.example";
    const tomorrow = new TZDate(Date.now() + DAY, "Europe/Amsterdam");
    const morning = new Date(new TZDate(tomorrow.getFullYear(), tomorrow.getMonth(), tomorrow.getDate(), 8, 0, 0, "Europe/Amsterdam").getTime());
    const siacId = (await dbSystem().network.findUnique({ where: { slug: "siac" }, select: { id: true } }))!.id;
    for (const [kind, hours] of [["consent_requested", 12], ["mention", 11]] as const) {
      await dbSystem().notification.updateMany({ where: { networkId: siacId, kind }, data: { createdAt: new Date(morning.getTime() - hours * HOUR) } });
    }
    await sweep(morning);
    const mails = received.filter((m) => m.to === tomas);
    expect(mails).toHaveLength(1);
    const [digest] = mails;
    expect(digest!.subject).toMatch(/daily/i);
    expect(digest!.text).toContain("Mara Lindqvist mentioned you in");
    expect(digest!.text).toContain("The synthesis in SIAC: Social Innovation Acceleration in Cities is ready for your consent");
    expect(digest!.text.indexOf("mentioned you")).toBeLessThan(digest!.text.indexOf("ready for your consent"));
    await sweep(new Date(morning.getTime() + DAY));
    expect(received.filter((m) => m.to === tomas)).toHaveLength(1);
  });
});
