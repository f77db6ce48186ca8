import { pendingApprovalRows } from "./demo-approvals";
import { demoId } from "./demo-data";
import type { SeedRow } from "./demo-cases";

const DAY = 24 * 3_600_000;
const tenant = (code: string) => demoId("tenant", code);
const user = (email: string) => demoId("user", email);

/** A request decided at level 2 by one tenant, pending since two days before seeding. */
function pendingRequest(
  key: string,
  request: { tenant: string; parent: string; subjectType: string; subjectId: string; reason: string; requester: string; decidingTenant: string },
  now: Date,
): SeedRow[] {
  return pendingApprovalRows({
    key,
    tenantId: tenant(request.tenant),
    parentTenantId: tenant(request.parent),
    subjectType: request.subjectType,
    subjectId: request.subjectId,
    level: 2,
    reason: request.reason,
    requester: request.requester,
    steps: [{ tenant: tenant(request.decidingTenant), minLevel: 2 }],
    now,
    createdAt: new Date(now.getTime() - 2 * DAY),
  });
}

function serviceStandardRows(now: Date): SeedRow[] {
  const title = "IT service delivery standard";
  const common = { tenant_id: tenant("CN-IT"), parent_tenant_id: tenant("CN"), chain_tenant_ids: [tenant("HQ"), tenant("CN")], title, submitted_by: user("admin@cn-it.demo") };
  const approvedAt = new Date("2026-02-10T08:00:00Z");
  const v2 = demoId("service-standard", "cn-it-delivery:2");
  return [
    {
      table: "service_standards",
      values: {
        ...common,
        id: demoId("service-standard", "cn-it-delivery:1"),
        scope: "Software delivery and IT operations for clients of the China network",
        content: "Response within 4 working hours; incident reports within 2 days; quarterly service reviews with each client.",
        version: 1,
        status: "APPROVED",
        published_at: approvedAt,
        decided_at: approvedAt,
        created_at: new Date("2026-02-02T08:00:00Z"),
      },
    },
    {
      table: "service_standards",
      values: {
        ...common,
        id: v2,
        scope: "Software delivery, IT operations and data protection for clients of the China network",
        content: "Response within 2 working hours; incident reports within 1 day; monthly service reviews; annual data-protection audit.",
        version: 2,
        status: "SUBMITTED",
        created_at: new Date(now.getTime() - 2 * DAY),
      },
    },
    ...pendingRequest(
      "cn-it-delivery-standard-v2",
      { tenant: "CN-IT", parent: "CN", subjectType: "SERVICE_STANDARD", subjectId: v2, reason: `${title}, version 2`, requester: "admin@cn-it.demo", decidingTenant: "CN" },
      now,
    ),
  ];
}

function businessReportRows(): SeedRow[] {
  const quarters = [
    { key: "2026-q1", from: "2026-01-01", until: "2026-03-31", revenue: "182500000", projects: 14, clients: 37, issues: "Two delivery delays, resolved with added staff." },
    { key: "2026-q2", from: "2026-04-01", until: "2026-06-30", revenue: "205300000", projects: 17, clients: 42, issues: "None material." },
  ];
  return quarters.map((quarter) => ({
    table: "business_reports",
    values: {
      tenant_id: tenant("CN-IT"),
      id: demoId("business-report", `cn-it:${quarter.key}`),
      parent_tenant_id: tenant("CN"),
      period_from: quarter.from,
      period_until: quarter.until,
      revenue_minor: quarter.revenue,
      currency: "CNY",
      projects: quarter.projects,
      clients_served: quarter.clients,
      issues: quarter.issues,
      submitted_by: user("admin@cn-it.demo"),
      created_at: new Date(`${quarter.until}T12:00:00Z`),
    },
  }));
}

interface DemoSettlement {
  counterparty: string;
  key: string;
  from: string;
  until: string;
  status: "DRAFT" | "SUBMITTED" | "APPROVED";
  lines: [string, bigint][];
}

/** Statements of CN's finance with two city centres and its IT company, in each state of the lifecycle. */
const DEMO_SETTLEMENTS: DemoSettlement[] = [
  {
    counterparty: "CN-SH",
    key: "2026-q1",
    from: "2026-01-01",
    until: "2026-03-31",
    status: "APPROVED",
    lines: [["Certification service fees collected for Shanghai clients", 4_800_000n], ["Network brand levy", -1_200_000n], ["Training programme subsidy", 650_000n]],
  },
  {
    counterparty: "CN-SZ",
    key: "2026-q1",
    from: "2026-01-01",
    until: "2026-03-31",
    status: "SUBMITTED",
    lines: [["Certification service fees collected for Shenzhen clients", 3_150_000n], ["Network brand levy", -900_000n]],
  },
  {
    counterparty: "CN-IT",
    key: "2026-q2",
    from: "2026-04-01",
    until: "2026-06-30",
    status: "DRAFT",
    lines: [["IT services for the national CRM", 2_400_000n], ["Office space recharged", -300_000n]],
  },
];

function settlementRows(now: Date): SeedRow[] {
  return DEMO_SETTLEMENTS.flatMap((settlement) => {
    const id = demoId("settlement", `${settlement.counterparty}:${settlement.key}`);
    const createdAt = new Date(`${settlement.until}T00:00:00Z`).getTime() + 5 * DAY;
    const decidedAt = new Date(createdAt + 3 * DAY);
    const approved = settlement.status === "APPROVED";
    const owner = { tenant_id: tenant(settlement.counterparty), parent_tenant_id: tenant("CN"), created_by: user("finance@cn.demo") };
    const rows: SeedRow[] = [
      {
        table: "inter_centre_settlements",
        values: {
          ...owner,
          id,
          period_from: settlement.from,
          period_until: settlement.until,
          currency: "CNY",
          total_minor: settlement.lines.reduce((sum, [, amount]) => sum + amount, 0n).toString(),
          status: settlement.status,
          submitted_at: settlement.status === "DRAFT" ? null : new Date(createdAt + DAY),
          decided_at: approved ? decidedAt : null,
          acknowledged_by: approved ? user(`president@${settlement.counterparty.toLowerCase()}.demo`) : null,
          acknowledged_at: approved ? new Date(decidedAt.getTime() + DAY) : null,
          created_at: new Date(createdAt),
        },
      },
      ...settlement.lines.map(([description, amount], index) => ({
        table: "settlement_line_items",
        values: {
          ...owner,
          id: demoId("settlement-line", `${settlement.counterparty}:${settlement.key}:${index}`),
          settlement_id: id,
          description,
          amount_minor: amount.toString(),
          created_at: new Date(createdAt + index * 60_000),
        },
      })),
    ];
    if (settlement.status === "SUBMITTED") {
      rows.push(
        ...pendingRequest(
          `cn-settlement-${settlement.counterparty.toLowerCase()}-${settlement.key}`,
          {
            tenant: "CN",
            parent: "HQ",
            subjectType: "INTER_CENTRE_SETTLEMENT",
            subjectId: id,
            reason: `Settlement with ${settlement.counterparty}, ${settlement.from} – ${settlement.until}`,
            requester: "finance@cn.demo",
            decidingTenant: "CN",
          },
          now,
        ),
      );
    }
    return rows;
  });
}

/** DESIGN §6: CN-IT's standards and reports, and CN's settlements with its children. */
export function demoAffiliateRows(now: Date = new Date()): SeedRow[] {
  return [...serviceStandardRows(now), ...businessReportRows(), ...settlementRows(now)];
}
