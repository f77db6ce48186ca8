import type { IncomingHttpHeaders } from "node:http";
import type { Readable } from "node:stream";
import type { ModuleSettings } from "../config";
import type { MemberSession, UrlTokenSession } from "../context/request-context";

/** What a route answers; its body is sent after the request's transaction has committed. */
export interface RouteAnswer {
  headers: Record<string, string>;
  body: string | Buffer | Readable;
  /**
   * The body reads rows of the request's transaction while it is sent (a file streamed in
   * chunks): it is sent first, then the transaction commits. Only for answers that change nothing
   * a client must see committed before the body.
   */
  readsWhileSending?: boolean;
}

/** What a route receives of the request. */
export interface RouteRequest {
  url: URL;
  match: RegExpExecArray;
  headers: IncomingHttpHeaders;
  /** The request body, unread: a PUT route streams it (nothing buffers it before the route). */
  body: Readable;
  /** The deployment's signing secret, for the short-lived URLs a route checks. */
  secret: string;
  /** The configuration, for the URLs an answer hands out. */
  settings: ModuleSettings;
}

interface RouteShape {
  method: "GET" | "PUT";
  /** Matched against the URL's path; its groups reach `answer`. */
  path: RegExp;
}

/**
 * A non-GraphQL endpoint a module adds (e.g. a report as CSV). It goes through the same request
 * lifecycle as GraphQL: token, rate limit, acting member, one transaction under RLS.
 */
export interface MemberRoute extends RouteShape {
  authorisedBy?: "member";
  answer(session: MemberSession, request: RouteRequest): Promise<RouteAnswer>;
}

/**
 * An endpoint the URL alone authorises (an upload URL): the path's `token` group is hashed
 * (SHA-256) and handed to `entryFunction`, a SECURITY DEFINER function of the `app` schema that
 * returns `(tenant_id, subject_id)` and sets that tenant's RLS context, or no row (404).
 */
export interface UrlTokenRoute extends RouteShape {
  authorisedBy: "url-token";
  entryFunction: string;
  answer(session: UrlTokenSession, request: RouteRequest): Promise<RouteAnswer>;
}

export type HttpRoute = MemberRoute | UrlTokenRoute;

/**
 * An endpoint that answers without a token, a member or a transaction (e.g. the console's static
 * files): it runs before authentication and rate limits, and must read nothing tenant-scoped.
 */
export interface PublicHttpRoute {
  method: "GET";
  path: RegExp;
  /** Whether this process serves it, from the environment (e.g. the explorer only outside production). */
  enabled?(environment: { production: boolean; settings: ModuleSettings }): boolean;
  answer(request: { url: URL; match: RegExpExecArray; headers: IncomingHttpHeaders }): Promise<PublicRouteAnswer>;
}

export interface PublicRouteAnswer extends RouteAnswer {
  status: number;
}
