import "server-only";
import { sendDueRemindersEverywhere } from "@/lib/reminders/mutations";
import { deleteExpiredRateLimits } from "@/lib/rate-limit/mutations";

const EVERY_MS = 5 * 60 * 1000;
const FIRST_AFTER_MS = 30 * 1000;

let started = false;

/**
 * Work that must happen whether or not anyone visits: the reflection cycles' reminders
 * (phase changes need no job: they are computed from the deadlines), and deleting the
 * rate-limit counters whose window has ended (decision 018). Every instance runs the timer;
 * the reminders take an advisory lock and the deletion is idempotent, so several instances
 * behind a load balancer do the work once. Timers are unref'd: they never keep a stopping
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
      await deleteExpiredRateLimits();
    } catch (error) {
      console.error("[kring] deleting expired rate-limit counters failed", error);
    }
  };
  setTimeout(run, FIRST_AFTER_MS).unref();
  setInterval(run, EVERY_MS).unref();
}
