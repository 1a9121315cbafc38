import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import type { Adapter } from "next-auth/adapters";
import { db } from "./client";

/**
 * Auth.js's Prisma adapter over Kring's client. Its declared parameter is the
 * classic `@prisma/client` type; the generated `prisma-client` has the same
 * delegates (user, account, session, verificationToken) at run time.
 */
export function authAdapter(): Adapter {
  return PrismaAdapter(db() as unknown as Parameters<typeof PrismaAdapter>[0]);
}
