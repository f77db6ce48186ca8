import { createHash } from "node:crypto";
import { Client } from "pg";
import { appModules } from "../../src/app";
import { buildBaseSchema } from "../../src/schema";
import { demoId } from "../../src/demo-data/demo-data";
import { approvalRequestOf } from "../support/owner-rows";
import { errorCode, useTestApp } from "../support/test-app";
import { asRuntimeRole } from "../support/runtime-role";

const t = useTestApp({ APPROVAL_ESCALATION_INTERVAL_SECONDS: "0", WEBHOOK_ALLOWED_HOSTS: "127.0.0.1" });
const staff = t.as("staff@cn-sh.demo");
const ids: Record<string, string> = {};

beforeAll(async () => {
  ids.staffUser = (await t.database.owner.query("SELECT id FROM users WHERE email = 'staff@cn-sh.demo'")).rows[0].id;
});

const advance = (to: string) => staff.data(`mutation($id: ID!, $to: ServiceStep!) { advanceServiceCase(id: $id, to: $to) { step } }`, { id: ids.case, to });

/** A stored document of the staff member's, its bytes uploaded. */
async function uploaded(fileName: string): Promise<string> {
  const content = Buffer.from(fileName + "\n");
  const upload = (await staff.data(`mutation($input: CreateUploadInput!) { createUpload(input: $input) { document { id } uploadUrl } }`, {
    input: { fileName, contentType: "text/plain", byteSize: content.length, sha256: createHash("sha256").update(content).digest("hex") },
  })).createUpload;
  expect((await fetch(new URL(upload.uploadUrl, t.app.url), { method: "PUT", body: content })).status).toBe(200);
  return upload.document.id;
}

