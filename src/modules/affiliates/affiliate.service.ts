import type { MemberSession } from "../../context/request-context";
import { byTimestamp, keysetPage } from "../../db/rows/keyset-page";
import { inVisibleTenantsOrChildren } from "../../db/rows/row-loaders";
import { insertReturning } from "../../db/rows/entity-rows";
import { badUserInput, conflict } from "../../shared/errors";
import { parseMinorUnitsOrThrow } from "../../shared/money";
import { Page } from "../../shared/pagination";
import { submitApprovalRequest } from "../approvals/approval.service";
import { Tenant } from "../tenancy/tenant.entity";
import {
  BusinessReportListArgs,
  ServiceStandardListArgs,
  SubmitBusinessReportInput,
  SubmitServiceStandardInput,
} from "./affiliate.inputs";
import { readableStandards } from "./affiliate.loaders";
import { BusinessReport } from "./business-report.entity";
import { ServiceStandard, ServiceStandardStatus } from "./service-standard.entity";
import { SERVICE_STANDARD_SUBJECT } from "./service-standard.policy";
import { query, sql } from "../../db/rows/sql";
import { t } from "../../shared/messages";

/** The authority level the national centre reviews standards at (deputy or higher). */
const STANDARD_REVIEW_LEVEL = 2;

/**
 * The next version of a title, under review by the national centre. The title's versions are
 * locked first, so two submissions of one title give one new version and a CONFLICT.
 */
export async function submitServiceStandard(
  session: MemberSession,
  input: SubmitServiceStandardInput,
  slaWorkingDays: Record<number, number>,
): Promise<ServiceStandard> {
  const { db, acting, loaders } = session;
  const company = (await loaders.tenancy.tenantById.load(acting.tenantId)) as Tenant;
  const title = input.title.trim();
  const versions = await query<{ version: number; status: ServiceStandardStatus }>(
    db,
    sql`SELECT version, status FROM service_standards WHERE tenant_id = ${acting.tenantId} AND title = ${title} ORDER BY version DESC FOR UPDATE`,
  );
  const open = versions.find((row) => row.status === ServiceStandardStatus.SUBMITTED);
  if (open) throw conflict(t('Version {version} of "{title}" is still under review', { version: open.version, title }), { version: open.version });
  const standard = await insertReturning(db, ServiceStandard, {
    tenantId: acting.tenantId,
    parentTenantId: company.parentId as string,
    chainTenantIds: ancestorIds(company),
    title,
    scope: input.scope.trim(),
    content: input.content.trim(),
    version: (versions[0]?.version ?? 0) + 1,
    status: ServiceStandardStatus.SUBMITTED,
    submittedBy: acting.userId,
  });
  await submitApprovalRequest(
    session,
    {
      subjectType: SERVICE_STANDARD_SUBJECT,
      subjectId: standard.id,
      level: STANDARD_REVIEW_LEVEL,
      reason: `${title}, version ${standard.version}`,
    },
    { parentTenantId: company.parentId, slaWorkingDays },
  );
  return standard;
}

/** A tenant's ancestors, nearest last, from its materialised path `/root/…/self/`. */
function ancestorIds(tenant: Tenant): string[] {
  return tenant.path.split("/").filter((id) => id && id !== tenant.id);
}

export async function listServiceStandards({ db, acting }: MemberSession, args: ServiceStandardListArgs): Promise<Page<ServiceStandard>> {
  const matching = () => {
    const query = db
      .getRepository(ServiceStandard)
      .createQueryBuilder("s")
      .where(...readableStandards("s", acting));
    if (args.tenantId) query.andWhere("s.tenant_id = :tenantId", { tenantId: args.tenantId });
    if (args.status) query.andWhere("s.status = :status", { status: args.status });
    if (args.publishedOnly) query.andWhere("s.status = 'APPROVED'");
    return query;
  };
  return keysetPage(matching, byTimestamp("s", "created_at"), args);
}

/** One report per period (the unique key backs the check against a concurrent twin). */
export async function submitBusinessReport(
  { db, acting, loaders }: MemberSession,
  input: SubmitBusinessReportInput,
): Promise<BusinessReport> {
  if (input.periodUntil < input.periodFrom) throw badUserInput("periodUntil must not be before periodFrom", "periodUntil");
  const revenue = parseMinorUnitsOrThrow(input.revenueMinor, "revenueMinor");
  const [existing] = await query(
    db,
    sql`SELECT id FROM business_reports WHERE tenant_id = ${acting.tenantId} AND period_from = ${input.periodFrom} AND period_until = ${input.periodUntil}`,
  );
  if (existing) throw conflict(t("A business report for {from} – {until} exists already", { from: input.periodFrom, until: input.periodUntil }), { id: existing.id });
  const company = (await loaders.tenancy.tenantById.load(acting.tenantId)) as Tenant;
  return insertReturning(db, BusinessReport, {
    tenantId: acting.tenantId,
    parentTenantId: company.parentId as string,
    periodFrom: input.periodFrom,
    periodUntil: input.periodUntil,
    revenueMinor: revenue.toString(),
    currency: input.currency,
    projects: input.projects,
    clientsServed: input.clientsServed,
    issues: input.issues.trim(),
    submittedBy: acting.userId,
  });
}

/** Reports of the visible companies and of the acting centre's own companies; a period filter keeps the overlapping ones. */
export async function listBusinessReports({ db, acting }: MemberSession, args: BusinessReportListArgs): Promise<Page<BusinessReport>> {
  const matching = () => {
    const query = db
      .getRepository(BusinessReport)
      .createQueryBuilder("b")
      .where(...inVisibleTenantsOrChildren("b", acting));
    if (args.tenantId) query.andWhere("b.tenant_id = :tenantId", { tenantId: args.tenantId });
    if (args.from) query.andWhere("b.period_until >= :from::date", { from: args.from });
    if (args.to) query.andWhere("b.period_from <= :to::date", { to: args.to });
    return query;
  };
  return keysetPage(matching, byTimestamp("b", "created_at"), args);
}
