// The tenant proofs that the database layer accepts (decisions 003 and 022). Types only, and a leaf:
// it imports nothing but an enum type, so lib/db can name them without importing the membership
// module that mints them (lib/membership/scope.ts, which in turn reaches auth, mail and networks).
import type { Role } from "./generated/enums";

declare const brand: unique symbol;

/**
 * Proof that the signed-in person is an active member of one network. Only
 * lib/membership/scope.ts mints it, so every tenant-scoped query and mutation that takes it gets
 * its network id from a server-side membership check, never from client input.
 */
export type NetworkScope = Readonly<{
  networkId: string;
  slug: string;
  userId: string;
  membershipId: string;
  role: Role;
}> & { readonly [brand]: "NetworkScope" };

/** Proof that a network exists and the viewer may see it (for joining and invitations). */
export type NetworkRef = Readonly<{ networkId: string; slug: string }> & { readonly [brand]: "NetworkRef" };

/** The server's proof of which network a request acts in: what `db(scope)` takes. */
export type NetworkProof = NetworkScope | NetworkRef;
