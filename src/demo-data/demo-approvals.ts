import { DEFAULT_APPROVAL_SLA_WORKING_DAYS, addWorkingDays } from "../modules/approvals/approval-sla";
import { DEMO_USERS, demoId } from "./demo-data";
import type { SeedRow } from "./demo-cases";

const DAY = 24 * 3_600_000;

interface DemoGrant {
  key: string;
  holder: string;
  level: number;
  matter: string;
  scope: string;
  /** Each step: deciding tenant code, minimum level, and how it stands. */
  steps: { tenant: string; minLevel: number; state: "PENDING" | "ESCALATED" | "APPROVED"; decidedBy?: string }[];
  approved?: { noticeNumber: string; by: string };
}

/**
 * Grant requests awaiting decisions in several inboxes (DESIGN §6): a centre's own head decides,
 * two were escalated past their SLA to the parent, and one grant is active with its notice.
 */
const DEMO_GRANTS: DemoGrant[] = [
  {
    key: "cn-sh-staff-training",
    holder: "staff@cn-sh.demo",
    level: 3,
    matter: "Approve training schedules",
    scope: "Training programmes of the Shanghai centre",
    steps: [{ tenant: "CN-SH", minLevel: 3, state: "PENDING" }],
  },
  {
    key: "cn-sz-consultant-contracts",
    holder: "consultant@cn-sz.demo",
    level: 3,
    matter: "Sign service agreements up to CNY 50,000",
    scope: "Clients of the Shenzhen centre",
    steps: [{ tenant: "CN-SZ", minLevel: 3, state: "PENDING" }],
  },
  {
    key: "my-kl-consultant-certification",
    holder: "consultant@my-kl.demo",
    level: 3,
    matter: "Schedule certification reviews",
    scope: "Clients of the Kuala Lumpur centre",
    steps: [
      { tenant: "MY-KL", minLevel: 3, state: "ESCALATED" },
      { tenant: "MY", minLevel: 2, state: "PENDING" },
    ],
  },
  {
    key: "cn-sh-president-partners",
    holder: "president@cn-sh.demo",
    level: 1,
    matter: "Admit partner companies",
    scope: "Partners of the Shanghai centre",
    steps: [
      { tenant: "CN-SH", minLevel: 1, state: "ESCALATED" },
      { tenant: "CN", minLevel: 1, state: "PENDING" },
    ],
  },
  {
    key: "cn-sh-staff-walk-ins",
    holder: "staff@cn-sh.demo",
    level: 4,
    matter: "Register walk-in clients",
    scope: "Front desk of the Shanghai centre",
    steps: [{ tenant: "CN-SH", minLevel: 4, state: "APPROVED", decidedBy: "president@cn-sh.demo" }],
    approved: { noticeNumber: "CN-SH-2026-0001", by: "president@cn-sh.demo" },
  },
];

const tenantOf = (email: string) => DEMO_USERS.find((user) => user.email === email)!.tenant;
const PARENTS: Record<string, string> = { "CN-SH": "CN", "CN-SZ": "CN", "MY-KL": "MY", CN: "HQ", MY: "HQ" };

