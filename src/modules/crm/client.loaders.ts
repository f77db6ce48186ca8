import type { EntityManager } from "typeorm";
import type { ActingContext } from "../../context/acting-context";
import { tenantRowLoaders } from "../../db/rows/row-loaders";
import { ClientCommunication, ClientContact } from "./client-profile.entity";
import { Client } from "./client.entity";

export function createClientLoaders(db: EntityManager, acting: ActingContext) {
  const rows = tenantRowLoaders(db, acting);
  return {
    clientById: rows.byId(Client),
    contactsByClientId: rows.groupedBy(ClientContact, "clientId", "createdAt", "id"),
    communicationsByClientId: rows.groupedBy(ClientCommunication, "clientId", "occurredAt", "id"),
  };
}

declare module "../../context/loaders" {
  interface Loaders {
    crm: ReturnType<typeof createClientLoaders>;
  }
}
