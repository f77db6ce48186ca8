import { STEP_ORDER } from "../modules/cases/case-workflow";
import { ServiceStep, ServiceTier } from "../modules/cases/service-step";
import { DEFAULT_SERVICE_DESK_HOURS } from "../modules/service-desk/service-desk-settings";
import { CASES_FROM, CITY_TEAMS, SeedRow, TIERS } from "./demo-cases";
import { DEMO_CLIENTS, demoId } from "./demo-data";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const REQUESTS_FROM = Date.parse("2026-04-06T01:30:00Z");
const REVISIT_DAYS = 7;

/**
 * How one demo problem or complaint went: `resolved` hours before (−) or after (+) its deadline,
 * null while unresolved; `satisfaction` the client's rating of a complaint's handling.
 */
interface DemoRequest {
  city: string;
  kind: "PROBLEM" | "COMPLAINT";
  channel: "PHONE" | "ONLINE_FORM" | "EMAIL" | "VISIT";
  client: number;
  subject: string;
  status: "OPEN" | "IN_PROGRESS" | "RESOLVED" | "CLOSED";
  resolved: number | null;
  satisfaction?: number;
  escalation?: "CENTRE_MANAGEMENT" | "PARENT_CENTRE";
}

/**
 * Each KPI has records in every city, and some miss their target: CN-SH resolves half its
 * problems in time, CN-SZ's complaints are rated satisfied only half the time, and CN-SH and MY-KL
 * each have a revisit missed or late. A late CN-SH complaint reached its management before it was
 * resolved; one of CN-SZ's is still open and has gone up to CN.
 */
const REQUESTS: DemoRequest[] = [
  { city: "CN-SH", kind: "PROBLEM", channel: "PHONE", client: 0, subject: "Audit checklist template missing", status: "CLOSED", resolved: -20 },
  { city: "CN-SH", kind: "PROBLEM", channel: "EMAIL", client: 1, subject: "Training certificate shows the wrong name", status: "RESOLVED", resolved: 6 },
  { city: "CN-SH", kind: "PROBLEM", channel: "ONLINE_FORM", client: 2, subject: "Cannot open the shared plan", status: "RESOLVED", resolved: -2 },
  { city: "CN-SH", kind: "PROBLEM", channel: "VISIT", client: 3, subject: "Consultant visit rescheduled twice", status: "OPEN", resolved: null },
  { city: "CN-SH", kind: "COMPLAINT", channel: "PHONE", client: 0, subject: "Invoice sent to the wrong department", status: "CLOSED", resolved: -4, satisfaction: 90 },
  { city: "CN-SH", kind: "COMPLAINT", channel: "EMAIL", client: 2, subject: "Trainer arrived late", status: "RESOLVED", resolved: -1, satisfaction: 85 },
  { city: "CN-SH", kind: "COMPLAINT", channel: "PHONE", client: 3, subject: "No answer to two e-mails", status: "RESOLVED", resolved: 10, escalation: "CENTRE_MANAGEMENT" },
  { city: "CN-SZ", kind: "PROBLEM", channel: "PHONE", client: 0, subject: "Export documents checklist unclear", status: "CLOSED", resolved: -8 },
  { city: "CN-SZ", kind: "COMPLAINT", channel: "VISIT", client: 1, subject: "Course room too small", status: "CLOSED", resolved: -3, satisfaction: 95 },
  { city: "CN-SZ", kind: "COMPLAINT", channel: "EMAIL", client: 2, subject: "Report delivered without the agreed appendix", status: "CLOSED", resolved: -1, satisfaction: 60 },
  { city: "CN-SZ", kind: "COMPLAINT", channel: "PHONE", client: 0, subject: "Consultant changed without notice", status: "OPEN", resolved: null, escalation: "PARENT_CENTRE" },
  { city: "MY-KL", kind: "PROBLEM", channel: "EMAIL", client: 0, subject: "Halal audit date not confirmed", status: "RESOLVED", resolved: -5 },
  { city: "MY-KL", kind: "COMPLAINT", channel: "ONLINE_FORM", client: 1, subject: "Training materials only in English", status: "RESOLVED", resolved: -2, satisfaction: 100 },
];

/** Each city's two evaluated cases (EVALUATED, ARCHIVED; evaluated 14 days after opening, as demo-cases has it) and their revisit: done this many days after the evaluation, null when not yet. */
const REVISITS: Record<string, Partial<Record<ServiceStep, { doneAfterDays: number | null; outcome: "SATISFIED" | "CONCERNS_RAISED" }>>> = {
  "CN-SH": { [ServiceStep.EVALUATED]: { doneAfterDays: 3, outcome: "SATISFIED" }, [ServiceStep.ARCHIVED]: { doneAfterDays: null, outcome: "SATISFIED" } },
  "CN-SZ": { [ServiceStep.EVALUATED]: { doneAfterDays: 2, outcome: "SATISFIED" }, [ServiceStep.ARCHIVED]: { doneAfterDays: 6, outcome: "SATISFIED" } },
  "MY-KL": { [ServiceStep.EVALUATED]: { doneAfterDays: 10, outcome: "CONCERNS_RAISED" }, [ServiceStep.ARCHIVED]: { doneAfterDays: 1, outcome: "SATISFIED" } },
};

