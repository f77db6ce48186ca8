import { allow } from "graphql-shield";
import { isMember } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";
import { writesClientWork } from "../crm/crm.rules";

/** Shield opens the door to the client's centre; which request or revisit a consultant may change is checked on the locked row. */
const MUTATIONS = [
  "raiseServiceRequest",
  "startServiceRequest",
  "resolveServiceRequest",
  "closeServiceRequest",
  "reopenServiceRequest",
  "rateServiceRequest",
  "reassignServiceRequest",
  "scheduleRevisit",
  "recordRevisit",
];

export const serviceDeskRules: RuleTree = {
  Query: { serviceRequests: isMember, serviceRequest: isMember, revisits: isMember, overdueRevisits: isMember },
  Mutation: Object.fromEntries(MUTATIONS.map((name) => [name, writesClientWork])),
  ServiceRequest: allow,
  ServiceRequestConnection: allow,
  ServiceRequestEdge: allow,
  ServiceRequestTransition: allow,
  Revisit: allow,
  RevisitConnection: allow,
  RevisitEdge: allow,
};
