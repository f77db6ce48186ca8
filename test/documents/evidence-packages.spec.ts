import { createHash, randomBytes } from "node:crypto";
import { DEMO_PARTNER, admittedPartner, tenantId } from "../support/partner-network";
import { errorCode, useTestApp } from "../support/test-app";

const t = useTestApp({ APPROVAL_ESCALATION_INTERVAL_SECONDS: "0" });

const CONSULTANT = "consultant@cn-sh.demo";
const RECIPIENT = "admin@cn-sh-cert.demo";

const CREATE = `mutation ($input: CreateEvidencePackageInput!) {
  createEvidencePackage(input: $input) { evidencePackage { id status expiresAt } shareUrl }
}`;
const REVOKE = `mutation ($id: ID!) { revokeEvidencePackage(id: $id) { id status revokedAt } }`;
const PACKAGES = `{ evidencePackages(first: 100) { totalCount edges { node {
  id title status expiresAt revokedAt case { id } recipientTenant { code }
  documents { id fileName downloadUrl } accesses { at documentId via } certificationReviews { id status }
} } } }`;
const RECORD_RESULT = `mutation ($reviewId: ID!) { recordCertificationResult(reviewId: $reviewId, input: { result: PASSED, notes: "Meets ISO 9001" }) { id status result } }`;

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const url = (path: string) => new URL(path, t.app.url).toString();
const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600_000).toISOString();

interface Manifest {
  title: string;
  expiresAt: string;
  documents: { id: string; fileName: string; contentType: string; byteSize: number; sha256: string; url: string }[];
}

/** A CN-SH case at `step` assigned to the consultant. */
async function consultantsCaseAt(step: string): Promise<string> {
  const { rows } = await t.database.owner.query(
    `SELECT sc.id FROM service_cases sc JOIN tenants t ON t.id = sc.tenant_id JOIN users u ON u.id = sc.consultant_id
      WHERE t.code = 'CN-SH' AND sc.step = $1 AND u.email = $2 ORDER BY sc.id LIMIT 1`,
    [step, CONSULTANT],
  );
  return rows[0].id;
}

/** Most packages share documents of this case. */
let caseId: string;
beforeAll(async () => {
  caseId = await consultantsCaseAt("CERTIFICATION");
});

/** A PDF stored by the consultant and, unless `attach` is false, attached to the case (`onCase`, by default the common one); its id and bytes. */
async function documentOfCase(fileName: string, { attach = true, onCase = caseId } = {}): Promise<{ id: string; bytes: Buffer }> {
  const email = CONSULTANT;
  const bytes = Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(3000)]);
  const { createUpload } = await t.as(email).data(
    `mutation ($input: CreateUploadInput!) { createUpload(input: $input) { document { id } uploadUrl } }`,
    { input: { fileName, contentType: "application/pdf", byteSize: bytes.length, sha256: sha256(bytes) } },
  );
  expect((await fetch(url(createUpload.uploadUrl), { method: "PUT", body: bytes })).status).toBe(200);
  if (attach) {
    await t.as(email).data(
      `mutation ($id: ID!, $caseId: ID!) { attachDocument(documentId: $id, subjectType: SERVICE_CASE, subjectId: $caseId) { id } }`,
      { id: createUpload.document.id, caseId: onCase },
    );
  }
  return { id: createUpload.document.id, bytes };
}

async function packageOf(documentIds: string[], extra: Record<string, unknown> = {}): Promise<{ id: string; shareUrl: string }> {
  const { createEvidencePackage } = await t.as(CONSULTANT).data(CREATE, {
    input: { caseId, title: "Certification evidence", documentIds, expiresAt: inDays(7), ...extra },
  });
  expect(createEvidencePackage.evidencePackage.status).toBe("ACTIVE");
  return { id: createEvidencePackage.evidencePackage.id, shareUrl: createEvidencePackage.shareUrl };
}

async function packagesSeenBy(email: string) {
  const { evidencePackages } = await t.as(email).data(PACKAGES);
  return evidencePackages.edges.map((edge: { node: Record<string, any> }) => edge.node) as Record<string, any>[];
}

/**
 * The package's accesses once `count` of them are committed. A file's access commits as its last
 * bytes leave the server, which a client may see before the commit: wait for it, never for a time.
 */
