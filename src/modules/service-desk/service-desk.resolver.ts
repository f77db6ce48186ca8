import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../../context/request-context";
import { parseIdOrThrow } from "../../shared/ids";
import { Connection, PageArgs } from "../../shared/pagination";
import { ServiceCase } from "../cases/service-case.entity";
import { Client } from "../crm/client.entity";
import { User } from "../identity/user.entity";
import { userOrNull } from "../identity/user-refs";
import { Tenant } from "../tenancy/tenant.entity";
import { tenantOf } from "../tenancy/tenant-refs";
import { Revisit } from "./revisit.entity";
import { RaiseServiceRequestInput, RecordRevisitInput, RevisitListArgs, ScheduleRevisitInput, ServiceRequestListArgs } from "./service-desk.inputs";
import {
  closeServiceRequest,
  listOverdueRevisits,
  listRevisits,
  listServiceRequests,
  raiseServiceRequest,
  rateServiceRequest,
  reassignServiceRequest,
  recordRevisit,
  reopenServiceRequest,
  resolveServiceRequest,
  scheduleRevisit,
  startServiceRequest,
} from "./service-desk.service";
import { ServiceRequest, ServiceRequestTransition } from "./service-request.entity";

export const ServiceRequestConnection = Connection(ServiceRequest, "ServiceRequest");
export const RevisitConnection = Connection(Revisit, "Revisit");

const WRITERS = "members of the client's centre, not auditors; a consultant only on what is assigned to them";
const requestIdArg = () => Arg("id", () => ID, { description: "The service request's id" });

@Resolver(() => ServiceRequest)
export class ServiceRequestResolver {
  @Query(() => ServiceRequestConnection, { description: "Problems and complaints of the tenants the caller may read, oldest first; any member" })
  async serviceRequests(@Args() args: ServiceRequestListArgs, @Ctx() ctx: RequestContext) {
    return new ServiceRequestConnection(await listServiceRequests(await ctx.memberSession(), args));
  }

  @Query(() => ServiceRequest, { nullable: true, description: "One problem or complaint; null when missing or not visible; any member" })
  async serviceRequest(@requestIdArg() requestId: string, @Ctx() ctx: RequestContext): Promise<ServiceRequest | null> {
    return (await ctx.memberSession()).loaders.serviceDesk.serviceRequestById.load(parseIdOrThrow(requestId));
  }

  @Mutation(() => ServiceRequest, { description: "Takes down a client's problem or complaint, at OPEN, with its handler and deadline; members of the client's centre, not auditors" })
  async raiseServiceRequest(@Arg("input", { description: "Kind, channel, client, and what the client said" }) input: RaiseServiceRequestInput, @Ctx() ctx: RequestContext): Promise<ServiceRequest> {
    return raiseServiceRequest(await ctx.memberSession(), input, ctx.settings);
  }

  @Mutation(() => ServiceRequest, { description: `OPEN → IN_PROGRESS: the handler starts; CONFLICT from any other status; ${WRITERS}` })
  async startServiceRequest(
    @requestIdArg() requestId: string,
    @Arg("note", () => String, { nullable: true, description: "A note kept in its history" }) note: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<ServiceRequest> {
    return startServiceRequest(await ctx.memberSession(), requestId, note ?? undefined);
  }

  @Mutation(() => ServiceRequest, { description: `IN_PROGRESS → RESOLVED with the resolution; CONFLICT from any other status; ${WRITERS}` })
  async resolveServiceRequest(
    @requestIdArg() requestId: string,
    @Arg("resolution", { description: "What was done; not blank" }) resolution: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ServiceRequest> {
    return resolveServiceRequest(await ctx.memberSession(), requestId, resolution);
  }

  @Mutation(() => ServiceRequest, { description: `RESOLVED → CLOSED; CONFLICT from any other status; ${WRITERS}` })
  async closeServiceRequest(
    @requestIdArg() requestId: string,
    @Arg("note", () => String, { nullable: true, description: "A note kept in its history" }) note: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<ServiceRequest> {
    return closeServiceRequest(await ctx.memberSession(), requestId, note ?? undefined);
  }

  @Mutation(() => ServiceRequest, {
    description: `RESOLVED or CLOSED → IN_PROGRESS when the client disagrees, within SERVICE_REQUEST_REOPEN_DAYS of the latest resolution; CONFLICT otherwise; ${WRITERS}`,
  })
  async reopenServiceRequest(
    @requestIdArg() requestId: string,
    @Arg("reason", { description: "Why the client disagrees; not blank" }) reason: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ServiceRequest> {
    return reopenServiceRequest(await ctx.memberSession(), requestId, reason, ctx.settings.serviceRequestReopenDays);
  }

  @Mutation(() => ServiceRequest, { description: `Records the client's satisfaction with a resolved complaint's handling, once; ${WRITERS}` })
  async rateServiceRequest(
    @requestIdArg() requestId: string,
    @Arg("satisfaction", () => Int, { description: "The client's answer, a whole number from 0 to 100; 80 or more counts as satisfied" }) satisfaction: number,
    @Ctx() ctx: RequestContext,
  ): Promise<ServiceRequest> {
    return rateServiceRequest(await ctx.memberSession(), requestId, satisfaction);
  }

  @Mutation(() => ServiceRequest, { description: `Hands it to another handler (staff or consultant of the centre) until it is closed; CONFLICT once CLOSED; ${WRITERS}` })
  async reassignServiceRequest(
    @requestIdArg() requestId: string,
    @Arg("handlerId", () => ID, { description: "The new handler's user id" }) handlerId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ServiceRequest> {
    return reassignServiceRequest(await ctx.memberSession(), requestId, handlerId);
  }

  @FieldResolver(() => Client, { description: "The client who raised it" })
  async client(@Root() request: ServiceRequest, @Ctx() ctx: RequestContext): Promise<Client> {
    return (await (await ctx.memberSession()).loaders.crm.clientById.load(request.clientId)) as Client;
  }

  @FieldResolver(() => ServiceCase, { nullable: true, description: "The service case it concerns, if any" })
  async serviceCase(@Root() request: ServiceRequest, @Ctx() ctx: RequestContext): Promise<ServiceCase | null> {
    return request.caseId ? (await ctx.memberSession()).loaders.cases.serviceCaseById.load(request.caseId) : null;
  }

  @FieldResolver(() => Tenant, { description: "The centre that serves the client and handles it" })
  async tenant(@Root() request: ServiceRequest, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, request.tenantId);
  }

  @FieldResolver(() => User, { nullable: true, description: "Who handles it" })
  async handler(@Root() request: ServiceRequest, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, request.handlerId);
  }

  @FieldResolver(() => User, { nullable: true, description: "Who took it down" })
  async raisedBy(@Root() request: ServiceRequest, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, request.raisedBy);
  }

  @FieldResolver(() => [ServiceRequestTransition], { description: "Its moves, oldest first" })
  async transitions(@Root() request: ServiceRequest, @Ctx() ctx: RequestContext): Promise<ServiceRequestTransition[]> {
    return (await ctx.memberSession()).loaders.serviceDesk.transitionsByRequestId.load(request.id);
  }
}

@Resolver(() => ServiceRequestTransition)
export class ServiceRequestTransitionResolver {
  @FieldResolver(() => User, { nullable: true, description: "Who moved it" })
  async by(@Root() transition: ServiceRequestTransition, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, transition.byUser);
  }
}

@Resolver(() => Revisit)
export class RevisitResolver {
  @Query(() => RevisitConnection, { description: "Revisits of the tenants the caller may read, by due time; any member" })
  async revisits(@Args() args: RevisitListArgs, @Ctx() ctx: RequestContext) {
    return new RevisitConnection(await listRevisits(await ctx.memberSession(), args));
  }

