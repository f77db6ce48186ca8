import type { ApolloServer, ApolloServerPlugin, GraphQLRequestContext } from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError } from "graphql";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ContextDependencies, createContext } from "../context/create-context";
import type { Authentication, RequestContext } from "../context/request-context";
import { AppError, HTTP_STATUS } from "../shared/errors";
import { describeForClient, detailsIn, formattedErrorsIn, httpStatusOf } from "../shared/format-error";
import { negotiateLanguage } from "../shared/language";
import { MessageText, renderMessage } from "../shared/messages";
import { sendAnswer } from "./http-answer";
import type { HttpRoute } from "./http-route";
import { claimIdempotencyKey, storeIdempotentResponse } from "./idempotency";
import { refuseBeyondOperationLimits, unknownOperation } from "./query-limits";

/*
 * The life of one request, in the order it happens:
 *
 * 1. http-server: the bearer token is verified (no database yet) and a rate-limit point is taken.
 * 2. createContext builds the request's context. Its transaction opens when something first needs
 *    it: `BEGIN` and app.enter_request in one round trip, as the acting member, under RLS.
 * 3. Apollo checks the request (CSRF prevention, persisted-query hash), parses and validates the
 *    document; the query limits refuse here, before any SQL.
 * 4. didResolveOperation: a subscription is refused; then the limits that need the variables
 *    (cost, NUL characters, a repeated login), still before any SQL; then a document without the
 *    operation asked for; then the operation is recorded for the audit trail, and a mutation's
 *    Idempotency-Key is claimed (a retry waits for the first attempt, then gets its answer).
 * 5. graphql-shield, resolvers, loaders and SQL run inside that one transaction.
 * 6. willSendResponse: a claimed key stores the answer in the same transaction; then COMMIT when
 *    the answer has no error and the client is still there, else ROLLBACK. A failed commit
 *    replaces the answer, so a client never sees data that was not saved.
 * 7. A request still running after REQUEST_TIMEOUT_MS answers 503 and is rolled back once its
 *    execution stops; a client that hangs up before the commit is rolled back too.
 * 8. Whatever happened, the connection goes back to the pool. The answer is compressed when the
 *    client accepts it (http-answer), and says it depends on the caller (http-server).
 */

export interface LifecycleDependencies extends ContextDependencies {
  graphql: ApolloServer<RequestContext>;
  requestTimeoutMs: number;
}

/** Steps 2–8 for POST and GET /graphql. */
export async function serveGraphQLRequest(
  deps: LifecycleDependencies,
  req: IncomingMessage,
  res: ServerResponse,
  request: { url: URL; body: unknown; authentication: Authentication },
): Promise<void> {
  let timedOut = false;
  const context = createContext(deps, { headers: req.headers, clientAddress: clientAddressOf(req), abandoned: () => timedOut || res.destroyed }, request.authentication);
  let timer: NodeJS.Timeout | undefined;
  try {
    const execution = deps.graphql.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? "GET", headers: headerMapOf(req), search: request.url.search, body: request.body },
      context: async () => context,
    });
    const outOfTime = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), deps.requestTimeoutMs)));
    const response = await Promise.race([execution, outOfTime]);
    if (response === "timeout") {
      timedOut = true;
      sendError(res, 503, "REQUEST_TIMEOUT", "The request took too long and was cancelled");
      // Execution runs to its end (and rolls back) before the connection goes back to the pool.
      await execution.catch(() => undefined);
      return;
    }
    // Every answer depends on the caller (http-server says so), whatever Apollo's own cache hint is.
    const headers = Object.fromEntries([...response.headers].filter(([name]) => name !== "cache-control"));
    if (response.body.kind === "complete") {
      await sendAnswer(req, res, { status: response.status ?? 200, headers, body: response.body.string });
    } else {
      res.writeHead(response.status ?? 200, headers);
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    }
  } finally {
    clearTimeout(timer);
    await context.finish("rollback");
  }
}

/**
 * Steps 2, 6 and 8 for a module's HTTP route: its answer is computed in the transaction, sent after
 * the commit (or, for an answer that reads while it is sent, before it). The session is the member's,
 * or for a route its URL's token authorises, the one tenant the token resolves to.
 */
