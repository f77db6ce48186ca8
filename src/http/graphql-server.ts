import { ApolloServer, ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import type { GraphQLSchema } from "graphql";
import type { RequestContext } from "../context/request-context";
import { formatError } from "../shared/format-error";
import { compiledExecution } from "./compiled-execution";
import { landingPagePlugin } from "./landing-page";
import { PERSISTED_QUERY_TTL_SECONDS } from "./persisted-queries";
import { MAX_TOKENS, queryLimits } from "./query-limits";
import { requestLifecyclePlugin } from "./request-lifecycle";

export function createGraphQLServer(
  schema: GraphQLSchema,
  options: { production: boolean; persistedQueries: KeyValueCache; extraPlugins?: ApolloServerPlugin<RequestContext>[] },
): ApolloServer<RequestContext> {
  const limits = queryLimits();
  // graphql-js's own switch: no "Did you mean …" (fields, arguments, types, enum values, input
  // fields) in validation or in variable coercion, so production answers do not map the schema.
  const hideSuggestions = options.production;
  return new ApolloServer<RequestContext>({
    gateway: compiledExecution(schema, { hideSuggestions }),
    formatError,
    // No cache-control hints are used; Apollo's default cache-control plugin would otherwise
    // wrap every field of every row in a willResolveField hook.
    plugins: [ApolloServerPluginCacheControlDisabled(), landingPagePlugin(options.production), ...limits.plugins, ...(options.extraPlugins ?? []), requestLifecyclePlugin],
    validationRules: limits.validationRules,
    validationOptions: { hideSuggestions },
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: MAX_TOKENS },
    // Automatic persisted queries: a mobile client sends the hash, short enough for a GET. Answers
    // still depend on the caller, so no shared cache keeps them (http-server).
    persistedQueries: { cache: options.persistedQueries, ttl: PERSISTED_QUERY_TTL_SECONDS },
    introspection: !options.production,
    includeStacktraceInErrorResponses: false,
    // Apollo's CSRF prevention: a request a browser would send cross-site without a CORS preflight
    // (GET, or a POST of a form or text type) runs only with `apollo-require-preflight` or
    // `x-apollo-operation-name`, or a GET with `content-type: application/json` (Apollo Client's
    // default). Tokens are not cookies, but this also keeps a forged request from running at all.
    csrfPrevention: true,
    // src/main.ts owns shutdown. Apollo's own SIGTERM handler would stop it concurrently, and then
    // our stop() waits forever on Apollo's stop barrier, which it never resolves on success.
    stopOnTerminationSignals: false,
  });
}
