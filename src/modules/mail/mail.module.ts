import type { ModuleDescriptor } from "../../shared/module-descriptor";
import { mailDeliveryJob } from "./mail-delivery.job";
import { MAIL_SETTINGS } from "./mail-settings";

/** Outgoing e-mail: an outbox written in the deciding transaction, delivered after its commit. */
export const mailModule: ModuleDescriptor = {
  name: "mail",
  settings: MAIL_SETTINGS,
  jobs: [mailDeliveryJob],
};
