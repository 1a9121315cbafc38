import type { Messages } from "./messages";

/**
 * The message namespaces every page hands to client components (the root layout's provider):
 * what the header, the time-zone sync and the announcer use. Anything else a client component
 * needs comes from a <ClientMessages> around it; tests/unit/client-messages.test.ts checks that
 * each one gets what it uses (decision 024).
 */
export const ROOT_CLIENT_NAMESPACES = ["layout", "roles", "errorPage"] as const satisfies readonly (keyof Messages)[];

export type Namespace = keyof Messages;

/** The given namespaces of a messages object, for a client provider. */
export function pickNamespaces(messages: Messages, namespaces: readonly Namespace[]): Partial<Messages> {
  return Object.fromEntries(namespaces.map((ns) => [ns, messages[ns]]));
}
