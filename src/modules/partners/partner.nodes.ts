import type { NodeType } from "../nodes/node";
import { PartnerQualification } from "./partner-qualification.entity";

/**
 * Not the Partner card itself: its id is its tenant's, and one id names one node, the Tenant
 * (Relay's store keys records by id alone).
 */
export const partnerNodes: NodeType[] = [{ type: PartnerQualification }];
