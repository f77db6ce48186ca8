import { IsEmail, IsOptional, Matches, MaxLength } from "class-validator";
import { Field, InputType } from "type-graphql";
import { CompanySize } from "./client.entity";

const NOT_BLANK = /\S/;
const PHONE = /^\+?[0-9][0-9 ()-]{3,28}[0-9]$/;

@InputType({ description: "A new enterprise client of the caller's own centre" })
export class CreateClientInput {
  @Field()
  @Matches(NOT_BLANK, { message: "name must not be blank" })
  @MaxLength(200)
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100)
  industry?: string | null;

  @Field(() => CompanySize, { nullable: true })
  @IsOptional()
  companySize?: CompanySize | null;

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

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(500)
  address?: string | null;

  @Field(() => String, { nullable: true, description: "The needs captured at intake (seed 001 step 1)" })
  @IsOptional()
  @MaxLength(5000)
  needs?: string | null;
}
