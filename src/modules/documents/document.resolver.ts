import { Arg, Ctx, FieldResolver, Float, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../../context/request-context";
import { parseIdOrThrow } from "../../shared/ids";
import { tenantOf } from "../tenancy/tenant-refs";
import { Tenant } from "../tenancy/tenant.entity";
import { BusinessReport } from "../affiliates/business-report.entity";
import { ServiceCase } from "../cases/service-case.entity";
import { Complaint } from "../complaints/complaint.entity";
import { PartnerContract } from "../contracts/contract.entity";
import { FeeSettlement } from "../fee-settlements/fee-settlement.entity";
import { OperationProject } from "../operations/operation-project.entity";
import { PartnerQualification } from "../partners/partner-qualification.entity";
import { publicAddress } from "../mail/mail-settings";
import { subjectKey } from "./document.loaders";
import { downloadPath } from "./document-links";
import { Document, DocumentStatus, UploadTicket } from "./document.entity";
import { CreateUploadInput } from "./document.inputs";
import { attachDocument, createUpload, documentsOf } from "./document.service";
import { DocumentSubject } from "./document-subjects";

@Resolver(() => Document)
export class DocumentResolver {
  @Query(() => Document, { nullable: true, description: "One document the caller may read (where its tenant's rows are read); null when missing or not visible; any member" })
  async document(@Arg("id", () => ID, { description: "The document's id" }) id: string, @Ctx() ctx: RequestContext): Promise<Document | null> {
    return (await ctx.memberSession()).loaders.documents.documentById.load(parseIdOrThrow(id));
  }

  @Mutation(() => UploadTicket, { description: "Creates a PENDING document in the acting tenant and a single-use upload URL for its bytes; members who write their tenant" })
  async createUpload(@Arg("input", { description: "The file's name, type, size and SHA-256" }) input: CreateUploadInput, @Ctx() ctx: RequestContext): Promise<UploadTicket> {
    return createUpload(await ctx.memberSession(), ctx.settings, input);
  }

  @Query(() => [Document], { description: "The documents attached to a record the caller reads, those the caller may read (where their tenant's rows are read); NOT_FOUND when the record is not readable; any member" })
  async documents(
    @Arg("subjectType", () => DocumentSubject, { description: "The kind of record" }) subjectType: DocumentSubject,
    @Arg("subjectId", () => ID, { description: "The record's id" }) subjectId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Document[]> {
    return documentsOf(await ctx.memberSession(), subjectType, parseIdOrThrow(subjectId, "subjectId"));
  }

  @Mutation(() => Document, { description: "Attaches a stored document of the acting tenant to a record the caller may change; members who write their tenant" })
  async attachDocument(
    @Arg("documentId", () => ID, { description: "The stored document" }) documentId: string,
    @Arg("subjectType", () => DocumentSubject, { description: "The kind of record" }) subjectType: DocumentSubject,
    @Arg("subjectId", () => ID, { description: "The record's id" }) subjectId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Document> {
    return attachDocument(await ctx.memberSession(), {
      documentId: parseIdOrThrow(documentId, "documentId"),
      subjectType,
      subjectId: parseIdOrThrow(subjectId, "subjectId"),
    });
  }

  @FieldResolver(() => Tenant, { description: "The tenant the document belongs to" })
  async tenant(@Root() document: Document, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, document.tenantId);
  }

  @FieldResolver(() => String, { nullable: true, description: "A short-lived URL (under PUBLIC_URL when set, else a path of this API) from which the caller, and only the caller, downloads the file with their own token; null while PENDING" })
  async downloadUrl(@Root() document: Document, @Ctx() ctx: RequestContext): Promise<string | null> {
    if (document.status !== DocumentStatus.STORED) return null;
    const { acting } = await ctx.memberSession();
    return publicAddress(ctx.settings.publicUrl, downloadPath(ctx.jwtSecret, { documentId: document.id, userId: acting.userId }));
  }
}

/** `documents` on a record's type: what documentsOf answers for it (its row is already readable). */
function documentsField(subject: DocumentSubject, type: Function) {
  @Resolver(() => type)
  class SubjectDocumentsResolver {
    @FieldResolver(() => [Document], { description: "The documents attached to it that the caller may read" })
    async documents(@Root() row: { id: string }, @Ctx() ctx: RequestContext): Promise<Document[]> {
      return (await ctx.memberSession()).loaders.documents.documentsBySubject.load(subjectKey(subject, row.id));
    }
  }
  return SubjectDocumentsResolver;
}

/** Each subject type gains `documents`. */
export const SUBJECT_DOCUMENTS_RESOLVERS = [
  documentsField(DocumentSubject.SERVICE_CASE, ServiceCase),
  documentsField(DocumentSubject.PARTNER_QUALIFICATION, PartnerQualification),
  documentsField(DocumentSubject.PARTNER_CONTRACT, PartnerContract),
  documentsField(DocumentSubject.FEE_SETTLEMENT, FeeSettlement),
  documentsField(DocumentSubject.COMPLAINT, Complaint),
  documentsField(DocumentSubject.OPERATION_PROJECT, OperationProject),
  documentsField(DocumentSubject.BUSINESS_REPORT, BusinessReport),
];

@Resolver(() => Tenant)
export class TenantStorageResolver {
  @FieldResolver(() => Float, {
    nullable: true,
    description: "The bytes its stored documents take, counted against its storage quota (exact at every commit); null where the caller does not read the tenant's rows",
  })
  async storageUsedBytes(@Root() tenant: Tenant, @Ctx() ctx: RequestContext): Promise<number | null> {
    return (await ctx.memberSession()).loaders.documents.storageUsedByTenantId.load(tenant.id);
  }

  @FieldResolver(() => Float, { description: "The bytes each tenant may keep stored (STORAGE_QUOTA_BYTES); createUpload answers QUOTA_EXCEEDED beyond it" })
  storageQuotaBytes(@Ctx() ctx: RequestContext): number {
    return ctx.settings.storageQuotaBytes;
  }
}
