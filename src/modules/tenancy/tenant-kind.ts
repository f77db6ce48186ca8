import { registerEnumType } from "type-graphql";
import { TenantKind, TenantStatus } from "../../context/tenant-kind";

registerEnumType(TenantKind, { name: "TenantKind" });
registerEnumType(TenantStatus, { name: "TenantStatus" });
