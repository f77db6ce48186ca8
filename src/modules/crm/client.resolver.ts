import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../../context/request-context";
import { parseIdOrThrow } from "../../shared/ids";
import { Connection, PageArgs } from "../../shared/pagination";
import { Tenant } from "../tenancy/tenant.entity";
import { Client } from "./client.entity";
import { CreateClientInput } from "./client.inputs";
import { createClient, listVisibleClients } from "./client.service";

export const ClientConnection = Connection(Client, "Client");

@Resolver(() => Client)
export class ClientResolver {
  @Query(() => ClientConnection, { description: "Clients of every tenant the caller may read, oldest first" })
  async clients(@Args() args: PageArgs, @Ctx() ctx: RequestContext) {
    return new ClientConnection(await listVisibleClients(await ctx.memberSession(), args));
  }

  @Query(() => Client, { nullable: true, description: "Null when the client does not exist or is not visible" })
  async client(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Client | null> {
    const { loaders } = await ctx.memberSession();
    return loaders.clientById.load(parseIdOrThrow(id));
  }

  @Mutation(() => Client)
  async createClient(@Arg("input") input: CreateClientInput, @Ctx() ctx: RequestContext): Promise<Client> {
    return createClient(await ctx.memberSession(), input);
  }

  @FieldResolver(() => Tenant, { description: "The centre that serves the client" })
  async tenant(@Root() client: Client, @Ctx() ctx: RequestContext): Promise<Tenant> {
    const { loaders } = await ctx.memberSession();
    return (await loaders.tenantById.load(client.tenantId)) as Tenant;
  }
}
