import { ArrayMaxSize, IsEmail, IsOptional, IsUUID, Matches, MaxLength } from "class-validator";
import { ArgsType, Field, ID, InputType } from "type-graphql";
import { PageArgs } from "../../shared/pagination";
import { CommunicationChannel } from "./client-profile.entity";
import { CompanySize } from "./client.entity";
import { NotBlank } from "../../shared/validation";

const PHONE = /^\+?[0-9][0-9 ()-]{3,28}[0-9]$/;
const TAG = /^[\p{L}\p{N}][\p{L}\p{N} _-]{0,39}$/u;

/** The profile fields a client gets at creation and may change later; omitted: unchanged, null: cleared. */
@InputType()
abstract class ClientProfileInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100)
  industry?: string | null;

  @Field(() => CompanySize, { nullable: true })
  @IsOptional()
  companySize?: CompanySize | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(500)
  address?: string | null;

  @Field(() => String, { nullable: true, description: "The needs captured at intake (seed 001 step 1)" })
  @IsOptional()
  @MaxLength(5000)
  needs?: string | null;

  @Field(() => ID, { nullable: true, description: "The consultant responsible: a member of the client's tenant" })
  @IsOptional()
  @IsUUID("all", { message: "consultantId must be an id" })
  consultantId?: string | null;

  @Field(() => [String], { nullable: true, description: "Free labels for search; an update replaces them, null clears them" })
  @IsOptional()
  @ArrayMaxSize(20)
  @Matches(TAG, { each: true, message: "each tag is 1–40 letters, digits, spaces, - or _" })
  tags?: string[] | null;
}

@InputType({ description: "A new enterprise client of the caller's own centre" })
export class CreateClientInput extends ClientProfileInput {
  @Field()
  @NotBlank()
  @MaxLength(200)
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100)
  contactName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(PHONE, { message: "contactPhone must be a phone number" })
  contactPhone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: "contactEmail must be an email address" })
  contactEmail?: string | null;
}

@InputType({ description: "Changes to a client's profile; omitted fields stay as they are" })
export class UpdateClientInput extends ClientProfileInput {
  @Field(() => String, { nullable: true, description: "Null or omitted: unchanged" })
  @IsOptional()
  @NotBlank()
  @MaxLength(200)
  name?: string | null;
}

@InputType()
export class AddClientContactInput {
  @Field()
  @NotBlank()
  @MaxLength(100)
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100)
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(PHONE, { message: "phone must be a phone number" })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: "email must be an email address" })
  email?: string | null;

  @Field({ defaultValue: false })
  isPrimary!: boolean;
}

@InputType()
export class LogClientCommunicationInput {
  @Field(() => CommunicationChannel)
  channel!: CommunicationChannel;

  @Field({ nullable: true, description: "Defaults to now" })
  @IsOptional()
  occurredAt?: Date;

  @Field()
  @NotBlank()
  @MaxLength(5000)
  summary!: string;
}

@ArgsType()
export class ClientListArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: "Part of the name, any case" })
  @IsOptional()
  @MaxLength(200)
  search?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100)
  industry?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID("all", { message: "consultantId must be an id" })
  consultantId?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(40)
  tag?: string;
}
