import { escapeLiteral } from "pg";
import type { AppParts } from "../../src/app";
import { ActingContextRow, actingContextFromRow } from "../../src/context/acting-context";
import { MemberIdentity, RequestTransaction, TransactionLimits, requestTransactions } from "../../src/db/request-transaction";
import { buildBaseSchema } from "../../src/schema";

/**
 * The server minus its two isolation layers, for measuring what they cost: the schema without
 * graphql-shield, and request transactions that stay in the pool's owner role (no RLS). Only the
 * bench builds these; nothing in src/ can turn isolation off.
 */
export const WITHOUT_ISOLATION: Partial<AppParts> = {
  schema: buildBaseSchema,
  transactions({ request, owner }, limits) {
    return { ...requestTransactions(request, limits), openAsMember: (identity) => openAsOwner(owner, identity, limits) };
  },
};

/** BEGIN and the acting context in one round trip, as production does, without the switch to the runtime role. */
async function openAsOwner(dataSource: Parameters<AppParts["transactions"]>[0]["owner"], identity: MemberIdentity, limits: TransactionLimits) {
  const sql = `BEGIN; SELECT ctx.*,
  set_config('statement_timeout', ${escapeLiteral(String(limits.statementTimeoutMs))}, true) AS statement_timeout
FROM app.enter_request(${escapeLiteral(identity.userId)}, ${identity.tenant == null ? "NULL" : escapeLiteral(identity.tenant)}) ctx`;
  const { transaction, rows } = await RequestTransaction.open(dataSource, sql);
  const acting = rows.length === 1 ? actingContextFromRow(identity.userId, rows[0] as ActingContextRow) : null;
  return { transaction, acting };
}
