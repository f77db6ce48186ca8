import DataLoader from "dataloader";
import type { EntityManager } from "typeorm";
import { alignByKey } from "../../shared/batch";
import { User } from "./user.entity";

export function createIdentityLoaders(db: EntityManager) {
  return {
    /** Oneself and the members of visible tenants (RLS decides which). */
    userById: new DataLoader<string, User | null>(async (ids) =>
      alignByKey(
        ids,
        await db.getRepository(User).createQueryBuilder("u").where("u.id = ANY(:ids)", { ids }).getMany(),
        (u) => u.id,
      ),
    ),
  };
}

declare module "../../context/loaders" {
  interface Loaders {
    identity: ReturnType<typeof createIdentityLoaders>;
  }
}
