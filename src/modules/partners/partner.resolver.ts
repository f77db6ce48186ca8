import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { tenantOf } from "../tenancy/tenant-refs";
import { userOrNull } from "../identity/user-refs";
import type { RequestContext } from "../../context/request-context";
import { parseIdOrThrow } from "../../shared/ids";
import { Connection } from "../../shared/pagination";
import { ProviderAssessment } from "../assessments/provider-assessment.entity";
import { Complaint } from "../complaints/complaint.entity";
import { PartnerContract } from "../contracts/contract.entity";
import { FeeSettlement } from "../fee-settlements/fee-settlement.entity";
import { User } from "../identity/user.entity";
import { TenantStatus } from "../../context/tenant-kind";
import { Tenant } from "../tenancy/tenant.entity";
import { PartnerStatusAction } from "./partner-lifecycle";
import { PartnerProfile } from "./partner-profile.entity";
import { PartnerQualification } from "./partner-qualification.entity";
import { PartnerListArgs, RegisterPartnerInput, SubmitPartnerQualificationInput } from "./partner.inputs";
import { changePartnerStatus, listPartners, registerPartner, submitPartnerQualification } from "./partner.service";

export const PartnerConnection = Connection(PartnerProfile, "Partner");

@Resolver(() => PartnerProfile)
export class PartnerResolver {
  @Query(() => PartnerConnection, { description: "Partner archive cards: a partner its own, a centre its partners', roles reading the subtree theirs; any member" })
  async partners(@Args() args: PartnerListArgs, @Ctx() ctx: RequestContext) {
    return new PartnerConnection(await listPartners(await ctx.memberSession(), args));
  }

  @Query(() => PartnerProfile, { nullable: true, description: "A partner by its tenant id; null when not readable; any member" })
  async partner(@Arg("id", () => ID, { description: "The partner tenant's id" }) id: string, @Ctx() ctx: RequestContext): Promise<PartnerProfile | null> {
    return (await ctx.memberSession()).loaders.partners.partnerByTenantId.load(parseIdOrThrow(id));
  }

  @Mutation(() => PartnerProfile, { description: "Registers a partner company (APPLIED) under the acting centre with its first administrator; a national or city centre's members at authority level 3 or higher" })
  async registerPartner(@Arg("input", { description: "The company, its archive card and first administrator" }) input: RegisterPartnerInput, @Ctx() ctx: RequestContext): Promise<PartnerProfile> {
    return registerPartner(await ctx.memberSession(), input);
  }

  @Mutation(() => PartnerQualification, { description: "Submits the acting partner's qualification file (one open at a time); its centre decides it; the partner's members at authority level 3 or higher" })
  async submitPartnerQualification(@Arg("input", { description: "The licence, certificates, team and references" }) input: SubmitPartnerQualificationInput, @Ctx() ctx: RequestContext): Promise<PartnerQualification> {
    return submitPartnerQualification(await ctx.memberSession(), input, ctx.settings.approvalSlaWorkingDays);
  }

  @Mutation(() => PartnerProfile, { description: "Suspends an ACTIVE partner: its members then only read; the partner's own centre (its direct parent), authority level 2 or higher" })
  async suspendPartner(
    @Arg("id", () => ID, { description: "The partner tenant's id" }) id: string,
    @Arg("reason", { description: "Why; kept as statusReason" }) reason: string,
    @Ctx() ctx: RequestContext,
  ): Promise<PartnerProfile> {
    return changePartnerStatus(await ctx.memberSession(), { id, action: PartnerStatusAction.SUSPEND, reason, slaWorkingDays: ctx.settings.approvalSlaWorkingDays });
  }

  @Mutation(() => PartnerProfile, { description: "Reinstates a SUSPENDED partner (ACTIVE again); the partner's own centre (its direct parent), authority level 2 or higher" })
  async reinstatePartner(
    @Arg("id", () => ID, { description: "The partner tenant's id" }) id: string,
    @Arg("note", { description: "Why; kept as statusReason" }) note: string,
    @Ctx() ctx: RequestContext,
  ): Promise<PartnerProfile> {
    return changePartnerStatus(await ctx.memberSession(), { id, action: PartnerStatusAction.REINSTATE, reason: note, slaWorkingDays: ctx.settings.approvalSlaWorkingDays });
  }