  @Query(() => RevisitConnection, { description: "Scheduled revisits past their due time in the tenants the caller may read, most overdue first; any member" })
  async overdueRevisits(@Args() args: PageArgs, @Ctx() ctx: RequestContext) {
    return new RevisitConnection(await listOverdueRevisits(await ctx.memberSession(), args));
  }

  @Mutation(() => Revisit, { description: "Schedules a further revisit of a case's client (each evaluation schedules one by itself); staff or above of the case's centre, or its consultant" })
  async scheduleRevisit(@Arg("input", { description: "The case and the due time" }) input: ScheduleRevisitInput, @Ctx() ctx: RequestContext): Promise<Revisit> {
    return scheduleRevisit(await ctx.memberSession(), input);
  }

  @Mutation(() => Revisit, { description: `SCHEDULED → DONE with the outcome; CONFLICT once done; ${WRITERS}` })
  async recordRevisit(
    @Arg("id", () => ID, { description: "The revisit's id" }) revisitId: string,
    @Arg("input", { description: "How the client was reached and what they said" }) input: RecordRevisitInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Revisit> {
    return recordRevisit(await ctx.memberSession(), revisitId, input);
  }

  @FieldResolver(() => ServiceCase, { description: "The case after which the client is revisited" })
  async serviceCase(@Root() revisit: Revisit, @Ctx() ctx: RequestContext): Promise<ServiceCase> {
    return (await (await ctx.memberSession()).loaders.cases.serviceCaseById.load(revisit.caseId)) as ServiceCase;
  }

  @FieldResolver(() => Client, { description: "The client revisited" })
  async client(@Root() revisit: Revisit, @Ctx() ctx: RequestContext): Promise<Client> {
    return (await (await ctx.memberSession()).loaders.crm.clientById.load(revisit.clientId)) as Client;
  }

  @FieldResolver(() => Tenant, { description: "The centre that serves the client" })
  async tenant(@Root() revisit: Revisit, @Ctx() ctx: RequestContext): Promise<Tenant> {
    return tenantOf(ctx, revisit.tenantId);
  }

  @FieldResolver(() => User, { nullable: true, description: "Who is to make it: the case's consultant" })
  async assignee(@Root() revisit: Revisit, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, revisit.assigneeId);
  }

  @FieldResolver(() => User, { nullable: true, description: "Who made it; null until done" })
  async doneBy(@Root() revisit: Revisit, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, revisit.doneBy);
  }
}

/** The service desk's records in the dossiers of the client and of the case. */
@Resolver(() => ServiceCase)
export class ServiceCaseDeskResolver {
  @FieldResolver(() => [ServiceRequest], { description: "The problems and complaints raised about this case, oldest first" })
  async serviceRequests(@Root() serviceCase: ServiceCase, @Ctx() ctx: RequestContext): Promise<ServiceRequest[]> {
    return (await ctx.memberSession()).loaders.serviceDesk.requestsByCaseId.load(serviceCase.id);
  }

  @FieldResolver(() => [Revisit], { description: "The client's revisits after this case, by due time" })
  async revisits(@Root() serviceCase: ServiceCase, @Ctx() ctx: RequestContext): Promise<Revisit[]> {
    return (await ctx.memberSession()).loaders.serviceDesk.revisitsByCaseId.load(serviceCase.id);
  }
}

@Resolver(() => Client)
export class ClientDeskResolver {
  @FieldResolver(() => [ServiceRequest], { description: "The client's problems and complaints, oldest first" })
  async serviceRequests(@Root() client: Client, @Ctx() ctx: RequestContext): Promise<ServiceRequest[]> {
    return (await ctx.memberSession()).loaders.serviceDesk.requestsByClientId.load(client.id);
  }
}
