import type { ModuleDescriptor } from "../shared/module-descriptor";
import { identityModule } from "./identity/identity.module";
import { tenancyModule } from "./tenancy/tenancy.module";
import { crmModule } from "./crm/crm.module";
import { casesModule } from "./cases/cases.module";
import { auditModule } from "./audit/audit.module";
import { approvalsModule } from "./approvals/approvals.module";
import { grantsModule } from "./grants/grants.module";
import { reportingModule } from "./reporting/reporting.module";
import { risksModule } from "./risks/risks.module";
import { operationsModule } from "./operations/operations.module";
import { affiliatesModule } from "./affiliates/affiliates.module";
import { settlementsModule } from "./settlements/settlements.module";
import { contractsModule } from "./contracts/contracts.module";
import { feeSettlementsModule } from "./fee-settlements/fee-settlements.module";
import { complaintsModule } from "./complaints/complaints.module";
import { partnersModule } from "./partners/partners.module";
import { assessmentsModule } from "./assessments/assessments.module";
import { nodesModule } from "./nodes/nodes.module";
import { mailModule } from "./mail/mail.module";
import { peopleModule } from "./people/people.module";
import { consoleModule } from "./console/console.module";
import { documentsModule } from "./documents/documents.module";
import { apiKeysModule } from "./api-keys/api-keys.module";
import { centresModule } from "./centres/centres.module";
import { calendarsModule } from "./calendars/calendars.module";
import { serviceDeskModule } from "./service-desk/service-desk.module";
import { eventsModule } from "./events/events.module";

/** Every module of the app; adding one is its folder and a line here. */
export const MODULES: readonly ModuleDescriptor[] = [
  identityModule,
  tenancyModule,
  calendarsModule,
  crmModule,
  casesModule,
  auditModule,
  approvalsModule,
  grantsModule,
  reportingModule,
  risksModule,
  operationsModule,
  affiliatesModule,
  settlementsModule,
  contractsModule,
  feeSettlementsModule,
  complaintsModule,
  partnersModule,
  assessmentsModule,
  documentsModule,
  serviceDeskModule,
  nodesModule,
  mailModule,
  peopleModule,
  apiKeysModule,
  centresModule,
  consoleModule,
  eventsModule,
];
