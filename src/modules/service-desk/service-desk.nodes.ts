import { type NodeType, loadedBy } from "../nodes/node";
import { Revisit } from "./revisit.entity";
import { ServiceRequest, ServiceRequestTransition } from "./service-request.entity";

export const serviceDeskNodes: NodeType[] = [
  loadedBy(ServiceRequest, (session) => session.loaders.serviceDesk.serviceRequestById),
  { type: ServiceRequestTransition },
  loadedBy(Revisit, (session) => session.loaders.serviceDesk.revisitById),
];
