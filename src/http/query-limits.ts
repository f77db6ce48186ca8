import { ApolloArmor } from "@escape.tech/graphql-armor";

/**
 * Refusals that happen while the document is validated, before any SQL: depth, aliases,
 * directives, tokens and cost, tuned to this schema. Cost counts 2 per object and 1 per scalar,
 * ×1.5 per nesting level, × a literal `first`: a case dossier costs about 100, a full 100-row
 * approval inbox about 7,500, so 20,000 leaves room for real screens and none for fan-out abuse.
 */
/** Documents longer than this are refused while they are parsed (GRAPHQL_PARSE_FAILED). */
export const MAX_TOKENS = 2000;

export function queryLimits() {
  return new ApolloArmor({
    maxDepth: { n: 10 },
    maxAliases: { n: 15 },
    maxDirectives: { n: 10 },
    // graphql-js enforces the token limit while parsing (see MAX_TOKENS); armor's own re-parse would
    // turn every syntax error into a 500.
    maxTokens: { enabled: false },
    costLimit: { maxCost: 20000, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5, ignoreIntrospection: true },
    // Suggestions are hidden by graphql-js itself in production (graphql-server); armor's mask
    // covers field names only.
    blockFieldSuggestion: { enabled: false },
  }).protect();
}
