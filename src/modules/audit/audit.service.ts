import type { ActingContext } from "../../context/acting-context";
import type { MemberSession } from "../../context/request-context";
import { byIdDescending, keysetPage } from "../../db/rows/keyset-page";
import type { Page, PageArgs } from "../../shared/pagination";
import { AuditChainReport, AuditEntry } from "./audit-entry.entity";
import { query, sql } from "../../db/rows/sql";

/** The trail of every visible tenant, newest first; optionally of one target row. */
export async function listAuditEntries(
  { db, acting }: MemberSession,
  args: PageArgs & { targetId?: string },
): Promise<Page<AuditEntry>> {
  const matching = () => {
    const query = db
      .getRepository(AuditEntry)
      .createQueryBuilder("a")
      .where("a.tenant_id = ANY(:visible)", { visible: acting.visibleTenantIds });
    if (args.targetId) query.andWhere("a.target_id = :targetId", { targetId: args.targetId });
    return query;
  };
  const page = await keysetPage(matching, byIdDescending("a"), args);
  page.nodes.forEach((entry) => hideForeignMemberships(acting, entry));
  return page;
}

/** One entry of the trail of a visible tenant, as auditLog lists it; null otherwise. */
export async function findAuditEntry({ db, acting }: MemberSession, id: string): Promise<AuditEntry | null> {
  const entry = await db
    .getRepository(AuditEntry)
    .createQueryBuilder("a")
    .where("a.tenant_id = ANY(:visible)", { visible: acting.visibleTenantIds })
    .andWhere("a.id = CAST(:id AS bigint)", { id })
    .getOne();
  return entry && hideForeignMemberships(acting, entry);
}

/**
 * A change made from a tenant the caller may not read (a parent centre deciding in its
 * partner's trail), or outside any request (the demo data, a job), keeps its actor but not the
 * membership ids it names: they may be rows of a tenant outside the caller's view.
 */
function hideForeignMemberships(acting: ActingContext, entry: AuditEntry): AuditEntry {
  if (entry.actingTenantId !== null && acting.canSee(entry.actingTenantId)) return entry;
  const withoutMemberships = (fields: Record<string, unknown> | null) =>
    fields && Object.fromEntries(Object.entries(fields).filter(([column]) => !column.endsWith("membership_id")));
  return Object.assign(entry, { membershipId: null, before: withoutMemberships(entry.before), after: withoutMemberships(entry.after) });
}

/**
 * Re-computes each visible tenant's chain: every entry must follow the previous one (no gap in
 * seq), point at its hash, and hash to what it stores. Reports the first entry that does not.
 */
export async function verifyAuditChains({ db, acting }: MemberSession): Promise<AuditChainReport> {
  const rows = await query<{ checked: number; id: string | null; tenant_id: string | null; reason: string | null }>(
    db,
    sql`WITH chain AS (
       SELECT a.id, a.tenant_id, a.seq,
              a.seq <> coalesce(lag(a.seq) OVER w, 0) + 1 AS gap,
              a.prev_hash IS DISTINCT FROM lag(a.hash) OVER w AS unlinked,
              a.hash <> app.audit_hash(a.prev_hash, a) AS altered
         FROM audit_log a
        WHERE a.tenant_id = ANY(${acting.visibleTenantIds})
       WINDOW w AS (PARTITION BY a.tenant_id ORDER BY a.seq)
     )
     SELECT (SELECT count(*)::int FROM chain) AS checked, broken.id, broken.tenant_id,
            CASE WHEN broken.gap THEN 'an earlier entry is missing'
                 WHEN broken.unlinked THEN 'prev_hash does not match the previous entry'
                 WHEN broken.altered THEN 'the entry changed after it was written' END AS reason
       FROM (SELECT 1) one
       LEFT JOIN LATERAL (
         SELECT * FROM chain WHERE gap OR unlinked OR altered ORDER BY tenant_id, seq LIMIT 1
       ) broken ON true`,
  );
  const [row] = rows;
  return {
    ok: row.id === null,
    checkedEntries: row.checked,
    firstBrokenEntryId: row.id,
    firstBrokenTenantId: row.tenant_id,
    reason: row.reason,
  };
}
