import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../../context/request-context";
import { notFound } from "../../shared/errors";
import { parseIdOrThrow } from "../../shared/ids";
import { WorkingCalendarDay, WorkingCalendarDayInput } from "./working-calendar.types";
import { listWorkingCalendar, setWorkingCalendar } from "./working-calendar.service";

@Resolver(() => WorkingCalendarDay)
export class WorkingCalendarResolver {
  @Mutation(() => [WorkingCalendarDay], {
    description: "Sets local days off and extra working days of the acting tenant over its country's calendar; presidents and deputies",
  })
  async setWorkingCalendar(
    @Arg("dates", () => [WorkingCalendarDayInput], { description: "The days to set, at most 366" }) dates: WorkingCalendarDayInput[],
    @Ctx() ctx: RequestContext,
  ): Promise<WorkingCalendarDay[]> {
    return setWorkingCalendar(await ctx.memberSession(), dates);
  }

  @Query(() => [WorkingCalendarDay], { description: "A visible tenant's working calendar day by day over [from, to] (at most 366 days); any member" })
  async workingCalendar(
    @Arg("from", () => String, { description: "First local date, YYYY-MM-DD" }) from: string,
    @Arg("to", () => String, { description: "Last local date, YYYY-MM-DD (inclusive)" }) to: string,
    @Arg("tenantId", () => ID, { nullable: true, description: "The tenant; the acting tenant when omitted" }) tenantId: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<WorkingCalendarDay[]> {
    const session = await ctx.memberSession();
    const id = tenantId ? parseIdOrThrow(tenantId, "tenantId") : session.acting.tenantId;
    if (!session.acting.canSee(id)) throw notFound("Tenant not found");
    return listWorkingCalendar(session, id, from, to);
  }
}
