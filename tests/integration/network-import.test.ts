import { createHash } from "node:crypto";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { setExportEmailAction } from "@/lib/accounts/actions";
import { dbSystem } from "@/lib/db/client";
import { answerConsentAction } from "@/lib/synthesis/actions";
import { editReplyAction, editThreadAction, toggleReactionAction } from "@/lib/dialogue/actions";
import { postUpdateAction } from "@/lib/funding/actions";
import { acceptAddressedInvitationAction } from "@/lib/membership/actions";
import { viewNetwork } from "@/lib/membership/scope";
import { startNetworkExportAction } from "@/lib/portability/actions";
import { describeImport, ImportRefused, type Row } from "@/lib/portability/import";
import { buildDueExports, importNetworkExport } from "@/lib/portability/mutations";
import { readExportColumns, readTableRows } from "@/lib/portability/queries";
import { rowSchema } from "@/lib/portability/schema";
import { EXPORTED, SHARED_EXPORTED, exportedKinds } from "@/lib/portability/tables";
import { buildWorld, dumpDatabase, key, restoreDatabase, type World } from "./authorization-matrix.world";
import { call, signInAs, snapshotDatabase } from "./support";

/**
 * The import of a network's export (issue 22 item 3, decision 049). One world (the authorization
 * matrix's two networks, with a row in every exported kind) and one export of network A are built
 * once and put back before each test (the setup empties the tables): building them is the slow part.
 */

/** Tables kept by triggers from the exported rows: they must come out of the import as they were. */
const TRIGGER_KEPT = ["PledgeMonth", "MilestoneTally", "FunderMilestone", "SupportTally"];

type Seed = { world: World; dump: Awaited<ReturnType<typeof dumpDatabase>>; zip: Uint8Array; exportId: string; triggerRows: Map<string, Row[]> };
let seed: Seed | undefined;

async function rowsOf(table: string, column: string, value: string): Promise<Row[]> {
  return dbSystem().$queryRawUnsafe<Row[]>(`SELECT to_jsonb(t) AS row FROM "${table}" t WHERE "${column}" = $1`, value).then((rows) => rows.map((r) => r.row as Row));
}

async function seeded(): Promise<Seed> {
  if (seed) {
    await restoreDatabase(seed.dump);
    return seed;
  }
  const world = await buildWorld();
  const a = world.a;
  // The kinds the matrix's world leaves empty: revisions, a mention, a reaction, a consent answer, an update.
  signInAs(a.member);
  expect((await call(editReplyAction, { slug: a.slug, replyId: a.replyId, body: `Over to @${a.broker.name}` })).ok).toBe(true);
  expect((await call(editThreadAction, { slug: a.slug, threadId: a.threadId, title: "Edited title", body: "Edited." })).ok).toBe(true);
  expect((await call(toggleReactionAction, { slug: a.slug, replyId: a.otherReplyId, kind: "insight" })).ok).toBe(true);
  expect((await call(answerConsentAction, { slug: a.slug, cycleId: a.cycleId, roundId: a.roundId, answer: "concern", text: "Mind the budget." })).ok).toBe(true);
  // The member and the broker allow their addresses in A's export; the others do not.
  expect((await call(setExportEmailAction, { slug: a.slug, allow: "on" })).ok).toBe(true);
  signInAs(a.broker);
  expect((await call(setExportEmailAction, { slug: a.slug, allow: "on" })).ok).toBe(true);
  expect(
    (
      await call(postUpdateAction, {
        slug: a.slug,
        milestoneId: a.milestoneId,
        kind: "progress",
        // A link to the network's own thread: the import moves it to where the network lands.
        body: `Going, see [the thread](/n/${a.slug}/dialogue/${a.threadId}).`,
        progress: "40",
        area: "",
        idempotencyKey: key(),
      })
    ).ok,
  ).toBe(true);
  const started = await call(startNetworkExportAction, { slug: a.slug });
  expect(started.ok, JSON.stringify(started)).toBe(true);
  expect(await buildDueExports()).toBe(1);
  const exportId = (started as { data: { exportId: string } }).data.exportId;
  const row = await dbSystem().networkExport.findUniqueOrThrow({ where: { id: exportId, networkId: a.networkId }, select: { file: true } });
  const triggerRows = new Map<string, Row[]>();
  for (const table of TRIGGER_KEPT) triggerRows.set(table, await rowsOf(table, "networkId", a.networkId));
  seed = { world, dump: await dumpDatabase(), zip: new Uint8Array(row.file!), exportId, triggerRows };
  return seed;
}

