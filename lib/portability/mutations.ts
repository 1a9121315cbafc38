import "server-only";
import packageJson from "@/package.json" with { type: "json" };
import { recordAudit } from "@/lib/audit/mutations";
import { cyclePhase } from "@/lib/cycles/phase";
import { db, dbAcross, dbSystem } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { AppLocale } from "@/lib/i18n/config";
import { emailLink } from "@/lib/mail/links";
import { enqueueMail } from "@/lib/mail/mutations";
import { invitationEmail } from "@/lib/membership/invitation-mail";
import { hashToken, newInvitationToken } from "@/lib/membership/invitations";
import { reservedSlugs, SLUG_MAX } from "@/lib/networks/schema";
import { notifyInvited } from "@/lib/notifications/mutations";
import { backfillSearchVectors } from "@/lib/search/mutations";
import { hitRateLimits, type RateVerdict } from "@/lib/rate-limit/mutations";
import { feedChecks } from "@/lib/rate-limit/policy";
import type { NetworkScope } from "@/lib/membership/scope";
import { buildArchive, sha256Hex, type KindRows } from "./archive";
import { freeSlug, ImportRefused, planImport, readExport, type ImportSummary } from "./import";
import {
  EXPORT_CLAIM_MS,
  EXPORT_MAX_ATTEMPTS,
  EXPORT_TTL_MS,
  EXPORTS_PER_DAY,
  IMPORT_BATCH_ROWS,
  IMPORT_INVITATION_DAYS,
  reflectionInExport,
  type ReflectionRow,
} from "./policy";
import {
  findAccountsByEmail,
  findImportOfExport,
  findTakenSlugs,
  readCyclesForExport,
  readExportColumns,
  readForeignKeys,
  readNetworkHeader,
  readPeople,
  readRequesterRole,
  readTableRows,
} from "./queries";
import { PERSON_COLUMNS, rowSchema } from "./schema";
import { EXPORTED, SHARED_EXPORTED } from "./tables";

/**
 * A network's export (issue 22, decision 046). A broker's request writes a queued row; a worker on
 * any instance claims it (`FOR UPDATE SKIP LOCKED`, with a claim that runs out if the worker dies),
 * reads the network, writes the ZIP into the row and tells the broker (`network_export_ready`).
 * Nothing lives in one process's memory between those steps.
 */

/** A broker asks for an export: at most one being built per network, and EXPORTS_PER_DAY a day. */
export async function requestNetworkExport(scope: NetworkScope, now = new Date()): Promise<{ id: string }> {
  return db(scope).$transaction(async (tx) => {
    // One request at a time per network, so two clicks cannot both pass the checks below.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`network-export:${scope.networkId}`}))`;
    const [running, recent] = await Promise.all([
      tx.networkExport.count({ where: { networkId: scope.networkId, status: { in: ["queued", "building"] } } }),
      tx.networkExport.count({ where: { networkId: scope.networkId, createdAt: { gte: new Date(now.getTime() - 24 * 60 * 60 * 1000) } } }),
    ]);
    if (running > 0) throw new AppError("export_running");
    if (recent >= EXPORTS_PER_DAY) throw new AppError("export_limit");
    const row = await tx.networkExport.create({ data: { networkId: scope.networkId, requestedById: scope.userId, createdAt: now }, select: { id: true } });
    await recordAudit(tx, { networkId: scope.networkId, actorId: scope.userId, action: "network.export_requested", detail: { exportId: row.id } });
    return row;
  });
}

/** The requester downloaded the file: every download is in the audit log. */
export async function recordExportDownload(scope: NetworkScope, exportId: string, sha256: string | null) {
  await db(scope).$transaction(async (tx) => {
    await recordAudit(tx, { networkId: scope.networkId, actorId: scope.userId, action: "network.export_downloaded", detail: { exportId, sha256 } });
  });
}

type Claimed = { id: string; networkId: string; requestedById: string; createdAt: Date; attempts: number };

