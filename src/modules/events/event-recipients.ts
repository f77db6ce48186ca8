import type { EntityManager } from "typeorm";
import { Sql, query, sql } from "../../db/rows/sql";
import { MEMBER_MAY_DECIDE_STEP } from "../approvals/approval-authority";
import type { EventType } from "./event-outbox";

/** An event as the delivery job reads it from the outbox. */
export interface RecordedEvent {
  id: string;
  tenantId: string;
  type: EventType;
  subjectType: string;
  subjectId: string;
  actorId: string | null;
  data: Record<string, unknown>;
  occurredAt: Date;
}

/** One membership told of an event: the user, acting through the tenant the notification belongs to. */
export interface Recipient {
  userId: string;
  tenantId: string;
}

/**
 * Who the domain says is told of each event type: candidates only. The dispatcher then keeps
 * those who may read the subject (`SUBJECT_TABLES`, read under RLS as each candidate), so a
 * candidate of a tenant outside the subject's visible set is never told. The integrator adds a
 * line here (and to `SUBJECT_TABLES`) for each new event type.
 */
const CANDIDATES: Record<EventType, (event: RecordedEvent) => Sql> = {
  // The step's eligible deciders: its tenant, its authority (role, grant, delegation), never the requester or who decided another step.
  "approval.step_waiting": (event) => eligibleDeciders(event),
  "approval.escalated": (event) => eligibleDeciders(event),
  "approval.decided": (event) =>
    sql`SELECT m.user_id, m.tenant_id FROM approval_requests r
          JOIN memberships m ON m.tenant_id = r.tenant_id AND m.user_id = r.requester_id
         WHERE r.id = ${event.subjectId}`,
  "case.step_changed": (event) =>
    sql`SELECT m.user_id, m.tenant_id FROM service_cases c
          JOIN memberships m ON m.tenant_id = c.tenant_id AND (m.user_id = c.consultant_id OR m.role = 'STAFF')
         WHERE c.id = ${event.subjectId}`,
  "task.overdue": (event) =>
    event.subjectType === "CaseTask"
      ? sql`SELECT m.user_id, m.tenant_id FROM case_tasks t JOIN memberships m ON m.tenant_id = t.tenant_id AND m.user_id = t.owner_id
             WHERE t.id = ${event.subjectId}`
      : sql`SELECT m.user_id, m.tenant_id FROM service_cases c JOIN memberships m ON m.tenant_id = c.tenant_id AND m.user_id = c.consultant_id
             WHERE c.id = ${event.subjectId}`,
  "risk.warning_raised": (event) =>
    sql`SELECT m.user_id, m.tenant_id FROM risk_warnings w
          JOIN risk_indicators i ON i.tenant_id = w.tenant_id AND i.id = w.indicator_id
          JOIN risks r ON r.tenant_id = i.tenant_id AND r.id = i.risk_id
          JOIN memberships m ON m.tenant_id = w.tenant_id AND (m.user_id = r.owner_id OR m.role = 'PRESIDENT')
         WHERE w.id = ${event.subjectId}`,
  // Both sides: the provider's members and its centre's (RLS keeps, of the centre, who reads partner records).
  "complaint.opened": (event) =>
    sql`SELECT m.user_id, m.tenant_id FROM complaints c
          JOIN memberships m ON m.tenant_id IN (c.tenant_id, c.parent_tenant_id)
         WHERE c.id = ${event.subjectId}`,
  "member.invited": (event) =>
    sql`SELECT m.user_id, m.tenant_id FROM invitations i
          JOIN memberships m ON m.tenant_id = i.tenant_id AND m.role IN ('PRESIDENT', 'DEPUTY')
         WHERE i.id = ${event.subjectId}`,
  // Raised by the accesses' trigger (migration EvidencePackageAccessEvents): the package's creator and its case's
  // consultant, members of the package's tenant; never the recipient's, whose own access it is.
  "evidence_package.accessed": (event) =>
    sql`SELECT m.user_id, m.tenant_id FROM evidence_packages p
          JOIN service_cases c ON c.tenant_id = p.tenant_id AND c.id = p.case_id
          JOIN memberships m ON m.tenant_id = p.tenant_id AND m.user_id IN (p.created_by, c.consultant_id)
         WHERE p.id = ${event.subjectId}`,
};

/**
 * The members of the step's tenant who may decide it, by the inbox's own rule: their role, an
 * approved grant covering the request's type, or an active delegation of either.
 */
function eligibleDeciders(event: RecordedEvent): Sql {
  return sql`SELECT m.user_id, m.tenant_id FROM approval_requests r
       JOIN approval_steps s ON s.tenant_id = r.tenant_id AND s.request_id = r.id AND s.position = ${Number(event.data.position ?? -1)}
       JOIN memberships m ON m.tenant_id = s.deciding_tenant_id
      WHERE r.id = ${event.subjectId} AND m.user_id <> r.requester_id AND ${MEMBER_MAY_DECIDE_STEP}`;
}

/** The table a subject is read from, by a candidate under RLS, to prove they may read it. */
export const SUBJECT_TABLES: Record<string, string> = {
  ApprovalRequest: "approval_requests",
  ServiceCase: "service_cases",
  CaseTask: "case_tasks",
  RiskWarning: "risk_warnings",
  Complaint: "complaints",
  Invitation: "invitations",
  EvidencePackage: "evidence_packages",
};

/**
 * The event's candidates (owner pool, across tenants): active memberships of tenants still
 * open, never the actor, one per user (their membership nearest the subject's tenant).
 */
export async function candidateRecipients(db: EntityManager, event: RecordedEvent): Promise<Recipient[]> {
  const rows = await query<{ user_id: string; tenant_id: string }>(
    db,
    sql`SELECT DISTINCT ON (c.user_id) c.user_id, c.tenant_id
          FROM (${CANDIDATES[event.type](event)}) c
          JOIN memberships m ON m.tenant_id = c.tenant_id AND m.user_id = c.user_id AND m.active
          JOIN tenants t ON t.id = c.tenant_id AND t.status <> 'TERMINATED'
         WHERE c.user_id IS DISTINCT FROM ${event.actorId}::uuid
         ORDER BY c.user_id, (c.tenant_id = ${event.tenantId}) DESC, t.depth DESC`,
  );
  return rows.map((row) => ({ userId: row.user_id, tenantId: row.tenant_id }));
}
