import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { tenantOf } from "../tenancy/tenant-refs";
import { userOrNull } from "../identity/user-refs";
import type { RequestContext } from "../../context/request-context";
import { parseIdOrThrow } from "../../shared/ids";
import { Connection } from "../../shared/pagination";
import { FeeSettlement } from "../fee-settlements/fee-settlement.entity";
import { User } from "../identity/user.entity";
import { Tenant } from "../tenancy/tenant.entity";
import { ContractStatus, ContractVersion, PartnerContract } from "./contract.entity";
import { ContractAmendmentInput, ContractDraftInput, CreatePartnerContractInput, PartnerContractListArgs } from "./contract.inputs";
import {
  consentToContractVersion,
  createPartnerContract,
  declineContractVersion,
  isOpenAmendment,
  listPartnerContracts,
  proposeContractAmendment,
  submitContractForLegalReview,
  terminateContract,
  updateContractDraft,
} from "./contract.service";

export const PartnerContractConnection = Connection(PartnerContract, "PartnerContract");

@Resolver(() => PartnerContract)
export class PartnerContractResolver {
  @Query(() => PartnerContractConnection, { description: "Contracts of the visible partners, and those of the acting centre's own partners" })
  async partnerContracts(@Args() args: PartnerContractListArgs, @Ctx() ctx: RequestContext) {
    return new PartnerContractConnection(await listPartnerContracts(await ctx.memberSession(), args));
  }

