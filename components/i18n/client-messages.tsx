import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { pickNamespaces, ROOT_CLIENT_NAMESPACES, type Namespace } from "@/lib/i18n/client-namespaces";
import type { Messages } from "@/lib/i18n/messages";

/**
 * Hands the client components inside it the message namespaces they use, besides the root ones
 * (the header's) that every page has. A provider replaces its parent's messages rather than
 * adding to them, so the root namespaces are included again. Only what is listed reaches the
 * browser; tests/unit/client-messages.test.ts checks each client component is covered.
 */
export async function ClientMessages({ namespaces, children }: { namespaces: Namespace[]; children: ReactNode }) {
  const messages = (await getMessages()) as Messages;
  return (
    <NextIntlClientProvider messages={pickNamespaces(messages, [...ROOT_CLIENT_NAMESPACES, ...namespaces])}>
      {children}
    </NextIntlClientProvider>
  );
}
