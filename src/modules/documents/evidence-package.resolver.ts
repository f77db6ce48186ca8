import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../../context/request-context";
import { PageArgs } from "../../shared/pagination";
import { CertificationReview } from "../cases/case-records.entity";
import { ServiceCase } from "../cases/service-case.entity";
import { tenantOrNull } from "../tenancy/tenant-refs";
import { Tenant } from "../tenancy/tenant.entity";
import { Document } from "./document.entity";
import { CreateEvidencePackageInput } from "./document.inputs";
import {
  CreatedEvidencePackage,
  EvidencePackage,
  EvidencePackageAccess,
  EvidencePackageConnection,
  EvidencePackageStatus,
  evidencePackageStatus,
} from "./evidence-package.entity";
import { createEvidencePackage, listEvidencePackages, revokeEvidencePackage } from "./evidence-package.service";

const CASE_WRITERS = "the case's consultant, or a staff member (or above) of its centre";

@Resolver(() => EvidencePackage)
export class EvidencePackageResolver {
  @Mutation(() => CreatedEvidencePackage, {
    description: `Shares stored documents attached to a case, read-only, until expiresAt (at most 30 days), through a share URL and with an optional PARTNER recipient; ${CASE_WRITERS}`,
  })
  async createEvidencePackage(
    @Arg("input", { description: "The case, the documents, the recipient and the expiry" }) input: CreateEvidencePackageInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreatedEvidencePackage> {
    return createEvidencePackage(await ctx.memberSession(), ctx.settings, input);
  }

  @Mutation(() => EvidencePackage, { description: `Ends a package at once: its share URL and every file URL under it answer 410; ${CASE_WRITERS}` })
  async revokeEvidencePackage(@Arg("id", () => ID, { description: "The package's id" }) id: string, @Ctx() ctx: RequestContext): Promise<EvidencePackage> {
    return revokeEvidencePackage(await ctx.memberSession(), id);
  }

  @Query(() => EvidencePackageConnection, { description: "Evidence packages sent by, or addressed to, the tenants the caller may read, oldest first; any member" })
  async evidencePackages(@Args() args: PageArgs, @Ctx() ctx: RequestContext) {
    return new EvidencePackageConnection(await listEvidencePackages(await ctx.memberSession(), args));
  }

  @FieldResolver(() => EvidencePackageStatus, { description: "ACTIVE until revoked (REVOKED) or past expiresAt (EXPIRED)" })
  status(@Root() evidencePackage: EvidencePackage): EvidencePackageStatus {
    return evidencePackageStatus(evidencePackage);
  }

  @FieldResolver(() => ServiceCase, { nullable: true, description: "The case whose documents it shares; null for a recipient, who does not read the case" })
  async case(@Root() evidencePackage: EvidencePackage, @Ctx() ctx: RequestContext): Promise<ServiceCase | null> {
    return (await ctx.memberSession()).loaders.cases.serviceCaseById.load(evidencePackage.caseId);
  }

  @FieldResolver(() => [Document], { description: "Its documents in the manifest's order, those the caller reads: a recipient reads them while the package is ACTIVE" })
  async documents(@Root() evidencePackage: EvidencePackage, @Ctx() ctx: RequestContext): Promise<Document[]> {
    return (await ctx.memberSession()).loaders.documents.documentsByPackageId.load(evidencePackage.id);
  }

  @FieldResolver(() => Tenant, { nullable: true, description: "The PARTNER tenant it is addressed to; null when it is shared by URL alone" })
  async recipientTenant(@Root() evidencePackage: EvidencePackage, @Ctx() ctx: RequestContext): Promise<Tenant | null> {
    return tenantOrNull(ctx, evidencePackage.recipientTenantId);
  }

  @FieldResolver(() => [EvidencePackageAccess], { description: "Every read of its manifest and files, through the share URL or by the recipient, oldest first" })
  async accesses(@Root() evidencePackage: EvidencePackage, @Ctx() ctx: RequestContext): Promise<EvidencePackageAccess[]> {
    return (await ctx.memberSession()).loaders.documents.accessesByPackageId.load(evidencePackage.id);
  }

  @FieldResolver(() => [CertificationReview], {
    description: "The case's certification reviews: the recipient reads them while the package is ACTIVE, and records a review's result (recordCertificationResult)",
  })
  async certificationReviews(@Root() evidencePackage: EvidencePackage, @Ctx() ctx: RequestContext): Promise<CertificationReview[]> {
    return (await ctx.memberSession()).loaders.cases.certificationReviewsByCaseId.load(evidencePackage.caseId);
  }
}
