import type { MemberSession } from "../../context/request-context";
import { byTimestamp, keysetPage } from "../../db/rows/keyset-page";
import { inVisibleTenantsOrChildren } from "../../db/rows/row-loaders";
import { hydrate, insertReturning } from "../../db/rows/entity-rows";
import { badUserInput, conflict, forbidden, notFound } from "../../shared/errors";
import { parseIdOrThrow } from "../../shared/ids";
import { Page } from "../../shared/pagination";
import { TenantKind, TenantStatus } from "../../context/tenant-kind";
import { Tenant } from "../tenancy/tenant.entity";
import { DEFAULT_ASSESSMENT_RULE, assessmentRuleProblem, gradeAssessment } from "./assessment-grade";
import { AssessmentListArgs, RecordAssessmentInput, SetAssessmentSchemeInput } from "./assessment.inputs";
import { AssessmentScheme } from "./assessment-scheme.entity";
import { ProviderAssessment } from "./provider-assessment.entity";
import { identifier, join, query, sql } from "../../db/rows/sql";
import { t } from "../../shared/messages";

const ASSESSED_KINDS: readonly TenantKind[] = [TenantKind.PARTNER, TenantKind.AFFILIATED_COMPANY];

/** The acting tenant's own scheme, else its nearest ancestor's (ancestor_read policy), else the default. */
export async function effectiveAssessmentScheme({ db, acting, loaders }: MemberSession): Promise<AssessmentScheme> {
  const tenant = (await loaders.tenancy.tenantById.load(acting.tenantId)) as Tenant;
  const chain = tenant.path.split("/").filter(Boolean);
  const nearest = await db
    .getRepository(AssessmentScheme)
    .createQueryBuilder("s")
    .where("s.tenant_id = ANY(:chain)", { chain })
    .orderBy("array_position(:chain::uuid[], s.tenant_id)", "DESC")
    .setParameter("chain", chain)
    .getOne();
  const scheme = nearest ?? Object.assign(new AssessmentScheme(), { ...DEFAULT_ASSESSMENT_RULE, tenantId: null, updatedBy: null, updatedAt: null });
  return Object.assign(scheme, { inForceFor: acting.tenantId });
}

/** Replaces the acting centre's own scheme; its children inherit it unless they set theirs. */
export async function setAssessmentScheme({ db, acting }: MemberSession, input: SetAssessmentSchemeInput): Promise<AssessmentScheme> {
  const problem = assessmentRuleProblem(input);
  if (problem) throw badUserInput(problem.message, problem.argument);
  const columns = SCHEME_COLUMNS.map(identifier);
  const [row] = await query(
    db,
    sql`INSERT INTO assessment_schemes (tenant_id, ${join(columns, ", ")}, updated_by)
     VALUES (${acting.tenantId}, ${join(SCHEME_PROPERTIES.map((property) => input[property]), ", ")}, ${acting.userId})
     ON CONFLICT (tenant_id) DO UPDATE SET ${join(columns.map((column) => sql`${column} = EXCLUDED.${column}`), ", ")},
       updated_by = EXCLUDED.updated_by, updated_at = now()
     RETURNING *`,
  );
  return Object.assign(hydrate(db, AssessmentScheme, row), { inForceFor: acting.tenantId });
}

const SCHEME_PROPERTIES = [
  "qualityWeight",
  "efficiencyWeight",
  "satisfactionWeight",
  "fulfilmentWeight",
  "grade1Min",
  "grade2Min",
  "grade3Min",
  "passMin",
  "failuresForRectification",
  "failuresForTerminationReview",
] as const satisfies readonly (keyof SetAssessmentSchemeInput)[];
const SCHEME_COLUMNS = SCHEME_PROPERTIES.map((property) => property.replace(/[A-Z]/g, (part) => `_${part.toLowerCase()}`));

/**
 * The provider's own centre records one period's KPIs; the grade rule of the centre's effective
 * scheme sets the assessment's grade and the provider's grade. The provider row is locked, so
 * concurrent assessments count consecutive failures one after the other.
 */
export async function recordAssessment(session: MemberSession, input: RecordAssessmentInput): Promise<ProviderAssessment> {
  const { db, acting, loaders } = session;
  if (!isCalendarDate(input.periodFrom)) throw badUserInput("periodFrom is not a calendar date", "periodFrom");
  if (!isCalendarDate(input.periodUntil)) throw badUserInput("periodUntil is not a calendar date", "periodUntil");
  if (input.periodUntil < input.periodFrom) throw badUserInput("periodUntil must not be before periodFrom", "periodUntil");
  const provider = await loaders.tenancy.tenantById.load(parseIdOrThrow(input.providerId, "providerId"));
  if (!provider || !ASSESSED_KINDS.includes(provider.kind)) {
    throw notFound("Provider not found");
  }
  if (provider.parentId !== acting.tenantId) throw forbidden("Only the provider's own centre assesses it");
  const [{ status }] = await query(db, sql`SELECT status FROM tenants WHERE id = ${provider.id} FOR UPDATE`);
  if (status === TenantStatus.TERMINATED) throw conflict("A terminated provider is no longer assessed", { status });
  const [previous] = await query(
    db,
    sql`SELECT period_until::text AS period_until, consecutive_failures FROM provider_assessments
      WHERE tenant_id = ${provider.id} ORDER BY period_until DESC, created_at DESC LIMIT 1`,
  );
  if (previous && input.periodUntil < previous.period_until) {
    throw conflict(t("Assessments are recorded in period order: the last one ends {periodUntil}", { periodUntil: previous.period_until }));
  }
  const scheme = await effectiveAssessmentScheme(session);
  const result = gradeAssessment(scheme, input, previous?.consecutive_failures ?? 0);
  const assessment = await insertReturning(db, ProviderAssessment, {
    tenantId: provider.id,
    parentTenantId: acting.tenantId,
    periodFrom: input.periodFrom,
    periodUntil: input.periodUntil,
    quality: input.quality,
    efficiency: input.efficiency,
    satisfaction: input.satisfaction,
    fulfilmentRate: input.fulfilmentRate,
    ...result,
    comments: input.comments?.trim() || null,
    assessedBy: acting.userId,
  });
  await query(db, sql`UPDATE tenants SET provider_grade = ${result.grade} WHERE id = ${provider.id}`);
  loaders.tenancy.tenantById.clear(provider.id);
  return assessment;
}

function isCalendarDate(value: string): boolean {
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** Assessments the caller reads: its own (a provider), its children's (a centre), its subtree's. */
export async function listAssessments({ db, acting }: MemberSession, args: AssessmentListArgs): Promise<Page<ProviderAssessment>> {
  const matching = () => {
    const query = db
      .getRepository(ProviderAssessment)
      .createQueryBuilder("a")
      .where(...inVisibleTenantsOrChildren("a", acting));
    if (args.providerId) query.andWhere("a.tenant_id = :providerId", { providerId: args.providerId });
    return query;
  };
  return keysetPage(matching, byTimestamp("a", "created_at"), args);
}
