import { allow, chain } from "graphql-shield";
import { isMember, writesOwnTenant } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";

const writes = chain(isMember, writesOwnTenant);

export const complaintRules: RuleTree = {
  Query: { complaints: isMember, complaint: isMember },
  Mutation: Object.fromEntries(
    ["openComplaint", "addComplaintEvidence", "advanceComplaint", "resolveComplaint", "rateComplaintHandling", "assignComplaintHandler", "recordComplaintFollowUp", "reopenComplaint"].map((name) => [name, writes]),
  ),
  Complaint: allow,
  ComplaintConnection: allow,
  ComplaintEdge: allow,
  ComplaintEvent: allow,
};
