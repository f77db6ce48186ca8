import DataLoader from "dataloader";
import type { EntityManager } from "typeorm";
import type { ActingContext } from "../../context/acting-context";
import { alignByKey, groupByKey } from "../../shared/batch";
import { ApprovalRequest, ApprovalStep } from "./approval-request.entity";

/** Approval rows are read in the visible tenants and, for deciding, in the direct children. */
export function createApprovalLoaders(db: EntityManager, acting: ActingContext) {
  const readable = "(r.tenant_id = ANY(:visible) OR r.parent_tenant_id = :acting)";
  const scope = { visible: acting.visibleTenantIds, acting: acting.tenantId };
  return {
    approvalRequestById: new DataLoader<string, ApprovalRequest | null>(async (ids) =>
      alignByKey(
        ids,
        await db.getRepository(ApprovalRequest).createQueryBuilder("r").where(readable, scope).andWhere("r.id = ANY(:ids)", { ids }).getMany(),
        (request) => request.id,
      ),
    ),
    approvalStepsByRequestId: new DataLoader<string, ApprovalStep[]>(async (requestIds) =>
      groupByKey(
        requestIds,
        await db
          .getRepository(ApprovalStep)
          .createQueryBuilder("r")
          .where(readable, scope)
          .andWhere("r.request_id = ANY(:requestIds)", { requestIds })
          .orderBy("r.position")
          .getMany(),
        (step) => step.requestId,
      ),
    ),
  };
}
