import { IsOptional, IsUUID, Max, MaxLength, Min } from "class-validator";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { PageArgs } from "../../shared/pagination";
import { GrantStatus } from "./grant.entity";
import { NotBlank } from "../../shared/validation";


@InputType({ description: "A request for authority of a level (1 highest – 4) over a matter, for the caller" })
export class RequestGrantInput {
  @Field({ description: "What the authority is about" })
  @NotBlank()
  @MaxLength(500)
  matter!: string;

  @Field({ description: "Where it applies" })
  @NotBlank()
  @MaxLength(2000)
  scope!: string;

  @Field(() => Int)
  @Min(1)
  @Max(4)
  level!: number;

  @Field()
  validFrom!: Date;

  @Field()
  validUntil!: Date;

  @Field(() => String, { nullable: true, description: "Why; shown to the deciders" })
  @IsOptional()
  @MaxLength(2000)
  reason?: string;
}

@ArgsType()
export class GrantListArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID("all", { message: "holderId must be an id" })
  holderId?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1)
  @Max(4)
  level?: number;

  @Field(() => GrantStatus, { nullable: true })
  status?: GrantStatus;
}
