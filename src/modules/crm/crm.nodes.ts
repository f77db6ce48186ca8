import { type NodeType, loadedBy } from "../nodes/node";
import { ClientCommunication, ClientContact } from "./client-profile.entity";
import { Client } from "./client.entity";

export const crmNodes: NodeType[] = [loadedBy(Client, (session) => session.loaders.crm.clientById), { type: ClientContact }, { type: ClientCommunication }];
