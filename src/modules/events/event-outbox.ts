import type { EntityManager } from "typeorm";
import type { MemberSession } from "../../context/request-context";
import { query, sql } from "../../db/rows/sql";

/** The event types of DESIGN §8.3: notification `type`s and webhook `eventTypes`. */
export const EVENT_TYPES = [
  "approval.step_waiting",
  "approval.decided",
  "approval.escalated",
  "case.step_changed",
  "task.overdue",
  "risk.warning_raised",
  "complaint.opened",
  "evidence_package.accessed",
  "member.invited",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** What happened, to what, by whom: ids only, never copies of private fields. */
export interface DomainEvent {
  type: EventType;
  /** The tenant whose row the subject is: webhooks of this tenant receive the event. */
  tenantId: string;
  /** The GraphQL type of the subject (`ApprovalRequest`, `ServiceCase`, …). */
  subjectType: string;
  subjectId: string;
  /** Who caused it; a member session's caller by default, null for a job. */
  actorId?: string | null;
  /** Further ids (a step's position, the steps of a move); shown to webhooks as `data`. */
  data?: Record<string, string | number | boolean | null>;
}

/**
 * Adds the event to the outbox in the caller's transaction: it is delivered only once that
 * transaction commits, and never when it rolls back. A request records as its caller (the
 * outbox's policy refuses any other actor); a job passes its owner-pool manager.
 */
export async function recordEvent(on: MemberSession | EntityManager, event: DomainEvent): Promise<void> {
  const session = "acting" in on ? on : null;
  const db = session ? session.db : (on as EntityManager);
  const actorId = event.actorId !== undefined ? event.actorId : (session?.acting.userId ?? null);
  await query(
    db,
    sql`INSERT INTO events (tenant_id, type, subject_type, subject_id, actor_id, data)
        VALUES (${event.tenantId}, ${event.type}, ${event.subjectType}, ${event.subjectId}, ${actorId}, ${JSON.stringify(event.data ?? {})}::jsonb)`,
  );
}
