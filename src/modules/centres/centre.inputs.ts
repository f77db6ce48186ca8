import { IsEmail, IsOptional, Matches, MaxLength, ValidateNested } from "class-validator";
import { Field, InputType } from "type-graphql";
import { TenantKind } from "../../context/tenant-kind";
import { NotBlank } from "../../shared/validation";
import { TENANT_CODE } from "../partners/partner.inputs";

@InputType({ description: "The person who becomes the new centre's first president, by invitation, once the opening is approved" })
export class FirstAdminInput {
  @Field({ description: "Their e-mail address: the invitation goes there once the opening is approved" })
  @IsEmail({}, { message: "email must be an e-mail address" })
  @MaxLength(254)
  email!: string;

  @Field({ description: "Their name, at most 200 characters" })
  @NotBlank()
  @MaxLength(200)
  displayName!: string;
}

@InputType({ description: "A proposed child centre of the acting tenant" })
export class OpenCentreInput {
  @Field(() => TenantKind, { description: "NATIONAL_CENTRE from head office; CITY_CENTRE or AFFILIATED_COMPANY from a national centre" })
  kind!: TenantKind;

  @Field({ description: "Unique tenant code, upper-case letters and digits in dash-separated groups, at most 40 characters" })
  @Matches(TENANT_CODE, { message: "code must be upper-case letters and digits in dash-separated groups, e.g. CN-GZ" })
  @MaxLength(40)
  code!: string;

  @Field({ description: "The centre's name, at most 200 characters" })
  @NotBlank()
  @MaxLength(200)
  name!: string;

  @Field(() => String, { nullable: true, description: "Legal registration number; required for an affiliated company (an independent legal entity, seed 000)" })
  @IsOptional()
  @MaxLength(100)
  registrationNumber?: string | null;

  @Field(() => String, { nullable: true, description: "Legal representative; required for an affiliated company" })
  @IsOptional()
  @MaxLength(200)
  legalRepresentative?: string | null;

  @Field(() => FirstAdminInput, { description: "Who is invited as the centre's first president on approval" })
  @ValidateNested()
  firstAdmin!: FirstAdminInput;
}
