import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { tenantOf } from "../tenancy/tenant-refs";
import { userOrNull } from "../identity/user-refs";
import type { RequestContext } from "../../context/request-context";
import { parseIdOrThrow } from "../../shared/ids";
import { Connection } from "../../shared/pagination";
import { PartnerContract } from "../contracts/contract.entity";
import { User } from "../identity/user.entity";
import { Tenant } from "../tenancy/tenant.entity";
import { FeeSettlement } from "./fee-settlement.entity";
import { ApplyForFeeSettlementInput, FeeSettlementListArgs } from "./fee-settlement.inputs";
import { applyForFeeSettlement, listFeeSettlements, recordFeeSettlementPayment } from "./fee-settlement.service";

export const FeeSettlementConnection = Connection(FeeSettlement, "FeeSettlement");

@Resolver(() => FeeSettlement)
export class FeeSettlementResolver {
  @Query(() => FeeSettlementConnection, { description: "Settlements of the partners the caller may read, and those the acting centre decides; any member" })
  async feeSettlements(@Args() args: FeeSettlementListArgs, @Ctx() ctx: RequestContext) {
    return new FeeSettlementConnection(await listFeeSettlements(await ctx.memberSession(), args));
  }

  @Query(() => FeeSettlement, { nullable: true, description: "One settlement the caller may read; null when missing or not visible; any member" })
  async feeSettlement(@Arg("id", () => ID, { description: "The settlement's id" }) id: string, @Ctx() ctx: RequestContext): Promise<FeeSettlement | null> {
    return (await ctx.memberSession()).loaders.feeSettlements.feeSettlementById.load(parseIdOrThrow(id));
  }

  @Mutation(() => FeeSettlement, { description: "Claims payment under the partner's contract, within its value; its centre reviews and approves; members of the partner at authority level 3 or higher" })
  async applyForFeeSettlement(@Arg("input", { description: "The contract, amount, service period and proof" }) input: ApplyForFeeSettlementInput, @Ctx() ctx: RequestContext): Promise<FeeSettlement> {
    return applyForFeeSettlement(await ctx.memberSession(), input, ctx.settings.approvalSlaWorkingDays);
  }

  @Mutation(() => FeeSettlement, { description: "Records the payment of an APPROVED settlement; the partner's own centre: its finance department, president or deputy" })
  async recordFeeSettlementPayment(
    @Arg("id", () => ID, { description: "The settlement's id" }) id: string,
    @Arg("paymentReference", { description: "The payment's reference; required" }) paymentReference: string,
    @Ctx() ctx: RequestContext,
  ): Promise<FeeSettlement> {
    return recordFeeSettlementPayment(await ctx.memberSession(), id, paymentReference);
  }

  @FieldResolver(() => PartnerContract, { description: "The contract claimed under" })
  async contract(@Root() settlement: FeeSettlement, @Ctx() ctx: RequestContext): Promise<PartnerContract> {
    return (await (await ctx.memberSession()).loaders.contracts.partnerContractById.load(settlement.contractId)) as PartnerContract;
  }

  @FieldResolver(() => Tenant, { description: "The partner that applied" })
  async partner(@Root() settlement: FeeSettlement, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, settlement.tenantId);
  }

  @FieldResolver(() => Tenant, { description: "The partner's centre, which reviews, approves and pays" })
  async centre(@Root() settlement: FeeSettlement, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, settlement.parentTenantId);
  }

  @FieldResolver(() => User, { nullable: true, description: "Who applied for the partner" })
  async appliedBy(@Root() settlement: FeeSettlement, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, settlement.appliedBy);
  }

  @FieldResolver(() => User, { nullable: true, description: "Who recorded the payment" })
  async paidBy(@Root() settlement: FeeSettlement, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, settlement.paidBy);
  }
}
