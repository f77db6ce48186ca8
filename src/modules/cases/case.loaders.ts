import type { EntityManager } from "typeorm";
import type { ActingContext } from "../../context/acting-context";
import { tenantRowLoaders } from "../../db/rows/row-loaders";
import {
  CaseEvaluation,
  CaseNeeds,
  CaseTask,
  CaseTransition,
  CertificationReview,
  MaterialHandover,
  ServicePlan,
  ServiceRecord,
} from "./case-records.entity";
import { ServiceCase } from "./service-case.entity";

export function createCaseLoaders(db: EntityManager, acting: ActingContext) {
  const rows = tenantRowLoaders(db, acting);
  return {
    serviceCaseById: rows.byId(ServiceCase),
    planById: rows.byId(ServicePlan),
    taskById: rows.byId(CaseTask),
    handoverById: rows.byId(MaterialHandover),
    certificationReviewById: rows.byId(CertificationReview),
    needsByCaseId: rows.groupedBy(CaseNeeds, "caseId", "capturedAt", "id"),
    plansByCaseId: rows.groupedBy(ServicePlan, "caseId", "version"),
    tasksByCaseId: rows.groupedBy(CaseTask, "caseId", "dueOn", "id"),
    serviceRecordsByCaseId: rows.groupedBy(ServiceRecord, "caseId", "startedAt", "id"),
    handoversByCaseId: rows.groupedBy(MaterialHandover, "caseId", "handedOverAt", "id"),
    certificationReviewsByCaseId: rows.groupedBy(CertificationReview, "caseId", "scheduledFor", "id"),
    evaluationsByCaseId: rows.groupedBy(CaseEvaluation, "caseId", "evaluatedAt"),
    transitionsByCaseId: rows.groupedBy(CaseTransition, "caseId", "at", "id"),
  };
}

declare module "../../context/loaders" {
  interface Loaders {
    cases: ReturnType<typeof createCaseLoaders>;
  }
}
