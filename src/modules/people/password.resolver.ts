import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { RequestContext } from "../../context/request-context";
import { changePassword, requestPasswordReset, resetPassword, signOutEverywhere } from "./password.service";

@Resolver()
export class PasswordResolver {
  @Mutation(() => Boolean, { description: "Changes the caller's own password (the current one required; counted as a login attempt); existing sessions go on; any member" })
  async changePassword(
    @Arg("currentPassword", { description: "The password in use now" }) currentPassword: string,
    @Arg("newPassword", { description: "At least 12 characters, not a common password" }) newPassword: string,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    return changePassword(await ctx.memberSession(), { currentPassword, newPassword }, ctx);
  }

  @Mutation(() => Boolean, { description: "Ends every session of the caller: each token issued so far, this one included, is refused from its next request; any member" })
  async signOutEverywhere(@Ctx() ctx: RequestContext): Promise<boolean> {
    return signOutEverywhere(await ctx.memberSession());
  }

  @Mutation(() => Boolean, { description: "E-mails a single-use reset link valid for an hour where the address has an account (in the language Accept-Language names, else the account's tenant's locale); always answers true; anyone may call it (counted as a login attempt on the address)" })
  async requestPasswordReset(@Arg("email", { description: "The account's sign-in email" }) email: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    await ctx.loginThrottle.consumeOrThrow({ email, clientAddress: ctx.clientAddress });
    return requestPasswordReset(await ctx.anonymousSession(), { email, language: ctx.requestedLanguage }, ctx.settings);
  }

  @Mutation(() => Boolean, { description: "Sets a new password with the token of a reset e-mail (once) and ends every earlier session of the account; anyone may call it" })
  async resetPassword(
    @Arg("token", { description: "The token of the reset link" }) token: string,
    @Arg("newPassword", { description: "At least 12 characters, not a common password" }) newPassword: string,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    return resetPassword(await ctx.anonymousSession(), { token, newPassword });
  }
}
