import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { GraphQLError, GraphQLSchema, OperationTypeNode, subscribe } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import { ContextDependencies, authenticate, createContext } from "../../context/create-context";
import type { Authentication, MemberSession, RequestContext } from "../../context/request-context";
import { checkOperation } from "../../http/query-limits";
import { AppError } from "../../shared/errors";
import type { Logger } from "../../shared/logger";
import { renderMessage } from "../../shared/messages";
import type { LiveFeed } from "./live-feed";
import { listenForRevocations } from "./live-revocations";
import type { LiveNotification } from "./live-transport";
import type { PgListener } from "./pg-listener";

/** What a subscription resolver reaches beside the request context: the feed, and a fresh context per event. */
interface LiveOperation {
  feed: LiveFeed;
  signal: AbortSignal;
  /** The context of the event being sent, whose transaction the event's fields read in. */
  current?: RequestContext;
  fresh(): RequestContext;
  close(code: number, reason: string): void;
}

const LIVE = Symbol("live operation");
type LiveContext = RequestContext & { [LIVE]: LiveOperation };

/**
 * The subjects a subscription sends: for each of the subscriber's notifications that `accepts`,
 * `read` runs in a fresh request transaction with the subscriber's tenant settings (the same
 * entry as their HTTP requests), so RLS decides; a subject they cannot read is not sent. That
 * transaction stays open while the event's fields resolve, then rolls back. A membership
 * deactivated or a session ended meanwhile closes the socket.
 */
export async function* liveSubjects<T>(
  context: RequestContext,
  accepts: (notification: LiveNotification) => boolean,
  read: (session: MemberSession, notification: LiveNotification) => Promise<T | null | undefined>,
): AsyncGenerator<T> {
  const live = (context as Partial<LiveContext>)[LIVE];
  if (!live) throw new Error("subscriptions are served over graphql-ws only");
  const { acting } = await context.memberSession();
  await context.finish("rollback");
  for await (const notification of live.feed.of({ userId: acting.userId, tenantId: acting.tenantId }, live.signal)) {
    if (!accepts(notification)) continue;
    const fresh = live.fresh();
    try {
      let session: MemberSession;
      try {
        session = await fresh.memberSession();
      } catch (error) {
        live.close(4403, (error as Error).message);
        return;
      }
      const subject = await read(session, notification);
      if (!subject) continue;
      live.current = fresh;
      yield subject;
    } finally {
      live.current = undefined;
      await fresh.finish("rollback");
    }
  }
}

type Extra = {
  socket: import("ws").WebSocket;
  request: IncomingMessage;
  authentication?: Extract<Authentication, { kind: "token" }>;
  /** The headers of every request context of this socket: connection_init's authorization and x-tenant-id. */
  headers?: Record<string, string>;
  operations?: Map<string, { abort: AbortController; context: RequestContext }>;
};

/**
 * graphql-ws on `/graphql`, beside Apollo on the same port. `connection_init` carries
 * `{ authorization: "Bearer <token>", "x-tenant-id"? }`; the socket is admitted only if a request
 * with those headers would be, and each operation runs on the shielded schema with a request
 * context built by the core's createContext, as an HTTP request's is. A revocation (a session
 * ended, a membership deactivated: live-revocations.ts) re-checks the admission of that user's
 * sockets at once and closes those now refused with 4403.
 */
