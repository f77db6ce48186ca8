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
  const limits = queryLimits(options);
  return new ApolloServer<RequestContext>({
    gateway: compiledExecution(schema),
    formatError,
    // No cache-control hints are used; Apollo's default cache-control plugin would otherwise
    // wrap every field of every row in a willResolveField hook.
    plugins: [ApolloServerPluginCacheControlDisabled(), landingPagePlugin(options.production), ...limits.plugins, ...(options.extraPlugins ?? []), requestLifecyclePlugin],
    validationRules: limits.validationRules,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: MAX_TOKENS },
    // Automatic persisted queries: a mobile client sends the hash, and GET requests with it can be cached by a CDN.
    persistedQueries: { cache: options.persistedQueries, ttl: PERSISTED_QUERY_TTL_SECONDS },
    introspection: !options.production,
    includeStacktraceInErrorResponses: false,
    // Credentials travel only in the Authorization header, never in cookies, so a cross-site
    // request cannot act for anyone; GET queries (DESIGN §7) stay usable without extra headers.
    csrfPrevention: false,
    // src/main.ts owns shutdown. Apollo's own SIGTERM handler would stop it concurrently, and then
    // our stop() waits forever on Apollo's stop barrier, which it never resolves on success.
    stopOnTerminationSignals: false,
  });
}
