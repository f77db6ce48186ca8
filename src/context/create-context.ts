import { createHash, randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { DataSource, EntityManager } from "typeorm";
import type { ModuleSettings } from "../config";
import type { RequestTransaction, RequestTransactions } from "../db/request-transaction";
import { AppError, badUserInput, forbidden, notFound, unauthenticated } from "../shared/errors";
import type { Logger } from "../shared/logger";
import { AccessTokenClaims, verifyAccessTokenOrThrow } from "./access-token";
import { API_KEY_PREFIX, hashApiKeySecret, looksLikeApiKeySecret } from "./api-key-secret";
import type { ActingContext } from "./acting-context";
import type { Loaders } from "./loaders";
import type { Authentication, LoginThrottle, MemberSession, RequestContext, UrlTokenSession } from "./request-context";
import { DEFAULT_LANGUAGE, requestedLanguage } from "../shared/language";

export interface ContextDependencies {
  dataSource: DataSource;
  transactions: RequestTransactions;
  loaders: (db: EntityManager, acting: ActingContext) => Loaders;
  jwtSecret: string;
  settings: ModuleSettings;
  loginThrottle: LoginThrottle;
  log: Logger;
}

const TENANT_SELECTOR = /^[A-Za-z0-9-]{1,64}$/;
/** A client's own request id is logged beside ours when it looks like an id; ours is the one audited. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * The one place a request's context is built: the token is verified here, and the
 * transaction is opened lazily, so a request refused before execution touches no database.
 */
export function createContext(
  deps: ContextDependencies,
  request: { headers: IncomingHttpHeaders; clientAddress: string; abandoned(): boolean },
  authentication: Authentication,
): RequestContext {
  const { headers } = request;
  const requestId = randomUUID();
  const clientRequestId = singleHeader(headers["x-request-id"]);
  const tenantSelector = singleHeader(headers["x-tenant-id"]);
  // Read once per request: the language it writes in is the one it asks for, else the default.
  const requested = requestedLanguage(headers["accept-language"]);
  const log = deps.log.child(
    clientRequestId !== undefined && CLIENT_REQUEST_ID.test(clientRequestId) ? { requestId, clientRequestId } : { requestId },
  );

  let transaction: RequestTransaction | undefined;
  let member: Promise<MemberSession> | undefined;
  let anonymous: Promise<RequestTransaction> | undefined;
  let byUrlToken: Promise<UrlTokenSession> | undefined;

  const context: RequestContext = {
    requestId,
    log,
    authentication,
    language: requested ?? DEFAULT_LANGUAGE,
    requestedLanguage: requested,
    clientAddress: request.clientAddress,
    loginThrottle: deps.loginThrottle,
    dataSource: deps.dataSource,
    jwtSecret: deps.jwtSecret,
    settings: deps.settings,
    state: {},
    abandoned: request.abandoned,
    memberSession() {
      member ??= openMemberSession();
      return member;
    },
    async anonymousSession() {
      if (member) throw new Error("a request uses one transaction: the member session is already open");
      anonymous ??= deps.transactions.openAnonymous({ operation: context.state.operation }).then((opened) => (transaction = opened));
      return (await anonymous).manager;
    },
    urlTokenSession(entry) {
      if (member || anonymous) throw new Error("a request uses one transaction: another session is already open");
      byUrlToken ??= openUrlTokenSession(entry);
      return byUrlToken;
    },
    async noteOperation(operation) {
      context.state.operation = operation;
      if (member) await (await member).db.query("SELECT set_config('app.operation', $1, true)", [operation]);
    },
    async finish(outcome) {
      await Promise.allSettled([member, anonymous, byUrlToken]);
      await transaction?.finish(outcome);
    },
  };

  async function openMemberSession(): Promise<MemberSession> {
    if (authentication.kind !== "token" && authentication.kind !== "apiKey") {
      throw authentication.kind === "invalid" ? unauthenticated(authentication.reason) : unauthenticated();
    }
    if (tenantSelector !== undefined && !TENANT_SELECTOR.test(tenantSelector)) {
      throw badUserInput("x-tenant-id is not a tenant id or code");
    }
    if (anonymous) throw new Error("a request uses one transaction: the anonymous session is already open");
    if (authentication.kind === "apiKey") return openApiKeySession(authentication.secretHash);
    const opened = await deps.transactions.openAsMember({
      userId: authentication.userId,
      tenant: tenantSelector ?? authentication.tenantId,
      sessionVersion: authentication.sessionVersion,
      requestId,
      operation: context.state.operation,
    });
    transaction = opened.transaction;
    if (opened.sessionEnded) throw unauthenticated("This session has ended (signed out everywhere, or the password was reset); log in again");
    if (!opened.acting) {
      throw tenantSelector === undefined
        ? unauthenticated("The token's membership is no longer active")
        : forbidden("x-tenant-id names no membership of yours");
    }
    context.state.actingTenantId = opened.acting.tenantId;
    return { acting: opened.acting, db: opened.transaction.manager, loaders: deps.loaders(opened.transaction.manager, opened.acting), settings: deps.settings };
  }

  /** The key's own tenant alone; x-tenant-id may name it, never another. */
  async function openApiKeySession(secretHash: string): Promise<MemberSession> {
    const opened = await deps.transactions.openAsApiKey({ secretHash, tenant: tenantSelector, requestId, operation: context.state.operation });
    transaction = opened.transaction;
    if (opened.otherTenant) throw forbidden("An API key acts only in the tenant that created it");
    if (!opened.acting) throw unauthenticated("This API key is unknown, revoked or expired, or its creator's membership no longer covers it");
    context.state.actingTenantId = opened.acting.tenantId;
    return { acting: opened.acting, db: opened.transaction.manager, loaders: deps.loaders(opened.transaction.manager, opened.acting), settings: deps.settings };
  }

  async function openUrlTokenSession(entry: { entryFunction: string; token: string; operation: string }): Promise<UrlTokenSession> {
    const tokenHash = createHash("sha256").update(entry.token).digest();
    context.state.operation = entry.operation;
    const opened = await deps.transactions.openByUrlToken({ entryFunction: entry.entryFunction, tokenHash, requestId, operation: entry.operation });
    transaction = opened.transaction;
    if (!opened.entered) throw notFound("This link is unknown, used or expired");
    context.state.actingTenantId = opened.entered.tenantId;
    return { ...opened.entered, db: opened.transaction.manager };
  }

  return context;
}

/**
 * Tokens already verified with a secret, until they expire: verifying an HS256 token through
 * WebCrypto cost more CPU than a whole single-row request. A hit needs the same bytes, signature
 * included, and the same secret, so it proves exactly what a fresh check would; expiry is
 * checked on every hit. Bounded: the oldest entries go first.
 */
const verifiedTokens = new Map<string, { secret: string; claims: AccessTokenClaims; expiresAtMs: number }>();
const MAX_VERIFIED_TOKENS = 10_000;

/** What the Authorization header proves, checked before anything else (rate limits key on it). */
export async function authenticate(header: string | undefined, secret: string): Promise<Authentication> {
  if (header === undefined || header === "") return { kind: "anonymous" };
  const match = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(header);
  if (!match) return { kind: "invalid", reason: "Authorization must be 'Bearer <token>'" };
  const token = match[1];
  if (token.startsWith(API_KEY_PREFIX)) {
    return looksLikeApiKeySecret(token) ? { kind: "apiKey", secretHash: hashApiKeySecret(token).toString("hex") } : { kind: "invalid", reason: "Invalid API key" };
  }
  const known = verifiedTokens.get(token);
  if (known && known.secret === secret && Date.now() < known.expiresAtMs) return { kind: "token", ...known.claims };
  try {
    const verified = await verifyAccessTokenOrThrow(token, secret);
    rememberVerified(token, { secret, ...verified });
    return { kind: "token", ...verified.claims };
  } catch (error) {
    return { kind: "invalid", reason: error instanceof AppError ? error.message : "Invalid token" };
  }
}

function rememberVerified(token: string, verified: { secret: string; claims: AccessTokenClaims; expiresAtMs: number }): void {
  if (verifiedTokens.size >= MAX_VERIFIED_TOKENS) verifiedTokens.delete(verifiedTokens.keys().next().value!);
  verifiedTokens.set(token, verified);
}

function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
