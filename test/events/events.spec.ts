import { dispatchPendingEvents } from "../../src/modules/events/event-dispatch";
import { deliverEventsOnce } from "../../src/modules/events/event-worker";
import { resolveWebhookTargetOrThrow } from "../../src/modules/events/webhook-target";
import { errorCode, useTestApp } from "../support/test-app";
import { EVENTS_ENV, deliveryDeps, notified, signatureIsValid, useWebhookReceiver } from "./support";

const t = useTestApp(EVENTS_ENV);
const receiver = useWebhookReceiver();

const shStaff = t.as("staff@cn-sh.demo");
const shPresident = t.as("president@cn-sh.demo");

async function userId(email: string): Promise<string> {
  const [row] = await t.app.dataSource.query("SELECT id FROM users WHERE email = $1", [email]);
  return row.id;
}

async function riskIndicator(): Promise<string> {
  const { createRisk } = await shStaff.data(
    `mutation($owner: ID!) { createRisk(input: { title: "Churn", category: MARKET, likelihood: 3, impact: 3, response: REDUCE, ownerId: $owner }) { id } }`,
    { owner: await userId("consultant@cn-sh.demo") },
  );
  const { addRiskIndicator } = await shStaff.data(
    `mutation($risk: ID!) { addRiskIndicator(riskId: $risk, input: { name: "Cancellations", warningThreshold: 10, direction: ABOVE }) { id } }`,
    { risk: createRisk.id },
  );
  return addRiskIndicator.id;
}

const RECORD = `mutation($id: ID!, $value: Float!) { recordRiskIndicatorValue(indicatorId: $id, value: $value) { id } }`;

