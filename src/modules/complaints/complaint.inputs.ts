import { IsOptional, IsUUID, MaxLength } from "class-validator";
import { ArgsType, Field, ID, InputType } from "type-graphql";
import { PageArgs } from "../../shared/pagination";
import { NotBlank } from "../../shared/validation";
import { ComplaintStatus } from "./complaint.entity";

@InputType({ description: "A complaint raised by a provider about its centre, or by a centre about one of its providers" })
export class OpenComplaintInput {
  @Field(() => ID, { nullable: true, description: "The provider (partner or affiliated company); omitted: the acting provider itself" })
  @IsOptional()
  @IsUUID("all", { message: "providerId must be an id" })
  providerId?: string;

  @Field({ description: "What the complaint is about, at most 300 characters" })
  @NotBlank()
  @MaxLength(300)
  subject!: string;

  @Field({ description: "The complaint in full, at most 10000 characters" })
  @NotBlank()
  @MaxLength(10000)
  description!: string;
}

@ArgsType()
export class ComplaintListArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Only complaints involving this provider (its tenant id)" })
  @IsOptional()
  @IsUUID("all", { message: "providerId must be an id" })
  providerId?: string;

  @Field(() => ComplaintStatus, { nullable: true, description: "Only complaints with this status" })
  status?: ComplaintStatus;
}
