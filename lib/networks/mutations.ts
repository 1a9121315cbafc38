import "server-only";
import { recordAudit } from "@/lib/audit/mutations";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import type { NetworkScope } from "@/lib/membership/scope";
import type { CreateNetworkInput, UpdateNetworkInput } from "./schema";

/** Creates a network with its creator as the first broker. */
export async function createNetwork(creatorId: string, input: CreateNetworkInput) {
  try {
    return await db().$transaction(async (tx) => {
      const network = await tx.network.create({
        data: {
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
  await db().$transaction(async (tx) => {
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
