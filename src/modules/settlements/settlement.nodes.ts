import { type NodeType, loadedBy } from "../nodes/node";
import { InterCentreSettlement, SettlementLineItem } from "./settlement.entity";

export const settlementNodes: NodeType[] = [
  loadedBy(InterCentreSettlement, (session) => session.loaders.settlements.interCentreSettlementById),
  { type: SettlementLineItem },
];
