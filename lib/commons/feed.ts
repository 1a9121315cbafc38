import { LICENCES } from "./limits";
import type { CommonsFeedItem } from "./queries";

/**
 * The commons as feeds (decision 045): Atom (RFC 4287) and JSON Feed 1.1. Written here rather than with
 * a feed library: the one widely used (`feed`) writes JSON Feed 1.0 and has no licence per entry, and
 * each entry here must carry its own licence (Atom's `rel="license"` link, RFC 4946, and `rights`; in
 * JSON Feed an `_kring` extension). Entry ids are `urn:uuid:<id>`, stable across hosts, so a later
 * federation can refer to them. Only what the caller passes (live items) is written.
 */

export type FeedContext = {
  /** The instance's public address, without a trailing slash. */
  base: string;
  title: string;
  subtitle: string;
  /** How an entry names its source (network, names, or "a network in <region>"), in the entry's language. */
  sourceLabel: (item: CommonsFeedItem) => string;
  /** When the feed was last changed: the newest entry's time, or now when empty. */
  updated: Date;
};

/** Characters XML 1.0 cannot hold at all (C0 controls but tab, newline, return; lone surrogates; U+FFFE/F). */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function xml(text: string): string {
  return text
    .toWellFormed()
    .replace(NOT_XML, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

const itemUrl = (base: string, id: string) => `${base}/commons/${id}`;

export function atomFeed(items: readonly CommonsFeedItem[], ctx: FeedContext): string {
  const entries = items.map((item) => {
    const licence = LICENCES[item.licence];
    return [
      "  <entry>",
      `    <id>urn:uuid:${item.id}</id>`,
      `    <title type="text">${xml(item.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xml(itemUrl(ctx.base, item.id))}"/>`,
      `    <link rel="license" type="text/html" href="${xml(licence.url)}" title="${xml(licence.name)}"/>`,
      `    <rights type="text">${xml(licence.name)}</rights>`,
      `    <published>${item.publishedAt.toISOString()}</published>`,
      `    <updated>${item.publishedAt.toISOString()}</updated>`,
      `    <author><name>${xml(ctx.sourceLabel(item))}</name></author>`,
      `    <category term="${item.kind}"/>`,
      `    <content type="html" xml:lang="${item.language}">${xml(item.bodyHtml)}</content>`,
      "  </entry>",
    ].join("\n");
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xml(`${ctx.base}/commons`)}</id>`,
    `  <title type="text">${xml(ctx.title)}</title>`,
    `  <subtitle type="text">${xml(ctx.subtitle)}</subtitle>`,
    `  <link rel="alternate" type="text/html" href="${xml(`${ctx.base}/commons`)}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(`${ctx.base}/commons/feed.atom`)}"/>`,
    `  <updated>${ctx.updated.toISOString()}</updated>`,
    "  <generator>Kring</generator>",
    ...entries,
    "</feed>",
    "",
  ].join("\n");
}

export function jsonFeed(items: readonly CommonsFeedItem[], ctx: FeedContext) {
  return {
    version: "https://jsonfeed.org/version/1.1",
    title: ctx.title,
    description: ctx.subtitle,
    home_page_url: `${ctx.base}/commons`,
    feed_url: `${ctx.base}/commons/feed.json`,
    items: items.map((item) => {
      const licence = LICENCES[item.licence];
      return {
        id: `urn:uuid:${item.id}`,
        url: itemUrl(ctx.base, item.id),
        title: item.title,
        content_html: item.bodyHtml,
        date_published: item.publishedAt.toISOString(),
        language: item.language,
        authors: [{ name: ctx.sourceLabel(item) }],
        tags: [item.kind],
        _kring: {
          about: `${ctx.base}/commons`,
          licence: { name: licence.name, url: licence.url },
          kind: item.kind,
          level: item.level,
          area: item.area,
          stage: item.stage,
          outcome: item.outcome,
          topic: item.topic,
          region: item.region,
        },
      };
    }),
  };
}
