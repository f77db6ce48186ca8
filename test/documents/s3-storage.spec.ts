import { createHash, randomBytes } from "node:crypto";
import type { S3TestServer } from "../support/s3-server";
import { startS3Server } from "../support/s3-server";
import { useTestApp } from "../support/test-app";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { loadConfig } from "../../src/config";
import { DOCUMENT_SETTINGS } from "../../src/modules/documents/document-settings";
import { documentStorageFor } from "../../src/modules/documents/document-storage";
import { removeUnreferencedContent } from "../../src/modules/documents/storage-cleanup.jobs";

/** The documents' isolation again, with content in a real S3-protocol server (s3rver on loopback) instead of PostgreSQL. */
let s3: S3TestServer;
const env: Record<string, string> = {};
beforeAll(async () => {
  s3 = await startS3Server();
  env.STORAGE_URL = s3.storageUrl;
});
afterAll(() => s3?.close());
const t = useTestApp(env);

const CREATE_UPLOAD = `mutation ($input: CreateUploadInput!) { createUpload(input: $input) { document { id } uploadUrl } }`;
const DOCUMENT = `query ($id: ID!) { document(id: $id) { id status downloadUrl } }`;
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const pdf = (size: number) => Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(size)]);
const url = (path: string) => new URL(path, t.app.url).toString();
const download = async (email: string, downloadUrl: string) => fetch(url(downloadUrl), { headers: { authorization: `Bearer ${await t.login(email)}` } });

async function ticketFor(email: string, bytes: Buffer, declaredSha = sha256(bytes)) {
  const { createUpload } = await t.as(email).data(CREATE_UPLOAD, {
    input: { fileName: "certificate.pdf", contentType: "application/pdf", byteSize: bytes.length, sha256: declaredSha },
  });
  return createUpload as { document: { id: string }; uploadUrl: string };
}

const storageKeyOf = async (documentId: string) =>
  (await t.database.owner.query("SELECT storage_key, (SELECT count(*)::int FROM document_chunks c WHERE c.document_id = d.id) AS chunks FROM documents d WHERE id = $1", [documentId])).rows[0];

describe("the S3 driver", () => {
  it("stores a file as one object under a random key kept only on its row, and streams it back byte for byte", async () => {
    const bytes = pdf(700 * 1024);
    const ticket = await ticketFor("consultant@cn-sh.demo", bytes);
    expect((await fetch(url(ticket.uploadUrl), { method: "PUT", body: bytes })).status).toBe(200);
    const stored = await storageKeyOf(ticket.document.id);
    expect(stored.chunks).toBe(0);
    expect(stored.storage_key).toMatch(/^[0-9a-f-]{36}\/[A-Za-z0-9_-]{43}$/);
    expect(stored.storage_key).not.toContain(ticket.document.id);
    expect(await s3.keys()).toContain(stored.storage_key);

    const { document } = await t.as("consultant@cn-sh.demo").data(DOCUMENT, { id: ticket.document.id });
    const response = await download("consultant@cn-sh.demo", document.downloadUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("a sibling centre's token never downloads the file", async () => {
    const bytes = pdf(2000);
    const ticket = await ticketFor("consultant@cn-sh.demo", bytes);
    expect((await fetch(url(ticket.uploadUrl), { method: "PUT", body: bytes })).status).toBe(200);
    const { document } = await t.as("consultant@cn-sh.demo").data(DOCUMENT, { id: ticket.document.id });
    expect((await t.as("consultant@cn-sz.demo").data(DOCUMENT, { id: ticket.document.id })).document).toBeNull();
    expect((await download("consultant@cn-sz.demo", document.downloadUrl)).status).toBe(403);
  });

  it("a refused upload (wrong SHA-256, or a disguised executable) leaves no object behind", async () => {
    const before = await s3.keys();
    const bytes = pdf(600 * 1024);
    const wrongHash = await ticketFor("staff@cn-sh.demo", bytes, sha256(Buffer.from("else")));
    expect((await fetch(url(wrongHash.uploadUrl), { method: "PUT", body: bytes })).status).toBe(400);
    const executable = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00", "latin1"), randomBytes(3000)]);
    const disguised = await ticketFor("staff@cn-sh.demo", executable);
    expect((await fetch(url(disguised.uploadUrl), { method: "PUT", body: executable })).status).toBe(400);
    expect(await s3.keys()).toEqual(before);
    expect((await storageKeyOf(wrongHash.document.id)).storage_key).toBeNull();
  });

  it("an evidence package's share URL streams the file from the bucket, and answers 410 once revoked", async () => {
    const bytes = pdf(3000);
    const ticket = await ticketFor("consultant@cn-sh.demo", bytes);
    expect((await fetch(url(ticket.uploadUrl), { method: "PUT", body: bytes })).status).toBe(200);
    const { rows } = await t.database.owner.query(
      `SELECT sc.id FROM service_cases sc JOIN tenants t ON t.id = sc.tenant_id WHERE t.code = 'CN-SH' AND sc.step = 'CERTIFICATION' ORDER BY sc.id LIMIT 1`,
    );
    await t.as("consultant@cn-sh.demo").data(`mutation ($id: ID!, $caseId: ID!) { attachDocument(documentId: $id, subjectType: SERVICE_CASE, subjectId: $caseId) { id } }`, {
      id: ticket.document.id,
      caseId: rows[0].id,
    });
    const { createEvidencePackage } = await t.as("consultant@cn-sh.demo").data(
      `mutation ($input: CreateEvidencePackageInput!) { createEvidencePackage(input: $input) { evidencePackage { id } shareUrl } }`,
      { input: { caseId: rows[0].id, title: "S3", documentIds: [ticket.document.id], expiresAt: new Date(Date.now() + 24 * 3600_000).toISOString() } },
    );
    const fileUrl = url(`${createEvidencePackage.shareUrl}/documents/${ticket.document.id}`);
    expect(Buffer.from(await (await fetch(fileUrl)).arrayBuffer()).equals(bytes)).toBe(true);
    await t.as("consultant@cn-sh.demo").data(`mutation ($id: ID!) { revokeEvidencePackage(id: $id) { id } }`, { id: createEvidencePackage.evidencePackage.id });
    expect((await fetch(fileUrl)).status).toBe(410);
  });

  it("an object no document names (its upload died before the commit) is removed once a day old; stored files stay", async () => {
    const bytes = pdf(1000);
    const ticket = await ticketFor("consultant@cn-sh.demo", bytes);
    expect((await fetch(url(ticket.uploadUrl), { method: "PUT", body: bytes })).status).toBe(200);
    const stored = (await storageKeyOf(ticket.document.id)).storage_key as string;
    const orphan = `${randomBytes(16).toString("hex")}/left-behind`;
    await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: orphan, Body: Buffer.from("partial") }));
    const storage = documentStorageFor(loadConfig({ STORAGE_URL: s3.storageUrl }, DOCUMENT_SETTINGS).settings);

    expect(await removeUnreferencedContent(t.app.dataSource, storage)).toBe(0);
    expect(await s3.keys()).toContain(orphan);
    const aDayLater = new Date(Date.now() + 24 * 3_600_000 + 60_000);
    expect(await removeUnreferencedContent(t.app.dataSource, storage, aDayLater)).toBe(1);
    const keys = await s3.keys();
    expect(keys).not.toContain(orphan);
    expect(keys).toContain(stored);
  });
});
