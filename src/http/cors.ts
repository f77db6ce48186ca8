import type { IncomingMessage, ServerResponse } from "node:http";
import { varyOn } from "./http-answer";

/** Request headers a page may send: ours, and the headers Apollo's CSRF prevention asks of GET requests. */
const CORS_ALLOWED_HEADERS = [
  "authorization",
  "content-type",
  "x-tenant-id",
  "idempotency-key",
  "x-request-id",
  "apollo-require-preflight",
  "x-apollo-operation-name",
];
/** Response headers a page may read besides the CORS-safelisted ones. */
const EXPOSED_HEADERS = ["retry-after", "idempotent-replayed"];
/** How long a browser may reuse a preflight answer before asking again. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/** Whether a page from this origin may call the API. */
export type CorsPolicy = (origin: string) => boolean;

/** CORS_ORIGINS as a policy: exact origins, and `scheme://host:*` for that host on any port. */
export function corsPolicy(origins: readonly string[]): CorsPolicy {
  const exact = new Set(origins.filter((origin) => !origin.endsWith(":*")));
  const anyPortOf = origins.filter((origin) => origin.endsWith(":*")).map((origin) => origin.slice(0, -":*".length));
  return (origin) => {
    const candidate = origin.toLowerCase();
    if (exact.has(candidate)) return true;
    return anyPortOf.some((host) => candidate === host || (candidate.startsWith(`${host}:`) && /^\d{1,5}$/.test(candidate.slice(host.length + 1))));
  };
}

/**
 * Every answer varies by Origin; a page from an allowed origin may read it. Credentials travel in
 * the Authorization header, never in cookies, so no answer allows credentials.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, allows: CorsPolicy): void {
  varyOn(res, "Origin");
  const origin = req.headers.origin;
  if (origin === undefined || !allows(origin)) return;
  res.setHeader("access-control-allow-origin", origin);
  res.setHeader("access-control-expose-headers", EXPOSED_HEADERS.join(", "));
}

/** OPTIONS: the path's methods; for an allowed origin (see applyCors) also what its requests may carry. Nothing runs. */
export function answerPreflight(res: ServerResponse, methods: readonly string[]): void {
  res.setHeader("allow", [...methods, "OPTIONS"].join(", "));
  if (res.hasHeader("access-control-allow-origin")) {
    res.setHeader("access-control-allow-methods", methods.join(", "));
    res.setHeader("access-control-allow-headers", CORS_ALLOWED_HEADERS.join(", "));
    res.setHeader("access-control-max-age", String(PREFLIGHT_MAX_AGE_SECONDS));
  }
  res.writeHead(204);
  res.end();
}
