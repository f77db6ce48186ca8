import { allow, chain } from "graphql-shield";
import { isMember, writesOwnTenant } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";

export const documentRules: RuleTree = {
  Query: { document: isMember, documents: isMember },
  Mutation: { createUpload: chain(isMember, writesOwnTenant), attachDocument: chain(isMember, writesOwnTenant) },
  Document: allow,
  UploadTicket: allow,
};
