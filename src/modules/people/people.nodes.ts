import type { NodeType } from "../nodes/node";
import { Invitation } from "./invitation.entity";
import { administersMembers } from "./member-authority";

/** node(id) answers an invitation only to those the `invitations` query answers. */
export const peopleNodes: NodeType[] = [
  { type: Invitation, find: async ({ acting, db }, id) => (administersMembers(acting) ? db.getRepository(Invitation).findOneBy({ id }) : null) },
];
