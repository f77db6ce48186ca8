import { Client, createClient } from "graphql-ws";
import WebSocket from "ws";
import { deliverEventsOnce } from "../../src/modules/events/event-worker";
import { useTestApp } from "../support/test-app";
import { EVENTS_ENV, deliveryDeps } from "./support";

const t = useTestApp(EVENTS_ENV);
const clients: Client[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.dispose();
});

/** A real graphql-ws client of `email`, collecting what `query` sends. */
async function subscribe(email: string, query: string): Promise<any[]> {
  const token = await t.login(email);
  const client = createClient({ url: t.app.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
  clients.push(client);
  const received: any[] = [];
  client.subscribe({ query }, { next: (result) => received.push(result), error: (error) => received.push({ error }), complete: () => undefined });
  return received;
}

/** The errors graphql-ws answers `query` of `email` with (the operation is refused before it runs). */
async function refused(email: string, query: string): Promise<any[]> {
  const token = await t.login(email);
  const client = createClient({ url: t.app.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
  clients.push(client);
  return new Promise((resolve, reject) => {
    client.subscribe({ query }, { next: (result) => reject(new Error(`the operation ran: ${JSON.stringify(result)}`)), error: (error) => resolve(error as any[]), complete: () => reject(new Error("completed without an error")) });
  });
}

/**
 * Repeats `round` (which commits events and delivers them) until every subscriber has received
 * something: a subscriber registers asynchronously, so the first rounds may precede it.
 */
async function untilReceived(subscribers: any[][], round: () => Promise<void>): Promise<void> {
  for (let rounds = 0; subscribers.some((received) => received.length === 0); rounds++) {
    if (rounds === 50) throw new Error("no subscriber received anything in 50 rounds");
    await round();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function raiseWarning(by: string, ownerEmail: string): Promise<string> {
  const [owner] = await t.app.dataSource.query("SELECT id FROM users WHERE email = $1", [ownerEmail]);
  const actor = t.as(by);
  const { createRisk } = await actor.data(
    `mutation($owner: ID!) { createRisk(input: { title: "Churn", category: MARKET, likelihood: 2, impact: 2, response: ACCEPT, ownerId: $owner }) { id } }`,
    { owner: owner.id },
  );
  const { addRiskIndicator } = await actor.data(
    `mutation($risk: ID!) { addRiskIndicator(riskId: $risk, input: { name: "Late payments", warningThreshold: 1, direction: ABOVE }) { id } }`,
    { risk: createRisk.id },
  );
  await actor.data(`mutation($id: ID!) { recordRiskIndicatorValue(indicatorId: $id, value: 5) { id } }`, { id: addRiskIndicator.id });
  const [warning] = await t.app.dataSource.query("SELECT subject_id FROM events WHERE data->>'indicatorId' = $1", [addRiskIndicator.id]);
  return warning.subject_id;
}

describe("subscriptions over graphql-ws", () => {
  test("two subscribers of different tenants on the same kind of event receive only what they may read", async () => {
    const NOTIFICATIONS = `subscription { notificationAdded { id type subjectType subjectId readAt } }`;
    const shanghai = await subscribe("consultant@cn-sh.demo", NOTIFICATIONS);
    const shenzhen = await subscribe("president@cn-sz.demo", NOTIFICATIONS);
    const raised = { shanghai: new Set<string>(), shenzhen: new Set<string>() };
    await untilReceived([shanghai, shenzhen], async () => {
      raised.shanghai.add(await raiseWarning("staff@cn-sh.demo", "consultant@cn-sh.demo"));
      raised.shenzhen.add(await raiseWarning("consultant@cn-sz.demo", "consultant@cn-sz.demo"));
      await deliverEventsOnce(deliveryDeps(t));
    });
    for (const result of shanghai) {
      expect(result.data.notificationAdded).toMatchObject({ type: "risk.warning_raised", subjectType: "RiskWarning", readAt: null });
      expect(raised.shanghai.has(result.data.notificationAdded.subjectId)).toBe(true);
    }
    for (const result of shenzhen) expect(raised.shenzhen.has(result.data.notificationAdded.subjectId)).toBe(true);
  });

  test("the approval inbox subscription sends the request that now waits for the subscriber", async () => {
    const inbox = await subscribe("president@cn-sh.demo", `subscription { approvalInboxChanged { id status subjectType } }`);
    const day = 86_400_000;
    const requested = new Set<string>();
    await untilReceived([inbox], async () => {
      const { requestGrant } = await t.as("staff@cn-sh.demo").data(
        `mutation($from: DateTimeISO!, $until: DateTimeISO!) {
          requestGrant(input: { matter: "Sign leases", scope: "Shanghai", level: 3, validFrom: $from, validUntil: $until }) { id } }`,
        { from: new Date(Date.now() + day).toISOString(), until: new Date(Date.now() + 30 * day).toISOString() },
      );
      const [request] = await t.app.dataSource.query("SELECT id FROM approval_requests WHERE subject_id = $1", [requestGrant.id]);
      requested.add(request.id);
      await deliverEventsOnce(deliveryDeps(t));
    });
    expect(inbox[0].data.approvalInboxChanged).toMatchObject({ status: "PENDING", subjectType: "GRANT" });
    expect(requested.has(inbox[0].data.approvalInboxChanged.id)).toBe(true);
  });

  test("a socket without a valid token is refused at connection_init", async () => {
    const client = createClient({ url: t.app.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, connectionParams: { authorization: "Bearer nope" }, retryAttempts: 0 });
    clients.push(client);
    const closed = await new Promise<any>((resolve) => {
      client.on("closed", (event) => resolve(event));
      client.subscribe({ query: `subscription { notificationAdded { id } }` }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    });
    expect((closed as { code: number }).code).toBe(4403);
  });

  test("a subscription deeper than the limit is refused with its code", async () => {
    const deep = `subscription { approvalInboxChanged { tenant { ${"children { ".repeat(10)}code${" }".repeat(10)} } } }`;
    const errors = await refused("president@cn-sh.demo", deep);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/depth limit of 10 exceeded/);
    expect(errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  test("a misspelt subscription is refused without suggesting the schema's field names", async () => {
    const errors = await refused("president@cn-sh.demo", `subscription { notificationAdded { idd } }`);
    expect(errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(errors[0].message).not.toMatch(/Did you mean/);
  });
});
