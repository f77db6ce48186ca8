import { ApolloServer, ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { unwrapResolverError } from "@apollo/server/errors";
import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import type { GraphQLSchema } from "graphql";
import type { RequestContext } from "../context/request-context";
import { describeForClient, formatError, httpStatusOf } from "../shared/format-error";
import { compiledExecution } from "./compiled-execution";
import { storeIdempotentResponse } from "./idempotency";
import { PERSISTED_QUERY_TTL_SECONDS } from "./persisted-queries";
import { MAX_TOKENS, queryLimits } from "./query-limits";

/**
 * Ends the request's transaction once the response is ready and before it is sent: commit
 * when it carries no error, roll back otherwise, so a request never leaves half its writes.
 * Also logs one line per request, and every fault with its request id.
 */
const requestLifecycle: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    const started = performance.now();
    return {
      async didResolveOperation({ operation, contextValue }) {
        if (!operation) return;
        const fields = operation.selectionSet.selections.map((s) => (s.kind === "Field" ? s.name.value : "…"));
        await contextValue.noteOperation(`${operation.operation} ${fields.join(",")}`);
      },
      async didEncounterErrors({ errors, contextValue }) {
        for (const error of errors) {
          if (!describeForClient(error)) contextValue.log.error({ err: unwrapResolverError(error) }, "unexpected error");
        }
      },
      async willSendResponse({ response, contextValue, operationName }) {
        const result = response.body.kind === "single" ? response.body.singleResult : undefined;
        const failed = (result?.errors?.length ?? 0) > 0 || contextValue.abandoned();
        try {
          if (!failed && result && contextValue.trace.idempotency) await storeIdempotentResponse(contextValue, result);
          await contextValue.finish(failed ? "rollback" : "commit");
        } catch (error) {
          contextValue.log.error({ err: error }, "transaction did not commit");
          if (result) {
            result.data = null;
            result.errors = [{ message: "The change could not be saved; retry", extensions: { code: "SERVICE_UNAVAILABLE" } }];
          }
        }
        const status = httpStatusOf(result?.errors ?? []);
        if (status) response.http.status = status;
        contextValue.log.info(
          {
            tenantId: contextValue.trace.actingTenantId,
            operationName,
            durationMs: Math.round(performance.now() - started),
            errors: result?.errors?.map((e) => e.extensions?.code),
          },
          "graphql request",
        );
      },
    };
  },
};

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
    plugins: [requestLifecycle, ApolloServerPluginCacheControlDisabled(), ...limits.plugins, ...(options.extraPlugins ?? [])],
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
  });
}
