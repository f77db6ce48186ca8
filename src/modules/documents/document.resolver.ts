import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../../context/request-context";
import { parseIdOrThrow } from "../../shared/ids";
import { tenantOf } from "../tenancy/tenant-refs";
import { Tenant } from "../tenancy/tenant.entity";
import { downloadPath } from "./document-links";
import { Document, DocumentStatus, UploadTicket } from "./document.entity";
import { CreateUploadInput } from "./document.inputs";
import { createUpload } from "./document.service";

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

  @FieldResolver(() => Tenant, { description: "The tenant the document belongs to" })
  async tenant(@Root() document: Document, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, document.tenantId);
  }

  @FieldResolver(() => String, { nullable: true, description: "A short-lived URL (a path of this API) from which the caller, and only the caller, downloads the file with their own token; null while PENDING" })
  async downloadUrl(@Root() document: Document, @Ctx() ctx: RequestContext): Promise<string | null> {
    if (document.status !== DocumentStatus.STORED) return null;
    const { acting } = await ctx.memberSession();
    return downloadPath(ctx.jwtSecret, { documentId: document.id, userId: acting.userId });
  }
}
