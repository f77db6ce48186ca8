import type { ModuleSettings } from "../../config";
import type { MemberSession } from "../../context/request-context";
import { insertReturning, rowKey, updateReturning } from "../../db/rows/entity-rows";
import { badUserInput, conflict, forbidden, notFound } from "../../shared/errors";
import { TenantKind } from "../../context/tenant-kind";
import { parseIdOrThrow } from "../../shared/ids";
import { assertWorkingMemberOrThrow } from "../identity/membership.service";
import {
  CaseEvaluation,
  CaseNeeds,
  CaseTask,
  CertificationReview,
  MaterialHandover,
  ServicePlan,
  ServiceRecord,
} from "./case-records.entity";
import { caseEvaluatedHooks } from "./case-evaluated-hooks";
import { RecordKind, assertRecordWindowOrThrow } from "./case-workflow";
import {
  AddCaseTaskInput,
  DraftServicePlanInput,
  EvaluateServiceCaseInput,
  RecordCaseNeedsInput,
  RecordCertificationResultInput,
  RecordMaterialHandoverInput,
  RecordServiceDeliveryInput,
  ScheduleCertificationReviewInput,
} from "./case.inputs";
import { lockCaseForWriteOrThrow, moveCaseOrThrow } from "./case.service";
import { ServiceCase } from "./service-case.entity";
import { CertificationStatus, PlanStatus, ServiceStep, TaskStatus } from "./service-step";
import { query, sql } from "../../db/rows/sql";
import { t } from "../../shared/messages";

/** The locked case, once the record kind may be written at its current step. */
async function caseOpenForOrThrow(session: MemberSession, caseId: string, kind: RecordKind): Promise<ServiceCase> {
  const serviceCase = await lockCaseForWriteOrThrow(session, caseId);
  assertRecordWindowOrThrow(kind, serviceCase.step);
  return serviceCase;
}

/** A record addressed by its own id: visible (else NOT_FOUND), then its case as above. */
async function recordWithCaseOrThrow<T extends { caseId: string }>(
  session: MemberSession,
  record: T | null,
  label: string,
  kind: RecordKind,
): Promise<{ record: T; serviceCase: ServiceCase }> {
  if (!record) throw notFound(t("{label} not found", { label: t(label) }));
  return { record, serviceCase: await caseOpenForOrThrow(session, record.caseId, kind) };
}

const owned = (serviceCase: ServiceCase) => ({ tenantId: serviceCase.tenantId, caseId: serviceCase.id });

export async function recordCaseNeeds(session: MemberSession, caseId: string, input: RecordCaseNeedsInput): Promise<CaseNeeds> {
  const serviceCase = await caseOpenForOrThrow(session, caseId, "needs");
  return insertReturning(session.db, CaseNeeds, {
    ...owned(serviceCase),
    channel: input.channel,
    needs: input.needs.trim(),
    capturedBy: session.acting.userId,
  });
}

/** A new plan version, numbered after the last one. */
export async function draftServicePlan(session: MemberSession, caseId: string, input: DraftServicePlanInput): Promise<ServicePlan> {
  const serviceCase = await caseOpenForOrThrow(session, caseId, "plan");
  const [{ next }] = await query(
    session.db,
    sql`SELECT coalesce(max(version), 0) + 1 AS next FROM service_plans WHERE tenant_id = ${serviceCase.tenantId} AND case_id = ${serviceCase.id}`,
  );
  return insertReturning(session.db, ServicePlan, {
    ...owned(serviceCase),
    version: next,
    content: input.content.trim(),
    schedule: input.schedule.trim(),
    expectedResults: input.expectedResults.trim(),
    status: PlanStatus.PROPOSED,
    createdBy: session.acting.userId,
  });
}

