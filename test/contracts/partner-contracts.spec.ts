import { errorCode, useTestApp } from "../support/test-app";
import { asRuntimeRole } from "../support/runtime-role";
import { CONSENT, CREATE_CONTRACT, DEMO_PARTNER, decide, signedContract, tenantId, terms } from "../support/partner-network";

const t = useTestApp();

const CONTRACT = `query($id: ID!) { partnerContract(id: $id) { id status signedAt terminatedAt terminationCause currency
  currentVersion { version valueMinor partnerConsentedAt } pendingAmendment { id version } versions { version }
  partner { code } centre { code } claimedMinor remainingMinor finalSettlementDue } }`;
const contractOf = async (email: string, id: string) => (await t.as(email).query(CONTRACT, { id })).data?.partnerContract;
const count = async (table: string) => (await t.database.owner.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
const draft = async (valueMinor = "1000000") =>
  (await t.as("staff@cn-sh.demo").data(CREATE_CONTRACT, { input: { ...terms(valueMinor), title: "Draft", partnerId: DEMO_PARTNER } })).createPartnerContract;

describe("partner contract lifecycle (DRAFT → LEGAL_REVIEW → SIGNED → AMENDED → TERMINATED)", () => {
  it("the centre drafts, the partner consents, the legal review signs, an amendment takes effect on consent, the president terminates", async () => {
    const created = await draft();
    expect(created).toMatchObject({ status: "DRAFT", currentVersion: { version: 1 } });
    const submit = `mutation($id: ID!) { submitContractForLegalReview(id: $id) { status } }`;
    const refused = await t.as("staff@cn-sh.demo").query(submit, { id: created.id });
    expect(errorCode(refused)).toBe("CONFLICT");

    await t.as("admin@cn-sh-cert.demo").data(CONSENT, { id: created.currentVersion.id });
    expect((await t.as("staff@cn-sh.demo").data(submit, { id: created.id })).submitContractForLegalReview.status).toBe("LEGAL_REVIEW");
    expect(errorCode(await t.as("staff@cn-sh.demo").query(submit, { id: created.id }))).toBe("CONFLICT");
    expect((await decide(t, "president@cn-sh.demo", created.id)).data.decideApproval.status).toBe("APPROVED");
    expect(await contractOf("admin@cn-sh-cert.demo", created.id)).toMatchObject({ status: "SIGNED", signedAt: expect.any(String), partner: { code: "CN-SH-CERT" }, centre: { code: "CN-SH" } });

    const PROPOSE = `mutation($id: ID!, $input: ContractAmendmentInput!) { proposeContractAmendment(id: $id, input: $input) { id version } }`;
    const amendment = (await t.as("staff@cn-sh.demo").data(PROPOSE, { id: created.id, input: { ...terms("2000000"), changeSummary: "Doubled" } })).proposeContractAmendment;
    expect(amendment.version).toBe(2);
    const second = await t.as("staff@cn-sh.demo").query(PROPOSE, { id: created.id, input: { ...terms("3000000"), changeSummary: "Again" } });
    expect(errorCode(second)).toBe("CONFLICT");
    expect((await contractOf("staff@cn-sh.demo", created.id)).pendingAmendment).toEqual({ id: amendment.id, version: 2 });
    await t.as("admin@cn-sh-cert.demo").data(CONSENT, { id: amendment.id });
    expect(await contractOf("staff@cn-sh.demo", created.id)).toMatchObject({
      status: "AMENDED",
      currentVersion: { version: 2, valueMinor: "2000000" },
      pendingAmendment: null,
      remainingMinor: "2000000",
    });

    const TERMINATE = `mutation($id: ID!) { terminateContract(id: $id, cause: "Breach of quality standard") { status terminatedAt } }`;
    expect(errorCode(await t.as("staff@cn-sh.demo").query(TERMINATE, { id: created.id }))).toBe("FORBIDDEN");
    expect((await t.as("president@cn-sh.demo").data(TERMINATE, { id: created.id })).terminateContract.status).toBe("TERMINATED");
    const again = await t.as("president@cn-sh.demo").query(TERMINATE, { id: created.id });
    expect(errorCode(again)).toBe("CONFLICT");
    expect(again.errors![0].extensions).toMatchObject({ status: "TERMINATED" });
    expect((await contractOf("staff@cn-sh.demo", created.id)).finalSettlementDue).toBe(true);
  });

  it("a rejected legal review returns the contract to DRAFT and clears the partner's consent", async () => {
    const created = await draft();
    await t.as("admin@cn-sh-cert.demo").data(CONSENT, { id: created.currentVersion.id });
    await t.as("staff@cn-sh.demo").data(`mutation($id: ID!) { submitContractForLegalReview(id: $id) { status } }`, { id: created.id });
    expect((await decide(t, "president@cn-sh.demo", created.id, "REJECT")).data.decideApproval.status).toBe("REJECTED");
    expect(await contractOf("staff@cn-sh.demo", created.id)).toMatchObject({ status: "DRAFT", currentVersion: { partnerConsentedAt: null } });
  });

  it("editing a draft clears the consent; a draft cannot be edited once in review, nor amended, nor terminated", async () => {
    const created = await draft();
    await t.as("admin@cn-sh-cert.demo").data(CONSENT, { id: created.currentVersion.id });
    const UPDATE = `mutation($id: ID!, $input: ContractDraftInput!) { updateContractDraft(id: $id, input: $input) { title } }`;
    await t.as("staff@cn-sh.demo").data(UPDATE, { id: created.id, input: { ...terms("1500000"), title: "Revised" } });
    expect(await contractOf("staff@cn-sh.demo", created.id)).toMatchObject({ currentVersion: { valueMinor: "1500000", partnerConsentedAt: null } });
    const amend = await t.as("staff@cn-sh.demo").query(`mutation($id: ID!, $input: ContractAmendmentInput!) { proposeContractAmendment(id: $id, input: $input) { id } }`, {
      id: created.id,
      input: { ...terms(), changeSummary: "x" },
    });
    expect(errorCode(amend)).toBe("CONFLICT");
    expect(errorCode(await t.as("president@cn-sh.demo").query(`mutation($id: ID!) { terminateContract(id: $id, cause: "c") { id } }`, { id: created.id }))).toBe("CONFLICT");
    const signed = await signedContract(t);
    expect(errorCode(await t.as("staff@cn-sh.demo").query(UPDATE, { id: signed.id, input: { ...terms(), title: "Late edit" } }))).toBe("CONFLICT");
  });

  it("the partner declines an amendment with a reason; the centre may then propose another", async () => {
    const signed = await signedContract(t);
    const PROPOSE = `mutation($id: ID!, $input: ContractAmendmentInput!) { proposeContractAmendment(id: $id, input: $input) { id } }`;
    const first = (await t.as("staff@cn-sh.demo").data(PROPOSE, { id: signed.id, input: { ...terms("900000"), changeSummary: "Lower" } })).proposeContractAmendment;
    const declined = await t.as("admin@cn-sh-cert.demo").data(`mutation($id: ID!) { declineContractVersion(versionId: $id, reason: "Too low") { declinedAt declineReason } }`, { id: first.id });
    expect(declined.declineContractVersion).toMatchObject({ declinedAt: expect.any(String), declineReason: "Too low" });
    expect(errorCode(await t.as("admin@cn-sh-cert.demo").query(CONSENT, { id: first.id }))).toBe("CONFLICT");
    const currency = await t.as("staff@cn-sh.demo").query(PROPOSE, { id: signed.id, input: { ...terms("1100000", "MYR"), changeSummary: "x" } });
    expect(errorCode(currency)).toBe("BAD_USER_INPUT");
    await t.as("staff@cn-sh.demo").data(PROPOSE, { id: signed.id, input: { ...terms("1100000"), changeSummary: "Higher" } });
  });

  it.each(["12.5", "-1", "0", "1e6", "9223372036854775808", ""])("a value of %p is bad input and writes nothing", async (valueMinor) => {
    const before = [await count("partner_contracts"), await count("partner_contract_versions")];
    expect(errorCode(await t.as("staff@cn-sh.demo").query(CREATE_CONTRACT, { input: { ...terms(valueMinor), title: "Bad", partnerId: DEMO_PARTNER } }))).toBe("BAD_USER_INPUT");
    expect([await count("partner_contracts"), await count("partner_contract_versions")]).toEqual(before);
  });

  it("the largest bigint value is accepted exactly; validUntil before validFrom is bad input", async () => {
    expect((await draft("9223372036854775807")).status).toBe("DRAFT");
    const dates = await t.as("staff@cn-sh.demo").query(CREATE_CONTRACT, { input: { ...terms(), validUntil: "2025-01-01", title: "Bad", partnerId: DEMO_PARTNER } });
    expect(errorCode(dates)).toBe("BAD_USER_INPUT");
  });

  it("contracts are made only with the acting centre's own partners", async () => {
    const input = (partnerId: string) => ({ input: { ...terms(), title: "x", partnerId } });
    expect(errorCode(await t.as("president@cn-sz.demo").query(CREATE_CONTRACT, input(DEMO_PARTNER)))).toBe("NOT_FOUND");
    expect(errorCode(await t.as("president@cn.demo").query(CREATE_CONTRACT, input(DEMO_PARTNER)))).toBe("NOT_FOUND");
    expect(errorCode(await t.as("president@cn.demo").query(CREATE_CONTRACT, input(tenantId("CN-IT"))))).toBe("NOT_FOUND");
    expect(errorCode(await t.as("auditor@hq.demo").query(CREATE_CONTRACT, input(DEMO_PARTNER)))).toBe("FORBIDDEN");
  });
});

describe("partner contract isolation", () => {
  const LIST = `{ partnerContracts(first: 100) { totalCount edges { node { id title partner { code } } } } }`;

  it("the partner and its centre see the demo contracts; siblings and other countries see nothing", async () => {
    for (const email of ["admin@cn-sh-cert.demo", "staff@cn-sh.demo", "president@cn.demo", "auditor@hq.demo"]) {
      const titles = (await t.as(email).data(LIST)).partnerContracts.edges.map((e: any) => e.node.title);
      expect(titles).toEqual(expect.arrayContaining(["Certification services 2026", "Certification framework agreement"]));
    }
    for (const email of ["president@cn-sz.demo", "president@my.demo", "admin@cn-it.demo", "consultant@my-kl.demo"]) {
      expect((await t.as(email).data(LIST)).partnerContracts.totalCount).toBe(0);
    }
    const id = (await t.as("staff@cn-sh.demo").data(LIST)).partnerContracts.edges[0].node.id;
    expect(await contractOf("president@cn-sz.demo", id)).toBeNull();
  });

  it("the national centre reads its grandchild's contracts but cannot change them; the partner cannot change terms", async () => {
    const created = await draft();
    const UPDATE = `mutation($id: ID!, $input: ContractDraftInput!) { updateContractDraft(id: $id, input: $input) { id } }`;
    expect((await contractOf("president@cn.demo", created.id)).status).toBe("DRAFT");
    expect(errorCode(await t.as("president@cn.demo").query(UPDATE, { id: created.id, input: { ...terms(), title: "x" } }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("admin@cn-sh-cert.demo").query(UPDATE, { id: created.id, input: { ...terms(), title: "x" } }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("president@cn-sz.demo").query(UPDATE, { id: created.id, input: { ...terms(), title: "x" } }))).toBe("NOT_FOUND");
    expect(errorCode(await t.as("staff@cn-sh.demo").query(CONSENT, { id: created.currentVersion.id }))).toBe("FORBIDDEN");
  });

  it("in SQL, the partner acting for itself may not rewrite the centre's terms (42501)", async () => {
    await expect(
      asRuntimeRole(t.database.owner, DEMO_PARTNER, null, (sql) => sql.query("UPDATE partner_contract_versions SET value_minor = value_minor * 2")),
    ).rejects.toMatchObject({ code: "42501" });
  });
});
