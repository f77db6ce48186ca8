import type { MemberSession } from "../../context/request-context";
import { hydrate } from "../../db/rows/entity-rows";
import { Sql, query, sql, where } from "../../db/rows/sql";
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

/** Archived cases (n) and those whose client was contacted again after archiving (ok); the report shares it. */
export const revisitSample = (scope: ReportScope): Sql => sql`SELECT c.tenant_id, count(*)::int AS n,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM client_communications m
        WHERE m.tenant_id = c.tenant_id AND m.client_id = c.client_id AND m.occurred_at > c.archived_at))::int AS ok
      FROM service_cases c ${where(sql`c.step = 'ARCHIVED'`, inScope(scope, "c.tenant_id"), inPeriod(scope, "c.archived_at"))}
      GROUP BY c.tenant_id`;

/** A complainant rating the handling at this score (0–100) or more counts as satisfied. */
export const SATISFIED_COMPLAINANT_SCORE = 80;

/**
 * Each KPI per tenant, measured over the period (seed 004 §4; how each is measured is in the
 * README): one statement per KPI, grouped by tenant.
 */
const MEASURES: Record<Kpi, (scope: ReportScope) => Sql> = {
  [Kpi.CLIENT_SATISFACTION]: (scope) => sql`SELECT tenant_id, count(*)::int AS n, count(*) FILTER (WHERE mean_score >= 4)::int AS ok
      FROM case_evaluations ${where(inScope(scope), inPeriod(scope, "evaluated_at"))} GROUP BY tenant_id`,
  [Kpi.REVISIT_RATE]: revisitSample,
  [Kpi.PROBLEM_HANDLING_RATE]: (scope) => sql`SELECT e.tenant_id, count(*)::int AS n,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM client_communications m
        WHERE m.tenant_id = e.tenant_id AND m.client_id = c.client_id AND m.occurred_at > e.evaluated_at))::int AS ok
      FROM case_evaluations e JOIN service_cases c ON c.tenant_id = e.tenant_id AND c.id = e.case_id
      ${where(sql`e.follow_up_needed`, inScope(scope, "e.tenant_id"), inPeriod(scope, "e.evaluated_at"))}
      GROUP BY e.tenant_id`,
  [Kpi.COMPLAINT_HANDLING_SATISFACTION]: (scope) => sql`SELECT tenant_id, count(*)::int AS n,
      count(*) FILTER (WHERE satisfaction >= ${SATISFIED_COMPLAINANT_SCORE})::int AS ok
      FROM complaints ${where(sql`satisfaction IS NOT NULL`, inScope(scope), inPeriod(scope, "resolved_at"))} GROUP BY tenant_id`,
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
