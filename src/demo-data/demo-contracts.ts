import type { SeedRow } from "./demo-cases";
import { pendingApprovalRows } from "./demo-approvals";
import { demoId } from "./demo-data";

const DAY = 24 * 3_600_000;
const tenant = (code: string) => demoId("tenant", code);
const user = (email: string) => demoId("user", email);

const TERMS = {
  rights_and_duties: "The partner certifies the centre's clients; the centre refers clients and pays per certificate.",
  service_content: "ISO 9001 and ISO 14001 certification audits for clients referred by the Shanghai centre",
  price_terms: "CNY 20,000 per certification audit, invoiced monthly",
  currency: "CNY",
  quality_standard: "Audit reports within 10 working days; client satisfaction of 90 or more",
  breach_liability: "Late reports: 1 % of the audit fee per working day",
  dispute_resolution: "Negotiation, then mediation by the China national centre, then arbitration in Shanghai",
};

/**
 * Partner work awaiting decisions (DESIGN §6) for CN-SH-CERT: a contract in legal review at
 * CN-SH, a signed contract with one settlement paid and one awaiting CN-SH's review, and
 * complaints open, resolved and, for the affiliated CN-IT, in negotiation.
 */
export function demoContractRows(now: Date = new Date()): SeedRow[] {
  const partner = tenant("CN-SH-CERT");
  const centre = tenant("CN-SH");
  const inPartner = { tenant_id: partner, parent_tenant_id: centre };
  const signedAt = new Date("2026-01-15T08:00:00Z");
  const review = demoId("partner-contract", "certification-2026");
  const signed = demoId("partner-contract", "certification-framework");
  const rows: SeedRow[] = [];

  const contract = (id: string, title: string, status: string, valueMinor: string, createdAt: Date, signed_at: Date | null) => {
    rows.push({
      table: "partner_contracts",
      values: { ...inPartner, id, title, status, current_version: 1, signed_at, created_by: user("staff@cn-sh.demo"), created_at: createdAt },
    });
    rows.push({
      table: "partner_contract_versions",
      values: {
        ...inPartner,
        ...TERMS,
        id: demoId("contract-version", `${id}:1`),
        contract_id: id,
        version: 1,
        value_minor: valueMinor,
        valid_from: "2026-01-01",
        valid_until: "2026-12-31",
        proposed_by: user("staff@cn-sh.demo"),
        proposed_at: createdAt,
        partner_consented_by: user("admin@cn-sh-cert.demo"),
        partner_consented_at: new Date(createdAt.getTime() + DAY),
      },
    });
  };

  contract(review, "Certification services 2026", "LEGAL_REVIEW", "8000000", new Date(now.getTime() - 5 * DAY), null);
  rows.push(...pendingApprovalRows({
    key: "certification-2026-legal-review",
    tenantId: centre,
    parentTenantId: tenant("CN"),
    subjectType: "PARTNER_CONTRACT",
    subjectId: review,
    level: 3,
    reason: "Legal review: Certification services 2026",
    requester: "staff@cn-sh.demo",
    steps: [{ tenant: centre, minLevel: 3 }],
    now,
  }));

  contract(signed, "Certification framework agreement", "SIGNED", "12000000", new Date(signedAt.getTime() - 10 * DAY), signedAt);
  rows.push({
    table: "fee_settlements",
    values: {
      ...inPartner,
      id: demoId("fee-settlement", "framework-january"),
      contract_id: signed,
      kind: "REGULAR",
      amount_minor: "3000000",
      currency: "CNY",
      service_from: "2026-01-15",
      service_until: "2026-01-31",
      proof_of_service: "15 audit reports, signed by the clients",
      status: "PAID",
      reviewed_at: new Date("2026-02-03T09:00:00Z"),
      approved_at: new Date("2026-02-04T09:00:00Z"),
      decided_at: new Date("2026-02-04T09:00:00Z"),
      payment_reference: "CN-SH-PAY-2026-0007",
      paid_at: new Date("2026-02-10T09:00:00Z"),
      paid_by: user("president@cn-sh.demo"),
      applied_by: user("admin@cn-sh-cert.demo"),
      created_at: new Date("2026-02-01T09:00:00Z"),
    },
  });
  const applied = demoId("fee-settlement", "framework-february");
  rows.push({
    table: "fee_settlements",
    values: {
      ...inPartner,
      id: applied,
      contract_id: signed,
      kind: "REGULAR",
      amount_minor: "2000000",
      currency: "CNY",
      service_from: "2026-02-01",
      service_until: "2026-02-28",
      proof_of_service: "10 audit reports, signed by the clients",
      status: "APPLIED",
      applied_by: user("admin@cn-sh-cert.demo"),
      created_at: new Date(now.getTime() - 2 * DAY),
    },
  });
  rows.push(...pendingApprovalRows({
    key: "framework-february-settlement",
    tenantId: partner,
    parentTenantId: centre,
    subjectType: "FEE_SETTLEMENT",
    subjectId: applied,
    level: 2,
    reason: "Fee settlement of 2000000 CNY",
    requester: "admin@cn-sh-cert.demo",
    steps: [
      { tenant: centre, minLevel: 4 },
      { tenant: centre, minLevel: 2 },
    ],
    now,
  }));

  complaint(rows, {
    key: "late-audit-reports",
    provider: partner,
    centre,
    raisedBy: { tenant: centre, email: "staff@cn-sh.demo" },
    subject: "Audit reports delivered late",
    description: "Three audit reports for Minhang Logistics Group arrived after the 10 working days of the contract.",
    moves: [],
    createdAt: new Date(now.getTime() - DAY),
  });
  complaint(rows, {
    key: "referral-fees",
    provider: partner,
    centre,
    raisedBy: { tenant: partner, email: "admin@cn-sh-cert.demo" },
    subject: "Referral fee deducted twice",
    description: "The January statement deducted the referral fee twice.",
    moves: ["INVESTIGATING", "NEGOTIATION"],
    resolved: { resolution: "The second deduction is refunded with the next payment.", satisfaction: 96, ratedBy: "admin@cn-sh-cert.demo" },
    createdAt: new Date("2026-02-12T09:00:00Z"),
  });
  complaint(rows, {
    key: "it-support-hours",
    provider: tenant("CN-IT"),
    centre: tenant("CN"),
    raisedBy: { tenant: tenant("CN-IT"), email: "admin@cn-it.demo" },
    subject: "Support hours outside the service standard",
    description: "The national centre asks for weekend support that the approved service standard does not include.",
    moves: ["INVESTIGATING", "NEGOTIATION"],
    createdAt: new Date(now.getTime() - 4 * DAY),
  });
  return rows;
}

