import { createHash, randomBytes } from "node:crypto";
import { escalateOverdueApprovals } from "../../src/modules/approvals/approval-escalation.job";
import { raiseOverdueWork } from "../../src/modules/cases/overdue-work.job";
import { deliverEventsOnce } from "../../src/modules/events/event-worker";
import { addMember, approvalRequestOf } from "../support/owner-rows";
import { DEMO_PARTNER, tenantId as tenantIdOf } from "../support/partner-network";
import { useTestApp } from "../support/test-app";
import { EVENTS_ENV, deliveryDeps, useWebhookReceiver } from "./support";

const t = useTestApp(EVENTS_ENV);
const receiver = useWebhookReceiver();

/** `type email` for each notification of the subject, sorted. */
async function toldOf(subjectId: string): Promise<string[]> {
  const rows: { type: string; email: string }[] = await t.app.dataSource.query(
    `SELECT n.type, u.email FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.subject_id = $1 ORDER BY 1, 2`,
    [subjectId],
  );
  return rows.map((row) => `${row.type} ${row.email}`);
}

async function userId(email: string): Promise<string> {
  const [row] = await t.app.dataSource.query("SELECT id FROM users WHERE email = $1", [email]);
  return row.id;
}

const deliver = () => deliverEventsOnce(deliveryDeps(t));
const DAY = 86_400_000;
const url = (path: string) => new URL(path, t.app.url).toString();

