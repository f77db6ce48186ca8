import { createHash, randomBytes } from "node:crypto";
import { useTestApp } from "../support/test-app";

const PUBLIC_URL = "https://files.linkpass.test";
const t = useTestApp({ PUBLIC_URL });

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
/** The same URL on the test server: PUBLIC_URL stands for it, as a proxy in front of the API would. */
const onTestServer = (publicUrl: string) => {
  expect(publicUrl.startsWith(`${PUBLIC_URL}/`)).toBe(true);
  return new URL(publicUrl.slice(PUBLIC_URL.length), t.app.url).toString();
};

it("with PUBLIC_URL set, upload, download, share and manifest file URLs are absolute under it", async () => {
  const bytes = Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(2000)]);
  const consultant = t.as("consultant@cn-sh.demo");
  const { createUpload } = await consultant.data(
    `mutation ($input: CreateUploadInput!) { createUpload(input: $input) { document { id } uploadUrl } }`,
    { input: { fileName: "certificate.pdf", contentType: "application/pdf", byteSize: bytes.length, sha256: sha256(bytes) } },
  );
  expect((await fetch(onTestServer(createUpload.uploadUrl), { method: "PUT", body: bytes })).status).toBe(200);
  const documentId = createUpload.document.id;

  const { document } = await consultant.data(`query ($id: ID!) { document(id: $id) { downloadUrl } }`, { id: documentId });
  const downloaded = await fetch(onTestServer(document.downloadUrl), { headers: { authorization: `Bearer ${await t.login("consultant@cn-sh.demo")}` } });
  expect(downloaded.status).toBe(200);

  const { rows } = await t.database.owner.query(
    `SELECT sc.id FROM service_cases sc JOIN tenants t ON t.id = sc.tenant_id WHERE t.code = 'CN-SH' AND sc.step = 'CERTIFICATION' ORDER BY sc.id LIMIT 1`,
  );
  await consultant.data(`mutation ($id: ID!, $caseId: ID!) { attachDocument(documentId: $id, subjectType: SERVICE_CASE, subjectId: $caseId) { id } }`, {
    id: documentId,
    caseId: rows[0].id,
  });
  const { createEvidencePackage } = await consultant.data(
    `mutation ($input: CreateEvidencePackageInput!) { createEvidencePackage(input: $input) { shareUrl } }`,
    { input: { caseId: rows[0].id, title: "Evidence", documentIds: [documentId], expiresAt: new Date(Date.now() + 24 * 3600_000).toISOString() } },
  );
  const manifest = (await (await fetch(onTestServer(createEvidencePackage.shareUrl))).json()) as { documents: { url: string }[] };
  const file = await fetch(onTestServer(manifest.documents[0].url));
  expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
});
