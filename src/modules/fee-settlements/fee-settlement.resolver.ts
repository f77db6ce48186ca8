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
  @Query(() => FeeSettlementConnection, { description: "Settlements of the visible partners, and those the acting centre decides" })
  async feeSettlements(@Args() args: FeeSettlementListArgs, @Ctx() ctx: RequestContext) {
    return new FeeSettlementConnection(await listFeeSettlements(await ctx.memberSession(), args));
  }

  @Query(() => FeeSettlement, { nullable: true })
  async feeSettlement(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<FeeSettlement | null> {
    return (await ctx.memberSession()).loaders.feeSettlements.feeSettlementById.load(parseIdOrThrow(id));
  }

  @Mutation(() => FeeSettlement, { description: "The partner claims payment under its contract; its centre reviews and approves" })
  async applyForFeeSettlement(@Arg("input") input: ApplyForFeeSettlementInput, @Ctx() ctx: RequestContext): Promise<FeeSettlement> {
    return applyForFeeSettlement(await ctx.memberSession(), input, ctx.settings.approvalSlaWorkingDays);
  }

  @Mutation(() => FeeSettlement, { description: "The centre's finance (or president, deputy) records the payment of an APPROVED settlement" })
  async recordFeeSettlementPayment(
    @Arg("id", () => ID) id: string,
    @Arg("paymentReference") paymentReference: string,
    @Ctx() ctx: RequestContext,
  ): Promise<FeeSettlement> {
    return recordFeeSettlementPayment(await ctx.memberSession(), id, paymentReference);
  }

  @FieldResolver(() => PartnerContract)
  async contract(@Root() settlement: FeeSettlement, @Ctx() ctx: RequestContext): Promise<PartnerContract> {
    return (await (await ctx.memberSession()).loaders.contracts.partnerContractById.load(settlement.contractId)) as PartnerContract;
  }

  @FieldResolver(() => Tenant)
  async partner(@Root() settlement: FeeSettlement, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, settlement.tenantId);
  }

  @FieldResolver(() => Tenant)
  async centre(@Root() settlement: FeeSettlement, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, settlement.parentTenantId);
  }

  @FieldResolver(() => User, { nullable: true })
  async appliedBy(@Root() settlement: FeeSettlement, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, settlement.appliedBy);
  }

  @FieldResolver(() => User, { nullable: true })
  async paidBy(@Root() settlement: FeeSettlement, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, settlement.paidBy);
  }
}
