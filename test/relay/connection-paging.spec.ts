import { createHash } from "node:crypto";
import { getNamedType } from "graphql";
import { appModules } from "../../src/app";
import { buildAppSchema } from "../../src/schema";
import { demoId } from "../../src/demo-data/demo-data";
import { dispatchPendingEvents } from "../../src/modules/events/event-dispatch";
import { EVENTS_ENV, deliveryDeps } from "../events/support";
import { registration } from "../support/partner-network";
import { useTestApp } from "../support/test-app";

// The event fixtures dispatch their events themselves, so no worker adds rows while they are paged.
const t = useTestApp(EVENTS_ENV);
const ok = (email: string, query: string, variables: Record<string, unknown> = {}) => t.as(email).data(query, variables);

/**
 * How a connection gets rows whose sort keys differ below the millisecond: `sortKey` rewrites
 * the stored key of the rows the reader sees (as the owner, triggers off) into pairs of equal
 * values a microsecond apart, all within one millisecond; `feed` creates rows through the API,
 * several in one request (one transaction: the same now(), to the microsecond) and one alone.
 */
interface Fixture {
  reader: string;
  sortKey?: { table: string; column: string; kind: "timestamp" | "date"; idColumn?: string };
  feed?: () => Promise<void>;
  /** The connection's required arguments, once fed (`webhookId: "…"`). */
  args?: () => string;
}

const CN_SH = "president@cn-sh.demo";

/** `count` aliased copies of one mutation field in one request, then one more in a request of its own. */
async function createInOneRequestAndAlone(email: string, field: string, inputs: (index: number) => string, count = 3): Promise<void> {
  const together = Array.from({ length: count }, (_, index) => `m${index}: ${field}(${inputs(index)}) { id }`);
  await ok(email, `mutation { ${together.join(" ")} }`);
  await ok(email, `mutation { alone: ${field}(${inputs(count)}) { id } }`);
}

async function userIdOf(email: string): Promise<string> {
  return (await ok(email, "{ me { user { id } } }")).me.user.id;
}

async function feedRisks(): Promise<string> {
  const ownerId = await userIdOf(CN_SH);
  await createInOneRequestAndAlone(
    CN_SH,
    "createRisk",
    (index) => `input: { title: "Paging risk ${index}", category: MARKET, likelihood: 2, impact: 3, ownerId: "${ownerId}", response: REDUCE }`,
  );
  return ownerId;
}

/**
 * Four requests of grants by CN-SH's staff, three in one request: each step that waits tells the
 * president (a notification) and reaches the centre's webhook (a delivery), dispatched here. The
 * webhook, made once, for webhookDeliveries.
 */
let approvalWebhookId: string | undefined;
async function feedApprovalEvents(): Promise<string> {
  if (!approvalWebhookId) {
    const { createWebhook } = await ok(CN_SH, `mutation { createWebhook(input: { url: "http://127.0.0.1:9/hooks", eventTypes: ["approval.step_waiting"] }) { webhook { id } } }`);
    approvalWebhookId = createWebhook.webhook.id as string;
  }
  const from = new Date(Date.now() + 86_400_000).toISOString();
  const until = new Date(Date.now() + 30 * 86_400_000).toISOString();
  await createInOneRequestAndAlone(
    "staff@cn-sh.demo",
    "requestGrant",
    (index) => `input: { matter: "Paging grant ${index}", scope: "Shanghai", level: 3, validFrom: "${from}", validUntil: "${until}" }`,
  );
  await dispatchPendingEvents(deliveryDeps(t));
  return approvalWebhookId;
}