/** Takes the oldest export waiting (or whose worker's claim ran out), for this worker alone. */
async function claimExport(now: Date): Promise<Claimed | null> {
  const until = new Date(now.getTime() + EXPORT_CLAIM_MS);
  // The system path (decision 022): the queue holds every network's requests.
  const rows = await dbSystem().$queryRaw<Claimed[]>`
    UPDATE "NetworkExport" SET status = 'building', "lockedUntil" = ${until}, attempts = attempts + 1
    WHERE id = (
      SELECT id FROM "NetworkExport"
      WHERE (status = 'queued' OR (status = 'building' AND "lockedUntil" < ${now})) AND attempts < ${EXPORT_MAX_ATTEMPTS}
      ORDER BY "createdAt", id
      FOR UPDATE SKIP LOCKED
      LIMIT 1)
    RETURNING id, "networkId", "requestedById", "createdAt", attempts`;
  return rows[0] ?? null;
}

/** Reads every kind of the network as the requester may see it, shaped by its zod schema. */
async function collect(job: Claimed, role: NonNullable<Awaited<ReturnType<typeof readRequesterRole>>>, now: Date, progress: (done: number, of: number) => Promise<void>) {
  const columns = await readExportColumns(job.networkId);
  const cycles = new Map(
    (await readCyclesForExport(job.networkId, job.requestedById)).map((c) => [c.id, { phase: cyclePhase(c, now), requesterSubmitted: c.requesterSubmitted }]),
  );
  const requester = { userId: job.requestedById, role };
  const tables = [...Object.entries(SHARED_EXPORTED), ...Object.entries(EXPORTED)];
  const kinds: KindRows[] = [];
  const person = rowSchema("Person", PERSON_COLUMNS);
  kinds.push({ kind: "Person", schema: person, rows: (await readPeople(job.networkId)).map((r) => person.parse(r)) });
  let reflections = new Set<string>();
  for (const [index, [table, config]] of tables.entries()) {
    const shape = columns.get(table)!;
    const schema = rowSchema(table, shape.columns);
    let rows = await readTableRows(job.networkId, table, config, shape);
    if (config.rule === "reflection") {
      rows = rows.filter((r) => reflectionInExport(r as ReflectionRow, requester, cycles));
      reflections = new Set(rows.map((r) => r.id as string));
    }
    if (config.rule === "citation") rows = rows.filter((r) => reflections.has(r.reflectionId as string));
    kinds.push({ kind: config.kind, schema, rows: rows.map((r) => schema.parse(r)) });
    if (index % 5 === 4) await progress(index + 1, tables.length);
  }
  return kinds;
}

/**
 * Builds one waiting export, if there is one: returns its id, or null when the queue is empty.
 * A requester who is no longer an active broker gets no file. A failure is written as a code and
 * tried again by the next sweep until EXPORT_MAX_ATTEMPTS.
 */
async function buildNextExport(now = new Date()): Promise<string | null> {
  const job = await claimExport(now);
  if (!job) return null;
  const own = dbAcross([job.networkId]);
  try {
    const role = await readRequesterRole(job.networkId, job.requestedById);
    if (role !== "broker") {
      await own.networkExport.update({ where: { id: job.id, networkId: job.networkId }, data: { status: "failed", error: "forbidden", lockedUntil: null } });
      return job.id;
    }
    const network = await readNetworkHeader(job.networkId);
    const kinds = await collect(job, role, now, async (done, of) => {
      await own.networkExport.update({ where: { id: job.id, networkId: job.networkId }, data: { progress: Math.min(95, Math.floor((done / of) * 100)) } });
    });
    const { zip, manifest } = buildArchive(kinds, { exportId: job.id, createdAt: job.createdAt, appVersion: packageJson.version, network, publicUrl: env().publicUrl });
    const readyAt = new Date();
    await own.$transaction(async (tx) => {
      await tx.networkExport.update({
        where: { id: job.id, networkId: job.networkId },
        data: {
          status: "ready",
          progress: 100,
          file: Buffer.from(zip),
          size: zip.length,
          sha256: sha256Hex(zip),
          counts: manifest.counts,
          readyAt,
          expiresAt: new Date(readyAt.getTime() + EXPORT_TTL_MS),
          lockedUntil: null,
          error: null,
        },
      });
      await tx.notification.createMany({
        data: [{ networkId: job.networkId, userId: job.requestedById, kind: "network_export_ready", dedupeKey: `network-export:${job.id}` }],
        skipDuplicates: true,
      });
    });
    return job.id;
  } catch (error) {
    console.error("[kring] a network export failed", error);
    const last = job.attempts >= EXPORT_MAX_ATTEMPTS;
    await own.networkExport.update({
      where: { id: job.id, networkId: job.networkId },
      data: { status: last ? "failed" : "queued", error: "unexpected", lockedUntil: null, progress: 0 },
    });
    return job.id;
  }
}

