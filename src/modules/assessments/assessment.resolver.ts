import { Args, Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { tenantOf, tenantOrNull } from "../tenancy/tenant-refs";
import { userOrNull } from "../identity/user-refs";
import type { RequestContext } from "../../context/request-context";
import { Connection } from "../../shared/pagination";
import { User } from "../identity/user.entity";
import { Tenant } from "../tenancy/tenant.entity";
import { AssessmentListArgs, RecordAssessmentInput, SetAssessmentSchemeInput } from "./assessment.inputs";
import { effectiveAssessmentScheme, listAssessments, recordAssessment, setAssessmentScheme } from "./assessment.service";
import { AssessmentScheme } from "./assessment-scheme.entity";
import { ProviderAssessment } from "./provider-assessment.entity";

export const ProviderAssessmentConnection = Connection(ProviderAssessment, "ProviderAssessment");

@Resolver(() => AssessmentScheme)
export class AssessmentSchemeResolver {
  @Query(() => AssessmentScheme, { description: "The acting tenant's scheme: its own, else its nearest ancestor's, else the default; any member" })
  async assessmentScheme(@Ctx() ctx: RequestContext): Promise<AssessmentScheme> {
    return effectiveAssessmentScheme(await ctx.memberSession());
  }

  @Mutation(() => AssessmentScheme, { description: "Sets the acting centre's own scheme; members of head office or a national or city centre at authority level 2 or higher" })
  async setAssessmentScheme(@Arg("input", { description: "The weights and thresholds" }) input: SetAssessmentSchemeInput, @Ctx() ctx: RequestContext): Promise<AssessmentScheme> {
    return setAssessmentScheme(await ctx.memberSession(), input);
  }

  @FieldResolver(() => Tenant, { nullable: true, description: "The tenant whose scheme it is; null for the built-in default" })
  async definedBy(@Root() scheme: AssessmentScheme, @Ctx() ctx: RequestContext): Promise<Tenant | null> {
    return tenantOrNull(ctx, scheme.tenantId);
  }
}

@Resolver(() => ProviderAssessment)
export class ProviderAssessmentResolver {
  @Query(() => ProviderAssessmentConnection, { description: "Assessments the caller reads: a provider its own, a centre its providers', the chain above them theirs; any member" })
  async assessments(@Args() args: AssessmentListArgs, @Ctx() ctx: RequestContext) {
    return new ProviderAssessmentConnection(await listAssessments(await ctx.memberSession(), args));
  }

  @Mutation(() => ProviderAssessment, { description: "Records one period's KPI scores and sets the provider grade; members of the provider's own centre at authority level 3 or higher" })
  async recordAssessment(@Arg("input", { description: "The provider, the period and its four scores" }) input: RecordAssessmentInput, @Ctx() ctx: RequestContext): Promise<ProviderAssessment> {
    return recordAssessment(await ctx.memberSession(), input);
  }

  @FieldResolver(() => Tenant, { description: "The partner or affiliated company assessed" })
  async provider(@Root() assessment: ProviderAssessment, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, assessment.tenantId);
  }

  @FieldResolver(() => Tenant, { description: "The centre that assessed it" })
  async assessedByCentre(@Root() assessment: ProviderAssessment, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, assessment.parentTenantId);
  }

  @FieldResolver(() => User, { nullable: true, description: "Who recorded it" })
  async assessedBy(@Root() assessment: ProviderAssessment, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, assessment.assessedBy);
  }
}
