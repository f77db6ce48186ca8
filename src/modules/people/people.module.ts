import type { ModuleDescriptor } from "../../shared/module-descriptor";
import { Invitation } from "./invitation.entity";
import { peopleNodes } from "./people.nodes";
import { PEOPLE_SETTINGS } from "./people-settings";
import { peopleRules } from "./people.rules";
import { InvitationResolver, MembersResolver } from "./people.resolver";
import { PasswordResolver } from "./password.resolver";

/** Members administer their tenant (invitations by e-mail, role changes, deactivation) and their own passwords and sessions. */
export const peopleModule: ModuleDescriptor = {
  name: "people",
  entities: [Invitation],
  resolvers: [MembersResolver, InvitationResolver, PasswordResolver],
  rules: peopleRules,
  settings: PEOPLE_SETTINGS,
  nodeTypes: peopleNodes,
};
