import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Bare", robots: { index: false } };

/**
 * Development and test only: the lightest dynamic page the app can serve (the
 * root layout and nothing else). The benchmark measures pages against it, so
 * a ratio shows what a page costs beyond the framework and the layout.
 */
export default function BarePage() {
  if (!env().devPagesEnabled) notFound();
  return <p>Kring</p>;
}
