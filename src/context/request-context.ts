import type { DataSource, EntityManager } from "typeorm";
import type { BusinessPolicy } from "../config";
import type { LoginThrottle } from "../http/rate-limits";
import type { Logger } from "../shared/logger";
import type { ActingContext } from "./acting-context";
import type { Loaders } from "./loaders";

/** What the bearer token says, checked before any database work. */
export type Authentication =
  | { kind: "anonymous" }
  | { kind: "invalid"; reason: string }
  | { kind: "token"; userId: string; tenantId: string };

/** A member's view of the database for this request. */
export interface MemberSession {
  acting: ActingContext;
  db: EntityManager;
  loaders: Loaders;
}

export interface RequestTrace {
  /** The operation and its root fields (e.g. `mutation createClient`), once parsed; audited. */
  operation?: string;
  /** Set once the member session is open; logged. */
  actingTenantId?: string;
  /** Set when the request carries an Idempotency-Key seen for the first time: its answer is stored. */
  idempotency?: { key: string; requestHash: string };
}

export interface RequestContext {
  requestId: string;
  log: Logger;
  authentication: Authentication;
  /** The client's network address (the socket's peer), which login attempts are counted by. */
  clientAddress: string;
  /** Counts login attempts per account and per address, whatever token the request carries. */
  loginThrottle: LoginThrottle;
  dataSource: DataSource;
  /** Signs the tokens login issues. */
  jwtSecret: string;
  policy: BusinessPolicy;
  /**
   * Facts learnt while the request runs. Apollo shallow-copies the context for each operation,
   * so they live in an object both copies share.
   */
  trace: RequestTrace;
  /** Opens (once) the request's transaction as the acting member; throws UNAUTHENTICATED or FORBIDDEN. */
  memberSession(): Promise<MemberSession>;
  /** Opens (once) a transaction that sees no tenant, for login. */
  anonymousSession(): Promise<EntityManager>;
  /** Whether the client hung up or the request ran out of time: it is then rolled back, never committed unseen. */
  abandoned(): boolean;
  /** Records the parsed operation (audited), also on a transaction that is already open. */
  noteOperation(operation: string): Promise<void>;
  /** Commits when the response carries no error, else rolls back. */
  finish(outcome: "commit" | "rollback"): Promise<void>;
}
