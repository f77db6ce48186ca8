import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../../context/request-context";
import { Node } from "./node";
import { findNode } from "./node.service";

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: "Any object by its id (Relay); null when it does not exist or is not visible, exactly as its own query answers",
  })
  async node(@Arg("id", () => ID, { description: "The id of any object, as its own type gives it" }) id: string, @Ctx() ctx: RequestContext): Promise<object | null> {
    return findNode(await ctx.memberSession(), id);
  }
}
