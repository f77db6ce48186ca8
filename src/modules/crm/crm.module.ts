import type { ModuleDescriptor } from "../../shared/module-descriptor";
import { crmNodes } from "./crm.nodes";
import { createClientLoaders } from "./client.loaders";
import { crmRules } from "./crm.rules";
import { ClientCommunicationResolver, ClientResolver } from "./client.resolver";
import { Client } from "./client.entity";
import { ClientCommunication, ClientContact } from "./client-profile.entity";

/** Enterprise clients, their contacts and communication log (seed 001, steps 1–2). */
export const crmModule: ModuleDescriptor = {
  name: "crm",
  entities: [Client, ClientCommunication, ClientContact],
  resolvers: [ClientCommunicationResolver, ClientResolver],
  rules: crmRules,
  loaders: { crm: createClientLoaders },
  nodeTypes: crmNodes,
};
