import type { and } from "graphql-shield";

export type ShieldRule = Parameters<typeof and>[number];

/** A module's rules: a rule for a whole type, or one rule per field. */
export type RuleTree = Record<string, ShieldRule | Record<string, ShieldRule>>;
