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
  @Query(() => InterCentreSettlementConnection, { description: "Statements with the tenants the caller may read, and every statement of the acting national centre; any member" })
  async interCentreSettlements(@Args() args: SettlementListArgs, @Ctx() ctx: RequestContext) {
    return new InterCentreSettlementConnection(await listInterCentreSettlements(await ctx.memberSession(), args));
  }

  @Query(() => InterCentreSettlement, { nullable: true, description: "One statement the caller may read; null when missing or not visible; any member" })
  async interCentreSettlement(@Arg("id", () => ID, { description: "The statement's id" }) id: string, @Ctx() ctx: RequestContext): Promise<InterCentreSettlement | null> {
    return (await ctx.memberSession()).loaders.settlements.interCentreSettlementById.load(parseIdOrThrow(id));
  }

  @Mutation(() => InterCentreSettlement, { description: "Drafts a statement with a direct child city centre or affiliated company; the national centre's finance department, president or deputy" })
  async createInterCentreSettlement(
    @Arg("input", { description: "The counterparty, period, currency and lines" }) input: CreateInterCentreSettlementInput,
    @Ctx() ctx: RequestContext,
  ): Promise<InterCentreSettlement> {
    return createInterCentreSettlement(await ctx.memberSession(), input);
  }

  @Mutation(() => InterCentreSettlement, { description: "Adds a line to a DRAFT statement (lines are never changed); the national centre's finance department, president or deputy that drew it up" })
  async addSettlementLineItem(
    @Arg("settlementId", () => ID, { description: "The statement's id" }) settlementId: string,
    @Arg("input", { description: "The line" }) input: SettlementLineItemInput,
    @Ctx() ctx: RequestContext,
  ): Promise<InterCentreSettlement> {
    return addSettlementLineItem(await ctx.memberSession(), settlementId, input);
  }

  @Mutation(() => InterCentreSettlement, { description: "DRAFT → SUBMITTED and an approval request decided by the national centre's deputy or president; the national centre's finance department, president or deputy that drew it up" })
  async submitInterCentreSettlement(@Arg("id", () => ID, { description: "The statement's id" }) id: string, @Ctx() ctx: RequestContext): Promise<InterCentreSettlement> {
    return submitInterCentreSettlement(await ctx.memberSession(), id, ctx.settings.approvalSlaWorkingDays);
  }

  @Mutation(() => InterCentreSettlement, { description: "The counterparty confirms an APPROVED statement; its members at authority level 3 or higher" })
  async acknowledgeInterCentreSettlement(@Arg("id", () => ID, { description: "The statement's id" }) id: string, @Ctx() ctx: RequestContext): Promise<InterCentreSettlement> {
    return acknowledgeInterCentreSettlement(await ctx.memberSession(), id);
  }

  @FieldResolver(() => Tenant, { description: "The city centre or affiliated company the national centre settles with" })
  async counterparty(@Root() settlement: InterCentreSettlement, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, settlement.tenantId);
  }

  @FieldResolver(() => Tenant, { description: "The national centre that drew up the statement" })
  async nationalCentre(@Root() settlement: InterCentreSettlement, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, settlement.parentTenantId);
  }

  @FieldResolver(() => [SettlementLineItem], { description: "The statement's lines" })
  async lineItems(@Root() settlement: InterCentreSettlement, @Ctx() ctx: RequestContext): Promise<SettlementLineItem[]> {
    return (await ctx.memberSession()).loaders.settlements.lineItemsBySettlementId.load(settlement.id);
  }

  @FieldResolver(() => User, { nullable: true, description: "Who drew up the statement" })
  async createdBy(@Root() settlement: InterCentreSettlement, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, settlement.createdBy);
  }

  @FieldResolver(() => User, { nullable: true, description: "Who acknowledged it for the counterparty" })
  async acknowledgedBy(@Root() settlement: InterCentreSettlement, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, settlement.acknowledgedBy);
  }
}
