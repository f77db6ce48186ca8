import type { ModuleDescriptor } from "../../shared/module-descriptor";
import { Invitation } from "./invitation.entity";
import { peopleNodes } from "./people.nodes";
import { PEOPLE_SETTINGS } from "./people-settings";
import { peopleRules } from "./people.rules";
import { InvitationResolver, MembersResolver } from "./people.resolver";

/** Members administer their tenant: invitations by e-mail, role changes, deactivation. */
export const peopleModule: ModuleDescriptor = {
  name: "people",
  entities: [Invitation],
  resolvers: [MembersResolver, InvitationResolver],
  rules: peopleRules,
  settings: PEOPLE_SETTINGS,
  nodeTypes: peopleNodes,
};
