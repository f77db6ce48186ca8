import { Agent, request } from "node:http";
import { useTestApp } from "../support/test-app";
import { CLIENT_WRITERS, HOME_TENANT } from "../support/demo-network";

const MUTATIONS = 1000;
const TENANTS = new Set(CLIENT_WRITERS.map((email) => HOME_TENANT[email])).size;

const t = useTestApp({ DATABASE_POOL_SIZE: "10", DATABASE_POOL_TIMEOUT_MS: "20000" });

/**
 * All mutations are in flight at once, over a bounded pool of keep-alive sockets: a thousand new
 * connections at the same instant would test the kernel's accept backlog, not the server.
 */
const sockets = new Agent({ keepAlive: true, maxSockets: 64 });
afterAll(() => sockets.destroy());

function post(body: unknown, token: string): Promise<{ data?: any; errors?: unknown[] }> {
  return new Promise((resolve, reject) => {
    const call = request(
      t.app.url,
      { method: "POST", agent: sockets, headers: { "content-type": "application/json", authorization: `Bearer ${token}` } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8"))));
        response.on("error", reject);
      },
    );
    call.on("error", reject);
    call.end(JSON.stringify(body));
  });
}

describe("load with nothing lost", () => {
  it(`${MUTATIONS} concurrent mutations from ${CLIENT_WRITERS.length} users of ${TENANTS} tenants: each acknowledged write is stored and audited exactly once`, async () => {
    const tokens = Object.fromEntries(await Promise.all(CLIENT_WRITERS.map(async (email) => [email, await t.login(email)] as const)));
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: MUTATIONS }, async (_, i) => {
        const email = CLIENT_WRITERS[i % CLIENT_WRITERS.length];
        const name = `Load ${i}`;
        const response = await post(
          { query: "mutation($input: CreateClientInput!) { createClient(input: $input) { id name tenant { code } } }", variables: { input: { name } } },
          tokens[email],
        );
        return { email, name, response };
      }),
    );
    const elapsed = Date.now() - started;
    const acknowledged = results.filter((r) => r.response.data?.createClient);
    expect(acknowledged.length).toBe(MUTATIONS);
    for (const { email, name, response } of acknowledged) {
      expect(response.data!.createClient).toMatchObject({ name, tenant: { code: HOME_TENANT[email] } });
    }
    const { rows } = await t.database.owner.query(
      `SELECT c.name, t.code, (SELECT count(*)::int FROM audit_log a WHERE a.target_id = c.id AND a.action = 'INSERT') AS audit
         FROM clients c JOIN tenants t ON t.id = c.tenant_id WHERE c.name LIKE 'Load %'`,
    );
    expect(rows).toHaveLength(MUTATIONS);
    const byName = new Map(rows.map((r: { name: string }) => [r.name, r]));
    for (const { email, name } of acknowledged) expect(byName.get(name)).toEqual({ name, code: HOME_TENANT[email], audit: 1 });
    console.log(`${MUTATIONS} concurrent mutations in ${elapsed} ms`);
  }, 300_000);
});
