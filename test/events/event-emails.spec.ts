import { deliverEventsOnce } from "../../src/modules/events/event-worker";
import { useSmtpInbox } from "../support/smtp-inbox";
import { errorCode, useTestApp } from "../support/test-app";
import { EVENTS_ENV, deliveryDeps } from "./support";

const t = useTestApp(EVENTS_ENV);
const inbox = useSmtpInbox();
const consultant = t.as("consultant@cn-sh.demo");
const staff = t.as("staff@cn-sh.demo");

async function raiseWarning(): Promise<void> {
  const [owner] = await t.app.dataSource.query("SELECT id FROM users WHERE email = 'consultant@cn-sh.demo'");
  const { createRisk } = await staff.data(
    `mutation($owner: ID!) { createRisk(input: { title: "Churn", category: MARKET, likelihood: 2, impact: 2, response: ACCEPT, ownerId: $owner }) { id } }`,
    { owner: owner.id },
  );
  const { addRiskIndicator } = await staff.data(
    `mutation($risk: ID!) { addRiskIndicator(riskId: $risk, input: { name: "Late payments", warningThreshold: 1, direction: ABOVE }) { id } }`,
    { risk: createRisk.id },
  );
  await staff.data(`mutation($id: ID!) { recordRiskIndicatorValue(indicatorId: $id, value: 5) { id } }`, { id: addRiskIndicator.id });
}

describe("e-mail notifications", () => {
  test("a member receives by e-mail only the event types they chose, several at once as one digest, in their tenant's locale", async () => {
    expect(await consultant.data(`{ notificationPreferences { emailEventTypes } }`)).toEqual({ notificationPreferences: { emailEventTypes: [] } });
    expect(errorCode(await consultant.query(`mutation { setNotificationPreferences(emailEventTypes: ["no.such"]) { emailEventTypes } }`))).toBe("BAD_USER_INPUT");

    await raiseWarning();
    await deliverEventsOnce(deliveryDeps(t));
    await inbox.deliver(t.app.dataSource);
    expect(inbox.lastTo("consultant@cn-sh.demo")).toBeUndefined();

    await consultant.data(`mutation { setNotificationPreferences(emailEventTypes: ["risk.warning_raised"]) { emailEventTypes } }`);
    await raiseWarning();
    await deliverEventsOnce(deliveryDeps(t));
    await inbox.deliver(t.app.dataSource);
    expect(inbox.lastTo("consultant@cn-sh.demo")?.subject).toBe("Link Pass 通知：风险指标已越过预警阈值");
    // The president asked for nothing by e-mail.
    expect(inbox.lastTo("president@cn-sh.demo")).toBeUndefined();

    const before = inbox.received.length;
    await raiseWarning();
    await raiseWarning();
    await raiseWarning();
    await deliverEventsOnce(deliveryDeps(t));
    await inbox.deliver(t.app.dataSource);
    expect(inbox.received.length).toBe(before + 1);
    const digest = inbox.lastTo("consultant@cn-sh.demo");
    expect(digest?.subject).toBe("Link Pass：3 条新通知");
    expect(digest?.text.match(/risk\.warning_raised/g)).toHaveLength(3);
  });

  test("a notification's title reads in the caller's language; the mail goes in the recipient's tenant's locale", async () => {
    await t.app.dataSource.query("UPDATE tenants SET locale = 'en' WHERE code = 'CN-SH'");
    await consultant.data(`mutation { setNotificationPreferences(emailEventTypes: ["risk.warning_raised"]) { emailEventTypes } }`);
    await raiseWarning();
    await deliverEventsOnce(deliveryDeps(t));
    await inbox.deliver(t.app.dataSource);
    expect(inbox.lastTo("consultant@cn-sh.demo")?.subject).toBe("Link Pass: A risk indicator crossed its warning threshold");

    const LATEST = `{ notifications(first: 1) { edges { node { type title } } } }`;
    const titleIn = async (language: string) =>
      (await t.graphql(LATEST, {}, { token: await t.login("consultant@cn-sh.demo"), headers: { "accept-language": language } })).data.notifications.edges[0].node;
    expect(await titleIn("zh-TW")).toEqual({ type: "risk.warning_raised", title: "風險指標已越過預警閾值" });
    expect(await titleIn("zh-CN")).toEqual({ type: "risk.warning_raised", title: "风险指标已越过预警阈值" });
    expect(await titleIn("en")).toEqual({ type: "risk.warning_raised", title: "A risk indicator crossed its warning threshold" });
  });
});