export async function serveSubscriptions(deps: {
  server: Server;
  schema: GraphQLSchema;
  contextDependencies: ContextDependencies;
  feed: LiveFeed;
  /** The process's LISTEN connection, which revocations arrive on. */
  listener: PgListener;
  log: Logger;
}): Promise<{ stop(): Promise<void> }> {
  const sockets = new WebSocketServer({ noServer: true });
  const upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(request.url ?? "/", "http://localhost").pathname !== "/graphql") {
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit("connection", ws, request));
  };

  /** The connected sockets of each user, for revocations to find. */
  const byUser = new Map<string, Set<Extra>>();
  const contextOf = (extra: Extra, abandoned: () => boolean) =>
    createContext(
      deps.contextDependencies,
      { headers: extra.headers ?? {}, clientAddress: extra.request.socket.remoteAddress ?? "", abandoned },
      extra.authentication as Authentication,
    );
  /** Why a request with this socket's headers would be refused now, or undefined when it would be admitted. */
  const refusal = async (extra: Extra): Promise<string | undefined> => {
    const context = contextOf(extra, () => false);
    try {
      await context.memberSession();
      return undefined;
    } catch (error) {
      if (error instanceof AppError) return renderMessage(error.text, context.language);
      throw error;
    } finally {
      await context.finish("rollback");
    }
  };
  const readmit = async (userId: string) => {
    for (const extra of [...(byUser.get(userId) ?? [])]) {
      const refused = await refusal(extra).catch((error) => {
        deps.log.warn({ err: error }, "a revoked socket could not be re-checked; it stays open until its next event");
        return undefined;
      });
      if (refused !== undefined) extra.socket.close(4403, closeReason(refused));
    }
  };
  await listenForRevocations(deps.listener, (revoked) => void readmit(revoked.userId), deps.log);
  deps.server.on("upgrade", upgrade);

  const endOperation = (extra: Extra, id: string) => {
    const operation = extra.operations?.get(id);
    if (!operation) return;
    extra.operations?.delete(id);
    operation.abort.abort();
    void operation.context.finish("rollback").catch(() => undefined);
  };
  const disposer = useServer<Record<string, unknown> | undefined, Extra>(
    {
      schema: deps.schema,
      subscribe,
      async onConnect(ctx) {
        const { authorization, "x-tenant-id": tenant } = ctx.connectionParams ?? {};
        const authentication = await authenticate(typeof authorization === "string" ? authorization : undefined, deps.contextDependencies.jwtSecret);
        if (authentication.kind !== "token") return false;
        const extra = ctx.extra;
        extra.authentication = authentication;
        extra.headers = { authorization: String(authorization), ...(typeof tenant === "string" ? { "x-tenant-id": tenant } : {}) };
        extra.operations = new Map();
        // Listed before the check, so a revocation committed meanwhile re-checks it again.
        const mine = byUser.get(authentication.userId) ?? new Set();
        byUser.set(authentication.userId, mine.add(extra));
        extra.socket.once("close", () => {
          mine.delete(extra);
          if (mine.size === 0 && byUser.get(authentication.userId) === mine) byUser.delete(authentication.userId);
        });
        return (await refusal(extra)) === undefined;
      },
      context(ctx, id) {
        const extra = ctx.extra;
        const abort = new AbortController();
        const newContext = () => contextOf(extra, () => abort.signal.aborted);
        const base = newContext();
        const live: LiveOperation = {
          feed: deps.feed,
          signal: abort.signal,
          fresh: newContext,
          close: (code, reason) => extra.socket.close(code, closeReason(reason)),
        };
        const context = Object.assign(Object.create(base) as RequestContext, {
          [LIVE]: live,
          memberSession: () => (live.current ?? base).memberSession(),
        });
        extra.operations?.set(id, { abort, context: base });
        return context;
      },
      onSubscribe(_ctx, _id, payload) {
        // The limits of HTTP (depth, aliases, directives, cost), checked before anything runs.
        // Suggestions are hidden whatever the environment: the socket is not how a developer
        // explores the schema, and this service is not told which environment it runs in.
        const checked = checkOperation({ schema: deps.schema, query: payload.query, operationName: payload.operationName, variables: payload.variables, hideSuggestions: true });
        if ("errors" in checked) return checked.errors;
        // Queries and mutations go over HTTP, where the request lifecycle commits them.
        if (checked.operation.operation !== OperationTypeNode.SUBSCRIPTION) {
          return [new GraphQLError("Only subscriptions are served over websockets; send queries and mutations to POST /graphql", { extensions: { code: "BAD_REQUEST" } })];
        }
        return { schema: deps.schema, document: checked.document, operationName: payload.operationName, variableValues: payload.variables, hideSuggestions: true };
      },
      onOperation(ctx, id, _payload, _args, result) {
        if (!(Symbol.asyncIterator in (result as object))) endOperation(ctx.extra, id);
      },
      onComplete(ctx, id) {
        endOperation(ctx.extra, id);
      },
      onClose(ctx) {
        for (const id of [...(ctx.extra.operations?.keys() ?? [])]) endOperation(ctx.extra, id);
      },
    },
    sockets,
  );
  return {
    async stop() {
      deps.server.off("upgrade", upgrade);
      await disposer.dispose();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
    },
  };
}

/** A close frame's reason holds at most 123 bytes of UTF-8; a longer one would make ws throw. */
function closeReason(text: string): string {
  let reason = text;
  while (Buffer.byteLength(reason) > 123) reason = reason.slice(0, -1);
  return reason;
}
