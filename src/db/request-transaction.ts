import { DataSource, EntityManager, QueryRunner } from "typeorm";
import { ActingContext, ActingContextRow, actingContextFromRow } from "../context/acting-context";
import { AppError } from "../shared/errors";

/** The database role every request runs as: it owns no table and is subject to row-level security. */
export const RUNTIME_ROLE = "linkpass_app";

/**
 * One statement enters the tenant: app.enter_request checks the membership and stores the
 * visible and writable tenant sets transaction-locally; set_config switches to the runtime role
 * for the rest of the transaction. Parameters: user id, tenant selector, request id, operation,
 * statement timeout (ms).
 */
const enterAsMember = (runtimeRole: string | null) => `SELECT ctx.*,
  ${runtimeRole ? `set_config('role', '${runtimeRole}', true)` : "NULL"} AS runtime_role,
  set_config('statement_timeout', $5, true) AS statement_timeout,
  set_config('app.membership_id', ctx.membership_id::text, true) AS membership_setting,
  set_config('app.request_id', $3, true) AS request_setting,
  set_config('app.operation', $4, true) AS operation_setting
FROM app.enter_request($1, $2) ctx`;
export const ENTER_AS_MEMBER = enterAsMember(RUNTIME_ROLE);
/** Bench only: the same entry, staying in the pool's owner role, which row-level security does not bind. */
const ENTER_AS_OWNER = enterAsMember(null);
const ENTER_ANONYMOUSLY = `SELECT set_config('role', '${RUNTIME_ROLE}', true) AS runtime_role,
  set_config('statement_timeout', $1, true) AS statement_timeout`;

/** Limits every request transaction carries. */
export interface TransactionLimits {
  statementTimeoutMs: number;
  /**
   * Bench only (`npm run bench` measures what isolation costs): skip the switch to the runtime
   * role, so RLS does not apply. Configuration never sets it; only startApp's bench options do.
   */
  benchOnlyBypassRowSecurity?: boolean;
}

export interface MemberIdentity {
  userId: string;
  /** An id or code among the user's own memberships; none picks the default membership. */
  tenant?: string;
  /** Recorded with every change the request makes (audit trail). */
  requestId: string;
  operation?: string;
}

/** A request's single database transaction; nothing else in the request touches the database. */
export class RequestTransaction {
  private finished = false;

  private constructor(private readonly runner: QueryRunner) {}

  get manager(): EntityManager {
    return this.runner.manager;
  }

  /** Opens the transaction as a member; resolves `acting: null` when the membership is not theirs. */
  static async openAsMember(
    dataSource: DataSource,
    identity: MemberIdentity,
    limits: TransactionLimits,
  ): Promise<{ transaction: RequestTransaction; acting: ActingContext | null }> {
    const transaction = await RequestTransaction.begin(dataSource);
    try {
      const enter = limits.benchOnlyBypassRowSecurity ? ENTER_AS_OWNER : ENTER_AS_MEMBER;
      const rows: ActingContextRow[] = await transaction.runner.query(enter, [
        identity.userId,
        identity.tenant ?? null,
        identity.requestId,
        identity.operation ?? "",
        String(limits.statementTimeoutMs),
      ]);
      const acting = rows.length === 1 ? actingContextFromRow(identity.userId, rows[0]) : null;
      return { transaction, acting };
    } catch (error) {
      await transaction.finish("rollback");
      throw error;
    }
  }

  /** Opens the transaction with no tenant at all: it sees no tenant row (used by login). */
  static async openAnonymous(dataSource: DataSource, limits: TransactionLimits): Promise<RequestTransaction> {
    const transaction = await RequestTransaction.begin(dataSource);
    try {
      await transaction.runner.query(ENTER_ANONYMOUSLY, [String(limits.statementTimeoutMs)]);
      return transaction;
    } catch (error) {
      await transaction.finish("rollback");
      throw error;
    }
  }

  private static async begin(dataSource: DataSource): Promise<RequestTransaction> {
    const runner = serializeQueries(dataSource.createQueryRunner());
    try {
      await runner.connect();
      await runner.startTransaction();
    } catch (error) {
      await runner.release();
      // No connection within the pool timeout, or the database is down: a retryable condition.
      throw new AppError("SERVICE_UNAVAILABLE", "The database is busy or unreachable; retry shortly", {
        reason: error instanceof Error ? error.message : String(error),
      });
    }
    return new RequestTransaction(runner);
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
