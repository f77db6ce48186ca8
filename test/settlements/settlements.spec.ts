import { demoId } from "../../src/demo-data/demo-data";
import { addMember, approvalRequestOf } from "../support/owner-rows";
import { asRuntimeRole } from "../support/runtime-role";
import { errorCode, useTestApp } from "../support/test-app";

const t = useTestApp({ APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" });

const tenant = (code: string) => demoId("tenant", code);
const SH_Q1 = demoId("settlement", "CN-SH:2026-q1");
const SZ_Q1 = demoId("settlement", "CN-SZ:2026-q1");
const IT_Q2 = demoId("settlement", "CN-IT:2026-q2");
const SZ_REQUEST = demoId("approval", "cn-settlement-cn-sz-2026-q1");

const FIELDS = "id status totalMinor currency submittedAt decidedAt acknowledgedAt counterparty { code } nationalCentre { code } lineItems { description amountMinor }";
const CREATE = `mutation($input: CreateInterCentreSettlementInput!) { createInterCentreSettlement(input: $input) { ${FIELDS} } }`;
const ADD_LINE = `mutation($id: ID!, $input: SettlementLineItemInput!) { addSettlementLineItem(settlementId: $id, input: $input) { ${FIELDS} } }`;
const SUBMIT = `mutation($id: ID!) { submitInterCentreSettlement(id: $id) { ${FIELDS} } }`;
const ACKNOWLEDGE = `mutation($id: ID!) { acknowledgeInterCentreSettlement(id: $id) { ${FIELDS} } }`;
const DECIDE = `mutation($id: ID!, $decision: ApprovalDecision!, $reason: String) { decideApproval(id: $id, decision: $decision, reason: $reason) { status currentStep { tenant { code } } } }`;
const ONE = `query($id: ID!) { interCentreSettlement(id: $id) { ${FIELDS} } }`;
const LIST = `query($status: SettlementStatus, $counterpartyId: ID) { interCentreSettlements(first: 100, status: $status, counterpartyId: $counterpartyId) { totalCount edges { node { id } } } }`;

const settlementIds = async (email: string, variables: Record<string, unknown> = {}) =>
  (await t.as(email).query(LIST, variables)).data.interCentreSettlements.edges.map((e: { node: { id: string } }) => e.node.id).sort();
const settlement = async (id: string) => (await t.as("president@hq.demo").query(ONE, { id })).data.interCentreSettlement;
const rowCounts = async () =>
  (await t.database.owner.query("SELECT (SELECT count(*) FROM inter_centre_settlements)::int AS s, (SELECT count(*) FROM settlement_line_items)::int AS l")).rows[0];

let period = 0;
/** A draft for a fresh quarter-like period, so tests never collide on the unique key. */
function draftInput(counterparty = "CN-SH", lineItems = [{ description: "Fees", amountMinor: "1000" }, { description: "Levy", amountMinor: "-250" }]) {
  period += 1;
  const year = 2030 + period;
  return { input: { counterpartyId: tenant(counterparty), periodFrom: `${year}-01-01`, periodUntil: `${year}-03-31`, currency: "CNY", lineItems } };
}
async function createDraft(counterparty = "CN-SH") {
  return (await t.as("finance@cn.demo").data(CREATE, draftInput(counterparty))).createInterCentreSettlement;
}

describe("drafting a statement", () => {
  it("the national centre's finance head drafts one with signed lines; the total is their exact sum", async () => {
    const draft = await createDraft();
    expect(draft).toMatchObject({ status: "DRAFT", totalMinor: "750", counterparty: { code: "CN-SH" }, nationalCentre: { code: "CN" } });
    expect(draft.lineItems.map((line: { amountMinor: string }) => line.amountMinor).sort()).toEqual(["-250", "1000"]);
    const added = (await t.as("finance@cn.demo").query(ADD_LINE, { id: draft.id, input: { description: "Correction", amountMinor: "-9223372036854774000" } })).data
      .addSettlementLineItem;
    expect(added.totalMinor).toBe("-9223372036854773250");
    expect(added.lineItems).toHaveLength(3);
  });

  it("a total beyond a bigint is refused and the line is not kept", async () => {
    const draft = await createDraft();
    await t.as("finance@cn.demo").query(ADD_LINE, { id: draft.id, input: { description: "Big", amountMinor: "9223372036854775000" } });
    const before = await rowCounts();
    expect(errorCode(await t.as("finance@cn.demo").query(ADD_LINE, { id: draft.id, input: { description: "Over", amountMinor: "1000" } }))).toBe("BAD_USER_INPUT");
    expect(await rowCounts()).toEqual(before);
    expect((await settlement(draft.id)).totalMinor).toBe("9223372036854775750");
  });

  it("one statement per counterparty, period and currency", async () => {
    const variables = draftInput();
    expect((await t.as("finance@cn.demo").query(CREATE, variables)).errors).toBeUndefined();
    const before = await rowCounts();
    expect(errorCode(await t.as("finance@cn.demo").query(CREATE, variables))).toBe("CONFLICT");
    expect(await rowCounts()).toEqual(before);
  });

  it.each([
    ["a zero line", draftInput("CN-SH", [{ description: "Nothing", amountMinor: "0" }])],
    ["a fractional line", draftInput("CN-SH", [{ description: "Cents", amountMinor: "10.5" }])],
    ["a line beyond a bigint", draftInput("CN-SH", [{ description: "Huge", amountMinor: "99999999999999999999" }])],
    ["lines whose sum is beyond a bigint", draftInput("CN-SH", [{ description: "A", amountMinor: "9223372036854775807" }, { description: "B", amountMinor: "1" }])],
    ["no lines", draftInput("CN-SH", [])],
    ["a blank description", draftInput("CN-SH", [{ description: " ", amountMinor: "5" }])],
    ["a partner as counterparty", draftInput("CN-SH-CERT")],
    ["the national centre itself", draftInput("CN")],
    ["a period ending before it starts", { input: { ...draftInput().input, periodFrom: "2026-06-01", periodUntil: "2026-05-31" } }],
  ])("%s is bad input and writes nothing", async (_label, variables) => {
    const before = await rowCounts();
    const response = await t.as("finance@cn.demo").query(CREATE, variables);
    expect(["BAD_USER_INPUT", "NOT_FOUND"]).toContain(errorCode(response));
    expect(await rowCounts()).toEqual(before);
  });

  it("another national centre's city is not found for CN; a grandchild partner is refused as counterparty", async () => {
    expect(errorCode(await t.as("finance@cn.demo").query(CREATE, draftInput("MY-KL")))).toBe("NOT_FOUND");
    expect(errorCode(await t.as("finance@cn.demo").query(CREATE, draftInput("CN-SH-CERT")))).toBe("BAD_USER_INPUT");
  });

  it("only a national centre's finance, president or deputy drafts: city centres, head office and the auditor are refused", async () => {
    for (const email of ["president@cn-sh.demo", "admin@cn-it.demo", "president@hq.demo", "auditor@hq.demo"]) {
      expect([email, errorCode(await t.as(email).query(CREATE, draftInput()))]).toEqual([email, "FORBIDDEN"]);
    }
    expect((await t.as("president@cn.demo").query(CREATE, draftInput("CN-IT"))).errors).toBeUndefined();
  });
});

describe("the statement lifecycle", () => {
  it("DRAFT → SUBMITTED → APPROVED by the president → acknowledged by the counterparty; illegal moves are CONFLICT", async () => {
    const draft = await createDraft("CN-SZ");
    const submitted = (await t.as("finance@cn.demo").query(SUBMIT, { id: draft.id })).data.submitInterCentreSettlement;
    expect(submitted).toMatchObject({ status: "SUBMITTED", submittedAt: expect.any(String) });
    expect(errorCode(await t.as("finance@cn.demo").query(SUBMIT, { id: draft.id }))).toBe("CONFLICT");
    expect(errorCode(await t.as("finance@cn.demo").query(ADD_LINE, { id: draft.id, input: { description: "Late", amountMinor: "1" } }))).toBe("CONFLICT");
    expect(errorCode(await t.as("president@cn-sz.demo").query(ACKNOWLEDGE, { id: draft.id }))).toBe("CONFLICT");

    const requestId = await approvalRequestOf(t.database.owner, draft.id);
    expect(errorCode(await t.as("finance@cn.demo").query(DECIDE, { id: requestId, decision: "APPROVE" }))).toBe("FORBIDDEN");
    expect((await t.as("president@cn.demo").query(DECIDE, { id: requestId, decision: "APPROVE" })).data.decideApproval.status).toBe("APPROVED");
    expect(await settlement(draft.id)).toMatchObject({ status: "APPROVED", decidedAt: expect.any(String), acknowledgedAt: null });

    const acknowledged = (await t.as("president@cn-sz.demo").query(ACKNOWLEDGE, { id: draft.id })).data.acknowledgeInterCentreSettlement;
    expect(acknowledged.acknowledgedAt).toEqual(expect.any(String));
    expect(errorCode(await t.as("president@cn-sz.demo").query(ACKNOWLEDGE, { id: draft.id }))).toBe("CONFLICT");
    expect(errorCode(await t.as("finance@cn.demo").query(SUBMIT, { id: draft.id }))).toBe("CONFLICT");
  });

  it("a rejection sends the demo CN-SZ statement back to DRAFT for correction; the reason stays on the request", async () => {
    expect((await t.as("president@cn.demo").query(DECIDE, { id: SZ_REQUEST, decision: "REJECT", reason: "Levy is wrong" })).data.decideApproval.status).toBe(
      "REJECTED",
    );
    expect(await settlement(SZ_Q1)).toMatchObject({ status: "DRAFT", submittedAt: null });
    expect((await t.database.owner.query("SELECT reason FROM approval_steps WHERE request_id = $1", [SZ_REQUEST])).rows[0].reason).toBe("Levy is wrong");
    const corrected = (await t.as("finance@cn.demo").query(ADD_LINE, { id: SZ_Q1, input: { description: "Levy correction", amountMinor: "100000" } })).data
      .addSettlementLineItem;
    expect(corrected.totalMinor).toBe("2350000");
    expect((await t.as("finance@cn.demo").query(SUBMIT, { id: SZ_Q1 })).data.submitInterCentreSettlement.status).toBe("SUBMITTED");
  });

  it("a withdrawn submission is a draft again", async () => {
    const draft = await createDraft();
    await t.as("finance@cn.demo").query(SUBMIT, { id: draft.id });
    expect((await t.as("finance@cn.demo").query(`mutation($id: ID!) { withdrawApproval(id: $id) { status } }`, { id: await approvalRequestOf(t.database.owner, draft.id) })).errors).toBeUndefined();
    expect((await settlement(draft.id)).status).toBe("DRAFT");
  });

  it("escalated to head office, head office's president approves it there", async () => {
    const draft = await createDraft("CN-IT");
    await t.as("finance@cn.demo").query(SUBMIT, { id: draft.id });
    const requestId = await approvalRequestOf(t.database.owner, draft.id);
    expect((await t.as("president@cn.demo").query(DECIDE, { id: requestId, decision: "ESCALATE" })).data.decideApproval.currentStep.tenant.code).toBe("HQ");
    expect((await t.as("president@hq.demo").query(DECIDE, { id: requestId, decision: "APPROVE" })).data.decideApproval.status).toBe("APPROVED");
    expect((await settlement(draft.id)).status).toBe("APPROVED");
  });
});

describe("who sees and changes statements", () => {
  it("CN-SH sees its own statement only; CN-IT its own; MY nothing; CN and head office all of CN's", async () => {
    expect(await settlementIds("staff@cn-sh.demo", { status: "APPROVED" })).toEqual([SH_Q1]);
    expect((await t.as("president@cn-sh.demo").query(ONE, { id: SZ_Q1 })).data.interCentreSettlement).toBeNull();
    expect(await settlementIds("admin@cn-it.demo", { counterpartyId: tenant("CN-IT") })).toContain(IT_Q2);
    expect(await settlementIds("admin@cn-it.demo", { counterpartyId: tenant("CN-SH") })).toEqual([]);
    for (const email of ["president@my.demo", "consultant@my-kl.demo", "admin@cn-sh-cert.demo"]) {
      expect([email, await settlementIds(email)]).toEqual([email, []]);
    }
    for (const email of ["finance@cn.demo", "president@hq.demo", "auditor@hq.demo"]) {
      expect([email, await settlementIds(email)]).toEqual([email, expect.arrayContaining([SH_Q1, SZ_Q1, IT_Q2])]);
    }
  });

  it("a CN staff member outside finance reads CN's statements as the parent but cannot draft", async () => {
    await addMember(t.database.owner, "staff@cn.test", "CN", "STAFF", "OPERATIONS");
    expect(await settlementIds("staff@cn.test")).toEqual(expect.arrayContaining([SH_Q1, SZ_Q1, IT_Q2]));
    expect(errorCode(await t.as("staff@cn.test").query(CREATE, draftInput()))).toBe("FORBIDDEN");
  });

  it("the counterparty and the auditor change nothing through the API", async () => {
    expect(errorCode(await t.as("admin@cn-it.demo").query(ADD_LINE, { id: IT_Q2, input: { description: "Mine", amountMinor: "-1" } }))).toBe(
      "FORBIDDEN",
    );
    expect(errorCode(await t.as("admin@cn-it.demo").query(SUBMIT, { id: IT_Q2 }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("auditor@hq.demo").query(ACKNOWLEDGE, { id: SH_Q1 }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("auditor@hq.demo").query(SUBMIT, { id: IT_Q2 }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("president@cn-sz.demo").query(ACKNOWLEDGE, { id: SH_Q1 }))).toBe("NOT_FOUND");
    expect(errorCode(await t.as("finance@cn.demo").query(ACKNOWLEDGE, { id: SH_Q1 }))).toBe("FORBIDDEN");
    expect(await settlement(IT_Q2)).toMatchObject({ status: "DRAFT", totalMinor: "2100000" });
  });

  it("in SQL as CN-SH the counterparty cannot change the amount or status nor add a line", async () => {
    const shanghai = demoId("user", "president@cn-sh.demo");
    await expect(
      asRuntimeRole(t.database.owner, tenant("CN-SH"), shanghai, (sql) => sql.query("UPDATE inter_centre_settlements SET total_minor = 1 WHERE id = $1", [SH_Q1])),
    ).rejects.toMatchObject({ code: "42501" });
    await expect(
      asRuntimeRole(t.database.owner, tenant("CN-SH"), shanghai, (sql) =>
        sql.query("UPDATE inter_centre_settlements SET status = 'DRAFT' WHERE id = $1", [SH_Q1]),
      ),
    ).rejects.toMatchObject({ code: "42501" });
    await expect(
      asRuntimeRole(t.database.owner, tenant("CN-SH"), shanghai, (sql) =>
        sql.query(
          `INSERT INTO settlement_line_items (tenant_id, parent_tenant_id, settlement_id, description, amount_minor, created_by)
           VALUES ($1, $2, $3, 'Self-service', -100, $4)`,
          [tenant("CN-SH"), tenant("CN"), SH_Q1, shanghai],
        ),
      ),
    ).rejects.toMatchObject({ code: "42501", message: expect.stringMatching(/row-level security/) });
  });
});
