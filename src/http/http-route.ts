import type { IncomingHttpHeaders } from "node:http";
import type { Readable } from "node:stream";
import type { ModuleSettings } from "../config";
import type { MemberSession } from "../context/request-context";

/** What a route answers; its body is sent after the request's transaction has committed. */
export interface RouteAnswer {
  headers: Record<string, string>;
  body: string | Buffer | Readable;
}

/**
 * A non-GraphQL endpoint a module adds (e.g. a report as CSV). It goes through the same request
 * lifecycle as GraphQL: token, rate limit, acting member, one transaction under RLS.
 */
export interface HttpRoute {
  method: "GET";
  /** Matched against the URL's path; its groups reach `answer`. */
  path: RegExp;
  answer(session: MemberSession, request: { url: URL; match: RegExpExecArray }): Promise<RouteAnswer>;
}

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
