import type { NodeType } from "../nodes/node";
import { Tenant } from "./tenant.entity";
import { findReadableTenant } from "./tenant.service";

export const tenancyNodes: NodeType[] = [{ type: Tenant, find: findReadableTenant }];
