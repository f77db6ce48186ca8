import { MaxLength } from "class-validator";
import { Field, InputType } from "type-graphql";
import { Department, Role } from "../../context/roles";
import { NotBlank } from "../../shared/validation";

@InputType({ description: "A new API key of the acting tenant" })
export class CreateApiKeyInput {
  @Field({ description: "What the key is for (the partner system's name), at most 200 characters" })
  @NotBlank()
  @MaxLength(200)
  name!: string;

  @Field(() => Role, { description: "The role the key acts with: at most the creator's own authority; AUDITOR only from a president" })
  role!: Role;

  @Field(() => Department, { description: "The department the key acts in" })
  department!: Department;

  @Field({ description: "When the key stops working: in the future, at most a year ahead" })
  expiresAt!: Date;
}
