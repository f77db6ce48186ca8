import { isMember } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";

/** Like every type's own query: members read, and what each finds is decided by the type's own reading rules. */
export const nodeRules: RuleTree = {
  Query: { node: isMember },
};