/** The files of ready exports whose day is over are deleted; the rows stay as the record. */
export async function expireExports(now = new Date()): Promise<number> {
  // The system path (decision 022): every network's exports, by their expiry alone.
  return dbSystem().$executeRaw`
    UPDATE "NetworkExport" SET status = 'expired', file = NULL
    WHERE status = 'ready' AND "expiresAt" <= ${now}`;
}

/** The worker's sweep (lib/jobs.ts): expire old files, then build what waits (a few per tick). */
export async function buildDueExports(now = new Date(), most = 3): Promise<number> {
  await expireExports(now);
  let built = 0;
  while (built < most && (await buildNextExport(now))) built += 1;
  return built;
}

/** A download counts against the person's feed budget (KRING_RATE_FEEDS): a file of the whole network is not fetched in a loop. */
export function countExportDownload(userId: string): Promise<RateVerdict> {
  return hitRateLimits(feedChecks(`network-export:user:${userId}`));
}

// ---------------------------------------------------------------- the import (decision 049)

const quoteIdentifier = (name: string) => {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`import: not an identifier: ${JSON.stringify(name)}`);
  return `"${name}"`;
};

/**
 * Whether an error is a unique violation (PostgreSQL 23505, Prisma P2002) that names `field` or its
 * index, however Prisma or the driver adapter words it.
 */
function violatesUnique(error: unknown, field: string): boolean {
  if (!(error instanceof Error)) return false;
  const detail = `${error.message} ${JSON.stringify((error as { code?: unknown; meta?: unknown }).meta ?? null)} ${String((error as { code?: unknown }).code ?? "")}`;
  return /P2002|23505|unique constraint/i.test(detail) && detail.includes(field);
}

/**
 * Imports a network's export (issue 22 item 3, decision 049), or with `dryRun` only says what it
 * would write. Everything is checked before the first write (lib/portability/import.ts), and the
 * writes are one transaction through `dbAcross([the new network])`: row-level security holds, and
 * any failure leaves the database as it was. Nobody becomes an active member: each membership
 * that was active waits as `invited`, and each member with an address gets an invitation (mailed,
 * and in the centre of an account that already has the address) to take it up.
 */
