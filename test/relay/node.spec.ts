import "reflect-metadata";
import { createHash } from "node:crypto";
import { GraphQLObjectType, getNullableType, isObjectType } from "graphql";
import { Client } from "pg";
import { spyOnRequestStatements } from "../support/request-statements";
import { nodeTypes } from "../../src/modules/nodes/node-registry";
import { appModules } from "../../src/app";
import { buildAppSchema } from "../../src/schema";
import { DEMO_EMAILS } from "../support/demo-network";
import { errorCode, useTestApp } from "../support/test-app";

const t = useTestApp();
const ok = (email: string, query: string, variables: Record<string, unknown> = {}) => t.as(email).data(query, variables);
beforeAll(() => createRowsTheSeedLacks());

const schema = buildAppSchema(appModules());
const nodeInterface = schema.getType("Node")!;
const implementsNode = (type: GraphQLObjectType) => type.getInterfaces().some((implemented) => implemented === nodeInterface);
const objectTypes = Object.values(schema.getTypeMap()).filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith("__"));

/** The table each Node type's rows live in (each Node type's class is named as its GraphQL type). */
function tableOf(typeName: string): string {
  const node = nodeTypes().find((candidate) => candidate.type.name === typeName);
  return t.app.dataSource.getMetadata(node!.type).tableName;
}

/** The seed has no risks, KPI targets, invitations, API keys, delegations or documents, nor a project run through the API: made through the API, in CN-SH. */
async function createRowsTheSeedLacks(): Promise<void> {
  const president = "president@cn-sh.demo";
  const ownerId = (await ok(president, "{ me { user { id } } }")).me.user.id;
  const risk = (await ok(president, `mutation { createRisk(input: { title: "Node risk", category: LEGAL, likelihood: 1, impact: 2, ownerId: "${ownerId}", response: ACCEPT }) { id } }`)).createRisk;
  const indicator = (await ok(president, `mutation { addRiskIndicator(riskId: "${risk.id}", input: { name: "Gauge", warningThreshold: 1, direction: ABOVE }) { id } }`)).addRiskIndicator;
  await ok(president, `mutation { recordRiskIndicatorValue(indicatorId: "${indicator.id}", value: 5) { id } }`);
  const project = (
    await ok(president, `mutation { createOperationProject(input: { title: "Node project", feasibility: "Yes", riskAssessment: "Low", budgetMinor: "500", currency: "CNY" }) { id } }`)
  ).createOperationProject;
  await ok(president, `mutation { planOperationProject(id: "${project.id}", input: { goals: "G", resources: "R", strategy: "S" }) { id } }`);
  await ok(president, `mutation { reviewRisk(id: "${risk.id}", input: { note: "Looked at" }) { id } }`);
  await ok("staff@cn-sh.demo", `mutation { submitOperationPlan(id: "${project.id}") { id } }`);
  const [{ id: planRequest }] = (await t.database.owner.query("SELECT id FROM approval_requests WHERE subject_id = $1", [project.id])).rows;
  await ok(president, `mutation { decideApproval(id: "${planRequest}", decision: APPROVE) { id } }`);
  await ok(president, `mutation { startOperationExecution(id: "${project.id}") { id } }`);
  await ok(president, `mutation { recordSupervisionCheck(projectId: "${project.id}", input: { findings: "Fine", passed: true }) { id } }`);
  await ok(president, `mutation { recordProjectCost(projectId: "${project.id}", input: { amountMinor: "10", description: "Ink", incurredOn: "2026-01-02" }) { id } }`);
  await ok(president, `mutation { setKpiTarget(kpi: REVISIT_RATE, target: 90) { id } }`);
  await ok(president, `mutation { inviteMember(input: { email: "node@cn-sh.test", displayName: "Node", role: STAFF, department: MEDIA }) { id } }`);
  await ok(president, `mutation { createApiKey(input: { name: "Node key", role: STAFF, department: MEDIA, expiresAt: "${new Date(Date.now() + 86_400_000).toISOString()}" }) { secret } }`);
  const staff = (await t.database.owner.query("SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = 'staff@cn-sh.demo'")).rows[0].id;
  const endsAt = new Date(Date.now() + 86_400_000).toISOString();
  await ok(president, `mutation { delegateApprovals(input: { toMembershipId: "${staff}", startsAt: "${new Date().toISOString()}", endsAt: "${endsAt}" }) { id } }`);
  await ok(president, `mutation { createUpload(input: { fileName: "node.pdf", contentType: "application/pdf", byteSize: 10, sha256: "${"0".repeat(64)}" }) { document { id } } }`);
  const evidence = Buffer.from("node evidence\n");
  const { createUpload } = await ok(president, `mutation { createUpload(input: { fileName: "evidence.txt", contentType: "text/plain", byteSize: ${evidence.length}, sha256: "${createHash("sha256").update(evidence).digest("hex")}" }) { document { id } uploadUrl } }`);
  expect((await fetch(new URL(createUpload.uploadUrl, t.app.url), { method: "PUT", body: evidence })).status).toBe(200);
  const caseId = (await ok(president, "{ serviceCases(first: 1) { edges { node { id } } } }")).serviceCases.edges[0].node.id;
  await ok(president, `mutation { attachDocument(documentId: "${createUpload.document.id}", subjectType: SERVICE_CASE, subjectId: "${caseId}") { id } }`);
  await ok(president, `mutation { createEvidencePackage(input: { caseId: "${caseId}", title: "Node evidence", documentIds: ["${createUpload.document.id}"], expiresAt: "${endsAt}" }) { shareUrl } }`);
}