const FIXTURES: Record<string, Fixture> = {
  apiKeys: {
    reader: CN_SH,
    sortKey: { table: "api_keys", column: "created_at", kind: "timestamp" },
    async feed() {
      const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
      for (let index = 0; index < 4; index++) {
        await ok(CN_SH, `mutation { createApiKey(input: { name: "Paging key ${index}", role: STAFF, department: MEDIA, expiresAt: "${expiresAt}" }) { secret } }`);
      }
    },
  },
  approvalDelegations: {
    reader: CN_SH,
    feed: () =>
      createInOneRequestAndAlone(CN_SH, "delegateApprovals", (index) => {
        const startsAt = new Date(Date.now() + index * 3_600_000).toISOString();
        const endsAt = new Date(Date.now() + (index + 24) * 3_600_000).toISOString();
        return `input: { toMembershipId: "${demoId("membership", "staff@cn-sh.demo")}", startsAt: "${startsAt}", endsAt: "${endsAt}" }`;
      }),
  },
  approvalInbox: { reader: CN_SH, sortKey: { table: "approval_requests", column: "created_at", kind: "timestamp" } },
  approvalRequests: { reader: "president@hq.demo", sortKey: { table: "approval_requests", column: "created_at", kind: "timestamp" } },
  assessments: { reader: "president@hq.demo", sortKey: { table: "provider_assessments", column: "created_at", kind: "timestamp" } },
  auditLog: { reader: "admin@cn-it.demo" },
  businessReports: { reader: "president@cn.demo", sortKey: { table: "business_reports", column: "created_at", kind: "timestamp" } },
  clients: {
    reader: "staff@cn-sh.demo",
    feed: () => createInOneRequestAndAlone("staff@cn-sh.demo", "createClient", (index) => `input: { name: "Paging client ${index}" }`),
  },
  complaints: { reader: "president@hq.demo", sortKey: { table: "complaints", column: "created_at", kind: "timestamp" } },
  evidencePackages: {
    reader: CN_SH,
    sortKey: { table: "evidence_packages", column: "created_at", kind: "timestamp" },
    async feed() {
      const caseId = (await ok(CN_SH, "{ serviceCases(first: 1) { edges { node { id } } } }")).serviceCases.edges[0].node.id;
      const content = Buffer.from("paging evidence\n");
      const sha256 = createHash("sha256").update(content).digest("hex");
      const { createUpload } = await ok(CN_SH, `mutation { createUpload(input: { fileName: "paging.txt", contentType: "text/plain", byteSize: ${content.length}, sha256: "${sha256}" }) { document { id } uploadUrl } }`);
      expect((await fetch(new URL(createUpload.uploadUrl, t.app.url), { method: "PUT", body: content })).status).toBe(200);
      await ok(CN_SH, `mutation { attachDocument(documentId: "${createUpload.document.id}", subjectType: SERVICE_CASE, subjectId: "${caseId}") { id } }`);
      const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
      for (let index = 0; index < 4; index++) {
        await ok(CN_SH, `mutation { createEvidencePackage(input: { caseId: "${caseId}", title: "Paging ${index}", documentIds: ["${createUpload.document.id}"], expiresAt: "${expiresAt}" }) { shareUrl } }`);
      }
    },
  },
  feeSettlements: { reader: CN_SH, sortKey: { table: "fee_settlements", column: "created_at", kind: "timestamp" } },
  grants: { reader: "president@hq.demo", sortKey: { table: "grants", column: "created_at", kind: "timestamp" } },
  invitations: {
    reader: CN_SH,
    feed: () =>
      createInOneRequestAndAlone(CN_SH, "inviteMember", (index) => `input: { email: "paging-${index}@cn-sh.test", displayName: "Paging ${index}", role: STAFF, department: MEDIA }`),
  },
  interCentreSettlements: { reader: "president@cn.demo", sortKey: { table: "inter_centre_settlements", column: "created_at", kind: "timestamp" } },
  members: { reader: "president@cn.demo", sortKey: { table: "memberships", column: "created_at", kind: "timestamp" } },
  notifications: { reader: CN_SH, sortKey: { table: "notifications", column: "created_at", kind: "timestamp" }, feed: async () => void (await feedApprovalEvents()) },
  operationProjects: {
    reader: CN_SH,
    feed: () =>
      createInOneRequestAndAlone(
        CN_SH,
        "createOperationProject",
        (index) => `input: { title: "Paging project ${index}", feasibility: "Feasible", riskAssessment: "Low", budgetMinor: "100000", currency: "CNY" }`,
      ),
  },
  overdueRectificationNotices: {
    reader: CN_SH,
    async feed() {
      const { createOperationProject } = await ok(CN_SH, `mutation { createOperationProject(input: { title: "Paging notices", feasibility: "f", riskAssessment: "r", budgetMinor: "1", currency: "CNY" }) { id } }`);
      await t.database.owner.query("UPDATE operation_projects SET stage = 'EXECUTING', plan_review = 'APPROVED' WHERE id = $1", [createOperationProject.id]);
      await createInOneRequestAndAlone(CN_SH, "recordSupervisionCheck", () => `projectId: "${createOperationProject.id}", input: { findings: "Slow", passed: false, rectificationNotice: "Faster" }`);
      await t.database.owner.query("UPDATE rectification_notices SET due_on = current_date - 3 WHERE project_id = $1", [createOperationProject.id]);
    },
  },
  overdueRiskReviews: {
    reader: CN_SH,
    async feed() {
      const ownerId = await userIdOf(CN_SH);
      await createInOneRequestAndAlone(
        CN_SH,
        "createRisk",
        (index) => `input: { title: "Review ${index}", category: MARKET, likelihood: 2, impact: 3, ownerId: "${ownerId}", response: REDUCE, nextReviewOn: "2026-01-01" }`,
      );
    },
  },
  overdueRevisits: {
    reader: CN_SH,
    async feed() {
      const caseId = (await ok(CN_SH, "{ serviceCases(first: 1) { edges { node { id } } } }")).serviceCases.edges[0].node.id;
      await createInOneRequestAndAlone(CN_SH, "scheduleRevisit", () => `input: { caseId: "${caseId}", dueAt: "2099-01-01T00:00:00Z" }`);
      // Scheduled in the future, as the API requires; then past due, as time would make them.
      await t.database.owner.query("UPDATE revisits SET due_at = '2021-01-01' WHERE due_at = '2099-01-01' AND case_id = $1", [caseId]);
    },
    sortKey: { table: "revisits", column: "due_at", kind: "timestamp" },
  },
  overdueTasks: { reader: CN_SH, sortKey: { table: "case_tasks", column: "due_on", kind: "date" } },
  partnerContracts: { reader: CN_SH, sortKey: { table: "partner_contracts", column: "created_at", kind: "timestamp" } },
  partners: {
    reader: CN_SH,
    feed: () =>
      createInOneRequestAndAlone(CN_SH, "registerPartner", (index) => {
        const input = registration(`PAGE-${index}`, `admin-page-${index}@partner.test`);
        const fields = Object.entries(input).map(([name, value]) => (name === "partnerType" ? `${name}: ${value}` : `${name}: ${JSON.stringify(value)}`));
        return `input: { ${fields.join(", ")} }`;
      }),
  },
  riskWarnings: {
    reader: CN_SH,
    async feed() {
      await feedRisks();
          const { risks } = await ok(CN_SH, "{ risks(first: 1) { edges { node { id } } } }");
      const riskId = risks.edges[0].node.id;
      const indicators: string[] = [];
      for (let index = 0; index < 4; index++) {
        const added = await ok(CN_SH, `mutation { addRiskIndicator(riskId: "${riskId}", input: { name: "Gauge ${index}", warningThreshold: 10, direction: ABOVE }) { id } }`);
        indicators.push(added.addRiskIndicator.id);
      }
      const crossing = (id: string, alias: string) => `${alias}: recordRiskIndicatorValue(indicatorId: "${id}", value: 50) { id }`;
      await ok(CN_SH, `mutation { ${indicators.slice(0, 3).map((id, index) => crossing(id, `m${index}`)).join(" ")} }`);
      await ok(CN_SH, `mutation { ${crossing(indicators[3], "alone")} }`);
    },
  },
  revisits: { reader: CN_SH, sortKey: { table: "revisits", column: "due_at", kind: "timestamp" } },
  risks: { reader: CN_SH, feed: async () => void (await feedRisks()) },
  serviceRequests: { reader: CN_SH, sortKey: { table: "service_requests", column: "raised_at", kind: "timestamp" } },
  serviceCases: { reader: CN_SH, sortKey: { table: "service_cases", column: "opened_at", kind: "timestamp" } },
  serviceStandards: { reader: "president@cn.demo", sortKey: { table: "service_standards", column: "created_at", kind: "timestamp" } },
  tenants: { reader: "president@hq.demo" },
  webhookDeliveries: {
    reader: CN_SH,
    sortKey: { table: "webhook_deliveries", column: "created_at", kind: "timestamp" },
    feed: async () => void (await feedApprovalEvents()),
    args: () => `webhookId: "${approvalWebhookId}"`,
  },
};