/** Runs every mutation of the API once (login aside: it writes nothing), as one centre's staff. */
async function runEveryMutation(): Promise<void> {
  const risk = (await staff.data(`mutation($o: ID!) { createRisk(input: { title: "r", category: LEGAL, likelihood: 1, impact: 1, response: ACCEPT, ownerId: $o }) { id } }`, { o: ids.staffUser })).createRisk.id;
  const indicator = (await staff.data(`mutation($r: ID!) { addRiskIndicator(riskId: $r, input: { name: "i", warningThreshold: 1, direction: ABOVE }) { id } }`, { r: risk })).addRiskIndicator.id;
  await staff.data(`mutation($i: ID!) { recordRiskIndicatorValue(indicatorId: $i, value: 2) { currentValue } }`, { i: indicator });
  const warning = (await t.database.owner.query("SELECT id FROM risk_warnings WHERE indicator_id = $1", [indicator])).rows[0].id;
  await staff.data(`mutation($w: ID!) { acknowledgeRiskWarning(id: $w) { status } }`, { w: warning });
  await staff.data(`mutation($w: ID!) { closeRiskWarning(id: $w, note: "done") { status } }`, { w: warning });
  await staff.data(`mutation($r: ID!) { updateRisk(id: $r, input: { impact: 2 }) { id } }`, { r: risk });
  await staff.data(`mutation($r: ID!) { reviewRisk(id: $r, input: { note: "n" }) { id } }`, { r: risk });
  await staff.data(`mutation($r: ID!) { closeRisk(id: $r, reason: "gone") { id } }`, { r: risk });
  const project = (await staff.data(`mutation { createOperationProject(input: { title: "p", feasibility: "f", riskAssessment: "r", budgetMinor: "100", currency: "CNY" }) { id } }`)).createOperationProject.id;
  await staff.data(`mutation($p: ID!) { planOperationProject(id: $p, input: { goals: "g", strategy: "s", resources: "r" }) { id } }`, { p: project });
  await staff.data(`mutation($p: ID!) { submitOperationPlan(id: $p) { id } }`, { p: project });
  await t.as("president@cn-sh.demo").data(`mutation($id: ID!) { decideApproval(id: $id, decision: APPROVE) { id } }`, { id: await approvalRequestOf(t.database.owner, project) });
  await staff.data(`mutation($p: ID!) { startOperationExecution(id: $p) { id } }`, { p: project });
  const projectTask = (await staff.data(`mutation($p: ID!, $o: ID!) { addProjectTask(projectId: $p, input: { title: "t", ownerId: $o, dueOn: "2030-01-01" }) { id } }`, { p: project, o: ids.staffUser })).addProjectTask.id;
  await staff.data(`mutation($t: ID!) { setProjectTaskStatus(id: $t, status: DONE) { id } }`, { t: projectTask });
  await staff.data(`mutation($p: ID!) { recordProjectCost(projectId: $p, input: { amountMinor: "5", description: "d", incurredOn: "2026-01-01" }) { id } }`, { p: project });
  const check = (await staff.data(`mutation($p: ID!) { recordSupervisionCheck(projectId: $p, input: { findings: "f", passed: false, rectificationNotice: "n" }) { id } }`, { p: project })).recordSupervisionCheck.id;
  const notice = (await staff.data(`mutation($c: ID!) { recordRectification(checkId: $c) { rectification { id } } }`, { c: check })).recordRectification.rectification.id;
  await t.as("president@cn-sh.demo").data(`mutation($n: ID!) { verifyRectification(noticeId: $n, verified: true, note: "ok") { id } }`, { n: notice });
  await staff.data(`mutation($p: ID!) { requestProjectAcceptance(id: $p, report: "r") { id } }`, { p: project });
  await staff.data(`mutation($p: ID!) { decideProjectAcceptance(id: $p, accepted: true, evaluation: "e") { id } }`, { p: project });
  await staff.data(`mutation($d: ID!, $p: ID!) { attachDocument(documentId: $d, subjectType: OPERATION_PROJECT, subjectId: $p) { id } }`, { d: await uploaded("acceptance.txt"), p: project });
  ids.client = (await staff.data(`mutation { createClient(input: { name: "Audited Co", needs: "Audit me" }) { id } }`)).createClient.id;
  await staff.data(`mutation($id: ID!) { updateClient(id: $id, input: { name: "Audited Company", tags: ["audit"] }) { id } }`, { id: ids.client });
  await staff.data(`mutation($id: ID!) { addClientContact(clientId: $id, input: { name: "Ann" }) { id } }`, { id: ids.client });
  await staff.data(`mutation($id: ID!) { logClientCommunication(clientId: $id, input: { channel: EMAIL, summary: "Hello" }) { id } }`, { id: ids.client });
  ids.case = (await staff.data(`mutation($c: ID!) { openServiceCase(input: { clientId: $c, tier: GENERAL, title: "Audited case" }) { id } }`, { c: ids.client })).openServiceCase.id;
  const evidence = await uploaded("evidence.txt");
  await staff.data(`mutation($d: ID!, $c: ID!) { attachDocument(documentId: $d, subjectType: SERVICE_CASE, subjectId: $c) { id } }`, { d: evidence, c: ids.case });
  const evidencePackage = (
    await staff.data(`mutation($input: CreateEvidencePackageInput!) { createEvidencePackage(input: $input) { evidencePackage { id } } }`, {
      input: { caseId: ids.case, title: "Audited evidence", documentIds: [evidence], expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
    })
  ).createEvidencePackage.evidencePackage.id;
  await staff.data(`mutation($id: ID!) { revokeEvidencePackage(id: $id) { id } }`, { id: evidencePackage });
  await staff.data(`mutation($id: ID!) { recordCaseNeeds(caseId: $id, input: { channel: VISIT, needs: "More" }) { id } }`, { id: ids.case });
  await advance("PROFILED");
  const v1 = (await staff.data(`mutation($id: ID!) { draftServicePlan(caseId: $id, input: { content: "a", schedule: "b", expectedResults: "c" }) { id } }`, { id: ids.case })).draftServicePlan.id;
  await advance("PLAN_DRAFTED");
  await staff.data(`mutation($p: ID!) { requestServicePlanChanges(planId: $p, comment: "Change it") { id } }`, { p: v1 });
  const v2 = (await staff.data(`mutation($id: ID!) { draftServicePlan(caseId: $id, input: { content: "a2", schedule: "b", expectedResults: "c" }) { id } }`, { id: ids.case })).draftServicePlan.id;
  await staff.data(`mutation($p: ID!) { confirmServicePlan(planId: $p) { id } }`, { p: v2 });
  await advance("PLAN_CONFIRMED");
  const task = (await staff.data(`mutation($id: ID!, $o: ID!) { addCaseTask(caseId: $id, input: { title: "t", ownerId: $o, dueOn: "2030-01-01" }) { id } }`, { id: ids.case, o: ids.staffUser })).addCaseTask.id;
  await staff.data(`mutation($id: ID!) { updateCaseTaskStatus(taskId: $id, status: DONE) { id } }`, { id: task });
  await advance("EXECUTION_PLANNED");
  await advance("IN_SERVICE");
  await staff.data(`mutation($id: ID!) { recordServiceDelivery(caseId: $id, input: { kind: CONSULTING, startedAt: "2026-01-01T00:00:00Z", place: "p" }) { id } }`, { id: ids.case });
  const handover = (await staff.data(`mutation($id: ID!) { recordMaterialHandover(caseId: $id, input: { bodyName: "b", documents: ["d"], handedOverAt: "2026-01-02T00:00:00Z" }) { id } }`, { id: ids.case })).recordMaterialHandover.id;
  await advance("MATERIALS_TRANSFERRED");
  await staff.data(`mutation($id: ID!) { acknowledgeMaterialHandover(handoverId: $id) { id } }`, { id: handover });
  const review = (await staff.data(`mutation($id: ID!) { scheduleCertificationReview(caseId: $id, input: { bodyName: "c", scheduledFor: "2026-02-01T00:00:00Z" }) { id } }`, { id: ids.case })).scheduleCertificationReview.id;
  await advance("CERTIFICATION");
  await staff.data(`mutation($id: ID!) { recordCertificationResult(reviewId: $id, input: { result: PASSED }) { id } }`, { id: review });
  await staff.data(`mutation($id: ID!) { evaluateServiceCase(caseId: $id, input: { scores: [{ dimension: OUTCOME, score: 5 }] }) { id } }`, { id: ids.case });
  const revisits = await staff.data<any>(`query($id: ID!) { revisits(caseId: $id) { edges { node { id } } } }`, { id: ids.case });
  await staff.data(`mutation($id: ID!) { recordRevisit(id: $id, input: { channel: PHONE, outcome: SATISFIED }) { id } }`, { id: revisits.revisits.edges[0].node.id });
  await staff.data(`mutation($id: ID!, $at: DateTimeISO!) { scheduleRevisit(input: { caseId: $id, dueAt: $at }) { id } }`, { id: ids.case, at: "2099-01-01T00:00:00Z" });
  const consultant = (await t.database.owner.query("SELECT id FROM users WHERE email = 'consultant@cn-sh.demo'")).rows[0].id;
  const complaint = (await staff.data<any>(
    `mutation($c: ID!) { raiseServiceRequest(input: { kind: COMPLAINT, channel: EMAIL, clientId: $c, subject: "s", description: "d" }) { id } }`,
    { c: ids.client },
  )).raiseServiceRequest.id;
  for (const move of [`startServiceRequest(id: $id)`, `resolveServiceRequest(id: $id, resolution: "r")`, `rateServiceRequest(id: $id, satisfaction: 90)`,
    `closeServiceRequest(id: $id)`, `reopenServiceRequest(id: $id, reason: "r")`, `reassignServiceRequest(id: $id, handlerId: "${consultant}")`]) {
    await staff.data(`mutation($id: ID!) { ${move} { id } }`, { id: complaint });
  }

  const grantInput = { matter: "Front desk", scope: "Shanghai", level: 4, validFrom: "2026-01-01T00:00:00Z", validUntil: "2099-01-01T00:00:00Z" };
  const withdrawn = (await staff.data(`mutation($input: RequestGrantInput!) { requestGrant(input: $input) { id } }`, { input: grantInput })).requestGrant.id;
  await staff.data(`mutation($id: ID!) { withdrawApproval(id: $id) { id } }`, { id: await approvalRequestOf(t.database.owner, withdrawn) });
  ids.grant = (await staff.data(`mutation($input: RequestGrantInput!) { requestGrant(input: $input) { id } }`, { input: grantInput })).requestGrant.id;
  for (const [query, variables] of [
    [`mutation($id: ID!) { decideApproval(id: $id, decision: APPROVE) { id } }`, { id: await approvalRequestOf(t.database.owner, ids.grant) }],
    [`mutation($id: ID!) { revokeGrant(id: $id, reason: "Audit test") { id } }`, { id: ids.grant }],
    [`mutation { setKpiTarget(kpi: REVISIT_RATE, target: 90) { id } }`, {}],
    [`mutation { clearKpiTarget(kpi: REVISIT_RATE) { id } }`, {}],
    [`mutation { updateTenantSettings(input: { locale: "zh-TW" }) { id } }`, {}],
    [`mutation { setWorkingCalendar(dates: [{ date: "2026-03-03", working: false }]) { date } }`, {}],
  ] as const) {
    await t.as("president@cn-sh.demo").data(query, variables);
  }
  await runAffiliateAndSettlementMutations();
  await runPartnerMutations();
  await runAdmissionAndAssessmentMutations();
  await runPeopleMutations();
}

/**
 * An invitation accepted (its token read from the outbox: this app sends no mail), one revoked; the
 * member changed, handed over to and from, then deactivated; an approval delegation made and revoked.
 */
async function runPeopleMutations(): Promise<void> {
  const president = t.as("president@cn-sh.demo");
  const invite = (email: string) =>
    president.data(`mutation($email: String!) { inviteMember(input: { email: $email, displayName: "Audited", role: STAFF, department: MEDIA }) { id } }`, { email });
  const withdrawn = (await invite("withdrawn@cn-sh.test")).inviteMember.id;
  await president.data(`mutation($id: ID!) { revokeInvitation(id: $id) { id } }`, { id: withdrawn });
  await invite("audited-member@cn-sh.test");
  const { body } = (await t.database.owner.query("SELECT body FROM mail_outbox WHERE recipient = 'audited-member@cn-sh.test'")).rows[0];
  const token = /token=([A-Za-z0-9_-]+)/.exec(body)![1];
  await t.graphql(`mutation($token: String!) { acceptInvitation(token: $token, password: "demo-password") { token } }`, { token });
  const membership = (await t.database.owner.query("SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = 'audited-member@cn-sh.test'")).rows[0].id;
  await president.data(`mutation($id: ID!) { updateMembership(id: $id, input: { role: CONSULTANT, department: MEDIA }) { id } }`, { id: membership });
  const staff = demoId("membership", "staff@cn-sh.demo");
  const handOver = `mutation($from: ID!, $to: ID!) { transferResponsibilities(fromMembershipId: $from, toMembershipId: $to) { clients } }`;
  await president.data(handOver, { from: staff, to: membership });
  await president.data(handOver, { from: membership, to: staff });
  await president.data(`mutation($id: ID!) { deactivateMembership(id: $id, reason: "Audit test") { id } }`, { id: membership });
  const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
  const key = (await president.data(`mutation($e: DateTimeISO!) { createApiKey(input: { name: "Audited system", role: STAFF, department: MEDIA, expiresAt: $e }) { apiKey { id } } }`, { e: expiresAt })).createApiKey.apiKey.id;
  await president.data(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: key });
  await t.as("president@cn.demo").data(`mutation { openCentre(input: { kind: CITY_CENTRE, code: "CN-AUDITED", name: "Audited centre", firstAdmin: { email: "admin@cn-audited.test", displayName: "Admin" } }) { id } }`);
  const delegation = (
    await president.data(`mutation($to: ID!, $startsAt: DateTimeISO!, $endsAt: DateTimeISO!) { delegateApprovals(input: { toMembershipId: $to, startsAt: $startsAt, endsAt: $endsAt }) { id } }`, {
      to: staff,
      startsAt: new Date().toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
    })
  ).delegateApprovals.id;
  await president.data(`mutation($id: ID!) { revokeApprovalDelegation(id: $id) { id } }`, { id: delegation });
  const webhook = (await president.data(`mutation { createWebhook(input: { url: "http://127.0.0.1:9/audited", eventTypes: ["risk.warning_raised"] }) { webhook { id } } }`)).createWebhook.webhook.id;
  await president.data(`mutation($id: ID!) { deleteWebhook(id: $id) }`, { id: webhook });
}

