import { headers } from "next/headers";
import { applyUnsubscribe } from "@/lib/accounts/mutations";
import { env } from "@/lib/env";
import { verifyUnsubscribeToken } from "@/lib/mail/token";
import { withinRateLimits } from "@/lib/rate-limit/mutations";
import { clientAddress, writeChecks } from "@/lib/rate-limit/policy";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ token: string }> };

/**
 * The unsubscribe link of every notification mail (List-Unsubscribe and the footer, issue 17).
 * POST is RFC 8058's one-click: no session, no CSRF token, any body or none; it turns that
 * network's email off at once and answers 200 however often it comes. GET (the footer link in a
 * browser) does the same and shows the result, with an undo and the settings, on
 * /email/unsubscribe. A tampered or expired token changes nothing and says so. Decision 032.
 */
async function unsubscribe(token: string) {
  const verified = verifyUnsubscribeToken(token);
  if (!verified) return { status: "invalid" as const };
  if ("expired" in verified) return { status: "expired" as const };
  const ip = clientAddress((await headers()).get("x-forwarded-for"), env().trustedProxies);
  const done = await withinRateLimits(ip ? writeChecks({ ip }) : [], { field: "_form" }, () => applyUnsubscribe(verified));
  return done ? { status: "off" as const, previous: done.previous } : { status: "invalid" as const };
}

export async function POST(_request: Request, { params }: Params) {
  const result = await unsubscribe((await params).token).catch(() => ({ status: "rate_limited" as const }));
  const status = result.status === "off" ? 200 : result.status === "expired" ? 410 : result.status === "rate_limited" ? 429 : 400;
  return new Response(result.status === "off" ? "Unsubscribed\n" : `${result.status}\n`, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

export async function GET(_request: Request, { params }: Params) {
  const token = (await params).token;
  const result = await unsubscribe(token).catch(() => ({ status: "rate_limited" as const }));
  const query = new URLSearchParams({ status: result.status });
  if (result.status === "off") {
    query.set("token", token);
    query.set("previous", "previous" in result && result.previous ? result.previous : "");
  }
  return new Response(null, {
    status: 303,
    headers: { location: `${env().publicUrl}/email/unsubscribe?${query}`, "cache-control": "no-store" },
  });
}