async function someIds(owner: Client, table: string, limit: number): Promise<string[]> {
  return (await owner.query(`SELECT id::text AS id FROM ${table} ORDER BY id LIMIT ${limit}`)).rows.map((row) => row.id);
}

/** Query fields that read one object of a Node type by `id: ID!`: the per-type queries node(id) must answer like. */
const PER_TYPE_QUERIES = Object.values(schema.getQueryType()!.getFields()).filter((field) => {
  const type = getNullableType(field.type);
  return field.args.length === 1 && field.args[0].name === "id" && isObjectType(type) && implementsNode(type) && field.name !== "node";
});

describe("Relay object identification", () => {
  it("every type with an id of its own implements Node; the partner card (its tenant's id) and value objects with derived ids do not", () => {
    const withId = objectTypes.filter((type) => "id" in type.getFields());
    expect(withId.filter((type) => !implementsNode(type)).map((type) => type.name).sort()).toEqual([
      "AssessmentScheme",
      "EvidencePackageAccess",
      "KpiStatus",
      "Notification",
      "Partner",
      "ProjectBudget",
      "Webhook",
      "WebhookDelivery",
    ]);
    expect(withId.filter(implementsNode)).toHaveLength(nodeTypes().length);
  });

  it("node(id) reads back a row of every Node type, as that type", async () => {
    const typeNames = objectTypes.filter(implementsNode).map((type) => type.name);
    for (const typeName of typeNames) {
      const [id] = await someIds(t.database.owner, tableOf(typeName), 1);
      expect({ typeName, id }).toEqual({ typeName, id: expect.any(String) });
      const { node } = await ok("president@hq.demo", `query($id: ID!) { node(id: $id) { __typename id } }`, { id });
      expect({ typeName, node }).toEqual({ typeName, node: { __typename: typeName, id } });
    }
  });

  it.each(PER_TYPE_QUERIES.map((field) => field.name))("node(id) answers exactly as %s(id) does, for every demo user", async (queryName) => {
    const field = PER_TYPE_QUERIES.find((candidate) => candidate.name === queryName)!;
    const typeName = (getNullableType(field.type) as GraphQLObjectType).name;
    const ids = await someIds(t.database.owner, tableOf(typeName), 14);
    let visibleSomewhere = 0;
    let hiddenSomewhere = 0;
    // Seven ids a request: two aliases each, within the alias limit.
    for (let start = 0; start < ids.length; start += 7) {
      const chunk = ids.slice(start, start + 7);
      const query = chunk.map((id, index) => `own${index}: ${queryName}(id: "${id}") { id } node${index}: node(id: "${id}") { id }`).join(" ");
      for (const email of DEMO_EMAILS) {
        const data = await ok(email, `{ ${query} }`);
        const own = chunk.map((_, index) => data[`own${index}`]);
        visibleSomewhere += own.filter(Boolean).length;
        hiddenSomewhere += own.filter((answer) => answer === null).length;
        expect({ email, answers: chunk.map((_, index) => data[`node${index}`]) }).toEqual({ email, answers: own });
      }
    }
    expect(visibleSomewhere).toBeGreaterThan(0);
    expect(hiddenSomewhere).toBeGreaterThan(0);
  });

  it("a malformed id is BAD_USER_INPUT, as in the per-type queries; an unknown one is null", async () => {
    const token = await t.login("president@hq.demo");
    expect(errorCode(await t.graphql(`{ node(id: "not-an-id") { id } }`, {}, { token }))).toBe("BAD_USER_INPUT");
    expect((await t.graphql(`{ node(id: "00000000-0000-4000-8000-000000000000") { id } }`, {}, { token })).data.node).toBeNull();
    expect(errorCode(await t.graphql(`{ node(id: "00000000-0000-4000-8000-000000000000") { id } }`))).toBe("UNAUTHENTICATED");
  });

  describe("statements", () => {
    let statements: ReturnType<typeof spyOnRequestStatements>;
    beforeAll(() => {
      statements = spyOnRequestStatements();
    });
    afterAll(() => statements.restore());

    async function countStatements(query: string): Promise<number> {
      const token = await t.login("president@hq.demo");
      statements.clear();
      const response = await t.graphql(query, {}, { token });
      expect(response.errors).toBeUndefined();
      return statements.count();
    }

    it("node(id) finds the type and reads the row in two statements; ids of one type share them", async () => {
      const [first, second] = await someIds(t.database.owner, "clients", 2);
      // BEGIN with entering the tenant, the type lookup, the client loader, COMMIT
      expect(await countStatements(`{ node(id: "${first}") { id } }`)).toBe(4);
      expect(await countStatements(`{ a: node(id: "${first}") { id } b: node(id: "${second}") { id } }`)).toBe(4);
    });
  });
});
