import type { DataSource, EntityManager } from "typeorm";
import type { ModuleSettings } from "../config";
import type { Language } from "../shared/language";
import type { Logger } from "../shared/logger";
import type { ActingContext } from "./acting-context";
import type { Loaders } from "./loaders";

/** What the bearer token says, checked before any database work. */
export type Authentication =
  | { kind: "anonymous" }
  | { kind: "invalid"; reason: string }
  | { kind: "token"; userId: string; tenantId: string; sessionVersion: number }
  /** An API key's secret (`lpk_…`), as its SHA-256 (hex); whether the key still works is the entry statement's to say. */
  | { kind: "apiKey"; secretHash: string };

/** Login attempts, counted per account and per client address (src/http/rate-limits.ts). */
export interface LoginThrottle {
  /** Spends one attempt of the account and one of the address, before any password is checked; RATE_LIMITED when either is spent. */
  consumeOrThrow(attempt: { email: string; clientAddress: string }): Promise<void>;
}

/** A member's view of the database for this request. */
export interface MemberSession {
  acting: ActingContext;
  db: EntityManager;
  loaders: Loaders;
  /** The app's settings, for work that runs on behalf of another module's mutation (an approval's outcome). */
  settings: ModuleSettings;
}

/**
 * The transaction of a route authorised by a token in its URL rather than a bearer token: the
 * entry function resolved the token's hash to one tenant and opened that tenant's context alone.
 */
export interface UrlTokenSession {
  tenantId: string;
  /** The row the token was issued for (e.g. the pending document of an upload URL). */
  subjectId: string;
  db: EntityManager;
}

/**
 * What the request lifecycle learns while a request runs. Apollo shallow-copies the context for
 * each operation, so this lives in an object both copies share.
 */
export interface RequestState {
  /** The operation and its root fields (e.g. `mutation createClient`), once parsed; audited. */
  operation?: string;
  /** Set once the member session is open; logged. */
  actingTenantId?: string;
  /** An Idempotency-Key claimed for this request: its answer is stored with the mutation. */
  idempotency?: { key: string; requestHash: string };
}

export interface RequestContext {
  /** Ours, never the client's: the audit trail records it. */
  requestId: string;
  log: Logger;
  authentication: Authentication;
  /** The language its Accept-Language prefers among ours: error messages are written in it. */
  language: Language;
  /** The language Accept-Language named among ours, if it named one: a mail to the caller themselves prefers it to their tenant's locale. */
  requestedLanguage: Language | undefined;
  /** The client's network address (the socket's peer), which login attempts are counted by. */
  clientAddress: string;
  /** Counts login attempts per account and per address, whatever token the request carries. */
  loginThrottle: LoginThrottle;
  dataSource: DataSource;
  /** Signs the tokens login issues. */
  jwtSecret: string;
  settings: ModuleSettings;
  state: RequestState;
  /** Opens (once) the request's transaction as the acting member; throws UNAUTHENTICATED or FORBIDDEN. */
  memberSession(): Promise<MemberSession>;
  /** Opens (once) the transaction of a route its URL's token authorises (http-route.ts); NOT_FOUND when the token resolves to nothing. */
  urlTokenSession(entry: { entryFunction: string; token: string; operation: string }): Promise<UrlTokenSession>;
  /** Opens (once) a transaction that sees no tenant, for login. */
  anonymousSession(): Promise<EntityManager>;
  /** Whether the client hung up or the request ran out of time: it is then rolled back, never committed unseen. */
  abandoned(): boolean;
  /** Records the parsed operation (audited), also on a transaction that is already open. */
  noteOperation(operation: string): Promise<void>;
  /** Ends the transaction, if one opened; only the request lifecycle calls it. */
  finish(outcome: "commit" | "rollback"): Promise<void>;
}
