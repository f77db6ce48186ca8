import { IsEmail, MaxLength } from "class-validator";
import { Field, InputType } from "type-graphql";
import { Department, Role } from "../../context/roles";
import { NotBlank } from "../../shared/validation";

@InputType({ description: "Who to invite into the acting tenant, and as what" })
export class InviteMemberInput {
  @Field({ description: "The invitee's e-mail address: the invitation goes there and becomes their sign-in email" })
  @IsEmail({}, { message: "email must be an e-mail address" })
  @MaxLength(254)
  email!: string;

  @Field({ description: "The invitee's name, at most 200 characters" })
  @NotBlank()
  @MaxLength(200)
  displayName!: string;

  @Field(() => Role, { description: "The role offered: at most the inviter's own authority; AUDITOR only from a president" })
  role!: Role;

  @Field(() => Department, { description: "The department the invitee joins" })
  department!: Department;
}

@InputType({ description: "A member's new role and department" })
export class UpdateMembershipInput {
  @Field(() => Role, { description: "The new role: at most the caller's own authority; AUDITOR only from a president" })
  role!: Role;

  @Field(() => Department, { description: "The new department" })
  department!: Department;
}
