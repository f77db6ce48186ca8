import { createHash, randomBytes } from "node:crypto";
import { downloadPath } from "../../src/modules/documents/document-links";
import { removeExpiredUploads } from "../../src/modules/documents/storage-cleanup.jobs";
import { useTestApp } from "../support/test-app";

const SECRET = "documents-spec-signing-secret-0123456789abcdef";
const t = useTestApp({ JWT_SECRET: SECRET, MAX_UPLOAD_BYTES: String(2 * 1024 * 1024) });

const CREATE_UPLOAD = `mutation ($input: CreateUploadInput!) {
  createUpload(input: $input) { document { id status fileName } uploadUrl expiresAt }
}`;
const DOCUMENT = `query ($id: ID!) { document(id: $id) { id fileName contentType byteSize sha256 status downloadUrl tenant { code } } }`;

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
/** Enough of a PDF for its signature, padded to `size` bytes. */
const pdf = (size = 2000) => Buffer.concat([Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1"), randomBytes(size)]);
/** A Windows executable's first bytes. */
const executable = () => Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00", "latin1"), randomBytes(3000)]);

const url = (path: string) => new URL(path, t.app.url).toString();
const put = (uploadUrl: string, body: Buffer) => fetch(url(uploadUrl), { method: "PUT", body });

async function ticketFor(email: string, file: { bytes: Buffer; fileName?: string; contentType?: string; sha256?: string }) {
  const { createUpload } = await t.as(email).data(CREATE_UPLOAD, {
    input: {
      fileName: file.fileName ?? "certificate.pdf",
      contentType: file.contentType ?? "application/pdf",
      byteSize: file.bytes.length,
      sha256: file.sha256 ?? sha256(file.bytes),
    },
  });
  return createUpload as { document: { id: string; status: string; fileName: string }; uploadUrl: string; expiresAt: string };
}

async function storedBy(email: string, bytes: Buffer, fileName?: string): Promise<string> {
  const ticket = await ticketFor(email, { bytes, fileName });
  expect((await put(ticket.uploadUrl, bytes)).status).toBe(200);
  return ticket.document.id;
}

const chunksOf = async (documentId: string) =>
  Number((await t.database.owner.query("SELECT count(*) AS n FROM document_chunks WHERE document_id = $1", [documentId])).rows[0].n);
const statusOf = async (documentId: string) =>
  (await t.database.owner.query("SELECT status FROM documents WHERE id = $1", [documentId])).rows[0].status as string;

const download = async (email: string, downloadUrl: string) =>
  fetch(url(downloadUrl), { headers: { authorization: `Bearer ${await t.login(email)}` } });

describe("uploads", () => {
  it("a consultant's upload is stored once its size, SHA-256 and type match, and downloads byte for byte as an attachment", async () => {
    const bytes = pdf(700 * 1024);
    const ticket = await ticketFor("consultant@cn-sh.demo", { bytes, fileName: "资质证书 2026.pdf" });
    expect(ticket.document.status).toBe("PENDING");
    const stored = await put(ticket.uploadUrl, bytes);
    expect(stored.status).toBe(200);
    expect(stored.headers.get("cache-control")).toBe("private, no-store");

    const { document } = await t.as("consultant@cn-sh.demo").data(DOCUMENT, { id: ticket.document.id });
    expect(document).toMatchObject({ status: "STORED", byteSize: bytes.length, sha256: sha256(bytes), contentType: "application/pdf", tenant: { code: "CN-SH" } });
    const response = await download("consultant@cn-sh.demo", document.downloadUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="____ 2026.pdf"; filename*=UTF-8''${encodeURIComponent("资质证书 2026.pdf")}`,
    );
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    expect(await chunksOf(ticket.document.id)).toBe(3);
  });

  it("a used upload URL stores nothing a second time", async () => {
    const bytes = pdf();
    const ticket = await ticketFor("staff@cn-sh.demo", { bytes });
    expect((await put(ticket.uploadUrl, bytes)).status).toBe(200);
    const again = await put(ticket.uploadUrl, pdf());
    expect(again.status).toBe(404);
    expect(await chunksOf(ticket.document.id)).toBe(1);
  });

  it("a forged upload URL stores nothing", async () => {
    const bytes = pdf();
    const ticket = await ticketFor("staff@cn-sh.demo", { bytes });
    const forged = `/documents/uploads/${randomBytes(32).toString("base64url")}`;
    expect((await put(forged, bytes)).status).toBe(404);
    expect((await put(`${ticket.uploadUrl.slice(0, -1)}${ticket.uploadUrl.endsWith("A") ? "B" : "A"}`, bytes)).status).toBe(404);
    expect(await chunksOf(ticket.document.id)).toBe(0);
    expect(await statusOf(ticket.document.id)).toBe("PENDING");
  });

  it("content whose SHA-256 differs from the declared one is refused and nothing is stored", async () => {
    const bytes = pdf(600 * 1024);
    const ticket = await ticketFor("staff@cn-sh.demo", { bytes, sha256: sha256(Buffer.from("something else")) });
    const refused = await put(ticket.uploadUrl, bytes);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(await chunksOf(ticket.document.id)).toBe(0);
    expect(await statusOf(ticket.document.id)).toBe("PENDING");
  });

  it("content of another size than declared is refused and nothing is stored", async () => {
    const bytes = pdf();
    const ticket = await ticketFor("staff@cn-sh.demo", { bytes });
    expect((await put(ticket.uploadUrl, bytes.subarray(0, bytes.length - 1))).status).toBe(400);
    expect((await put(ticket.uploadUrl, Buffer.concat([bytes, Buffer.from("x")]))).status).toBe(400);
    expect(await chunksOf(ticket.document.id)).toBe(0);
    // A refused attempt spends nothing: the right bytes are still accepted before the URL expires.
    expect((await put(ticket.uploadUrl, bytes)).status).toBe(200);
  });

  it.each(["application/pdf", "text/plain", "image/png"])("an executable declared as %s is refused and nothing is stored", async (contentType) => {
    const bytes = executable();
    const ticket = await ticketFor("staff@cn-sh.demo", { bytes, contentType, fileName: "invoice.pdf" });
    const refused = await put(ticket.uploadUrl, bytes);
    expect(refused.status).toBe(400);
    expect(await chunksOf(ticket.document.id)).toBe(0);
  });

  it("plain text and CSV are stored as text", async () => {
    for (const contentType of ["text/plain", "text/csv"]) {
      const bytes = Buffer.from("client,score\n上海客户,95\n");
      const ticket = await ticketFor("staff@cn-sh.demo", { bytes, contentType, fileName: "scores.csv" });
      expect((await put(ticket.uploadUrl, bytes)).status).toBe(200);
    }
  });

  it("createUpload refuses a type off the allow-list, an oversized file and a bad hash, creating no document", async () => {
    const before = Number((await t.database.owner.query("SELECT count(*) AS n FROM documents")).rows[0].n);
    const inputs = [
      { fileName: "run.exe", contentType: "application/x-msdownload", byteSize: 10, sha256: "0".repeat(64) },
      { fileName: "big.pdf", contentType: "application/pdf", byteSize: 2 * 1024 * 1024 + 1, sha256: "0".repeat(64) },
      { fileName: "a.pdf", contentType: "application/pdf", byteSize: 10, sha256: "xyz" },
      { fileName: "/../\u202e", contentType: "application/pdf", byteSize: 10, sha256: "0".repeat(64) },
    ];
    for (const input of inputs) {
      const response = await t.as("staff@cn-sh.demo").query(CREATE_UPLOAD, { input });
      expect(response.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    }
    expect(Number((await t.database.owner.query("SELECT count(*) AS n FROM documents")).rows[0].n)).toBe(before);
  });

  it("a file name keeps no path, control or direction-override characters", async () => {
    const ticket = await ticketFor("staff@cn-sh.demo", { bytes: pdf(), fileName: "..\\..\\etc/\u202ecod.\u0007exe.pdf" });
    expect(ticket.document.fileName).toBe("cod.exe.pdf");
  });

  it("an auditor, who writes nothing, cannot create an upload", async () => {
    const response = await t.as("auditor@hq.demo").query(CREATE_UPLOAD, {
      input: { fileName: "a.pdf", contentType: "application/pdf", byteSize: 10, sha256: "0".repeat(64) },
    });
    expect(response.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});

describe("downloads", () => {
  let documentId: string;
  beforeAll(async () => {
    documentId = await storedBy("consultant@cn-sh.demo", pdf());
  });

  it("a sibling centre's token never downloads a file, even with a URL signed for its own user", async () => {
    const { document: own } = await t.as("consultant@cn-sh.demo").data(DOCUMENT, { id: documentId });
    expect((await t.as("consultant@cn-sz.demo").data(DOCUMENT, { id: documentId })).document).toBeNull();
    expect((await download("consultant@cn-sz.demo", own.downloadUrl)).status).toBe(403);
    const siblingUserId = (await t.database.owner.query("SELECT id FROM users WHERE email = 'consultant@cn-sz.demo'")).rows[0].id;
    const signedForSibling = downloadPath(SECRET, { documentId, userId: siblingUserId });
    expect((await download("consultant@cn-sz.demo", signedForSibling)).status).toBe(404);
  });

  it("a download URL works only with a token of the user it was issued to", async () => {
    const { document } = await t.as("consultant@cn-sh.demo").data(DOCUMENT, { id: documentId });
    expect((await download("staff@cn-sh.demo", document.downloadUrl)).status).toBe(403);
    expect((await fetch(url(document.downloadUrl))).status).toBe(401);
    const tampered = document.downloadUrl.replace(/expires=(\d+)/, (_: string, n: string) => `expires=${Number(n) + 3600}`);
    expect((await download("consultant@cn-sh.demo", tampered)).status).toBe(403);
  });

  it.each(["president@cn.demo", "finance@cn.demo", "auditor@hq.demo", "president@hq.demo"])(
    "%s, who reads the centre's subtree, reads and downloads its document",
    async (email) => {
      const { document } = await t.as(email).data(DOCUMENT, { id: documentId });
      expect(document?.id).toBe(documentId);
      expect((await download(email, document.downloadUrl)).status).toBe(200);
    },
  );

  it.each(["president@my.demo", "consultant@my-kl.demo", "admin@cn-sh-cert.demo", "admin@cn-it.demo"])("%s, outside the centre's subtree, never sees its document", async (email) => {
    expect((await t.as(email).data(DOCUMENT, { id: documentId })).document).toBeNull();
  });

  it("a PENDING document has no download URL", async () => {
    const ticket = await ticketFor("staff@cn-sh.demo", { bytes: pdf() });
    const { document } = await t.as("staff@cn-sh.demo").data(DOCUMENT, { id: ticket.document.id });
    expect(document).toMatchObject({ status: "PENDING", downloadUrl: null });
  });
});

describe("expired uploads", () => {
  it("the cleanup job removes PENDING documents whose upload URL expired, and nothing stored", async () => {
    const bytes = pdf();
    const expired = await ticketFor("staff@cn-sh.demo", { bytes });
    const stored = await storedBy("staff@cn-sh.demo", pdf());
    await t.database.owner.query("UPDATE documents SET upload_expires_at = now() - interval '1 minute' WHERE id = $1", [expired.document.id]);
    expect((await put(expired.uploadUrl, bytes)).status).toBe(404);
    const inAnHour = new Date(Date.now() + 60 * 60_000);
    expect(await removeExpiredUploads(t.app.dataSource, inAnHour)).toBeGreaterThanOrEqual(1);
    expect((await t.database.owner.query("SELECT id FROM documents WHERE id = $1", [expired.document.id])).rows).toEqual([]);
    expect(await statusOf(stored)).toBe("STORED");
    expect(await removeExpiredUploads(t.app.dataSource, inAnHour)).toBe(0);
  });
});

describe("audit", () => {
  it("a stored upload is audited as its uploader's, under an operation that never names the URL's token", async () => {
    const bytes = pdf();
    const ticket = await ticketFor("consultant@cn-sh.demo", { bytes });
    expect((await put(ticket.uploadUrl, bytes)).status).toBe(200);
    const { rows } = await t.database.owner.query(
      `SELECT a.operation, a.action, u.email FROM audit_log a JOIN users u ON u.id = a.actor_user_id WHERE a.target_id = $1 ORDER BY a.seq`,
      [ticket.document.id],
    );
    expect(rows).toEqual([
      { operation: "mutation createUpload", action: "INSERT", email: "consultant@cn-sh.demo" },
      { operation: "PUT app.enter_upload", action: "UPDATE", email: "consultant@cn-sh.demo" },
    ]);
  });
});
