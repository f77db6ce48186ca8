import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { documentHash, registerDocuments } from "../src/http/trusted-documents";
import { DEMO_PASSWORD } from "../src/demo-data/demo-data";
import { StartedTestApp, startTestApp } from "./support/test-app";

const LOGIN = `mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;
const ME = `query Me { me { tenant { code } } }`;

describe("trusted-documents mode", () => {
  let t: StartedTestApp;
  let manifest: string;

  beforeAll(async () => {
    const client = mkdtempSync(path.join(tmpdir(), "link-pass-client-"));
    mkdirSync(path.join(client, "screens"));
    writeFileSync(path.join(client, "login.graphql"), LOGIN);
    writeFileSync(path.join(client, "screens", "me.gql"), ME);
    writeFileSync(path.join(client, "notes.txt"), "not a document");
    manifest = path.join(client, "trusted-documents.json");
    expect(registerDocuments([client], manifest)).toEqual({ added: 2, total: 2 });
    expect(registerDocuments([client], manifest)).toEqual({ added: 0, total: 2 });
    t = await startTestApp({ TRUSTED_DOCUMENTS_MANIFEST: manifest });
  });
  afterAll(() => t.stop());

  const post = (body: unknown, token?: string) =>
    fetch(t.app.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    }).then(async (response) => ({ status: response.status, body: (await response.json()) as any }));

  it("registered documents run, sent whole or as their hash alone", async () => {
    const login = await post({ query: LOGIN, variables: { email: "staff@cn-sh.demo", password: DEMO_PASSWORD } });
    const token = login.body.data.login.token;
    const byHash = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(ME) } } }, token);
    expect(byHash.body.data).toEqual({ me: { tenant: { code: "CN-SH" } } });
  });

  it("any other document is refused with a code, before it runs", async () => {
    const refused = await post({ query: "{ tenants { totalCount } }" });
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].extensions.code).toBe("DOCUMENT_NOT_TRUSTED");
  });
});