/** A PDF stored by `email` and attached to the service case. */
async function attachedPdf(email: string, caseId: string): Promise<string> {
  const bytes = Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(2000)]);
  const { createUpload } = await t.as(email).data(
    `mutation ($input: CreateUploadInput!) { createUpload(input: $input) { document { id } uploadUrl } }`,
    { input: { fileName: "evidence.pdf", contentType: "application/pdf", byteSize: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") } },
  );
  expect((await fetch(url(createUpload.uploadUrl), { method: "PUT", body: bytes })).status).toBe(200);
  await t.as(email).data(`mutation ($id: ID!, $caseId: ID!) { attachDocument(documentId: $id, subjectType: SERVICE_CASE, subjectId: $caseId) { id } }`, {
    id: createUpload.document.id,
    caseId,
  });
  return createUpload.document.id;
}

/**
 * A file's access commits as its last bytes leave the server, which the client may see first:
 * the package's `evidence_package.accessed` events once `count` of them are committed.
 */
async function accessEventsOnceCommitted(packageId: string, count: number): Promise<{ actor_id: string | null; data: Record<string, string> }[]> {
  for (;;) {
    const rows = await t.app.dataSource.query(
      "SELECT actor_id, data FROM events WHERE subject_id = $1 AND type = 'evidence_package.accessed' ORDER BY occurred_at",
      [packageId],
    );
    if (rows.length >= count) return rows;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A case of CN-SH's consultant at its certification step, where evidence packages are shared. */
async function certificationCaseOfShanghaiConsultant(): Promise<{ id: string }> {
  const [serviceCase] = await t.app.dataSource.query(
    `SELECT c.id FROM service_cases c JOIN tenants t ON t.id = c.tenant_id JOIN users u ON u.id = c.consultant_id
      WHERE t.code = 'CN-SH' AND u.email = 'consultant@cn-sh.demo' AND c.step = 'CERTIFICATION' ORDER BY c.id LIMIT 1`,
  );
  return serviceCase;
}

describe("who is told of each event", () => {
  test("an approval step tells its eligible deciders, the decision its requester, an escalation the parent's deciders", async () => {
    const REQUEST = `mutation($from: DateTimeISO!, $until: DateTimeISO!) {
      requestGrant(input: { matter: "Sign supplier contracts", scope: "Shanghai", level: 3, validFrom: $from, validUntil: $until }) { id } }`;
    const window = { from: new Date(Date.now() + DAY).toISOString(), until: new Date(Date.now() + 30 * DAY).toISOString() };
    const first = await t.as("staff@cn-sh.demo").data(REQUEST, window);
    const [request] = await t.app.dataSource.query("SELECT id FROM approval_requests WHERE subject_id = $1", [first.requestGrant.id]);
    await deliver();
    expect(await toldOf(request.id)).toEqual(["approval.step_waiting president@cn-sh.demo"]);

    await t.as("president@cn-sh.demo").data(`mutation($id: ID!) { decideApproval(id: $id, decision: APPROVE) { id } }`, { id: request.id });
    await deliver();
    expect(await toldOf(request.id)).toEqual(["approval.decided staff@cn-sh.demo", "approval.step_waiting president@cn-sh.demo"]);

    const second = await t.as("staff@cn-sh.demo").data(REQUEST, window);
    const [overdue] = await t.app.dataSource.query("SELECT id FROM approval_requests WHERE subject_id = $1", [second.requestGrant.id]);
    await escalateOverdueApprovals(t.app.dataSource, { 1: 1, 2: 1, 3: 1, 4: 1 }, new Date(Date.now() + 30 * DAY));
    await deliver();
    // The parent's deciders at the escalation level (2): China's president, never its level-3 finance head nor Shenzhen.
    expect(await toldOf(overdue.id)).toEqual(["approval.escalated president@cn.demo", "approval.step_waiting president@cn-sh.demo"]);
  });

  test("a case that moves tells its consultant and the centre's staff; a missed response target tells the consultant", async () => {
    const { clients } = await t.as("staff@cn-sh.demo").data(`{ clients(first: 1) { edges { node { id } } } }`);
    const OPEN = `mutation($client: ID!, $consultant: ID!) {
      openServiceCase(input: { clientId: $client, tier: GENERAL, title: "Certification", consultantId: $consultant, needs: "ISO 9001" }) { id } }`;
    const variables = { client: clients.edges[0].node.id, consultant: await userId("consultant@cn-sh.demo") };
    const moved = (await t.as("staff@cn-sh.demo").data(OPEN, variables)).openServiceCase.id;
    await t.as("president@cn-sh.demo").data(`mutation($id: ID!) { advanceServiceCase(id: $id, to: PROFILED) { id } }`, { id: moved });
    await deliver();
    expect(await toldOf(moved)).toEqual(["case.step_changed consultant@cn-sh.demo", "case.step_changed staff@cn-sh.demo"]);

    const waiting = (await t.as("staff@cn-sh.demo").data(OPEN, variables)).openServiceCase.id;
    await raiseOverdueWork(t.app.dataSource, new Date(Date.now() + 7 * DAY));
    await raiseOverdueWork(t.app.dataSource, new Date(Date.now() + 8 * DAY));
    await deliver();
    expect(await toldOf(waiting)).toEqual(["task.overdue consultant@cn-sh.demo"]);
  });

  test("a complaint tells both sides, of the centre only those who read partner records", async () => {
    const { openComplaint } = await t
      .as("president@cn-sh.demo")
      .data(`mutation($provider: ID!) { openComplaint(input: { providerId: $provider, subject: "Late audit", description: "Three weeks late" }) { id } }`, {
        provider: DEMO_PARTNER,
      });
    await deliver();
    expect(await toldOf(openComplaint.id)).toEqual(["complaint.opened admin@cn-sh-cert.demo", "complaint.opened staff@cn-sh.demo"]);
  });

  test("an invitation reaches the tenant's webhooks and no member of another tenant", async () => {
    const { createWebhook } = await t
      .as("president@cn-sh.demo")
      .data(`mutation($url: String!) { createWebhook(input: { url: $url, eventTypes: ["member.invited"] }) { webhook { id } } }`, { url: receiver.url });
    receiver.received.length = 0;
    const { inviteMember } = await t
      .as("president@cn-sh.demo")
      .data(`mutation { inviteMember(input: { email: "new.staff@example.com", displayName: "New Staff", role: STAFF, department: MEDIA }) { id } }`);
    await deliver();
    expect(await toldOf(inviteMember.id)).toEqual([]);
    expect(receiver.received.map((hook) => JSON.parse(hook.body)).map(({ type, data }) => ({ type, data }))).toEqual([
      { type: "member.invited", data: { role: "STAFF" } },
    ]);
    await t.as("president@cn-sh.demo").data(`mutation($id: ID!) { deleteWebhook(id: $id) }`, { id: createWebhook.webhook.id });
  });

  test("an evidence package read through its share URL or downloaded by its recipient tells the package's creator and the case's consultant, nobody of the recipient or a sibling tenant", async () => {
    const serviceCase = await certificationCaseOfShanghaiConsultant();
    const documentId = await attachedPdf("staff@cn-sh.demo", serviceCase.id);
    const { createWebhook } = await t
      .as("president@cn-sh.demo")
      .data(`mutation($url: String!) { createWebhook(input: { url: $url, eventTypes: ["evidence_package.accessed"] }) { webhook { id } } }`, { url: receiver.url });
    const { createEvidencePackage } = await t.as("staff@cn-sh.demo").data(
      `mutation ($input: CreateEvidencePackageInput!) { createEvidencePackage(input: $input) { evidencePackage { id } shareUrl } }`,
      { input: { caseId: serviceCase.id, title: "For the certifier", documentIds: [documentId], recipientTenantId: DEMO_PARTNER, expiresAt: new Date(Date.now() + 7 * DAY).toISOString() } },
    );
    const packageId = createEvidencePackage.evidencePackage.id;
    receiver.received.length = 0;

    expect((await fetch(url(createEvidencePackage.shareUrl))).status).toBe(200);
    const file = await fetch(url(`${createEvidencePackage.shareUrl}/documents/${documentId}`));
    expect(file.status).toBe(200);
    await file.arrayBuffer();
    const { evidencePackages } = await t.as("admin@cn-sh-cert.demo").data(`{ evidencePackages(first: 100) { edges { node { id documents { downloadUrl } } } } }`);
    const received = evidencePackages.edges.find((edge: { node: { id: string } }) => edge.node.id === packageId).node;
    const download = await fetch(url(received.documents[0].downloadUrl), { headers: { authorization: `Bearer ${await t.login("admin@cn-sh-cert.demo")}` } });
    expect(download.status).toBe(200);
    await download.arrayBuffer();

    // One event per access, of the package's tenant, ids only; the recipient's member is the actor of their download.
    const events = await accessEventsOnceCommitted(packageId, 3);
    const accesses = await t.app.dataSource.query("SELECT id FROM evidence_package_accesses WHERE package_id = $1 ORDER BY at, id", [packageId]);
    expect(events.map((event) => event.data)).toEqual(accesses.map((access: { id: string }) => ({ accessId: access.id, caseId: serviceCase.id })));
    expect(events.map((event) => event.actor_id)).toEqual([null, null, await userId("admin@cn-sh-cert.demo")]);

    await deliver();
    expect(await toldOf(packageId)).toEqual([
      "evidence_package.accessed consultant@cn-sh.demo",
      "evidence_package.accessed consultant@cn-sh.demo",
      "evidence_package.accessed consultant@cn-sh.demo",
      "evidence_package.accessed staff@cn-sh.demo",
      "evidence_package.accessed staff@cn-sh.demo",
      "evidence_package.accessed staff@cn-sh.demo",
    ]);
    // The package's tenant's own webhooks, with ids only.
    expect(receiver.received.map((hook) => JSON.parse(hook.body)).map(({ type, tenantId, data }) => ({ type, tenantId, data }))).toEqual(
      events.map((event) => ({ type: "evidence_package.accessed", tenantId: tenantIdOf("CN-SH"), data: event.data })),
    );
    await t.as("president@cn-sh.demo").data(`mutation($id: ID!) { deleteWebhook(id: $id) }`, { id: createWebhook.webhook.id });
  });

  test("a revoked evidence package's 410 records no access and raises no event", async () => {
    const serviceCase = await certificationCaseOfShanghaiConsultant();
    const documentId = await attachedPdf("consultant@cn-sh.demo", serviceCase.id);
    const { createEvidencePackage } = await t.as("consultant@cn-sh.demo").data(
      `mutation ($input: CreateEvidencePackageInput!) { createEvidencePackage(input: $input) { evidencePackage { id } shareUrl } }`,
      { input: { caseId: serviceCase.id, title: "Revoked", documentIds: [documentId], expiresAt: new Date(Date.now() + 7 * DAY).toISOString() } },
    );
    const packageId = createEvidencePackage.evidencePackage.id;
    await t.as("consultant@cn-sh.demo").data(`mutation ($id: ID!) { revokeEvidencePackage(id: $id) { id } }`, { id: packageId });
    for (const link of [createEvidencePackage.shareUrl, `${createEvidencePackage.shareUrl}/documents/${documentId}`]) {
      expect((await fetch(url(link))).status).toBe(410);
    }
    await deliver();
    const [counts] = await t.app.dataSource.query(
      `SELECT (SELECT count(*)::int FROM evidence_package_accesses WHERE package_id = $1) AS accesses,
              (SELECT count(*)::int FROM events WHERE subject_id = $1) AS events`,
      [packageId],
    );
    expect(counts).toEqual({ accesses: 0, events: 0 });
    expect(await toldOf(packageId)).toEqual([]);
  });

  test("a waiting step tells a delegate of an eligible decider and the holder of a grant that confers the authority; a sibling centre's member with the same role and grant is not told", async () => {
    await addMember(t.database.owner, "holder@cn-sh.test", "CN-SH", "CONSULTANT", "OPERATIONS");
    await addMember(t.database.owner, "delegate@cn-sh.test", "CN-SH", "CONSULTANT", "OPERATIONS");
    await addMember(t.database.owner, "holder@cn-sz.test", "CN-SZ", "CONSULTANT", "OPERATIONS");
    const GRANT = `mutation($input: RequestGrantInput!) { requestGrant(input: $input) { id } }`;
    const grantRequest = (subjectTypes: string[]) => ({
      input: { matter: `Decide grants ${Math.random()}`, scope: "The centre", level: 3, validFrom: "2026-01-01T00:00:00Z", validUntil: "2099-01-01T00:00:00Z", subjectTypes },
    });
    const DECIDE = `mutation($id: ID!) { decideApproval(id: $id, decision: APPROVE) { status } }`;
    for (const [holder, president] of [["holder@cn-sh.test", "president@cn-sh.demo"], ["holder@cn-sz.test", "president@cn-sz.demo"]]) {
      const { requestGrant } = await t.as(holder).data(GRANT, grantRequest(["GRANT"]));
      const id = await approvalRequestOf(t.database.owner, requestGrant.id);
      expect((await t.as(president).data(DECIDE, { id })).decideApproval.status).toBe("APPROVED");
    }
    const [delegate] = await t.app.dataSource.query("SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = 'delegate@cn-sh.test'");
    await t.as("president@cn-sh.demo").data(`mutation($input: DelegateApprovalsInput!) { delegateApprovals(input: $input) { id } }`, {
      input: { toMembershipId: delegate.id, startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + DAY).toISOString() },
    });

    const { requestGrant } = await t.as("consultant@cn-sh.demo").data(GRANT, grantRequest([]));
    const waiting = await approvalRequestOf(t.database.owner, requestGrant.id);
    await deliver();
    expect(await toldOf(waiting)).toEqual([
      "approval.step_waiting delegate@cn-sh.test",
      "approval.step_waiting holder@cn-sh.test",
      "approval.step_waiting president@cn-sh.demo",
    ]);
  });
});