export async function serveRouteRequest(
  deps: ContextDependencies,
  req: IncomingMessage,
  res: ServerResponse,
  request: { route: HttpRoute; match: RegExpExecArray; url: URL; authentication: Authentication },
): Promise<void> {
  const context = createContext(deps, { headers: req.headers, clientAddress: clientAddressOf(req), abandoned: () => res.destroyed }, request.authentication);
  const { route } = request;
  const routeRequest = { url: request.url, match: request.match, headers: req.headers, body: req, secret: deps.jwtSecret, settings: deps.settings };
  try {
    const answer =
      route.authorisedBy === "url-token"
        ? await route.answer(
            await context.urlTokenSession({ entryFunction: route.entryFunction, token: request.match.groups?.token ?? "", operation: `${route.method} ${route.entryFunction}` }),
            routeRequest,
          )
        : await route.answer(await context.memberSession(), routeRequest);
    if (!answer.readsWhileSending) await context.finish("commit");
    await sendAnswer(req, res, { status: 200, ...answer }, { end: !answer.readsWhileSending });
    if (answer.readsWhileSending) {
      // The response ends only after the commit, so the request stays in flight (and drains on shutdown) until then.
      await context.finish("commit");
      res.end();
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    sendError(res, HTTP_STATUS[error.code], error.code, error.text, detailsIn(error.details, context.language));
  } finally {
    await context.finish("rollback");
  }
}

/** Steps 4 and 6 inside Apollo, plus one log line per request and every fault logged with its request id. */
export const requestLifecyclePlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    const started = performance.now();
    let replay: Record<string, unknown> | undefined;
    return {
      async didResolveOperation(request) {
        const { operation, contextValue } = request;
        if (operation?.operation === "subscription") {
          throw new GraphQLError("Subscriptions are not served over HTTP", { extensions: { code: "BAD_REQUEST", http: { status: 400 } } });
        }
        refuseBeyondOperationLimits(request);
        if (!operation) throw unknownOperation(request.request.operationName ?? undefined);
        const fields = operation.selectionSet.selections.map((s) => (s.kind === "Field" ? s.name.value : "…"));
        await contextValue.noteOperation(`${operation.operation} ${fields.join(",")}`);
        const key = idempotencyKeyOf(request);
        if (key !== undefined && operation.operation === "mutation") {
          const stored = await claimIdempotencyKey(contextValue, key, request.request).catch(rethrowAsGraphQLError);
          if (stored) replay = stored.body as Record<string, unknown>;
        }
      },
      async responseForOperation({ response }) {
        if (!replay) return null;
        response.http.headers.set("idempotent-replayed", "true");
        return { http: response.http, body: { kind: "single", singleResult: replay } };
      },
      async didEncounterErrors({ errors, contextValue }) {
        for (const error of errors) {
          const original = unwrapResolverError(error);
          if (!describeForClient(error)) contextValue.log.error({ err: original }, "unexpected error");
          else if (original instanceof Error && original.cause) contextValue.log.warn({ err: original.cause }, original.message);
        }
      },
      async willSendResponse({ response, contextValue, operationName }) {
        const result = response.body.kind === "single" ? response.body.singleResult : undefined;
        const failed = (result?.errors?.length ?? 0) > 0 || contextValue.abandoned();
        try {
          if (!failed && result && contextValue.state.idempotency) await storeIdempotentResponse(contextValue, result);
          await contextValue.finish(failed ? "rollback" : "commit");
        } catch (error) {
          contextValue.log.error({ err: error }, "transaction did not commit");
          if (result) {
            result.data = null;
            result.errors = [{ message: "The change could not be saved; retry", extensions: { code: "SERVICE_UNAVAILABLE" } }];
          }
        }
        if (result?.errors) result.errors = formattedErrorsIn(result.errors, contextValue.language);
        const status = httpStatusOf(result?.errors ?? []);
        if (status) response.http.status = status;
        contextValue.log.info(
          {
            tenantId: contextValue.state.actingTenantId,
            operationName,
            durationMs: Math.round(performance.now() - started),
            errors: result?.errors?.map((e) => e.extensions?.code),
          },
          "graphql request",
        );
      },
    };
  },
};

/** Idempotency-Key applies to mutations POSTed with a token (a retry must act as the same member). */
function idempotencyKeyOf({ request, contextValue }: GraphQLRequestContext<RequestContext>): string | undefined {
  if (request.http?.method !== "POST" || contextValue.authentication.kind !== "token") return undefined;
  return request.http.headers.get("idempotency-key");
}

/** Apollo keeps a plugin's GraphQLError (code and HTTP status); any other error would become a 500. */
function rethrowAsGraphQLError(error: unknown): never {
  if (!(error instanceof AppError)) throw error;
  throw new GraphQLError(error.message, { extensions: { code: error.code, http: { status: HTTP_STATUS[error.code] } } });
}

/** The client's network address, which rate limits and login attempts are counted by. */
export function clientAddressOf(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? "unknown";
}

function headerMapOf(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}

/** A GraphQL-shaped error answer for what is refused outside GraphQL execution, in the language the request asks for. */
export function sendError(res: ServerResponse, status: number, code: string, message: MessageText, details: Record<string, unknown> = {}): void {
  const language = negotiateLanguage(res.req?.headers["accept-language"]);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify({ errors: [{ message: renderMessage(message, language), extensions: { code, ...details } }] }));
}
