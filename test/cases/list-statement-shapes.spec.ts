import { useTestApp } from "../support/test-app";

const t = useTestApp();

const LIST = `query($first: Int, $after: String, $step: ServiceStep, $tier: ServiceTier, $nested: Boolean!) {
  serviceCases(first: $first, after: $after, step: $step, tier: $tier) {
    edges { cursor node { id step tier client @include(if: $nested) { name } consultant @include(if: $nested) { displayName } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

type CaseNode = { id: string; step: string; tier: string; client?: unknown };
type CasePage = { edges: { cursor: string; node: CaseNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
type Variables = { first: number; after?: string; step?: string; tier?: string; nested: boolean };

/** Lists that differ in filters, page size, cursor and joined rows: each a statement shape of its own. */
function shapes(afterCursor: string, { step, tier }: { step: string; tier: string }): Variables[] {
  return [
    { first: 5, nested: false },
    { first: 5, nested: true },
    { first: 5, step, nested: false },
    { first: 5, tier, nested: true },
    { first: 5, step, tier, nested: true },
    { first: 3, nested: false },
    { first: 5, after: afterCursor, nested: false },
    { first: 5, after: afterCursor, step, nested: true },
  ];
}

describe("a list's statement, written once per shape", () => {
  it("answers each shape with its own rows whatever shapes ran before it", async () => {
    const president = t.as("president@hq.demo");
    const list = async (variables: Variables): Promise<CasePage> => {
      const response = await president.query(LIST, variables);
      expect(response.errors).toBeUndefined();
      return response.data.serviceCases;
    };
    const firstPage = await list({ first: 5, nested: false });
    // Filters some listed case matches, so every filtered shape has rows to answer.
    const all = shapes(firstPage.pageInfo.endCursor, firstPage.edges[0].node);

    const forwards: CasePage[] = [];
    for (const variables of all) forwards.push(await list(variables));
    const backwards: CasePage[] = [];
    for (const variables of [...all].reverse()) backwards.unshift(await list(variables));
    expect(backwards).toEqual(forwards);

    all.forEach((variables, index) => {
      const nodes = forwards[index].edges.map((edge) => edge.node);
      if (!variables.after) expect(nodes.length).toBeGreaterThan(0);
      expect(nodes.length).toBeLessThanOrEqual(variables.first);
      if (variables.step) expect(nodes.every((node) => node.step === variables.step)).toBe(true);
      if (variables.tier) expect(nodes.every((node) => node.tier === variables.tier)).toBe(true);
      for (const node of nodes) expect("client" in node).toBe(variables.nested);
    });
    // The page after the cursor continues the first one.
    const ids = (page: CasePage) => page.edges.map((edge) => edge.node.id);
    expect(ids(forwards[6]).filter((id) => ids(firstPage).includes(id))).toEqual([]);
    expect(ids(forwards[0])).toEqual(ids(firstPage));
  });
});
