import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsInt, IsOptional, Matches, MaxLength, Min } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { NotBlank } from "../../shared/validation";

@InputType({ description: "The file about to be uploaded, as the client knows it" })
export class CreateUploadInput {
  @Field({ description: "The file's name; any path is dropped, control characters removed; at most 255 characters" })
  @NotBlank()
  @MaxLength(1000)
  fileName!: string;

  @Field({ description: "Its media type, one of the allowed ones (UPLOAD_CONTENT_TYPES); the content must turn out to be of this type" })
  @NotBlank()
  @MaxLength(200)
  contentType!: string;

  @Field(() => Int, { description: "Its exact size in bytes, at most MAX_UPLOAD_BYTES" })
  @IsInt()
  @Min(1)
  byteSize!: number;

  @Field({ description: "The SHA-256 of its content, 64 hex digits" })
  @Matches(/^[0-9a-fA-F]{64}$/, { message: "sha256 must be 64 hex digits" })
  sha256!: string;
}

@InputType({ description: "An evidence package: chosen documents of one service case, for a certification body, until an expiry" })
export class CreateEvidencePackageInput {
  @Field(() => ID, { description: "The service case whose documents are shared" })
  caseId!: string;

  @Field({ description: "What the package is for, shown in its manifest; at most 200 characters" })
  @NotBlank()
  @MaxLength(200)
  title!: string;

  @Field(() => [ID], { description: "Stored documents attached to the case, in the manifest's order; 1 to 100, each once" })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  documentIds!: string[];

  @Field(() => ID, { nullable: true, description: "The certification body, when it is a PARTNER tenant of the network: its members then read the package and record the case's certification result" })
  @IsOptional()
  recipientTenantId?: string;

  @Field({ description: "When the package's URLs stop working: in the future, at most 30 days from now" })
  expiresAt!: Date;
}
