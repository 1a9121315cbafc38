import http from "node:http";
import { ALLOWED_METHODS } from "./request-guard";

/** Methods the Fetch API refuses to carry: Next fails on them with a 500 before proxy.ts runs. */
const FETCH_FORBIDDEN = new Set(["TRACE", "TRACK", "CONNECT"]);

/**
 * Answers TRACE and TRACK with 405 in Node's server, before Next sees them. Next hands each
 * request to proxy.ts as a Fetch `Request`, and `new Request()` throws on these methods, so
 * proxy.ts (which answers 405 to every other unknown method, lib/security/request-guard.ts)
 * never gets the chance and the client got a 500 (issue 15, item 8). Wraps
 * `http.Server.prototype.emit` for "request", as lib/rate-limit/peer-address.ts does.
 * Called once per server process from instrumentation-node.ts; returns its undoing (tests).
 */
export function refuseFetchForbiddenMethods(): () => void {
  const original = http.Server.prototype.emit;
  const emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      const res = args[1] as http.ServerResponse;
      if (FETCH_FORBIDDEN.has((req.method ?? "").toUpperCase())) {
        req.resume();
        res.writeHead(405, { Allow: ALLOWED_METHODS.join(", "), "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" });
        res.end("Method Not Allowed\n");
        return true;
      }
    }
    return original.apply(this, [event, ...args] as Parameters<typeof original>);
  };
  http.Server.prototype.emit = emit as typeof original;
  return () => {
    if (http.Server.prototype.emit === emit) http.Server.prototype.emit = original;
  };
}
