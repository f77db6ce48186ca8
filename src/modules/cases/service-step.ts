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

registerEnumType(ServiceStep, {
  name: "ServiceStep",
  description: "The ten steps of a service case, in order (seed 001)",
  valuesConfig: {
    INTAKE: { description: "Step 1: the client's needs are collected (客户需求收集)" },
    PROFILED: { description: "Step 2: the client's CRM profile is set up (CRM档案建立)" },
    PLAN_DRAFTED: { description: "Step 3: a personalised plan is drafted (个性化方案制定)" },
    PLAN_CONFIRMED: { description: "Step 4: the client confirmed the latest plan version (方案确认与调整)" },
    EXECUTION_PLANNED: { description: "Step 5: the execution plan's tasks have owners and due dates (执行计划制定)" },
    IN_SERVICE: { description: "Step 6: training, consulting or certification services are delivered (服务实施)" },
    MATERIALS_TRANSFERRED: { description: "Step 7: materials are handed to a third-party due-diligence body (资料整理与转交)" },
    CERTIFICATION: { description: "Step 8: the third-party certification review (第三方认证协调)" },
    EVALUATED: { description: "Step 9: the client evaluated the service quality (服务质量评估)" },
    ARCHIVED: { description: "Step 10: the case is archived and read-only (客户档案归档)" },
  },
});
registerEnumType(ServiceTier, {
  name: "ServiceTier",
  description: "A case's service tier (seed 002); it sets the first-response target (RESPONSE_TARGET_HOURS)",
  valuesConfig: {
    GENERAL: { description: "General service (一般服务): first response within 48 hours by default" },
    KEY: { description: "Key service (重点服务): first response within 24 hours by default" },
    SPECIAL: { description: "Special service (特殊服务): first response within 4 hours by default" },
  },
});
registerEnumType(IntakeChannel, {
  name: "IntakeChannel",
  description: "How a client's needs came in (seed 001 step 1)",
  valuesConfig: {
    PHONE: { description: "By telephone" },
    ONLINE_FORM: { description: "Through an online form" },
    VISIT: { description: "During a visit" },
  },
});
registerEnumType(PlanStatus, {
  name: "PlanStatus",
  description: "The client's answer to a version of the personalised plan",
  valuesConfig: {
    PROPOSED: { description: "Awaiting the client's answer" },
    CONFIRMED: { description: "The client confirmed this version" },
    CHANGES_REQUESTED: { description: "The client sent this version back; a new version follows" },
  },
});
registerEnumType(TaskStatus, {
  name: "TaskStatus",
  description: "Where a task of the execution plan stands",
  valuesConfig: {
    OPEN: { description: "Not started" },
    IN_PROGRESS: { description: "Being worked on" },
    DONE: { description: "Finished (completedAt is set)" },
    CANCELLED: { description: "Dropped; never overdue" },
  },
});
registerEnumType(ServiceRecordKind, {
  name: "ServiceRecordKind",
  description: "The kind of service session delivered (seed 001 step 6)",
  valuesConfig: {
    TRAINING: { description: "A training session" },
    CONSULTING: { description: "A consulting session" },
    CERTIFICATION: { description: "Certification work" },
  },
});
registerEnumType(CertificationStatus, {
  name: "CertificationStatus",
  description: "Where a certification review stands",
  valuesConfig: {
    SCHEDULED: { description: "Scheduled; no result yet" },
    COMPLETED: { description: "Its result is recorded" },
  },
});
registerEnumType(CertificationResult, {
  name: "CertificationResult",
  description: "The outcome of a certification review",
  valuesConfig: {
    PASSED: { description: "Certified; the case may go on to EVALUATED" },
    FAILED: { description: "Not certified; the case may move back from CERTIFICATION to IN_SERVICE" },
  },
});
registerEnumType(EvaluationDimension, {
  name: "EvaluationDimension",
  description: "What the client's quality evaluation scores, 1–5 each (seed 001 step 9)",
  valuesConfig: {
    SERVICE_QUALITY: { description: "The quality of the service delivered" },
    TIMELINESS: { description: "Whether things happened on time" },
    PROFESSIONALISM: { description: "The professional attitude of the people serving" },
    COMMUNICATION: { description: "How well the centre communicated" },
    OUTCOME: { description: "What the service achieved" },
  },
});
