import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { GraphQLError, GraphQLSchema, Kind, OperationTypeNode, parse, subscribe } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import { ContextDependencies, authenticate, createContext } from "../../context/create-context";
import type { Authentication, MemberSession, RequestContext } from "../../context/request-context";
import type { Logger } from "../../shared/logger";
import { LiveFeed, LiveNotification } from "./live-feed";

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

/**
 * graphql-ws on `/graphql`, beside Apollo on the same port. `connection_init` carries
 * `{ authorization: "Bearer <token>", "x-tenant-id"? }`; each operation runs on the shielded
 * schema with a request context built by the core's createContext, as an HTTP request's is.
 */
export function serveSubscriptions(deps: {
  server: Server;
  schema: GraphQLSchema;
  contextDependencies: ContextDependencies;
  feed: LiveFeed;
  log: Logger;
}): { stop(): Promise<void> } {
  const sockets = new WebSocketServer({ noServer: true });
  const upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(request.url ?? "/", "http://localhost").pathname !== "/graphql") {
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit("connection", ws, request));
  };
  deps.server.on("upgrade", upgrade);

  type Extra = { socket: import("ws").WebSocket; request: IncomingMessage; authentication?: Authentication; operations?: Map<string, { abort: AbortController; context: RequestContext }> };
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
        const authorization = ctx.connectionParams?.authorization;
        const authentication = await authenticate(typeof authorization === "string" ? authorization : undefined, deps.contextDependencies.jwtSecret);
        if (authentication.kind !== "token") return false;
        ctx.extra.authentication = authentication;
        ctx.extra.operations = new Map();
        return true;
      },
      context(ctx, id) {
        const extra = ctx.extra;
        const tenant = ctx.connectionParams?.["x-tenant-id"];
        const headers = { authorization: String(ctx.connectionParams?.authorization ?? ""), ...(typeof tenant === "string" ? { "x-tenant-id": tenant } : {}) };
        const abort = new AbortController();
        const request = { headers, clientAddress: extra.request.socket.remoteAddress ?? "", abandoned: () => abort.signal.aborted };
        const newContext = () => createContext(deps.contextDependencies, request, extra.authentication as Authentication);
        const base = newContext();
        const live: LiveOperation = {
          feed: deps.feed,
          signal: abort.signal,
          fresh: newContext,
          close: (code, reason) => extra.socket.close(code, reason.slice(0, 120)),
        };
        const context = Object.assign(Object.create(base) as RequestContext, {
          [LIVE]: live,
          memberSession: () => (live.current ?? base).memberSession(),
        });
        extra.operations?.set(id, { abort, context: base });
        return context;
      },
      onSubscribe(_ctx, _id, payload) {
        let document;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [error as GraphQLError];
        }
        const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
        // Queries and mutations go over HTTP, where the request lifecycle commits them and applies the query limits.
        if (operations.some((operation) => operation.operation !== OperationTypeNode.SUBSCRIPTION)) {
          return [new GraphQLError("Only subscriptions are served over websockets; send queries and mutations to POST /graphql")];
        }
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
