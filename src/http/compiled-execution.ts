import type { ApolloServerOptionsWithGateway } from "@apollo/server";
import { type DocumentNode, GraphQLError, type GraphQLSchema, getVariableValues, printSchema } from "graphql";
import { type CompiledQuery, compileQuery, isCompiledQuery } from "graphql-jit";
import type { RequestContext } from "../context/request-context";

type Gateway = ApolloServerOptionsWithGateway<RequestContext>["gateway"];

/**
 * Executes operations with graphql-jit: each validated document is compiled once into a function
 * that walks its selection directly, instead of graphql-js interpreting the selection for every
 * field of every row (on a 1,000-row list that interpretation was a quarter of the CPU). Apollo
 * still parses, validates, caches documents and runs the plugins; the `gateway` option is Apollo
 * Server's way to hand execution to another executor, nothing is federated.
 */
export function compiledExecution(schema: GraphQLSchema, options: { hideSuggestions: boolean }): Gateway {
  // Apollo's document store hands back the same DocumentNode for the same query text.
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery>>();
  const compiledOrErrors = (document: DocumentNode, operationName: string | null) => {
    let byOperation = compiled.get(document);
    if (!byOperation) compiled.set(document, (byOperation = new Map()));
    const known = byOperation.get(operationName ?? "");
    if (known) return known;
    const result = compileQuery(schema, document, operationName ?? undefined);
    if (isCompiledQuery(result)) byOperation.set(operationName ?? "", result);
    return result;
  };
  return {
    async load() {
      return {
        async executor({ document, operation, operationName, request, context }) {
          // Variables are coerced by graphql-js: its errors name the variable's definition, which is
          // how Apollo tells bad input (BAD_USER_INPUT, HTTP 400) from a fault, and it fills in
          // input fields' defaults, which graphql-jit's own coercion misses for non-null fields.
          const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, options);
          if (variables.errors) return { errors: variables.errors };
          const query = compiledOrErrors(document, operationName);
          const result = isCompiledQuery(query) ? await query.query(undefined, context, variables.coerced) : query;
          return result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
        },
      };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async stop() {},
  };
}

/**
 * graphql-jit reports errors with an error class of its own; Apollo, and our error formatting
 * after it, find a resolver's error (and its code) under graphql-js's GraphQLError.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const converted = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? undefined, extensions: error.extensions });
  return Object.assign(converted, { locations: error.locations });
}