export async function importNetworkExport(zip: Uint8Array, fileName: string, opts: { dryRun?: boolean; now?: Date } = {}): Promise<ImportSummary> {
  const now = opts.now ?? new Date();
  const opened = readExport(zip, fileName);
  const { manifest } = opened;
  const earlier = await findImportOfExport(manifest.exportId);
  if (earlier) {
    throw new ImportRefused(
      "manifest.json",
      `export ${manifest.exportId} was already imported here on ${earlier.createdAt.toISOString()}, as the network "${earlier.slug}": an export is imported once.`,
    );
  }
  const emails = [...new Set((opened.kinds.get("Person") ?? []).map((p) => (typeof p.email === "string" ? p.email.trim().toLowerCase() : "")).filter(Boolean))];
  const [columns, keys, accounts, taken] = await Promise.all([readExportColumns(manifest.network.id), readForeignKeys(), findAccountsByEmail(emails), findTakenSlugs(manifest.network.slug)]);
  for (const reserved of reservedSlugs) taken.add(reserved);
  const slug = freeSlug(manifest.network.slug, taken, SLUG_MAX);
  const plan = planImport(opened, { columns, keys, accounts: new Map(accounts.map((a) => [a.email, a.id])), slug });
  const network = plan.tables.find((t) => t.table === "Network")!.rows[0]!;
  const memberships = plan.tables.find((t) => t.table === "Membership")!.rows;
  const personById = new Map(plan.people.map((p) => [p.id, p]));
  const invited = memberships.flatMap((m) => {
    const person = personById.get(m.userId as string);
    return m.status === "invited" && person?.email ? [{ person, role: m.role as Role }] : [];
  });
  const summary: ImportSummary = {
    dryRun: Boolean(opts.dryRun),
    exportId: manifest.exportId,
    formatVersion: manifest.formatVersion,
    appVersion: manifest.appVersion,
    network: { name: manifest.network.name, sourceSlug: manifest.network.slug, slug, id: opts.dryRun ? null : plan.networkId },
    counts: Object.fromEntries([...opened.kinds].map(([kind, rows]) => [kind, rows.length])),
    people: {
      accounts: plan.people.filter((p) => p.match === "account").length,
      unclaimed: plan.people.filter((p) => p.match === "unclaimed").length,
      nameOnly: plan.people.filter((p) => p.match === "name-only").length,
    },
    invitations: invited.length,
    brokers: invited.filter((i) => i.role === "broker").length,
    outside: plan.outside,
    ids: opts.dryRun ? new Map() : plan.ids,
  };
  if (opts.dryRun) return summary;

  // The invitations' secrets and mails, made before the transaction (rendering takes a moment).
  const locales = new Map(accounts.map((a) => [a.id, a.locale]));
  const expiresAt = new Date(now.getTime() + IMPORT_INVITATION_DAYS * 24 * 60 * 60 * 1000);
  const invitations = await Promise.all(
    invited.map(async ({ person, role }) => {
      const token = newInvitationToken();
      const message = await invitationEmail({
        to: person.email!,
        url: emailLink(`/n/${slug}/invite/${token}`),
        locale: locales.get(person.id) ?? (network.locale as AppLocale),
        network: network.name as string,
        inviter: null,
        role,
        expiresInDays: IMPORT_INVITATION_DAYS,
      });
      return { person, role, token, message };
    }),
  );

  try {
    await dbAcross([plan.networkId]).$transaction(
      async (tx) => {
        // Profiles for the people without an account here: by their address (unclaimed until they
        // sign in with it) or, without one, by name only (an address that can never receive mail).
        const profiles = plan.people.filter((p) => p.match !== "account");
        if (profiles.length > 0) {
          await tx.user.createMany({
            data: profiles.map((p) => ({
              id: p.id,
              email: p.email ?? `${p.id}@name-only.invalid`,
              name: p.name,
              bio: p.bio,
              ...(p.email ? {} : { emailFrequency: "off" as const }),
            })),
          });
        }
        for (const { table, rows } of plan.tables) {
          for (let start = 0; start < rows.length; start += IMPORT_BATCH_ROWS) {
            const batch = rows.slice(start, start + IMPORT_BATCH_ROWS);
            const list = Object.keys(batch[0]!).map(quoteIdentifier).join(", ");
            const name = quoteIdentifier(table);
            // PostgreSQL turns each JSON value into the column's type (enums, arrays, times, big integers).
            await tx.$executeRawUnsafe(`INSERT INTO ${name} (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::${name}, $1::jsonb)`, JSON.stringify(batch));
          }
          if (table === "Network") {
            await tx.networkImport.create({
              data: {
                networkId: plan.networkId,
                exportId: manifest.exportId,
                sourceNetworkId: manifest.network.id,
                sourceSlug: manifest.network.slug,
                formatVersion: manifest.formatVersion,
                appVersion: manifest.appVersion,
                sha256: opened.sha256,
                counts: summary.counts,
                createdAt: now,
              },
            });
          }
        }
        for (const { person, role, token, message } of invitations) {
          const invitation = await tx.invitation.create({
            data: { networkId: plan.networkId, tokenHash: hashToken(token), role, email: person.email, createdById: person.id, expiresAt, createdAt: now },
            select: { id: true },
          });
          await enqueueMail({ kind: "invitation", userId: person.id, ...message }, tx);
          if (person.match === "account") {
            // The import has no inviter: the notice names none (the mail says where the network came from).
            await notifyInvited(tx, plan.networkId, { invitationId: invitation.id, userId: person.id, role, actorId: null }, now);
          }
        }
        await backfillSearchVectors(tx, plan.networkId);
      },
      { timeout: 5 * 60 * 1000, maxWait: 60 * 1000 },
    );
  } catch (error) {
    // Another run of the same export (or a network made meanwhile) got there first; nothing was written.
    if (violatesUnique(error, "exportId") || violatesUnique(error, "slug")) {
      const other = await findImportOfExport(manifest.exportId);
      if (other) throw new ImportRefused("manifest.json", `export ${manifest.exportId} was imported meanwhile by another run, as the network "${other.slug}": an export is imported once.`);
      throw new ImportRefused("data/Network.jsonl", `the slug "${slug}" was taken meanwhile: run the import again.`);
    }
    throw error;
  }
  return summary;
}
