import { spyOnRequestStatements } from "../support/request-statements";
import { useTestApp } from "../support/test-app";
import { registerPartner } from "../support/partner-network";

const t = useTestApp();
let statements: ReturnType<typeof spyOnRequestStatements>;

beforeAll(async () => {
  for (let i = 0; i < 12; i++) await registerPartner(t, "president@cn-sh.demo", `SH-MANY-${i}`);
  statements = spyOnRequestStatements();
});
afterAll(() => statements.restore());

const ARCHIVE = `query($first: Int) { partners(first: $first) { edges { node {
  id status grade tenant { code } registeredBy { email } qualifications { status submittedBy { email } } assessments { grade assessedBy { email } }
} } } }`;

async function countStatements(first: number) {
  statements.clear();
  const response = await t.as("president@cn-sh.demo").data(ARCHIVE, { first });
  return { count: statements.count(), partners: response.partners.edges.length };
}

it("the partner list with its nested files and assessments issues as many statements for 13 partners as for 2: one per loader per level", async () => {
  const few = await countStatements(2);
  const all = await countStatements(50);
  expect(all.partners).toBe(13);
  expect(all.count).toBe(few.count);
  // BEGIN, enter, the partners, their tenants, files and assessments, the users (one batch), COMMIT
  expect(all.count).toBeLessThanOrEqual(9);
});
