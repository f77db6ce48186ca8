import type { MemberSession } from "../../context/request-context";
import { badUserInput, notFound } from "../../shared/errors";
import { parseIdOrThrow } from "../../shared/ids";
import { selectEntities } from "../../db/rows/entity-rows";
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
  /** `[$1 tenant ids or null, $2 from, $3 to]`: the tenant filter is null when the scope is the whole visible set. */
  parameters: [string[] | null, Date | null, Date | null];
}

/** SQL for "`column` is a tenant of the scope", over the parameters `ReportScope.parameters`. */
export const inScope = (column = "tenant_id") => `($1::uuid[] IS NULL OR ${column} = ANY($1))`;

/** SQL for "`column` falls within [from, to)"; either end may be open. */
export const inPeriod = (column: string) => `($2::timestamptz IS NULL OR ${column} >= $2) AND ($3::timestamptz IS NULL OR ${column} < $3)`;

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
    parameters: [narrowed ? rows.map((row) => row.id) : null, filters.from ?? null, filters.to ?? null],
  };
}
