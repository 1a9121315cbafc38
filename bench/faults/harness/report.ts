// Figures and checks after a load: throughput and latency, and in SQL whether every
// acknowledged write was kept exactly once and nothing was left half-written.
import pg from "pg";
import { KINDS, type Load, type Write } from "./load";
import { FUND, type Seeded } from "./seed";

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export type Check = { name: string; ok: boolean; detail: string };

export function printChecks(checks: Check[]): boolean {
  console.log("");
  for (const c of checks) console.log(`${c.ok ? "PASS" : "FAIL"}  ${c.name}: ${c.detail}`);
  const failed = checks.filter((c) => !c.ok).length;
  console.log(failed ? `\n${failed} of ${checks.length} properties FAILED` : `\nall ${checks.length} properties hold`);
  return failed === 0;
}

/** Writes/s, latency and counts of a load, per kind and in all. */
export function printLoad(load: Load, label = "load"): void {
  const seconds = (load.endedAt - load.startedAt) / 1000;
  console.log(`\n${label}: ${seconds.toFixed(1)} s, ${new Date(load.startedAt).toISOString()}`);
  console.log("kind          writes  acked  refused  unanswered  requests  acked/s   p50 ms   p95 ms   p99 ms");
  const rows: [string, Write[]][] = [...KINDS.map((k) => [k, load.writes.filter((w) => w.kind === k)] as [string, Write[]]), ["all", load.writes]];
  for (const [name, ws] of rows) {
    const answered = ws.flatMap((w) => w.attempts.filter((a) => a.result)).map((a) => a.ms).sort((a, b) => a - b);
    const acked = ws.filter((w) => w.acked).length;
    const refused = ws.filter((w) => !w.acked && w.refused).length;
    const unanswered = ws.filter((w) => !w.acked && !w.refused).length;
    const requests = ws.reduce((n, w) => n + w.attempts.length, 0);
    console.log(
      `${name.padEnd(12)} ${String(ws.length).padStart(7)} ${String(acked).padStart(6)} ${String(refused).padStart(8)} ${String(unanswered).padStart(11)} ${String(requests).padStart(9)} ${(acked / seconds).toFixed(1).padStart(8)} ${String(percentile(answered, 50)).padStart(8)} ${String(percentile(answered, 95)).padStart(8)} ${String(percentile(answered, 99)).padStart(8)}`,
    );
  }
  const codes = new Map<string, number>();
  for (const w of load.writes) for (const a of w.attempts) {
    const label = a.result ? (a.result.ok ? "ok" : `refused: ${a.result.code}`) : `failed: ${a.error}`;
    codes.set(label, (codes.get(label) ?? 0) + 1);
  }
  console.log(`answers: ${[...codes].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(", ")}`);
}

type StoredRow = { owner: string; key: string; n: number; id: string; body: string | null; amount: string | null; created: number };

/**
 * Every acknowledged write stored exactly once (by its unique key), as sent, with the id its
 * answer named; retries named the same record; no stored row that no writer sent; and the
 * count of writes stored without an acknowledgement (allowed: the answer was lost).
 */