/** Records the client's answer to the latest plan version. */
export async function decideServicePlan(
  session: MemberSession,
  planId: string,
  decision: { status: PlanStatus.CONFIRMED | PlanStatus.CHANGES_REQUESTED; comment?: string },
): Promise<ServicePlan> {
  const plan = await session.loaders.cases.planById.load(parseIdOrThrow(planId, "planId"));
  const { serviceCase } = await recordWithCaseOrThrow(session, plan, "Plan version", "planDecision");
  const [latest] = await query(
    session.db,
    sql`SELECT id, status FROM service_plans WHERE tenant_id = ${serviceCase.tenantId} AND case_id = ${serviceCase.id} ORDER BY version DESC LIMIT 1`,
  );
  if (latest.id !== plan!.id) throw conflict("Only the latest plan version can be decided");
  const confirming = decision.status === PlanStatus.CONFIRMED;
  if (confirming ? latest.status !== PlanStatus.PROPOSED : latest.status === PlanStatus.CHANGES_REQUESTED) {
    throw conflict(t("The plan version is already {status}", { status: latest.status }), { status: latest.status });
  }
  const [decided] = await updateReturning(
    session.db,
    ServicePlan,
    { status: decision.status, clientComment: decision.comment?.trim() || null, decidedAt: () => "now()" },
    rowKey(plan!),
  );
  // The client sending a confirmed plan back returns the case to PLAN_DRAFTED.
  if (!confirming && serviceCase.step === ServiceStep.PLAN_CONFIRMED) {
    await moveCaseOrThrow(session, serviceCase, ServiceStep.PLAN_DRAFTED, "the client asked for plan changes");
  }
  return decided;
}

export async function addCaseTask(session: MemberSession, caseId: string, input: AddCaseTaskInput): Promise<CaseTask> {
  const serviceCase = await caseOpenForOrThrow(session, caseId, "task");
  await assertWorkingMemberOrThrow(session.db, { tenantId: serviceCase.tenantId, userId: input.ownerId, argument: "ownerId" });
  return insertReturning(session.db, CaseTask, {
    ...owned(serviceCase),
    title: input.title.trim(),
    ownerId: input.ownerId.toLowerCase(),
    dueOn: input.dueOn,
    status: TaskStatus.OPEN,
  });
}

export async function updateCaseTaskStatus(session: MemberSession, taskId: string, status: TaskStatus): Promise<CaseTask> {
  const task = await session.loaders.cases.taskById.load(parseIdOrThrow(taskId, "taskId"));
  await recordWithCaseOrThrow(session, task, "Task", "task");
  const [updated] = await updateReturning(
    session.db,
    CaseTask,
    { status, completedAt: status === TaskStatus.DONE ? () => "coalesce(completed_at, now())" : null },
    rowKey(task!),
  );
  return updated;
}

export async function recordServiceDelivery(
  session: MemberSession,
  caseId: string,
  input: RecordServiceDeliveryInput,
): Promise<ServiceRecord> {
  if (input.endedAt && input.endedAt < input.startedAt) throw badUserInput("endedAt is before startedAt", "endedAt");
  const serviceCase = await caseOpenForOrThrow(session, caseId, "serviceRecord");
  return insertReturning(session.db, ServiceRecord, {
    ...owned(serviceCase),
    kind: input.kind,
    startedAt: input.startedAt,
    endedAt: input.endedAt ?? null,
    place: input.place.trim(),
    participants: input.participants.map((name) => name.trim()).filter(Boolean),
    outcome: input.outcome?.trim() || null,
    recordedBy: session.acting.userId,
  });
}

export async function recordMaterialHandover(
  session: MemberSession,
  caseId: string,
  input: RecordMaterialHandoverInput,
): Promise<MaterialHandover> {
  const serviceCase = await caseOpenForOrThrow(session, caseId, "handover");
  return insertReturning(session.db, MaterialHandover, {
    ...owned(serviceCase),
    bodyName: input.bodyName.trim(),
    documents: input.documents.map((document) => document.trim()),
    handedOverAt: input.handedOverAt ?? new Date(),
    recordedBy: session.acting.userId,
  });
}

