import { ArrayMaxSize, IsOptional, IsUUID, Max, MaxLength, Min } from "class-validator";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { PageArgs } from "../../shared/pagination";
import { GrantStatus } from "./grant.entity";
import { NotBlank } from "../../shared/validation";


@InputType({ description: "A request for authority of a level (1 highest – 4) over a matter, for the caller" })
export class RequestGrantInput {
  @Field({ description: "What the authority is about, at most 500 characters" })
  @NotBlank()
  @MaxLength(500)
  matter!: string;

  @Field({ description: "Where it applies, at most 2000 characters" })
  @NotBlank()
  @MaxLength(2000)
  scope!: string;

  @Field(() => Int, { description: "The level asked, 1 (highest) to 4; at most one above what the caller holds now" })
  @Min(1)
  @Max(4)
  level!: number;

  @Field(() => [String], {
    nullable: true,
    description:
      "The approval subject types whose steps the grant lets its holder decide (e.g. GRANT, PARTNER_CONTRACT); omitted or empty: none, the grant then only counts as held authority",
  })
  @IsOptional()
  @ArrayMaxSize(20)
  subjectTypes?: string[];

  @Field({ description: "When the grant should start to count" })
  validFrom!: Date;

  @Field({ description: "When it should stop counting; after validFrom and in the future" })
  validUntil!: Date;

  @Field(() => String, { nullable: true, description: "Why; shown to the deciders" })
  @IsOptional()
  @MaxLength(2000)
  reason?: string;
}

@ArgsType()
export class GrantListArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Only grants held by this user" })
  @IsOptional()
  @IsUUID("all", { message: "holderId must be an id" })
  holderId?: string;

  @Field(() => Int, { nullable: true, description: "Only grants of this level, 1–4" })
  @IsOptional()
  @Min(1)
  @Max(4)
  level?: number;

  @Field(() => GrantStatus, { nullable: true, description: "Only grants with this effective status now" })
  status?: GrantStatus;
}
