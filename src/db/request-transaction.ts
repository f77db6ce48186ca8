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
 * membership and stores the visible and writable tenant sets transaction-locally; set_config
 * switches to the runtime role for the rest of the transaction.
 */
export function enterAsMemberSql(identity: MemberIdentity, limits: TransactionLimits): string {
  return `BEGIN; SELECT ctx.*,
  set_config('role', '${RUNTIME_ROLE}', true) AS runtime_role,
  set_config('statement_timeout', ${escapeLiteral(String(limits.statementTimeoutMs))}, true) AS statement_timeout,
  set_config('app.membership_id', ctx.membership_id::text, true) AS membership_setting,
  set_config('app.request_id', ${escapeLiteral(identity.requestId)}, true) AS request_setting,
  set_config('app.operation', ${escapeLiteral(identity.operation ?? "")}, true) AS operation_setting,
  app.session_is_current(ctx.tenant_id, ctx.membership_id, ${Number(identity.sessionVersion)}) AS session_current
FROM app.enter_request(${escapeLiteral(identity.userId)}, ${identity.tenant == null ? "NULL" : escapeLiteral(identity.tenant)}) ctx`;
}

const enterAnonymouslySql = (identity: AnonymousIdentity, limits: TransactionLimits) => `BEGIN; SELECT set_config('role', '${RUNTIME_ROLE}', true) AS runtime_role,
  set_config('statement_timeout', ${escapeLiteral(String(limits.statementTimeoutMs))}, true) AS statement_timeout,
  set_config('app.request_id', ${escapeLiteral(identity.requestId)}, true) AS request_setting,
  set_config('app.operation', ${escapeLiteral(identity.operation ?? "")}, true) AS operation_setting`;

/** Limits every request transaction carries. */
export interface TransactionLimits {
  statementTimeoutMs: number;
}

/** How a request opens its one transaction; the app uses `requestTransactions`. */
export interface RequestTransactions {
  /** As a member; `acting: null` when the membership is not theirs, or (`sessionEnded`) the token's session has ended. */
  openAsMember(identity: MemberIdentity): Promise<{ transaction: RequestTransaction; acting: ActingContext | null; sessionEnded?: boolean }>;
  /** With no tenant at all: it sees no tenant row (used by login and acceptInvitation). */
  openAnonymous(identity: AnonymousIdentity): Promise<RequestTransaction>;
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
    async openAnonymous(identity) {
      return (await RequestTransaction.open(dataSource, enterAnonymouslySql(identity, limits))).transaction;
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

/** What an anonymous transaction records with the changes it makes (acceptInvitation's, audited). */
export type AnonymousIdentity = Pick<MemberIdentity, "requestId" | "operation">;

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
    try {
      const { databaseConnection } = runner as unknown as { databaseConnection: PoolClient };
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
