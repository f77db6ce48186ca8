import { allow, chain } from "graphql-shield";
import { isMember, writesOwnTenant } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";

export const documentRules: RuleTree = {
  Query: { document: isMember, documents: isMember, evidencePackages: isMember },
  Mutation: {
    createUpload: chain(isMember, writesOwnTenant),
    attachDocument: chain(isMember, writesOwnTenant),
    // Which case's documents a member shares (its consultant, or staff of its centre) is checked on the case.
    createEvidencePackage: chain(isMember, writesOwnTenant),
    revokeEvidencePackage: chain(isMember, writesOwnTenant),
  },
  Document: allow,
  UploadTicket: allow,
  EvidencePackage: allow,
  EvidencePackageAccess: allow,
  EvidencePackageConnection: allow,
  EvidencePackageEdge: allow,
  CreatedEvidencePackage: allow,
};
