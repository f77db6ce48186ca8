import type { MemberSession } from "../../context/request-context";
import { Page, PageArgs, decodeCursorOrThrow, encodeCursor, pageSize } from "../../shared/pagination";
import { Client } from "./client.entity";
import { CreateClientInput } from "./client.inputs";

/** Clients of every visible tenant, oldest first. */
export async function listVisibleClients({ db, acting }: MemberSession, args: PageArgs): Promise<Page<Client>> {
  const visible = () =>
    db.getRepository(Client).createQueryBuilder("c").where("c.tenant_id = ANY(:visible)", { visible: acting.visibleTenantIds });
  const query = visible().orderBy("c.created_at").addOrderBy("c.id").limit(pageSize(args) + 1);
  if (args.after) {
    const [createdAt, id] = decodeCursorOrThrow(args.after, 2);
    query.andWhere("(c.created_at, c.id) > (:createdAt::timestamptz, :id::uuid)", { createdAt, id });
  }
  const rows = await query.getMany();
  return {
    nodes: rows.slice(0, pageSize(args)),
    hasNextPage: rows.length > pageSize(args),
    cursorOf: (client) => encodeCursor([client.createdAt.toISOString(), client.id]),
    countTotal: () => visible().getCount(),
  };
}

/** A client of the caller's own tenant; the tenant comes from the context, never from input. */
export async function createClient({ db, acting }: MemberSession, input: CreateClientInput): Promise<Client> {
  const client = db.getRepository(Client).create({
    tenantId: acting.tenantId,
    name: input.name.trim(),
    industry: input.industry ?? null,
    companySize: input.companySize ?? null,
    contactName: input.contactName ?? null,
    contactPhone: input.contactPhone ?? null,
    contactEmail: input.contactEmail ?? null,
    address: input.address ?? null,
    needs: input.needs ?? null,
    createdBy: acting.userId,
  });
  await db.getRepository(Client).insert(client);
  return client;
}