export function demoServiceDeskRows(): SeedRow[] {
  return [...requestRows(), ...revisitRows()];
}

function requestRows(): SeedRow[] {
  return REQUESTS.flatMap((spec, index) => {
    const team = CITY_TEAMS[spec.city];
    const clients = DEMO_CLIENTS.filter((client) => client.tenant === spec.city);
    const tier = clientTier(clients.length, spec.client);
    const raisedAt = new Date(REQUESTS_FROM + index * DAY);
    const dueAt = new Date(raisedAt.getTime() + DEFAULT_SERVICE_DESK_HOURS[tier] * HOUR);
    const resolvedAt = spec.resolved === null ? null : new Date(dueAt.getTime() + spec.resolved * HOUR);
    const ratedAt = spec.satisfaction === undefined ? null : new Date(resolvedAt!.getTime() + DAY);
    const escalatedAt = spec.escalation === undefined ? null : new Date(dueAt.getTime() + (spec.escalation === "PARENT_CENTRE" ? 49 : 1) * HOUR);
    const request: SeedRow = {
      table: "service_requests",
      values: {
        tenant_id: demoId("tenant", spec.city),
        id: demoId("service-request", `${spec.city}:${spec.subject}`),
        kind: spec.kind,
        channel: spec.channel,
        client_id: demoId("client", clients[spec.client].name),
        tier,
        subject: spec.subject,
        description: `${spec.subject}, as the client reported it`,
        handler_id: demoId("user", team.consultant),
        status: spec.status,
        raised_by: demoId("user", team.staff),
        raised_at: raisedAt,
        due_at: dueAt,
        started_at: spec.status === "OPEN" ? null : new Date(raisedAt.getTime() + HOUR),
        resolution: resolvedAt ? "Explained to the client and corrected" : null,
        resolved_at: resolvedAt,
        closed_at: spec.status === "CLOSED" ? new Date(resolvedAt!.getTime() + 2 * DAY) : null,
        satisfaction: spec.satisfaction ?? null,
        rated_by: ratedAt ? demoId("user", team.staff) : null,
        rated_at: ratedAt,
        escalation: spec.escalation ?? "NONE",
        escalated_at: escalatedAt,
      },
    };
    return [request, ...transitionRows(request.values)];
  });
}

/** The moves that brought a demo request to its status, as the mutations record them. */
function transitionRows(request: Record<string, any>): SeedRow[] {
  const moves: [string, string, Date | null, string | null][] = [
    ["OPEN", "IN_PROGRESS", request.started_at, null],
    ["IN_PROGRESS", "RESOLVED", request.resolved_at, request.resolution],
    ["RESOLVED", "CLOSED", request.closed_at, null],
  ];
  return moves
    .filter(([, , at]) => at !== null)
    .map(([from, to, at, note]) => ({
      table: "service_request_transitions",
      values: {
        tenant_id: request.tenant_id,
        id: demoId("service-request-transition", `${request.id}:${to}`),
        request_id: request.id,
        from_status: from,
        to_status: to,
        note,
        by_user: request.handler_id,
        at,
      },
    }));
}

/** The highest tier among the client's cases, as raising a request reads it. */
function clientTier(clientCount: number, client: number): ServiceTier {
  // demo-cases gives case n of a city to its client n mod clients, with tier n mod 3.
  const tiers = STEP_ORDER.map((_, index) => index).filter((index) => index % clientCount === client).map((index) => index % TIERS.length);
  return TIERS[Math.max(0, ...tiers)];
}

function revisitRows(): SeedRow[] {
  return Object.entries(REVISITS).flatMap(([city, steps]) =>
    Object.entries(steps).map(([step, revisit]) => {
      const index = STEP_ORDER.indexOf(step as ServiceStep);
      const key = `${city}:${step}`;
      const clients = DEMO_CLIENTS.filter((client) => client.tenant === city);
      const evaluatedAt = CASES_FROM + index * 3 * DAY + 14 * DAY;
      const consultantId = demoId("user", CITY_TEAMS[city].consultant);
      const done = revisit.doneAfterDays !== null;
      return {
        table: "revisits",
        values: {
          tenant_id: demoId("tenant", city),
          id: demoId("revisit", key),
          case_id: demoId("case", key),
          client_id: demoId("client", clients[index % clients.length].name),
          evaluation_id: demoId("evaluation", key),
          assignee_id: consultantId,
          due_at: new Date(evaluatedAt + REVISIT_DAYS * DAY),
          status: done ? "DONE" : "SCHEDULED",
          channel: done ? "PHONE" : null,
          outcome: done ? revisit.outcome : null,
          notes: done ? "Called the client after the evaluation" : null,
          done_at: done ? new Date(evaluatedAt + revisit.doneAfterDays! * DAY) : null,
          done_by: done ? consultantId : null,
          scheduled_by: consultantId,
          created_at: new Date(evaluatedAt),
        },
      };
    }),
  );
}
