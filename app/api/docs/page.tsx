import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ApiReference } from "@/components/api/reference";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("api.docs"))("title") };
}

/** The read API's reference (decision 047): public, rendered on the server from the OpenAPI document. */
export default function ApiDocsPage() {
  return <ApiReference />;
}