  @Mutation(() => PartnerProfile, { description: "Ends the partnership: its members can no longer log in; its history stays; the partner's own centre (its direct parent), authority level 2 or higher" })
  async terminatePartner(
    @Arg("id", () => ID, { description: "The partner tenant's id" }) id: string,
    @Arg("reason", { description: "Why; kept as statusReason" }) reason: string,
    @Ctx() ctx: RequestContext,
  ): Promise<PartnerProfile> {
    return changePartnerStatus(await ctx.memberSession(), { id, action: PartnerStatusAction.TERMINATE, reason, slaWorkingDays: ctx.settings.approvalSlaWorkingDays });
  }

  @FieldResolver(() => Tenant, { description: "The partner's tenant" })
  async tenant(@Root() partner: PartnerProfile, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, partner.tenantId);
  }

  @FieldResolver(() => TenantStatus, { description: "The partner tenant's status" })
  async status(@Root() partner: PartnerProfile, @Ctx() ctx: RequestContext): Promise<TenantStatus> {
    return (await tenantOf(ctx, partner.tenantId)).status;
  }

  @FieldResolver(() => Int, { nullable: true, description: "Provider grade 1 (best) – 4, set by the latest assessment" })
  async grade(@Root() partner: PartnerProfile, @Ctx() ctx: RequestContext): Promise<number | null> {
    return (await tenantOf(ctx, partner.tenantId)).providerGrade;
  }

  @FieldResolver(() => Boolean, { description: "Whether the periodic review is due (nextReviewDue is today or past)" })
  reviewDue(@Root() partner: PartnerProfile): boolean {
    return partner.isReviewDue(new Date().toISOString().slice(0, 10));
  }

  @FieldResolver(() => User, { nullable: true, description: "Who registered it, when readable" })
  async registeredBy(@Root() partner: PartnerProfile, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, partner.registeredBy);
  }

  @FieldResolver(() => [PartnerQualification], { description: "Qualification files, oldest first" })
  async qualifications(@Root() partner: PartnerProfile, @Ctx() ctx: RequestContext): Promise<PartnerQualification[]> {
    return (await ctx.memberSession()).loaders.partners.qualificationsByTenantId.load(partner.tenantId);
  }

  @FieldResolver(() => [ProviderAssessment], { description: "Assessments in period order" })
  async assessments(@Root() partner: PartnerProfile, @Ctx() ctx: RequestContext): Promise<ProviderAssessment[]> {
    return (await ctx.memberSession()).loaders.assessments.assessmentsByTenantId.load(partner.tenantId);
  }

  @FieldResolver(() => [PartnerContract], { description: "Cooperation: its contracts with the centre, oldest first" })
  async contracts(@Root() partner: PartnerProfile, @Ctx() ctx: RequestContext): Promise<PartnerContract[]> {
    return (await ctx.memberSession()).loaders.contracts.partnerContractsByTenantId.load(partner.tenantId);
  }

  @FieldResolver(() => [FeeSettlement], { description: "Service history: fee settlements applied for, oldest first" })
  async feeSettlements(@Root() partner: PartnerProfile, @Ctx() ctx: RequestContext): Promise<FeeSettlement[]> {
    return (await ctx.memberSession()).loaders.feeSettlements.feeSettlementsByTenantId.load(partner.tenantId);
  }

  @FieldResolver(() => [Complaint], { description: "Complaints and disputes with its centre, oldest first" })
  async complaints(@Root() partner: PartnerProfile, @Ctx() ctx: RequestContext): Promise<Complaint[]> {
    return (await ctx.memberSession()).loaders.complaints.complaintsByTenantId.load(partner.tenantId);
  }
}

@Resolver(() => PartnerQualification)
export class PartnerQualificationResolver {
  @FieldResolver(() => Tenant, { description: "The partner that submitted it" })
  async tenant(@Root() file: PartnerQualification, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, file.tenantId);
  }

  @FieldResolver(() => User, { nullable: true, description: "Who submitted the file" })
  async submittedBy(@Root() file: PartnerQualification, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, file.submittedBy);
  }
}
