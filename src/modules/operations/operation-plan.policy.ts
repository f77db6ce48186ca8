import { Department } from "../../context/roles";
import { rowKey, updateReturning } from "../../db/rows/entity-rows";
import { forbidden } from "../../shared/errors";
import { ApprovalOutcome, ApprovalPolicy } from "../approvals/approval-policies";
import { OperationProject, PlanReview } from "./operation-project.entity";

export const OPERATION_PLAN_SUBJECT = "OPERATION_PLAN";
export const OPERATION_PLAN_LEVEL = 3;

/** The departments whose heads review an operations plan (seed 004 §3(二)3: 托管运营部门 and management). */
const PLAN_REVIEW_DEPARTMENTS: readonly Department[] = [Department.OPERATIONS, Department.MANAGEMENT];

/**
 * Seed 004 §3(二)3, 组织内部评审: the plan is reviewed inside the project's own tenant, by a
 * department head (or above) of OPERATIONS or MANAGEMENT; it never escalates to the parent.
 * The engine's steps name a tenant and a level only, so the department is checked here, inside
 * the deciding transaction: a decision by another department is refused and rolled back.
 */
export const OPERATION_PLAN_APPROVAL_POLICY: ApprovalPolicy = {
  subjectType: OPERATION_PLAN_SUBJECT,
  chain: () => [{ tenant: "OWN", minAuthorityLevel: OPERATION_PLAN_LEVEL }],
  escalationLevel: () => null,
  escalatesOnSla: false,
  async onDecided({ db, acting, request, result }: ApprovalOutcome) {
    if (acting && result !== "WITHDRAWN" && !PLAN_REVIEW_DEPARTMENTS.includes(acting.department)) {
      throw forbidden("An operations plan is reviewed by a department head of OPERATIONS or MANAGEMENT");
    }
    const review = result === "APPROVED" ? PlanReview.APPROVED : result === "REJECTED" ? PlanReview.REJECTED : null;
    await updateReturning(db, OperationProject, { planReview: review }, rowKey({ tenantId: request.tenantId, id: request.subjectId }));
  },
};
