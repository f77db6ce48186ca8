import { allow, chain } from "graphql-shield";
import { hasAuthority2, isMember, writesOwnTenant } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";

/** Any member reads a visible tenant's calendar; its president or deputy sets it. */
export const calendarsRules: RuleTree = {
  Query: { workingCalendar: isMember },
  Mutation: { setWorkingCalendar: chain(isMember, writesOwnTenant, hasAuthority2) },
  WorkingCalendarDay: allow,
};
