import { registerEnumType } from "type-graphql";

/** The ten steps of seed 001, in order. */
export enum ServiceStep {
  INTAKE = "INTAKE",
  PROFILED = "PROFILED",
  PLAN_DRAFTED = "PLAN_DRAFTED",
  PLAN_CONFIRMED = "PLAN_CONFIRMED",
  EXECUTION_PLANNED = "EXECUTION_PLANNED",
  IN_SERVICE = "IN_SERVICE",
  MATERIALS_TRANSFERRED = "MATERIALS_TRANSFERRED",
  CERTIFICATION = "CERTIFICATION",
  EVALUATED = "EVALUATED",
  ARCHIVED = "ARCHIVED",
}

/** Seed 002: the tier sets the response-time target. */
export enum ServiceTier {
  GENERAL = "GENERAL",
  KEY = "KEY",
  SPECIAL = "SPECIAL",
}

export enum IntakeChannel {
  PHONE = "PHONE",
  ONLINE_FORM = "ONLINE_FORM",
  VISIT = "VISIT",
}

export enum PlanStatus {
  PROPOSED = "PROPOSED",
  CONFIRMED = "CONFIRMED",
  CHANGES_REQUESTED = "CHANGES_REQUESTED",
}

export enum TaskStatus {
  OPEN = "OPEN",
  IN_PROGRESS = "IN_PROGRESS",
  DONE = "DONE",
  CANCELLED = "CANCELLED",
}

export enum ServiceRecordKind {
  TRAINING = "TRAINING",
  CONSULTING = "CONSULTING",
  CERTIFICATION = "CERTIFICATION",
}

export enum CertificationStatus {
  SCHEDULED = "SCHEDULED",
  COMPLETED = "COMPLETED",
}

export enum CertificationResult {
  PASSED = "PASSED",
  FAILED = "FAILED",
}

/** What a quality evaluation scores, 1–5 each (seed 001 step 9). */
export enum EvaluationDimension {
  SERVICE_QUALITY = "SERVICE_QUALITY",
  TIMELINESS = "TIMELINESS",
  PROFESSIONALISM = "PROFESSIONALISM",
  COMMUNICATION = "COMMUNICATION",
  OUTCOME = "OUTCOME",
}

registerEnumType(ServiceStep, { name: "ServiceStep", description: "The ten steps of a service case, in order" });
registerEnumType(ServiceTier, { name: "ServiceTier", description: "Sets the response-time target" });
registerEnumType(IntakeChannel, { name: "IntakeChannel" });
registerEnumType(PlanStatus, { name: "PlanStatus" });
registerEnumType(TaskStatus, { name: "TaskStatus" });
registerEnumType(ServiceRecordKind, { name: "ServiceRecordKind" });
registerEnumType(CertificationStatus, { name: "CertificationStatus" });
registerEnumType(CertificationResult, { name: "CertificationResult" });
registerEnumType(EvaluationDimension, { name: "EvaluationDimension" });
