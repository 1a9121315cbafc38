// Helpers shared by the integration tests (not a test file itself).
import { expect } from "vitest";
import type { ActionResult } from "@/lib/action-types";
import { dbSystem } from "@/lib/db/client";
import { makeMembership, makeNetwork, makeUser } from "@/lib/db/factories";
import type { Role } from "@/lib/db/generated/enums";
import type { ErrorCode } from "@/lib/errors";
import { hashToken } from "@/lib/membership/invitations";
import { asUser, signInAs } from "../setup/session";

export { asUser, signInAs };

export type Action<T = unknown> = (prev: unknown, form: FormData) => Promise<ActionResult<T>>;

/** What a form posts: every value a string. */
export function formData(fields: Record<string, string | undefined>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) form.set(key, value);
  return form;
}

/** An action's result; a redirect (how Next ends a successful join, create, leave) counts as success. */
export type Outcome<T = unknown> = ActionResult<T> & { redirect?: string };

function redirectTarget(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("digest" in error)) return undefined;
  const digest = String(error.digest);
  if (!digest.startsWith("NEXT_REDIRECT")) return undefined;
  // NEXT_REDIRECT;<type>;<url>;<status>;
  return digest.split(";").slice(2, -2).join(";");
}

export async function call<T>(action: Action<T>, fields: Record<string, string | undefined>): Promise<Outcome<T>> {
  try {
    return await action(null, formData(fields));
  } catch (error) {
    const target = redirectTarget(error);
    if (target !== undefined) return { ok: true, data: null as T, redirect: target };
    throw error;
  }
}

/** `"ok"` or the refusal's code, for compact assertions. */
export function outcomeOf(result: Outcome): "ok" | ErrorCode | undefined {
  return result.ok ? "ok" : result.code;
}

export function expectRefused(result: Outcome, code: ErrorCode): void {
  expect(result).toMatchObject({ ok: false, code });
}

let tableList: Promise<string[]> | undefined;

/**
 * Every row of every table (but the migrations table), as one string: for "nothing changed" checks.
 * `{ counters: false }` leaves the rate-limit counters out, for checks that a successful no-op
 * writes nothing: a success still counts against the caller's writes budget (decision 028).
 */
export async function snapshotDatabase(options: { counters?: boolean } = {}): Promise<string> {
  tableList ??= dbSystem()
    .$queryRaw<{ tablename: string }[]>`
      SELECT tablename FROM pg_tables
      WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'
      ORDER BY tablename`
    .then((rows) => rows.map((r) => r.tablename));
  const tables = (await tableList).filter((t) => options.counters !== false || t !== "RateLimitBucket");
  // One query: a JSON object of table name -> rows in a stable order.
  const columns = tables.map(
    (t) => `'${t}', (SELECT coalesce(json_agg(t ORDER BY t::text), '[]'::json) FROM "${t}" t)`,
  );
  // json_build_object takes at most 100 arguments (50 tables): one object per 40 tables, merged.
  const objects: string[] = [];
  for (let i = 0; i < columns.length; i += 40) objects.push(`json_build_object(${columns.slice(i, i + 40).join(", ")})::jsonb`);
  const [row] = await dbSystem().$queryRawUnsafe<{ snapshot: string }[]>(`SELECT (${objects.join(" || ")})::text AS snapshot`);
  return row?.snapshot ?? "";
}

export type User = Awaited<ReturnType<typeof makeUser>>;

export async function user(name: string): Promise<User> {
  return makeUser(dbSystem(), { name, email: `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${Math.random().toString(36).slice(2, 8)}@example.test` });
}

export async function member(network: { id: string }, person: { id: string }, role: Role = "member") {
  return makeMembership(dbSystem(), { networkId: network.id, userId: person.id, role });
}

/** An invitation row as createInvitation writes it; returns the token the link would carry. */
export async function invitation(
  network: { id: string },
  createdBy: { id: string },
  opts: { role?: Role; expiresAt?: Date; token?: string; email?: string } = {},
) {
  const token = opts.token ?? `token-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}-padding`;
  const row = await dbSystem().invitation.create({
    data: {
      networkId: network.id,
      tokenHash: hashToken(token),
      role: opts.role ?? "member",
      email: opts.email?.toLowerCase() ?? null,
      createdById: createdBy.id,
      expiresAt: opts.expiresAt ?? new Date(Date.now() + 7 * 86_400_000),
    },
    select: { id: true },
  });
  return { id: row.id, token };
}

export { makeNetwork, makeMembership };

/** Valid settings for a network form; override what a test is about. */
export function networkFields(overrides: Record<string, string | undefined> = {}) {
  return {
    name: "Commons Lab",
    purpose: "Working together on the commons.",
    workingQuestion: "What are we working on?",
    principles: "No one has a monopoly on the truth.\nThe process takes time.",
    visibility: "public",
    joinPolicy: "open",
    locale: "en",
    ...overrides,
  };
}

export async function activeBrokers(networkId: string) {
  return dbSystem().membership.count({ where: { networkId, role: "broker", status: "active" } });
}

export async function membershipOf(networkId: string, userId: string) {
  return dbSystem().membership.findUnique({ where: { networkId_userId: { networkId, userId } } });
}

/** A thread page the viewer may read, or a failed expectation (null or the hidden-thread notice). */
export function shown<T extends { visible: boolean }>(page: T | null): Extract<T, { visible: true }> {
  expect(page, "expected a thread page").not.toBeNull();
  expect(page?.visible, "expected the thread to be visible").toBe(true);
  return page as Extract<T, { visible: true }>;
}
