import { Department, Role, authorityLevelOf } from "./roles";
import { TenantKind } from "./tenant-kind";
import { forbidden, notFound } from "../shared/errors";

/** Who a request acts as: one membership of one user, and the tenant sets it may read and write. */
export interface ActingContext {
  userId: string;
  membershipId: string;
  tenantId: string;
  tenantKind: TenantKind;
  role: Role;
  department: Department;
  authorityLevel: number | null;
  /** Own tenant, plus the subtree where the role reads it (DESIGN §2); ordered by tree path. */
  visibleTenantIds: readonly string[];
  writableTenantIds: readonly string[];
  /** The API key the request is sent with (acting as its creator's membership, with the key's role); absent for a person. */
  apiKeyId?: string;
  canSee(tenantId: string): boolean;
  canWrite(tenantId: string): boolean;
}

/** The row app.enter_request returns. */
export interface ActingContextRow {
  membership_id: string;
  tenant_id: string;
  tenant_kind: string;
  role: string;
  department: string;
  visible_tenant_ids: string[];
  writable_tenant_ids: string[];
}

export function actingContextFromRow(userId: string, row: ActingContextRow): ActingContext {
  const role = row.role as Role;
  const visible = new Set(row.visible_tenant_ids);
  const writable = new Set(row.writable_tenant_ids);
  return {
    userId,
    membershipId: row.membership_id,
    tenantId: row.tenant_id,
    tenantKind: row.tenant_kind as TenantKind,
    role,
    department: row.department as Department,
    authorityLevel: authorityLevelOf(role),
    visibleTenantIds: row.visible_tenant_ids,
    writableTenantIds: row.writable_tenant_ids,
    canSee: (tenantId) => visible.has(tenantId),
    canWrite: (tenantId) => writable.has(tenantId),
  };
}

/**
 * A row the caller asked to change: missing or invisible → NOT_FOUND (the two look the same);
 * visible but outside the writable set (a child's row, or any row for an auditor) → FORBIDDEN.
 */
export function writableOrThrow<T extends { tenantId: string }>(acting: ActingContext, row: T | null, label: string): T {
  if (!row) throw notFound(`${label} not found`);
  if (!acting.canWrite(row.tenantId)) throw forbidden(`This ${label.toLowerCase()} belongs to another tenant; it can be read, not changed`);
  return row;
}
