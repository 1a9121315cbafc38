import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ApiRecords } from "@/components/api/records";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("api.docs"))("recordsTitle") };
}

/** The read API's records and webhook messages, field by field (decisions 047, 050): public, from the OpenAPI document. */
export default function ApiRecordsPage() {
  return <ApiRecords />;
}
