import { registerEnumType } from "type-graphql";
import { TenantKind, TenantStatus } from "../../context/tenant-kind";

registerEnumType(TenantKind, {
  name: "TenantKind",
  description: "The kind of organisation a tenant is (DESIGN §1)",
  valuesConfig: {
    HEAD_OFFICE: { description: "The head office, root of the network (exactly one)" },
    NATIONAL_CENTRE: { description: "A national service centre (国家服务中心), child of the head office" },
    CITY_CENTRE: { description: "A city service centre (城市服务中心), child of a national centre" },
    AFFILIATED_COMPANY: { description: "An independent IT or media company under a national centre (seed 000)" },
    PARTNER: { description: "A supplier, service provider or distributor under a centre (seed 003)" },
  },
});
registerEnumType(TenantStatus, {
  name: "TenantStatus",
  description: "A tenant's lifecycle: APPLIED → ACTIVE → SUSPENDED → TERMINATED",
  valuesConfig: {
    APPLIED: { description: "Registered, awaiting admission" },
    ACTIVE: { description: "Admitted and operating" },
    SUSPENDED: { description: "Suspended by its centre: its members still read but write nothing" },
    TERMINATED: { description: "Ended: its members can no longer sign in" },
  },
});
