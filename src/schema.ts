import "reflect-metadata";
import { GraphQLSchema, lexicographicSortSchema, printSchema } from "graphql";
import { buildSchemaSync, getMetadataStorage } from "type-graphql";
import { registerApprovalPolicies } from "./approval-policies";
import { ApprovalRequestResolver, ApprovalStepResolver } from "./modules/approvals/approval.resolver";
import { AuditResolver } from "./modules/audit/audit.resolver";
import { GrantResolver } from "./modules/grants/grant.resolver";
import { OperationProjectResolver } from "./modules/operations/operation-project.resolver";
import { KpiResolver } from "./modules/reporting/kpi.resolver";
import { RiskIndicatorResolver, RiskResolver, RiskWarningResolver } from "./modules/risks/risk.resolver";
import { NetworkReportResolver, NetworkReportRowResolver } from "./modules/reporting/network-report.resolver";
import { CaseRecordsResolver } from "./modules/cases/case-records.resolver";
import { CaseTaskResolver, CaseTransitionResolver, ServiceCaseResolver } from "./modules/cases/case.resolver";
import { ClientCommunicationResolver, ClientResolver } from "./modules/crm/client.resolver";
import { IdentityResolver, MembershipResolver, ViewerResolver } from "./modules/identity/identity.resolver";
import { TenantResolver } from "./modules/tenancy/tenant.resolver";
import { applyPermissions } from "./permissions/permissions";
import { DateTimeISO } from "./shared/date-time";
import { BusinessReportResolver, ServiceStandardResolver } from "./modules/affiliates/affiliate.resolver";
import { InterCentreSettlementResolver } from "./modules/settlements/settlement.resolver";
import { ContractVersionResolver, PartnerContractResolver } from "./modules/contracts/contract.resolver";
import { FeeSettlementResolver } from "./modules/fee-settlements/fee-settlement.resolver";
import { ComplaintEventResolver, ComplaintResolver } from "./modules/complaints/complaint.resolver";
import { PartnerQualificationResolver, PartnerResolver } from "./modules/partners/partner.resolver";
import { AssessmentSchemeResolver, ProviderAssessmentResolver } from "./modules/assessments/assessment.resolver";

const RESOLVERS = [
  IdentityResolver,
  MembershipResolver,
  ViewerResolver,
  TenantResolver,
  ClientResolver,
  ClientCommunicationResolver,
  ServiceCaseResolver,
  CaseRecordsResolver,
  CaseTaskResolver,
  CaseTransitionResolver,
  AuditResolver,
  ApprovalRequestResolver,
  ApprovalStepResolver,
  GrantResolver,
  NetworkReportResolver,
  NetworkReportRowResolver,
  KpiResolver,
  RiskResolver,
  RiskIndicatorResolver,
  RiskWarningResolver,
  OperationProjectResolver,
  ServiceStandardResolver,
  BusinessReportResolver,
  InterCentreSettlementResolver,
  PartnerContractResolver,
  ContractVersionResolver,
  FeeSettlementResolver,
  ComplaintResolver,
  ComplaintEventResolver,
  PartnerResolver,
  PartnerQualificationResolver,
  AssessmentSchemeResolver,
  ProviderAssessmentResolver,
] as const;

/** The schema as type-graphql builds it, before permissions wrap it. */
export function buildBaseSchema(): GraphQLSchema {
  registerApprovalPolicies();
  usePlainResolversForPlainFields();
  return buildSchemaSync({
    resolvers: RESOLVERS,
    validate: { forbidUnknownValues: false },
    scalarsMap: [{ type: Date, scalar: DateTimeISO }],
    emitSchemaFile: false,
  });
}

/**
 * type-graphql's `simpleResolvers` for every object type: a plain property field then has no
 * resolver of its own (graphql-js reads the property) instead of one that runs an empty
 * middleware chain per field per row, which dominated long lists. We use no field middleware or
 * auth checker; a type whose GraphQL field names differ from its property names keeps the wrappers.
 */
function usePlainResolversForPlainFields(): void {
  for (const objectType of getMetadataStorage().objectTypes) {
    if (objectType.fields?.every((field) => field.name === field.schemaName)) objectType.simpleResolvers ??= true;
  }
}

/** The schema the server runs: every field behind graphql-shield. */
export function buildAppSchema(): GraphQLSchema {
  return applyPermissions(buildBaseSchema());
}

/** The committed `schema.graphql`: sorted, so a diff shows only real changes. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + "\n";
}
