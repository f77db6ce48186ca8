import { spyOnRequestStatements } from "./support/request-statements";
import { errorCode, useTestApp } from "./support/test-app";

const t = useTestApp();
const president = t.as("president@hq.demo");
/** Logged in before any statement is counted: logging in runs SQL of its own. */
let token: string;
beforeAll(async () => {
  token = await t.login("president@hq.demo");
});

/** Each abusive document is refused with a code, and before a single SQL statement runs. */
async function refusedBeforeSql(query: string, variables: Record<string, unknown> = {}): Promise<string | undefined> {
  return errorCode(await answerBeforeSql(query, variables));
}

async function answerBeforeSql(query: string, variables: Record<string, unknown> = {}) {
  const statements = spyOnRequestStatements();
  try {
    const response = await t.graphql(query, variables, { token });
    expect(statements.texts()).toEqual([]);
    return response;
  } finally {
    statements.restore();
  }
}

/** Fifteen aliased case lists, each with nested lists, whose page size is `first` (a literal, a variable, or nothing). */
const caseFanOut = (first: string, variables = "") =>
  `query${variables} { ${Array.from({ length: 15 }, (_, i) => `a${i}: serviceCases${first} { edges { node { title client { name } tasks { title owner { displayName } } } } }`).join(" ")} }`;

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

  it("a list's cost counts the value of the variable given as first, exactly like the same literal", async () => {
    const literal = await answerBeforeSql(caseFanOut("(first: 100)"));
    const variable = await answerBeforeSql(caseFanOut("(first: $n)", "($n: Int)"), { n: 100 });
    expect(errorCode(variable)).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(variable.status).toBe(400);
    expect(variable).toEqual(literal);
  });

  it("a list whose first is omitted, null or an unset variable costs the default page size", async () => {
    const defaultPage = await answerBeforeSql(caseFanOut("(first: 50)"));
    expect(errorCode(defaultPage)).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(await answerBeforeSql(caseFanOut(""))).toEqual(defaultPage);
    expect(await answerBeforeSql(caseFanOut("(first: null)"))).toEqual(defaultPage);
    expect(await answerBeforeSql(caseFanOut("(first: $n)", "($n: Int)"))).toEqual(defaultPage);
  });

  it("a mobile client's paged list with its page size in a variable runs", async () => {
    const response = await t.graphql(
      `query Cases($first: Int, $after: String) { serviceCases(first: $first, after: $after) { totalCount
         edges { cursor node { id title step tier client { name } tasks { title dueOn } } } pageInfo { hasNextPage endCursor } } }`,
      { first: 20 },
      { token },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data.serviceCases.edges.length).toBeGreaterThan(0);
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

/** Misspelt names of every kind graphql-js would suggest a correction for, in a literal and in variables. */
const MISSPELLINGS: [string, string, Record<string, unknown>][] = [
  ["a field", "{ clientz { totalCount } }", {}],
  ["an argument", "{ clients(frist: 2) { totalCount } }", {}],
  ["a directive argument", "{ clients @include(if: true, iff: true) { totalCount } }", {}],
  ["a type", "query ($step: ServiceStepp) { serviceCases(step: $step) { totalCount } }", {}],
  ["an enum value", "{ serviceCases(step: INTAK) { totalCount } }", {}],
  ["an enum value in a variable", "query ($step: ServiceStep) { serviceCases(step: $step) { totalCount } }", { step: "INTAK" }],
  ["an input field", 'mutation { createClient(input: { name: "x", nam: "y" }) { id } }', {}],
  ["an input field in a variable", "mutation ($input: CreateClientInput!) { createClient(input: $input) { id } }", { input: { name: "x", nam: "y" } }],
];

describe("outside production", () => {
  it.each(MISSPELLINGS)("a misspelt name of %s is answered with a suggestion", async (_kind, query, variables) => {
    const response = await president.query(query, variables);
    expect(response.errors?.map((error) => error.message).join(" ")).toMatch(/Did you mean/);
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

  it.each(MISSPELLINGS)("a misspelt name of %s is refused without suggesting a name of the schema", async (_kind, query, variables) => {
    const response = await production.as("staff@cn-sh.demo").query(query, variables);
    expect(response.status).toBe(400);
    expect(response.errors?.length).toBeGreaterThan(0);
    for (const error of response.errors!) expect(error.message).not.toMatch(/did you mean/i);
  });
});