async function accessesOnceCommitted(packageId: string, count: number): Promise<Record<string, unknown>[]> {
  for (;;) {
    const { rows } = await t.database.owner.query("SELECT document_id, via, accessed_by FROM evidence_package_accesses WHERE package_id = $1 ORDER BY at, id", [packageId]);
    if (rows.length >= count) return rows;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const packageCount = async () => Number((await t.database.owner.query("SELECT count(*) AS n FROM evidence_packages")).rows[0].n);
const download = async (email: string, downloadUrl: string) => fetch(url(downloadUrl), { headers: { authorization: `Bearer ${await t.login(email)}` } });
/** Every URL of a package: its manifest and a file URL for each document. */
const urlsOf = (shareUrl: string, documentIds: string[]) => [shareUrl, ...documentIds.map((id) => `${shareUrl}/documents/${id}`)];

describe("evidence packages", () => {
  it("a share URL needs no account: its manifest lists exactly the package's documents, each url downloads its file as a private attachment, and every access is recorded", async () => {
    const certificate = await documentOfCase("ISO 9001 证书.pdf");
    const report = await documentOfCase("audit-report.pdf");
    const leftOut = await documentOfCase("internal-notes.pdf");
    const shared = await packageOf([report.id, certificate.id]);
    expect(shared.shareUrl).toMatch(/^\/evidence-packages\/[A-Za-z0-9_-]{43}$/);

    const response = await fetch(url(shared.shareUrl));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const manifest = (await response.json()) as Manifest;
    expect(manifest.title).toBe("Certification evidence");
    expect(manifest.documents.map((d) => d.id)).toEqual([report.id, certificate.id]);
    expect(manifest.documents[1]).toMatchObject({ fileName: "ISO 9001 证书.pdf", contentType: "application/pdf", byteSize: certificate.bytes.length, sha256: sha256(certificate.bytes) });
    expect(manifest.documents.map((d) => d.id)).not.toContain(leftOut.id);

    const file = await fetch(url(manifest.documents[1].url));
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toBe(`attachment; filename="ISO 9001 __.pdf"; filename*=UTF-8''${encodeURIComponent("ISO 9001 证书.pdf")}`);
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(file.headers.get("cache-control")).toBe("private, no-store");
    expect(Buffer.from(await file.arrayBuffer()).equals(certificate.bytes)).toBe(true);

    await accessesOnceCommitted(shared.id, 2);
    const [seen] = (await packagesSeenBy(CONSULTANT)).filter((p) => p.id === shared.id);
    expect(seen.accesses).toEqual([
      { at: expect.any(String), documentId: null, via: "SHARE_URL" },
      { at: expect.any(String), documentId: certificate.id, via: "SHARE_URL" },
    ]);
    const audited = await t.database.owner.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE target_type = 'evidence_package_accesses' AND after ->> 'package_id' = $1 AND actor_user_id IS NULL",
      [shared.id],
    );
    expect(audited.rows[0].n).toBe(2);
  });

  it("a file URL of a document outside the package answers 404, even one of the same case or of another package", async () => {
    const inside = await documentOfCase("inside.pdf");
    const sameCase = await documentOfCase("same-case.pdf");
    const shared = await packageOf([inside.id]);
    const other = await packageOf([sameCase.id]);
    expect((await fetch(url(`${shared.shareUrl}/documents/${sameCase.id}`))).status).toBe(404);
    expect((await fetch(url(`${other.shareUrl}/documents/${inside.id}`))).status).toBe(404);
    expect((await fetch(url(`/evidence-packages/${randomBytes(32).toString("base64url")}`))).status).toBe(404);
  });

  it("a revoked package answers 410 on its share URL and every file URL under it, and its recipient no longer reads its documents", async () => {
    const documents = [await documentOfCase("a.pdf"), await documentOfCase("b.pdf")];
    const ids = documents.map((d) => d.id);
    const shared = await packageOf(ids, { recipientTenantId: DEMO_PARTNER });
    for (const link of urlsOf(shared.shareUrl, ids)) expect((await fetch(url(link))).status).toBe(200);

    const { revokeEvidencePackage } = await t.as(CONSULTANT).data(REVOKE, { id: shared.id });
    expect(revokeEvidencePackage).toMatchObject({ status: "REVOKED", revokedAt: expect.any(String) });
    for (const link of urlsOf(shared.shareUrl, ids)) expect({ link, status: (await fetch(url(link))).status }).toEqual({ link, status: 410 });
    const [seen] = (await packagesSeenBy(RECIPIENT)).filter((p) => p.id === shared.id);
    expect(seen).toMatchObject({ status: "REVOKED", documents: [] });
    expect(errorCode(await t.as(CONSULTANT).query(REVOKE, { id: shared.id }))).toBe("CONFLICT");
  });

  it("an expired package answers 410 on every URL and reads as EXPIRED", async () => {
    const documents = [await documentOfCase("c.pdf"), await documentOfCase("d.pdf")];
    const ids = documents.map((d) => d.id);
    const shared = await packageOf(ids, { recipientTenantId: DEMO_PARTNER });
    await t.database.owner.query("UPDATE evidence_packages SET expires_at = now() - interval '1 minute' WHERE id = $1", [shared.id]);
    for (const link of urlsOf(shared.shareUrl, ids)) expect({ link, status: (await fetch(url(link))).status }).toEqual({ link, status: 410 });
    const [seen] = (await packagesSeenBy(CONSULTANT)).filter((p) => p.id === shared.id);
    expect(seen.status).toBe("EXPIRED");
    const [received] = (await packagesSeenBy(RECIPIENT)).filter((p) => p.id === shared.id);
    expect(received.documents).toEqual([]);
  });

  it("the recipient partner sees the package, downloads its files with its own token and records the case's certification result; another partner does none of it", async () => {
    const other = await admittedPartner(t, "president@cn-sh.demo", "CN-SH-LAB");
    const certificate = await documentOfCase("certificate.pdf");
    const { scheduleCertificationReview: review } = await t.as(CONSULTANT).data(
      `mutation ($caseId: ID!) { scheduleCertificationReview(caseId: $caseId, input: { bodyName: "CN-SH-CERT", scheduledFor: "2026-12-20T02:00:00Z" }) { id } }`,
      { caseId },
    );
    const shared = await packageOf([certificate.id], { recipientTenantId: DEMO_PARTNER });

    const [received] = (await packagesSeenBy(RECIPIENT)).filter((p) => p.id === shared.id);
    expect(received).toMatchObject({ status: "ACTIVE", case: null, recipientTenant: { code: "CN-SH-CERT" }, documents: [{ id: certificate.id }] });
    expect(received.certificationReviews).toContainEqual({ id: review.id, status: "SCHEDULED" });
    const file = await download(RECIPIENT, received.documents[0].downloadUrl);
    expect(file.status).toBe(200);
    expect(file.headers.get("cache-control")).toBe("private, no-store");
    expect(Buffer.from(await file.arrayBuffer()).equals(certificate.bytes)).toBe(true);
    const recipientUser = (await t.database.owner.query("SELECT id FROM users WHERE email = $1", [RECIPIENT])).rows[0].id;
    expect(await accessesOnceCommitted(shared.id, 1)).toEqual([{ document_id: certificate.id, via: "RECIPIENT", accessed_by: recipientUser }]);

    expect((await packagesSeenBy(other.adminEmail)).map((p) => p.id)).not.toContain(shared.id);
    expect((await t.as(other.adminEmail).data(`query ($id: ID!) { document(id: $id) { id } }`, { id: certificate.id })).document).toBeNull();
    expect((await download(other.adminEmail, received.documents[0].downloadUrl)).status).toBe(403);
    expect(errorCode(await t.as(other.adminEmail).query(RECORD_RESULT, { reviewId: review.id }))).toBe("FORBIDDEN");

    const { recordCertificationResult } = await t.as(RECIPIENT).data(RECORD_RESULT, { reviewId: review.id });
    expect(recordCertificationResult).toEqual({ id: review.id, status: "COMPLETED", result: "PASSED" });
    expect(errorCode(await t.as(RECIPIENT).query(RECORD_RESULT, { reviewId: review.id }))).toBe("CONFLICT");
  });

  it("a recipient records no certification result once its package is revoked, nor for a case it holds no package of", async () => {
    const otherCase = await consultantsCaseAt("MATERIALS_TRANSFERRED");
    const schedule = `mutation ($caseId: ID!) { scheduleCertificationReview(caseId: $caseId, input: { bodyName: "CN-SH-CERT", scheduledFor: "2026-12-21T02:00:00Z" }) { id } }`;
    const { scheduleCertificationReview: review } = await t.as(CONSULTANT).data(schedule, { caseId: otherCase });
    expect(errorCode(await t.as(RECIPIENT).query(RECORD_RESULT, { reviewId: review.id }))).toBe("FORBIDDEN");

    const certificate = await documentOfCase("revoked-certificate.pdf", { onCase: otherCase });
    const { createEvidencePackage } = await t.as(CONSULTANT).data(CREATE, {
      input: { caseId: otherCase, title: "Revoked", documentIds: [certificate.id], expiresAt: inDays(7), recipientTenantId: DEMO_PARTNER },
    });
    await t.as(CONSULTANT).data(REVOKE, { id: createEvidencePackage.evidencePackage.id });
    expect(errorCode(await t.as(RECIPIENT).query(RECORD_RESULT, { reviewId: review.id }))).toBe("FORBIDDEN");
    const status = await t.database.owner.query("SELECT status FROM certification_reviews WHERE id = $1", [review.id]);
    expect(status.rows[0].status).toBe("SCHEDULED");
  });

  it("a sibling centre's members never see a package nor download its documents, and nobody outside the case's centre creates one", async () => {
    const certificate = await documentOfCase("sibling.pdf");
    const shared = await packageOf([certificate.id], { recipientTenantId: DEMO_PARTNER });
    const [own] = (await packagesSeenBy(CONSULTANT)).filter((p) => p.id === shared.id);
    for (const email of ["consultant@cn-sz.demo", "president@cn-sz.demo", "president@my.demo"]) {
      expect((await packagesSeenBy(email)).map((p) => p.id)).not.toContain(shared.id);
      expect((await download(email, own.documents[0].downloadUrl)).status).toBe(403);
    }

    const before = await packageCount();
    const input = { caseId, title: "Not theirs", documentIds: [certificate.id], expiresAt: inDays(7) };
    expect(errorCode(await t.as("consultant@cn-sz.demo").query(CREATE, { input }))).toBe("BAD_USER_INPUT");
    expect(errorCode(await t.as(RECIPIENT).query(CREATE, { input }))).toBe("BAD_USER_INPUT");
    expect(errorCode(await t.as("president@cn.demo").query(CREATE, { input }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as("auditor@hq.demo").query(CREATE, { input }))).toBe("FORBIDDEN");
    expect(await packageCount()).toBe(before);
    // Staff of the case's centre may share its documents too.
    expect((await t.as("staff@cn-sh.demo").data(CREATE, { input: { ...input, title: "Staff's" } })).createEvidencePackage.evidencePackage.status).toBe("ACTIVE");
  });

  it("an expiry beyond 30 days or in the past, a document not stored on the case, and a recipient that is no partner are refused, writing nothing", async () => {
    const attached = await documentOfCase("ok.pdf");
    const unattached = await documentOfCase("loose.pdf", { attach: false });
    const before = await packageCount();
    const refusals: [Record<string, unknown>, string][] = [
      [{ expiresAt: inDays(31) }, "expiresAt"],
      [{ expiresAt: inDays(-1) }, "expiresAt"],
      [{ documentIds: [attached.id, unattached.id] }, "documentIds.1"],
      [{ recipientTenantId: tenantId("CN-SZ") }, "recipientTenantId"],
      [{ recipientTenantId: tenantId("CN-SH") }, "recipientTenantId"],
    ];
    for (const [change, field] of refusals) {
      const response = await t.as(CONSULTANT).query(CREATE, { input: { caseId, title: "Refused", documentIds: [attached.id], expiresAt: inDays(7), ...change } });
      expect({ change, code: errorCode(response), fields: response.errors?.[0].extensions?.fields }).toEqual({
        change,
        code: "BAD_USER_INPUT",
        fields: [expect.objectContaining({ field })],
      });
    }
    expect(await packageCount()).toBe(before);
    expect((await t.as(CONSULTANT).data(CREATE, { input: { caseId, title: "30 days", documentIds: [attached.id], expiresAt: inDays(29.99) } })).createEvidencePackage.evidencePackage.status).toBe("ACTIVE");
  });

  it("the share URL's context reads the package's own rows and nothing else of any tenant", async () => {
    const certificate = await documentOfCase("context.pdf");
    const other = await documentOfCase("context-other.pdf");
    const shared = await packageOf([certificate.id]);
    const token = shared.shareUrl.split("/").pop()!;
    const sql = t.database.owner;
    await sql.query("BEGIN");
    try {
      const { rows: entered } = await sql.query("SELECT tenant_id, subject_id FROM app.enter_evidence_package($1, 'probe')", [createHash("sha256").update(token).digest()]);
      expect(entered).toEqual([{ tenant_id: tenantId("CN-SH"), subject_id: shared.id }]);
      await sql.query("SET LOCAL ROLE linkpass_app");
      const { rows } = await sql.query(`
        SELECT (SELECT count(*)::int FROM clients) AS clients, (SELECT count(*)::int FROM service_cases) AS cases,
               (SELECT count(*)::int FROM evidence_packages) AS packages, (SELECT array_agg(id) FROM documents) AS documents,
               (SELECT count(DISTINCT document_id)::int FROM document_chunks) AS documents_with_content,
               (SELECT count(*)::int FROM audit_log) AS audit_entries`);
      expect(rows[0]).toEqual({ clients: 0, cases: 0, packages: 1, documents: [certificate.id], documents_with_content: 1, audit_entries: 0 });
      expect(rows[0].documents).not.toContain(other.id);
      // Not even a tenant's public profile: the context has no acting tenant whose parent or ancestors it could read.
      const { rows: tenants } = await sql.query("SELECT count(*)::int AS n FROM tenants");
      expect(tenants[0].n).toBe(0);
    } finally {
      await sql.query("ROLLBACK");
    }
  });
});
