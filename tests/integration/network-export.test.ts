import { createHash } from "node:crypto";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { GET as downloadRoute } from "@/app/n/[slug]/(space)/settings/export/[exportId]/download/route";
import { GET as followNotification } from "@/app/notifications/[id]/route";
import { listNotifications } from "@/lib/notifications/queries";
import { dbSystem } from "@/lib/db/client";
import { env } from "@/lib/env";
import { setExportEmailAction } from "@/lib/accounts/actions";
import { exportDownloadPath } from "@/lib/portability/link";
import { startNetworkExportAction } from "@/lib/portability/actions";
import { buildDueExports, expireExports } from "@/lib/portability/mutations";
import { readExportColumns } from "@/lib/portability/queries";
import { rowSchema } from "@/lib/portability/schema";
import { EXPORT_FORMAT_VERSION, EXPORTED, SHARED_EXPORTED } from "@/lib/portability/tables";
import { buildWorld, type Objects, type World } from "./authorization-matrix.world";
import { asUser, call, expectRefused, signInAs, type User } from "./support";

const DAY = 86_400_000;
const PRIVATE_BODY = "Only-for-me-7f3a9c: what I never share";
const DRAFT_BODY = "Draft-2b81e4: not yet shared";

async function download(person: User | null, o: Objects, path: string) {
  const url = new URL(path, "http://localhost");
  return asUser(person, () => downloadRoute(new Request(url), { params: Promise.resolve({ slug: o.slug, exportId: url.pathname.split("/").at(-2)! }) }));
}

/** A's export as A's broker asks for it, built by the worker; with a private reflection, a draft and one member's consent. */
async function exportA(w: World) {
  const a = w.a;
  // The member reflects "only for me"; the broker keeps a draft. Neither may be in the export.
  await dbSystem().reflection.create({ data: { networkId: a.networkId, cycleId: a.cycleId, authorId: a.member.id, body: PRIVATE_BODY, area: "means", private: true, submittedAt: new Date() } });
  await dbSystem().reflection.create({ data: { networkId: a.networkId, cycleId: a.cycleId, authorId: a.broker.id, body: DRAFT_BODY, area: "means" } });
  // The member allows their address in A's export (and only A's); the other member does not.
  signInAs(a.member);
  expect((await call(setExportEmailAction, { slug: a.slug, allow: "on" })).ok).toBe(true);
  expect((await call(setExportEmailAction, { slug: w.b.slug, allow: "on" })).ok).toBe(false);
  signInAs(a.broker);
  const started = await call(startNetworkExportAction, { slug: a.slug });
  expect(started.ok, JSON.stringify(started)).toBe(true);
  const exportId = (started as { data: { exportId: string } }).data.exportId;
  // A second click while it waits: refused, one export.
  expectRefused(await call(startNetworkExportAction, { slug: a.slug }), "export_running");
  expect(await buildDueExports()).toBe(1);
  const row = await dbSystem().networkExport.findUniqueOrThrow({ where: { id: exportId, networkId: a.networkId } });
  expect(row).toMatchObject({ status: "ready", progress: 100, networkId: a.networkId, requestedById: a.broker.id });
  return { exportId, row, files: unzipSync(new Uint8Array(row.file!)) };
}

describe("a network's export, by construction", () => {
  it("describes every exported column in English and Dutch, and knows how to write its type", async () => {
    const w = await buildWorld();
    const columns = await readExportColumns(w.a.networkId);
    for (const table of [...Object.keys(SHARED_EXPORTED), ...Object.keys(EXPORTED)]) {
      const shape = columns.get(table)!;
      expect(shape.columns.length, table).toBeGreaterThan(0);
      expect(() => rowSchema(table, shape.columns), table).not.toThrow();
      // Never a secret: a column that looks like one is omitted with its reason.
      expect(shape.columns.map((c) => c.name).filter((n) => /token|hash|secret|password/i.test(n)), table).toEqual([]);
    }
  });
});

