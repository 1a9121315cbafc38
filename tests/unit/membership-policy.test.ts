import { describe, expect, it } from "vitest";
import { hashToken, invitationState, newInvitationToken } from "@/lib/membership/invitations";
import { can, permissions, type Permission } from "@/lib/membership/policy";

type Who = "broker" | "member" | "funder" | null;

/** The permission table as a newcomer should read it: Y = allowed. */
const matrix: Record<Permission, Record<"broker" | "member" | "funder" | "none", "Y" | "-">> = {
  "network.edit": { broker: "Y", member: "-", funder: "-", none: "-" },
  "members.view": { broker: "Y", member: "Y", funder: "Y", none: "-" },
  "members.change_role": { broker: "Y", member: "-", funder: "-", none: "-" },
  "members.remove": { broker: "Y", member: "-", funder: "-", none: "-" },
  "requests.review": { broker: "Y", member: "-", funder: "-", none: "-" },
  "invitations.manage": { broker: "Y", member: "-", funder: "-", none: "-" },
  "audit.view": { broker: "Y", member: "-", funder: "-", none: "-" },
  "thread.read": { broker: "Y", member: "Y", funder: "Y", none: "-" },
  "thread.create": { broker: "Y", member: "Y", funder: "Y", none: "-" },
  "reply.create": { broker: "Y", member: "Y", funder: "Y", none: "-" },
  "reaction.toggle": { broker: "Y", member: "Y", funder: "Y", none: "-" },
  "reply.read_revisions": { broker: "Y", member: "-", funder: "-", none: "-" },
  "post.report": { broker: "Y", member: "Y", funder: "Y", none: "-" },
  "moderation.review": { broker: "Y", member: "-", funder: "-", none: "-" },
  "moderation.hide": { broker: "Y", member: "-", funder: "-", none: "-" },
  "moderation.lock": { broker: "Y", member: "-", funder: "-", none: "-" },
  "moderation.pin": { broker: "Y", member: "-", funder: "-", none: "-" },
  "moderation.move": { broker: "Y", member: "-", funder: "-", none: "-" },
  "cycle.view": { broker: "Y", member: "Y", funder: "Y", none: "-" },
  "cycle.open": { broker: "Y", member: "-", funder: "-", none: "-" },
  "cycle.extend": { broker: "Y", member: "-", funder: "-", none: "-" },
  "cycle.advance": { broker: "Y", member: "-", funder: "-", none: "-" },
  "reflection.write": { broker: "Y", member: "Y", funder: "-", none: "-" },
  "reflection.read": { broker: "Y", member: "Y", funder: "-", none: "-" },
  "synthesis.read": { broker: "Y", member: "Y", funder: "-", none: "-" },
  "synthesis.write": { broker: "Y", member: "Y", funder: "-", none: "-" },
  "consent.call": { broker: "Y", member: "-", funder: "-", none: "-" },
  "consent.answer": { broker: "Y", member: "Y", funder: "-", none: "-" },
  "cycle.close": { broker: "Y", member: "-", funder: "-", none: "-" },
  "initiative.view": { broker: "Y", member: "Y", funder: "Y", none: "-" },
  "initiative.create": { broker: "Y", member: "Y", funder: "-", none: "-" },
  "initiative.edit": { broker: "Y", member: "Y", funder: "-", none: "-" },
  "milestone.manage": { broker: "Y", member: "Y", funder: "-", none: "-" },
  "milestone.update": { broker: "Y", member: "Y", funder: "-", none: "-" },
  "lessons.view": { broker: "Y", member: "Y", funder: "Y", none: "-" },
  "pledge.create": { broker: "-", member: "-", funder: "Y", none: "-" },
  "pledge.release": { broker: "-", member: "-", funder: "Y", none: "-" },
  "pledge.withdraw": { broker: "-", member: "-", funder: "Y", none: "-" },
  "funding.overview": { broker: "Y", member: "-", funder: "-", none: "-" },
};

describe("can()", () => {
  it("knows exactly the permissions of the matrix", () => {
    expect(Object.keys(permissions).sort()).toEqual(Object.keys(matrix).sort());
  });

  const rows = Object.entries(matrix).flatMap(([permission, row]) =>
    (["broker", "member", "funder", null] as Who[]).map((who) => [permission as Permission, who, row[who ?? "none"] === "Y"] as const),
  );
  it.each(rows)("%s for %s: %s", (permission, who, allowed) => {
    expect(can(who, permission)).toBe(allowed);
  });

  it("refuses unknown roles and missing roles", () => {
    expect(can(undefined, "members.view")).toBe(false);
    expect(can("admin" as never, "network.edit")).toBe(false);
  });
});

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
