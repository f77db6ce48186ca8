import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { tenantOf } from "../tenancy/tenant-refs";
import { userOrNull } from "../identity/user-refs";
import type { RequestContext } from "../../context/request-context";
import { parseIdOrThrow } from "../../shared/ids";
import { Connection } from "../../shared/pagination";
import { User } from "../identity/user.entity";
import { Tenant } from "../tenancy/tenant.entity";
import { ClientCommunication, ClientContact } from "./client-profile.entity";
import { Client } from "./client.entity";
import {
  AddClientContactInput,
  ClientListArgs,
  CreateClientInput,
  LogClientCommunicationInput,
  UpdateClientInput,
} from "./client.inputs";
import { addClientContact, createClient, listVisibleClients, logClientCommunication, updateClient } from "./client.service";

export const ClientConnection = Connection(Client, "Client");

@Resolver(() => Client)
export class ClientResolver {
  @Query(() => ClientConnection, { description: "Clients of every tenant the caller may read, oldest first" })
  async clients(@Args() args: ClientListArgs, @Ctx() ctx: RequestContext) {
    return new ClientConnection(await listVisibleClients(await ctx.memberSession(), args));
  }

  @Query(() => Client, { nullable: true, description: "Null when the client does not exist or is not visible" })
  async client(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Client | null> {
    const { loaders } = await ctx.memberSession();
    return loaders.crm.clientById.load(parseIdOrThrow(id));
  }

  @Mutation(() => Client)
  async createClient(@Arg("input") input: CreateClientInput, @Ctx() ctx: RequestContext): Promise<Client> {
    return createClient(await ctx.memberSession(), input);
  }

  @Mutation(() => Client, { description: "Changes the profile of a client of the caller's own tenant" })
  async updateClient(
    @Arg("id", () => ID) id: string,
    @Arg("input") input: UpdateClientInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Client> {
    return updateClient(await ctx.memberSession(), id, input);
  }

  @Mutation(() => ClientContact)
  async addClientContact(
    @Arg("clientId", () => ID) clientId: string,
    @Arg("input") input: AddClientContactInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ClientContact> {
    return addClientContact(await ctx.memberSession(), clientId, input);
  }

  @Mutation(() => ClientCommunication, { description: "Appends to the client's communication log" })
  async logClientCommunication(
    @Arg("clientId", () => ID) clientId: string,
    @Arg("input") input: LogClientCommunicationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ClientCommunication> {
    return logClientCommunication(await ctx.memberSession(), clientId, input);
  }

  @FieldResolver(() => Tenant, { description: "The centre that serves the client" })
  async tenant(@Root() client: Client, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, client.tenantId);
  }

  @FieldResolver(() => User, { nullable: true, description: "The consultant responsible" })
  async consultant(@Root() client: Client, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, client.consultantId);
  }

  @FieldResolver(() => [ClientContact])
  async contacts(@Root() client: Client, @Ctx() ctx: RequestContext): Promise<ClientContact[]> {
    const { loaders } = await ctx.memberSession();
    return loaders.crm.contactsByClientId.load(client.id);
  }

  @FieldResolver(() => [ClientCommunication], { description: "The communication log, oldest first" })
  async communications(@Root() client: Client, @Ctx() ctx: RequestContext): Promise<ClientCommunication[]> {
    const { loaders } = await ctx.memberSession();
    return loaders.crm.communicationsByClientId.load(client.id);
  }
}

@Resolver(() => ClientCommunication)
export class ClientCommunicationResolver {
  @FieldResolver(() => User, { nullable: true })
  async author(@Root() entry: ClientCommunication, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, entry.authorId);
  }
}
