import { ArrayMaxSize, IsEmail, IsOptional, IsUUID, Matches, MaxLength } from "class-validator";
import { ArgsType, Field, ID, InputType } from "type-graphql";
import { NameSearchArgs } from "../../shared/name-search";
import { CommunicationChannel } from "./client-profile.entity";
import { CompanySize } from "./client.entity";
import { NotBlank } from "../../shared/validation";

const PHONE = /^\+?[0-9][0-9 ()-]{3,28}[0-9]$/;
const TAG = /^[\p{L}\p{N}][\p{L}\p{N} _-]{0,39}$/u;

/** The profile fields a client gets at creation and may change later; omitted: unchanged, null: cleared. */
@InputType()
abstract class ClientProfileInput {
  @Field(() => String, { nullable: true, description: "The client's industry, free text, at most 100 characters" })
  @IsOptional()
  @MaxLength(100)
  industry?: string | null;

  @Field(() => CompanySize, { nullable: true, description: "The company's size" })
  @IsOptional()
  companySize?: CompanySize | null;

  @Field(() => String, { nullable: true, description: "The company's address, at most 500 characters" })
  @IsOptional()
  @MaxLength(500)
  address?: string | null;

  @Field(() => String, { nullable: true, description: "The needs captured at intake (seed 001 step 1)" })
  @IsOptional()
  @MaxLength(5000)
  needs?: string | null;

  @Field(() => ID, { nullable: true, description: "The consultant responsible (a user id): a working member of the client's tenant" })
  @IsOptional()
  @IsUUID("all", { message: "consultantId must be an id" })
  consultantId?: string | null;

  @Field(() => [String], { nullable: true, description: "Free labels for search (at most 20, each 1–40 letters, digits, spaces, - or _); an update replaces them, null clears them" })
  @IsOptional()
  @ArrayMaxSize(20)
  @Matches(TAG, { each: true, message: "each tag is 1–40 letters, digits, spaces, - or _" })
  tags?: string[] | null;
}

@InputType({ description: "A new enterprise client of the caller's own centre" })
export class CreateClientInput extends ClientProfileInput {
  @Field({ description: "The company's name, at most 200 characters" })
  @NotBlank()
  @MaxLength(200)
  name!: string;

  @Field(() => String, { nullable: true, description: "The main contact person's name" })
  @IsOptional()
  @MaxLength(100)
  contactName?: string | null;

  @Field(() => String, { nullable: true, description: "The main contact's phone number (digits, spaces, ( ) -, optional leading +)" })
  @IsOptional()
  @Matches(PHONE, { message: "contactPhone must be a phone number" })
  contactPhone?: string | null;

  @Field(() => String, { nullable: true, description: "The main contact's email address" })
  @IsOptional()
  @IsEmail({}, { message: "contactEmail must be an email address" })
  contactEmail?: string | null;
}

@InputType({ description: "Changes to a client's profile; omitted fields stay as they are" })
export class UpdateClientInput extends ClientProfileInput {
  @Field(() => String, { nullable: true, description: "The company's new name, at most 200 characters; null or omitted: unchanged" })
  @IsOptional()
  @NotBlank()
  @MaxLength(200)
  name?: string | null;
}

@InputType({ description: "A new contact person at a client" })
export class AddClientContactInput {
  @Field({ description: "The contact's name, at most 100 characters" })
  @NotBlank()
  @MaxLength(100)
  name!: string;

  @Field(() => String, { nullable: true, description: "The contact's job title" })
  @IsOptional()
  @MaxLength(100)
  title?: string | null;

  @Field(() => String, { nullable: true, description: "The contact's phone number (digits, spaces, ( ) -, optional leading +)" })
  @IsOptional()
  @Matches(PHONE, { message: "phone must be a phone number" })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: "The contact's email address" })
  @IsOptional()
  @IsEmail({}, { message: "email must be an email address" })
  email?: string | null;

  @Field({ defaultValue: false, description: "Whether this is the client's primary contact" })
  isPrimary!: boolean;
}

@InputType({ description: "One conversation with a client, for its communication log" })
export class LogClientCommunicationInput {
  @Field(() => CommunicationChannel, { description: "How the conversation took place" })
  channel!: CommunicationChannel;

  @Field({ nullable: true, description: "When it took place; defaults to now" })
  @IsOptional()
  occurredAt?: Date;

  @Field({ description: "What was said or agreed, at most 5000 characters" })
  @NotBlank()
  @MaxLength(5000)
  summary!: string;
}

@ArgsType()
export class ClientListArgs extends NameSearchArgs {
  @Field(() => String, { nullable: true, description: "Only clients of this industry, any case" })
  @IsOptional()
  @MaxLength(100)
  industry?: string;

  @Field(() => ID, { nullable: true, description: "Only clients whose consultant is this user" })
  @IsOptional()
  @IsUUID("all", { message: "consultantId must be an id" })
  consultantId?: string;

  @Field(() => String, { nullable: true, description: "Only clients carrying this tag (exact)" })
  @IsOptional()
  @MaxLength(40)
  tag?: string;
}