describe("events", () => {
  test("a raised risk warning tells the risk's owner and the tenant's president, nobody in a sibling or parent tenant", async () => {
    const since = new Date();
    const indicator = await riskIndicator();
    await shStaff.data(RECORD, { id: indicator, value: 12 });
    await deliverEventsOnce(deliveryDeps(t));
    expect(await notified(t, since)).toEqual(["risk.warning_raised consultant@cn-sh.demo", "risk.warning_raised president@cn-sh.demo"]);

    const { notifications, unreadNotificationCount } = await t
      .as("consultant@cn-sh.demo")
      .data(`{ notifications(first: 5, unreadOnly: true) { edges { node { id type title subjectType subjectId readAt } } } unreadNotificationCount }`);
    expect(unreadNotificationCount).toBe(1);
    const [{ node }] = notifications.edges;
    expect(node).toMatchObject({ type: "risk.warning_raised", subjectType: "RiskWarning", readAt: null });
    expect(await t.as("president@cn-sz.demo").data(`{ unreadNotificationCount }`)).toEqual({ unreadNotificationCount: 0 });
    // Another user's notification is not theirs to mark.
    expect(await shPresident.data(`mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`, { ids: [node.id] })).toEqual({ markNotificationsRead: 0 });
    expect(await t.as("consultant@cn-sh.demo").data(`mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`, { ids: [node.id] })).toEqual({
      markNotificationsRead: 1,
    });
    expect(await t.as("consultant@cn-sh.demo").data(`{ unreadNotificationCount }`)).toEqual({ unreadNotificationCount: 0 });
  });

  test("a rolled-back mutation records no event and sends nothing", async () => {
    const indicator = await riskIndicator();
    const [{ count: before }] = await t.app.dataSource.query("SELECT count(*)::int AS count FROM events");
    const response = await shStaff.query(
      `mutation($id: ID!) { a: recordRiskIndicatorValue(indicatorId: $id, value: 50) { id } b: closeRiskWarning(id: "not-an-id", note: "x") { id } }`,
      { id: indicator },
    );
    expect(response.errors).toBeDefined();
    const [{ count: after }] = await t.app.dataSource.query("SELECT count(*)::int AS count FROM events");
    expect(after).toBe(before);
  });

  test("a webhook to a private or loopback address is refused unless its host is allowed", async () => {
    await expect(resolveWebhookTargetOrThrow("http://127.0.0.1:9/hooks", [])).rejects.toThrow(/WEBHOOK_ALLOWED_HOSTS/);
    await expect(resolveWebhookTargetOrThrow("http://[::1]:9/hooks", [])).rejects.toThrow(/WEBHOOK_ALLOWED_HOSTS/);
    await expect(resolveWebhookTargetOrThrow("http://169.254.169.254/latest", [])).rejects.toThrow(/WEBHOOK_ALLOWED_HOSTS/);
    await expect(resolveWebhookTargetOrThrow("http://10.1.2.3/", [])).rejects.toThrow(/WEBHOOK_ALLOWED_HOSTS/);
    await expect(resolveWebhookTargetOrThrow("http://127.0.0.1:9/hooks", ["127.0.0.1"])).resolves.toMatchObject({ address: "127.0.0.1" });
    // localhost is not listed (only 127.0.0.1 is), and resolves to loopback.
    const refused = await shPresident.query(`mutation { createWebhook(input: { url: "http://localhost:9/hooks", eventTypes: ["risk.warning_raised"] }) { secret } }`);
    expect(errorCode(refused)).toBe("BAD_USER_INPUT");
  });

  test("only a president or deputy creates a webhook, for known event types", async () => {
    const byStaff = await shStaff.query(`mutation($url: String!) { createWebhook(input: { url: $url, eventTypes: ["risk.warning_raised"] }) { secret } }`, {
      url: receiver.url,
    });
    expect(errorCode(byStaff)).toBe("FORBIDDEN");
    const unknown = await shPresident.query(`mutation($url: String!) { createWebhook(input: { url: $url, eventTypes: ["nothing.happened"] }) { secret } }`, {
      url: receiver.url,
    });
    expect(errorCode(unknown)).toBe("BAD_USER_INPUT");
  });

  test("an API key with a deputy's role creates a webhook for its own tenant and no other; a staff key is FORBIDDEN; a refusal adds none", async () => {
    const CREATE_KEY = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`;
    const keyOf = async (role: string) =>
      (await shPresident.data(CREATE_KEY, { input: { name: `Partner system ${role}`, role, department: "MANAGEMENT", expiresAt: new Date(Date.now() + 86_400_000).toISOString() } }))
        .createApiKey.secret as string;
    const CREATE_WEBHOOK = `mutation($url: String!) { createWebhook(input: { url: $url, eventTypes: ["risk.warning_raised"] }) { webhook { id url } secret } }`;
    const webhooks = async () => Number((await t.app.dataSource.query("SELECT count(*) AS n FROM webhooks"))[0].n);

    const before = await webhooks();
    const byStaffKey = await t.graphql(CREATE_WEBHOOK, { url: `${receiver.url}/staff-key` }, { token: await keyOf("STAFF") });
    expect(errorCode(byStaffKey)).toBe("FORBIDDEN");
    expect(await webhooks()).toBe(before);

    const deputyKey = await keyOf("DEPUTY");
    expect(errorCode(await t.graphql(CREATE_WEBHOOK, { url: `${receiver.url}/elsewhere` }, { token: deputyKey, tenant: "CN-SZ" }))).toBe("FORBIDDEN");
    expect(await webhooks()).toBe(before);
    const byDeputyKey = await t.graphql(CREATE_WEBHOOK, { url: `${receiver.url}/deputy-key` }, { token: deputyKey });
    expect(byDeputyKey.errors).toBeUndefined();
    const [stored] = await t.app.dataSource.query("SELECT t.code, w.created_by FROM webhooks w JOIN tenants t ON t.id = w.tenant_id WHERE w.id = $1", [
      byDeputyKey.data.createWebhook.webhook.id,
    ]);
    expect(stored).toEqual({ code: "CN-SH", created_by: await userId("president@cn-sh.demo") });
    expect((await shPresident.data(`{ webhooks { id } }`)).webhooks).toContainEqual({ id: byDeputyKey.data.createWebhook.webhook.id });
    await shPresident.data(`mutation($id: ID!) { deleteWebhook(id: $id) }`, { id: byDeputyKey.data.createWebhook.webhook.id });
  });

  test("a receiver that fails three times gets the fourth attempt with the same delivery id and a valid signature", async () => {
    const { createWebhook } = await shPresident.data(
      `mutation($url: String!) { createWebhook(input: { url: $url, eventTypes: ["risk.warning_raised"] }) { webhook { id } secret } }`,
      { url: receiver.url },
    );
    expect(createWebhook.secret).toMatch(/^whsec_/);
    receiver.received.length = 0;
    receiver.statuses.push(500, 503, 502);
    await shStaff.data(RECORD, { id: await riskIndicator(), value: 20 });

    const deps = deliveryDeps(t);
    await deliverEventsOnce(deps);
    let now = new Date();
    for (let attempt = 2; attempt <= 4; attempt++) {
      const [{ next_attempt_at }] = await t.app.dataSource.query("SELECT next_attempt_at FROM webhook_deliveries WHERE webhook_id = $1", [
        createWebhook.webhook.id,
      ]);
      expect(next_attempt_at.getTime()).toBeGreaterThan(now.getTime());
      now = new Date(next_attempt_at.getTime() + 1000);
      await deliverEventsOnce(deps, now);
    }
    expect(receiver.received).toHaveLength(4);
    const deliveryIds = new Set(receiver.received.map((hook) => hook.headers["x-linkpass-delivery"]));
    expect(deliveryIds.size).toBe(1);
    const last = receiver.received[3];
    expect(last.headers["x-linkpass-event"]).toBe("risk.warning_raised");
    expect(signatureIsValid(createWebhook.secret, String(last.headers["x-linkpass-signature"]), last.body)).toBe(true);
    expect(signatureIsValid("whsec_wrong", String(last.headers["x-linkpass-signature"]), last.body)).toBe(false);
    const body = JSON.parse(last.body);
    expect(Object.keys(body).sort()).toEqual(["data", "id", "occurredAt", "tenantId", "type"]);
    expect(body.type).toBe("risk.warning_raised");

    const { webhookDeliveries } = await shPresident.data(
      `query($id: ID!) { webhookDeliveries(webhookId: $id, first: 10) { edges { node { id eventType status attempts lastStatusCode } } } }`,
      { id: createWebhook.webhook.id },
    );
    expect(webhookDeliveries.edges.map((edge: any) => edge.node)).toEqual([
      { id: [...deliveryIds][0], eventType: "risk.warning_raised", status: "DELIVERED", attempts: 4, lastStatusCode: 200 },
    ]);
    // A sibling centre's president sees none of it.
    const sibling = await t.as("president@cn-sz.demo").query(`query($id: ID!) { webhookDeliveries(webhookId: $id) { edges { node { id } } } }`, {
      id: createWebhook.webhook.id,
    });
    expect(errorCode(sibling)).toBe("NOT_FOUND");
    expect(await t.as("president@cn-sz.demo").data(`{ webhooks { id } }`)).toEqual({ webhooks: [] });

    const { redeliverWebhook } = await shPresident.data(`mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { id status } }`, {
      id: [...deliveryIds][0],
    });
    expect(redeliverWebhook.status).toBe("PENDING");
    await deliverEventsOnce(deps);
    expect(receiver.received).toHaveLength(5);
    expect(receiver.received[4].headers["x-linkpass-delivery"]).toBe([...deliveryIds][0]);
    expect(await shPresident.data(`mutation($id: ID!) { deleteWebhook(id: $id) }`, { id: createWebhook.webhook.id })).toEqual({ deleteWebhook: true });
  });

  test("two workers deliver each event once per channel", async () => {
    const { createWebhook } = await shPresident.data(
      `mutation($url: String!) { createWebhook(input: { url: $url, eventTypes: ["risk.warning_raised"] }) { webhook { id } } }`,
      { url: receiver.url },
    );
    receiver.received.length = 0;
    const since = new Date();
    for (let i = 0; i < 3; i++) await shStaff.data(RECORD, { id: await riskIndicator(), value: 30 });
    const deps = deliveryDeps(t);
    await Promise.all([deliverEventsOnce(deps), deliverEventsOnce(deliveryDeps(t))]);
    await deliverEventsOnce(deps);
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((hook) => hook.headers["x-linkpass-delivery"])).size).toBe(3);
    expect((await notified(t, since)).length).toBe(6);
    await shPresident.data(`mutation($id: ID!) { deleteWebhook(id: $id) }`, { id: createWebhook.webhook.id });
  });

  test("a worker killed mid-delivery loses nothing: the event and the delivery are taken up again", async () => {
    const { createWebhook } = await shPresident.data(
      `mutation($url: String!) { createWebhook(input: { url: $url, eventTypes: ["risk.warning_raised"] }) { webhook { id } } }`,
      { url: receiver.url },
    );
    receiver.received.length = 0;
    await shStaff.data(RECORD, { id: await riskIndicator(), value: 40 });
    // A dispatcher that dies before its commit: its claim goes with its transaction.
    const runner = t.app.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    expect((await runner.query("SELECT id FROM events WHERE dispatched_at IS NULL FOR UPDATE SKIP LOCKED")).length).toBeGreaterThan(0);
    await runner.rollbackTransaction();
    await runner.release();
    const deps = deliveryDeps(t);
    await dispatchPendingEvents(deps);
    // A deliverer that dies after claiming, before any outcome: the claim is a lease.
    const [[claimed]] = await t.app.dataSource.query(
      "UPDATE webhook_deliveries SET next_attempt_at = now() + interval '10 minutes' WHERE webhook_id = $1 RETURNING id, next_attempt_at",
      [createWebhook.webhook.id],
    );
    await deliverEventsOnce(deps);
    expect(receiver.received).toHaveLength(0);
    await deliverEventsOnce(deps, new Date(claimed.next_attempt_at.getTime() + 1000));
    expect(receiver.received.map((hook) => hook.headers["x-linkpass-delivery"])).toEqual([claimed.id]);
    await shPresident.data(`mutation($id: ID!) { deleteWebhook(id: $id) }`, { id: createWebhook.webhook.id });
  });
});
