import { useTestApp } from "./support/test-app";

const t = useTestApp();
const staff = t.as("staff@cn-sh.demo");

const create = (name: string) => ({
  query: "mutation($input: CreateClientInput!) { createClient(input: $input) { id name } }",
  variables: { input: { name } },
});

async function post(body: unknown, key?: string) {
  const response = await staff.post(body, { headers: key ? { "idempotency-key": key } : {} });
  return { status: response.status, replayed: response.headers.get("idempotent-replayed"), body: (await response.json()) as any };
}
const rowsNamed = async (name: string) => (await t.database.owner.query("SELECT count(*)::int AS n FROM clients WHERE name = $1", [name])).rows[0].n;

describe("Idempotency-Key", () => {
  it("a retried mutation returns the first response and is applied once", async () => {
    const first = await post(create("Retried Co"), "retry-1");
    const retry = await post(create("Retried Co"), "retry-1");
    expect(retry.body).toEqual(first.body);
    expect(retry.replayed).toBe("true");
    expect(await rowsNamed("Retried Co")).toBe(1);
  });

  it("a retry arriving while the first attempt still runs waits for it and gets its answer", async () => {
    const attempts = await Promise.all(Array.from({ length: 6 }, () => post(create("Concurrent Co"), "concurrent-1")));
    const ids = new Set(attempts.map((a) => a.body.data.createClient.id));
    expect(ids.size).toBe(1);
    expect(await rowsNamed("Concurrent Co")).toBe(1);
    const { rows } = await t.database.owner.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE target_type = 'clients' AND action = 'INSERT' AND after->>'name' = 'Concurrent Co'",
    );
    expect(rows[0].n).toBe(1);
  });

  it("the same key with a different request is a CONFLICT", async () => {
    await post(create("Original Co"), "reused-1");
    const reused = await post(create("Different Co"), "reused-1");
    expect(reused.status).toBe(409);
    expect(reused.body.errors[0].extensions.code).toBe("CONFLICT");
    expect(await rowsNamed("Different Co")).toBe(0);
  });

  it("a failed first attempt stores nothing, so the corrected retry is applied", async () => {
    const failed = await post(create(" "), "fix-1");
    expect(failed.body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    const fixed = await post(create("Fixed Co"), "fix-1");
    expect(fixed.body.data.createClient.name).toBe("Fixed Co");
  });

  it("without the header, each request is applied", async () => {
    await post(create("Twice Co"));
    await post(create("Twice Co"));
    expect(await rowsNamed("Twice Co")).toBe(2);
  });
});
