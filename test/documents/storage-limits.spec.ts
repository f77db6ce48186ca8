import { createHash, randomBytes } from "node:crypto";
import { useTestApp } from "../support/test-app";

const QUOTA = 10_000;
const t = useTestApp({ STORAGE_QUOTA_BYTES: String(QUOTA), RATE_LIMIT_ANONYMOUS_PER_MINUTE: "40" });

const CREATE_UPLOAD = `mutation ($input: CreateUploadInput!) { createUpload(input: $input) { document { id } uploadUrl } }`;
const USAGE = `{ me { tenant { code storageUsedBytes storageQuotaBytes children { code storageUsedBytes } } } }`;

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const pdf = (size: number) => Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(size - 9)]);
const url = (path: string) => new URL(path, t.app.url).toString();
const input = (bytes: Buffer) => ({ fileName: "file.pdf", contentType: "application/pdf", byteSize: bytes.length, sha256: sha256(bytes) });
const usedBytesOf = async (code: string) =>
  Number((await t.database.owner.query("SELECT coalesce(sum(u.used_bytes), 0) AS n FROM tenant_storage_usage u JOIN tenants t ON t.id = u.tenant_id WHERE t.code = $1", [code])).rows[0].n);

describe("the storage quota", () => {
  it("a tenant's stored bytes count exactly, and an upload past the quota is refused with QUOTA_EXCEEDED, creating nothing", async () => {
    const member = t.as("consultant@cn-sz.demo");
    const first = pdf(6000);
    const { createUpload: ticket } = await member.data(CREATE_UPLOAD, { input: input(first) });
    // Pending uploads take no space yet.
    expect((await member.data(USAGE)).me.tenant).toMatchObject({ code: "CN-SZ", storageUsedBytes: 0, storageQuotaBytes: QUOTA });
    expect((await fetch(url(ticket.uploadUrl), { method: "PUT", body: first })).status).toBe(200);
    expect((await member.data(USAGE)).me.tenant.storageUsedBytes).toBe(6000);

    const documents = Number((await t.database.owner.query("SELECT count(*) AS n FROM documents")).rows[0].n);
    const refused = await member.query(CREATE_UPLOAD, { input: input(pdf(4001)) });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: "QUOTA_EXCEEDED", storageQuotaBytes: QUOTA, storageUsedBytes: 6000, requestedBytes: 4001 });
    expect(Number((await t.database.owner.query("SELECT count(*) AS n FROM documents")).rows[0].n)).toBe(documents);
  });

  it("two uploads each within the quota, but not together, store only the first: the second PUT is refused and keeps nothing; a deleted document frees its bytes", async () => {
    const member = t.as("consultant@my-kl.demo");
    const [a, b] = [pdf(6000), pdf(6000)];
    const { createUpload: first } = await member.data(CREATE_UPLOAD, { input: input(a) });
    const { createUpload: second } = await member.data(CREATE_UPLOAD, { input: input(b) });
    expect((await fetch(url(first.uploadUrl), { method: "PUT", body: a })).status).toBe(200);
    const over = await fetch(url(second.uploadUrl), { method: "PUT", body: b });
    expect(over.status).toBe(413);
    expect(((await over.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe("QUOTA_EXCEEDED");
    expect(await usedBytesOf("MY-KL")).toBe(6000);
    const { rows } = await t.database.owner.query("SELECT status, (SELECT count(*)::int FROM document_chunks c WHERE c.document_id = d.id) AS chunks FROM documents d WHERE id = $1", [
      second.document.id,
    ]);
    expect(rows).toEqual([{ status: "PENDING", chunks: 0 }]);
    // Removing a stored document gives its bytes back, in the same statement.
    await t.database.owner.query("DELETE FROM documents WHERE id = $1", [first.document.id]);
    expect(await usedBytesOf("MY-KL")).toBe(0);
  });

  it("a parent reads its children's usage; a sibling's stays null", async () => {
    const { me } = await t.as("president@cn.demo").data(USAGE);
    expect(me.tenant.children).toContainEqual({ code: "CN-SZ", storageUsedBytes: await usedBytesOf("CN-SZ") });
    const sibling = await t.as("president@cn-sh.demo").data(`query ($id: ID!) { tenant(id: $id) { storageUsedBytes } }`, {
      id: (await t.database.owner.query("SELECT id FROM tenants WHERE code = 'CN-SZ'")).rows[0].id,
    });
    expect(sibling.tenant?.storageUsedBytes ?? null).toBeNull();
  });
});

describe("rate limits", () => {
  it("upload and share URLs, which need no token, spend the client address's points like every anonymous request", async () => {
    const forged = `/documents/uploads/${randomBytes(32).toString("base64url")}`;
    const share = `/evidence-packages/${randomBytes(32).toString("base64url")}`;
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      statuses.push((await fetch(url(forged), { method: "PUT", body: "x" })).status);
      statuses.push((await fetch(url(share))).status);
    }
    expect(statuses).toContain(429);
    expect(new Set(statuses)).toEqual(new Set([404, 429]));
  });
});
