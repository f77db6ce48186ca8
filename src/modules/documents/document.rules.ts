import { allow, chain } from "graphql-shield";
import { isMember, writesOwnTenant } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";

export const documentRules: RuleTree = {
  Query: { document: isMember },
  Mutation: { createUpload: chain(isMember, writesOwnTenant) },
  Document: allow,
  UploadTicket: allow,
};
