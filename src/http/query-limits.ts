import { ApolloArmor } from "@escape.tech/graphql-armor";
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  TypeInfo,
  getOperationAST,
  getVariableValues,
  parse,
  specifiedRules,
  validate,
  visit,
  visitWithTypeInfo,
} from "graphql";
import { OperationCost, operationCost } from "./query-cost";

/**
 * Refusals that happen before execution, so before any SQL: depth, aliases, directives and
 * tokens while the document is validated; cost, text with NUL characters and repeated password
 * checks once the operation and its variables are known. Cost (see query-cost.ts) is tuned to
 * this schema: a case dossier costs about 100, a full 100-row approval inbox about 7,500, so
 * 20,000 leaves room for real screens and none for fan-out abuse.
 */
export const MAX_COST = 20000;

/** Documents longer than this are refused while they are parsed (GRAPHQL_PARSE_FAILED). */
export const MAX_TOKENS = 2000;

/**
 * Mutations a document may hold once, aliases and fragments included: each verifies a password
 * (argon2), so repeating them would multiply that work for one request and one rate-limit point.
 */
const ONCE_PER_DOCUMENT = new Set(["login"]);

export function queryLimits() {
  return new ApolloArmor({
    maxDepth: { n: 10 },
    maxAliases: { n: 15 },
    maxDirectives: { n: 10 },
    // graphql-js enforces the token limit while parsing (see MAX_TOKENS); armor's own re-parse would
    // turn every syntax error into a 500.
    maxTokens: { enabled: false },
    // Armor's cost rule runs at validation, which Apollo caches per document, so it cannot see
    // variables: refuseBeyondOperationLimits checks the cost instead.
    costLimit: { enabled: false },
    // Suggestions are hidden by graphql-js itself in production (graphql-server); armor's mask
    // covers field names only.
    blockFieldSuggestion: { enabled: false },
  }).protect();
}

/** The depth, alias and directive rules Apollo validates HTTP documents with (graphql-server.ts), made once for the socket. */
let socketRules: ReturnType<typeof queryLimits>["validationRules"] | undefined;

/**
 * Every limit HTTP applies, for a document that does not go through Apollo (a graphql-ws
 * subscription): parsed with the token limit, validated with graphql-js's rules and the same
 * depth, alias and directive rules, then refuseBeyondOperationLimits. Answers the document and its
 * operation, or the refusals with the codes HTTP answers them with.
 */
export function checkOperation({ schema, query, operationName, variables, hideSuggestions }: {
  schema: GraphQLSchema;
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  /** No "Did you mean …" in validation errors (as HTTP in production). */
  hideSuggestions: boolean;
}): { document: DocumentNode; operation: OperationDefinitionNode } | { errors: GraphQLError[] } {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: MAX_TOKENS });
  } catch (error) {
    return { errors: [coded(error as GraphQLError, "GRAPHQL_PARSE_FAILED")] };
  }
  socketRules ??= queryLimits().validationRules;
  const invalid = validate(schema, document, [...specifiedRules, ...socketRules], { hideSuggestions });
  if (invalid.length > 0) return { errors: invalid.map((error) => coded(error, "GRAPHQL_VALIDATION_FAILED")) };
  const operation = getOperationAST(document, operationName ?? undefined) ?? undefined;
  if (!operation) return { errors: [unknownOperation(operationName ?? undefined)] };
  try {
    refuseBeyondOperationLimits({ document, operation, schema, request: { variables: variables ?? undefined } });
  } catch (error) {
    if (error instanceof GraphQLError) return { errors: [error] };
    throw error;
  }
  return { document, operation };
}

/**
 * A document without the operation the request names (or naming none among several): the client's
 * error, in the words graphql-js uses, under Apollo's code for it.
 */
export function unknownOperation(operationName: string | undefined): GraphQLError {
  const message = operationName !== undefined ? `Unknown operation named "${operationName}".` : "Must provide operation name if query contains multiple operations.";
  return refusal(message, "OPERATION_RESOLUTION_FAILURE");
}

function coded(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { code } });
}

/** What a document holds whatever its variables, worked out once per parsed document. */
interface DocumentFacts {
  fragments: Map<string, FragmentDefinitionNode>;
  nulInLiteral: boolean;
  repeatedOnceFields: string[];
  costs: WeakMap<OperationDefinitionNode, OperationCost>;
}

// Apollo's document store hands back the same DocumentNode for the same query text.
const documents = new WeakMap<DocumentNode, DocumentFacts>();

/**
 * The limits that need the operation and its variables, checked once the operation is resolved and
 * before anything else of the request may run SQL (the request lifecycle calls it first): text
 * with NUL characters, a repeated password check, and cost. Each refusal is HTTP 400.
 */
export function refuseBeyondOperationLimits({ document, operation, schema, request }: {
  document: DocumentNode;
  operation?: OperationDefinitionNode;
  schema: GraphQLSchema;
  request: { variables?: Record<string, unknown> };
}): void {
  let facts = documents.get(document);
  if (!facts) documents.set(document, (facts = documentFacts(document, schema)));
  if (facts.nulInLiteral || holdsNul(request.variables)) {
    throw refusal("Text must not contain the NUL character (U+0000)", "BAD_USER_INPUT");
  }
  if (facts.repeatedOnceFields.length > 0) {
    throw refusal(`${facts.repeatedOnceFields.join(", ")} may appear only once in a document`, "BAD_USER_INPUT");
  }
  if (!operation) return;
  let known = facts.costs.get(operation);
  if (!known) facts.costs.set(operation, (known = operationCost(schema, facts.fragments, operation, undefined)));
  const cost = known.readsVariables ? operationCost(schema, facts.fragments, operation, coercedVariables(schema, operation, request.variables)).cost : known.cost;
  if (cost > MAX_COST) throw refusal(`Query cost limit of ${MAX_COST} exceeded, found ${Math.round(cost)}.`, "GRAPHQL_VALIDATION_FAILED");
}

function documentFacts(document: DocumentNode, schema: GraphQLSchema): DocumentFacts {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const onceFields = new Map<string, number>();
  const mutationType = schema.getMutationType();
  const typeInfo = new TypeInfo(schema);
  let nulInLiteral = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      FragmentDefinition(node) {
        fragments.set(node.name.value, node);
      },
      StringValue(node) {
        if (node.value.includes("\u0000")) nulInLiteral = true;
      },
      Field(node) {
        const name = node.name.value;
        if (ONCE_PER_DOCUMENT.has(name) && mutationType && typeInfo.getParentType() === mutationType) onceFields.set(name, (onceFields.get(name) ?? 0) + 1);
      },
    }),
  );
  const repeatedOnceFields = [...onceFields].filter(([, count]) => count > 1).map(([name]) => name);
  return { fragments, nulInLiteral, repeatedOnceFields, costs: new WeakMap() };
}

/** The variables as execution will see them, or undefined when they do not coerce (execution then refuses them). */
function coercedVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined) {
  const result = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  return result.errors ? undefined : result.coerced;
}

/** PostgreSQL text cannot hold U+0000: refused here, before it reaches a statement, in any variable at any depth. */
function holdsNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value && typeof value === "object") return Object.entries(value).some(([key, item]) => key.includes("\u0000") || holdsNul(item));
  return false;
}

function refusal(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}
