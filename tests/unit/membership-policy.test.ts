// Who may do what is specified once, in tests/integration/authorization-matrix.expected.ts, and
// checked there against every action, route handler and page guard and against can() for the
// permissions only loaders use. This file keeps the invitation rules.
import { describe, expect, it } from "vitest";
import { hashToken, invitationState, newInvitationToken } from "@/lib/membership/invitations";

describe("invitationState", () => {
  const now = new Date("2026-03-29T01:30:00Z"); // the night the clocks go forward in Amsterdam
  const later = new Date(now.getTime() + 60_000);
  const earlier = new Date(now.getTime() - 60_000);

  it.each([
    ["valid", { expiresAt: later, usedAt: null, revokedAt: null }],
    ["expired", { expiresAt: earlier, usedAt: null, revokedAt: null }],
    ["expired", { expiresAt: now, usedAt: null, revokedAt: null }],
    ["used", { expiresAt: later, usedAt: earlier, revokedAt: null }],
    ["used", { expiresAt: earlier, usedAt: earlier, revokedAt: null }],
    ["revoked", { expiresAt: later, usedAt: null, revokedAt: earlier }],
    ["revoked", { expiresAt: earlier, usedAt: earlier, revokedAt: earlier }],
  ] as const)("is %s for %o", (state, invitation) => {
    expect(invitationState(invitation, now)).toBe(state);
  });

  it("uses the current time by default", () => {
    expect(invitationState({ expiresAt: new Date(Date.now() + 5_000), usedAt: null, revokedAt: null })).toBe("valid");
    expect(invitationState({ expiresAt: new Date(Date.now() - 5_000), usedAt: null, revokedAt: null })).toBe("expired");
  });
});

describe("invitation tokens", () => {
  it("are long, URL-safe and different every time; only a hash is kept", () => {
    const tokens = Array.from({ length: 200 }, () => newInvitationToken());
    expect(new Set(tokens).size).toBe(200);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(hashToken(tokens[0]!)).toBe(hashToken(tokens[0]!));
    expect(hashToken(tokens[0]!)).not.toBe(hashToken(tokens[1]!));
  });
});
