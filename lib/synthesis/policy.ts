import { AppError } from "@/lib/errors";
import type { CyclePhase } from "@/lib/cycles/phase";

/**
 * The rules of the WE phase that depend on the cycle's phase or on who is reading: when the
 * synthesis is written, when consent is called and answered, what keeps a cycle from closing,
 * and whose hidden answer text shows. The role table lives in lib/membership/policy.ts
 * (synthesis.*, consent.*, cycle.close).
 */

/** The synthesis is written only in the WE phase: not before it, not after its deadline, never once closed. */
export function assertSynthesisPhase(phase: CyclePhase): void {
  if (phase === "closed") throw new AppError("cycle_not_open");
  if (phase !== "synthesise") throw new AppError("we_phase_only");
}

/**
 * Consent is called and answered, and the cycle closed, once the I phase is over and until
 * a broker closes the cycle: also after the WE deadline, so a round running when it passes
 * can still finish.
 */
export function assertConsentPhase(phase: CyclePhase): void {
  if (phase === "closed") throw new AppError("cycle_not_open");
  if (phase === "reflect") throw new AppError("we_phase_only");
}

export type ConsentState = { answer: "agree" | "concern" | "object"; handledNote: string };

/** Objections nobody has recorded the handling of: while any remains, the cycle cannot close. */
export function openObjections<T extends ConsentState>(answers: T[]): T[] {
  return answers.filter((a) => a.answer === "object" && a.handledNote.trim() === "");
}

/** A consent answer's text as this viewer sees it: one a broker hid only for its author (decision 027). */
export function answerTextFor(viewer: { userId: string }, answer: { userId: string; text: string; hiddenAt: Date | null }): string {
  return answer.hiddenAt !== null && answer.userId !== viewer.userId ? "" : answer.text;
}
