import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/mutations";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import type { NetworkRef, NetworkScope } from "@/lib/membership/scope";
import type { CreateNetworkInput, UpdateNetworkInput } from "./schema";

/** Creates a network with its creator as the first broker. */
export async function createNetwork(creatorId: string, input: CreateNetworkInput) {
  // The id is chosen here so the transaction can run in the new network: its first
  // membership and audit entry are tenant rows (decision 022). No one else can act in it yet.
  const created = { networkId: randomUUID(), slug: input.slug } as NetworkRef;
  try {
    return await db(created).$transaction(async (tx) => {
      const network = await tx.network.create({
        data: {
          id: created.networkId,
          slug: input.slug,
          name: input.name,
          purpose: input.purpose,
          workingQuestion: input.workingQuestion,
          principles: input.principles,
          visibility: input.visibility,
          joinPolicy: input.joinPolicy,
          locale: input.locale,
        },
        select: { id: true, slug: true },
      });
      const now = new Date();
      await tx.membership.create({
        data: {
          networkId: network.id,
          userId: creatorId,
          role: "broker",
          status: "active",
          principlesAcceptedAt: now,
          joinedAt: now,
        },
      });
      await recordAudit(tx, { networkId: network.id, actorId: creatorId, action: "network.created" });
      return network;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("slug_taken", { slug: ["slug_taken"] });
    throw error;
  }
}

/** Saves a network's settings; the audit entry names the fields that changed. */
export async function updateNetwork(scope: NetworkScope, input: Omit<UpdateNetworkInput, "slug">) {
  await db(scope).$transaction(async (tx) => {
    const before = await tx.network.findUniqueOrThrow({ where: { id: scope.networkId } });
    const changed = (Object.keys(input) as (keyof typeof input)[]).filter(
      (key) => JSON.stringify(before[key]) !== JSON.stringify(input[key]),
    );
    if (changed.length === 0) return;
    await tx.network.update({ where: { id: scope.networkId }, data: input });
    await recordAudit(tx, {
      networkId: scope.networkId,
      actorId: scope.userId,
      action: "network.updated",
      detail: { fields: changed },
    });
  });
}
