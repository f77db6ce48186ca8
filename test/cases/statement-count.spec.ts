import { spyOnRequestStatements } from "../support/request-statements";
import { useTestApp } from "../support/test-app";

const t = useTestApp();
let statements: ReturnType<typeof spyOnRequestStatements>;

beforeAll(() => {
  statements = spyOnRequestStatements();
});
afterAll(() => statements.restore());

const NESTED = `query($first: Int) { serviceCases(first: $first) { edges { node {
  id title client { name } consultant { displayName } tasks { title owner { displayName } }
} } } }`;

async function countStatements(query: string, variables: Record<string, unknown>, email: string) {
  await t.login(email); // before counting: only the request itself is counted
  statements.clear();
  const response = await t.as(email).query(query, variables);
  expect(response.errors).toBeUndefined();
  return { count: statements.count(), sql: statements.texts().map((text) => text.slice(0, 60)), response };
}

describe("SQL statements per request", () => {
  it("the nested case list issues as many statements for 50 rows as for 20: one per nesting level", async () => {
    const some = await countStatements(NESTED, { first: 20 }, "president@hq.demo");
    const all = await countStatements(NESTED, { first: 50 }, "president@hq.demo");
    expect(all.response.data.serviceCases.edges.length).toBeGreaterThanOrEqual(30);
    // BEGIN with entering the tenant (one round trip), the cases with their clients and consultants, their tasks, the task owners, COMMIT
    expect(all.count).toBe(5);
    expect(all.count).toBe(some.count);
    expect(all.sql[0]).toMatch(/^BEGIN; SELECT ctx/);
    expect(all.sql[all.sql.length - 1]).toMatch(/^COMMIT/);
  });

  it("a case list's clients and consultants, read in the list's own statement, are those each case's loaders read", async () => {
    const president = t.as("president@hq.demo");
    const listed = await president.query(NESTED, { first: 50 });
    const nodes: { id: string; client: unknown; consultant: unknown }[] = listed.data.serviceCases.edges.map((edge: any) => edge.node);
    const oneByOne = await Promise.all(
      nodes.map(async ({ id }) => {
        const response = await president.query(`query($id: ID!) { serviceCase(id: $id) { client { name } consultant { displayName } } }`, { id });
        return response.data.serviceCase;
      }),
    );
    expect(nodes.length).toBeGreaterThanOrEqual(30);
    expect(nodes.map(({ client, consultant }) => ({ client, consultant }))).toEqual(oneByOne);
  });

  it("a case dossier with every record kind stays within one statement per record kind", async () => {
    const { rows } = await t.database.owner.query("SELECT id FROM service_cases WHERE step = 'ARCHIVED' LIMIT 1");
    const dossier = await countStatements(
      `query($id: ID!) { serviceCase(id: $id) { needs { id } plans { id } tasks { id owner { id } } serviceRecords { id }
         materialHandovers { id } certificationReviews { id } evaluation { id } history { id actor { id } } client { name } } }`,
      { id: rows[0].id },
      "president@cn.demo",
    );
    // BEGIN with enter, the case, 8 record kinds and the client (one batch), the users (one batch), COMMIT
    expect(dossier.count).toBeLessThanOrEqual(13);
  });
});
