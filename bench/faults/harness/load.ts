// The load: writers in a loop, each a signed-in person sending replies, pledges and reflection saves.
import { randomUUID } from "node:crypto";
import { callAction, type ActionIds, type CallOutcome } from "./actions";
import { cycleId, FUND_SLUG, INITIATIVE, milestoneId, MILESTONES, NETWORKS, networkSlug, threadId, THREADS_PER_NETWORK, type Seeded, type Writer } from "./seed";
import { sleep, type FaultSettings } from "./settings";

export type Kind = "reply" | "pledge" | "reflection";
export const KINDS: Kind[] = ["reply", "pledge", "reflection"];

/** One logical write: one idempotency key (a reply or pledge) or one reflection save. */
export type Write = {
  kind: Kind;
  writer: number;
  /** The idempotency key; for a reflection, the marker its body carries. */
  key: string;
  /** Reflections: the cycle, and the save's place among that writer's saves to it. */
  cycleId?: string;
  seq: number;
  body?: string;
  amountMinor?: number;
  attempts: CallOutcome[];
  acked: boolean;
  /** The record id the acknowledging answer named (reply and pledge). */
  ackedId?: string;
  /** Ids named by every ok answer (a retry must name the same record). */
  okIds: string[];
  refused?: string;
};

export type LoadOptions = {
  /** After a transport failure, send the same request again (same key) once the server answers. */
  resendAfterFailure: boolean;
  /** Writers send no new request once this turns false (a request under way still completes). */
  running: () => boolean;
  /** Called before every request; a fault script can hold writers back while the server is down. */
  gate?: () => Promise<void>;
};

export type Load = { writes: Write[]; startedAt: number; endedAt: number };

function key(): string {
  return randomUUID().replaceAll("-", "");
}

/** The version the cycle page's reflection form shows (the browser reloads after `reflection_changed`). */
async function reloadVersion(s: FaultSettings, w: Writer, slug: string): Promise<string | null> {
  try {
    const res = await fetch(`${s.base}/n/${slug}/cycles`, { headers: { cookie: w.cookie }, signal: AbortSignal.timeout(s.timeoutMs) });
    const html = await res.text();
    const match = /name="version" value="(\d*)"/.exec(html);
    return match ? match[1]! : null;
  } catch {
    return null;
  }
}

/**
 * N writers, each a signed-in person in a loop until `until`: a reply (with a mention of the
 * next writer), a pledge, a reflection save, in turn. A write is acknowledged when an answer
 * carries the action's `ok: true`. Retrying writers send every request a second time with the
 * same key. Returns every write with every attempt.
 */
export async function runLoad(s: FaultSettings, seeded: Seeded, ids: ActionIds, options: LoadOptions): Promise<Load> {
  const writes: Write[] = [];
  const startedAt = Date.now();
  await Promise.all(seeded.writers.map((w) => writerLoop(s, seeded, w, ids, options, writes)));
  return { writes, startedAt, endedAt: Date.now() };
}

async function writerLoop(s: FaultSettings, seeded: Seeded, w: Writer, ids: ActionIds, options: LoadOptions, writes: Write[]) {
  const previous: Record<Kind, unknown> = { reply: null, pledge: null, reflection: null };
  const versions = new Map<number, string>(); // per network: the reflection version the form shows
  const seqs = new Map<number, number>();
  const next = seeded.writers[(w.index + 1) % seeded.writers.length]!;
  for (let n = 0; options.running(); n++) {
    const kind = KINDS[(n + w.index) % KINDS.length]!;
    const k = Math.floor(Math.random() * NETWORKS);
    let page: string;
    let actionId: string;
    let fields: Record<string, string>;
    const write: Write = { kind, writer: w.index, key: key(), seq: 0, attempts: [], acked: false, okIds: [] };
    if (kind === "reply") {
      const t = Math.floor(Math.random() * THREADS_PER_NETWORK);
      write.body = `Reply ${n} by ${w.name} (${write.key}), with a word for @${next.name}.`;
      page = `/n/${networkSlug(k)}/dialogue/${threadId(k, t)}`;
      actionId = ids.reply;
      fields = {
        slug: networkSlug(k),
        threadId: threadId(k, t),
        idempotencyKey: write.key,
        quotedReplyId: "",
        mentions: next.userId,
        body: write.body,
      };
    } else if (kind === "pledge") {
      write.amountMinor = 100 + Math.floor(Math.random() * 100_000);
      page = `/n/${FUND_SLUG}/initiatives/${INITIATIVE}`;
      actionId = ids.pledge;
      fields = {
        slug: FUND_SLUG,
        milestoneId: milestoneId(Math.floor(Math.random() * MILESTONES)),
        idempotencyKey: write.key,
        amount: (write.amountMinor / 100).toFixed(2),
        currency: "EUR",
        condition: "",
      };
    } else {
      const seq = (seqs.get(k) ?? 0) + 1;
      seqs.set(k, seq);
      write.cycleId = cycleId(k);
      write.seq = seq;
      write.body = `Save ${seq} of ${w.name}'s reflection [${write.key}]: what I see in network ${k}.`;
      page = `/n/${networkSlug(k)}/cycles`;
      actionId = ids.reflection;
      fields = {
        slug: networkSlug(k),
        cycleId: cycleId(k),
        version: versions.get(k) ?? "",
        body: write.body,
        area: "observations_facts",
        intent: "draft",
      };
    }
    const sends = w.retries ? 2 : 1;
    for (let i = 0; i < sends; i++) {
      let outcome: CallOutcome | null = null;
      for (;;) {
        if (options.gate) await options.gate();
        if (!options.running()) break;
        outcome = await callAction(s.base, page, actionId, w.cookie, previous[kind], fields, s.timeoutMs);
        write.attempts.push(outcome);
        // The form keeps its key until an answer comes: the person presses the button again.
        if (outcome.result || !options.resendAfterFailure) break;
        await sleep(100);
      }
      const result = outcome?.result;
      if (!result) continue;
      previous[kind] = result;
      if (result.ok) {
        write.acked = true;
        const data = result.data;
        const id = typeof data.replyId === "string" ? data.replyId : typeof data.pledgeId === "string" ? data.pledgeId : undefined;
        if (id) {
          write.ackedId ??= id;
          write.okIds.push(id);
        }
        if (kind === "reflection" && typeof data.version === "string") versions.set(k, data.version);
      } else {
        write.refused ??= result.code;
        if (kind === "reflection" && result.code === "reflection_changed") {
          const version = await reloadVersion(s, w, networkSlug(k));
          if (version !== null) versions.set(k, version);
        }
      }
    }
    if (write.attempts.length) writes.push(write);
  }
}
