import { rule } from "graphql-shield";
import type { RequestContext } from "../context/request-context";

/** The request acts through a valid membership (opens the member session, or fails with its code). */
export const isMember = rule({ cache: "contextual" })(async (_parent, _args, ctx: RequestContext) => {
  await ctx.memberSession();
  return true;
});

/** The acting membership may write in its own tenant (auditors are read-only). */
export const writesOwnTenant = rule({ cache: "contextual" })(async (_parent, _args, ctx: RequestContext) => {
  const { acting } = await ctx.memberSession();
  return acting.canWrite(acting.tenantId);
});
