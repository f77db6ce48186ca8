import type { RequestContext } from "../../context/request-context";
import type { User } from "./user.entity";

/** A user a row refers to, if any and if visible. */
export async function userOrNull(ctx: RequestContext, userId: string | null): Promise<User | null> {
  return userId ? (await ctx.memberSession()).loaders.identity.userById.load(userId) : null;
}
