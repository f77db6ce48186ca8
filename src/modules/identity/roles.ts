import { registerEnumType } from "type-graphql";
import { Department, Role } from "../../context/roles";

registerEnumType(Role, { name: "Role", description: "A member's role in one tenant (DESIGN §2)" });
registerEnumType(Department, { name: "Department" });