describe("a network's export", () => {
  it("holds the network's records, checksummed and counted, and nothing it must not", async () => {
    const w = await buildWorld();
    const { exportId, row, files } = await exportA(w);
    const manifest = JSON.parse(strFromU8(files["manifest.json"]!)) as {
      format: string;
      formatVersion: string;
      exportId: string;
      counts: Record<string, number>;
      files: { path: string; rows: number | null; bytes: number; sha256: string }[];
    };
    expect(manifest).toMatchObject({ format: "kring-network-export", formatVersion: EXPORT_FORMAT_VERSION, exportId, publicUrl: env().publicUrl });
    expect(row.counts).toEqual(manifest.counts);
    // Every file listed, with its checksum, size and rows; nothing in the ZIP that is not listed.
    expect(Object.keys(files).sort()).toEqual(["manifest.json", ...manifest.files.map((f) => f.path)].sort());
    for (const f of manifest.files) {
      const bytes = files[f.path]!;
      expect(createHash("sha256").update(bytes).digest("hex"), f.path).toBe(f.sha256);
      expect(bytes.length, f.path).toBe(f.bytes);
      if (f.path.endsWith(".jsonl")) expect(strFromU8(bytes).split("\n").filter(Boolean).length, f.path).toBe(f.rows);
    }
    const kind = (name: string) => strFromU8(files[`data/${name}.jsonl`]!).split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    // Every kind of the world is there: threads, hidden replies with their reason, the shared reflection, exports' own schema.
    for (const name of ["Thread", "Reply", "Cycle", "Reflection", "SynthesisRevision", "Pledge", "Gathering", "Harvest", "ExchangePost", "SupportEntry", "CommonsProposal", "Membership", "Person", "Network"]) {
      expect(manifest.counts[name], name).toBeGreaterThan(0);
      expect(files[`schema/${name}.schema.json`], name).toBeDefined();
      // UTF-8 with a byte order mark, every cell quoted.
      const csv = files[`csv/${name}.csv`]!;
      expect([...csv.subarray(0, 3)], name).toEqual([0xef, 0xbb, 0xbf]);
      expect(strFromU8(csv).split("\r\n")[0], name).toMatch(/^"id",/);
    }
    expect(kind("Reply").find((r) => r.id === w.a.hiddenReplyId)).toMatchObject({ hiddenReason: expect.stringMatching(/./) });
    expect(kind("Reflection").map((r) => r.id)).toEqual([w.a.reflectionId]);
    expect(kind("Network")).toEqual([expect.objectContaining({ id: w.a.networkId, slug: w.a.slug })]);
    // Email: the member who allowed it, nobody else.
    const people = kind("Person");
    expect(people.find((p) => p.id === w.a.member.id)).toMatchObject({ email: w.a.member.email });
    expect(people.find((p) => p.id === w.a.other.id)).toMatchObject({ email: null });
    // Nothing anywhere in the ZIP: B's ids, the private reflection, the draft, others' addresses, secrets.
    const everything = Object.values(files).map((b) => strFromU8(b)).join("\n");
    const b = w.b;
    for (const forbidden of [b.networkId, b.threadId, b.replyId, b.cycleId, b.reflectionId, b.gatheringId, b.exchangePostId, b.slug === "net-b" ? "Network B" : b.slug, PRIVATE_BODY, DRAFT_BODY, w.a.other.email, w.a.broker.email, w.a.funder.email, w.a.memberFeedToken]) {
      expect(everything.includes(forbidden), `the export holds ${forbidden}`).toBe(false);
    }
    const secrets = await dbSystem().$queryRaw<{ hash: string }[]>`
      SELECT "calendarTokenHash" AS hash FROM "Membership" WHERE "calendarTokenHash" IS NOT NULL
      UNION SELECT "tokenHash" FROM "Invitation" UNION SELECT "sessionToken" FROM "Session"`;
    expect(secrets.length).toBeGreaterThan(0);
    for (const s of secrets) expect(everything.includes(s.hash)).toBe(false);
    expect(everything).not.toContain(w.a.conversationId);
    // The broker who asked is told, once, with a link to the export page.
    const notices = await dbSystem().notification.findMany({ where: { networkId: w.a.networkId, kind: "network_export_ready" }, select: { id: true, userId: true } });
    expect(notices).toEqual([{ id: expect.any(String), userId: w.a.broker.id }]);
    const followed = await asUser(w.a.broker, () => followNotification(new Request(`http://localhost/notifications/${notices[0]!.id}`), { params: Promise.resolve({ id: notices[0]!.id }) }));
    expect(followed.status).toBe(303);
    expect(followed.headers.get("location")).toBe(`/n/${w.a.slug}/settings/export`);
    // It is in the broker's centre, worded in their language.
    const centre = await listNotifications(w.a.broker.id);
    expect(centre.items.find((i) => i.kind === "network_export_ready")).toMatchObject({ networkSlug: w.a.slug });
  });

  it("gives the file to the broker who asked, by a signed link for a day, and logs every download", async () => {
    const w = await buildWorld();
    const a = w.a;
    const { exportId, row } = await exportA(w);
    const path = exportDownloadPath(a.slug, exportId, a.broker.id, row.expiresAt!);
    const ok = await download(a.broker, a, path);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/zip");
    expect(Buffer.from(await ok.arrayBuffer()).equals(Buffer.from(row.file!))).toBe(true);
    const audit = await dbSystem().auditEntry.findMany({ where: { networkId: a.networkId, action: { startsWith: "network.export" } }, select: { action: true, actorId: true } });
    expect(audit).toEqual(expect.arrayContaining([{ action: "network.export_requested", actorId: a.broker.id }, { action: "network.export_downloaded", actorId: a.broker.id }]));
    // Another broker of the same network, with the same link: refused.
    await dbSystem().membership.updateMany({ where: { networkId: a.networkId, userId: a.other.id }, data: { role: "broker" } });
    expect((await download(a.other, a, path)).status).toBe(404);
    // Nobody signed in: 401.
    expect((await download(null, a, path)).status).toBe(401);
    // A changed signature, or a later expiry with the old signature: refused.
    const tampered = path.replace(/signature=([^&]+)/, (_, s: string) => `signature=${s.startsWith("A") ? "B" : "A"}${s.slice(1)}`);
    expect((await download(a.broker, a, tampered)).status).toBe(404);
    const later = path.replace(/expires=(\d+)/, (_, s: string) => `expires=${Number(s) + 3600}`);
    expect((await download(a.broker, a, later)).status).toBe(404);
    // A link whose day is over: gone.
    const old = exportDownloadPath(a.slug, exportId, a.broker.id, new Date(Date.now() - 1000));
    expect((await download(a.broker, a, old)).status).toBe(410);
    // The sweep deletes the file after its day; the link then opens nothing.
    expect(await expireExports(new Date(Date.now() + 2 * DAY))).toBeGreaterThanOrEqual(1);
    const expired = await dbSystem().networkExport.findUniqueOrThrow({ where: { id: exportId, networkId: a.networkId }, select: { status: true, file: true } });
    expect(expired).toEqual({ status: "expired", file: null });
    expect((await download(a.broker, a, path)).status).toBe(410);
    const downloads = await dbSystem().auditEntry.count({ where: { networkId: a.networkId, action: "network.export_downloaded" } });
    expect(downloads).toBe(1);
  });

  it("builds nothing for a requester who is no longer a broker, and limits exports per network", async () => {
    const w = await buildWorld();
    const a = w.a;
    signInAs(a.broker);
    const started = await call(startNetworkExportAction, { slug: a.slug });
    expect(started.ok).toBe(true);
    await dbSystem().membership.updateMany({ where: { networkId: a.networkId, userId: a.broker.id }, data: { role: "member" } });
    expect(await buildDueExports()).toBe(1);
    const row = await dbSystem().networkExport.findFirstOrThrow({ where: { networkId: a.networkId, requestedById: a.broker.id }, orderBy: { createdAt: "desc" } });
    expect(row).toMatchObject({ status: "failed", error: "forbidden", file: null });
    await dbSystem().membership.updateMany({ where: { networkId: a.networkId, userId: a.broker.id }, data: { role: "broker" } });
    // The world holds one export already; with this one, three more are allowed today.
    for (let i = 0; i < 3; i++) {
      expect((await call(startNetworkExportAction, { slug: a.slug })).ok).toBe(true);
      await dbSystem().networkExport.updateMany({ where: { networkId: a.networkId, status: "queued" }, data: { status: "failed" } });
    }
    expectRefused(await call(startNetworkExportAction, { slug: a.slug }), "export_limit");
  });
});
