import { type NodeType, loadedBy } from "../nodes/node";
import { FeeSettlement } from "./fee-settlement.entity";

export const feeSettlementNodes: NodeType[] = [loadedBy(FeeSettlement, (session) => session.loaders.feeSettlements.feeSettlementById)];