export async function checkWrites(
  url: string,
  seeded: Seeded,
  writes: Write[],
): Promise<{ checks: Check[]; storedUnacked: number; resent: number; storedByCutRequest: number }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const writerId = (i: number) => seeded.writers[i]!.userId;
    const replies = await c.query<StoredRow>(
      `SELECT "authorId" AS owner, "idempotencyKey" AS key, count(*)::int AS n, min(id) AS id, min(body) AS body, NULL AS amount,
              (extract(epoch FROM min("createdAt")) * 1000)::float8 AS created
       FROM "Reply" WHERE "networkId" LIKE 'f%' GROUP BY 1, 2`,
    );
    const pledges = await c.query<StoredRow>(
      `SELECT "funderId" AS owner, "idempotencyKey" AS key, count(*)::int AS n, min(id) AS id, NULL AS body, min(amount)::text AS amount,
              (extract(epoch FROM min("createdAt")) * 1000)::float8 AS created
       FROM "Pledge" WHERE "networkId" = '${FUND}' GROUP BY 1, 2`,
    );
    const reflections = await c.query<{ owner: string; cycle: string; n: number; body: string }>(
      `SELECT "authorId" AS owner, "cycleId" AS cycle, count(*)::int AS n, min(body) AS body FROM "Reflection" GROUP BY 1, 2`,
    );
    const checks: Check[] = [];
    let storedUnacked = 0;
    // Replies and pledges sent again after a failed request, and those the failed request had already stored.
    let resent = 0;
    let storedByCutRequest = 0;
    const keyed = (kind: "reply" | "pledge", rows: StoredRow[]) => {
      const stored = new Map(rows.map((r) => [`${r.owner}/${r.key}`, r]));
      const sent = new Set<string>();
      let lost = 0;
      let duplicated = 0;
      let wrongId = 0;
      let altered = 0;
      let retryMismatch = 0;
      let acked = 0;
      for (const w of writes.filter((x) => x.kind === kind)) {
        const k = `${writerId(w.writer)}/${w.key}`;
        sent.add(k);
        const row = stored.get(k);
        if (row && row.n > 1) duplicated++;
        if (new Set(w.okIds).size > 1) retryMismatch++;
        if (!w.acked) {
          if (row) storedUnacked++;
          continue;
        }
        acked++;
        if (!row) {
          lost++;
          continue;
        }
        if (w.ackedId && row.id !== w.ackedId) wrongId++;
        const firstOk = w.attempts.findIndex((a) => a.result?.ok);
        if (firstOk > 0 && !w.attempts[firstOk - 1]!.result) {
          resent++;
          if (row.created < w.attempts[firstOk]!.sentAt) storedByCutRequest++;
        }
        if (kind === "reply" && row.body !== w.body) altered++;
        if (kind === "pledge" && row.amount !== String(w.amountMinor)) altered++;
      }
      const strangers = rows.filter((r) => !sent.has(`${r.owner}/${r.key}`)).length;
      const plural = `${kind === "reply" ? "replies" : "pledges"}`;
      checks.push({
        name: `every acknowledged ${kind} stored exactly once`,
        ok: lost === 0 && duplicated === 0 && wrongId === 0 && altered === 0 && acked > 0,
        detail: `${acked} acknowledged, ${lost} missing, ${duplicated} keys stored twice, ${wrongId} under another id, ${altered} altered`,
      });
      checks.push({
        name: `retries of ${plural} made no duplicates`,
        ok: retryMismatch === 0 && duplicated === 0 && strangers === 0,
        detail: `${writes.filter((x) => x.kind === kind && x.attempts.length > 1).length} writes sent more than once, ${retryMismatch} answered with two different records, ${strangers} stored rows with a key no writer sent`,
      });
    };
    keyed("reply", replies.rows);
    keyed("pledge", pledges.rows);

    // Reflections: one row per person and cycle, holding the last acknowledged save or a later one.
    const stored = new Map(reflections.rows.map((r) => [`${r.owner}/${r.cycle}`, r]));
    const chains = new Map<string, Write[]>();
    for (const w of writes.filter((x) => x.kind === "reflection")) {
      const k = `${writerId(w.writer)}/${w.cycleId}`;
      chains.set(k, [...(chains.get(k) ?? []), w]);
    }
    let lost = 0;
    let duplicated = 0;
    let acked = 0;
    let strangers = 0;
    for (const r of reflections.rows) {
      if (r.n > 1) duplicated++;
      if (!chains.has(`${r.owner}/${r.cycle}`)) strangers++;
    }
    for (const [k, chain] of chains) {
      acked += chain.filter((w) => w.acked).length;
      const lastAcked = chain.reduce((i, w, j) => (w.acked ? j : i), -1);
      const row = stored.get(k);
      const holding = row ? chain.findIndex((w) => row.body === w.body) : -1;
      if (lastAcked >= 0 && holding < lastAcked) lost++;
      if (holding >= 0 && !chain[holding]!.acked) storedUnacked++;
    }
    checks.push({
      name: "every acknowledged reflection save kept (the latest, once per person and cycle)",
      ok: lost === 0 && duplicated === 0 && strangers === 0 && acked > 0,
      detail: `${acked} saves acknowledged over ${chains.size} reflections, ${lost} holding an older text than acknowledged, ${duplicated} stored twice, ${strangers} nobody wrote`,
    });
    return { checks, storedUnacked, resent, storedByCutRequest };
  } finally {
    await c.end();
  }
}

