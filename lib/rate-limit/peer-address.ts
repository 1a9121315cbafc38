import http from "node:http";

const FORWARDED_FOR = "x-forwarded-for";

/**
 * Makes X-Forwarded-For the address Kring's socket saw, when no proxy is trusted.
 *
 * Next's server (next/dist/server/base-server.js, `handleRequestImpl`) fills in
 * `x-forwarded-for` with the socket's address only when the request has none
 * (`req.headers['x-forwarded-for'] ??= socket.remoteAddress`), and server actions see
 * request headers, not the socket. So a client talking to `next start` directly could
 * send its own X-Forwarded-For and pick its per-IP rate-limit bucket. This replaces the
 * header with the socket's address on every incoming request, before Next reads it, by
 * wrapping `http.Server.prototype.emit` for the "request" event (the only place a Node
 * process sees both the socket and the headers under `next start`).
 *
 * With `trustedProxies` > 0 the header is the proxies' and is left alone. Called once per
 * server process from `instrumentation.ts`; requests that arrive while the process is still
 * starting, before the call, keep their header. Returns a function that undoes it (tests).
 */
export function forwardSocketAddress(trustedProxies: number): () => void {
  if (trustedProxies > 0) return () => undefined;
  const original = http.Server.prototype.emit;
  const emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      const peer = req.socket?.remoteAddress;
      if (peer) req.headers[FORWARDED_FOR] = peer;
      else delete req.headers[FORWARDED_FOR];
    }
    return original.apply(this, [event, ...args] as Parameters<typeof original>);
  };
  http.Server.prototype.emit = emit as typeof original;
  return () => {
    if (http.Server.prototype.emit === emit) http.Server.prototype.emit = original;
  };
}
