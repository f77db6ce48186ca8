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
    description: "Standards of the companies the caller may read and of the acting centre's own companies, and approved standards published to the acting tenant; any member",
  })
  async serviceStandards(@Args() args: ServiceStandardListArgs, @Ctx() ctx: RequestContext) {
    return new ServiceStandardConnection(await listServiceStandards(await ctx.memberSession(), args));
  }

  @Query(() => ServiceStandard, { nullable: true, description: "One standard the caller may read; null when missing or not visible; any member" })
  async serviceStandard(@Arg("id", () => ID, { description: "The standard's id" }) id: string, @Ctx() ctx: RequestContext): Promise<ServiceStandard | null> {
    return (await ctx.memberSession()).loaders.affiliates.serviceStandardById.load(parseIdOrThrow(id));
  }

  @Mutation(() => ServiceStandard, { description: "Submits the next version of a standard and opens its review by the national centre; members of an affiliated company at authority level 3 or higher (department head, deputy, president)" })
  async submitServiceStandard(@Arg("input", { description: "The standard's title, scope and text" }) input: SubmitServiceStandardInput, @Ctx() ctx: RequestContext): Promise<ServiceStandard> {
    return submitServiceStandard(await ctx.memberSession(), input, ctx.settings.approvalSlaWorkingDays);
  }

  @FieldResolver(() => Tenant, {
    nullable: true,
    description: "The company; null for an ancestor that reads the published standard but not the company's subtree",
  })
  async company(@Root() standard: ServiceStandard, @Ctx() ctx: RequestContext): Promise<Tenant | null> {
    return tenantOrNull(ctx, standard.tenantId);
  }

  @FieldResolver(() => User, { nullable: true, description: "Who submitted this version" })
  async submittedBy(@Root() standard: ServiceStandard, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, standard.submittedBy);
  }
}

@Resolver(() => BusinessReport)
export class BusinessReportResolver {
  @Query(() => BusinessReportConnection, { description: "Reports of the companies the caller may read and of the acting centre's own companies; any member" })
  async businessReports(@Args() args: BusinessReportListArgs, @Ctx() ctx: RequestContext) {
    return new BusinessReportConnection(await listBusinessReports(await ctx.memberSession(), args));
  }

  @Query(() => BusinessReport, { nullable: true, description: "One report the caller may read; null when missing or not visible; any member" })
  async businessReport(@Arg("id", () => ID, { description: "The report's id" }) id: string, @Ctx() ctx: RequestContext): Promise<BusinessReport | null> {
    return (await ctx.memberSession()).loaders.affiliates.businessReportById.load(parseIdOrThrow(id));
  }

  @Mutation(() => BusinessReport, { description: "Reports one period to the national centre (one report per period); members of an affiliated company at authority level 3 or higher (department head, deputy, president)" })
  async submitBusinessReport(@Arg("input", { description: "The period and its figures" }) input: SubmitBusinessReportInput, @Ctx() ctx: RequestContext): Promise<BusinessReport> {
    return submitBusinessReport(await ctx.memberSession(), input);
  }

  @FieldResolver(() => Tenant, { description: "The reporting company" })
  async company(@Root() report: BusinessReport, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, report.tenantId);
  }

  @FieldResolver(() => User, { nullable: true, description: "Who submitted the report" })
  async submittedBy(@Root() report: BusinessReport, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, report.submittedBy);
  }
}
