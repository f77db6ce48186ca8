import type { ApolloServer } from "@apollo/server";
import { IncomingMessage, Server, ServerResponse, createServer } from "node:http";
import type { DataSource } from "typeorm";
import { ContextDependencies, authenticate } from "../context/create-context";
import type { RequestContext } from "../context/request-context";
import { CorsPolicy, answerPreflight, applyCors } from "./cors";
import { varyOn } from "./http-answer";
import type { HttpRoute, PublicHttpRoute } from "./http-route";
import { matchPublicRoute, servePublicRoute } from "./public-routes";
import type { RateLimits } from "./rate-limits";
import { clientAddressOf, sendError, serveGraphQLRequest, serveRouteRequest } from "./request-lifecycle";

export const MAX_BODY_BYTES = 1_000_000;

class PayloadTooLargeError extends Error {}

export interface HttpServerDependencies extends ContextDependencies {
  graphql: ApolloServer<RequestContext>;
  rateLimits: RateLimits;
  requestTimeoutMs: number;
  /** The modules' own endpoints (e.g. reports as CSV). */
  routes: readonly HttpRoute[];
  /** Which pages may call the API from a browser (CORS_ORIGINS). */
  cors: CorsPolicy;
  /** Endpoints that need no member (the console's static files). */
  publicRoutes?: readonly PublicHttpRoute[];
}

/** The request media types whose POST body is read as a GraphQL request. */
const JSON_MEDIA_TYPES = new Set(["application/json", "application/graphql-response+json"]);

/**
 * Routes: POST/GET /graphql, the modules' routes and public routes, GET /healthz (process up), GET
 * /readyz (database reachable), and OPTIONS on each of them (CORS preflight). Tracks requests in
 * flight so shutdown can wait for them.
 */
export function createHttpServer(deps: HttpServerDependencies): Server & { inFlight(): number } {
  let inFlight = 0;
  const server = createServer((req, res) => {
    inFlight++;
    res.on("close", () => inFlight--);
    route(req, res).catch((error) => {
      deps.log.error({ err: error }, "unhandled HTTP error");
      if (!res.headersSent) send(res, 500, { error: "Internal server error" });
      else res.destroy();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    applyCors(req, res, deps.cors);
    if (req.method === "OPTIONS") {
      const methods = methodsAt(deps.routes, url.pathname);
      return methods.length > 0 ? answerPreflight(res, methods) : send(res, 404, { error: "Not found" });
    }
    if (req.method === "GET" && url.pathname === "/healthz") return send(res, 200, { status: "ok" });
    if (req.method === "GET" && url.pathname === "/readyz") return sendReadiness(res, deps.dataSource);
    const publicRoute = matchPublicRoute(deps.publicRoutes ?? [], req, url);
    if (publicRoute) return servePublicRoute(req, res, { ...publicRoute, url });
    const moduleRoute = matchRoute(deps.routes, req, url);
    if (url.pathname !== "/graphql" && !moduleRoute) return send(res, 404, { error: "Not found" });
    // What follows depends on who asks (token, acting tenant, language), refusals included: no shared cache may keep it.
    res.setHeader("cache-control", "private, no-store");
    varyOn(res, "Authorization", "x-tenant-id", "Accept-Language");

    const authentication = await authenticate(req.headers.authorization, deps.jwtSecret);
    const verdict = await deps.rateLimits.consume(authentication, clientAddressOf(req));
    if (!verdict.allowed) {
      res.setHeader("retry-after", String(verdict.retryAfterSeconds));
      return sendError(res, 429, "RATE_LIMITED", "Too many requests", { retryAfterSeconds: verdict.retryAfterSeconds });
    }
    if (moduleRoute) return serveRouteRequest(deps, req, res, { ...moduleRoute, url, authentication });

    let body: unknown;
    try {
      body = await readBody(req);
    } catch (error) {
      if (error instanceof PayloadTooLargeError) {
        // The rest of the body is never read, so this connection cannot carry another request.
        res.setHeader("connection", "close");
        return sendError(res, 413, "PAYLOAD_TOO_LARGE", "Request body too large");
      }
      return sendError(res, 400, "BAD_REQUEST", "Request body is not valid JSON");
    }
    return serveGraphQLRequest(deps, req, res, { url, body, authentication });
  }

  return Object.assign(server, { inFlight: () => inFlight });
}

const FIXED_PATHS: Record<string, readonly string[]> = { "/graphql": ["GET", "POST"], "/healthz": ["GET"], "/readyz": ["GET"] };

/** The methods served at a path, for OPTIONS. */
function methodsAt(routes: readonly HttpRoute[], pathname: string): readonly string[] {
  return FIXED_PATHS[pathname] ?? routes.filter((route) => route.path.test(pathname)).map((route) => route.method);
}

function matchRoute(routes: readonly HttpRoute[], req: IncomingMessage, url: URL): { route: HttpRoute; match: RegExpExecArray } | undefined {
  for (const route of routes) {
    const match = req.method === route.method ? route.path.exec(url.pathname) : null;
    if (match) return { route, match };
  }
  return undefined;
}

/**
 * A POST body: parsed when it is JSON (RFC 8259: UTF-8, so a charset other than utf-8 is not JSON),
 * else kept as text, which Apollo refuses (after its CSRF check). Only the media type decides:
 * `text/plain;charset=json` is text.
 */
async function readBody(req: IncomingMessage): Promise<unknown> {
  if (req.method !== "POST") return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new PayloadTooLargeError();
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  return isJsonMediaType(req.headers["content-type"]) ? JSON.parse(text) : text;
}

function isJsonMediaType(contentType: string | undefined): boolean {
  const [essence, ...parameters] = (contentType ?? "").split(";").map((part) => part.trim().toLowerCase());
  if (!JSON_MEDIA_TYPES.has(essence)) return false;
  return parameters.every((parameter) => {
    const [name, value] = parameter.split("=").map((part) => part.trim());
    return name !== "charset" || value?.replace(/^"|"$/g, "") === "utf-8";
  });
}

async function sendReadiness(res: ServerResponse, dataSource: DataSource): Promise<void> {
  try {
    await dataSource.query("SELECT 1");
    send(res, 200, { status: "ready" });
  } catch {
    send(res, 503, { status: "database unreachable" });
  }
}

/** Health and routing answers: never cached, or a cache would report a database that is gone as ready. */
function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}
