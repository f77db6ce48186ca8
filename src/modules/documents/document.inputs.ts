import { IsInt, Matches, MaxLength, Min } from "class-validator";
import { Field, InputType, Int } from "type-graphql";
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
