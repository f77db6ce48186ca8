import { PostgresQueryRunner } from "typeorm/driver/postgres/PostgresQueryRunner";
import { errorCode, useTestApp } from "./support/test-app";

const t = useTestApp();
const president = t.as("president@hq.demo");

/** Each abusive document is refused with a code, and before a single SQL statement runs. */
async function refusedBeforeSql(query: string): Promise<string | undefined> {
  await t.login("president@hq.demo"); // before the spy: logging in runs SQL of its own
  const statements = jest.spyOn(PostgresQueryRunner.prototype, "query");
  try {
    const response = await president.query(query);
    expect(statements).not.toHaveBeenCalled();
    return errorCode(response);
  } finally {
    statements.mockRestore();
  }
}

const nest = (depth: number) => `{ tenants { edges { node { ${"children { ".repeat(depth)}code${" }".repeat(depth)} } } } }`;

describe("query limits", () => {
  it("a document nested deeper than 10 levels is refused", async () => {
    expect(await refusedBeforeSql(nest(9))).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("more than 15 aliases are refused", async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: me { user { id } }`).join(" ");
    expect(await refusedBeforeSql(`{ ${aliases} }`)).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("an expensive fan-out of lists is refused by cost", async () => {
    const fanOut = `{ tenants(first: 100) { edges { node { children { children { children { children { children { code name kind depth status registrationNumber } } } } } } } } }`;
    expect(await refusedBeforeSql(fanOut)).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("a document of more than 2,000 tokens is refused while parsing", async () => {
    expect(await refusedBeforeSql(`{ ${"me { user { id } } ".repeat(300)} }`)).toBe("GRAPHQL_PARSE_FAILED");
  });

  it("a batched HTTP array is refused", async () => {
    const response = await president.post([{ query: "{ me { user { id } } }" }, { query: "{ me { user { id } } }" }]);
    expect(response.status).toBe(400);
  });

  it("ordinary screens stay well inside the limits", async () => {
    const response = await president.query(
      `{ approvalInbox(first: 100) { edges { node { id tenant { code } requester { email } currentStep { tenant { code } minAuthorityLevel } } } }
         serviceCases(first: 50) { edges { node { title client { name } consultant { displayName } tasks { title owner { displayName } } } } } }`,
    );
    expect(response.errors).toBeUndefined();
  });
});

describe("in production", () => {
  const production = useTestApp({ NODE_ENV: "production", JWT_SECRET: "a-production-secret-of-at-least-32-chars" });

  it("introspection is off and field suggestions are hidden", async () => {
    const staff = production.as("staff@cn-sh.demo");
    const introspection = await staff.query("{ __schema { types { name } } }");
    expect(errorCode(introspection)).toBe("GRAPHQL_VALIDATION_FAILED");
    const typo = await staff.query("{ clientz { totalCount } }");
    expect(errorCode(typo)).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(typo.errors![0].message).not.toMatch(/Did you mean/);
  });
});
