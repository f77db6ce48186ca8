import { allow, chain } from "graphql-shield";
import { actingRule, isMember, writesOwnTenant } from "../../permissions/common.rules";
import type { RuleTree } from "../../permissions/rule-tree";
import { TenantKind } from "../../context/tenant-kind";

/** Clients belong to the centres (and affiliated companies) that serve them, not to head office or partners. */
const SERVES_CLIENTS: ReadonlySet<TenantKind> = new Set([
  TenantKind.NATIONAL_CENTRE,
  TenantKind.CITY_CENTRE,
  TenantKind.AFFILIATED_COMPANY,
]);

export const actsForServiceCentre = actingRule("actsForServiceCentre", (acting) => SERVES_CLIENTS.has(acting.tenantKind));

/** Writes clients and their cases: a member of a serving centre who is not read-only. */
export const writesClientWork = chain(isMember, writesOwnTenant, actsForServiceCentre);

export const crmRules: RuleTree = {
  Query: { clients: isMember, client: isMember },
  Mutation: {
    createClient: writesClientWork,
    updateClient: writesClientWork,
    addClientContact: writesClientWork,
    logClientCommunication: writesClientWork,
  },
  Client: allow,
  ClientConnection: allow,
  ClientEdge: allow,
  ClientContact: allow,
  ClientCommunication: allow,
};
