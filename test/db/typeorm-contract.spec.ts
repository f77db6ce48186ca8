import type { ObjectLiteral } from "typeorm";
import { appModules } from "../../src/app";
import { hydrate, selectEntities } from "../../src/db/rows/entity-rows";
import { requestTransactions } from "../../src/db/request-transaction";
import { Client } from "../../src/modules/crm/client.entity";
import { useTestApp } from "../support/test-app";

/**
 * src/db/rows builds entities from raw rows with TypeORM internals (column metadata,
 * prepareHydratedValue, DriverUtils.buildAlias, expressionMap) and tells TypeORM that a request's
 * transaction is open. These tests compare each shortcut with what TypeORM itself does, so an
 * upgrade that changes an internal fails here, loudly, instead of corrupting rows elsewhere.
 */
const t = useTestApp();

describe("the rows layer against TypeORM", () => {
  it("hydrate builds, for every entity with demo rows, exactly the entity TypeORM's own find builds", async () => {
    const db = t.app.dataSource.manager;
    let compared = 0;
    for (const entity of appModules().entities) {
      const metadata = db.connection.getMetadata(entity);
      const raws: Record<string, unknown>[] = await db.query(`SELECT * FROM ${metadata.tableName} ORDER BY 1, 2 LIMIT 3`);
      if (raws.length === 0) continue;
      const key = (row: ObjectLiteral) => metadata.primaryColumns.map((column) => String(column.getEntityValue(row))).join("/");
      const found = await db.getRepository(entity).find();
      const byKey = new Map(found.map((row) => [key(row), row]));
      for (const raw of raws) {
        const ours = hydrate(db, entity, raw);
        expect({ entity: metadata.name, row: ours }).toEqual({ entity: metadata.name, row: byKey.get(key(ours)) });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(50);
  });

  it("selectEntities reads the query's own alias columns as getMany does, in the query's order", async () => {
    const query = () => t.app.dataSource.manager.getRepository(Client).createQueryBuilder("c").orderBy("c.created_at").addOrderBy("c.id").limit(20);
    expect(await selectEntities(query())).toEqual(await query().getMany());
  });

  it("TypeORM treats a request transaction as open: a save inside it joins it and is rolled back with it", async () => {
    const [{ id: userId }] = await t.app.dataSource.query("SELECT id FROM users WHERE email = 'staff@cn-sh.demo'");
    const { transaction, acting } = await requestTransactions(t.app.requestDataSource, { statementTimeoutMs: 10_000 }).openAsMember({ userId, sessionVersion: 1, requestId: "typeorm-contract" });
    const runner = transaction.manager.queryRunner!;
    expect(runner.isTransactionActive).toBe(true);
    await transaction.manager.save(Client, transaction.manager.create(Client, { tenantId: acting!.tenantId, name: "Contract Check Co", createdBy: userId }));
    await transaction.finish("rollback");
    const { rows } = await t.database.owner.query("SELECT count(*)::int AS n FROM clients WHERE name = 'Contract Check Co'");
    expect(rows[0].n).toBe(0);
  });
});