interface DemoComplaint {
  key: string;
  provider: string;
  centre: string;
  raisedBy: { tenant: string; email: string };
  subject: string;
  description: string;
  /** The centre's moves after OPEN, each recorded as a TRANSITION event. */
  moves: string[];
  resolved?: { resolution: string; satisfaction: number; ratedBy: string };
  createdAt: Date;
}

function complaint(rows: SeedRow[], demo: DemoComplaint): void {
  const id = demoId("complaint", demo.key);
  const scope = { tenant_id: demo.provider, parent_tenant_id: demo.centre };
  const handler = demo.centre === tenant("CN") ? "president@cn.demo" : "president@cn-sh.demo";
  const moves = demo.resolved ? [...demo.moves, "RESOLVED"] : demo.moves;
  const movedAt = (index: number) => new Date(demo.createdAt.getTime() + (index + 1) * 3_600_000);
  rows.push({
    table: "complaints",
    values: {
      ...scope,
      id,
      raised_by_tenant_id: demo.raisedBy.tenant,
      subject: demo.subject,
      description: demo.description,
      status: moves[moves.length - 1] ?? "OPEN",
      resolution: demo.resolved?.resolution ?? null,
      resolved_at: demo.resolved ? movedAt(moves.length - 1) : null,
      satisfaction: demo.resolved?.satisfaction ?? null,
      rated_by: demo.resolved ? user(demo.resolved.ratedBy) : null,
      raised_by: user(demo.raisedBy.email),
      created_at: demo.createdAt,
    },
  });
  moves.forEach((to, index) =>
    rows.push({
      table: "complaint_events",
      values: {
        ...scope,
        id: demoId("complaint-event", `${demo.key}:${index}`),
        complaint_id: id,
        kind: "TRANSITION",
        from_status: index === 0 ? "OPEN" : moves[index - 1],
        to_status: to,
        note: to === "RESOLVED" ? (demo.resolved as { resolution: string }).resolution : `Moved to ${to.toLowerCase()}`,
        by_tenant_id: demo.centre,
        created_by: user(handler),
        created_at: movedAt(index),
      },
    }),
  );
}
