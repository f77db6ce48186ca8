import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { tenantOf } from "../tenancy/tenant-refs";
import { userOrNull } from "../identity/user-refs";
import type { RequestContext } from "../../context/request-context";
import { parseIdOrThrow } from "../../shared/ids";
import { Connection } from "../../shared/pagination";
import { User } from "../identity/user.entity";
import { Tenant } from "../tenancy/tenant.entity";
import { InterCentreSettlement, SettlementLineItem } from "./settlement.entity";
import { CreateInterCentreSettlementInput, SettlementLineItemInput, SettlementListArgs } from "./settlement.inputs";
import {
  acknowledgeInterCentreSettlement,
  addSettlementLineItem,
  createInterCentreSettlement,
  listInterCentreSettlements,
  submitInterCentreSettlement,
} from "./settlement.service";

export const InterCentreSettlementConnection = Connection(InterCentreSettlement, "InterCentreSettlement");

@Resolver(() => InterCentreSettlement)
export class InterCentreSettlementResolver {
  @Query(() => InterCentreSettlementConnection, { description: "Statements with the visible tenants, and every statement of the acting national centre" })
  async interCentreSettlements(@Args() args: SettlementListArgs, @Ctx() ctx: RequestContext) {
    return new InterCentreSettlementConnection(await listInterCentreSettlements(await ctx.memberSession(), args));
  }

  @Query(() => InterCentreSettlement, { nullable: true })
  async interCentreSettlement(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<InterCentreSettlement | null> {
    return (await ctx.memberSession()).loaders.settlements.interCentreSettlementById.load(parseIdOrThrow(id));
  }

  @Mutation(() => InterCentreSettlement, { description: "The national centre's finance drafts a statement with a city centre or affiliated company" })
  async createInterCentreSettlement(
    @Arg("input") input: CreateInterCentreSettlementInput,
    @Ctx() ctx: RequestContext,
  ): Promise<InterCentreSettlement> {
    return createInterCentreSettlement(await ctx.memberSession(), input);
  }

  @Mutation(() => InterCentreSettlement, { description: "Adds a line to a draft statement; lines are never changed" })
  async addSettlementLineItem(
    @Arg("settlementId", () => ID) settlementId: string,
    @Arg("input") input: SettlementLineItemInput,
    @Ctx() ctx: RequestContext,
  ): Promise<InterCentreSettlement> {
    return addSettlementLineItem(await ctx.memberSession(), settlementId, input);
  }

  @Mutation(() => InterCentreSettlement, { description: "DRAFT → SUBMITTED; opens an approval request in the national centre" })
  async submitInterCentreSettlement(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<InterCentreSettlement> {
    return submitInterCentreSettlement(await ctx.memberSession(), id, ctx.settings.approvalSlaWorkingDays);
  }

  @Mutation(() => InterCentreSettlement, { description: "The counterparty acknowledges an approved statement" })
  async acknowledgeInterCentreSettlement(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<InterCentreSettlement> {
    return acknowledgeInterCentreSettlement(await ctx.memberSession(), id);
  }

  @FieldResolver(() => Tenant, { description: "The city centre or affiliated company the national centre settles with" })
  async counterparty(@Root() settlement: InterCentreSettlement, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, settlement.tenantId);
  }

  @FieldResolver(() => Tenant)
  async nationalCentre(@Root() settlement: InterCentreSettlement, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, settlement.parentTenantId);
  }

  @FieldResolver(() => [SettlementLineItem])
  async lineItems(@Root() settlement: InterCentreSettlement, @Ctx() ctx: RequestContext): Promise<SettlementLineItem[]> {
    return (await ctx.memberSession()).loaders.settlements.lineItemsBySettlementId.load(settlement.id);
  }

  @FieldResolver(() => User, { nullable: true })
  async createdBy(@Root() settlement: InterCentreSettlement, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, settlement.createdBy);
  }

  @FieldResolver(() => User, { nullable: true })
  async acknowledgedBy(@Root() settlement: InterCentreSettlement, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, settlement.acknowledgedBy);
  }
}
