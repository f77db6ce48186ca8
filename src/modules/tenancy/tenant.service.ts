import type { MemberSession } from "../../context/request-context";
import { Page, PageArgs, decodeCursorOrThrow, encodeCursor, pageSize } from "../../shared/pagination";
import { Tenant } from "./tenant.entity";

/** The tenants the caller may read, in tree order (a parent before its children). */
export async function listVisibleTenants({ db, acting }: MemberSession, args: PageArgs): Promise<Page<Tenant>> {
  const visible = () =>
    db.getRepository(Tenant).createQueryBuilder("t").where("t.id = ANY(:visible)", { visible: acting.visibleTenantIds });
  const query = visible().orderBy("t.path").limit(pageSize(args) + 1);
  if (args.after) {
    const [path] = decodeCursorOrThrow(args.after, 1);
    query.andWhere("t.path > :path", { path });
  }
  const rows = await query.getMany();
  return {
    nodes: rows.slice(0, pageSize(args)),
    hasNextPage: rows.length > pageSize(args),
    cursorOf: (tenant) => encodeCursor([tenant.path]),
    countTotal: () => visible().getCount(),
  };
}
