import type { MemberSession } from "../../context/request-context";
import { badUserInput, notFound } from "../../shared/errors";
import { parseIdOrThrow } from "../../shared/ids";
import { selectEntities } from "../../db/rows/entity-rows";
import { Sql, allOf, empty, identifier, sql } from "../../db/rows/sql";
import type { TenantKind } from "../../context/tenant-kind";
import { Tenant } from "../tenancy/tenant.entity";
import { addCalendarDays, localDate, startOfLocalDate, timeZoneOrThrow } from "../../shared/local-time";

export interface ReportScopeFilters {
  from?: Date;
  to?: Date;
  /** A local calendar month, YYYY-MM, in the report's time zone: the period instead of from and to. */
  month?: string;
  /** IANA time zone its local days and months are counted in; the acting tenant's when absent. */
  timeZone?: string;
  tenantKind?: TenantKind;
  subtreeRootId?: string;
}

export interface ReportScope {
  /** In tree order, each with its ids from itself up to the root (for inherited settings). */
  tenants: { id: string; pathUpwards: string[] }[];
  /** The scope's tenant ids; null when the scope is the whole visible set. */
  tenantIds: string[] | null;
  /** The period's bounds, [from, to); null is an open end. */
  from: Date | null;
  to: Date | null;
  /** The IANA time zone of the report: local dates (task due dates, "today") are read in it. */
  timeZone: string;
}

/** The first instant of a local month YYYY-MM in the zone, and of the month after it. */
export function localMonthOrThrow(month: string, timeZone: string): { from: Date; to: Date } {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const monthNumber = match ? Number(match[2]) : 0;
  if (!match || monthNumber < 1 || monthNumber > 12 || Number(match[1]) < 1900) throw badUserInput("month must be a calendar month YYYY-MM", "month");
  const next = monthNumber === 12 ? `${Number(match[1]) + 1}-01` : `${match[1]}-${String(monthNumber + 1).padStart(2, "0")}`;
  return { from: startOfLocalDate(`${month}-01`, timeZone), to: startOfLocalDate(`${next}-01`, timeZone) };
}

/** "The date `column` (a local calendar date) falls within the period", its days beginning in the report's time zone. */
export const inLocalDatePeriod = (scope: ReportScope, column: string): Sql =>
  allOf(
    scope.from ? sql`${identifier(column)} >= ${localDateOnOrAfter(scope.from, scope.timeZone)}::date` : empty,
    scope.to ? sql`${identifier(column)} < ${localDateOnOrAfter(scope.to, scope.timeZone)}::date` : empty,
  );

/** The first local date whose start is at or after `instant`. */
function localDateOnOrAfter(instant: Date, timeZone: string): string {
  const date = localDate(instant, timeZone);
  return startOfLocalDate(date, timeZone).getTime() < instant.getTime() ? addCalendarDays(date, 1) : date;
}

/**
 * "`column` is a tenant of the scope"; no condition when the scope is the whole visible set, which
 * RLS applies to every row already.
 */
export const inScope = (scope: ReportScope, column = "tenant_id"): Sql =>
  scope.tenantIds ? sql`${identifier(column)} = ANY(${scope.tenantIds})` : empty;

/** "`column` falls within the period"; no condition on an open end. */
export const inPeriod = (scope: ReportScope, column: string): Sql => inRange(column, scope.from, scope.to);

/** "`column` falls within [from, to)", compared as timestamptz whatever the column's type; no condition on an open end. */
export const inRange = (column: string, from: Date | null, to: Date | null): Sql =>
  allOf(from ? sql`${identifier(column)} >= ${from}::timestamptz` : empty, to ? sql`${identifier(column)} < ${to}::timestamptz` : empty);

/**
 * The tenants a report covers: the caller's visible set, optionally narrowed to a visible subtree
 * and a tenant kind. Unnarrowed, the scope is exactly what RLS already applies to every row, so
 * the sections skip repeating it as a filter (a second array check per row on large networks).
 */
export async function reportScopeOrThrow({ db, acting, loaders }: MemberSession, filters: ReportScopeFilters): Promise<ReportScope> {
  let rootPath: string | null = null;
  if (filters.subtreeRootId) {
    const root = await loaders.tenancy.tenantById.load(parseIdOrThrow(filters.subtreeRootId, "subtreeRootId"));
    if (!root || !acting.canSee(root.id)) throw notFound("Subtree root not found");
    rootPath = root.path;
  }
  const query = db
    .getRepository(Tenant)
    .createQueryBuilder("t")
    .where("t.id = ANY(:visible)", { visible: acting.visibleTenantIds })
    .orderBy("t.path");
  if (rootPath !== null) query.andWhere("t.path LIKE :rootPath || '%'", { rootPath });
  if (filters.tenantKind) query.andWhere("t.kind = :kind", { kind: filters.tenantKind });
  const rows = await selectEntities(query);
  // The report's rows name their tenants: those come from here, not from a statement of their own.
  for (const tenant of rows) loaders.tenancy.tenantById.prime(tenant.id, tenant);
  // The acting tenant is among the rows unless the report is narrowed away from it: then its zone costs a statement.
  const timeZone = filters.timeZone
    ? timeZoneOrThrow(filters.timeZone, "timeZone")
    : ((await loaders.tenancy.tenantById.load(acting.tenantId)) as Tenant).timeZone;
  let { from, to } = filters;
  if (filters.month !== undefined) {
    if (from || to) throw badUserInput("month replaces from and to: give one or the other", "month");
    ({ from, to } = localMonthOrThrow(filters.month, timeZone));
  }
  if (from && to && to < from) throw badUserInput("to is before from", "to");
  const narrowed = rootPath !== null || filters.tenantKind !== undefined;
  return {
    tenants: rows.map((row) => ({ id: row.id, pathUpwards: row.path.split("/").filter(Boolean).reverse() })),
    tenantIds: narrowed ? rows.map((row) => row.id) : null,
    from: from ?? null,
    to: to ?? null,
    timeZone,
  };
}
