import { registerEnumType } from "type-graphql";

export enum TenantKind {
  HEAD_OFFICE = "HEAD_OFFICE",
  NATIONAL_CENTRE = "NATIONAL_CENTRE",
  CITY_CENTRE = "CITY_CENTRE",
  AFFILIATED_COMPANY = "AFFILIATED_COMPANY",
  PARTNER = "PARTNER",
}

export enum TenantStatus {
  APPLIED = "APPLIED",
  ACTIVE = "ACTIVE",
  SUSPENDED = "SUSPENDED",
  TERMINATED = "TERMINATED",
}

registerEnumType(TenantKind, { name: "TenantKind" });
registerEnumType(TenantStatus, { name: "TenantStatus" });
