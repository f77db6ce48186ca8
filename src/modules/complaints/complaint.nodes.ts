import { type NodeType, loadedBy } from "../nodes/node";
import { Complaint, ComplaintEvent } from "./complaint.entity";

export const complaintNodes: NodeType[] = [loadedBy(Complaint, (session) => session.loaders.complaints.complaintById), { type: ComplaintEvent }];
