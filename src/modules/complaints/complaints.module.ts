import type { ModuleDescriptor } from "../../shared/module-descriptor";
import { complaintNodes } from "./complaint.nodes";
import { createComplaintLoaders } from "./complaint.loaders";
import { complaintRules } from "./complaint.rules";
import { ComplaintEventResolver, ComplaintResolver } from "./complaint.resolver";
import { Complaint, ComplaintEvent } from "./complaint.entity";
import { COMPLAINT_SETTINGS } from "./complaint-settings";

/** Complaints and disputes between providers and their centre (seed 003 §7). */
export const complaintsModule: ModuleDescriptor = {
  name: "complaints",
  entities: [Complaint, ComplaintEvent],
  resolvers: [ComplaintEventResolver, ComplaintResolver],
  rules: complaintRules,
  loaders: { complaints: createComplaintLoaders },
  settings: COMPLAINT_SETTINGS,
  nodeTypes: complaintNodes,
};
