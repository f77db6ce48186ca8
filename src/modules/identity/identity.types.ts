import { Field, ObjectType } from "type-graphql";
import { Tenant } from "../tenancy/tenant.entity";
import { Membership } from "./membership.entity";
import { User } from "./user.entity";

@ObjectType({ description: "The answer to a successful login: a bearer token and the user it was issued to" })
export class AuthPayload {
  @Field({ description: "Bearer token, valid for 12 hours" })
  token!: string;

  @Field(() => User, { description: "The user who signed in" })
  user!: User;
}

@ObjectType({ description: "The caller: who they are and the membership the request acts through" })
export class Viewer {
  @Field(() => User, { description: "The signed-in user" })
  user!: User;

  @Field(() => Membership, { description: "The membership the request acts through (the token's, or the one x-tenant-id picks)" })
  membership!: Membership;

  @Field(() => Tenant, { description: "The acting tenant" })
  tenant!: Tenant;
}
