import { rule } from "graphql-shield";
import type { ActingContext } from "../context/acting-context";
import type { RequestContext } from "../context/request-context";
import type { TenantKind } from "../context/tenant-kind";
import { forbidden } from "../shared/errors";

/**
 * A context-only rule about the acting membership. Shield turns a thrown error into a plain
 * denial, so the session's own UNAUTHENTICATED / FORBIDDEN error is returned, not thrown.
 */
export function actingRule(name: string, check: (acting: ActingContext) => boolean) {
  return rule(name, { cache: "contextual" })(async (_parent, _args, ctx: RequestContext) => {
    try {
      const { acting } = await ctx.memberSession();
      return check(acting);
    } catch (error) {
      // Returned, so the session's own error reaches the client (a thrown one shield turns into "false").
      return error instanceof Error ? error : new Error(String(error));
    }
  });
}

/** The request acts through a valid membership of the caller. */
export const isMember = actingRule("isMember", () => true);

/** The acting membership may write in its own tenant (auditors are read-only). */
export const writesOwnTenant = actingRule("writesOwnTenant", (acting) => acting.canWrite(acting.tenantId));

/** The acting member holds authority level `level` or higher (1 highest; auditors hold none). Shield wants one rule per name. */
const hasAuthority = (level: number) =>
  actingRule(`hasAuthority${level}`, (acting) => acting.authorityLevel !== null && acting.authorityLevel <= level);
export const hasAuthority2 = hasAuthority(2);
export const hasAuthority3 = hasAuthority(3);

/** The acting tenant is one of `kinds`. */
export const actsFor = (name: string, kinds: readonly TenantKind[]) => actingRule(name, (acting) => kinds.includes(acting.tenantKind));

/**
 * The request is a person's, not a partner system's: a request sent with an API key is
 * FORBIDDEN, before any database work. Applied to every PERSON_ONLY_MUTATIONS field.
 */
export const actsAsPerson = rule("actsAsPerson", { cache: "contextual" })(async (_parent, _args, ctx: RequestContext) =>
  ctx.authentication.kind === "apiKey" ? forbidden("An API key cannot do this: only a person signs in, handles credentials or administers") : true,
);
