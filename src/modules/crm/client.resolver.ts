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
  @Query(() => ClientConnection, { description: "Clients of every tenant the caller may read, oldest first; any member" })
  async clients(@Args() args: ClientListArgs, @Ctx() ctx: RequestContext) {
    return new ClientConnection(await listVisibleClients(await ctx.memberSession(), args));
  }

  @Query(() => Client, { nullable: true, description: "A client the caller may read; null when it does not exist or is not visible; any member" })
  async client(@Arg("id", () => ID, { description: "The client's id" }) id: string, @Ctx() ctx: RequestContext): Promise<Client | null> {
    const { loaders } = await ctx.memberSession();
    return loaders.crm.clientById.load(parseIdOrThrow(id));
  }

  @Mutation(() => Client, { description: "A new enterprise client of the acting tenant (seed 001 step 1); members of a national or city centre or affiliated company, not auditors" })
  async createClient(@Arg("input", { description: "The client's name, contact and profile" }) input: CreateClientInput, @Ctx() ctx: RequestContext): Promise<Client> {
    return createClient(await ctx.memberSession(), input);
  }

  @Mutation(() => Client, { description: "Changes the profile of a client of the acting tenant; members of a national or city centre or affiliated company, not auditors" })
  async updateClient(
    @Arg("id", () => ID, { description: "The client's id" }) id: string,
    @Arg("input", { description: "The profile fields to change" }) input: UpdateClientInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Client> {
    return updateClient(await ctx.memberSession(), id, input);
  }

  @Mutation(() => ClientContact, { description: "Adds a contact person to a client of the acting tenant; members of a national or city centre or affiliated company, not auditors" })
  async addClientContact(
    @Arg("clientId", () => ID, { description: "The client's id" }) clientId: string,
    @Arg("input", { description: "The contact person" }) input: AddClientContactInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ClientContact> {
    return addClientContact(await ctx.memberSession(), clientId, input);
  }

  @Mutation(() => ClientCommunication, { description: "Appends to the communication log of a client of the acting tenant; members of a national or city centre or affiliated company, not auditors" })
  async logClientCommunication(
    @Arg("clientId", () => ID, { description: "The client's id" }) clientId: string,
    @Arg("input", { description: "The conversation" }) input: LogClientCommunicationInput,
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

  @FieldResolver(() => [ClientContact], { description: "The client's contact people" })
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
  @FieldResolver(() => User, { nullable: true, description: "Who logged the entry" })
  async author(@Root() entry: ClientCommunication, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, entry.authorId);
  }
}
