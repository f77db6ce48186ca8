import type { MemberSession } from "../../context/request-context";
import { byTenantPath, keysetPage } from "../../db/rows/keyset-page";
import { NameSearchArgs, nameHolds } from "../../shared/name-search";
import type { Page } from "../../shared/pagination";
import { Tenant } from "./tenant.entity";

/** The tenants the caller may read, in tree order (a parent before its children). */
export function listVisibleTenants({ db, acting }: MemberSession, args: NameSearchArgs): Promise<Page<Tenant>> {
  const visible = () => {
    const query = db.getRepository(Tenant).createQueryBuilder("t").where("t.id = ANY(:visible)", { visible: acting.visibleTenantIds });
    return args.search ? query.andWhere(...nameHolds("t", args.search)) : query;
  };
  return keysetPage(visible, byTenantPath("t"), args);
}

/** A visible tenant, or the public profile of one of the caller's ancestors; null otherwise. */
export async function findReadableTenant({ loaders, acting }: MemberSession, id: string): Promise<Tenant | null> {
  const tenant = await loaders.tenancy.tenantById.load(id);
  // A centre reads its direct children's profiles only as the other side of their records
  // (a partner's contract or settlement); asked for directly, a child outside its role's view looks missing.
  return tenant && tenant.parentId === acting.tenantId && !acting.canSee(tenant.id) ? null : tenant;
}
