import type { MemberSession } from "../../context/request-context";
import { badUserInput, notFound } from "../../shared/errors";
import { parseIdOrThrow } from "../../shared/ids";
import { selectEntities } from "../../db/rows/entity-rows";
import { Sql, allOf, empty, identifier, sql } from "../../db/rows/sql";
import type { TenantKind } from "../../context/tenant-kind";
import { Tenant } from "../tenancy/tenant.entity";

export interface ReportScopeFilters {
  from?: Date;
  to?: Date;
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
  if (filters.from && filters.to && filters.to < filters.from) throw badUserInput("to is before from", "to");
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
  const narrowed = rootPath !== null || filters.tenantKind !== undefined;
  return {
    tenants: rows.map((row) => ({ id: row.id, pathUpwards: row.path.split("/").filter(Boolean).reverse() })),
    tenantIds: narrowed ? rows.map((row) => row.id) : null,
    from: filters.from ?? null,
    to: filters.to ?? null,
  };
}