/** The company's submissions and a national centre's statement, acknowledged once approved (set directly: the decision is audited above). */
async function runAffiliateAndSettlementMutations(): Promise<void> {
  await t.as("admin@cn-it.demo").data(`mutation { submitServiceStandard(input: { title: "Audited standard", scope: "s", content: "c" }) { id } }`);
  await t.as("admin@cn-it.demo").data(`mutation { submitBusinessReport(input: { periodFrom: "2025-01-01", periodUntil: "2025-03-31", revenueMinor: "1", currency: "CNY", projects: 1, clientsServed: 1, issues: "" }) { id } }`);
  const cnSh = (await t.database.owner.query("SELECT id FROM tenants WHERE code = 'CN-SH'")).rows[0].id;
  const settlement = (
    await t.as("finance@cn.demo").data(`mutation($c: ID!) { createInterCentreSettlement(input: { counterpartyId: $c, periodFrom: "2025-01-01", periodUntil: "2025-03-31", currency: "CNY", lineItems: [{ description: "d", amountMinor: "5" }] }) { id } }`, { c: cnSh })
  ).createInterCentreSettlement.id;
  await t.as("finance@cn.demo").data(`mutation($id: ID!) { addSettlementLineItem(settlementId: $id, input: { description: "e", amountMinor: "-2" }) { id } }`, { id: settlement });
  await t.as("finance@cn.demo").data(`mutation($id: ID!) { submitInterCentreSettlement(id: $id) { id } }`, { id: settlement });
  await t.database.owner.query("UPDATE inter_centre_settlements SET status = 'APPROVED', decided_at = now() WHERE id = $1", [settlement]);
  await t.as("president@cn-sh.demo").data(`mutation($id: ID!) { acknowledgeInterCentreSettlement(id: $id) { id } }`, { id: settlement });
}

