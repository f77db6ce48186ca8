import DataLoader from "dataloader";
import type { EntityManager } from "typeorm";
import type { ActingContext } from "../../context/acting-context";
import { alignByKey } from "../../shared/batch";
import { Client } from "./client.entity";

export function createClientLoaders(db: EntityManager, acting: ActingContext) {
  return {
    clientById: new DataLoader<string, Client | null>(async (ids) =>
      alignByKey(
        ids,
        await db
          .getRepository(Client)
          .createQueryBuilder("c")
          .where("c.id = ANY(:ids)", { ids })
          .andWhere("c.tenant_id = ANY(:visible)", { visible: acting.visibleTenantIds })
          .getMany(),
        (c) => c.id,
      ),
    ),
  };
}
