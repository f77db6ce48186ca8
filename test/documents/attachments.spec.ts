import { createHash, randomBytes } from "node:crypto";
import { useTestApp } from "../support/test-app";

const t = useTestApp();

const ATTACH = `mutation ($documentId: ID!, $subjectType: DocumentSubject!, $subjectId: ID!) {
  attachDocument(documentId: $documentId, subjectType: $subjectType, subjectId: $subjectId) { id }
}`;
const DOCUMENTS = `query ($subjectType: DocumentSubject!, $subjectId: ID!) { documents(subjectType: $subjectType, subjectId: $subjectId) { id fileName } }`;

/** A document stored by `email` in their acting tenant. */
async function storedBy(email: string, fileName = "evidence.pdf"): Promise<string> {
  const bytes = Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(1000)]);
  const { createUpload } = await t.as(email).data(
    `mutation ($input: CreateUploadInput!) { createUpload(input: $input) { document { id } uploadUrl } }`,
    { input: { fileName, contentType: "application/pdf", byteSize: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") } },
  );
  const stored = await fetch(new URL(createUpload.uploadUrl, t.app.url), { method: "PUT", body: bytes });
  expect(stored.status).toBe(200);
  return createUpload.document.id;
}

const idOf = async (sql: string, ...parameters: unknown[]): Promise<string> => {
  const { rows } = await t.database.owner.query(sql, parameters);
  if (!rows[0]) throw new Error(`no row for ${sql}`);
  return rows[0].id;
};
const inTenant = (table: string, code: string) => idOf(`SELECT x.id FROM ${table} x JOIN tenants t ON t.id = x.tenant_id WHERE t.code = $1 ORDER BY x.id LIMIT 1`, code);
const caseAt = (step: string) =>
  idOf("SELECT sc.id FROM service_cases sc JOIN tenants t ON t.id = sc.tenant_id WHERE t.code = 'CN-SH' AND sc.step = $1 ORDER BY sc.id LIMIT 1", step);
const attachmentCount = async () => Number((await t.database.owner.query("SELECT count(*) AS n FROM document_attachments")).rows[0].n);

/** Each subject type: a record, who writes it, who reads it as its own tenant's or its parent's, and a sibling who never does. */
const SUBJECTS: { type: string; subject: () => Promise<string>; writer: string; readers: string[]; outsider: string }[] = [
  { type: "SERVICE_CASE", subject: () => caseAt("CERTIFICATION"), writer: "consultant@cn-sh.demo", readers: ["staff@cn-sh.demo", "president@cn.demo"], outsider: "consultant@cn-sz.demo" },
  { type: "PARTNER_QUALIFICATION", subject: () => inTenant("partner_qualifications", "CN-SH-CERT"), writer: "admin@cn-sh-cert.demo", readers: ["president@cn-sh.demo", "president@cn.demo"], outsider: "president@cn-sz.demo" },
  { type: "PARTNER_CONTRACT", subject: () => inTenant("partner_contracts", "CN-SH-CERT"), writer: "admin@cn-sh-cert.demo", readers: ["president@cn-sh.demo"], outsider: "president@cn-sz.demo" },
  { type: "FEE_SETTLEMENT", subject: () => inTenant("fee_settlements", "CN-SH-CERT"), writer: "admin@cn-sh-cert.demo", readers: ["president@cn-sh.demo"], outsider: "president@my.demo" },
  { type: "COMPLAINT", subject: () => inTenant("complaints", "CN-SH-CERT"), writer: "admin@cn-sh-cert.demo", readers: ["president@cn-sh.demo"], outsider: "president@cn-sz.demo" },
  {
    type: "OPERATION_PROJECT",
    subject: async () =>
      (await t.as("staff@cn-sh.demo").data(`mutation { createOperationProject(input: { title: "Hosting", feasibility: "f", riskAssessment: "r", budgetMinor: "100", currency: "CNY" }) { id } }`))
        .createOperationProject.id,
    writer: "staff@cn-sh.demo",
    readers: ["president@cn-sh.demo", "president@cn.demo"],
    outsider: "consultant@cn-sz.demo",
  },
  { type: "BUSINESS_REPORT", subject: () => inTenant("business_reports", "CN-IT"), writer: "admin@cn-it.demo", readers: ["president@cn.demo"], outsider: "president@cn-sh.demo" },
];

describe("attachments", () => {
  it.each(SUBJECTS)("a $type's documents are read by its own tenant and its parents, never by a sibling", async ({ type, subject, writer, readers, outsider }) => {
    const subjectId = await subject();
    const documentId = await storedBy(writer, `${type}.pdf`);
    const variables = { subjectType: type, subjectId };
    expect((await t.as(writer).data(ATTACH, { documentId, ...variables })).attachDocument.id).toBe(documentId);
    // Attaching again changes nothing.
    await t.as(writer).data(ATTACH, { documentId, ...variables });
    expect((await t.as(writer).data(DOCUMENTS, variables)).documents).toEqual([{ id: documentId, fileName: `${type}.pdf` }]);
    for (const reader of readers) expect((await t.as(reader).data(DOCUMENTS, variables)).documents.map((d: { id: string }) => d.id)).toContain(documentId);
    const refused = await t.as(outsider).query(DOCUMENTS, variables);
    expect(refused.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  });

  it("a service case lists its documents on its own documents field", async () => {
    const caseId = await caseAt("IN_SERVICE");
    const documentId = await storedBy("consultant@cn-sh.demo");
    await t.as("consultant@cn-sh.demo").data(ATTACH, { documentId, subjectType: "SERVICE_CASE", subjectId: caseId });
    const { serviceCase } = await t.as("president@cn.demo").data(`query ($id: ID!) { serviceCase(id: $id) { documents { id } } }`, { id: caseId });
    expect(serviceCase.documents).toEqual([{ id: documentId }]);
  });

  it("a sibling never attaches to a record it cannot read, nor a document of another tenant", async () => {
    const caseId = await caseAt("IN_SERVICE");
    const before = await attachmentCount();
    const siblingDocument = await storedBy("consultant@cn-sz.demo");
    const onForeignCase = await t.as("consultant@cn-sz.demo").query(ATTACH, { documentId: siblingDocument, subjectType: "SERVICE_CASE", subjectId: caseId });
    expect(onForeignCase.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    const foreignDocument = await t.as("consultant@cn-sh.demo").query(ATTACH, { documentId: siblingDocument, subjectType: "SERVICE_CASE", subjectId: caseId });
    expect(foreignDocument.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    expect(await attachmentCount()).toBe(before);
  });

  it("a parent that reads a child's record still cannot attach to it, and an archived case takes no more documents", async () => {
    const before = await attachmentCount();
    const parentDocument = await storedBy("president@cn.demo");
    const onChildCase = await t.as("president@cn.demo").query(ATTACH, { documentId: parentDocument, subjectType: "SERVICE_CASE", subjectId: await caseAt("IN_SERVICE") });
    expect(onChildCase.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const onArchived = await t.as("consultant@cn-sh.demo").query(ATTACH, {
      documentId: await storedBy("consultant@cn-sh.demo"),
      subjectType: "SERVICE_CASE",
      subjectId: await caseAt("ARCHIVED"),
    });
    expect(onArchived.errors?.[0].extensions?.code).toBe("CONFLICT");
    expect(await attachmentCount()).toBe(before);
  });

  it("a document still PENDING cannot be attached", async () => {
    const { createUpload } = await t.as("consultant@cn-sh.demo").data(
      `mutation { createUpload(input: { fileName: "a.pdf", contentType: "application/pdf", byteSize: 10, sha256: "${"0".repeat(64)}" }) { document { id } } }`,
    );
    const refused = await t.as("consultant@cn-sh.demo").query(ATTACH, { documentId: createUpload.document.id, subjectType: "SERVICE_CASE", subjectId: await caseAt("IN_SERVICE") });
    expect(refused.errors?.[0].extensions?.code).toBe("CONFLICT");
  });
});