/** Pending steps are dated from the moment of seeding, so their SLA starts when the demo does. */
export function demoApprovalRows(now: Date = new Date()): SeedRow[] {
  const rows: SeedRow[] = [];
  for (const grant of DEMO_GRANTS) {
    const tenantCode = tenantOf(grant.holder);
    const tenantId = demoId("tenant", tenantCode);
    const parentTenantId = demoId("tenant", PARENTS[tenantCode]);
    const grantId = demoId("grant", grant.key);
    const requestId = demoId("approval", grant.key);
    const approvedAt = new Date("2026-03-02T10:00:00Z");
    const pendingAt = grant.steps.findIndex((step) => step.state === "PENDING");

    rows.push({
      table: "grants",
      values: {
        tenant_id: tenantId,
        id: grantId,
        parent_tenant_id: parentTenantId,
        holder_id: demoId("user", grant.holder),
        matter: grant.matter,
        scope: grant.scope,
        level: grant.level,
        valid_from: new Date("2026-01-01T00:00:00Z"),
        valid_until: new Date("2027-12-31T00:00:00Z"),
        status: grant.approved ? "APPROVED" : "PENDING",
        granted_by_tenant_id: grant.approved ? tenantId : null,
        notice_number: grant.approved?.noticeNumber ?? null,
        approved_at: grant.approved ? approvedAt : null,
        created_at: grant.approved ? new Date(approvedAt.getTime() - DAY) : new Date(now.getTime() - 3 * DAY),
      },
    });
    rows.push({
      table: "approval_requests",
      values: {
        tenant_id: tenantId,
        id: requestId,
        parent_tenant_id: parentTenantId,
        subject_type: "GRANT",
        subject_id: grantId,
        level: grant.level,
        reason: grant.matter,
        requester_id: demoId("user", grant.holder),
        requester_membership_id: demoId("membership", grant.holder),
        status: grant.approved ? "APPROVED" : "PENDING",
        current_position: grant.approved ? null : pendingAt,
        created_at: grant.approved ? new Date(approvedAt.getTime() - DAY) : new Date(now.getTime() - 3 * DAY),
        decided_at: grant.approved ? approvedAt : null,
      },
    });
    grant.steps.forEach((step, position) => {
      const decided = step.state !== "PENDING";
      rows.push({
        table: "approval_steps",
        values: {
          tenant_id: tenantId,
          id: demoId("approval-step", `${grant.key}:${position}`),
          request_id: requestId,
          parent_tenant_id: parentTenantId,
          position,
          deciding_tenant_id: demoId("tenant", step.tenant),
          min_authority_level: step.minLevel,
          status: step.state,
          activated_at: decided ? new Date(now.getTime() - 3 * DAY) : now,
          due_at: decided ? new Date(now.getTime() - DAY) : addWorkingDays(now, DEFAULT_APPROVAL_SLA_WORKING_DAYS[grant.level]),
          decision: step.state === "ESCALATED" ? "ESCALATE" : step.state === "APPROVED" ? "APPROVE" : null,
          decided_by: step.decidedBy ? demoId("user", step.decidedBy) : null,
          decided_membership_id: step.decidedBy ? demoId("membership", step.decidedBy) : null,
          decided_at: step.state === "APPROVED" ? approvedAt : decided ? new Date(now.getTime() - DAY) : null,
          reason: step.state === "ESCALATED" ? "SLA exceeded" : null,
          automatic: step.state === "ESCALATED",
        },
      });
    });
    if (grant.approved) {
      rows.push({ table: "notice_counters", values: { tenant_id: tenantId, year: 2026, last_number: 1 } });
      rows.push({
        table: "notices",
        values: {
          tenant_id: tenantId,
          id: demoId("notice", grant.approved.noticeNumber),
          year: 2026,
          number: 1,
          notice_number: grant.approved.noticeNumber,
          subject_type: "GRANT",
          subject_id: grantId,
          subject_tenant_id: tenantId,
          issued_by: demoId("user", grant.approved.by),
          issued_at: approvedAt,
        },
      });
    }
  }
  return rows;
}

export interface PendingApproval {
  key: string;
  tenantId: string;
  parentTenantId: string;
  subjectType: string;
  subjectId: string;
  level: number;
  reason: string;
  requester: string;
  /** Deciding tenant ids and minimum levels, in order. */
  steps: { tenant: string; minLevel: number }[];
  /** When the first step became pending (its SLA starts then); also the request's creation unless `createdAt` says otherwise. */
  now: Date;
  createdAt?: Date;
}

/** An approval request of another subject type whose first step is pending, as the engine would have stored it. */
export function pendingApprovalRows(request: PendingApproval): SeedRow[] {
  const requestId = demoId("approval", request.key);
  const scope = { tenant_id: request.tenantId, parent_tenant_id: request.parentTenantId };
  return [
    {
      table: "approval_requests",
      values: {
        ...scope,
        id: requestId,
        subject_type: request.subjectType,
        subject_id: request.subjectId,
        level: request.level,
        reason: request.reason,
        requester_id: demoId("user", request.requester),
        requester_membership_id: demoId("membership", request.requester),
        status: "PENDING",
        current_position: 0,
        created_at: request.createdAt ?? request.now,
      },
    },
    ...request.steps.map((step, position) => ({
      table: "approval_steps",
      values: {
        ...scope,
        id: demoId("approval-step", `${request.key}:${position}`),
        request_id: requestId,
        position,
        deciding_tenant_id: step.tenant,
        min_authority_level: step.minLevel,
        status: position === 0 ? "PENDING" : "WAITING",
        activated_at: position === 0 ? request.now : null,
        due_at: position === 0 ? addWorkingDays(request.now, DEFAULT_APPROVAL_SLA_WORKING_DAYS[request.level]) : null,
        automatic: false,
      },
    })),
  ];
}
