import { registerEnumType } from "type-graphql";
import { Department, Role } from "../../context/roles";

registerEnumType(Role, {
  name: "Role",
  description: "A member's role in one tenant (DESIGN §2)",
  valuesConfig: {
    PRESIDENT: { description: "Authority level 1; reads the own tenant and its whole subtree" },
    DEPUTY: { description: "Authority level 2; reads the own tenant and its whole subtree" },
    DEPARTMENT_HEAD: { description: "Authority level 3; reads the own tenant, and its subtree in FINANCE and MANAGEMENT" },
    STAFF: { description: "Authority level 4; reads the own tenant, handles its daily work" },
    CONSULTANT: { description: "Authority level 4; reads the own tenant's clients, writes only the cases assigned to them" },
    AUDITOR: { description: "No authority level (never approves); reads the own tenant and its subtree, writes nothing" },
  },
});
registerEnumType(Department, {
  name: "Department",
  description: "The department a membership works in",
  valuesConfig: {
    MANAGEMENT: { description: "Management; a department head here reads the subtree" },
    MEDIA: { description: "Media" },
    FINANCE: { description: "Finance; a department head here reads the subtree" },
    TECHNOLOGY: { description: "Technology" },
    TRAINING: { description: "Training" },
    OPERATIONS: { description: "Operations" },
  },
});

