import { writableOrThrow } from "../../context/acting-context";
import type { MemberSession } from "../../context/request-context";
import { insertReturning, rowKey, updateReturning } from "../../db/rows/entity-rows";
import { parseIdOrThrow } from "../../shared/ids";
import { NamePairs, whereNameHolds } from "../../shared/name-search";
import { Page } from "../../shared/pagination";
import { byTimestamp, keysetPage } from "../../db/rows/keyset-page";
import { assertWorkingMemberOrThrow } from "../identity/membership.service";
import { ClientCommunication, ClientContact } from "./client-profile.entity";
import { Client } from "./client.entity";
import {
  AddClientContactInput,
  ClientListArgs,
  CreateClientInput,
  LogClientCommunicationInput,
  UpdateClientInput,
} from "./client.inputs";

/** Clients' character pairs, for name search; clients are listed by when they were created. */
export const CLIENT_NAME_PAIRS: NamePairs = { table: "client_name_pairs", listedBy: "created_at" };

/** Clients of every visible tenant, oldest first, filtered by name, industry, consultant and tag. */
export async function listVisibleClients({ db, acting }: MemberSession, args: ClientListArgs): Promise<Page<Client>> {
  const matching = () => {
    const query = db
      .getRepository(Client)
      .createQueryBuilder("c")
      .where("c.tenant_id = ANY(:visible)", { visible: acting.visibleTenantIds });
    if (args.search) whereNameHolds(query, "c", args.search, CLIENT_NAME_PAIRS);
    if (args.industry) query.andWhere("lower(c.industry) = lower(:industry)", { industry: args.industry });
    if (args.consultantId) query.andWhere("c.consultant_id = :consultantId", { consultantId: args.consultantId });
    if (args.tag) query.andWhere(":tag = ANY(c.tags)", { tag: args.tag });
    return query;
  };
  return keysetPage(matching, byTimestamp("c", "created_at"), args);
}

/** A client of the caller's own tenant; the tenant comes from the context, never from input. */
export async function createClient({ db, acting }: MemberSession, input: CreateClientInput): Promise<Client> {
  if (input.consultantId) {
    await assertWorkingMemberOrThrow(db, { tenantId: acting.tenantId, userId: input.consultantId, argument: "consultantId" });
  }
  return insertReturning(db, Client, {
    tenantId: acting.tenantId,
    name: input.name.trim(),
    industry: input.industry ?? null,
    companySize: input.companySize ?? null,
    contactName: input.contactName ?? null,
    contactPhone: input.contactPhone ?? null,
    contactEmail: input.contactEmail ?? null,
    address: input.address ?? null,
    needs: input.needs ?? null,
    consultantId: input.consultantId ?? null,
    tags: input.tags ?? [],
    createdBy: acting.userId,
  });
}

export async function updateClient(session: MemberSession, id: string, input: UpdateClientInput): Promise<Client> {
  const { db } = session;
  const client = await writableClientOrThrow(session, id);
  if (input.consultantId) {
    await assertWorkingMemberOrThrow(db, { tenantId: client.tenantId, userId: input.consultantId, argument: "consultantId" });
  }
  // Omitted fields stay; null clears a field, except the name (required) and tags (a list, cleared to empty).
  const changes = Object.fromEntries(
    Object.entries({ ...input, name: input.name?.trim() ?? undefined, tags: input.tags === null ? [] : input.tags }).filter(
      ([, value]) => value !== undefined,
    ),
  );
  const [updated] = await updateReturning(db, Client, { ...changes, updatedAt: () => "now()" }, rowKey(client));
  return updated;
}

export async function addClientContact(session: MemberSession, clientId: string, input: AddClientContactInput): Promise<ClientContact> {
  const client = await writableClientOrThrow(session, clientId);
  return insertReturning(session.db, ClientContact, {
    tenantId: client.tenantId,
    clientId: client.id,
    name: input.name.trim(),
    title: input.title ?? null,
    phone: input.phone ?? null,
    email: input.email ?? null,
    isPrimary: input.isPrimary,
  });
}

export async function logClientCommunication(
  session: MemberSession,
  clientId: string,
  input: LogClientCommunicationInput,
): Promise<ClientCommunication> {
  const client = await writableClientOrThrow(session, clientId);
  return insertReturning(session.db, ClientCommunication, {
    tenantId: client.tenantId,
    clientId: client.id,
    channel: input.channel,
    occurredAt: input.occurredAt ?? new Date(),
    summary: input.summary.trim(),
    authorId: session.acting.userId,
  });
}

async function writableClientOrThrow({ acting, loaders }: MemberSession, id: string): Promise<Client> {
  return writableOrThrow(acting, await loaders.crm.clientById.load(parseIdOrThrow(id)), "Client");
}
