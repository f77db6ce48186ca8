import { PoolClient, QueryResult, escapeLiteral } from "pg";
import { DataSource, EntityManager, QueryRunner } from "typeorm";
import { ActingContext, ActingContextRow, actingContextFromRow } from "../context/acting-context";
import { AppError } from "../shared/errors";

/** The database role every request runs as: it owns no table and is subject to row-level security. */
export const RUNTIME_ROLE = "linkpass_app";

/**
 * One round trip opens a request: BEGIN and the entry statement travel as one simple-protocol
 * message, so their values are inlined as escaped literals (they come from the verified token,
 * the validated tenant selector and our own ids and limits). app.enter_request checks the
 * membership and establishes the signed tenant context (who acts, the tenant sets, the request
 * id) transaction-locally; it runs before set_config switches to the runtime role, which may not
 * call it.
 */
export function enterAsMemberSql(identity: MemberIdentity, limits: TransactionLimits): string {
  return `BEGIN; SELECT ctx.*,
  set_config('role', '${RUNTIME_ROLE}', true) AS runtime_role,
  set_config('statement_timeout', ${escapeLiteral(String(limits.statementTimeoutMs))}, true) AS statement_timeout,
  set_config('app.operation', ${escapeLiteral(identity.operation ?? "")}, true) AS operation_setting,
  app.session_is_current(ctx.tenant_id, ctx.membership_id, ${Number(identity.sessionVersion)}) AS session_current
FROM app.enter_request(${escapeLiteral(identity.userId)}, ${identity.tenant == null ? "NULL" : escapeLiteral(identity.tenant)}, ${escapeLiteral(identity.requestId)}) ctx`;
}

/**
 * A request sent with an API key: app.enter_api_key checks the key (revoked, expired, its
 * creator's membership) and establishes its context in the same single round trip as a member's
 * entry, so a revoked key is refused by the very statement that would have opened its request.
 */
function enterAsApiKeySql(identity: ApiKeyIdentity, limits: TransactionLimits): string {
  if (!/^[0-9a-f]{64}$/.test(identity.secretHash)) throw new Error("an API key's secret hash is 64 hex digits");
  return `BEGIN; SELECT ctx.*,
  set_config('role', '${RUNTIME_ROLE}', true) AS runtime_role,
  set_config('statement_timeout', ${escapeLiteral(String(limits.statementTimeoutMs))}, true) AS statement_timeout,
  set_config('app.operation', ${escapeLiteral(identity.operation ?? "")}, true) AS operation_setting
FROM app.enter_api_key(decode('${identity.secretHash}', 'hex'), ${identity.tenant == null ? "NULL" : escapeLiteral(identity.tenant)}, ${escapeLiteral(identity.requestId)}) ctx`;
}

const enterAnonymouslySql = (identity: AnonymousIdentity, limits: TransactionLimits) => `BEGIN; SELECT set_config('role', '${RUNTIME_ROLE}', true) AS runtime_role,
  set_config('statement_timeout', ${escapeLiteral(String(limits.statementTimeoutMs))}, true) AS statement_timeout,
  set_config('app.operation', ${escapeLiteral(identity.operation ?? "")}, true) AS operation_setting`;

/**
 * The entry of a route authorised by a token in its URL: the module's SECURITY DEFINER function
 * resolves the token's hash and sets one tenant's context; the rest is as for a member.
 */
function enterByUrlTokenSql(entry: UrlTokenEntry, limits: TransactionLimits): string {
  if (!ENTRY_FUNCTION.test(entry.entryFunction)) throw new Error(`${entry.entryFunction} is not an entry function of the app schema`);
  return `BEGIN; SELECT entered.tenant_id, entered.subject_id,
  set_config('role', '${RUNTIME_ROLE}', true) AS runtime_role,
  set_config('statement_timeout', ${escapeLiteral(String(limits.statementTimeoutMs))}, true) AS statement_timeout,
  set_config('app.operation', ${escapeLiteral(entry.operation)}, true) AS operation_setting
FROM ${entry.entryFunction}(decode(${escapeLiteral(entry.tokenHash.toString("hex"))}, 'hex'), ${escapeLiteral(entry.requestId)}) entered`;
}

const ENTRY_FUNCTION = /^app\.[a-z_]+$/;

/** Limits every request transaction carries. */
export interface TransactionLimits {
  statementTimeoutMs: number;
}

/** How a request opens its one transaction; the app uses `requestTransactions`. */
export interface RequestTransactions {
  /** As a member; `acting: null` when the membership is not theirs, or (`sessionEnded`) the token's session has ended. */
  openAsMember(identity: MemberIdentity): Promise<{ transaction: RequestTransaction; acting: ActingContext | null; sessionEnded?: boolean }>;
  /** With an API key; `acting: null` when it no longer works, `otherTenant` when x-tenant-id names another tenant than the key's. */
  openAsApiKey(identity: ApiKeyIdentity): Promise<{ transaction: RequestTransaction; acting: ActingContext | null; otherTenant: boolean }>;
  /** With no tenant at all: it sees no tenant row (used by login and acceptInvitation). */
  openAnonymous(identity: AnonymousIdentity): Promise<RequestTransaction>;
  /** In the one tenant a URL token resolves to; `entered: null` when the token resolves to none. */
  openByUrlToken(entry: UrlTokenEntry): Promise<{ transaction: RequestTransaction; entered: { tenantId: string; subjectId: string } | null }>;
}

export interface UrlTokenEntry {
  /** `app.<name>`, taking the token's hash (bytea) and returning `(tenant_id, subject_id)`. */
  entryFunction: string;
  tokenHash: Buffer;
  requestId: string;
  /** Recorded in the audit trail; never the URL itself, which carries the token. */
  operation: string;
}

