import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { tenantOf, tenantOrNull } from "../tenancy/tenant-refs";
import { userOrNull } from "../identity/user-refs";
import type { RequestContext } from "../../context/request-context";
import { parseIdOrThrow } from "../../shared/ids";
import { Connection } from "../../shared/pagination";
import { User } from "../identity/user.entity";
import { Tenant } from "../tenancy/tenant.entity";
import {
  BusinessReportListArgs,
  ServiceStandardListArgs,
  SubmitBusinessReportInput,
  SubmitServiceStandardInput,
} from "./affiliate.inputs";
import { listBusinessReports, listServiceStandards, submitBusinessReport, submitServiceStandard } from "./affiliate.service";
import { BusinessReport } from "./business-report.entity";
import { ServiceStandard } from "./service-standard.entity";

export const ServiceStandardConnection = Connection(ServiceStandard, "ServiceStandard");
export const BusinessReportConnection = Connection(BusinessReport, "BusinessReport");

@Resolver(() => ServiceStandard)
export class ServiceStandardResolver {
  @Query(() => ServiceStandardConnection, {
    description: "Standards of the visible companies and the acting centre's own, and approved standards published to the acting tenant",
  })
  async serviceStandards(@Args() args: ServiceStandardListArgs, @Ctx() ctx: RequestContext) {
    return new ServiceStandardConnection(await listServiceStandards(await ctx.memberSession(), args));
  }

  @Query(() => ServiceStandard, { nullable: true })
  async serviceStandard(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ServiceStandard | null> {
    return (await ctx.memberSession()).loaders.affiliates.serviceStandardById.load(parseIdOrThrow(id));
  }

  @Mutation(() => ServiceStandard, { description: "An affiliated company submits the next version of a standard; opens a review by its national centre" })
  async submitServiceStandard(@Arg("input") input: SubmitServiceStandardInput, @Ctx() ctx: RequestContext): Promise<ServiceStandard> {
    return submitServiceStandard(await ctx.memberSession(), input, ctx.settings.approvalSlaWorkingDays);
  }

  @FieldResolver(() => Tenant, {
    nullable: true,
    description: "The company; null for an ancestor that reads the published standard but not the company's subtree",
  })
  async company(@Root() standard: ServiceStandard, @Ctx() ctx: RequestContext): Promise<Tenant | null> {
    return tenantOrNull(ctx, standard.tenantId);
  }

  @FieldResolver(() => User, { nullable: true })
  async submittedBy(@Root() standard: ServiceStandard, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, standard.submittedBy);
  }
}

@Resolver(() => BusinessReport)
export class BusinessReportResolver {
  @Query(() => BusinessReportConnection, { description: "Reports of the visible companies and of the acting centre's own companies" })
  async businessReports(@Args() args: BusinessReportListArgs, @Ctx() ctx: RequestContext) {
    return new BusinessReportConnection(await listBusinessReports(await ctx.memberSession(), args));
  }

  @Query(() => BusinessReport, { nullable: true })
  async businessReport(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<BusinessReport | null> {
    return (await ctx.memberSession()).loaders.affiliates.businessReportById.load(parseIdOrThrow(id));
  }

  @Mutation(() => BusinessReport, { description: "An affiliated company reports one period to its national centre" })
  async submitBusinessReport(@Arg("input") input: SubmitBusinessReportInput, @Ctx() ctx: RequestContext): Promise<BusinessReport> {
    return submitBusinessReport(await ctx.memberSession(), input);
  }

  @FieldResolver(() => Tenant, { description: "The reporting company" })
  async company(@Root() report: BusinessReport, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, report.tenantId);
  }

  @FieldResolver(() => User, { nullable: true })
  async submittedBy(@Root() report: BusinessReport, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, report.submittedBy);
  }
}
