import { Client } from "pg";
import { DEMO_PASSWORD } from "../../src/demo-data/demo-data";
import { GraphQLResponse, TestApp } from "../support/test-app";

export const REGISTER = `mutation($input: RegisterPartnerInput!) { registerPartner(input: $input) { id status partnerType contactEmail tenant { code kind } } }`;
export const SUBMIT = `mutation($input: SubmitPartnerQualificationInput!) { submitPartnerQualification(input: $input) { id purpose status } }`;
export const DECIDE = `mutation($id: ID!, $decision: ApprovalDecision!, $reason: String) { decideApproval(id: $id, decision: $decision, reason: $reason) { id status } }`;
export const PARTNER = `query($id: ID!) { partner(id: $id) { id status grade admittedAt lastReviewedAt nextReviewDue reviewDue statusReason
  qualifications { purpose status decidedAt } assessments { grade weightedScore } } }`;
export const FILE = { licence: "Licence 123", certificates: "ISO 17021", team: "Five auditors", clientReferences: "Two clients" };

/** A GraphQL client for one test app: `as(email)` runs an operation as that user (demo password). */
export function actors(t: TestApp) {
  const as = async (email: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse> =>
    t.graphql(query, variables, { token: await t.login(email) });
  const ok = async (email: string, query: string, variables: Record<string, unknown> = {}) => {
    const response = await as(email, query, variables);
    if (response.errors) throw new Error(`${email}: ${JSON.stringify(response.errors)}`);
    return response.data;
  };
  return { as, ok };
}

/** Registers a partner of the centre `by` belongs to; its administrator is `admin-<code>@partner.test` with the demo password. */
export async function registerPartner(t: TestApp, by: string, code: string) {
  const adminEmail = `admin-${code.toLowerCase()}@partner.test`;
  const { ok } = actors(t);
  const data = await ok(by, REGISTER, { input: registration(code, adminEmail) });
  return { id: data.registerPartner.id as string, adminEmail };
}

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

/** The pending approval request of a qualification file. */
export async function approvalOf(owner: Client, fileId: string): Promise<string> {
  return (await owner.query("SELECT id FROM approval_requests WHERE subject_id = $1", [fileId])).rows[0].id;
}

/** Registers a partner under `by`'s centre, has it submit its admission file and `decider` approve it: an ACTIVE partner. */
export async function admittedPartner(t: TestApp, by: string, code: string, decider = by) {
  const partner = await registerPartner(t, by, code);
  const { ok } = actors(t);
  const file = (await ok(partner.adminEmail, SUBMIT, { input: FILE })).submitPartnerQualification;
  await ok(decider, DECIDE, { id: await approvalOf(t.database.owner, file.id), decision: "APPROVE" });
  return partner;
}
