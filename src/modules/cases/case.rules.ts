import { allow } from "graphql-shield";
import { isMember } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";
import { writesClientWork } from "../crm/crm.rules";

/** Shield opens the door; which case a member may change (assignee or staff) is checked on the locked row. */
const CASE_MUTATIONS = [
  "openServiceCase",
  "advanceServiceCase",
  "recordCaseNeeds",
  "draftServicePlan",
  "confirmServicePlan",
  "requestServicePlanChanges",
  "addCaseTask",
  "updateCaseTaskStatus",
  "recordServiceDelivery",
  "recordMaterialHandover",
  "acknowledgeMaterialHandover",
  "scheduleCertificationReview",
  "recordCertificationResult",
  "evaluateServiceCase",
];

export const caseRules: RuleTree = {
  Query: { serviceCases: isMember, serviceCase: isMember, overdueTasks: isMember },
  Mutation: Object.fromEntries(CASE_MUTATIONS.map((name) => [name, writesClientWork])),
  ServiceCase: allow,
  ServiceCaseConnection: allow,
  ServiceCaseEdge: allow,
  CaseTaskConnection: allow,
  CaseTaskEdge: allow,
  CaseNeeds: allow,
  ServicePlan: allow,
  CaseTask: allow,
  ServiceRecord: allow,
  MaterialHandover: allow,
  CertificationReview: allow,
  DimensionScore: allow,
  CaseEvaluation: allow,
  CaseTransition: allow,
};
