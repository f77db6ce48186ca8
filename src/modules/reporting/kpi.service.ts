import type { MemberSession } from "../../context/request-context";
import { hydrate } from "../../db/rows/entity-rows";
import { Sql, identifier, query, sql, where } from "../../db/rows/sql";
import { forbidden } from "../../shared/errors";
import { DEFAULT_KPI_TARGETS, Kpi, KpiStatus, KpiTarget } from "./kpi";
import { ReportScope, ReportScopeFilters, inPeriod, inScope, reportScopeOrThrow } from "./report-scope";

/** Presidents and deputies set their tenant's targets. */
function assertSetsTargetsOrThrow({ acting }: MemberSession): void {
  if (acting.authorityLevel === null || acting.authorityLevel > 2) throw forbidden("KPI targets are set by a president or deputy");
}

export async function setKpiTarget(session: MemberSession, kpi: Kpi, target: number): Promise<KpiTarget> {
  assertSetsTargetsOrThrow(session);
  const { tenantId, userId } = session.acting;
  const [row] = await query(
    session.db,
    sql`INSERT INTO kpi_targets (tenant_id, kpi, target, set_by) VALUES (${tenantId}, ${kpi}, ${target}, ${userId})
     ON CONFLICT (tenant_id, kpi) DO UPDATE SET target = EXCLUDED.target, set_by = EXCLUDED.set_by, set_at = now()
     RETURNING *`,
  );
  return session.db.getRepository(KpiTarget).create({ tenantId: row.tenant_id, id: row.id, kpi: row.kpi, target: Number(row.target), setBy: row.set_by, setAt: row.set_at });
}

/** Drops the tenant's own target, so it inherits again: the target as it was, null when it had none. */
export async function clearKpiTarget(session: MemberSession, kpi: Kpi): Promise<KpiTarget | null> {
  assertSetsTargetsOrThrow(session);
  const [row] = await query(session.db, sql`DELETE FROM kpi_targets WHERE tenant_id = ${session.acting.tenantId} AND kpi = ${kpi} RETURNING *`);
  return row ? hydrate(session.db, KpiTarget, row) : null;
}

/** Archived cases (n) and those whose client was contacted again after archiving (ok): the network report's archive follow-up figures. */
export const revisitSample = (scope: ReportScope): Sql => sql`SELECT c.tenant_id, count(*)::int AS n,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM client_communications m
        WHERE m.tenant_id = c.tenant_id AND m.client_id = c.client_id AND m.occurred_at > c.archived_at))::int AS ok
      FROM service_cases c ${where(sql`c.step = 'ARCHIVED'`, inScope(scope, "c.tenant_id"), inPeriod(scope, "c.archived_at"))}
      GROUP BY c.tenant_id`;

/** A client (or, for disputes, a provider) rating the handling at this score (0–100) or more counts as satisfied. */
export const SATISFIED_COMPLAINANT_SCORE = 80;

/** A problem, complaint or revisit whose deadline `due` has come, or that is settled early (`settled`): it counts from then on. */
const dueOrSettled = (due: string, settled: Sql): Sql => sql`(${identifier(due)} < now() OR ${settled})`;
const SETTLED_REQUEST = sql`status IN ('RESOLVED', 'CLOSED')`;

/**
 * Each KPI per tenant over the period (seed 004 §4; docs/kpis.md defines each): `n` the records
 * measured, `ok` those that count for it; one statement per KPI, grouped by tenant.
 */
const MEASURES: Record<Kpi, (scope: ReportScope) => Sql> = {
  [Kpi.CLIENT_SATISFACTION]: (scope) => sql`SELECT tenant_id, count(*)::int AS n, count(*) FILTER (WHERE mean_score >= 4)::int AS ok
      FROM case_evaluations ${where(inScope(scope), inPeriod(scope, "evaluated_at"))} GROUP BY tenant_id`,
  [Kpi.REVISIT_RATE]: (scope) => sql`SELECT tenant_id, count(*)::int AS n, count(*) FILTER (WHERE status = 'DONE' AND done_at <= due_at)::int AS ok
      FROM revisits ${where(dueOrSettled("due_at", sql`status = 'DONE'`), inScope(scope), inPeriod(scope, "due_at"))} GROUP BY tenant_id`,
  [Kpi.PROBLEM_HANDLING_RATE]: (scope) => sql`SELECT tenant_id, count(*)::int AS n,
      count(*) FILTER (WHERE ${SETTLED_REQUEST} AND resolved_at <= due_at)::int AS ok
      FROM service_requests ${where(sql`kind = 'PROBLEM'`, dueOrSettled("due_at", SETTLED_REQUEST), inScope(scope), inPeriod(scope, "due_at"))}
      GROUP BY tenant_id`,
  [Kpi.COMPLAINT_HANDLING_SATISFACTION]: (scope) => sql`SELECT tenant_id, count(*)::int AS n,
      count(*) FILTER (WHERE satisfaction >= ${SATISFIED_COMPLAINANT_SCORE})::int AS ok
      FROM service_requests ${where(sql`kind = 'COMPLAINT' AND satisfaction IS NOT NULL`, inScope(scope), inPeriod(scope, "rated_at"))}
      GROUP BY tenant_id`,
};

export async function buildKpiStatus(session: MemberSession, filters: ReportScopeFilters): Promise<KpiStatus[]> {
  const scope = await reportScopeOrThrow(session, filters);
  const targets = await query<{ tenant_id: string; kpi: Kpi; target: string }>(session.db, sql`SELECT tenant_id, kpi, target FROM kpi_targets`);
  const targetOf = (path: string[], kpi: Kpi): { target: number; tenantId: string | null } => {
    for (const tenantId of path) {
      const own = targets.find((t) => t.tenant_id === tenantId && t.kpi === kpi);
      if (own) return { target: Number(own.target), tenantId };
    }
    return { target: DEFAULT_KPI_TARGETS[kpi], tenantId: null };
  };
  const statuses: KpiStatus[] = [];
  for (const kpi of Object.values(Kpi)) {
    const measured = new Map<string, { n: number; ok: number }>();
    for (const row of await query<{ tenant_id: string; n: number; ok: number }>(session.db, MEASURES[kpi](scope))) measured.set(row.tenant_id, row);
    for (const tenant of scope.tenants) {
      const sample = measured.get(tenant.id) ?? { n: 0, ok: 0 };
      const applied = targetOf(tenant.pathUpwards, kpi);
      statuses.push(
        Object.assign(new KpiStatus(), {
          tenantId: tenant.id,
          targetTenantId: applied.tenantId,
          period: { from: scope.from?.toISOString() ?? "", to: scope.to?.toISOString() ?? "" },
          timeZone: scope.timeZone,
          kpi,
          target: applied.target,
          sampleSize: sample.n,
          value: sample.n === 0 ? null : Math.round((sample.ok * 1000) / sample.n) / 10,
        }),
      );
    }
  }
  return statuses;
}