/** The records of each kind in an export's ZIP. */
function kindsIn(zip: Uint8Array): Map<string, Row[]> {
  const files = unzipSync(zip);
  const out = new Map<string, Row[]>();
  for (const [path, bytes] of Object.entries(files)) {
    const kind = /^data\/(.+)\.jsonl$/.exec(path)?.[1];
    if (kind) out.set(kind, strFromU8(bytes).split("\n").filter(Boolean).map((l) => JSON.parse(l) as Row));
  }
  return out;
}

/** A value with every id of the export replaced by its id here (whole strings only, at any depth). */
function remap(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (typeof value === "string") return ids.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => remap(v, ids));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, remap(v, ids)]));
  return value;
}

/** JSON with the keys of every object sorted: two equal records give the same text. */
function canonical(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, w]) => [k, sort(w)])) : v;
  return JSON.stringify(sort(value));
}

const dump = (rows: readonly unknown[]) => rows.map(canonical).sort();

/** Every exported kind of the network as the export's worker reads it, shaped by the same schemas. */
async function readNetwork(networkId: string): Promise<Map<string, Row[]>> {
  const columns = await readExportColumns(networkId);
  const out = new Map<string, Row[]>();
  for (const [table, config] of [...Object.entries(SHARED_EXPORTED), ...Object.entries(EXPORTED)]) {
    const shape = columns.get(table)!;
    const schema = rowSchema(table, shape.columns);
    out.set(table, (await readTableRows(networkId, table, config, shape)).map((r) => schema.parse(r) as Row));
  }
  return out;
}

/** The ZIP with its files changed by `edit`; with `resum`, the manifest's sizes and checksums follow the changes. */
function rezip(zip: Uint8Array, edit: (files: Record<string, Uint8Array>, manifest: Record<string, unknown>) => void, resum = true): Uint8Array {
  const files = unzipSync(zip);
  const manifest = JSON.parse(strFromU8(files["manifest.json"]!)) as Record<string, unknown> & { files: { path: string; bytes: number; sha256: string }[] };
  edit(files, manifest);
  if (resum) {
    for (const f of manifest.files) {
      const bytes = files[f.path];
      if (!bytes) continue;
      f.bytes = bytes.length;
      f.sha256 = createHash("sha256").update(bytes).digest("hex");
    }
  }
  files["manifest.json"] = strToU8(JSON.stringify(manifest));
  return zipSync(files);
}

const editLines = (bytes: Uint8Array, edit: (rows: Row[]) => void) => {
  const rows = strFromU8(bytes).split("\n").filter(Boolean).map((l) => JSON.parse(l) as Row);
  edit(rows);
  return strToU8(rows.map((r) => `${JSON.stringify(r)}\n`).join(""));
};

async function refusal(zip: Uint8Array, name = "a.zip"): Promise<ImportRefused> {
  const error = await importNetworkExport(zip, name).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportRefused);
  return error as ImportRefused;
}

