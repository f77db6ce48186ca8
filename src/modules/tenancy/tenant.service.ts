import type { MemberSession } from "../../context/request-context";
import { byTenantPath, keysetPage } from "../../db/keyset-page";
import type { Page, PageArgs } from "../../shared/pagination";
import { Tenant } from "./tenant.entity";

/** The tenants the caller may read, in tree order (a parent before its children). */
export function listVisibleTenants({ db, acting }: MemberSession, args: PageArgs): Promise<Page<Tenant>> {
  const visible = () =>
    db.getRepository(Tenant).createQueryBuilder("t").where("t.id = ANY(:visible)", { visible: acting.visibleTenantIds });
  return keysetPage(visible, byTenantPath("t"), args);
}
