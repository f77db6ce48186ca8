import { demoId } from "../../src/demo-data/demo-data";
import { errorCode, useTestApp } from "../support/test-app";

const t = useTestApp({ APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" });
let indicatorId: string;

const RECORD = `mutation($id: ID!, $value: Float!) { recordRiskIndicatorValue(indicatorId: $id, value: $value) { currentValue breached } }`;
const WARNINGS = `{ riskWarnings(first: 100) { edges { node { id status value tenant { code } } } } }`;
const warningsOf = async (email: string) => (await t.as(email).query(WARNINGS)).data.riskWarnings.edges.map((e: any) => e.node);

describe("the risk register", () => {
  it("a centre registers a risk with its level from likelihood × impact, and an indicator with a threshold", async () => {
    const created = await t.as("staff@cn-sh.demo").query(
      `mutation($owner: ID!) { createRisk(input: { title: "Key trainer leaves", category: OPERATIONAL, likelihood: 3, impact: 4, response: REDUCE, ownerId: $owner }) { id level tenant { code } owner { email } } }`,
      { owner: demoId("user", "consultant@cn-sh.demo") },
    );
    expect(created.data.createRisk).toMatchObject({ level: "HIGH", tenant: { code: "CN-SH" }, owner: { email: "consultant@cn-sh.demo" } });
    const indicator = await t.as("staff@cn-sh.demo").query(
      `mutation($risk: ID!) { addRiskIndicator(riskId: $risk, input: { name: "Open trainer positions", warningThreshold: 2, direction: ABOVE }) { id breached } }`,
      { risk: created.data.createRisk.id },
    );
    indicatorId = indicator.data.addRiskIndicator.id;
    expect(indicator.data.addRiskIndicator.breached).toBe(false);
  });

  it("a value below the threshold raises nothing; crossing it raises one warning, however often it is measured", async () => {
    expect((await t.as("staff@cn-sh.demo").query(RECORD, { id: indicatorId, value: 1 })).data.recordRiskIndicatorValue).toEqual({ currentValue: 1, breached: false });
    expect(await warningsOf("staff@cn-sh.demo")).toEqual([]);
    await t.as("staff@cn-sh.demo").query(RECORD, { id: indicatorId, value: 3 });
    await t.as("staff@cn-sh.demo").query(RECORD, { id: indicatorId, value: 4 });
    expect(await warningsOf("staff@cn-sh.demo")).toEqual([{ id: expect.any(String), status: "OPEN", value: 3, tenant: { code: "CN-SH" } }]);
  });

  it("the warning is visible up the chain but not to a sibling", async () => {
    expect((await warningsOf("president@cn.demo")).map((w: any) => w.tenant.code)).toEqual(["CN-SH"]);
    expect((await warningsOf("president@hq.demo")).map((w: any) => w.tenant.code)).toEqual(["CN-SH"]);
    expect(await warningsOf("president@cn-sz.demo")).toEqual([]);
  });

  it("the centre acknowledges and closes it with a note; a parent cannot, a sibling cannot even find it", async () => {
    const [warning] = await warningsOf("staff@cn-sh.demo");
    const ack = `mutation($id: ID!) { acknowledgeRiskWarning(id: $id, note: "Recruiting") { status } }`;
    expect(errorCode(await t.as("president@cn.demo").query(ack, { id: warning.id }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("president@cn-sz.demo").query(ack, { id: warning.id }))).toBe("NOT_FOUND");
    expect((await t.as("staff@cn-sh.demo").query(ack, { id: warning.id })).data.acknowledgeRiskWarning.status).toBe("ACKNOWLEDGED");
    expect(errorCode(await t.as("staff@cn-sh.demo").query(ack, { id: warning.id }))).toBe("CONFLICT");
    const close = `mutation($id: ID!, $note: String!) { closeRiskWarning(id: $id, note: $note) { status note } }`;
    expect(errorCode(await t.as("staff@cn-sh.demo").query(close, { id: warning.id, note: " " }))).toBe("BAD_USER_INPUT");
    expect((await t.as("staff@cn-sh.demo").query(close, { id: warning.id, note: "Two trainers hired" })).data.closeRiskWarning).toEqual({
      status: "CLOSED",
      note: "Two trainers hired",
    });
  });

  it("after a warning is closed, crossing the threshold again raises a new one", async () => {
    await t.as("staff@cn-sh.demo").query(RECORD, { id: indicatorId, value: 5 });
    const statuses = (await warningsOf("staff@cn-sh.demo")).map((w: any) => w.status).sort();
    expect(statuses).toEqual(["CLOSED", "OPEN"]);
  });

  it("risks are read in the visible tenants only", async () => {
    const list = async (email: string) => (await t.as(email).query(`{ risks { edges { node { tenant { code } } } } }`)).data.risks.edges.map((e: any) => e.node.tenant.code);
    expect(await list("president@cn.demo")).toEqual(["CN-SH"]);
    expect(await list("consultant@cn-sz.demo")).toEqual([]);
    expect(await list("admin@cn-sh-cert.demo")).toEqual([]);
  });
});
