import { Client, createClient } from "graphql-ws";
import WebSocket from "ws";
import { deliverEventsOnce } from "../../src/modules/events/event-worker";
import { demoId } from "../../src/demo-data/demo-data";
import { addMember, addMembership } from "../support/owner-rows";
import { useTestApp } from "../support/test-app";
import { EVENTS_ENV, deliveryDeps } from "./support";

const t = useTestApp(EVENTS_ENV);
const clients: Client[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.dispose();
});

const NOTIFICATIONS = `subscription { notificationAdded { id type } }`;

interface OpenSocket {
  /** Resolves with the close event's code once the server closes the socket. */
  closed: Promise<number>;
  isClosed(): boolean;
  received: any[];
}

/** A real graphql-ws client of `email` (acting in `tenant` when given) subscribed to its notifications, resolved once the server acknowledged it. */
async function openSocket(email: string, tenant?: string): Promise<OpenSocket> {
  const token = await t.login(email);
  const connectionParams = { authorization: `Bearer ${token}`, ...(tenant ? { "x-tenant-id": tenant } : {}) };
  const client = createClient({ url: t.app.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, connectionParams, retryAttempts: 0 });
  clients.push(client);
  let isClosed = false;
  const closed = new Promise<number>((resolve) =>
    client.on("closed", (event) => {
      isClosed = true;
      resolve((event as { code: number }).code);
    }),
  );
  const connected = new Promise<void>((resolve) => client.on("connected", () => resolve()));
  const received: any[] = [];
  client.subscribe({ query: NOTIFICATIONS }, { next: (result) => received.push(result), error: (error) => received.push({ error }), complete: () => undefined });
  await connected;
  return { closed, isClosed: () => isClosed, received };
}

async function membershipOf(email: string, tenantCode = "CN-SH"): Promise<string> {
  const { rows } = await t.database.owner.query("SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1 AND m.tenant_id = $2", [
    email,
    demoId("tenant", tenantCode),
  ]);
  return rows[0].id;
}

/**
 * Invites someone into the tenant (CN-SH or CN-SZ) until `socket` has received a notification
 * (member.invited tells the presidents): proof that the socket is still open and served. A
 * subscription registers asynchronously, so the first rounds may precede it.
 */
async function untilNotified(socket: OpenSocket, tenant: "cn-sh" | "cn-sz" = "cn-sh"): Promise<void> {
  for (let round = 0; socket.received.length === 0; round++) {
    if (round === 50) throw new Error("no notification arrived in 50 rounds");
    await t.as(`president@${tenant}.demo`).data(`mutation($input: InviteMemberInput!) { inviteMember(input: $input) { id } }`, {
      input: { email: `invitee-${round}-${Date.now()}@${tenant}.test`, displayName: "Invitee", role: "STAFF", department: "OPERATIONS" },
    });
    await deliverEventsOnce(deliveryDeps(t));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe("revocations close live sockets at once", () => {
  test("signOutEverywhere closes that user's open socket with 4403 and leaves another user's socket open", async () => {
    await addMember(t.database.owner, "signs-out@cn-sh.test", "CN-SH", "STAFF", "OPERATIONS");
    await addMember(t.database.owner, "watches@cn-sh.test", "CN-SH", "PRESIDENT");
    const leaving = await openSocket("signs-out@cn-sh.test");
    const staying = await openSocket("watches@cn-sh.test");

    await t.as("signs-out@cn-sh.test").data(`mutation { signOutEverywhere }`);

    expect(await leaving.closed).toBe(4403);
    await untilNotified(staying);
    expect(staying.received[0].data.notificationAdded.type).toBe("member.invited");
    expect(staying.isClosed()).toBe(false);
  });

  test("deactivateMembership closes the deactivated member's socket with 4403", async () => {
    await addMember(t.database.owner, "leaves@cn-sh.test", "CN-SH", "STAFF", "OPERATIONS");
    const leaving = await openSocket("leaves@cn-sh.test");

    await t.as("president@cn-sh.demo").data(`mutation($id: ID!) { deactivateMembership(id: $id, reason: "left the company") { id } }`, {
      id: await membershipOf("leaves@cn-sh.test"),
    });

    expect(await leaving.closed).toBe(4403);
  });

  test("deactivating one membership leaves the user's socket acting through another membership open", async () => {
    await addMember(t.database.owner, "two-homes@cn-sh.test", "CN-SH", "PRESIDENT");
    await addMembership(t.database.owner, demoId("test-user", "two-homes@cn-sh.test"), "CN-SZ", "PRESIDENT");
    const inShanghai = await openSocket("two-homes@cn-sh.test", "CN-SH");
    const inShenzhen = await openSocket("two-homes@cn-sh.test", "CN-SZ");

    await t.as("president@cn-sh.demo").data(`mutation($id: ID!) { deactivateMembership(id: $id, reason: "moved to Shenzhen") { id } }`, {
      id: await membershipOf("two-homes@cn-sh.test", "CN-SH"),
    });

    expect(await inShanghai.closed).toBe(4403);
    await untilNotified(inShenzhen, "cn-sz");
    expect(inShenzhen.isClosed()).toBe(false);
  });

  test("a token whose session has already ended is refused at connection_init", async () => {
    await addMember(t.database.owner, "ended@cn-sh.test", "CN-SH", "STAFF", "OPERATIONS");
    await t.login("ended@cn-sh.test");
    await t.as("ended@cn-sh.test").data(`mutation { signOutEverywhere }`);
    const token = await t.login("ended@cn-sh.test");
    const client = createClient({ url: t.app.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    clients.push(client);
    const code = await new Promise<number>((resolve) => {
      client.on("closed", (event) => resolve((event as { code: number }).code));
      client.subscribe({ query: NOTIFICATIONS }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    });
    expect(code).toBe(4403);
  });
});
