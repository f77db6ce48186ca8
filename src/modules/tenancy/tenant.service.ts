import Holidays from "date-holidays";
import { query, sql } from "../../db/rows/sql";
import { badUserInput, forbidden } from "../../shared/errors";
import { t } from "../../shared/messages";
import { timeZoneOrThrow } from "../../shared/local-time";
import { LOCALES, UpdateTenantSettingsInput } from "./tenant-settings";
import type { MemberSession } from "../../context/request-context";
import { byTenantPath, keysetPage } from "../../db/rows/keyset-page";
import { NameSearchArgs, whereNameHolds } from "../../shared/name-search";
import type { Page } from "../../shared/pagination";
import { Tenant } from "./tenant.entity";

/** The tenants the caller may read, in tree order (a parent before its children). */
export function listVisibleTenants({ db, acting }: MemberSession, args: NameSearchArgs): Promise<Page<Tenant>> {
  const visible = () => {
    const query = db.getRepository(Tenant).createQueryBuilder("t").where("t.id = ANY(:visible)", { visible: acting.visibleTenantIds });
    return args.search ? whereNameHolds(query, "t", args.search) : query;
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

/**
 * The acting tenant's own settings (president or deputy): an IANA time zone that both Intl and
 * PostgreSQL know, one of the network's locales, a country the holiday dataset knows.
 */
export async function updateTenantSettings({ db, acting, loaders }: MemberSession, input: UpdateTenantSettingsInput): Promise<Tenant> {
  if (acting.authorityLevel === null || acting.authorityLevel > 2) throw forbidden("A tenant's settings are set by its president or deputy");
  const timeZone = input.timeZone == null ? null : timeZoneOrThrow(input.timeZone, "timeZone");
  if (timeZone) {
    const [known] = await query<{ known: boolean }>(db, sql`SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = ${timeZone}) AS known`);
    if (!known.known) throw badUserInput(t("{timeZone} is not an IANA time zone the database knows", { timeZone }), "timeZone");
  }
  if (input.locale != null && !(LOCALES as readonly string[]).includes(input.locale)) throw badUserInput(t("locale is one of {locales}", { locales: LOCALES.join(", ") }), "locale");
  if (input.countryCode != null && !(input.countryCode in new Holidays().getCountries())) {
    throw badUserInput(t("{countryCode} is not an ISO 3166-1 alpha-2 country the holiday calendar knows", { countryCode: input.countryCode }), "countryCode");
  }
  await query(
    db,
    sql`UPDATE tenants SET time_zone = coalesce(${timeZone}, time_zone), locale = coalesce(${input.locale ?? null}, locale),
          country_code = coalesce(${input.countryCode ?? null}, country_code) WHERE id = ${acting.tenantId}`,
  );
  await query(
    db,
    sql`INSERT INTO tenant_settings_changes (tenant_id, time_zone, locale, country_code, changed_by)
        SELECT id, time_zone, locale, country_code, ${acting.userId} FROM tenants WHERE id = ${acting.tenantId}`,
  );
  loaders.tenancy.tenantById.clear(acting.tenantId);
  return (await loaders.tenancy.tenantById.load(acting.tenantId)) as Tenant;
}