/** Contracts, fee settlements and complaints, each side acting as itself. */
async function runPartnerMutations(): Promise<void> {
  const partnerId = (await t.database.owner.query("SELECT id FROM tenants WHERE code = 'CN-SH-CERT'")).rows[0].id;
  const terms = { rightsAndDuties: "r", serviceContent: "s", priceTerms: "p", valueMinor: "1000", currency: "CNY", qualityStandard: "q", breachLiability: "b", disputeResolution: "d", validFrom: "2026-01-01", validUntil: "2026-12-31" };
  const contract = (await staff.data(`mutation($input: CreatePartnerContractInput!) { createPartnerContract(input: $input) { id currentVersion { id } } }`, { input: { ...terms, title: "Audited", partnerId } })).createPartnerContract;
  await staff.data(`mutation($id: ID!, $input: ContractDraftInput!) { updateContractDraft(id: $id, input: $input) { id } }`, { id: contract.id, input: { ...terms, title: "Audited contract" } });
  await t.as("admin@cn-sh-cert.demo").data(`mutation($id: ID!) { consentToContractVersion(versionId: $id) { id } }`, { id: contract.currentVersion.id });
  await staff.data(`mutation($id: ID!) { submitContractForLegalReview(id: $id) { id } }`, { id: contract.id });
  await t.as("president@cn-sh.demo").data(`mutation($id: ID!) { decideApproval(id: $id, decision: APPROVE) { id } }`, { id: await approvalRequestOf(t.database.owner, contract.id) });
  const amendment = (await staff.data(`mutation($id: ID!, $input: ContractAmendmentInput!) { proposeContractAmendment(id: $id, input: $input) { id } }`, { id: contract.id, input: { ...terms, changeSummary: "c" } })).proposeContractAmendment;
  await t.as("admin@cn-sh-cert.demo").data(`mutation($id: ID!) { declineContractVersion(versionId: $id, reason: "no") { id } }`, { id: amendment.id });
  const settlement = (await t.as("admin@cn-sh-cert.demo").data(`mutation($input: ApplyForFeeSettlementInput!) { applyForFeeSettlement(input: $input) { id } }`, { input: { contractId: contract.id, amountMinor: "10", currency: "CNY", serviceFrom: "2026-01-01", serviceUntil: "2026-01-31", proofOfService: "p" } })).applyForFeeSettlement;
  await staff.data(`mutation($id: ID!) { decideApproval(id: $id, decision: APPROVE) { id } }`, { id: await approvalRequestOf(t.database.owner, settlement.id) });
  await t.as("president@cn-sh.demo").data(`mutation($id: ID!) { decideApproval(id: $id, decision: APPROVE) { id } }`, { id: await approvalRequestOf(t.database.owner, settlement.id) });
  await t.as("president@cn-sh.demo").data(`mutation($id: ID!) { recordFeeSettlementPayment(id: $id, paymentReference: "r") { id } }`, { id: settlement.id });
  await t.as("president@cn-sh.demo").data(`mutation($id: ID!) { terminateContract(id: $id, cause: "c") { id } }`, { id: contract.id });
  const complaint = (await t.as("admin@cn-sh-cert.demo").data(`mutation { openComplaint(input: { subject: "s", description: "d" }) { id } }`)).openComplaint;
  await staff.data(`mutation($id: ID!) { addComplaintEvidence(id: $id, note: "n") { id } }`, { id: complaint.id });
  for (const to of ["INVESTIGATING", "NEGOTIATION"]) await staff.data(`mutation($id: ID!, $to: ComplaintStatus!) { advanceComplaint(id: $id, to: $to, note: "n") { id } }`, { id: complaint.id, to });
  await staff.data(`mutation($id: ID!) { resolveComplaint(id: $id, resolution: "r") { id } }`, { id: complaint.id });
  await t.as("admin@cn-sh-cert.demo").data(`mutation($id: ID!) { rateComplaintHandling(id: $id, satisfaction: 96) { id } }`, { id: complaint.id });
  await staff.data(`mutation($id: ID!, $h: ID!) { assignComplaintHandler(id: $id, handlerId: $h) { id } }`, { id: complaint.id, h: ids.staffUser });
  await staff.data(`mutation($id: ID!) { recordComplaintFollowUp(id: $id, note: "n") { id } }`, { id: complaint.id });
  await t.as("admin@cn-sh-cert.demo").data(`mutation($id: ID!) { reopenComplaint(id: $id, reason: "r") { id } }`, { id: complaint.id });
}

