import { useTestApp } from "../support/test-app";

const t = useTestApp();
const ok = (email: string, query: string, variables: Record<string, unknown> = {}) => t.as(email).data(query, variables);

const SCHEME_INPUT = {
  qualityWeight: 40, efficiencyWeight: 10, satisfactionWeight: 30, fulfilmentWeight: 20,
  grade1Min: 90, grade2Min: 80, grade3Min: 70, passMin: 70, failuresForRectification: 2, failuresForTerminationReview: 3,
};

describe("value objects a client caches keep one id across the mutations that change them", () => {
  it("setAssessmentScheme answers under the id assessmentScheme had, so a normalised cache updates in place", async () => {
    const before = (await ok("president@cn-sh.demo", "{ assessmentScheme { id qualityWeight definedBy { code } } }")).assessmentScheme;
    expect(before.definedBy).toBeNull();
    const set = (
      await ok("president@cn-sh.demo", "mutation($input: SetAssessmentSchemeInput!) { setAssessmentScheme(input: $input) { id qualityWeight definedBy { code } } }", {
        input: SCHEME_INPUT,
      })
    ).setAssessmentScheme;
    expect(set).toEqual({ id: before.id, qualityWeight: 40, definedBy: { code: "CN-SH" } });
    // The inheriting child has a scheme object of its own, never merged with its parent's.
    const child = (await ok("admin@cn-sh-cert.demo", "{ assessmentScheme { id definedBy { code } } }")).assessmentScheme;
    expect(child.definedBy).toEqual({ code: "CN-SH" });
    expect(child.id).not.toBe(before.id);
  });

  it("recordProjectCost reaches the project's refreshed budget, whose id stays the project's", async () => {
    const project = (
      await ok(
        "president@cn-sh.demo",
        `mutation { createOperationProject(input: { title: "Cached budget", feasibility: "Yes", riskAssessment: "Low", budgetMinor: "1000", currency: "CNY" }) {
          id budget { id actualMinor } } }`,
      )
    ).createOperationProject;
    const recorded = (
      await ok(
        "president@cn-sh.demo",
        `mutation($id: ID!) { recordProjectCost(projectId: $id, input: { amountMinor: "250", description: "Venue", incurredOn: "2026-01-05" }) {
          id project { id budget { id actualMinor remainingMinor } costs { id } } } }`,
        { id: project.id },
      )
    ).recordProjectCost;
    expect(recorded.project).toEqual({
      id: project.id,
      budget: { id: project.budget.id, actualMinor: "250", remainingMinor: "750" },
      costs: [{ id: recorded.id }],
    });
    expect(project.budget.id).not.toBe(project.id);
  });

  it("a KPI status is one object per tenant, KPI and period: the same again, another for another period", async () => {
    const ids = async (period: string) =>
      ((await ok("president@cn.demo", `{ kpiStatus${period} { id } }`)).kpiStatus as { id: string }[]).map((status) => status.id);
    const allTime = await ids("");
    expect(new Set(allTime).size).toBe(allTime.length);
    expect(await ids("")).toEqual(allTime);
    const thisYear = await ids(`(from: "2026-01-01T00:00:00Z")`);
    expect(thisYear).toHaveLength(allTime.length);
    expect(thisYear.filter((id) => allTime.includes(id))).toEqual([]);
  });
});
