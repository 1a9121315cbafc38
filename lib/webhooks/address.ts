import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/**
 * Where a webhook may be sent (decision 050): no server-side request forgery. Only https; the host
 * is resolved and every address it resolves to must be a public unicast address, never private,
 * loopback, link-local, unique-local, carrier-grade NAT, multicast, documentation, reserved or
 * unspecified (IPv4 and IPv6, an IPv4-mapped IPv6 address judged as the IPv4 address it carries).
 * The check runs when an endpoint is registered or turned on AND before every attempt, and the
 * request then connects to the address that was checked (lib/webhooks/send.ts), so a name that
 * resolves differently the second time (DNS rebinding) cannot reach an inner address.
 *
 * The one exception is for tests: hosts named, as IP literals, in KRING_WEBHOOK_TEST_HOSTS (which
 * the test configuration sets, and which cannot be set in production) are allowed, over http too.
 * It names the URL's literal host: a name that resolves to such an address is still refused.
 */

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], // "this network", unspecified
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local (cloud metadata services live here)
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay anycast
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, and broadcast
] as const) {
  blocked.addSubnet(net, prefix, "ipv4");
}
/** IPv6: only global unicast (2000::/3) may be reached, and not its special parts. */
const globalUnicast = new BlockList();
globalUnicast.addSubnet("2000::", 3, "ipv6");
for (const [net, prefix] of [
  ["2001::", 23], // IETF protocol assignments (Teredo among them)
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4: carries an IPv4 address of any kind
  ["3fff::", 20], // documentation
] as const) {
  blocked.addSubnet(net, prefix, "ipv6");
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 part included). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase().replace(/%.*$/, "");
  const dotted = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (dotted?.[1]) {
    const [a, b, c, d] = dotted[1].split(".").map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const fill = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...fill, ...right].map((g) => parseInt(g, 16));
}

/** The IPv4 address an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`, `::ffff:7f00:1`) carries, or null. */
function mappedIpv4(address: string): string | null {
  const g = ipv6Groups(address);
  if (g.length !== 8 || g.slice(0, 5).some((x) => x !== 0) || g[5] !== 0xffff) return null;
  const hi = g[6]!;
  const lo = g[7]!;
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Whether an IP address is a public unicast address a webhook may be sent to. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !blocked.check(address, "ipv4");
  if (family !== 6) return false;
  const v4 = mappedIpv4(address);
  if (v4) return isPublicAddress(v4);
  return globalUnicast.check(address, "ipv6") && !blocked.check(address, "ipv6");
}

type AddressRefusal = "url_invalid" | "url_https" | "url_credentials" | "url_private_address" | "url_unresolvable";

type CheckedAddress = { ok: true; url: URL; address: string; family: 4 | 6 } | { ok: false; code: AddressRefusal };

type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

/**
 * Checks a webhook address: its form, and every address its host resolves to. Returns the
 * address to connect to (the first one, all of them having passed), or why it is refused.
 */
export async function checkWebhookUrl(
  raw: string,
  options: { testHosts: readonly string[]; resolve?: Resolver },
): Promise<CheckedAddress> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, code: "url_invalid" };
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const testHost = options.testHosts.includes(host) && isIP(host) !== 0;
  if (url.protocol !== "https:" && !(testHost && url.protocol === "http:")) return { ok: false, code: "url_https" };
  if (url.username || url.password) return { ok: false, code: "url_credentials" };
  if (!host) return { ok: false, code: "url_invalid" };
  if (testHost) return { ok: true, url, address: host, family: isIP(host) as 4 | 6 };
  let addresses: { address: string; family: number }[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    try {
      addresses = await (options.resolve ?? systemResolver)(host);
    } catch {
      return { ok: false, code: "url_unresolvable" };
    }
  }
  if (addresses.length === 0) return { ok: false, code: "url_unresolvable" };
  if (!addresses.every((a) => isPublicAddress(a.address))) return { ok: false, code: "url_private_address" };
  const first = addresses[0]!;
  return { ok: true, url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