/**
 * What a cut-off write could leave behind in this schema, checked in SQL: the rows a reply's
 * transaction writes together (search vector, rendered body, reply count, mentions and their
 * notifications, the thread author's notification), notifications pointing at missing replies
 * (no foreign key), and a pledge's audit entry (written in the pledge's transaction) both ways.
 */
export async function checkInvariants(url: string): Promise<Check[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const count = async (sql: string) => (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) q`)).rows[0]!.n;
  try {
    const checks: Check[] = [];
    const add = async (name: string, sql: string) => {
      const n = await count(sql);
      checks.push({ name, ok: n === 0, detail: `${n} rows` });
    };
    await add(
      "thread reply counts match their replies",
      `SELECT t.id FROM "Thread" t LEFT JOIN "Reply" r ON r."threadId" = t.id AND r."networkId" = t."networkId"
       GROUP BY t.id, t."replyCount" HAVING t."replyCount" <> count(r.id)`,
    );
    await add("every reply indexed for search and rendered", `SELECT id FROM "Reply" WHERE "searchVector" IS NULL OR "bodyHtml" IS NULL`);
    await add(
      "every reply's mention has its notification",
      `SELECT m."replyId" FROM "Mention" m JOIN "Reply" r ON r.id = m."replyId"
       WHERE m."userId" <> r."authorId" AND NOT EXISTS (
         SELECT 1 FROM "Notification" n WHERE n."userId" = m."userId" AND n."dedupeKey" = 'mention:' || m."replyId")`,
    );
    await add(
      "every reply mentioning a writer has its mention row",
      `SELECT r.id FROM "Reply" r WHERE r.body LIKE '%with a word for @Writer%' AND NOT EXISTS (SELECT 1 FROM "Mention" m WHERE m."replyId" = r.id)`,
    );
    await add(
      "every reply notifies the thread's author",
      `SELECT r.id FROM "Reply" r JOIN "Thread" t ON t.id = r."threadId"
       WHERE t."authorId" IS NOT NULL AND t."authorId" <> r."authorId" AND NOT EXISTS (
         SELECT 1 FROM "Notification" n WHERE n."userId" = t."authorId" AND n."dedupeKey" = 'reply:' || r.id)`,
    );
    await add(
      "no notification, mention or reaction points at a missing reply",
      `SELECT "replyId" FROM "Notification" WHERE "replyId" IS NOT NULL AND "replyId" NOT IN (SELECT id FROM "Reply")
       UNION ALL SELECT "replyId" FROM "Mention" WHERE "replyId" NOT IN (SELECT id FROM "Reply")
       UNION ALL SELECT "replyId" FROM "Reaction" WHERE "replyId" NOT IN (SELECT id FROM "Reply")`,
    );
    await add(
      "every pledge has exactly one pledge.created audit entry",
      `SELECT p.id FROM "Pledge" p LEFT JOIN "AuditEntry" a
         ON a."networkId" = p."networkId" AND a.action = 'pledge.created' AND a.detail->>'pledgeId' = p.id
       GROUP BY p.id HAVING count(a.id) <> 1`,
    );
    await add(
      "every pledge.created audit entry has its pledge",
      `SELECT a.id FROM "AuditEntry" a WHERE a.action = 'pledge.created'
       AND NOT EXISTS (SELECT 1 FROM "Pledge" p WHERE p.id = a.detail->>'pledgeId' AND p."networkId" = a."networkId")`,
    );
    await add(
      "every reflection belongs to a cycle of its network",
      `SELECT r.id FROM "Reflection" r WHERE NOT EXISTS (SELECT 1 FROM "Cycle" c WHERE c.id = r."cycleId" AND c."networkId" = r."networkId")`,
    );
    return checks;
  } finally {
    await c.end();
  }
}

/** Counts of what the load stored, for the figures. */
export async function storedCounts(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ replies: number; pledges: number; reflections: number; notifications: number; audit: number }>(
      `SELECT (SELECT count(*)::int FROM "Reply") AS replies, (SELECT count(*)::int FROM "Pledge") AS pledges,
              (SELECT count(*)::int FROM "Reflection") AS reflections, (SELECT count(*)::int FROM "Notification") AS notifications,
              (SELECT count(*)::int FROM "AuditEntry") AS audit`,
    );
    const r = rows[0]!;
    return `stored: ${r.replies} replies, ${r.pledges} pledges, ${r.reflections} reflections, ${r.notifications} notifications, ${r.audit} audit entries`;
  } finally {
    await c.end();
  }
}