export async function acknowledgeMaterialHandover(
  session: MemberSession,
  handoverId: string,
  acknowledgedAt: Date = new Date(),
): Promise<MaterialHandover> {
  const handover = await session.loaders.cases.handoverById.load(parseIdOrThrow(handoverId, "handoverId"));
  await recordWithCaseOrThrow(session, handover, "Hand-over", "handover");
  if (handover!.acknowledgedAt) throw conflict("The hand-over is already acknowledged");
  if (acknowledgedAt < handover!.handedOverAt) throw badUserInput("acknowledgedAt is before the hand-over", "acknowledgedAt");
  const [updated] = await updateReturning(session.db, MaterialHandover, { acknowledgedAt }, rowKey(handover!));
  return updated;
}

export async function scheduleCertificationReview(
  session: MemberSession,
  caseId: string,
  input: ScheduleCertificationReviewInput,
): Promise<CertificationReview> {
  const serviceCase = await caseOpenForOrThrow(session, caseId, "certification");
  return insertReturning(session.db, CertificationReview, {
    ...owned(serviceCase),
    bodyName: input.bodyName.trim(),
    scheduledFor: input.scheduledFor,
    status: CertificationStatus.SCHEDULED,
  });
}

export async function recordCertificationResult(
  session: MemberSession,
  reviewId: string,
  input: RecordCertificationResultInput,
): Promise<CertificationReview> {
  const review = await session.loaders.cases.certificationReviewById.load(parseIdOrThrow(reviewId, "reviewId"));
  if (!review && session.acting.tenantKind === TenantKind.PARTNER) {
    // The same answer whether the review exists or not: a partner reads one only through a package addressed to it.
    throw forbidden("A partner records a certification result only while an active evidence package of the case is addressed to it");
  }
  if (!review) throw notFound("Certification review not found");
  if (!(await certifiesCase(session, review))) await recordWithCaseOrThrow(session, review, "Certification review", "certification");
  if (review.status === CertificationStatus.COMPLETED) throw conflict("The certification review already has its result");
  const [updated] = await updateReturning(
    session.db,
    CertificationReview,
    { status: CertificationStatus.COMPLETED, result: input.result, notes: input.notes?.trim() || null, completedAt: () => "now()" },
    rowKey(review, { sql: "status = :scheduled", parameters: { scheduled: CertificationStatus.SCHEDULED } }),
  );
  if (!updated) throw conflict("The certification review already has its result");
  return updated;
}

/**
 * Whether the acting tenant is the certification partner an ACTIVE evidence package of the
 * review's case is addressed to (issue 17): it records the result without reading the case, and
 * only while that package stays active (the certifier policies of certification_reviews).
 */
async function certifiesCase(session: MemberSession, review: CertificationReview): Promise<boolean> {
  if (session.acting.canWrite(review.tenantId)) return false;
  const [{ certifies }] = await query<{ certifies: boolean }>(session.db, sql`SELECT app.certifies_case(${review.tenantId}, ${review.caseId}) AS certifies`);
  return certifies;
}

/** One evaluation per case; each dimension scored at most once. */
export async function evaluateServiceCase(
  session: MemberSession,
  caseId: string,
  input: EvaluateServiceCaseInput,
  settings: ModuleSettings,
): Promise<CaseEvaluation> {
  const dimensions = input.scores.map((score) => score.dimension);
  if (new Set(dimensions).size !== dimensions.length) throw badUserInput("Each dimension may be scored once", "scores");
  const serviceCase = await caseOpenForOrThrow(session, caseId, "evaluation");
  const scores = input.scores.map(({ dimension, score }) => ({ dimension, score }));
  const meanScore = Math.round((scores.reduce((sum, s) => sum + s.score, 0) / scores.length) * 100) / 100;
  const evaluation = await insertReturning(session.db, CaseEvaluation, {
    ...owned(serviceCase),
    scores,
    meanScore,
    clientFeedback: input.clientFeedback?.trim() || null,
    followUpNeeded: input.followUpNeeded,
    evaluatedBy: session.acting.userId,
  });
  for (const hook of caseEvaluatedHooks()) await hook({ session, settings, serviceCase, evaluation });
  return evaluation;
}
