import { allow, chain, or } from "graphql-shield";
import { isMember, writesOwnTenant } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";
import { writesClientWork } from "../crm/crm.rules";
import { actsForPartner } from "../partners/partner.rules";

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
  "evaluateServiceCase",
];

/** The centre records a certification result, and so does the certification partner an active evidence package of the case is addressed to (checked on the row). */
const recordsCertificationResult = or(writesClientWork, chain(isMember, writesOwnTenant, actsForPartner));

export const caseRules: RuleTree = {
  Query: { serviceCases: isMember, serviceCase: isMember, overdueTasks: isMember },
  Mutation: { ...Object.fromEntries(CASE_MUTATIONS.map((name) => [name, writesClientWork])), recordCertificationResult: recordsCertificationResult },
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
