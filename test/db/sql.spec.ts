import { readFileSync, readdirSync, statSync } from "node:fs";
import { join as joinPath } from "node:path";
import { requestTransactions } from "../../src/db/request-transaction";
import { allOf, empty, identifier, join, query, raw, sql, statementOf, where } from "../../src/db/rows/sql";
import { useTestApp } from "../support/test-app";

/**
 * src/db/rows/sql.ts is the one way modules run hand-written SQL: fragments from sql-template-tag,
 * numbered when they run. These tests pin what PostgreSQL receives, so an upgrade of the builder
 * that changes numbering, nesting or the empty fragment fails here first.
 */
const t = useTestApp();

describe("a SQL fragment", () => {
  it("binds each value as a numbered parameter, in the order written", () => {
    const fragment = sql`SELECT * FROM clients WHERE tenant_id = ${"t-1"} AND name = ${"Acme"}`;
    expect(statementOf(fragment)).toEqual({ text: "SELECT * FROM clients WHERE tenant_id = $1 AND name = $2", values: ["t-1", "Acme"] });
  });

  it("renumbers a nested fragment's values into the statement, before and after its neighbours", () => {
    const inner = sql`step = ${"OPEN"} AND tier = ${"GOLD"}`;
    const fragment = sql`SELECT 1 WHERE a = ${1} AND ${inner} AND b = ${2} AND (${sql`c = ${3}`})`;
    expect(statementOf(fragment)).toEqual({
      text: "SELECT 1 WHERE a = $1 AND step = $2 AND tier = $3 AND b = $4 AND (c = $5)",
      values: [1, "OPEN", "GOLD", 2, 3],
    });
  });

  it("sends an object bound in several places once, under one number; equal plain values keep their own", () => {
    const ids = ["a", "b"];
    const at = new Date("2026-01-01T00:00:00Z");
    const fragment = sql`${ids} ${at} ${ids} ${"x"} ${"x"} ${at}`;
    expect(statementOf(fragment)).toEqual({ text: "$1 $2 $1 $3 $4 $2", values: [ids, at, "x", "x"] });
  });

  it("leaves no text for an empty fragment, and conditions skip it", () => {
    expect(statementOf(sql`SELECT 1${empty}`)).toEqual({ text: "SELECT 1", values: [] });
    expect(statementOf(where(empty, sql``))).toEqual({ text: "", values: [] });
    expect(statementOf(allOf(empty, sql`a = ${1}`, empty, sql`b = ${2}`))).toEqual({ text: "a = $1 AND b = $2", values: [1, 2] });
    expect(statementOf(sql`SELECT 1 FROM t ${where(empty, sql`a = ${1}`)}`)).toEqual({ text: "SELECT 1 FROM t WHERE a = $1", values: [1] });
  });

  it("joins fragments with a separator, each keeping its values", () => {
    expect(statementOf(join([sql`(${1})`, sql`(${2})`], " OR ", "(", ")"))).toEqual({ text: "(($1) OR ($2))", values: [1, 2] });
  });

  it("keeps text that looks like SQL a value: only raw and identifier put text into the statement", () => {
    const attack = "x'; DROP TABLE clients; --";
    expect(statementOf(sql`SELECT * FROM clients WHERE name = ${attack}`)).toEqual({ text: "SELECT * FROM clients WHERE name = $1", values: [attack] });
    expect(statementOf(sql`SELECT ${raw("count(*)")} FROM ${identifier("c.clients")}`).text).toBe("SELECT count(*) FROM c.clients");
  });

  it("refuses an identifier that is not a plain lower-case name", () => {
    for (const name of ["tenant_id; DROP TABLE clients", '"tenant_id"', "Tenant", "a.b.c", "1col", "", "a b"]) {
      expect(() => identifier(name)).toThrow(/Not a plain SQL identifier/);
    }
    expect(() => identifier("c.tenant_id")).not.toThrow();
  });
});

describe("raw text in the statement", () => {
  it("comes only from our code: every raw(...) outside src/db/rows/sql.ts is given a string literal", () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = joinPath(dir, name);
        return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") ? [path] : [];
      });
    const offending: string[] = [];
    for (const file of files(joinPath(__dirname, "../../src"))) {
      if (file.endsWith(joinPath("db", "rows", "sql.ts"))) continue;
      const text = readFileSync(file, "utf8");
      for (const call of text.matchAll(/\braw\(/g)) {
        const argument = text.slice(call.index! + call[0].length);
        if (!/^\s*("[^"]*"|'[^']*'|`[^`$]*`)\s*\)/.test(argument)) offending.push(`${file}: raw(${argument.slice(0, 60)}`);
      }
    }
    expect(offending).toEqual([]);
  });
});

describe("query on the database", () => {
  const asStaff = async () => {
    const [{ id: userId }] = await t.app.dataSource.query("SELECT id FROM users WHERE email = 'staff@cn-sh.demo'");
    return requestTransactions(t.app.requestDataSource, { statementTimeoutMs: 10_000 }).openAsMember({ userId, sessionVersion: 1, requestId: "sql-contract" });
  };

  it("runs a fragment in the request's transaction and returns its rows, a value that looks like SQL coming back as it went", async () => {
    const { transaction, acting } = await asStaff();
    try {
      const attack = "x'; DROP TABLE clients; --";
      const rows = await query(transaction.manager, sql`SELECT ${attack}::text AS text, app.request_id() AS request, ${acting!.tenantId}::uuid AS tenant`);
      expect(rows).toEqual([{ text: attack, request: "sql-contract", tenant: acting!.tenantId }]);
    } finally {
      await transaction.finish("rollback");
    }
  });

  it("returns the RETURNING rows of UPDATE and DELETE as rows, not TypeORM's [rows, count]", async () => {
    const { transaction, acting } = await asStaff();
    try {
      const db = transaction.manager;
      const [client] = await query<{ id: string; name: string }>(db, sql`SELECT id, name FROM clients WHERE tenant_id = ${acting!.tenantId} ORDER BY id LIMIT 1`);
      const renamed = await query(db, sql`UPDATE clients SET name = ${"Renamed Co"} WHERE tenant_id = ${acting!.tenantId} AND id = ${client.id} RETURNING id, name`);
      expect(renamed).toEqual([{ id: client.id, name: "Renamed Co" }]);
      const none = await query(db, sql`DELETE FROM kpi_targets WHERE tenant_id = ${acting!.tenantId} AND kpi IS NULL RETURNING id`);
      expect(none).toEqual([]);
    } finally {
      await transaction.finish("rollback");
    }
  });

  it("types a value shared by several places once: a Date compared as timestamptz in two places", async () => {
    const at = new Date("2026-01-01T00:00:00Z");
    const [row] = await query(t.app.dataSource.manager, sql`SELECT ${at}::timestamptz <= now() AS past, ${at}::timestamptz = ${at}::timestamptz AS same`);
    expect(row).toEqual({ past: true, same: true });
  });

  it("outside a request, borrows a connection for the statement and gives it back", async () => {
    const connectedRunners = () => (t.app.dataSource.driver as unknown as { connectedQueryRunners: unknown[] }).connectedQueryRunners.length;
    const before = connectedRunners();
    for (let i = 0; i < 3; i++) expect(await query(t.app.dataSource.manager, sql`SELECT ${i}::int AS i`)).toEqual([{ i }]);
    expect(connectedRunners()).toBe(before);
  });
});
