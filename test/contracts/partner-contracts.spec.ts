import { TestApp, errorCode, startTestApp } from "../support/test-app";
import { asRuntimeRole } from "../support/runtime-role";
import { PARTNER, partnerNetwork, tenantId } from "./partner-network";

let t: TestApp;
const net = partnerNetwork(() => t);
const { as, data, decide, terms, signedContract, CREATE, CONSENT } = net;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

const CONTRACT = `query($id: ID!) { partnerContract(id: $id) { id status signedAt terminatedAt terminationCause currency
  currentVersion { version valueMinor partnerConsentedAt } pendingAmendment { id version } versions { version }
  partner { code } centre { code } claimedMinor remainingMinor finalSettlementDue } }`;
const contractOf = async (email: string, id: string) => (await as(email, CONTRACT, { id })).data?.partnerContract;
const count = async (table: string) => (await t.database.owner.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
const draft = async (valueMinor = "1000000") =>
  (await data("staff@cn-sh.demo", CREATE, { input: { ...terms(valueMinor), title: "Draft", partnerId: PARTNER } })).createPartnerContract;

describe("partner contract lifecycle (DRAFT → LEGAL_REVIEW → SIGNED → AMENDED → TERMINATED)", () => {
  it("the centre drafts, the partner consents, the legal review signs, an amendment takes effect on consent, the president terminates", async () => {
    const created = await draft();
    expect(created).toMatchObject({ status: "DRAFT", currentVersion: { version: 1 } });
    const submit = `mutation($id: ID!) { submitContractForLegalReview(id: $id) { status } }`;
    const refused = await as("staff@cn-sh.demo", submit, { id: created.id });
    expect(errorCode(refused)).toBe("CONFLICT");

    await data("admin@cn-sh-cert.demo", CONSENT, { id: created.currentVersion.id });
    expect((await data("staff@cn-sh.demo", submit, { id: created.id })).submitContractForLegalReview.status).toBe("LEGAL_REVIEW");
    expect(errorCode(await as("staff@cn-sh.demo", submit, { id: created.id }))).toBe("CONFLICT");
    expect((await decide("president@cn-sh.demo", created.id)).data.decideApproval.status).toBe("APPROVED");
    expect(await contractOf("admin@cn-sh-cert.demo", created.id)).toMatchObject({ status: "SIGNED", signedAt: expect.any(String), partner: { code: "CN-SH-CERT" }, centre: { code: "CN-SH" } });

    const PROPOSE = `mutation($id: ID!, $input: ContractAmendmentInput!) { proposeContractAmendment(id: $id, input: $input) { id version } }`;
    const amendment = (await data("staff@cn-sh.demo", PROPOSE, { id: created.id, input: { ...terms("2000000"), changeSummary: "Doubled" } })).proposeContractAmendment;
    expect(amendment.version).toBe(2);
    const second = await as("staff@cn-sh.demo", PROPOSE, { id: created.id, input: { ...terms("3000000"), changeSummary: "Again" } });
    expect(errorCode(second)).toBe("CONFLICT");
    expect((await contractOf("staff@cn-sh.demo", created.id)).pendingAmendment).toEqual({ id: amendment.id, version: 2 });
    await data("admin@cn-sh-cert.demo", CONSENT, { id: amendment.id });
    expect(await contractOf("staff@cn-sh.demo", created.id)).toMatchObject({
      status: "AMENDED",
      currentVersion: { version: 2, valueMinor: "2000000" },
      pendingAmendment: null,
      remainingMinor: "2000000",
    });

    const TERMINATE = `mutation($id: ID!) { terminateContract(id: $id, cause: "Breach of quality standard") { status terminatedAt } }`;
    expect(errorCode(await as("staff@cn-sh.demo", TERMINATE, { id: created.id }))).toBe("FORBIDDEN");
    expect((await data("president@cn-sh.demo", TERMINATE, { id: created.id })).terminateContract.status).toBe("TERMINATED");
    const again = await as("president@cn-sh.demo", TERMINATE, { id: created.id });
    expect(errorCode(again)).toBe("CONFLICT");
    expect(again.errors![0].extensions).toMatchObject({ status: "TERMINATED" });
    expect((await contractOf("staff@cn-sh.demo", created.id)).finalSettlementDue).toBe(true);
  });

  it("a rejected legal review returns the contract to DRAFT and clears the partner's consent", async () => {
    const created = await draft();
    await data("admin@cn-sh-cert.demo", CONSENT, { id: created.currentVersion.id });
    await data("staff@cn-sh.demo", `mutation($id: ID!) { submitContractForLegalReview(id: $id) { status } }`, { id: created.id });
    expect((await decide("president@cn-sh.demo", created.id, "REJECT")).data.decideApproval.status).toBe("REJECTED");
    expect(await contractOf("staff@cn-sh.demo", created.id)).toMatchObject({ status: "DRAFT", currentVersion: { partnerConsentedAt: null } });
  });

  it("editing a draft clears the consent; a draft cannot be edited once in review, nor amended, nor terminated", async () => {
    const created = await draft();
    await data("admin@cn-sh-cert.demo", CONSENT, { id: created.currentVersion.id });
    const UPDATE = `mutation($id: ID!, $input: ContractDraftInput!) { updateContractDraft(id: $id, input: $input) { title } }`;
    await data("staff@cn-sh.demo", UPDATE, { id: created.id, input: { ...terms("1500000"), title: "Revised" } });
    expect(await contractOf("staff@cn-sh.demo", created.id)).toMatchObject({ currentVersion: { valueMinor: "1500000", partnerConsentedAt: null } });
    const amend = await as("staff@cn-sh.demo", `mutation($id: ID!, $input: ContractAmendmentInput!) { proposeContractAmendment(id: $id, input: $input) { id } }`, {
      id: created.id,
      input: { ...terms(), changeSummary: "x" },
    });
    expect(errorCode(amend)).toBe("CONFLICT");
    expect(errorCode(await as("president@cn-sh.demo", `mutation($id: ID!) { terminateContract(id: $id, cause: "c") { id } }`, { id: created.id }))).toBe("CONFLICT");
    const signed = await signedContract();
    expect(errorCode(await as("staff@cn-sh.demo", UPDATE, { id: signed.id, input: { ...terms(), title: "Late edit" } }))).toBe("CONFLICT");
  });

  it("the partner declines an amendment with a reason; the centre may then propose another", async () => {
    const signed = await signedContract();
    const PROPOSE = `mutation($id: ID!, $input: ContractAmendmentInput!) { proposeContractAmendment(id: $id, input: $input) { id } }`;
    const first = (await data("staff@cn-sh.demo", PROPOSE, { id: signed.id, input: { ...terms("900000"), changeSummary: "Lower" } })).proposeContractAmendment;
    const declined = await data("admin@cn-sh-cert.demo", `mutation($id: ID!) { declineContractVersion(versionId: $id, reason: "Too low") { declinedAt declineReason } }`, { id: first.id });
    expect(declined.declineContractVersion).toMatchObject({ declinedAt: expect.any(String), declineReason: "Too low" });
    expect(errorCode(await as("admin@cn-sh-cert.demo", CONSENT, { id: first.id }))).toBe("CONFLICT");
    const currency = await as("staff@cn-sh.demo", PROPOSE, { id: signed.id, input: { ...terms("1100000", "MYR"), changeSummary: "x" } });
    expect(errorCode(currency)).toBe("BAD_USER_INPUT");
    await data("staff@cn-sh.demo", PROPOSE, { id: signed.id, input: { ...terms("1100000"), changeSummary: "Higher" } });
  });

  it.each(["12.5", "-1", "0", "1e6", "9223372036854775808", ""])("a value of %p is bad input and writes nothing", async (valueMinor) => {
    const before = [await count("partner_contracts"), await count("partner_contract_versions")];
    expect(errorCode(await as("staff@cn-sh.demo", CREATE, { input: { ...terms(valueMinor), title: "Bad", partnerId: PARTNER } }))).toBe("BAD_USER_INPUT");
    expect([await count("partner_contracts"), await count("partner_contract_versions")]).toEqual(before);
  });

  it("the largest bigint value is accepted exactly; validUntil before validFrom is bad input", async () => {
    expect((await draft("9223372036854775807")).status).toBe("DRAFT");
    const dates = await as("staff@cn-sh.demo", CREATE, { input: { ...terms(), validUntil: "2025-01-01", title: "Bad", partnerId: PARTNER } });
    expect(errorCode(dates)).toBe("BAD_USER_INPUT");
  });

  it("contracts are made only with the acting centre's own partners", async () => {
    const input = (partnerId: string) => ({ input: { ...terms(), title: "x", partnerId } });
    expect(errorCode(await as("president@cn-sz.demo", CREATE, input(PARTNER)))).toBe("NOT_FOUND");
    expect(errorCode(await as("president@cn.demo", CREATE, input(PARTNER)))).toBe("NOT_FOUND");
    expect(errorCode(await as("president@cn.demo", CREATE, input(tenantId("CN-IT"))))).toBe("NOT_FOUND");
    expect(errorCode(await as("auditor@hq.demo", CREATE, input(PARTNER)))).toBe("FORBIDDEN");
  });
});

describe("partner contract isolation", () => {
  const LIST = `{ partnerContracts(first: 100) { totalCount edges { node { id title partner { code } } } } }`;

  it("the partner and its centre see the demo contracts; siblings and other countries see nothing", async () => {
    for (const email of ["admin@cn-sh-cert.demo", "staff@cn-sh.demo", "president@cn.demo", "auditor@hq.demo"]) {
      const titles = (await data(email, LIST)).partnerContracts.edges.map((e: any) => e.node.title);
      expect(titles).toEqual(expect.arrayContaining(["Certification services 2026", "Certification framework agreement"]));
    }
    for (const email of ["president@cn-sz.demo", "president@my.demo", "admin@cn-it.demo", "consultant@my-kl.demo"]) {
      expect((await data(email, LIST)).partnerContracts.totalCount).toBe(0);
    }
    const id = (await data("staff@cn-sh.demo", LIST)).partnerContracts.edges[0].node.id;
    expect(await contractOf("president@cn-sz.demo", id)).toBeNull();
  });

  it("the national centre reads its grandchild's contracts but cannot change them; the partner cannot change terms", async () => {
    const created = await draft();
    const UPDATE = `mutation($id: ID!, $input: ContractDraftInput!) { updateContractDraft(id: $id, input: $input) { id } }`;
    expect((await contractOf("president@cn.demo", created.id)).status).toBe("DRAFT");
    expect(errorCode(await as("president@cn.demo", UPDATE, { id: created.id, input: { ...terms(), title: "x" } }))).toBe("FORBIDDEN");
    expect(errorCode(await as("admin@cn-sh-cert.demo", UPDATE, { id: created.id, input: { ...terms(), title: "x" } }))).toBe("FORBIDDEN");
    expect(errorCode(await as("president@cn-sz.demo", UPDATE, { id: created.id, input: { ...terms(), title: "x" } }))).toBe("NOT_FOUND");
    expect(errorCode(await as("staff@cn-sh.demo", CONSENT, { id: created.currentVersion.id }))).toBe("FORBIDDEN");
  });

  it("in SQL, the partner acting for itself may not rewrite the centre's terms (42501)", async () => {
    await expect(
      asRuntimeRole(t.database.owner, PARTNER, null, (sql) => sql.query("UPDATE partner_contract_versions SET value_minor = value_minor * 2")),
    ).rejects.toMatchObject({ code: "42501" });
  });
});
