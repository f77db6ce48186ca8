import { randomUUID } from "node:crypto";
import type { ActingContext } from "../../context/acting-context";
import type { MemberSession } from "../../context/request-context";
import { Department, Role } from "../../context/roles";
import { TenantKind } from "../../context/tenant-kind";
import { insertReturning } from "../../db/rows/entity-rows";
import { query, sql } from "../../db/rows/sql";
import { badUserInput, badUserInputs, forbidden } from "../../shared/errors";
import type { ApprovalRequest } from "../approvals/approval-request.entity";
import { submitApprovalRequest } from "../approvals/approval.service";
import type { Tenant } from "../tenancy/tenant.entity";
import { CentreOpening, CentreOpeningStatus } from "./centre-opening.entity";
import type { OpenCentreInput } from "./centre.inputs";

export const CENTRE_OPENING_SUBJECT = "CENTRE_OPENING";

/** DESIGN §1 and seed 000: head office opens national centres; a national centre opens city centres and affiliated companies. */
export const OPENED_KINDS: Partial<Record<TenantKind, readonly TenantKind[]>> = {
  [TenantKind.HEAD_OFFICE]: [TenantKind.NATIONAL_CENTRE],
  [TenantKind.NATIONAL_CENTRE]: [TenantKind.CITY_CENTRE, TenantKind.AFFILIATED_COMPANY],
};

/** Who proposes a centre: a president, a deputy or the head of MANAGEMENT of a tenant that opens centres. The president decides. */
export function proposesCentres(acting: ActingContext): boolean {
  const role = acting.role === Role.PRESIDENT || acting.role === Role.DEPUTY || (acting.role === Role.DEPARTMENT_HEAD && acting.department === Department.MANAGEMENT);
  return role && OPENED_KINDS[acting.tenantKind] !== undefined;
}

/**
 * Proposes a child centre of the acting tenant: the tenant is created APPLIED (its ancestors read
 * it at once, its siblings never), with its opening and an approval request decided by the
 * proposing tenant's president. Approval activates it and invites its first president.
 */
export async function openCentre(session: MemberSession, input: OpenCentreInput, slaWorkingDays: Record<number, number>): Promise<ApprovalRequest> {
  const { db, acting, loaders } = session;
  if (input.kind === TenantKind.PARTNER) throw badUserInput("A partner is registered with registerPartner, not opened", "kind");
  const opened = OPENED_KINDS[acting.tenantKind] ?? [];
  if (!opened.includes(input.kind)) throw forbidden(`A ${acting.tenantKind} does not open a ${input.kind}; it opens ${opened.join(" or ") || "no centre"}`);
  const registrationNumber = input.registrationNumber?.trim() || null;
  const legalRepresentative = input.legalRepresentative?.trim() || null;
  if (input.kind === TenantKind.AFFILIATED_COMPANY) {
    const missing = Object.entries({ registrationNumber, legalRepresentative }).filter(([, value]) => value === null);
    if (missing.length > 0) {
      throw badUserInputs(
        "An affiliated company is an independent legal entity: its registration number and legal representative are required",
        missing.map(([field]) => ({ field, message: `${field} is required for an affiliated company` })),
      );
    }
  }
  const parent = (await loaders.tenancy.tenantById.load(acting.tenantId)) as Tenant;
  const id = randomUUID();
  await query(
    db,
    sql`INSERT INTO tenants (id, code, name, kind, parent_id, path, depth, registration_number, legal_representative, status)
        VALUES (${id}, ${input.code}, ${input.name.trim()}, ${input.kind}, ${parent.id}, ${`${parent.path}${id}/`}, ${parent.depth + 1},
                ${registrationNumber}, ${legalRepresentative}, 'APPLIED')`,
  );
  const opening = await insertReturning(db, CentreOpening, {
    tenantId: parent.id,
    centreTenantId: id,
    adminEmail: input.firstAdmin.email.trim().toLowerCase(),
    adminDisplayName: input.firstAdmin.displayName.trim(),
    status: CentreOpeningStatus.PENDING,
    requestedBy: acting.userId,
  });
  return submitApprovalRequest(
    session,
    { subjectType: CENTRE_OPENING_SUBJECT, subjectId: opening.id, level: 1, reason: `Open ${input.kind} ${input.code} (${input.name.trim()})` },
    { parentTenantId: parent.parentId, slaWorkingDays },
  );
}
