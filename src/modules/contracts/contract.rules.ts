import { allow, chain } from "graphql-shield";
import { isMember, writesOwnTenant } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";

/** Shield states intent (members read, writers write); which side acts is checked by the service and the row guards. */
const writes = chain(isMember, writesOwnTenant);

export const contractRules: RuleTree = {
  Query: { partnerContracts: isMember, partnerContract: isMember },
  Mutation: Object.fromEntries(
    [
      "createPartnerContract",
      "updateContractDraft",
      "consentToContractVersion",
      "declineContractVersion",
      "submitContractForLegalReview",
      "proposeContractAmendment",
      "terminateContract",
    ].map((name) => [name, writes]),
  ),
  PartnerContract: allow,
  PartnerContractConnection: allow,
  PartnerContractEdge: allow,
  ContractVersion: allow,
};
