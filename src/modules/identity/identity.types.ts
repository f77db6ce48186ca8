import { Field, ObjectType } from "type-graphql";
import { Tenant } from "../tenancy/tenant.entity";
import { Membership } from "./membership.entity";
import { User } from "./user.entity";

@ObjectType()
export class AuthPayload {
  @Field({ description: "Bearer token, valid for 12 hours" })
  token!: string;

  @Field(() => User)
  user!: User;
}

@ObjectType({ description: "The caller: who they are and the membership the request acts through" })
export class Viewer {
  @Field(() => User)
  user!: User;

  @Field(() => Membership)
  membership!: Membership;

  @Field(() => Tenant, { description: "The acting tenant" })
  tenant!: Tenant;
}
