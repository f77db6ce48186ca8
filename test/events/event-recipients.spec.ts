import { escalateOverdueApprovals } from "../../src/modules/approvals/approval-escalation.job";
import { raiseOverdueWork } from "../../src/modules/cases/overdue-work.job";
import { deliverEventsOnce } from "../../src/modules/events/event-worker";
import { DEMO_PARTNER } from "../support/partner-network";
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
});
