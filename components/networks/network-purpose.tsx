import { Markdown } from "@/components/dialogue/markdown";

/**
 * The network's purpose in full, rendered as Markdown like every other text people write
 * (decision 033). There is no stored HTML column for it: it is short (PURPOSE_MAX) and the
 * renderer is bounded and caches per process, so it is rendered when shown. For the network
 * home and the invitation page; a card that shows it clamped uses a plain excerpt instead.
 */
export function NetworkPurpose({ purpose, lang }: { purpose: string; lang?: string }) {
  return <Markdown source={purpose} lang={lang} />;
}
