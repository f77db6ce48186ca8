import { Field, Int, ObjectType } from "type-graphql";
import type { EntityManager } from "typeorm";
import { writableOrThrow } from "../../context/acting-context";
import type { MemberSession } from "../../context/request-context";
import { Role } from "../../context/roles";
import { lockRow } from "../../db/rows/entity-rows";
import { Sql, empty, identifier, query, sql } from "../../db/rows/sql";
import { badUserInput, conflict } from "../../shared/errors";
import { parseIdOrThrow } from "../../shared/ids";
import { Membership } from "../identity/membership.entity";
import { assertMayAssignRole } from "./member-authority";

/** What one hand-over moved, per kind of open work. */
@ObjectType({ description: "What a hand-over moved from the leaver to the colleague, counted per kind of open work" })
export class TransferSummary {
  @Field(() => Int, { description: "Clients whose consultant changed" })
  clients!: number;

  @Field(() => Int, { description: "Service cases not yet ARCHIVED whose consultant changed" })
  cases!: number;

  @Field(() => Int, { description: "Tasks OPEN or IN_PROGRESS, in cases not yet ARCHIVED, whose owner changed" })
  tasks!: number;
}

type WorkKind = keyof TransferSummary;

/**
 * The work a member holds, per kind: which rows are open (they move in a hand-over and keep a
 * deactivation waiting) and which column names the holder (a user id, within the row's tenant).
 * Closed rows (archived cases, finished tasks) keep their holder: they are history. Approval
 * steps are not here: a step names a deciding tenant and a level, never a person. A module whose
 * rows a member holds (a service desk's tickets, …) adds a line here.
 */
const OPEN_WORK: readonly { kind: WorkKind; table: string; holder: string; open: Sql; touch?: Sql }[] = [
  { kind: "clients", table: "clients", holder: "consultant_id", open: sql`true`, touch: sql`, updated_at = now()` },
  { kind: "cases", table: "service_cases", holder: "consultant_id", open: sql`w.step <> 'ARCHIVED'`, touch: sql`, updated_at = now()` },
  {
    kind: "tasks",
    table: "case_tasks",
    holder: "owner_id",
    open: sql`w.status IN ('OPEN', 'IN_PROGRESS')
      AND NOT EXISTS (SELECT 1 FROM service_cases c WHERE c.tenant_id = w.tenant_id AND c.id = w.case_id AND c.step = 'ARCHIVED')`,
  },
];

/** How much open work the membership's user holds in its tenant. */
export async function openWorkOf(db: EntityManager, membership: Membership): Promise<TransferSummary> {
  const summary = new TransferSummary();
  for (const { kind, table, holder, open } of OPEN_WORK) {
    const [{ n }] = await query<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM ${identifier(table)} w WHERE w.tenant_id = ${membership.tenantId} AND w.${identifier(holder)} = ${membership.userId} AND ${open}`,
    );
    summary[kind] = n;
  }
  return summary;
}

export const holdsOpenWork = (work: TransferSummary) => work.clients + work.cases + work.tasks > 0;

/**
 * Seed 004 §5(三): a leaver's open work goes to a colleague of the same tenant, in the request's
 * one transaction, recorded as one `responsibility_transfers` row with the counts; the audit
 * trigger records that row and every row it changes under this operation. Both
 * memberships are locked (in id order, as deactivation locks its one), so a deactivation never
 * passes while a hand-over to or from the same membership is under way.
 */
export async function transferResponsibilities(session: MemberSession, fromId: string, toId: string): Promise<TransferSummary> {
  const { db, acting } = session;
  const [fromKey, toKey] = [parseIdOrThrow(fromId), parseIdOrThrow(toId)];
  if (fromKey === toKey) throw badUserInput("A hand-over goes to another membership", "toMembershipId");
  const repository = db.getRepository(Membership);
  const seenFrom = writableOrThrow(acting, await repository.findOneBy({ id: fromKey }), "Membership");
  const seenTo = writableOrThrow(acting, await repository.findOneBy({ id: toKey }), "Membership");
  const locked = new Map<string, Membership>();
  for (const seen of [seenFrom, seenTo].sort((a, b) => a.id.localeCompare(b.id))) {
    locked.set(seen.id, (await lockRow(db, Membership, seen)) as Membership);
  }
  const from = locked.get(fromKey)!;
  const to = locked.get(toKey)!;
  assertMayAssignRole(acting, from.role);
  if (!to.active) throw conflict("The colleague's membership is deactivated: hand the work to an active member", { status: to.status });
  if (to.role === Role.AUDITOR) throw badUserInput("An auditor holds no clients, cases or tasks", "toMembershipId");

  const summary = new TransferSummary();
  for (const { kind, table, holder, open, touch } of OPEN_WORK) {
    const moved = await query(
      db,
      sql`UPDATE ${identifier(table)} w SET ${identifier(holder)} = ${to.userId}${touch ?? empty}
           WHERE w.tenant_id = ${from.tenantId} AND w.${identifier(holder)} = ${from.userId} AND ${open}
       RETURNING w.id`,
    );
    summary[kind] = moved.length;
  }
  await query(
    db,
    sql`INSERT INTO responsibility_transfers (tenant_id, from_membership_id, to_membership_id, clients, cases, tasks, transferred_by)
        VALUES (${from.tenantId}, ${from.id}, ${to.id}, ${summary.clients}, ${summary.cases}, ${summary.tasks}, ${acting.userId})`,
  );
  return summary;
}
