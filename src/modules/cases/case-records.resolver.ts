import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { RequestContext } from "../../context/request-context";
import {
  CaseEvaluation,
  CaseNeeds,
  CaseTask,
  CertificationReview,
  MaterialHandover,
  ServicePlan,
  ServiceRecord,
} from "./case-records.entity";
import {
  acknowledgeMaterialHandover,
  addCaseTask,
  decideServicePlan,
  draftServicePlan,
  evaluateServiceCase,
  recordCaseNeeds,
  recordCertificationResult,
  recordMaterialHandover,
  recordServiceDelivery,
  scheduleCertificationReview,
  updateCaseTaskStatus,
} from "./case-records.service";
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
import { PlanStatus, TaskStatus } from "./service-step";

/** Who may write a case's records, as the service checks them on the locked case. */
const CASE_WRITERS = "staff or above of the case's centre, or its assigned consultant (not auditors)";

/** The records of each step; each mutation checks the case's step, owner and lock. */
@Resolver()
export class CaseRecordsResolver {
  @Mutation(() => CaseNeeds, { description: `Step 1: needs taken by phone, online form or visit, while INTAKE or PROFILED; ${CASE_WRITERS}` })
  async recordCaseNeeds(
    @Arg("caseId", () => ID, { description: "The case's id" }) caseId: string,
    @Arg("input", { description: "The needs and how they came in" }) input: RecordCaseNeedsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CaseNeeds> {
    return recordCaseNeeds(await ctx.memberSession(), caseId, input);
  }

  @Mutation(() => ServicePlan, { description: `Steps 2–3: a new version of the personalised plan, while PROFILED or PLAN_DRAFTED; ${CASE_WRITERS}` })
  async draftServicePlan(
    @Arg("caseId", () => ID, { description: "The case's id" }) caseId: string,
    @Arg("input", { description: "The plan's content, schedule and expected results" }) input: DraftServicePlanInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ServicePlan> {
    return draftServicePlan(await ctx.memberSession(), caseId, input);
  }

  @Mutation(() => ServicePlan, { description: `Records that the client confirmed the latest plan version, while PLAN_DRAFTED or PLAN_CONFIRMED; ${CASE_WRITERS}` })
  async confirmServicePlan(
    @Arg("planId", () => ID, { description: "The latest plan version's id" }) planId: string,
    @Arg("comment", () => String, { nullable: true, description: "What the client said" }) comment: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<ServicePlan> {
    return decideServicePlan(await ctx.memberSession(), planId, { status: PlanStatus.CONFIRMED, comment: comment ?? undefined });
  }

  @Mutation(() => ServicePlan, {
    description: `Records that the client sent the latest plan version back; a case at PLAN_CONFIRMED returns to PLAN_DRAFTED; ${CASE_WRITERS}`,
  })
  async requestServicePlanChanges(
    @Arg("planId", () => ID, { description: "The latest plan version's id" }) planId: string,
    @Arg("comment", { description: "What the client wants changed" }) comment: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ServicePlan> {
    return decideServicePlan(await ctx.memberSession(), planId, { status: PlanStatus.CHANGES_REQUESTED, comment });
  }

  @Mutation(() => CaseTask, { description: `Step 5: a task of the execution plan, from PLAN_CONFIRMED to CERTIFICATION; ${CASE_WRITERS}` })
  async addCaseTask(
    @Arg("caseId", () => ID, { description: "The case's id" }) caseId: string,
    @Arg("input", { description: "The task, its owner and due date" }) input: AddCaseTaskInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CaseTask> {
    return addCaseTask(await ctx.memberSession(), caseId, input);
  }

  @Mutation(() => CaseTask, {
    description: `Sets a task's status (DONE stamps completedAt), from PLAN_CONFIRMED to CERTIFICATION; ${CASE_WRITERS}`,
  })
  async updateCaseTaskStatus(
    @Arg("taskId", () => ID, { description: "The task's id" }) taskId: string,
    @Arg("status", () => TaskStatus, { description: "The task's new status" }) status: TaskStatus,
    @Ctx() ctx: RequestContext,
  ): Promise<CaseTask> {
    return updateCaseTaskStatus(await ctx.memberSession(), taskId, status);
  }

  @Mutation(() => ServiceRecord, {
    description: `Step 6: a training, consulting or certification session delivered, while EXECUTION_PLANNED or IN_SERVICE; ${CASE_WRITERS}`,
  })
  async recordServiceDelivery(
    @Arg("caseId", () => ID, { description: "The case's id" }) caseId: string,
    @Arg("input", { description: "The session delivered" }) input: RecordServiceDeliveryInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ServiceRecord> {
    return recordServiceDelivery(await ctx.memberSession(), caseId, input);
  }

  @Mutation(() => MaterialHandover, {
    description: `Step 7: materials handed to a third-party due-diligence body, while IN_SERVICE or MATERIALS_TRANSFERRED; ${CASE_WRITERS}`,
  })
  async recordMaterialHandover(
    @Arg("caseId", () => ID, { description: "The case's id" }) caseId: string,
    @Arg("input", { description: "The body and the documents handed over" }) input: RecordMaterialHandoverInput,
    @Ctx() ctx: RequestContext,
  ): Promise<MaterialHandover> {
    return recordMaterialHandover(await ctx.memberSession(), caseId, input);
  }

  @Mutation(() => MaterialHandover, {
    description: `The due-diligence body's receipt of a hand-over (once), while IN_SERVICE or MATERIALS_TRANSFERRED; ${CASE_WRITERS}`,
  })
  async acknowledgeMaterialHandover(
    @Arg("handoverId", () => ID, { description: "The hand-over's id" }) handoverId: string,
    @Arg("acknowledgedAt", () => Date, { nullable: true, description: "When the body acknowledged receipt; defaults to now, never before the hand-over" })
    acknowledgedAt: Date | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<MaterialHandover> {
    return acknowledgeMaterialHandover(await ctx.memberSession(), handoverId, acknowledgedAt ?? undefined);
  }

  @Mutation(() => CertificationReview, { description: `Step 8: schedules a certification review, while MATERIALS_TRANSFERRED or CERTIFICATION; ${CASE_WRITERS}` })
  async scheduleCertificationReview(
    @Arg("caseId", () => ID, { description: "The case's id" }) caseId: string,
    @Arg("input", { description: "The certification body and the date" }) input: ScheduleCertificationReviewInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CertificationReview> {
    return scheduleCertificationReview(await ctx.memberSession(), caseId, input);
  }

  @Mutation(() => CertificationReview, {
    description: `Step 8: the result of a scheduled review (once), while MATERIALS_TRANSFERRED or CERTIFICATION; ${CASE_WRITERS}`,
  })
  async recordCertificationResult(
    @Arg("reviewId", () => ID, { description: "The certification review's id" }) reviewId: string,
    @Arg("input", { description: "The result and its notes" }) input: RecordCertificationResultInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CertificationReview> {
    return recordCertificationResult(await ctx.memberSession(), reviewId, input);
  }

  @Mutation(() => CaseEvaluation, { description: `Step 9: the client's quality evaluation (one per case), while CERTIFICATION; ${CASE_WRITERS}` })
  async evaluateServiceCase(
    @Arg("caseId", () => ID, { description: "The case's id" }) caseId: string,
    @Arg("input", { description: "The client's scores and feedback" }) input: EvaluateServiceCaseInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CaseEvaluation> {
    return evaluateServiceCase(await ctx.memberSession(), caseId, input, ctx.settings);
  }
}
