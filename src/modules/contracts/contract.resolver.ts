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
  @Query(() => PartnerContractConnection, { description: "Contracts of the partners the caller may read, and those of the acting centre's own partners; any member" })
  async partnerContracts(@Args() args: PartnerContractListArgs, @Ctx() ctx: RequestContext) {
    return new PartnerContractConnection(await listPartnerContracts(await ctx.memberSession(), args));
  }

  @Query(() => PartnerContract, { nullable: true, description: "One contract the caller may read; null when missing or not visible; any member" })
  async partnerContract(@Arg("id", () => ID, { description: "The contract's id" }) id: string, @Ctx() ctx: RequestContext): Promise<PartnerContract | null> {
    return (await ctx.memberSession()).loaders.contracts.partnerContractById.load(parseIdOrThrow(id));
  }

  @Mutation(() => PartnerContract, { description: "Drafts a contract (version 1) with an ACTIVE partner of the acting centre; its members, not auditors" })
  async createPartnerContract(@Arg("input", { description: "The partner, title and terms" }) input: CreatePartnerContractInput, @Ctx() ctx: RequestContext): Promise<PartnerContract> {
    return createPartnerContract(await ctx.memberSession(), input);
  }

  @Mutation(() => PartnerContract, { description: "Edits a DRAFT, clearing the partner's consent; members of the partner's own centre (its direct parent), not auditors" })
  async updateContractDraft(
    @Arg("id", () => ID, { description: "The contract's id" }) id: string,
    @Arg("input", { description: "The new title and terms" }) input: ContractDraftInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PartnerContract> {
    return updateContractDraft(await ctx.memberSession(), id, input);
  }

  @Mutation(() => ContractVersion, { description: "The partner agrees to the draft, or to a proposed amendment (which then takes effect); members of the partner at authority level 3 or higher" })
  async consentToContractVersion(@Arg("versionId", () => ID, { description: "The version's id" }) versionId: string, @Ctx() ctx: RequestContext): Promise<ContractVersion> {
    return consentToContractVersion(await ctx.memberSession(), versionId);
  }

  @Mutation(() => ContractVersion, { description: "The partner refuses the draft or a proposed amendment; members of the partner at authority level 3 or higher" })
  async declineContractVersion(
    @Arg("versionId", () => ID, { description: "The version's id" }) versionId: string,
    @Arg("reason", { description: "Why; required" }) reason: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ContractVersion> {
    return declineContractVersion(await ctx.memberSession(), versionId, reason);
  }

  @Mutation(() => PartnerContract, { description: "DRAFT with the partner's consent → LEGAL_REVIEW; approval signs it; members of the partner's own centre (its direct parent), not auditors" })
  async submitContractForLegalReview(@Arg("id", () => ID, { description: "The contract's id" }) id: string, @Ctx() ctx: RequestContext): Promise<PartnerContract> {
    return submitContractForLegalReview(await ctx.memberSession(), id, ctx.settings.approvalSlaWorkingDays);
  }

  @Mutation(() => ContractVersion, { description: "Proposes the next version of a SIGNED or AMENDED contract (same currency, value not below what is claimed); members of the partner's own centre (its direct parent), not auditors" })
  async proposeContractAmendment(
    @Arg("id", () => ID, { description: "The contract's id" }) id: string,
    @Arg("input", { description: "The new terms and what changes" }) input: ContractAmendmentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ContractVersion> {
    return proposeContractAmendment(await ctx.memberSession(), id, input);
  }

  @Mutation(() => PartnerContract, { description: "Ends a SIGNED or AMENDED contract; the partner's own centre, authority level 2 or higher (deputy or president)" })
  async terminateContract(
    @Arg("id", () => ID, { description: "The contract's id" }) id: string,
    @Arg("cause", { description: "Why it ends; required" }) cause: string,
    @Ctx() ctx: RequestContext,
  ): Promise<PartnerContract> {
    return terminateContract(await ctx.memberSession(), id, cause);
  }

  @FieldResolver(() => Tenant, { description: "The partner the contract is with" })
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

  @FieldResolver(() => String, { description: "Integer minor units of every fee settlement not rejected or withdrawn" })
  async claimedMinor(@Root() contract: PartnerContract, @Ctx() ctx: RequestContext): Promise<string> {
    return (await this.totals(contract, ctx)).claimedMinor;
  }

  @FieldResolver(() => String, { description: "Integer minor units paid" })
  async paidMinor(@Root() contract: PartnerContract, @Ctx() ctx: RequestContext): Promise<string> {
    return (await this.totals(contract, ctx)).paidMinor;
  }

  @FieldResolver(() => String, { description: "Integer minor units approved but not yet paid" })
  async owedMinor(@Root() contract: PartnerContract, @Ctx() ctx: RequestContext): Promise<string> {
    return (await this.totals(contract, ctx)).owedMinor;
  }

  @FieldResolver(() => String, { description: "The current value minus what is claimed, in integer minor units: what may still be claimed" })
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

  @FieldResolver(() => User, { nullable: true, description: "Who drafted the contract" })
  async createdBy(@Root() contract: PartnerContract, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, contract.createdBy);
  }

  private async totals(contract: PartnerContract, ctx: RequestContext) {
    return (await ctx.memberSession()).loaders.contracts.settlementTotalsByContractId.load(contract.id);
  }
}

@Resolver(() => ContractVersion)
export class ContractVersionResolver {
  @FieldResolver(() => User, { nullable: true, description: "Who drafted or proposed this version" })
  async proposedBy(@Root() version: ContractVersion, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, version.proposedBy);
  }

  @FieldResolver(() => User, { nullable: true, description: "Who agreed to this version for the partner" })
  async partnerConsentedBy(@Root() version: ContractVersion, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, version.partnerConsentedBy);
  }
}
