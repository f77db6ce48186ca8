import { demoId } from "../../src/demo-data/demo-data";
import type { TestApp } from "../support/test-app";

/** Shared steps of the partner specs: acting as demo users and walking a contract to SIGNED. */
export function partnerNetwork(t: () => TestApp) {
  const as = async (email: string, query: string, variables: Record<string, unknown> = {}) =>
    t().graphql(query, variables, { token: await t().login(email) });
  const data = async (email: string, query: string, variables: Record<string, unknown> = {}) => {
    const response = await as(email, query, variables);
    if (response.errors) throw new Error(`${email} ${query}: ${JSON.stringify(response.errors)}`);
    return response.data;
  };
  const requestOf = async (subjectId: string) =>
    (await t().database.owner.query("SELECT id FROM approval_requests WHERE subject_id = $1 ORDER BY created_at DESC LIMIT 1", [subjectId])).rows[0].id as string;
  const decide = (email: string, subjectId: string, decision = "APPROVE") =>
    requestOf(subjectId).then((id) =>
      as(email, "mutation($id: ID!, $d: ApprovalDecision!) { decideApproval(id: $id, decision: $d, reason: \"checked\") { status } }", { id, d: decision }),
    );
  const terms = (valueMinor = "1000000", currency = "CNY") => ({
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
  });
  const CREATE = `mutation($input: CreatePartnerContractInput!) { createPartnerContract(input: $input) { id status currentVersion { id version } } }`;
  const CONSENT = `mutation($id: ID!) { consentToContractVersion(versionId: $id) { id partnerConsentedAt } }`;

  /** A contract drafted by CN-SH staff, consented by the partner, approved by CN-SH's president. */
  async function signedContract(valueMinor = "1000000"): Promise<{ id: string; versionId: string }> {
    const created = (await data("staff@cn-sh.demo", CREATE, { input: { ...terms(valueMinor), title: "Test contract", partnerId: PARTNER } })).createPartnerContract;
    await data("admin@cn-sh-cert.demo", CONSENT, { id: created.currentVersion.id });
    await data("staff@cn-sh.demo", `mutation($id: ID!) { submitContractForLegalReview(id: $id) { status } }`, { id: created.id });
    const decided = await decide("president@cn-sh.demo", created.id);
    if (decided.errors) throw new Error(JSON.stringify(decided.errors));
    return { id: created.id, versionId: created.currentVersion.id };
  }
  return { as, data, decide, requestOf, terms, signedContract, CREATE, CONSENT };
}

export const PARTNER = demoId("tenant", "CN-SH-CERT");
export const tenantId = (code: string) => demoId("tenant", code);
