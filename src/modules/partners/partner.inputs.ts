import { IsBoolean, IsEmail, IsEnum, IsInt, IsOptional, Matches, Max, MaxLength, Min, MinLength } from "class-validator";
import { ArgsType, Field, InputType, Int } from "type-graphql";
import { NameSearchArgs } from "../../shared/name-search";
import { NotBlank } from "../../shared/validation";
import { TenantStatus } from "../../context/tenant-kind";
import { PartnerType } from "./partner-profile.entity";

/** The format of every tenant code (e.g. CN-SH-CERT). */
export const TENANT_CODE = /^[A-Z0-9]+(-[A-Z0-9]+)*$/;

@InputType({ description: "A centre registers a partner company as its child tenant (APPLIED) with a first administrator" })
export class RegisterPartnerInput {
  @Field({ description: "Unique tenant code, upper-case letters and digits in dash-separated groups, at most 40 characters" })
  @Matches(TENANT_CODE, { message: "code must be upper-case letters and digits in dash-separated groups, e.g. CN-SH-CERT" })
  @MaxLength(40)
  code!: string;

  @Field({ description: "The company's name, at most 200 characters" })
  @NotBlank()
  @MaxLength(200)
  name!: string;

  @Field(() => PartnerType, { description: "The kind of partner" })
  @IsEnum(PartnerType)
  partnerType!: PartnerType;

  @Field({ description: "What the partner provides, at most 2000 characters" })
  @NotBlank()
  @MaxLength(2000)
  serviceScope!: string;

  @Field({ description: "The company's legal registration number" })
  @NotBlank()
  @MaxLength(100)
  registrationNumber!: string;

  @Field({ description: "The company's legal representative" })
  @NotBlank()
  @MaxLength(200)
  legalRepresentative!: string;

  @Field({ description: "The partner administrator's login, also the archive's contact email" })
  @IsEmail({}, { message: "adminEmail must be an email address" })
  @MaxLength(320)
  adminEmail!: string;

  @Field({ description: "The first administrator's display name" })
  @NotBlank()
  @MaxLength(200)
  adminDisplayName!: string;

  @Field({ description: "At least 12 characters: the administrator's password when the email is new to the network; a known user keeps their own" })
  @MinLength(12, { message: "adminPassword must be at least 12 characters" })
  @MaxLength(200)
  adminPassword!: string;
}

@InputType({ description: "Seed 003 §2: the qualification file, for admission or the periodic re-review" })
export class SubmitPartnerQualificationInput {
  @Field({ description: "The business licence, at most 5000 characters" })
  @NotBlank()
  @MaxLength(5000)
  licence!: string;

  @Field({ description: "The certificates held, at most 5000 characters" })
  @MaxLength(5000)
  certificates!: string;

  @Field({ description: "The professional team, at most 5000 characters" })
  @MaxLength(5000)
  team!: string;

  @Field({ description: "Client references, at most 5000 characters" })
  @MaxLength(5000)
  clientReferences!: string;
}

@ArgsType()
export class PartnerListArgs extends NameSearchArgs {
  @Field(() => TenantStatus, { nullable: true, description: "Only partners with this status" })
  @IsOptional()
  status?: TenantStatus;

  @Field(() => PartnerType, { nullable: true, description: "Only partners of this kind" })
  @IsOptional()
  partnerType?: PartnerType;

  @Field(() => Int, { nullable: true, description: "Only partners of this provider grade, 1 (best) – 4" })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4)
  grade?: number;

  @Field(() => Boolean, { nullable: true, description: "true: the periodic review is due (today or earlier); false: it is not" })
  @IsOptional()
  @IsBoolean()
  reviewDue?: boolean;
}