/** Every Query field whose type is a connection, read from the schema the server runs. */
const CONNECTION_FIELDS = Object.values(buildAppSchema(appModules()).getQueryType()!.getFields())
  .filter((field) => getNamedType(field.type).name.endsWith("Connection"))
  .map((field) => field.name)
  .sort();

async function nodeIdsOf(field: string, reader: string, args = ""): Promise<string[]> {
  const data = await ok(reader, `{ ${field}(first: 100${args ? `, ${args}` : ""}) { edges { node { id } } } }`);
  return data[field].edges.map((edge: { node: { id: string } }) => edge.node.id);
}

/** Pairs of equal keys a microsecond apart, all inside one millisecond (dates: all the same day). */
async function rewriteSortKeys({ table, column, kind, idColumn = "id" }: NonNullable<Fixture["sortKey"]>, ids: string[]): Promise<void> {
  const value =
    kind === "timestamp" ? `timestamptz '2020-01-02 03:04:05.123400+00' + (k.n / 2) * interval '1 microsecond'` : `current_date - 3`;
  await t.database.owner.query("SET session_replication_role = replica");
  try {
    await t.database.owner.query(
      `UPDATE ${table} r SET ${column} = ${value}
         FROM (SELECT ${idColumn} AS id, row_number() OVER (ORDER BY ${idColumn}) - 1 AS n FROM ${table} WHERE ${idColumn} = ANY($1)) k
        WHERE r.${idColumn} = k.id`,
      [ids],
    );
  } finally {
    await t.database.owner.query("SET session_replication_role = origin");
  }
}

