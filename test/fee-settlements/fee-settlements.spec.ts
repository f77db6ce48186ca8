import { demoId } from "../../src/demo-data/demo-data";
import { DEMO_PARTNER, decide, signedContract } from "../support/partner-network";
import { errorCode, useTestApp } from "../support/test-app";
import { asRuntimeRole } from "../support/runtime-role";

const t = useTestApp();

const DEMO_SIGNED = demoId("partner-contract", "certification-framework");
const APPLY = `mutation($input: ApplyForFeeSettlementInput!) { applyForFeeSettlement(input: $input) { id status kind amountMinor } }`;
const PAY = `mutation($id: ID!) { recordFeeSettlementPayment(id: $id, paymentReference: "BANK-1") { status paidAt paymentReference } }`;
const application = (contractId: string, amountMinor: string, extra: Record<string, string> = {}) => ({
  input: { contractId, amountMinor, currency: "CNY", serviceFrom: "2026-03-01", serviceUntil: "2026-03-31", proofOfService: "Audit reports", ...extra },
});
const figures = async (id: string) =>
  (await t.as("president@cn-sh.demo").data(`query($id: ID!) { partnerContract(id: $id) { claimedMinor paidMinor owedMinor remainingMinor finalSettlementDue } }`, { id })).partnerContract;
const settlementCount = async () => (await t.database.owner.query("SELECT count(*)::int AS n FROM fee_settlements")).rows[0].n;

