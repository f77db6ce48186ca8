import { readFileSync } from "node:fs";
import path from "node:path";
import { renderPolicySnapshot } from "../../src/cli/policy-snapshot";
import { TestDatabase, createTestDatabase } from "../support/test-database";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe("policies.snapshot.sql", () => {
  it("matches the migrated database's policies, grants, RLS flags and definer functions (run `npm run policies` after changing them)", async () => {
    const committed = readFileSync(path.join(__dirname, "..", "..", "policies.snapshot.sql"), "utf8");
    expect(await renderPolicySnapshot(async (sql) => (await db.owner.query(sql)).rows)).toBe(committed);
  });
});