interface PageOfOne {
  totalCount: number;
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** Pages with `first: 1` to the end, or one page past the count when the pages never end. */
async function pageToTheEnd(field: string, reader: string, args = ""): Promise<{ seen: string[]; totalCount: number; pages: PageOfOne[] }> {
  const query = `query($after: String) { ${field}(first: 1, after: $after${args ? `, ${args}` : ""}) {
    totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
  const pages: PageOfOne[] = [];
  let after: string | null = null;
  do {
    const page: PageOfOne = (await ok(reader, query, { after }))[field];
    pages.push(page);
    after = page.pageInfo.endCursor;
    if (!page.pageInfo.hasNextPage) break;
  } while (pages.length <= pages[0].totalCount);
  return { seen: pages.flatMap((page) => page.edges.map((edge) => edge.node.id)), totalCount: pages[0].totalCount, pages };
}

describe("keyset pages", () => {
  it("every connection of the schema has a paging fixture", () => {
    expect(Object.keys(FIXTURES).sort()).toEqual(CONNECTION_FIELDS);
  });

  it.each(CONNECTION_FIELDS)("%s paged one row at a time shows every row exactly once, keys equal or a microsecond apart", async (field) => {
    const { reader, sortKey, feed, args } = FIXTURES[field];
    await feed?.();
    if (sortKey) await rewriteSortKeys(sortKey, await nodeIdsOf(field, reader, args?.()));

    const { seen, totalCount, pages } = await pageToTheEnd(field, reader, args?.());
    expect(totalCount).toBeGreaterThanOrEqual(2);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(totalCount);
    expect(pages.at(-1)!.pageInfo.hasNextPage).toBe(false);
    expect(pages.map((page) => page.pageInfo.hasPreviousPage)).toEqual(pages.map((_, index) => index > 0));
    for (const page of pages) expect(page.pageInfo.startCursor).toBe(page.edges[0].cursor);
  });
});
