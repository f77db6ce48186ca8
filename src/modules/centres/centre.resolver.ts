import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { RequestContext } from "../../context/request-context";
import { ApprovalRequest } from "../approvals/approval-request.entity";
import { openCentre } from "./centre-opening.service";
import { OpenCentreInput } from "./centre.inputs";

@Resolver()
export class CentreResolver {
  @Mutation(() => ApprovalRequest, {
    description:
      "Proposes a child centre of the acting tenant (head office: a national centre; a national centre: a city centre or an affiliated company), created APPLIED; answers the approval request its president decides, never the requester. On approval the centre becomes ACTIVE and firstAdmin is invited as its PRESIDENT; on rejection it is TERMINATED. A president, deputy or head of MANAGEMENT, never with an API key",
  })
  async openCentre(@Arg("input", { description: "The centre and its first administrator" }) input: OpenCentreInput, @Ctx() ctx: RequestContext): Promise<ApprovalRequest> {
    return openCentre(await ctx.memberSession(), input, ctx.settings.approvalSlaWorkingDays);
  }
}