/** Request transactions as the runtime role, under row-level security. */
export function requestTransactions(dataSource: DataSource, limits: TransactionLimits): RequestTransactions {
  return {
    async openAsMember(identity) {
      const { transaction, rows } = await RequestTransaction.open(dataSource, enterAsMemberSql(identity, limits));
      const row = rows[0] as (ActingContextRow & { session_current: boolean }) | undefined;
      const sessionEnded = row !== undefined && !row.session_current;
      const acting = row && !sessionEnded ? actingContextFromRow(identity.userId, row) : null;
      return { transaction, acting, sessionEnded };
    },
    async openAsApiKey(identity) {
      const { transaction, rows } = await RequestTransaction.open(dataSource, enterAsApiKeySql(identity, limits));
      const row = rows[0] as (ActingContextRow & { api_key_id: string; user_id: string; other_tenant: boolean }) | undefined;
      if (!row || row.other_tenant) return { transaction, acting: null, otherTenant: row?.other_tenant ?? false };
      return { transaction, acting: { ...actingContextFromRow(row.user_id, row), apiKeyId: row.api_key_id }, otherTenant: false };
    },
    async openAnonymous(identity) {
      return (await RequestTransaction.open(dataSource, enterAnonymouslySql(identity, limits))).transaction;
    },
    async openByUrlToken(entry) {
      const { transaction, rows } = await RequestTransaction.open(dataSource, enterByUrlTokenSql(entry, limits));
      const [row] = rows as { tenant_id: string; subject_id: string }[];
      return { transaction, entered: row ? { tenantId: row.tenant_id, subjectId: row.subject_id } : null };
    },
  };
}

export interface MemberIdentity {
  userId: string;
  /** An id or code among the user's own memberships; none picks the default membership. */
  tenant?: string;
  /** The token's session version, compared in the entry statement: a signed-out token is refused there. */
  sessionVersion: number;
  /** Recorded with every change the request makes (audit trail). */
  requestId: string;
  operation?: string;
}

export interface ApiKeyIdentity extends Pick<MemberIdentity, "tenant" | "requestId" | "operation"> {
  /** SHA-256 of the key's secret, hex. */
  secretHash: string;
}

/**
 * What an anonymous transaction records with the changes it makes (acceptInvitation's, audited):
 * the operation; it has no signed context, so its audit entries carry no request id.
 */
export type AnonymousIdentity = Pick<MemberIdentity, "operation">;

/** A request's single database transaction; nothing else in the request touches the database. */
export class RequestTransaction {
  private finished = false;

  private constructor(private readonly runner: QueryRunner) {}

  get manager(): EntityManager {
    return this.runner.manager;
  }

  /** Takes a pooled connection and runs `BEGIN; <entry statement>` on it; resolves the entry's rows. */
  static async open(dataSource: DataSource, sql: string): Promise<{ transaction: RequestTransaction; rows: unknown[] }> {
    const runner = serializeQueries(dataSource.createQueryRunner());
    try {
      await runner.connect();
    } catch (error) {
      await runner.release();
      throw unavailable(error);
    }
    const transaction = new RequestTransaction(runner);
    // TypeORM did not send this BEGIN; tell it a transaction is open so commit and rollback work.
    Object.assign(runner, { isTransactionActive: true, transactionDepth: 1 });
    const { databaseConnection } = runner as unknown as { databaseConnection: PoolClient };
    reportLossThroughQueries(databaseConnection);
    try {
      const [, entered] = (await databaseConnection.query(sql)) as unknown as QueryResult[];
      return { transaction, rows: entered.rows };
    } catch (error) {
      await transaction.finish("rollback").catch(() => undefined);
      // The statement's values are ours and checked: a failure here is the database's, and retryable.
      throw unavailable(error);
    }
  }

  /** Commits or rolls back, then returns the connection to the pool; idempotent. */
  async finish(outcome: "commit" | "rollback"): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    try {
      if (outcome === "commit") await this.runner.commitTransaction();
      else await this.runner.rollbackTransaction();
    } catch (error) {
      if (outcome === "commit") {
        await this.runner.rollbackTransaction().catch(() => undefined);
      }
      throw error;
    } finally {
      await this.runner.release();
    }
  }
}

/**
 * No connection within the pool timeout, or the database is down: a retryable condition. The
 * database's own words go to the log as the cause (they name databases and hosts), never to the client.
 */
function unavailable(error: unknown): AppError {
  return Object.assign(new AppError("SERVICE_UNAVAILABLE", "The database is busy or unreachable; retry shortly"), { cause: error });
}

const GUARDED = Symbol("lost connections are reported through queries");

/**
 * A connection the database terminates (a restart) can emit more than one 'error': TypeORM's
 * listener handles the first and removes itself, and a second one with no listener would crash
 * the process. The loss still reaches the request, through its next query's rejection.
 */
function reportLossThroughQueries(client: PoolClient & { [GUARDED]?: true }): void {
  if (client[GUARDED]) return;
  client[GUARDED] = true;
  client.on("error", () => undefined);
}

/**
 * Resolvers and loaders of one request run concurrently but share one connection; queue their
 * statements here rather than rely on pg's implicit client queue (deprecated, gone in pg 9).
 */
function serializeQueries(runner: QueryRunner): QueryRunner {
  const query = runner.query.bind(runner);
  let tail: Promise<unknown> = Promise.resolve();
  runner.query = ((...args: Parameters<QueryRunner["query"]>) => {
    const result = tail.then(() => query(...args));
    tail = result.catch(() => undefined);
    return result;
  }) as QueryRunner["query"];
  return runner;
}