describe("fee settlements (APPLIED → REVIEWED → APPROVED → PAID)", () => {
  it("the demo contract shows what is claimed, paid and owed", async () => {
    expect(await figures(DEMO_SIGNED)).toEqual({ claimedMinor: "5000000", paidMinor: "3000000", owedMinor: "0", remainingMinor: "7000000", finalSettlementDue: false });
  });

  it("claims stop exactly at the contract value: one minor unit more needs an amendment (CONFLICT), the exact rest passes", async () => {
    const over = await t.as("admin@cn-sh-cert.demo").query(APPLY, application(DEMO_SIGNED, "7000001"));
    expect(errorCode(over)).toBe("CONFLICT");
    expect(over.errors![0].message).toMatch(/amendment/);
    expect(over.errors![0].extensions).toMatchObject({ remainingMinor: "7000000" });
    const exact = await t.as("admin@cn-sh-cert.demo").data(APPLY, application(DEMO_SIGNED, "7000000"));
    expect(exact.applyForFeeSettlement).toMatchObject({ status: "APPLIED", kind: "REGULAR", amountMinor: "7000000" });
    expect((await figures(DEMO_SIGNED)).remainingMinor).toBe("0");
  });

  it("two concurrent applications never together exceed the value: one wins, the other gets CONFLICT", async () => {
    const contract = await signedContract(t, "1000000");
    const results = await Promise.all([
      t.as("admin@cn-sh-cert.demo").query(APPLY, application(contract.id, "600000")),
      t.as("admin@cn-sh-cert.demo").query(APPLY, application(contract.id, "600000")),
    ]);
    expect(results.filter((r) => r.data?.applyForFeeSettlement).length).toBe(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === "CONFLICT").length).toBe(1);
    expect((await figures(contract.id)).claimedMinor).toBe("600000");
  });

  it.each([
    ["a foreign currency", { currency: "MYR" }],
    ["a fraction", { amountMinor: "10.5" }],
    ["zero", { amountMinor: "0" }],
    ["a negative amount", { amountMinor: "-5" }],
    ["more than 2^63-1", { amountMinor: "9223372036854775808" }],
    ["a service period ending before it starts", { serviceUntil: "2026-02-01" }],
  ])("%s is bad input and writes nothing", async (_label, extra) => {
    const before = await settlementCount();
    const response = await t.as("admin@cn-sh-cert.demo").query(APPLY, application(DEMO_SIGNED, "1", extra as Record<string, string>));
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
    expect(await settlementCount()).toBe(before);
  });

  it("staff reviews, the president approves, the president records payment; illegal moves are CONFLICT", async () => {
    const contract = await signedContract(t, "500000");
    const applied = (await t.as("admin@cn-sh-cert.demo").data(APPLY, application(contract.id, "200000"))).applyForFeeSettlement;
    const status = async () => (await t.as("admin@cn-sh-cert.demo").data(`query($id: ID!) { feeSettlement(id: $id) { status reviewedAt approvedAt } }`, { id: applied.id })).feeSettlement;
    expect(errorCode(await t.as("president@cn-sh.demo").query(PAY, { id: applied.id }))).toBe("CONFLICT");
    expect((await decide(t, "staff@cn-sh.demo", applied.id)).data.decideApproval.status).toBe("PENDING");
    expect(await status()).toMatchObject({ status: "REVIEWED", reviewedAt: expect.any(String), approvedAt: null });
    expect(errorCode(await decide(t, "staff@cn-sh.demo", applied.id))).toBe("FORBIDDEN");
    expect((await decide(t, "president@cn-sh.demo", applied.id)).data.decideApproval.status).toBe("APPROVED");
    expect(await status()).toMatchObject({ status: "APPROVED", approvedAt: expect.any(String) });
    expect((await figures(contract.id)).owedMinor).toBe("200000");
    expect(errorCode(await t.as("staff@cn-sh.demo").query(PAY, { id: applied.id }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("admin@cn-sh-cert.demo").query(PAY, { id: applied.id }))).toBe("FORBIDDEN");
    expect((await t.as("president@cn-sh.demo").data(PAY, { id: applied.id })).recordFeeSettlementPayment).toMatchObject({ status: "PAID", paymentReference: "BANK-1" });
    expect(errorCode(await t.as("president@cn-sh.demo").query(PAY, { id: applied.id }))).toBe("CONFLICT");
    expect(await figures(contract.id)).toMatchObject({ paidMinor: "200000", owedMinor: "0", remainingMinor: "300000" });
  });

  it("a rejected settlement no longer counts against the value", async () => {
    const contract = await signedContract(t, "100000");
    const applied = (await t.as("admin@cn-sh-cert.demo").data(APPLY, application(contract.id, "100000"))).applyForFeeSettlement;
    await decide(t, "staff@cn-sh.demo", applied.id, "REJECT");
    expect((await t.as("staff@cn-sh.demo").data(`query($id: ID!) { feeSettlement(id: $id) { status } }`, { id: applied.id })).feeSettlement.status).toBe("REJECTED");
    expect((await figures(contract.id)).remainingMinor).toBe("100000");
  });

  it("after termination the partner applies for exactly one FINAL settlement, for service up to the termination date", async () => {
    const contract = await signedContract(t, "100000");
    await t.as("president@cn-sh.demo").data(`mutation($id: ID!) { terminateContract(id: $id, cause: "Closed") { id } }`, { id: contract.id });
    const today = new Date().toISOString().slice(0, 10);
    expect(errorCode(await t.as("admin@cn-sh-cert.demo").query(APPLY, application(contract.id, "1000", { serviceFrom: "2026-01-01", serviceUntil: "2099-01-01" })))).toBe("BAD_USER_INPUT");
    const final = await t.as("admin@cn-sh-cert.demo").data(APPLY, application(contract.id, "1000", { serviceFrom: "2026-01-01", serviceUntil: today }));
    expect(final.applyForFeeSettlement.kind).toBe("FINAL");
    expect((await figures(contract.id)).finalSettlementDue).toBe(false);
    expect(errorCode(await t.as("admin@cn-sh-cert.demo").query(APPLY, application(contract.id, "1000", { serviceFrom: "2026-01-01", serviceUntil: today })))).toBe("CONFLICT");
  });

  it("a contract in DRAFT or review takes no claims, and only the partner itself applies", async () => {
    expect(errorCode(await t.as("admin@cn-sh-cert.demo").query(APPLY, application(demoId("partner-contract", "certification-2026"), "1")))).toBe("CONFLICT");
    expect(errorCode(await t.as("president@cn-sh.demo").query(APPLY, application(DEMO_SIGNED, "1")))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("president@cn-sz.demo").query(APPLY, application(DEMO_SIGNED, "1")))).toBe("NOT_FOUND");
    expect(errorCode(await t.as("auditor@hq.demo").query(APPLY, application(DEMO_SIGNED, "1")))).toBe("FORBIDDEN");
  });
});

describe("fee settlement isolation", () => {
  const LIST = `{ feeSettlements(first: 100) { totalCount } }`;

  it("the partner and its centres read its settlements; a sibling centre and another country read none", async () => {
    for (const email of ["admin@cn-sh-cert.demo", "staff@cn-sh.demo", "president@cn.demo"]) {
      expect((await t.as(email).data(LIST)).feeSettlements.totalCount).toBeGreaterThanOrEqual(2);
    }
    for (const email of ["president@cn-sz.demo", "president@my.demo", "admin@cn-it.demo"]) expect((await t.as(email).data(LIST)).feeSettlements.totalCount).toBe(0);
    expect(errorCode(await t.as("president@cn.demo").query(PAY, { id: demoId("fee-settlement", "framework-february") }))).toBe("FORBIDDEN");
  });

  it("in SQL, the centre acting as parent may not rewrite the partner's application (42501)", async () => {
    await expect(
      asRuntimeRole(t.database.owner, demoId("tenant", "CN-SH"), null, (sql) =>
        sql.query("UPDATE fee_settlements SET amount_minor = 1 WHERE tenant_id = $1", [DEMO_PARTNER]),
      ),
    ).rejects.toMatchObject({ code: "42501" });
  });
});
