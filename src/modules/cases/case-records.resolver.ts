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

/** The records of each step; each mutation checks the case's step, owner and lock. */
@Resolver()
export class CaseRecordsResolver {
  @Mutation(() => CaseNeeds, { description: "Step 1: needs taken by phone, online form or visit" })
  async recordCaseNeeds(
    @Arg("caseId", () => ID) caseId: string,
    @Arg("input") input: RecordCaseNeedsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CaseNeeds> {
    return recordCaseNeeds(await ctx.memberSession(), caseId, input);
  }

  @Mutation(() => ServicePlan, { description: "Steps 2–3: a new version of the personalised plan" })
  async draftServicePlan(
    @Arg("caseId", () => ID) caseId: string,
    @Arg("input") input: DraftServicePlanInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ServicePlan> {
    return draftServicePlan(await ctx.memberSession(), caseId, input);
  }

  @Mutation(() => ServicePlan, { description: "The client confirms the latest plan version" })
  async confirmServicePlan(
    @Arg("planId", () => ID) planId: string,
    @Arg("comment", () => String, { nullable: true }) comment: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<ServicePlan> {
    return decideServicePlan(await ctx.memberSession(), planId, { status: PlanStatus.CONFIRMED, comment: comment ?? undefined });
  }

  @Mutation(() => ServicePlan, {
    description: "The client sends the latest plan version back; a case at PLAN_CONFIRMED returns to PLAN_DRAFTED",
  })
  async requestServicePlanChanges(
    @Arg("planId", () => ID) planId: string,
    @Arg("comment") comment: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ServicePlan> {
    return decideServicePlan(await ctx.memberSession(), planId, { status: PlanStatus.CHANGES_REQUESTED, comment });
  }

  @Mutation(() => CaseTask, { description: "Step 5: a task of the execution plan" })
  async addCaseTask(
    @Arg("caseId", () => ID) caseId: string,
    @Arg("input") input: AddCaseTaskInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CaseTask> {
    return addCaseTask(await ctx.memberSession(), caseId, input);
  }

  @Mutation(() => CaseTask)
  async updateCaseTaskStatus(
    @Arg("taskId", () => ID) taskId: string,
    @Arg("status", () => TaskStatus) status: TaskStatus,
    @Ctx() ctx: RequestContext,
  ): Promise<CaseTask> {
    return updateCaseTaskStatus(await ctx.memberSession(), taskId, status);
  }

  @Mutation(() => ServiceRecord, { description: "Step 6: a training, consulting or certification session delivered" })
  async recordServiceDelivery(
    @Arg("caseId", () => ID) caseId: string,
    @Arg("input") input: RecordServiceDeliveryInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ServiceRecord> {
    return recordServiceDelivery(await ctx.memberSession(), caseId, input);
  }

  @Mutation(() => MaterialHandover, { description: "Step 7: materials handed to a third-party due-diligence body" })
  async recordMaterialHandover(
    @Arg("caseId", () => ID) caseId: string,
    @Arg("input") input: RecordMaterialHandoverInput,
    @Ctx() ctx: RequestContext,
  ): Promise<MaterialHandover> {
    return recordMaterialHandover(await ctx.memberSession(), caseId, input);
  }

  @Mutation(() => MaterialHandover)
  async acknowledgeMaterialHandover(
    @Arg("handoverId", () => ID) handoverId: string,
    @Arg("acknowledgedAt", () => Date, { nullable: true }) acknowledgedAt: Date | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<MaterialHandover> {
    return acknowledgeMaterialHandover(await ctx.memberSession(), handoverId, acknowledgedAt ?? undefined);
  }

  @Mutation(() => CertificationReview, { description: "Step 8: schedules the certification review" })
  async scheduleCertificationReview(
    @Arg("caseId", () => ID) caseId: string,
    @Arg("input") input: ScheduleCertificationReviewInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CertificationReview> {
    return scheduleCertificationReview(await ctx.memberSession(), caseId, input);
  }

  @Mutation(() => CertificationReview)
  async recordCertificationResult(
    @Arg("reviewId", () => ID) reviewId: string,
    @Arg("input") input: RecordCertificationResultInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CertificationReview> {
    return recordCertificationResult(await ctx.memberSession(), reviewId, input);
  }

  @Mutation(() => CaseEvaluation, { description: "Step 9: the client's quality evaluation (one per case)" })
  async evaluateServiceCase(
    @Arg("caseId", () => ID) caseId: string,
    @Arg("input") input: EvaluateServiceCaseInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CaseEvaluation> {
    return evaluateServiceCase(await ctx.memberSession(), caseId, input);
  }
}
