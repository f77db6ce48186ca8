import { HeaderMap } from "@apollo/server";
import type { ApolloServer } from "@apollo/server";
import { stringify } from "csv-stringify";
import { IncomingMessage, Server, ServerResponse, createServer } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { DataSource } from "typeorm";
import { ContextDependencies, authenticate, createContext } from "../context/create-context";
import type { Authentication, RequestContext } from "../context/request-context";
import { CSV_REPORTS, CsvReport } from "../modules/reporting/report-csv";
import { AppError, HTTP_STATUS } from "../shared/errors";
import { claimIdempotencyKey } from "./idempotency";
import type { RateLimits } from "./rate-limits";

export const MAX_BODY_BYTES = 1_000_000;

class PayloadTooLargeError extends Error {}

/**
 * Routes: POST/GET /graphql, GET /healthz (process up), GET /readyz (database reachable).
 * Tracks requests in flight so shutdown can wait for them.
 */
export function createHttpServer(
  deps: ContextDependencies & { graphql: ApolloServer<RequestContext>; rateLimits: RateLimits; requestTimeoutMs: number },
): Server & {
  inFlight(): number;
} {
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
    if (req.method === "GET" && url.pathname === "/healthz") return send(res, 200, { status: "ok" });
    if (req.method === "GET" && url.pathname === "/readyz") return sendReadiness(res, deps.dataSource);
    const csv = /^\/reports\/([a-z-]+)\.csv$/.exec(url.pathname);
    const report = req.method === "GET" && csv ? CSV_REPORTS[csv[1]] : undefined;
    if (url.pathname !== "/graphql" && !report) return send(res, 404, { error: "Not found" });

    const authentication = await authenticate(req.headers.authorization, deps.jwtSecret);
    const verdict = await deps.rateLimits.consume(authentication, clientAddressOf(req));
    if (!verdict.allowed) {
      res.setHeader("retry-after", String(verdict.retryAfterSeconds));
      return sendError(res, 429, "RATE_LIMITED", "Too many requests", { retryAfterSeconds: verdict.retryAfterSeconds });
    }
    return report ? serveCsvReport(req, res, report, url, authentication) : serveGraphQL(req, res, url, authentication);
  }

  /** The request's context; a request abandoned before its commit (client gone, time up) is rolled back. */
  function contextFor(req: IncomingMessage, authentication: Authentication, abandoned: () => boolean): RequestContext {
    return createContext(deps, { headers: req.headers, clientAddress: clientAddressOf(req), abandoned }, authentication);
  }

  async function serveGraphQL(req: IncomingMessage, res: ServerResponse, url: URL, authentication: Authentication): Promise<void> {
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
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    let context: RequestContext | undefined;
    let timedOut = false;
    const abandoned = () => timedOut || res.destroyed;
    let timer: NodeJS.Timeout | undefined;
    try {
      const idempotencyKey = req.headers["idempotency-key"];
      if (typeof idempotencyKey === "string" && req.method === "POST" && authentication.kind === "token") {
        context = contextFor(req, authentication, abandoned);
        const replay = await claimIdempotencyKey(context, idempotencyKey, body).catch((error) => {
          if (error instanceof AppError) return error;
          throw error;
        });
        if (replay instanceof AppError) {
          return sendAppError(res, replay);
        }
        if (replay) {
          res.setHeader("idempotent-replayed", "true");
          return send(res, 200, replay.body);
        }
      }
      const execution = deps.graphql.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? "GET", headers, search: url.search, body },
        context: async () => (context ??= contextFor(req, authentication, abandoned)),
      });
      const outOfTime = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), deps.requestTimeoutMs)));
      const response = await Promise.race([execution, outOfTime]);
      if (response === "timeout") {
        timedOut = true;
        sendError(res, 503, "REQUEST_TIMEOUT", "The request took too long and was cancelled");
        // Let execution reach its end (and roll back) before the connection goes back to the pool.
        await execution.catch(() => undefined);
        return;
      }
      res.statusCode = response.status ?? 200;
      for (const [name, value] of response.headers) res.setHeader(name, value);
      if (response.body.kind === "complete") {
        res.end(response.body.string);
      } else {
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } finally {
      clearTimeout(timer);
      // A request that ended before execution finished still returns its connection.
      await context?.finish("rollback");
    }
  }

  /** A report as CSV: same token, same acting context, same transaction and RLS as GraphQL. */
  async function serveCsvReport(
    req: IncomingMessage,
    res: ServerResponse,
    report: CsvReport,
    url: URL,
    authentication: Authentication,
  ): Promise<void> {
    const context = contextFor(req, authentication, () => res.destroyed);
    try {
      const rows = await report.rows(await context.memberSession(), url.searchParams);
      await context.finish("commit");
      res.writeHead(200, { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${url.pathname.split("/").pop()}"` });
      await pipeline(Readable.from(rows), stringify({ header: true, columns: report.header }), res);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      sendAppError(res, error);
    } finally {
      await context.finish("rollback");
    }
  }

  return Object.assign(server, { inFlight: () => inFlight });
}

function clientAddressOf(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? "unknown";
}

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
  const contentType = req.headers["content-type"] ?? "";
  return contentType.includes("json") ? JSON.parse(text) : text;
}

async function sendReadiness(res: ServerResponse, dataSource: DataSource): Promise<void> {
  try {
    await dataSource.query("SELECT 1");
    send(res, 200, { status: "ready" });
  } catch {
    send(res, 503, { status: "database unreachable" });
  }
}

/** A GraphQL-shaped error answer for what is refused outside GraphQL execution. */
function sendError(res: ServerResponse, status: number, code: string, message: string, details: Record<string, unknown> = {}): void {
  send(res, status, { errors: [{ message, extensions: { code, ...details } }] });
}

function sendAppError(res: ServerResponse, error: AppError): void {
  sendError(res, HTTP_STATUS[error.code], error.code, error.message);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}
