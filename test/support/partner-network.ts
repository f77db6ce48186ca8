import { DEMO_PASSWORD, demoId } from "../../src/demo-data/demo-data";
import { approvalRequestOf } from "./owner-rows";
import type { GraphQLResponse, TestApp } from "./test-app";

/** Shared steps of the partner specs: registering and admitting partners, and walking a contract to SIGNED. */

/** The demo partner, CN-SH-CERT, under the city centre CN-SH. */
export const DEMO_PARTNER = demoId("tenant", "CN-SH-CERT");
export const tenantId = (code: string) => demoId("tenant", code);

export const REGISTER = `mutation($input: RegisterPartnerInput!) { registerPartner(input: $input) { id status partnerType contactEmail tenant { code kind } } }`;
export const SUBMIT_FILE = `mutation($input: SubmitPartnerQualificationInput!) { submitPartnerQualification(input: $input) { id purpose status } }`;
export const DECIDE = `mutation($id: ID!, $decision: ApprovalDecision!, $reason: String) { decideApproval(id: $id, decision: $decision, reason: $reason) { id status } }`;
export const PARTNER_CARD = `query($id: ID!) { partner(id: $id) { id status grade admittedAt lastReviewedAt nextReviewDue reviewDue statusReason
  qualifications { purpose status decidedAt } assessments { grade weightedScore } } }`;
/** A complete qualification file. */
export const FILE = { licence: "Licence 123", certificates: "ISO 17021", team: "Five auditors", clientReferences: "Two clients" };

export const CREATE_CONTRACT = `mutation($input: CreatePartnerContractInput!) { createPartnerContract(input: $input) { id status currentVersion { id version } } }`;
export const CONSENT = `mutation($id: ID!) { consentToContractVersion(versionId: $id) { id partnerConsentedAt } }`;

export function registration(code: string, adminEmail: string) {
  return {
    code,
    name: `${code} Ltd.`,
    partnerType: "SERVICE_PROVIDER",
    serviceScope: "Training delivery",
    registrationNumber: `REG-${code}`,
    legalRepresentative: "Jane Doe",
    adminEmail,
    adminDisplayName: `${code} Admin`,
    adminPassword: DEMO_PASSWORD,
  };
}

/** Registers a partner of the centre `by` belongs to; its administrator is `admin-<code>@partner.test` with the demo password. */
export async function registerPartner(t: TestApp, by: string, code: string) {
  const adminEmail = `admin-${code.toLowerCase()}@partner.test`;
  const data = await t.as(by).data(REGISTER, { input: registration(code, adminEmail) });
  return { id: data.registerPartner.id as string, adminEmail };
}

/** Registers a partner under `by`'s centre, has it submit its admission file and `decider` approve it: an ACTIVE partner. */
export async function admittedPartner(t: TestApp, by: string, code: string, decider = by) {
  const partner = await registerPartner(t, by, code);
  const file = (await t.as(partner.adminEmail).data(SUBMIT_FILE, { input: FILE })).submitPartnerQualification;
  await t.as(decider).data(DECIDE, { id: await approvalRequestOf(t.database.owner, file.id), decision: "APPROVE" });
  return partner;
}

/** `email` decides the latest approval request of a contract or fee settlement; the response as it came. */
export async function decide(t: TestApp, email: string, subjectId: string, decision = "APPROVE"): Promise<GraphQLResponse> {
  return t.as(email).query(DECIDE, { id: await approvalRequestOf(t.database.owner, subjectId), decision, reason: "checked" });
}

/** Contract terms that pass validation, for `valueMinor` in `currency`. */
export function terms(valueMinor = "1000000", currency = "CNY") {
  return {
    rightsAndDuties: "Both parties perform",
    serviceContent: "Certification audits",
    priceTerms: "Per audit",
    valueMinor,
    currency,
    qualityStandard: "ISO 17021",
    breachLiability: "1 % per day",
    disputeResolution: "Negotiation, then arbitration",
    validFrom: "2026-01-01",
    validUntil: "2026-12-31",
  };
}

/** A contract drafted by CN-SH staff, consented by the demo partner, approved by CN-SH's president. */
export async function signedContract(t: TestApp, valueMinor = "1000000"): Promise<{ id: string; versionId: string }> {
  const created = (await t.as("staff@cn-sh.demo").data(CREATE_CONTRACT, { input: { ...terms(valueMinor), title: "Test contract", partnerId: DEMO_PARTNER } }))
    .createPartnerContract;
  await t.as("admin@cn-sh-cert.demo").data(CONSENT, { id: created.currentVersion.id });
  await t.as("staff@cn-sh.demo").data(`mutation($id: ID!) { submitContractForLegalReview(id: $id) { status } }`, { id: created.id });
  const decided = await decide(t, "president@cn-sh.demo", created.id);
  if (decided.errors) throw new Error(JSON.stringify(decided.errors));
  return { id: created.id, versionId: created.currentVersion.id };
}
