import "server-only";
import { request as httpRequest, type RequestOptions } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { DELIVERY_TIMEOUT_MS } from "./limits";

/** What one attempt came to: the answer's status (null: none came) and, for a failure, why. */
export type SendResult = { ok: boolean; status: number | null; error: string | null };

/** How much of a failed answer is kept in the log. */
const ANSWER_KEPT = 300;

/**
 * POSTs one signed message to `url`, connecting to `address` (the one the address check passed)
 * whatever the host's name resolves to now: the name still goes in the Host header and in TLS
 * (SNI and the certificate's check). Redirects are not followed (a 3xx is a failure), the whole
 * attempt is bounded by DELIVERY_TIMEOUT_MS, and only the start of an answer is read.
 */
export function sendWebhook(url: URL, address: { address: string; family: 4 | 6 }, headers: Record<string, string>, body: string): Promise<SendResult> {
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: address.address, family: address.family }]);
    else callback(null, address.address, address.family);
  };
  const options: RequestOptions = {
    method: "POST",
    protocol: url.protocol,
    hostname: url.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: url.port || undefined,
    path: `${url.pathname}${url.search}`,
    headers: { ...headers, "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), "user-agent": "Kring-Webhooks/1" },
    lookup: pinned,
    agent: false,
    signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
  };
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const done = (result: SendResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const req = send(options, (res) => {
      const status = res.statusCode ?? 0;
      const ok = status >= 200 && status < 300;
      let answer = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        answer += chunk;
        if (answer.length >= ANSWER_KEPT) res.destroy();
      });
      const finish = () => done({ ok, status, error: ok ? null : `http_${status}${answer ? `: ${answer.slice(0, ANSWER_KEPT)}` : ""}` });
      res.on("end", finish);
      res.on("close", finish);
      res.on("error", finish);
    });
    req.on("error", (error: NodeJS.ErrnoException) => {
      const timedOut = error.name === "AbortError" || error.name === "TimeoutError";
      done({ ok: false, status: null, error: timedOut ? "timeout" : `network: ${error.code ?? error.message}`.slice(0, ANSWER_KEPT) });
    });
    req.end(body);
  });
}
