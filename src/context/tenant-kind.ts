/** DESIGN §1: what kind of organisation a tenant is; its place in the tree follows from it. */
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