/** Partner admission, status and assessments: by CN-SH's president and the partner's own administrator. */
async function runAdmissionAndAssessmentMutations(): Promise<void> {
  const president = t.as("president@cn-sh.demo");
  const registration = {
    code: "SH-AUDITED", name: "Audited Partner", partnerType: "SUPPLIER", serviceScope: "Paper", registrationNumber: "R-1",
    legalRepresentative: "L", adminEmail: "admin@sh-audited.test", adminDisplayName: "Admin", adminPassword: "demo-password",
  };
  const partner = (await president.data(`mutation($input: RegisterPartnerInput!) { registerPartner(input: $input) { id } }`, { input: registration })).registerPartner.id;
  const file = { licence: "l", certificates: "c", team: "t", clientReferences: "r" };
  await t.as("admin@sh-audited.test").data(`mutation($input: SubmitPartnerQualificationInput!) { submitPartnerQualification(input: $input) { id } }`, { input: file });
  // Admitted directly (decideApproval is audited above); termination then rejects the open file.
  await t.database.owner.query("UPDATE tenants SET status = 'ACTIVE' WHERE id = $1", [partner]);
  await president.data(`mutation($id: ID!) { suspendPartner(id: $id, reason: "r") { id } }`, { id: partner });
  await president.data(`mutation($id: ID!) { reinstatePartner(id: $id, note: "n") { id } }`, { id: partner });
  const scheme = { qualityWeight: 30, efficiencyWeight: 20, satisfactionWeight: 30, fulfilmentWeight: 20, grade1Min: 90, grade2Min: 80, grade3Min: 70, passMin: 70, failuresForRectification: 2, failuresForTerminationReview: 3 };
  await president.data(`mutation($input: SetAssessmentSchemeInput!) { setAssessmentScheme(input: $input) { qualityWeight } }`, { input: scheme });
  const scores = { quality: 80, efficiency: 80, satisfaction: 80, fulfilmentRate: 80 };
  await president.data(`mutation($input: RecordAssessmentInput!) { recordAssessment(input: $input) { id } }`, { input: { providerId: partner, periodFrom: "2026-01-01", periodUntil: "2026-03-31", ...scores } });
  await president.data(`mutation($id: ID!) { terminatePartner(id: $id, reason: "r") { id } }`, { id: partner });
}

