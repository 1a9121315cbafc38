import "server-only";
import { env } from "@/lib/env";
import { sendDueRemindersEverywhere, sendGatheringRemindersEverywhere, sweepExchangePostsEverywhere } from "@/lib/reminders/mutations";
import { deleteExpiredRateLimits } from "@/lib/rate-limit/mutations";
import { sendDueNotificationMail } from "@/lib/digests/mutations";
import { deliverQueuedMail } from "@/lib/mail/mutations";
import { buildDueExports } from "@/lib/portability/mutations";
import { deliverDueWebhooks } from "@/lib/webhooks/mutations";

const EVERY_MS = 5 * 60 * 1000;
const FIRST_AFTER_MS = 30 * 1000;
/** A waiting export costs one indexed statement to find; the broker watching the page should not wait long. */
const EXPORT_EVERY_MS = 5 * 1000;
/** Webhooks: the first attempt is "immediately", the second 5 s later (decision 050). */
const WEBHOOKS_EVERY_MS = 5 * 1000;

let started = false;

/**
 * Work that must happen whether or not anyone visits: the reflection cycles' reminders
 * (phase changes need no job: they are computed from the deadlines), the day-before reminders of
 * gatherings (once per gathering and time: `remindedAt`), the expiry of offers and requests and the
 * reminder a week before (once per post and expiry: `remindedAt`), and deleting the
 * rate-limit counters whose window has ended (decision 018). Every instance runs the timer;
 * the reminders take an advisory lock and the deletion is idempotent, so several instances
 * behind a load balancer do the work once. Mail runs every 30 seconds: notifications become
 * immediate mails and digests (lib/digests/mutations.ts, claimed per period) and the durable queue
 * is handed to the server (lib/mail/mutations.ts, claimed per mail), both safe on several
 * instances at once (decision 032). Network exports are built every EXPORT_EVERY_MS from their
 * queue in PostgreSQL (lib/portability/mutations.ts, claimed per export, decision 046). Webhook
 * deliveries are sent every WEBHOOKS_EVERY_MS from theirs (lib/webhooks/mutations.ts, claimed per
 * delivery, decision 050). Timers are unref'd: they never keep a stopping
 * server alive. KRING_JOBS=0 turns them off (e.g. for a benchmark).
 */
export function startJobs(): void {
  if (started || process.env.KRING_JOBS === "0") return;
  started = true;
  const run = async () => {
    try {
      const sent = await sendDueRemindersEverywhere();
      if (sent) console.log(`[kring] sent ${sent} cycle reminders`);
    } catch (error) {
      console.error("[kring] the reminder sweep failed", error);
    }
    try {
      const reminded = await sendGatheringRemindersEverywhere();
      if (reminded) console.log(`[kring] reminded people going to ${reminded} gatherings`);
    } catch (error) {
      console.error("[kring] the gathering reminder sweep failed", error);
    }
    try {
      const swept = await sweepExchangePostsEverywhere();
      if (swept.expired || swept.reminded) console.log(`[kring] exchange: ${swept.expired} posts expired, ${swept.reminded} authors reminded`);
    } catch (error) {
      console.error("[kring] the exchange sweep failed", error);
    }
    try {
      await deleteExpiredRateLimits();
    } catch (error) {
      console.error("[kring] deleting expired rate-limit counters failed", error);
    }
  };
  let mailing = false;
  const mail = async () => {
    if (mailing) return; // a slow server: the next tick waits for this one
    mailing = true;
    try {
      const queued = await sendDueNotificationMail();
      if (queued) console.log(`[kring] queued ${queued} notification mails`);
    } catch (error) {
      console.error("[kring] the notification mail sweep failed", error);
    }
    try {
      const report = await deliverQueuedMail();
      if (report.retry || report.refused) console.warn(`[kring] mail: ${report.sent} sent, ${report.retry} to retry, ${report.refused} refused`);
    } catch (error) {
      console.error("[kring] the mail queue failed", error);
    } finally {
      mailing = false;
    }
  };
  let exporting = false;
  const exports = async () => {
    if (exporting) return; // a long build: the next tick waits for this one
    exporting = true;
    try {
      const built = await buildDueExports();
      if (built) console.log(`[kring] built ${built} network exports`);
    } catch (error) {
      console.error("[kring] the network export sweep failed", error);
    } finally {
      exporting = false;
    }
  };
  let hooking = false;
  const webhooks = async () => {
    if (hooking) return; // slow receivers: the next tick waits for this one
    hooking = true;
    try {
      const report = await deliverDueWebhooks();
      if (report.retry || report.failed) console.warn(`[kring] webhooks: ${report.delivered} delivered, ${report.retry} to retry, ${report.failed} given up`);
    } catch (error) {
      console.error("[kring] the webhook queue failed", error);
    } finally {
      hooking = false;
    }
  };
  setTimeout(run, FIRST_AFTER_MS).unref();
  setInterval(webhooks, WEBHOOKS_EVERY_MS).unref();
  setInterval(exports, EXPORT_EVERY_MS).unref();
  setInterval(run, EVERY_MS).unref();
  setTimeout(mail, 5 * 1000).unref();
  // Mail: notifications into mail, and the queue to the server (retries included), every 30 s
  // unless KRING_MAIL_SWEEP_SECONDS says otherwise.
  setInterval(mail, env().mail.sweepMs).unref();
}