  @Query(() => PartnerContract, { nullable: true })
  async partnerContract(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<PartnerContract | null> {
    return (await ctx.memberSession()).loaders.contracts.partnerContractById.load(parseIdOrThrow(id));
  }

  @Mutation(() => PartnerContract, { description: "The partner's direct parent centre drafts a contract (version 1)" })
  async createPartnerContract(@Arg("input") input: CreatePartnerContractInput, @Ctx() ctx: RequestContext): Promise<PartnerContract> {
    return createPartnerContract(await ctx.memberSession(), input);
  }

  @Mutation(() => PartnerContract, { description: "The centre edits its DRAFT; the partner's consent on it is cleared" })
  async updateContractDraft(@Arg("id", () => ID) id: string, @Arg("input") input: ContractDraftInput, @Ctx() ctx: RequestContext): Promise<PartnerContract> {
    return updateContractDraft(await ctx.memberSession(), id, input);
  }

  @Mutation(() => ContractVersion, { description: "The partner agrees to the draft, or to a proposed amendment (which then takes effect)" })
  async consentToContractVersion(@Arg("versionId", () => ID) versionId: string, @Ctx() ctx: RequestContext): Promise<ContractVersion> {
    return consentToContractVersion(await ctx.memberSession(), versionId);
  }

  @Mutation(() => ContractVersion, { description: "The partner refuses the draft or a proposed amendment" })
  async declineContractVersion(
    @Arg("versionId", () => ID) versionId: string,
    @Arg("reason") reason: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ContractVersion> {
    return declineContractVersion(await ctx.memberSession(), versionId, reason);
  }

  @Mutation(() => PartnerContract, { description: "DRAFT with the partner's consent → LEGAL_REVIEW; approval signs it" })
  async submitContractForLegalReview(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<PartnerContract> {
    return submitContractForLegalReview(await ctx.memberSession(), id, ctx.settings.approvalSlaWorkingDays);
  }

  @Mutation(() => ContractVersion, { description: "The centre proposes the next version of a SIGNED or AMENDED contract" })
  async proposeContractAmendment(
    @Arg("id", () => ID) id: string,
    @Arg("input") input: ContractAmendmentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ContractVersion> {
    return proposeContractAmendment(await ctx.memberSession(), id, input);
  }

  @Mutation(() => PartnerContract, { description: "The centre (deputy or president) ends a SIGNED or AMENDED contract" })
  async terminateContract(@Arg("id", () => ID) id: string, @Arg("cause") cause: string, @Ctx() ctx: RequestContext): Promise<PartnerContract> {
    return terminateContract(await ctx.memberSession(), id, cause);
  }

  @FieldResolver(() => Tenant)
  async partner(@Root() contract: PartnerContract, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, contract.tenantId);
  }

  @FieldResolver(() => Tenant, { description: "The centre that drafted it: the partner's direct parent" })
  async centre(@Root() contract: PartnerContract, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, contract.parentTenantId);
  }

  @FieldResolver(() => [ContractVersion], { description: "Every version, oldest first" })
  async versions(@Root() contract: PartnerContract, @Ctx() ctx: RequestContext): Promise<ContractVersion[]> {
    return (await ctx.memberSession()).loaders.contracts.contractVersionsByContractId.load(contract.id);
  }

  @FieldResolver(() => ContractVersion, { description: "The terms in force (the draft until signed)" })
  async currentVersion(@Root() contract: PartnerContract, @Ctx() ctx: RequestContext): Promise<ContractVersion> {
    return (await this.versions(contract, ctx)).find((version) => version.version === contract.currentVersion) as ContractVersion;
  }

  @FieldResolver(() => ContractVersion, { nullable: true, description: "A proposed amendment awaiting the partner's consent" })
  async pendingAmendment(@Root() contract: PartnerContract, @Ctx() ctx: RequestContext): Promise<ContractVersion | null> {
    return (await this.versions(contract, ctx)).find((version) => isOpenAmendment(contract, version)) ?? null;
  }

  @FieldResolver(() => String, { description: "The current version's currency (ISO 4217)" })
  async currency(@Root() contract: PartnerContract, @Ctx() ctx: RequestContext): Promise<string> {
    return (await this.currentVersion(contract, ctx)).currency;
  }

  @FieldResolver(() => String, { description: "Minor units of every settlement not rejected or withdrawn" })
  async claimedMinor(@Root() contract: PartnerContract, @Ctx() ctx: RequestContext): Promise<string> {
    return (await this.totals(contract, ctx)).claimedMinor;
  }

  @FieldResolver(() => String, { description: "Minor units paid" })
  async paidMinor(@Root() contract: PartnerContract, @Ctx() ctx: RequestContext): Promise<string> {
    return (await this.totals(contract, ctx)).paidMinor;
  }

  @FieldResolver(() => String, { description: "Minor units approved but not yet paid" })
  async owedMinor(@Root() contract: PartnerContract, @Ctx() ctx: RequestContext): Promise<string> {
    return (await this.totals(contract, ctx)).owedMinor;
  }

  @FieldResolver(() => String, { description: "The current value minus what is claimed: what may still be claimed" })
  async remainingMinor(@Root() contract: PartnerContract, @Ctx() ctx: RequestContext): Promise<string> {
    const [current, totals] = await Promise.all([this.currentVersion(contract, ctx), this.totals(contract, ctx)]);
    return (BigInt(current.valueMinor) - BigInt(totals.claimedMinor)).toString();
  }

  @FieldResolver(() => Boolean, { description: "Terminated, and its one FINAL settlement is not claimed yet" })
  async finalSettlementDue(@Root() contract: PartnerContract, @Ctx() ctx: RequestContext): Promise<boolean> {
    return contract.status === ContractStatus.TERMINATED && !(await this.totals(contract, ctx)).hasFinalSettlement;
  }

  @FieldResolver(() => [FeeSettlement], { description: "Its fee settlements, oldest first" })
  async feeSettlements(@Root() contract: PartnerContract, @Ctx() ctx: RequestContext): Promise<FeeSettlement[]> {
    return (await ctx.memberSession()).loaders.feeSettlements.feeSettlementsByContractId.load(contract.id);
  }

  @FieldResolver(() => User, { nullable: true })
  async createdBy(@Root() contract: PartnerContract, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, contract.createdBy);
  }

  private async totals(contract: PartnerContract, ctx: RequestContext) {
    return (await ctx.memberSession()).loaders.contracts.settlementTotalsByContractId.load(contract.id);
  }
}

@Resolver(() => ContractVersion)
export class ContractVersionResolver {
  @FieldResolver(() => User, { nullable: true })
  async proposedBy(@Root() version: ContractVersion, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, version.proposedBy);
  }

  @FieldResolver(() => User, { nullable: true })
  async partnerConsentedBy(@Root() version: ContractVersion, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, version.partnerConsentedBy);
  }
}
