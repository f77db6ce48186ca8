import { DataSource } from "typeorm";
import { Foundation1764100000000 } from "../../migrations/1764100000000-Foundation";
import { ServiceProcess1764200000000 } from "../../migrations/1764200000000-ServiceProcess";
import { Approvals1764300000000 } from "../../migrations/1764300000000-Approvals";
import { KpisAndRisks1764400000000 } from "../../migrations/1764400000000-KpisAndRisks";
import { HostedOperations1764500000000 } from "../../migrations/1764500000000-HostedOperations";
import { IdempotencyKeys1764600000000 } from "../../migrations/1764600000000-IdempotencyKeys";
import { PartnersAndFinance1764700000000 } from "../../migrations/1764700000000-PartnersAndFinance";
import { PartnerDecisions1764720000000 } from "../../migrations/1764720000000-PartnerDecisions";
import { ContractVersion, PartnerContract } from "../modules/contracts/contract.entity";
import { FeeSettlement } from "../modules/fee-settlements/fee-settlement.entity";
import { Complaint, ComplaintEvent } from "../modules/complaints/complaint.entity";
import { ApprovalRequest, ApprovalStep } from "../modules/approvals/approval-request.entity";
import { AuditEntry } from "../modules/audit/audit-entry.entity";
import { Grant } from "../modules/grants/grant.entity";
import { KpiTarget } from "../modules/reporting/kpi";
import { OperationProject, ProjectCost, SupervisionCheck } from "../modules/operations/operation-project.entity";
import { Risk, RiskIndicator, RiskWarning } from "../modules/risks/risk.entity";
import {
  CaseEvaluation,
  CaseNeeds,
  CaseTask,
  CaseTransition,
  CertificationReview,
  MaterialHandover,
  ServicePlan,
  ServiceRecord,
} from "../modules/cases/case-records.entity";
import { ServiceCase } from "../modules/cases/service-case.entity";
import { ClientCommunication, ClientContact } from "../modules/crm/client-profile.entity";
import { Client } from "../modules/crm/client.entity";
import { Membership } from "../modules/identity/membership.entity";
import { User } from "../modules/identity/user.entity";
import { Tenant } from "../modules/tenancy/tenant.entity";
import { BusinessReport } from "../modules/affiliates/business-report.entity";
import { ServiceStandard } from "../modules/affiliates/service-standard.entity";
import { InterCentreSettlement, SettlementLineItem } from "../modules/settlements/settlement.entity";
import { CaseRollups1764800000000 } from "../../migrations/1764800000000-CaseRollups";
import { SettlementEscalation1764730000000 } from "../../migrations/1764730000000-SettlementEscalation";
import { LoaderKeyIndexes1764900000000 } from "../../migrations/1764900000000-LoaderKeyIndexes";
import { ClientRollups1764910000000 } from "../../migrations/1764910000000-ClientRollups";
import { UnforgeableContext1765071500000 } from "../../migrations/1765071500000-UnforgeableContext";
import { AssessmentScheme } from "../modules/assessments/assessment-scheme.entity";
import { ProviderAssessment } from "../modules/assessments/provider-assessment.entity";
import { PartnerProfile } from "../modules/partners/partner-profile.entity";
import { PartnerQualification } from "../modules/partners/partner-qualification.entity";

export const ENTITIES = [
  Tenant,
  User,
  Membership,
  Client,
  ClientContact,
  ClientCommunication,
  ServiceCase,
  CaseTransition,
  CaseNeeds,
  ServicePlan,
  CaseTask,
  ServiceRecord,
  MaterialHandover,
  CertificationReview,
  CaseEvaluation,
  AuditEntry,
  ApprovalRequest,
  ApprovalStep,
  Grant,
  KpiTarget,
  Risk,
  RiskIndicator,
  RiskWarning,
  OperationProject,
  SupervisionCheck,
  ProjectCost,
  ServiceStandard,
  BusinessReport,
  InterCentreSettlement,
  SettlementLineItem,
  PartnerContract,
  ContractVersion,
  FeeSettlement,
  Complaint,
  ComplaintEvent,
  PartnerProfile,
  PartnerQualification,
  AssessmentScheme,
  ProviderAssessment,
];

/** In order; TypeORM runs those not yet recorded in its migrations table. */
export const MIGRATIONS = [
  Foundation1764100000000,
  ServiceProcess1764200000000,
  Approvals1764300000000,
  KpisAndRisks1764400000000,
  HostedOperations1764500000000,
  IdempotencyKeys1764600000000,
  PartnersAndFinance1764700000000,
  PartnerDecisions1764720000000,
  SettlementEscalation1764730000000,
  CaseRollups1764800000000,
  LoaderKeyIndexes1764900000000,
  ClientRollups1764910000000,
  UnforgeableContext1765071500000,
];

export function createDataSource(options: { url: string; poolSize: number; poolTimeoutMs?: number }): DataSource {
  return new DataSource({
    type: "postgres",
    url: options.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: "all",
    synchronize: false,
    uuidExtension: "pgcrypto",
    installExtensions: false,
    poolSize: options.poolSize,
    // A request waits this long for a connection, then fails with SERVICE_UNAVAILABLE instead of hanging.
    extra: { application_name: "link-pass-api", connectionTimeoutMillis: options.poolTimeoutMs ?? 5000 },
    logging: false,
  });
}
