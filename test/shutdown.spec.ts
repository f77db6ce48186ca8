import { StartedTestApp, startTestApp } from "./support/test-app";

const CREATE = (name: string) =>
  `mutation { ${Array.from({ length: 15 }, (_, i) => `c${i}: createClient(input: { name: "${name}" }) { id }`).join(" ")} }`;

describe("shutdown and disconnects", () => {
  let t: StartedTestApp;
  beforeAll(async () => {
    // One pooled connection: requests queue for it, so many are surely in flight when stop begins.
    t = await startTestApp({ DATABASE_POOL_SIZE: "1" });
  });

  it("a client that hangs up mid-request leaves all or nothing of its document, never a part", async () => {
    const token = await t.login("staff@cn-sh.demo");
    for (let attempt = 0; attempt < 5; attempt++) {
      const name = `Disconnected ${attempt}`;
      const abort = new AbortController();
      const pending = fetch(t.app.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: CREATE(name) }),
        signal: abort.signal,
      }).catch(() => undefined);
      setTimeout(() => abort.abort(), 5 + attempt * 5);
      await pending;
      await new Promise((resolve) => setTimeout(resolve, 200));
      const { rows } = await t.database.owner.query("SELECT count(*)::int AS n FROM clients WHERE name = $1", [name]);
      expect([0, 15]).toContain(rows[0].n);
    }
  });

  it("on stop, requests in flight complete, new ones are refused and the pool closes", async () => {
    const token = await t.login("president@hq.demo");
    // The test above may have committed whole documents: count what is there now.
    const { rows } = await t.database.owner.query("SELECT count(*)::int AS n FROM clients");
    const outcomes = Array.from({ length: 30 }, () =>
      t.graphql("{ clients(first: 100) { totalCount edges { node { id tenant { code } } } } }", {}, { token }).then(
        (answer) => (answer.data?.clients.totalCount === rows[0].n ? "answered" : `wrong: ${JSON.stringify(answer).slice(0, 300)}`),
        () => "refused",
      ),
    );
    while (t.app.inFlight() < 10) await new Promise((resolve) => setImmediate(resolve));
    const accepted = t.app.inFlight();
    const stopping = t.app.stop();
    const results = await Promise.all(outcomes);
    // Accepted requests are answered in full; the rest never reach a half-closed server.
    expect(results.filter((r) => r === "answered").length).toBeGreaterThanOrEqual(accepted);
    expect(results.every((r) => r === "answered" || r === "refused")).toBe(true);
    await stopping;
    await expect(fetch(t.app.url, { method: "POST" })).rejects.toThrow();
    expect(t.app.dataSource.isInitialized).toBe(false);
    await t.database.drop();
  });
});