describe("a network's import", () => {
  it("round-trips into an empty database: the same records per table, ids remapped, sums rebuilt by the triggers", async () => {
    const s = await seeded();
    const source = kindsIn(s.zip);
    // An export of the world with every kind of record.
    for (const kind of exportedKinds()) expect(source.get(kind)?.length, kind).toBeGreaterThan(0);
    await restoreDatabase({ tables: s.dump.tables, rows: new Map() });
    const summary = await importNetworkExport(s.zip, "net-a.zip");
    expect(summary.network).toMatchObject({ slug: s.world.a.slug, sourceSlug: s.world.a.slug });
    const ids = summary.ids;
    // Every record got a new id, each its own.
    const records = [...source.values()].reduce((n, rows) => n + rows.filter((r) => typeof r.id === "string").length, 0);
    expect(ids.size).toBe(records);
    expect(new Set(ids.values()).size).toBe(ids.size);
    for (const [from, to] of ids) expect(to).not.toBe(from);

    const imported = await readNetwork(summary.network.id!);
    const invitationIds = new Set((source.get("Invitation") ?? []).map((r) => ids.get(r.id as string)));
    for (const [kind, rows] of imported) {
      let expected = source.get(kind)!.map((r) => remap(r, ids) as Row);
      // The link in the update's text (and its HTML) points to the imported thread.
      const thread = `/dialogue/${s.world.a.threadId}`;
      if (kind === "MilestoneUpdate") {
        expected = expected.map((r) =>
          Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "string" ? v.replaceAll(thread, `/dialogue/${ids.get(s.world.a.threadId)}`) : v])),
        );
        expect(expected.some((r) => String(r.body).includes(`/n/${s.world.a.slug}/dialogue/${ids.get(s.world.a.threadId)}`))).toBe(true);
      }
      let actual = rows;
      // Nobody is an active member until they accept: the memberships that were active wait as invited.
      if (kind === "Membership") expected = expected.map((r) => (r.status === "active" ? { ...r, status: "invited" } : r));
      // The import adds one invitation per member with an address (the broker and the member), apart from the imported ones.
      if (kind === "Invitation") {
        const added = actual.filter((r) => !invitationIds.has(r.id as string));
        expect(added.map((r) => r.role).sort(), kind).toEqual(["broker", "member"]);
        actual = actual.filter((r) => invitationIds.has(r.id as string));
      }
      expect(actual.length, kind).toBe(expected.length);
      expect(dump(actual), kind).toEqual(dump(expected));
    }
    // The people: by name and profile text; the two with addresses unclaimed, the rest by name only.
    const people = await dbSystem().user.findMany({ select: { id: true, name: true, bio: true, email: true, emailVerified: true } });
    const byId = new Map(people.map((p) => [p.id, p]));
    expect(people).toHaveLength(source.get("Person")!.length);
    for (const p of source.get("Person")!) {
      const here = byId.get(ids.get(p.id as string)!)!;
      expect({ name: here.name, bio: here.bio }).toEqual({ name: p.name, bio: p.bio });
      expect(here.email).toBe(p.email ?? `${here.id}@name-only.invalid`);
      expect(here.emailVerified).toBeNull();
    }
    expect(summary.people).toEqual({ accounts: 0, unclaimed: 2, nameOnly: source.get("Person")!.length - 2 });
    // The sums kept by triggers were rebuilt from the inserted rows, as they were there.
    for (const table of TRIGGER_KEPT) {
      const before = s.triggerRows.get(table)!;
      expect(before.length, table).toBeGreaterThan(0);
      expect(dump(await rowsOf(table, "networkId", summary.network.id!)), table).toEqual(dump(before.map((r) => remap(r, ids))));
    }
    // Search works on the imported text.
    const [indexed] = await dbSystem().$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Thread" WHERE "networkId" = ${summary.network.id!} AND "searchVector" IS NOT NULL`;
    expect(indexed?.n).toBe(source.get("Thread")!.length);

    // The member with an address signs in (the profile made for it) and takes up the membership.
    const memberHere = ids.get(s.world.a.member.id)!;
    const profile = byId.get(memberHere)!;
    const membership = await dbSystem().membership.findFirstOrThrow({ where: { networkId: summary.network.id!, userId: memberHere } });
    const original = source.get("Membership")!.find((m) => m.userId === s.world.a.member.id)!;
    expect(membership.status).toBe("invited");
    signInAs({ id: profile.id, email: profile.email, name: profile.name });
    expect((await viewNetwork(s.world.a.slug))?.scope).toBeNull();
    const invitation = await dbSystem().invitation.findFirstOrThrow({ where: { networkId: summary.network.id!, email: profile.email } });
    expect((await call(acceptAddressedInvitationAction, { slug: s.world.a.slug, invitationId: invitation.id, acceptPrinciples: "on" })).ok).toBe(true);
    const taken = await dbSystem().membership.findFirstOrThrow({ where: { networkId: summary.network.id!, userId: memberHere } });
    expect(taken).toMatchObject({ status: "active", role: original.role, joinedAt: new Date(original.joinedAt as string) });
  });

  it("leaves the networks already here as they were, renames a taken slug, and matches people by address", async () => {
    const s = await seeded();
    const a = s.world.a;
    const before = await dumpDatabase();
    const summary = await importNetworkExport(s.zip, "net-a.zip");
    expect(summary.network.slug).toBe(`${a.slug}-2`);
    const networkId = summary.network.id!;
    const after = await dumpDatabase();
    // Every row that was here is still here, unchanged; every new tenant row is the new network's.
    for (const table of before.tables) {
      const old = JSON.parse(before.rows.get(table) ?? "[]") as Row[];
      const now = JSON.parse(after.rows.get(table) ?? "[]") as Row[];
      const left = new Set(dump(now));
      for (const row of dump(old)) expect(left.has(row), `${table}: ${row.slice(0, 120)}`).toBe(true);
      const added = now.filter((r) => !new Set(dump(old)).has(canonical(r)));
      if ("networkId" in (now[0] ?? {})) for (const r of added) expect(r.networkId, table).toBe(networkId);
    }
    // People with an address here are matched to their accounts, never duplicated: only the people
    // without an address in the export get a (name-only) profile.
    const users = (JSON.parse(after.rows.get("User")!) as Row[]).length - (JSON.parse(before.rows.get("User")!) as Row[]).length;
    expect(users).toBe(summary.people.nameOnly);
    expect(summary.people).toMatchObject({ accounts: 2, unclaimed: 0 });
    expect(summary.ids.get(a.broker.id)).toBe(a.broker.id);
    // Their authorship shows at once: the imported thread is the member's own account's.
    const thread = await dbSystem().thread.findFirstOrThrow({ where: { networkId, id: summary.ids.get(a.threadId)! }, select: { authorId: true } });
    expect(thread.authorId).toBe(a.member.id);
    // A link in a text to the network's own thread leads to the imported thread under the new slug.
    const update = await dbSystem().milestoneUpdate.findFirstOrThrow({ where: { networkId, body: { startsWith: "Going" } }, select: { body: true, bodyHtml: true } });
    expect(update.body).toBe(`Going, see [the thread](/n/${a.slug}-2/dialogue/${summary.ids.get(a.threadId)}).`);
    expect(update.bodyHtml).toContain(`href="/n/${a.slug}-2/dialogue/${summary.ids.get(a.threadId)}"`);
    // The broker is invited (in their centre and by mail), not a member, until they accept.
    const notice = await dbSystem().notification.findFirstOrThrow({ where: { networkId, userId: a.broker.id, kind: "membership_invited" }, select: { role: true } });
    expect(notice.role).toBe("broker");
    expect(await dbSystem().mailMessage.count({ where: { kind: "invitation", to: a.broker.email.toLowerCase() } })).toBe(1);
    signInAs(a.broker);
    expect((await viewNetwork(summary.network.slug))?.scope).toBeNull();
    const invitation = (await viewNetwork(summary.network.slug))!.invitation!;
    expect(invitation.role).toBe("broker");
    expect((await call(acceptAddressedInvitationAction, { slug: summary.network.slug, invitationId: invitation.id, acceptPrinciples: "on" })).ok).toBe(true);
    const membership = await dbSystem().membership.findFirstOrThrow({ where: { networkId, userId: a.broker.id }, select: { status: true, role: true } });
    expect(membership).toEqual({ status: "active", role: "broker" });
    // A person without an address in the export is a name-only profile: no invitation, no membership taken up.
    const other = summary.ids.get(a.other.id)!;
    expect(other).not.toBe(a.other.id);
    expect(await dbSystem().invitation.count({ where: { networkId, createdById: other } })).toBe(0);
  });

  it("prints what a dry run would create and writes nothing; an export of an older minor version is read", async () => {
    const s = await seeded();
    const snapshot = await snapshotDatabase();
    const older = rezip(s.zip, (_files, manifest) => {
      manifest.formatVersion = "1.0.0";
    });
    const summary = await importNetworkExport(older, "net-a.zip", { dryRun: true });
    expect(await snapshotDatabase()).toBe(snapshot);
    expect(summary).toMatchObject({ dryRun: true, formatVersion: "1.0.0", network: { slug: `${s.world.a.slug}-2`, id: null }, invitations: 2, brokers: 1 });
    expect(summary.counts.Thread).toBe(kindsIn(s.zip).get("Thread")!.length);
    const text = describeImport(summary);
    expect(text).toMatch(/^Dry run: nothing was written/);
    expect(text).toContain(`/n/${s.world.a.slug}-2 (its slug "${s.world.a.slug}" is taken here)`);
    expect(text).toMatch(/Thread\s+\d+/);
    expect(text).not.toContain("warning");
    // The commons question's asker is of another network: kept as it was, and said so.
    expect(summary.outside["CommonsQuestion.askerId"]).toBe(1);
  });

  it("refuses a damaged, foreign, changed or future export and the same export twice, saying which file and why, changing nothing", async () => {
    const s = await seeded();
    const snapshot = await snapshotDatabase();
    const cases: [string, Uint8Array, RegExp][] = [
      ["not a ZIP", strToU8("PK but not really a zip file"), /^a\.zip: not a ZIP file/],
      ["truncated", s.zip.slice(0, Math.floor(s.zip.length / 2)), /^a\.zip: not a ZIP file/],
      ["foreign", zipSync({ "photo.jpg": strToU8("jpeg") }), /^a\.zip: the ZIP has no manifest\.json/],
      ["another format", rezip(s.zip, (_f, m) => void (m.format = "loomio-export")), /^manifest\.json: the format is "loomio-export"/],
      ["tampered", rezip(s.zip, (f) => void (f["data/Thread.jsonl"] = editLines(f["data/Thread.jsonl"]!, (rows) => void (rows[0]!.title = [...String(rows[0]!.title)].reverse().join("")))), false), /^data\/Thread\.jsonl: its SHA-256 is [0-9a-f]{64}, manifest\.json says/],
      ["checksum", rezip(s.zip, (_f, m) => void ((m.files as { sha256: string }[])[0]!.sha256 = "0".repeat(64)), false), /: its SHA-256 is .* manifest\.json says 0{64}/],
      ["missing", rezip(s.zip, (f) => void delete f["csv/Thread.csv"]), /^csv\/Thread\.csv: is listed in manifest\.json but missing/],
      ["extra", rezip(s.zip, (f) => void (f["data/Extra.jsonl"] = strToU8("{}\n"))), /^data\/Extra\.jsonl: is in the ZIP but not listed/],
      ["future major", rezip(s.zip, (_f, m) => void (m.formatVersion = "2.0.0")), /^manifest\.json: the export has format version 2\.0\.0, newer than this Kring reads/],
      ["future minor", rezip(s.zip, (_f, m) => void (m.formatVersion = "1.9.0")), /^manifest\.json: the export has format version 1\.9\.0, newer/],
      ["older major", rezip(s.zip, (_f, m) => void (m.formatVersion = "0.9.0")), /^manifest\.json: .* knows no migration from 0\.x/],
      ["a row off its schema", rezip(s.zip, (f) => void (f["data/Thread.jsonl"] = editLines(f["data/Thread.jsonl"]!, (rows) => void (rows[0]!.level = "galaxy")))), /^data\/Thread\.jsonl: line 1 does not fit the Thread schema: level: /],
      [
        "a reference out of the export",
        rezip(s.zip, (f) => void (f["data/Reply.jsonl"] = editLines(f["data/Reply.jsonl"]!, (rows) => void (rows[0]!.threadId = "nowhere")))),
        /^data\/Reply\.jsonl: line 1: threadId points to Thread nowhere, which is not in the export/,
      ],
      ["a count that differs", rezip(s.zip, (_f, m) => void ((m.counts as Record<string, number>).Thread = 99)), /^data\/Thread\.jsonl: holds \d+ records, manifest\.json counts 99/],
    ];
    for (const [label, zip, message] of cases) expect((await refusal(zip)).message, label).toMatch(message);
    expect(await snapshotDatabase()).toBe(snapshot);
    // The same export twice: the second time refused, and the first import left as it was.
    await importNetworkExport(s.zip, "net-a.zip");
    const once = await snapshotDatabase();
    expect((await refusal(s.zip, "net-a.zip")).message).toMatch(new RegExp(`^manifest\\.json: export ${s.exportId} was already imported here on .* as the network "${s.world.a.slug}-2"`));
    expect(await snapshotDatabase()).toBe(once);
  });

  it("imports an export once when two runs start together: the other is refused and writes nothing", async () => {
    const s = await seeded();
    const runs = await Promise.allSettled([importNetworkExport(s.zip, "net-a.zip"), importNetworkExport(s.zip, "net-a.zip")]);
    expect(runs.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = runs.find((r) => r.status === "rejected")!.reason as ImportRefused;
    expect(refused).toBeInstanceOf(ImportRefused);
    expect(refused.message).toMatch(new RegExp(`^manifest\\.json: export ${s.exportId} was (imported meanwhile by another run|already imported here)`));
    // Across networks, by the export's id alone (the system's view).
    const [imports] = await dbSystem().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "NetworkImport" WHERE "exportId" = ${s.exportId}`;
    expect(imports?.n).toBe(1);
    const networks = await dbSystem().network.findMany({ where: { slug: { startsWith: s.world.a.slug } }, select: { slug: true } });
    expect(networks.map((n) => n.slug).sort()).toEqual([s.world.a.slug, `${s.world.a.slug}-2`]);
  });
});