describe("the audit trail", () => {
  it("records every decision: who decided which step, acting for which tenant", async () => {
    await runEveryMutation();
    const { rows } = await t.database.owner.query(
      `SELECT a.after, u.email FROM audit_log a JOIN users u ON u.id = a.actor_user_id
         JOIN approval_steps s ON s.id = a.target_id JOIN approval_requests r ON r.id = s.request_id AND r.subject_type = 'GRANT'
        WHERE a.operation = 'mutation decideApproval' AND a.target_type = 'approval_steps' AND a.action = 'UPDATE'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ email: "president@cn-sh.demo", after: { decision: "APPROVE", status: "APPROVED" } });
  });

  it("every mutation of the API appends at least one entry naming it", async () => {
    const { rows } = await t.database.owner.query("SELECT DISTINCT operation FROM audit_log WHERE operation IS NOT NULL");
    const audited = new Set(rows.map((r: { operation: string }) => r.operation.replace(/^mutation /, "")));
    // login writes nothing; the password and session mutations change the user's own credentials, which belong to no tenant's trail.
    // A member's own reading marks and mail choices, and a delivery's retry (its attempts are its own history), are no change to the organisation.
    const untracked = new Set([
      "login",
      "changePassword",
      "signOutEverywhere",
      "requestPasswordReset",
      "resetPassword",
      "markNotificationsRead",
      "setNotificationPreferences",
      "redeliverWebhook",
    ]);
    const mutations = Object.keys(buildBaseSchema(appModules()).getMutationType()!.getFields()).filter((name) => !untracked.has(name));
    expect(mutations.filter((name) => !audited.has(name))).toEqual([]);
  });

  it("an entry names the actor, the acting membership and tenant, the request, and the changed fields before and after", async () => {
    const { rows } = await t.database.owner.query(
      `SELECT a.*, u.email, t.code AS acting_code FROM audit_log a
         JOIN users u ON u.id = a.actor_user_id JOIN tenants t ON t.id = a.acting_tenant_id
        WHERE a.operation = 'mutation updateClient' AND a.target_id = $1`,
      [ids.client],
    );
    expect(rows).toHaveLength(1);
    const entry = rows[0];
    expect(entry).toMatchObject({ email: "staff@cn-sh.demo", acting_code: "CN-SH", action: "UPDATE", target_type: "clients" });
    expect(entry.membership_id).toEqual(expect.any(String));
    expect(entry.request_id).toEqual(expect.any(String));
    expect(entry.before).toMatchObject({ name: "Audited Co", tags: [] });
    expect(entry.after).toMatchObject({ name: "Audited Company", tags: ["audit"] });
    expect(Object.keys(entry.after).sort()).toEqual(["name", "tags", "updated_at"]);
  });

  it("a refused mutation leaves no entry", async () => {
    const before = (await t.database.owner.query("SELECT count(*)::int AS n FROM audit_log")).rows[0].n;
    const response = await staff.query(`mutation { createClient(input: { name: " " }) { id } }`);
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
    expect((await t.database.owner.query("SELECT count(*)::int AS n FROM audit_log")).rows[0].n).toBe(before);
  });

  it("the runtime role can read its trail but never insert, update or delete it", async () => {
    const sql: Client = t.database.owner;
    const cnSh = (await sql.query("SELECT id FROM tenants WHERE code = 'CN-SH'")).rows[0].id;
    for (const statement of [
      "UPDATE audit_log SET operation = 'forged'",
      "DELETE FROM audit_log",
      "INSERT INTO audit_log (tenant_id, seq, at, action, target_type, hash) VALUES ($1, 999999, now(), 'INSERT', 'x', 'x')",
    ]) {
      await asRuntimeRole(sql, cnSh, null, async () => {
        expect((await sql.query("SELECT count(*)::int AS n FROM audit_log")).rows[0].n).toBeGreaterThan(0);
        await expect(sql.query(statement, statement.includes("$1") ? [cnSh] : [])).rejects.toThrow(/permission denied/);
      });
    }
  });

  it("verifyAuditChain finds every chain intact, then reports a tampered entry and a deleted one", async () => {
    const verify = async () => (await t.as("president@cn-sh.demo").query("{ verifyAuditChain { ok checkedEntries firstBrokenEntryId reason } }")).data.verifyAuditChain;
    const intact = await verify();
    expect(intact).toMatchObject({ ok: true, firstBrokenEntryId: null });
    expect(intact.checkedEntries).toBeGreaterThan(20);

    const { rows } = await t.database.owner.query(
      "SELECT id FROM audit_log WHERE target_id = $1 AND action = 'UPDATE' AND target_type = 'clients'",
      [ids.client],
    );
    await t.database.owner.query(`UPDATE audit_log SET after = '{"name": "Innocent"}' WHERE id = $1`, [rows[0].id]);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenEntryId: String(rows[0].id), reason: "the entry changed after it was written" });

    await t.database.owner.query("DELETE FROM audit_log WHERE id = $1", [rows[0].id]);
    const afterDelete = await verify();
    expect(afterDelete.ok).toBe(false);
    expect(afterDelete.reason).toBe("an earlier entry is missing");
  });
});

describe("the audit trail across a tenant boundary", () => {
  it("a partner sees that its centre changed its rows, never the ids of the centre's memberships", async () => {
    const centreMemberships: string[] = (
      await t.database.owner.query("SELECT m.id FROM memberships m JOIN tenants t ON t.id = m.tenant_id WHERE t.code = 'CN-SH'")
    ).rows.map((row: { id: string }) => row.id);
    const [pending] = (
      await t.database.owner.query(
        `SELECT r.id FROM approval_requests r JOIN approval_steps s ON s.tenant_id = r.tenant_id AND s.request_id = r.id AND s.position = r.current_position
          JOIN tenants t ON t.id = r.tenant_id WHERE t.code = 'CN-SH-CERT' AND r.status = 'PENDING' AND s.deciding_tenant_id <> r.tenant_id LIMIT 1`,
      )
    ).rows;
    await t.as("president@cn-sh.demo").data(`mutation($id: ID!) { decideApproval(id: $id, decision: APPROVE) { id } }`, { id: pending.id });
    const partner = t.as("admin@cn-sh-cert.demo");
    const seen: string[] = [];
    let after: string | null = null;
    let fromCentre = 0;
    do {
      const page: any = await partner.data(
        `query($after: String) { auditLog(first: 100, after: $after) {
           edges { node { membershipId before after actingTenant { code } } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      for (const { node } of page.auditLog.edges) {
        seen.push(JSON.stringify(node));
        if (node.actingTenant?.code === "CN-SH") fromCentre++;
      }
      after = page.auditLog.pageInfo.hasNextPage ? page.auditLog.pageInfo.endCursor : null;
    } while (after);
    expect(fromCentre).toBeGreaterThan(0);
    const answer = seen.join("\n");
    for (const membershipId of centreMemberships) expect(answer).not.toContain(membershipId);
  });
});
