import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../../context/request-context";
import { Connection, PageArgs } from "../../shared/pagination";
import { User } from "../identity/user.entity";
import { userOrNull } from "../identity/user-refs";
import { Tenant } from "../tenancy/tenant.entity";
import { tenantOf } from "../tenancy/tenant-refs";
import { ApiKey, CreatedApiKey } from "./api-key.entity";
import { CreateApiKeyInput } from "./api-key.inputs";
import { createApiKey, listApiKeys, revokeApiKey } from "./api-key.service";

export const ApiKeyConnection = Connection(ApiKey, "ApiKey");

const ADMINISTRATORS = "the tenant's president or a deputy, never with an API key";

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Query(() => ApiKeyConnection, { description: `API keys of the tenants the caller may read, oldest first; ${ADMINISTRATORS}` })
  async apiKeys(@Args() args: PageArgs, @Ctx() ctx: RequestContext) {
    return new ApiKeyConnection(await listApiKeys(await ctx.memberSession(), args));
  }

  @Mutation(() => CreatedApiKey, { description: `Creates an API key of the acting tenant for a partner system, with a role no higher than the caller's and an expiry at most a year ahead; answers its secret once; ${ADMINISTRATORS}` })
  async createApiKey(@Arg("input", { description: "The key's name, role, department and expiry" }) input: CreateApiKeyInput, @Ctx() ctx: RequestContext): Promise<CreatedApiKey> {
    return createApiKey(await ctx.memberSession(), input);
  }

  @Mutation(() => ApiKey, { description: `Revokes an API key of the acting tenant: it is refused from the next request on; ${ADMINISTRATORS}` })
  async revokeApiKey(@Arg("id", () => ID, { description: "The key's id" }) id: string, @Ctx() ctx: RequestContext): Promise<ApiKey> {
    return revokeApiKey(await ctx.memberSession(), id);
  }

  @FieldResolver(() => Tenant, { description: "The tenant the key acts in" })
  async tenant(@Root() apiKey: ApiKey, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, apiKey.tenantId);
  }

  @FieldResolver(() => User, { nullable: true, description: "Who created the key (its changes are audited as the key and as this user); null where not visible" })
  async createdBy(@Root() apiKey: ApiKey, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, apiKey.createdBy);
  }
}
