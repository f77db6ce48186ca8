import { type NodeType, loadedBy } from "../nodes/node";
import { ContractVersion, PartnerContract } from "./contract.entity";

export const contractNodes: NodeType[] = [
  loadedBy(PartnerContract, (session) => session.loaders.contracts.partnerContractById),
  loadedBy(ContractVersion, (session) => session.loaders.contracts.contractVersionById),
];
